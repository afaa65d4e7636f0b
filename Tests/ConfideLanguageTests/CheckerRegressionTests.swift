import ConfideDiagnostics
import ConfideLanguage
import Testing

/// Regression tests for checker bugs found while writing the diagnostic fixtures: positions,
/// fix-its that must not damage the file, valid input that must not be reported, and one
/// mistake that must give one diagnostic.
@Suite struct CheckerRegressionTests {
  /// A minimal survey: the header takes lines 1–4, line 5 is blank, `body` starts on line 6.
  static func check(_ body: String) -> [Diagnostic] {
    let text = "survey s\n  title \"Health records\"\n  version \"1\"\n  languages en\n\n" + body
    return SurveyCompiler.compile(text, file: "test.survey").diagnostics
  }

  static func first(_ id: DiagnosticID, in diagnostics: [Diagnostic]) -> Diagnostic? {
    diagnostics.first { $0.id == id }
  }

  // MARK: - Positions and fix-its

  @Test func unknownListPointsAtTheListName() throws {
    let d = Self.check(
      """
      choices services
        1 gp "GP"
        2 hospital "Hospital"

      section care
        question avoided multiple servics
          "Which services did you avoid?"

      """)
    let u = try #require(Self.first(.unknownList, in: d))
    #expect(u.location.line == 11 && u.location.column == 29)
    #expect(u.fixIts.first?.range == u.range)
  }

  @Test func invalidYesNoListPointsAtTheListName() throws {
    let d = Self.check(
      """
      choices yes_no_past
        1 yes "Yes"
        2 no "No"

      section care
        question delayed yesno yes_no_past
          "Have you put off seeing a doctor?"

      """)
    let u = try #require(Self.first(.invalidYesNoList, in: d))
    #expect(u.location.line == 11 && u.location.column == 26)
  }

  @Test func constructItemDiagnosticsPointAtTheItem() throws {
    let d = Self.check(
      """
      scale agreement
        1 disagree "Disagree"
        2 agree "Agree"

      scale likelihood
        1 unlikely "Unlikely"
        2 likely "Likely"

      section attitudes
        question trust_gp rating agreement
          "I trust my GP with my records."
        question trust_nhs rating likelihood
          "How likely is the NHS to keep your records safe?"
        question opted_out yesno
          "Have you opted out?"

      construct trust
        items trust_gp, trust_nsh, trust_nhs, opted_out
        reverse trust_gpp

      """)
    let unknown = try #require(Self.first(.unknownQuestion, in: d))
    #expect(unknown.location.line == 23 && unknown.location.column == 19)
    #expect(unknown.fixIts.first?.range == unknown.range)
    let mismatch = try #require(Self.first(.constructScaleMismatch, in: d))
    #expect(mismatch.location.line == 23 && mismatch.location.column == 30)
    let notScaled = try #require(Self.first(.constructItemNotScaled, in: d))
    #expect(notScaled.location.line == 23 && notScaled.location.column == 41)
    let reverse = try #require(Self.first(.typeMismatch, in: d))
    #expect(reverse.location.line == 24 && reverse.location.column == 11)
  }

  @Test func questionMissingCodePointsAtTheName() throws {
    let d = Self.check(
      """
      missing -9 prefer_not "Prefer not to say"

      section care
        question visits integer
          "How many times did you see your GP?"
          missing prefer_nto

      """)
    let u = try #require(Self.first(.unknownMissingCode, in: d))
    #expect(u.location.line == 11 && u.location.column == 13)
    #expect(u.fixIts.first?.range == u.range)
  }

  @Test func unknownFunctionPointsAtTheName() throws {
    let d = Self.check(
      """
      section care
        question delayed yesno
          "Have you put off seeing a doctor?"
        question why text
          "What worried you?"
          show if answerd(delayed)

      """)
    let u = try #require(Self.first(.unknownFunction, in: d))
    #expect(u.location.line == 11 && u.location.column == 13)
    #expect(u.range.end.column == 20)
    #expect(u.fixIts.first?.range == u.range)
  }

  @Test func pipedNamePositionSkipsBracesAndEscapes() throws {
    let d = Self.check(
      #"""
      section care
        question age integer
          "How old are you?"
        question visits integer
          "You said \"{age}\". How many visits, {agee}?"

      """#)
    let u = try #require(Self.first(.unknownQuestion, in: d))
    #expect(u.location.line == 10 && u.location.column == 44)
    #expect(u.range.end.column == 48)
  }

  /// The advice must not come as a fix-it that would overwrite the header line.
  @Test func missingLanguagesAdviceDoesNotOverwriteTheHeader() throws {
    let text =
      "survey s\n  title \"Health records\"\n  version \"1\"\n\nsection care\n  question delayed yesno\n    \"Have you put off seeing a doctor?\"\n"
    let d = SurveyCompiler.compile(text, file: "test.survey").diagnostics
    let u = try #require(Self.first(.missingLanguages, in: d))
    #expect(u.fixIts.allSatisfy { $0.range.start == $0.range.end })
    #expect(u.notes.contains { $0.message.contains("languages en") })
  }

  @Test func duplicateLanguagePointsAtTheRepeatedCode() throws {
    let text = "survey s\n  title \"Health records\"\n  version \"1\"\n  languages en cy en\n"
    let d = SurveyCompiler.compile(text, file: "test.survey").diagnostics
    let u = try #require(Self.first(.duplicateId, in: d))
    #expect(u.location.line == 4 && u.location.column == 19)
    #expect(u.notes.allSatisfy { $0.range != nil })
  }

  // MARK: - False positives (valid input that reports something)

  @Test func presentConditionMayUseEarlierAnswers() throws {
    let d = Self.check(
      """
      experiment framing vignette
        arm care_team control
          "Your records are seen only by your care team."
        arm research
          "Your records are also used for research."

      section care
        question delayed yesno
          "Have you put off seeing a doctor?"
        present framing
          show if delayed = yes
        question seek yesno
          "Would you still see your GP?"

      """)
    #expect(d.isEmpty, "\(d.map(\.message))")
  }

  @Test func inlineOptionsOfferDeclaredMissingCodes() throws {
    let d = Self.check(
      """
      missing -9 prefer_not "Prefer not to say"

      section care
        question contact single
          "How did you last contact your GP?"
          option 1 phone "By phone"
          option 2 online "Online"
          missing prefer_not
        question why text
          "Why would you rather not say?"
          show if contact = prefer_not

      """)
    #expect(d.isEmpty, "\(d.map(\.message))")
  }

  @Test func dateQuestionsCanTestTheirMissingCodes() throws {
    let d = Self.check(
      """
      missing -8 dont_know "Don't know"

      section care
        question last_visit date
          "When did you last see your GP?"
          missing dont_know
        question why text
          "Why are you not sure?"
          show if last_visit = dont_know

      """)
    #expect(d.isEmpty, "\(d.map(\.message))")
  }

  // MARK: - Cascades (one mistake, several diagnostics)

  @Test func membershipOnAMultipleReportsOnce() throws {
    let d = Self.check(
      """
      choices services
        1 gp "GP"
        2 hospital "Hospital"

      section care
        question avoided multiple services
          "Which services did you avoid?"
        question why text
          "Why?"
          show if avoided in {gp, hospital}

      """)
    #expect(d.count == 1, "\(d.map(\.message))")
  }

  @Test func nameStartingWithADigitReportsOnce() throws {
    let d = Self.check(
      """
      section care
        question 2visits integer
          "How many visits?"

      """)
    #expect(d.count == 1, "\(d.map(\.message))")
  }

  @Test func misindentedSiblingReportsOnce() throws {
    let d = Self.check(
      """
      section care
        question delayed yesno
          "Have you put off seeing a doctor?"
         question withheld yesno
          "Have you kept something back?"

      """)
    #expect(d.count == 1, "\(d.map(\.message))")
  }

  @Test func misindentedChildAdviceIsRight() throws {
    let d = Self.check(
      """
      section care
        question delayed yesno
          "Have you put off seeing a doctor?"
         hint "Think of the past year."

      """)
    let u = try #require(Self.first(.inconsistentIndentation, in: d))
    #expect(u.notes.first?.message.contains("indented by 4 spaces") == true)
    // Read as part of the question, `hint` is not an unknown keyword anywhere.
    #expect(!d.contains { $0.id == .unknownKeyword })
  }

  @Test func itemWithoutTextReportedOnce() throws {
    let d = Self.check(
      """
      scale agreement
        1 disagree "Disagree"
        2 agree "Agree"

      section care
        question trust matrix agreement
          "How much do you agree?"
          item trust_gp

      """)
    #expect(d.count == 1, "\(d.map(\.message))")
  }

  @Test func duplicateRowDoesNotRetypeTheQuestion() throws {
    let d = Self.check(
      """
      scale agreement
        1 disagree "Disagree"
        2 agree "Agree"

      section care
        question age integer
          "How old are you?"
        question trust matrix agreement
          "How much do you agree?"
          item age "I trust my GP."
        question older yesno
          "Are you retired?"
          show if age - 65 > 0

      """)
    #expect(d.map(\.id) == [.duplicateId], "\(d.map(\.message))")
  }

  // MARK: - Messages

  @Test func skipIfMessagesDescribeTheWrittenCondition() throws {
    let d = Self.check(
      """
      experiment framing split
        arm care_team control
        arm research

      section care
        question a yesno
          "Do you trust your GP?"
          skip if framing = care_team and framing = research

      """)
    let u = try #require(d.first)
    #expect(u.location.line == 13 && u.location.column == 13)
    #expect(!u.message.contains("always true"))
  }

  @Test func notAVariableMessagesReadWell() throws {
    let d = Self.check(
      """
      scale agreement
        1 disagree "Disagree"
        2 agree "Agree"

      section care
        question trust matrix agreement
          "How much do you agree?"
          item trust_gp "I trust my GP."
          item trust_nhs "I trust the NHS."
        question why text
          "Why?"
          show if trust = agree

      """)
    let u = try #require(Self.first(.notAVariable, in: d))
    #expect(!u.message.contains("items and has"))
  }

  @Test func missingCodeNotOfferedIsNotAnUnknownQuestion() throws {
    let d = Self.check(
      """
      missing -8 dont_know "Don't know"
      missing -9 prefer_not "Prefer not to say"

      section care
        question visits integer
          "How many visits?"
          missing dont_know
        question why text
          "Why?"
          show if visits = prefer_not

      """)
    let u = try #require(d.first)
    #expect(u.id != .unknownQuestion)
  }
}

/// A type error in one condition must not hide routing errors elsewhere.
@Suite struct RoutingAfterTypeErrorTests {
  @Test func unreachableIsStillReportedNextToATypeError() throws {
    let text = """
      survey s
        title "Health records"
        version "1"
        languages en

      section a
        question q1 yesno
          "Have you put off seeing a doctor?"

      section b
        show if q1 = yes
        question q2 yesno
          "Did you then see one?"
          show if q1

      section c
        question q3 yesno
          "Was it later than you wanted?"
          show if q2 = yes and q1 = no
      """
    let d = SurveyCompiler.compile(text, file: "test.survey").diagnostics
    #expect(d.contains { $0.id == .typeMismatch && $0.location.line == 14 })
    #expect(d.contains { $0.id == .unreachable && $0.location.line == 17 }, "\(d.map(\.message))")
  }
}

@Suite struct SuggestionTests {
  /// Two names equally close to a typo: the suggestion is the same whatever order they come in.
  @Test func tiesAreBrokenByName() {
    let names = ["care_b", "care_a"]
    for order in [names, Array(names.reversed())] {
      let text = """
        survey s
          title "T"
          version "1"
          languages en
        section x
          question \(order[0]) yesno
            "A?"
          question \(order[1]) yesno
            "B?"
          question q yesno
            "C?"
            show if care_c = yes
        """
      let d = SurveyCompiler.compile(text, file: "t.survey").diagnostics
      let fix = d.first { $0.id == .unknownQuestion }?.fixIts.first?.replacement
      #expect(fix == "care_a")
    }
  }
}
