import ConfideDiagnostics
import ConfideLanguage
import ConfideModel
import Testing

/// The shipped plan reads into the values the report runner relies on, and checks clean
/// against the shipped survey and margins file.
@Suite struct AnalysisParserTests {
  static let planFile = "chilling-effect.analysis"
  static let planText = (try? Repository.text("analysis/chilling-effect.analysis")) ?? ""

  static func survey() throws -> Survey {
    let text = try Repository.survey("nhs-data-trust.survey")
    return SurveyCompiler.compile(text, file: "nhs-data-trust.survey").survey
  }

  static func compile() throws -> CompiledPlan {
    let margins = MarginsCSV.levels(try Repository.text("analysis/chilling-effect-margins.csv"))
    return AnalysisCompiler.compile(planText, file: planFile, survey: try survey(), marginLevels: margins)
  }

  /// The 1-based number of the plan's first line containing `text`.
  static func line(containing text: String) -> Int? {
    planText.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }.map { $0 + 1 }
  }

  static func table(_ id: String) throws -> PlanTable {
    try #require(try compile().plan.tables.first { $0.id == id }, "no table \(id)")
  }

  @Test func shippedPlanChecksClean() throws {
    let compiled = try Self.compile()
    let rendered = DiagnosticRenderer(sources: [Self.planFile: Self.planText]).render(compiled.diagnostics)
    #expect(compiled.diagnostics.isEmpty, "\(rendered)")
    #expect(!compiled.hasErrors)
  }

  @Test func shippedPlanChecksCleanWithoutTheSurvey() throws {
    let compiled = AnalysisCompiler.compile(Self.planText, file: Self.planFile, survey: nil)
    #expect(compiled.diagnostics.isEmpty, "\(compiled.diagnostics.map(\.message))")
  }

  @Test func header() throws {
    let plan = try Self.compile().plan
    #expect(plan.id == "chilling_effect")
    #expect(plan.title == "Trust in NHS data use and the chilling effect on care")
    #expect(plan.surveyPath == "../surveys/nhs-data-trust.survey")
    #expect(plan.description?.hasPrefix("Whether concern about who runs") == true)
    #expect(plan.surveySpan.range?.start.line == Self.line(containing: "survey \""))
    #expect(plan.sections.map(\.id) == ["sample", "behaviour", "attitudes", "experiment", "list", "withholding"])
    #expect(plan.sections[0].heading == "Who took part")
    #expect(plan.sections[1].text?.hasPrefix("Shares of people") == true)
    #expect(
      plan.tables.map(\.id) == [
        "composition", "behaviour", "trust_items", "concern_scale", "seek_care", "disclose", "avoided_immigration",
        "withholding_odds",
      ])
  }

  @Test func weightingDisclosureAndDefaults() throws {
    let plan = try Self.compile().plan
    guard case .calibrated(let calibration) = plan.weighting else {
      Issue.record("expected calibration, got \(plan.weighting)")
      return
    }
    #expect(calibration.method == .rake)
    #expect(calibration.marginsPath == "chilling-effect-margins.csv")
    #expect(calibration.variables.map(\.name) == ["age_band", "sex", "region"])
    #expect(calibration.trim == 0.2...5)
    #expect(calibration.trimSpan.range?.start.line == Self.line(containing: "trim 0.2 5"))
    #expect(plan.design == PlanDesign())
    #expect(plan.disclosure == PlanDisclosure(threshold: 10, secondarySuppression: true))
    #expect(plan.defaults == TableOptions.builtIn)
  }

  @Test func compositionPrevalenceLikertAndScale() throws {
    #expect(
      try Self.table("composition").analysis
        == .composition(items: [
          "age_band", "sex", "region", "ethnicity", "born_outside_uk", "long_term_condition",
        ]))
    let behaviour = try Self.table("behaviour")
    #expect(
      behaviour.analysis
        == .prevalence(items: ["delayed_care", "withheld_info", "asked_not_record"], positive: [], test: true))
    #expect(behaviour.by == ["born_outside_uk", "ethnicity", "age_band", "long_term_condition"])
    #expect(behaviour.chart)
    #expect(behaviour.title == "Privacy-protective behaviour, overall and by group")
    #expect(try Self.table("trust_items").analysis == .likert(items: ["trust"]))
    let scale = try Self.table("concern_scale")
    #expect(scale.analysis == .scale(construct: "privacy_concern"))
    #expect(scale.options == TableOptions(decimals: 2))
    #expect(!scale.chart)
  }

  @Test func vignetteTable() throws {
    let table = try Self.table("seek_care")
    guard case .vignette(let vignette) = table.analysis else {
      Issue.record("expected a vignette table, got \(table.analysis)")
      return
    }
    #expect(vignette.experiment == "framing")
    #expect(vignette.outcome == "seek_care_likely")
    #expect(vignette.positive == ["fairly_likely", "very_likely"])
    #expect(vignette.reference == nil)
    #expect(vignette.headline == "enforcement")
    #expect(vignette.armLabels["care_team"] == "Seen only by the care team")
    #expect(vignette.armLabels["enforcement"] == "The firm also builds immigration-enforcement systems")
    #expect(vignette.armLabels.count == 4)
    #expect(vignette.armLabelSpans["research"]?.range?.start.line == Self.line(containing: "label research"))
    #expect(table.by == ["born_outside_uk"])
    #expect(table.chart)
    guard case .vignette(let other) = try Self.table("disclose").analysis else { return }
    #expect(other.headline == nil)
  }

  @Test func listAndOddsTables() throws {
    #expect(
      try Self.table("avoided_immigration").analysis
        == .list(PlanList(experiment: "list_experiment", outcome: "list_count", headline: false)))
    let odds = try Self.table("withholding_odds")
    guard case .odds(let settings) = odds.analysis else {
      Issue.record("expected an odds table, got \(odds.analysis)")
      return
    }
    #expect(settings.outcome == "withheld_info")
    #expect(settings.positive.isEmpty)
    #expect(
      settings.predictors == [
        "privacy_concern", "born_outside_uk", "ethnicity", "age_band", "sex", "long_term_condition",
      ])
    #expect(
      settings.references == [
        PlanReference(variable: "born_outside_uk", choice: "no"), PlanReference(variable: "ethnicity", choice: "white"),
        PlanReference(variable: "age_band", choice: "age_16_24"),
        PlanReference(variable: "long_term_condition", choice: "no"),
      ])
    let ageBand = try #require(settings.references.first { $0.variable.name == "age_band" })
    #expect(ageBand.choice.span.range?.start.line == Self.line(containing: "reference age_band"))
  }

  /// Names carry where they were written, so the checker and the runner can point at them.
  @Test func namesCarryTheirPositions() throws {
    let composition = try Self.table("composition")
    guard case .composition(let items) = composition.analysis else { return }
    let sex = try #require(items.first { $0.name == "sex" }?.span.range)
    let itemsLine = try #require(Self.line(containing: "items age_band, sex, region"))
    #expect(sex.start == SourceLocation(file: Self.planFile, line: itemsLine, column: 21))
    #expect(sex.end.column == 24)
    #expect(composition.span.range?.start.line == Self.line(containing: "table composition"))
  }

  /// Problems in one table do not stop the parser: every table is read and every error reported.
  @Test func recoversAfterErrors() throws {
    let text = """
      analysis p
        title "P"
        survey "../surveys/nhs-data-trust.survey"

      section s "S"
        table a prevalance
          "A"
        table b composition
          items age_band, "sex"
        table c crosstab
          "C"
          rows age_band
          columns sex
          decimals 12
      """
    let compiled = AnalysisCompiler.compile(text, file: "p.analysis", survey: try Self.survey())
    let lines = compiled.diagnostics.map(\.location.line)
    #expect(Set(lines).isSuperset(of: [6, 8, 9, 14]), "\(compiled.diagnostics.map { "\($0.location) \($0.message)" })")
    #expect(compiled.plan.tables.map(\.id) == ["b", "c"])
    #expect(compiled.plan.tables.last?.analysis == .crosstab(rows: "age_band", columns: "sex"))
  }
}

/// The valid fixture that uses every statement reads into the values it spells out.
@Suite struct AnalysisEveryKindTests {
  @Test func everyStatementIsRead() throws {
    let (_, compiled) = try PlanFixtures.compile("analysis-valid", "every-kind.analysis")
    let plan = compiled.plan
    #expect(plan.weighting == .variable("design_weight"))
    #expect(plan.design == PlanDesign(strata: "region", clusters: "practice"))
    #expect(plan.disclosure == PlanDisclosure(threshold: 0, secondarySuppression: false))
    #expect(plan.defaults == TableOptions(confidence: 99.5, adjustment: .bh, decimals: 0))
    let tables = Dictionary(uniqueKeysWithValues: plan.tables.map { ($0.id, $0) })
    #expect(tables.count == 9)
    #expect(tables["agreement"]?.notes == ["Agree with each statement.", "Weighted by the design weight."])
    #expect(
      tables["agreement"]?.analysis == .prevalence(items: ["trust", "a1", "a2"], positive: ["agree"], test: true))
    #expect(tables["attitudes"]?.options == TableOptions(adjustment: TableOptions.Adjustment.none))
    #expect(
      tables["visits"]?.analysis
        == .vignette(
          PlanVignette(
            experiment: "framing", outcome: "visits", reference: "detailed", armLabels: ["plain": "Kept by the GP"],
            headline: "plain")))
    #expect(tables["likely"]?.options == TableOptions(confidence: 90, decimals: 3))
    #expect(tables["tally"]?.analysis == .list(PlanList(experiment: "items_list", outcome: "tally", headline: true)))
    #expect(
      tables["trust_odds"]?.analysis
        == .odds(
          PlanOdds(
            outcome: "trust", positive: ["agree"], predictors: ["visits", "region", "attitude", "tally"],
            references: [PlanReference(variable: "region", choice: "south")])))
    #expect(tables["cross"]?.analysis == .crosstab(rows: "region", columns: "worried"))
  }

  @Test func poststratificationWithTrimming() throws {
    let (_, compiled) = try PlanFixtures.compile("analysis-valid", "poststratify.analysis")
    guard case .calibrated(let calibration) = compiled.plan.weighting else {
      Issue.record("expected calibration")
      return
    }
    #expect(calibration.method == .poststratify)
    #expect(calibration.variables == ["region"])
    #expect(calibration.trim == 0.5...3)
    #expect(compiled.plan.disclosure.threshold == 5)
  }
}

/// Every `analysis` example in `docs/analysis-language.md` checks clean against the shipped
/// survey: a complete plan as written, a table inside a minimal header and section.
@Suite struct AnalysisDocumentationTests {
  static func examples() throws -> [String] {
    let text = try Repository.text("docs/analysis-language.md")
    var out: [String] = []
    var current: [Substring]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == nil, line == "```analysis" {
        current = []
      } else if current != nil, line == "```" {
        out.append((current ?? []).joined(separator: "\n") + "\n")
        current = nil
      } else {
        current?.append(line)
      }
    }
    return out
  }

  /// The diagnostics tables list every `plan-` id a plan can be reported with, and nothing else.
  @Test func everyDiagnosticIDIsDocumented() throws {
    let text = try Repository.text("docs/analysis-language.md")
    let documented = Set(
      text.split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix("| `plan-"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
        return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
      })
    let shared: Set<String> = ["syntax", "unknown-keyword", "tab-indentation", "inconsistent-indentation"]
    let reported = Set((DiagnosticID.analysisLanguage + DiagnosticID.analysisFiles).map(\.rawValue))
    #expect(documented == reported.subtracting(shared), "listed but not reported, or reported but not listed")
    for id in shared { #expect(text.contains("`\(id)`"), "the shared id \(id) is named") }
  }

  @Test func examplesCheckClean() throws {
    let examples = try Self.examples()
    #expect(examples.count >= 5)
    let survey = try AnalysisParserTests.survey()
    let margins = MarginsCSV.levels(try Repository.text("analysis/chilling-effect-margins.csv"))
    for example in examples {
      let text =
        example.hasPrefix("analysis ")
        ? example
        : "analysis example\n  title \"Example\"\n  survey \"nhs-data-trust.survey\"\n\nsection s \"S\"\n"
          + example.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
          .joined(separator: "\n")
      let compiled = AnalysisCompiler.compile(text, file: "example.analysis", survey: survey, marginLevels: margins)
      #expect(compiled.diagnostics.isEmpty, "\(compiled.diagnostics.map(\.message))\n\(text)")
    }
  }
}
