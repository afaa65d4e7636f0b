public import ConfideDiagnostics
public import ConfideModel

/// An analysis plan read and checked: the plan plus every diagnostic, in source order.
public struct CompiledPlan: Sendable {
  /// The plan. Usable when ``hasErrors`` is false.
  public var plan: AnalysisPlan
  /// The line tree, for formatting.
  public var syntax: SyntaxTree
  /// Syntax, structure and (when the survey was given) semantic diagnostics, sorted by position
  /// and without repeats.
  public var diagnostics: [Diagnostic]

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.hasErrors }
}

/// The front door of the analysis-plan language: parse a `.analysis` file and check it against
/// its survey.
///
/// ```swift
/// let survey = SurveyCompiler.compile(surveyText, file: "nhs-data-trust.survey").survey
/// let compiled = AnalysisCompiler.compile(planText, file: "chilling-effect.analysis", survey: survey)
/// if !compiled.hasErrors { run(compiled.plan) }
/// ```
public enum AnalysisCompiler {
  /// Parses `text`, read from `file` (the name used in diagnostics), and checks it.
  ///
  /// Checks against the survey run even when there are syntax errors, on the parts that parsed,
  /// so one run reports as much as it can.
  ///
  /// - Parameters:
  ///   - text: The plan file's text.
  ///   - file: The name used in diagnostics.
  ///   - survey: The checked survey the plan's `survey` line names, or nil to check only the
  ///     plan's syntax and structure (when the survey could not be read; the caller reports why).
  ///   - marginLevels: The levels of each variable in the weighting margins file, as read by the
  ///     caller; when given, they must be exactly the answer options of each `by` variable.
  /// - Returns: The plan, its line tree and the diagnostics.
  public static func compile(
    _ text: String, file: String, survey: Survey?, marginLevels: [String: [String]]? = nil
  ) -> CompiledPlan {
    let parsed = AnalysisParser.parse(text, file: file)
    var all = parsed.diagnostics
    if let survey {
      all += AnalysisChecker.check(parsed.plan, against: survey, file: file, marginLevels: marginLevels)
    }
    var seen = Set<Diagnostic>()
    all = all.filter { seen.insert($0).inserted }
    return CompiledPlan(plan: parsed.plan, syntax: parsed.syntax, diagnostics: all.sortedBySource())
  }

  /// The canonical layout of a plan file (`confide fmt`): two spaces a level, one space between
  /// tokens, comments kept, at most one blank line in a row. Only layout changes, so the result
  /// parses to the same plan.
  ///
  /// Like the survey formatter, it should be used only on a file whose
  /// ``AnalysisParser/parse(_:file:)`` reports no layout errors (other than tabs).
  ///
  /// - Parameters:
  ///   - text: The plan file's text.
  ///   - file: The name used in diagnostics.
  /// - Returns: The formatted text.
  public static func format(_ text: String, file: String) -> String {
    Formatter.format(AnalysisParser.parse(text, file: file).syntax)
  }
}
