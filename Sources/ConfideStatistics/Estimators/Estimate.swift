/// A design-based estimate with its variance and the base it rests on.
///
/// Every figure Confide publishes carries its unweighted base (how many respondents it rests
/// on) and weighted base, so that a reader can judge it and disclosure rules can be applied.
public struct Estimate: Sendable, Hashable {
  /// The estimate.
  public var value: Double
  /// Its design-based variance.
  public var variance: Double
  /// The design effect against simple random sampling without replacement (R's
  /// `deff=TRUE`), or `nil` where it is not defined (a weighted base smaller than the sample).
  public var designEffect: Double?
  /// The degrees of freedom for *t* intervals and tests: PSUs minus strata among the
  /// respondents the estimate rests on (R's `degf` of the subset).
  public var degreesOfFreedom: Int
  /// The number of respondents the estimate rests on (with an answer, in the domain, with a
  /// positive weight).
  public var count: Int
  /// Their total weight.
  public var weightedCount: Double

  /// Creates an estimate.
  public init(
    value: Double, variance: Double, designEffect: Double? = nil, degreesOfFreedom: Int, count: Int,
    weightedCount: Double
  ) {
    self.value = value
    self.variance = variance
    self.designEffect = designEffect
    self.degreesOfFreedom = degreesOfFreedom
    self.count = count
    self.weightedCount = weightedCount
  }

  /// The standard error, √variance.
  public var standardError: Double { variance.squareRoot() }

  /// The coefficient of variation, SE / |estimate|.
  public var coefficientOfVariation: Double { standardError / abs(value) }
}
