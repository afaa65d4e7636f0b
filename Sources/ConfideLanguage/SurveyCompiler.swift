public import ConfideDiagnostics
public import ConfideModel

/// A survey file read and checked: the model plus every diagnostic, in source order.
public struct CompiledSurvey: Sendable {
  /// The survey, with references resolved. Usable when ``hasErrors`` is false.
  public var survey: Survey
  /// The line tree, for formatting.
  public var syntax: SyntaxTree
  /// Syntax and semantic diagnostics, sorted by position.
  public var diagnostics: [Diagnostic]

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.hasErrors }
}

/// The front door of the survey language: parse, resolve and check a `.survey` file.
public enum SurveyCompiler {
  /// Parses and checks `text`, read from `file` (the name used in diagnostics).
  ///
  /// Semantic checks run even when there are syntax errors, on the parts that parsed, so one
  /// run reports as much as it can.
  public static func compile(_ text: String, file: String) -> CompiledSurvey {
    let parsed = SurveyParser.parse(text, file: file)
    let (survey, semantic) = SurveyChecker.check(parsed.survey, file: file)
    var seen = Set<Diagnostic>()
    let all = (parsed.diagnostics + semantic).filter { seen.insert($0).inserted }
    return CompiledSurvey(survey: survey, syntax: parsed.syntax, diagnostics: all.sortedBySource())
  }
}
