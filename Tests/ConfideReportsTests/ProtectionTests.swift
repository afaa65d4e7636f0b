import ConfideReports
import Testing

@Suite("Protection: the classic cases")
struct ProtectionTests {
  func cell(_ row: Int, _ column: Int, columns: Int) -> Int {
    DisclosureTable.twoWayIndex(row: row, column: column, columns: columns)
  }

  @Test("one small cell in a row with a total: the smallest other cell is hidden too")
  func oneSmallCell() throws {
    // cells 0–3 are categories, cell 4 the overall (125)
    let protected = try DisclosureTable.oneWay([3, 41, 56, 25]).protected()
    #expect(protected.suppressedCells == [0, 3])
    #expect(protected.disclosure(of: 0) == .primary)
    #expect(protected.disclosure(of: 3) == .secondary)
    #expect(protected.publishedBase(of: 0) == nil)
    #expect(protected.publishedBase(of: 4) == 125)
    #expect(protected.recoverableCells() == [])
    #expect(protected.footnote == DisclosureRule.standard.footnote)
  }

  @Test("two-way: hiding a second cell in the row forces a complement in each column")
  func twoWayRectangle() throws {
    let table = try DisclosureTable.twoWay([[3, 40, 50], [30, 35, 45], [20, 60, 70]])
    let protected = try table.protected()
    // (0, 0) is small. Publishing largest first, 40 cannot go (3 would be alone in row 0), then 35 cannot
    // (40 would be alone in column 1), then 30 cannot (35 alone in row 1); 20 can, as row 2 already fixes it.
    let hidden = [cell(0, 0, columns: 3), cell(0, 1, columns: 3), cell(1, 0, columns: 3), cell(1, 1, columns: 3)]
    #expect(protected.suppressedCells == hidden)
    #expect(protected.disclosure(of: cell(0, 0, columns: 3)) == .primary)
    #expect(protected.recoverableCells() == [])
    // every margin is still published
    for row in 0...3 { #expect(protected.publishedBase(of: cell(row, 3, columns: 3)) != nil) }
    for column in 0...3 { #expect(protected.publishedBase(of: cell(3, column, columns: 3)) != nil) }
  }

  @Test("a breakdown whose overall is itself below 10 hides everything")
  func smallOverall() throws {
    let protected = try DisclosureTable.oneWay([2, 3, 4]).protected()
    #expect(protected.suppressedCells == [0, 1, 2, 3])
    #expect(protected.cells.allSatisfy { $0 == .primary })
    #expect(protected.recoverableCells() == [])
  }

  @Test("a small row total in a two-way table needs a complement among the row totals")
  func smallRowTotal() throws {
    let table = try DisclosureTable.twoWay([[2, 3], [40, 50], [30, 20]])
    let protected = try table.protected()
    #expect(protected.disclosure(of: cell(0, 2, columns: 2)) == .primary)
    #expect(protected.recoverableCells() == [])
    #expect(protected.suppressedCells.contains(cell(2, 2, columns: 2)), "the smaller other row total")
    #expect(protected.publishedBase(of: cell(3, 2, columns: 2)) == 145, "the grand total stays")
  }

  @Test("two breakdowns of one total: each small cell gets a complement in its own breakdown")
  func twoBreakdowns() throws {
    // by ethnicity: cells 0–2; by age band: cells 3–5; overall: cell 6 (80)
    let table = try DisclosureTable.breakdowns([[4, 30, 46], [6, 34, 40]])
    let protected = try table.protected()
    #expect(protected.suppressedCells == [0, 1, 3, 4])
    #expect(protected.publishedBase(of: 6) == 80)
    #expect(protected.recoverableCells() == [])
  }

  @Test("when the only complement is a subtotal, the subtotal is hidden")
  func subtotalComplement() throws {
    // overall (cell 1, 20) = small cell 0 (3) + subtotal cell 2 (17); subtotal = cells 3 (8) + 4 (9)
    let table = try DisclosureTable(
      bases: [3, 20, 17, 8, 9],
      relations: [AdditiveRelation(total: 1, parts: [0, 2]), AdditiveRelation(total: 2, parts: [3, 4])])
    let protected = try table.protected()
    #expect(protected.suppressedCells == [0, 2, 3, 4])
    #expect(protected.disclosure(of: 2) == .secondary)
    #expect(protected.recoverableCells() == [])
  }

  @Test("nothing small: nothing hidden and no footnote")
  func nothingSmall() throws {
    let protected = try DisclosureTable.twoWay([[10, 40], [25, 11]]).protected()
    #expect(protected.suppressedCells == [])
    #expect(protected.footnote == nil)
  }

  @Test("threshold 0 hides nothing, not even empty cells")
  func thresholdZero() throws {
    let protected = try DisclosureTable.twoWay([[0, 1], [2, 40]]).protected(by: DisclosureRule(threshold: 0))
    #expect(protected.suppressedCells == [])
    #expect(protected.publishedBase(of: 0) == 0)
  }

  @Test("an empty cell is suppressed and protected like any small cell")
  func emptyCell() throws {
    let protected = try DisclosureTable.oneWay([0, 41, 56]).protected()
    #expect(protected.suppressedCells == [0, 1])
    #expect(protected.disclosure(of: 0) == .primary)
  }

  @Test("with secondary suppression off only small cells are hidden, and the check shows they are exposed")
  func secondaryOff() throws {
    let rule = DisclosureRule(secondarySuppression: false)
    let protected = try DisclosureTable.oneWay([3, 41, 56, 25]).protected(by: rule)
    #expect(protected.suppressedCells == [0])
    #expect(protected.recoverableCells() == [0])
    #expect(protected.footnote == "* not shown: fewer than 10 respondents")
  }

  @Test("a threshold from the plan changes which cells are small")
  func customThreshold() throws {
    let protected = try DisclosureTable.oneWay([3, 12, 56, 25]).protected(by: DisclosureRule(threshold: 20))
    #expect(protected.disclosure(of: 0) == .primary)
    #expect(protected.disclosure(of: 1) == .primary)
    #expect(protected.recoverableCells() == [])
    // the two small cells add up to 15, itself below 20, so the smallest other cell is hidden with them
    #expect(protected.suppressedCells == [0, 1, 3])
    #expect(protected.disclosure(of: 3) == .secondary)
  }

  @Test("a small cell that the relations alone pin down is reported, not silently published")
  func unprotectable() throws {
    // two breakdowns of cell 3: cells 0 + 1, and cells 0 + 1 + 2, so cell 2 must be empty
    let table = try DisclosureTable(
      bases: [20, 30, 0, 50],
      relations: [AdditiveRelation(total: 3, parts: [0, 1]), AdditiveRelation(total: 3, parts: [0, 1, 2])])
    #expect(throws: DisclosureError.unprotectable(cell: 2)) { try table.protected() }
  }

  /// Hidden cells are never negative, so two hidden cells that the published figures show add up to 0
  /// would both be known to be 0, although the exact linear check cannot work out either. Protection keeps
  /// the hidden parts of a published total adding up to at least the threshold.
  @Test("hidden cells that would add up to zero get a complement")
  func hiddenSumsStayAboveTheThreshold() throws {
    let table = try DisclosureTable.oneWay([0, 0, 40])
    let protected = try table.protected()
    #expect(protected.suppressedCells == [0, 1, 2])
    #expect(protected.disclosure(of: 2) == .secondary)
    #expect(protected.publishedBase(of: 3) == 40)
    #expect(protected.recoverableCells() == [])
  }
}
