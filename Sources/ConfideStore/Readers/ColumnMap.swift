/// What a platform reader decided about one source column.
enum ColumnRole: Equatable {
  /// An answer (or identifier, or arm) under a generic column name; the value is passed as is.
  case answer(String)
  /// A multiple-choice question written as one column of comma-separated codes (`1,3,5`),
  /// passed on separated by spaces.
  case commaList(String)
  /// One option's checked/unchecked column of multiple-choice question `question`.
  ///
  /// `1`, `Y`, `true` become `1`; `0`, `N`, `false` become `0`; an empty value becomes `0` when
  /// another option of the same question is checked in the row, and stays empty when none is
  /// (platforms such as Qualtrics and LimeSurvey leave every option empty both when nothing was
  /// chosen and when the question was never shown, so an all-empty question is not answered).
  case indicator(String, question: String)
  /// Platform metadata: dropped, and named in the reader's `ignoredColumns`.
  case ignored
}

/// The output columns of a platform reader and how each is read from a source row.
struct ColumnMap {
  struct Column {
    var name: String
    var source: String
    /// The field's index in the source row.
    var field: Int
    var role: ColumnRole
    /// For an indicator, the index of its question in the per-row "any option checked" flags.
    var group: Int
  }

  private(set) var columns: [Column] = []
  private(set) var ignored: [String] = []
  private var groupCount = 0
  /// The source field of each column.
  private var fields: [Int] = []
  /// The columns whose values are transformed (comma lists and indicators).
  private var special: [Int] = []

  /// Builds the map from the source header and each column's role. When two source columns
  /// would have the same generic name, the later keeps its source name (the validator then
  /// reports it as unknown).
  init(header: [String], roles: [ColumnRole]) {
    var used = Set<String>()
    var groups: [String: Int] = [:]
    for (i, role) in roles.enumerated() {
      let source = header[i]
      var group = -1
      var name: String
      switch role {
      case .ignored:
        ignored.append(source)
        continue
      case .answer(let n), .commaList(let n):
        name = n
      case .indicator(let n, let question):
        name = n
        if let g = groups[question] {
          group = g
        } else {
          group = groupCount
          groups[question] = group
          groupCount += 1
        }
      }
      if used.contains(name) { name = used.contains(source) ? "\(source) (column \(i + 1))" : source }
      used.insert(name)
      if case .answer = role {} else { special.append(columns.count) }
      columns.append(Column(name: name, source: source, field: i, role: role, group: group))
      fields.append(i)
    }
  }

  var names: [String] { columns.map(\.name) }
  var sources: [String] { columns.map(\.source) }
  var positions: [Int] { columns.map { $0.field + 1 } }

  /// Sets `values` to the current row's values, in the map's column order (`values` must be
  /// the array passed for the previous row, or a new one: see ``DelimitedScanner/fill(_:fields:)``).
  func values(_ table: DelimitedTable, into values: inout [String?]) throws(ImportError) {
    try table.scanner.fill(&values, fields: fields)
    if special.isEmpty { return }
    var checked = [Bool](repeating: false, count: groupCount)
    for i in special where columns[i].group >= 0 {
      if let value = values[i], !value.isEmpty, Self.normalisedIndicator(value) != "0" {
        checked[columns[i].group] = true
      }
    }
    for i in special {
      let text = values[i] ?? ""
      switch columns[i].role {
      case .answer, .ignored:
        continue
      case .commaList:
        if text.contains(",") { values[i] = Self.commasToSpaces(text) }
      case .indicator:
        values[i] = text.isEmpty ? (checked[columns[i].group] ? "0" : "") : Self.normalisedIndicator(text)
      }
      table.scanner.forget(i)
    }
  }

  /// `1`, `Y`, `yes`, `true` (any case) as `1`; `0`, `N`, `no`, `false` as `0`; anything else as is.
  static func normalisedIndicator(_ text: String) -> String {
    switch text.lowercased() {
    case "1", "y", "yes", "true", "checked": "1"
    case "0", "n", "no", "false", "unchecked": "0"
    default: text
    }
  }

  /// `1,3, 5` as `1 3 5`.
  static func commasToSpaces(_ text: String) -> String {
    text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }.joined(separator: " ")
  }
}

/// What every delimited platform reader shares: the table, its column map, the columns the
/// map makes, and the last record's values (reused when the caller has let go of them).
final class MappedTableState {
  let table: DelimitedTable
  let map: ColumnMap
  let columns: [String]
  let sourceColumns: [String]
  let sourcePositions: [Int]
  private var values: [String?] = []

  init(table: DelimitedTable, map: ColumnMap) {
    self.table = table
    self.map = map
    columns = map.names
    sourceColumns = map.sources
    sourcePositions = map.positions
  }

  /// The current row as a record.
  func record() throws(ImportError) -> SourceRecord {
    try map.values(table, into: &values)
    return SourceRecord(row: table.row, line: table.line, values: values)
  }
}
