import Foundation

// Log-gamma, log-beta and the saddle-point building blocks (Stirling's error and the
// deviance term) on which every density and tail in this folder rests.

/// ln √(2π).
let lnSqrtTwoPi = 0.918_938_533_204_672_741_78

/// ln(2π).
let lnTwoPi = 1.837_877_066_409_345_483_56

/// The natural logarithm of the gamma function, ln Γ(x), for x > 0.
///
/// For x ≥ 10 this is Stirling's series
/// ln Γ(x) = (x − ½) ln x − x + ln √(2π) + δ(x), with the correction δ summed to the x⁻¹³ term
/// (error below 4·10⁻¹⁷). For 0 < x < 10 the same identity is used with δ(x) carried up to
/// x + k ≥ 10 by the exact recurrence δ(x) = δ(x + 1) + (x + ½) ln(1 + 1/x) − 1, whose terms are
/// small, so the absolute error stays near 10⁻¹⁶ even where ln Γ crosses zero (x = 1, 2).
///
/// Returns `.nan` for x < 0 or NaN (the function is only defined here on the positive axis) and
/// `+infinity` at 0 and at +infinity.
///
/// - Complexity: O(1) (at most ten recurrence steps).
public func logGamma(_ x: Double) -> Double {
  if x.isNaN || x < 0 { return .nan }
  if x == 0 || x == .infinity { return .infinity }
  if x == 1 || x == 2 { return 0 }
  return (x - 0.5) * log(x) - x + lnSqrtTwoPi + stirlingError(x)
}

/// The logarithm of the beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
///
/// When both arguments (or the larger one) are at least 10, the Stirling corrections are combined
/// before the large logarithms so that nothing cancels (the method of R's `lbeta`):
/// for p = min(a, b) ≥ 10, ln B = −½ ln q + ln √(2π) + δ(p) + δ(q) − δ(p + q)
/// + (p − ½) ln(p/(p + q)) + q ln(1 − p/(p + q)).
///
/// Returns `.nan` for a negative or NaN argument, `+infinity` when one argument is 0 and
/// `-infinity` when one is infinite and the other positive.
///
/// - Complexity: O(1).
public func logBeta(_ a: Double, _ b: Double) -> Double {
  if a.isNaN || b.isNaN || a < 0 || b < 0 { return .nan }
  let p = min(a, b)
  let q = max(a, b)
  if p == 0 { return .infinity }
  if q == .infinity { return -.infinity }
  if p >= 10 {
    let correction = stirlingError(p) + stirlingError(q) - stirlingError(p + q)
    return -0.5 * log(q) + lnSqrtTwoPi + correction + (p - 0.5) * log(p / (p + q)) + q * log1p(-p / (p + q))
  }
  if q >= 10 {
    let correction = stirlingError(q) - stirlingError(p + q)
    return logGamma(p) + correction + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q)
}

/// Stirling's error δ(x) = ln Γ(x) − (x − ½) ln x + x − ln √(2π) (Loader's `stirlerr(x)` written
/// for ln Γ(x); it equals ln x! − ln(√(2πx)(x/e)ˣ) at integers).
///
/// x ≥ 10: the asymptotic series Σ B₂ₖ / (2k(2k − 1) x²ᵏ⁻¹) to k = 7. Below 10 the recurrence
/// δ(x) = δ(x + 1) + (x + ½) ln(1 + 1/x) − 1 climbs to 10.
func stirlingError(_ x: Double) -> Double {
  var shifted = x
  var sum = 0.0
  while shifted < 10 {
    sum += (shifted + 0.5) * log1p(1 / shifted) - 1
    shifted += 1
  }
  let inverse = 1 / shifted
  let square = inverse * inverse
  // Coefficients B₂ₖ / (2k(2k − 1)): 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156.
  var series = 1.0 / 156.0
  series = series * square - 691.0 / 360_360.0
  series = series * square + 1.0 / 1188.0
  series = series * square - 1.0 / 1680.0
  series = series * square + 1.0 / 1260.0
  series = series * square - 1.0 / 360.0
  series = series * square + 1.0 / 12.0
  return sum + series * inverse
}

/// The deviance term D(x, m) = x ln(x/m) + m − x ≥ 0 of Loader's saddle-point densities.
///
/// When |x − m| < 0.1 (x + m) it is summed as (x − m)v + 2x Σⱼ≥₁ v²ʲ⁺¹/(2j + 1) with
/// v = (x − m)/(x + m) (Loader 2000, `bd0`), which avoids the cancellation of the direct form.
func deviance(_ x: Double, _ m: Double) -> Double {
  if x == 0 { return m }
  if abs(x - m) < 0.1 * (x + m) {
    var v = (x - m) / (x + m)
    var sum = (x - m) * v
    var power = 2 * x * v
    v *= v
    var j = 1.0
    while j < 1000 {
      power *= v
      let next = sum + power / (2 * j + 1)
      if next == sum { return next }
      sum = next
      j += 1
    }
    return sum
  }
  return x * log(x / m) + m - x
}

/// ln(mᵃ e⁻ᵐ / Γ(a + 1)), the log Poisson "density" at a real count a > 0 (Loader's
/// `dpois_raw`): −δ(a) − D(a, m) − ½ ln(2πa), with δ = ``stirlingError(_:)`` and D = ``deviance(_:_:)``.
func logPoissonTerm(_ a: Double, mean m: Double) -> Double {
  if a == 0 { return -m }
  if m == 0 { return -.infinity }
  // Γ(a + 1) = a Γ(a), so ln Γ(a + 1) = (a + ½) ln a − a + ln √(2π) + δ(a).
  return -stirlingError(a) - deviance(a, m) - 0.5 * log(a) - lnSqrtTwoPi
}

/// ln( xᵃ yᵇ Γ(a + b + 1) / (Γ(a + 1) Γ(b + 1)) ) with y = 1 − x supplied separately, the log
/// binomial "density" at real a successes and b failures (Loader's `dbinom_raw`):
/// δ(n) − δ(a) − δ(b) − D(a, nx) − D(b, ny) − ½ ln(2π a b / n) with n = a + b, written with the
/// ln Γ form of δ.
func logBinomialTerm(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
  if x == 0 { return a == 0 ? 0 : -.infinity }
  if y == 0 { return b == 0 ? 0 : -.infinity }
  if a == 0 { return b * log(y) }
  if b == 0 { return a * log(x) }
  let n = a + b
  let stirling = stirlingError(n) - stirlingError(a) - stirlingError(b)
  return stirling - deviance(a, n * x) - deviance(b, n * y) - 0.5 * (lnTwoPi + log(a) + log(b) - log(n))
}
