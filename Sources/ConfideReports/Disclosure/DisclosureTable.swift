/// The unweighted bases of a table's cells and the additive relations between them: what disclosure
/// control needs to know about a table, and nothing else.
///
/// Cells are numbered from 0 and every published figure is a cell, totals included: a total is the
/// ``AdditiveRelation/total`` of a relation and is suppressed like any other cell when its own base is
/// small. The layout helpers ``oneWay(_:)``, ``twoWay(_:)`` and ``breakdowns(_:)`` build the common
/// shapes; any other shape (nested breakdowns, three-way tables) is a list of relations.
///
/// ```swift
/// // 3 + 41 + 56 = 100: two categories and an overall
/// let table = try DisclosureTable(bases: [3, 41, 56, 100], relations: [AdditiveRelation(total: 3, parts: [0, 1, 2])])
/// let protected = try table.protected(by: .standard)   // hides cell 0 and cell 1
/// ```
///
/// Building a table checks that every base is non-negative, every relation names existing cells once
/// each, and every relation adds up, so the figures a reader sees are consistent with the relations the
/// protection assumes.
public struct DisclosureTable: Hashable, Sendable {
  /// The unweighted base of each cell, by cell index.
  public let bases: [Int]
  /// The additive relations between the cells.
  public let relations: [AdditiveRelation]

  /// A table with the given cell bases and additive relations, checked for consistency.
  ///
  /// - Parameters:
  ///   - bases: The unweighted base of each cell, by index; none may be negative.
  ///   - relations: Each a total cell and the cells adding up to it, exactly, in `bases`.
  /// - Throws: ``DisclosureError`` for a negative base, an unknown or repeated cell, an empty relation, or a
  ///   relation that does not add up. The error names the cell or relation, never a base.
  /// - Complexity: O(*n* + *e*), where *n* is the number of cells and *e* the total size of the relations.
  public init(bases: [Int], relations: [AdditiveRelation]) throws(DisclosureError) {
    if let cell = bases.firstIndex(where: { $0 < 0 }) { throw .negativeBase(cell: cell) }
    var seen = [Int](repeating: -1, count: bases.count)
    for (index, relation) in relations.enumerated() {
      guard !relation.parts.isEmpty else { throw .emptyRelation(relation: index) }
      var sum = 0
      for cell in [relation.total] + relation.parts {
        guard bases.indices.contains(cell) else { throw .cellOutOfRange(cell: cell, relation: index) }
        guard seen[cell] != index else { throw .repeatedCell(cell: cell, relation: index) }
        seen[cell] = index
        if cell != relation.total {
          let (next, overflow) = sum.addingReportingOverflow(bases[cell])
          guard !overflow else { throw .inconsistentRelation(relation: index) }
          sum = next
        }
      }
      guard sum == bases[relation.total] else { throw .inconsistentRelation(relation: index) }
    }
    self.bases = bases
    self.relations = relations
  }

  /// The number of cells.
  public var cellCount: Int { bases.count }

  /// The relation matrix: one row per relation, one column per cell, `+1` for a part, `-1` for the total.
  ///
  /// A table is consistent exactly when this matrix times the bases is zero.
  /// - Complexity: O(*r* × *n*) for *r* relations and *n* cells.
  func relationMatrix() -> [[Int]] {
    relations.map { relation in
      var row = [Int](repeating: 0, count: bases.count)
      for part in relation.parts { row[part] = 1 }
      row[relation.total] = -1
      return row
    }
  }
}
