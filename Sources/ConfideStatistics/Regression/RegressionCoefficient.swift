import Foundation

/// One coefficient of a fitted regression with its design-based standard error and *t* test,
/// as a row of `summary(svyglm(...))`.
public struct RegressionCoefficient: Sendable, Hashable {
  /// The column's name (`(Intercept)`, `meals`, `stypeH`, `stypeH:meals`).
  public var name: String
  /// The estimate β̂.
  public var estimate: Double
  /// Its design-based standard error.
  public var standardError: Double
  /// β̂ / SE (±∞ when the standard error is zero; zero when the estimate is zero too).
  public var tStatistic: Double
  /// The two-sided *p*-value of β = 0 from Student's *t* on the model's residual degrees of
  /// freedom.
  public var pValue: Double
  /// The residual degrees of freedom the test and interval use.
  public var degreesOfFreedom: Int

  /// The Wald confidence interval β̂ ± *t*₁₋α/₂,df · SE, as `confint(svyglm)`, whose default
  /// uses the model's residual degrees of freedom.
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when `level` is not in (0, 1).
  public func confidenceInterval(level: Double = 0.95) throws(EstimationError) -> ClosedRange<Double> {
    guard level > 0, level < 1 else { throw .invalidArgument("a confidence level must be between 0 and 1") }
    let margin = StudentT(degreesOfFreedom: Double(degreesOfFreedom)).quantile(0.5 + level / 2) * standardError
    return (estimate - margin)...(estimate + margin)
  }

  /// For a logistic model, the odds ratio exp(β̂).
  public var oddsRatio: Double { exp(estimate) }

  /// For a logistic model, the confidence interval of the odds ratio: exp of the Wald interval
  /// on β (R's `exp(confint(model))`).
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when `level` is not in (0, 1).
  public func oddsRatioInterval(level: Double = 0.95) throws(EstimationError) -> ClosedRange<Double> {
    let interval = try confidenceInterval(level: level)
    return exp(interval.lowerBound)...exp(interval.upperBound)
  }
}
