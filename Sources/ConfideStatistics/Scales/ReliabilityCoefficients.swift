/// Internal-consistency coefficients of a set of items, as one row of `psych::alpha`'s `total` or
/// `alpha.drop` (psych's internal `alpha.1`).
///
/// For k items with covariance matrix C and correlation matrix R (both keyed, so reversed items
/// enter with flipped sign):
/// - raw α = k/(k−1)·(1 − tr C/1ᵀC1) (Cronbach);
/// - standardized α = k/(k−1)·(1 − k/1ᵀR1);
/// - Guttman's λ₆ = 1 − (k − Σ smcᵢ)/1ᵀR1, with smc from ``SymmetricMatrix/squaredMultipleCorrelations()``;
/// - average r̄ = (1ᵀR1 − k)/(k(k−1)); signal/noise = k·r̄/(1 − r̄);
/// - Duhachek & Iacobucci's (2004) asymptotic standard error √(Q/n), with
///   Q = 2k²/((k−1)²(1ᵀC1)³)·[1ᵀC1·(tr C² + (tr C)²) − 2·tr C·1ᵀC²1];
/// - the variance (n−1 divisor) and median of the k(k−1)/2 correlations below the diagonal.
public struct ReliabilityCoefficients: Hashable, Sendable {
  /// Cronbach's α from the covariances (psych `raw_alpha`).
  public var rawAlpha: Double
  /// α from the correlations, as if every item were standardized (psych `std.alpha`).
  public var standardizedAlpha: Double
  /// Guttman's λ₆ from squared multiple correlations (psych `G6(smc)`).
  public var guttmanLambda6: Double
  /// The mean inter-item correlation r̄ (psych `average_r`).
  public var averageCorrelation: Double
  /// The signal-to-noise ratio k·r̄/(1 − r̄) (psych `S/N`).
  public var signalToNoise: Double
  /// Duhachek's asymptotic standard error of raw α (psych `ase`, or `alpha se` when an item is
  /// dropped); `nil` where psych reports none (two items, or no more respondents than items) or Q < 0.
  public var standardError: Double?
  /// The variance of the inter-item correlations (psych `var.r`); `nil` with a single correlation,
  /// except that psych reports 0 for the one-item "scales" left by dropping an item from a pair.
  public var correlationVariance: Double?
  /// The median inter-item correlation (psych `median_r`, `med.r`).
  public var medianCorrelation: Double

  /// Computes the coefficients from keyed covariance and correlation matrices (psych `alpha.1`).
  ///
  /// - Parameters:
  ///   - c: the keyed covariance matrix C.
  ///   - r: the keyed correlation matrix R (`cov2cor(C)`).
  ///   - respondents: the n of √(Q/n): every row of the data, answered or not, as psych uses.
  ///   - withStandardError: whether to report √(Q/n).
  /// - Complexity: O(k³)
  init(covariance c: SymmetricMatrix, correlation r: SymmetricMatrix, respondents: Int, withStandardError: Bool) {
    let k = Double(c.dimension)
    let sumC = c.sumOfElements
    let traceC = c.trace
    let sumR = r.sumOfElements
    rawAlpha = (1 - traceC / sumC) * (k / (k - 1))
    standardizedAlpha = (1 - k / sumR) * (k / (k - 1))
    let smc = r.squaredMultipleCorrelations()
    guttmanLambda6 = 1 - (k - smc.reduce(0, +)) / sumR
    averageCorrelation = (sumR - k) / (k * (k - 1))
    signalToNoise = k * averageCorrelation / (1 - averageCorrelation)
    let c2 = c.squared
    let q =
      (2 * k * k / ((k - 1) * (k - 1) * sumC * sumC * sumC))
      * (sumC * (c2.trace + traceC * traceC) - 2 * (traceC * c2.sumOfElements))
    standardError = withStandardError && q >= 0 ? (q / Double(respondents)).squareRoot() : nil
    let offDiagonal = r.lowerTriangle
    correlationVariance = offDiagonal.sampleVariance
    medianCorrelation = offDiagonal.median
  }

  /// psych's row for the single item left when one of two items is dropped:
  /// raw α = C₁₂/C_kept,kept, standardized α = r̄ = median = r₁₂, λ₆ = smc₁, S/N = r₁₂/(1 − r₁₂),
  /// variance of correlations 0 and no standard error.
  init(pairCovariance c: SymmetricMatrix, correlation r: SymmetricMatrix, keeping kept: Int) {
    let r12 = r[0, 1]
    rawAlpha = c[0, 1] / c[kept, kept]
    standardizedAlpha = r12
    guttmanLambda6 = r.squaredMultipleCorrelations()[0]
    averageCorrelation = r12
    signalToNoise = r12 / (1 - r12)
    standardError = nil
    correlationVariance = 0
    medianCorrelation = r12
  }
}

extension Array where Element == Double {
  /// The sample variance with divisor n − 1 (R's `var`); `nil` for fewer than two values.
  var sampleVariance: Double? {
    guard count >= 2 else { return nil }
    let mean = reduce(0, +) / Double(count)
    return reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)
  }

  /// The median (mean of the two middle values for an even count, as R's `median`); `nan` if empty.
  var median: Double {
    guard !isEmpty else { return .nan }
    let sorted = self.sorted()
    let middle = count / 2
    return count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
  }
}
