import ConfideReports
import Testing

@Suite("DisclosureTable")
struct DisclosureTableTests {
  @Test("a two-way table numbers cells row-major with margins last")
  func twoWayLayout() throws {
    let table = try DisclosureTable.twoWay([[1, 2, 3], [4, 5, 6]])
    #expect(table.cellCount == 12)
    #expect(table.bases == [1, 2, 3, 6, 4, 5, 6, 15, 5, 7, 9, 21])
    #expect(table.relations.count == 7)
    #expect(DisclosureTable.twoWayIndex(row: 2, column: 3, columns: 3) == 11)
  }

  @Test("breakdowns share one overall, the last cell")
  func breakdownsLayout() throws {
    let table = try DisclosureTable.breakdowns([[3, 7], [4, 2, 4]])
    #expect(table.bases == [3, 7, 4, 2, 4, 10])
    #expect(
      table.relations == [AdditiveRelation(total: 5, parts: [0, 1]), AdditiveRelation(total: 5, parts: [2, 3, 4])])
  }

  @Test(
    "inconsistent input is refused with an error naming cells, never bases",
    arguments: [
      ([1, -2, 3], [AdditiveRelation](), DisclosureError.negativeBase(cell: 1)),
      ([1, 2, 3], [AdditiveRelation(total: 2, parts: [0, 1])], nil),
      ([1, 2, 4], [AdditiveRelation(total: 2, parts: [0, 1])], .inconsistentRelation(relation: 0)),
      ([1, 2, 3], [AdditiveRelation(total: 2, parts: [0, 7])], .cellOutOfRange(cell: 7, relation: 0)),
      ([1, 2, 3], [AdditiveRelation(total: 2, parts: [])], .emptyRelation(relation: 0)),
      ([1, 2, 2], [AdditiveRelation(total: 2, parts: [1, 1])], .repeatedCell(cell: 1, relation: 0)),
      ([1, 2, 3], [AdditiveRelation(total: 2, parts: [2, 0])], .repeatedCell(cell: 2, relation: 0)),
    ] as [([Int], [AdditiveRelation], DisclosureError?)])
  func validation(bases: [Int], relations: [AdditiveRelation], expected: DisclosureError?) {
    do {
      _ = try DisclosureTable(bases: bases, relations: relations)
      #expect(expected == nil)
    } catch {
      #expect(error == expected)
      #expect(!error.description.contains("4"), "message leaks a base: \(error)")
    }
  }

  @Test("breakdowns that add up to different totals are refused")
  func disagreeingBreakdowns() {
    #expect(throws: DisclosureError.breakdownsDisagree(breakdown: 1)) {
      try DisclosureTable.breakdowns([[3, 7], [4, 2, 5]])
    }
  }
}
