import Foundation
import Testing

/// A CSV fixture written by one of the R scripts in `Fixtures/`: a header row, then rows of
/// plain fields (no quoting; numbers printed with `sprintf("%.17g")`, so they round-trip).
struct FixtureTable {
  var header: [String]
  var rows: [[String]]

  /// Loads `Fixtures/NAME`.
  init(_ name: String) throws {
    let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
      .appendingPathComponent(name)
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    header = lines.removeFirst()
    rows = lines
  }

  /// The rows as dictionaries from column name to field.
  var records: [[String: String]] {
    rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
  }

  /// A column as numbers; `NA` (R's missing value) becomes `nil`.
  func numbers(_ column: String) throws -> [Double?] {
    let index = try #require(header.firstIndex(of: column), "no column \(column)")
    return try rows.map { row in
      let field = row[index]
      if field == "NA" { return nil }
      return try number(field)
    }
  }

  /// A column as text.
  func strings(_ column: String) throws -> [String] {
    let index = try #require(header.firstIndex(of: column), "no column \(column)")
    return rows.map { $0[index] }
  }
}

/// A number printed by R (`Inf`, `-Inf` and `NaN` included).
struct NotANumber: Error, CustomStringConvertible {
  var field: String
  var description: String { "not a number: \(field)" }
}

/// Reads a number printed by R with `sprintf("%.17g")`.
func number(_ field: String) throws -> Double {
  guard let value = Double(field) else { throw NotANumber(field: field) }
  return value
}

/// Whether `actual` is within `tolerance` of `expected`, relative to `expected`, plus an
/// optional absolute allowance for values that should be zero (state it explicitly).
func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double, absolute: Double = 0) -> Bool {
  if actual == expected { return true }
  if expected.isNaN || actual.isNaN { return false }
  return abs(actual - expected) <= tolerance * abs(expected) + absolute
}

/// Records an issue unless `actual` is within `tolerance` of `expected` (see ``isClose``).
func expectClose(
  _ actual: Double, _ expected: Double, relative tolerance: Double, absolute: Double = 0,
  _ what: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    isClose(actual, expected, relative: tolerance, absolute: absolute),
    "\(what()) \(actual) vs R \(expected) (tolerance \(tolerance))", sourceLocation: sourceLocation)
}
