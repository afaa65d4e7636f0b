/// McNemar's test and the paired difference in proportions, for a 2×2 table of paired binary
/// outcomes read as
///
/// |                | second: yes | second: no |
/// |----------------|-------------|------------|
/// | first: yes     | a           | b          |
/// | first: no      | c           | d          |
///
/// (R's `matrix(c(a, c, b, d), 2)`; b and c are the discordant pairs).
extension TwoByTwoTable {
  /// McNemar's chi-squared test on 1 degree of freedom (as R's `mcnemar.test`):
  /// X² = (|b − c| − 1)²/(b + c) with the continuity correction (R's default; R skips it when
  /// b = c) and (b − c)²/(b + c) without. With no discordant pairs the statistic is NaN, as in R.
  public func mcNemar(continuityCorrection: Bool = true) -> ChiSquaredTestResult {
    let difference = Double(b - c)
    let discordant = Double(b + c)
    let deviation = continuityCorrection && b != c ? abs(difference) - 1 : difference
    let statistic = deviation * deviation / discordant
    return ChiSquaredTestResult(
      statistic: statistic, degreesOfFreedom: 1, pValue: ChiSquared(degreesOfFreedom: 1).survival(statistic))
  }

  /// The exact McNemar test: the two-sided exact binomial p-value of b successes in b + c trials
  /// with p₀ = ½ (as R's `binom.test(b, b + c)`).
  ///
  /// - Throws: ``EstimationError/noObservations(_:)`` when there are no discordant pairs (R's
  ///   `binom.test` refuses n = 0).
  public func mcNemarExactPValue() throws(EstimationError) -> Double {
    guard b + c > 0 else { throw .noObservations("no discordant pairs for the exact McNemar test") }
    return try ExactBinomialTest.twoSidedPValue(successes: b, trials: b + c, nullProportion: 0.5)
  }

  /// The paired difference p₁ − p₂ = (b − c)/n between the first (row) and second (column)
  /// proportions of "yes", with the Wald interval ± z √((b + c) − (b − c)²/n)/n (Agresti,
  /// *Categorical Data Analysis*, §10.1).
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for a level outside (0, 1) and
  ///   ``EstimationError/noObservations(_:)`` for an empty table.
  public func pairedDifference(level: Double = 0.95) throws(EstimationError) -> IntervalEstimate {
    let z = try normalCriticalValue(level: level)
    guard total > 0 else { throw .noObservations("the paired table is empty") }
    let n = Double(total)
    let difference = Double(b - c) / n
    let discordant = Double(b + c)
    let se = (discordant - Double(b - c) * Double(b - c) / n).squareRoot() / n
    return IntervalEstimate(
      estimate: difference,
      interval: ConfidenceInterval(lower: difference - z * se, upper: difference + z * se, level: level))
  }
}
