/// How the covariance of the type proportions is estimated in the list experiment's
/// design-effect test.
public enum ListTestVariance: Sendable, Hashable {
  /// Unweighted, respondents independent, as `list::ict.test` computes it: the binomial
  /// covariances F(a)(1 − F(b))/nₜ of the two lists' empirical distribution functions.
  case independent
  /// Weighted proportions with their Taylor-linearised design covariance (strata, PSUs, fpc,
  /// calibration), Confide's extension of the test to a survey design.
  case design
}

extension ListExperiment {
  /// Blair and Imai's (2012) test for design effects: whether adding the sensitive item changed
  /// how respondents answered the control items (or some respondents lied), as
  /// `list::ict.test(y, treat, J, gms = FALSE)`.
  ///
  /// With no design effect and no liars the proportions of respondent types are
  ///
  ///     π̂_{y1} = P̂(Y ≤ y | control) − P̂(Y ≤ y | treatment)      (y = 0 … J − 1)
  ///     π̂_{y0} = P̂(Y ≤ y | treatment) − P̂(Y ≤ y − 1 | control)  (y = 1 … J)
  ///
  /// (π_{y1}: would count *y* control items and holds the sensitive item; π_{y0}: *y* items and
  /// does not), and all must be ≥ 0. Each family is tested by the likelihood-ratio test of
  /// H₀: π ≥ 0 with its chi-bar-squared null distribution (see ``ListDesignEffectTest``),
  /// leaving out proportions estimated as exactly 0 as `ict.test` does, and the two families'
  /// *p*-values are combined by Bonferroni: p = min(1, 2·min(p₁, p₀)) (`ict.test` does not cap
  /// at 1). A family left with one proportion is tested, under ``ListTestVariance/independent``,
  /// by Welch's one-sided *t* test of the two indicator means, as `ict.test` does; under
  /// ``ListTestVariance/design`` by the one-dimensional likelihood-ratio test (a one-sided
  /// *z* test).
  ///
  /// Differences from `ict.test`: for four inequalities (J = 4) its chi-bar-squared weights are
  /// wrong (its weight of χ²₁ exceeds 1) and for more it simulates them; here they are computed
  /// from their definition for up to six (J ≤ 6). Generalised moment selection (`gms = TRUE`,
  /// its default) is not implemented.
  ///
  /// - Parameters:
  ///   - counts: Each respondent's count; `.nan` marks a missing answer.
  ///   - variance: Independent (as `ict.test`) or design-based.
  /// - Returns: The type proportions, each family's test and the combined *p*-value.
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for an impossible count or more than six
  ///   control items; ``EstimationError/noObservations(_:)`` when a list has no answer;
  ///   ``EstimationError/singular(_:)`` when the proportions' covariance is singular (a
  ///   proportion that differs from 0 but has no variance).
  /// - Complexity: O(*n*·*J* + *P*·*J*²) plus the test's O(4ᴶ) small solves.
  public func designEffectTest(
    _ counts: [Double], variance: ListTestVariance = .independent
  )
    throws(EstimationError) -> ListDesignEffectTest
  {
    try checkCounts(counts)
    let j = controlItems
    guard j <= OrthantTest.maximumDimension else {
      throw .invalidArgument(
        "the design-effect test supports lists of at most \(OrthantTest.maximumDimension) control items")
    }
    // cdf[t][a + 1] = P̂(Y ≤ a | list t), a = −1 … J + 1.
    var included = [Bool](repeating: false, count: counts.count)
    var n = [0, 0]
    var weightSum = [0.0, 0.0]
    for i in 0..<counts.count where !counts[i].isNaN && (domain?[i] ?? true) {
      let list = treated[i] ? 1 : 0
      if variance == .design && design.weights[i] == 0 { continue }
      included[i] = true
      n[list] += 1
      weightSum[list] += variance == .design ? design.weights[i] : 1
    }
    guard n[0] > 0, n[1] > 0, weightSum[0] > 0, weightSum[1] > 0 else {
      throw .noObservations("one of the two lists has no respondent with an answer")
    }
    var cdf = [[Double]](repeating: [Double](repeating: 0, count: j + 3), count: 2)
    for i in 0..<counts.count where included[i] {
      let list = treated[i] ? 1 : 0
      let w = variance == .design ? design.weights[i] : 1
      cdf[list][Int(counts[i]) + 1] += w
    }
    for list in 0..<2 {
      var running = 0.0
      for a in 1..<(j + 3) {
        running += cdf[list][a]
        cdf[list][a] = running / weightSum[list]
      }
    }
    func f(_ list: Int, _ a: Int) -> Double { cdf[list][a + 1] }

    // Covariances of the distribution functions: cov(list, a, list', b).
    let cov: (Int, Int, Int, Int) -> Double
    switch variance {
    case .independent:
      cov = { s, a, t, b in
        guard s == t, a >= 0, b >= 0 else { return 0 }
        return f(s, min(a, b)) * (1 - f(s, max(a, b))) / Double(n[s])
      }
    case .design:
      // Influence of each F̂ₜ(a), a = 0 … J − 1 for the control list and 0 … J for the treatment.
      var columns: [[Double]] = []
      var position: [[Int]] = [[], []]
      for list in 0..<2 {
        for a in 0..<(list == 0 ? j : j + 1) {
          var z = [Double](repeating: 0, count: counts.count)
          let value = f(list, a)
          for i in 0..<counts.count where included[i] && (treated[i] ? 1 : 0) == list {
            z[i] = design.weights[i] * ((counts[i] <= Double(a) ? 1 : 0) - value) / weightSum[list]
          }
          position[list].append(columns.count)
          columns.append(z)
        }
      }
      let matrix = try design.covariance(ofTotals: columns, presence: included)
      cov = { s, a, t, b in
        guard a >= 0, b >= 0 else { return 0 }
        return matrix[position[s][a]][position[t][b]]
      }
    }

    // π_{y1}(y) = F₀(y) − F₁(y); π_{y0}(y) = F₁(y) − F₀(y − 1).
    let terms1 = (0..<j).map { y in [(0, y, 1.0), (1, y, -1.0)] }
    let terms0 = (1...j).map { y in [(1, y, 1.0), (0, y - 1, -1.0)] }
    func value(_ terms: [(Int, Int, Double)]) -> Double { terms.reduce(0) { $0 + $1.2 * f($1.0, $1.1) } }
    func covariance(_ x: [(Int, Int, Double)], _ y: [(Int, Int, Double)]) -> Double {
      var total = 0.0
      for a in x {
        for b in y { total += a.2 * b.2 * cov(a.0, a.1, b.0, b.1) }
      }
      return total
    }
    var proportions: [ListTypeProportion] = []
    for (y, terms) in terms1.enumerated() {
      proportions.append(
        ListTypeProportion(
          count: y, holdsSensitiveItem: true, estimate: value(terms),
          standardError: covariance(terms, terms).squareRoot()))
    }
    for (index, terms) in terms0.enumerated() {
      proportions.append(
        ListTypeProportion(
          count: index + 1, holdsSensitiveItem: false, estimate: value(terms),
          standardError: covariance(terms, terms).squareRoot()))
    }

    func family(_ family: [[(Int, Int, Double)]]) throws(EstimationError) -> ListDesignEffectTest.Family? {
      // Proportions estimated as exactly 0 are left out (as ict.test does). A proportion with no
      // variance is known exactly: a positive one cannot violate H₀ and is left out too; a
      // negative one violates it for certain (p = 0).
      var kept: [[(Int, Int, Double)]] = []
      for terms in family where value(terms) != 0 {
        if covariance(terms, terms) > 0 {
          kept.append(terms)
        } else if value(terms) < 0 {
          return .init(statistic: .infinity, weights: [], pValue: 0)
        }
      }
      guard !kept.isEmpty else { return nil }
      let estimates = kept.map(value)
      if kept.count == 1 && variance == .independent {
        // Welch's t test of the two indicator means, alternative "less" (t.test in ict.test).
        let first = kept[0][0]
        let second = kept[0][1]
        let p1 = f(first.0, first.1)
        let p2 = f(second.0, second.1)
        let n1 = Double(n[first.0])
        let n2 = Double(n[second.0])
        let v1 = p1 * (1 - p1) * n1 / (n1 - 1) / n1
        let v2 = p2 * (1 - p2) * n2 / (n2 - 1) / n2
        guard v1 + v2 > 0, n1 > 1, n2 > 1 else {
          throw .singular("a type proportion differs from 0 but has no variance")
        }
        let t = (p1 - p2) / (v1 + v2).squareRoot()
        let df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
        return .init(statistic: t, weights: [], pValue: StudentT(degreesOfFreedom: df).cdf(t))
      }
      let matrix = kept.map { a in kept.map { covariance(a, $0) } }
      let test = try OrthantTest(estimates, covariance: matrix)
      return .init(statistic: test.statistic, weights: test.weights, pValue: test.pValue)
    }
    let sensitive = try family(terms1)
    let nonsensitive = try family(terms0)
    // As ict.test: twice the smaller p-value, even when one family had nothing to test.
    let smallest = min(sensitive?.pValue ?? 1, nonsensitive?.pValue ?? 1)
    let bonferroni = sensitive == nil && nonsensitive == nil ? 1 : 2 * smallest
    return ListDesignEffectTest(
      proportions: proportions, sensitive: sensitive, nonsensitive: nonsensitive, pValue: min(1, bonferroni))
  }
}

/// An estimated proportion of one respondent type in a list experiment.
public struct ListTypeProportion: Sendable, Hashable {
  /// How many control items this type holds.
  public var count: Int
  /// Whether this type holds the sensitive item.
  public var holdsSensitiveItem: Bool
  /// The estimated proportion (negative values signal a design effect).
  public var estimate: Double
  /// Its standard error.
  public var standardError: Double
}

/// The result of Blair and Imai's test for design effects in a list experiment.
public struct ListDesignEffectTest: Sendable, Hashable {
  /// The test of one family of inequalities.
  public struct Family: Sendable, Hashable {
    /// The likelihood-ratio statistic λ (or Welch's *t* when one proportion is tested under
    /// ``ListTestVariance/independent``).
    public var statistic: Double
    /// The chi-bar-squared weights w₀ … wₘ (empty for Welch's test).
    public var weights: [Double]
    /// The family's *p*-value.
    public var pValue: Double
  }

  /// π̂_{y1} for y = 0 … J − 1, then π̂_{y0} for y = 1 … J.
  public var proportions: [ListTypeProportion]
  /// The test that every π_{y1} ≥ 0, or `nil` when every π̂_{y1} is exactly 0.
  public var sensitive: Family?
  /// The test that every π_{y0} ≥ 0, or `nil` when every π̂_{y0} is exactly 0.
  public var nonsensitive: Family?
  /// The Bonferroni-combined *p*-value, min(1, 2·min(p₁, p₀)); small values signal a design
  /// effect.
  public var pValue: Double
}
