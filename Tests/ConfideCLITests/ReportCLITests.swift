import Foundation
import Testing

/// `confide check` on plans, `confide report` and `confide demo`, run as a user would.
@Suite struct ReportCLITests {
  static let plan = CLI.repository.appendingPathComponent("analysis/chilling-effect.analysis").path

  @Test func theShippedPlanChecksClean() throws {
    let result = try CLI.run(["check", Self.plan])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
  }

  @Test func fmtFormatsPlans() throws {
    let check = try CLI.run(["fmt", "--check", Self.plan])
    #expect(check.status == 0, "\(check)")
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let original = try String(contentsOfFile: Self.plan, encoding: .utf8)
    // Extra spaces and blank lines are layout only: fmt restores the shipped text.
    let messy = original.replacingOccurrences(of: "  by born_outside_uk", with: "  by   born_outside_uk")
      .replacingOccurrences(of: "\nsection list", with: "\n\n\nsection list")
    let plan = try folder.write("messy.analysis", messy)
    #expect(try CLI.run(["fmt", "--check", plan]).status == 1)
    let formatted = try CLI.run(["fmt", "--stdout", plan])
    #expect(formatted.status == 0, "\(formatted)")
    #expect(formatted.stdout == original)
  }

  @Test func aPlanNamingAQuestionTheSurveyLacksFailsWithItsPosition() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let text = try String(contentsOfFile: Self.plan, encoding: .utf8)
      .replacingOccurrences(of: "../surveys/nhs-data-trust.survey", with: CLI.shipped("nhs-data-trust.survey"))
      .replacingOccurrences(
        of: "\"chilling-effect-margins.csv\"",
        with: "\"\(CLI.repository.appendingPathComponent("analysis/chilling-effect-margins.csv").path)\""
      )
      .replacingOccurrences(of: "items delayed_care, withheld_info", with: "items delayed_car, withheld_info")
    let plan = try folder.write("broken.analysis", text)
    let result = try CLI.run(["check", plan])
    #expect(result.status == 1, "\(result)")
    let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains("delayed_car,") }) + 1
    #expect(result.stderr.contains("broken.analysis:\(line):"), "\(result)")
    #expect(result.stderr.contains("delayed_care"), "a did-you-mean suggestion: \(result)")
    // The report refuses the plan the same way, before touching any store.
    let report = try CLI.run(["report", plan, "--db", folder.path("none.db")])
    #expect(report.status == 1, "\(report)")
  }

  /// The diagnostics of `confide check --format json` on a plan: id, file, line and column.
  static func diagnostics(_ plan: String) throws -> [(id: String, file: String, line: Int, column: Int)] {
    let result = try CLI.run(["check", "--format", "json", plan])
    #expect(result.status == 1, "\(result)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let list = try #require(object?["diagnostics"] as? [[String: Any]])
    return list.map {
      (
        ($0["id"] as? String) ?? "", ($0["file"] as? String) ?? "", ($0["line"] as? Int) ?? 0,
        ($0["column"] as? Int) ?? 0
      )
    }
  }

  /// The line of `text` (from 1) holding `fragment`, and the column (from 1) where it starts.
  static func position(of fragment: String, in text: String) throws -> (line: Int, column: Int) {
    let lines = text.components(separatedBy: "\n")
    let i = try #require(lines.firstIndex { $0.contains(fragment) })
    let column = try #require(lines[i].range(of: fragment)).lowerBound.utf16Offset(in: lines[i]) + 1
    return (i + 1, column)
  }

  @Test func aMissingMarginsFileIsAnErrorAtTheWeightingLine() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let text = try String(contentsOfFile: Self.plan, encoding: .utf8)
      .replacingOccurrences(of: "../surveys/nhs-data-trust.survey", with: CLI.shipped("nhs-data-trust.survey"))
    let plan = try folder.write("plan.analysis", text)
    let result = try CLI.run(["check", plan])
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr.contains(
        "cannot read the margins file 'chilling-effect-margins.csv' (looked for \(folder.path("chilling-effect-margins.csv")))"
      ),
      "\(result)")
    let at = try Self.position(of: "\"chilling-effect-margins.csv\"", in: text)
    let found = try Self.diagnostics(plan)
    #expect(found.count == 1)
    #expect(found.first?.id == "plan-margins-unreadable")
    #expect(found.first?.file == plan && found.first?.line == at.line && found.first?.column == at.column, "\(found)")
  }

  @Test func aMissingSurveyIsAnErrorAtTheSurveyLine() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let text = try String(contentsOfFile: Self.plan, encoding: .utf8)
      .replacingOccurrences(of: "../surveys/nhs-data-trust.survey", with: "nowhere.survey")
    let plan = try folder.write("plan.analysis", text)
    let result = try CLI.run(["check", plan])
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr.contains("cannot read the survey 'nowhere.survey' (looked for \(folder.path("nowhere.survey")))"),
      "\(result)")
    let at = try Self.position(of: "\"nowhere.survey\"", in: text)
    let found = try Self.diagnostics(plan)
    #expect(found.map(\.id) == ["plan-survey-unreadable"])
    #expect(found.first?.file == plan && found.first?.line == at.line && found.first?.column == at.column, "\(found)")
    // `report` refuses the plan the same way.
    #expect(try CLI.run(["report", plan, "--db", folder.path("none.db")]).status == 1)
  }

  @Test func aMalformedMarginsFileIsAnErrorInThatFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let text = try String(contentsOfFile: Self.plan, encoding: .utf8)
      .replacingOccurrences(of: "../surveys/nhs-data-trust.survey", with: CLI.shipped("nhs-data-trust.survey"))
    let plan = try folder.write("plan.analysis", text)
    let margins = try folder.write(
      "chilling-effect-margins.csv", "variable,level,population\nsex,1,100\nsex,2,not a number\n")
    let found = try Self.diagnostics(plan)
    #expect(found.map(\.id) == ["plan-margins-malformed"], "\(found)")
    #expect(found.first?.file == margins && found.first?.line == 3 && found.first?.column == 7, "\(found)")
  }

  @Test func reportWritesEveryFormatFromAStore() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let csv = folder.path("responses.csv")
    let simulated = try CLI.run([
      "simulate", CLI.shipped("nhs-data-trust.survey"), "--n", "600", "--seed", "5", "-o", csv,
    ])
    #expect(simulated.status == 0, "\(simulated)")
    let db = folder.path("store.db")
    let imported = try CLI.run(["import", csv, "--survey", CLI.shipped("nhs-data-trust.survey"), "--db", db])
    #expect(imported.status == 0, "\(imported)")

    let text = try CLI.run(["report", Self.plan, "--db", db])
    #expect(text.status == 0, "\(text)")
    #expect(text.stdout.contains("Trust in NHS data use and the chilling effect on care"))
    #expect(text.stdout.contains("Methods"))
    for line in text.stdout.split(separator: "\n") { #expect(line.count <= 100, "too wide: \(line)") }

    let json = try CLI.run(["report", Self.plan, "--db", db, "--format", "json", "-o", folder.path("r.json")])
    #expect(json.status == 0, "\(json)")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path("r.json"))))
    #expect((object as? [String: Any])?["schema"] as? String == "confide.report/1")

    let out = folder.path("tables")
    let csvReport = try CLI.run(["report", Self.plan, "--db", db, "--format", "csv", "-o", out])
    #expect(csvReport.status == 0, "\(csvReport)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(files.contains("behaviour.csv"), "\(files)")
    #expect(files.contains("seek_care.csv"), "\(files)")

    for format in ["markdown", "html", "latex"] {
      let result = try CLI.run(["report", Self.plan, "--db", db, "--format", format])
      #expect(result.status == 0, "\(format): \(result)")
      #expect(!result.stdout.isEmpty)
    }
    let noFolder = try CLI.run(["report", Self.plan, "--db", db, "--format", "csv"])
    #expect(noFolder.status == 2, "\(noFolder)")
  }

  @Test func reportWithoutAStoreIsAUsageError() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let result = try CLI.run(["report", Self.plan, "--db", folder.path("missing.db")])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("no response store"), "\(result)")
    #expect(!FileManager.default.fileExists(atPath: folder.path("missing.db")))
  }

  @Test func demoPrintsTheWholeReport() throws {
    let result = try CLI.run(["demo", "--n", "1500"], in: CLI.repository)
    #expect(result.status == 0, "\(result)")
    for heading in [
      "Headline", "Who took part", "Privacy-protective behaviour in the past 12 months", "Trust and privacy concern",
      "The vignette experiment", "The list experiment", "What goes with withholding information", "Methods",
    ] {
      #expect(result.stdout.contains(heading + "\n"), "missing \(heading)")
    }
    let words = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(words.contains("percentage points lower"), "the planted chilling effect: \(result.stdout.prefix(800))")
    #expect(result.stderr.contains("quarantined 0"), "\(result.stderr)")
  }

  @Test func demoPrintsItsPlantedEffectsInTheLanguageSimulateReads() throws {
    let printed = try CLI.run(["demo", "--print-effects"], in: CLI.repository)
    #expect(printed.status == 0, "\(printed)")
    let effects = printed.stdout.split(separator: "\n").map(String.init)
    #expect(effects.count >= 5 && effects.contains("seek_care_likely -0.6 if framing = enforcement"), "\(printed)")
    // The benchmark passes them to `confide simulate`, which must take every one.
    let folder = try TemporaryFolder()
    let simulated = try CLI.run(
      ["simulate", "surveys/nhs-data-trust.survey", "--n", "50", "-o", folder.path("r.csv")]
        + effects.flatMap { ["--effect", $0] }, in: CLI.repository)
    #expect(simulated.status == 0, "\(simulated)")
  }
}
