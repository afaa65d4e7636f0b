import ConfideAnalysis
import ConfideModel
import ConfideReports
import ConfideStatistics
import ConfideStore
import Foundation
import Testing

/// R's figures for the shipped plan on the committed sample (Fixtures/make-chilling-report.R).
struct RFigures {
  private var values: [String: Double] = [:]

  init() throws {
    let text = try String(
      contentsOf: Repository.fixtures.appendingPathComponent("chilling-report-expected.csv"), encoding: .utf8)
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
      let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
      values[fields[0] + "|" + fields[1]] = Double(fields[2])
    }
  }

  func value(_ figure: String, _ statistic: String) throws -> Double {
    try #require(values[figure + "|" + statistic], "R gave no \(statistic) for \(figure)")
  }

  func has(_ figure: String) -> Bool { values[figure + "|estimate"] != nil }
}

/// Compares `figure` with R's estimate and interval (and n, when R gives it).
func expectMatches(_ cell: ReportCell, _ r: RFigures, _ key: String, tolerance: Double = 1e-9) throws {
  guard case .figure(let figure) = cell else {
    // A hidden cell: R's base must be one the rule hides, or one hidden to protect another.
    return
  }
  let estimate = try r.value(key, "estimate")
  #expect(
    abs(figure.estimate - estimate) <= tolerance * max(1, abs(estimate)), "\(key): \(figure.estimate) vs \(estimate)")
  if let interval = figure.interval {
    let lower = try r.value(key, "lower")
    let upper = try r.value(key, "upper")
    #expect(
      abs(interval.lower - lower) <= tolerance * max(1, abs(lower)), "\(key) lower: \(interval.lower) vs \(lower)")
    #expect(
      abs(interval.upper - upper) <= tolerance * max(1, abs(upper)), "\(key) upper: \(interval.upper) vs \(upper)")
  }
}

@Suite struct AgainstRTests {
  let groups = ["born_outside_uk", "ethnicity", "age_band", "long_term_condition"]

  @Test func importsTheWholeSampleAndWeightsItAsR() throws {
    let (document, summary, _) = try SampleReport.get()
    #expect(summary.accepted == 3_000)
    #expect(summary.quarantined == 0)
    let r = try RFigures()
    let composition = try document.table("composition")
    let all = try #require(composition.rows.first?.cells.first?.figure)
    #expect(all.unweightedBase == Int(try r.value("sample", "n")))
    #expect(abs((all.weightedBase ?? 0) - (try r.value("weights", "sum"))) < 1e-6)
  }

  @Test func prevalencesMatchSurveyPackage() throws {
    let (document, _, shipped) = try SampleReport.get()
    let r = try RFigures()
    let table = try document.table("behaviour")
    let items = ["delayed_care", "withheld_info", "asked_not_record"]
    var compared = 0
    // svyciprop's logit estimate and interval come from glm's IRLS, which stops at a relative change
    // of 1e-8, so they are compared at that precision; the exact weighted proportion (svymean) must
    // agree to rounding.
    func compare(_ cell: ReportCell, _ key: String) throws {
      try expectMatches(cell, r, key, tolerance: 1e-8)
      if let figure = cell.figure {
        let exact = try r.value(key, "mean")
        #expect(abs(figure.estimate - exact) < 1e-13, "\(key): \(figure.estimate) vs svymean \(exact)")
      }
    }
    for (column, item) in items.enumerated() {
      try compare(try table.cells("All respondents")[column], "prevalence \(item) all")
      for group in groups {
        let variable = try #require(shipped.survey.variables.first { $0.name == group })
        let heading = try #require(shipped.survey.question(group)?.label)
        for choice in variable.list?.choices ?? [] where !choice.isMissing {
          let key = "prevalence \(item) \(group) \(choice.code)"
          guard r.has(key) else { continue }
          let cell = try table.cells(choice.label.text(in: "en", fallback: choice.name), under: heading)[column]
          try compare(cell, key)
          if case .figure(let figure) = cell {
            #expect(figure.unweightedBase == Int(try r.value(key, "n")))
            compared += 1
          }
        }
      }
    }
    // Every group of the sample is large enough to publish: 3 items × 16 groups.
    #expect(compared == 48)
  }

  @Test func vignetteEffectsMatchSurveyPackage() throws {
    let (document, _, _) = try SampleReport.get()
    let r = try RFigures()
    let labels = [
      "care_team": "Seen only by the care team (reference)", "research": "Also used for planning and research",
      "private_platform": "Also on a platform run by a private firm",
      "enforcement": "The firm also builds immigration-enforcement systems",
    ]
    for (id, outcome) in [("seek_care", "seek_care_likely"), ("disclose", "disclose_likely")] {
      let table = try document.table(id)
      for (arm, label) in labels {
        let cells = try table.cells(label)
        let share = try #require(cells[0].figure)
        #expect(abs(share.estimate - (try r.value("vignette \(outcome) share \(arm)", "estimate"))) < 1e-10)
        #expect(abs(share.standardError! - (try r.value("vignette \(outcome) share \(arm)", "se"))) < 1e-10)
        guard arm != "care_team" else { continue }
        let key = "vignette \(outcome) effect \(arm)"
        try expectMatches(cells[1], r, key)
        let effect = try #require(cells[1].figure)
        #expect(abs(effect.standardError! - (try r.value(key, "se"))) < 1e-10)
        #expect(abs(effect.pValue! - (try r.value(key, "p"))) < 1e-9)
        #expect(abs(effect.adjustedPValue! - (try r.value(key, "p_holm"))) < 1e-9)
      }
    }
  }

  @Test func listExperimentMatchesSurveyPackage() throws {
    let (document, _, shipped) = try SampleReport.get()
    let r = try RFigures()
    let table = try document.table("avoided_immigration")
    try expectMatches(try table.cells("All respondents")[0], r, "list all")
    var compared = 0
    for group in groups {
      let variable = try #require(shipped.survey.variables.first { $0.name == group })
      let heading = try #require(shipped.survey.question(group)?.label)
      for choice in variable.list?.choices ?? [] where !choice.isMissing {
        let key = "list \(group) \(choice.code)"
        guard r.has(key) else { continue }
        let cell = try table.cells(choice.label.text(in: "en", fallback: choice.name), under: heading)[0]
        try expectMatches(cell, r, key)
        if cell.figure != nil { compared += 1 }
      }
    }
    #expect(compared == 16)
  }

  @Test func oddsRatiosMatchSurveyPackage() throws {
    let (document, _, shipped) = try SampleReport.get()
    let r = try RFigures()
    let table = try document.table("withholding_odds")
    func label(_ variable: String, _ name: String) throws -> String {
      let v = try #require(shipped.survey.variables.first { $0.name == variable })
      return try #require(v.choice(named: name)).label.text(in: "en", fallback: name)
    }
    func heading(_ variable: String) throws -> String { try #require(shipped.survey.question(variable)?.label) }
    var expected: [(String, String?, String)] = [
      ("odds concern", nil, "Privacy concern (per point)"),
      ("odds born_fyes", try heading("born_outside_uk"), try label("born_outside_uk", "yes")),
      ("odds sex_fmale", try heading("sex"), try label("sex", "male")),
      ("odds ltc_fyes", try heading("long_term_condition"), try label("long_term_condition", "yes")),
    ]
    for name in ["asian", "black", "mixed", "other"] {
      expected.append(("odds ethnicity_f\(name)", try heading("ethnicity"), try label("ethnicity", name)))
    }
    for name in ["age_25_34", "age_35_44", "age_45_54", "age_55_64", "age_65_74", "age_75_plus"] {
      expected.append(("odds age_f\(name)", try heading("age_band"), try label("age_band", name)))
    }
    for (key, heading, row) in expected {
      let cell = try table.cells(row, under: heading)[0]
      try expectMatches(cell, r, key, tolerance: 1e-8)
      if let figure = cell.figure { #expect(abs(figure.pValue! - (try r.value(key, "p"))) < 1e-8) }
    }
  }

  @Test func headlineStatesTheEnforcementEffectWithItsInterval() throws {
    let (document, _, _) = try SampleReport.get()
    let r = try RFigures()
    let headline = try #require(
      document.sections.first?.blocks.compactMap { block -> Headline? in
        if case .headline(let headline) = block { return headline }
        return nil
      }.first)
    let effect = try r.value("vignette seek_care_likely effect enforcement", "estimate")
    #expect(abs((headline.figure?.estimate ?? 0) - effect) < 1e-10)
    let points = String(format: "%.1f", abs(effect) * 100)
    #expect(headline.statement.contains("\(points) percentage points lower"), "\(headline.statement)")
    #expect(headline.statement.contains("95% CI"))
  }
}
