import ConfideStatistics
import Testing

/// The api data, designs, population margins and R's results for the calibration tests, as
/// `make-calibration.R` wrote them.
struct CalibrationFixtures {
  let reference: ReferenceResults
  let strat: APIData
  let clus1: APIData
  let dstrat: SurveyDesign
  let dclus1: SurveyDesign
  let clus1Weights: FixtureTable
  let stratWeights: FixtureTable

  init() throws {
    reference = try ReferenceResults("calibration-results.csv")
    strat = try APIData("apistrat.csv")
    clus1 = try APIData("apiclus1.csv")
    dstrat = try SurveyDesign(
      weights: strat.column("pw"), strata: Grouping(strat.labels("stype")),
      fpc: .populationSize(strat.column("fpc")))
    dclus1 = try SurveyDesign(
      weights: clus1.column("pw"), clusters: Grouping(clus1.labels("dnum")),
      fpc: .populationSize(clus1.column("fpc")))
    clus1Weights = try FixtureTable("calibrated-weights-clus1.csv")
    stratWeights = try FixtureTable("calibrated-weights-strat.csv")
  }

  /// The population counts R used, by level name (`pop.types`, `pop.schwide`, …).
  func population(_ name: String) -> [String: Double] {
    var counts: [String: Double] = [:]
    for (key, value) in reference.values where key.hasPrefix("population \(name)|") {
      counts[String(key.dropFirst("population \(name)|".count))] = value
    }
    return counts
  }

  /// A margin of one variable of a data set, with R's population counts.
  func margin(_ data: APIData, _ variable: String, _ population: String) throws -> PopulationMargin {
    PopulationMargin(Grouping(try data.labels(variable)), counts: self.population(population))
  }

  /// The three margins of `rake3`: school type, school-wide target met, comparable improvement.
  func threeMargins() throws -> [PopulationMargin] {
    [
      try margin(clus1, "stype", "pop.types"), try margin(clus1, "sch.wide", "pop.schwide"),
      try margin(clus1, "comp.imp", "pop.compimp"),
    ]
  }

  /// Compares calibrated weights with R's, respondent by respondent.
  func expectWeights(
    _ actual: [Double], _ table: FixtureTable, _ column: String, relative tolerance: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let expected = try table.numbers(column)
    #expect(actual.count == expected.count, "\(column): number of weights", sourceLocation: sourceLocation)
    var worst = 0.0
    for (a, e) in zip(actual, expected) {
      let r = try #require(e)
      worst = max(worst, abs(a - r) / abs(r))
    }
    #expect(
      worst <= tolerance, "\(column): weights differ from R's by \(worst) relative", sourceLocation: sourceLocation)
  }

  /// Compares an estimate with R's estimate and SE. An SE that calibration makes zero (the
  /// mean of a calibration variable) is compared with an absolute allowance of 1e-12 of the
  /// estimate, since R's and Confide's rounding noise around zero differ.
  func expectMatches(
    _ estimate: Estimate, _ testCase: String, tolerance: Double = 1e-10,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let value = try reference(testCase, "estimate")
    let se = try reference(testCase, "se")
    expectClose(estimate.value, value, relative: tolerance, "\(testCase) estimate", sourceLocation: sourceLocation)
    // A calibrated design's SE of a variable close to a calibration variable is a small residual
    // of a subtraction (7.6e-8 for a proportion of 0.8, calibrated on that variable): its last
    // digits are rounding noise on the scale of the estimate, so the SE is also allowed an
    // absolute 1e-13 of the estimate (a thousand times double precision at that scale).
    expectClose(
      estimate.standardError, se, relative: tolerance, absolute: 1e-13 * abs(value),
      "\(testCase) SE", sourceLocation: sourceLocation)
  }

  /// Compares the estimates `make-calibration.R` records for every calibrated design (means,
  /// totals, a ratio, domains by subset and by svyby) with R's.
  func expectEstimates(
    _ name: String, _ design: SurveyDesign, _ data: APIData, tolerance: Double = 1e-10,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let api00 = try data.column("api00")
    let enroll = try data.column("enroll")
    let yes = try data.domain("comp.imp", "Yes")
    try expectMatches(
      mean(api00, in: design), "\(name) mean api00", tolerance: tolerance, sourceLocation: sourceLocation)
    try expectMatches(
      total(enroll, in: design), "\(name) total enroll", tolerance: tolerance, sourceLocation: sourceLocation)
    try expectMatches(
      mean(data.indicator("sch.wide", "Yes"), in: design), "\(name) mean sch.wide=Yes", tolerance: tolerance,
      sourceLocation: sourceLocation)
    try expectMatches(
      ratio(data.column("api.stu"), to: enroll, in: design), "\(name) ratio api.stu/enroll", tolerance: tolerance,
      sourceLocation: sourceLocation)
    try expectMatches(
      mean(api00, in: design, domain: yes), "\(name) mean api00 comp.imp=Yes", tolerance: tolerance,
      sourceLocation: sourceLocation)
    try expectMatches(
      total(enroll, in: design, domain: yes), "\(name) total enroll comp.imp=Yes", tolerance: tolerance,
      sourceLocation: sourceLocation)
    #expect(
      design.degreesOfFreedom(in: yes) == Int(try reference("\(name) degf comp.imp=Yes")),
      "\(name) degf comp.imp=Yes", sourceLocation: sourceLocation)
    for variable in ["comp.imp", "stype"] {
      let byGroup = try mean(api00, in: design, by: Grouping(data.labels(variable)))
      for (level, estimate) in zip(byGroup.levels, byGroup.estimates) {
        try expectMatches(
          estimate, "\(name) mean api00 by \(variable):\(level)", tolerance: tolerance,
          sourceLocation: sourceLocation)
      }
    }
  }
}
