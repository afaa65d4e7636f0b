extension ReportCell {
  /// The cell for `figure`, which is cell `cell` of a protected table: the figure if it is published,
  /// ``suppressed`` (holding nothing) if disclosure control hides it.
  ///
  /// ```swift
  /// let protected = try DisclosureTable.oneWay([6, 41, 47]).protected(by: .standard)
  /// ReportCell(smallGroup, cell: 0, of: protected)   // .suppressed
  /// ```
  /// - Parameters:
  ///   - figure: The figure computed for the cell.
  ///   - cell: The cell's index in `protected`.
  ///   - protected: The table after disclosure control.
  /// - Precondition: `cell` is a cell of `protected`.
  /// - Complexity: O(1)
  public init(_ figure: Figure, cell: Int, of protected: ProtectedTable) {
    self = protected.disclosure(of: cell).isSuppressed ? .suppressed : .figure(figure)
  }
}

extension ReportTable {
  /// Applies a disclosure-control result to the table: every cell that `protected` hides becomes
  /// ``ReportCell/suppressed`` (its figure is dropped), the marker becomes the rule's, and the rule's
  /// footnote is added once if anything is hidden.
  ///
  /// `layout[row][group]` is the index in `protected` of the cell at that row and column group, or `nil`
  /// for a cell disclosure control does not cover (a text or empty cell). A published figure's unweighted
  /// base must equal the protected table's base for its cell, which catches a layout that points at the
  /// wrong cells.
  ///
  /// ```swift
  /// // rows 16–34, 35–54, 55+, All; groups born in / outside the UK
  /// let protected = try DisclosureTable.twoWay(bases).protected(by: .standard)
  /// try table.applyDisclosure(protected, layout: (0...3).map { row in
  ///   (0...1).map { DisclosureTable.twoWayIndex(row: row, column: $0, columns: 2) }
  /// })
  /// ```
  /// - Parameters:
  ///   - protected: The table after disclosure control.
  ///   - layout: For each row and column group, the index of the cell in `protected`, or `nil`.
  /// - Throws: ``ReportError`` when the layout does not match the table's shape, names a cell `protected`
  ///   does not have, or pairs a figure with a cell of a different base. Errors name positions only.
  /// - Complexity: O(rows × groups + footnotes)
  public mutating func applyDisclosure(_ protected: ProtectedTable, layout: [[Int?]]) throws(ReportError) {
    guard layout.count == rows.count else { throw .layoutMismatch(table: id, row: nil) }
    var updated = rows
    var anyHidden = false
    for (row, indices) in layout.enumerated() {
      guard indices.count == rows[row].cells.count else { throw .layoutMismatch(table: id, row: row) }
      for (group, index) in indices.enumerated() {
        guard let index else { continue }
        guard protected.cells.indices.contains(index) else {
          throw .cellOutOfRange(table: id, row: row, group: group)
        }
        if protected.disclosure(of: index).isSuppressed {
          updated[row].cells[group] = .suppressed
          anyHidden = true
        } else if let base = rows[row].cells[group].figure?.unweightedBase, base != protected.table.bases[index] {
          throw .baseMismatch(table: id, row: row, group: group)
        }
      }
    }
    rows = updated
    disclosureMarker = protected.rule.marker
    let footnote = protected.rule.footnote
    if anyHidden && !footnotes.contains(footnote) { footnotes.append(footnote) }
  }
}

/// Why a report document could not be put together.
///
/// Messages name tables by id and cells by row and column group, never a figure or a base.
public enum ReportError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The disclosure layout has a different number of rows than the table (`row` is `nil`), or a different
  /// number of cells in row `row`.
  case layoutMismatch(table: String, row: Int?)
  /// The disclosure layout names a cell the protected table does not have.
  case cellOutOfRange(table: String, row: Int, group: Int)
  /// A figure's unweighted base differs from the base disclosure control checked for its cell.
  case baseMismatch(table: String, row: Int, group: Int)

  public var description: String {
    switch self {
    case .layoutMismatch(let table, nil):
      "the disclosure layout of table '\(table)' has a different number of rows from the table"
    case .layoutMismatch(let table, let row?):
      "row \(row) of the disclosure layout of table '\(table)' has a different number of cells from the table"
    case .cellOutOfRange(let table, let row, let group):
      "the disclosure layout of table '\(table)' names a cell the protected table does not have at row \(row), "
        + "column group \(group)"
    case .baseMismatch(let table, let row, let group):
      "the figure at row \(row), column group \(group) of table '\(table)' has a different base from its "
        + "disclosure cell"
    }
  }
}
