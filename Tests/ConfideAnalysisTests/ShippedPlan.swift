import ConfideAnalysis
import ConfideLanguage
import ConfideModel
import ConfideReports
import ConfideStatistics
import ConfideStore
import Foundation
import Testing

/// The repository's files and this target's fixtures, found from this file's path.
enum Repository {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func text(_ relative: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
  }
}

/// A scratch folder, owner-only, removed when the value goes away.
final class Scratch {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("confide-analysis-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
  deinit { try? FileManager.default.removeItem(at: url) }
}

/// The shipped plan, checked against the shipped survey and margins file.
struct ShippedPlan {
  let plan: AnalysisPlan
  let survey: Survey
  let canonicalSurvey: String
  let margins: MarginsTable

  static func load() throws -> ShippedPlan {
    let surveyText = try Repository.text("surveys/nhs-data-trust.survey")
    let survey = SurveyCompiler.compile(surveyText, file: "nhs-data-trust.survey")
    #expect(!survey.hasErrors)
    let margins = try MarginsTable.parse(try Repository.text("analysis/chilling-effect-margins.csv"))
    let compiled = AnalysisCompiler.compile(
      try Repository.text("analysis/chilling-effect.analysis"), file: "chilling-effect.analysis",
      survey: survey.survey, marginLevels: margins.cells.mapValues { $0.map(\.level) })
    #expect(compiled.diagnostics.isEmpty, "\(compiled.diagnostics)")
    return ShippedPlan(
      plan: compiled.plan, survey: survey.survey, canonicalSurvey: Formatter.format(survey.syntax), margins: margins)
  }

  /// Imports `csv` into a new store in `scratch` and runs the plan on it.
  func run(csv: String, in scratch: Scratch, plan: AnalysisPlan? = nil) throws -> (ReportDocument, ImportSummary) {
    let store = try ResponseStore(path: scratch.path("report.db"))
    let summary = try store.importFile(
      ImportRequest(
        path: csv, survey: survey, canonicalText: canonicalSurvey, format: .csv, mapping: nil, allowIdentifiers: false,
        toolVersion: "test"))
    let document = try PlanRunner.run(
      PlanRunner.Input(
        plan: plan ?? self.plan, survey: survey, surveyFile: "nhs-data-trust.survey", store: store, margins: margins,
        software: GeneratedBy(software: "Confide", version: "test")))
    return (document, summary)
  }
}

/// The shipped plan run once on the committed simulated sample, shared by the tests.
enum SampleReport {
  static let result: Result<(ReportDocument, ImportSummary, ShippedPlan), any Error> = Result {
    let scratch = try Scratch()
    let shipped = try ShippedPlan.load()
    let (document, summary) = try shipped.run(
      csv: Repository.fixtures.appendingPathComponent("chilling-sample.csv").path, in: scratch)
    return (document, summary, shipped)
  }

  static func get() throws -> (document: ReportDocument, summary: ImportSummary, shipped: ShippedPlan) {
    try result.get()
  }
}

extension ReportDocument {
  func table(_ id: String) throws -> ReportTable {
    try #require(tables.first { $0.id == id }, "no table \(id) in \(tables.map(\.id))")
  }
}

extension ReportTable {
  /// The cells of the row `label` under the heading row `heading` (nil: before any heading).
  func cells(_ label: String, under heading: String? = nil) throws -> [ReportCell] {
    var current: String?
    for row in rows {
      if row.level == 0, row.cells.allSatisfy({ $0 == .empty }) {
        current = row.label
        continue
      }
      if row.label == label, current == heading { return row.cells }
    }
    Issue.record("no row '\(label)' under '\(heading ?? "-")' in \(id)")
    throw CancellationError()
  }
}
