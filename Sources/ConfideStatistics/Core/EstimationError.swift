/// Why a statistic cannot be computed from the data it was given.
///
/// Messages name arguments and counts, never a respondent's value.
public enum EstimationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Two columns that must describe the same respondents have different lengths.
  case lengthMismatch(argument: String, expected: Int, actual: Int)
  /// An argument is outside the values the method accepts (a negative weight, a level
  /// outside (0, 1), too few items for a scale, …).
  case invalidArgument(String)
  /// No respondent contributes to the estimate (an empty domain, every value missing).
  case noObservations(String)
  /// A stratum has a single primary sampling unit and the design says to fail on it.
  case lonelyPSU(stratum: Int)
  /// A matrix that must be inverted is singular (collinear predictors, empty cells).
  case singular(String)
  /// A logistic regression's outcome is perfectly separated by its predictors, so some
  /// coefficients have no finite estimate.
  case separation(String)
  /// An iterative fit stopped at its iteration limit before meeting its tolerance.
  case notConverged(String, iterations: Int)

  public var description: String {
    switch self {
    case .lengthMismatch(let argument, let expected, let actual):
      "\(argument) has \(actual) values but the data have \(expected) respondents"
    case .invalidArgument(let message): message
    case .noObservations(let message): message
    case .lonelyPSU(let stratum):
      "stratum \(stratum) has only one primary sampling unit (choose a lonely-PSU rule)"
    case .singular(let message): message
    case .separation(let message): message
    case .notConverged(let message, let iterations): "\(message) did not converge in \(iterations) iterations"
    }
  }
}
