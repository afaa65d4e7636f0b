import Foundation

/// A 2×2 table of counts:
///
/// |           | event | no event |
/// |-----------|-------|----------|
/// | exposed   | a     | b        |
/// | unexposed | c     | d        |
///
/// (R's `matrix(c(a, c, b, d), 2)`). Ratios compare the exposed row with the unexposed row.
public struct TwoByTwoTable: Sendable, Hashable {
  /// Exposed with the event.
  public var a: Int
  /// Exposed without the event.
  public var b: Int
  /// Unexposed with the event.
  public var c: Int
  /// Unexposed without the event.
  public var d: Int

  /// A table of non-negative counts.
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when a count is negative.
  public init(a: Int, b: Int, c: Int, d: Int) throws(EstimationError) {
    guard a >= 0, b >= 0, c >= 0, d >= 0 else { throw .invalidArgument("2×2 table counts must not be negative") }
    self.a = a
    self.b = b
    self.c = c
    self.d = d
  }

  /// The total count a + b + c + d.
  public var total: Int { a + b + c + d }
}

/// What to do with a zero cell in the Wald odds ratio and risk ratio.
public enum ZeroCellCorrection: Sendable, Hashable {
  /// Use the counts as they are: a zero cell gives an odds ratio of 0 or +∞ (NaN for 0/0) and the
  /// interval [0, +∞].
  case none
  /// Haldane–Anscombe: add ½ to every cell when (and only when) some cell is zero.
  case haldaneAnscombe
}

extension TwoByTwoTable {
  /// The odds ratio ad/(bc) with its Wald interval on the log scale,
  /// exp(ln OR ± z √(1/a + 1/b + 1/c + 1/d)).
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for a level outside (0, 1).
  public func oddsRatio(
    level: Double = 0.95, zeroCells: ZeroCellCorrection = .none
  ) throws(EstimationError) -> IntervalEstimate {
    let z = try normalCriticalValue(level: level)
    let (a, b, c, d) = cells(zeroCells)
    let ratio = (a * d) / (b * c)
    let logSE = (1 / a + 1 / b + 1 / c + 1 / d).squareRoot()
    return logWald(ratio, logSE, z, level)
  }

  /// The risk ratio (a/(a + b)) / (c/(c + d)) with its Wald interval on the log scale,
  /// exp(ln RR ± z √(1/a − 1/(a + b) + 1/c − 1/(c + d))) (Katz et al. 1978).
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for a level outside (0, 1).
  public func riskRatio(
    level: Double = 0.95, zeroCells: ZeroCellCorrection = .none
  ) throws(EstimationError) -> IntervalEstimate {
    let z = try normalCriticalValue(level: level)
    let (a, b, c, d) = cells(zeroCells)
    let ratio = (a / (a + b)) / (c / (c + d))
    let logSE = (1 / a - 1 / (a + b) + 1 / c - 1 / (c + d)).squareRoot()
    return logWald(ratio, logSE, z, level)
  }

  /// The risk difference p₁ − p₂ = a/(a + b) − c/(c + d) with the Wald interval
  /// ± z √(p₁(1 − p₁)/(a + b) + p₂(1 − p₂)/(c + d)).
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for a level outside (0, 1) and
  ///   ``EstimationError/noObservations(_:)`` when a row is empty.
  public func riskDifference(level: Double = 0.95) throws(EstimationError) -> IntervalEstimate {
    let z = try normalCriticalValue(level: level)
    guard a + b > 0, c + d > 0 else { throw .noObservations("a row of the 2×2 table is empty") }
    let n1 = Double(a + b)
    let n2 = Double(c + d)
    let p1 = Double(a) / n1
    let p2 = Double(c) / n2
    let se = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2).squareRoot()
    let difference = p1 - p2
    return IntervalEstimate(
      estimate: difference,
      interval: ConfidenceInterval(lower: difference - z * se, upper: difference + z * se, level: level))
  }

  /// Pearson's chi-squared test of independence on 1 degree of freedom (as R's `chisq.test`):
  /// X² = Σ (|O − E| − Y)²/E with E = row total × column total / n and Yates' correction
  /// Y = min(½, |O − E|) when `continuityCorrection` is true (R's default), 0 otherwise.
  ///
  /// A table with an empty row or column has an expected count of 0 and gives NaN, as in R.
  public func pearsonChiSquared(continuityCorrection: Bool = true) -> ChiSquaredTestResult {
    let n = Double(total)
    let observed = [Double(a), Double(b), Double(c), Double(d)]
    let rows = [Double(a + b), Double(a + b), Double(c + d), Double(c + d)]
    let columns = [Double(a + c), Double(b + d), Double(a + c), Double(b + d)]
    let expected = (0..<4).map { rows[$0] * columns[$0] / n }
    let yates = continuityCorrection ? min(0.5, (0..<4).map { abs(observed[$0] - expected[$0]) }.min() ?? 0) : 0
    var statistic = 0.0
    for i in 0..<4 {
      let deviation = abs(observed[i] - expected[i]) - yates
      statistic += deviation * deviation / expected[i]
    }
    return ChiSquaredTestResult(
      statistic: statistic, degreesOfFreedom: 1, pValue: ChiSquared(degreesOfFreedom: 1).survival(statistic))
  }

  private func cells(_ correction: ZeroCellCorrection) -> (Double, Double, Double, Double) {
    let shift = correction == .haldaneAnscombe && min(a, b, c, d) == 0 ? 0.5 : 0
    return (Double(a) + shift, Double(b) + shift, Double(c) + shift, Double(d) + shift)
  }

  private func logWald(_ ratio: Double, _ logSE: Double, _ z: Double, _ level: Double) -> IntervalEstimate {
    if !logSE.isFinite || ratio == 0 || ratio.isInfinite || ratio.isNaN {
      return IntervalEstimate(estimate: ratio, interval: ConfidenceInterval(lower: 0, upper: .infinity, level: level))
    }
    let logRatio = log(ratio)
    return IntervalEstimate(
      estimate: ratio,
      interval: ConfidenceInterval(lower: exp(logRatio - z * logSE), upper: exp(logRatio + z * logSE), level: level))
  }
}
