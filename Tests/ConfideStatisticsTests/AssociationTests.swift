import ConfideStatistics
import Testing

/// Two-way tables and the Rao–Scott and Wald tests, against `svytable` and `svychisq`
/// (make-tables.R).
@Suite struct AssociationTests {
  let reference: ReferenceResults
  let strat: RegressionData
  let clus1: RegressionData

  init() throws {
    reference = try ReferenceResults("tables-results.csv")
    strat = try .strat()
    clus1 = try .clus1()
  }

  /// A categorical column, with the derived columns make-tables.R makes.
  func grouping(_ data: RegressionData, _ name: String) throws -> Grouping {
    let labels: [String?]
    switch name {
    case "mealcat", "mealcat_missing":
      let cut = try data.data.column("meals").map { meals in
        ["a", "b", "c", "d"][[25.0, 50, 75].count { $0 <= meals }]
      }
      labels = name == "mealcat" ? cut : cut.enumerated().map { ($0.offset + 1) % 7 == 0 ? nil : $0.element }
    case "sch.wide_missing":
      labels = try data.data.labels("sch.wide").enumerated().map { ($0.offset + 1) % 11 == 0 ? nil : $0.element }
    default:
      labels = try data.data.labels(name)
    }
    return Grouping(labels)
  }

  /// Runs every statistic on a table and compares it, and the weighted counts, with R.
  func expectMatches(
    _ testCase: String, _ data: RegressionData, _ rows: String, _ columns: String, domain: [Bool]? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let rowGroups = try grouping(data, rows)
    let columnGroups = try grouping(data, columns)
    for method in AssociationStatistic.allCases {
      let key = method.rawValue
      let test = try associationTest(rowGroups, columnGroups, in: data.design, domain: domain, statistic: method)
      #expect(test.method == method)
      if method == .raoScottChiSquared {
        // R prints the uncorrected X² and takes the p-value from the corrected one.
        expectClose(
          test.pearsonChiSquared, try reference(testCase, "Chisq:statistic"), relative: 1e-8, "\(testCase) X²",
          sourceLocation: sourceLocation)
        expectClose(
          test.numeratorDegreesOfFreedom, try reference(testCase, "Chisq:df"), relative: 0, "\(testCase) df",
          sourceLocation: sourceLocation)
        #expect(test.denominatorDegreesOfFreedom == nil, sourceLocation: sourceLocation)
      } else {
        expectClose(
          test.statistic, try reference(testCase, "\(key):statistic"), relative: 1e-8, "\(testCase) \(key)",
          sourceLocation: sourceLocation)
        expectClose(
          test.numeratorDegreesOfFreedom, try reference(testCase, "\(key):ndf"), relative: 1e-8,
          "\(testCase) \(key) ndf", sourceLocation: sourceLocation)
        let ddf = try #require(test.denominatorDegreesOfFreedom, sourceLocation: sourceLocation)
        expectClose(
          ddf, try reference(testCase, "\(key):ddf"), relative: 1e-8, "\(testCase) \(key) ddf",
          sourceLocation: sourceLocation)
      }
      expectClose(
        test.pValue, try reference(testCase, "\(key):p"), relative: 1e-8, "\(testCase) \(key) p",
        sourceLocation: sourceLocation)
    }
    let table = try crossTabulation(rowGroups, by: columnGroups, in: data.design, domain: domain)
    for (a, row) in table.rowLevels.enumerated() {
      for (b, column) in table.columnLevels.enumerated() {
        expectClose(
          table.counts[a][b], try reference(testCase, "count:\(row)|\(column)"), relative: 1e-12,
          absolute: 1e-9, "\(testCase) count \(row)|\(column)", sourceLocation: sourceLocation)
      }
    }
    let cells = reference.values.keys.filter { $0.hasPrefix("\(testCase)|count:") }.count
    #expect(cells == table.rowLevels.count * table.columnLevels.count, sourceLocation: sourceLocation)
  }

  @Test func theOracle() throws {
    let test = try associationTest(grouping(clus1, "sch.wide"), grouping(clus1, "stype"), in: clus1.design)
    // Printed by R: F = 5.1934, ndf = 1.4946, ddf = 20.9250, p-value = 0.02175.
    #expect((test.statistic * 10_000).rounded() == 51_934)
    #expect((test.numeratorDegreesOfFreedom * 10_000).rounded() == 14_946)
    #expect((try #require(test.denominatorDegreesOfFreedom) * 10_000).rounded() == 209_250)
    #expect((test.pValue * 100_000).rounded() == 2_175)
    let strat = try associationTest(grouping(strat, "sch.wide"), grouping(strat, "stype"), in: strat.design)
    // F = 17.247, ndf = 1.8287, ddf = 360.2483, p-value = 2.035e-07.
    #expect((strat.statistic * 1_000).rounded() == 17_247)
    #expect((try #require(strat.denominatorDegreesOfFreedom) * 10_000).rounded() == 3_602_483)
    #expect((strat.pValue * 1e10).rounded() == 2_035)
  }

  @Test func twoByThreeTables() throws {
    try expectMatches("dclus1 sch.wide+stype", clus1, "sch.wide", "stype")
    try expectMatches("dstrat sch.wide+stype", strat, "sch.wide", "stype")
  }

  @Test func threeByFourTables() throws {
    try expectMatches("dstrat stype+mealcat", strat, "stype", "mealcat")
    try expectMatches("dclus1 stype+mealcat", clus1, "stype", "mealcat")
  }

  @Test func domains() throws {
    try expectMatches(
      "dstrat comp.imp=Yes sch.wide+stype", strat, "sch.wide", "stype", domain: strat.data.domain("comp.imp", "Yes"))
    // Empty cells (R takes 0 for their inverse proportion).
    try expectMatches(
      "dclus1 comp.imp=No stype+mealcat", clus1, "stype", "mealcat", domain: clus1.data.domain("comp.imp", "No"))
  }

  @Test func levelsNoOneInTheDomainHasAreLeftOut() throws {
    let notHigh = try clus1.data.labels("stype").map { $0 != "H" }
    try expectMatches("dclus1 stype!=H sch.wide+stype", clus1, "sch.wide", "stype", domain: notHigh)
    let table = try crossTabulation(
      grouping(clus1, "sch.wide"), by: grouping(clus1, "stype"), in: clus1.design, domain: notHigh)
    #expect(table.columnLevels == ["E", "M"])
  }

  @Test func missingAnswersAreLeftOut() throws {
    try expectMatches("dstrat sch.wide_missing+stype", strat, "sch.wide_missing", "stype")
    try expectMatches("dclus1 comp.imp+mealcat_missing", clus1, "comp.imp", "mealcat_missing")
  }

  @Test func theTableHoldsWeightedCountsAndProportions() throws {
    let table = try crossTabulation(grouping(clus1, "sch.wide"), by: grouping(clus1, "stype"), in: clus1.design)
    #expect(table.rowLevels == ["No", "Yes"])
    #expect(table.columnLevels == ["E", "H", "M"])
    let proportions = table.proportions
    expectClose(proportions.joined().reduce(0, +), 1, relative: 1e-12)
    expectClose(
      proportions[0][1], try reference("dclus1 sch.wide+stype", "count:No|H") / table.total, relative: 1e-12)
    #expect(table.unweightedCounts.joined().reduce(0, +) == 183)
  }

  @Test func degenerateTablesAreRefused() throws {
    let stype = try grouping(strat, "stype")
    let schoolwide = try grouping(strat, "sch.wide")
    // One level of a variable in the domain.
    #expect(throws: EstimationError.self) {
      try associationTest(schoolwide, stype, in: strat.design, domain: strat.data.domain("stype", "E"))
    }
    // A row whose respondents all miss the other answer: R returns NaN.
    let n = strat.design.count
    var rowsWithOrphan = stype.codes.map { Int($0) }.map { stype.levels[$0] }
    rowsWithOrphan[0] = "X"
    let orphanRow = Grouping(rowsWithOrphan)
    var missingColumn = (0..<n).map { i -> String? in schoolwide.levels[Int(schoolwide.codes[i])] }
    missingColumn[0] = nil
    #expect(throws: EstimationError.noObservations("the table's row 'X' is empty")) {
      try associationTest(orphanRow, Grouping(missingColumn), in: strat.design)
    }
    // An empty domain, and mismatched lengths.
    #expect(throws: EstimationError.self) {
      try associationTest(schoolwide, stype, in: strat.design, domain: [Bool](repeating: false, count: n))
    }
    #expect(throws: EstimationError.lengthMismatch(argument: "rows", expected: n, actual: 2)) {
      try associationTest(Grouping(["a", "b"]), stype, in: strat.design)
    }
    // The adjusted Wald test needs more design degrees of freedom than contrasts.
    let small = try SurveyDesign(weights: [1, 1, 1, 1, 1, 1], clusters: Grouping([1, 1, 2, 2, 3, 3]))
    let a = Grouping(["x", "y", "z", "x", "y", "z"])
    let b = Grouping(["u", "u", "v", "v", "w", "w"])
    #expect(throws: EstimationError.self) {
      try associationTest(a, b, in: small, statistic: .adjustedWald)
    }
  }
}
