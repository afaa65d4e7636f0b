public import ConfideDiagnostics

/// Where a model element was written, carried for diagnostics but ignored by equality and hashing,
/// so that two surveys that differ only in layout compare equal.
public struct SourceSpan: Hashable, Sendable {
  /// The range in the source file, if the element came from one.
  public var range: SourceRange?

  public init(_ range: SourceRange? = nil) { self.range = range }

  public static func == (lhs: SourceSpan, rhs: SourceSpan) -> Bool { true }
  public func hash(into hasher: inout Hasher) {}
}
