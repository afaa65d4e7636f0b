/// Why a plan could not be run. Messages never carry respondents' answers.
public enum PlanRunError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The store could not be read.
  case store(String)
  /// The store holds no responses to the plan's survey.
  case noResponses(survey: String)
  /// The plan calibrates to a margins file that was not supplied.
  case missingMargins(String)
  /// Weighting failed (for example, a margin with no respondents, or raking did not converge).
  case weighting(String)
  /// A table could not be estimated.
  case table(id: String, reason: String)
  /// The plan names something the survey does not have (the checker should have said so).
  case unknown(table: String, name: String)

  /// A one-line message for the terminal.
  public var description: String {
    switch self {
    case .store(let message): "cannot read the store: \(message)"
    case .noResponses(let survey): "the store holds no responses to the survey '\(survey)'"
    case .missingMargins(let path): "the plan weights to the margins file '\(path)', which was not read"
    case .weighting(let reason): "cannot weight the sample: \(reason)"
    case .table(let id, let reason): "table '\(id)': \(reason)"
    case .unknown(let table, let name): "table '\(table)': the survey has no '\(name)'"
    }
  }
}
