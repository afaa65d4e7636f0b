import ConfideStatistics
import Testing

/// Design-based odds and risk ratios against svycontrast(svyby(...)) and svyglm(quasibinomial).
@Suite struct ExposureRatiosTests {
  let reference: ReferenceResults

  init() throws { reference = try ReferenceResults("experiments-results.csv") }

  func check(_ ratios: ExposureRatios, _ key: String) throws {
    for (ratio, name) in [(ratios.oddsRatio, "log odds ratio"), (ratios.riskRatio, "log risk ratio")] {
      expectClose(ratio.logarithm.value, try reference("\(key) \(name)", "estimate"), relative: 1e-10, name)
      expectClose(ratio.logarithm.standardError, try reference("\(key) \(name)", "se"), relative: 1e-9, name)
      expectClose(ratio.ratio, try reference("\(key) \(name)", "ratio"), relative: 1e-10, name)
      expectClose(ratio.interval.lower, try reference("\(key) \(name)", "lower"), relative: 1e-9, name)
      expectClose(ratio.interval.upper, try reference("\(key) \(name)", "upper"), relative: 1e-9, name)
    }
    // The iterative svyglm(y ~ x, quasibinomial) fit agrees to its convergence tolerance.
    expectClose(ratios.oddsRatio.logarithm.value, try reference("\(key) log odds ratio", "svyglm"), relative: 1e-6)
    expectClose(
      ratios.oddsRatio.logarithm.standardError, try reference("\(key) log odds ratio", "svyglm_se"), relative: 1e-6)
    expectClose(ratios.riskDifference.value, try reference("\(key) risk difference", "estimate"), relative: 1e-10)
    expectClose(ratios.riskDifference.standardError, try reference("\(key) risk difference", "se"), relative: 1e-9)
    #expect(ratios.oddsRatio.logarithm.degreesOfFreedom == Int(try reference(key, "degf")))
  }

  @Test func onTheSimulatedSurvey() throws {
    let sim = try ExperimentData()
    let ratios = try exposureRatios(
      sim.column("delay"), groups: sim.grouping("born_abroad"), exposed: "yes", reference: "no", in: sim.design)
    try check(ratios, "sim delay by born_abroad")
  }

  @Test func onTheAPIData() throws {
    let strat = try APIData("apistrat.csv")
    let dstrat = try SurveyDesign(
      weights: strat.column("pw"), strata: Grouping(strat.labels("stype")), fpc: .populationSize(strat.column("fpc")))
    try check(
      exposureRatios(
        strat.indicator("sch.wide", "Yes"), groups: Grouping(strat.labels("comp.imp")), exposed: "Yes",
        reference: "No", in: dstrat),
      "dstrat sch.wide by comp.imp")
    let clus1 = try APIData("apiclus1.csv")
    let dclus1 = try SurveyDesign(
      weights: clus1.column("pw"), clusters: Grouping(clus1.labels("dnum")), fpc: .populationSize(clus1.column("fpc")))
    let elementary = Grouping(try clus1.labels("stype").map { $0 == "E" ? "E" : "other" })
    try check(
      exposureRatios(
        clus1.indicator("sch.wide", "Yes"), groups: elementary, exposed: "E", reference: "other", in: dclus1),
      "dclus1 sch.wide by stype=E")
    // Every apiclus1 school meeting its comp.imp target also met sch.wide: the odds ratio is
    // infinite (R's svyglm stops at a coefficient of 31): a clear error, not a number.
    #expect(throws: EstimationError.self) {
      try exposureRatios(
        clus1.indicator("sch.wide", "Yes"), groups: Grouping(clus1.labels("comp.imp")), exposed: "Yes",
        reference: "No", in: dclus1)
    }
  }

  @Test func degenerateInput() throws {
    let sim = try ExperimentData()
    let delay = try sim.column("delay")
    let groups = try sim.grouping("born_abroad")
    #expect(throws: EstimationError.self) {
      try exposureRatios(delay, groups: groups, exposed: "yes", reference: "yes", in: sim.design)
    }
    #expect(throws: EstimationError.self) {
      try exposureRatios(delay.map { $0 * 3 }, groups: groups, exposed: "yes", reference: "no", in: sim.design)
    }
    let none = [Double](repeating: 0, count: delay.count)
    #expect(throws: EstimationError.self) {
      try exposureRatios(none, groups: groups, exposed: "yes", reference: "no", in: sim.design)
    }
  }
}
