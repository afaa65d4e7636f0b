import ConfideDiagnostics
import ConfideLanguage
import Foundation
import Testing

/// Each file in `Fixtures/diagnostics` triggers diagnostics whose full rendered text (position,
/// message, source excerpt, caret, notes, fix-its) is kept in a `.expected` file beside it.
@Suite struct DiagnosticGoldenTests {
  static let fixtures = Fixtures.surveys(in: "diagnostics")

  @Test(arguments: fixtures)
  func diagnosticsMatchGolden(_ name: String) throws {
    let text = try Fixtures.read("diagnostics", name)
    let compiled = SurveyCompiler.compile(text, file: name)
    let rendered = DiagnosticRenderer(sources: [name: text]).render(compiled.diagnostics)
    try Fixtures.assertGolden(
      rendered, folder: "diagnostics", name: name.replacingOccurrences(of: ".survey", with: ".expected"))
    #expect(!compiled.diagnostics.isEmpty, "a diagnostics fixture must trigger something")
  }

  @Test func everyDiagnosticHasAFixture() throws {
    var seen: Set<DiagnosticID> = []
    for name in Self.fixtures {
      let text = try Fixtures.read("diagnostics", name)
      seen.formUnion(SurveyCompiler.compile(text, file: name).diagnostics.map(\.id))
    }
    let missing = DiagnosticID.surveyLanguage.filter { !seen.contains($0) }
    #expect(missing.isEmpty, "no fixture triggers: \(missing.map(\.rawValue).joined(separator: ", "))")
  }

  /// Every location is inside the file: a real line, and a column within that line (or just past it).
  @Test(arguments: fixtures)
  func locationsAreValid(_ name: String) throws {
    let text = try Fixtures.read("diagnostics", name)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for d in SurveyCompiler.compile(text, file: name).diagnostics {
      #expect(d.location.line >= 1 && d.location.line <= max(1, lines.count), "\(d.location)")
      let length = d.location.line <= lines.count ? lines[d.location.line - 1].unicodeScalars.count : 0
      #expect(d.location.column >= 1 && d.location.column <= length + 1, "\(d.location) \(d.message)")
    }
  }
}

/// Files in `Fixtures/valid` must check with no errors and no warnings: each is the
/// "must not fire" counterpart of a diagnostic.
@Suite struct CleanFixtureTests {
  @Test(arguments: Fixtures.surveys(in: "valid"))
  func checksClean(_ name: String) throws {
    let text = try Fixtures.read("valid", name)
    let compiled = SurveyCompiler.compile(text, file: name)
    let rendered = DiagnosticRenderer(sources: [name: text]).render(compiled.diagnostics)
    #expect(compiled.diagnostics.isEmpty, "\(rendered)")
  }
}
