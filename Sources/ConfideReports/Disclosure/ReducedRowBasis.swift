/// A basis of a space of integer row vectors kept fully reduced, with exact integer arithmetic.
///
/// Each row has a pivot column where it is non-zero and every other row is zero. Rows are kept
/// primitive (the greatest common divisor of their entries is 1), which is fraction-free Gauss–Jordan
/// elimination: no rationals, no floating point, no tolerance. Every operation checks for overflow and
/// throws ``DisclosureError/arithmeticOverflow`` rather than give a wrong answer; with the 0/±1 relation
/// matrices of tables the entries stay tiny (they are ±1 for one-way, two-way and hierarchical tables,
/// whose relation matrices are totally unimodular).
///
/// The property suppression relies on: a unit vector `e_k` lies in the span of the rows exactly when `k`
/// is a pivot column and its row has no other non-zero entry (write `e_k` as a combination of the rows
/// and read off the coefficient of each row at its pivot column).
struct ReducedRowBasis: Sendable {
  /// The rows, each of length ``width``.
  private(set) var rows: [[Int]] = []
  /// The pivot column of each row.
  private(set) var pivots: [Int] = []
  /// For each column, the row whose pivot it is, or -1.
  private var rowOfPivot: [Int]

  /// The length of every row.
  var width: Int { rowOfPivot.count }

  /// An empty basis (spanning only zero) of vectors of length `width`.
  init(width: Int) {
    rowOfPivot = [Int](repeating: -1, count: width)
  }

  /// The row whose pivot is `column`, or `nil` when `column` is not a pivot.
  func row(pivotedAt column: Int) -> Int? {
    let row = rowOfPivot[column]
    return row < 0 ? nil : row
  }

  /// Whether `e_column` is in the span: `column` is a pivot whose row has no other non-zero entry.
  /// - Complexity: O(width)
  func containsUnitVector(_ column: Int) -> Bool {
    guard let row = row(pivotedAt: column) else { return false }
    return isUnit(row)
  }

  /// Whether row `row` has exactly one non-zero entry (its pivot).
  func isUnit(_ row: Int) -> Bool { nonZeroCount(row, stoppingAfter: 2) == 1 }

  /// The number of non-zero entries of row `row`, counting no further than `limit`.
  /// - Complexity: O(width)
  func nonZeroCount(_ row: Int, stoppingAfter limit: Int = 3) -> Int {
    var count = 0
    for value in rows[row] where value != 0 {
      count += 1
      if count >= limit { break }
    }
    return count
  }

  /// Adds `vector` to the spanning set, keeping the basis reduced; the new pivot is the lowest column
  /// left non-zero once `vector` is reduced against the basis.
  /// - Complexity: O(rank × width)
  mutating func insert(_ vector: [Int]) throws(DisclosureError) {
    precondition(vector.count == width, "vector length differs from the basis width")
    var vector = vector
    try Self.normalize(&vector)
    for (row, pivot) in pivots.enumerated() where vector[pivot] != 0 {
      try Self.eliminate(&vector, using: rows[row], at: pivot)
    }
    guard let pivot = vector.firstIndex(where: { $0 != 0 }) else { return }
    try append(vector, pivot: pivot)
  }

  /// Replaces every vector of the span by its copy with `column` set to zero (a projection), keeping the
  /// basis reduced. A row that becomes zero is dropped; a row that loses its pivot is re-pivoted on its
  /// lowest remaining non-zero column.
  /// - Returns: The rows whose entries changed (by their index after the update).
  /// - Complexity: O(rank × width) at worst; O(rank) when `column` is not a pivot.
  @discardableResult
  mutating func removeColumn(_ column: Int) throws(DisclosureError) -> [Int] {
    guard let row = row(pivotedAt: column) else {
      var changed: [Int] = []
      for index in rows.indices where rows[index][column] != 0 {
        rows[index][column] = 0
        try Self.normalize(&rows[index])
        changed.append(index)
      }
      return changed
    }
    var vector = rows[row]
    vector[column] = 0
    removeRow(row)
    guard let pivot = vector.firstIndex(where: { $0 != 0 }) else { return [] }
    try Self.normalize(&vector)
    return try append(vector, pivot: pivot)
  }

  /// Appends a row already reduced against the basis, pivoting on `pivot`, and clears `pivot` from the
  /// other rows. Returns the indices of every row that changed, the new one included.
  @discardableResult
  private mutating func append(_ vector: [Int], pivot: Int) throws(DisclosureError) -> [Int] {
    var changed: [Int] = []
    for index in rows.indices where rows[index][pivot] != 0 {
      try Self.eliminate(&rows[index], using: vector, at: pivot)
      changed.append(index)
    }
    rowOfPivot[pivot] = rows.count
    changed.append(rows.count)
    rows.append(vector)
    pivots.append(pivot)
    return changed
  }

  /// Removes a row by moving the last row into its place.
  private mutating func removeRow(_ row: Int) {
    rowOfPivot[pivots[row]] = -1
    let last = rows.count - 1
    if row != last {
      rows[row] = rows[last]
      pivots[row] = pivots[last]
      rowOfPivot[pivots[row]] = row
    }
    rows.removeLast()
    pivots.removeLast()
  }

  /// Sets `target[column]` to zero by replacing `target` with `a × target − b × source` (then dividing by
  /// the common factor), where `a` and `b` are chosen from the two entries at `column`.
  private static func eliminate(_ target: inout [Int], using source: [Int], at column: Int) throws(DisclosureError) {
    let t = target[column]
    let s = source[column]
    guard t != 0 else { return }
    let common = gcd(s, t)
    let scaleTarget = s / common
    let scaleSource = t / common
    for index in target.indices {
      let a = target[index]
      let b = source[index]
      if b == 0 {
        if a == 0 { continue }
        let (product, overflow) = a.multipliedReportingOverflow(by: scaleTarget)
        guard !overflow else { throw .arithmeticOverflow }
        target[index] = product
      } else {
        let (left, overflowLeft) = a.multipliedReportingOverflow(by: scaleTarget)
        let (right, overflowRight) = b.multipliedReportingOverflow(by: scaleSource)
        let (difference, overflow) = left.subtractingReportingOverflow(right)
        guard !overflowLeft, !overflowRight, !overflow else { throw .arithmeticOverflow }
        target[index] = difference
      }
    }
    try normalize(&target)
  }

  /// Divides a vector by the greatest common divisor of its entries.
  private static func normalize(_ vector: inout [Int]) throws(DisclosureError) {
    var common = 0
    for value in vector where value != 0 {
      guard value != .min else { throw .arithmeticOverflow }
      common = gcd(common, value)
      if common == 1 { return }
    }
    guard common > 1 else { return }
    for index in vector.indices where vector[index] != 0 { vector[index] /= common }
  }

  /// The greatest common divisor of two integers, non-negative (the arguments are never `Int.min`).
  private static func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (a.magnitude, b.magnitude)
    while y != 0 { (x, y) = (y, x % y) }
    return Int(x)
  }
}
