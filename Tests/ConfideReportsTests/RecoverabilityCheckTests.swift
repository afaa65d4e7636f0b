import ConfideReports
import Testing

@Suite("RecoverabilityCheck")
struct RecoverabilityCheckTests {
  /// The index of an inner or margin cell of a two-way table with `columns` inner columns.
  func cell(_ row: Int, _ column: Int, columns: Int) -> Int {
    DisclosureTable.twoWayIndex(row: row, column: column, columns: columns)
  }

  @Test("a lone hidden cell in a row with a published total is recoverable by subtraction")
  func loneCell() throws {
    let table = try DisclosureTable.oneWay([3, 41, 56])
    let check = try RecoverabilityCheck(table: table, suppressed: [0])
    #expect(check.recoverableCells() == [0])
    #expect(check.isRecoverable(cell: 0))
    #expect(!check.isRecoverable(cell: 1))
  }

  @Test("two hidden cells in a row protect each other")
  func pair() throws {
    let table = try DisclosureTable.oneWay([3, 41, 56])
    #expect(try RecoverabilityCheck(table: table, suppressed: [0, 1]).recoverableCells() == [])
    // a cell and the overall hide each other too (one equation, two unknowns); the overall alone does not
    #expect(try RecoverabilityCheck(table: table, suppressed: [0, 1, 3]).recoverableCells() == [])
    #expect(try RecoverabilityCheck(table: table, suppressed: [0, 3]).recoverableCells() == [])
    #expect(try RecoverabilityCheck(table: table, suppressed: [3]).recoverableCells() == [3])
  }

  @Test("an L of three hidden cells in a two-way table unravels completely")
  func chainedRecovery() throws {
    let table = try DisclosureTable.twoWay([[3, 20, 30], [25, 40, 50], [35, 45, 55]])
    let hidden: Set = [cell(0, 0, columns: 3), cell(0, 1, columns: 3), cell(1, 0, columns: 3)]
    #expect(try RecoverabilityCheck(table: table, suppressed: hidden).recoverableCells() == hidden.sorted())
    let rectangle = hidden.union([cell(1, 1, columns: 3)])
    #expect(try RecoverabilityCheck(table: table, suppressed: rectangle).recoverableCells() == [])
  }

  /// Two hidden rectangles joined by one hidden cell: every row and column with a hidden cell has at least
  /// two, so the textbook "two per line" rule is satisfied, yet the joining cell is rows 0 + 1 minus
  /// columns 0 + 1 (a combination of four relations).
  @Test("two hidden cells in every line is not enough: the exact check finds the bridge")
  func bridge() throws {
    let inner = (0..<4).map { row in (0..<4).map { column in 20 + 3 * row + column } }
    let table = try DisclosureTable.twoWay(inner)
    let rectangles = [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3)]
    let hidden = Set((rectangles + [(1, 2)]).map { cell($0.0, $0.1, columns: 4) })
    let check = try RecoverabilityCheck(table: table, suppressed: hidden)
    #expect(check.recoverableCells() == [cell(1, 2, columns: 4)])
    #expect(undeterminedByEnumeration(table, suppressed: hidden) == hidden.subtracting([cell(1, 2, columns: 4)]))
  }

  @Test("a hidden cell outside every relation is not recoverable; a published cell never is")
  func unrelated() throws {
    let table = try DisclosureTable(bases: [3, 4, 7, 5], relations: [AdditiveRelation(total: 2, parts: [0, 1])])
    let check = try RecoverabilityCheck(table: table, suppressed: [3])
    #expect(check.recoverableCells() == [])
    #expect(!check.isRecoverable(cell: 0))
  }

  @Test("a cell the table does not have is refused")
  func outOfRange() throws {
    let table = try DisclosureTable.oneWay([3, 41])
    #expect(throws: DisclosureError.cellOutOfRange(cell: 9, relation: nil)) {
      try RecoverabilityCheck(table: table, suppressed: [9])
    }
  }
}
