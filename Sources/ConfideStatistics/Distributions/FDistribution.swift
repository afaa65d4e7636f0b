import Foundation

/// Snedecor's F distribution with d₁ > 0 numerator and d₂ > 0 denominator degrees of freedom
/// (fractional values allowed, as in the second-order Rao–Scott test; either may be +∞).
///
/// - ``cdf(_:)`` and ``survival(_:)``: I_{d₁x/(d₁x + d₂)}(d₁/2, d₂/2) and its complement
///   (Abramowitz & Stegun 26.6.2), both arguments of the incomplete beta formed without
///   cancellation and each tail computed directly; d₂ = ∞ gives the χ²(d₁)/d₁ limit and d₁ = ∞
///   the d₂/χ²(d₂) limit, as R's `pf`.
/// - ``density(_:)``: Loader's binomial-term form (as R's `df`).
/// - ``quantile(_:)``: Newton refinement on the exact tail (``invertTail``) from the best of a
///   log-normal start and the power-law starts of both tails.
///
/// Degrees of freedom that are NaN or not positive make every method return `.nan`.
public struct FDistribution: ContinuousDistribution, Hashable {
  /// The numerator degrees of freedom d₁.
  public var numeratorDegreesOfFreedom: Double
  /// The denominator degrees of freedom d₂.
  public var denominatorDegreesOfFreedom: Double

  /// The F distribution with the given degrees of freedom.
  public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) {
    self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
    self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
  }

  private var isValid: Bool { numeratorDegreesOfFreedom > 0 && denominatorDegreesOfFreedom > 0 }

  /// The density at x (as R's `df`).
  public func density(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    let m = numeratorDegreesOfFreedom
    let n = denominatorDegreesOfFreedom
    if x < 0 || x == .infinity { return 0 }
    if m == .infinity && n == .infinity { return x == 1 ? .infinity : 0 }
    if n == .infinity { return m * ChiSquared(degreesOfFreedom: m).density(m * x) }
    if m == .infinity {
      if x == 0 { return 0 }
      return ChiSquared(degreesOfFreedom: n).density(n / x) * n / (x * x)
    }
    if x == 0 { return m > 2 ? 0 : (m == 2 ? 1 : .infinity) }
    let (p, q) = betaArguments(x)
    if m >= 2 {
      return m * q / 2 * exp(logBinomialTerm((m - 2) / 2, n / 2, x: p, y: q))
    }
    return m * m * q / (2 * p * (m + n)) * exp(logBinomialTerm(m / 2, n / 2, x: p, y: q))
  }

  /// P(F ≤ x) (as R's `pf`).
  public func cdf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    return tails(x).lower
  }

  /// P(F > x) (as R's `pf(lower.tail = FALSE)`).
  public func survival(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    return tails(x).upper
  }

  /// The p-quantile (as R's `qf`).
  public func quantile(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    let m = numeratorDegreesOfFreedom
    let n = denominatorDegreesOfFreedom
    if p == 0 { return 0 }
    if p == 1 { return .infinity }
    if m == .infinity && n == .infinity { return 1 }
    let tail: Tail = p <= 0.5 ? .lower : .upper
    let target = p <= 0.5 ? p : 1 - p
    if n == .infinity { return ChiSquared(degreesOfFreedom: m).quantile(tail: tail, target) / m }
    if m == .infinity {
      return n / ChiSquared(degreesOfFreedom: n).quantile(tail: tail == .lower ? .upper : .lower, target)
    }
    let a = m / 2
    let b = n / 2
    let logB = logBeta(a, b)
    let z = tail == .lower ? standardNormalQuantile(target) : -standardNormalQuantile(target)
    var guesses = [exp(z * (2 / m + 2 / n).squareRoot() + 1 / n - 1 / m)]
    if tail == .lower {
      let small = exp((log(target * a) + logB) / a)  // I_x(a, b) ≈ xᵃ/(a B(a, b))
      guesses.append(n / m * small / (1 - small))
    } else {
      let small = exp((log(target * b) + logB) / b)  // 1 − I_x(a, b) ≈ (1 − x)ᵇ/(b B(a, b))
      guesses.append(n / m * (1 - small) / small)
    }
    return invertTail(
      target: target, tail: tail, guesses: guesses,
      probability: { tail == .lower ? tails($0).lower : tails($0).upper }, density: density)
  }

  /// (d₁x/(d₁x + d₂), d₂/(d₁x + d₂)): the smaller one is formed by one division and the other as
  /// its complement, as R's `pf` does (the tails are so sensitive to this rounding for d₁, d₂ ≳ 10⁵
  /// that matching R's choice matters at the 10⁻¹³ level).
  private func betaArguments(_ x: Double) -> (Double, Double) {
    let m = numeratorDegreesOfFreedom
    let n = denominatorDegreesOfFreedom
    let scaled = m * x
    if scaled.isInfinite {
      let r = n / m / x
      return (1 / (1 + r), r / (1 + r))
    }
    if scaled > n {
      let w = n / (n + scaled)
      return (0.5 - w + 0.5, w)
    }
    let z = scaled / (n + scaled)
    return (z, 0.5 - z + 0.5)
  }

  private func tails(_ x: Double) -> (lower: Double, upper: Double) {
    let m = numeratorDegreesOfFreedom
    let n = denominatorDegreesOfFreedom
    if x <= 0 { return (0, 1) }
    if x == .infinity { return (1, 0) }
    if n == .infinity {
      if m == .infinity { return x < 1 ? (0, 1) : (x == 1 ? (0.5, 0.5) : (1, 0)) }
      return incompleteGammaRatios(m / 2, m * x / 2)
    }
    if m == .infinity {
      let chi = incompleteGammaRatios(n / 2, n / x / 2)
      return (chi.upper, chi.lower)
    }
    let (p, q) = betaArguments(x)
    return incompleteBetaRatios(x: p, y: q, m / 2, n / 2)
  }
}
