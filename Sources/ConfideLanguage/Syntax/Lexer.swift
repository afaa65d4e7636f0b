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
    var text = text
    var lines: [SourceLine] = []
    var isEmpty = false
    // Read the UTF-8 in place (native strings store it contiguously) rather than copying it.
    text.withUTF8 { whole in
      let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
      let buffer = whole.starts(with: bom) ? UnsafeBufferPointer(rebasing: whole[3...]) : whole
      isEmpty = buffer.isEmpty
      // One line per newline, plus the last.
      lines.reserveCapacity(buffer.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 })
      var number = 0
      var start = 0
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
    if let last = lines.last, last.isBlank, text.hasSuffix("\n") || isEmpty {
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

  /// About how many tokens the bytes `start..<end` of a line hold, usually a few too many:
  /// words, strings and each punctuation character count one each, up to a comment.
  private static func tokenCountEstimate(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
    var count = 0
    var inWord = false
    var i = start
    while i < end {
      let c = s[i]
      if c <= UInt8(ascii: " ") {
        // Spaces and tabs (and stray control characters) end a word.
        inWord = false
      } else if c == UInt8(ascii: "\"") {
        count += 1
        inWord = false
        i += 1
        while i < end, s[i] != UInt8(ascii: "\"") { i += 1 }
      } else if c == UInt8(ascii: "#") {
        break
      } else if Self.isPunctuation(c) {
        count += 1
        inWord = false
      } else if !inWord {
        count += 1
        inWord = true
      }
      i += 1
    }
    return count
  }

  /// Whether `c` is a one-character symbol, or `!` or `.`, which start two-character ones.
  private static func isPunctuation(_ c: UInt8) -> Bool {
    // One bit per ASCII character, tested without branching on each candidate (the masks are
    // folded into constants when compiled with optimization).
    let below64 = mask("!()*+,-./:<=>")
    let from64 = mask("{}")
    return c < 64 ? (below64 >> UInt64(c)) & 1 == 1 : c < 128 && (from64 >> UInt64(c - 64)) & 1 == 1
  }

  /// A bit mask with bit `c % 64` set for each character `c` of `characters`.
  private static func mask(_ characters: StaticString) -> UInt64 {
    var mask: UInt64 = 0
    characters.withUTF8Buffer { for c in $0 { mask |= 1 << UInt64(c % 64) } }
    return mask
  }

  /// The symbol spelt by the two characters `a` `b` (`==` is read as `=`), if they spell one.
  private static func twoCharacterSymbol(_ a: UInt8, _ b: UInt8) -> String? {
    switch (a, b) {
    case (UInt8(ascii: "!"), UInt8(ascii: "=")): "!="
    case (UInt8(ascii: "<"), UInt8(ascii: "=")): "<="
    case (UInt8(ascii: ">"), UInt8(ascii: "=")): ">="
    case (UInt8(ascii: "."), UInt8(ascii: ".")): ".."
    case (UInt8(ascii: "="), UInt8(ascii: "=")): "="
    default: nil
    }
  }

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
    // Size the array once: letting it grow token by token costs more than the lexing itself.
    let estimate = Self.tokenCountEstimate(s, i, lineEnd)
    if estimate > 0 { tokens.reserveCapacity(estimate) }
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
        // Most strings have no escapes: find the closing quote and decode the bytes between.
        let contentStart = i
        while i < lineEnd, s[i] != UInt8(ascii: "\""), s[i] != UInt8(ascii: "\\") { i += 1 }
        let value: String
        var closed = false
        if i == lineEnd || s[i] == UInt8(ascii: "\"") {
          value = text(contentStart, i)
          if i < lineEnd {
            closed = true
            i += 1
          }
        } else {
          // An escape: decode byte by byte from here.
          var bytes = Array(UnsafeBufferPointer(rebasing: s[contentStart..<i]))
          while i < lineEnd {
            let d = s[i]
            if d == UInt8(ascii: "\\"), i + 1 < lineEnd {
              let e = s[i + 1]
              switch e {
              case UInt8(ascii: "n"): bytes.append(UInt8(ascii: "\n"))
              case UInt8(ascii: "t"): bytes.append(UInt8(ascii: "\t"))
              case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(e)
              default:
                // Report the escape; keep the character after the backslash (whole, if multi-byte).
                var next = i + 2
                while next < lineEnd, s[next] & 0xC0 == 0x80 { next += 1 }
                diagnostics.append(Catalogue.invalidEscape(range(i, next)))
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: s[(i + 1)..<next]))
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
            bytes.append(d)
          }
          value = String(decoding: bytes, as: UTF8.self)
        }
        let rawText = text(start, i)
        if !closed {
          diagnostics.append(Catalogue.unterminatedString(range(start, i)))
        }
        token = Token(
          kind: .string, text: value, raw: closed ? rawText : rawText + "\"",
          range: range(start, i), spaceBefore: spaceBefore)
      } else {
        if let symbol = i + 1 < lineEnd ? Self.twoCharacterSymbol(c, s[i + 1]) : nil {
          i += 2
          token = Token(kind: .symbol, text: symbol, raw: symbol, range: range(start, i), spaceBefore: spaceBefore)
        } else if Self.isPunctuation(c), c != UInt8(ascii: "!"), c != UInt8(ascii: ".") {
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
