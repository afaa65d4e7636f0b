import ConfideDiagnostics

/// Reads a line's arguments one by one, reporting what is missing or left over.
struct Arguments {
  /// The whole line, shared with its node rather than copied; the arguments start at index 1.
  private let tokens: [Token]
  private var index = 1
  /// The keyword the arguments follow, for messages ("expected a name after 'question'").
  let keyword: Token
  private let lineEnd: SourceLocation
  private(set) var diagnostics: [Diagnostic] = []

  init(_ node: SyntaxNode) {
    // A node always has at least one token: blank lines never become nodes.
    keyword = node.tokens[0]
    tokens = node.tokens
    lineEnd = node.range.end
  }

  var isAtEnd: Bool { index >= tokens.count }
  var peek: Token? { index < tokens.count ? tokens[index] : nil }
  var rest: ArraySlice<Token> { tokens[index...] }
  var endLocation: SourceLocation { lineEnd }

  mutating func advance(by n: Int = 1) { index = min(tokens.count, index + n) }

  private mutating func missing(_ what: String) {
    diagnostics.append(
      Catalogue.missingArgument(what, after: keyword.text, SourceRange(start: lineEnd)))
  }

  /// Takes an identifier, or reports that `what` is missing.
  mutating func name(_ what: String) -> Token? {
    guard let t = peek else {
      missing(what)
      return nil
    }
    guard t.kind == .identifier else {
      diagnostics.append(Catalogue.unexpectedToken(t, expected: what))
      index += 1
      return nil
    }
    index += 1
    return t
  }

  /// Takes an identifier if there is one.
  mutating func optionalName() -> Token? {
    guard let t = peek, t.kind == .identifier else { return nil }
    index += 1
    return t
  }

  /// Takes the identifier `word` if it comes next.
  mutating func accept(_ word: String) -> Token? {
    guard let t = peek, t.isWord(word) else { return nil }
    index += 1
    return t
  }

  /// Takes a string, or reports that `what` is missing.
  mutating func string(_ what: String) -> Token? {
    guard let t = peek else {
      missing(what)
      return nil
    }
    guard t.kind == .string else {
      diagnostics.append(Catalogue.unexpectedToken(t, expected: what))
      index += 1
      return nil
    }
    index += 1
    return t
  }

  /// Takes a string if there is one.
  mutating func optionalString() -> Token? {
    guard let t = peek, t.kind == .string else { return nil }
    index += 1
    return t
  }

  /// Takes a whole number, or reports that `what` is missing.
  mutating func integer(_ what: String) -> (Int, Token)? {
    guard let t = peek else {
      missing(what)
      return nil
    }
    guard t.kind == .number, let value = Int(t.text) else {
      diagnostics.append(Catalogue.unexpectedToken(t, expected: what))
      index += 1
      return nil
    }
    index += 1
    return (value, t)
  }

  /// Takes a number, or reports that `what` is missing.
  mutating func number(_ what: String) -> (Double, Token)? {
    guard let t = peek else {
      missing(what)
      return nil
    }
    guard t.kind == .number, let value = Double(t.text) else {
      diagnostics.append(Catalogue.unexpectedToken(t, expected: what))
      index += 1
      return nil
    }
    index += 1
    return (value, t)
  }

  /// Takes the rest of the line as a list of names, separated by spaces or commas.
  mutating func names(_ what: String) -> [Token] {
    var out: [Token] = []
    while let t = peek {
      if t.isSymbol(",") {
        index += 1
        continue
      }
      guard let n = name(what) else { continue }
      out.append(n)
    }
    if out.isEmpty, diagnostics.isEmpty { missing(what) }
    return out
  }

  /// Reports any tokens left on the line.
  mutating func finish() {
    if let t = peek {
      let last = tokens[tokens.count - 1]
      diagnostics.append(
        Catalogue.extraArguments(
          after: keyword.text, SourceRange(start: t.range.start, end: last.range.end)))
      index = tokens.count
    }
  }
}
