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
    var lines: [SourceLine] = []
    var number = 0
    var body = Substring(text)
    if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
    for rawLine in body.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      var scalars = Array(rawLine.unicodeScalars)
      if scalars.last == "\r" { scalars.removeLast() }
      lines.append(lexLine(scalars, number: number))
    }
    if let last = lines.last, last.isBlank, text.hasSuffix("\n") || text.isEmpty {
      lines.removeLast()
    }
    return lines
  }

  private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
  }

  private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
    isIdentifierStart(c) || isDigit(c)
  }

  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

  private mutating func lexLine(_ s: [Unicode.Scalar], number: Int) -> SourceLine {
    var i = 0
    var indent = 0
    var reportedTab = false
    while i < s.count, s[i] == " " || s[i] == "\t" {
      if s[i] == "\t" {
        indent += 2
        if !reportedTab {
          reportedTab = true
          diagnostics.append(
            Catalogue.tabIndentation(range(number, i + 1, i + 2)))
        }
      } else {
        indent += 1
      }
      i += 1
    }
    var tokens: [Token] = []
    var comment: String?
    var spaceBefore = true
    while i < s.count {
      let c = s[i]
      let start = i
      if c == " " || c == "\t" {
        i += 1
        spaceBefore = true
        continue
      }
      if c == "#" {
        comment = String(String.UnicodeScalarView(s[(i + 1)...]))
        break
      }
      var token: Token?
      if Self.isIdentifierStart(c) {
        while i < s.count, Self.isIdentifierPart(s[i]) { i += 1 }
        let word = String(String.UnicodeScalarView(s[start..<i]))
        token = Token(
          kind: .identifier, text: word, raw: word, range: range(number, start + 1, i + 1),
          spaceBefore: spaceBefore)
      } else if Self.isDigit(c)
        || (c == "-" && i + 1 < s.count && Self.isDigit(s[i + 1])
          && (spaceBefore || tokens.last.map { $0.kind == .symbol && $0.text != ")" } ?? true))
      {
        if c == "-" { i += 1 }
        while i < s.count, Self.isDigit(s[i]) { i += 1 }
        if i + 1 < s.count, s[i] == ".", Self.isDigit(s[i + 1]) {
          i += 1
          while i < s.count, Self.isDigit(s[i]) { i += 1 }
        }
        let digits = String(String.UnicodeScalarView(s[start..<i]))
        if i < s.count, Self.isIdentifierStart(s[i]) {
          // `12abc`: a malformed name or number. Report once and skip the word.
          while i < s.count, Self.isIdentifierPart(s[i]) { i += 1 }
          diagnostics.append(Catalogue.invalidNumber(range(number, start + 1, i + 1)))
          spaceBefore = false
          continue
        }
        token = Token(
          kind: .number, text: digits, raw: digits, range: range(number, start + 1, i + 1),
          spaceBefore: spaceBefore)
      } else if c == "\"" {
        i += 1
        var value = String.UnicodeScalarView()
        var closed = false
        while i < s.count {
          let d = s[i]
          if d == "\\", i + 1 < s.count {
            let e = s[i + 1]
            switch e {
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "\"", "\\": value.append(e)
            default:
              diagnostics.append(Catalogue.invalidEscape(range(number, i + 1, i + 3)))
              value.append(e)
            }
            i += 2
            continue
          }
          i += 1
          if d == "\"" {
            closed = true
            break
          }
          value.append(d)
        }
        let rawText = String(String.UnicodeScalarView(s[start..<i]))
        if !closed {
          diagnostics.append(Catalogue.unterminatedString(range(number, start + 1, i + 1)))
        }
        token = Token(
          kind: .string, text: String(value), raw: closed ? rawText : rawText + "\"",
          range: range(number, start + 1, i + 1), spaceBefore: spaceBefore)
      } else {
        let two = i + 1 < s.count ? String(String.UnicodeScalarView([c, s[i + 1]])) : ""
        if ["!=", "<=", ">=", "..", "=="].contains(two) {
          i += 2
          let text = two == "==" ? "=" : two
          token = Token(
            kind: .symbol, text: text, raw: text, range: range(number, start + 1, i + 1),
            spaceBefore: spaceBefore)
        } else if "=<>+-*/(){},:".unicodeScalars.contains(c) {
          i += 1
          token = Token(
            kind: .symbol, text: String(c), raw: String(c), range: range(number, start + 1, i + 1),
            spaceBefore: spaceBefore)
        } else {
          i += 1
          diagnostics.append(
            Catalogue.unexpectedCharacter(String(c), range(number, start + 1, i + 1)))
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
