import ConfideDiagnostics
import ConfideLanguage
import ConfideModel
import Testing

/// `fmt` changes only layout: formatting is idempotent, keeps every comment and leaves the
/// parsed survey unchanged.
@Suite struct FormatterTests {
  struct Case: CustomStringConvertible, Sendable {
    var name: String
    var text: String
    var description: String { name }
  }

  static var cases: [Case] {
    var out: [Case] = []
    for name in Repository.surveyFiles() {
      if let text = try? Repository.survey(name) { out.append(Case(name: "surveys/" + name, text: text)) }
    }
    for folder in ["valid", "diagnostics"] {
      for name in Fixtures.surveys(in: folder) {
        if let text = try? Fixtures.read(folder, name) { out.append(Case(name: folder + "/" + name, text: text)) }
      }
    }
    return out
  }

  static func comments(_ text: String) -> [String] {
    text.split(separator: "\n").compactMap { line in
      guard let i = line.firstIndex(of: "#"), !line[..<i].contains("\"") else { return nil }
      return String(line[i...])
    }
  }

  @Test(arguments: cases)
  func roundTrip(_ c: Case) throws {
    let parsed = SurveyParser.parse(c.text, file: c.name)
    // fmt refuses files with syntax errors; only layout-valid files are round-tripped.
    guard !parsed.diagnostics.contains(where: { $0.severity == .error && $0.id != .tabIndentation }) else { return }
    let once = Formatter.format(parsed.syntax)
    let twice = Formatter.format(SurveyParser.parse(once, file: c.name).syntax)
    #expect(once == twice, "fmt is not idempotent")
    let before = SurveyCompiler.compile(c.text, file: c.name)
    let after = SurveyCompiler.compile(once, file: c.name)
    #expect(before.survey == after.survey, "the parsed survey changed")
    // Formatting fixes tab indentation and nothing else.
    #expect(
      before.diagnostics.filter { $0.id != .tabIndentation }.map(\.message) == after.diagnostics.map(\.message))
    #expect(Self.comments(c.text) == Self.comments(once), "comments were lost or changed")
  }

  @Test func shippedSurveysAreFormatted() throws {
    for name in Repository.surveyFiles() {
      let text = try Repository.survey(name)
      #expect(Formatter.format(SurveyParser.parse(text, file: name).syntax) == text, "run confide fmt surveys/\(name)")
    }
  }

  @Test func canonicalLayout() throws {
    let messy = """
      # heading

      survey   s   # the id


      \ttitle "S"
        version 1
        languages en
      section a "A"
          question x integer
                "X"
                range 1 .. 9
                show if not(x=1)and x in{1,2 , 3}or count( y )>-2
      """
    let parsed = SurveyParser.parse(messy, file: "m")
    let formatted = Formatter.format(parsed.syntax)
    #expect(
      formatted == """
        # heading

        survey s # the id
          title "S"
          version 1
          languages en
        section a "A"
          question x integer
            "X"
            range 1..9
            show if not (x = 1) and x in {1, 2, 3} or count(y) > -2

        """)
  }
}
