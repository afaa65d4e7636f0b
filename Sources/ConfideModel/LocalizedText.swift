/// A respondent-facing text in each of the survey's languages.
///
/// The first language of the survey is the primary one; translations may be missing (the checker
/// reports them) and fall back to the primary text when shown.
public struct LocalizedText: Hashable, Sendable {
  /// The texts keyed by language code (`en`, `cy`, …).
  public var values: [String: String]
  /// Where each language's text was written.
  public var spans: [String: SourceSpan]

  public init(_ values: [String: String] = [:], spans: [String: SourceSpan] = [:]) {
    self.values = values
    self.spans = spans
  }

  /// The text in `language`, falling back to `fallback` when it has no translation.
  public func text(in language: String, fallback: String) -> String {
    values[language] ?? values[fallback] ?? ""
  }

  /// Whether no language has a text.
  public var isEmpty: Bool { values.isEmpty }
}
