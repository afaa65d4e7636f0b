/// Reads JSON Lines: one JSON object per line, keyed by the survey's generic column names.
///
/// Lines are read one at a time from 256 KiB blocks; blank lines are skipped. Columns grow as
/// new keys appear. Values: strings as is, numbers as written (`3`, `2.5`), `true`/`false` as
/// `1`/`0`, `null` absent; an array of scalars (a multiple-choice answer) joined with spaces; a
/// nested object flattened to its keys (`"trust": {"trust_confidential": 4}` gives the column
/// `trust_confidential`).
///
/// ```swift
/// let reader = try JSONLinesReader(context: ReaderContext(survey: survey, path: "responses.jsonl"))
/// while let record = try reader.next() { ... }
/// ```
///
/// - Complexity: O(n) in the file's size; memory holds one block and the current line.
public final class JSONLinesReader: RecordSource {
  public let format = ImportFormat.jsonl
  public var columns: [String] { table.columns }
  public var sourceColumns: [String] { table.sources }
  /// All 0: JSON keys have no positions.
  public var sourcePositions: [Int] { Array(repeating: 0, count: table.columns.count) }
  /// Always empty: JSON Lines is keyed by generic names.
  public let ignoredColumns: [String] = []
  public var bytesRead: Int { buffer.consumed }

  private let buffer: FileBuffer
  private var table = JSONColumns()
  private var line = 0
  private var row = 0

  /// Opens the file.
  public init(context: ReaderContext) throws(ImportError) {
    buffer = try FileBuffer(path: context.path)
    try checkTextStart(buffer)
  }

  public func next() throws(ImportError) -> SourceRecord? {
    while let (start, count) = try nextLine() {
      line += 1
      let bytes = UnsafeBufferPointer(start: buffer.base + start, count: count)
      if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
      let value: JSONValue
      do {
        value = try JSONParser.parse(bytes)
      } catch {
        throw ImportError(
          file: buffer.path, line: line, column: characterColumn(bytes, offset: error.offset),
          message: ImportError.invalidJSON(error.message))
      }
      guard case .object(let members) = value else {
        let first = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? 0
        throw ImportError(
          file: buffer.path, line: line, column: characterColumn(bytes, offset: first),
          message: ImportError.jsonLineNotObject)
      }
      row += 1
      return SourceRecord(row: row, line: line, values: table.values(of: members) { .column($0) })
    }
    return nil
  }

  /// The next line's bytes (without its line break) as a position in the buffer, valid until
  /// the next call; nil at the end of the file.
  private func nextLine() throws(ImportError) -> (start: Int, count: Int)? {
    var searched = 0
    while true {
      let bytes = buffer.unconsumed
      if let newline = bytes[searched...].firstIndex(of: 0x0A) {
        let start = buffer.start
        buffer.start += newline + 1
        let count = newline > 0 && bytes[newline - 1] == 0x0D ? newline - 1 : newline
        return (start, count)
      }
      searched = bytes.count
      if try !buffer.refill() {
        let rest = buffer.unconsumed
        if rest.isEmpty { return nil }
        let start = buffer.start
        buffer.start = buffer.end
        return (start, rest.last == 0x0D ? rest.count - 1 : rest.count)
      }
    }
  }
}
