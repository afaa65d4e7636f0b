extension DisclosureTable {
  /// A one-way breakdown followed by its overall: cells `0..<k` are the categories, cell `k` the overall.
  ///
  /// ```swift
  /// let table = try DisclosureTable.oneWay([3, 41, 56])   // cell 3 is the overall, 100
  /// ```
  /// - Parameter categories: The unweighted base of each category; the overall is their sum.
  /// - Returns: A table of `k + 1` cells with one relation.
  /// - Throws: ``DisclosureError/negativeBase(cell:)`` for a negative base.
  /// - Complexity: O(*k*)
  public static func oneWay(_ categories: [Int]) throws(DisclosureError) -> DisclosureTable {
    try breakdowns([categories])
  }

  /// Several breakdowns of one overall figure (for example by ethnicity and by age band), each adding up
  /// to it, followed by the overall.
  ///
  /// Cells are numbered breakdown by breakdown, category by category; the last cell is the overall.
  /// With breakdowns `[[3, 7], [4, 2, 4]]` cells 0–1 are the first breakdown, 2–4 the second, and cell 5
  /// the overall, 10.
  /// - Parameter breakdowns: The unweighted bases of each breakdown's categories; every breakdown must add
  ///   up to the same overall.
  /// - Returns: A table with one cell per category plus the overall, and one relation per breakdown.
  /// - Throws: ``DisclosureError/breakdownsDisagree(breakdown:)`` when breakdowns have different totals,
  ///   ``DisclosureError/negativeBase(cell:)`` for a negative base.
  /// - Complexity: O(total number of categories)
  public static func breakdowns(_ breakdowns: [[Int]]) throws(DisclosureError) -> DisclosureTable {
    var bases: [Int] = []
    var relations: [AdditiveRelation] = []
    var overall: Int?
    for (index, categories) in breakdowns.enumerated() {
      let sum = categories.reduce(0, &+)
      if let overall, overall != sum { throw .breakdownsDisagree(breakdown: index) }
      overall = sum
      relations.append(AdditiveRelation(total: -1, parts: Array(bases.count..<(bases.count + categories.count))))
      bases += categories
    }
    let total = bases.count
    bases.append(overall ?? 0)
    return try DisclosureTable(
      bases: bases, relations: relations.map { AdditiveRelation(total: total, parts: $0.parts) })
  }

  /// A two-way table with its row totals, column totals and grand total.
  ///
  /// The table has `(rows + 1) × (columns + 1)` cells in row-major order; use ``twoWayIndex(row:column:columns:)``
  /// to find one. Row `rows` holds the column totals, column `columns` the row totals, and the last cell
  /// the grand total. The relations are each row, each column, the row totals and the column totals.
  /// - Parameter inner: The unweighted bases of the inner cells, one array per row, all the same length.
  /// - Returns: A table with the inner cells, the margins and `rows + columns + 2` relations.
  /// - Throws: ``DisclosureError/raggedTable(row:)`` for rows of different lengths,
  ///   ``DisclosureError/negativeBase(cell:)`` for a negative base.
  /// - Complexity: O(rows × columns)
  public static func twoWay(_ inner: [[Int]]) throws(DisclosureError) -> DisclosureTable {
    let rows = inner.count
    let columns = inner.first?.count ?? 0
    if let row = inner.firstIndex(where: { $0.count != columns }) { throw .raggedTable(row: row) }
    let width = columns + 1
    var bases = [Int](repeating: 0, count: (rows + 1) * width)
    var relations: [AdditiveRelation] = []
    for row in 0..<rows {
      for column in 0..<columns {
        let base = inner[row][column]
        bases[row * width + column] = base
        bases[row * width + columns] &+= base
        bases[rows * width + column] &+= base
        bases[rows * width + columns] &+= base
      }
    }
    for row in 0...rows {
      relations.append(
        AdditiveRelation(total: row * width + columns, parts: (0..<columns).map { row * width + $0 }))
    }
    for column in 0...columns {
      relations.append(AdditiveRelation(total: rows * width + column, parts: (0..<rows).map { $0 * width + column }))
    }
    if columns == 0 || rows == 0 { relations.removeAll() }
    return try DisclosureTable(bases: bases, relations: relations)
  }

  /// The cell index of `(row, column)` in a table built by ``twoWay(_:)`` with `columns` inner columns;
  /// `row == rows` addresses the column totals and `column == columns` the row totals.
  /// - Complexity: O(1)
  public static func twoWayIndex(row: Int, column: Int, columns: Int) -> Int {
    row * (columns + 1) + column
  }
}
