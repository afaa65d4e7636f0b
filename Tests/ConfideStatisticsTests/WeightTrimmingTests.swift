import ConfideStatistics
import Testing

/// Weight trimming against `survey::trimWeights` (make-calibration.R).
@Suite struct WeightTrimmingTests {
  let data: CalibrationFixtures

  init() throws { data = try CalibrationFixtures() }

  @Test func onceOnAStratifiedDesign() throws {
    let trimmed = try trimWeights(data.dstrat, lower: 16, upper: 40)
    try data.expectWeights(trimmed.weights, data.stratWeights, "trim_strat")
    try data.expectMatches(mean(data.strat.column("api00"), in: trimmed), "trim_strat mean api00")
    try data.expectMatches(total(data.strat.column("enroll"), in: trimmed), "trim_strat total enroll")
    expectClose(trimmed.weights.reduce(0, +), data.dstrat.weights.reduce(0, +), relative: 1e-13, "total weight")
  }

  @Test func strictlyOnAStratifiedDesign() throws {
    let trimmed = try trimWeights(data.dstrat, lower: 16, upper: 40, strict: true)
    try data.expectWeights(trimmed.weights, data.stratWeights, "trim_strat_strict")
    try data.expectMatches(mean(data.strat.column("api00"), in: trimmed), "trim_strat_strict mean api00")
  }

  @Test func aRakedDesignKeepsItsRaking() throws {
    let raked = try rake(data.dclus1, margins: data.threeMargins()).design
    let trimmed = try trimWeights(raked, lower: 25, upper: 38)
    #expect(trimmed.calibration.count == 1)
    try data.expectWeights(trimmed.weights, data.clus1Weights, "trim_rake3")
    try data.expectEstimates("trim_rake3", trimmed, data.clus1)
    let strict = try trimWeights(raked, lower: 25, upper: 38, strict: true)
    #expect(strict.weights.allSatisfy { $0 >= 25 && $0 <= 38 })
    try data.expectWeights(strict.weights, data.clus1Weights, "trim_rake3_strict")
    try data.expectEstimates("trim_rake3_strict", strict, data.clus1)
  }

  @Test func aPostStratifiedDesignKeepsItsPostStratification() throws {
    let calibrated = try postStratify(data.dstrat, to: data.margin(data.strat, "sch.wide", "pop.schwide"))
    let trimmed = try trimWeights(calibrated, upper: 45)
    try data.expectWeights(trimmed.weights, data.stratWeights, "trim_ps")
    try data.expectEstimates("trim_ps", trimmed, data.strat)
  }

  @Test func weightsWithinTheBoundsAreLeftAlone() throws {
    let trimmed = try trimWeights(data.dstrat, lower: 15, upper: 45, strict: true)
    #expect(trimmed.weights == data.dstrat.weights)
    #expect(try trimWeights(data.dstrat).weights == data.dstrat.weights)
  }

  @Test func aWeightAtABoundTakesItsShare() throws {
    // As in R: 4 is trimmed to 3, and the weight already at 3 counts as inside.
    let design = try SurveyDesign(weights: [1, 3, 4, 2])
    // R: weights(trimWeights(d, upper = 3)) = 1.3333333333333333 3.3333333333333335 3 2.3333333333333335
    let expected: [Double] = [1.3333333333333333, 3.3333333333333335, 3, 2.3333333333333335]
    #expect(try trimWeights(design, upper: 3).weights == expected)
  }

  @Test func degenerateBounds() throws {
    let design = try SurveyDesign(weights: [1, 2, 3, 10])
    #expect(throws: EstimationError.invalidArgument("the lower trimming bound 5 is above the upper bound 4")) {
      try trimWeights(design, lower: 5, upper: 4)
    }
    #expect(throws: EstimationError.invalidArgument("a trimming bound is not a number")) {
      try trimWeights(design, upper: .nan)
    }
    #expect(
      throws: EstimationError.invalidArgument(
        "every weight is outside 4 to 4, so no weight can take the trimmed amount")
    ) {
      try trimWeights(design, lower: 4, upper: 4)
    }
    #expect(
      throws: EstimationError.invalidArgument("4 weights totalling 16 cannot all lie between -inf and 3.5")
    ) {
      try trimWeights(design, upper: 3.5, strict: true)
    }
    // Raising 1 and 1 to 4 takes 6 from the last weight, leaving 5 − 6 < 0 (R returns −1).
    #expect(
      throws: EstimationError.invalidArgument(
        "trimming to the lower bound leaves respondent 3 with a negative weight")
    ) {
      try trimWeights(SurveyDesign(weights: [1, 1, 5]), lower: 4)
    }
  }
}
