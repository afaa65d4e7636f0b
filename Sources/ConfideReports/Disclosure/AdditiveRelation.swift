/// A published total and the cells that add up to it: one additive relation of a table.
///
/// A row or column total, a breakdown of an overall figure by subgroup, or one level of a nested breakdown
/// is a relation: `base(total) == parts.map(base).reduce(0, +)`. A reader who sees all but one of the
/// figures in a relation can subtract to find the last, which is why suppression looks at relations.
///
/// ```swift
/// // cells 0, 1, 2 are women, men and other; cell 3 is everyone
/// let bySex = AdditiveRelation(total: 3, parts: [0, 1, 2])
/// ```
///
/// A relation must be exact in unweighted bases: a breakdown that leaves out "prefer not to say" is not a
/// relation unless that category is a cell too.
public struct AdditiveRelation: Hashable, Sendable {
  /// The index of the cell holding the total.
  public var total: Int
  /// The indices of the cells that add up to the total (not empty, no repeats, not the total itself).
  public var parts: [Int]

  /// A relation saying that the cells `parts` add up to the cell `total`.
  ///
  /// The relation is checked against a table when ``DisclosureTable/init(bases:relations:)`` builds one.
  /// - Parameters:
  ///   - total: The index of the total cell.
  ///   - parts: The indices of the cells that sum to it.
  public init(total: Int, parts: [Int]) {
    self.total = total
    self.parts = parts
  }
}
