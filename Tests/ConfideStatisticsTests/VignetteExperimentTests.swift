import ConfideStatistics
import Testing

/// Vignette experiments against R's survey package (make-experiments.R).
@Suite struct VignetteExperimentTests {
  let sim: ExperimentData
  let experiment: VignetteExperiment
  let arms = ["control", "gp_only", "shared_nhs", "home_office"]

  init() throws {
    sim = try ExperimentData()
    experiment = try VignetteExperiment(design: sim.design, arms: sim.grouping("arm"), control: "control")
  }

  @Test(arguments: ["delay", "willing"])
  func armMeansDifferencesAndTests(outcome: String) throws {
    let comparison = try experiment.compare(sim.column(outcome))
    #expect(experiment.degreesOfFreedom == Int(try sim.reference("sim", "degf")))
    #expect(comparison.means.levels.sorted() == arms.sorted())
    for (row, arm) in comparison.means.levels.enumerated() {
      try sim.expect(comparison.means.estimates[row].value, "\(outcome) mean \(arm)", "estimate")
      try sim.expect(comparison.means.estimates[row].standardError, "\(outcome) mean \(arm)", "se")
      for (other, name) in comparison.means.levels.enumerated() {
        try sim.expect(comparison.means.covariance[row][other], "\(outcome) cov \(arm) \(name)", "value")
      }
    }
    #expect(comparison.means.levels[comparison.control] == "control")
    #expect(comparison.effects.count == 3)
    for effect in comparison.effects {
      let key = "\(outcome) effect \(effect.arm)"
      try sim.expect(effect.estimate.value, key, "estimate")
      try sim.expect(effect.estimate.standardError, key, "se")
      try sim.expect(effect.interval.lower, key, "lower")
      try sim.expect(effect.interval.upper, key, "upper")
      try sim.expect(effect.tStatistic, key, "t")
      try sim.expect(effect.pValue, key, "p", tolerance: 1e-8)
    }
    let holm = comparison.adjustedPValues(.holm)
    let bh = comparison.adjustedPValues(.benjaminiHochberg)
    for (index, effect) in comparison.effects.enumerated() {
      try sim.expect(holm[index], "\(outcome) effect \(effect.arm)", "p_holm", tolerance: 1e-8)
      try sim.expect(bh[index], "\(outcome) effect \(effect.arm)", "p_bh", tolerance: 1e-8)
    }
  }

  @Test func aDesignWithoutFPC() throws {
    let plain = try VignetteExperiment(design: sim.designWithoutFPC(), arms: sim.grouping("arm"), control: "control")
    for effect in try plain.compare(sim.column("delay")).effects {
      try sim.expect(effect.estimate.standardError, "delay nofpc effect \(effect.arm)", "se")
    }
  }

  @Test func effectSizes() throws {
    for d in try experiment.cohensD(sim.column("willing")) {
      try sim.expect(d.value, "willing effect \(d.arm)", "cohen_d")
    }
    for d in try experiment.cohensD(sim.column("delay")) {
      try sim.expect(d.value, "delay effect \(d.arm)", "cohen_d")
    }
    let h = try experiment.cohensH(sim.column("delay"))
    #expect(h.count == 3)
    for effect in h { try sim.expect(effect.value, "delay effect \(effect.arm)", "cohen_h") }
    #expect(throws: EstimationError.self) { try experiment.cohensH(sim.column("willing")) }
  }

  @Test(arguments: [
    ("delay", "born_abroad", "delay x born_abroad"), ("delay", "ageband", "delay x ageband"),
    ("willing", "ageband", "willing x ageband"),
  ])
  func subgroupInteractions(outcome: String, subgroup: String, key: String) throws {
    let interaction = try experiment.interaction(sim.column(outcome), by: sim.grouping(subgroup))
    #expect(interaction.differences.count == 3 * (try sim.grouping(subgroup).count - 1))
    for difference in interaction.differences {
      let name = "\(key) did arm\(difference.arm):\(subgroup)\(difference.subgroup)"
      try sim.expect(difference.estimate.value, name, "estimate")
      try sim.expect(difference.estimate.standardError, name, "se")
    }
    try sim.expect(interaction.test.chiSquared, "\(key) wald", "chisq")
    try sim.expect(interaction.test.statistic, "\(key) wald", "F")
    #expect(interaction.test.numeratorDegreesOfFreedom == Int(try sim.reference("\(key) wald", "df")))
    #expect(interaction.test.denominatorDegreesOfFreedom == Int(try sim.reference("\(key) wald", "ddf")))
    try sim.expect(interaction.test.pValue, "\(key) wald", "p", tolerance: 1e-8)
  }

  @Test func theArmEffectWithinASubgroupIsADifferenceOfCells() throws {
    let interaction = try experiment.interaction(sim.column("delay"), by: sim.grouping("born_abroad"))
    let yes = try interaction.effect(of: "home_office", in: "yes")
    let no = try interaction.effect(of: "home_office", in: "no")
    let did = try #require(interaction.differences.first { $0.arm == "home_office" })
    expectClose(yes.value - no.value, did.estimate.value, relative: 1e-12)
  }

  @Test func interactionsOnTheAPIData() throws {
    let reference = try ReferenceResults("experiments-results.csv")
    let clus1 = try APIData("apiclus1.csv")
    let dclus1 = try SurveyDesign(
      weights: clus1.column("pw"), clusters: Grouping(clus1.labels("dnum")),
      fpc: .populationSize(clus1.column("fpc")))
    let schools = try VignetteExperiment(design: dclus1, arms: Grouping(clus1.labels("stype")), control: "E")
    for effect in try schools.compare(clus1.column("api00")).effects {
      expectClose(
        effect.estimate.value, try reference("dclus1 api00 effect \(effect.arm)", "estimate"), relative: 1e-10)
      expectClose(
        effect.estimate.standardError, try reference("dclus1 api00 effect \(effect.arm)", "se"), relative: 1e-8)
    }
    let interaction = try schools.interaction(clus1.column("api00"), by: Grouping(clus1.labels("comp.imp")))
    for difference in interaction.differences {
      let key = "dclus1 api00 stype x comp.imp did stype\(difference.arm):comp.imp\(difference.subgroup)"
      expectClose(difference.estimate.value, try reference(key, "estimate"), relative: 1e-9)
      expectClose(difference.estimate.standardError, try reference(key, "se"), relative: 1e-8)
    }
    let key = "dclus1 api00 stype x comp.imp wald"
    expectClose(interaction.test.chiSquared, try reference(key, "chisq"), relative: 1e-8)
    #expect(interaction.test.denominatorDegreesOfFreedom == Int(try reference(key, "ddf")))
    expectClose(interaction.test.pValue, try reference(key, "p"), relative: 1e-8)
  }

  @Test(arguments: [("willing", ["trust"]), ("willing2", ["trust", "age"]), ("delay", ["trust"])])
  func linAdjustedEffects(key: String, covariates: [String]) throws {
    let outcome = key == "delay" ? "delay" : "willing"
    let effects = try experiment.linAdjustedEffects(
      sim.column(outcome), covariates: covariates.map { ($0, try sim.column($0)) })
    #expect(effects.map(\.arm) == ["gp_only", "home_office", "shared_nhs"])
    for effect in effects {
      try sim.expect(effect.estimate.value, "\(key) lin \(effect.arm)", "estimate", tolerance: 1e-8)
      try sim.expect(effect.estimate.standardError, "\(key) lin \(effect.arm)", "se", tolerance: 1e-8)
      #expect(effect.estimate.degreesOfFreedom == Int(try sim.reference(key, "lin df.residual")))
    }
  }

  @Test func degenerateInput() throws {
    let y = try sim.column("delay")
    #expect(throws: EstimationError.self) {
      try VignetteExperiment(design: sim.design, arms: sim.grouping("arm"), control: "placebo")
    }
    // Nobody in the control arm answered.
    let arms = try sim.data.labels("arm")
    let silent = zip(y, arms).map { $1 == "control" ? Double.nan : $0 }
    #expect(throws: EstimationError.noObservations("nobody in the control arm has an answer")) {
      try experiment.compare(silent)
    }
    // An outcome that never varies: differences of zero with no variance, p = 1, no NaN.
    let constant = [Double](repeating: 1, count: y.count)
    let flat = try experiment.compare(constant)
    for effect in flat.effects {
      #expect(effect.estimate.value == 0)
      #expect(effect.pValue == 1)
      #expect(!effect.tStatistic.isNaN)
    }
    #expect(throws: EstimationError.self) { try experiment.cohensD(constant) }
    // An empty arm × subgroup cell.
    let bornAbroad = try sim.data.labels("born_abroad")
    let hole = y.indices.map { arms[$0] == "gp_only" && bornAbroad[$0] == "yes" ? Double.nan : y[$0] }
    #expect(throws: EstimationError.self) { try experiment.interaction(hole, by: sim.grouping("born_abroad")) }
    #expect(throws: EstimationError.self) { try experiment.compare(y, level: 1) }
  }
}
