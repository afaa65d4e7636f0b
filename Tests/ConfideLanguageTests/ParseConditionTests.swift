import ConfideDiagnostics
import ConfideLanguage
import ConfideModel
import Testing

/// `SurveyCompiler.parseCondition`: one condition, written outside a survey (a command-line
/// effect), read and checked against the shipped survey.
@Suite struct ParseConditionTests {
  let survey: Survey

  init() throws {
    let compiled = SurveyCompiler.compile(try Repository.survey("nhs-data-trust.survey"), file: "nhs.survey")
    #expect(!compiled.hasErrors)
    survey = compiled.survey
  }

  @Test(arguments: [
    "framing = enforcement",
    "born_outside_uk = yes and not (age_band in {age_16_24, age_25_34})",
    "selected(services_avoided, gp) or count(services_avoided) >= 2",
    "score(privacy_concern) >= 4 and concern_company != dont_know",
    "list_experiment = treatment",
  ])
  func validConditionsParse(_ text: String) {
    let (expression, diagnostics) = SurveyCompiler.parseCondition(text, for: survey)
    #expect(expression != nil)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
  }

  /// Each case: the text, where its condition starts, the message and the column it points at.
  @Test(arguments: [
    ("framing = enforcment", 1, "experiment 'framing' has no arm 'enforcment'", 11),
    ("seek_care_likely -1 if framing = enforcment", 24, "experiment 'framing' has no arm 'enforcment'", 34),
    ("delayed_caer = yes", 1, "unknown question 'delayed_caer'", 1),
    ("delayed_care = maybe", 1, "'maybe' is not an option of 'delayed_care' (list 'yes_no_am')", 16),
    ("value > 3", 1, "", 1),
    ("framing =", 1, "", 10),
    ("framing", 1, "expected a condition, found an experiment's arm", 1),
  ])
  func badConditionsAreReportedAtTheirColumns(_ text: String, _ start: Int, _ message: String, _ column: Int) {
    let condition = String(text.unicodeScalars.dropFirst(start - 1))
    let (expression, diagnostics) = SurveyCompiler.parseCondition(
      condition, for: survey, file: "--effect", column: start)
    #expect(expression == nil)
    let first = diagnostics.first
    #expect(first?.severity == .error)
    if !message.isEmpty { #expect(first?.message == message) }
    #expect(first?.range.start == SourceLocation(file: "--effect", line: 1, column: column), "\(diagnostics)")
  }
}
