import ConfideAnalysis
import ConfideReports
import Foundation
import Testing

/// The shipped plan's report on the committed sample, as text, Markdown and JSON, compared with
/// golden files. `CONFIDE_RECORD=1` rewrites them (and fails, so a recording never passes).
@Suite struct GoldenReportTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  /// The import date is the only thing that changes from run to run.
  static func stable(_ text: String) -> String {
    text.replacingOccurrences(
      of: #"imported \d{4}-\d{2}-\d{2}"#, with: "imported YYYY-MM-DD", options: .regularExpression)
  }

  func check(_ rendered: String, _ name: String) throws {
    let file = Self.golden.appendingPathComponent(name)
    let text = Self.stable(rendered)
    if ProcessInfo.processInfo.environment["CONFIDE_RECORD"] == "1" {
      try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
      try text.write(to: file, atomically: true, encoding: .utf8)
      Issue.record("recorded \(name); run again without CONFIDE_RECORD")
      return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(text == expected, "\(name) differs from its golden file; CONFIDE_RECORD=1 rewrites it after review")
  }

  @Test func text() throws { try check(TextRenderer().render(try SampleReport.get().document), "chilling-report.txt") }
  @Test func markdown() throws {
    try check(MarkdownRenderer().render(try SampleReport.get().document), "chilling-report.md")
  }
  @Test func json() throws { try check(JSONRenderer().render(try SampleReport.get().document), "chilling-report.json") }
}
