import ConfideStatistics
import Testing

/// R's `api` example data (California schools), as `make-design.R` exported it.
struct APIData {
  let table: FixtureTable

  init(_ name: String) throws { table = try FixtureTable(name) }

  /// A numeric column; R's `NA` becomes `.nan`, Confide's missing value.
  func column(_ name: String) throws -> [Double] { try table.numbers(name).map { $0 ?? .nan } }

  /// A text column.
  func labels(_ name: String) throws -> [String] { try table.strings(name) }

  /// A 0/1 indicator of a text column's value.
  func indicator(_ name: String, _ value: String) throws -> [Double] {
    try labels(name).map { $0 == value ? 1 : 0 }
  }

  /// A domain: respondents whose text column has the value.
  func domain(_ name: String, _ value: String) throws -> [Bool] { try labels(name).map { $0 == value } }
}

/// The reference results written by `make-design.R`: `case,statistic,value`.
struct ReferenceResults {
  var values: [String: Double] = [:]

  init(_ name: String) throws {
    let table = try FixtureTable(name)
    for row in table.rows {
      values["\(row[0])|\(row[1])"] = try number(row[2])
    }
  }

  /// The value R printed for a case and statistic.
  func callAsFunction(_ testCase: String, _ statistic: String = "value") throws -> Double {
    try #require(values["\(testCase)|\(statistic)"], "no reference for \(testCase) \(statistic)")
  }

  /// Compares an estimate with R's estimate, SE and (when R gave one) design effect.
  func expectMatches(
    _ estimate: Estimate, _ testCase: String, tolerance: Double = 1e-10,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    expectClose(
      estimate.value, try self(testCase, "estimate"), relative: tolerance, "\(testCase) estimate",
      sourceLocation: sourceLocation)
    expectClose(
      estimate.standardError, try self(testCase, "se"), relative: tolerance, "\(testCase) SE",
      sourceLocation: sourceLocation)
    if let deff = values["\(testCase)|deff"] {
      let actual = try #require(estimate.designEffect, "\(testCase): no design effect", sourceLocation: sourceLocation)
      if deff.isInfinite {
        #expect(actual == deff, "\(testCase) deff", sourceLocation: sourceLocation)
      } else {
        expectClose(actual, deff, relative: tolerance, "\(testCase) deff", sourceLocation: sourceLocation)
      }
    }
  }
}
