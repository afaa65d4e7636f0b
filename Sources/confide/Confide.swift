import ArgumentParser
import Foundation

@main
struct Confide: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "confide",
    abstract: "Design, check and analyse surveys of patient trust.",
    discussion: """
      Exit status: 0 success (warnings allowed); 1 problems found (errors in a survey, a file \
      that is not formatted, breaking changes, rows quarantined on import); 2 a usage error (bad \
      options, unreadable file, a file that cannot be imported).
      """,
    version: ConfideVersion.string,
    subcommands: [
      Check.self, Fmt.self, New.self, Preview.self, Describe.self, Diff.self, Import.self, Status.self, Quarantine.self,
      Simulate.self,
      Withdraw.self, Report.self, Demo.self,
    ])

  /// Runs the command, mapping every error to a message and an exit status in one place.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as CLIError {
      if !error.message.isEmpty { Terminal.standardError("error: \(error.message)\n") }
      Foundation.exit(error.status)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        exit(withError: error)
      }
      if code == .failure || code.rawValue == 1 {
        // ExitCode(1) thrown by a command after it printed its findings.
        if error is ExitCode { Foundation.exit(1) }
      }
      // Argument errors: ArgumentParser's message and usage, with our lower-case "error:",
      // and status 2.
      var message = fullMessage(for: error)
      if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst(7) }
      if !message.isEmpty { Terminal.standardError(message + "\n") }
      Foundation.exit(error is ExitCode ? code.rawValue : 2)
    }
  }
}

/// The tool's version, shown by `confide --version` and recorded with imported batches.
enum ConfideVersion {
  static let string = "0.1.0"
}
