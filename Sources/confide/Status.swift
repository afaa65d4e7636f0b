import ArgumentParser
import ConfideStore
import Foundation

struct Status: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the surveys, versions and import batches in a response store, with counts.",
    discussion: "The JSON form (schema confide.status/1) is documented in docs/status-json.md and stable.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @Option(help: "The response store (created by 'confide import').")
  var db: String = "confide.db"

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  func run() throws {
    guard FileManager.default.fileExists(atPath: db) else {
      throw CLIError.usage("there is no response store at '\(db)'; 'confide import' creates one")
    }
    do {
      let status = try ResponseStore(path: db).status()
      Terminal.standardOutput(format == .json ? status.json() : status.text())
    } catch {
      throw CLIError(message: error.description, status: 1)
    }
  }
}
