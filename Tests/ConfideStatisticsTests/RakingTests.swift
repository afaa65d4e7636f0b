import ConfideStatistics
import Testing

/// Raking against `survey::rake` (make-calibration.R).
@Suite struct RakingTests {
  let data: CalibrationFixtures

  init() throws { data = try CalibrationFixtures() }

  func twoMargins() throws -> [PopulationMargin] {
    [try data.margin(data.clus1, "stype", "pop.types"), try data.margin(data.clus1, "sch.wide", "pop.schwide")]
  }

  @Test func theOracleFromTheSurveyPackage() throws {
    // statistics.md (tests/rakecheck.Rout.save): svymean api00 641.23, SE 23.704; svytotal enroll
    // SE 400603. (The total prints as 3647280 there; survey 4.1-1 gives 3647300.03.)
    let raked = try rake(data.dclus1, margins: twoMargins()).design
    let api00 = try mean(data.clus1.column("api00"), in: raked)
    #expect((api00.value * 100).rounded() == 64_123)
    #expect((api00.standardError * 1000).rounded() == 23_704)
    let enroll = try total(data.clus1.column("enroll"), in: raked)
    #expect(enroll.standardError.rounded() == 400_603)
  }

  @Test func twoMarginsWithRsDefaultControl() throws {
    let result = try rake(data.dclus1, margins: twoMargins())
    #expect(result.converged)
    #expect(result.iterations == Int(try data.reference("rake2", "rounds")))
    #expect(result.tolerance == 1)
    #expect(result.largestChange < 1)
    try data.expectWeights(result.design.weights, data.clus1Weights, "rake2")
    try data.expectEstimates("rake2", result.design, data.clus1)
  }

  @Test func threeMarginsWithRsDefaultControl() throws {
    let result = try rake(data.dclus1, margins: data.threeMargins())
    #expect(result.converged)
    #expect(result.iterations == Int(try data.reference("rake3", "rounds")))
    try data.expectWeights(result.design.weights, data.clus1Weights, "rake3")
    try data.expectEstimates("rake3", result.design, data.clus1)
  }

  @Test func threeMarginsWithATightToleranceAsAFractionOfTheTotalWeight() throws {
    let result = try rake(data.dclus1, margins: data.threeMargins(), tolerance: 1e-9, maximumIterations: 100)
    #expect(result.converged)
    #expect(result.iterations == Int(try data.reference("rake3_tight", "rounds")))
    expectClose(result.tolerance, 1e-9 * data.dclus1.weights.reduce(0, +), relative: 1e-12, "absolute tolerance")
    try data.expectWeights(result.design.weights, data.clus1Weights, "rake3_tight")
    try data.expectEstimates("rake3_tight", result.design, data.clus1)
    // The last margin is matched exactly; the others as closely as the stopping rule allows (it
    // bounds the change in a round, 6.2e-6 here, not the distance to the margins).
    for (index, margin) in try data.threeMargins().enumerated() {
      for (code, level) in margin.cells.levels.enumerated() {
        var count = 0.0
        for (cell, w) in zip(margin.cells.codes, result.design.weights) where cell == Int32(code) { count += w }
        expectClose(
          count, try #require(margin.counts[level]), relative: index == 2 ? 1e-12 : 1e-8, "margin cell \(level)")
      }
    }
  }

  @Test func runningOutOfIterations() throws {
    #expect(
      throws: EstimationError.notConverged(
        "raking to 3 margins (largest change of a weighted cell count in the last round 48.4968, "
          + "tolerance 6.194e-06)", iterations: 2)
    ) {
      try rake(data.dclus1, margins: data.threeMargins(), tolerance: 1e-9, maximumIterations: 2)
    }
    // As R does with a warning, the last round's weights can be kept.
    let result = try rake(
      data.dclus1, margins: data.threeMargins(), tolerance: 1e-9, maximumIterations: 2, requireConvergence: false)
    #expect(!result.converged)
    #expect(result.iterations == 2)
    try data.expectWeights(result.design.weights, data.clus1Weights, "rake3_two")
    try data.expectEstimates("rake3_two", result.design, data.clus1)
  }

  @Test func rakingAPostStratifiedDesignKeepsTheEarlierStep() throws {
    let calibrated = try postStratify(data.dclus1, to: data.margin(data.clus1, "stype", "pop.types"))
    let result = try rake(
      calibrated,
      margins: [data.margin(data.clus1, "sch.wide", "pop.schwide"), data.margin(data.clus1, "comp.imp", "pop.compimp")])
    #expect(result.design.calibration.count == 2)
    try data.expectWeights(result.design.weights, data.clus1Weights, "ps_then_rake")
    try data.expectEstimates("ps_then_rake", result.design, data.clus1)
  }

  @Test func stratifiedDesignWithAnFPC() throws {
    let result = try rake(
      data.dstrat,
      margins: [data.margin(data.strat, "sch.wide", "pop.schwide"), data.margin(data.strat, "comp.imp", "pop.compimp")])
    #expect(result.iterations == Int(try data.reference("rake_strat", "rounds")))
    try data.expectWeights(result.design.weights, data.stratWeights, "rake_strat")
    try data.expectEstimates("rake_strat", result.design, data.strat)
  }

  @Test func marginsWhoseTotalsDisagree() throws {
    let stype = try data.margin(data.clus1, "stype", "pop.types")
    let schoolWide = try PopulationMargin(Grouping(data.clus1.labels("sch.wide")), counts: [1072, 5123.5])
    #expect(
      throws: EstimationError.invalidArgument(
        "the population margins disagree: margin 1 totals 6194 but margin 2 totals 6195.5 (a difference of 1.5)")
    ) {
      try rake(data.dclus1, margins: [stype, schoolWide])
    }
    // Within the margin tolerance they are accepted (R rakes them regardless).
    #expect(throws: Never.self) {
      try rake(data.dclus1, margins: [stype, schoolWide], marginTolerance: 1e-3)
    }
  }

  @Test func cellsThatDoNotMatchThePopulation() throws {
    let stype = try data.margin(data.clus1, "stype", "pop.types")
    let cells = try Grouping(data.clus1.labels("sch.wide"))
    #expect(
      throws: EstimationError.invalidArgument(
        "margin 2: cell 'Maybe' is in the population but no respondent in the sample has a positive weight there "
          + "(post-stratify with partial: true to leave such cells out)")
    ) {
      try rake(data.dclus1, margins: [stype, PopulationMargin(cells, counts: ["No": 1000, "Yes": 5122, "Maybe": 72])])
    }
    #expect(
      throws: EstimationError.invalidArgument(
        "margin 2: cell 'No' is in the sample but not in the population counts (or counted zero)")
    ) {
      try rake(data.dclus1, margins: [stype, PopulationMargin(cells, counts: ["Yes": 6194])])
    }
  }

  @Test func degenerateArguments() throws {
    let margins = try twoMargins()
    #expect(throws: EstimationError.invalidArgument("raking needs at least one margin")) {
      try rake(data.dclus1, margins: [])
    }
    #expect(throws: EstimationError.invalidArgument("the raking tolerance must be a positive number")) {
      try rake(data.dclus1, margins: margins, tolerance: 0)
    }
    #expect(throws: EstimationError.invalidArgument("raking needs at least one iteration")) {
      try rake(data.dclus1, margins: margins, maximumIterations: 0)
    }
    var weights = data.dclus1.weights
    weights[6] = 0
    let zero = try SurveyDesign(weights: weights, clusters: Grouping(data.clus1.labels("dnum")))
    #expect(
      throws: EstimationError.invalidArgument(
        "raking needs every weight to be positive, but respondent 7 has weight zero")
    ) {
      try rake(zero, margins: margins)
    }
  }

  @Test func aSingleMarginIsPostStratification() throws {
    let margin = try data.margin(data.clus1, "stype", "pop.types")
    let result = try rake(data.dclus1, margins: [margin])
    // The second round changes nothing, so it converges there.
    #expect(result.iterations == 2)
    try data.expectWeights(result.design.weights, data.clus1Weights, "ps_stype")
    try data.expectMatches(mean(data.clus1.column("api00"), in: result.design), "ps_clus1 mean api00")
  }
}
