/// A position in a source file: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The file path as given by the user.
  public var file: String
  /// The 1-based line number.
  public var line: Int
  /// The 1-based column number, in Unicode scalars.
  public var column: Int

  /// Creates a location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }

  /// `file:line:column`, the form compilers and editors understand.
  public var description: String { "\(file):\(line):\(column)" }
}

/// A half-open span of source text on one line or across lines.
public struct SourceRange: Hashable, Sendable {
  /// The first character of the span.
  public var start: SourceLocation
  /// One past the last character of the span.
  public var end: SourceLocation

  /// Creates a range; `end` defaults to one character after `start`.
  public init(start: SourceLocation, end: SourceLocation? = nil) {
    self.start = start
    self.end =
      end ?? SourceLocation(file: start.file, line: start.line, column: start.column + 1)
  }
}
