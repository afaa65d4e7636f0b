/// A design-weighted two-way table: weighted counts and cell proportions of two categorical
/// answers, as `survey::svytable(~rows + columns, design)`.
///
/// Respondents missing either answer, or outside the domain, are left out. Levels that no
/// respondent in the domain has are left out too (R keeps a factor's unused levels as empty
/// rows, which makes `svychisq` return NaN).
public struct SurveyTable: Sendable, Hashable {
  /// The row variable's levels, in the grouping's order.
  public var rowLevels: [String]
  /// The column variable's levels.
  public var columnLevels: [String]
  /// The weighted counts Σ wᵢ of each cell, `counts[row][column]` (R's `svytable`).
  public var counts: [[Double]]
  /// The number of respondents with a positive weight in each cell (the unweighted base).
  public var unweightedCounts: [[Int]]
  /// The weighted total of the table.
  public var total: Double

  /// Each cell's share of the weighted total, `proportions[row][column]`.
  public var proportions: [[Double]] { counts.map { row in row.map { $0 / total } } }
}

/// The weighted two-way table of two categorical answers (as `svytable(~rows + columns, design)`).
///
/// - Parameters:
///   - rows: The row variable; code −1 marks a missing answer.
///   - columns: The column variable.
///   - design: The sampling design.
///   - domain: The subgroup to tabulate, or `nil` for everyone.
/// - Returns: The weighted counts, with the levels that occur in the domain.
/// - Throws: ``EstimationError/lengthMismatch(argument:expected:actual:)``;
///   ``EstimationError/noObservations(_:)`` when no respondent with a positive weight has both
///   answers.
/// - Complexity: O(*n* + *r*·*c*).
public func crossTabulation(
  _ rows: Grouping, by columns: Grouping, in design: SurveyDesign, domain: [Bool]? = nil
)
  throws(EstimationError) -> SurveyTable
{
  try TwoWayLayout(rows, columns, in: design, domain: domain).table
}

/// The layout of a two-way table over a design: which respondents are in it, their cells, and
/// the sizes `svychisq` takes from the (sub)design.
struct TwoWayLayout {
  /// The table.
  var table: SurveyTable
  /// Each respondent's cell, `row + rowCount · column` (R's `interaction` order, rows
  /// fastest), or −1 for a respondent outside the table.
  var cellOfRow: [Int32]
  /// Whether each respondent is in the table (in the domain, with both answers).
  var complete: [Bool]
  /// The number of respondents in the (sub)design, counting those missing an answer (the *N*
  /// `svychisq` rescales the table to).
  var designRows: Int
  /// The (sub)design's degrees of freedom as `svychisq` counts them: PSUs minus strata among
  /// its respondents, whatever their weights.
  var degreesOfFreedom: Int

  var rowCount: Int { table.rowLevels.count }
  var columnCount: Int { table.columnLevels.count }

  init(_ rows: Grouping, _ columns: Grouping, in design: SurveyDesign, domain: [Bool]?) throws(EstimationError) {
    let n = design.count
    guard rows.codes.count == n else { throw .lengthMismatch(argument: "rows", expected: n, actual: rows.codes.count) }
    guard columns.codes.count == n else {
      throw .lengthMismatch(argument: "columns", expected: n, actual: columns.codes.count)
    }
    try design.check(domain: domain)

    // The (sub)design: R's `subset` drops the other respondents, except from a calibrated
    // design, whose respondents it keeps with a weight of zero.
    let keepsEveryone = domain == nil || !design.calibration.isEmpty
    var psuSeen = [Bool](repeating: false, count: design.psuCount)
    var stratumSeen = [Bool](repeating: false, count: design.stratumCount)
    var psus = 0
    var strata = 0
    var designRows = 0
    var rowPresent = [Bool](repeating: false, count: rows.count)
    var columnPresent = [Bool](repeating: false, count: columns.count)
    for i in 0..<n {
      let inDomain = domain?[i] ?? true
      guard keepsEveryone || inDomain else { continue }
      designRows += 1
      let psu = Int(design.psuOfRow[i])
      if !psuSeen[psu] {
        psuSeen[psu] = true
        psus += 1
      }
      let h = Int(design.stratumOfRow[i])
      if !stratumSeen[h] {
        stratumSeen[h] = true
        strata += 1
      }
      guard inDomain else { continue }
      if rows.codes[i] >= 0 { rowPresent[Int(rows.codes[i])] = true }
      if columns.codes[i] >= 0 { columnPresent[Int(columns.codes[i])] = true }
    }
    self.designRows = designRows
    degreesOfFreedom = psus - strata

    // Levels present among the domain's answers, renumbered densely.
    func dense(_ present: [Bool]) -> (map: [Int], count: Int) {
      var map = [Int](repeating: -1, count: present.count)
      var next = 0
      for (level, isPresent) in present.enumerated() where isPresent {
        map[level] = next
        next += 1
      }
      return (map, next)
    }
    let (rowMap, r) = dense(rowPresent)
    let (columnMap, c) = dense(columnPresent)

    var counts = [[Double]](repeating: [Double](repeating: 0, count: c), count: r)
    var unweighted = [[Int]](repeating: [Int](repeating: 0, count: c), count: r)
    var cellOfRow = [Int32](repeating: -1, count: n)
    var complete = [Bool](repeating: false, count: n)
    var total = 0.0
    for i in 0..<n where (domain?[i] ?? true) && rows.codes[i] >= 0 && columns.codes[i] >= 0 {
      let a = rowMap[Int(rows.codes[i])]
      let b = columnMap[Int(columns.codes[i])]
      let w = design.weights[i]
      counts[a][b] += w
      if w > 0 { unweighted[a][b] += 1 }
      total += w
      cellOfRow[i] = Int32(a + r * b)
      complete[i] = true
    }
    guard total > 0 else {
      throw .noObservations("no respondent with a positive weight answered both questions of the table")
    }
    table = SurveyTable(
      rowLevels: rows.levels.indices.filter { rowPresent[$0] }.map { rows.levels[$0] },
      columnLevels: columns.levels.indices.filter { columnPresent[$0] }.map { columns.levels[$0] },
      counts: counts, unweightedCounts: unweighted, total: total)
    self.cellOfRow = cellOfRow
    self.complete = complete
  }
}
