/// A continuous probability distribution on the real line, with its density, both tails and
/// its quantile function.
///
/// Every conforming type is a value whose parameters are checked when a method is called: a
/// parameter outside the distribution's domain makes every method return `.nan` (nothing traps),
/// and so does a NaN argument.
///
/// ```swift
/// let t = StudentT(degreesOfFreedom: 20.925)
/// let critical = t.quantile(0.975)       // 2.0786…
/// let p = 2 * t.survival(abs(statistic))  // two-sided p-value, accurate in the far tail
/// ```
public protocol ContinuousDistribution: Sendable {
  /// The probability density at `x` (0 outside the support).
  func density(_ x: Double) -> Double
  /// The lower tail P(X ≤ x).
  func cdf(_ x: Double) -> Double
  /// The upper tail P(X > x), computed directly rather than as 1 − cdf, so it keeps its relative
  /// accuracy far into the upper tail.
  func survival(_ x: Double) -> Double
  /// The inverse of ``cdf(_:)``: the x with P(X ≤ x) = p, for p in [0, 1] (`.nan` outside).
  /// p = 0 and p = 1 give the ends of the support.
  func quantile(_ p: Double) -> Double
}
