public import ConfideStatistics

/// One estimated figure of a report, with everything a reader needs to judge it: the estimate, its
/// uncertainty, the bases behind it and, where a test was run, the test statistic and p-values.
///
/// A figure is a finished value: the statistics module computes it, the report model holds it, and
/// renderers only format it. Proportions and differences of proportions are held on the 0–1 scale; a
/// table's ``FigureFormat`` decides whether they are shown as percentages or percentage points.
///
/// ```swift
/// let delayed = Figure(
///   kind: .proportion, estimate: 0.234, standardError: 0.019,
///   interval: ConfidenceInterval(lower: 0.198, upper: 0.273, level: 0.95),
///   unweightedBase: 412, weightedBase: 398.6)
/// ```
public struct Figure: Hashable, Sendable {
  /// What the figure measures, which tells a reader (and a renderer) its scale.
  public var kind: FigureKind
  /// The point estimate, in the units of ``kind``.
  public var estimate: Double
  /// The standard error of the estimate, in the same units, if computed.
  public var standardError: Double?
  /// The confidence interval of the estimate, if computed.
  public var interval: ConfidenceInterval?
  /// The unweighted base: the number of respondents behind the figure.
  public var unweightedBase: Int?
  /// The weighted base: the sum of the weights of those respondents.
  public var weightedBase: Double?
  /// The test of this figure (for example a difference from zero, or a Rao–Scott test of association).
  public var test: TestStatistic?
  /// The unadjusted p-value of ``test``.
  public var pValue: Double?
  /// The p-value adjusted for multiple comparisons, with the method in ``adjustment``.
  public var adjustedPValue: Double?
  /// How ``adjustedPValue`` was adjusted.
  public var adjustment: PValueAdjustment?

  /// A figure with the given parts; everything but the kind and the estimate is optional.
  ///
  /// - Parameters:
  ///   - kind: What the figure measures.
  ///   - estimate: The point estimate.
  ///   - standardError: Its standard error.
  ///   - interval: Its confidence interval.
  ///   - unweightedBase: The number of respondents behind it.
  ///   - weightedBase: The sum of their weights.
  ///   - test: A test statistic computed for it.
  ///   - pValue: The raw p-value of the test.
  ///   - adjustedPValue: The p-value adjusted for multiple comparisons.
  ///   - adjustment: The adjustment method.
  public init(
    kind: FigureKind, estimate: Double, standardError: Double? = nil, interval: ConfidenceInterval? = nil,
    unweightedBase: Int? = nil, weightedBase: Double? = nil, test: TestStatistic? = nil, pValue: Double? = nil,
    adjustedPValue: Double? = nil, adjustment: PValueAdjustment? = nil
  ) {
    self.kind = kind
    self.estimate = estimate
    self.standardError = standardError
    self.interval = interval
    self.unweightedBase = unweightedBase
    self.weightedBase = weightedBase
    self.test = test
    self.pValue = pValue
    self.adjustedPValue = adjustedPValue
    self.adjustment = adjustment
  }
}

/// What a figure measures.
///
/// The raw values are the stable names written to CSV and JSON.
public enum FigureKind: String, Hashable, Sendable, CaseIterable {
  /// A proportion of respondents, on the 0–1 scale (0.234 is 23.4%).
  case proportion
  /// A mean of a numeric answer, in the answer's units.
  case mean
  /// A difference of two proportions, on the 0–1 scale (0.094 is 9.4 percentage points).
  case proportionDifference = "proportion_difference"
  /// An odds ratio (1 is no difference).
  case oddsRatio = "odds_ratio"
  /// A count (weighted or unweighted) of respondents.
  case count
  /// A difference of two means, in the answer's units.
  case meanDifference = "mean_difference"
  /// A reliability or model coefficient on its own scale (Cronbach's alpha, ω).
  case coefficient
  /// A test statistic; the figure's ``Figure/test`` says which.
  case testStatistic = "test"
}

/// A test statistic with its name and degrees of freedom, such as `t` on 187 df or a Rao–Scott `F` on
/// (1.9, 355.2) df.
public struct TestStatistic: Hashable, Sendable {
  /// The statistic's conventional name: `"t"`, `"F"`, `"z"`, `"chi2"`.
  public var name: String
  /// The value of the statistic.
  public var value: Double
  /// Its degrees of freedom: none (a `z`), one (a `t`) or two (an `F`); they need not be whole numbers.
  public var degreesOfFreedom: [Double]

  /// A statistic called `name` with the given value and degrees of freedom.
  ///
  /// - Parameters:
  ///   - name: The statistic's conventional name.
  ///   - value: Its value.
  ///   - degreesOfFreedom: Its degrees of freedom, in the conventional order.
  public init(name: String, value: Double, degreesOfFreedom: [Double] = []) {
    self.name = name
    self.value = value
    self.degreesOfFreedom = degreesOfFreedom
  }
}
