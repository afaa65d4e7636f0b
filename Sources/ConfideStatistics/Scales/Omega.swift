/// McDonald's ω for a single common factor, as `psych::omega(x, nfactors = 1)`.
///
/// psych correlates the items pairwise (`cor(x, use = "pairwise")`, ``PairwiseMoments/correlation``),
/// fits one factor by minres (``OneFactorModel``), then reverses every item whose loading is negative
/// (`flip = TRUE`) so that R̃ = DRD with D = diag(sign λ). With V = 1ᵀR̃1 the variance of the
/// standardized sum score and ψᵢ = 1 − λᵢ²:
/// - ω total (psych `omega.tot`) = (V − Σψ)/V;
/// - ω hierarchical (psych `omega_h`) = (Σ|λ|)²/V;
/// - the model-implied ω = (Σ|λ|)²/((Σ|λ|)² + Σψ), the textbook formula, which equals ω total when
///   the one-factor model reproduces R exactly (psych reports ω total, which uses the observed V);
/// - α = k/(k−1)·(V − k)/V and λ₆ = (V + Σ smc − k)/V, as psych reports beside them.
///
/// With `reversed` given, those items are reverse-keyed before the fit and nothing is flipped
/// afterwards (psych's `key =` argument).
///
/// ```swift
/// let omega = try Omega(items: agreeableness)  // psych::bfi[, 1:5]
/// omega.total  // 0.7229
/// ```
public struct Omega: Hashable, Sendable {
  /// The fitted one-factor model of the (keyed, if `reversed` was given) items, as `psych::fa` reports it.
  public var model: OneFactorModel
  /// +1 or −1 per item: whether it entered ω reversed (psych `key`).
  public var keys: [Double]
  /// ω total, (V − Σψ)/V (psych `omega.tot`).
  public var total: Double
  /// ω hierarchical, (Σ|λ|)²/V (psych `omega_h`; for one factor it is the general-factor share).
  public var hierarchical: Double
  /// The model-implied ω, (Σ|λ|)²/((Σ|λ|)² + Σψ).
  public var modelImplied: Double
  /// Standardized α of the keyed pairwise correlations (psych `omega(...)$alpha`).
  public var alpha: Double
  /// Guttman's λ₆ of the keyed pairwise correlations (psych `omega(...)$G6`).
  public var guttmanLambda6: Double

  /// ω of item answers (`items[i][r]` is respondent r's answer to item i, `nil` when missing).
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for fewer than three items, mismatched
  ///   `reversed`, or a pair of items without joint variance; ``EstimationError/lengthMismatch(argument:expected:actual:)``
  ///   for columns of different lengths; ``EstimationError/noObservations(_:)`` for an item with fewer
  ///   than two answers; ``EstimationError/notConverged(_:iterations:)`` from the factor fit.
  /// - Complexity: O(n·k²) for the correlations, then O(k³) per factor-fit iteration.
  public init(items: [[Double?]], reversed: [Bool]? = nil) throws(EstimationError) {
    let k = items.count
    guard k >= 3 else { throw .invalidArgument("omega needs at least three items, not \(k)") }
    let n = items[0].count
    for (i, column) in items.enumerated() {
      guard column.count == n else {
        throw .lengthMismatch(argument: "item \(i + 1)", expected: n, actual: column.count)
      }
      let answered = column.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
      guard answered >= 2 else {
        throw .noObservations("item \(i + 1) has \(answered == 0 ? "no answers" : "only one answer")")
      }
    }
    try self.init(correlation: PairwiseMoments(items).correlation, reversed: reversed)
  }

  /// ω of a correlation matrix (psych's `omega` given a correlation matrix).
  ///
  /// - Throws: as ``init(items:reversed:)``.
  public init(correlation: SymmetricMatrix, reversed: [Bool]? = nil) throws(EstimationError) {
    let k = correlation.dimension
    if let reversed, reversed.count != k {
      throw .invalidArgument("\(k) items but \(reversed.count) reverse-coding flags")
    }
    let given = (reversed ?? Array(repeating: false, count: k)).map { $0 ? -1.0 : 1.0 }
    let keyed = correlation.scaled(by: given)
    model = try OneFactorModel(correlation: keyed)
    let flips = reversed == nil ? model.loadings.map { $0 < 0 ? -1.0 : 1.0 } : given.map { _ in 1 }
    keys = zip(given, flips).map { $0 * $1 }
    let flipped = keyed.scaled(by: flips)
    let v = flipped.sumOfElements
    let general = zip(model.loadings, flips).reduce(0) { $0 + $1.0 * $1.1 }
    let uniqueness = model.uniquenesses.reduce(0, +)
    let kk = Double(k)
    total = (v - uniqueness) / v
    hierarchical = general * general / v
    modelImplied = general * general / (general * general + uniqueness)
    alpha = (v - flipped.trace) / v * (kk / (kk - 1))
    guttmanLambda6 = (v + flipped.squaredMultipleCorrelations().reduce(0, +) - flipped.trace) / v
  }
}
