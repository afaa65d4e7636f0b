import ConfideDiagnostics
import ConfideLanguage
import Foundation
import Testing

/// Each plan in `Fixtures/analysis` triggers diagnostics whose full rendered text is kept in a
/// `.expected` file beside it; the plans in `Fixtures/analysis-valid` must check clean.
@Suite struct AnalysisDiagnosticGoldenTests {
  static let fixtures = Fixtures.files(in: "analysis", suffix: ".analysis")
  static let valid = Fixtures.files(in: "analysis-valid", suffix: ".analysis")

  @Test(arguments: fixtures)
  func diagnosticsMatchGolden(_ name: String) throws {
    let (text, compiled) = try PlanFixtures.compile("analysis", name)
    let rendered = DiagnosticRenderer(sources: [name: text]).render(compiled.diagnostics)
    try Fixtures.assertGolden(
      rendered, folder: "analysis", name: name.replacingOccurrences(of: ".analysis", with: ".expected"))
    #expect(!compiled.diagnostics.isEmpty, "a diagnostics fixture must trigger something")
  }

  /// Every id the plan language reports has a fixture named after it that triggers it.
  @Test func everyDiagnosticHasAFixture() throws {
    for id in DiagnosticID.analysisLanguage {
      let name = id.rawValue + ".analysis"
      guard Self.fixtures.contains(name) else {
        Issue.record("no fixture analysis/\(name)")
        continue
      }
      let ids = try PlanFixtures.compile("analysis", name).compiled.diagnostics.map(\.id)
      #expect(ids.contains(id), "analysis/\(name) does not trigger \(id)")
    }
  }

  /// Every id a fixture triggers is listed in `DiagnosticID.analysisLanguage`.
  @Test func everyReportedIDIsListed() throws {
    for name in Self.fixtures {
      for d in try PlanFixtures.compile("analysis", name).compiled.diagnostics {
        #expect(DiagnosticID.analysisLanguage.contains(d.id), "\(name): \(d.id) is not listed")
      }
    }
  }

  /// Every location is inside the file: a real line, and a column within that line (or just past it).
  @Test(arguments: fixtures)
  func locationsAreValid(_ name: String) throws {
    let (text, compiled) = try PlanFixtures.compile("analysis", name)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for d in compiled.diagnostics {
      #expect(d.location.file == name)
      #expect(d.location.line >= 1 && d.location.line <= max(1, lines.count), "\(d.location)")
      let length = d.location.line <= lines.count ? lines[d.location.line - 1].unicodeScalars.count : 0
      #expect(d.location.column >= 1 && d.location.column <= length + 1, "\(d.location) \(d.message)")
    }
  }

  @Test(arguments: valid)
  func validPlansCheckClean(_ name: String) throws {
    let (text, compiled) = try PlanFixtures.compile("analysis-valid", name)
    let rendered = DiagnosticRenderer(sources: [name: text]).render(compiled.diagnostics)
    #expect(compiled.diagnostics.isEmpty, "\(rendered)")
  }
}
