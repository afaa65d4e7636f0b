/// How one item behaves within its scale: one row of `psych::alpha`'s `item.stats` and `alpha.drop`.
///
/// With C and R the keyed covariance and correlation matrices of the k items and T the total score
/// (the mean of each respondent's answered items):
/// - `rawCorrelation` = cor(T, xᵢ) over the respondents who answered item i (psych `raw.r`);
/// - `standardizedCorrelation` = (R1)ᵢ/√(1ᵀR1) (psych `std.r`);
/// - `overlapCorrectedCorrelation` = (R̃1)ᵢ/√(1ᵀR̃1), R̃ = R with squared multiple correlations on
///   the diagonal (psych `r.cor`);
/// - `dropCorrelation` = ((C1)ᵢ − Cᵢᵢ)/√(Cᵢᵢ·1ᵀC₋ᵢ1), the corrected item–total correlation
///   (psych `r.drop`).
public struct ItemReliability: Hashable, Sendable {
  /// Whether the item was reverse-coded before the analysis (psych marks it with a trailing `-`).
  public var isReversed: Bool
  /// The number of respondents who answered the item (psych `n`).
  public var answered: Int
  /// The correlation of the item with the total score (psych `raw.r`).
  public var rawCorrelation: Double
  /// The item–total correlation if every item were standardized (psych `std.r`).
  public var standardizedCorrelation: Double
  /// The item–total correlation corrected for item overlap and reliability (psych `r.cor`).
  public var overlapCorrectedCorrelation: Double
  /// The correlation of the item with the total of the other items (psych `r.drop`).
  public var dropCorrelation: Double
  /// The mean of the (reverse-coded, if reversed) answers (psych `mean`).
  public var mean: Double
  /// The standard deviation of the (reverse-coded) answers, n − 1 divisor (psych `sd`).
  public var standardDeviation: Double
  /// The scale's coefficients without this item (psych `alpha.drop`).
  public var ifDropped: ReliabilityCoefficients
}
