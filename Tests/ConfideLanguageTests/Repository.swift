import Foundation

/// Files of the repository the tests read (the shipped surveys and analysis plans), found from
/// this file's path.
enum Repository {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func surveyFiles() -> [String] {
    let folder = root.appendingPathComponent("surveys")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".survey") }.sorted()
  }

  static func survey(_ name: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent("surveys").appendingPathComponent(name), encoding: .utf8)
  }

  /// A file of the repository, by its path from the repository's root.
  static func text(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }
}
