import ConfideDiagnostics
import Foundation
import Testing

/// Fixture files shipped with the tests, and golden-file comparison.
enum Fixtures {
  /// The folder of fixtures in the test bundle.
  static var root: URL {
    // The resources are copied as a folder named Fixtures.
    (Bundle.module.resourceURL ?? Bundle.module.bundleURL).appendingPathComponent("Fixtures")
  }

  /// The fixture folder in the source tree, where re-recorded golden files are written.
  static func sourceFolder(_ filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
  }

  /// The `.survey` files in a fixture subfolder, sorted by name.
  static func surveys(in folder: String) -> [String] { files(in: folder, suffix: ".survey") }

  /// The files in a fixture subfolder whose names end with `suffix`, sorted by name.
  static func files(in folder: String, suffix: String) -> [String] {
    let url = root.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.filter { $0.hasSuffix(suffix) }.sorted()
  }

  /// Whether a fixture file exists.
  static func exists(_ folder: String, _ name: String) -> Bool {
    FileManager.default.fileExists(atPath: root.appendingPathComponent(folder).appendingPathComponent(name).path)
  }

  static func read(_ folder: String, _ name: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(name), encoding: .utf8)
  }

  /// Whether golden files should be re-recorded (set `CONFIDE_RECORD=1`).
  static var recording: Bool { ProcessInfo.processInfo.environment["CONFIDE_RECORD"] == "1" }

  /// Compares `actual` with the golden file; when recording, rewrites it in the source tree and
  /// fails, so that a new baseline is never accepted silently.
  static func assertGolden(
    _ actual: String, folder: String, name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let expectedURL = root.appendingPathComponent(folder).appendingPathComponent(name)
    if recording {
      let target = sourceFolder().appendingPathComponent(folder).appendingPathComponent(name)
      try actual.write(to: target, atomically: true, encoding: .utf8)
      Issue.record(
        "re-recorded \(folder)/\(name); review the diff and run again without CONFIDE_RECORD",
        sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
      Issue.record(
        "no golden file \(folder)/\(name); run with CONFIDE_RECORD=1 to create it", sourceLocation: sourceLocation)
      return
    }
    #expect(actual == expected, "golden \(folder)/\(name) differs", sourceLocation: sourceLocation)
  }
}
