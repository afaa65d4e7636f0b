import ConfideReports
import Foundation
import Testing

/// The shipped plan's report as HTML, opened in headless Chromium as a reader's browser would: the
/// page loads, and every chart (as inline SVG with a text alternative) and table is in the DOM.
/// Chromium is required (CI installs it); the test fails, it does not skip, without it.
@Suite(.serialized) struct ReportHTMLTests {
  static func chromium() throws -> URL {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for name in ["chromium", "chromium-browser"] {
      for directory in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      }
    }
    Issue.record("chromium is not on the PATH; this test requires it (Debian 12: apt-get install -y chromium)")
    throw CancellationError()
  }

  @Test func chromiumShowsEveryChartAndTable() throws {
    let document = try SampleReport.get().document
    let scratch = try Scratch()
    let file = URL(fileURLWithPath: scratch.path("report.html"))
    let html = HTMLRenderer().render(document)
    try Data(html.utf8).write(to: file)
    // Self-contained: nothing is fetched from anywhere.
    #expect(!html.contains("<script"))
    #expect(!html.contains("http://") && !html.contains("https://"))

    let process = Process()
    process.executableURL = try Self.chromium()
    process.arguments = [
      "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions", "--dump-dom",
      file.absoluteString,
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let dom = String(decoding: data, as: UTF8.self)
    #expect(document.charts.count >= 6)
    #expect(dom.components(separatedBy: "<svg").count - 1 == document.charts.count)
    #expect(dom.components(separatedBy: "role=\"img\"").count - 1 == document.charts.count)
    #expect(dom.components(separatedBy: "<table").count - 1 == document.tables.count + document.charts.count)
    #expect(dom.contains("<h2 id=\"methods\">Methods</h2>"))
  }
}
