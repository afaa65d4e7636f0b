import ArgumentParser
import ConfideDiagnostics
import ConfideLanguage
import Foundation

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check survey and analysis-plan files and report every problem, like a compiler.",
    discussion: "Exit status: 0 when clean (warnings allowed), 1 when any file has an error, 2 for usage errors.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @Argument(help: "The .survey and .analysis files to check (a plan is checked against its survey and margins).")
  var files: [String]

  @Option(help: "Output format: text (for people, on standard error) or json (for editors, on standard output).")
  var format: Format = .text

  @Option(help: "Colour in text output: auto, always or never.")
  var color: ColorChoice = .auto

  func run() throws {
    var all: [Diagnostic] = []
    var sources: [String: String] = [:]
    var seen = Set<Diagnostic>()
    for file in files {
      if file.hasSuffix(".analysis") {
        let checked = try PlanInput.check(file)
        sources.merge(checked.sources) { first, _ in first }
        // A survey named by several plans (or also given itself) is reported once.
        all += checked.diagnostics.filter { seen.insert($0).inserted }
        continue
      }
      let text = try SurveyInput.read(file)
      sources[file] = text
      all += SurveyCompiler.compile(text, file: file).diagnostics.filter { seen.insert($0).inserted }
    }
    switch format {
    case .json:
      Terminal.standardOutput(String(decoding: DiagnosticJSON.encode(all), as: UTF8.self) + "\n")
    case .text:
      let renderer = DiagnosticRenderer(sources: sources, colored: color.enabled)
      var text = renderer.render(all)
      if !all.isEmpty || files.count > 1 {
        text += "\(files.count == 1 ? files[0] : "\(files.count) files"): \(diagnosticSummary(all))\n"
      }
      Terminal.standardError(text)
    }
    if all.hasErrors { throw CLIError.findings }
  }
}
