public import ConfideDiagnostics
import ConfideModel

/// The stable ids of the survey and analysis-plan languages' diagnostics.
extension DiagnosticID {
  public static let alwaysTrueCondition: DiagnosticID = "always-true-condition"
  public static let arithmeticOnNonNumber: DiagnosticID = "arithmetic-on-non-number"
  public static let constructItemNotScaled: DiagnosticID = "construct-item-not-scaled"
  public static let constructScaleMismatch: DiagnosticID = "construct-scale-mismatch"
  public static let constructTooFewItems: DiagnosticID = "construct-too-few-items"
  public static let countWithoutItems: DiagnosticID = "count-without-items"
  public static let duplicateChoiceName: DiagnosticID = "duplicate-choice-name"
  public static let duplicateCode: DiagnosticID = "duplicate-code"
  public static let duplicateCondition: DiagnosticID = "duplicate-condition"
  public static let duplicateId: DiagnosticID = "duplicate-id"
  public static let duplicateSurveyHeader: DiagnosticID = "duplicate-survey-header"
  public static let duplicateText: DiagnosticID = "duplicate-text"
  public static let duplicateTranslation: DiagnosticID = "duplicate-translation"
  public static let emptyList: DiagnosticID = "empty-list"
  public static let experimentNotPresented: DiagnosticID = "experiment-not-presented"
  public static let forwardReference: DiagnosticID = "forward-reference"
  public static let inconsistentIndentation: DiagnosticID = "inconsistent-indentation"
  public static let invalidRange: DiagnosticID = "invalid-range"
  public static let invalidRatio: DiagnosticID = "invalid-ratio"
  public static let invalidYesNoList: DiagnosticID = "invalid-yes-no-list"
  public static let missingChoices: DiagnosticID = "missing-choices"
  public static let missingLanguages: DiagnosticID = "missing-languages"
  public static let missingSurveyHeader: DiagnosticID = "missing-survey-header"
  public static let missingText: DiagnosticID = "missing-text"
  public static let missingTranslation: DiagnosticID = "missing-translation"
  public static let missingVersion: DiagnosticID = "missing-version"
  public static let multipleControlArms: DiagnosticID = "multiple-control-arms"
  public static let notAVariable: DiagnosticID = "not-a-variable"
  public static let planDuplicateHeader: DiagnosticID = "plan-duplicate-header"
  public static let planDuplicateId: DiagnosticID = "plan-duplicate-id"
  public static let planDuplicateName: DiagnosticID = "plan-duplicate-name"
  public static let planDuplicateProperty: DiagnosticID = "plan-duplicate-property"
  public static let planHeadlineIsReference: DiagnosticID = "plan-headline-is-reference"
  public static let planInvalidValue: DiagnosticID = "plan-invalid-value"
  public static let planLowThreshold: DiagnosticID = "plan-low-threshold"
  public static let planMarginsMalformed: DiagnosticID = "plan-margins-malformed"
  public static let planMarginsMismatch: DiagnosticID = "plan-margins-mismatch"
  public static let planMarginsUnreadable: DiagnosticID = "plan-margins-unreadable"
  public static let planMissingCode: DiagnosticID = "plan-missing-code"
  public static let planMissingHeader: DiagnosticID = "plan-missing-header"
  public static let planMissingProperty: DiagnosticID = "plan-missing-property"
  public static let planOverlappingVariable: DiagnosticID = "plan-overlapping-variable"
  public static let planPropertyNotForKind: DiagnosticID = "plan-property-not-for-kind"
  public static let planReferenceNotPredictor: DiagnosticID = "plan-reference-not-predictor"
  public static let planScaleMismatch: DiagnosticID = "plan-scale-mismatch"
  public static let planSurveyUnreadable: DiagnosticID = "plan-survey-unreadable"
  public static let planTooManyVariables: DiagnosticID = "plan-too-many-variables"
  public static let planTypeMismatch: DiagnosticID = "plan-type-mismatch"
  public static let planUnknownAdjustment: DiagnosticID = "plan-unknown-adjustment"
  public static let planUnknownArm: DiagnosticID = "plan-unknown-arm"
  public static let planUnknownChoice: DiagnosticID = "plan-unknown-choice"
  public static let planUnknownConstruct: DiagnosticID = "plan-unknown-construct"
  public static let planUnknownExperiment: DiagnosticID = "plan-unknown-experiment"
  public static let planUnknownTableKind: DiagnosticID = "plan-unknown-table-kind"
  public static let planUnknownVariable: DiagnosticID = "plan-unknown-variable"
  public static let planUnknownWeightingMethod: DiagnosticID = "plan-unknown-weighting-method"
  public static let reverseNotScaled: DiagnosticID = "reverse-not-scaled"
  public static let routingCycle: DiagnosticID = "routing-cycle"
  public static let shuffleNotApplicable: DiagnosticID = "shuffle-not-applicable"
  public static let shuffledReference: DiagnosticID = "shuffled-reference"
  public static let syntax: DiagnosticID = "syntax"
  public static let tabIndentation: DiagnosticID = "tab-indentation"
  public static let tooFewArms: DiagnosticID = "too-few-arms"
  public static let typeMismatch: DiagnosticID = "type-mismatch"
  public static let unknownArm: DiagnosticID = "unknown-arm"
  public static let unknownChoice: DiagnosticID = "unknown-choice"
  public static let unknownConstruct: DiagnosticID = "unknown-construct"
  public static let unknownExperiment: DiagnosticID = "unknown-experiment"
  public static let unknownFunction: DiagnosticID = "unknown-function"
  public static let unknownKeyword: DiagnosticID = "unknown-keyword"
  public static let unknownLanguage: DiagnosticID = "unknown-language"
  public static let unknownList: DiagnosticID = "unknown-list"
  public static let unknownMissingCode: DiagnosticID = "unknown-missing-code"
  public static let unknownQuestion: DiagnosticID = "unknown-question"
  public static let unknownQuestionType: DiagnosticID = "unknown-question-type"
  public static let unknownRole: DiagnosticID = "unknown-role"
  public static let unreachable: DiagnosticID = "unreachable"
  public static let unsatisfiableCondition: DiagnosticID = "unsatisfiable-condition"
  public static let unusedList: DiagnosticID = "unused-list"
  public static let valueOutsideValidation: DiagnosticID = "value-outside-validation"

  /// Every id the survey language can report.
  public static let surveyLanguage: [DiagnosticID] = [
    .alwaysTrueCondition,
    .arithmeticOnNonNumber,
    .constructItemNotScaled,
    .constructScaleMismatch,
    .constructTooFewItems,
    .countWithoutItems,
    .duplicateChoiceName,
    .duplicateCode,
    .duplicateCondition,
    .duplicateId,
    .duplicateSurveyHeader,
    .duplicateText,
    .duplicateTranslation,
    .emptyList,
    .experimentNotPresented,
    .forwardReference,
    .inconsistentIndentation,
    .invalidRange,
    .invalidRatio,
    .invalidYesNoList,
    .missingChoices,
    .missingLanguages,
    .missingSurveyHeader,
    .missingText,
    .missingTranslation,
    .missingVersion,
    .multipleControlArms,
    .notAVariable,
    .reverseNotScaled,
    .routingCycle,
    .shuffleNotApplicable,
    .shuffledReference,
    .syntax,
    .tabIndentation,
    .tooFewArms,
    .typeMismatch,
    .unknownArm,
    .unknownChoice,
    .unknownConstruct,
    .unknownExperiment,
    .unknownFunction,
    .unknownKeyword,
    .unknownLanguage,
    .unknownList,
    .unknownMissingCode,
    .unknownQuestion,
    .unknownQuestionType,
    .unknownRole,
    .unreachable,
    .unsatisfiableCondition,
    .unusedList,
    .valueOutsideValidation,
  ]

  /// Every id the analysis-plan language can report: its own (`plan-…`) and the lexical and
  /// layout ids it shares with the survey language.
  public static let analysisLanguage: [DiagnosticID] = [
    .inconsistentIndentation,
    .planDuplicateHeader,
    .planDuplicateId,
    .planDuplicateName,
    .planDuplicateProperty,
    .planHeadlineIsReference,
    .planInvalidValue,
    .planLowThreshold,
    .planMarginsMismatch,
    .planMissingCode,
    .planMissingHeader,
    .planMissingProperty,
    .planOverlappingVariable,
    .planPropertyNotForKind,
    .planReferenceNotPredictor,
    .planScaleMismatch,
    .planTooManyVariables,
    .planTypeMismatch,
    .planUnknownAdjustment,
    .planUnknownArm,
    .planUnknownChoice,
    .planUnknownConstruct,
    .planUnknownExperiment,
    .planUnknownTableKind,
    .planUnknownVariable,
    .planUnknownWeightingMethod,
    .syntax,
    .tabIndentation,
    .unknownKeyword,
  ]

  /// Every id reported about the files a plan names, when they cannot be read or parsed. The
  /// commands that read a plan's files report them (``PlanFileDiagnostics``), not the compiler,
  /// which is given the files' contents.
  public static let analysisFiles: [DiagnosticID] = [
    .planMarginsMalformed,
    .planMarginsUnreadable,
    .planSurveyUnreadable,
  ]
}

/// Diagnostics about the files an analysis plan names (its survey and margins file), for the
/// commands that read them: the messages live here, beside the language's own.
public enum PlanFileDiagnostics {
  /// The survey named by the plan's `survey` line cannot be read; `written` is the path as the
  /// plan gives it, `resolved` where it was looked for.
  public static func surveyUnreadable(written: String, resolved: String, _ range: SourceRange) -> Diagnostic {
    Catalogue.error(.planSurveyUnreadable, "cannot read the survey '\(written)' (looked for \(resolved))", range)
  }

  /// The margins file named by the plan's `weighting` line cannot be read.
  public static func marginsUnreadable(written: String, resolved: String, _ range: SourceRange) -> Diagnostic {
    Catalogue.error(
      .planMarginsUnreadable, "cannot read the margins file '\(written)' (looked for \(resolved))", range)
  }

  /// The margins file is not a margins table; the location is in the margins file.
  public static func marginsMalformed(_ message: String, at location: SourceLocation) -> Diagnostic {
    Catalogue.error(.planMarginsMalformed, message, SourceRange(start: location))
  }
}

/// Every diagnostic the survey and analysis-plan languages report, in one alphabetised place.
///
/// Messages are lower-case with no final period, name files, lines and ids but never
/// respondents' data. Each id is stable: tools match on it.
enum Catalogue {
  static func error(
    _ id: DiagnosticID, _ message: String, _ range: SourceRange, notes: [Note] = [],
    fixIts: [FixIt] = []
  ) -> Diagnostic {
    Diagnostic(id: id, severity: .error, message: message, range: range, notes: notes, fixIts: fixIts)
  }

  static func warning(
    _ id: DiagnosticID, _ message: String, _ range: SourceRange, notes: [Note] = [],
    fixIts: [FixIt] = []
  ) -> Diagnostic {
    Diagnostic(id: id, severity: .warning, message: message, range: range, notes: notes, fixIts: fixIts)
  }

  static func suggestion(_ name: String?, for range: SourceRange) -> [FixIt] {
    guard let name else { return [] }
    return [FixIt("did you mean '\(name)'?", range: range, replacement: name)]
  }

  /// "a, b and c", "a or b": a list for a message.
  static func listed(_ words: [String], _ conjunction: String = "and") -> String {
    guard words.count > 1, let last = words.last else { return words.first ?? "" }
    return words.dropLast().joined(separator: ", ") + " \(conjunction) " + last
  }

  static func alwaysTrueCondition(_ range: SourceRange, skip: Bool = false) -> Diagnostic {
    warning(
      .alwaysTrueCondition,
      skip
        ? "this 'skip if' condition can never be true, so it never skips anything"
        : "this condition is always true, so it never hides anything", range,
      notes: [Note("remove the condition, or check it says what you meant")])
  }

  static func arithmeticOnNonNumber(_ name: String, kind: String, _ range: SourceRange) -> Diagnostic {
    error(
      .arithmeticOnNonNumber, "arithmetic on '\(name)', which is \(kind), not a number", range)
  }

  static func constructItemNotScaled(
    _ item: String, construct: String, _ range: SourceRange, kind: String? = nil
  ) -> Diagnostic {
    error(
      .constructItemNotScaled,
      "construct '\(construct)' uses '\(item)', which is \(kind.map { "a \($0)" } ?? "not a rating or matrix item")",
      range,
      notes: [Note("a construct's items must be answered on a shared rating scale")])
  }

  static func constructScaleMismatch(
    _ item: String, scale: String, construct: String, expected: String, _ range: SourceRange,
    first: SourceRange?
  ) -> Diagnostic {
    error(
      .constructScaleMismatch,
      "item '\(item)' is on scale '\(scale)', but construct '\(construct)' uses scale '\(expected)'",
      range, notes: [Note("the construct's first item is declared here", at: first)])
  }

  static func constructTooFewItems(_ construct: String, _ range: SourceRange) -> Diagnostic {
    warning(
      .constructTooFewItems, "construct '\(construct)' has fewer than two items", range,
      notes: [Note("reliability (Cronbach's alpha) needs at least two items")])
  }

  static func countWithoutItems(_ question: String, _ range: SourceRange) -> Diagnostic {
    error(
      .countWithoutItems,
      "count question '\(question)' lists no statements to count", range,
      notes: [Note("add lines such as: item shop \"I went to a shop this week\"")])
  }

  static func duplicateCode(
    _ code: Int, list: String, _ range: SourceRange, earlier: SourceRange?
  ) -> Diagnostic {
    error(
      .duplicateCode, "code \(code) is used twice in '\(list)'", range,
      notes: [Note("first used here", at: earlier)])
  }

  static func duplicateCondition(_ token: Token) -> Diagnostic {
    error(
      .duplicateCondition, "a second '\(token.text) if' line replaces the first", token.range,
      notes: [Note("combine the conditions with 'and' or 'or' on one line")])
  }

  static func duplicateID(
    _ kind: String, _ id: String, _ range: SourceRange, earlier: SourceRange?, earlierKind: String? = nil
  ) -> Diagnostic {
    var message = "\(kind) '\(id)' is declared more than once"
    if let earlierKind, earlierKind != kind {
      let article = earlierKind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
      message = "'\(id)' is already the name of \(article) \(earlierKind); a \(kind) cannot use it too"
    }
    return error(.duplicateId, message, range, notes: [Note("first declared here", at: earlier)])
  }

  static func duplicateName(
    _ name: String, list: String, _ range: SourceRange, earlier: SourceRange?
  )
    -> Diagnostic
  {
    error(
      .duplicateChoiceName, "option name '\(name)' is used twice in '\(list)'", range,
      notes: [Note("first used here", at: earlier)])
  }

  static func duplicateSurveyHeader(_ range: SourceRange) -> Diagnostic {
    error(.duplicateSurveyHeader, "a file holds one survey; this is a second 'survey' line", range)
  }

  static func duplicateText(_ token: Token) -> Diagnostic {
    error(
      .duplicateText, "a second text line; each item has one text per language", token.range,
      notes: [Note("write translations indented under the text, e.g. cy \"…\"")])
  }

  static func duplicateTranslation(_ token: Token, earlier: SourceRange) -> Diagnostic {
    error(
      .duplicateTranslation, "a second '\(token.text)' translation of the same text",
      token.range, notes: [Note("first given here", at: earlier)])
  }

  static func emptyList(_ list: String, _ range: SourceRange) -> Diagnostic {
    error(.emptyList, "list '\(list)' has no options", range)
  }

  static func expectedAtEnd(_ expected: String, _ range: SourceRange) -> Diagnostic {
    error(.syntax, "expected \(expected) at the end of the line", range)
  }

  static func expectedExpression(_ range: SourceRange) -> Diagnostic {
    error(.syntax, "expected a condition", range)
  }

  static func experimentNeverShown(_ experiment: String, _ range: SourceRange) -> Diagnostic {
    warning(
      .experimentNotPresented,
      "the arms of vignette experiment '\(experiment)' have texts but no 'present \(experiment)' line shows them",
      range)
  }

  static func extraArguments(after keyword: String, _ range: SourceRange) -> Diagnostic {
    error(.syntax, "unexpected text after '\(keyword)'", range)
  }

  static func forwardReference(
    _ name: String, _ range: SourceRange, declared: SourceRange?
  )
    -> Diagnostic
  {
    error(
      .forwardReference, "'\(name)' is asked later, so its answer is not known here", range,
      notes: [Note("'\(name)' is declared here", at: declared)])
  }

  static func inconsistentIndentation(_ range: SourceRange, expected: Int) -> Diagnostic {
    error(
      .inconsistentIndentation,
      "this line's indentation matches no enclosing line", range,
      notes: [Note("read as if indented by \(expected) spaces; indent it so to line up with the lines around it")])
  }

  static func invalidArgumentCount(
    _ function: String, expected: String, _ range: SourceRange
  )
    -> Diagnostic
  {
    error(.typeMismatch, "\(function)() takes \(expected)", range)
  }

  static func invalidEscape(_ range: SourceRange) -> Diagnostic {
    error(
      .syntax, "unknown escape in a string", range,
      notes: [Note("use \\\" for a quote, \\\\ for a backslash, \\n for a new line")])
  }

  static func invalidNumber(_ range: SourceRange) -> Diagnostic {
    error(.syntax, "a name cannot start with a digit", range)
  }

  static func invalidRange(_ range: SourceRange) -> Diagnostic {
    error(.invalidRange, "the range's lower bound is above its upper bound", range)
  }

  static func invalidRatio(_ range: SourceRange) -> Diagnostic {
    error(.invalidRatio, "an allocation ratio must be greater than zero", range)
  }

  static func invalidYesNoList(_ list: String, _ range: SourceRange) -> Diagnostic {
    error(
      .invalidYesNoList,
      "list '\(list)' for a yes/no question must have exactly the codes 1 (yes) and 0 (no), plus missing codes",
      range)
  }

  static func itemOutsideSection(_ token: Token) -> Diagnostic {
    error(
      .syntax, "'\(token.text)' must be inside a section", token.range,
      notes: [Note("indent it under a line such as: section about_you \"About you\"")])
  }

  static func missingArgument(
    _ what: String, after keyword: String, _ range: SourceRange
  )
    -> Diagnostic
  {
    error(.syntax, "expected \(what) after '\(keyword)'", range)
  }

  static func missingChoices(_ token: Token) -> Diagnostic {
    error(
      .missingChoices, "a '\(token.text)' question needs a choice list or scale", token.range,
      notes: [Note("name a list after the type, or write 'option CODE name \"label\"' lines")])
  }

  static func missingLanguages(_ range: SourceRange) -> Diagnostic {
    warning(
      .missingLanguages, "the survey declares no languages; assuming English ('en')", range,
      notes: [Note("add a line such as 'languages en' under 'survey'")])
  }

  static func missingCodeNotOffered(_ name: String, question: String, _ range: SourceRange) -> Diagnostic {
    error(
      .unknownChoice, "'\(question)' does not offer the missing code '\(name)'", range,
      notes: [Note("add it to the question's 'missing' line to offer it")])
  }

  static func missingSurveyHeader(_ range: SourceRange) -> Diagnostic {
    error(
      .missingSurveyHeader, "the file has no 'survey' line", range,
      notes: [Note("start the file with: survey my_survey")])
  }

  static func missingText(_ what: String, _ range: SourceRange) -> Diagnostic {
    error(.missingText, "\(what) has no text for respondents", range)
  }

  static func missingTranslation(
    _ language: String, of what: String, _ range: SourceRange
  )
    -> Diagnostic
  {
    warning(.missingTranslation, "\(what) has no '\(language)' translation", range)
  }

  static func missingVersion(_ range: SourceRange) -> Diagnostic {
    warning(
      .missingVersion,
      "the survey has no version; data cannot be tied to a reviewed version without one", range)
  }

  static func multipleControlArms(_ experiment: String, _ range: SourceRange) -> Diagnostic {
    error(.multipleControlArms, "experiment '\(experiment)' has more than one control arm", range)
  }

  static func notAVariable(_ message: String, _ range: SourceRange) -> Diagnostic {
    error(.notAVariable, message, range)
  }

  static func planDuplicateHeader(_ range: SourceRange) -> Diagnostic {
    error(.planDuplicateHeader, "a file holds one plan; this is a second 'analysis' line", range)
  }

  static func planDuplicateID(_ kind: String, _ id: String, _ range: SourceRange, earlier: SourceRange?) -> Diagnostic {
    error(
      .planDuplicateId, "\(kind) '\(id)' is declared more than once", range,
      notes: [Note("first declared here", at: earlier)])
  }

  static func planDuplicateLabel(_ arm: String, _ range: SourceRange, earlier: SourceRange?) -> Diagnostic {
    error(
      .planDuplicateName, "arm '\(arm)' is labelled twice", range, notes: [Note("first labelled here", at: earlier)])
  }

  static func planDuplicateName(
    _ name: String, in keyword: String, _ range: SourceRange, earlier: SourceRange?
  )
    -> Diagnostic
  {
    error(
      .planDuplicateName, "'\(name)' is listed twice in '\(keyword)'", range,
      notes: [Note("first listed here", at: earlier)])
  }

  static func planDuplicateProperty(
    _ what: String, in owner: String, _ range: SourceRange, earlier: SourceRange?
  )
    -> Diagnostic
  {
    error(.planDuplicateProperty, "a second \(what) in \(owner)", range, notes: [Note("first given here", at: earlier)])
  }

  static func planDuplicateReference(_ variable: String, _ range: SourceRange, earlier: SourceRange?) -> Diagnostic {
    error(
      .planDuplicateName, "'\(variable)' is given a reference category twice", range,
      notes: [Note("first given here", at: earlier)])
  }

  static func planHeadlineIsReference(_ arm: String, _ range: SourceRange, isControl: Bool) -> Diagnostic {
    error(
      .planHeadlineIsReference,
      "headline arm '\(arm)' is the reference arm\(isControl ? " (the experiment's control)" : ""), so it has no effect to report",
      range, notes: [Note("the headline is one arm's effect against the reference: name another arm")])
  }

  static func planInvalidConfidence(_ value: String, _ range: SourceRange) -> Diagnostic {
    error(
      .planInvalidValue, "a confidence level of \(value) is not between 50 and 100", range,
      notes: [Note("write a percentage such as 95 or 99.5")])
  }

  static func planInvalidDecimals(_ value: Int, _ range: SourceRange) -> Diagnostic {
    error(.planInvalidValue, "\(value) decimal places is outside 0 to 6", range)
  }

  static func planInvalidThreshold(_ range: SourceRange) -> Diagnostic {
    error(
      .planInvalidValue, "a disclosure threshold cannot be negative", range,
      notes: [Note("0 turns disclosure control off")])
  }

  static func planInvalidTrim(upper: Bool, _ range: SourceRange) -> Diagnostic {
    error(
      .planInvalidValue,
      upper
        ? "the upper trim bound must be greater than 1"
        : "the lower trim bound must be greater than 0 and less than 1", range,
      notes: [Note("the bounds are multiples of the mean weight, e.g. 'trim 0.2 5'")])
  }

  static func planLowThreshold(_ threshold: Int, _ range: SourceRange) -> Diagnostic {
    warning(
      .planLowThreshold, "a disclosure threshold of \(threshold) is unusually low", range,
      notes: [Note("cells with fewer respondents than the threshold are hidden; 10 is usual, and 0 turns control off")])
  }

  static func planMarginsMissingCode(
    _ level: String, variable: String, file: String, _ range: SourceRange
  )
    -> Diagnostic
  {
    error(
      .planMarginsMismatch, "level '\(level)' of '\(variable)' in margins file '\(file)' is a missing-value code",
      range, notes: [Note("missing codes are left out of weighting: give margins for the answer options only")])
  }

  static func planMarginsMissingLevel(
    _ choice: String, variable: String, file: String, _ range: SourceRange
  )
    -> Diagnostic
  {
    error(
      .planMarginsMismatch, "margins file '\(file)' has no level '\(choice)' for '\(variable)'", range,
      notes: [Note("calibration needs a population figure for every answer option")])
  }

  static func planMarginsMissingVariable(_ variable: String, file: String, _ range: SourceRange) -> Diagnostic {
    error(
      .planMarginsMismatch, "margins file '\(file)' has no rows for '\(variable)'", range,
      notes: [Note("add lines such as: \(variable),LEVEL,PROPORTION")])
  }

  static func planMarginsUnknownLevel(
    _ level: String, variable: String, list: String, file: String, _ range: SourceRange, suggestion: String?
  ) -> Diagnostic {
    error(
      .planMarginsMismatch,
      "level '\(level)' of '\(variable)' in margins file '\(file)' is not an option of '\(variable)' (list '\(list)')",
      range, notes: suggestion.map { [Note("did you mean '\($0)'?")] } ?? [])
  }

  static func planMissingCode(_ name: String, variable: String, role: String, _ range: SourceRange) -> Diagnostic {
    error(
      .planMissingCode, "'\(name)' is a missing-value code of '\(variable)', so it cannot be \(role)", range,
      notes: [Note("missing codes, 'not answered' and 'not asked' are left out of every estimate's base")])
  }

  static func planMissingHeader(_ range: SourceRange) -> Diagnostic {
    error(
      .planMissingHeader, "the file has no 'analysis' line", range,
      notes: [Note("start the file with: analysis my_plan")])
  }

  static func planMissingPositive(table: String, item: String, kind: String, _ range: SourceRange) -> Diagnostic {
    error(
      .planMissingProperty, "table '\(table)' needs a 'positive' line: '\(item)' is \(kind), not a yes/no question",
      range, notes: [Note("name the answers to count, e.g. positive agree, strongly_agree")])
  }

  static func planMissingProperty(_ keyword: String, in owner: String, _ range: SourceRange) -> Diagnostic {
    error(.planMissingProperty, "\(owner) has no '\(keyword)' line", range)
  }

  static func planMissingTitle(table: String, _ range: SourceRange) -> Diagnostic {
    error(
      .planMissingProperty, "table '\(table)' has no title", range,
      notes: [Note("write the title in quotes on the first line under 'table'")])
  }

  static func planOverlappingVariable(
    _ name: String, is what: String, as role: String, _ range: SourceRange
  )
    -> Diagnostic
  {
    error(.planOverlappingVariable, "'\(name)' is \(what), so it cannot also be \(role)", range)
  }

  static func planPositiveNotApplicable(_ outcome: String, kind: String, _ range: SourceRange) -> Diagnostic {
    error(
      .planTypeMismatch, "'positive' needs an outcome answered with options, but '\(outcome)' is \(kind)", range,
      notes: [Note("a numeric outcome is compared by its mean: remove the 'positive' line")])
  }

  static func planPropertyNotForKind(
    _ keyword: String, owner: String, takers: String, _ range: SourceRange
  )
    -> Diagnostic
  {
    error(.planPropertyNotForKind, "'\(keyword)' does not apply to \(owner); only \(takers) take it", range)
  }

  static func planReferenceNotCategorical(_ name: String, kind: String, _ range: SourceRange) -> Diagnostic {
    error(
      .planReferenceNotPredictor,
      "'\(name)' is \(kind), not a categorical predictor, so it has no reference category", range)
  }

  static func planReferenceNotPredictor(_ name: String, _ range: SourceRange) -> Diagnostic {
    error(
      .planReferenceNotPredictor, "'\(name)' is not one of the table's predictors", range,
      notes: [Note("add it to the 'predictors' line, or remove this 'reference' line")])
  }

  static func planScaleMismatch(
    _ item: String, scale: String, first: String, expected: String, _ range: SourceRange
  ) -> Diagnostic {
    error(
      .planScaleMismatch,
      "'\(item)' is on scale '\(scale)', but '\(first)', the table's first item, is on scale '\(expected)'", range,
      notes: [Note("a likert table's items share one scale")])
  }

  static func planTableOutsideSection(_ token: Token) -> Diagnostic {
    error(
      .syntax, "'table' must be inside a section", token.range,
      notes: [Note("indent it under a line such as: section results \"Results\"")])
  }

  static func planTooManyPoststrata(_ range: SourceRange) -> Diagnostic {
    error(
      .planTooManyVariables, "'weighting poststratify' takes exactly one 'by' variable", range,
      notes: [Note("to calibrate to the margins of several variables, use 'weighting rake'")])
  }

  static func planTooManySubgroups(_ range: SourceRange) -> Diagnostic {
    error(
      .planTooManyVariables, "a vignette table takes at most one 'by' variable", range,
      notes: [Note("the arm × subgroup interaction is estimated for one variable; write one table per variable")])
  }

  static func planUnknownAdjustment(_ token: Token, suggestion: String?) -> Diagnostic {
    error(
      .planUnknownAdjustment,
      "unknown adjustment '\(token.text)' (\(listed(TableOptions.Adjustment.allCases.map(\.rawValue), "or")))",
      token.range, fixIts: self.suggestion(suggestion, for: token.range))
  }

  static func planUnknownArm(
    _ name: String, experiment: String, _ range: SourceRange, suggestion: String?
  ) -> Diagnostic {
    error(
      .planUnknownArm, "experiment '\(experiment)' has no arm '\(name)'", range,
      fixIts: self.suggestion(suggestion, for: range))
  }

  static func planUnknownChoice(
    _ name: String, variable: String, list: String, _ range: SourceRange, suggestion: String?
  ) -> Diagnostic {
    error(
      .planUnknownChoice, "'\(name)' is not an option of '\(variable)' (list '\(list)')", range,
      fixIts: self.suggestion(suggestion, for: range))
  }

  static func planUnknownConstruct(_ name: String, _ range: SourceRange, suggestion: String?) -> Diagnostic {
    error(
      .planUnknownConstruct, "unknown construct '\(name)'", range, fixIts: self.suggestion(suggestion, for: range))
  }

  static func planUnknownExperiment(_ name: String, _ range: SourceRange, suggestion: String?) -> Diagnostic {
    error(
      .planUnknownExperiment, "unknown experiment '\(name)'", range, fixIts: self.suggestion(suggestion, for: range))
  }

  static func planUnknownTableKind(_ token: Token, kinds: [String], suggestion: String?) -> Diagnostic {
    error(
      .planUnknownTableKind, "unknown kind of table '\(token.text)' (\(listed(kinds, "or")))", token.range,
      fixIts: self.suggestion(suggestion, for: token.range))
  }

  static func planUnknownVariable(_ name: String, _ range: SourceRange, suggestion: String?) -> Diagnostic {
    error(
      .planUnknownVariable, "the survey has no question or item '\(name)'", range,
      fixIts: self.suggestion(suggestion, for: range))
  }

  static func planUnknownWeightingMethod(_ token: Token, methods: [String], suggestion: String?) -> Diagnostic {
    error(
      .planUnknownWeightingMethod, "unknown weighting method '\(token.text)' (\(listed(methods, "or")))",
      token.range, fixIts: self.suggestion(suggestion, for: token.range))
  }

  static func planWrongExperimentKind(
    _ name: String, kind: String, table: String, _ range: SourceRange
  ) -> Diagnostic {
    error(
      .planTypeMismatch,
      "experiment '\(name)' is a \(kind) experiment, but a \(table) table needs a \(table) experiment", range)
  }

  static func planWrongKind(
    _ name: String, is kind: String, role: String, needs: String, _ range: SourceRange, notes: [Note] = []
  ) -> Diagnostic {
    error(.planTypeMismatch, "'\(name)' is \(kind), but \(role) must be \(needs)", range, notes: notes)
  }

  static func reverseOnMatrix(_ name: String, _ range: SourceRange) -> Diagnostic {
    error(
      .reverseNotScaled, "'reverse' belongs on a matrix's items, not on matrix '\(name)' itself", range,
      notes: [Note("mark each reverse-worded item with 'reverse' under its 'item' line")])
  }

  static func reverseNotScaled(_ name: String, _ range: SourceRange) -> Diagnostic {
    error(
      .reverseNotScaled, "'\(name)' is marked reverse but is not answered on a scale", range)
  }

  static func routingCycle(_ path: [String], piping: Bool, _ range: SourceRange) -> Diagnostic {
    error(
      .routingCycle,
      "\(piping ? "piped answers" : "routing") depends on itself: \(path.joined(separator: " → "))", range)
  }

  static func sameMatrixReference(_ name: String, matrix: String, _ range: SourceRange) -> Diagnostic {
    error(
      .forwardReference,
      "'\(name)' is answered on the same screen (matrix '\(matrix)'), so its answer is not known here", range,
      notes: [Note("refer only to questions asked before the matrix")])
  }

  static func selfReference(_ name: String, piping: Bool, _ range: SourceRange) -> Diagnostic {
    piping
      ? error(.routingCycle, "'\(name)' pipes its own answer into its own text, before it is answered", range)
      : error(
        .routingCycle,
        "'\(name)' refers to its own answer in its routing; use 'value' in 'valid if' to check the answer",
        range)
  }

  static func shuffledReference(_ name: String, section: String, _ range: SourceRange) -> Diagnostic {
    error(
      .shuffledReference,
      "'\(name)' is in the same shuffled section ('\(section)'), so it may be asked after this item", range,
      notes: [Note("move '\(name)' to an earlier section, or remove 'shuffle' from '\(section)'")])
  }

  static func shuffleNotApplicable(_ type: String, _ range: SourceRange) -> Diagnostic {
    let article = type.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    return warning(
      .shuffleNotApplicable,
      "'shuffle' has no effect on \(article) \(type) question; it shuffles choice options and matrix items", range,
      notes: type == "rating" ? [Note("a rating scale keeps its order: shuffling it would confuse respondents")] : [])
  }

  static func builtInYesNoUntranslated(_ language: String, _ range: SourceRange) -> Diagnostic {
    warning(
      .missingTranslation, "the built-in yes/no labels are English only: they have no '\(language)' translation", range,
      notes: [
        Note("declare a 'choices yes_no' list (1 yes, 0 no) with labels in every language, or name one after 'yesno'")
      ])
  }

  static func tabIndentation(_ range: SourceRange) -> Diagnostic {
    error(
      .tabIndentation, "indent with spaces, not tabs", range,
      notes: [Note("'confide fmt' rewrites the file with two spaces a level")])
  }

  static func tooFewArms(_ experiment: String, count: Int, _ range: SourceRange) -> Diagnostic {
    error(
      .tooFewArms,
      "experiment '\(experiment)' has \(count) arm\(count == 1 ? "" : "s"); an experiment needs at least two",
      range)
  }

  static func translationOfPrimary(_ token: Token) -> Diagnostic {
    error(
      .duplicateTranslation,
      "'\(token.text)' is the primary language; its text is the quoted line itself", token.range)
  }

  static func translationWithoutText(_ token: Token) -> Diagnostic {
    error(
      .syntax, "a '\(token.text)' translation with no text to translate", token.range,
      notes: [Note("indent translations under the text they translate")])
  }

  static func typeMismatch(_ message: String, _ range: SourceRange, notes: [Note] = []) -> Diagnostic {
    error(.typeMismatch, message, range, notes: notes)
  }

  static func unexpectedCharacter(_ character: String, _ range: SourceRange) -> Diagnostic {
    error(.syntax, "unexpected character '\(character)'", range)
  }

  static func unexpectedChildren(_ token: Token, parent: String) -> Diagnostic {
    error(.syntax, "nothing may be indented under '\(parent)'", token.range)
  }

  static func unexpectedToken(_ token: Token, expected: String) -> Diagnostic {
    let shown = token.kind == .string ? "a string" : "'\(token.text)'"
    return error(.syntax, "expected \(expected), found \(shown)", token.range)
  }

  static func unknownArm(
    _ name: String, experiment: String, _ range: SourceRange, suggestion: String?
  ) -> Diagnostic {
    error(
      .unknownArm, "experiment '\(experiment)' has no arm '\(name)'", range,
      fixIts: self.suggestion(suggestion, for: range))
  }

  static func unknownChoice(
    _ name: String, question: String, list: String, _ range: SourceRange, suggestion: String?
  ) -> Diagnostic {
    error(
      .unknownChoice, "'\(name)' is not an option of '\(question)' (list '\(list)')", range,
      fixIts: self.suggestion(suggestion, for: range))
  }

  static func unknownCode(
    _ code: String, question: String, list: String, _ range: SourceRange
  )
    -> Diagnostic
  {
    error(.unknownChoice, "'\(question)' has no option with code \(code) (list '\(list)')", range)
  }

  static func unknownConstruct(
    _ name: String, _ range: SourceRange, suggestion: String?
  )
    -> Diagnostic
  {
    error(
      .unknownConstruct, "unknown construct '\(name)'", range,
      fixIts: self.suggestion(suggestion, for: range))
  }

  static func unknownExperimentKind(_ token: Token, suggestion: String?) -> Diagnostic {
    error(
      .syntax, "unknown kind of experiment '\(token.text)' (vignette, split or list)", token.range,
      fixIts: self.suggestion(suggestion, for: token.range))
  }

  static func unknownExperiment(
    _ name: String, _ range: SourceRange, suggestion: String?
  )
    -> Diagnostic
  {
    error(
      .unknownExperiment, "unknown experiment '\(name)'", range,
      fixIts: self.suggestion(suggestion, for: range))
  }

  static func unknownFunction(
    _ name: String, _ range: SourceRange, suggestion: String?
  )
    -> Diagnostic
  {
    error(
      .unknownFunction,
      "unknown function '\(name)' (answered, count, selected, score)", range,
      fixIts: self.suggestion(suggestion, for: range))
  }

  static func unknownKeyword(_ token: Token, context: String, suggestion: String?) -> Diagnostic {
    error(
      .unknownKeyword, "unknown keyword '\(token.text)' \(context)", token.range,
      fixIts: self.suggestion(suggestion, for: token.range))
  }

  static func unknownLanguage(
    _ token: Token, declared: [String], suggestion: String?
  )
    -> Diagnostic
  {
    error(
      .unknownLanguage,
      declared.isEmpty
        ? "'\(token.text)' is not one of the survey's languages: it declares none"
        : "'\(token.text)' is not one of the survey's languages (\(declared.joined(separator: ", ")))",
      token.range,
      notes: [Note("declare every language on the survey's 'languages' line")],
      fixIts: self.suggestion(suggestion, for: token.range))
  }

  static func unknownList(_ name: String, _ range: SourceRange, suggestion: String?) -> Diagnostic {
    error(
      .unknownList, "unknown choice list or scale '\(name)'", range,
      fixIts: self.suggestion(suggestion, for: range))
  }

  static func unknownMissingCode(
    _ name: String, _ range: SourceRange, suggestion: String?
  )
    -> Diagnostic
  {
    error(
      .unknownMissingCode, "unknown missing-value code '\(name)'", range,
      notes: [Note("declare it at the top level, e.g. missing -9 prefer_not \"Prefer not to say\"")],
      fixIts: self.suggestion(suggestion, for: range))
  }

  static func unknownQuestion(
    _ name: String, _ range: SourceRange, suggestion: String?
  )
    -> Diagnostic
  {
    error(
      .unknownQuestion, "unknown question '\(name)'", range,
      fixIts: self.suggestion(suggestion, for: range))
  }

  static func unknownQuestionType(_ token: Token, suggestion: String?) -> Diagnostic {
    error(
      .unknownQuestionType, "unknown question type '\(token.text)'", token.range,
      fixIts: self.suggestion(suggestion, for: token.range))
  }

  static func unknownRole(_ token: Token, suggestion: String?) -> Diagnostic {
    error(
      .unknownRole, "unknown role '\(token.text)'", token.range,
      fixIts: self.suggestion(suggestion, for: token.range))
  }

  static func unreachable(_ what: String, _ range: SourceRange, notes: [Note]) -> Diagnostic {
    error(.unreachable, "\(what) can never be shown: no respondent meets its routing", range, notes: notes)
  }

  static func unsatisfiableCondition(_ range: SourceRange, skip: Bool = false) -> Diagnostic {
    skip
      ? error(
        .unsatisfiableCondition, "this 'skip if' condition is always true, so the item is never shown", range,
        notes: [Note("every possible answer meets it")])
      : error(
        .unsatisfiableCondition, "this condition can never be true", range,
        notes: [Note("no answer satisfies every part at once")])
  }

  static func unterminatedString(_ range: SourceRange) -> Diagnostic {
    error(.syntax, "this string has no closing quote", range)
  }

  static func unusedList(_ list: String, _ range: SourceRange) -> Diagnostic {
    warning(.unusedList, "list '\(list)' is not used by any question", range)
  }

  static func valueOutsideValidation(_ range: SourceRange) -> Diagnostic {
    error(
      .valueOutsideValidation,
      "'value' means the answer being checked and is allowed only in 'valid if'", range)
  }
}
