/// A parsed JSON value that keeps what the readers need and JSONSerialization loses: the order
/// of an object's keys (the order of columns), a number's text as written (`2.50` stays
/// `2.50`), and the difference between `true` and `1`.
indirect enum JSONValue {
  case string(String)
  /// A number, as written.
  case number(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  /// Members in the order written.
  case object([(key: String, value: JSONValue)])

  /// Compact JSON text of the value (for values that have no column form, such as an array of
  /// objects).
  var jsonText: String {
    switch self {
    case .string(let s): Self.quoted(s)
    case .number(let n): n
    case .bool(let b): b ? "true" : "false"
    case .null: "null"
    case .array(let items): "[" + items.map(\.jsonText).joined(separator: ",") + "]"
    case .object(let members):
      "{" + members.map { Self.quoted($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
    }
  }

  private static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

/// Why JSON text could not be parsed: a byte offset into the text and what was expected there.
struct JSONSyntaxError: Error {
  var offset: Int
  var message: String
}

/// A strict JSON (RFC 8259) parser over bytes in memory.
struct JSONParser {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var p = 0
  private static let maximumDepth = 64

  private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// Parses `bytes` as exactly one JSON value, with optional surrounding whitespace.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
    var parser = JSONParser(bytes)
    parser.skipWhitespace()
    let value = try parser.value(depth: 0)
    parser.skipWhitespace()
    if parser.p < bytes.count { throw parser.failure("unexpected text after the value") }
    return value
  }

  private func failure(_ message: String) -> JSONSyntaxError { JSONSyntaxError(offset: p, message: message) }

  private mutating func skipWhitespace() {
    while p < bytes.count {
      switch bytes[p] {
      case 0x20, 0x09, 0x0A, 0x0D: p += 1
      default: return
      }
    }
  }

  private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard p < bytes.count else { throw failure("expected a value, found the end of the text") }
    switch bytes[p] {
    case UInt8(ascii: "{"): return try object(depth: depth + 1)
    case UInt8(ascii: "["): return try array(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw failure("expected a value")
    }
  }

  private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
    let count = word.utf8CodeUnitCount
    guard p + count <= bytes.count else { throw failure("expected a value") }
    for i in 0..<count where bytes[p + i] != word.utf8Start[i] { throw failure("expected a value") }
    p += count
    return value
  }

  private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    if depth > Self.maximumDepth { throw failure("values are nested too deeply") }
    p += 1
    var members: [(key: String, value: JSONValue)] = []
    skipWhitespace()
    if p < bytes.count && bytes[p] == UInt8(ascii: "}") {
      p += 1
      return .object(members)
    }
    while true {
      guard p < bytes.count, bytes[p] == UInt8(ascii: "\"") else { throw failure("expected a key in double quotes") }
      let key = try string()
      skipWhitespace()
      guard p < bytes.count, bytes[p] == UInt8(ascii: ":") else { throw failure("expected ':' after a key") }
      p += 1
      skipWhitespace()
      members.append((key, try value(depth: depth)))
      skipWhitespace()
      guard p < bytes.count else { throw failure("expected ',' or '}', found the end of the text") }
      if bytes[p] == UInt8(ascii: "}") {
        p += 1
        return .object(members)
      }
      guard bytes[p] == UInt8(ascii: ",") else { throw failure("expected ',' or '}' after a value") }
      p += 1
      skipWhitespace()
    }
  }

  private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    if depth > Self.maximumDepth { throw failure("values are nested too deeply") }
    p += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if p < bytes.count && bytes[p] == UInt8(ascii: "]") {
      p += 1
      return .array(items)
    }
    while true {
      items.append(try value(depth: depth))
      skipWhitespace()
      guard p < bytes.count else { throw failure("expected ',' or ']', found the end of the text") }
      if bytes[p] == UInt8(ascii: "]") {
        p += 1
        return .array(items)
      }
      guard bytes[p] == UInt8(ascii: ",") else { throw failure("expected ',' or ']' after a value") }
      p += 1
      skipWhitespace()
    }
  }

  private mutating func number() throws(JSONSyntaxError) -> String {
    let start = p
    func digits(_ p: inout Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
      let first = p
      while p < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[p]) { p += 1 }
      return p - first
    }
    if bytes[p] == UInt8(ascii: "-") { p += 1 }
    guard p < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[p]) else {
      throw failure("expected a digit")
    }
    if bytes[p] == UInt8(ascii: "0") {
      p += 1
    } else {
      _ = digits(&p, bytes)
    }
    if p < bytes.count && bytes[p] == UInt8(ascii: ".") {
      p += 1
      guard digits(&p, bytes) > 0 else { throw failure("expected a digit after the decimal point") }
    }
    if p < bytes.count && (bytes[p] == UInt8(ascii: "e") || bytes[p] == UInt8(ascii: "E")) {
      p += 1
      if p < bytes.count && (bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-")) { p += 1 }
      guard digits(&p, bytes) > 0 else { throw failure("expected a digit in the exponent") }
    }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<p]), as: UTF8.self)
  }

  private mutating func string() throws(JSONSyntaxError) -> String {
    let open = p
    p += 1
    let start = p
    // Fast path: no escapes.
    while p < bytes.count {
      let b = bytes[p]
      if b == UInt8(ascii: "\"") {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<p])
        p += 1
        guard let text = utf8String(slice) else {
          throw JSONSyntaxError(offset: open, message: "the string is not valid UTF-8")
        }
        return text
      }
      if b == UInt8(ascii: "\\") { break }
      if b < 0x20 { throw failure("a control character inside a string (line breaks must be written \\n)") }
      p += 1
    }
    var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<p]))
    while p < bytes.count {
      let b = bytes[p]
      if b == UInt8(ascii: "\"") {
        p += 1
        guard let text = out.withUnsafeBufferPointer({ utf8String($0) }) else {
          throw JSONSyntaxError(offset: open, message: "the string is not valid UTF-8")
        }
        return text
      }
      if b < 0x20 { throw failure("a control character inside a string (line breaks must be written \\n)") }
      if b != UInt8(ascii: "\\") {
        out.append(b)
        p += 1
        continue
      }
      p += 1
      guard p < bytes.count else { break }
      let escape = bytes[p]
      p += 1
      switch escape {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
          guard p + 1 < bytes.count, bytes[p] == UInt8(ascii: "\\"), bytes[p + 1] == UInt8(ascii: "u") else {
            throw failure("a lone surrogate in a \\u escape")
          }
          p += 2
          let low = try hex4()
          guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate in a \\u escape") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
          throw failure("a lone surrogate in a \\u escape")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw failure("an invalid \\u escape") }
        out.append(contentsOf: Array(String(unicode).utf8))
      default:
        p -= 2
        throw failure("an invalid escape in a string")
      }
    }
    throw JSONSyntaxError(offset: open, message: "the string is never closed")
  }

  private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
    guard p + 4 <= bytes.count else { throw failure("expected four hexadecimal digits after \\u") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[p]
      let digit: UInt8
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
      default: throw failure("expected four hexadecimal digits after \\u")
      }
      value = value << 4 | UInt32(digit)
      p += 1
    }
    return value
  }
}

/// The 1-based column, in characters, of byte `offset` of a line (`bytes` starts at the line's
/// first byte): UTF-8 continuation bytes are not counted.
func characterColumn(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int) -> Int {
  var column = 1
  for i in 0..<min(offset, bytes.count) where bytes[i] & 0xC0 != 0x80 { column += 1 }
  return column
}

/// The columns of a JSON reader, growing as new keys appear, and how one object becomes a
/// record.
///
/// Strings are passed as is, numbers as written, `true`/`false` as `1`/`0`; `null` is absent.
/// An array of scalars (a multiple-choice answer) is joined with spaces; an array holding
/// objects or arrays is passed as its JSON text. A nested object (a matrix) is flattened: its
/// keys become columns (a deeper object's keys too), named by the innermost key and shown in
/// messages as the path (`trust/trust_confidential`).
struct JSONColumns {
  private(set) var columns: [String] = []
  private(set) var sources: [String] = []
  private(set) var ignored: [String] = []
  private var index: [String: Int] = [:]
  private var ignoredSet = Set<String>()

  /// What a reader does with a top-level key: keep it under a column name, or drop it as
  /// metadata.
  enum Target {
    case column(String)
    case ignored
  }

  /// The record of `members`; `target` decides what each top-level key becomes.
  mutating func values(
    of members: [(key: String, value: JSONValue)], target: (String) -> Target
  ) -> [String?] {
    var values: [String?] = Array(repeating: nil, count: columns.count)
    for (key, value) in members {
      switch target(key) {
      case .ignored:
        if ignoredSet.insert(key).inserted { ignored.append(key) }
      case .column(let name):
        add(name, source: key, value, into: &values)
      }
    }
    return values
  }

  private mutating func add(_ name: String, source: String, _ value: JSONValue, into values: inout [String?]) {
    if case .object(let members) = value {
      for (key, inner) in members { add(key, source: source + "/" + key, inner, into: &values) }
      return
    }
    let text: String?
    switch value {
    case .string(let s): text = s
    case .number(let n): text = n
    case .bool(let b): text = b ? "1" : "0"
    case .null: text = nil
    case .array(let items): text = Self.joined(items)
    case .object: text = nil
    }
    guard let text else { return }
    let i: Int
    if let known = index[name] {
      i = known
    } else {
      i = columns.count
      index[name] = i
      columns.append(name)
      sources.append(source)
    }
    while values.count <= i { values.append(nil) }
    values[i] = text
  }

  /// Scalars joined with spaces (nulls left out); anything nested as the array's JSON text.
  private static func joined(_ items: [JSONValue]) -> String {
    var parts: [String] = []
    for item in items {
      switch item {
      case .string(let s): parts.append(s)
      case .number(let n): parts.append(n)
      case .bool(let b): parts.append(b ? "1" : "0")
      case .null: continue
      case .array, .object: return JSONValue.array(items).jsonText
      }
    }
    return parts.joined(separator: " ")
  }
}
