import ArgumentParser
import ConfideAnalysis
import ConfideReports
import ConfideStore
import Foundation

struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run an analysis plan on a response store and write the report.",
    discussion: """
      The plan (.analysis) names its survey and margins file; both are read relative to the plan. \
      Every table and chart obeys the plan's disclosure rule, and the report ends with a methods \
      section generated from the plan. Formats: text (for a terminal, 100 columns), markdown, csv \
      (one tidy file per table and chart, written into the folder given by -o), json \
      (confide.report/1, documented in docs/report-json.md), html (one self-contained file with \
      charts) and latex (booktabs).

      Exit status: 0 report written; 1 the plan has errors; 2 usage errors, an unreadable store, \
      or a report that cannot be computed.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, csv, json, html, latex }

  @Argument(help: "The analysis plan (.analysis file).")
  var plan: String

  @Option(help: "The response store.")
  var db: String = "confide.db"

  @Option(help: "Output format: text, markdown, csv, json, html or latex.")
  var format: Format = .text

  @Option(name: .shortAndLong, help: "Write to this file (for csv, this folder) instead of standard output.")
  var output: String?

  func validate() throws {
    if format == .csv, output == nil {
      throw ValidationError("csv writes one file per table: give a folder with -o")
    }
  }

  func run() throws {
    AllocatorTuning.keepFreedMemory()
    let loaded = try PlanInput.load(plan)
    guard FileManager.default.fileExists(atPath: db) else { throw CLIError.usage("no response store at '\(db)'") }
    let store: ResponseStore
    do { store = try ResponseStore(path: db) } catch { throw CLIError.usage(String(describing: error)) }
    let document = try Self.document(loaded, store: store)
    try Self.write(document, format: format, to: output)
  }

  /// Runs a loaded plan on a store.
  static func document(_ loaded: LoadedPlan, store: ResponseStore) throws(CLIError) -> ReportDocument {
    do {
      return try PlanRunner.run(
        PlanRunner.Input(
          plan: loaded.plan, survey: loaded.survey, surveyFile: (loaded.surveyPath as NSString).lastPathComponent,
          store: store, margins: loaded.margins,
          software: GeneratedBy(software: "Confide", version: ConfideVersion.string)))
    } catch {
      throw .usage(error.description)
    }
  }

  /// Renders a document in `format` to `path` (a folder for csv) or standard output.
  static func write(_ document: ReportDocument, format: Format, to path: String?) throws(CLIError) {
    switch format {
    case .text: try SurveyInput.write(TextRenderer().render(document), to: path)
    case .markdown: try SurveyInput.write(MarkdownRenderer().render(document), to: path)
    case .json: try SurveyInput.write(JSONRenderer().render(document), to: path)
    case .html: try SurveyInput.write(HTMLRenderer().render(document), to: path)
    case .latex: try SurveyInput.write(LaTeXRenderer().render(document), to: path)
    case .csv:
      guard let path else { throw .usage("csv writes one file per table: give a folder with -o") }
      do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      } catch {
        throw .usage("cannot create the folder '\(path)': \(error.localizedDescription)")
      }
      for (name, text) in CSVRenderer().render(document).sorted(by: { $0.key < $1.key }) {
        try SurveyInput.write(text, to: (path as NSString).appendingPathComponent(name))
      }
    }
  }
}
