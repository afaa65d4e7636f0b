import ArgumentParser
import ConfideDiagnostics
import ConfideLanguage
import Foundation

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Check survey files and report every problem.")

  @Argument(help: "The .survey files to check.")
  var files: [String]

  func run() throws {
    var all: [Diagnostic] = []
    var sources: [String: String] = [:]
    for file in files {
      let text = try String(contentsOfFile: file, encoding: .utf8)
      sources[file] = text
      all += SurveyCompiler.compile(text, file: file).diagnostics
    }
    let renderer = DiagnosticRenderer(sources: sources)
    FileHandle.standardError.write(Data(renderer.render(all).utf8))
    if all.hasErrors { throw ExitCode(1) }
  }
}
