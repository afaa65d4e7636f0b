import Foundation

/// The binomial distribution: the number of successes in n independent trials with success
/// probability p.
///
/// - ``probability(of:)``: Loader's saddle-point form of C(n, k)pᵏ(1 − p)ⁿ⁻ᵏ (as R's `dbinom`).
/// - ``cdf(_:)``: P(X ≤ k) = I₁₋ₚ(n − k, k + 1) and ``survival(_:)``: P(X > k) = Iₚ(k + 1, n − k)
///   (Abramowitz & Stegun 26.5.24), each tail computed directly (as R's `pbinom`).
///
/// A negative n, or p outside [0, 1] or NaN, makes every method return `.nan`.
public struct Binomial: Sendable, Hashable {
  /// The number of trials n.
  public var trials: Int
  /// The success probability p.
  public var probability: Double

  /// The binomial distribution with `trials` trials and success probability `probability`.
  public init(trials: Int, probability: Double) {
    self.trials = trials
    self.probability = probability
  }

  private var isValid: Bool { trials >= 0 && probability >= 0 && probability <= 1 }

  /// P(X = k) (as R's `dbinom`).
  public func probability(of k: Int) -> Double {
    guard isValid else { return .nan }
    if k < 0 || k > trials { return 0 }
    return exp(logBinomialTerm(Double(k), Double(trials - k), x: probability, y: 1 - probability))
  }

  /// P(X ≤ k) (as R's `pbinom`).
  public func cdf(_ k: Int) -> Double {
    guard isValid else { return .nan }
    if k < 0 { return 0 }
    if k >= trials { return 1 }
    return incompleteBetaRatios(x: 1 - probability, y: probability, Double(trials - k), Double(k + 1)).lower
  }

  /// P(X > k) (as R's `pbinom(lower.tail = FALSE)`).
  public func survival(_ k: Int) -> Double {
    guard isValid else { return .nan }
    if k < 0 { return 1 }
    if k >= trials { return 0 }
    return incompleteBetaRatios(x: 1 - probability, y: probability, Double(trials - k), Double(k + 1)).upper
  }
}
