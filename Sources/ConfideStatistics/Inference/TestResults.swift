/// A point estimate with its confidence interval.
public struct IntervalEstimate: Sendable, Hashable {
  /// The point estimate.
  public var estimate: Double
  /// The confidence interval.
  public var interval: ConfidenceInterval

  /// An estimate with its interval.
  public init(estimate: Double, interval: ConfidenceInterval) {
    self.estimate = estimate
    self.interval = interval
  }
}

/// The result of a test whose statistic has a chi-squared reference distribution.
public struct ChiSquaredTestResult: Sendable, Hashable {
  /// The test statistic.
  public var statistic: Double
  /// The degrees of freedom of the reference chi-squared distribution.
  public var degreesOfFreedom: Double
  /// The upper-tail p-value P(χ² > statistic).
  public var pValue: Double

  /// A result with the given statistic, degrees of freedom and p-value.
  public init(statistic: Double, degreesOfFreedom: Double, pValue: Double) {
    self.statistic = statistic
    self.degreesOfFreedom = degreesOfFreedom
    self.pValue = pValue
  }
}

/// The two-sided standard-normal critical value z₁₋₍₁₋level₎/₂, after checking the level.
func normalCriticalValue(level: Double) throws(EstimationError) -> Double {
  try checkLevel(level)
  return Normal().quantile(1 - (1 - level) / 2)
}

/// Throws unless 0 < level < 1.
func checkLevel(_ level: Double) throws(EstimationError) {
  guard level > 0, level < 1 else {
    throw .invalidArgument("confidence level must be strictly between 0 and 1")
  }
}
