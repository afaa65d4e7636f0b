#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The readers' messages, in one alphabetised catalogue: lower-case, no final period, naming
/// rows, lines and columns but never quoting an answer or an identifier. Column names (survey
/// structure, not answers) may be quoted.
extension ImportError {
  static let binary = "the file is binary (it contains NUL bytes), not a text export"

  static let blankHeader = "the header row is blank; the first line must name the columns"

  static func cannotOpen(_ path: String, errno code: Int32) -> ImportError {
    let reason: String
    switch code {
    case ENOENT: reason = "no such file"
    case EACCES, EPERM: reason = "permission denied: the file cannot be read"
    case EISDIR: reason = "is a directory, not a file"
    default:
      let text = String(cString: strerror(code))
      reason = "cannot read the file: " + text.prefix(1).lowercased() + text.dropFirst()
    }
    return ImportError(file: path, message: reason)
  }

  /// Not quoting the name: a file without a header row has answers in its first line.
  static func duplicateColumn(_ column: Int, first: Int) -> String {
    "column \(column) of the header has the same name as column \(first)"
  }

  static func emptyColumnName(_ column: Int) -> String {
    "column \(column) of the header has no name"
  }

  static let emptyFile = "the file is empty (there is no header row)"

  static func invalidJSON(_ detail: String) -> String { "malformed JSON: \(detail)" }

  static let invalidUTF8 = "the text is not valid UTF-8; save or export the file as UTF-8"

  static let jsonLineNotObject = "the line is not a JSON object (JSON Lines holds one object per line)"

  static let jsonNoResults =
    "the JSON object holds no 'data' or 'results' array of results; expected an array of result objects"

  static let jsonNotArray = "expected a JSON array of result objects, or an object with a 'data' or 'results' array"

  static let jsonResultNotObject = "the result is not a JSON object"

  static func qualtricsHeaderRows(_ found: Int) -> String {
    "a Qualtrics export has two or three header rows; this file has \(found)"
  }

  static func raggedHeaderRow(_ headerRow: Int, fields: Int, header: Int) -> String {
    "header row \(headerRow) has \(fields) \(fields == 1 ? "field" : "fields"); the first header row has \(header)"
  }

  static func raggedRow(_ row: Int, fields: Int, header: Int) -> String {
    "row \(row) has \(fields) \(fields == 1 ? "field" : "fields"); the header has \(header)"
  }

  static func redcapRepeatingInstrument(_ row: Int) -> String {
    "row \(row) is an instance of a repeating instrument; export without repeating instruments (one row per record)"
  }

  static func redcapSeveralEvents(_ row: Int, first: Int) -> String {
    "row \(row) is another event of the record in row \(first); export one event (one row per record)"
  }

  static let sqliteFile = "the file is an SQLite database, not an export; export the data as CSV"

  static let textAfterQuote = "unexpected text after the closing quote of a quoted field"

  static let unterminatedQuote = "a quoted field opens here and is never closed"

  static let utf16 = "the file is UTF-16 text; save or export it as UTF-8"

  static let zipArchive = "the file is a zip archive (an Excel workbook?), not text; export the data as CSV"
}
