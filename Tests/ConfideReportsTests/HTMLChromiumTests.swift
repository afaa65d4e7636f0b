import ConfideReports
import Foundation
import Testing

/// Opens the example report in headless Chromium, as a reader's browser would: the page must load, keep
/// its charts and tables in the DOM, and print to PDF without error.
///
/// Chromium is REQUIRED: this test fails, it does not skip, when neither `chromium` nor `chromium-browser`
/// is on the PATH. On Debian 12 CI installs it with `apt-get install -y chromium`.
@Suite("HTML in headless Chromium", .serialized)
struct HTMLChromiumTests {
  /// The Chromium executable on the PATH.
  static func chromium() throws -> URL {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for name in ["chromium", "chromium-browser"] {
      for directory in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      }
    }
    throw ChromiumMissing()
  }

  /// Thrown, failing the test, when Chromium is not installed.
  struct ChromiumMissing: Error, CustomStringConvertible {
    var description: String {
      "chromium is not on the PATH; this test requires it (Debian 12: apt-get install -y chromium)"
    }
  }

  /// Runs Chromium headless with `arguments` and returns its exit status and standard output.
  static func run(_ arguments: [String]) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = try chromium()
    process.arguments =
      ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
  }

  static func writeExample(in directory: URL) throws -> URL {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let file = directory.appendingPathComponent("example.html")
    try Data(HTMLRenderer().render(try ExampleReport.document()).utf8).write(to: file)
    return file
  }

  static func temporaryDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("confide-html-\(UUID().uuidString)")
  }

  @Test("the dumped DOM has every chart and table")
  func domHasChartsAndTables() throws {
    let directory = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = try Self.writeExample(in: directory)
    let (status, output) = try Self.run(["--dump-dom", file.absoluteString])
    #expect(status == 0)
    let dom = String(decoding: output, as: UTF8.self)
    #expect(dom.components(separatedBy: "<svg").count - 1 == 4)
    #expect(dom.components(separatedBy: "<table>").count - 1 == 6)
    #expect(dom.components(separatedBy: "role=\"img\"").count - 1 == 4)
    #expect(dom.contains("<h2 id=\"methods\">Methods</h2>"))
  }

  @Test("it prints to a non-empty PDF and takes a screenshot without error")
  func printsAndRenders() throws {
    let directory = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = try Self.writeExample(in: directory)
    let pdf = directory.appendingPathComponent("example.pdf")
    let printed = try Self.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", file.absoluteString])
    #expect(printed.status == 0)
    let pdfData = try Data(contentsOf: pdf)
    #expect(pdfData.count > 1_000)
    #expect(pdfData.starts(with: Data("%PDF".utf8)))
    let png = directory.appendingPathComponent("example.png")
    let shot = try Self.run(["--window-size=1000,2000", "--screenshot=\(png.path)", file.absoluteString])
    #expect(shot.status == 0)
    let pngData = try Data(contentsOf: png)
    #expect(pngData.starts(with: Data([0x89, 0x50, 0x4E, 0x47])))
  }
}
