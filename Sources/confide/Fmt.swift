import ArgumentParser
import ConfideDiagnostics
import ConfideLanguage
import Foundation

struct Fmt: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Rewrite survey and analysis-plan files in canonical form (comments are kept).",
    discussion: """
      Only layout changes: indentation, spacing and blank lines. A file with syntax errors is \
      left untouched. With --check nothing is written; the exit status is 1 if any file would change.
      """)

  @Argument(help: "The .survey and .analysis files to format.")
  var files: [String]

  @Flag(help: "Report files that are not formatted instead of rewriting them (for CI).")
  var check = false

  @Flag(help: "Print the formatted text to standard output instead of rewriting the file.")
  var stdout = false

  func run() throws {
    var failed = false
    for file in files {
      let text = try SurveyInput.read(file)
      // A plan is read by the plan parser; both share the line tree the formatter prints.
      let (syntax, diagnostics) =
        file.hasSuffix(".analysis")
        ? {
          let plan = AnalysisParser.parse(text, file: file)
          return (plan.syntax, plan.diagnostics)
        }()
        : {
          let survey = SurveyParser.parse(text, file: file)
          return (survey.syntax, survey.diagnostics)
        }()
      // Tabs are an error for `check`, but fixing them is fmt's job.
      let blocking = diagnostics.filter { $0.severity == .error && $0.id != .tabIndentation }
      if !blocking.isEmpty {
        let rendered = DiagnosticRenderer(sources: [file: text], colored: Terminal.standardErrorSupportsColor)
          .render(blocking.sortedBySource())
        Terminal.standardError(rendered + "\(file): not formatted because of syntax errors\n")
        failed = true
        continue
      }
      let formatted = Formatter.format(syntax)
      if stdout {
        Terminal.standardOutput(formatted)
      } else if check {
        if formatted != text {
          Terminal.standardError("\(file): not formatted (run 'confide fmt \(file)')\n")
          failed = true
        }
      } else if formatted != text {
        try SurveyInput.write(formatted, to: file)
        Terminal.standardError("formatted \(file)\n")
      }
    }
    if failed { throw CLIError.findings }
  }
}
