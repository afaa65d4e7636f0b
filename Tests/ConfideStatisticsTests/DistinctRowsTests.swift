import Foundation
import Testing

@testable import ConfideStatistics

/// A logistic regression on categorical predictors runs its iterations after the first over
/// the distinct rows of predictors and outcome; it reaches what the iterations over every
/// respondent reach.
@Suite struct DistinctRowsTests {
  @Test func distinctRowsGiveTheFitOfEveryRespondent() throws {
    var random = SeededGenerator(seed: 21)
    let n = 6_000
    var age: [String] = []
    var region: [String] = []
    var score: [Double] = []
    var outcome: [Double] = []
    var weights: [Double] = []
    var strata: [String] = []
    for _ in 0..<n {
      let a = Int.random(in: 0..<4, using: &random)
      let r = Int.random(in: 0..<3, using: &random)
      let s = Double(Int.random(in: 2...10, using: &random)) / 2
      age.append("A\(a)")
      region.append("R\(r)")
      score.append(s)
      strata.append("S\(Int.random(in: 0..<2, using: &random))")
      weights.append(Double.random(in: 0.5..<3, using: &random))
      let eta = -1.2 + 0.3 * Double(a) - 0.4 * Double(r) + 0.25 * s
      outcome.append(Double.random(in: 0..<1, using: &random) < 1 / (1 + exp(-eta)) ? 1 : 0)
    }
    let design = try SurveyDesign(weights: weights, strata: Grouping(strata))
    let terms: [RegressionTerm] = [
      .numeric("score", score), .categorical("age", Grouping(age)), .categorical("region", Grouping(region)),
    ]
    let x = try ModelMatrix(terms)
    let distinct = try #require(DistinctRows(x, y: outcome, prior: weights))
    #expect(distinct.prior.count <= 9 * 4 * 3 * 2)
    let taken = try regression(
      outcome, on: terms, in: design, family: .logistic, intercept: true, domain: nil, tolerance: 1e-8,
      maximumIterations: 25, distinctRows: true)
    let every = try regression(
      outcome, on: terms, in: design, family: .logistic, intercept: true, domain: nil, tolerance: 1e-8,
      maximumIterations: 25, distinctRows: false)
    #expect(taken.coefficients.count == every.coefficients.count)
    for (a, b) in zip(taken.coefficients, every.coefficients) {
      #expect(a.name == b.name)
      #expect(abs(a.estimate - b.estimate) <= 1e-10 * max(1, abs(b.estimate)), "\(a.name)")
      #expect(abs(a.standardError - b.standardError) <= 1e-9 * b.standardError, "\(a.name)")
    }
  }

  /// Rows that differ in any value stay apart; with too many distinct rows nothing is taken
  /// together.
  @Test func rowsThatDifferAreNotTakenTogether() throws {
    let group = Grouping((0..<16).map { $0 % 2 == 0 ? "a" : "b" })
    let x = try ModelMatrix([.categorical("g", group)])
    let y = (0..<16).map { Double(($0 / 2 + 1) % 2) }  // 1, 1, 0, 0, 1, 1, ...
    let prior = (1...16).map(Double.init)
    let distinct = try #require(DistinctRows(x, y: y, prior: prior))
    #expect(distinct.prior.count == 4)
    #expect(distinct.prior.reduce(0, +) == 136)
    #expect(distinct.rowOf == (0..<16).map { Int32($0 % 4) })
    #expect(distinct.y == [1, 1, 0, 0])
    let numeric = try ModelMatrix([.numeric("v", (0..<16).map(Double.init))])
    #expect(DistinctRows(numeric, y: y, prior: prior) == nil)
  }
}
