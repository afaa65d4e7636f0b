/// A JSON value, serialised with sorted keys and fixed spacing so the same value always gives the same
/// bytes.
enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case integer(Int)
  /// A number, printed in the shortest form that reads back as the same `Double`; `null` if not finite.
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// A number, or `null` for `nil`.
  static func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
  /// An integer, or `null` for `nil`.
  static func integer(_ value: Int?) -> JSONValue { value.map { .integer($0) } ?? .null }
  /// A string, or `null` for `nil`.
  static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

  /// The value as pretty-printed JSON: two-space indentation, keys in code-point order, `": "` between a
  /// key and its value, and empty arrays and objects as `[]` and `{}`.
  func serialised(indent: Int = 0) -> String {
    let inner = String(repeating: "  ", count: indent + 1)
    let outer = String(repeating: "  ", count: indent)
    switch self {
    case .null: return "null"
    case .bool(let value): return value ? "true" : "false"
    case .integer(let value): return String(value)
    case .number(let value): return value.isFinite ? value.description : "null"
    case .string(let value): return Self.quoted(value)
    case .array(let values):
      if values.isEmpty { return "[]" }
      return "[\n" + values.map { inner + $0.serialised(indent: indent + 1) }.joined(separator: ",\n") + "\n"
        + outer + "]"
    case .object(let members):
      if members.isEmpty { return "{}" }
      let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
      return "{\n"
        + keys.map { key in
          inner + Self.quoted(key) + ": " + (members[key] ?? .null).serialised(indent: indent + 1)
        }.joined(separator: ",\n") + "\n" + outer + "}"
    }
  }

  /// A JSON string literal: quotes, backslashes and control characters escaped, everything else as is.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case let control where control.value < 0x20:
        let hex = String(control.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
