import Foundation

/// The regularized incomplete beta function Iₓ(a, b) = B(x; a, b)/B(a, b), the cdf of a
/// Beta(a, b) variable at x.
///
/// Evaluated by the continued fraction of Abramowitz & Stegun 26.5.8 with the modified Lentz
/// algorithm on whichever side of the mean converges (x < (a + 1)/(a + b + 2); otherwise through
/// Iₓ(a, b) = 1 − I₁₋ₓ(b, a)), as in Numerical Recipes §6.4 (`betai`/`betacf`). The prefactor
/// xᵃ(1 − x)ᵇ/(a B(a, b)) uses Loader's saddle-point binomial term, so it keeps full relative
/// accuracy for large shapes (t and F with 10⁶ degrees of freedom).
///
/// Returns `.nan` when a or b is not positive or an argument is NaN; 0 for x ≤ 0 and 1 for x ≥ 1.
///
/// - Complexity: O(√max(a, b)) iterations in the worst case, O(1) away from the mean.
public func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
  incompleteBetaRatios(x: x, y: 1 - x, a, b).lower
}

/// Both tails Iₓ(a, b) and 1 − Iₓ(a, b) for x and y = 1 − x given separately (so that y keeps its
/// relative accuracy when x is close to 1); the smaller tail is always computed directly.
func incompleteBetaRatios(x: Double, y: Double, _ a: Double, _ b: Double) -> (lower: Double, upper: Double) {
  if x.isNaN || y.isNaN || a.isNaN || b.isNaN || !(a > 0) || !(b > 0) { return (.nan, .nan) }
  if x <= 0 { return (0, 1) }
  if y <= 0 { return (1, 0) }
  if x < (a + 1) / (a + b + 2) {
    let lower = betaTail(x: x, y: y, a, b)
    return (lower, 1 - lower)
  }
  let upper = betaTail(x: y, y: x, b, a)
  return (1 - upper, upper)
}

/// Iₓ(a, b) on the side where the continued fraction converges.
private func betaTail(x: Double, y: Double, _ a: Double, _ b: Double) -> Double {
  // xᵃ yᵇ / B(a, b) = ab/(a + b) · Γ(a + b + 1)/(Γ(a + 1) Γ(b + 1)) xᵃ yᵇ
  let logPrefactor = log(a * b / (a + b)) + logBinomialTerm(a, b, x: x, y: y)
  return scaled(logPrefactor, by: betaFraction(x: x, y: y, a, b))
}

/// The continued fraction of Iₓ(a, b)·B(a, b)/(xᵃyᵇ) in the contracted form of DiDonato &
/// Morris (ACM TOMS 708, 1992, `BFRAC`), written with λ = a − (a + b)x taken from whichever of x
/// and y is exact, so that no coefficient suffers the cancellation 1 − (a + b)x/(a + 1) that the
/// textbook form has when a is large and x is close to 1.
private func betaFraction(x: Double, y: Double, _ a: Double, _ b: Double) -> Double {
  let lambda = a > b ? (a + b) * y - b : a - (a + b) * x
  let c = lambda + 1
  let c0 = b / a
  let c1 = 1 / a + 1
  let yp1 = y + 1
  var n = 0.0
  var p = 1.0
  var s = a + 1
  var an = 0.0
  var bn = 1.0
  var anp1 = 1.0
  var bnp1 = c / c1
  var r = c1 / c
  while n < 1_000_000 {
    n += 1
    var t = n / a
    let w = n * (b - n) * x
    var e = a / s
    let alpha = p * (p + c0) * e * e * (w * x)
    e = (t + 1) / (c1 + t + t)
    let beta = n + w / s + e * (c + n * yp1)
    p = t + 1
    s += 2
    t = alpha * an + beta * anp1
    an = anp1
    anp1 = t
    t = alpha * bn + beta * bnp1
    bn = bnp1
    bnp1 = t
    let previous = r
    r = anp1 / bnp1
    if abs(r - previous) <= Double.ulpOfOne * r { break }
    an /= bnp1
    bn /= bnp1
    anp1 = r
    bnp1 = 1
  }
  return r
}
