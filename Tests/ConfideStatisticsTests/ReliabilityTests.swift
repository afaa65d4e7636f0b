import Testing

@testable import ConfideStatistics

@Suite("Reliability analysis (psych::alpha)")
struct ReliabilityTests {
  static let datasets = ["agreeableness", "conscientiousness", "neuroticism", "synthetic", "pair", "unkeyed"]
  static let tolerance = 1e-8

  /// Compares an optional value with R's, where R may have written NA.
  static func expectClose(_ actual: Double?, _ expected: Double?, _ what: String) {
    switch (actual, expected) {
    case (let actual?, let expected?):
      ConfideStatisticsTests.expectClose(actual, expected, relative: tolerance, what)
    case (nil, nil): break
    default: Issue.record("\(what): \(String(describing: actual)) vs R \(String(describing: expected))")
    }
  }

  static func analysis(_ dataset: String) throws -> (names: [String], analysis: ReliabilityAnalysis) {
    let (names, columns) = try ScalesFixtures.items(dataset)
    let key = try #require(ScalesFixtures.keys[dataset])
    // psych reverse-codes over the observed range: pass nil, as psych does.
    return (names, try ReliabilityAnalysis(items: columns, reversed: names.map(key.reversed.contains)))
  }

  @Test("whole-scale statistics match psych::alpha", arguments: datasets)
  func total(dataset: String) throws {
    let r = try ScalesFixtures.Expected()
    let a = try Self.analysis(dataset).analysis
    let c = a.coefficients
    let pairs: [(Double?, String)] = [
      (c.rawAlpha, "raw_alpha"), (c.standardizedAlpha, "std.alpha"), (c.guttmanLambda6, "G6(smc)"),
      (c.averageCorrelation, "average_r"), (c.signalToNoise, "S/N"), (c.standardError, "ase"),
      (a.scoreMean, "mean"), (a.scoreStandardDeviation, "sd"), (c.medianCorrelation, "median_r"),
      (c.correlationVariance, "var.r"),
    ]
    for (mine, statistic) in pairs {
      Self.expectClose(mine, try r.optional(dataset, "total.\(statistic)"), "\(dataset) \(statistic)")
    }
    #expect(a.hasNegativeAverageCorrelation == (try r(dataset, "total.average_r") < 0))
  }

  @Test("Feldt and Duhachek intervals match psych (0.95 and 0.90)", arguments: datasets)
  func intervals(dataset: String) throws {
    let r = try ScalesFixtures.Expected()
    let a = try Self.analysis(dataset).analysis
    for level in [0.95, 0.90] {
      let label = level == 0.95 ? "0.95" : "0.90"
      let feldt = try a.feldtInterval(level: level)
      Self.expectClose(feldt.lower, try r(dataset, "feldt.\(label).lower"), "\(dataset) Feldt lower \(label)")
      Self.expectClose(feldt.upper, try r(dataset, "feldt.\(label).upper"), "\(dataset) Feldt upper \(label)")
      let duhachek = try a.duhachekInterval(level: level)
      Self.expectClose(duhachek.lower, try r(dataset, "duhachek.\(label).lower"), "\(dataset) Duhachek lower")
      Self.expectClose(duhachek.upper, try r(dataset, "duhachek.\(label).upper"), "\(dataset) Duhachek upper")
    }
  }

  @Test("alpha if an item is dropped and item statistics match psych::alpha", arguments: datasets)
  func itemRows(dataset: String) throws {
    let r = try ScalesFixtures.Expected()
    let (names, a) = try Self.analysis(dataset)
    try #require(a.items.count == names.count)
    for (name, item) in zip(names, a.items) {
      let d = item.ifDropped
      let dropped: [(Double?, String)] = [
        (d.rawAlpha, "raw_alpha"), (d.standardizedAlpha, "std.alpha"), (d.guttmanLambda6, "G6(smc)"),
        (d.averageCorrelation, "average_r"), (d.signalToNoise, "S/N"), (d.standardError, "alpha se"),
        (d.correlationVariance, "var.r"), (d.medianCorrelation, "med.r"),
      ]
      for (mine, statistic) in dropped {
        Self.expectClose(
          mine, try r.optional(dataset, "drop.\(statistic)", name), "\(dataset) \(name) drop \(statistic)")
      }
      let stats: [(Double?, String)] = [
        (Double(item.answered), "n"), (item.rawCorrelation, "raw.r"), (item.standardizedCorrelation, "std.r"),
        (item.overlapCorrectedCorrelation, "r.cor"), (item.dropCorrelation, "r.drop"), (item.mean, "mean"),
        (item.standardDeviation, "sd"),
      ]
      for (mine, statistic) in stats {
        Self.expectClose(mine, try r.optional(dataset, "item.\(statistic)", name), "\(dataset) \(name) \(statistic)")
      }
      // psych's first-component sign check, done on the keyed items.
      let sign = try r(dataset, "pc1.keyed.sign", name)
      #expect(a.itemsLoadingNegatively.contains(names.firstIndex(of: name) ?? -1) == (sign < 0), "\(dataset) \(name)")
    }
  }

  @Test("the oracle numbers printed by psych for bfi agreeableness")
  func oracle() throws {
    let a = try Self.analysis("agreeableness").analysis
    let c = a.coefficients
    for (mine, printed) in [
      (c.rawAlpha, 0.7030184), (c.standardizedAlpha, 0.7130286), (c.guttmanLambda6, 0.6827627),
      (c.averageCorrelation, 0.3319677), (c.signalToNoise, 2.484668), (c.standardError ?? .nan, 0.008951774),
      (a.scoreMean, 4.652095), (a.scoreStandardDeviation, 0.8984019), (c.medianCorrelation, 0.3376233),
    ] {
      ConfideStatisticsTests.expectClose(mine, printed, relative: 1e-6)
    }
    let feldt = try a.feldtInterval()
    ConfideStatisticsTests.expectClose(feldt.lower, 0.685, relative: 0, absolute: 0.0005)
    ConfideStatisticsTests.expectClose(feldt.upper, 0.720, relative: 0, absolute: 0.0005)
    #expect(a.items.map(\.answered) == [2784, 2773, 2774, 2781, 2784])
    #expect(a.respondents == 2800)
  }

  @Test("an unkeyed reversed item is flagged and the average correlation can go negative")
  func flags() throws {
    let (names, a) = try Self.analysis("unkeyed")
    #expect(a.itemsLoadingNegatively == [try #require(names.firstIndex(of: "s3"))])
    let negative = try ReliabilityAnalysis(items: [[1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [2, 1, 4, 3, 5]])
    #expect(negative.hasNegativeAverageCorrelation)
    #expect(negative.coefficients.rawAlpha < 0)
  }

  @Test("degenerate input gives a defined answer or a clear error")
  func degenerate() throws {
    #expect(throws: EstimationError.invalidArgument("a reliability analysis needs at least two items, not 1")) {
      try ReliabilityAnalysis(items: [[1, 2, 3]])
    }
    #expect(throws: EstimationError.invalidArgument("item 2 has no variance (every answer is the same)")) {
      try ReliabilityAnalysis(items: [[1, 2, 3], [4, 4, 4]])
    }
    #expect(throws: EstimationError.noObservations("item 1 has no answers")) {
      try ReliabilityAnalysis(items: [[nil, nil, nil], [1, 2, 3]])
    }
    #expect(throws: EstimationError.noObservations("item 2 has only one answer")) {
      try ReliabilityAnalysis(items: [[1, 2, 3], [nil, 2, nil]])
    }
    #expect(
      throws: EstimationError.noObservations("items 1 and 2 are answered together by fewer than two respondents")
    ) {
      try ReliabilityAnalysis(items: [[1, 2, nil, nil], [nil, nil, 3, 1]])
    }
    #expect(throws: EstimationError.lengthMismatch(argument: "item 2", expected: 3, actual: 2)) {
      try ReliabilityAnalysis(items: [[1, 2, 3], [1, 2]])
    }
    #expect(throws: EstimationError.invalidArgument("item 1 has an answer outside the scale range 1.0...5.0")) {
      try ReliabilityAnalysis(items: [[1, 2, 9], [1, 3, 2]], scaleRange: 1...5)
    }
    // A respondent with no answers has no total score but still counts in n, as in psych.
    let a = try ReliabilityAnalysis(items: [[1, 2, 3, nil, 4], [2, 2, 4, nil, 5], [1, 3, 3, nil, 5]])
    #expect(a.respondents == 5)
    #expect(a.scoredRespondents == 4)
  }
}
