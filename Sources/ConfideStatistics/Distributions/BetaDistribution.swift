import Foundation

/// The beta distribution Beta(α, β) on [0, 1].
///
/// - ``cdf(_:)`` and ``survival(_:)``: Iₓ(α, β) and I₁₋ₓ(β, α) (``regularizedBeta(_:_:_:)``), each
///   tail computed directly.
/// - ``density(_:)``: xᵅ⁻¹(1 − x)ᵝ⁻¹/B(α, β), through Loader's binomial term when α, β > 2 (as R's
///   `dbeta`).
/// - ``quantile(_:)``: Newton refinement on the exact tail (``invertTail``); a lower-tail target is
///   solved for x, an upper-tail target for 1 − x in Beta(β, α), so a quantile near 1 is as
///   accurate as one near 0. Starts: the power-law tails xᵅ/(α B) and the Abramowitz & Stegun
///   26.5.22 normal approximation (as Numerical Recipes' `invbetai`).
///
/// Shapes that are NaN, infinite or not positive make every method return `.nan`.
public struct BetaDistribution: ContinuousDistribution, Hashable {
  /// The first shape α.
  public var alpha: Double
  /// The second shape β.
  public var beta: Double

  /// The beta distribution with shapes α and β.
  public init(alpha: Double, beta: Double) {
    self.alpha = alpha
    self.beta = beta
  }

  private var isValid: Bool { alpha > 0 && beta > 0 && alpha.isFinite && beta.isFinite }

  /// The density at x (as R's `dbeta`).
  public func density(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    let a = alpha
    let b = beta
    if x < 0 || x > 1 { return 0 }
    if x == 0 { return a < 1 ? .infinity : (a == 1 ? b : 0) }
    if x == 1 { return b < 1 ? .infinity : (b == 1 ? a : 0) }
    if a <= 2 || b <= 2 {
      return exp((a - 1) * log(x) + (b - 1) * log1p(-x) - logBeta(a, b))
    }
    return (a + b - 1) * exp(logBinomialTerm(a - 1, b - 1, x: x, y: 1 - x))
  }

  /// P(X ≤ x) (as R's `pbeta`).
  public func cdf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    return incompleteBetaRatios(x: x, y: 1 - x, alpha, beta).lower
  }

  /// P(X > x) (as R's `pbeta(lower.tail = FALSE)`).
  public func survival(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    return incompleteBetaRatios(x: x, y: 1 - x, alpha, beta).upper
  }

  /// The p-quantile (as R's `qbeta`).
  public func quantile(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    if p == 0 { return 0 }
    if p == 1 { return 1 }
    let tail: Tail = p <= 0.5 ? .lower : .upper
    let target = min(p, 1 - p)
    // Solve for whichever of x and 1 − x is below ½, so that it keeps its relative accuracy.
    if p <= cdf(0.5) { return betaRoot(target, tail, alpha, beta) }
    return 1 - betaRoot(target, tail == .lower ? .upper : .lower, beta, alpha)
  }
}

/// The x in (0, 1) whose lower or upper tail under Beta(a, b) is `target`.
private func betaRoot(_ target: Double, _ tail: Tail, _ a: Double, _ b: Double) -> Double {
  let logB = logBeta(a, b)
  let lower = tail == .lower ? target : 1 - target
  let upper = tail == .lower ? 1 - target : target
  // Power-law starts: Iₓ(a, b) ≈ xᵃ/(a B(a, b)) near 0 and 1 − Iₓ ≈ (1 − x)ᵇ/(b B(a, b)) near 1.
  var guesses = [exp((log(lower * a) + logB) / a), 1 - exp((log(upper * b) + logB) / b), a / (a + b)]
  if a > 0.5 && b > 0.5 {
    // Abramowitz & Stegun 26.5.22 (Numerical Recipes' invbetai start).
    let z = tail == .lower ? -standardNormalQuantile(target) : standardNormalQuantile(target)
    let lambda = (z * z - 3) / 6
    let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
    let w = z * (h + lambda).squareRoot() / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5 / 6 - 2 / (3 * h))
    guesses.append(a / (a + b * exp(2 * w)))
  }
  let distribution = BetaDistribution(alpha: a, beta: b)
  return invertTail(
    target: target, tail: tail, guesses: guesses, upperBound: 1,
    probability: { tail == .lower ? distribution.cdf($0) : distribution.survival($0) },
    density: distribution.density)
}
