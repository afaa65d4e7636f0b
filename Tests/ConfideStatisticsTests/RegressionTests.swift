import ConfideStatistics
import Foundation
import Testing

/// The api data with the columns `make-regression.R` derives, and the two designs.
struct RegressionData {
  let data: APIData
  let design: SurveyDesign

  static func strat() throws -> RegressionData {
    let data = try APIData("apistrat.csv")
    return RegressionData(
      data: data,
      design: try SurveyDesign(
        weights: data.column("pw"), strata: Grouping(data.labels("stype")), fpc: .populationSize(data.column("fpc"))))
  }

  static func clus1() throws -> RegressionData {
    let data = try APIData("apiclus1.csv")
    return RegressionData(
      data: data,
      design: try SurveyDesign(
        weights: data.column("pw"), clusters: Grouping(data.labels("dnum")), fpc: .populationSize(data.column("fpc"))))
  }

  func column(_ name: String) throws -> [Double] {
    switch name {
    case "yes": return try data.indicator("sch.wide", "Yes")
    case "improved": return try data.indicator("comp.imp", "Yes")
    case "ell_missing": return try missingEvery(9, column("ell"))
    case "yes_missing": return try missingEvery(11, column("yes"))
    default: return try data.column(name)
    }
  }

  func numeric(_ name: String) throws -> RegressionTerm { .numeric(name, try column(name)) }

  func categorical(_ name: String, reference: String? = nil) throws -> RegressionTerm {
    if name == "mealcat" {
      // "a".."d" by meals cut at 25, 50, 75, as R's findInterval.
      let labels = try data.column("meals").map { meals in ["a", "b", "c", "d"][[25.0, 50, 75].count { $0 <= meals }] }
      return .categorical(name, Grouping(labels), reference: reference)
    }
    return .categorical(name, Grouping(try data.labels(name)), reference: reference)
  }

  /// The column with rows `k`, 2`k`, … (1-based) missing.
  private func missingEvery(_ k: Int, _ values: [Double]) -> [Double] {
    values.enumerated().map { ($0.offset + 1) % k == 0 ? .nan : $0.element }
  }
}

/// Survey-weighted regressions against `svyglm`, `confint` and `regTermTest` (make-regression.R).
@Suite struct RegressionTests {
  let reference: ReferenceResults
  let strat: RegressionData
  let clus1: RegressionData

  init() throws {
    reference = try ReferenceResults("regression-results.csv")
    strat = try .strat()
    clus1 = try .clus1()
  }

  /// Compares every coefficient, interval, covariance and the residual df with R's.
  func expectMatches(
    _ model: RegressionModel, _ testCase: String, tolerance: Double, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    #expect(
      model.residualDegreesOfFreedom == Int(try reference(testCase, "df")), "\(testCase) df",
      sourceLocation: sourceLocation)
    for coefficient in model.coefficients {
      let name = coefficient.name
      let interval = try coefficient.confidenceInterval()
      for (statistic, actual) in [
        ("estimate", coefficient.estimate), ("se", coefficient.standardError), ("t", coefficient.tStatistic),
        ("p", coefficient.pValue), ("lower", interval.lowerBound), ("upper", interval.upperBound),
      ] {
        expectClose(
          actual, try reference(testCase, "\(statistic):\(name)"), relative: tolerance,
          "\(testCase) \(statistic) \(name)", sourceLocation: sourceLocation)
      }
      for (b, other) in model.coefficients.enumerated() {
        let a = model.coefficients.firstIndex { $0.name == name } ?? 0
        let scale = (model.covariance[a][a] * model.covariance[b][b]).squareRoot()
        expectClose(
          model.covariance[a][b], try reference(testCase, "cov:\(name)|\(other.name)"), relative: tolerance,
          absolute: tolerance * scale, "\(testCase) cov \(name)|\(other.name)", sourceLocation: sourceLocation)
      }
    }
    // Every coefficient R reports is in the model.
    let names = Set(model.coefficients.map(\.name))
    let expected = Set(
      reference.values.keys.compactMap { key -> String? in
        let parts = key.split(separator: "|", maxSplits: 1)
        guard parts.count == 2, parts[0] == testCase, parts[1].hasPrefix("estimate:") else { return nil }
        return String(parts[1].dropFirst("estimate:".count))
      })
    #expect(names == expected, "\(testCase) coefficients", sourceLocation: sourceLocation)
  }

  func expectTermTest(
    _ model: RegressionModel, _ testCase: String, term: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let test = try model.waldTest(term: term)
    expectClose(test.statistic, try reference(testCase, "F:\(term)"), relative: 1e-8, "\(testCase) F \(term)")
    #expect(test.numeratorDegreesOfFreedom == Int(try reference(testCase, "ndf:\(term)")))
    #expect(test.denominatorDegreesOfFreedom == Int(try reference(testCase, "ddf:\(term)")))
    expectClose(test.pValue, try reference(testCase, "p:\(term)"), relative: 1e-8, "\(testCase) p \(term)")
  }

  @Test func theLogisticOracle() throws {
    let model = try regression(
      strat.column("yes"), on: [strat.numeric("ell"), strat.numeric("meals"), strat.numeric("mobility")],
      in: strat.design, family: .logistic)
    // Printed by R: (Intercept) 0.835836525 (SE 0.455626096), ell -0.002489636 (0.013252499),
    // meals -0.003152365 (0.009199484), mobility 0.060896779 (0.031935421, t 1.9069, p 0.05801).
    let printed: [(String, Double, Double)] = [
      ("(Intercept)", 0.835836525, 0.455626096), ("ell", -0.002489636, 0.013252499),
      ("meals", -0.003152365, 0.009199484), ("mobility", 0.060896779, 0.031935421),
    ]
    for (name, estimate, se) in printed {
      let coefficient = try #require(model.coefficient(name))
      expectClose(coefficient.estimate, estimate, relative: 0, absolute: 5e-10, name)
      expectClose(coefficient.standardError, se, relative: 0, absolute: 5e-10, name)
    }
    let mobility = try #require(model.coefficient("mobility"))
    #expect((mobility.tStatistic * 10_000).rounded() == 19_069)
    #expect((mobility.pValue * 100_000).rounded() == 5_801)
    try expectMatches(model, "logit dstrat yes~ell+meals+mobility", tolerance: 1e-8)
    #expect(model.iterations == Int(try reference("logit dstrat yes~ell+meals+mobility", "iterations")))
  }

  @Test func aTighterToleranceReachesTheConvergedFit() throws {
    // R's default stopping rule leaves the standard errors 1e-5 from the converged ones.
    let model = try regression(
      strat.column("yes"), on: [strat.numeric("ell"), strat.numeric("meals"), strat.numeric("mobility")],
      in: strat.design, family: .logistic, tolerance: 1e-14, maximumIterations: 100)
    try expectMatches(model, "logit dstrat yes~ell+meals+mobility tight", tolerance: 1e-8)
  }

  @Test func logisticOnAClusterSample() throws {
    let model = try regression(
      clus1.column("yes"), on: [clus1.numeric("ell"), clus1.numeric("meals"), clus1.numeric("mobility")],
      in: clus1.design, family: .logistic)
    try expectMatches(model, "logit dclus1 yes~ell+meals+mobility", tolerance: 1e-8)
  }

  @Test func linearModels() throws {
    try expectMatches(
      regression(
        clus1.column("api00"), on: [clus1.numeric("ell"), clus1.numeric("meals"), clus1.numeric("mobility")],
        in: clus1.design),
      "linear dclus1 api00~ell+meals+mobility", tolerance: 1e-8)
    try expectMatches(
      regression(
        strat.column("api00"), on: [strat.numeric("ell"), strat.numeric("meals"), strat.categorical("stype")],
        in: strat.design),
      "linear dstrat api00~ell+meals+stype", tolerance: 1e-8)
  }

  @Test func aChosenReferenceLevel() throws {
    let model = try regression(
      strat.column("api00"),
      on: [strat.numeric("ell"), strat.numeric("meals"), strat.categorical("stype", reference: "M")], in: strat.design)
    #expect(model.coefficients.map(\.name) == ["(Intercept)", "ell", "meals", "stypeE", "stypeH"])
    try expectMatches(model, "linear dstrat api00~ell+meals+stype(ref M)", tolerance: 1e-8)
  }

  @Test func withoutAnInterceptTheFirstCategoricalHasEveryLevel() throws {
    let model = try regression(
      strat.column("api00"), on: [strat.categorical("stype"), strat.numeric("meals")], in: strat.design,
      intercept: false)
    #expect(model.coefficients.map(\.name) == ["stypeE", "stypeH", "stypeM", "meals"])
    try expectMatches(model, "linear dstrat api00~stype+meals-1", tolerance: 1e-8)
  }

  @Test func interactionsAndTermTests() throws {
    let stype = try strat.categorical("stype")
    let meals = try strat.numeric("meals")
    let model = try regression(
      strat.column("api00"), on: [stype, meals, .interaction(stype, meals)], in: strat.design)
    #expect(model.termNames == ["stype", "meals", "stype:meals"])
    try expectMatches(model, "linear dstrat api00~stype*meals", tolerance: 1e-8)
    try expectTermTest(model, "linear dstrat api00~stype*meals", term: "stype:meals")
    try expectTermTest(model, "linear dstrat api00~stype*meals", term: "stype")
    // regTermTest matches an interaction's parts in any order.
    #expect(try model.waldTest(term: "meals:stype") == model.waldTest(term: "stype:meals"))
    let byName = try model.waldTest(coefficients: ["stypeH:meals", "stypeM:meals"])
    #expect(byName == (try model.waldTest(term: "stype:meals")))

    let clusType = try clus1.categorical("stype")
    let improved = try clus1.categorical("comp.imp")
    let categorical = try regression(
      clus1.column("api00"), on: [clusType, improved, .interaction(clusType, improved)], in: clus1.design)
    try expectMatches(categorical, "linear dclus1 api00~stype*comp.imp", tolerance: 1e-8)
    try expectTermTest(categorical, "linear dclus1 api00~stype*comp.imp", term: "stype:comp.imp")
  }

  @Test func logisticInteractions() throws {
    let stype = try strat.categorical("stype")
    let mealcat = try strat.categorical("mealcat")
    let model = try regression(
      strat.column("improved"), on: [stype, mealcat, .interaction(stype, mealcat)], in: strat.design,
      family: .logistic)
    #expect(
      model.coefficients.map(\.name).suffix(6) == [
        "stypeH:mealcatb", "stypeM:mealcatb", "stypeH:mealcatc", "stypeM:mealcatc", "stypeH:mealcatd",
        "stypeM:mealcatd",
      ])
    try expectMatches(model, "logit dstrat improved~stype*mealcat", tolerance: 1e-8)
    try expectTermTest(model, "logit dstrat improved~stype*mealcat", term: "stype:mealcat")
    try expectTermTest(model, "logit dstrat improved~stype*mealcat", term: "mealcat")

    let clusType = try clus1.categorical("stype")
    let meals = try clus1.numeric("meals")
    let clustered = try regression(
      clus1.column("yes"), on: [clusType, meals, .interaction(clusType, meals)], in: clus1.design, family: .logistic)
    try expectMatches(clustered, "logit dclus1 yes~stype*meals", tolerance: 1e-8)
    try expectTermTest(clustered, "logit dclus1 yes~stype*meals", term: "stype:meals")
  }

  @Test func oddsRatiosAreExpOfTheIntervalOnTheLogOdds() throws {
    let model = try regression(
      strat.column("yes"), on: [strat.numeric("ell"), strat.numeric("meals"), strat.numeric("mobility")],
      in: strat.design, family: .logistic)
    let testCase = "logit dstrat yes~ell+meals+mobility"
    for coefficient in model.coefficients {
      expectClose(coefficient.oddsRatio, exp(try reference(testCase, "estimate:\(coefficient.name)")), relative: 1e-8)
      let interval = try coefficient.oddsRatioInterval()
      expectClose(interval.lowerBound, exp(try reference(testCase, "lower:\(coefficient.name)")), relative: 1e-8)
      expectClose(interval.upperBound, exp(try reference(testCase, "upper:\(coefficient.name)")), relative: 1e-8)
    }
    let mobility = try #require(model.coefficient("mobility"))
    let narrow = try mobility.confidenceInterval(level: 0.5)
    #expect(narrow.lowerBound > (try mobility.confidenceInterval()).lowerBound)
    #expect(throws: EstimationError.self) { try mobility.confidenceInterval(level: 1) }
  }

  @Test func domainsKeepTheDesignsOtherPSUs() throws {
    try expectMatches(
      regression(
        strat.column("api00"), on: [strat.numeric("ell"), strat.numeric("meals")], in: strat.design,
        domain: strat.data.domain("comp.imp", "Yes")),
      "linear dstrat comp.imp=Yes api00~ell+meals", tolerance: 1e-8)
    let elementary = try clus1.data.domain("stype", "E")
    try expectMatches(
      regression(
        clus1.column("yes"), on: [clus1.numeric("meals"), clus1.numeric("mobility")], in: clus1.design,
        family: .logistic, domain: elementary),
      "logit dclus1 stype=E yes~meals+mobility", tolerance: 1e-8)
    try expectMatches(
      regression(
        clus1.column("api00"), on: [clus1.numeric("meals"), clus1.numeric("ell_missing")], in: clus1.design,
        domain: elementary),
      "linear dclus1 stype=E api00~meals+ell_missing", tolerance: 1e-8)
  }

  @Test func respondentsMissingAValueAreLeftOut() throws {
    let linear = try regression(
      strat.column("api00_missing"), on: [strat.numeric("ell_missing"), strat.numeric("meals")], in: strat.design)
    try expectMatches(linear, "linear dstrat api00_missing~ell_missing+meals", tolerance: 1e-8)
    let logistic = try regression(
      strat.column("yes_missing"), on: [strat.numeric("ell_missing"), strat.categorical("mealcat")],
      in: strat.design, family: .logistic)
    try expectMatches(logistic, "logit dstrat yes_missing~ell_missing+mealcat", tolerance: 1e-8)
    #expect(logistic.count < 200)
  }
}

/// Degenerate models: a defined error, never a huge coefficient or NaN.
@Suite struct RegressionErrorTests {
  let strat: RegressionData
  let clus1: RegressionData
  let reference: ReferenceResults

  init() throws {
    strat = try .strat()
    clus1 = try .clus1()
    reference = try ReferenceResults("regression-results.csv")
  }

  /// The message of the `singular` error a call throws, or `nil`.
  func singularMessage(_ body: () throws -> RegressionModel) -> String? {
    do {
      _ = try body()
      return nil
    } catch {
      if case .singular(let message) = error as? EstimationError { return message }
      return nil
    }
  }

  /// The message of the `separation` error a call throws, or `nil`.
  func separationMessage(_ body: () throws -> RegressionModel) -> String? {
    do {
      _ = try body()
      return nil
    } catch {
      if case .separation(let message) = error as? EstimationError { return message }
      return nil
    }
  }

  @Test func quasiSeparationIsRefusedWhereRReturnsAHugeCoefficient() throws {
    // R: stypeM:comp.impYes 16.09 (SE 0.94) without a warning.
    #expect(try reference("separation dstrat yes~stype*comp.imp", "estimate:stypeM:comp.impYes") > 15)
    let stype = try strat.categorical("stype")
    let improved = try strat.categorical("comp.imp")
    let message = try #require(
      separationMessage {
        try regression(
          strat.column("yes"), on: [stype, improved, .interaction(stype, improved)], in: strat.design,
          family: .logistic)
      })
    #expect(message.contains("separated"))
    #expect(message.contains("stypeM:comp.impYes"))

    #expect(try reference("separation dstrat yes~comp.imp*mealcat", "estimate:comp.impYes:mealcatd") > 14)
    let mealcat = try strat.categorical("mealcat")
    let second = try #require(
      separationMessage {
        try regression(
          strat.column("yes"), on: [improved, mealcat, .interaction(improved, mealcat)], in: strat.design,
          family: .logistic)
      })
    #expect(second.contains("separated"))
  }

  @Test func completeSeparationIsRefused() throws {
    let x: [Double] = [-3, -2, -1, -0.5, 0.5, 1, 2, 3]
    let y: [Double] = x.map { $0 > 0 ? 1 : 0 }
    let design = try SurveyDesign(weights: [Double](repeating: 10, count: x.count))
    let message = try #require(
      separationMessage { try regression(y, on: [.numeric("x", x)], in: design, family: .logistic) })
    #expect(message.contains("separated"))
    // The same data with one overlapping answer has a finite fit.
    var overlapping = y
    overlapping[3] = 1
    overlapping[4] = 0
    let model = try regression(overlapping, on: [.numeric("x", x)], in: design, family: .logistic)
    #expect(model.coefficients.allSatisfy { $0.estimate.isFinite && $0.standardError.isFinite })
  }

  @Test func collinearPredictorsNameTheRedundantColumn() throws {
    let ell = try strat.column("ell")
    let message = singularMessage {
      try regression(
        strat.column("api00"), on: [.numeric("ell", ell), .numeric("ell2", ell.map { 2 * $0 + 1 })], in: strat.design)
    }
    #expect(message == "column 'ell2' is a linear combination of the columns before it")
    let constant = singularMessage {
      try regression(
        strat.column("yes"), on: [.numeric("one", [Double](repeating: 3, count: ell.count))], in: strat.design,
        family: .logistic)
    }
    #expect(constant == "column 'one' is a linear combination of the columns before it")
  }

  @Test func invalidModelsAreRefused() throws {
    let api00 = try strat.column("api00")
    let n = api00.count
    // An outcome outside [0, 1] in a logistic model.
    #expect(throws: EstimationError.self) {
      try regression(api00, on: [strat.numeric("meals")], in: strat.design, family: .logistic)
    }
    // A categorical predictor with one level among the respondents in the model.
    #expect(throws: EstimationError.self) {
      try regression(
        api00, on: [strat.categorical("stype")], in: strat.design, domain: strat.data.domain("stype", "E"))
    }
    // A reference level that no one in the model has.
    #expect(
      throws: EstimationError.invalidArgument("the reference level 'X' of 'stype' has no respondent in the model")
    ) {
      try regression(api00, on: [strat.categorical("stype", reference: "X")], in: strat.design)
    }
    // An empty domain, and everyone missing.
    #expect(throws: EstimationError.self) {
      try regression(
        api00, on: [strat.numeric("meals")], in: strat.design, domain: [Bool](repeating: false, count: n))
    }
    #expect(throws: EstimationError.self) {
      try regression([Double](repeating: .nan, count: n), on: [strat.numeric("meals")], in: strat.design)
    }
    // Columns of the wrong length, an infinite predictor.
    #expect(throws: EstimationError.lengthMismatch(argument: "x", expected: n, actual: 3)) {
      try regression(api00, on: [.numeric("x", [1, 2, 3])], in: strat.design)
    }
    var infinite = try strat.column("meals")
    infinite[4] = .infinity
    #expect(throws: EstimationError.invalidArgument("the predictor 'x' of respondent 5 is not finite")) {
      try regression(api00, on: [.numeric("x", infinite)], in: strat.design)
    }
    // No intercept and no term.
    #expect(throws: EstimationError.self) { try regression(api00, on: [], in: strat.design, intercept: false) }
  }

  @Test func tooFewDesignDegreesOfFreedomForTheCoefficients() throws {
    // Three PSUs give 2 design degrees of freedom: 3 coefficients leave none (R prints NaN
    // p-values); 2 coefficients leave one.
    let psu = Grouping([1, 1, 2, 2, 3, 3])
    let design = try SurveyDesign(weights: [Double](repeating: 2, count: 6), clusters: psu)
    let y: [Double] = [1, 3, 2, 5, 4, 6]
    let x: [Double] = [1, 2, 3, 4, 5, 7]
    let z: [Double] = [0, 1, 0, 1, 1, 0]
    #expect(
      throws: EstimationError.invalidArgument(
        "the design has 2 degrees of freedom among the respondents in the model, too few for 3 coefficients")
    ) {
      try regression(y, on: [.numeric("x", x), .numeric("z", z)], in: design)
    }
    #expect(try regression(y, on: [.numeric("x", x)], in: design).residualDegreesOfFreedom == 1)
  }

  @Test func theModelMatrixCodesLikeR() throws {
    let arm = Grouping(["b", "a", "b", "a", "c", "c"])
    let sex = Grouping(["f", "m", "m", "f", "f", "m"])
    let age: [Double] = [30, 40, .nan, 50, 60, 70]
    let matrix = try ModelMatrix([
      .interaction(.categorical("arm", arm), .categorical("sex", sex)), .categorical("arm", arm),
      .categorical("sex", sex), .numeric("age", age),
    ])
    #expect(
      matrix.columnNames == [
        "(Intercept)", "armb", "armc", "sexm", "age", "armb:sexm", "armc:sexm",
      ])
    #expect(matrix.termNames == ["arm", "sex", "age", "arm:sex"])
    #expect(matrix.termOfColumn == [nil, 0, 0, 1, 2, 3, 3])
    #expect(matrix.rows == [0, 1, 3, 4, 5])
  }
}
