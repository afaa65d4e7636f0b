import ConfideModel

/// A user's mapping of a foreign file's column names and codes onto the survey's.
///
/// Written as a CSV file with the columns `from`, `to`, `from_code` and `to_code`:
///
/// ```
/// from,to,from_code,to_code
/// Q1,age_band,,
/// Q4,delayed_care,,
/// Q4,delayed_care,2,0
/// Q4,delayed_care,99,-9
/// StaffNotes,,,
/// ```
///
/// A row with `from` and `to` renames a column; an empty `to` drops the column (it is listed
/// with the platform metadata as not stored). A row with codes recodes one value of the `from`
/// column (in a multiple-choice column, each selected code). Columns not named keep their names.
public struct ImportMapping: Sendable, Equatable {
  /// Column renames: foreign name → survey name, or nil to drop the column.
  public var columns: [String: String?]
  /// Value recodes per foreign column: foreign value → survey value.
  public var codes: [String: [String: String]]

  public init(columns: [String: String?] = [:], codes: [String: [String: String]] = [:]) {
    self.columns = columns
    self.codes = codes
  }

  /// Reads a mapping file (CSV with a `from`, `to`, `from_code`, `to_code` header).
  public static func load(path: String) throws(ImportError) -> ImportMapping {
    let reader = try CSVReader(context: ReaderContext(survey: Survey(), path: path))
    let header = reader.columns.map { $0.lowercased() }
    guard let from = header.firstIndex(of: "from"), let to = header.firstIndex(of: "to") else {
      throw ImportError(
        file: path, line: 1,
        message: "a mapping file needs the columns 'from' and 'to' (and optionally 'from_code', 'to_code')")
    }
    let fromCode = header.firstIndex(of: "from_code")
    let toCode = header.firstIndex(of: "to_code")
    var mapping = ImportMapping()
    while let record = try reader.next() {
      func field(_ i: Int?) -> String {
        guard let i, i < record.values.count else { return "" }
        return (record.values[i] ?? "").trimmingWhitespace()
      }
      let source = field(from)
      let target = field(to)
      if source.isEmpty {
        throw ImportError(file: path, line: record.line, column: from + 1, message: "'from' is empty")
      }
      let a = field(fromCode)
      let b = field(toCode)
      if a.isEmpty != b.isEmpty {
        throw ImportError(
          file: path, line: record.line, column: (a.isEmpty ? fromCode : toCode).map { $0 + 1 },
          message: "a recode needs both 'from_code' and 'to_code'")
      }
      if let existing = mapping.columns[source], existing != (target.isEmpty ? nil : target) {
        throw ImportError(
          file: path, line: record.line, column: to + 1, message: "'\(source)' is mapped twice, to different columns")
      }
      mapping.columns[source] = target.isEmpty ? String?.none : target
      if !a.isEmpty {
        if let earlier = mapping.codes[source]?[a], earlier != b {
          throw ImportError(
            file: path, line: record.line, column: (fromCode ?? 0) + 1,
            message: "code '\(a)' of '\(source)' is recoded twice")
        }
        mapping.codes[source, default: [:]][a] = b
      }
    }
    return mapping
  }
}

extension String {
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}

/// A source seen through a ``ImportMapping``: columns renamed or dropped, values recoded.
struct MappedSource: RecordSource {
  var base: any RecordSource
  let mapping: ImportMapping
  /// For each base column: its position in ``columns``, or nil when dropped.
  private var positions: [Int?] = []
  private var recodes: [[String: String]?] = []
  private(set) var columns: [String] = []
  private(set) var sourceColumns: [String] = []
  private(set) var sourcePositions: [Int] = []
  private var dropped: [String] = []

  init(_ base: any RecordSource, mapping: ImportMapping) {
    self.base = base
    self.mapping = mapping
    extend()
  }

  var format: ImportFormat { base.format }
  var ignoredColumns: [String] { base.ignoredColumns + dropped }
  var bytesRead: Int { base.bytesRead }
  var skippedRecords: Int { base.skippedRecords }

  private mutating func extend() {
    while positions.count < base.columns.count {
      let i = positions.count
      let name = base.columns[i]
      let sourceName = i < base.sourceColumns.count ? base.sourceColumns[i] : name
      let mapped: String?? = mapping.columns[name] ?? mapping.columns[sourceName]
      recodes.append(mapping.codes[name] ?? mapping.codes[sourceName])
      if case .some(.none) = mapped {
        positions.append(nil)
        dropped.append(sourceName)
        continue
      }
      positions.append(columns.count)
      columns.append(mapped.flatMap { $0 } ?? name)
      sourceColumns.append(sourceName)
      sourcePositions.append(i < base.sourcePositions.count ? base.sourcePositions[i] : 0)
    }
  }

  mutating func next() throws(ImportError) -> SourceRecord? {
    guard var record = try base.next() else { return nil }
    extend()
    var values = [String?](repeating: nil, count: columns.count)
    for (i, value) in record.values.enumerated() where i < positions.count {
      guard let p = positions[i], var value else { continue }
      if let recode = recodes[i] {
        if let whole = recode[value.trimmingWhitespace()] {
          value = whole
        } else if value.contains(" ") || value.contains(";") {
          value = value.split(whereSeparator: { $0 == " " || $0 == ";" }).map { recode[String($0)] ?? String($0) }
            .joined(separator: " ")
        }
      }
      values[p] = value
    }
    record.values = values
    return record
  }
}
