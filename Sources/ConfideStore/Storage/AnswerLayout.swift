public import ConfideModel

/// How one survey version's answers are laid out in its typed answer tables.
///
/// Each variable has a **status** column and one value column, or, for a multiple-choice
/// question, one 0/1 column per option (including offered missing codes). Columns are named
/// `c1`, `c2`, … and tables `answers_<version>_<page>`: names made of integers only, so nothing
/// from a survey file is ever spliced into SQL. The `answer_table` and `answer_column` tables
/// record what each column holds, for anyone reading the store with SQL.
///
/// SQLite allows 2,000 columns per table by default; a survey with more is split into pages of
/// at most ``columnsPerPage`` columns, each keyed by the response's id.
public struct AnswerLayout: Sendable {
  /// What a variable's status column says.
  public enum Status: Int, Sendable, CaseIterable {
    /// Answered with a substantive value.
    case answered = 1
    /// Answered with a declared missing code (held in the value column).
    case missingCode = 2
    /// Shown but left blank.
    case notAnswered = 3
    /// Not shown: routing skipped it.
    case notAsked = 4
  }

  /// The columns of one variable.
  public struct Columns: Sendable {
    /// The variable's page (from 1).
    public var page: Int
    /// The status column's index in the page (from 1: `c1` is 1).
    public var status: Int
    /// The value column, or the option columns of a multiple-choice question.
    public var values: [Int]
    /// For a multiple-choice question, the option code of each of ``values``.
    public var optionCodes: [Int]
    /// The SQL type of the value columns: `INTEGER`, `REAL` or `TEXT`.
    public var sqlType: String
  }

  /// The most columns in one answer table (besides the key).
  public static let columnsPerPage = 1_000

  /// The survey version.
  public let version: Int64
  /// The variables, in data order.
  public let variables: [Variable]
  /// The columns of each variable, parallel to ``variables``.
  public let columns: [Columns]
  /// The number of columns on each page (index 0 is page 1).
  public let pageWidths: [Int]

  /// Lays out the variables of a survey version.
  public init(version: Int64, variables: [Variable]) {
    self.version = version
    self.variables = variables
    var columns: [Columns] = []
    var widths: [Int] = [0]
    for v in variables {
      let codes = v.kind == .multiple ? (v.list?.choices.map(\.code) ?? []) : []
      let needed = 1 + max(codes.count, v.kind == .multiple ? 0 : 1)
      if widths[widths.count - 1] + needed > Self.columnsPerPage, widths[widths.count - 1] > 0 { widths.append(0) }
      let start = widths[widths.count - 1]
      let values = Array((start + 2)..<(start + 1 + needed))
      widths[widths.count - 1] += needed
      columns.append(
        Columns(
          page: widths.count, status: start + 1, values: values, optionCodes: codes, sqlType: Self.sqlType(v.kind)))
    }
    self.columns = columns
    self.pageWidths = widths
  }

  /// The SQL type of a variable's value column(s).
  static func sqlType(_ kind: VariableKind) -> String {
    switch kind {
    case .decimal: "REAL"
    case .arm, .date, .text: "TEXT"
    default: "INTEGER"
    }
  }

  /// The name of page `page`'s answer table: `answers_<version>_<page>`.
  public func tableName(page: Int) -> String { "answers_\(version)_\(page)" }

  /// The SQL that creates the version's answer tables: integers and fixed words only.
  var createStatements: [String] {
    pageWidths.indices.map { p in
      var types = [String](repeating: "INTEGER", count: pageWidths[p] + 1)
      for c in columns where c.page == p + 1 {
        for v in c.values { types[v] = c.sqlType }
      }
      let cols = pageWidths[p] > 0 ? (1...pageWidths[p]).map { i in "c\(i) \(types[i])" } : []
      let body = (["response_id INTEGER PRIMARY KEY REFERENCES response(id) ON DELETE CASCADE"] + cols)
        .joined(separator: ", ")
      return "CREATE TABLE \(tableName(page: p + 1)) (\(body))"
    }
  }

  /// One row per column, for the `answer_column` table.
  var columnRecords:
    [(page: Int, column: String, variable: String, role: String, code: Int?, storage: String, kind: String)]
  {
    var out: [(Int, String, String, String, Int?, String, String)] = []
    for (v, c) in zip(variables, columns) {
      let kind = v.kind.rawValue
      out.append((c.page, "c\(c.status)", v.name, "status", nil, "INTEGER", kind))
      if c.optionCodes.isEmpty {
        out.append((c.page, "c\(c.values[0])", v.name, "value", nil, c.sqlType, kind))
      } else {
        for (col, code) in zip(c.values, c.optionCodes) {
          out.append((c.page, "c\(col)", v.name, "option", code, c.sqlType, kind))
        }
      }
    }
    return out
  }
}
