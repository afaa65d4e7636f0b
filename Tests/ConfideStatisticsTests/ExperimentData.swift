import ConfideStatistics
import Testing

/// The simulated chilling-effect survey written by `make-experiments.R`, and its design
/// (`svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, nest = TRUE)`).
struct ExperimentData {
  let data: APIData
  let design: SurveyDesign
  let reference: ReferenceResults

  init() throws {
    data = try APIData("experiments.csv")
    design = try SurveyDesign(
      weights: data.column("weight"), strata: Grouping(data.labels("stratum")),
      clusters: Grouping(data.labels("psu")), fpc: .populationSize(data.column("fpc")))
    reference = try ReferenceResults("experiments-results.csv")
  }

  /// The design without its fpc.
  func designWithoutFPC() throws -> SurveyDesign {
    try SurveyDesign(
      weights: data.column("weight"), strata: Grouping(data.labels("stratum")),
      clusters: Grouping(data.labels("psu")))
  }

  func column(_ name: String) throws -> [Double] { try data.column(name) }
  func grouping(_ name: String) throws -> Grouping { Grouping(try data.labels(name)) }

  /// Compares a value with R's.
  func expect(
    _ actual: Double, _ testCase: String, _ statistic: String, tolerance: Double = 1e-8,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    expectClose(
      actual, try reference(testCase, statistic), relative: tolerance, "\(testCase) \(statistic)",
      sourceLocation: sourceLocation)
  }
}
