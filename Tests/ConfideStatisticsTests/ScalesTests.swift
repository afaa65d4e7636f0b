import Testing

@testable import ConfideStatistics

@Suite("Construct scores")
struct ScalesTests {
  static let rules: [(dataset: String, minimumItems: Int)] = [("agreeableness", 3), ("synthetic", 4)]

  @Test("mean, sum and prorated sum match R's rowMeans/rowSums with a count rule", arguments: rules)
  func matchesR(dataset: String, minimumItems: Int) throws {
    let (names, columns) = try ScalesFixtures.items(dataset)
    let key = try #require(ScalesFixtures.keys[dataset])
    let expected = try FixtureTable("scales-\(dataset)-scores.csv")
    let reversed = names.map(key.reversed.contains)
    for (aggregation, column) in [
      (ConstructScore.Aggregation.mean, "mean"), (.sum, "sum"), (.proratedSum, "prorated_sum"),
    ] {
      let rule = ConstructScore(
        reversed: reversed, scaleRange: key.range, minimumItems: minimumItems, aggregation: aggregation)
      let scores = try rule.scores(columns)
      let r = try expected.numbers(column)
      try #require(scores.count == r.count)
      for (index, (mine, theirs)) in zip(scores, r).enumerated() {
        #expect((mine == nil) == (theirs == nil), "respondent \(index) \(column)")
        if let mine, let theirs { expectClose(mine, theirs, relative: 1e-12, "respondent \(index) \(column)") }
      }
    }
    // minimumItems 1 is psych::alpha's total score.
    let any = try ConstructScore(reversed: reversed, scaleRange: key.range).scores(columns)
    for (mine, theirs) in zip(any, try expected.numbers("mean_any")) {
      #expect((mine == nil) == (theirs == nil))
      if let mine, let theirs { expectClose(mine, theirs, relative: 1e-12) }
    }
  }

  @Test("the documented example")
  func example() throws {
    let trust = ConstructScore(reversed: [false, true, false], scaleRange: 1...5, minimumItems: 2)
    let scores = try trust.scores([[4, 2, nil], [2, 4, nil], [nil, 2, 3]])
    #expect(scores == [4, 2, nil])
  }

  @Test("degenerate input gives a clear error")
  func errors() {
    let rule = ConstructScore(reversed: [false, false], scaleRange: 1...5, minimumItems: 2)
    #expect(throws: EstimationError.invalidArgument("a scale needs at least one item")) {
      try ConstructScore(reversed: [], scaleRange: 1...5).scores([])
    }
    #expect(throws: EstimationError.invalidArgument("3 item columns but 2 reverse-coding flags")) {
      try rule.scores([[1], [2], [3]])
    }
    #expect(throws: EstimationError.lengthMismatch(argument: "item 2", expected: 2, actual: 1)) {
      try rule.scores([[1, 2], [3]])
    }
    #expect(throws: EstimationError.invalidArgument("minimumItems must be between 1 and 2, not 0")) {
      try ConstructScore(reversed: [false, false], scaleRange: 1...5, minimumItems: 0).scores([[1], [2]])
    }
    #expect(throws: EstimationError.invalidArgument("item 1 has an answer outside the scale range 1.0...5.0")) {
      try rule.scores([[7], [2]])
    }
  }

  @Test("a respondent with no answers has no score; no respondents give no scores")
  func emptyRows() throws {
    let rule = ConstructScore(reversed: [false, true], scaleRange: 1...5)
    #expect(try rule.scores([[nil, 2], [nil, 5]]) == [nil, 1.5])
    #expect(try rule.scores([[], []]) == [])
  }
}
