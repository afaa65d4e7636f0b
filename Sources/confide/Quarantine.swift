import ArgumentParser
import ConfideStore
import Foundation

struct Quarantine: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the rows held in quarantine, with every reason each failed.",
    discussion: """
      To fix rows, correct them in the original file and import it again: respondents already \
      stored count as duplicates, and a corrected row is stored and marks its quarantined row \
      resolved (listed with --all). The CSV form has the columns batch, source, row, line and \
      reasons, then the row's own columns (never the respondent id, which the store does not \
      hold). The JSON form has the schema confide.quarantine/1.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, json }

  @Option(help: "The response store.")
  var db: String = "confide.db"

  @Option(help: "Only this batch (see 'confide status').")
  var batch: Int64?

  @Option(help: "Output format: text, csv or json.")
  var format: Format = .text

  @Flag(help: "Include rows resolved by a later import of corrected answers.")
  var all = false

  func run() throws {
    guard FileManager.default.fileExists(atPath: db) else {
      throw CLIError.usage("there is no response store at '\(db)'; 'confide import' creates one")
    }
    do {
      let store = try ResponseStore(path: db)
      if let batch, try !store.hasBatch(batch) {
        throw CLIError.usage("there is no batch \(batch) in '\(db)'; 'confide status' lists them")
      }
      let rows = try store.quarantined(batch: batch, includeResolved: all)
      switch format {
      case .text: Terminal.standardOutput(rows.text())
      case .csv: Terminal.standardOutput(rows.csv())
      case .json: Terminal.standardOutput(rows.json())
      }
    } catch let error as StoreError {
      throw CLIError(message: error.description, status: 2)
    }
  }
}

struct Withdraw: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Erase one respondent's answers from a response store.",
    discussion: """
      The respondent is found by the identifier they were imported with (through its keyed \
      pseudonym; the store never holds the identifier). Their responses and quarantined rows \
      are erased, the erasure is recorded in the audit table without the identifier, and the \
      deleted content is overwritten so that no trace remains in the file.
      """)

  @Argument(help: "The respondent's identifier, as in the imported file.")
  var respondent: String

  @Option(help: "The response store.")
  var db: String = "confide.db"

  func run() throws {
    guard FileManager.default.fileExists(atPath: db) else {
      throw CLIError.usage("there is no response store at '\(db)'")
    }
    do {
      let erased = try ResponseStore(path: db).withdraw(identifier: respondent)
      if erased.responses + erased.quarantined == 0 {
        Terminal.standardError("error: no respondent with that identifier is stored in '\(db)'\n")
        throw CLIError.findings
      }
      Terminal.standardOutput(
        "Erased \(erased.responses) response\(erased.responses == 1 ? "" : "s") and \(erased.quarantined) "
          + "quarantined row\(erased.quarantined == 1 ? "" : "s"); the erasure is recorded in the audit table.\n")
    } catch let error as StoreError {
      throw CLIError(message: error.description, status: 2)
    }
  }
}
