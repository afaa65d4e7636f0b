import ConfideStatistics
import Testing

/// Kish's design effect due to weighting and the effective sample size, against R's formulas
/// (make-calibration.R).
@Suite struct WeightDiagnosticsTests {
  let data: CalibrationFixtures

  init() throws { data = try CalibrationFixtures() }

  func expectMatches(
    _ diagnostics: WeightDiagnostics, _ testCase: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let reference = data.reference
    #expect(diagnostics.count == Int(try reference(testCase, "n")), sourceLocation: sourceLocation)
    for (actual, statistic) in [
      (diagnostics.sum, "sum"), (diagnostics.minimum, "min"), (diagnostics.maximum, "max"), (diagnostics.mean, "mean"),
      (diagnostics.coefficientOfVariation, "cv"), (diagnostics.designEffect, "kish deff"),
      (diagnostics.effectiveSampleSize, "effective n"),
    ] {
      expectClose(
        actual, try reference(testCase, statistic), relative: 1e-12, "\(testCase) \(statistic)",
        sourceLocation: sourceLocation)
    }
  }

  @Test func overallAndWithinADomain() throws {
    try expectMatches(weightDiagnostics(data.dstrat), "kish dstrat")
    let raked = try rake(data.dclus1, margins: data.threeMargins()).design
    try expectMatches(weightDiagnostics(raked), "kish rake3")
    try expectMatches(weightDiagnostics(raked, domain: data.clus1.domain("comp.imp", "Yes")), "kish rake3 comp.imp=Yes")
    let trimmed = try trimWeights(data.dstrat, lower: 16, upper: 40)
    try expectMatches(weightDiagnostics(trimmed, domain: data.strat.domain("stype", "E")), "kish trim_strat stype=E")
  }

  @Test func equalWeightsCostNothing() throws {
    let diagnostics = try weightDiagnostics(data.dclus1)
    expectClose(diagnostics.designEffect, 1, relative: 1e-15)
    expectClose(diagnostics.effectiveSampleSize, 183, relative: 1e-15)
    #expect(diagnostics.coefficientOfVariation < 1e-15)
  }

  @Test func zeroWeightsAreLeftOutAndCounted() throws {
    // Weights 1, 3 and a zero: n = 2, Σw = 4, Σw² = 10 → deff 2·10/16, n_eff 1.6.
    let diagnostics = try weightDiagnostics(of: [1, 0, 3])
    #expect(diagnostics.count == 2)
    #expect(diagnostics.zeroWeightCount == 1)
    #expect(diagnostics.minimum == 1)
    #expect(diagnostics.designEffect == 1.25)
    #expect(diagnostics.effectiveSampleSize == 1.6)
    #expect(diagnostics.coefficientOfVariation == 0.5)
    #expect(diagnostics.efficiency == 0.8)
  }

  @Test func degenerateInput() throws {
    #expect(throws: EstimationError.noObservations("no respondent has a positive weight")) {
      try weightDiagnostics(of: [0, 0])
    }
    #expect(throws: EstimationError.noObservations("no respondent has a positive weight")) {
      try weightDiagnostics(of: [1, 2], domain: [false, false])
    }
    #expect(throws: EstimationError.noObservations("no respondent has a positive weight")) {
      try weightDiagnostics(of: [])
    }
    #expect(throws: EstimationError.lengthMismatch(argument: "domain", expected: 2, actual: 1)) {
      try weightDiagnostics(of: [1, 2], domain: [true])
    }
    #expect(throws: EstimationError.invalidArgument("the weight of respondent 2 is negative or not finite")) {
      try weightDiagnostics(of: [1, -2])
    }
  }
}
