import Foundation

/// Fits a survey-weighted linear or logistic regression, as `survey::svyglm(y ~ terms, design,
/// family = gaussian() | quasibinomial())`.
///
/// The coefficients β̂ solve the design-weighted score equations Σ wᵢ xᵢ (yᵢ − μᵢ) = 0, found by
/// iteratively reweighted least squares exactly as R's `glm.fit` runs it: the same start
/// (μ = (w y + ½)/(w + 1), with the weights scaled to mean 1 as `svyglm` scales them), the same
/// stopping rule |D − D_old| / (|D| + 0.1) < `tolerance` on the deviance *D*, and the working
/// weights of the last iteration — so a logistic fit matches R's default output to about 10⁻¹¹,
/// where the fully converged fit (`tolerance: 1e-14`) differs from it by about 10⁻⁵ in the
/// standard errors. Their covariance is the design-based sandwich of
/// `svyglm`'s `vcov`: the influence values
///
///     hᵢ = (Xᵀ W X)⁻¹ xᵢ wᵢ (yᵢ − μᵢ)     (W: the working weights)
///
/// passed through the design's Taylor variance of totals (strata, PSUs, fpc, calibration,
/// lonely PSUs). Tests and intervals use Student's *t* on the residual degrees of freedom
/// degf − *p* + 1, where degf counts PSUs minus strata among the respondents in the model
/// (as `summary.svyglm` and `confint.svyglm`).
///
/// Respondents outside the domain, or missing the outcome or a predictor, are left out as
/// `svyglm` leaves them out — by subsetting the design, so the variance still counts their
/// strata's other PSUs.
///
/// **Separation.** When a logistic regression's outcome is perfectly predicted in some part of
/// the data (everyone in a cell answered yes), the likelihood has no maximum: R stops with
/// huge coefficients and enormous standard errors (`stypeM:comp.impYes` 16.09 on `apistrat`),
/// often without a warning. Here the fit is followed past R's stopping rule until the linear
/// predictor settles (no ηᵢ moves by more than 10⁻⁶); if instead a fitted probability of a
/// respondent with a positive weight comes within 10·ε of 0 or 1 (R's "fitted probabilities
/// numerically 0 or 1"), the coefficients are diverging and the fit is refused with
/// ``EstimationError/singular(_:)`` naming the coefficients still growing.
///
/// ```swift
/// let model = try regression(schoolwide, on: [.numeric("ell", ell), .numeric("meals", meals),
///                            .numeric("mobility", mobility)], in: dstrat, family: .logistic)
/// model.coefficient("mobility")?.estimate   // 0.0609, SE 0.0319, as R
/// ```
///
/// - Parameters:
///   - outcome: One value per respondent (0/1 or a proportion for a logistic model); `.nan`
///     marks a missing answer.
///   - terms: The predictors and interactions (see ``RegressionTerm``).
///   - design: The sampling design.
///   - family: Linear or logistic.
///   - intercept: Whether the model has an intercept.
///   - domain: The subgroup to fit the model in, or `nil` for everyone.
///   - tolerance: The deviance stopping rule (R's `glm.control(epsilon=)`, 10⁻⁸).
///   - maximumIterations: The iteration limit (R's `maxit`, 25).
/// - Returns: The coefficients with their design-based covariance, *t* tests and intervals.
/// - Throws: ``EstimationError/singular(_:)`` for collinear predictors (naming the first
///   redundant column) or separation; ``EstimationError/invalidArgument(_:)`` for an outcome
///   outside [0, 1] in a logistic model, a value that is not finite, or fewer design degrees
///   of freedom than coefficients; ``EstimationError/noObservations(_:)`` when no respondent
///   with a positive weight has every value; ``EstimationError/notConverged(_:iterations:)``;
///   and the design's errors.
/// - Complexity: O(*n*·*p*² per iteration + *P*·*p*²) for *n* respondents, *p* coefficients and
///   *P* PSUs.
public func regression(
  _ outcome: [Double], on terms: [RegressionTerm], in design: SurveyDesign, family: RegressionFamily = .linear,
  intercept: Bool = true, domain: [Bool]? = nil, tolerance: Double = 1e-8, maximumIterations: Int = 25
) throws(EstimationError) -> RegressionModel {
  try regression(
    outcome, on: terms, in: design, family: family, intercept: intercept, domain: domain, tolerance: tolerance,
    maximumIterations: maximumIterations, distinctRows: true)
}

/// ``regression(_:on:in:family:intercept:domain:tolerance:maximumIterations:)``, with the
/// logistic iterations over distinct rows (``DistinctRows``) allowed or not.
func regression(
  _ outcome: [Double], on terms: [RegressionTerm], in design: SurveyDesign, family: RegressionFamily,
  intercept: Bool, domain: [Bool]?, tolerance: Double, maximumIterations: Int, distinctRows: Bool
) throws(EstimationError) -> RegressionModel {
  try design.check(outcome, "outcome")
  try design.check(domain: domain)
  guard tolerance > 0, maximumIterations > 0 else {
    throw .invalidArgument("the tolerance and the iteration limit must be positive")
  }
  let n = design.count
  var candidates = [Bool](repeating: false, count: n)
  for i in 0..<n where !outcome[i].isNaN && (domain?[i] ?? true) {
    guard outcome[i].isFinite else { throw .invalidArgument("the outcome of respondent \(i + 1) is not finite") }
    if family == .logistic, !(0...1).contains(outcome[i]) {
      throw .invalidArgument("a logistic regression's outcome must be between 0 and 1 (respondent \(i + 1))")
    }
    candidates[i] = true
  }
  let x = try ModelMatrix(terms, intercept: intercept, candidates: candidates)
  let p = x.columnCount

  // The prior weights, scaled to mean 1 over the (sub)design as `svyglm(rescale=TRUE)` does;
  // the scale changes only glm's starting values, and so R's stopping point.
  var weightSum = 0.0
  var rowsInDesign = 0
  for i in 0..<n where domain?[i] ?? true {
    weightSum += design.weights[i]
    rowsInDesign += 1
  }
  if !design.calibration.isEmpty { rowsInDesign = n }  // R keeps a calibrated design's rows.
  let scale = weightSum / Double(rowsInDesign)
  var count = 0
  var weightedCount = 0.0
  for i in x.rows where design.weights[i] > 0 {
    count += 1
    weightedCount += design.weights[i]
  }
  guard count > 0, scale > 0 else {
    throw .noObservations("no respondent with a positive weight has the outcome and every predictor")
  }
  let prior = x.rows.map { design.weights[$0] / scale }
  let y = x.rows.map { outcome[$0] }

  let fit =
    switch family {
    case .linear: try fitLinear(x, y: y, prior: prior)
    case .logistic:
      try fitLogistic(
        x, y: y, prior: prior, tolerance: tolerance, maximumIterations: maximumIterations, distinctRows: distinctRows)
    }

  // The sandwich: influence hᵢ = A⁻¹ xᵢ rᵢ wᵢ through the design's variance of totals.
  let inverse = fit.information.inverse().flatMap { $0 }
  let covariance: [[Double]]
  if let distinct = fit.distinct,
    let byRow = try patternCovariance(
      distinct, fit: fit, inverse: inverse, scale: scale, rows: x.rows, design: design)
  {
    covariance = byRow
  } else {
    covariance = try respondentCovariance(x, fit: fit, inverse: inverse, design: design)
  }
  let designDF = design.degreesOfFreedom(in: x.included)
  let df = designDF + 1 - p
  guard df > 0 else {
    throw .invalidArgument(
      "the design has \(designDF) degrees of freedom among the respondents in the model, too few for \(p) coefficients")
  }
  let t = StudentT(degreesOfFreedom: Double(df))
  let coefficients = (0..<p).map { c in
    let estimate = fit.beta[c]
    let se = covariance[c][c].squareRoot()
    let statistic = estimate == 0 ? 0 : estimate / se
    return RegressionCoefficient(
      name: x.columnNames[c], estimate: estimate, standardError: se, tStatistic: statistic,
      pValue: 2 * t.survival(abs(statistic)), degreesOfFreedom: df)
  }
  return RegressionModel(
    family: family, coefficients: coefficients, covariance: covariance, residualDegreesOfFreedom: df,
    termNames: x.termNames, termOfCoefficient: x.termOfColumn, count: count, weightedCount: weightedCount,
    iterations: fit.iterations)
}

/// What a fit leaves for the sandwich: the estimates, the factored information Xᵀ W X, and
/// per respondent the working residual and working weight (R's `resid(g, "working")` and
/// `g$weights`).
private struct IRLSFit {
  var beta: [Double]
  var information: CholeskyDecomposition
  var residuals: [Double]
  var workingWeights: [Double]
  var iterations: Int
  /// When the iterations ran over distinct rows: those rows, and each one's score
  /// r·(dμ/dη)²/(μ(1 − μ)), which a respondent's prior weight multiplies.
  var distinct: DistinctRows? = nil
  var distinctScore: [Double]? = nil
}

/// The sandwich's covariance from each respondent's influence hᵢ = A⁻¹ xᵢ rᵢ wᵢ, formed row by row.
private func respondentCovariance(
  _ x: ModelMatrix, fit: IRLSFit, inverse: [Double], design: SurveyDesign
) throws(EstimationError) -> [[Double]] {
  let p = x.columnCount
  let m = x.rows.count
  var flat = [Double](repeating: 0, count: m * p)  // row-major hᵢ
  var score = [Double](repeating: 0, count: p)
  var nonzero = [Int](repeating: 0, count: p)
  x.values.withUnsafeBufferPointer { values in
    flat.withUnsafeMutableBufferPointer { flat in
      for r in 0..<m {
        let s = fit.residuals[r] * fit.workingWeights[r]
        if s == 0 { continue }
        // Most of a row's columns are dummies at zero: their terms add nothing to the sums.
        var used = 0
        for k in 0..<p {
          score[k] = values[k * m + r] * s
          if score[k] != 0 {
            nonzero[used] = k
            used += 1
          }
        }
        for c in 0..<p {
          var sum = 0.0
          for u in 0..<used { sum += inverse[c * p + nonzero[u]] * score[nonzero[u]] }
          flat[r * p + c] = sum
        }
      }
    }
  }
  return try design.covariance(rowMajor: flat, rows: x.rows, columns: p, presence: x.included)
}

/// The sandwich's covariance when the fit ran over distinct rows: a respondent's influence is
/// their weight times their distinct row's A⁻¹ x r (w/prior), so the design's covariance of
/// columns valued by cell (``SurveyDesign/covariance(ofCellValues:cellCount:columns:cellOfRow:)``)
/// takes it without a row per respondent; `nil` when that declines (clusters).
private func patternCovariance(
  _ distinct: DistinctRows, fit: IRLSFit, inverse: [Double], scale: Double, rows: [Int], design: SurveyDesign
) throws(EstimationError) -> [[Double]]? {
  guard design.allowsClosedForm, let score = fit.distinctScore else { return nil }
  let p = distinct.x.columnCount
  let k = distinct.prior.count
  var values = [Double](repeating: 0, count: k * p)
  for q in 0..<k {
    // A respondent's score is prior · score[q] = wᵢ · score[q] / scale.
    let s = score[q] / scale
    if s == 0 { continue }
    for c in 0..<p {
      var sum = 0.0
      for j in 0..<p {
        let xj = distinct.x.values[j * k + q]
        if xj != 0 { sum += inverse[c * p + j] * xj * s }
      }
      values[q * p + c] = sum
    }
  }
  var cellOfRow = [Int32](repeating: -1, count: design.count)
  for (r, i) in rows.enumerated() { cellOfRow[i] = distinct.rowOf[r] }
  return try design.covariance(ofCellValues: values, cellCount: k, columns: p, cellOfRow: cellOfRow)
}

/// Solves the weighted least-squares problem min Σ wᵢ (zᵢ − xᵢᵀβ)² by its normal equations.
private func weightedLeastSquares(
  _ x: ModelMatrix, weights: [Double], response z: [Double]
) throws(EstimationError)
  -> (beta: [Double], information: CholeskyDecomposition)
{
  let p = x.columnCount
  let m = x.rows.count
  var cross = [Double](repeating: 0, count: p * p)
  var right = [Double](repeating: 0, count: p)
  var row = [Double](repeating: 0, count: p)
  var nonzero = [Int](repeating: 0, count: p)
  x.values.withUnsafeBufferPointer { values in
    weights.withUnsafeBufferPointer { weights in
      z.withUnsafeBufferPointer { z in
        cross.withUnsafeMutableBufferPointer { cross in
          right.withUnsafeMutableBufferPointer { right in
            row.withUnsafeMutableBufferPointer { row in
              for r in 0..<m where weights[r] != 0 {
                // Only the row's nonzero columns: a zero adds nothing to a sum.
                var used = 0
                for c in 0..<p {
                  row[c] = values[c * m + r]
                  if row[c] != 0 {
                    nonzero[used] = c
                    used += 1
                  }
                }
                let w = weights[r]
                for u in 0..<used {
                  let a = nonzero[u]
                  let xa = row[a] * w
                  if xa == 0 { continue }
                  right[a] += xa * z[r]
                  for v in u..<used { cross[a * p + nonzero[v]] += xa * row[nonzero[v]] }
                }
              }
            }
          }
        }
      }
    }
  }
  let matrix = (0..<p).map { a in (0..<p).map { b in a <= b ? cross[a * p + b] : cross[b * p + a] } }
  let information = try CholeskyDecomposition(matrix, names: x.columnNames)
  return (information.solve(right), information)
}

/// The linear predictor Xβ.
private func linearPredictor(_ x: ModelMatrix, _ beta: [Double]) -> [Double] {
  let m = x.rows.count
  var eta = [Double](repeating: 0, count: m)
  x.values.withUnsafeBufferPointer { values in
    eta.withUnsafeMutableBufferPointer { eta in
      for c in 0..<x.columnCount where beta[c] != 0 {
        let b = beta[c]
        for r in 0..<m { eta[r] += values[c * m + r] * b }
      }
    }
  }
  return eta
}

/// Linear regression: one weighted least-squares solve (R's gaussian `glm` reaches the same
/// solution and stops at its second iteration).
private func fitLinear(_ x: ModelMatrix, y: [Double], prior: [Double]) throws(EstimationError) -> IRLSFit {
  let (beta, information) = try weightedLeastSquares(x, weights: prior, response: y)
  let mu = linearPredictor(x, beta)
  let residuals = (0..<y.count).map { y[$0] - mu[$0] }
  return IRLSFit(beta: beta, information: information, residuals: residuals, workingWeights: prior, iterations: 2)
}

/// R's logit link functions (`binomial()$linkinv`, `$mu.eta`), clamped at |η| > 30 as R's C
/// code clamps them.
private enum Logit {
  static let threshold = 30.0
  static let epsilon = Double.ulpOfOne

  static func inverse(_ eta: Double) -> Double {
    let t = eta < -threshold ? epsilon : (eta > threshold ? 1 / epsilon : exp(eta))
    return t / (1 + t)
  }

  /// μ and dμ/dη from one exponential, with R's arithmetic: t = e^η, μ = t/(1 + t),
  /// dμ/dη = t/(1 + t)².
  static func inverseAndDerivative(_ eta: Double) -> (Double, Double) {
    guard abs(eta) <= threshold else { return (inverse(eta), epsilon) }
    let t = exp(eta)
    return (t / (1 + t), t / ((1 + t) * (1 + t)))
  }

  static func derivative(_ eta: Double) -> Double {
    guard abs(eta) <= threshold else { return epsilon }
    let e = exp(eta)
    return e / ((1 + e) * (1 + e))
  }

  /// The binomial deviance Σ 2wᵢ [yᵢ log(yᵢ/μᵢ) + (1 − yᵢ) log((1 − yᵢ)/(1 − μᵢ))].
  static func deviance(_ y: [Double], _ mu: [Double], _ prior: [Double]) -> Double {
    var sum = 0.0
    for r in 0..<y.count {
      let a = y[r] != 0 ? y[r] * log(y[r] / mu[r]) : 0
      let b = y[r] != 1 ? (1 - y[r]) * log((1 - y[r]) / (1 - mu[r])) : 0
      sum += 2 * prior[r] * (a + b)
    }
    return sum
  }

  /// Whether a fitted probability of a respondent with a positive weight is numerically 0 or 1.
  static func reachesBoundary(_ mu: [Double], _ prior: [Double]) -> Bool {
    let bound = 10 * epsilon
    for r in 0..<mu.count where prior[r] > 0 && (mu[r] < bound || mu[r] > 1 - bound) { return true }
    return false
  }
}

/// The state of R's `glm.fit` iterations for the logit link: the linear predictor and fitted
/// probabilities, and the working weights and response made from them.
private struct LogisticIterations {
  let x: ModelMatrix
  let y: [Double]
  let prior: [Double]
  var eta: [Double]
  var mu: [Double]
  /// dμ/dη at the current η (R's `mu.eta`).
  var derivative: [Double]
  var response: [Double]
  var weights: [Double]

  /// Starts where `glm.fit` starts: μ = (w y + ½)/(w + 1).
  init(_ x: ModelMatrix, y: [Double], prior: [Double]) {
    self.x = x
    self.y = y
    self.prior = prior
    eta = (0..<y.count).map { r in
      let start = (prior[r] * (prior[r] == 0 ? 0 : y[r]) + 0.5) / (prior[r] + 1)
      return log(start / (1 - start))
    }
    mu = eta.map(Logit.inverse)
    derivative = eta.map(Logit.derivative)
    response = [Double](repeating: 0, count: y.count)
    weights = response
  }

  /// Starts at given coefficients, as ``move(to:)`` leaves the iterations.
  init(_ x: ModelMatrix, y: [Double], prior: [Double], beta: [Double]) {
    self.x = x
    self.y = y
    self.prior = prior
    eta = linearPredictor(x, beta)
    mu = eta
    derivative = eta
    for r in eta.indices { (mu[r], derivative[r]) = Logit.inverseAndDerivative(eta[r]) }
    response = [Double](repeating: 0, count: y.count)
    weights = response
  }

  /// One weighted least-squares solve at the working weights and response of the current η.
  mutating func step() throws(EstimationError) -> (beta: [Double], information: CholeskyDecomposition) {
    for r in 0..<y.count {
      let slope = derivative[r]
      response[r] = eta[r] + (y[r] - mu[r]) / slope
      weights[r] = prior[r] * slope * slope / (mu[r] * (1 - mu[r]))
    }
    return try weightedLeastSquares(x, weights: weights, response: response)
  }

  /// Moves to new coefficients; returns the largest change of η of a respondent with a weight.
  mutating func move(to beta: [Double]) -> Double {
    let next = linearPredictor(x, beta)
    var change = 0.0
    for r in 0..<next.count {
      if prior[r] > 0 { change = max(change, abs(next[r] - eta[r])) }
      (mu[r], derivative[r]) = Logit.inverseAndDerivative(next[r])
    }
    eta = next
    return change
  }
}

/// Respondents with the same predictors and outcome, taken together: once the linear
/// predictor is Xβ (after the first iteration, which starts from each respondent's own prior
/// weight), they share η, μ, the working response and the deviance's terms, so the iterations
/// can run over the distinct rows with their prior weights summed. With categorical predictors
/// a million respondents make a few thousand rows.
struct DistinctRows {
  /// One row per distinct row of predictors and outcome.
  let x: ModelMatrix
  let y: [Double]
  /// The summed prior weights.
  let prior: [Double]
  /// Each respondent's distinct row.
  let rowOf: [Int32]

  /// Takes the rows together, or `nil` when there are more than a quarter as many distinct rows
  /// as respondents (no gain).
  init?(_ x: ModelMatrix, y: [Double], prior: [Double]) {
    let m = x.rows.count
    let p = x.columnCount
    // A 64-bit hash of each row's values; rows with the same hash are checked to be equal (bit
    // for bit) before they are taken together.
    // Each value is mixed in with MurmurHash3's finaliser, which spreads every bit over the
    // word (a double's values differ mostly in its high bits).
    func mix(_ value: UInt64) -> UInt64 {
      var h = value
      h ^= h >> 33
      h &*= 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 33
      h &*= 0xC4CE_B9FE_1A85_EC53
      h ^= h >> 33
      return h
    }
    var hash = y.map { mix($0.bitPattern) }
    x.values.withUnsafeBufferPointer { values in
      hash.withUnsafeMutableBufferPointer { hash in
        for c in 0..<p {
          for r in 0..<m { hash[r] = mix(hash[r] &+ values[c * m + r].bitPattern &* 0x9E37_79B9_7F4A_7C15) }
        }
      }
    }
    var index: [UInt64: Int32] = [:]
    var first: [Int] = []
    var rowOf = [Int32](repeating: 0, count: m)
    let limit = m / 4
    for r in 0..<m {
      if let known = index[hash[r]] {
        rowOf[r] = known
      } else {
        guard first.count < limit else { return nil }
        index[hash[r]] = Int32(first.count)
        rowOf[r] = Int32(first.count)
        first.append(r)
      }
    }
    let k = first.count
    var values = [Double](repeating: 0, count: k * p)
    for c in 0..<p {
      for (q, r) in first.enumerated() { values[c * k + q] = x.values[c * m + r] }
    }
    // Every row must equal its distinct row bit for bit (two different rows with one hash:
    // no collapsing); checked column by column, against the small table of distinct rows.
    for r in 0..<m where y[r].bitPattern != y[first[Int(rowOf[r])]].bitPattern { return nil }
    let equal = x.values.withUnsafeBufferPointer { all in
      values.withUnsafeBufferPointer { distinct in
        for c in 0..<p {
          for r in 0..<m where all[c * m + r].bitPattern != distinct[c * k + Int(rowOf[r])].bitPattern {
            return false
          }
        }
        return true
      }
    }
    guard equal else { return nil }
    var summed = [Double](repeating: 0, count: k)
    for r in 0..<m { summed[Int(rowOf[r])] += prior[r] }
    self.x = ModelMatrix(sameColumnsAs: x, rows: Array(0..<k), included: [], values: values)
    self.y = first.map { y[$0] }
    self.prior = summed
    self.rowOf = rowOf
  }
}

/// Logistic regression by R's `glm.fit` iterations, then the separation check.
///
/// The first iteration runs over the respondents (R starts each from its own prior weight);
/// the rest over their distinct rows (``DistinctRows``) when there are few, which reach the same
/// coefficients to rounding.
private func fitLogistic(
  _ x: ModelMatrix, y: [Double], prior: [Double], tolerance: Double, maximumIterations: Int, distinctRows: Bool
) throws(EstimationError) -> IRLSFit {
  var state = LogisticIterations(x, y: y, prior: prior)
  var previousDeviance = Logit.deviance(y, state.mu, prior)
  var result: (beta: [Double], information: CholeskyDecomposition)?
  var iterations = 0
  var distinct: DistinctRows?
  // μ and dμ/dη at the last step over distinct rows, which make the fit's working weights.
  var stepMu: [Double] = []
  var stepDerivative: [Double] = []
  while true {
    iterations += 1
    let solved: (beta: [Double], information: CholeskyDecomposition)
    if distinct != nil {
      stepMu = state.mu
      stepDerivative = state.derivative
    }
    do {
      solved = try state.step()
    } catch {
      // Collinearity shows at the first step; later, vanishing weights mean separation.
      if iterations == 1 { throw error }
      throw separation(x, previous: result?.beta, beta: nil)
    }
    let previousBeta = result?.beta
    result = solved
    _ = state.move(to: solved.beta)
    if Logit.reachesBoundary(state.mu, state.prior) {
      throw separation(x, previous: previousBeta, beta: solved.beta)
    }
    let deviance = Logit.deviance(state.y, state.mu, state.prior)
    if abs(deviance - previousDeviance) / (abs(deviance) + 0.1) < tolerance { break }
    previousDeviance = deviance
    if iterations == maximumIterations {
      throw .notConverged("the logistic regression", iterations: maximumIterations)
    }
    if iterations == 1, distinctRows, let rows = DistinctRows(x, y: y, prior: prior) {
      distinct = rows
      state = LogisticIterations(rows.x, y: rows.y, prior: rows.prior, beta: solved.beta)
    }
  }
  guard let result else { throw .notConverged("the logistic regression", iterations: 0) }
  let fit: IRLSFit
  if let distinct {
    // Each respondent's residual and working weight, from their distinct row's μ.
    var residuals = [Double](repeating: 0, count: y.count)
    var weights = [Double](repeating: 0, count: y.count)
    for r in 0..<y.count {
      let q = Int(distinct.rowOf[r])
      residuals[r] = (y[r] - state.mu[q]) / state.derivative[q]
      let slope = stepDerivative[q]
      weights[r] = prior[r] * slope * slope / (stepMu[q] * (1 - stepMu[q]))
    }
    let score = distinct.y.indices.map { q in
      let slope = stepDerivative[q]
      return (distinct.y[q] - state.mu[q]) / state.derivative[q] * (slope * slope / (stepMu[q] * (1 - stepMu[q])))
    }
    fit = IRLSFit(
      beta: result.beta, information: result.information, residuals: residuals, workingWeights: weights,
      iterations: iterations, distinct: distinct, distinctScore: score)
  } else {
    fit = IRLSFit(
      beta: result.beta, information: result.information,
      residuals: (0..<y.count).map { (y[$0] - state.mu[$0]) / state.derivative[$0] },
      workingWeights: state.weights, iterations: iterations)
  }

  // Follow the iterations on until the linear predictor settles; under separation it does not,
  // and fitted probabilities run to 0 or 1.
  var beta = result.beta
  for _ in 0..<100 {
    let next: [Double]
    do {
      next = try state.step().beta
    } catch {
      throw separation(x, previous: nil, beta: nil)
    }
    let change = state.move(to: next)
    if Logit.reachesBoundary(state.mu, state.prior) { throw separation(x, previous: beta, beta: next) }
    if change < 1e-6 { return fit }
    beta = next
  }
  throw .notConverged("the logistic regression's linear predictor", iterations: 100)
}

/// The error for a separated logistic regression, naming the coefficients whose last step
/// moved the linear predictor most (at least a tenth of the largest move).
private func separation(_ x: ModelMatrix, previous: [Double]?, beta: [Double]?) -> EstimationError {
  var growing: [String] = []
  if let previous, let beta {
    let p = x.columnCount
    var size = [Double](repeating: 0, count: p)
    let m = x.rows.count
    for c in 0..<p {
      for r in 0..<m { size[c] = max(size[c], abs(x.values[c * m + r])) }
    }
    let moves = (0..<p).map { abs(beta[$0] - previous[$0]) * size[$0] }
    let largest = moves.max() ?? 0
    if largest > 0 {
      growing = (0..<p).filter { x.columnNames[$0] != "(Intercept)" && moves[$0] >= largest / 10 }
        .map { x.columnNames[$0] }
    }
  }
  let detail = growing.isEmpty ? "" : " (coefficients still growing: \(growing.joined(separator: ", ")))"
  return .separation(
    "the outcome is perfectly separated by the predictors: fitted probabilities reach 0 or 1 and the "
      + "coefficients have no finite estimate\(detail); merge the categories with no variation in the outcome "
      + "or drop the predictor")
}
