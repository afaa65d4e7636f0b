/// Reads SurveyJS results: a JSON array of result objects, or an object holding them in a
/// `data` or `results` array (as the SurveyJS service's export wraps them).
///
/// The file is streamed: a small scanner finds where each result object begins and ends
/// (tracking strings and nesting), and only that result is parsed, so memory holds one result
/// at a time whatever the number of results. Keys become columns as for JSON Lines: checkbox
/// arrays joined with spaces, matrix objects flattened to their rows, booleans `1`/`0`.
///
/// The respondent identifier is the `respondent_id` key; failing that `id`, then `responseId`
/// (each unless the survey has a question of that name). Metadata a SurveyJS back end may save
/// with a result is dropped when the survey has no question of that name: client IP address,
/// e-mail address, user agent, location and timestamps (keys such as `IP`, `ipAddress`,
/// `email`, `userAgent`, `latitude`, `HappendAt`, `createdAt`, compared ignoring case and `_`).
/// Every other key is passed on.
///
/// - Complexity: O(n) in the file's size.
public final class SurveyJSReader: RecordSource {
  public let format = ImportFormat.surveyjs
  public var columns: [String] { table.columns }
  public var sourceColumns: [String] { table.sources }
  /// All 0: JSON keys have no positions.
  public var sourcePositions: [Int] { Array(repeating: 0, count: table.columns.count) }
  public var ignoredColumns: [String] { table.ignored }
  public var bytesRead: Int { stream.buffer.consumed }

  private let stream: JSONStream
  private let vocabulary: SurveyVocabulary
  private var table = JSONColumns()
  private var row = 0
  private var state = State.start

  private enum State {
    case start
    case firstElement
    case nextElement
    case done
  }

  /// Opens the file and reads up to the first result.
  public init(context: ReaderContext) throws(ImportError) {
    stream = JSONStream(buffer: try FileBuffer(path: context.path))
    vocabulary = SurveyVocabulary(context.survey)
    try checkTextStart(stream.buffer)
    try openArray()
  }

  public func next() throws(ImportError) -> SourceRecord? {
    switch state {
    case .start, .done:
      return nil
    case .firstElement:
      guard let byte = try stream.skipWhitespace() else { throw stream.error(ImportError.invalidJSON(arrayNotClosed)) }
      if byte == UInt8(ascii: "]") {
        try finish()
        return nil
      }
    case .nextElement:
      guard let byte = try stream.skipWhitespace() else { throw stream.error(ImportError.invalidJSON(arrayNotClosed)) }
      if byte == UInt8(ascii: "]") {
        try finish()
        return nil
      }
      guard byte == UInt8(ascii: ",") else {
        throw stream.error(ImportError.invalidJSON("expected ',' or ']' after a result"))
      }
      stream.advance(1)
      guard try stream.skipWhitespace() != nil else { throw stream.error(ImportError.invalidJSON(arrayNotClosed)) }
    }
    state = .nextElement
    let line = stream.line
    let value = try stream.parseValue()
    guard case .object(let members) = value else {
      throw ImportError(
        file: stream.buffer.path, line: line, column: stream.elementColumn, message: ImportError.jsonResultNotObject)
    }
    row += 1
    let keys = Set(members.map(\.key))
    let values = table.values(of: members) { key in self.target(for: key, keys: keys) }
    return SourceRecord(row: row, line: line, values: values)
  }

  private let arrayNotClosed = "the array of results is never closed"
  /// Whether the results are a member of a top-level object.
  private var isWrapped = false

  /// Reads what follows the array of results: the rest of the wrapping object, if any, then
  /// nothing but whitespace.
  private func finish() throws(ImportError) {
    state = .done
    stream.advance(1)
    if isWrapped {
      while true {
        guard let byte = try stream.skipWhitespace() else {
          throw stream.error(ImportError.invalidJSON("the object is never closed"))
        }
        guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") else {
          throw stream.error(ImportError.invalidJSON("expected ',' or '}' after a value"))
        }
        stream.advance(1)
        if byte == UInt8(ascii: "}") { break }
        try skipMember()
        try stream.skipValue()
      }
    }
    if try stream.skipWhitespace() != nil {
      throw stream.error(ImportError.invalidJSON("unexpected text after the results"))
    }
  }

  /// Skips `"key": value` and returns the key.
  @discardableResult
  private func skipMember() throws(ImportError) -> String {
    guard try stream.skipWhitespace() == UInt8(ascii: "\""), case .string(let key) = try stream.parseValue() else {
      throw stream.error(ImportError.invalidJSON("expected a key in double quotes"))
    }
    guard try stream.skipWhitespace() == UInt8(ascii: ":") else {
      throw stream.error(ImportError.invalidJSON("expected ':' after a key"))
    }
    stream.advance(1)
    _ = try stream.skipWhitespace()
    return key
  }

  /// Metadata keys, lower-cased without `_`.
  static let metadataKeys: Set<String> = [
    "ip", "ipaddress", "clientip", "remoteaddress", "email", "emailaddress", "useragent", "latitude", "longitude",
    "geolocation", "happendat", "happenedat", "createdat", "updatedat", "timestamp",
  ]

  /// What a top-level key becomes.
  private func target(for key: String, keys: Set<String>) -> JSONColumns.Target {
    if vocabulary.isColumn(key) || vocabulary.question(key) != nil { return .column(key) }
    if Self.metadataKeys.contains(key.lowercased().filter { $0 != "_" }) { return .ignored }
    if keys.contains(respondentIDColumn) { return .column(key) }
    switch key {
    case "id": return .column(respondentIDColumn)
    case "responseId" where !keys.contains("id"): return .column(respondentIDColumn)
    default: return .column(key)
    }
  }

  /// Finds the array of results: the top-level array, or the `data` or `results` member of a
  /// top-level object.
  private func openArray() throws(ImportError) {
    guard let first = try stream.skipWhitespace() else {
      throw ImportError(file: stream.buffer.path, message: ImportError.emptyFile)
    }
    if first == UInt8(ascii: "[") {
      stream.advance(1)
      state = .firstElement
      return
    }
    guard first == UInt8(ascii: "{") else { throw stream.error(ImportError.jsonNotArray) }
    stream.advance(1)
    isWrapped = true
    while true {
      guard let byte = try stream.skipWhitespace() else {
        throw stream.error(ImportError.invalidJSON("the object is never closed"))
      }
      if byte == UInt8(ascii: "}") { throw stream.error(ImportError.jsonNoResults) }
      let key = try skipMember()
      if key == "data" || key == "results", try stream.skipWhitespace() == UInt8(ascii: "[") {
        stream.advance(1)
        state = .firstElement
        return
      }
      try stream.skipValue()
      let after = try stream.skipWhitespace()
      if after == UInt8(ascii: ",") {
        stream.advance(1)
      } else if after != UInt8(ascii: "}") {
        throw stream.error(ImportError.invalidJSON("expected ',' or '}' after a value"))
      }
    }
  }
}

/// A JSON text read in blocks, one value at a time, with the line and column of the next byte.
final class JSONStream {
  let buffer: FileBuffer
  /// The line and column (in characters) of `buffer.start`.
  private(set) var line = 1
  private(set) var column = 1
  /// The column where the last value parsed began.
  private(set) var elementColumn = 1

  init(buffer: FileBuffer) { self.buffer = buffer }

  /// An error at the current position.
  func error(_ message: String) -> ImportError {
    ImportError(file: buffer.path, line: line, column: column, message: message)
  }

  /// Consumes `count` bytes, keeping the line and column.
  func advance(_ count: Int) {
    let bytes = buffer.unconsumed
    for i in 0..<count {
      let b = bytes[i]
      if b == 0x0A {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
    }
    buffer.start += count
  }

  /// Skips whitespace and returns the next byte without consuming it; nil at the end.
  func skipWhitespace() throws(ImportError) -> UInt8? {
    while true {
      let bytes = buffer.unconsumed
      var i = 0
      while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
      advance(i)
      if i < bytes.count { return bytes[i] }
      if try !buffer.refill() { return nil }
    }
  }

  /// The length of the value starting at `buffer.start`, reading more of the file as needed.
  private func valueLength() throws(ImportError) -> Int {
    while true {
      if let length = Self.extent(buffer.unconsumed, atEnd: buffer.isAtEndOfFile) { return length }
      if try !buffer.refill() {
        if let length = Self.extent(buffer.unconsumed, atEnd: true) { return length }
        return buffer.end - buffer.start
      }
    }
  }

  /// Where the value at the start of `bytes` ends (tracking strings and nesting), or nil when
  /// `bytes` ends first and more may follow.
  private static func extent(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Int? {
    guard let first = bytes.first else { return atEnd ? 0 : nil }
    var i = 0
    if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"") {
      var depth = 0
      var inString = false
      while i < bytes.count {
        let b = bytes[i]
        i += 1
        if inString {
          if b == UInt8(ascii: "\\") {
            i += 1
          } else if b == UInt8(ascii: "\"") {
            inString = false
            if depth == 0 { return i }
          }
        } else if b == UInt8(ascii: "\"") {
          inString = true
        } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
          depth += 1
        } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
          depth -= 1
          if depth == 0 { return i }
        }
      }
      return atEnd ? bytes.count : nil
    }
    while i < bytes.count {
      switch bytes[i] {
      case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x0A, 0x0D, 0x09: return i
      default: i += 1
      }
    }
    return atEnd ? bytes.count : nil
  }

  /// Parses the value at the current position and consumes it.
  func parseValue() throws(ImportError) -> JSONValue {
    let length = try valueLength()
    let bytes = UnsafeBufferPointer(rebasing: buffer.unconsumed[0..<min(length, buffer.end - buffer.start)])
    elementColumn = column
    do {
      let value = try JSONParser.parse(bytes)
      advance(length)
      return value
    } catch {
      advance(min(error.offset, bytes.count))
      throw self.error(ImportError.invalidJSON(error.message))
    }
  }

  /// Consumes the value at the current position without parsing it.
  func skipValue() throws(ImportError) {
    advance(try valueLength())
  }
}
