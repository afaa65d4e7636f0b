import ConfideReports
import Testing

/// A suppressed cell is never recoverable from any output: its figure is not in the document at all.
@Suite struct SuppressionTests {
  /// The hidden figure's digits as any renderer might print them: scaled and rounded, or raw.
  static let hiddenStrings = ["83.7", "0.837261", "43.7", "97.3", "0.436918", "0.972753", "83.73", "0.8373"]

  static func outputs() throws -> [(String, String)] {
    let document = try ExampleReport.document()
    var outputs = [
      ("text", TextRenderer().render(document)), ("markdown", MarkdownRenderer().render(document)),
      ("json", JSONRenderer().render(document)), ("latex", LaTeXRenderer().render(document)),
    ]
    outputs += CSVRenderer().render(document).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    return outputs
  }

  @Test func theHiddenFigureIsNotInTheDocument() throws {
    let table = try ExampleReport.prevalenceTable()
    #expect(table.rows[2].cells[1] == .suppressed)
    let figures = table.rows.flatMap(\.cells).compactMap(\.figure)
    #expect(!figures.contains { $0.estimate == ExampleReport.hiddenEstimate })
    #expect(!figures.contains { $0.unweightedBase == 6 })
  }

  @Test func noOutputPrintsAHiddenValue() throws {
    for (format, output) in try Self.outputs() {
      for hidden in Self.hiddenStrings {
        #expect(!output.contains(hidden), "\(format) output contains the hidden value \(hidden)")
      }
    }
  }

  @Test func suppressedCSVRowsHaveNoNumbers() throws {
    let csv = CSVRenderer().render(try ExampleReport.prevalenceTable())
    let lines = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let header = lines[0].map(String.init)
    let suppressedColumn = try #require(header.firstIndex(of: "suppressed"))
    let numeric = ["estimate", "se", "ci_lower", "ci_upper", "ci_level", "n", "weighted_n", "statistic", "p_value"]
    let hidden = lines.dropFirst().filter { $0[suppressedColumn] == "true" }
    #expect(hidden.count == 4)
    for line in hidden {
      for name in numeric {
        let column = try #require(header.firstIndex(of: name))
        #expect(line[column].isEmpty, "suppressed row has a value for \(name)")
      }
    }
  }

  @Test func theMarkerIsPrintedWhereTheFigureWouldBe() throws {
    let text = TextRenderer().render(try ExampleReport.prevalenceTable())
    let row = try #require(text.split(separator: "\n").first { $0.contains("55 and over") })
    #expect(row.filter { $0 == "*" }.count == 6)
    let markdown = MarkdownRenderer().render(try ExampleReport.prevalenceTable())
    #expect(markdown.contains("| &nbsp;&nbsp;55 and over | \\* | \\* | \\* | \\* | \\* | \\* |"))
  }
}
