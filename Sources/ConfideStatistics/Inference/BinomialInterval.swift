import Foundation

/// Confidence intervals for a binomial proportion: x successes in n trials, or a proportion p̂ with
/// an effective sample size n_eff (the design-based `svyciprop` methods reuse the latter).
///
/// Every method throws ``EstimationError/invalidArgument(_:)`` for a level outside (0, 1), n ≤ 0,
/// x outside 0…n, p̂ outside [0, 1] or a non-positive effective size.
public enum BinomialInterval {
  /// The Wilson score interval (as R's `prop.test(x, n, correct =)$conf.int`).
  ///
  /// With z = z₁₋α/₂ and p_c = p̂ ± Y/n:
  /// (p_c + z²/(2n) ± z √(p_c(1 − p_c)/n + z²/(4n²))) / (1 + z²/n), where the continuity
  /// correction Y = min(½, |x − n/2|) when `continuityCorrection` is true (R measures it from the
  /// default null proportion ½) and 0 otherwise; a bound whose p_c falls outside [0, 1] is 0 or 1.
  public static func wilson(
    successes x: Int, trials n: Int, level: Double = 0.95, continuityCorrection: Bool = false
  ) throws(EstimationError) -> ConfidenceInterval {
    try checkCounts(x, n)
    let z = try normalCriticalValue(level: level)
    let size = Double(n)
    let estimate = Double(x) / size
    let yates = continuityCorrection ? min(0.5, abs(Double(x) - size * 0.5)) : 0
    let z22n = z * z / (2 * size)
    func bound(_ centre: Double, _ sign: Double) -> Double {
      (centre + z22n + sign * z * (centre * (1 - centre) / size + z22n / (2 * size)).squareRoot()) / (1 + 2 * z22n)
    }
    let upperCentre = estimate + yates / size
    let lowerCentre = estimate - yates / size
    let upper = upperCentre >= 1 ? 1 : bound(upperCentre, 1)
    let lower = lowerCentre <= 0 ? 0 : bound(lowerCentre, -1)
    return ConfidenceInterval(lower: max(lower, 0), upper: min(upper, 1), level: level)
  }

  /// The Clopper–Pearson exact interval (as R's `binom.test(x, n)$conf.int`):
  /// [B⁻¹(α/2; x, n − x + 1), B⁻¹(1 − α/2; x + 1, n − x)], with 0 for x = 0 and 1 for x = n.
  public static func clopperPearson(
    successes x: Int, trials n: Int, level: Double = 0.95
  ) throws(EstimationError) -> ConfidenceInterval {
    try checkCounts(x, n)
    try checkLevel(level)
    let alpha = (1 - level) / 2
    let successes = Double(x)
    let failures = Double(n - x)
    let lower = x == 0 ? 0 : BetaDistribution(alpha: successes, beta: failures + 1).quantile(alpha)
    let upper = x == n ? 1 : BetaDistribution(alpha: successes + 1, beta: failures).quantile(1 - alpha)
    return ConfidenceInterval(lower: lower, upper: upper, level: level)
  }

  /// The Wald interval p̂ ± z √(p̂(1 − p̂)/n), not truncated to [0, 1].
  public static func wald(
    successes x: Int, trials n: Int, level: Double = 0.95
  ) throws(EstimationError) -> ConfidenceInterval {
    try checkCounts(x, n)
    return try wald(proportion: Double(x) / Double(n), effectiveSize: Double(n), level: level)
  }

  /// The Wilson score interval for a proportion p̂ with effective sample size n_eff and critical
  /// value t₁₋α/₂ on `degreesOfFreedom` (∞ gives z), as `svyciprop(method = "wilson")` in survey ≥ 4.5:
  /// (p̂ + c²/(2n) ± c √(p̂(1 − p̂)/n + c²/(4n²))) / (1 + c²/n) with n = n_eff.
  public static func wilson(
    proportion p: Double, effectiveSize n: Double, level: Double = 0.95, degreesOfFreedom: Double = .infinity
  ) throws(EstimationError) -> ConfidenceInterval {
    try checkProportion(p, n)
    let c = try criticalValue(level: level, degreesOfFreedom: degreesOfFreedom)
    let z22n = c * c / (2 * n)
    let half = c * (p * (1 - p) / n + z22n / (2 * n)).squareRoot()
    return ConfidenceInterval(
      lower: (p + z22n - half) / (1 + 2 * z22n), upper: (p + z22n + half) / (1 + 2 * z22n), level: level)
  }

  /// The Clopper–Pearson interval at an effective sample size, as the Korn–Graubard (1998) "beta"
  /// method of `svyciprop`: [B⁻¹(α/2; n p̂, n(1 − p̂) + 1), B⁻¹(1 − α/2; n p̂ + 1, n(1 − p̂))] with
  /// n = n_eff (the caller applies the (t_{n−1}/t_df)² degrees-of-freedom factor to n_eff);
  /// a zero shape gives the bound 0 or 1.
  public static func clopperPearson(
    proportion p: Double, effectiveSize n: Double, level: Double = 0.95
  ) throws(EstimationError) -> ConfidenceInterval {
    try checkProportion(p, n)
    try checkLevel(level)
    let alpha = (1 - level) / 2
    let successes = n * p
    let failures = n * (1 - p)
    let lower = successes == 0 ? 0 : BetaDistribution(alpha: successes, beta: failures + 1).quantile(alpha)
    let upper = failures == 0 ? 1 : BetaDistribution(alpha: successes + 1, beta: failures).quantile(1 - alpha)
    return ConfidenceInterval(lower: lower, upper: upper, level: level)
  }

  /// The Wald interval p̂ ± c √(p̂(1 − p̂)/n_eff) with c = t₁₋α/₂ on `degreesOfFreedom` (∞ gives z),
  /// not truncated to [0, 1] (as `svyciprop(method = "mean")` when n_eff = p̂(1 − p̂)/v̂).
  public static func wald(
    proportion p: Double, effectiveSize n: Double, level: Double = 0.95, degreesOfFreedom: Double = .infinity
  ) throws(EstimationError) -> ConfidenceInterval {
    try checkProportion(p, n)
    let c = try criticalValue(level: level, degreesOfFreedom: degreesOfFreedom)
    let half = c * (p * (1 - p) / n).squareRoot()
    return ConfidenceInterval(lower: p - half, upper: p + half, level: level)
  }

  private static func checkCounts(_ x: Int, _ n: Int) throws(EstimationError) {
    guard n > 0 else { throw .invalidArgument("number of trials must be positive") }
    guard x >= 0, x <= n else { throw .invalidArgument("successes must be between 0 and the number of trials") }
  }

  private static func checkProportion(_ p: Double, _ n: Double) throws(EstimationError) {
    guard p >= 0, p <= 1 else { throw .invalidArgument("proportion must be between 0 and 1") }
    guard n > 0, n.isFinite else { throw .invalidArgument("effective sample size must be positive and finite") }
  }

  private static func criticalValue(level: Double, degreesOfFreedom: Double) throws(EstimationError) -> Double {
    try checkLevel(level)
    guard degreesOfFreedom > 0 else { throw .invalidArgument("degrees of freedom must be positive") }
    return StudentT(degreesOfFreedom: degreesOfFreedom).quantile(1 - (1 - level) / 2)
  }
}
