import ConfideReports
import Testing

@Suite struct RendererGoldenTests {
  @Test func text() throws {
    try assertMatchesGolden(TextRenderer().render(try ExampleReport.document()), named: "example.txt")
  }

  @Test func markdown() throws {
    try assertMatchesGolden(MarkdownRenderer().render(try ExampleReport.document()), named: "example.md")
  }

  @Test func csv() throws {
    let files = CSVRenderer().render(try ExampleReport.document())
    #expect(
      files.keys.sorted() == [
        "delayed-care-by-birthplace.csv", "delayed-care-chart.csv", "trust-to-handle-records.csv",
        "vignette-effects-chart.csv", "vignette-effects.csv", "withheld-information.csv",
      ])
    for (name, contents) in files { try assertMatchesGolden(contents, named: name) }
  }

  @Test func json() throws {
    try assertMatchesGolden(JSONRenderer().render(try ExampleReport.document()), named: "example.json")
  }

  @Test func html() throws {
    try assertMatchesGolden(HTMLRenderer().render(try ExampleReport.document()), named: "example.html")
  }

  @Test func latex() throws {
    try assertMatchesGolden(LaTeXRenderer().render(try ExampleReport.document()), named: "example.tex")
  }
}
