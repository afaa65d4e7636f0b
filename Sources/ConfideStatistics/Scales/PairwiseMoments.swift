/// Covariances and correlations of item columns from pairwise-complete answers, as R's
/// `cov(x, use = "pairwise")` and `cor(x, use = "pairwise")`.
///
/// For each pair of items (i, j) only the respondents who answered both count: their means x̄ᵢ⁽ʲ⁾ and
/// x̄ⱼ⁽ⁱ⁾ are taken over those respondents, then
/// cov(i, j) = Σ(xᵢ − x̄ᵢ⁽ʲ⁾)(xⱼ − x̄ⱼ⁽ⁱ⁾)/(nᵢⱼ − 1) and cor(i, j) = Σ(…)(…)/√(Σ(…)²·Σ(…)²).
/// The diagonal of `covariance` holds each item's variance over all of its answers. Matrices built
/// this way need not be positive semi-definite.
///
/// - Complexity: O(n·k²) time for n respondents and k items (two passes per pair), O(k²) memory.
public struct PairwiseMoments: Hashable, Sendable {
  /// The number of respondents who answered both items, row-major k × k (the diagonal counts answers).
  public let counts: [Int]
  /// Pairwise-complete covariances (R's `cov(x, use = "pairwise")`); `nan` for a pair answered
  /// together by fewer than two respondents.
  public let covariance: SymmetricMatrix
  /// Pairwise-complete correlations (R's `cor(x, use = "pairwise")`), clamped to [−1, 1] as R does;
  /// `nan` where a pair has fewer than two joint answers or no variance among them. The diagonal is 1.
  public let correlation: SymmetricMatrix

  /// Computes the pairwise moments of item-major columns (`items[i][r]` is respondent r's answer
  /// to item i; `nil` is missing).
  ///
  /// - Precondition: every column has the same length (callers validate with ``EstimationError``).
  public init(_ items: [[Double?]]) {
    let k = items.count
    var counts = [Int](repeating: 0, count: k * k)
    var covariance = SymmetricMatrix(dimension: k)
    var correlation = SymmetricMatrix(dimension: k)
    for i in 0..<k {
      for j in i..<k {
        let pair = PairMoments(items[i], items[j])
        counts[i * k + j] = pair.count
        counts[j * k + i] = pair.count
        covariance[i, j] = pair.covariance
        correlation[i, j] = i == j ? 1 : pair.correlation
      }
    }
    self.counts = counts
    self.covariance = covariance
    self.correlation = correlation
  }
}

/// The pairwise-complete moments of two columns (R's `cov`/`cor` with `use = "pairwise"`).
struct PairMoments {
  /// Respondents with both values.
  var count = 0
  /// Σ(x − x̄)(y − ȳ)/(count − 1), or `nan` when count < 2.
  var covariance = Double.nan
  /// The correlation clamped to [−1, 1], or `nan` when undefined.
  var correlation = Double.nan

  /// Two passes over the respondents who answered both: means, then centred cross-products.
  ///
  /// - Complexity: O(n)
  init(_ x: [Double?], _ y: [Double?]) {
    var sumX = 0.0
    var sumY = 0.0
    for (a, b) in zip(x, y) {
      guard let a, let b else { continue }
      count += 1
      sumX += a
      sumY += b
    }
    guard count >= 2 else { return }
    let meanX = sumX / Double(count)
    let meanY = sumY / Double(count)
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for (a, b) in zip(x, y) {
      guard let a, let b else { continue }
      sxy += (a - meanX) * (b - meanY)
      sxx += (a - meanX) * (a - meanX)
      syy += (b - meanY) * (b - meanY)
    }
    covariance = sxy / Double(count - 1)
    if sxx > 0 && syy > 0 {
      correlation = min(1, max(-1, sxy / (sxx * syy).squareRoot()))
    }
  }
}
