/// An exact test of which hidden cells of a table a reader could still work out from the published
/// cells and the table's additive relations.
///
/// A reader knows every published base and that each relation holds. Moving the published bases to the
/// right-hand side leaves a linear system in the hidden bases, `A x = b`, whose matrix `A` is the relation
/// matrix restricted to the hidden cells. Hidden cell *k* is determined by the system, whatever the
/// right-hand side, exactly when the unit vector `e_k` lies in the row space of `A` (some combination of
/// relations involves no hidden cell but *k*). The check reduces `A` exactly, with integer fraction-free
/// Gauss–Jordan elimination, so the answer has no tolerance: it is a theorem about the table, not an
/// estimate.
///
/// ```swift
/// let table = try DisclosureTable.oneWay([3, 41, 56])          // cell 3 is the overall
/// try RecoverabilityCheck(table: table, suppressed: [0]).recoverableCells()     // [0]: 100 − 41 − 56
/// try RecoverabilityCheck(table: table, suppressed: [0, 1]).recoverableCells()  // []
/// ```
///
/// The check is about exact values from linear relations. It does not look for *bounds*: hidden bases
/// are never negative, so a reader may narrow a hidden cell to an interval (two hidden cells adding up to
/// 3 are each at most 3). ``DisclosureTable/protected(by:)`` handles the bound a single published total
/// gives, by keeping its hidden parts adding up to at least the threshold.
public struct RecoverabilityCheck: Hashable, Sendable {
  /// The hidden cells the check was asked about, in increasing order.
  public let suppressedCells: [Int]
  /// The hidden cells a reader can work out exactly, in increasing order.
  private let recoverable: [Int]

  /// Decides which of the `suppressed` cells of `table` are determined by the published cells.
  ///
  /// - Parameters:
  ///   - table: The table and its relations.
  ///   - suppressed: The cells that are hidden; every other cell is published.
  /// - Throws: ``DisclosureError/cellOutOfRange(cell:relation:)`` for a cell the table does not have,
  ///   ``DisclosureError/arithmeticOverflow`` if exact elimination would overflow `Int`.
  /// - Complexity: O(*r*² × *n*) for *r* relations and *n* cells.
  public init(table: DisclosureTable, suppressed: Set<Int>) throws(DisclosureError) {
    if let cell = suppressed.first(where: { !table.bases.indices.contains($0) }) {
      throw .cellOutOfRange(cell: cell, relation: nil)
    }
    var basis = ReducedRowBasis(width: table.cellCount)
    for var row in table.relationMatrix() {
      for cell in row.indices where !suppressed.contains(cell) { row[cell] = 0 }
      try basis.insert(row)
    }
    suppressedCells = suppressed.sorted()
    recoverable = suppressedCells.filter { basis.containsUnitVector($0) }
  }

  /// Whether a reader can work out the exact base of `cell`; always `false` for a published cell.
  /// - Complexity: O(log *s*) for *s* recoverable cells.
  public func isRecoverable(cell: Int) -> Bool {
    var low = 0
    var high = recoverable.count
    while low < high {
      let middle = (low + high) / 2
      if recoverable[middle] < cell { low = middle + 1 } else { high = middle }
    }
    return low < recoverable.count && recoverable[low] == cell
  }

  /// The hidden cells a reader can work out exactly, in increasing order; empty for a protected table.
  /// - Complexity: O(1)
  public func recoverableCells() -> [Int] { recoverable }
}
