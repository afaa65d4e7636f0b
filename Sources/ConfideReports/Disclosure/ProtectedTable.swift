/// A table after disclosure control: which cells may be printed, which are hidden, and the footnote
/// that explains the hidden ones.
///
/// Renderers ask ``publishedBase(of:)`` (or ``disclosure(of:)``) for every cell and print the rule's
/// ``DisclosureRule/marker`` where a cell is hidden, so no output format can show a base below the
/// threshold. The same hiding applies to every figure computed from the cell (percentages, weighted
/// estimates, intervals), since those reveal the base too.
///
/// ```swift
/// let protected = try DisclosureTable.oneWay([3, 41, 56]).protected(by: .standard)
/// protected.publishedBase(of: 0)   // nil: print "*"
/// protected.publishedBase(of: 2)   // 56
/// protected.footnote               // "* not shown: fewer than 10 respondents, or hidden so that …"
/// ```
public struct ProtectedTable: Hashable, Sendable {
  /// The table that was protected.
  public let table: DisclosureTable
  /// The rule it was protected by.
  public let rule: DisclosureRule
  /// What happens to each cell, by cell index.
  public let cells: [CellDisclosure]
  /// The exact recoverability of the hidden cells, computed afresh from ``table`` and the hidden cells.
  public let check: RecoverabilityCheck

  /// Records a protection result and checks it afresh.
  init(table: DisclosureTable, rule: DisclosureRule, cells: [CellDisclosure]) throws(DisclosureError) {
    self.table = table
    self.rule = rule
    self.cells = cells
    let hidden = Set(cells.indices.filter { cells[$0].isSuppressed })
    check = try RecoverabilityCheck(table: table, suppressed: hidden)
  }

  /// Whether cell `cell` is published, primary-suppressed or secondary-suppressed.
  /// - Complexity: O(1)
  public func disclosure(of cell: Int) -> CellDisclosure { cells[cell] }

  /// The base of `cell` if it may be printed, `nil` if the cell is hidden.
  ///
  /// Never returns a value below the rule's threshold when the rule is enabled.
  /// - Complexity: O(1)
  public func publishedBase(of cell: Int) -> Int? {
    cells[cell].isSuppressed ? nil : table.bases[cell]
  }

  /// The hidden cells, primary and secondary, in increasing order.
  /// - Complexity: O(*n*)
  public var suppressedCells: [Int] { cells.indices.filter { cells[$0].isSuppressed } }

  /// The footnote to print under the table, or `nil` when nothing is hidden.
  /// - Complexity: O(*n*)
  public var footnote: String? { cells.contains(where: \.isSuppressed) ? rule.footnote : nil }

  /// Whether a reader could work out the exact base of the hidden cell `cell` from the published cells
  /// and the relations. Always `false` after protection with secondary suppression on.
  /// - Complexity: O(log *n*)
  public func isRecoverable(cell: Int) -> Bool { check.isRecoverable(cell: cell) }

  /// The hidden cells a reader could work out exactly, in increasing order. Empty after protection with
  /// secondary suppression on; with it off, these are the primary cells left exposed.
  /// - Complexity: O(1)
  public func recoverableCells() -> [Int] { check.recoverableCells() }
}
