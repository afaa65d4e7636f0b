/// Why a file could not be imported at all (as opposed to a row that goes to quarantine).
///
/// The message names the file and, where there is one, the line and column; it never quotes
/// an answer or an identifier.
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file.
  public var file: String
  /// The line, from 1, or nil when the problem is the whole file.
  public var line: Int?
  /// The column (a field number for delimited text, a character for JSON), from 1, or nil.
  public var column: Int?
  /// What is wrong, lower-case, without a final period.
  public var message: String

  public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line:column: message`, as compilers write it.
  public var description: String {
    var location = file
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    return "\(location): \(message)"
  }
}
