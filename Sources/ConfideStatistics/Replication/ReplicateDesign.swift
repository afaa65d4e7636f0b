/// A survey design whose variances come from replicate weights instead of Taylor
/// linearisation, as R's `survey::svrepdesign` and `as.svrepdesign` describe it.
///
/// Each replicate re-weights the sample (dropping a PSU, resampling PSUs, …); an estimate is
/// computed once with the full-sample weights and once with each replicate's weights, and its
/// variance is the scaled spread of the replicate estimates:
///
///     v = scale · Σᵣ rscaleᵣ (θ̂ᵣ − θ̄)²,   θ̄ = mean of the θ̂ᵣ (or θ̂ when meanSquaredError)
///
/// A design is either made from a ``SurveyDesign`` (``init(jackknife:meanSquaredError:)``,
/// ``init(bootstrap:replicates:method:meanSquaredError:using:)``) or from weights a data
/// producer published (``init(weights:replicateWeights:method:combinedWeights:scale:replicateScales:meanSquaredError:degreesOfFreedom:)``,
/// ``init(weights:units:unitFactors:method:scale:replicateScales:meanSquaredError:degreesOfFreedom:)``).
///
/// ```swift
/// let jackknife = try ReplicateDesign(jackknife: dclus1)   // R: as.svrepdesign(dclus1)
/// let api00 = try mean(scores, in: jackknife)               // 644.17, SE 26.33
/// ```
///
/// Replicate weights are stored compactly: a jackknife keeps only which PSU each replicate
/// drops (O(*R*) memory), a bootstrap a 16-bit draw count per PSU and replicate, and given
/// weights one contiguous array per replicate. Estimators form PSU totals once and derive
/// every replicate from them, so a jackknife estimate costs O(*n* + *R*) whatever the number
/// of replicates.
public struct ReplicateDesign: Sendable {
  /// The number of respondents.
  public let count: Int
  /// The full-sample weights (R's `pweights`).
  public let weights: [Double]
  /// How the replicates were made.
  public let method: ReplicationMethod
  /// The overall scale of the variance.
  public let scale: Double
  /// The scale of each replicate (R's `rscales`).
  public let replicateScales: [Double]
  /// Whether variances are centred on the full-sample estimate rather than on the mean of the
  /// replicates (R's `mse=TRUE`).
  public var meanSquaredError: Bool
  /// The replicate weights.
  let factors: ReplicateFactors
  /// Degrees of freedom given by the caller, used for every estimate instead of the rank.
  let givenDegreesOfFreedom: Int?
  /// Whether the jackknife replicates have the standard JK1/JKn structure, whose rank has a
  /// closed form (no lonely-PSU replicate under `adjust`).
  let isStandardJackknife: Bool
  /// The design's degrees of freedom for *t* intervals and tests: the rank of the matrix of
  /// replicate weights minus 1, as R's `degf` for a replicate design (#PSU − #strata for a
  /// jackknife), or the value given when the design was made.
  public private(set) var degreesOfFreedom: Int

  /// The number of replicates.
  public var replicateCount: Int { replicateScales.count }

  /// Assembles a design and computes its degrees of freedom.
  init(
    weights: [Double], method: ReplicationMethod, scale: Double, replicateScales: [Double], meanSquaredError: Bool,
    factors: ReplicateFactors, degreesOfFreedom: Int?, isStandardJackknife: Bool = false
  ) {
    count = weights.count
    self.weights = weights
    self.method = method
    self.scale = scale
    self.replicateScales = replicateScales
    self.meanSquaredError = meanSquaredError
    self.factors = factors
    givenDegreesOfFreedom = degreesOfFreedom
    self.isStandardJackknife = isStandardJackknife
    self.degreesOfFreedom = 0
    self.degreesOfFreedom = degreesOfFreedom ?? rankDegreesOfFreedom(in: nil)
  }

  /// A design from replicate weights given per respondent, as R's `svrepdesign(repweights=,
  /// weights=, type=, combined.weights=, scale=, rscales=, mse=)`.
  ///
  /// When `scale` or `replicateScales` is `nil`, the method's default is used as
  /// `svrepdesign` sets it: BRR 1/*R*; Fay 1/(*R*(1 − ρ)²); bootstraps 1/(*R* − 1);
  /// successive difference 4/*R*; JK1 (*R* − 1)/*R* for combined weights and 1/max(first
  /// replicate's factors) otherwise; JKn rscales 1/max(each replicate's factors) for factors
  /// (they must be given with combined weights); rscales 1 otherwise.
  ///
  /// - Parameters:
  ///   - weights: The full-sample weights.
  ///   - replicateWeights: One array per replicate, one value per respondent.
  ///   - method: How the replicates were made.
  ///   - combinedWeights: Whether the replicate weights already include the full-sample
  ///     weights (R's default, `TRUE`) or are factors to multiply them by.
  ///   - scale: The overall scale, or `nil` for the method's default.
  ///   - replicateScales: One scale per replicate, or `nil` for the method's default.
  ///   - meanSquaredError: Centre on the full-sample estimate (R's `mse=TRUE`).
  ///   - degreesOfFreedom: The degrees of freedom for every estimate, or `nil` to use the rank
  ///     of the replicate weights minus 1 as R's `degf` does (see ``degreesOfFreedom``). Give it
  ///     for very large data with many distinct rows of replicate weights, where the rank costs
  ///     O(*n*·*R*²).
  /// - Throws: ``EstimationError`` when a column has the wrong length, a weight is negative or
  ///   not finite, a scale is negative, or a stratified jackknife with combined weights comes
  ///   without its rscales.
  /// - Complexity: O(*n*·*R*) to check the weights, plus the rank (see ``degreesOfFreedom``).
  public init(
    weights: [Double], replicateWeights: [[Double]], method: ReplicationMethod, combinedWeights: Bool = true,
    scale: Double? = nil, replicateScales: [Double]? = nil, meanSquaredError: Bool = false,
    degreesOfFreedom: Int? = nil
  ) throws(EstimationError) {
    try Self.checkWeights(weights)
    for column in replicateWeights {
      guard column.count == weights.count else {
        throw .lengthMismatch(argument: "replicateWeights", expected: weights.count, actual: column.count)
      }
      for value in column where !value.isFinite {
        throw .invalidArgument("a replicate weight is not a finite number")
      }
    }
    let replicates = replicateWeights.count
    let maxima = replicateWeights.map { $0.max() ?? 0 }
    let (scale, rscales) = try Self.defaultScales(
      method: method, replicates: replicates, scale: scale, replicateScales: replicateScales,
      combined: combinedWeights, maxima: maxima)
    self.init(
      weights: weights, method: method, scale: scale, replicateScales: rscales, meanSquaredError: meanSquaredError,
      factors: .respondents(replicateWeights, combined: combinedWeights), degreesOfFreedom: degreesOfFreedom)
  }

  /// A design from replicate factors given per primary sampling unit, the compact form of R's
  /// `svrepdesign` (a `repweights_compressed` object): respondent *i* of unit *u* weighs
  /// `weights[i] * unitFactors[r][u]` in replicate *r*.
  ///
  /// Defaults for `scale` and `replicateScales` are those of
  /// ``init(weights:replicateWeights:method:combinedWeights:scale:replicateScales:meanSquaredError:degreesOfFreedom:)``
  /// for factors.
  ///
  /// - Parameters:
  ///   - weights: The full-sample weights.
  ///   - units: Each respondent's unit (PSU); a respondent in no unit is not allowed.
  ///   - unitFactors: One array per replicate, one factor per unit (in `units.levels` order).
  ///   - method: How the replicates were made.
  ///   - scale: The overall scale, or `nil` for the method's default.
  ///   - replicateScales: One scale per replicate, or `nil` for the method's default.
  ///   - meanSquaredError: Centre on the full-sample estimate (R's `mse=TRUE`).
  ///   - degreesOfFreedom: The degrees of freedom, or `nil` for the rank of the factors minus 1.
  /// - Throws: ``EstimationError`` for lengths that do not match, a missing unit, negative or
  ///   non-finite weights.
  /// - Complexity: O(*n* + *U*·*R*), plus O(*U*·*R*·min(*U*, *R*)) for the rank.
  public init(
    weights: [Double], units: Grouping, unitFactors: [[Double]], method: ReplicationMethod,
    scale: Double? = nil, replicateScales: [Double]? = nil, meanSquaredError: Bool = false,
    degreesOfFreedom: Int? = nil
  ) throws(EstimationError) {
    try Self.checkWeights(weights)
    guard units.codes.count == weights.count else {
      throw .lengthMismatch(argument: "units", expected: weights.count, actual: units.codes.count)
    }
    if units.codes.contains(-1) { throw .invalidArgument("a respondent has no unit") }
    var factors: [Double] = []
    factors.reserveCapacity(unitFactors.count * units.count)
    for column in unitFactors {
      guard column.count == units.count else {
        throw .lengthMismatch(argument: "unitFactors", expected: units.count, actual: column.count)
      }
      for value in column where !value.isFinite { throw .invalidArgument("a replicate factor is not a finite number") }
      factors.append(contentsOf: column)
    }
    let (scale, rscales) = try Self.defaultScales(
      method: method, replicates: unitFactors.count, scale: scale, replicateScales: replicateScales,
      combined: false, maxima: unitFactors.map { $0.max() ?? 0 })
    let compact = ReplicateUnits(unitOfRow: units.codes, unitCount: units.count)
    self.init(
      weights: weights, method: method, scale: scale, replicateScales: rscales, meanSquaredError: meanSquaredError,
      factors: .unitFactors(compact, factors: factors), degreesOfFreedom: degreesOfFreedom)
  }

  /// Checks full-sample weights.
  static func checkWeights(_ weights: [Double]) throws(EstimationError) {
    for (i, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
      throw .invalidArgument("the weight of respondent \(i + 1) is negative or not finite")
    }
  }

  /// The scale and rscales `svrepdesign` uses when they are not given.
  static func defaultScales(
    method: ReplicationMethod, replicates: Int, scale: Double?, replicateScales: [Double]?, combined: Bool,
    maxima: [Double]
  ) throws(EstimationError) -> (Double, [Double]) {
    let r = Double(replicates)
    if let replicateScales, replicateScales.count != replicates {
      throw .lengthMismatch(argument: "replicateScales", expected: replicates, actual: replicateScales.count)
    }
    var rscales = replicateScales
    var scale = scale
    switch method {
    case .balancedRepeatedReplication: scale = scale ?? 1 / r
    case .fay(let rho):
      guard rho >= 0, rho < 1 else { throw .invalidArgument("Fay's coefficient must be in [0, 1)") }
      scale = scale ?? 1 / (r * (1 - rho) * (1 - rho))
    case .bootstrap, .subsampleBootstrap:
      guard replicates > 1 || scale != nil else { throw .invalidArgument("a bootstrap needs at least two replicates") }
      scale = scale ?? 1 / (r - 1)
    case .jackknife:
      if scale == nil {
        if combined {
          scale = (r - 1) / r
        } else {
          guard let first = maxima.first, first > 0 else {
            throw .invalidArgument("the jackknife's scale cannot be guessed from its factors: give it")
          }
          scale = 1 / first
        }
      }
    case .stratifiedJackknife:
      if rscales == nil {
        guard !combined else {
          throw .invalidArgument("a stratified jackknife with combined weights needs its replicate scales")
        }
        guard maxima.allSatisfy({ $0 > 0 }) else {
          throw .invalidArgument("the jackknife's replicate scales cannot be guessed from its factors: give them")
        }
        rscales = maxima.map { 1 / $0 }
      }
    case .successiveDifference:
      scale = scale ?? 4 / r
    case .other: break
    }
    let resolvedScale = scale ?? 1
    let resolved = rscales ?? [Double](repeating: 1, count: replicates)
    guard resolvedScale.isFinite, resolvedScale >= 0, resolved.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
      throw .invalidArgument("replicate scales must be finite and not negative")
    }
    return (resolvedScale, resolved)
  }

  /// Checks that a column describes this design's respondents.
  func check(_ column: [Double], _ argument: String) throws(EstimationError) {
    guard column.count == count else {
      throw .lengthMismatch(argument: argument, expected: count, actual: column.count)
    }
  }

  /// Checks that a domain describes this design's respondents.
  func check(domain: [Bool]?) throws(EstimationError) {
    if let domain, domain.count != count {
      throw .lengthMismatch(argument: "domain", expected: count, actual: domain.count)
    }
  }
}
