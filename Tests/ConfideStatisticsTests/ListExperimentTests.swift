import ConfideStatistics
import Testing

/// List experiments against R (make-experiments.R): survey's svyby/svycontrast for the
/// difference in means, sandwich's vcovHC for the simple-random-sample variances, and a base-R
/// implementation of list::ict.test's published algorithm for the design-effect test.
@Suite struct ListExperimentTests {
  let sim: ExperimentData
  let treated: [Bool]

  init() throws {
    sim = try ExperimentData()
    treated = try sim.column("list_treat").map { $0 == 1 }
  }

  @Test func prevalenceIsTheDifferenceInMeans() throws {
    let list = try ListExperiment(design: sim.design, treated: treated, controlItems: 4)
    let estimate = try list.prevalence(sim.column("list_count"))
    try sim.expect(estimate.prevalence.value, "sim list", "estimate")
    try sim.expect(estimate.prevalence.standardError, "sim list", "se")
    try sim.expect(estimate.controlMean.value, "sim list", "control_mean")
    try sim.expect(estimate.controlMean.standardError, "sim list", "control_se")
  }

  @Test func prevalenceBySubgroup() throws {
    let list = try ListExperiment(design: sim.design, treated: treated, controlItems: 4)
    let groups = try list.prevalence(sim.column("list_count"), by: sim.grouping("born_abroad"))
    #expect(groups.levels == ["no", "yes"])
    for (index, level) in groups.levels.enumerated() {
      try sim.expect(groups.estimates[index].value, "sim list born_abroad \(level)", "estimate")
      try sim.expect(groups.estimates[index].standardError, "sim list born_abroad \(level)", "se")
    }
    let difference = try groups.difference(1, minus: 0)
    try sim.expect(difference.value, "sim list born_abroad difference", "estimate")
    try sim.expect(difference.standardError, "sim list born_abroad difference", "se")
  }

  @Test func onAnUnweightedSampleTheDesignVarianceIsHC0TimesNOverNMinusOne() throws {
    // svydesign(ids = ~1, data = sim): every weight 1, no strata.
    let srs = try SurveyDesign(weights: [Double](repeating: 1, count: treated.count))
    let counts = try sim.column("list_count")
    let estimate = try ListExperiment(design: srs, treated: treated, controlItems: 4).prevalence(counts)
    try sim.expect(estimate.prevalence.value, "srs list", "estimate")
    try sim.expect(estimate.prevalence.standardError, "srs list", "se")
    let n = Double(treated.count)
    try sim.expect(
      estimate.prevalence.standardError / (n / (n - 1)).squareRoot(), "srs list", "hc0_se")
    // The simple-random-sample variances of lm(y ~ treat).
    let plain = try ListExperiment.unweightedDifference(counts, treated: treated)
    try sim.expect(plain.prevalence, "srs list", "lm_coef")
    try sim.expect(plain.controlMean, "srs list", "lm_intercept")
    try sim.expect(plain.neymanStandardError, "srs list", "neyman_se")
    try sim.expect(plain.neymanStandardError, "srs list", "hc2_se")
    try sim.expect(plain.hc3StandardError, "srs list", "hc3_se")
    try sim.expect(plain.hc3ControlStandardError, "srs list", "hc3_control_se")
  }

  @Test(arguments: [
    ("sim", "list_count", 4), ("sim de", "list_count_de", 4), ("sim J3", "list3_count", 3),
    ("sim de J3", "list3_count_de", 3), ("sim J1", "list1_count", 1),
  ])
  func designEffectTestAsIctTest(key: String, column: String, items: Int) throws {
    let list = try ListExperiment(design: sim.design, treated: treated, controlItems: items)
    let test = try list.designEffectTest(sim.column(column))
    try checkTest(test, "\(key) ict", items: items)
  }

  @Test(arguments: [("design", "list_count"), ("design de", "list_count_de")])
  func designEffectTestWithTheDesignCovariance(key: String, column: String) throws {
    let list = try ListExperiment(design: sim.design, treated: treated, controlItems: 4)
    let test = try list.designEffectTest(sim.column(column), variance: .design)
    try checkTest(test, "\(key) ict", items: 4)
  }

  func checkTest(_ test: ListDesignEffectTest, _ key: String, items: Int) throws {
    #expect(test.proportions.count == 2 * items)
    for proportion in test.proportions {
      let name = proportion.holdsSensitiveItem ? "y1_\(proportion.count)" : "y0_\(proportion.count)"
      try sim.expect(proportion.estimate, key, "pi_\(name)", tolerance: 1e-10)
      try sim.expect(proportion.standardError, key, "se_\(name)")
    }
    for (family, name) in [(test.sensitive, "y1"), (test.nonsensitive, "y0")] {
      let family = try #require(family)
      try sim.expect(family.pValue, key, "p_\(name)", tolerance: 1e-8)
      if !family.weights.isEmpty {
        try sim.expect(family.statistic, key, "lambda_\(name)", tolerance: 1e-8)
        for (k, weight) in family.weights.enumerated() {
          try sim.expect(weight, key, "w_\(name)_\(k)", tolerance: 1e-9)
        }
      }
    }
    // ict.test does not cap its Bonferroni p-value at 1.
    expectClose(test.pValue, min(1, try sim.reference(key, "p")), relative: 1e-8)
  }

  @Test func degenerateInput() throws {
    let list = try ListExperiment(design: sim.design, treated: treated, controlItems: 4)
    var counts = try sim.column("list_count")
    // A count beyond the list's length.
    let first = try #require(treated.firstIndex(of: false))
    counts[first] = 5
    #expect(throws: EstimationError.self) { try list.prevalence(counts) }
    counts[first] = 1.5
    #expect(throws: EstimationError.self) { try list.designEffectTest(counts) }
    // Nobody answered the treatment list.
    let silent = try sim.column("list_count").enumerated().map { treated[$0.offset] ? Double.nan : $0.element }
    #expect(throws: EstimationError.self) { try list.prevalence(silent) }
    #expect(throws: EstimationError.self) { try list.designEffectTest(silent) }
    #expect(throws: EstimationError.self) {
      try ListExperiment(design: sim.design, treated: treated, controlItems: 0)
    }
    // Every respondent gives the same count: all type proportions are 0 or undefined → p = 1.
    let same = treated.map { $0 ? 1.0 : 1.0 }
    let flat = try list.designEffectTest(same)
    #expect(flat.pValue == 1)
    #expect(try list.prevalence(same).prevalence.value == 0)
  }
}
