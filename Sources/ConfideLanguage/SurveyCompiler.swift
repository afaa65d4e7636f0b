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

extension SurveyCompiler {
  /// Parses and checks one condition written outside a survey file (for example in
  /// `confide simulate --effect "seek_care_likely -1 if framing = enforcement"`), against a
  /// checked `survey`.
  ///
  /// The condition may name any question, matrix item, experiment, option, arm, missing code
  /// or construct of the survey, as a condition written after the last question could; unknown
  /// names, wrong types and `value` are reported as they would be in the survey. Diagnostics are
  /// on line 1 of `file`, with columns counted from `column` (where the condition starts in the
  /// text the user wrote).
  ///
  /// ```swift
  /// let (condition, diagnostics) = SurveyCompiler.parseCondition("framing = enforcment", for: survey)
  /// // condition == nil; diagnostics: 'enforcment' is not an arm of 'framing'
  /// ```
  ///
  /// - Returns: the condition when it has no errors (nil otherwise), and the diagnostics.
  public static func parseCondition(
    _ text: String, for survey: Survey, file: String = "condition", column: Int = 1
  ) -> (Expression?, [Diagnostic]) {
    // Blanks before the text put its tokens at the right columns; the lexer reads them as the
    // line's indentation.
    let padded = String(repeating: " ", count: max(0, column - 1)) + text
    var lexer = Lexer(file: file)
    let lines = lexer.lex(padded)
    var diagnostics = lexer.diagnostics
    let end = SourceLocation(file: file, line: 1, column: max(1, column) + text.unicodeScalars.count)
    let tokens = lines.flatMap(\.tokens)
    var parser = ExpressionParser(tokens[...], end: end)
    let expression = parser.parseAll()
    diagnostics += parser.diagnostics
    guard diagnostics.isEmpty else { return (nil, diagnostics.sortedBySource()) }

    var checker = Checker(survey: survey, file: file)
    checker.indexItems()
    checker.declareNames()
    // Whatever setting up found is about the survey, which was checked already.
    checker.diagnostics = []
    var ctx = ExpressionContext(owner: "", position: Int.max)
    let type = checker.typeOf(expression, &ctx)
    checker.requireBoolean(type, expression)
    diagnostics = checker.diagnostics.sortedBySource()
    return (diagnostics.hasErrors || ctx.hadError ? nil : expression, diagnostics)
  }
}
