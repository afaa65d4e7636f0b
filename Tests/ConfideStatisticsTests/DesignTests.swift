import ConfideStatistics
import Testing

/// Means, totals, ratios and domains on R's `api` data, against `survey` (make-design.R).
@Suite struct DesignTests {
  let reference: ReferenceResults
  let strat: APIData
  let clus1: APIData
  let dstrat: SurveyDesign
  let dclus1: SurveyDesign

  init() throws {
    reference = try ReferenceResults("design-results.csv")
    strat = try APIData("apistrat.csv")
    clus1 = try APIData("apiclus1.csv")
    dstrat = try SurveyDesign(
      weights: strat.column("pw"), strata: Grouping(strat.labels("stype")),
      fpc: .populationSize(strat.column("fpc")))
    dclus1 = try SurveyDesign(
      weights: clus1.column("pw"), clusters: Grouping(clus1.labels("dnum")),
      fpc: .populationSize(clus1.column("fpc")))
  }

  @Test func meansAndTotalsOfWholeDesigns() throws {
    try reference.expectMatches(mean(strat.column("api00"), in: dstrat), "dstrat mean api00")
    try reference.expectMatches(total(strat.column("enroll"), in: dstrat), "dstrat total enroll")
    try reference.expectMatches(mean(clus1.column("api00"), in: dclus1), "dclus1 mean api00")
    try reference.expectMatches(total(clus1.column("enroll"), in: dclus1), "dclus1 total enroll")
    try reference.expectMatches(
      mean(strat.indicator("sch.wide", "Yes"), in: dstrat), "dstrat mean sch.wide=Yes")
  }

  @Test func theOracleFromTheSurveyPackageDocumentation() throws {
    // Printed by R and quoted in the issue: svymean(~api00, dstrat) is 662.29 with SE 9.41.
    let estimate = try mean(strat.column("api00"), in: dstrat)
    #expect((estimate.value * 100).rounded() == 66_229)
    #expect((estimate.standardError * 100).rounded() == 941)
  }

  @Test func designsWithoutAnFPCOrWithSamplingFractions() throws {
    let nofpc = try SurveyDesign(weights: strat.column("pw"), strata: Grouping(strat.labels("stype")))
    try reference.expectMatches(mean(strat.column("api00"), in: nofpc), "dstrat_nofpc mean api00")
    let clusNoFPC = try SurveyDesign(weights: clus1.column("pw"), clusters: Grouping(clus1.labels("dnum")))
    try reference.expectMatches(mean(clus1.column("api00"), in: clusNoFPC), "dclus1_nofpc mean api00")
    let fractions = try SurveyDesign(
      weights: clus1.column("pw"), clusters: Grouping(clus1.labels("dnum")),
      fpc: .samplingFraction(clus1.column("fpc").map { 15 / $0 }))
    try reference.expectMatches(mean(clus1.column("api00"), in: fractions), "dclus1_fraction mean api00")
    let unweighted = try SurveyDesign(weights: [Double](repeating: 1, count: strat.table.rows.count))
    try reference.expectMatches(mean(strat.column("api00"), in: unweighted), "dsrs_unweighted mean api00")
  }

  @Test func ratios() throws {
    try reference.expectMatches(
      ratio(clus1.column("api.stu"), to: clus1.column("enroll"), in: dclus1), "dclus1 ratio api.stu/enroll")
    try reference.expectMatches(
      ratio(strat.column("api00"), to: strat.column("api99"), in: dstrat), "dstrat ratio api00/api99")
  }

  @Test func domainsKeepTheDesignsOtherPSUs() throws {
    let yes = try strat.domain("comp.imp", "Yes")
    try reference.expectMatches(
      mean(strat.column("api00"), in: dstrat, domain: yes), "dstrat mean api00 comp.imp=Yes")
    try reference.expectMatches(
      mean(clus1.column("api00"), in: dclus1, domain: clus1.domain("comp.imp", "Yes")),
      "dclus1 mean api00 comp.imp=Yes")
    let high = try clus1.domain("stype", "H")
    try reference.expectMatches(
      total(clus1.column("enroll"), in: dclus1, domain: high), "dclus1 total enroll stype=H")
    #expect(try dstrat.degreesOfFreedom(in: yes) == Int(reference("dstrat degf comp.imp=Yes")))
    #expect(try dclus1.degreesOfFreedom(in: high) == Int(reference("dclus1 degf stype=H")))
    #expect(try dclus1.degreesOfFreedom == Int(reference("dclus1 degf")))
    #expect(try dstrat.degreesOfFreedom == Int(reference("dstrat degf")))
  }

  @Test func missingAnswersAreLeftOutOfEachEstimate() throws {
    try reference.expectMatches(mean(strat.column("api00_missing"), in: dstrat), "dstrat mean api00_missing")
    try reference.expectMatches(total(strat.column("api00_missing"), in: dstrat), "dstrat total api00_missing")
  }

  @Test func zeroWeightsKeepRespondentsInTheDesignWithoutCountingThem() throws {
    let design = try SurveyDesign(
      weights: strat.column("pw_zero"), strata: Grouping(strat.labels("stype")),
      fpc: .populationSize(strat.column("fpc")))
    try reference.expectMatches(mean(strat.column("api00"), in: design), "dstrat_zero mean api00")
    try reference.expectMatches(total(strat.column("enroll"), in: design), "dstrat_zero total enroll")
    #expect(try design.degreesOfFreedom == Int(reference("dstrat_zero degf")))
    let grouped = try mean(strat.column("api00"), in: design, by: Grouping(strat.labels("stype")))
    for (level, estimate) in zip(grouped.levels, grouped.estimates) {
      try reference.expectMatches(estimate, "dstrat_zero mean api00 by stype:\(level)")
    }
    #expect(try mean(strat.column("api00"), in: design).count == 197)
  }

  @Test(arguments: [LonelyPSURule.remove, .certainty, .adjust, .average])
  func lonelyPSUs(rule: LonelyPSURule) throws {
    let data = try APIData("lonely.csv")
    let design = try SurveyDesign(
      weights: data.column("pw"), strata: Grouping(data.labels("stype")), clusters: Grouping(data.labels("dnum")),
      lonelyPSU: rule)
    try reference.expectMatches(mean(data.column("api00"), in: design), "lonely \(rule.rawValue) mean api00")
    try reference.expectMatches(total(data.column("api00"), in: design), "lonely \(rule.rawValue) total api00")
  }

  @Test func aLonelyPSUFailsByDefault() throws {
    let data = try APIData("lonely.csv")
    let design = try SurveyDesign(
      weights: data.column("pw"), strata: Grouping(data.labels("stype")), clusters: Grouping(data.labels("dnum")))
    #expect(throws: EstimationError.lonelyPSU(stratum: 2)) { try mean(data.column("api00"), in: design) }
  }
}

/// Group means, their covariance and contrasts, against `svyby(covmat=TRUE)` and `svycontrast`.
@Suite struct GroupedMeansTests {
  let reference: ReferenceResults
  let designs: [(name: String, data: APIData, design: SurveyDesign)]

  init() throws {
    reference = try ReferenceResults("design-results.csv")
    let strat = try APIData("apistrat.csv")
    let clus1 = try APIData("apiclus1.csv")
    designs = [
      (
        "dstrat", strat,
        try SurveyDesign(
          weights: strat.column("pw"), strata: Grouping(strat.labels("stype")),
          fpc: .populationSize(strat.column("fpc")))
      ),
      (
        "dclus1", clus1,
        try SurveyDesign(
          weights: clus1.column("pw"), clusters: Grouping(clus1.labels("dnum")),
          fpc: .populationSize(clus1.column("fpc")))
      ),
    ]
  }

  @Test func meansByGroupMatchSvyby() throws {
    for (name, data, design) in designs {
      let grouped = try mean(data.column("api00"), in: design, by: Grouping(data.labels("stype")))
      #expect(grouped.levels == ["E", "H", "M"])
      for (level, estimate) in zip(grouped.levels, grouped.estimates) {
        try reference.expectMatches(estimate, "\(name) mean api00 by stype:\(level)")
      }
      for (a, first) in grouped.levels.enumerated() {
        for (b, second) in grouped.levels.enumerated() {
          expectClose(
            grouped.covariance[a][b], try reference("\(name) by stype cov", "\(first)-\(second)"), relative: 1e-10,
            absolute: 1e-12, "\(name) covariance \(first)-\(second)")
        }
      }
      try reference.expectMatches(grouped.difference(1, minus: 0), "\(name) contrast H-E")
      try reference.expectMatches(grouped.contrast([-0.5, -0.5, 1]), "\(name) contrast M-(E+H)/2")
    }
  }

  @Test func crossedGroupsComeOutInSvybysOrder() throws {
    let (_, data, design) = designs[1]
    let groups = try Grouping(data.labels("stype")).crossed(with: Grouping(data.labels("sch.wide")))
    let grouped = try mean(data.column("api00"), in: design, by: groups)
    #expect(grouped.levels == ["E.No", "H.No", "M.No", "E.Yes", "H.Yes", "M.Yes"])
    for (level, estimate) in zip(grouped.levels, grouped.estimates) {
      try reference.expectMatches(estimate, "dclus1 mean api00 by stype+sch.wide:\(level)")
    }
  }
}
