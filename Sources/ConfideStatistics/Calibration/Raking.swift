/// A design raked to population margins, with how the iteration went.
public struct RakingResult: Sendable {
  /// The design with raked weights and the raking appended to its calibration.
  public var design: SurveyDesign
  /// Whether the largest change in the cross-table of weighted counts fell below the tolerance.
  public var converged: Bool
  /// The number of rounds performed; a round post-stratifies to every margin once. (R's `rake`
  /// counts the rounds before the converged one, one fewer.)
  public var iterations: Int
  /// The largest absolute change of a cell of the full cross-table of weighted counts in the
  /// last round.
  public var largestChange: Double
  /// The tolerance the change was held to, in weighted counts.
  public var tolerance: Double
}

/// Rakes a design to population margins by iterative proportional fitting, exactly as
/// `survey::rake(design, list(~a, ~b), list(popA, popB), control = list(maxit =, epsilon =))`.
///
/// Each round post-stratifies the weights to every margin in turn (see
/// ``postStratify(_:to:partial:)``). After each round the full cross-table of the margins'
/// variables is tabulated with the weights; raking has converged when no cell has moved by
/// `tolerance` or more since the previous round (before the first round: since the design's
/// own weights).
///
/// The returned design remembers the last round's steps (``CalibrationStep/raking(_:)``), so
/// that variances account for the raking as `svyrecvar` does.
///
/// ```swift
/// let raked = try rake(dclus1, margins: [
///   PopulationMargin(stype, counts: ["E": 4421, "H": 755, "M": 1018]),
///   PopulationMargin(schoolWide, counts: ["No": 1072, "Yes": 5122]),
/// ])
/// try mean(api00, in: raked.design)   // 641.23, SE 23.704 (R: svymean on the raked design)
/// ```
///
/// Unlike R, which rakes margins that disagree until the iteration limit and returns weights
/// matching only the last margin, margins whose totals differ by more than `marginTolerance`
/// are refused.
///
/// - Parameters:
///   - design: The design to rake; an earlier calibration is kept before the raking.
///   - margins: The margins, each a grouping of respondents with population counts per cell.
///   - tolerance: R's `epsilon`: the largest change of a weighted cell count that counts as
///     converged; below 1 it is a fraction of the design's total weight. R's default is 1.
///   - maximumIterations: R's `maxit`, the most rounds to perform. R's default is 10.
///   - marginTolerance: How far, relative to the larger, two margins' totals may differ.
///   - requireConvergence: Whether running out of rounds is an error; when `false` the last
///     round's weights are returned, as R returns them with a warning, and
///     ``RakingResult/converged`` says so.
/// - Returns: The raked design, whether it converged, and the number of rounds.
/// - Throws: ``EstimationError/invalidArgument(_:)`` when there is no margin, the tolerance or
///   iteration limit is not positive, margins' totals disagree (saying by how much), a weight
///   is zero, or a margin's cells do not match its population (see
///   ``postStratify(_:to:partial:)``, naming the margin and cells);
///   ``EstimationError/notConverged(_:iterations:)`` when the limit is reached and
///   `requireConvergence` is set.
/// - Complexity: O(*n*·*m*·*r*) for *n* respondents, *m* margins and *r* rounds, plus O(*n*·*m*)
///   memory for the last round's steps.
public func rake(
  _ design: SurveyDesign, margins: [PopulationMargin], tolerance: Double = 1, maximumIterations: Int = 10,
  marginTolerance: Double = 1e-6, requireConvergence: Bool = true
) throws(EstimationError) -> RakingResult {
  guard !margins.isEmpty else { throw .invalidArgument("raking needs at least one margin") }
  guard tolerance.isFinite, tolerance > 0 else {
    throw .invalidArgument("the raking tolerance must be a positive number")
  }
  guard maximumIterations > 0 else { throw .invalidArgument("raking needs at least one iteration") }
  guard marginTolerance.isFinite, marginTolerance >= 0 else {
    throw .invalidArgument("the margin tolerance must be a number of at least zero")
  }
  if let zero = design.weights.firstIndex(of: 0) {
    throw .invalidArgument(
      "raking needs every weight to be positive, but respondent \(zero + 1) has weight zero")
  }

  var resolved: [ResolvedMargin] = []
  for (index, margin) in margins.enumerated() {
    resolved.append(
      try ResolvedMargin(margin, weights: design.weights, partial: false, label: "margin \(index + 1)"))
  }
  try checkTotalsAgree(margins, relativeTolerance: marginTolerance)

  let (tableCells, tableSize) = try crossTable(margins)
  func tabulate(_ weights: [Double]) -> [Double] {
    var counts = [Double](repeating: 0, count: tableSize)
    for i in 0..<weights.count { counts[Int(tableCells[i])] += weights[i] }
    return counts
  }

  var weights = design.weights
  let epsilon = tolerance < 1 ? tolerance * weights.reduce(0, +) : tolerance
  var previous = tabulate(weights)
  var steps: [PostStratificationCells] = []
  var converged = false
  var rounds = 0
  var change = Double.infinity
  while rounds < maximumIterations {
    rounds += 1
    steps.removeAll(keepingCapacity: true)
    for margin in resolved {
      let after = margin.calibrated(weights)
      steps.append(
        PostStratificationCells(
          cells: margin.codes, cellCount: margin.cellCount, weightsBefore: weights, weightsAfter: after))
      weights = after
    }
    let current = tabulate(weights)
    change = 0
    for cell in 0..<current.count { change = max(change, abs(current[cell] - previous[cell])) }
    if change < epsilon {
      converged = true
      break
    }
    previous = current
  }
  if !converged, requireConvergence {
    throw .notConverged(
      "raking to \(margins.count) margins (largest change of a weighted cell count in the last round "
        + "\(describeCount(change)), tolerance \(describeCount(epsilon)))", iterations: rounds)
  }

  var raked = design
  raked.weights = weights
  raked.calibration.append(.raking(steps))
  return RakingResult(
    design: raked, converged: converged, iterations: rounds, largestChange: change, tolerance: epsilon)
}

/// Each respondent's cell of the full cross-table of the margins' cells, and the number of
/// cells. Combinations that no respondent is in count zero on every round, so they cannot change
/// the largest change: the table is indexed by mixed radix when it is small enough, and by the
/// combinations that occur otherwise.
private func crossTable(_ margins: [PopulationMargin]) throws(EstimationError) -> (cells: [Int32], count: Int) {
  var size = 1
  for margin in margins {
    let (product, overflow) = size.multipliedReportingOverflow(by: max(margin.cells.count, 1))
    if overflow || product > max(margin.cells.codes.count, 1 << 16) {
      var table = margins[0].cells
      for margin in margins.dropFirst() { table = try table.crossed(with: margin.cells) }
      return (table.codes, table.count)
    }
    size = product
  }
  var cells = [Int32](repeating: 0, count: margins[0].cells.codes.count)
  var radix: Int32 = 1
  for margin in margins {
    let codes = margin.cells.codes
    for i in 0..<cells.count { cells[i] += codes[i] * radix }
    radix *= Int32(max(margin.cells.count, 1))
  }
  return (cells, size)
}

/// Refuses margins whose population totals disagree: no set of weights can match them all.
private func checkTotalsAgree(_ margins: [PopulationMargin], relativeTolerance: Double) throws(EstimationError) {
  let first = margins[0].total
  for (index, margin) in margins.enumerated().dropFirst() {
    let total = margin.total
    let difference = abs(total - first)
    if difference > relativeTolerance * max(abs(total), abs(first)) {
      throw .invalidArgument(
        "the population margins disagree: margin 1 totals \(describeCount(first)) but margin \(index + 1) "
          + "totals \(describeCount(total)) (a difference of \(describeCount(difference)))")
    }
  }
}
