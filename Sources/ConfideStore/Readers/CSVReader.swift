/// Reads generic CSV (RFC 4180) whose header names the survey's generic columns.
///
/// The file is read in 256 KiB blocks and scanned as bytes: quoted fields may hold delimiters,
/// line breaks and doubled quotes; lines end with LF, CRLF or CR; a UTF-8 byte-order mark is
/// skipped; columns may come in any order; header names are trimmed of surrounding spaces. The
/// delimiter is `context.delimiter` when the user chose one; otherwise the header line decides
/// between comma, semicolon and tab (whichever occurs most often outside quotes), so that
/// `;`-delimited exports from European spreadsheets read as they are. Values are passed on
/// exactly as written.
///
/// Readers are classes: each owns an open file, closed when the reader is released.
///
/// ```swift
/// let reader = try CSVReader(context: ReaderContext(survey: survey, path: "responses.csv"))
/// while let record = try reader.next() { ... }
/// ```
///
/// - Complexity: O(n) in the file's size; memory holds one block and the current record.
public final class CSVReader: RecordSource {
  public let format = ImportFormat.csv
  public let columns: [String]
  public var sourceColumns: [String] { columns }
  public let sourcePositions: [Int]
  /// Always empty: generic CSV has no platform metadata.
  public let ignoredColumns: [String] = []
  public var bytesRead: Int { table.scanner.bytesRead }
  private let table: DelimitedTable
  /// The last record's values, reused when the caller has let go of them.
  private var values: [String?] = []
  /// The last record's ``RecordSource/digits``.
  private var numbers: [Int16] = []
  public var digits: [Int16]? { numbers }
  /// The fields to read: all of them, in order.
  private let fields: [Int]

  /// Opens the file and reads its header row.
  public init(context: ReaderContext) throws(ImportError) {
    table = try DelimitedTable(context: context)
    columns = table.header
    sourcePositions = Array(1...columns.count)
    fields = Array(0..<columns.count)
  }

  public func next() throws(ImportError) -> SourceRecord? {
    guard try table.next() else { return nil }
    try table.scanner.fill(&values, numbers: &numbers, fields: fields)
    return SourceRecord(row: table.row, line: table.line, values: values)
  }
}
