import Foundation
import Testing

/// Runs the built `confide` executable as a user would, and gives back what they would see.
enum CLI {
  struct Result: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
  }

  /// The repository root, found from this file's path (for the shipped surveys).
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func shipped(_ name: String) -> String {
    repository.appendingPathComponent("surveys").appendingPathComponent(name).path
  }

  /// The `confide` executable built beside the tests: `CONFIDE_EXECUTABLE` when set, else the
  /// first `confide` found in the folders holding the test bundle or test executable (the build
  /// products folder, whatever the scratch path and configuration).
  static let executable: URL? = {
    let fm = FileManager.default
    if let path = ProcessInfo.processInfo.environment["CONFIDE_EXECUTABLE"], fm.isExecutableFile(atPath: path) {
      return URL(fileURLWithPath: path)
    }
    var starts: [URL] = [Bundle.main.bundleURL]
    starts += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
    if let first = CommandLine.arguments.first, first.contains("/") {
      starts.append(URL(fileURLWithPath: first))
    }
    starts += CommandLine.arguments.dropFirst().filter { $0.hasSuffix(".xctest") }.map { URL(fileURLWithPath: $0) }
    for start in starts {
      var folder = start.resolvingSymlinksInPath()
      // The start itself (a products folder), then up from
      // `<products>/ConfidePackageTests.xctest[/Contents/MacOS/…]` to `<products>`.
      for step in 0..<5 {
        if step > 0 { folder.deleteLastPathComponent() }
        let candidate = folder.appendingPathComponent("confide")
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
          fm.isExecutableFile(atPath: candidate.path)
        {
          return candidate
        }
      }
    }
    return nil
  }()

  /// Runs `confide` with `arguments` in `directory`, with colour off.
  static func run(
    _ arguments: [String], in directory: URL? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws -> Result {
    let executable = try #require(
      executable, "the confide executable was not found beside the tests; set CONFIDE_EXECUTABLE",
      sourceLocation: sourceLocation)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.removeValue(forKey: "CONFIDE_RECORD")
    process.environment = environment
    // Files rather than pipes: no deadlock however much a command prints.
    let scratch = try TemporaryFolder()
    defer { scratch.remove() }
    let out = scratch.url.appendingPathComponent("stdout")
    let err = scratch.url.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: out)
    let errHandle = try FileHandle(forWritingTo: err)
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
  }
}

/// A new, empty folder; call `remove()` (with `defer`) when done.
struct TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("confide-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func remove() { try? FileManager.default.removeItem(at: url) }

  /// Writes `text` to `name` in the folder and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  /// Copies a file into the folder and returns the copy's path.
  func copy(_ path: String, as name: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.copyItem(at: URL(fileURLWithPath: path), to: file)
    return file.path
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
