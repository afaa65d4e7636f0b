extension Estimate {
  /// The Wald confidence interval θ̂ ± q·SE, with q the normal quantile when
  /// `degreesOfFreedom` is `nil` or infinite and Student's *t* quantile otherwise, as
  /// `confint(svystat, level=, df=)` (`survey:::tconfint`; its default `df = Inf` is the normal).
  ///
  /// ```swift
  /// let api00 = try mean(scores, in: design)
  /// let ci = try api00.confidenceInterval(degreesOfFreedom: Double(api00.degreesOfFreedom))
  /// ```
  ///
  /// - Parameters:
  ///   - level: The confidence level, in (0, 1).
  ///   - degreesOfFreedom: The *t* distribution's degrees of freedom (for a design-based
  ///     interval, usually the estimate's own ``degreesOfFreedom``), or `nil` for the normal.
  /// - Returns: The interval [θ̂ − q·SE, θ̂ + q·SE].
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when the level is outside (0, 1) or the
  ///   degrees of freedom are not positive.
  public func confidenceInterval(
    level: Double = 0.95, degreesOfFreedom: Double? = nil
  ) throws(EstimationError)
    -> ConfidenceInterval
  {
    let quantile = try waldQuantile(level: level, degreesOfFreedom: degreesOfFreedom)
    return ConfidenceInterval(
      lower: value - quantile * standardError, upper: value + quantile * standardError, level: level)
  }
}

/// The upper (1 + level)/2 quantile of the normal (`degreesOfFreedom` nil or infinite) or of
/// Student's *t*, after checking both arguments.
func waldQuantile(level: Double, degreesOfFreedom: Double?) throws(EstimationError) -> Double {
  guard level > 0, level < 1 else { throw .invalidArgument("a confidence level must be between 0 and 1") }
  let df = degreesOfFreedom ?? .infinity
  guard df > 0 else {
    throw .invalidArgument("a t interval needs positive degrees of freedom (the design has \(df))")
  }
  return StudentT(degreesOfFreedom: df).quantile(1 - (1 - level) / 2)
}
