import ConfideDiagnostics
import ConfideLanguage
import ConfideModel
import Testing

/// `confide fmt` on plan files changes only layout: the shipped plan is already canonical,
/// formatting is idempotent, keeps every comment and leaves the parsed plan unchanged.
@Suite struct AnalysisFormatterTests {
  struct Case: CustomStringConvertible, Sendable {
    var name: String
    var text: String
    var description: String { name }
  }

  static var cases: [Case] {
    var out: [Case] = []
    if let text = try? Repository.text("analysis/chilling-effect.analysis") {
      out.append(Case(name: "analysis/chilling-effect.analysis", text: text))
    }
    for folder in PlanFixtures.folders {
      for name in Fixtures.files(in: folder, suffix: ".analysis") {
        if let text = try? Fixtures.read(folder, name) { out.append(Case(name: folder + "/" + name, text: text)) }
      }
    }
    return out
  }

  @Test func shippedPlanIsFormatted() throws {
    let text = try Repository.text("analysis/chilling-effect.analysis")
    #expect(AnalysisCompiler.format(text, file: "chilling-effect.analysis") == text, "run confide fmt on the plan")
  }

  @Test(arguments: cases)
  func roundTrip(_ c: Case) throws {
    let parsed = AnalysisParser.parse(c.text, file: c.name)
    // fmt refuses files with syntax errors; only layout-valid files are round-tripped.
    let layout: Set<DiagnosticID> = [.syntax, .inconsistentIndentation]
    guard !parsed.diagnostics.contains(where: { layout.contains($0.id) }) else { return }
    let once = AnalysisCompiler.format(c.text, file: c.name)
    #expect(AnalysisCompiler.format(once, file: c.name) == once, "fmt is not idempotent")
    let after = AnalysisParser.parse(once, file: c.name)
    #expect(after.plan == parsed.plan, "the parsed plan changed")
    #expect(
      parsed.diagnostics.filter { $0.id != .tabIndentation }.map(\.message) == after.diagnostics.map(\.message))
    #expect(FormatterTests.comments(c.text) == FormatterTests.comments(once), "comments were lost or changed")
  }

  @Test func canonicalLayout() throws {
    let messy = """
      # heading

      analysis   p   # the id
         title "P"
         survey "s.survey"


      weighting rake "m.csv"
          by a,b ,c
          trim 0.2   5
      section s "S"
            table t prevalence
              "T"
              items x,y
              note "a note" # why
      """
    #expect(
      AnalysisCompiler.format(messy, file: "m")
        == """
        # heading

        analysis p # the id
          title "P"
          survey "s.survey"

        weighting rake "m.csv"
          by a, b, c
          trim 0.2 5
        section s "S"
          table t prevalence
            "T"
            items x, y
            note "a note" # why

        """)
  }
}
