import ArgumentParser
import ConfideLanguage
import ConfideModel
import ConfideStore
import Foundation

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import survey responses from a file into a response store, checking every row.",
    discussion: """
      Rows that fail a check go to quarantine with every reason ('confide quarantine' lists \
      them); nothing is dropped. Respondent ids are stored only as keyed pseudonyms; identifiers \
      in free text are redacted. Re-importing a file does nothing; an overlapping file adds only \
      new respondents. The import is one transaction: interrupted, it leaves the store as it was.

      Formats: csv (columns named by question id, 'respondent_id', one column per experiment; \
      multiple choice as codes separated by spaces or semicolons, or 0/1 columns 'id___code'), \
      jsonl, redcap (raw export), qualtrics (CSV export, numeric values), odk (ODK Central or \
      KoboToolbox CSV), limesurvey (CSV, question codes), surveyjs (results JSON). 'auto' sniffs \
      the format and says which it chose.

      A mapping file (CSV with columns from,to,from_code,to_code) renames foreign columns and \
      recodes values.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case auto, csv, jsonl, redcap, qualtrics, odk, limesurvey, surveyjs
  }

  enum Output: String, ExpressibleByArgument, CaseIterable { case text, json }

  @Argument(help: "The file to import.")
  var file: String

  @Option(help: "The survey the responses answer (.survey file).")
  var survey: String

  @Option(help: "The response store (created if missing).")
  var db: String = "confide.db"

  @Option(help: "The file's format.")
  var format: Format = .auto

  @Option(help: "The delimiter of delimited text: a single character, or 'tab'.")
  var delimiter: String?

  @Option(help: "A mapping file (CSV: from,to,from_code,to_code).")
  var mapping: String?

  @Flag(help: "Store answers to questions marked 'role identifier' (refused otherwise).")
  var allowIdentifiers = false

  @Option(help: "Summary format: text or json.")
  var summary: Output = .text

  @Flag(help: "Never show a progress bar.")
  var quiet = false

  func validate() throws {
    if let delimiter, delimiter != "tab", delimiter.utf8.count != 1 {
      throw ValidationError("--delimiter must be one character (or 'tab')")
    }
  }

  func run() throws {
    let parsed = try SurveyInput.load(survey)
    let text = try SurveyInput.read(survey)
    let canonical = Formatter.format(SurveyCompiler.compile(text, file: survey).syntax)
    let request = ImportRequest(
      path: file, survey: parsed, canonicalText: canonical,
      format: format == .auto ? nil : ImportFormat(rawValue: format.rawValue),
      delimiter: delimiter.map { $0 == "tab" ? 9 : $0.utf8.first ?? UInt8(ascii: ",") },
      mapping: try mapping.map { path throws(CLIError) in
        do { return try ImportMapping.load(path: path) } catch {
          throw CLIError(message: String(describing: error), status: 2)
        }
      },
      allowIdentifiers: allowIdentifiers, toolVersion: ConfideVersion.string)
    let store: ResponseStore
    do { store = try ResponseStore(path: db) } catch { throw CLIError(message: String(describing: error), status: 2) }
    let bar = !quiet && isatty(2) == 1 ? ProgressBar() : nil
    let result: ImportSummary
    do {
      result = try store.importFile(request) { bar?.show($0) }
    } catch {
      bar?.clear()
      throw CLIError(message: String(describing: error), status: 2)
    }
    bar?.clear()
    Terminal.standardOutput(summary == .json ? result.json() : result.text())
    if result.quarantined > 0 { throw CLIError.findings }
  }
}

/// A one-line progress bar on standard error: rows, rows per second and time left.
final class ProgressBar {
  private var shown = false

  func show(_ p: ImportProgress) {
    guard p.seconds >= 0.5 else { return }
    let fraction = p.totalBytes > 0 ? min(1, Double(p.bytesRead) / Double(p.totalBytes)) : 0
    let rate = Double(p.rows) / max(p.seconds, 0.001)
    let left = fraction > 0 ? p.seconds * (1 - fraction) / fraction : 0
    let width = 30
    let filled = Int(fraction * Double(width))
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let line =
      "\r[\(bar)] \(Int(fraction * 100))%  \(p.rows) rows  \(Int(rate)) rows/s  ETA \(Self.clock(left))  "
    Terminal.standardError(line)
    shown = true
  }

  func clear() {
    if shown { Terminal.standardError("\r" + String(repeating: " ", count: 79) + "\r") }
  }

  static func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 3600
      ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" : "\(s / 60):\(String(format: "%02d", s % 60))"
  }
}
