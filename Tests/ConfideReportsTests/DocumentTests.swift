import ConfideReports
import Testing

@Suite struct DocumentTests {
  @Test func hiddenCellsBecomeSuppressedAndTheFootnoteIsAddedOnce() throws {
    let table = try ExampleReport.prevalenceTable()
    let protected = try DisclosureTable.twoWay(ExampleReport.bases).protected(by: .standard)
    let suppressed = table.rows.flatMap(\.cells).filter(\.isSuppressed)
    #expect(!suppressed.isEmpty)
    #expect(table.rows[2].cells[1] == .suppressed)
    #expect(table.footnotes.filter { $0 == protected.rule.footnote }.count == 1)
    var again = table
    try again.applyDisclosure(
      protected,
      layout: (0...3).map { row in (0...1).map { DisclosureTable.twoWayIndex(row: row, column: $0, columns: 2) } })
    #expect(again.footnotes == table.footnotes)
  }

  @Test func aLayoutPointingAtTheWrongCellsIsRejected() throws {
    var table = try ExampleReport.prevalenceTable()
    let protected = try DisclosureTable.twoWay(ExampleReport.bases).protected(by: .standard)
    // 35–54 born in the UK pointed at 35–54 born outside the UK, a published cell with another base
    var layout: [[Int?]] = Array(repeating: [nil, nil], count: 4)
    layout[1][0] = DisclosureTable.twoWayIndex(row: 1, column: 1, columns: 2)
    #expect(throws: ReportError.baseMismatch(table: table.id, row: 1, group: 0)) {
      try table.applyDisclosure(protected, layout: layout)
    }
    #expect(throws: ReportError.layoutMismatch(table: table.id, row: nil)) {
      try table.applyDisclosure(protected, layout: [])
    }
  }

  @Test func cellFromAProtectedTable() throws {
    let protected = try DisclosureTable.oneWay([6, 41, 47]).protected(by: .standard)
    let figure = Figure(kind: .count, estimate: 6, unweightedBase: 6)
    #expect(ReportCell(figure, cell: 0, of: protected) == .suppressed)
    #expect(ReportCell(figure, cell: 3, of: protected) == .figure(figure))
  }
}
