/// The exact binomial test of H₀: P(success) = p₀ (as R's `binom.test`).
public enum ExactBinomialTest {
  /// The two-sided p-value of x successes in n trials under P(success) = p₀, by R's rule: the
  /// total probability of the outcomes y with P(y) ≤ P(x)(1 + 10⁻⁷), capped at 1.
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for n ≤ 0, x outside 0…n or p₀ outside [0, 1]
  ///   (R's `binom.test` refuses n = 0 too).
  /// - Complexity: O(n).
  public static func twoSidedPValue(
    successes x: Int, trials n: Int, nullProportion p: Double = 0.5
  ) throws(EstimationError) -> Double {
    guard n > 0 else { throw .invalidArgument("the exact binomial test needs at least one trial") }
    guard x >= 0, x <= n else { throw .invalidArgument("successes must be between 0 and the number of trials") }
    guard p >= 0, p <= 1 else { throw .invalidArgument("null proportion must be between 0 and 1") }
    if p == 0 { return x == 0 ? 1 : 0 }
    if p == 1 { return x == n ? 1 : 0 }
    let distribution = Binomial(trials: n, probability: p)
    let relativeError = 1 + 1e-7
    let observed = distribution.probability(of: x)
    let mean = Double(n) * p
    if Double(x) == mean { return 1 }
    if Double(x) < mean {
      let start = Int(mean.rounded(.up))
      let y = (start...n).filter { distribution.probability(of: $0) <= observed * relativeError }.count
      return min(1, distribution.cdf(x) + distribution.survival(n - y))
    }
    let end = Int(mean.rounded(.down))
    let y = (0...end).filter { distribution.probability(of: $0) <= observed * relativeError }.count
    return min(1, distribution.cdf(y - 1) + distribution.survival(x - 1))
  }
}
