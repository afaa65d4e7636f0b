import ConfideDiagnostics
import ConfideLanguage
import ConfideModel
import Testing

@Suite struct ParserTests {
  static let shipped = (try? Repository.survey("nhs-data-trust.survey")) ?? ""

  @Test func shippedInstrumentChecksClean() throws {
    let compiled = SurveyCompiler.compile(Self.shipped, file: "nhs-data-trust.survey")
    let rendered = DiagnosticRenderer(sources: ["nhs-data-trust.survey": Self.shipped]).render(compiled.diagnostics)
    #expect(compiled.diagnostics.isEmpty, "\(rendered)")
  }

  @Test(arguments: Repository.surveyFiles())
  func everyShippedSurveyHasNoErrors(_ name: String) throws {
    let text = try Repository.survey(name)
    let compiled = SurveyCompiler.compile(text, file: name)
    #expect(!compiled.hasErrors, "\(DiagnosticRenderer(sources: [name: text]).render(compiled.diagnostics))")
  }

  /// The ids and codes later stages depend on.
  @Test func shippedInstrumentKeepsItsContract() throws {
    let survey = SurveyCompiler.compile(Self.shipped, file: "s").survey
    let ids = Set(
      survey.questions.map(\.id) + survey.questions.flatMap { q in q.type.isMatrix ? q.items.map(\.id) : [] })
    for id in [
      "age_band", "sex", "region", "ethnicity", "born_outside_uk", "long_term_condition", "heard_fdp",
      "national_opt_out", "delayed_care", "withheld_info", "asked_not_record", "services_avoided",
      "seek_care_likely", "disclose_likely", "list_count", "comment",
    ] {
      #expect(ids.contains(id), "missing \(id)")
    }
    #expect(survey.languages == ["en", "cy"])
    #expect(
      survey.experiment("framing")?.arms.map(\.id) == ["care_team", "research", "private_platform", "enforcement"])
    #expect(survey.experiment("framing")?.controlArm?.id == "care_team")
    #expect(survey.experiment("list_experiment")?.arms.map(\.id) == ["control", "treatment"])
    #expect(survey.construct("privacy_concern") != nil)

    func codes(_ id: String) -> [Int] {
      survey.question(id).flatMap { survey.choices(for: $0) }?.choices.map(\.code) ?? []
    }
    #expect(codes("age_band") == [1, 2, 3, 4, 5, 6, 7, -9])
    #expect(codes("sex").prefix(2) == [1, 2])
    #expect(codes("region").filter { $0 > 0 } == Array(1...12))
    #expect(codes("ethnicity").filter { $0 > 0 } == Array(1...5))
    #expect(codes("seek_care_likely").filter { $0 > 0 } == Array(1...5))
    #expect(codes("disclose_likely").filter { $0 > 0 } == Array(1...5))
    for yesNo in [
      "born_outside_uk", "delayed_care", "withheld_info", "asked_not_record", "heard_fdp", "national_opt_out",
    ] {
      #expect(codes(yesNo).prefix(2) == [1, 0], "\(yesNo)")
      #expect(codes(yesNo).filter { $0 < 0 }.allSatisfy { $0 == -8 || $0 == -9 })
    }
    let dontKnow = survey.missingCodes.first { $0.code == -8 }
    #expect(dontKnow?.label.values["en"] == "Don't know")
    #expect(survey.missingCodes.first { $0.code == -9 }?.label.values["en"] == "Prefer not to say")
    let list = try #require(survey.question("list_count"))
    #expect(survey.countRange(of: list).map(\.maximum) == [4, 5])
    let avoided = try #require(survey.question("services_avoided"))
    #expect(avoided.condition?.description == "delayed_care = yes")
  }

  @Test func expressionPrecedence() throws {
    let text = """
      survey s
        title "S"
        version 1
        languages en
      section a "A"
        question x integer
          "X"
        question y integer
          "Y"
          show if x > 1 and x < 5 or not x = 3 and x + 2 * 3 >= 10
      """
    let survey = SurveyCompiler.compile(text, file: "s").survey
    let condition = try #require(survey.question("y")?.condition)
    #expect(condition.description == "x > 1 and x < 5 or not x = 3 and x + 2 * 3 >= 10")
    guard case .binary(.or, let left, let right, _) = condition else {
      Issue.record("expected or at the top: \(condition)")
      return
    }
    #expect(left.description == "x > 1 and x < 5")
    #expect(right.description == "not x = 3 and x + 2 * 3 >= 10")
  }

  @Test func skipIfIsNegatedShowIf() throws {
    let text = """
      survey s
        title "S"
        version 1
        languages en
      section a "A"
        question x yesno
          "X"
        question y yesno
          "Y"
          skip if x = no
      """
    let survey = SurveyCompiler.compile(text, file: "s").survey
    #expect(survey.question("y")?.condition?.description == "not x = no")
  }

  @Test func translationsAttachToTheirText() throws {
    let text = """
      survey s
        title "Title"
          cy "Teitl"
        version 1
        languages en cy
      section a "A"
        cy "A cy"
        question x integer
          "How old?"
            cy "Faint oed?"
          unit "years"
            cy "blynedd"
      """
    let compiled = SurveyCompiler.compile(text, file: "s")
    #expect(compiled.diagnostics.isEmpty)
    let q = try #require(compiled.survey.question("x"))
    #expect(q.text.values == ["en": "How old?", "cy": "Faint oed?"])
    #expect(q.unit?.values == ["en": "years", "cy": "blynedd"])
    #expect(compiled.survey.sections[0].title.values["cy"] == "A cy")
  }

  /// Every syntax error in a file is reported in one run.
  @Test func recoversAfterSyntaxErrors() throws {
    let text = """
      survey s
        title "S"
        version 1
        languages en
      section a "A"
        question x integr
          "X"
        question y yesno
          "Y"
          show if (x = 1
        question z yesno
          "Z
        bogus line
      """
    let compiled = SurveyCompiler.compile(text, file: "s")
    let lines = Set(compiled.diagnostics.filter { $0.severity == .error }.map(\.location.line))
    #expect(lines.isSuperset(of: [6, 10, 12, 13]), "\(compiled.diagnostics.map { "\($0.location) \($0.message)" })")
  }

  @Test func dateLiteralsAndNegativeNumbers() throws {
    let text = """
      survey s
        title "S"
        version 1
        languages en
      missing -9 prefer_not "Prefer not to say"
      section a "A"
        question seen date
          "When?"
          valid if value >= "2020-01-01" and value <= "2026-12-31" "Give a date from 2020 to 2026"
        question n integer
          "How many?"
          missing prefer_not
        question m yesno
          "M"
          show if n = prefer_not or n -1 > 2
      """
    let compiled = SurveyCompiler.compile(text, file: "s")
    #expect(compiled.diagnostics.isEmpty, "\(compiled.diagnostics.map(\.message))")
    #expect(compiled.survey.question("m")?.condition?.description == "n = prefer_not or n - 1 > 2")
  }
}
