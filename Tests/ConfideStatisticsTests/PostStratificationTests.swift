import ConfideStatistics
import Testing

/// Post-stratification against `survey::postStratify` (make-calibration.R).
@Suite struct PostStratificationTests {
  let data: CalibrationFixtures

  init() throws { data = try CalibrationFixtures() }

  @Test func theOracleFromTheSurveyPackage() throws {
    // statistics.md: postStratify(dclus1, ~stype, pop.types) → svymean api00 642.31, SE 23.921.
    let calibrated = try postStratify(data.dclus1, to: data.margin(data.clus1, "stype", "pop.types"))
    let estimate = try mean(data.clus1.column("api00"), in: calibrated)
    #expect((estimate.value * 100).rounded() == 64_231)
    // R prints the SE as 23.921; its value is 23.92049.
    #expect(abs(estimate.standardError - 23.921) < 0.001)
  }

  @Test func clusterDesignByOneVariable() throws {
    let calibrated = try postStratify(data.dclus1, to: data.margin(data.clus1, "stype", "pop.types"))
    try data.expectWeights(calibrated.weights, data.clus1Weights, "ps_stype")
    try data.expectEstimates("ps_clus1", calibrated, data.clus1)
    #expect(calibrated.calibration.count == 1)
    // The uncalibrated design is untouched, and its variance differs from the calibrated one's.
    try data.expectMatches(mean(data.clus1.column("api00"), in: data.dclus1), "dclus1 mean api00")
  }

  @Test func stratifiedDesignWithOneCountPerLevel() throws {
    let cells = try Grouping(data.strat.labels("sch.wide"))
    #expect(cells.levels == ["No", "Yes"])
    let calibrated = try postStratify(data.dstrat, cells: cells, populationCounts: [1072, 5122])
    try data.expectWeights(calibrated.weights, data.stratWeights, "ps_schwide")
    try data.expectEstimates("ps_strat", calibrated, data.strat)
  }

  @Test func cellsCrossingTwoVariables() throws {
    let cells = try Grouping(data.strat.labels("stype")).crossed(with: Grouping(data.strat.labels("sch.wide")))
    let counts = data.population("pop.cross")
    #expect(Set(counts.keys) == Set(cells.levels))
    let calibrated = try postStratify(data.dstrat, cells: cells, populationCounts: counts)
    try data.expectWeights(calibrated.weights, data.stratWeights, "ps_cross")
    try data.expectEstimates("ps_cross", calibrated, data.strat)
  }

  @Test func weightedCountsEqualThePopulationCounts() throws {
    let cells = try Grouping(data.strat.labels("stype")).crossed(with: Grouping(data.strat.labels("sch.wide")))
    let counts = data.population("pop.cross")
    let calibrated = try postStratify(data.dstrat, cells: cells, populationCounts: counts)
    for (code, level) in cells.levels.enumerated() {
      let inCell = cells.codes.map { $0 == Int32(code) }
      let weighted = try total([Double](repeating: 1, count: inCell.count), in: calibrated, domain: inCell)
      expectClose(weighted.value, try #require(counts[level]), relative: 1e-12, "cell \(level)")
    }
  }

  @Test func partialLeavesOutPopulationCellsEmptyInTheSample() throws {
    let cells = try Grouping(data.strat.labels("sch.wide"))
    var counts = data.population("pop.schwide")
    counts["Maybe"] = 100
    #expect(throws: EstimationError.self) { try postStratify(data.dstrat, cells: cells, populationCounts: counts) }
    let calibrated = try postStratify(data.dstrat, cells: cells, populationCounts: counts, partial: true)
    try data.expectWeights(calibrated.weights, data.stratWeights, "ps_partial")
    try data.expectMatches(mean(data.strat.column("api00"), in: calibrated), "ps_partial mean api00")
  }

  @Test func aPopulationCountOfZeroForACellAbsentFromTheSampleIsIgnored() throws {
    let cells = try Grouping(data.strat.labels("sch.wide"))
    var counts = data.population("pop.schwide")
    counts["Maybe"] = 0
    let calibrated = try postStratify(data.dstrat, cells: cells, populationCounts: counts)
    try data.expectWeights(calibrated.weights, data.stratWeights, "ps_schwide")
  }

  @Test func errorsNameTheCell() throws {
    let stype = try Grouping(data.clus1.labels("stype"))
    func message(_ counts: [String: Double], partial: Bool = false) -> String? {
      do {
        _ = try postStratify(data.dclus1, cells: stype, populationCounts: counts, partial: partial)
        return nil
      } catch {
        return error.description
      }
    }
    #expect(
      message(["E": 4421, "M": 1018])
        == "post-stratification: cell 'H' is in the sample but not in the population counts (or counted zero)")
    #expect(
      message(["E": 4421, "H": 0, "M": 0])
        == "post-stratification: cells 'H', 'M' are in the sample but not in the population counts (or counted zero)")
    // partial only forgives population cells; a sample cell without a count is still an error.
    #expect(message(["E": 4421, "M": 1018], partial: true) != nil)
    #expect(
      message(["E": 4421, "H": 755, "M": 1018, "X": 3])
        == "post-stratification: cell 'X' is in the population but no respondent in the sample has a positive "
        + "weight there (post-stratify with partial: true to leave such cells out)")
    #expect(
      message(["E": 4421, "H": -755, "M": 1018])
        == "post-stratification: the population count of cell 'H' is negative or not a number")
    #expect(
      message(["E": 4421, "H": .nan, "M": 1018])
        == "post-stratification: the population count of cell 'H' is negative or not a number")
  }

  @Test func aCellWhoseRespondentsAllWeighZeroIsEmpty() throws {
    // Three respondents, two cells; the only respondent of cell "b" weighs zero.
    let design = try SurveyDesign(weights: [1, 3, 0])
    let cells = Grouping(["a", "a", "b"])
    #expect(throws: EstimationError.self) {
      try postStratify(design, cells: cells, populationCounts: ["a": 8, "b": 2])
    }
    let calibrated = try postStratify(design, cells: cells, populationCounts: ["a": 8, "b": 2], partial: true)
    #expect(calibrated.weights == [2, 6, 0])
    let estimate = try mean([1, 2, 3], in: calibrated)
    #expect(estimate.value == 1.75)
    #expect(estimate.variance.isFinite)
  }

  @Test func malformedArgumentsAreErrors() throws {
    let stype = try Grouping(data.clus1.labels("stype"))
    #expect(
      throws: EstimationError.lengthMismatch(argument: "population counts (one per level)", expected: 3, actual: 2)
    ) {
      try postStratify(data.dclus1, cells: stype, populationCounts: [4421, 755])
    }
    #expect(throws: EstimationError.lengthMismatch(argument: "post-stratification cells", expected: 183, actual: 3)) {
      try postStratify(data.dclus1, cells: Grouping(["E", "H", "M"]), populationCounts: [1, 2, 3])
    }
    var labels: [String?] = try data.clus1.labels("stype")
    labels[4] = nil
    #expect(
      throws: EstimationError.invalidArgument(
        "post-stratification: a respondent is in no cell (a missing value in the cell variable)")
    ) {
      try postStratify(data.dclus1, cells: Grouping(labels), populationCounts: data.population("pop.types"))
    }
    #expect(throws: EstimationError.invalidArgument("two cells are both named 'a'")) {
      try PopulationMargin(Grouping(codes: [0, 1], levels: ["a", "a"]), counts: [1, 2])
    }
  }
}
