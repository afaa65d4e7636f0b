import Foundation

/// Fisher's exact test for a 2×2 table with the conditional maximum-likelihood odds ratio and its
/// exact interval (as R's `fisher.test`).
public struct FisherExactResult: Sendable, Hashable {
  /// The two-sided p-value: the total probability, under independence, of the tables (with the
  /// margins fixed) no more likely than the one observed (relative tolerance 10⁻⁷, as R).
  public var pValue: Double
  /// The conditional maximum-likelihood estimate of the odds ratio: the ψ at which the mean of
  /// the noncentral hypergeometric distribution equals a. It is 0 when a is at the lowest value
  /// the margins allow and +∞ at the highest (R's convention; no cell is ever adjusted).
  public var oddsRatio: Double
  /// The exact conditional interval: ψ_L with P_ψ(X ≥ a) = α/2 and ψ_U with P_ψ(X ≤ a) = α/2;
  /// ψ_L = 0 when a is at its lowest value and ψ_U = +∞ at its highest.
  public var interval: ConfidenceInterval
}

extension TwoByTwoTable {
  /// Fisher's exact test, the conditional MLE of the odds ratio and its exact interval (as R's
  /// `fisher.test(matrix(c(a, c, b, d), 2), conf.level = level)`).
  ///
  /// Conditioning on the margins, a follows the noncentral hypergeometric distribution
  /// P_ψ(X = x) ∝ C(a + c, x) C(b + d, a + b − x) ψˣ on max(0, a + b − b − d)…min(a + b, a + c). The
  /// central probabilities use Loader's saddle-point binomial terms (as R's `dhyper`); the MLE and the
  /// interval bounds are found by Newton's method on ln ψ, safeguarded by bisection, to about 10⁻¹⁴
  /// (R's `uniroot` stops at ~10⁻⁴; the committed fixture re-solves R's equations tightly).
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for a level outside (0, 1) and
  ///   ``EstimationError/noObservations(_:)`` for an empty table.
  /// - Complexity: O(min(margins)) per evaluation, a few dozen evaluations per root.
  public func fisherExact(level: Double = 0.95) throws(EstimationError) -> FisherExactResult {
    try checkLevel(level)
    guard total > 0 else { throw .noObservations("the 2×2 table is empty") }
    let model = NoncentralHypergeometric(table: self)
    let alpha = (1 - level) / 2
    let x = a
    let lowerBound = x == model.low ? 0 : model.solve(target: alpha) { model.upperTail(x, logOdds: $0) }
    let upperBound = x == model.high ? .infinity : model.solve(target: -alpha) { -model.lowerTail(x, logOdds: $0) }
    let estimate: Double
    if x == model.low {
      estimate = 0
    } else if x == model.high {
      estimate = .infinity
    } else {
      estimate = model.solve(target: Double(x)) { model.mean(logOdds: $0) }
    }
    return FisherExactResult(
      pValue: model.twoSidedPValue(x), oddsRatio: estimate,
      interval: ConfidenceInterval(lower: lowerBound, upper: upperBound, level: level))
  }
}

/// The conditional distribution of the (1, 1) cell of a 2×2 table given its margins.
private struct NoncentralHypergeometric {
  let low: Int
  let high: Int
  /// ln P₁(X = x) for x in low…high (central hypergeometric).
  let logCentral: [Double]

  init(table: TwoByTwoTable) {
    let m = table.a + table.c  // first column
    let n = table.b + table.d  // second column
    let k = table.a + table.b  // first row
    low = max(0, k - n)
    high = min(k, m)
    logCentral = (low...high).map { logHypergeometric($0, white: m, black: n, drawn: k) }
  }

  /// Normalized probabilities at odds ratio e^ψ.
  func probabilities(logOdds psi: Double) -> [Double] {
    let logs = logCentral.indices.map { logCentral[$0] + psi * Double(low + $0) }
    let top = logs.max() ?? 0
    let weights = logs.map { exp($0 - top) }
    let sum = weights.reduce(0, +)
    return weights.map { $0 / sum }
  }

  func mean(logOdds psi: Double) -> Double {
    probabilities(logOdds: psi).enumerated().reduce(0) { $0 + Double(low + $1.offset) * $1.element }
  }

  func upperTail(_ x: Int, logOdds psi: Double) -> Double {
    probabilities(logOdds: psi).enumerated().reduce(0) { $0 + (low + $1.offset >= x ? $1.element : 0) }
  }

  func lowerTail(_ x: Int, logOdds psi: Double) -> Double {
    probabilities(logOdds: psi).enumerated().reduce(0) { $0 + (low + $1.offset <= x ? $1.element : 0) }
  }

  /// R's two-sided rule: the sum of P₁(X = y) over y with P₁(X = y) ≤ P₁(X = x)(1 + 10⁻⁷).
  func twoSidedPValue(_ x: Int) -> Double {
    let d = probabilities(logOdds: 0)
    let observed = d[x - low] * (1 + 1e-7)
    return min(1, d.filter { $0 <= observed }.reduce(0, +))
  }

  /// e^ψ where the increasing function `f` of ψ = ln(odds ratio) equals `target`: bracketing
  /// by doubling, then bisection with secant steps, to |Δψ| ≤ 10⁻¹⁵(1 + |ψ|).
  func solve(target: Double, _ f: (Double) -> Double) -> Double {
    var lo = -1.0
    var hi = 1.0
    while f(lo) > target && lo > -1e4 { lo *= 2 }
    while f(hi) < target && hi < 1e4 { hi *= 2 }
    var flo = f(lo) - target
    var fhi = f(hi) - target
    for _ in 0..<400 {
      if hi - lo <= 1e-15 * (1 + abs(lo) + abs(hi)) { break }
      var mid = lo - flo * (hi - lo) / (fhi - flo)
      let width = hi - lo
      if !(mid > lo + 0.01 * width && mid < hi - 0.01 * width) { mid = 0.5 * (lo + hi) }
      let value = f(mid) - target
      if value == 0 { return exp(mid) }
      if value < 0 {
        lo = mid
        flo = value
      } else {
        hi = mid
        fhi = value
      }
      if width - (hi - lo) < 0.5 * width {
        // Slow progress from one-sided secant steps: force a bisection next.
        let half = 0.5 * (lo + hi)
        let halfValue = f(half) - target
        if halfValue < 0 {
          lo = half
          flo = halfValue
        } else {
          hi = half
          fhi = halfValue
        }
      }
    }
    return exp(0.5 * (lo + hi))
  }
}

/// ln P(X = x) for the hypergeometric distribution (x white balls among `drawn` from an urn of
/// `white` white and `black` black), by Loader's binomial terms as R's `dhyper`:
/// P = b(x; r, p) b(n − x; s, p) / b(n; r + s, p) with p = n/(r + s).
func logHypergeometric(_ x: Int, white r: Int, black s: Int, drawn n: Int) -> Double {
  let total = Double(r + s)
  let p = Double(n) / total
  let q = Double(r + s - n) / total
  return logBinomialTerm(Double(x), Double(r - x), x: p, y: q)
    + logBinomialTerm(Double(n - x), Double(s - n + x), x: p, y: q)
    - logBinomialTerm(Double(n), Double(r + s - n), x: p, y: q)
}
