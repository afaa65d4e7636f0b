/// A confidence interval for a reliability coefficient.
public struct ReliabilityInterval: Hashable, Sendable {
  /// The lower bound.
  public var lower: Double
  /// The point estimate the interval surrounds.
  public var estimate: Double
  /// The upper bound.
  public var upper: Double
  /// The confidence level, in (0, 1).
  public var level: Double

  /// An interval from its bounds.
  public init(lower: Double, estimate: Double, upper: Double, level: Double) {
    self.lower = lower
    self.estimate = estimate
    self.upper = upper
    self.level = level
  }
}

extension ReliabilityAnalysis {
  /// Feldt's (1965) interval for raw α, as `psych::alpha.ci` (psych prints it as "Feldt").
  ///
  /// With N respondents, k items and γ = 1 − `level`:
  /// lower = 1 − (1 − α)·F₁₋γ/₂(N − 1, (N − 1)(k − 1)), upper = 1 − (1 − α)·F_γ/₂(N − 1, (N − 1)(k − 1)).
  /// N is ``respondents`` (every row, as psych uses `nrow(x)`).
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when `level` is not in (0, 1).
  public func feldtInterval(level: Double = 0.95) throws(EstimationError) -> ReliabilityInterval {
    guard level > 0 && level < 1 else { throw .invalidArgument("confidence level must be in (0, 1), not \(level)") }
    let alpha = coefficients.rawAlpha
    let n = Double(respondents)
    let f = FDistribution(
      numeratorDegreesOfFreedom: n - 1, denominatorDegreesOfFreedom: (n - 1) * Double(items.count - 1))
    let tail = (1 - level) / 2
    return ReliabilityInterval(
      lower: 1 - (1 - alpha) * f.quantile(1 - tail), estimate: alpha,
      upper: 1 - (1 - alpha) * f.quantile(tail), level: level)
  }

  /// Duhachek & Iacobucci's (2004) asymptotic interval for raw α: α ± z₁₋γ/₂·ase.
  ///
  /// psych prints this row ("Duhachek") with z fixed at 1.96; the exact normal quantile is used here,
  /// which moves the 95% bounds by 4·10⁻⁵·ase.
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when `level` is not in (0, 1) or the asymptotic
  ///   standard error is undefined (Q < 0).
  public func duhachekInterval(level: Double = 0.95) throws(EstimationError) -> ReliabilityInterval {
    guard level > 0 && level < 1 else { throw .invalidArgument("confidence level must be in (0, 1), not \(level)") }
    guard let se = coefficients.standardError else {
      throw .invalidArgument("the asymptotic standard error of alpha is undefined for these items")
    }
    let z = Normal().quantile(1 - (1 - level) / 2)
    let alpha = coefficients.rawAlpha
    return ReliabilityInterval(lower: alpha - z * se, estimate: alpha, upper: alpha + z * se, level: level)
  }
}
