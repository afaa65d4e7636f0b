import ConfideStatistics
import Testing

/// Replicate-weight designs against `survey`'s `as.svrepdesign` and `svrepdesign`
/// (make-replication.R).
@Suite struct ReplicationTests {
  let reference: ReferenceResults
  let strat: APIData
  let clus1: APIData
  let dstrat: SurveyDesign
  let dclus1: SurveyDesign

  init() throws {
    reference = try ReferenceResults("replication-results.csv")
    strat = try APIData("apistrat.csv")
    clus1 = try APIData("apiclus1.csv")
    dstrat = try SurveyDesign(
      weights: strat.column("pw"), strata: Grouping(strat.labels("stype")),
      fpc: .populationSize(strat.column("fpc")))
    dclus1 = try SurveyDesign(
      weights: clus1.column("pw"), clusters: Grouping(clus1.labels("dnum")),
      fpc: .populationSize(clus1.column("fpc")))
  }

  /// Compares grouped estimates and their covariance with R's (`put_by`/`put_vector` cases).
  func expectGroups(_ grouped: GroupedMeans, _ testCase: String, names: [String], tolerance: Double = 1e-10) throws {
    #expect(grouped.estimates.count == names.count, "\(testCase) groups")
    for (estimate, name) in zip(grouped.estimates, names) {
      try reference.expectMatches(estimate, "\(testCase):\(name)", tolerance: tolerance)
    }
    for (a, first) in names.enumerated() {
      for (b, second) in names.enumerated() {
        expectClose(
          grouped.covariance[a][b], try reference("\(testCase) cov", "\(first)-\(second)"), relative: tolerance,
          absolute: 1e-12, "\(testCase) covariance \(first)-\(second)")
      }
    }
  }

  @Test func theJackknifeOraclesOfTheSurveyPackage() throws {
    // Printed in survey's tests: svymean(~api00, as.svrepdesign(dclus1)) is 644.17 with SE
    // 26.329 (26.335 with mse=TRUE); JKn of dstrat 662.29, SE 9.4089.
    var jackknife = try ReplicateDesign(jackknife: dclus1)
    #expect(jackknife.method == .jackknife)
    let api00 = try clus1.column("api00")
    var estimate = try mean(api00, in: jackknife)
    #expect((estimate.value * 100).rounded() == 64_417)
    #expect((estimate.standardError * 1000).rounded() == 26_329)
    try reference.expectMatches(estimate, "dclus1 JK1 mean api00")
    jackknife.meanSquaredError = true
    estimate = try mean(api00, in: jackknife)
    #expect((estimate.standardError * 1000).rounded() == 26_335)
    try reference.expectMatches(estimate, "dclus1 JK1 mse mean api00")

    var stratified = try ReplicateDesign(jackknife: dstrat)
    #expect(stratified.method == .stratifiedJackknife)
    estimate = try mean(strat.column("api00"), in: stratified)
    #expect((estimate.standardError * 10000).rounded() == 94_089)
    try reference.expectMatches(estimate, "dstrat JKn mean api00")
    stratified.meanSquaredError = true
    try reference.expectMatches(mean(strat.column("api00"), in: stratified), "dstrat JKn mse mean api00")
  }

  @Test func unstratifiedJackknife() throws {
    let design = try ReplicateDesign(jackknife: dclus1)
    expectClose(design.scale, try reference("dclus1 JK1", "scale"), relative: 1e-15, "scale")
    #expect(design.replicateCount == Int(try reference("dclus1 JK1", "replicates")))
    try reference.expectMatches(total(clus1.column("enroll"), in: design), "dclus1 JK1 total enroll")
    try reference.expectMatches(
      ratio(clus1.column("api.stu"), to: clus1.column("enroll"), in: design), "dclus1 JK1 ratio api.stu/enroll")
    try reference.expectMatches(
      mean(clus1.column("api00"), in: design, domain: clus1.domain("comp.imp", "Yes")),
      "dclus1 JK1 mean api00 comp.imp=Yes")
    try reference.expectMatches(
      total(clus1.column("enroll"), in: design, domain: clus1.domain("stype", "H")), "dclus1 JK1 total enroll stype=H")
    let grouped = try mean(clus1.column("api00"), in: design, by: Grouping(clus1.labels("stype")))
    #expect(grouped.levels == ["E", "H", "M"])
    try expectGroups(grouped, "dclus1 JK1 mean api00 by stype", names: ["E", "H", "M"])
    let shares = try proportions(of: Grouping(clus1.labels("stype")), in: design)
    try expectGroups(
      shares, "dclus1 JK1 proportions stype", names: ["factor(stype)E", "factor(stype)H", "factor(stype)M"])
    #expect(design.degreesOfFreedom == Int(try reference("dclus1 JK1 degf")))
    #expect(try design.degreesOfFreedom(in: clus1.domain("stype", "H")) == Int(reference("dclus1 JK1 degf stype=H")))
    #expect(
      try design.degreesOfFreedom(in: clus1.domain("comp.imp", "Yes")) == Int(reference("dclus1 JK1 degf comp.imp=Yes"))
    )
    #expect(grouped.estimates[1].degreesOfFreedom == Int(try reference("dclus1 JK1 degf stype=H")))

    let withoutFPC = try SurveyDesign(weights: clus1.column("pw"), clusters: Grouping(clus1.labels("dnum")))
    try reference.expectMatches(
      mean(clus1.column("api00"), in: ReplicateDesign(jackknife: withoutFPC)), "dclus1_nofpc JK1 mean api00")
  }

  @Test func stratifiedJackknife() throws {
    let design = try ReplicateDesign(jackknife: dstrat)
    try reference.expectMatches(total(strat.column("enroll"), in: design), "dstrat JKn total enroll")
    try reference.expectMatches(
      ratio(strat.column("api00"), to: strat.column("api99"), in: design), "dstrat JKn ratio api00/api99")
    let yes = try strat.domain("comp.imp", "Yes")
    try reference.expectMatches(
      mean(strat.column("api00"), in: design, domain: yes), "dstrat JKn mean api00 comp.imp=Yes")
    try expectGroups(
      mean(strat.column("api00"), in: design, by: Grouping(strat.labels("stype"))), "dstrat JKn mean api00 by stype",
      names: ["E", "H", "M"])
    try expectGroups(
      mean(strat.column("api00"), in: design, by: Grouping(strat.labels("comp.imp"))),
      "dstrat JKn mean api00 by comp.imp", names: ["No", "Yes"])
    try expectGroups(
      proportions(of: Grouping(strat.labels("sch.wide")), in: design), "dstrat JKn proportions sch.wide",
      names: ["factor(sch.wide)No", "factor(sch.wide)Yes"])
    try reference.expectMatches(mean(strat.column("api00_missing"), in: design), "dstrat JKn mean api00_missing")
    #expect(design.degreesOfFreedom == Int(try reference("dstrat JKn degf")))
    #expect(design.degreesOfFreedom(in: yes) == Int(try reference("dstrat JKn degf comp.imp=Yes")))
    #expect(try design.degreesOfFreedom(in: strat.domain("stype", "E")) == Int(reference("dstrat JKn degf stype=E")))

    let withoutFPC = try SurveyDesign(weights: strat.column("pw"), strata: Grouping(strat.labels("stype")))
    try reference.expectMatches(
      mean(strat.column("api00"), in: ReplicateDesign(jackknife: withoutFPC)), "dstrat_nofpc JKn mean api00")
  }

  @Test func stratifiedClusterJackknifeAndItsGivenFactors() throws {
    let stype = try clus1.labels("stype")
    let dnum = try clus1.labels("dnum")
    let psu = zip(stype, dnum).map { "\($0)_\($1)" }
    let design = try SurveyDesign(
      weights: clus1.column("pw"), strata: Grouping(stype), clusters: Grouping(psu))
    let jackknife = try ReplicateDesign(jackknife: design)

    // The same replicates given as R's compressed factors per PSU, with R's rscales.
    let table = try FixtureTable("jkn-dclus1s.csv")
    let units = Grouping(psu)
    let names = try table.strings("unit")
    let columns = try (1..<table.header.count).map { try table.numbers("r\($0)").map { $0 ?? .nan } }
    let unitFactors = columns.map { column in
      units.levels.map { level in column[names.firstIndex(of: level) ?? 0] }
    }
    let rscales = try (1..<table.header.count).map { try reference("dclus1s JKn rscales", "r\($0)") }
    let given = try ReplicateDesign(
      weights: clus1.column("pw"), units: units, unitFactors: unitFactors, method: .stratifiedJackknife,
      replicateScales: rscales)

    for replicated in [jackknife, given] {
      try reference.expectMatches(mean(clus1.column("api00"), in: replicated), "dclus1s JKn mean api00")
      try reference.expectMatches(total(clus1.column("enroll"), in: replicated), "dclus1s JKn total enroll")
      try expectGroups(
        mean(clus1.column("api00"), in: replicated, by: Grouping(clus1.labels("sch.wide"))),
        "dclus1s JKn mean api00 by sch.wide", names: ["No", "Yes"])
      #expect(replicated.degreesOfFreedom == Int(try reference("dclus1s JKn degf")))
      #expect(
        try replicated.degreesOfFreedom(in: clus1.domain("comp.imp", "Yes"))
          == Int(reference("dclus1s JKn degf comp.imp=Yes")))
      #expect(
        try replicated.degreesOfFreedom(in: clus1.domain("stype", "H")) == Int(reference("dclus1s JKn degf stype=H")))
    }
  }

  @Test(arguments: [LonelyPSURule.remove, .certainty, .adjust, .average])
  func lonelyPSUs(rule: LonelyPSURule) throws {
    let data = try APIData("lonely.csv")
    let design = try SurveyDesign(
      weights: data.column("pw"), strata: Grouping(data.labels("stype")), clusters: Grouping(data.labels("dnum")),
      lonelyPSU: rule)
    let jackknife = try ReplicateDesign(jackknife: design)
    try reference.expectMatches(mean(data.column("api00"), in: jackknife), "lonely JKn \(rule.rawValue) mean api00")
    try reference.expectMatches(total(data.column("api00"), in: jackknife), "lonely JKn \(rule.rawValue) total api00")
    #expect(jackknife.degreesOfFreedom == Int(try reference("lonely JKn \(rule.rawValue) degf")))
    #expect(
      try jackknife.degreesOfFreedom(in: data.domain("stype", "E"))
        == Int(reference("lonely JKn \(rule.rawValue) degf stype=E")))
  }

  @Test func aLonelyPSUFailsByDefault() throws {
    let data = try APIData("lonely.csv")
    let design = try SurveyDesign(
      weights: data.column("pw"), strata: Grouping(data.labels("stype")), clusters: Grouping(data.labels("dnum")))
    #expect(throws: EstimationError.lonelyPSU(stratum: 2)) { try ReplicateDesign(jackknife: design) }
  }

  @Test func givenReplicateWeightsPerRespondent() throws {
    let table = try FixtureTable("jk1-dclus1.csv")
    let pw = try clus1.column("pw")
    let factors = try (1..<table.header.count).map { try table.numbers("r\($0)").map { $0 ?? .nan } }
    let combined = factors.map { column in zip(column, pw).map { $0 * $1 } }
    let scale = try reference("dclus1 JK1", "scale")
    let given = try ReplicateDesign(weights: pw, replicateWeights: combined, method: .jackknife, scale: scale)
    try reference.expectMatches(mean(clus1.column("api00"), in: given), "given JK1 mean api00")
    try reference.expectMatches(
      mean(clus1.column("api00"), in: given, domain: clus1.domain("comp.imp", "Yes")),
      "given JK1 mean api00 comp.imp=Yes")
    #expect(given.degreesOfFreedom == Int(try reference("given JK1 degf")))
    #expect(try given.degreesOfFreedom(in: clus1.domain("stype", "H")) == Int(reference("given JK1 degf stype=H")))

    // Without a scale, svrepdesign guesses (R − 1)/R for combined JK1 weights.
    let guessed = try ReplicateDesign(weights: pw, replicateWeights: combined, method: .jackknife)
    try reference.expectMatches(mean(clus1.column("api00"), in: guessed), "given JK1 guessed scale mean api00")

    // The same replicates as factors (combined.weights=FALSE): svrepdesign guesses the scale as
    // 1/max(first replicate's factors) = (n − 1)/n, so give R's scale with the fpc.
    let asFactors = try ReplicateDesign(
      weights: pw, replicateWeights: factors, method: .jackknife, combinedWeights: false, scale: scale)
    try reference.expectMatches(mean(clus1.column("api00"), in: asFactors), "given JK1 mean api00")

    // A caller-given number of degrees of freedom is used everywhere.
    let fixed = try ReplicateDesign(
      weights: pw, replicateWeights: combined, method: .jackknife, scale: scale, degreesOfFreedom: 9)
    #expect(fixed.degreesOfFreedom == 9)
    #expect(try mean(clus1.column("api00"), in: fixed, domain: clus1.domain("stype", "H")).degreesOfFreedom == 9)
  }

  @Test func rsBootstrapReplicatesImportedExactly() throws {
    // Per PSU (R's compressed form).
    let table = try FixtureTable("boot-dclus1.csv")
    let units = try Grouping(clus1.labels("dnum").map { Int($0) ?? -1 })
    let names = try table.strings("unit")
    let columns = try (1..<table.header.count).map { try table.numbers("r\($0)").map { $0 ?? .nan } }
    let unitFactors = columns.map { column in units.levels.map { column[names.firstIndex(of: $0) ?? 0] } }
    let scale = try reference("dclus1 boot42", "scale")
    let design = try ReplicateDesign(
      weights: clus1.column("pw"), units: units, unitFactors: unitFactors, method: .bootstrap, scale: scale)
    try reference.expectMatches(mean(clus1.column("api00"), in: design), "dclus1 boot42 mean api00")
    try reference.expectMatches(total(clus1.column("enroll"), in: design), "dclus1 boot42 total enroll")
    try reference.expectMatches(
      mean(clus1.column("api00"), in: design, domain: clus1.domain("comp.imp", "Yes")),
      "dclus1 boot42 mean api00 comp.imp=Yes")
    #expect(design.degreesOfFreedom == Int(try reference("dclus1 boot42 degf")))

    // Per respondent, as factors and as combined weights.
    let perRow = try FixtureTable("boot-dstrat.csv")
    let pw = try strat.column("pw")
    let factors = try (1..<perRow.header.count).map { try perRow.numbers("r\($0)").map { $0 ?? .nan } }
    let rowScale = try reference("dstrat boot7", "scale")
    let fromFactors = try ReplicateDesign(
      weights: pw, replicateWeights: factors, method: .bootstrap, combinedWeights: false, scale: rowScale)
    try reference.expectMatches(mean(strat.column("api00"), in: fromFactors), "dstrat boot7 mean api00")
    try reference.expectMatches(total(strat.column("enroll"), in: fromFactors), "dstrat boot7 total enroll")
    try expectGroups(
      mean(strat.column("api00"), in: fromFactors, by: Grouping(strat.labels("stype"))),
      "dstrat boot7 mean api00 by stype", names: ["E", "H", "M"])
    #expect(fromFactors.degreesOfFreedom == Int(try reference("dstrat boot7 degf")))
    let combined = factors.map { column in zip(column, pw).map { $0 * $1 } }
    let fromWeights = try ReplicateDesign(weights: pw, replicateWeights: combined, method: .bootstrap, scale: rowScale)
    try reference.expectMatches(mean(strat.column("api00"), in: fromWeights), "dstrat boot7 combined mean api00")
    #expect(fromWeights.degreesOfFreedom == Int(try reference("dstrat boot7 combined degf")))
  }

  @Test func confidesBootstrapAgreesWithRsWithinMonteCarloError() throws {
    // Both sides use 5,000 replicates. A variance from R replicates has relative standard
    // deviation about √((κ − 1)/R) ≈ √(2/5000) = 2% (κ ≈ 3, the replicate estimates being
    // nearly normal), so a standard error about 1%, and the difference of two independent ones
    // about 1.4%. The tolerance, 6%, is over four of those standard deviations.
    var generator = SeededGenerator(seed: 20_261_130)
    let boot = try ReplicateDesign(bootstrap: dclus1, replicates: 5000, using: &generator)
    #expect(boot.replicateCount == 5000)
    #expect(boot.degreesOfFreedom == 14)
    let api00 = try mean(clus1.column("api00"), in: boot)
    expectClose(api00.value, try reference("dclus1 boot5000 mean api00", "estimate"), relative: 1e-12)
    expectClose(
      api00.standardError, try reference("dclus1 boot5000 mean api00", "se"), relative: 0.06, "bootstrap SE api00")
    let enroll = try total(clus1.column("enroll"), in: boot)
    expectClose(
      enroll.standardError, try reference("dclus1 boot5000 total enroll", "se"), relative: 0.06, "bootstrap SE enroll")
    let stratified = try ReplicateDesign(bootstrap: dstrat, replicates: 5000, using: &generator)
    expectClose(
      try mean(strat.column("api00"), in: stratified).standardError, try reference("dstrat boot5000 mean api00", "se"),
      relative: 0.06, "stratified bootstrap SE api00")
    let rescaled = try ReplicateDesign(
      bootstrap: dclus1, replicates: 5000, method: .subsampleBootstrap, using: &generator)
    expectClose(
      try mean(clus1.column("api00"), in: rescaled).standardError,
      try reference("dclus1 subboot5000 mean api00", "se"), relative: 0.06, "Rao-Wu bootstrap SE api00")

    // Without an fpc the bootstrap variance of a total has expectation exactly the linearised
    // with-replacement variance; 5,000 replicates put its SE within 6% (over four SDs).
    let withoutFPC = try SurveyDesign(weights: clus1.column("pw"), clusters: Grouping(clus1.labels("dnum")))
    let noFPCBoot = try ReplicateDesign(bootstrap: withoutFPC, replicates: 5000, using: &generator)
    expectClose(
      try total(clus1.column("enroll"), in: noFPCBoot).standardError,
      try reference("dclus1_nofpc taylor total enroll", "se"), relative: 0.06, "bootstrap vs Taylor SE")
  }

  @Test func aSeededBootstrapIsReproducible() throws {
    var first = SeededGenerator(seed: 7)
    var second = SeededGenerator(seed: 7)
    let a = try mean(strat.column("api00"), in: ReplicateDesign(bootstrap: dstrat, replicates: 20, using: &first))
    let b = try mean(strat.column("api00"), in: ReplicateDesign(bootstrap: dstrat, replicates: 20, using: &second))
    #expect(a == b)
  }

  @Test func degenerateInputGivesDefinedAnswersOrErrors() throws {
    let jackknife = try ReplicateDesign(jackknife: dclus1)
    let api00 = try clus1.column("api00")
    let nobody = [Bool](repeating: false, count: api00.count)
    #expect(throws: EstimationError.self) { try mean(api00, in: jackknife, domain: nobody) }
    #expect(throws: EstimationError.self) { try total(api00, in: jackknife, domain: nobody) }
    #expect(throws: EstimationError.self) {
      try ratio(api00, to: [Double](repeating: 0, count: api00.count), in: jackknife)
    }
    #expect(throws: EstimationError.lengthMismatch(argument: "y", expected: api00.count, actual: 3)) {
      try mean([1, 2, 3], in: jackknife)
    }
    // A domain inside a single PSU: the replicate that drops it has no respondents and is left
    // out, as R does; the answer is defined.
    let dnum = try clus1.labels("dnum")
    let onePSU = dnum.map { $0 == dnum[0] }
    let inside = try mean(api00, in: jackknife, domain: onePSU)
    #expect(inside.variance.isFinite)
    #expect(jackknife.degreesOfFreedom(in: onePSU) == 0)

    // A census (every PSU sampled) has no replicates and no variance.
    let census = try SurveyDesign(
      weights: [Double](repeating: 1, count: api00.count), clusters: Grouping(dnum),
      fpc: .populationSize([Double](repeating: 15, count: api00.count)))
    let censusJackknife = try ReplicateDesign(jackknife: census)
    #expect(censusJackknife.replicateCount == 0)
    #expect(try mean(api00, in: censusJackknife).variance == 0)

    var generator = SeededGenerator(seed: 1)
    #expect(throws: EstimationError.self) { try ReplicateDesign(bootstrap: dclus1, replicates: 1, using: &generator) }
    let single = try SurveyDesign(weights: [1, 1, 1], clusters: Grouping(["a", "a", "a"]))
    #expect(throws: EstimationError.self) { try ReplicateDesign(jackknife: single) }
    #expect(throws: EstimationError.self) { try ReplicateDesign(bootstrap: single, using: &generator) }
    #expect(throws: EstimationError.self) {
      try ReplicateDesign(weights: [1, 2], replicateWeights: [[1, 2], [1]], method: .bootstrap)
    }
    #expect(throws: EstimationError.self) {
      try ReplicateDesign(weights: [1, 2], replicateWeights: [[1, 2], [2, 1]], method: .stratifiedJackknife)
    }
  }
}
