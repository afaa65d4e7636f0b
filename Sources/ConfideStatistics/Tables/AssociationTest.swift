/// Which design-based test of association `associationTest` computes (R's
/// `svychisq(statistic=)`).
public enum AssociationStatistic: String, Sendable, Hashable, CaseIterable {
  /// Rao and Scott's second-order correction (R's default `"F"`): *F* = *X*²/tr Δ on
  /// *d*₀ = (tr Δ)²/tr Δ² and *d*₀·ν degrees of freedom.
  case raoScottF = "F"
  /// Rao and Scott's first-order correction (`"Chisq"`): *X*²/mean(diag Δ) against χ² on
  /// (*r* − 1)(*c* − 1) degrees of freedom.
  case raoScottChiSquared = "Chisq"
  /// The design-based Wald test of no interaction in the table of totals, with Koch's
  /// adjustment (`"adjWald"`): *F* = *W*·(ν − *k* + 1)/(*k*ν) on *k* and ν − *k* + 1.
  case adjustedWald = "adjWald"
  /// The unadjusted Wald test (`"Wald"`): *F* = *W*/*k* on *k* and ν degrees of freedom.
  case wald = "Wald"
}

/// A design-based test of association in a two-way table, as `survey::svychisq`.
public struct AssociationTest: Sendable, Hashable {
  /// The statistic computed.
  public var method: AssociationStatistic
  /// The test statistic: *F* for ``AssociationStatistic/raoScottF``,
  /// ``AssociationStatistic/adjustedWald`` and ``AssociationStatistic/wald``; the corrected
  /// *X*²/mean(diag Δ) for ``AssociationStatistic/raoScottChiSquared`` (R prints the
  /// uncorrected ``pearsonChiSquared`` there and takes the *p*-value from this one).
  public var statistic: Double
  /// Pearson's *X*² on the weighted table rescaled to the number of respondents, uncorrected.
  public var pearsonChiSquared: Double
  /// The numerator degrees of freedom (fractional for the Rao–Scott *F*), or the χ² degrees of
  /// freedom.
  public var numeratorDegreesOfFreedom: Double
  /// The denominator degrees of freedom, or `nil` for the χ² test.
  public var denominatorDegreesOfFreedom: Double?
  /// The *p*-value.
  public var pValue: Double
  /// The mean generalised design effect, tr Δ/(*r* − 1)(*c* − 1), for the Rao–Scott statistics;
  /// `nil` for the Wald tests.
  public var meanDesignEffect: Double?
  /// The weighted table the test is about.
  public var table: SurveyTable
}

/// Tests whether two categorical answers are associated, taking the design into account, as
/// `survey::svychisq(~rows + columns, design, statistic=)`.
///
/// With *p̂* the weighted cell proportions (rows varying fastest), *V* their design-based
/// covariance, *D* = diag(*p̂*) and *C* the (*r* − 1)(*c* − 1) interaction contrasts of the
/// table made orthogonal to its row and column effects, the Rao–Scott design-effect matrix is
///
///     Δ = (Cᵀ D⁻¹ C / N)⁻¹ (Cᵀ D⁻¹ V D⁻¹ C)
///
/// (an empty cell takes 0 in *D*⁻¹, as R does), and Pearson's *X*² is computed on the weighted
/// table rescaled to *N*, the number of respondents in the (sub)design. The Wald tests use the
/// design covariance of the linearised interaction contrasts *Y*ᵢⱼ = *T*ᵢⱼ − *T*ᵢ.*T*.ⱼ/*T* of
/// the weighted totals for rows and columns after the first. ν is the design's degrees of
/// freedom: PSUs minus strata among the respondents of the (sub)design.
///
/// Respondents outside the domain or missing an answer are left out of the table; as in R,
/// a domain keeps the design's other PSUs for the variance, and *N* and ν count respondents of
/// the domain missing an answer. Levels no respondent of the domain has are left out (R keeps a
/// factor's unused levels and returns NaN).
///
/// ```swift
/// let test = try associationTest(Grouping(schoolwide), Grouping(stype), in: dclus1)
/// test.statistic   // F = 5.1934 on 1.4946 and 20.925 df, p = 0.02175, as R
/// ```
///
/// - Throws: ``EstimationError/invalidArgument(_:)`` when a variable has fewer than two levels
///   in the domain or the design has too few degrees of freedom;
///   ``EstimationError/noObservations(_:)`` when a row or column of the table is empty (a level
///   answered only by respondents missing the other answer or with a zero weight);
///   ``EstimationError/singular(_:)`` when the table has no design variance or its covariance
///   is singular; the design's errors.
/// - Complexity: O(*n*·*k* + *P*·*k*² + (*rc*)²·*k*) for *n* respondents, *P* PSUs and
///   *k* = (*r* − 1)(*c* − 1).
public func associationTest(
  _ rows: Grouping, _ columns: Grouping, in design: SurveyDesign, domain: [Bool]? = nil,
  statistic: AssociationStatistic = .raoScottF
) throws(EstimationError) -> AssociationTest {
  let layout = try TwoWayLayout(rows, columns, in: design, domain: domain)
  let table = layout.table
  let r = layout.rowCount
  let c = layout.columnCount
  guard r >= 2, c >= 2 else {
    throw .invalidArgument("a test of association needs two levels of each variable (the table is \(r) by \(c))")
  }
  let rowTotals = table.counts.map { $0.reduce(0, +) }
  let columnTotals = (0..<c).map { b in table.counts.reduce(0) { $0 + $1[b] } }
  if let empty = rowTotals.firstIndex(where: { $0 <= 0 }) {
    throw .noObservations("the table's row '\(table.rowLevels[empty])' is empty")
  }
  if let empty = columnTotals.firstIndex(where: { $0 <= 0 }) {
    throw .noObservations("the table's column '\(table.columnLevels[empty])' is empty")
  }
  let nu = layout.degreesOfFreedom
  let k = (r - 1) * (c - 1)
  guard nu > 0 else { throw .invalidArgument("the design has no degrees of freedom for the test") }

  // Pearson's X² on the table rescaled to N respondents.
  let n = Double(layout.designRows)
  let total = table.total
  var pearson = 0.0
  for a in 0..<r {
    for b in 0..<c {
      let observed = table.counts[a][b] / total * n
      let expected = rowTotals[a] * columnTotals[b] / (total * total) * n
      pearson += (observed - expected) * (observed - expected) / expected
    }
  }

  switch statistic {
  case .raoScottF, .raoScottChiSquared:
    let delta = try designEffectMatrix(layout, in: design, n: n)
    var trace = 0.0
    var traceOfSquare = 0.0
    for a in 0..<k {
      trace += delta[a][a]
      for b in 0..<k { traceOfSquare += delta[a][b] * delta[b][a] }
    }
    guard trace > 0, traceOfSquare > 0 else {
      throw .singular("the table's cell proportions have no design variance")
    }
    if statistic == .raoScottF {
      let d0 = trace * trace / traceOfSquare
      let f = pearson / trace
      let p = FDistribution(numeratorDegreesOfFreedom: d0, denominatorDegreesOfFreedom: d0 * Double(nu)).survival(f)
      return AssociationTest(
        method: statistic, statistic: f, pearsonChiSquared: pearson, numeratorDegreesOfFreedom: d0,
        denominatorDegreesOfFreedom: d0 * Double(nu), pValue: p, meanDesignEffect: trace / Double(k), table: table)
    }
    let corrected = pearson / (trace / Double(k))
    return AssociationTest(
      method: statistic, statistic: corrected, pearsonChiSquared: pearson, numeratorDegreesOfFreedom: Double(k),
      denominatorDegreesOfFreedom: nil, pValue: ChiSquared(degreesOfFreedom: Double(k)).survival(corrected),
      meanDesignEffect: trace / Double(k), table: table)

  case .wald, .adjustedWald:
    let wald = try waldStatistic(layout, rowTotals: rowTotals, columnTotals: columnTotals, in: design)
    let numerator = Double(k)
    let denominator = statistic == .wald ? Double(nu) : Double(nu - k + 1)
    guard denominator > 0 else {
      throw .invalidArgument(
        "the design's \(nu) degrees of freedom are too few for the adjusted Wald test of a table with \(k) contrasts")
    }
    let f = statistic == .wald ? wald / numerator : wald * denominator / (numerator * Double(nu))
    let p = FDistribution(numeratorDegreesOfFreedom: numerator, denominatorDegreesOfFreedom: denominator).survival(f)
    return AssociationTest(
      method: statistic, statistic: f, pearsonChiSquared: pearson, numeratorDegreesOfFreedom: numerator,
      denominatorDegreesOfFreedom: denominator, pValue: p, meanDesignEffect: nil, table: table)
  }
}

/// The interaction contrasts *C*: for each cell (*i*, *j*) with *i*, *j* ≥ 1, the indicator of
/// that cell made orthogonal to the row and column effects, (δₐᵢ − 1/*r*)(δ_bj − 1/*c*) — the
/// columns R obtains as `qr.resid(qr(X1), X12[, interactions])`. `contrasts[m][cell]`.
private func interactionContrasts(rows r: Int, columns c: Int) -> [[Double]] {
  var contrasts: [[Double]] = []
  for j in 1..<c {
    for i in 1..<r {
      var column = [Double](repeating: 0, count: r * c)
      for b in 0..<c {
        for a in 0..<r {
          column[a + r * b] = ((a == i ? 1 : 0) - 1 / Double(r)) * ((b == j ? 1 : 0) - 1 / Double(c))
        }
      }
      contrasts.append(column)
    }
  }
  return contrasts
}

/// The Rao–Scott design-effect matrix Δ = (CᵀD⁻¹C/N)⁻¹ (CᵀD⁻¹VD⁻¹C).
///
/// CᵀD⁻¹VD⁻¹C is the design covariance of the totals of *u*ₘᵢ = Σ_cells Cₘ D⁻¹ zᵢ, where *z*ᵢ are
/// the influence values of the cell proportions, wᵢ(1[cellᵢ] − p̂)/W: so only *k* influence
/// columns are formed, not *rc*.
private func designEffectMatrix(
  _ layout: TwoWayLayout, in design: SurveyDesign, n: Double
) throws(EstimationError)
  -> [[Double]]
{
  let r = layout.rowCount
  let c = layout.columnCount
  let cells = r * c
  let total = layout.table.total
  let proportion = (0..<cells).map { layout.table.counts[$0 % r][$0 / r] / total }
  let inverse = proportion.map { $0 == 0 ? 0 : 1 / $0 }
  let contrasts = interactionContrasts(rows: r, columns: c)
  let k = contrasts.count

  // Cᵀ D⁻¹ C / N.
  var denominator = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
  for a in 0..<k {
    for b in 0..<k {
      var sum = 0.0
      for cell in 0..<cells { sum += contrasts[a][cell] * inverse[cell] * contrasts[b][cell] }
      denominator[a][b] = sum / n
    }
  }
  // The influence columns u = Cᵀ D⁻¹ z: wᵢ/W · (C[cellᵢ]/p̂[cellᵢ] − Σ_cells C·D⁻¹·p̂).
  let offsets = (0..<k).map { m in (0..<cells).reduce(0.0) { $0 + contrasts[m][$1] * inverse[$1] * proportion[$1] } }
  // Without clusters, in closed form from sums per cell.
  var values = [Double](repeating: 0, count: cells * k)
  for cell in 0..<cells {
    for m in 0..<k { values[cell * k + m] = (contrasts[m][cell] * inverse[cell] - offsets[m]) / total }
  }
  if let numerator = try design.covariance(
    ofCellValues: values, cellCount: cells, columns: k, cellOfRow: layout.cellOfRow)
  {
    return try CholeskyDecomposition(denominator).solve(matrix: numerator)
  }
  // Otherwise row by row over the table's respondents (everyone else's values are zero).
  let rows = (0..<design.count).filter { layout.complete[$0] }
  var influence = [Double](repeating: 0, count: rows.count * k)
  for (r, i) in rows.enumerated() {
    let cell = Int(layout.cellOfRow[i])
    let scale = design.weights[i] / total
    for m in 0..<k { influence[r * k + m] = scale * (contrasts[m][cell] * inverse[cell] - offsets[m]) }
  }
  let numerator = try design.covariance(rowMajor: influence, rows: rows, columns: k, presence: layout.complete)
  return try CholeskyDecomposition(denominator).solve(matrix: numerator)
}

/// The Wald statistic YᵀV⁻¹Y of the interaction contrasts Y = T_ij − T_i. T_.j / T of the
/// weighted totals (cells with *i*, *j* ≥ 1), V their linearised design covariance.
private func waldStatistic(
  _ layout: TwoWayLayout, rowTotals: [Double], columnTotals: [Double], in design: SurveyDesign
) throws(EstimationError) -> Double {
  let r = layout.rowCount
  let c = layout.columnCount
  let total = layout.table.total
  var contrasts: [Double] = []
  var cellsUsed: [(row: Int, column: Int)] = []
  for j in 1..<c {
    for i in 1..<r {
      contrasts.append(layout.table.counts[i][j] - rowTotals[i] * columnTotals[j] / total)
      cellsUsed.append((i, j))
    }
  }
  // Influence of Yᵢⱼ: wᵢ (1[cell] − 1[row i] T.ⱼ/T − 1[column j] Tᵢ./T + Tᵢ. T.ⱼ/T²), a value per
  // cell times the weight.
  let k = cellsUsed.count
  var values = [Double](repeating: 0, count: r * c * k)
  for cell in 0..<(r * c) {
    let a = cell % r
    let b = cell / r
    for (m, used) in cellsUsed.enumerated() {
      var value = rowTotals[used.row] * columnTotals[used.column] / (total * total)
      if a == used.row && b == used.column { value += 1 }
      if a == used.row { value -= columnTotals[used.column] / total }
      if b == used.column { value -= rowTotals[used.row] / total }
      values[cell * k + m] = value
    }
  }
  // Without clusters in closed form from sums per cell; otherwise row by row over the table's
  // respondents (everyone else's values are zero).
  var covariance: [[Double]]
  if let closed = try design.covariance(ofCellValues: values, cellCount: r * c, columns: k, cellOfRow: layout.cellOfRow)
  {
    covariance = closed
  } else {
    let rows = (0..<design.count).filter { layout.complete[$0] }
    var influence = [Double](repeating: 0, count: rows.count * k)
    for (index, i) in rows.enumerated() {
      let cell = Int(layout.cellOfRow[i])
      let w = design.weights[i]
      for m in 0..<k { influence[index * k + m] = w * values[cell * k + m] }
    }
    covariance = try design.covariance(rowMajor: influence, rows: rows, columns: k, presence: layout.complete)
  }
  let names = cellsUsed.map { "\(layout.table.rowLevels[$0.row]):\(layout.table.columnLevels[$0.column])" }
  return try CholeskyDecomposition(covariance, names: names).inverseQuadraticForm(contrasts)
}
