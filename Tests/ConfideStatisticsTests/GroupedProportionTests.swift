import ConfideStatistics
import Testing

/// `proportionIntervals` (every group at once) against `proportionInterval` on each group's
/// domain, which is itself checked against R: the two must agree to the last bit, on stratified,
/// clustered and raked designs, for every interval method.
@Suite struct GroupedProportionTests {
  let strat: APIData
  let calibration: CalibrationFixtures

  init() throws {
    strat = try APIData("apistrat.csv")
    calibration = try CalibrationFixtures()
  }

  /// Compares the grouped intervals with one estimate per group, bit for bit.
  func expectSameAsOneGroupAtATime(
    _ y: [Double], by groups: Grouping, in design: SurveyDesign, domain: [Bool]?, _ label: String
  ) throws {
    for method in ProportionIntervalMethod.allCases {
      let grouped = try proportionIntervals(y, by: groups, in: design, method: method, level: 0.9, domain: domain)
      #expect(grouped.count == groups.count)
      for g in 0..<groups.count {
        let member = (0..<design.count).map { groups.codes[$0] == Int32(g) && (domain?[$0] ?? true) }
        let answered = (0..<design.count).contains { member[$0] && !y[$0].isNaN && design.weights[$0] > 0 }
        guard answered else {
          #expect(grouped[g] == nil, "\(label) \(method) group \(g) has no estimate")
          continue
        }
        let single = try proportionInterval(y, in: design, method: method, level: 0.9, domain: member)
        #expect(grouped[g] == single, "\(label) \(method) group \(g)")
      }
    }
  }

  @Test func aStratifiedDesignByGroupWithinADomain() throws {
    let design = try SurveyDesign(
      weights: strat.column("pw"), strata: Grouping(strat.labels("stype")),
      fpc: .populationSize(strat.column("fpc")))
    let y = try strat.column("ell").map { $0 < 10 ? 1.0 : 0.0 }
    // Groups that cut across the strata, one of them empty inside the domain.
    let meals = try strat.column("meals")
    let groups = try Grouping(
      codes: meals.map { $0 < 20 ? 0 : ($0 < 60 ? 1 : ($0 >= 1000 ? 3 : 2)) }, levels: ["low", "mid", "high", "none"])
    let domain = try strat.labels("sch.wide").map { $0 == "Yes" }
    try expectSameAsOneGroupAtATime(y, by: groups, in: design, domain: domain, "apistrat")
    try expectSameAsOneGroupAtATime(y, by: groups, in: design, domain: nil, "apistrat, everyone")
  }

  @Test func aRakedClusterDesignWithMissingAnswers() throws {
    let raked = try rake(calibration.dclus1, margins: calibration.threeMargins()).design
    let clus1 = calibration.clus1
    var y = try clus1.column("ell").map { $0 < 10 ? 1.0 : 0.0 }
    for i in stride(from: 0, to: y.count, by: 7) { y[i] = .nan }
    let groups = try Grouping(clus1.labels("stype"))
    try expectSameAsOneGroupAtATime(y, by: groups, in: raked, domain: nil, "raked apiclus1")
  }

  @Test func answersOtherThanZeroAndOneAreRefused() throws {
    let design = try SurveyDesign(weights: [1, 1, 1])
    #expect(throws: EstimationError.self) {
      try proportionIntervals([0, 2, 1], by: Grouping(["a", "b", "a"]), in: design)
    }
  }
}
