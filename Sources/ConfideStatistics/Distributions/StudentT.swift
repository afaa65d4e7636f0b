import Foundation

/// Student's t distribution with ν > 0 degrees of freedom (ν need not be an integer; ν = +∞ is
/// the standard normal).
///
/// - ``cdf(_:)`` and ``survival(_:)``: P(T ≤ −|t|) = ½ I_{ν/(ν + t²)}(ν/2, ½) by the incomplete
///   beta function (Abramowitz & Stegun 26.7.1), the far tail computed directly and the near tail
///   as ½ + ½ I_{t²/(ν + t²)}(½, ν/2), so both keep full relative accuracy. Unlike R's `pt`, which
///   switches to a normal approximation for ν > 4·10⁵, the beta form is used for every finite ν.
/// - ``density(_:)``: Γ((ν+1)/2)/(√(νπ) Γ(ν/2)) (1 + t²/ν)^(−(ν+1)/2) in Loader's saddle-point form
///   (as R's `dt`), accurate for very large ν.
/// - ``quantile(_:)``: Newton refinement on the exact tail (``invertTail``) from the better of a
///   Cornish–Fisher start and the power-law tail start (t ≈ (K ν^((ν−1)/2)/p)^(1/ν)).
///
/// Degrees of freedom that are NaN or not positive make every method return `.nan`.
public struct StudentT: ContinuousDistribution, Hashable {
  /// The degrees of freedom ν.
  public var degreesOfFreedom: Double

  /// Student's t with the given degrees of freedom (`.infinity` gives the standard normal).
  public init(degreesOfFreedom: Double) {
    self.degreesOfFreedom = degreesOfFreedom
  }

  private var isValid: Bool { degreesOfFreedom > 0 }

  /// The density at t (as R's `dt`).
  public func density(_ t: Double) -> Double {
    guard isValid, !t.isNaN else { return .nan }
    let n = degreesOfFreedom
    if n == .infinity { return standardNormalDensity(t) }
    if t.isInfinite { return 0 }
    let constant = -deviance(n / 2, (n + 1) / 2) + stirlingError((n + 1) / 2) - stirlingError(n / 2)
    let ratio = t * t / n
    if ratio > 1 / Double.ulpOfOne {
      let logRatio = log(abs(t)) - log(n) / 2
      return exp(constant - n * logRatio) * 0.398_942_280_401_432_677_94 * n.squareRoot() / abs(t)
    }
    let halfLog: Double
    let exponent: Double
    if ratio > 0.2 {
      halfLog = log(1 + ratio) / 2
      exponent = n * halfLog
    } else {
      halfLog = log1p(ratio) / 2
      exponent = -deviance(n / 2, (n + t * t) / 2) + t * t / 2
    }
    return exp(constant - exponent) * 0.398_942_280_401_432_677_94 * exp(-halfLog)
  }

  /// P(T ≤ t) (as R's `pt`).
  public func cdf(_ t: Double) -> Double {
    guard isValid, !t.isNaN else { return .nan }
    let tails = tailPair(abs(t))
    return t < 0 ? tails.far : tails.near
  }

  /// P(T > t) (as R's `pt(lower.tail = FALSE)`).
  public func survival(_ t: Double) -> Double {
    guard isValid, !t.isNaN else { return .nan }
    let tails = tailPair(abs(t))
    return t > 0 ? tails.far : tails.near
  }

  /// The p-quantile (as R's `qt`).
  public func quantile(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    let n = degreesOfFreedom
    if n == .infinity { return standardNormalQuantile(p) }
    if p == 0.5 { return 0 }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    let target = min(p, 1 - p)
    let z = -standardNormalQuantile(target)
    let z3 = z * z * z
    let cornishFisher = z + (z3 + z) / (4 * n) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96 * n * n)
    let logK = logGamma((n + 1) / 2) - logGamma(n / 2) - 0.5 * log(n * Double.pi)
    let powerTail = exp((logK + 0.5 * (n - 1) * log(n) - log(target)) / n)
    let s = invertTail(
      target: target, tail: .upper, guesses: [cornishFisher, powerTail, z],
      probability: { tailPair($0).far }, density: density)
    return p < 0.5 ? -s : s
  }

  /// (P(T > s), P(T ≤ s)) for s ≥ 0.
  private func tailPair(_ s: Double) -> (far: Double, near: Double) {
    let n = degreesOfFreedom
    if n == .infinity {
      let tails = standardNormalTails(s)
      return (tails.upper, tails.lower)
    }
    if s == 0 { return (0.5, 0.5) }
    if s == .infinity { return (0, 1) }
    // x = ν/(ν + s²), y = s²/(ν + s²), formed without overflow or cancellation.
    let x: Double
    let y: Double
    if s * s > n {
      let r = (n.squareRoot() / s) * (n.squareRoot() / s)
      if r < 1e-200 {
        // Iₓ(a, ½) = xᵃ/(a B(a, ½)) (1 + O(x)) with x = ν/s² below 1e-200: the leading term is exact.
        let a = n / 2
        return (0.5 * exp(a * 2 * (0.5 * log(n) - log(s)) - log(a) - logBeta(a, 0.5)), 1)
      }
      x = r / (1 + r)
      y = 1 / (1 + r)
    } else {
      let r = s * s / n
      x = 1 / (1 + r)
      y = r / (1 + r)
    }
    let ratios = incompleteBetaRatios(x: x, y: y, n / 2, 0.5)
    return (0.5 * ratios.lower, 0.5 + 0.5 * ratios.upper)
  }
}
