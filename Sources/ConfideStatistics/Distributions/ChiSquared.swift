import Foundation

/// The chi-squared distribution with k > 0 degrees of freedom (k need not be an integer: the
/// Rao–Scott corrections use fractional degrees of freedom).
///
/// - ``cdf(_:)`` and ``survival(_:)``: P(k/2, x/2) and Q(k/2, x/2), the regularized incomplete
///   gamma ratios (``regularizedGammaP(_:_:)``), each tail computed directly.
/// - ``density(_:)``: (x/2)^(k/2−1) e^(−x/2)/(2Γ(k/2)) in Loader's saddle-point form (as R's `dchisq`).
/// - ``quantile(_:)``: Newton refinement on the exact tail (``invertTail``) from the best of the
///   Wilson–Hilferty start k(1 − 2/(9k) + z√(2/(9k)))³ and the small-x and large-x tail starts.
///
/// Degrees of freedom that are NaN, infinite or not positive make every method return `.nan`.
public struct ChiSquared: ContinuousDistribution, Hashable {
  /// The degrees of freedom k.
  public var degreesOfFreedom: Double

  /// The chi-squared distribution with the given degrees of freedom.
  public init(degreesOfFreedom: Double) {
    self.degreesOfFreedom = degreesOfFreedom
  }

  private var isValid: Bool { degreesOfFreedom > 0 && degreesOfFreedom.isFinite }

  /// The density at x (as R's `dchisq`).
  public func density(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    return gammaDensity(shape: degreesOfFreedom / 2, x / 2) / 2
  }

  /// P(X ≤ x) (as R's `pchisq`).
  public func cdf(_ x: Double) -> Double {
    guard isValid else { return .nan }
    return incompleteGammaRatios(degreesOfFreedom / 2, x / 2).lower
  }

  /// P(X > x) (as R's `pchisq(lower.tail = FALSE)`).
  public func survival(_ x: Double) -> Double {
    guard isValid else { return .nan }
    return incompleteGammaRatios(degreesOfFreedom / 2, x / 2).upper
  }

  /// The p-quantile (as R's `qchisq`).
  public func quantile(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    if p == 0 { return 0 }
    if p == 1 { return .infinity }
    return p <= 0.5 ? quantile(tail: .lower, p) : quantile(tail: .upper, 1 - p)
  }

  /// The x whose lower or upper tail probability is `target`.
  func quantile(tail: Tail, _ target: Double) -> Double {
    let k = degreesOfFreedom
    let a = k / 2
    let z = tail == .lower ? standardNormalQuantile(target) : -standardNormalQuantile(target)
    let cube = 1 - 2 / (9 * k) + z * (2 / (9 * k)).squareRoot()
    var guesses = [k * cube * cube * cube]
    if tail == .lower {
      guesses.append(2 * exp((log(target) + logGamma(a + 1)) / a))
    } else {
      let first = -log(target) - logGamma(a)
      guesses.append(2 * (-log(target) + (a - 1) * log(max(first, 1)) - logGamma(a)))
    }
    return invertTail(
      target: target, tail: tail, guesses: guesses,
      probability: { tail == .lower ? cdf($0) : survival($0) }, density: density)
  }
}

/// The Gamma(a, 1) density xᵃ⁻¹e⁻ˣ/Γ(a) through Loader's Poisson term (as R's `dgamma`).
func gammaDensity(shape a: Double, _ x: Double) -> Double {
  if x < 0 { return 0 }
  if x == 0 { return a < 1 ? .infinity : (a == 1 ? 1 : 0) }
  if x == .infinity { return 0 }
  if a < 1 { return exp(logPoissonTerm(a, mean: x)) * a / x }
  return exp(logPoissonTerm(a - 1, mean: x))
}
