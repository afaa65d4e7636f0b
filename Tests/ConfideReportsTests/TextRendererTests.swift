import ConfideReports
import ConfideStatistics
import Foundation
import Testing

@Suite struct TextRendererTests {
  @Test func linesFitIn100Columns() throws {
    let text = TextRenderer().render(try ExampleReport.document())
    for line in text.split(separator: "\n") {
      #expect(line.count <= 100, "line too long: \(line)")
    }
  }

  @Test func wideTablesSplitIntoPanelsThatFit() {
    let figure = Figure(
      kind: .proportion, estimate: 0.5, interval: ConfidenceInterval(lower: 0.45, upper: 0.55, level: 0.95),
      unweightedBase: 1_234)
    let groups = ["North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands"]
    let table = ReportTable(
      id: "regions", title: "By region",
      rowVariable: "A rather long row variable name that needs wrapping in the label column",
      columnGroups: groups.map { ColumnGroup(header: $0, columns: [.estimate, .interval, .base, .weightedBase]) },
      rows: [
        ReportRow(
          label: "A very long label indeed, much longer than any label column could hold on one line of text",
          level: 2, cells: groups.map { _ in .figure(figure) })
      ])
    let text = TextRenderer().render(table)
    #expect(text.contains("(1 of "))
    for line in text.split(separator: "\n") {
      #expect(line.count <= 100, "line too long: \(line)")
    }
  }

  @Test func numbersAreRightAlignedAndMinusIsTypographic() throws {
    let text = TextRenderer().render(ExampleReport.effectsTable())
    let lines = text.split(separator: "\n").map(String.init)
    let homeOffice = try #require(lines.first { $0.hasPrefix("Home Office") })
    let university = try #require(lines.first { $0.hasPrefix("University") })
    #expect(homeOffice.contains("\u{2212}9.4  (\u{2212}13.7 to \u{2212}5.1)"))
    #expect(homeOffice.hasSuffix("<0.001"))
    // Right alignment: the estimate columns end at the same place.
    let end = { (line: String, value: String) in
      line.range(of: value).map { line.distance(from: line.startIndex, to: $0.upperBound) }
    }
    #expect(end(homeOffice, "\u{2212}9.4") == end(university, "1.3"))
  }

  @Test func headingsAreUnderlined() throws {
    let lines = TextRenderer().render(try ExampleReport.document()).split(separator: "\n").map(String.init)
    #expect(lines[0] == "Patient trust and NHS data sharing")
    #expect(lines[1] == String(repeating: "=", count: lines[0].count))
    let methods = try #require(lines.firstIndex(of: "Methods"))
    #expect(lines[methods + 1] == "-------")
  }
}
