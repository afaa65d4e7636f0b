/// An error the CLI reports with a message and an exit status.
struct CLIError: Error {
  var message: String
  var status: Int32

  /// A usage problem: bad option values, unreadable input (exit status 2).
  static func usage(_ message: String) -> CLIError { CLIError(message: message, status: 2) }

  /// Problems were found and already reported (exit status 1).
  static let findings = CLIError(message: "", status: 1)
}
