/// Where one field of the current record lies in the scanner's buffer.
struct FieldSpan {
  /// The first byte of the field's text (after an opening quote).
  var start: Int
  /// One past its last byte (before a closing quote).
  var end: Int
  /// Lines between the record's first line and the line where the field starts.
  var lineOffset: Int32
  /// ``quoted`` and ``escapedQuotes`` bits.
  var flags: UInt8

  static let quoted: UInt8 = 1
  static let escapedQuotes: UInt8 = 2
}

private let quote = UInt8(ascii: "\"")
private let lineFeed = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")

private let everyByte: UInt64 = 0x0101_0101_0101_0101

/// The high bit of each zero byte of `x`, and possibly of bytes above the lowest zero byte (a
/// borrow), so the lowest set bit marks the first zero byte exactly.
@inline(__always)
private func zeroBytes(_ x: UInt64) -> UInt64 {
  (x &- everyByte) & ~x & 0x8080_8080_8080_8080
}

/// The field spans of one record, in storage the scanner owns (no per-field uniqueness checks).
struct SpanList {
  private(set) var pointer: UnsafeMutablePointer<FieldSpan>
  private(set) var capacity: Int
  var count = 0

  init(capacity: Int) {
    self.capacity = capacity
    pointer = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity)
  }

  @inline(__always)
  mutating func append(_ span: FieldSpan) {
    if count == capacity { grow() }
    pointer[count] = span
    count &+= 1
  }

  private mutating func grow() {
    let larger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * 2)
    larger.moveInitialize(from: pointer, count: count)
    pointer.deallocate()
    pointer = larger
    capacity *= 2
  }

  func deallocate() { pointer.deallocate() }
}

/// A streaming RFC 4180 scanner over a ``FileBuffer``: it finds the fields of one record at a
/// time as byte ranges in the buffer, and builds a field's `String` only when asked.
///
/// Quoted fields may hold delimiters, line breaks and doubled quotes; lines end with LF, CRLF or
/// a lone CR. Line numbers count every line break, inside quoted fields too, so
/// ``recordLine`` is the line on which the current record starts.
///
/// Survey answers are mostly one- or two-character codes, so the strings of short ASCII fields
/// are made once and kept in a table indexed by their bytes.
final class DelimitedScanner {
  let buffer: FileBuffer
  let delimiter: UInt8
  /// The fields of the current record, valid until the next ``nextRecord()``.
  private var spans = SpanList(capacity: 64)
  /// The line on which the current record starts, from 1.
  private(set) var recordLine = 1
  /// The line on which the next record starts.
  private var nextLine = 1
  private var scratch: [UInt8] = []
  /// Strings of empty, one- and two-byte ASCII fields, indexed by ``shortIndex(_:_:)``.
  private let shortStrings: UnsafeMutablePointer<String?>
  private static let shortCount = 3 << 14
  /// For each field of the last record ``fill(_:count:)`` wrote, the index of its short string,
  /// or -1: a field equal to the one before it in its column is left as it is.
  private var lastIndices: [Int] = []

  var path: String { buffer.path }
  var bytesRead: Int { buffer.consumed }
  /// The number of fields of the current record.
  var fieldCount: Int { spans.count }

  init(buffer: FileBuffer, delimiter: UInt8) {
    self.buffer = buffer
    self.delimiter = delimiter
    shortStrings = UnsafeMutablePointer<String?>.allocate(capacity: Self.shortCount)
    shortStrings.initialize(repeating: nil, count: Self.shortCount)
  }

  deinit {
    spans.deallocate()
    shortStrings.deinitialize(count: Self.shortCount)
    shortStrings.deallocate()
  }

  private enum Scan {
    case record(next: Int, lines: Int)
    case needMore
    case unterminatedQuote(lineOffset: Int, field: Int)
    case textAfterQuote(lineOffset: Int, field: Int)
  }

  /// Finds the next record's fields; false at the end of the file.
  func nextRecord() throws(ImportError) -> Bool {
    var list = spans
    defer { spans = list }
    while true {
      let begin = buffer.start
      let end = buffer.end
      let atEnd = buffer.isAtEndOfFile
      if begin == end {
        if atEnd {
          list.count = 0
          return false
        }
        try buffer.refill()
        continue
      }
      list.count = 0
      switch Self.scan(buffer.base, begin, end, atEnd, delimiter, &list) {
      case .record(let next, let lines):
        recordLine = nextLine
        nextLine += lines
        buffer.start = next
        return true
      case .needMore:
        try buffer.refill()
      case .unterminatedQuote(let offset, let field):
        throw ImportError(file: path, line: nextLine + offset, column: field, message: ImportError.unterminatedQuote)
      case .textAfterQuote(let offset, let field):
        throw ImportError(file: path, line: nextLine + offset, column: field, message: ImportError.textAfterQuote)
      }
    }
  }

  // The hot loop: one pass over the bytes, eight at a time outside quotes. Everything it
  // touches is a local, so that no class property is accessed per byte.
  private static func scan(
    _ base: UnsafeMutablePointer<UInt8>, _ begin: Int, _ end: Int, _ atEnd: Bool, _ delimiter: UInt8,
    _ spans: inout SpanList
  ) -> Scan {
    var p = begin
    var lines = 0
    let delimiters = UInt64(delimiter) &* everyByte
    let lineFeeds = UInt64(lineFeed) &* everyByte
    let carriageReturns = UInt64(carriageReturn) &* everyByte
    while true {
      if p < end && base[p] == quote {
        let fieldLine = lines
        p += 1
        let contentStart = p
        var flags = FieldSpan.quoted
        while true {
          guard p < end else {
            return atEnd ? .unterminatedQuote(lineOffset: fieldLine, field: spans.count + 1) : .needMore
          }
          let b = base[p]
          if b == quote {
            if p + 1 < end {
              if base[p + 1] != quote { break }
              flags |= FieldSpan.escapedQuotes
              p += 2
              continue
            }
            if atEnd { break }
            return .needMore
          } else if b == lineFeed {
            lines += 1
          } else if b == carriageReturn {
            if p + 1 < end {
              if base[p + 1] != lineFeed { lines += 1 }
            } else if atEnd {
              lines += 1
            } else {
              return .needMore
            }
          }
          p += 1
        }
        spans.append(
          FieldSpan(start: contentStart, end: p, lineOffset: Int32(truncatingIfNeeded: fieldLine), flags: flags))
        p += 1
        if p == end {
          return atEnd ? .record(next: p, lines: lines) : .needMore
        }
        let b = base[p]
        if b == delimiter {
          p += 1
          continue
        }
        if b != lineFeed && b != carriageReturn {
          return .textAfterQuote(lineOffset: lines, field: spans.count)
        }
      } else {
        let fieldStart = p
        // Eight bytes at a time (the buffer's padding allows reading past `end`): the first byte
        // that is the delimiter or a line break, found without a branch per byte.
        while p < end {
          let word = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
          let found = zeroBytes(word ^ delimiters) | zeroBytes(word ^ lineFeeds) | zeroBytes(word ^ carriageReturns)
          if found != 0 {
            p = min(p &+ found.trailingZeroBitCount >> 3, end)
            break
          }
          p &+= 8
        }
        if p > end { p = end }
        if p == end {
          guard atEnd else { return .needMore }
          spans.append(FieldSpan(start: fieldStart, end: p, lineOffset: Int32(truncatingIfNeeded: lines), flags: 0))
          return .record(next: p, lines: lines)
        }
        spans.append(FieldSpan(start: fieldStart, end: p, lineOffset: Int32(truncatingIfNeeded: lines), flags: 0))
        if base[p] == delimiter {
          p &+= 1
          continue
        }
      }
      // A line break ends the record.
      if base[p] == lineFeed { return .record(next: p + 1, lines: lines + 1) }
      if p + 1 < end { return .record(next: base[p + 1] == lineFeed ? p + 2 : p + 1, lines: lines + 1) }
      return atEnd ? .record(next: p + 1, lines: lines + 1) : .needMore
    }
  }

  /// Whether the current record is a blank line (one empty, unquoted field).
  var isBlankLine: Bool {
    spans.count == 1 && spans.pointer[0].start == spans.pointer[0].end && spans.pointer[0].flags == 0
  }

  /// Whether only line breaks are left in the file (consumes nothing).
  func restIsBlank() throws(ImportError) -> Bool {
    var checked = 0
    while true {
      let bytes = buffer.unconsumed
      while checked < bytes.count {
        let b = bytes[checked]
        if b != lineFeed && b != carriageReturn { return false }
        checked += 1
      }
      if try !buffer.refill() { return buffer.end - buffer.start == checked }
    }
  }

  /// Whether field `i` of the current record is empty.
  func isEmpty(_ i: Int) -> Bool { spans.pointer[i].start == spans.pointer[i].end }

  /// The line on which field `i` of the current record starts.
  func line(ofField i: Int) -> Int { recordLine + Int(spans.pointer[i].lineOffset) }

  /// The text of field `i` of the current record.
  func string(_ i: Int) throws(ImportError) -> String {
    if let text = Self.text(buffer.base, spans.pointer[i], &scratch, shortStrings) { return text }
    throw ImportError(file: path, line: line(ofField: i), column: i + 1, message: ImportError.invalidUTF8)
  }

  /// Sets `values` to the text of the current record's fields at `fields` (one value per
  /// index), the fast path of every delimited reader.
  ///
  /// The array is overwritten in place when its storage is not shared (the caller has let go
  /// of the previous record), so no array is allocated or freed per record, and the old values
  /// are released by specialised code rather than the runtime's generic array destruction. A
  /// short field equal to the same field of the previous record is not written again, so
  /// `values` must be the array passed to the previous call (or a new one), and a value the
  /// caller changes afterwards must be reported with ``forget(_:)``.
  func fill(_ values: inout [String?], fields indices: [Int]) throws(ImportError) {
    var none: [Int16] = []
    try fill(&values, numbers: &none, wanted: false, fields: indices)
  }

  /// ``fill(_:fields:)``, also setting `numbers` to each value's ``SourceDigits`` (the array
  /// passed for the previous record, or a new one).
  func fill(_ values: inout [String?], numbers: inout [Int16], fields indices: [Int]) throws(ImportError) {
    if numbers.count != indices.count || values.count != indices.count {
      numbers = Array(repeating: SourceDigits.none, count: indices.count)
      lastIndices = []
    }
    try fill(&values, numbers: &numbers, wanted: true, fields: indices)
  }

  private func fill(
    _ values: inout [String?], numbers: inout [Int16], wanted: Bool, fields indices: [Int]
  ) throws(ImportError) {
    let count = indices.count
    if values.count != count || lastIndices.count != count {
      values = Array(repeating: nil, count: count)
      lastIndices = Array(repeating: -1, count: count)
    }
    let base = buffer.base
    let fields = spans.pointer
    let short = shortStrings
    var failed = -1
    var scratch: [UInt8] = []
    swap(&scratch, &self.scratch)
    var last: [Int] = []
    swap(&last, &lastIndices)
    values.withUnsafeMutableBufferPointer { values in
      numbers.withUnsafeMutableBufferPointer { numbers in
        let numbers = wanted ? numbers.baseAddress : nil
        last.withUnsafeMutableBufferPointer { last in
          indices.withUnsafeBufferPointer { indices in
            for i in 0..<count {
              let span = fields[indices[i]]
              let index = Self.shortIndex(base, span)
              if index >= 0 {
                if last[i] == index { continue }
                last[i] = index
                values[i] = Self.shortString(index, base, span, short)
                numbers?[i] = Self.shortDigits(index)
                continue
              }
              last[i] = -1
              numbers?[i] = SourceDigits.none
              guard let text = Self.text(base, span, &scratch, short) else {
                failed = indices[i]
                return
              }
              values[i] = text
            }
          }
        }
      }
    }
    swap(&last, &lastIndices)
    swap(&scratch, &self.scratch)
    if failed >= 0 {
      lastIndices = []
      throw ImportError(file: path, line: line(ofField: failed), column: failed + 1, message: ImportError.invalidUTF8)
    }
  }

  /// Notes that the caller changed value `position` of the array last passed to
  /// ``fill(_:fields:)``, so that the next call writes it again.
  func forget(_ position: Int) {
    if position < lastIndices.count { lastIndices[position] = -1 }
  }

  /// The index in the short-string table of an empty, one- or two-byte ASCII field without
  /// doubled quotes (`length << 14 | b0 << 7 | b1`), or -1. Reads two bytes whatever the
  /// field's length, which the buffer's padding allows, and masks what is not the field's.
  @inline(__always)
  private static func shortIndex(_ base: UnsafeMutablePointer<UInt8>, _ span: FieldSpan) -> Int {
    let length = span.end &- span.start
    guard length <= 2, span.flags & FieldSpan.escapedQuotes == 0 else { return -1 }
    let bytes = Int(UInt16(littleEndian: UnsafeRawPointer(base + span.start).loadUnaligned(as: UInt16.self)))
    let masked = bytes & ((1 << (length << 3)) &- 1)
    guard masked & 0x8080 == 0 else { return -1 }
    return length << 14 | (masked & 0x7F) << 7 | masked >> 8
  }

  /// The ``SourceDigits`` of the short field at `index` (see ``shortIndex(_:_:)``).
  @inline(__always)
  private static func shortDigits(_ index: Int) -> Int16 {
    let first = (index >> 7) & 0x7F &- 0x30
    let second = index & 0x7F &- 0x30
    switch index >> 14 {
    case 1 where 0..<10 ~= first: return Int16(first)
    case 2 where 0..<10 ~= first && 0..<10 ~= second: return SourceDigits.twoDigits | Int16(first * 10 + second)
    default: return SourceDigits.none
    }
  }

  /// The short string at `index`, made on first use.
  @inline(__always)
  private static func shortString(
    _ index: Int, _ base: UnsafeMutablePointer<UInt8>, _ span: FieldSpan, _ short: UnsafeMutablePointer<String?>
  ) -> String {
    if let text = short[index] { return text }
    let text = String(
      decoding: UnsafeBufferPointer(start: base + span.start, count: span.end - span.start), as: UTF8.self)
    short[index] = text
    return text
  }

  /// A field's text, or nil when it is not valid UTF-8. Doubled quotes are undoubled in
  /// `scratch`; short ASCII fields come from (and fill) the `short` table.
  @inline(__always)
  private static func text(
    _ base: UnsafeMutablePointer<UInt8>, _ span: FieldSpan, _ scratch: inout [UInt8],
    _ short: UnsafeMutablePointer<String?>
  ) -> String? {
    let index = shortIndex(base, span)
    if index >= 0 { return shortString(index, base, span, short) }
    if span.flags & FieldSpan.escapedQuotes == 0 {
      return utf8String(UnsafeBufferPointer(start: base + span.start, count: span.end - span.start))
    }
    scratch.removeAll(keepingCapacity: true)
    var p = span.start
    while p < span.end {
      scratch.append(base[p])
      p += base[p] == quote ? 2 : 1
    }
    return scratch.withUnsafeBufferPointer { utf8String($0) }
  }
}

/// The text of `bytes`, or nil when they are not valid UTF-8.
///
/// `String(validating:)` is generic and, unspecialised, costs more than the whole scan; decoding
/// (which repairs invalid bytes) takes the standard library's fast path, and a field with bytes
/// above 0x7F is then compared with its bytes to tell whether anything was repaired.
@inline(__always)
func utf8String(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
  let text = String(decoding: bytes, as: UTF8.self)
  var high: UInt8 = 0
  for b in bytes { high |= b }
  if high < 0x80 { return text }
  return text.utf8.elementsEqual(bytes) ? text : nil
}

/// Picks the delimiter of a header line: whichever of comma, semicolon and tab occurs most often
/// outside quotes before the first line break (comma on a tie or when there are none).
func sniffDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
  var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
  var inQuotes = false
  for b in bytes {
    if b == quote {
      inQuotes.toggle()
    } else if !inQuotes {
      if b == lineFeed || b == carriageReturn { break }
      if counts[b] != nil { counts[b, default: 0] += 1 }
    }
  }
  let comma = counts[UInt8(ascii: ",")] ?? 0
  let semicolon = counts[UInt8(ascii: ";")] ?? 0
  let tab = counts[UInt8(ascii: "\t")] ?? 0
  if semicolon > comma && semicolon >= tab { return UInt8(ascii: ";") }
  if tab > comma && tab > semicolon { return UInt8(ascii: "\t") }
  return UInt8(ascii: ",")
}

/// A delimited file with a header row: the scanner plus the checks every delimited format
/// shares (header names, ragged rows, blank lines).
///
/// The header's names are trimmed of surrounding spaces and must be non-empty and distinct. A
/// blank line at the end of the file is not a record; one in the middle is a ragged row unless
/// the header has a single column (then it is a record with one empty value).
final class DelimitedTable {
  let scanner: DelimitedScanner
  /// The header's column names, trimmed.
  let header: [String]
  /// Header rows after the first (Qualtrics writes two more), not counted as data rows.
  var extraHeaderRows = 0
  /// Records read after the first line, header rows included.
  private(set) var recordIndex = 0

  /// The current record's number among the data rows (from 1; 0 or less for a header row).
  var row: Int { recordIndex - extraHeaderRows }
  /// The line on which the current record starts.
  var line: Int { scanner.recordLine }
  var path: String { scanner.path }

  /// Opens the file and reads the header. The delimiter is sniffed from the header line unless
  /// the user chose one, so that `;`- and tab-delimited exports read without an option.
  init(context: ReaderContext) throws(ImportError) {
    let buffer = try FileBuffer(path: context.path)
    try checkTextStart(buffer)
    try buffer.fill(atLeast: 1)
    var delimiter = context.delimiter
    if !context.delimiterIsExplicit { delimiter = sniffDelimiter(buffer.unconsumed) }
    scanner = DelimitedScanner(buffer: buffer, delimiter: delimiter)
    guard try scanner.nextRecord() else { throw ImportError(file: context.path, message: ImportError.emptyFile) }
    if scanner.isBlankLine {
      if try scanner.restIsBlank() { throw ImportError(file: context.path, message: ImportError.emptyFile) }
      throw ImportError(file: context.path, line: 1, message: ImportError.blankHeader)
    }
    var names: [String] = []
    var firstColumn: [String: Int] = [:]
    for i in 0..<scanner.fieldCount {
      let name = try scanner.string(i).trimmingSpaces()
      let line = scanner.line(ofField: i)
      if name.isEmpty {
        throw ImportError(file: context.path, line: line, column: i + 1, message: ImportError.emptyColumnName(i + 1))
      }
      if let first = firstColumn[name] {
        throw ImportError(
          file: context.path, line: line, column: i + 1, message: ImportError.duplicateColumn(i + 1, first: first))
      }
      firstColumn[name] = i + 1
      names.append(name)
    }
    header = names
  }

  /// Reads the next record and checks that it has as many fields as the header; false at the
  /// end of the file.
  func next() throws(ImportError) -> Bool {
    guard try scanner.nextRecord() else { return false }
    recordIndex += 1
    if scanner.isBlankLine, try scanner.restIsBlank() {
      // Trailing blank lines are not records: consume them.
      while try scanner.nextRecord() {}
      return false
    }
    let count = scanner.fieldCount
    if count != header.count {
      let message =
        row > 0
        ? ImportError.raggedRow(row, fields: count, header: header.count)
        : ImportError.raggedHeaderRow(recordIndex + 1, fields: count, header: header.count)
      let field = min(count, header.count)
      let line = count > header.count ? scanner.line(ofField: field) : scanner.line(ofField: count - 1)
      throw ImportError(file: path, line: line, column: field + 1, message: message)
    }
    return true
  }

  func string(_ i: Int) throws(ImportError) -> String { try scanner.string(i) }
  func isEmpty(_ i: Int) -> Bool { scanner.isEmpty(i) }
}

extension String {
  /// The string without surrounding spaces and tabs.
  func trimmingSpaces() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
      let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
    else { return "" }
    return String(scalars[first...last])
  }
}
