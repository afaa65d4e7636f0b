import ConfideAuthoring
import ConfideDiagnostics
import ConfideLanguage
import ConfideModel
import Testing

@Suite struct StarterTests {
  static let names = ["clinic-trust", "2026 pilot", "Ümlaut survey", "survey", "a", "NHS Data: Trust & Care (v2)"]

  /// The starter survey is clean: no errors and no warnings.
  @Test(arguments: names)
  func starterCompilesClean(_ name: String) {
    let text = Starter.survey(named: name)
    let compiled = SurveyCompiler.compile(text, file: "\(name).survey")
    #expect(compiled.diagnostics.isEmpty, "\(compiled.diagnostics.map(\.message))")
    #expect(compiled.survey.id == Starter.surveyID(from: name))
    #expect(compiled.survey.version == "0.1")
  }

  @Test(arguments: names)
  func starterIsFormatted(_ name: String) {
    let text = Starter.survey(named: name)
    let parsed = SurveyParser.parse(text, file: "starter.survey")
    #expect(Formatter.format(parsed.syntax) == text, "'confide fmt --check' passes on a new survey")
  }

  @Test func surveyIDs() {
    #expect(Starter.surveyID(from: "clinic-trust") == "clinic_trust")
    #expect(Starter.surveyID(from: "2026 pilot") == "survey_2026_pilot")
    #expect(Starter.surveyID(from: "Ümlaut survey") == "umlaut_survey", "accents are folded, not dropped")
    #expect(Starter.surveyID(from: "NHS Data: Trust & Care (v2)") == "nhs_data_trust_care_v2")
    #expect(Starter.surveyID(from: "__x__") == "x")
    #expect(Starter.surveyID(from: "") == "survey")
    #expect(Starter.surveyID(from: "ÜÖÄ") == "uoa")
    #expect(Starter.surveyID(from: "病院") == "survey")
  }

  /// Ids are names of the survey language: ASCII letters, digits and `_`, not starting with a
  /// digit, and no trailing `_`.
  @Test(arguments: names + ["", "ÜÖÄ", "---", "9", "ünïcödé 2"])
  func surveyIDsAreValidNames(_ name: String) {
    let id = Starter.surveyID(from: name)
    #expect(!id.isEmpty)
    #expect(id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
    #expect(!("0"..."9").contains(id.unicodeScalars.first!))
    #expect(!id.hasPrefix("_"))
    let compiled = SurveyCompiler.compile(Starter.survey(named: name), file: "starter.survey")
    #expect(!compiled.hasErrors, "\(name): \(compiled.diagnostics.map(\.message))")
  }

  /// A name is written into the title string, so quotes and backslashes must be escaped.
  @Test(arguments: [#"Dr "Who" survey"#, #"back\slash"#])
  func namesWithQuotesStillCompile(_ name: String) {
    let compiled = SurveyCompiler.compile(Starter.survey(named: name), file: "starter.survey")
    #expect(!compiled.hasErrors, "\(compiled.diagnostics.map(\.message))")
    #expect(compiled.survey.title.values["en"] == name)
  }
}
