import ConfideDiagnostics
import ConfideLanguage
import ConfideModel
import Foundation

/// Reads survey files for the commands, with clear errors for unreadable input.
enum SurveyInput {
  /// The text of a file, or a usage error naming the file and the reason.
  static func read(_ path: String) throws(CLIError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .usage("cannot read '\(path)': no such file")
    }
    if isDirectory.boolValue { throw .usage("cannot read '\(path)': it is a folder") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .usage("cannot read '\(path)': permission denied")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .usage("cannot read '\(path)': it is not UTF-8 text")
    }
    return text
  }

  /// Compiles a survey, printing its diagnostics; fails with status 1 if it has errors.
  static func load(_ path: String, color: Bool = Terminal.standardErrorSupportsColor) throws(CLIError) -> Survey {
    let text = try read(path)
    let compiled = SurveyCompiler.compile(text, file: path)
    if compiled.hasErrors {
      let rendered = DiagnosticRenderer(sources: [path: text], colored: color).render(compiled.diagnostics)
      Terminal.standardError(rendered + "\(path): \(diagnosticSummary(compiled.diagnostics)); fix the errors first\n")
      throw .findings
    }
    return compiled.survey
  }

  /// Writes `text` to `path`, or to standard output when no path is given.
  static func write(_ text: String, to path: String?) throws(CLIError) {
    guard let path else {
      Terminal.standardOutput(text)
      return
    }
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw .usage("cannot write '\(path)': \(error.localizedDescription)")
    }
  }
}
