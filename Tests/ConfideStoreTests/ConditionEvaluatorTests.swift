import ConfideLanguage
import ConfideModel
import Testing

/// The evaluator against the rules of docs/survey-language.md ("Unanswered questions and missing
/// codes", "Operators, by precedence", "Functions", "Reverse-scored items and constructs"). Each
/// test quotes the rule it checks.
@Suite struct ConditionEvaluatorTests {
  static let source = """
    survey rules
      title "Rules"
      version "1"
      languages en

    missing -8 dont_know "Don't know"
    missing -9 prefer_not "Prefer not to say"

    choices yes_no
      1 yes "Yes"
      0 no "No"
      missing prefer_not

    choices services
      1 gp "GP surgery"
      2 pharmacy "Pharmacy"
      3 clinic "Sexual health clinic"
      4 none "None of these" fixed
      missing prefer_not

    choices bands
      1 young "16 to 34"
      2 middle "35 to 64"
      3 older "65 or over"

    scale agreement
      1 strongly_disagree "Strongly disagree"
      2 disagree "Disagree"
      3 neither "Neither"
      4 agree "Agree"
      5 strongly_agree "Strongly agree"
      missing dont_know

    experiment framing
      arm care_team control
      arm research

    section s "Section"
      question delayed_care yesno
        "Have you delayed care?"

      question services_avoided multiple services
        "Which services?"
        show if delayed_care = yes

      question band single bands
        "Age band?"

      question visits integer
        "How many visits?"
        range 0..100
        missing dont_know

      question privacy matrix agreement
        "Agree?"
        item trust_confidential "I trust the NHS."
          reverse
        item concern_sharing "I worry about sharing."
        item concern_company "I worry about companies."

      question probe text
        "Why?"

    construct privacy_concern "Privacy concern"
      items trust_confidential, concern_sharing, concern_company
      reverse trust_confidential
      score mean
      minimum 2

    """

  let survey: Survey
  let evaluator: ConditionEvaluator

  init() throws {
    let compiled = SurveyCompiler.compile(Self.source, file: "rules.survey")
    #expect(!compiled.hasErrors, "\(compiled.diagnostics)")
    survey = compiled.survey
    evaluator = ConditionEvaluator(survey)
  }

  /// A respondent with the given answers; every other variable not asked.
  func answers(_ given: [String: Answer]) throws -> [Answer] {
    var out = [Answer](repeating: .notAsked, count: evaluator.variables.count)
    for (name, answer) in given {
      out[try #require(evaluator.slot[name], "no variable \(name)")] = answer
    }
    return out
  }

  /// Whether `condition` (survey language) holds for `answers`.
  func holds(_ condition: String, _ answers: [Answer], value: Answer? = nil) throws -> Bool {
    let (expression, diagnostics) = SurveyCompiler.parseCondition(condition, for: survey)
    #expect(diagnostics.isEmpty, "\(condition): \(diagnostics)")
    let e = try #require(expression)
    return evaluator.isTrue(evaluator.compile(e), answers, value: value)
  }

  // "A question that was not asked or not answered has no value, and every comparison with it
  // is false … Only not (…) turns this round."
  @Test(arguments: [Answer.notAsked, .notAnswered])
  func comparisonsWithAnUnansweredQuestionAreFalse(_ absent: Answer) throws {
    let a = try answers(["delayed_care": absent])
    #expect(try !holds("delayed_care = yes", a))
    #expect(try !holds("delayed_care != yes", a))
    #expect(try !holds("delayed_care not in {yes}", a))
    #expect(try !holds("delayed_care in {yes, no}", a))
    #expect(try holds("not (delayed_care = yes)", a))
    #expect(try holds("not delayed_care = yes", a), "not binds looser than =")
    #expect(try !holds("visits < 5", try answers(["visits": absent])))
    #expect(try holds("not (visits < 5)", try answers(["visits": absent])))
  }

  @Test func comparisonsWithAnsweredQuestions() throws {
    let yes = try answers(["delayed_care": .code(1), "visits": .number(3)])
    #expect(try holds("delayed_care = yes", yes))
    #expect(try holds("delayed_care == yes", yes), "== is a synonym for =")
    #expect(try !holds("delayed_care != yes", yes))
    #expect(try holds("delayed_care != no", yes))
    #expect(try holds("visits < 5 and visits >= 3", yes))
    #expect(try holds("visits + 1 = 4", yes))
    #expect(try holds("delayed_care = no or visits = 3 and band = young", yes) == false)
    #expect(try holds("visits = 3 or delayed_care = no and band = young", yes), "and binds tighter than or")
  }

  // "Missing codes are values but not numbers: visits = dont_know and visits in {dont_know} test
  // for them, visits != dont_know is true for any substantive answer, and ordering comparisons
  // are false for missing codes."
  @Test func missingCodesEqualOnlyThemselvesAndHaveNoOrder() throws {
    let dontKnow = try answers(["visits": .missing(-8), "delayed_care": .missing(-9)])
    #expect(try holds("visits = dont_know", dontKnow))
    #expect(try holds("visits in {dont_know}", dontKnow))
    #expect(try holds("visits in {0, 1, dont_know}", dontKnow))
    #expect(try !holds("visits != dont_know", dontKnow))
    #expect(try !holds("visits < 5", dontKnow), "-8 is not less than 5: missing codes have no order")
    #expect(try !holds("visits <= 100", dontKnow))
    #expect(try !holds("visits > -100", dontKnow))
    #expect(try !holds("visits = 0", dontKnow))
    #expect(try holds("delayed_care = prefer_not", dontKnow))
    #expect(try !holds("delayed_care = yes", dontKnow))
    #expect(try holds("delayed_care != yes", dontKnow), "a missing code is not equal to an option")

    let three = try answers(["visits": .number(3)])
    #expect(try holds("visits != dont_know", three))
    #expect(try !holds("visits = dont_know", three))
    #expect(try !holds("visits in {dont_know}", three))

    let item = try answers(["concern_sharing": .missing(-8)])
    #expect(try !holds("concern_sharing <= agree", item))
    #expect(try !holds("concern_sharing >= disagree", item))
    #expect(try holds("concern_sharing = dont_know", item))
  }

  // "answered(q): q was shown and answered; a missing code such as Don't know counts as an
  // answer."
  @Test func answered() throws {
    #expect(try holds("answered(visits)", try answers(["visits": .number(0)])))
    #expect(try holds("answered(visits)", try answers(["visits": .missing(-8)])))
    #expect(try !holds("answered(visits)", try answers(["visits": .notAnswered])))
    #expect(try !holds("answered(visits)", try answers(["visits": .notAsked])))
    #expect(try holds("answered(probe)", try answers(["probe": .text("Because.")])))
    #expect(try holds("not answered(probe)", try answers([:])))
  }

  // "selected(q, option): option option of the multiple-choice question q was chosen."
  // "count(q): how many options of the multiple-choice question q were chosen."
  @Test func selectedAndCount() throws {
    let two = try answers(["delayed_care": .code(1), "services_avoided": .codes([1, 3])])
    #expect(try holds("selected(services_avoided, gp)", two))
    #expect(try holds("selected(services_avoided, clinic)", two))
    #expect(try !holds("selected(services_avoided, pharmacy)", two))
    #expect(try holds("count(services_avoided) = 2", two))
    #expect(try holds("count(services_avoided) >= 2 and not selected(services_avoided, none)", two))

    let skipped = try answers(["delayed_care": .code(0)])
    #expect(try !holds("selected(services_avoided, gp)", skipped))
    #expect(try !holds("count(services_avoided) >= 0", skipped), "no count for a question not asked")
    #expect(try holds("not (count(services_avoided) >= 1)", skipped))
  }

  // "reverse a: items scored in reverse (highest code becomes lowest)"; "minimum N: the fewest
  // answered items for a score to be computed"; "Missing codes never enter a score."
  @Test func scoreIsTheMeanWithReversedItemsAndAMinimum() throws {
    // trust_confidential 1 reversed on 1..5 is 5; with concern_sharing 4 the mean is 4.5; the
    // Don't know on concern_company is left out.
    let full = try answers([
      "trust_confidential": .code(1), "concern_sharing": .code(4), "concern_company": .missing(-8),
    ])
    #expect(try holds("score(privacy_concern) = 4.5", full))
    #expect(try holds("score(privacy_concern) >= 4.5", full))
    #expect(try !holds("score(privacy_concern) > 4.5", full))
    let index = try #require(survey.constructs.firstIndex { $0.id == "privacy_concern" })
    #expect(evaluator.score(construct: index, full).map { abs($0 - 4.5) < 1e-12 } == true)

    let three = try answers([
      "trust_confidential": .code(2), "concern_sharing": .code(3), "concern_company": .code(5),
    ])
    // (6 − 2 + 3 + 5) / 3 = 4.
    #expect(try holds("score(privacy_concern) = 4", three))

    // One substantive item is below the minimum of 2: no score, so comparisons are false.
    let one = try answers(["trust_confidential": .code(5), "concern_sharing": .missing(-8)])
    #expect(evaluator.score(construct: index, one) == nil)
    #expect(try !holds("score(privacy_concern) >= 0", one))
    #expect(try holds("not (score(privacy_concern) >= 0)", one))
  }

  // "x in {a, b, c} holds when x is one of the listed options, arms, numbers or missing codes;
  // x not in {…} when it is answered and is none of them."
  @Test func membership() throws {
    let young = try answers(["band": .code(1), "framing": .arm("research"), "visits": .number(1)])
    #expect(try holds("band in {young, middle}", young))
    #expect(try !holds("band not in {young, middle}", young))
    #expect(try holds("band not in {older}", young))
    #expect(try holds("band in {1, 3}", young), "codes may be written as numbers")
    #expect(try holds("framing in {research}", young))
    #expect(try holds("framing not in {care_team}", young))
    #expect(try holds("visits in {0, 1, dont_know}", young))
    #expect(try !holds("visits not in {0, 1, dont_know}", young))

    let unanswered = try answers(["band": .notAnswered])
    #expect(try !holds("band in {young, middle}", unanswered))
    #expect(try !holds("band not in {young, middle}", unanswered))
    #expect(try holds("not (band in {young})", unanswered))
  }

  // "an experiment id: the respondent's arm, compared with arm names"; "Arms have no order, so
  // only =, != and in {…} apply to them."
  @Test func arms() throws {
    let research = try answers(["framing": .arm("research")])
    #expect(try holds("framing = research", research))
    #expect(try !holds("framing = care_team", research))
    #expect(try holds("framing != care_team", research))
  }

  // "In the condition [of valid if], value means this question's answer."
  @Test func validationValue() throws {
    let visits = try #require(evaluator.slot["visits"])
    let program = evaluator.compile(.binary(.lessEqual, .value(.init()), .number(10, .init()), .init()), value: visits)
    #expect(evaluator.isTrue(program, try answers([:]), value: .number(4)))
    #expect(!evaluator.isTrue(program, try answers([:]), value: .number(11)))
    #expect(!evaluator.isTrue(program, try answers([:]), value: .missing(-8)), "a missing code has no order")
  }
}
