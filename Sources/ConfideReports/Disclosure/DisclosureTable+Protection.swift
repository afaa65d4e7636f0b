extension DisclosureTable {
  /// Applies a disclosure rule: hides every cell below the threshold, then, if the rule asks, the fewest
  /// and smallest further cells needed so that no hidden cell can be worked out exactly.
  ///
  /// **Primary suppression.** Every cell, totals included, whose base is below `rule.threshold` is hidden;
  /// empty cells count (see ``DisclosureRule``).
  ///
  /// **Secondary suppression.** The method starts with every cell hidden and publishes the other cells one
  /// at a time, largest base first (among equal bases, totals first, then lower index), skipping a cell when publishing it would let a
  /// reader work out a primary cell. Exactness is judged by the criterion of ``RecoverabilityCheck``,
  /// maintained incrementally on a reduced integer basis of the relation matrix.
  ///
  /// The result guarantees, when secondary suppression is on:
  /// - no hidden cell, primary or secondary, can be worked out exactly from the published cells and the
  ///   relations (a skipped cell stays undetermined: were it determined, publishing it would have revealed
  ///   nothing new);
  /// - the hidden set is minimal: publishing any single secondary cell would reveal a primary cell;
  /// - the cells hidden are the smallest available, since large cells are published first; a total is
  ///   hidden only when no smaller cell will do;
  /// - the result depends only on the table and the rule (it is deterministic).
  ///
  /// It does not guarantee the fewest hidden cells overall (that optimisation is NP-hard in general), and it
  /// protects exact values only: see ``RecoverabilityCheck`` on bounds.
  ///
  /// - Parameter rule: The threshold and whether to apply secondary suppression.
  /// - Returns: The disclosure of every cell and an independent recoverability check of the result.
  /// - Throws: ``DisclosureError/unprotectable(cell:)`` when the relations alone fix a primary cell,
  ///   ``DisclosureError/arithmeticOverflow`` when exact elimination would overflow.
  /// - Complexity: O(*r* × *n* × (*r* + log *n*)) for *r* relations and *n* cells: one elimination, then
  ///   one incremental update of at most O(*r* × *n*) per cell.
  public func protected(by rule: DisclosureRule = .standard) throws(DisclosureError) -> ProtectedTable {
    var cells = bases.map { rule.requiresSuppression(base: $0) ? CellDisclosure.primary : .published }
    let isPrimary = cells.map { $0 == .primary }
    guard rule.secondarySuppression, isPrimary.contains(true) else {
      return try ProtectedTable(table: self, rule: rule, cells: cells)
    }

    // Candidates in publication order: largest first; among equal bases totals first (they say more),
    // then lower index.
    var isTotal = [Bool](repeating: false, count: cellCount)
    for relation in relations { isTotal[relation.total] = true }
    let candidates = cells.indices.filter { !isPrimary[$0] }.sorted { a, b in
      if bases[a] != bases[b] { return bases[a] > bases[b] }
      if isTotal[a] != isTotal[b] { return isTotal[a] }
      return a < b
    }

    // Everything hidden: the reader's system is the whole relation matrix.
    var basis = ReducedRowBasis(width: cellCount)
    for row in relationMatrix() { try basis.insert(row) }
    if let cell = cells.indices.first(where: { isPrimary[$0] && basis.containsUnitVector($0) }) {
      throw .unprotectable(cell: cell)
    }
    for cell in candidates {
      // Publishing a cell projects its column out of the reader's system; only the rows that change can
      // turn into a unit vector, that is, a worked-out cell.
      if basis.row(pivotedAt: cell) == nil {
        // the rows touching the cell lose one entry: they become unit vectors if they had two
        let reveals = basis.rows.indices.contains { row in
          basis.rows[row][cell] != 0 && isPrimary[basis.pivots[row]] && basis.nonZeroCount(row) == 2
        }
        if reveals { cells[cell] = .secondary } else { try basis.removeColumn(cell) }
      } else {
        var trial = basis
        let changed = try trial.removeColumn(cell)
        let reveals = changed.contains { row in isPrimary[trial.pivots[row]] && trial.isUnit(row) }
        if reveals { cells[cell] = .secondary } else { basis = trial }
      }
    }

    let result = try ProtectedTable(table: self, rule: rule, cells: cells)
    if let cell = result.recoverableCells().first { throw .protectionFailed(cell: cell) }
    return result
  }
}
