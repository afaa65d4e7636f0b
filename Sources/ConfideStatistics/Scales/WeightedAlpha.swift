/// Cronbach's α from design-weighted variances, as `survey::svycralpha`.
///
/// α = k/(k−1)·(1 − Σᵢ s²ᵢ/s²_T), where s²ᵢ and s²_T are the weighted variances
/// Σ wᵣ(xᵣ − x̄_w)²/Σ wᵣ of each item and of the sum score T = Σᵢ xᵢ. survey's `svyvar` multiplies
/// every variance by the same n/(n − 1), which cancels in the ratio. Only the weights matter: strata,
/// clusters and finite-population corrections do not change the point estimate.
///
/// Respondents with any missing item are left out (listwise), as `svycralpha(..., na.rm = TRUE)`;
/// R's default `na.rm = FALSE` returns `NA` instead.
///
/// ```swift
/// let alpha = try cronbachAlpha(items: [ell, mobility, avgEd, emer, meals], weights: pw)  // 0.6387
/// ```
///
/// - Parameters:
///   - items: answers item by item (`items[i][r]`), `nil` when missing.
///   - weights: one sampling weight per respondent (non-negative, finite).
/// - Returns: the design-weighted α (negative when the items covary negatively on average).
/// - Throws: ``EstimationError/invalidArgument(_:)`` for fewer than two items, a negative or non-finite
///   weight, or a sum score without variance; ``EstimationError/lengthMismatch(argument:expected:actual:)``
///   when a column or the weights differ in length; ``EstimationError/noObservations(_:)`` when no
///   respondent with positive weight answered every item.
/// - Complexity: O(n·k); one allocation (n effective weights).
public func cronbachAlpha(items: [[Double?]], weights: [Double]) throws(EstimationError) -> Double {
  let k = items.count
  guard k >= 2 else { throw .invalidArgument("Cronbach's alpha needs at least two items, not \(k)") }
  let n = weights.count
  for (i, column) in items.enumerated() where column.count != n {
    throw .lengthMismatch(argument: "item \(i + 1)", expected: n, actual: column.count)
  }
  guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
    throw .invalidArgument("weights must be finite and non-negative")
  }
  // The weight of each respondent who answered every item, 0 for the others (listwise deletion).
  let w = (0..<n).map { r in items.allSatisfy { $0[r] != nil } ? weights[r] : 0 }

  // First pass: weighted means of the items and of the sum score over complete respondents.
  var totalWeight = 0.0
  var sumOfTotals = 0.0
  for r in 0..<n where w[r] > 0 {
    totalWeight += w[r]
    for column in items { sumOfTotals += w[r] * (column[r] ?? 0) }
  }
  guard totalWeight > 0 else {
    throw .noObservations("no respondent with a positive weight answered every item")
  }
  let totalMean = sumOfTotals / totalWeight

  // Second pass: Σ of item variances and the variance of the sum score (both divided by Σw later).
  var itemVariances = 0.0
  for column in items {
    var sum = 0.0
    for r in 0..<n where w[r] > 0 { sum += w[r] * (column[r] ?? 0) }
    let mean = sum / totalWeight
    for r in 0..<n where w[r] > 0 {
      let deviation = (column[r] ?? 0) - mean
      itemVariances += w[r] * deviation * deviation
    }
  }
  var totalVariance = 0.0
  for r in 0..<n where w[r] > 0 {
    var score = 0.0
    for column in items { score += column[r] ?? 0 }
    totalVariance += w[r] * (score - totalMean) * (score - totalMean)
  }
  guard totalVariance > 0 else { throw .invalidArgument("the sum score has no variance") }
  let kk = Double(k)
  return kk / (kk - 1) * (1 - itemVariances / totalVariance)
}
