import ConfideLanguage
import ConfideModel
import ConfideStore
import Foundation
import Testing

/// The shipped NHS survey, checked.
let shippedSurvey: Survey = {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("surveys/nhs-data-trust.survey")
  let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  return SurveyCompiler.compile(text, file: url.path).survey
}()

/// Compiles a test survey, failing the test if it has errors.
func compiledSurvey(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Survey {
  let compiled = SurveyCompiler.compile(text, file: "test.survey")
  #expect(!compiled.hasErrors, "\(compiled.diagnostics)", sourceLocation: sourceLocation)
  return compiled.survey
}

/// An effect written as on the command line, its condition read in the survey language.
func effect(_ text: String, _ survey: Survey) throws -> PlantedEffect {
  let parts = try PlantedEffect.parts(of: text)
  guard let condition = parts.condition else { return PlantedEffect(variable: parts.variable, shift: parts.shift) }
  let (expression, diagnostics) = SurveyCompiler.parseCondition(condition, for: survey, column: parts.conditionColumn)
  #expect(diagnostics.isEmpty, "\(diagnostics)")
  let parsed = try #require(expression)
  return PlantedEffect(variable: parts.variable, shift: parts.shift, condition: parsed)
}

/// `n` simulated respondents.
func simulate(
  _ plan: SimulationPlan, n: Int, seed: UInt64 = 1
) throws -> (simulator: Simulator, rows: [[Answer]]) {
  var generator = SplitMix64(seed: seed)
  let simulator = try Simulator(plan, using: &generator)
  var rows: [[Answer]] = []
  rows.reserveCapacity(n)
  var answers: [Answer] = []
  for i in 1...n {
    try simulator.respondent(into: &answers, number: i, using: &generator)
    rows.append(answers)
  }
  return (simulator, rows)
}

/// The bytes `confide simulate` would write.
func simulatedFile(
  _ plan: SimulationPlan, n: Int, seed: UInt64, format: SimulationWriter.Format = .csv
) throws -> String {
  var generator = SplitMix64(seed: seed)
  let simulator = try Simulator(plan, using: &generator)
  let writer = try SimulationWriter(variables: simulator.variables, format: format, respondents: n, to: .memory)
  try simulator.write(count: n, to: writer, using: &generator)
  return String(decoding: writer.contents, as: UTF8.self)
}

/// Reads RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks).
func parseCSV(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var chars = Array(text.unicodeScalars)[...]
  while let c = chars.popFirst() {
    if quoted {
      if c == "\"" {
        if chars.first == "\"" {
          field.unicodeScalars.append("\"")
          chars.removeFirst()
        } else {
          quoted = false
        }
      } else {
        field.unicodeScalars.append(c)
      }
    } else if c == "\"" {
      quoted = true
    } else if c == "," {
      row.append(field)
      field = ""
    } else if c == "\n" {
      row.append(field)
      rows.append(row)
      row = []
      field = ""
    } else {
      field.unicodeScalars.append(c)
    }
  }
  if !field.isEmpty || !row.isEmpty {
    row.append(field)
    rows.append(row)
  }
  return rows
}

/// The mean of `values`, and the observations' standard deviation.
func meanAndSD(_ values: [Double]) -> (mean: Double, sd: Double) {
  let mean = values.reduce(0, +) / Double(values.count)
  let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
  return (mean, variance.squareRoot())
}

@Suite struct SimulatorTests {
  let survey = shippedSurvey

  func slot(_ simulator: Simulator, _ name: String) throws -> Int {
    try #require(simulator.evaluator.slot[name], "no variable \(name)")
  }

  // MARK: The generator

  @Test func splitMix64MatchesTheReferenceSequence() {
    // The first outputs of Vigna's splitmix64.c from state 0.
    var g = SplitMix64(seed: 0)
    #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(g.next() == 0x06C4_5D18_8009_454F)
  }

  // MARK: Output

  @Test func theCSVHeaderIsExactlyAsSpecified() throws {
    let text = try simulatedFile(SimulationPlan(survey: survey), n: 3, seed: 1)
    let header = try #require(text.split(separator: "\n").first)
    let services = (1...7).map { "services_avoided___\($0)" } + ["services_avoided___m9"]
    let expected =
      [
        "respondent_id", "framing", "list_experiment", "age_band", "sex", "region", "ethnicity", "born_outside_uk",
        "long_term_condition", "heard_fdp", "national_opt_out", "trust_confidential", "concern_sharing",
        "concern_company", "concern_government", "concern_control", "delayed_care",
      ] + services + [
        "withheld_info", "asked_not_record", "seek_care_likely", "disclose_likely", "list_count", "comment",
      ]
    #expect(String(header) == expected.joined(separator: ","))
  }

  @Test func respondentIDsArePaddedToTheWidthOfN() throws {
    let rows = parseCSV(try simulatedFile(SimulationPlan(survey: survey), n: 1000, seed: 1))
    #expect(rows.count == 1001)
    #expect(rows[1][0] == "R0001")
    #expect(rows[1000][0] == "R1000")
    #expect(rows.dropFirst().allSatisfy { $0.count == rows[0].count }, "every row has every column")
  }

  @Test(arguments: [SimulationWriter.Format.csv, .jsonl])
  func theSameSeedGivesTheSameBytes(_ format: SimulationWriter.Format) throws {
    let plan = SimulationPlan(
      survey: survey, effects: [try effect("seek_care_likely -1 if framing = enforcement", survey)],
      identifierRate: 0.2)
    let a = try simulatedFile(plan, n: 2000, seed: 7, format: format)
    let b = try simulatedFile(plan, n: 2000, seed: 7, format: format)
    let c = try simulatedFile(plan, n: 2000, seed: 8, format: format)
    #expect(a == b)
    #expect(a != c)
    // A shorter run starts like a longer one (the parameters are drawn first); only the ids'
    // padding differs.
    let short = try simulatedFile(plan, n: 100, seed: 7, format: format)
    func withoutIDs(_ text: String) -> [Substring] {
      text.split(separator: "\n").dropFirst(format == .csv ? 1 : 0).prefix(100).map { $0.drop { $0 != "," } }
    }
    #expect(withoutIDs(a) == withoutIDs(short))
  }

  @Test func jsonLinesOmitEmptyKeysAndListChosenCodes() throws {
    let text = try simulatedFile(SimulationPlan(survey: survey), n: 3000, seed: 2, format: .jsonl)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 3000)
    var sawArray = false
    for line in lines {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(object["respondent_id"] is String)
      #expect(object["framing"] is String)
      #expect(object["seek_care_likely"] is NSNumber)
      #expect(!object.keys.contains { $0.contains("___") }, "no indicator keys in JSON Lines")
      if object["delayed_care"] as? Int != 1 {
        #expect(object["services_avoided"] == nil)
      }
      if let codes = object["services_avoided"] {
        let list = try #require(codes as? [Int])
        #expect(!list.isEmpty && list == list.sorted())
        sawArray = true
      }
      if let comment = object["comment"] { #expect(comment is String) }
    }
    #expect(sawArray)
  }

  @Test func csvQuotesOnlyWhenNeeded() throws {
    var out: [UInt8] = []
    let writer = try SimulationWriter(
      variables: compiledSurvey(
        """
        survey t
          title "T"
          version "1"
          languages en
        section s "S"
          question remark text
            "Anything?"
          question amount decimal
            "How much?"
            range 0..10
        """
      ).variables, format: .csv, respondents: 4, to: .memory)
    try writer.write(respondent: 1, [.text("plain words"), .number(2.5)])
    try writer.write(respondent: 2, [.text("with, comma"), .number(3)])
    try writer.write(respondent: 3, [.text("a \"quote\"\nand a line"), .notAnswered])
    try writer.write(respondent: 4, [.notAsked, .number(-0.5)])
    try writer.finish()
    out = writer.contents
    #expect(
      String(decoding: out, as: UTF8.self)
        == "respondent_id,remark,amount\nR1,plain words,2.5\nR2,\"with, comma\",3.0\nR3,\"a \"\"quote\"\"\nand a line\",\nR4,,-0.5\n"
    )
  }

  // MARK: Routing and constraints

  @Test func routingIsObeyedInEveryRow() throws {
    let rows = parseCSV(try simulatedFile(SimulationPlan(survey: survey), n: 5000, seed: 3))
    let header = rows[0]
    func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "no column \(name)") }
    let delayed = try column("delayed_care")
    let services = header.indices.filter { header[$0].hasPrefix("services_avoided___") }
    let arm = try column("list_experiment")
    let count = try column("list_count")
    var answeredServices = 0
    for row in rows.dropFirst() {
      let indicators = services.map { row[$0] }
      if row[delayed] != "1" {
        #expect(indicators.allSatisfy { $0.isEmpty }, "services_avoided is asked only if delayed_care = yes")
      } else if !indicators.allSatisfy(\.isEmpty) {
        answeredServices += 1
        #expect(indicators.allSatisfy { $0 == "0" || $0 == "1" })
        #expect(indicators.contains("1"), "an answer chooses at least one option")
      }
      let n = try #require(Int(row[count]))
      #expect(n >= 0)
      #expect(n <= (row[arm] == "control" ? 4 : 5), "the avoided statement is shown only in treatment")
    }
    #expect(answeredServices > 100)
  }

  @Test func requiredQuestionsAreAlwaysAnsweredAndCodesAreValid() throws {
    let (simulator, rows) = try simulate(SimulationPlan(survey: survey), n: 5000, seed: 4)
    let variables = simulator.variables
    var blanks = 0
    var missing = 0
    for row in rows {
      for (i, v) in variables.enumerated() {
        let answer = row[i]
        if v.isRequired, simulator.evaluator.isShown(i, row) {
          #expect(answer.isAnswered, "\(v.name) is required")
        }
        if answer == .notAnswered { blanks += 1 }
        switch answer {
        case .code(let c): #expect(v.list?.validChoices.contains { $0.code == c } == true, "\(v.name): \(c)")
        case .missing(let c):
          missing += 1
          #expect((v.list?.missingChoices ?? v.missingCodes).contains { $0.code == c }, "\(v.name): \(c)")
        case .number(let x):
          if let range = v.range { #expect(range.contains(x)) }
        default: break
        }
      }
    }
    #expect(blanks > 0 && missing > 0, "optional questions are sometimes left blank, missing codes sometimes chosen")
  }

  @Test func validIfConditionsHold() throws {
    let survey = compiledSurvey(
      """
      survey v
        title "V"
        version "1"
        languages en
      missing -8 dont_know "Don't know"
      section s "S"
        question visits integer
          "Visits?"
          range 1..52
          required
        question tests integer
          "Tests?"
          range 0..52
          missing dont_know
          required
          valid if value <= visits "No more than the visits."
        question first_visit date
          "When?"
          valid if value >= "2025-06-01" "Since June."
      """)
    let (simulator, rows) = try simulate(SimulationPlan(survey: survey), n: 3000, seed: 5)
    let visits = try slot(simulator, "visits")
    let tests = try slot(simulator, "tests")
    let first = try slot(simulator, "first_visit")
    for row in rows {
      guard case .number(let v) = row[visits] else {
        Issue.record("visits is required")
        continue
      }
      if case .number(let t) = row[tests] { #expect(t <= v) } else { #expect(row[tests].isAnswered) }
      if case .date(let d) = row[first] { #expect(d >= "2025-06-01" && d < "2026-01-01") }
    }
  }

  @Test func aRequiredQuestionNoAnswerCanPassIsAnError() throws {
    let survey = compiledSurvey(
      """
      survey v
        title "V"
        version "1"
        languages en
      section s "S"
        question visits integer
          "Visits?"
          range 1..10
          required
          valid if value > 20 "More than twenty."
      """)
    #expect(throws: SimulationError.noValidAnswer(question: "visits", respondent: 1)) {
      try simulate(SimulationPlan(survey: survey), n: 5)
    }
    #expect(
      SimulationError.noValidAnswer(question: "visits", respondent: 1).description
        == "found no answer to the required question 'visits' that passes its 'valid if' conditions (respondent 1); "
        + "check that the conditions can hold"
    )
  }

  // MARK: Allocation and effects

  @Test func armSharesFollowTheRatios() throws {
    let survey = compiledSurvey(
      """
      survey a
        title "A"
        version "1"
        languages en
      experiment split_ballot split
        arm short control ratio 1
        arm long ratio 3
      section s "S"
        question q yesno
          "Yes?"
      """)
    // Binomial standard errors at n = 20,000: √(.25·.75/n) ≈ 0.0031 for a quarter and
    // √(.5·.5/n) ≈ 0.0035 for a half; 0.015 is more than four of them.
    let n = 20_000
    let tolerance = 0.015
    for (plan, experiment, expected) in [
      (SimulationPlan(survey: shippedSurvey), "framing", 0.25),
      (SimulationPlan(survey: shippedSurvey), "list_experiment", 0.5),
      (SimulationPlan(survey: survey), "split_ballot", -1),
    ] {
      let (simulator, rows) = try simulate(plan, n: n, seed: 11)
      let s = try slot(simulator, experiment)
      let arms = try #require(plan.survey.experiment(experiment)).allocation
      for (arm, probability) in arms {
        let share = Double(rows.filter { $0[s] == .arm(arm) }.count) / Double(n)
        let target = expected < 0 ? probability : expected
        #expect(abs(share - target) < tolerance, "\(experiment) = \(arm): \(share) vs \(target)")
      }
    }
  }

  @Test func aPlantedShiftOfARatingIsRecovered() throws {
    // seek_care_likely is on a five-point scale. The model answers round(y) clamped to the scale,
    // y ~ N(μ, s²) in scale points, with μ within half a point of the middle and s between 0.94
    // and 1.21 (loading 0.5–0.9 on z, plus 0.8 of noise). Shifting μ by −1 then moves the mean
    // answer by E[clamp(round(y − 1))] − E[clamp(round(y))], which clamping at the bottom pulls
    // in: the ordered-probit sum Σ k·(Φ((k + ½ − μ)/s) − Φ((k − ½ − μ)/s)) gives −0.79 in the
    // worst case (μ half a point low, s = 1.21) and −0.97 in the best. Each arm has about 5,000
    // respondents, so the difference of two means has a standard error of about
    // 1.2·√(2/5,000) ≈ 0.024: allow 0.1 (four standard errors) beyond [−1, −0.79]; a contrast
    // with no effect must be within 0.1 of 0.
    let plan = SimulationPlan(
      survey: survey, effects: [try effect("seek_care_likely -1 if framing = enforcement", survey)])
    for seed: UInt64 in [1, 2, 3, 4] {
      let (simulator, rows) = try simulate(plan, n: 20_000, seed: seed)
      let framing = try slot(simulator, "framing")
      let seek = try slot(simulator, "seek_care_likely")
      func mean(_ arm: String) -> Double {
        let values = rows.compactMap { row -> Double? in
          guard row[framing] == .arm(arm), case .code(let c) = row[seek] else { return nil }
          return Double(c)
        }
        return meanAndSD(values).mean
      }
      let effect = mean("enforcement") - mean("care_team")
      let none = mean("research") - mean("care_team")
      #expect(effect > -1 - 0.1 && effect < -0.79 + 0.1, "seed \(seed): \(effect)")
      #expect(abs(none) < 0.1, "seed \(seed): \(none)")
    }
  }

  @Test func aPlantedShiftOfAProbabilityIsRecovered() throws {
    // delayed_care and born_outside_uk both load on privacy concern, so they are associated
    // without any effect: compare the difference in P(delayed_care = yes) between those born
    // outside the UK and others, with the effect and without (same seed, same parameters).
    // Each difference has a standard error of about √(.2·.8/4,000 + .2·.8/16,000) ≈ 0.007, a
    // difference of two about 0.01: 0.05 is five of them.
    func gap(_ effects: [PlantedEffect]) throws -> Double {
      let (simulator, rows) = try simulate(SimulationPlan(survey: survey, effects: effects), n: 20_000, seed: 21)
      let born = try slot(simulator, "born_outside_uk")
      let delayed = try slot(simulator, "delayed_care")
      func share(_ group: Int) -> Double {
        let answers = rows.filter { $0[born] == .code(group) }.map { $0[delayed] }
        let substantive = answers.filter { $0 == .code(1) || $0 == .code(0) }
        return Double(substantive.filter { $0 == .code(1) }.count) / Double(substantive.count)
      }
      return share(1) - share(0)
    }
    let planted = try gap([try effect("delayed_care +0.1 if born_outside_uk = yes", survey)])
    let baseline = try gap([])
    #expect(abs(planted - baseline - 0.1) < 0.05, "\(planted) − \(baseline)")
  }

  @Test func aPlantedShiftOfTheSensitiveItemIsRecoveredByTheListExperiment() throws {
    // The difference in mean counts between treatment and control estimates the prevalence of
    // the sensitive statement: 0.1 by default, 0.25 under the enforcement vignette. Counts of
    // four statements with probabilities 0.2–0.7 have a variance under 1, so with about 2,500
    // respondents in each list arm within a vignette arm the difference has a standard error
    // under 0.03: 0.12 is four of them.
    let plan = SimulationPlan(
      survey: survey, effects: [try effect("list_count +0.15 if framing = enforcement", survey)])
    let (simulator, rows) = try simulate(plan, n: 20_000, seed: 31)
    let framing = try slot(simulator, "framing")
    let list = try slot(simulator, "list_experiment")
    let count = try slot(simulator, "list_count")
    func estimate(_ inEnforcement: Bool) -> Double {
      func mean(_ arm: String) -> Double {
        meanAndSD(
          rows.compactMap { row -> Double? in
            guard (row[framing] == .arm("enforcement")) == inEnforcement, row[list] == .arm(arm),
              case .number(let n) = row[count]
            else { return nil }
            return n
          }
        ).mean
      }
      return mean("treatment") - mean("control")
    }
    #expect(abs(estimate(true) - 0.25) < 0.12, "\(estimate(true))")
    #expect(abs(estimate(false) - 0.1) < 0.12, "\(estimate(false))")
  }

  @Test func badEffectsAreRefused() throws {
    var g = SplitMix64(seed: 1)
    func make(_ effects: [PlantedEffect]) throws {
      _ = try Simulator(SimulationPlan(survey: survey, effects: effects), using: &g)
    }
    #expect(throws: SimulationError.self) { try make([PlantedEffect(variable: "seek_care_likly", shift: 1)]) }
    #expect(throws: SimulationError.self) { try make([PlantedEffect(variable: "framing", shift: 1)]) }
    #expect(throws: SimulationError.effectNotSupported(variable: "age_band", kind: .single)) {
      try make([PlantedEffect(variable: "age_band", shift: 1)])
    }
    // The condition names a question asked after the one shifted.
    #expect(throws: SimulationError.effectRefersLater(variable: "delayed_care", name: "seek_care_likely")) {
      try make([try effect("delayed_care 0.1 if seek_care_likely = very_likely", survey)])
    }
    #expect(throws: SimulationError.invalidSetting("the identifier rate must be between 0 and 1")) {
      _ = try Simulator(SimulationPlan(survey: survey, identifierRate: 2), using: &g)
    }
  }

  @Test func effectsAreSplitIntoTheirParts() throws {
    let parts = try PlantedEffect.parts(of: "delayed_care +0.1 if born_outside_uk = yes")
    #expect(parts.variable == "delayed_care" && parts.shift == 0.1)
    #expect(parts.condition == "born_outside_uk = yes" && parts.conditionColumn == 22)
    let plain = try PlantedEffect.parts(of: "  seek_care_likely   -1  ")
    #expect(plain.variable == "seek_care_likely" && plain.shift == -1 && plain.condition == nil)
    for bad in ["", "seek_care_likely", "seek_care_likely lots", "seek_care_likely -1 when x = 1", "1abc 2"] {
      #expect(throws: SimulationError.self, "\(bad)") { try PlantedEffect.parts(of: bad) }
    }
  }

  // MARK: Identifiers

  @Test func identifiersAppearOnlyWhenAskedForAndAreFromTestRanges() throws {
    let nhs = try Regex(#"\b999 ?[0-9]{3} ?[0-9]{4}\b"#)
    let patterns = [#"@example\.org"#, #"07700 900[0-9]{3}"#, #"\b[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}\b"#]
      .map { try? Regex($0) }
    let clean = try simulatedFile(SimulationPlan(survey: survey), n: 3000, seed: 9)
    #expect(!clean.contains(nhs))
    for case let p? in patterns { #expect(!clean.contains(p)) }

    let planted = try simulatedFile(SimulationPlan(survey: survey, identifierRate: 0.5), n: 3000, seed: 9)
    for case let p? in patterns { #expect(planted.contains(p)) }
    let numbers = planted.matches(of: nhs).map { planted[$0.range].filter { $0.isNumber } }
    #expect(numbers.count > 20)
    for number in numbers {
      let digits = number.compactMap { $0.wholeNumberValue }
      #expect(digits.count == 10)
      let total = zip(digits.prefix(9), (2...10).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
      let check = (11 - total % 11) % 11
      #expect(check != 10 && check == digits[9], "\(number) passes the modulus-11 check")
    }
  }
}

@Suite struct SimulationDistributionTests {
  /// Given shares replace the random ones: 20,000 respondents land within sampling error of them.
  @Test func givenSharesAreFollowed() throws {
    let plan = SimulationPlan(
      survey: shippedSurvey, distributions: ["sex": ["female": 0.7, "male": 0.3], "region": ["london": 1]])
    let (simulator, rows) = try simulate(plan, n: 20_000)
    let sex = try #require(simulator.variables.firstIndex { $0.name == "sex" })
    let region = try #require(simulator.variables.firstIndex { $0.name == "region" })
    let answered = rows.filter { if case .code = $0[sex] { true } else { false } }
    let female = answered.filter { $0[sex] == .code(1) }.count
    let share = Double(female) / Double(answered.count)
    // 0.7 ± 4 standard errors (0.0033 each).
    #expect(abs(share - 0.7) < 0.013, "\(share)")
    #expect(rows.allSatisfy { row in if case .code(let code) = row[region] { code == 7 } else { true } })
  }

  @Test func sharesMustNameRealAnswers() throws {
    var generator = SplitMix64(seed: 1)
    #expect(
      throws: SimulationError.invalidSetting("the distribution of 'sex' names 'other', which is not one of its answers")
    ) {
      _ = try Simulator(SimulationPlan(survey: shippedSurvey, distributions: ["sex": ["other": 1]]), using: &generator)
    }
    #expect(throws: SimulationError.self) {
      _ = try Simulator(
        SimulationPlan(survey: shippedSurvey, distributions: ["trust": ["agree": 1]]), using: &generator)
    }
    #expect(throws: SimulationError.self) {
      _ = try Simulator(SimulationPlan(survey: shippedSurvey, distributions: ["sex": ["female": 0]]), using: &generator)
    }
  }
}
