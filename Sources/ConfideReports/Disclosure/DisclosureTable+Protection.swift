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
  /// - the hidden parts of every published total add up to at least the threshold (or none is hidden);
  /// - the hidden set is minimal: publishing any single secondary cell would let a hidden cell be worked
  ///   out or leave a published total whose hidden parts add up to less than the threshold;
  /// - the cells hidden are the smallest available, since large cells are published first; a total is
  ///   hidden only when no smaller cell will do;
  /// - the result depends only on the table and the rule (it is deterministic).
  ///
  /// **Hidden sums.** Where a total is published, its hidden parts add up to a figure anyone can work out:
  /// together they are a published cell. And bases cannot be negative, so each hidden part is at most that
  /// figure; if they add up to 0, every one of them is exactly 0. So wherever a published total's hidden
  /// parts add up to less than the threshold, the smallest published part (or else the total) is hidden too
  /// and kept from being worked out, and the pass above runs again, until no published total's hidden parts
  /// add up to less than the threshold. A last pass publishes again any hidden cell whose publication would
  /// neither let a hidden cell be worked out nor leave such a sum.
  ///
  /// It does not guarantee the fewest hidden cells overall (that optimisation is NP-hard in general), and it
  /// does not compute the bounds that several relations imply together (a linear programme's protection
  /// levels).
  ///
  /// - Parameter rule: The threshold and whether to apply secondary suppression.
  /// - Returns: The disclosure of every cell and an independent recoverability check of the result.
  /// - Throws: ``DisclosureError/unprotectable(cell:)`` when the relations alone fix a primary cell,
  ///   ``DisclosureError/arithmeticOverflow`` when exact elimination would overflow.
  /// - Complexity: O(*r* × *n* × (*r* + log *n*)) for *r* relations and *n* cells: one elimination, then
  ///   one incremental update of at most O(*r* × *n*) per cell.
  public func protected(by rule: DisclosureRule = .standard) throws(DisclosureError) -> ProtectedTable {
    let primary = bases.map { rule.requiresSuppression(base: $0) }
    guard rule.secondarySuppression, primary.contains(true) else {
      let cells = primary.map { $0 ? CellDisclosure.primary : .published }
      return try ProtectedTable(table: self, rule: rule, cells: cells)
    }
    var protect = primary
    var cells = try suppressingComplements(protecting: protect, primary: primary)
    while true {
      let hidden = Set(cells.indices.filter { cells[$0].isSuppressed })
      let narrowed = narrowedRelations(hidden: hidden, threshold: rule.threshold)
      if narrowed.isEmpty { break }
      var added = false
      for relation in narrowed {
        let published = relation.parts.filter { !hidden.contains($0) && !protect[$0] }
        let widest = published.min { bases[$0] != bases[$1] ? bases[$0] < bases[$1] : $0 < $1 } ?? relation.total
        if !protect[widest] {
          protect[widest] = true
          added = true
        }
      }
      // Every round protects another cell, so this ends; it cannot go on if nothing is left to hide.
      if !added { throw .protectionFailed(cell: narrowed[0].total) }
      cells = try suppressingComplements(protecting: protect, primary: primary)
    }

    // Publish again what no longer needs hiding, largest first.
    var hidden = Set(cells.indices.filter { cells[$0].isSuppressed })
    let secondary = cells.indices.filter { cells[$0] == .secondary }.sorted {
      bases[$0] != bases[$1] ? bases[$0] > bases[$1] : $0 < $1
    }
    for cell in secondary {
      let fewer = hidden.subtracting([cell])
      if try RecoverabilityCheck(table: self, suppressed: fewer).recoverableCells().isEmpty,
        narrowedRelations(hidden: fewer, threshold: rule.threshold).isEmpty
      {
        hidden = fewer
        cells[cell] = .published
      }
    }

    let result = try ProtectedTable(table: self, rule: rule, cells: cells)
    if let cell = result.recoverableCells().first { throw .protectionFailed(cell: cell) }
    return result
  }

  /// The relations whose total is published while their hidden parts, at least one, add up to less than
  /// `threshold`.
  func narrowedRelations(hidden: Set<Int>, threshold: Int) -> [AdditiveRelation] {
    relations.filter { relation in
      guard !hidden.contains(relation.total) else { return false }
      let parts = relation.parts.filter { hidden.contains($0) }
      return !parts.isEmpty && parts.reduce(0) { $0 + bases[$1] } < threshold
    }
  }

  /// Hides the cells in `protecting`, then the smallest further cells needed so that none of them can be
  /// worked out exactly (the pass described in ``protected(by:)``).
  private func suppressingComplements(
    protecting: [Bool], primary: [Bool]
  ) throws(DisclosureError)
    -> [CellDisclosure]
  {
    var cells = cells(primary: primary, protecting: protecting)
    let isPrimary = protecting

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
    if let cell = cells.indices.first(where: { protecting[$0] && basis.containsUnitVector($0) }) {
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

    return cells
  }

  /// Primary cells marked primary, other protected cells secondary, the rest published.
  private func cells(primary: [Bool], protecting: [Bool]) -> [CellDisclosure] {
    primary.indices.map { primary[$0] ? .primary : protecting[$0] ? .secondary : .published }
  }
}
