/// A one-factor model fitted to a correlation matrix by minimum residual (minres), as
/// `psych::fa(r, nfactors = 1, fm = "minres")`.
///
/// Minres chooses loadings λ to minimise the off-diagonal residuals Σᵢ<ⱼ(rᵢⱼ − λᵢλⱼ)². Its optimum is
/// the fixed point of iterated principal axes: with communalities h on the diagonal of R, λ is the
/// first eigenvector scaled by the square root of its eigenvalue, and h = λ². This type iterates that
/// map from the squared multiple correlations (psych's start) to machine precision, keeping each
/// communality in psych's bounds [0, 0.995] (uniqueness ≥ 0.005); a communality held at 0.995 is a
/// Heywood case.
///
/// psych finds the same optimum with `optim(method = "L-BFGS-B")`, which stops at its default
/// relative tolerance (factr 10⁷): its loadings differ from the exact optimum by up to a few 10⁻⁶
/// relative (4.6·10⁻⁶ on psych's `bfi` neuroticism items). The tests hold this type to 10⁻⁹ of the
/// optimum computed by R and to 10⁻⁵ of psych's printed fit.
///
/// Loadings are oriented so they sum to ≥ 0, as psych does; uniquenesses are ψᵢ = 1 − λᵢ².
public struct OneFactorModel: Hashable, Sendable {
  /// The loadings λ, one per variable.
  public var loadings: [Double]
  /// The uniquenesses ψ = 1 − λ² (psych `uniquenesses`; negative in an ultra-Heywood case).
  public var uniquenesses: [Double]
  /// The minres objective at the solution, Σᵢ<ⱼ(rᵢⱼ − λᵢλⱼ)².
  public var residualSumOfSquares: Double
  /// The principal-axis iterations used.
  public var iterations: Int
  /// Whether a communality reached psych's bound 0.995 (a Heywood case: the fit is at a boundary).
  public var isHeywoodCase: Bool

  /// The largest communality psych allows (its lower bound 0.005 on uniquenesses).
  static let maximumCommunality = 0.995

  /// Fits one factor to `correlation` by minimum residual.
  ///
  /// - Parameters:
  ///   - correlation: a correlation matrix (unit diagonal) of at least three variables.
  ///   - tolerance: the largest change in any communality at which iteration stops.
  ///   - maximumIterations: the iteration limit.
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for fewer than three variables (one factor is
  ///   not identified from two) or a matrix with a non-finite element;
  ///   ``EstimationError/notConverged(_:iterations:)`` when the limit is reached first.
  /// - Complexity: O(k³) per iteration (a Jacobi eigendecomposition); typically 30–100 iterations.
  public init(
    correlation: SymmetricMatrix, tolerance: Double = 1e-14, maximumIterations: Int = 10_000
  )
    throws(EstimationError)
  {
    let k = correlation.dimension
    guard k >= 3 else { throw .invalidArgument("a one-factor model needs at least three items, not \(k)") }
    guard correlation.elements.allSatisfy(\.isFinite) else {
      throw .invalidArgument("the correlation matrix has undefined elements (items without joint variance)")
    }
    let bound = Self.maximumCommunality
    var communalities = correlation.squaredMultipleCorrelations().map { min(max($0, 0), bound) }
    var reduced = correlation
    var lambda = [Double](repeating: 0, count: k)
    var iterations = 0
    while true {
      for i in 0..<k { reduced[i, i] = communalities[i] }
      let eigen = reduced.eigendecomposition()
      let scale = max(eigen.values[0], 0).squareRoot()
      lambda = eigen.vector(0).map { $0 * scale }
      let next = lambda.map { min(max($0 * $0, 0), bound) }
      let change = zip(next, communalities).map { abs($0 - $1) }.max() ?? 0
      if change < tolerance { break }
      iterations += 1
      guard iterations < maximumIterations else {
        throw .notConverged("the minimum-residual factor fit", iterations: iterations)
      }
      communalities = next
    }
    if lambda.reduce(0, +) < 0 { lambda = lambda.map { -$0 } }
    loadings = lambda
    uniquenesses = lambda.map { 1 - $0 * $0 }
    var residual = 0.0
    for i in 0..<k {
      for j in (i + 1)..<k {
        let e = correlation[i, j] - lambda[i] * lambda[j]
        residual += e * e
      }
    }
    residualSumOfSquares = residual
    self.iterations = iterations
    isHeywoodCase = communalities.contains { $0 >= bound }
  }
}
