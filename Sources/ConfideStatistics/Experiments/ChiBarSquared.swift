import Foundation

/// The likelihood-ratio test of the inequality hypothesis H₀: θ ≥ 0 (every component), for an
/// estimate θ̂ that is approximately N(θ, Σ) (Kudo 1963; Wolak 1991).
///
/// The statistic is the squared Mahalanobis distance from θ̂ to the non-negative orthant,
///
///     λ = min over θ̃ ≥ 0 of (θ̂ − θ̃)ᵀ Σ⁻¹ (θ̂ − θ̃),
///
/// and under the least favourable null (θ = 0) it follows a chi-bar-squared distribution,
/// P(λ ≥ c) = Σₖ wₖ P(χ²ₖ ≥ c), where the weight wₖ is the probability that the projection of
/// N(0, Σ) onto the orthant has exactly *k* components at zero:
///
///     wₖ = Σ over index sets T with |T| = k of  P(N(0, Σ_SS·T) > 0) · P(N(0, Σ_TT⁻¹) > 0)
///
/// (S the complement of T, Σ_SS·T = Σ_SS − Σ_ST Σ_TT⁻¹ Σ_TS). λ is found by trying every active
/// set T (2ᵐ small solves); λ = 0 (θ̂ ≥ 0) gives p = 1.
struct OrthantTest {
  /// λ.
  let statistic: Double
  /// w₀ … wₘ, the weight of χ²ₖ at index *k*.
  let weights: [Double]
  /// P(λ ≥ observed) under θ = 0.
  let pValue: Double

  /// The largest number of inequalities tested: the orthant probabilities beyond three
  /// dimensions are computed by nested quadrature, whose cost grows quickly.
  static let maximumDimension = 6

  /// Tests H₀: θ ≥ 0.
  ///
  /// - Throws: ``EstimationError/singular(_:)`` when Σ is not positive definite;
  ///   ``EstimationError/invalidArgument(_:)`` for more than ``maximumDimension`` components.
  init(_ estimate: [Double], covariance: [[Double]]) throws(EstimationError) {
    let m = estimate.count
    guard m <= Self.maximumDimension else {
      throw .invalidArgument("the inequality test supports at most \(Self.maximumDimension) inequalities")
    }
    _ = try CholeskyDecomposition(covariance)
    var lambda = 0.0
    if estimate.contains(where: { $0 < 0 }) {
      lambda = .infinity
      for mask in 1..<(1 << m) {
        let active = (0..<m).filter { mask & (1 << $0) != 0 }
        let free = (0..<m).filter { mask & (1 << $0) == 0 }
        let block = try CholeskyDecomposition(active.map { a in active.map { covariance[a][$0] } })
        let multipliers = block.solve(active.map { estimate[$0] })
        // The free components at the face's optimum must stay non-negative.
        let feasible = free.allSatisfy { s in
          let shift = zip(active, multipliers).reduce(0) { $0 + covariance[s][$1.0] * $1.1 }
          return estimate[s] - shift >= -1e-12 * covariance[s][s].squareRoot()
        }
        guard feasible else { continue }
        let value = zip(active, multipliers).reduce(0) { $0 + estimate[$1.0] * $1.1 }
        lambda = min(lambda, value)
      }
    }
    var weights = [Double](repeating: 0, count: m + 1)
    for mask in 0..<(1 << m) {
      let active = (0..<m).filter { mask & (1 << $0) != 0 }
      let free = (0..<m).filter { mask & (1 << $0) == 0 }
      let conditional: [[Double]]
      let precision: [[Double]]
      if active.isEmpty {
        conditional = covariance
        precision = []
      } else {
        let block = try CholeskyDecomposition(active.map { a in active.map { covariance[a][$0] } })
        precision = block.inverse()
        let cross = free.map { s in active.map { covariance[s][$0] } }
        let solved = cross.map { block.solve($0) }
        conditional = free.indices.map { a in
          free.indices.map { b in
            covariance[free[a]][free[b]] - zip(solved[a], cross[b]).reduce(0) { $0 + $1.0 * $1.1 }
          }
        }
      }
      weights[active.count] += orthantProbability(conditional) * orthantProbability(precision)
    }
    statistic = lambda
    self.weights = weights
    if lambda == 0 {
      pValue = 1
    } else {
      var p = 0.0
      for k in 1...m { p += weights[k] * ChiSquared(degreesOfFreedom: Double(k)).survival(lambda) }
      pValue = min(1, p)
    }
  }
}

/// P(Z > 0) for Z ~ N(0, Σ): the probability that every component is positive.
///
/// Closed forms up to three dimensions (¼ + asin ρ/2π; ⅛ + Σ asin ρᵢⱼ/4π); beyond, Plackett's
/// (1954) identity ∂P/∂ρᵢⱼ = φ₂(0, 0; ρᵢⱼ)·P(rest > 0 | Zᵢ = Zⱼ = 0), integrated along
/// R(t) = I + t(R − I) from the identity (P = 2⁻ᵐ):
///
///     P(R) = 2⁻ᵐ + ∫₀¹ Σᵢ<ⱼ ρᵢⱼ / (2π√(1 − t²ρᵢⱼ²)) · P_{m−2}(R_rest·ij(t)) dt
///
/// by Gauss–Legendre quadrature after t = 1 − u² (which removes the endpoint singularity at
/// |ρ| = 1), recursing on the conditional (m − 2)-dimensional orthant probabilities.
func orthantProbability(_ covariance: [[Double]]) -> Double {
  let m = covariance.count
  if m == 0 { return 1 }
  if m == 1 { return 0.5 }
  var r = covariance
  for a in 0..<m {
    for b in 0..<m where a != b { r[a][b] = covariance[a][b] / (covariance[a][a] * covariance[b][b]).squareRoot() }
    r[a][a] = 1
  }
  if m == 2 { return 0.25 + asin(r[0][1]) / (2 * Double.pi) }
  if m == 3 { return 0.125 + (asin(r[0][1]) + asin(r[0][2]) + asin(r[1][2])) / (4 * Double.pi) }
  var integral = 0.0
  for (node, weight) in GaussLegendre.unitInterval {
    let u = node
    let t = 1 - u * u
    var sum = 0.0
    for i in 0..<m {
      for j in (i + 1)..<m where r[i][j] != 0 {
        let rho = t * r[i][j]
        let determinant = 1 - rho * rho
        let rest = (0..<m).filter { $0 != i && $0 != j }
        let conditional = rest.map { k in
          rest.map { l -> Double in
            let rk = (t * r[k][i], t * r[k][j])
            let rl = (t * r[l][i], t * r[l][j])
            let explained = (rk.0 * rl.0 - rho * rk.0 * rl.1 - rho * rk.1 * rl.0 + rk.1 * rl.1) / determinant
            return (k == l ? 1 : t * r[k][l]) - explained
          }
        }
        sum += r[i][j] / (2 * Double.pi * determinant.squareRoot()) * orthantProbability(conditional)
      }
    }
    integral += weight * sum * 2 * u
  }
  return pow(0.5, Double(m)) + integral
}

/// Gauss–Legendre quadrature nodes and weights.
enum GaussLegendre {
  /// 40 nodes and weights on [0, 1].
  static let unitInterval: [(Double, Double)] = nodes(40)

  /// The *n*-point rule on [0, 1], from the roots of the Legendre polynomial by Newton's method.
  static func nodes(_ n: Int) -> [(Double, Double)] {
    var result: [(Double, Double)] = []
    for i in 1...n {
      var x = cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
      var derivative = 0.0
      for _ in 0..<100 {
        var p0 = 1.0
        var p1 = x
        for k in 2...n {
          let p2 = (Double(2 * k - 1) * x * p1 - Double(k - 1) * p0) / Double(k)
          p0 = p1
          p1 = p2
        }
        derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
        let step = p1 / derivative
        x -= step
        if abs(step) < 1e-16 { break }
      }
      let weight = 2 / ((1 - x * x) * derivative * derivative)
      result.append(((x + 1) / 2, weight / 2))
    }
    return result
  }
}
