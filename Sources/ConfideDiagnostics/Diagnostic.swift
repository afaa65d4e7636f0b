/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
  case note
  case warning
  case error

  private var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A stable identifier for a kind of diagnostic, e.g. `unknown-question`.
///
/// Identifiers never change once published: editors and CI scripts match on them.
public struct DiagnosticID: RawRepresentable, Hashable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }
  public var description: String { rawValue }
}

/// A secondary message attached to a diagnostic, optionally pointing elsewhere in the source.
public struct Note: Sendable, Hashable {
  /// The note's text (lower-case, no final period).
  public var message: String
  /// Where the note points, if anywhere.
  public var range: SourceRange?

  public init(_ message: String, at range: SourceRange? = nil) {
    self.message = message
    self.range = range
  }
}

/// A suggested edit that would fix a diagnostic: replace `range` with `replacement`.
public struct FixIt: Sendable, Hashable {
  /// What the fix does, for people ("did you mean 'delayed_care'?").
  public var message: String
  /// The text to replace.
  public var range: SourceRange
  /// The replacement text.
  public var replacement: String

  public init(_ message: String, range: SourceRange, replacement: String) {
    self.message = message
    self.range = range
    self.replacement = replacement
  }
}

/// One finding about a source file: a value, never printed by the library itself.
public struct Diagnostic: Sendable, Hashable {
  /// The stable kind of the finding.
  public var id: DiagnosticID
  /// How serious it is.
  public var severity: Severity
  /// The message: lower-case, no final period, never containing a respondent's data.
  public var message: String
  /// The span the diagnostic is about.
  public var range: SourceRange
  /// Further explanation, possibly pointing to related places.
  public var notes: [Note]
  /// Suggested fixes.
  public var fixIts: [FixIt]

  public init(
    id: DiagnosticID, severity: Severity, message: String, range: SourceRange,
    notes: [Note] = [], fixIts: [FixIt] = []
  ) {
    self.id = id
    self.severity = severity
    self.message = message
    self.range = range
    self.notes = notes
    self.fixIts = fixIts
  }

  /// Where the diagnostic starts.
  public var location: SourceLocation { range.start }
}

extension Array where Element == Diagnostic {
  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// The diagnostics in source order (file, line, column), stable for equal positions.
  public func sortedBySource() -> [Diagnostic] {
    enumerated().sorted { a, b in
      a.element.location == b.element.location
        ? a.offset < b.offset : a.element.location < b.element.location
    }.map(\.element)
  }
}
