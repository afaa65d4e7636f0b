import ConfideStatistics
import Testing

/// Confidence intervals for proportions against `svyciprop`, and Wald intervals of estimates
/// against `confint` (make-proportion.R).
@Suite struct ProportionIntervalTests {
  let reference: ReferenceResults
  let strat: APIData
  let clus1: APIData
  let dstrat: SurveyDesign
  let dclus1: SurveyDesign
  let dclus1nw: SurveyDesign

  init() throws {
    reference = try ReferenceResults("proportion-results.csv")
    strat = try APIData("apistrat.csv")
    clus1 = try APIData("apiclus1.csv")
    dstrat = try SurveyDesign(
      weights: strat.column("pw"), strata: Grouping(strat.labels("stype")),
      fpc: .populationSize(strat.column("fpc")))
    dclus1 = try SurveyDesign(
      weights: clus1.column("pw"), clusters: Grouping(clus1.labels("dnum")),
      fpc: .populationSize(clus1.column("fpc")))
    // No weights: R derives them from the fpc, as the survey documentation's example does.
    dclus1nw = try SurveyDesign(clusters: Grouping(clus1.labels("dnum")), fpc: .populationSize(clus1.column("fpc")))
  }

  /// R's limits are exact formulas except logit and likelihood, which go through an iterative
  /// logistic fit (R's intercept differs from logit p̂ by about 1e-9 relative).
  static func tolerance(_ method: ProportionIntervalMethod) -> Double {
    method == .logit || method == .likelihood ? 1e-6 : 1e-8
  }

  func check(
    _ testCase: String, _ y: [Double], in design: SurveyDesign, domain: [Bool]? = nil,
    levels: [Double] = [0.95, 0.9, 0.99],
    degreesOfFreedom: Double? = nil
  ) throws {
    for level in levels {
      for method in ProportionIntervalMethod.allCases {
        let result = try proportionInterval(
          y, in: design, method: method, level: level, degreesOfFreedom: degreesOfFreedom, domain: domain)
        expectClose(result.estimate.value, try reference(testCase, "estimate"), relative: 1e-12, "\(testCase) p")
        expectClose(result.estimate.standardError, try reference(testCase, "se"), relative: 1e-10, "\(testCase) SE")
        #expect(result.degreesOfFreedom == (try reference(testCase, "df")), "\(testCase) df")
        let tolerance = Self.tolerance(method)
        let label = "\(method.rawValue) \(level)"
        expectClose(
          result.interval.lower, try reference(testCase, "\(label) lower"), relative: tolerance,
          "\(testCase) \(label) lower")
        expectClose(
          result.interval.upper, try reference(testCase, "\(label) upper"), relative: tolerance,
          "\(testCase) \(label) upper")
        #expect(result.interval.level == level)
      }
    }
  }

  @Test func theOracleOfTheSvycipropDocumentation() throws {
    // Printed by R for svyciprop(~I(ell==0), dclus1nw, method=): p̂ = 0.021858.
    let printed: [ProportionIntervalMethod: (Double, Double)] = [
      .logit: (0.002305, 0.177748), .likelihood: (0.000664, 0.107778), .asin: (0.000307, 0.095577),
      .beta: (0.000216, 0.137508), .mean: (-0.026662, 0.070378), .xlogit: (0.002305, 0.177748),
    ]
    let y = try clus1.column("ell").map { $0 == 0 ? 1.0 : 0 }
    for (method, (lower, upper)) in printed {
      let result = try proportionInterval(y, in: dclus1nw, method: method)
      #expect((result.estimate.value * 1e6).rounded() == 21_858)
      #expect((result.interval.lower * 1e6).rounded() == (lower * 1e6).rounded(), "\(method) lower")
      #expect((result.interval.upper * 1e6).rounded() == (upper * 1e6).rounded(), "\(method) upper")
    }
  }

  @Test func everyMethodAtThreeLevels() throws {
    try check("dclus1nw ell==0", clus1.column("ell").map { $0 == 0 ? 1 : 0 }, in: dclus1nw)
    try check("dclus1 sch.wide==No", clus1.indicator("sch.wide", "No"), in: dclus1)
    try check("dstrat sch.wide==Yes", strat.indicator("sch.wide", "Yes"), in: dstrat)
    try check("dstrat mobility>30", strat.column("mobility").map { $0 > 30 ? 1 : 0 }, in: dstrat)
  }

  @Test func domains() throws {
    try check(
      "dstrat comp.imp==Yes stype=H", strat.indicator("comp.imp", "Yes"), in: dstrat,
      domain: strat.domain("stype", "H"))
    try check(
      "dclus1 sch.wide==No stype=M", clus1.indicator("sch.wide", "No"), in: dclus1, domain: clus1.domain("stype", "M"))
  }

  @Test func normalQuantilesWithInfiniteDegreesOfFreedom() throws {
    try check(
      "dclus1nw ell==0 normal", clus1.column("ell").map { $0 == 0 ? 1 : 0 }, in: dclus1nw, levels: [0.95],
      degreesOfFreedom: .infinity)
  }

  @Test func proportionsOfZeroAndOneAreDefined() throws {
    // R gives NaN (or a fit that did not converge) for all but mean; Confide takes the design
    // effect as 1 (make-proportion.R computes those limits by hand).
    let zeros = [Double](repeating: 0, count: clus1.table.rows.count)
    let ones = [Double](repeating: 1, count: zeros.count)
    let n = try reference("p=0 defined", "n")
    for level in [0.95, 0.99] {
      for method in ProportionIntervalMethod.allCases {
        let atZero = try proportionInterval(zeros, in: dclus1nw, method: method, level: level).interval
        let atOne = try proportionInterval(ones, in: dclus1nw, method: method, level: level).interval
        for limit in [atZero.lower, atZero.upper, atOne.lower, atOne.upper] { #expect(limit.isFinite) }
        #expect(atZero.lower == 0)
        #expect(atOne.upper == 1)
        let expected: Double
        switch method {
        case .mean: expected = 0
        case .logit, .xlogit: expected = 1
        default: expected = try reference("p=0 defined \(level)", "\(method.rawValue) upper")
        }
        expectClose(atZero.upper, expected, relative: 1e-10, "\(method) \(level) upper at 0")
        expectClose(1 - atOne.lower, expected, relative: 1e-10, absolute: 1e-15, "\(method) \(level) lower at 1")
      }
    }
    #expect(n == Double(zeros.count))
    #expect(try reference("dclus1nw p=0 R", "mean lower") == 0)
    #expect(try reference("dclus1nw p=0 R", "asin lower").isNaN)
  }

  @Test func invalidInputIsRefused() throws {
    let y = try clus1.indicator("sch.wide", "No")
    #expect(throws: EstimationError.self) { try proportionInterval(y.map { $0 * 2 }, in: dclus1) }
    #expect(throws: EstimationError.self) { try proportionInterval(y, in: dclus1, level: 1) }
    #expect(throws: EstimationError.self) { try proportionInterval(y, in: dclus1, degreesOfFreedom: 0) }
    let nobody = [Bool](repeating: false, count: y.count)
    #expect(throws: EstimationError.self) { try proportionInterval(y, in: dclus1, domain: nobody) }
    // One PSU: no degrees of freedom for a t interval.
    let single = try SurveyDesign(weights: [1, 1, 1], clusters: Grouping(["a", "a", "a"]))
    #expect(throws: EstimationError.self) { try proportionInterval([0, 1, 1], in: single) }
  }

  @Test func waldIntervalsOfEstimates() throws {
    let api00 = try mean(strat.column("api00"), in: dstrat)
    var ci = try api00.confidenceInterval()
    expectClose(ci.lower, try reference("dstrat mean api00 confint", "lower"), relative: 1e-12)
    expectClose(ci.upper, try reference("dstrat mean api00 confint", "upper"), relative: 1e-12)
    ci = try api00.confidenceInterval(level: 0.9, degreesOfFreedom: Double(api00.degreesOfFreedom))
    expectClose(ci.lower, try reference("dstrat mean api00 confint t 0.9", "lower"), relative: 1e-12)
    expectClose(ci.upper, try reference("dstrat mean api00 confint t 0.9", "upper"), relative: 1e-12)
    #expect(ci.contains(api00.value))
    let enroll = try total(clus1.column("enroll"), in: dclus1)
    ci = try enroll.confidenceInterval(level: 0.99, degreesOfFreedom: Double(enroll.degreesOfFreedom))
    expectClose(ci.lower, try reference("dclus1 total enroll confint t 0.99", "lower"), relative: 1e-12)
    expectClose(ci.upper, try reference("dclus1 total enroll confint t 0.99", "upper"), relative: 1e-12)
    #expect(throws: EstimationError.self) { try api00.confidenceInterval(level: 0) }
    #expect(throws: EstimationError.self) { try api00.confidenceInterval(degreesOfFreedom: 0) }
    #expect(try api00.confidenceInterval(degreesOfFreedom: .infinity) == (try api00.confidenceInterval()))
  }
}
