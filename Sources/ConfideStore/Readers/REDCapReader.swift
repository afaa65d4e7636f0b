/// Reads a REDCap "raw" record export (CSV of codes, not labels).
///
/// - The first column is the record id, whatever its name (usually `record_id`): it becomes
///   ``respondentIDColumn``.
/// - Checkbox columns `name___code` of a multiple-choice question become `name___code`; REDCap
///   writes a negative code's minus sign as an underscore (`name____9` for -9), which becomes
///   `name___m9`.
/// - Dropped as metadata: `redcap_event_name`, `redcap_repeat_instrument`,
///   `redcap_repeat_instance`, `redcap_data_access_group`, `redcap_survey_identifier` (any
///   `redcap_` column), the instruments' `*_timestamp` and `*_complete` (form status) columns.
/// - One row per respondent: a longitudinal export with a second event for a record, or a row
///   of a repeating instrument, is refused with a message asking for a single-event export.
/// - An experiment's arm may be written as its name or its number (from 1); either is passed on.
///
/// A column named like a survey question keeps its name even when it ends in `_complete` or
/// `_timestamp`.
public final class REDCapReader: RecordSource {
  public let format = ImportFormat.redcap
  public var columns: [String] { state.columns }
  public var sourceColumns: [String] { state.sourceColumns }
  public var sourcePositions: [Int] { state.sourcePositions }
  public var ignoredColumns: [String] { state.map.ignored }
  public var bytesRead: Int { state.table.scanner.bytesRead }

  private let state: MappedTableState
  private let eventField: Int?
  private let repeatFields: [Int]
  /// For each record id, its event and the row where it was first seen (longitudinal exports).
  private var events: [String: (event: String, row: Int)] = [:]

  /// Opens the file and reads its header.
  public init(context: ReaderContext) throws(ImportError) {
    let table = try DelimitedTable(context: context)
    let vocabulary = SurveyVocabulary(context.survey)
    let roles = table.header.enumerated().map { i, name in
      i == 0 ? .answer(respondentIDColumn) : Self.role(of: name, vocabulary)
    }
    state = MappedTableState(table: table, map: ColumnMap(header: table.header, roles: roles))
    eventField = table.header.firstIndex(of: "redcap_event_name")
    repeatFields = table.header.indices.filter {
      table.header[$0] == "redcap_repeat_instrument" || table.header[$0] == "redcap_repeat_instance"
    }
  }

  public func next() throws(ImportError) -> SourceRecord? {
    let table = state.table
    guard try table.next() else { return nil }
    for field in repeatFields where !table.isEmpty(field) {
      throw ImportError(
        file: table.path, line: table.line, column: field + 1, message: ImportError.redcapRepeatingInstrument(table.row)
      )
    }
    if let eventField {
      let id = try table.string(0)
      let event = try table.string(eventField)
      if let seen = events[id] {
        if seen.event != event {
          throw ImportError(
            file: table.path, line: table.line, column: eventField + 1,
            message: ImportError.redcapSeveralEvents(table.row, first: seen.row))
        }
      } else {
        events[id] = (event, table.row)
      }
    }
    return try state.record()
  }

  static func role(of name: String, _ vocabulary: SurveyVocabulary) -> ColumnRole {
    if vocabulary.isColumn(name) { return .answer(name) }
    if name.hasPrefix("redcap_") || name.hasSuffix("_timestamp") || name.hasSuffix("_complete") { return .ignored }
    if let range = name.firstRange(of: "___") {
      let question = String(name[..<range.lowerBound])
      var code = String(name[range.upperBound...])
      if vocabulary.isMultiple(question) {
        if code.hasPrefix("_"), code.count > 1, code.dropFirst().allSatisfy(\.isASCIIDigit) {
          code = "m" + code.dropFirst()
        }
        return .answer("\(question)___\(code)")
      }
    }
    return .answer(name)
  }
}

extension Character {
  /// Whether this is one of `0`…`9`.
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
