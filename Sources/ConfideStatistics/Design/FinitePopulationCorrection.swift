/// How large the population is that each stratum's primary sampling units were drawn from,
/// for the finite population correction (R's `svydesign(fpc=)`).
///
/// Given per respondent, as R takes it; it must be the same for every respondent in a stratum.
public enum FinitePopulationCorrection: Sendable, Hashable {
  /// The number of primary sampling units in the stratum's population (R: all `fpc` > 1).
  case populationSize([Double])
  /// The fraction of the stratum's primary sampling units that were sampled (R: all `fpc` ≤ 1).
  case samplingFraction([Double])

  var values: [Double] {
    switch self {
    case .populationSize(let values), .samplingFraction(let values): values
    }
  }
}
