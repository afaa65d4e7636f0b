import Testing

@testable import ConfideStatistics

/// The variance of calibrated designs, with the calibration history rebuilt from R's own
/// weights, so that the residualisation is checked apart from how the weights were found.
@Suite struct CalibrationVarianceTests {
  let reference: ReferenceResults
  let clus1: APIData
  let weights: FixtureTable
  let base: SurveyDesign

  init() throws {
    reference = try ReferenceResults("design-results.csv")
    clus1 = try APIData("apiclus1.csv")
    weights = try FixtureTable("raked-weights.csv")
    base = try SurveyDesign(
      weights: clus1.column("pw"), clusters: Grouping(clus1.labels("dnum")),
      fpc: .populationSize(clus1.column("fpc")))
  }

  func column(_ name: String) throws -> [Double] { try weights.numbers(name).map { try #require($0) } }

  @Test func rakedDesignsMatchSvymeanOnRake() throws {
    var design = base
    var margins: [PostStratificationCells] = []
    for (index, variable) in ["stype", "sch.wide", "comp.imp"].enumerated() {
      let cells = try Grouping(clus1.labels(variable))
      let before = index == 0 ? try column("w3") : try column("w\(index)")
      margins.append(
        PostStratificationCells(
          cells: cells.codes, cellCount: cells.count, weightsBefore: before, weightsAfter: try column("w\(index + 1)")))
    }
    design.weights = try column("final")
    design.calibration = [.raking(margins)]
    try reference.expectMatches(mean(clus1.column("api00"), in: design), "raked mean api00")
    try reference.expectMatches(total(clus1.column("enroll"), in: design), "raked total enroll")
    try reference.expectMatches(
      mean(clus1.column("api00"), in: design, domain: clus1.domain("comp.imp", "Yes")),
      "raked mean api00 comp.imp=Yes")
  }

  @Test func postStratifiedDesignsMatchSvymeanOnPostStratify() throws {
    var design = base
    let cells = try Grouping(clus1.labels("stype"))
    design.weights = try column("poststratified")
    design.calibration = [
      .postStratification(
        PostStratificationCells(
          cells: cells.codes, cellCount: cells.count, weightsBefore: base.weights,
          weightsAfter: try column("poststratified")))
    ]
    try reference.expectMatches(mean(clus1.column("api00"), in: design), "poststratified mean api00")
  }
}
