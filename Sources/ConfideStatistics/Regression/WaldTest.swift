/// A Wald test that several regression coefficients are zero together (R's `regTermTest`
/// with its default *F* test).
public struct WaldTest: Sendable, Hashable {
  /// The coefficients tested.
  public var coefficients: [String]
  /// The Wald statistic β̂ᵀ V⁻¹ β̂.
  public var chiSquared: Double
  /// The *F* statistic, the Wald statistic divided by the number of coefficients.
  public var statistic: Double
  /// The numerator degrees of freedom: the number of coefficients.
  public var numeratorDegreesOfFreedom: Int
  /// The denominator degrees of freedom: the model's residual degrees of freedom.
  public var denominatorDegreesOfFreedom: Int
  /// P(F ≥ statistic).
  public var pValue: Double
}
