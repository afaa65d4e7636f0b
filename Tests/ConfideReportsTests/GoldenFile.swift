import Foundation
import Testing

/// Compares `actual` with the golden file `Golden/<name>` beside this source file.
///
/// With `CONFIDE_RECORD=1` in the environment, or when the golden file does not exist yet, the file is
/// (re)written and the test FAILS, as swift-argument-parser's snapshot tests do: a new baseline is never
/// accepted silently, it has to be reviewed in the diff and the tests run again without the variable.
func assertMatchesGolden(
  _ actual: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  let url = directory.appendingPathComponent(name)
  let record = ProcessInfo.processInfo.environment["CONFIDE_RECORD"] == "1"
  let exists = FileManager.default.fileExists(atPath: url.path)
  if record || !exists {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data(actual.utf8).write(to: url)
    Issue.record(
      Comment(
        rawValue: "\(exists ? "re-recorded" : "recorded new") golden file Golden/\(name); review the diff, then "
          + "run the tests again without CONFIDE_RECORD"),
      sourceLocation: sourceLocation)
    return
  }
  let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
  if actual != expected {
    Issue.record(
      Comment(
        rawValue: "output differs from Golden/\(name) (run with CONFIDE_RECORD=1 to re-record on purpose)\n"
          + firstDifference(expected: expected, actual: actual)),
      sourceLocation: sourceLocation)
  }
}

/// The first line where two texts differ, both versions shown.
private func firstDifference(expected: String, actual: String) -> String {
  let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
  for index in 0..<max(expectedLines.count, actualLines.count) {
    let left = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
    let right = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
    if left != right { return "line \(index + 1):\n  expected: \(left)\n  actual:   \(right)" }
  }
  return "(the texts differ only in line endings)"
}
