/// The reliability analysis of a multi-item scale: everything `psych::alpha` reports.
///
/// Matches `psych::alpha(x, keys = reversed)` with its defaults (psych 2.2.9: `use = "pairwise"`,
/// `cumulative = FALSE`, `na.rm = TRUE`), including how it treats missing answers:
/// - the covariance matrix C is pairwise-complete (``PairwiseMoments``), and reversed items enter it
///   with flipped sign (DCD with D = diag(±1)); R is C rescaled to unit diagonal (`cov2cor`), **not**
///   the pairwise correlation matrix;
/// - the total score of a respondent is the mean of the items they answered, after reverse-coding
///   x′ = min + max − x (``ConstructScore`` with `minimumItems` 1); respondents with no answers have
///   no total and are left out of its mean and standard deviation;
/// - item means and standard deviations use each item's own answers;
/// - `respondents` (the n of the asymptotic standard error and of the Feldt interval) counts every
///   row, answered or not, as psych's `nrow(x)` does.
///
/// One choice differs from psych: psych reverse-codes over the smallest and largest answer found in
/// the whole data set; here `scaleRange` can declare the range instead (`nil` gives psych's rule). The
/// range moves only the total score, its correlations with the items, and the reversed items' means.
///
/// psych deletes an item without variance (with a warning) but still counts it in the score; this
/// type throws instead, because such a scale is almost always a data error.
///
/// ```swift
/// let a = try ReliabilityAnalysis(items: agreeableness, reversed: [true, false, false, false, false])
/// a.coefficients.rawAlpha            // 0.7030 for psych::bfi[, 1:5]
/// try a.feldtInterval(level: 0.95)   // 0.685 … 0.720
/// ```
///
/// - Complexity: O(n·k²) for n respondents and k items, plus O(k⁴) for the k alpha-if-dropped rows.
public struct ReliabilityAnalysis: Hashable, Sendable {
  /// The coefficients of the whole scale (psych `total`, without `mean` and `sd`).
  public var coefficients: ReliabilityCoefficients
  /// The mean of the respondents' total scores (psych `mean`).
  public var scoreMean: Double
  /// The standard deviation of the total scores, n − 1 divisor (psych `sd`).
  public var scoreStandardDeviation: Double
  /// Every row of the data, answered or not (psych's n for `ase` and the Feldt interval).
  public var respondents: Int
  /// The respondents who answered at least one item and so have a total score.
  public var scoredRespondents: Int
  /// One entry per item, in input order (psych `item.stats` and `alpha.drop`).
  public var items: [ItemReliability]
  /// The range over which reversed items were reverse-coded.
  public var reverseCodingRange: ClosedRange<Double>
  /// Whether the mean inter-item correlation is negative, so α is not a reliability
  /// (psych warns; the numbers are still reported).
  public var hasNegativeAverageCorrelation: Bool
  /// Items (0-based) that load negatively on the first principal component of the keyed
  /// correlations, oriented so the loadings sum to ≥ 0: psych's "should probably be reversed" check
  /// (`principal(x)`), done here on the keyed items. Empty when the pairwise correlations are undefined.
  public var itemsLoadingNegatively: [Int]
  /// The items' pairwise-complete covariances and correlations, on the answers as given (before
  /// reverse-scoring): what ``Omega/init(correlation:reversed:)`` takes, so ω needs no second
  /// pass over the answers.
  public var moments: PairwiseMoments

  /// Analyses the items of one scale.
  ///
  /// - Parameters:
  ///   - items: answers item by item (`items[i][r]` is respondent r's answer to item i, `nil` if missing).
  ///   - reversed: which items to reverse-code (psych `keys`); `nil` reverses none.
  ///   - scaleRange: the declared answer range for reverse-coding; `nil` uses the smallest and
  ///     largest answer in the data, as psych does.
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for fewer than two items, a `reversed` of the
  ///   wrong length, an answer outside `scaleRange`, or an item whose answers are all equal;
  ///   ``EstimationError/lengthMismatch(argument:expected:actual:)`` when the columns differ in length;
  ///   ``EstimationError/noObservations(_:)`` for an item with fewer than two answers or two items
  ///   answered together by fewer than two respondents.
  /// - Complexity: O(n·k² + k⁴)
  public init(
    items: [[Double?]], reversed: [Bool]? = nil, scaleRange: ClosedRange<Double>? = nil
  )
    throws(EstimationError)
  {
    let k = items.count
    guard k >= 2 else { throw .invalidArgument("a reliability analysis needs at least two items, not \(k)") }
    let reversed = reversed ?? Array(repeating: false, count: k)
    guard reversed.count == k else {
      throw .invalidArgument("\(k) item columns but \(reversed.count) reverse-coding flags")
    }
    let n = items[0].count
    var observedMin = Double.infinity
    var observedMax = -Double.infinity
    for (i, column) in items.enumerated() {
      guard column.count == n else {
        throw .lengthMismatch(argument: "item \(i + 1)", expected: n, actual: column.count)
      }
      var answered = 0
      for x in column {
        guard let x else { continue }
        answered += 1
        observedMin = min(observedMin, x)
        observedMax = max(observedMax, x)
        if let scaleRange, !scaleRange.contains(x) {
          throw .invalidArgument("item \(i + 1) has an answer outside the scale range \(scaleRange)")
        }
      }
      guard answered >= 2 else {
        throw .noObservations("item \(i + 1) has \(answered == 0 ? "no answers" : "only one answer")")
      }
    }
    let moments = PairwiseMoments(items)
    for i in 0..<k where !(moments.covariance[i, i] > 0) {
      throw .invalidArgument("item \(i + 1) has no variance (every answer is the same)")
    }
    for i in 0..<k {
      for j in (i + 1)..<k where moments.counts[i * k + j] < 2 {
        throw .noObservations("items \(i + 1) and \(j + 1) are answered together by fewer than two respondents")
      }
    }
    let range = scaleRange ?? observedMin...observedMax
    let keys = reversed.map { $0 ? -1.0 : 1.0 }
    let c = moments.covariance.scaled(by: keys)
    let r = c.correlation

    // Total score and its moments (psych: rowMeans(x, na.rm = TRUE) over the keyed items).
    let total = ConstructScore(reversed: reversed, scaleRange: range).scoresWithoutValidation(items)
    let scored = total.compactMap { $0 }
    let totalMean = scored.reduce(0, +) / Double(scored.count)
    let totalSD = (scored.sampleVariance ?? .nan).squareRoot()

    coefficients = ReliabilityCoefficients(covariance: c, correlation: r, respondents: n, withStandardError: true)
    scoreMean = totalMean
    scoreStandardDeviation = totalSD
    respondents = n
    scoredRespondents = scored.count
    reverseCodingRange = range
    hasNegativeAverageCorrelation = coefficients.averageCorrelation < 0

    let smc = r.squaredMultipleCorrelations()
    var rTilde = r
    for i in 0..<k { rTilde[i, i] = smc[i] }
    let sumR = r.sumOfElements
    let sumRTilde = rTilde.sumOfElements
    let columnSumsR = r.columnSums
    let columnSumsRTilde = rTilde.columnSums
    let columnSumsC = c.columnSums
    let flip = range.lowerBound + range.upperBound
    var rows: [ItemReliability] = []
    rows.reserveCapacity(k)
    for i in 0..<k {
      let keyed = items[i].map { x in x.map { reversed[i] ? flip - $0 : $0 } }
      let answers = keyed.compactMap { $0 }
      let itemMean = answers.reduce(0, +) / Double(answers.count)
      let dropped: ReliabilityCoefficients
      if k > 2 {
        dropped = ReliabilityCoefficients(
          covariance: c.removing(i), correlation: r.removing(i), respondents: n, withStandardError: n > k)
      } else {
        dropped = ReliabilityCoefficients(pairCovariance: c, correlation: r, keeping: 1 - i)
      }
      let restSum = c.removing(i).sumOfElements
      rows.append(
        ItemReliability(
          isReversed: reversed[i],
          answered: answers.count,
          rawCorrelation: PairMoments(total, keyed).correlation,
          standardizedCorrelation: columnSumsR[i] / sumR.squareRoot(),
          overlapCorrectedCorrelation: columnSumsRTilde[i] / sumRTilde.squareRoot(),
          dropCorrelation: (columnSumsC[i] - c[i, i]) / (c[i, i] * restSum).squareRoot(),
          mean: itemMean,
          standardDeviation: (answers.sampleVariance ?? .nan).squareRoot(),
          ifDropped: dropped))
    }
    self.items = rows

    itemsLoadingNegatively = Self.negativeFirstComponentLoadings(moments.correlation.scaled(by: keys))
    self.moments = moments
  }

  /// Items with a negative loading on the first principal component of `correlation`, with the
  /// component oriented so its loadings sum to ≥ 0 (psych `principal`).
  private static func negativeFirstComponentLoadings(_ correlation: SymmetricMatrix) -> [Int] {
    guard correlation.elements.allSatisfy(\.isFinite) else { return [] }
    let first = correlation.eigendecomposition().vector(0)
    let orientation: Double = first.reduce(0, +) < 0 ? -1 : 1
    return first.indices.filter { first[$0] * orientation < 0 }
  }
}
