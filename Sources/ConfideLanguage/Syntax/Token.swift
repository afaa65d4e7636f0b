public import ConfideDiagnostics

/// A lexical token of the survey and analysis languages.
public struct Token: Hashable, Sendable {
  /// What kind of token this is.
  public enum Kind: Hashable, Sendable {
    /// A name or keyword: letters, digits and `_`, not starting with a digit.
    case identifier
    /// A number, possibly negative (`-8`) or decimal (`2.5`).
    case number
    /// A double-quoted string; `text` holds the decoded value.
    case string
    /// Punctuation or an operator: `= != < <= > >= + - * / ( ) { } , .. :`.
    case symbol
  }

  public var kind: Kind
  /// The decoded text: the identifier, the number's digits, the string's content, the symbol.
  public var text: String
  /// The exact source text (for strings, with quotes and escapes).
  public var raw: String
  public var range: SourceRange
  /// Whether white space (or the start of the line) comes right before the token.
  public var spaceBefore: Bool

  public init(kind: Kind, text: String, raw: String, range: SourceRange, spaceBefore: Bool) {
    self.kind = kind
    self.text = text
    self.raw = raw
    self.range = range
    self.spaceBefore = spaceBefore
  }

  /// Whether this is the identifier `word`.
  public func isWord(_ word: String) -> Bool { kind == .identifier && text == word }
  /// Whether this is the symbol `symbol`.
  public func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
}
