/// What to do with a stratum that holds a single primary sampling unit, whose variance cannot
/// be estimated from within it (R's `options(survey.lonely.psu=)`).
public enum LonelyPSURule: String, Sendable, Hashable, CaseIterable {
  /// Refuse to estimate a variance (R's default).
  case fail
  /// The stratum contributes nothing to the variance.
  case remove
  /// The unit was sampled with certainty, so it contributes nothing to the variance.
  case certainty
  /// Centre the unit at the grand mean instead of its stratum's mean (conservative).
  case adjust
  /// Give the stratum the average variance of the other strata.
  case average
}
