import Testing

@testable import ConfideStatistics

@Suite("Design-weighted alpha (survey::svycralpha)")
struct WeightedAlphaTests {
  static let items = ["ell", "mobility", "avg.ed", "emer", "meals"]

  @Test(
    "matches svycralpha on apistrat, complete and with missing answers (na.rm = TRUE)",
    arguments: ["apistrat", "apistrat-missing"])
  func matchesR(dataset: String) throws {
    let table = try FixtureTable("scales-\(dataset).csv")
    let columns = try Self.items.map { try table.numbers($0) }
    let weights = try table.numbers("pw").map { try #require($0) }
    let alpha = try cronbachAlpha(items: columns, weights: weights)
    expectClose(alpha, try ScalesFixtures.Expected()(dataset, "svycralpha"), relative: 1e-8, dataset)
    if dataset == "apistrat" { expectClose(alpha, 0.6386731, relative: 1e-6, "printed oracle") }
  }

  @Test("equal weights give the ordinary Cronbach alpha of complete cases")
  func equalWeights() throws {
    let items: [[Double?]] = [[1, 2, 3, 4, 2], [2, 2, 4, 5, 1], [1, 3, 3, 5, 2]]
    let weighted = try cronbachAlpha(items: items, weights: [3, 3, 3, 3, 3])
    let unweighted = try ReliabilityAnalysis(items: items).coefficients.rawAlpha
    expectClose(weighted, unweighted, relative: 1e-12)
  }

  @Test("degenerate input gives a clear error")
  func degenerate() {
    #expect(throws: EstimationError.invalidArgument("Cronbach's alpha needs at least two items, not 1")) {
      try cronbachAlpha(items: [[1, 2]], weights: [1, 1])
    }
    #expect(throws: EstimationError.lengthMismatch(argument: "item 2", expected: 2, actual: 1)) {
      try cronbachAlpha(items: [[1, 2], [1]], weights: [1, 1])
    }
    #expect(throws: EstimationError.invalidArgument("weights must be finite and non-negative")) {
      try cronbachAlpha(items: [[1, 2], [1, 3]], weights: [1, -1])
    }
    #expect(throws: EstimationError.noObservations("no respondent with a positive weight answered every item")) {
      try cronbachAlpha(items: [[1, nil], [nil, 3]], weights: [1, 1])
    }
    #expect(throws: EstimationError.invalidArgument("the sum score has no variance")) {
      try cronbachAlpha(items: [[1, 2], [2, 1]], weights: [1, 1])
    }
  }
}
