import ConfideDiagnostics

/// One physical line of source, split into tokens.
struct SourceLine {
  var number: Int
  /// Leading white space width (a tab counts as two columns, and is reported).
  var indent: Int
  var tokens: [Token]
  /// A `#` comment on the line, without the `#`, if any.
  var comment: String?
  var isBlank: Bool { tokens.isEmpty && comment == nil }
}

/// Splits source text into lines of tokens. Never throws: problems become diagnostics and the
/// offending characters are skipped, so parsing can go on.
struct Lexer {
  let file: String
  var diagnostics: [Diagnostic] = []

  init(file: String) { self.file = file }

  private func location(_ line: Int, _ column: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }

  private func range(_ line: Int, _ start: Int, _ end: Int) -> SourceRange {
    SourceRange(start: location(line, start), end: location(line, end))
  }

  mutating func lex(_ text: String) -> [SourceLine] {
    var bytes = Array(text.utf8)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    var lines: [SourceLine] = []
    var number = 0
    var start = 0
    bytes.withUnsafeBufferPointer { buffer in
      while start <= buffer.count {
        var end = start
        while end < buffer.count, buffer[end] != UInt8(ascii: "\n") { end += 1 }
        number += 1
        var lineEnd = end
        if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        lines.append(lexLine(buffer, start, lineEnd, number: number))
        start = end + 1
      }
    }
    if let last = lines.last, last.isBlank, text.hasSuffix("\n") || bytes.isEmpty {
      lines.removeLast()
    }
    return lines
  }

  private static func isIdentifierStart(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
      || c == UInt8(ascii: "_")
  }

  private static func isIdentifierPart(_ c: UInt8) -> Bool { isIdentifierStart(c) || isDigit(c) }

  private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

  /// Columns count Unicode scalars: every byte that does not continue a UTF-8 sequence.
  private struct Columns {
    let buffer: UnsafeBufferPointer<UInt8>
    var index: Int
    var column = 1

    /// The column of byte `i`; calls must not go backwards.
    mutating func at(_ i: Int) -> Int {
      while index < i {
        if buffer[index] & 0xC0 != 0x80 { column += 1 }
        index += 1
      }
      return column
    }
  }

  private mutating func lexLine(
    _ s: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ lineEnd: Int, number: Int
  ) -> SourceLine {
    var columns = Columns(buffer: s, index: lineStart)
    func text(_ a: Int, _ b: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: s[a..<b]), as: UTF8.self) }
    func range(_ a: Int, _ b: Int) -> SourceRange {
      let start = columns.at(a)
      let end = columns.at(b)
      return SourceRange(
        start: SourceLocation(file: file, line: number, column: start),
        end: SourceLocation(file: file, line: number, column: end))
    }
    var i = lineStart
    var indent = 0
    var reportedTab = false
    while i < lineEnd, s[i] == UInt8(ascii: " ") || s[i] == UInt8(ascii: "\t") {
      if s[i] == UInt8(ascii: "\t") {
        indent += 2
        if !reportedTab {
          reportedTab = true
          diagnostics.append(Catalogue.tabIndentation(range(i, i + 1)))
        }
      } else {
        indent += 1
      }
      i += 1
    }
    var tokens: [Token] = []
    var comment: String?
    var spaceBefore = true
    while i < lineEnd {
      let c = s[i]
      let start = i
      if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") {
        i += 1
        spaceBefore = true
        continue
      }
      if c == UInt8(ascii: "#") {
        comment = text(i + 1, lineEnd)
        break
      }
      var token: Token?
      if Self.isIdentifierStart(c) {
        while i < lineEnd, Self.isIdentifierPart(s[i]) { i += 1 }
        let word = text(start, i)
        token = Token(kind: .identifier, text: word, raw: word, range: range(start, i), spaceBefore: spaceBefore)
      } else if Self.isDigit(c)
        || (c == UInt8(ascii: "-") && i + 1 < lineEnd && Self.isDigit(s[i + 1])
          && (spaceBefore || tokens.last.map { $0.kind == .symbol && $0.text != ")" } ?? true))
      {
        if c == UInt8(ascii: "-") { i += 1 }
        while i < lineEnd, Self.isDigit(s[i]) { i += 1 }
        if i + 1 < lineEnd, s[i] == UInt8(ascii: "."), Self.isDigit(s[i + 1]) {
          i += 1
          while i < lineEnd, Self.isDigit(s[i]) { i += 1 }
        }
        if i < lineEnd, Self.isIdentifierStart(s[i]) {
          // `2visits`: a malformed name. Report it once and read it as a name, so the rest of
          // the line parses as intended.
          while i < lineEnd, Self.isIdentifierPart(s[i]) { i += 1 }
          diagnostics.append(Catalogue.invalidNumber(range(start, i)))
          let word = text(start, i)
          tokens.append(
            Token(kind: .identifier, text: word, raw: word, range: range(start, i), spaceBefore: spaceBefore))
          spaceBefore = false
          continue
        }
        let digits = text(start, i)
        token = Token(kind: .number, text: digits, raw: digits, range: range(start, i), spaceBefore: spaceBefore)
      } else if c == UInt8(ascii: "\"") {
        i += 1
        var value: [UInt8] = []
        var closed = false
        while i < lineEnd {
          let d = s[i]
          if d == UInt8(ascii: "\\"), i + 1 < lineEnd {
            let e = s[i + 1]
            switch e {
            case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): value.append(e)
            default:
              // Report the escape; keep the character after the backslash (whole, if multi-byte).
              var next = i + 2
              while next < lineEnd, s[next] & 0xC0 == 0x80 { next += 1 }
              diagnostics.append(Catalogue.invalidEscape(range(i, next)))
              value.append(contentsOf: UnsafeBufferPointer(rebasing: s[(i + 1)..<next]))
              i = next
              continue
            }
            i += 2
            continue
          }
          i += 1
          if d == UInt8(ascii: "\"") {
            closed = true
            break
          }
          value.append(d)
        }
        let rawText = text(start, i)
        if !closed {
          diagnostics.append(Catalogue.unterminatedString(range(start, i)))
        }
        token = Token(
          kind: .string, text: String(decoding: value, as: UTF8.self), raw: closed ? rawText : rawText + "\"",
          range: range(start, i), spaceBefore: spaceBefore)
      } else {
        let two: String =
          i + 1 < lineEnd && s[i] < 0x80 && s[i + 1] < 0x80 ? text(i, i + 2) : ""
        if ["!=", "<=", ">=", "..", "=="].contains(two) {
          i += 2
          let symbol = two == "==" ? "=" : two
          token = Token(kind: .symbol, text: symbol, raw: symbol, range: range(start, i), spaceBefore: spaceBefore)
        } else if c < 0x80, "=<>+-*/(){},:".utf8.contains(c) {
          i += 1
          let symbol = text(start, i)
          token = Token(kind: .symbol, text: symbol, raw: symbol, range: range(start, i), spaceBefore: spaceBefore)
        } else {
          // One unexpected character, however many bytes it takes.
          i += 1
          while i < lineEnd, s[i] & 0xC0 == 0x80 { i += 1 }
          diagnostics.append(Catalogue.unexpectedCharacter(text(start, i), range(start, i)))
          spaceBefore = false
          continue
        }
      }
      if let token { tokens.append(token) }
      spaceBefore = false
    }
    return SourceLine(number: number, indent: indent, tokens: tokens, comment: comment)
  }
}
