import ConfideDiagnostics
import ConfideLanguage
import ConfideModel
import Foundation
import Testing

/// Fixture files shipped with the tests, the repository's shipped surveys, and golden-file
/// comparison (the same rules as the language tests: re-record only with `CONFIDE_RECORD=1`,
/// which fails the run so that a new baseline is always reviewed).
enum Fixtures {
  /// The folder of fixtures in the test bundle.
  static var root: URL {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
  }

  /// The fixture folder in the source tree, where re-recorded golden files are written.
  static func sourceFolder(_ filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
  }

  /// The repository root, found from this file's path (for the shipped surveys).
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func read(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  /// The subfolders of a fixture folder, sorted by name.
  static func folders(in folder: String) -> [String] {
    let url = root.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.filter { name in
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
        && isDirectory.boolValue
    }.sorted()
  }

  /// The text of a shipped survey in `surveys/`.
  static func shippedSurvey(_ name: String) throws -> String {
    try String(
      contentsOf: repository.appendingPathComponent("surveys").appendingPathComponent(name), encoding: .utf8)
  }

  /// Compiles `text`, recording every diagnostic as a test failure, and returns the survey.
  static func compile(
    _ text: String, file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws -> Survey {
    let compiled = SurveyCompiler.compile(text, file: file)
    let errors = compiled.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(file): \(errors.map(\.message))", sourceLocation: sourceLocation)
    try #require(!compiled.hasErrors, sourceLocation: sourceLocation)
    return compiled.survey
  }

  /// A shipped survey, compiled.
  static func shipped(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Survey {
    try compile(shippedSurvey(name), file: name, sourceLocation: sourceLocation)
  }

  /// A fixture survey, compiled.
  static func fixture(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Survey {
    try compile(read(path), file: path, sourceLocation: sourceLocation)
  }

  /// Whether golden files should be re-recorded (set `CONFIDE_RECORD=1`).
  static var recording: Bool { ProcessInfo.processInfo.environment["CONFIDE_RECORD"] == "1" }

  /// Compares `actual` with `golden/<name>`; when recording, rewrites it in the source tree and
  /// fails, so that a new baseline is never accepted silently.
  static func assertGolden(
    _ actual: String, name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let expectedURL = root.appendingPathComponent("golden").appendingPathComponent(name)
    if recording {
      let folder = sourceFolder().appendingPathComponent("golden")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try actual.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
      Issue.record(
        "re-recorded golden/\(name); review the diff and run again without CONFIDE_RECORD",
        sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
      Issue.record(
        "no golden file golden/\(name); run with CONFIDE_RECORD=1 to create it", sourceLocation: sourceLocation)
      return
    }
    if actual != expected {
      Issue.record(
        "golden/\(name) differs; first difference: \(firstDifference(actual, expected))",
        sourceLocation: sourceLocation)
    }
  }

  /// The first line that differs, to make a failing golden readable.
  static func firstDifference(_ actual: String, _ expected: String) -> String {
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, e.count) {
      let x = i < a.count ? String(a[i]) : "<end of output>"
      let y = i < e.count ? String(e[i]) : "<end of file>"
      if x != y { return "line \(i + 1): got \"\(x)\", expected \"\(y)\"" }
    }
    return "none"
  }
}
