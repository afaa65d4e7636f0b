/// The means of an outcome in every cell of two crossed groupings (an experiment's arms by a
/// subgroup, a list experiment's two lists by a subgroup), with their joint covariance, and a
/// way to find each cell's row in it.
///
/// Cells are coded `row + rowCount·column`, every combination kept (R's `interaction`, so
/// `svyby(~y, ~arm + group)`, orders them the same way: the first grouping varies fastest).
/// Cells without a respondent with an answer are left out of ``means``, as `svyby` drops
/// them; ``index(_:_:)`` is `nil` for them.
struct CrossedCells {
  /// The cell means and their covariance.
  let means: GroupedMeans
  /// The number of levels of the first grouping.
  let rowCount: Int
  /// For each cell code, its row in ``means``, or `nil` when the cell is empty.
  let position: [Int?]

  /// Estimates the mean of `y` in each cell.
  ///
  /// - Complexity: O(*n*·*c* + *P*·*c*²) for *n* respondents, *c* cells and *P* PSUs.
  init(
    _ y: [Double], rows: Grouping, columns: Grouping, design: SurveyDesign, domain: [Bool]?
  )
    throws(EstimationError)
  {
    guard rows.codes.count == design.count else {
      throw .lengthMismatch(argument: "groups", expected: design.count, actual: rows.codes.count)
    }
    guard columns.codes.count == design.count else {
      throw .lengthMismatch(argument: "subgroups", expected: design.count, actual: columns.codes.count)
    }
    try design.check(y, "y")
    try design.check(domain: domain)
    let r = rows.count
    let cellCount = r * columns.count
    var codes = [Int32](repeating: -1, count: design.count)
    var answered = [Bool](repeating: false, count: cellCount)
    for i in 0..<design.count where rows.codes[i] >= 0 && columns.codes[i] >= 0 {
      let cell = Int(rows.codes[i]) + r * Int(columns.codes[i])
      codes[i] = Int32(cell)
      if !y[i].isNaN && design.weights[i] > 0 && (domain?[i] ?? true) { answered[cell] = true }
    }
    var levels: [String] = []
    levels.reserveCapacity(cellCount)
    for column in columns.levels {
      for row in rows.levels { levels.append("\(row).\(column)") }
    }
    means = try mean(y, in: design, by: Grouping(codes: codes, levels: levels), domain: domain)
    rowCount = r
    var next = 0
    var position = [Int?](repeating: nil, count: cellCount)
    for cell in 0..<cellCount where answered[cell] {
      position[cell] = next
      next += 1
    }
    self.position = position
  }

  /// The row in ``means`` of the cell (`row`, `column`), or `nil` when it is empty.
  func index(_ row: Int, _ column: Int) -> Int? { position[row + rowCount * column] }
}

/// The quantile of Student's *t* for a two-sided interval at `level`, after checking the level
/// and the degrees of freedom.
func tCriticalValue(level: Double, degreesOfFreedom: Int) throws(EstimationError) -> Double {
  try checkLevel(level)
  guard degreesOfFreedom >= 1 else {
    throw .invalidArgument("the design has no degrees of freedom for a t interval (PSUs minus strata is 0)")
  }
  return StudentT(degreesOfFreedom: Double(degreesOfFreedom)).quantile(1 - (1 - level) / 2)
}

/// The *t* statistic and two-sided *p*-value of an estimate against zero; an estimate of zero
/// with no variance gives t = 0, p = 1, and a nonzero one t = ±∞, p = 0.
func tTest(_ estimate: Estimate, degreesOfFreedom: Int) -> (t: Double, p: Double) {
  let se = estimate.standardError
  if se == 0 {
    if estimate.value == 0 { return (0, 1) }
    return (estimate.value > 0 ? .infinity : -.infinity, 0)
  }
  let t = estimate.value / se
  return (t, 2 * StudentT(degreesOfFreedom: Double(degreesOfFreedom)).survival(abs(t)))
}
