public import ConfideModel

/// Why a simulation could not be set up or written. Messages name questions, effects and files,
/// never a generated answer.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// An effect not of the form `VARIABLE SHIFT [if CONDITION]`.
  case malformedEffect(String, reason: String)
  /// An effect on a name that is not a variable of the survey.
  case unknownEffectVariable(String, known: [String])
  /// An effect on a variable whose answers cannot be shifted (a choice, date or text).
  case effectNotSupported(variable: String, kind: VariableKind)
  /// An effect on a count question that has no statement shown only in some arms.
  case noSensitiveStatement(question: String)
  /// An effect whose condition names a variable asked at or after the one it shifts.
  case effectRefersLater(variable: String, name: String)
  /// A plan setting outside its allowed values.
  case invalidSetting(String)
  /// No answer that passes a required question's `valid if` conditions was found.
  case noValidAnswer(question: String, respondent: Int)
  /// A file could not be created or written.
  case io(path: String, reason: String)

  public var description: String {
    switch self {
    case .malformedEffect(let text, let reason):
      "cannot read the effect '\(text)': \(reason); write it as VARIABLE SHIFT [if CONDITION], "
        + "e.g. 'seek_care_likely -1 if framing = enforcement'"
    case .unknownEffectVariable(let name, let known):
      "the effect names '\(name)', which is not a variable the simulator can shift; "
        + (known.isEmpty ? "this survey has none" : "use one of: \(known.joined(separator: ", "))")
    case .effectNotSupported(let variable, let kind):
      "an effect cannot shift '\(variable)' (\(kind.rawValue)); effects shift rating, matrix, "
        + "yes/no, integer, decimal and count questions"
    case .noSensitiveStatement(let question):
      "an effect on the count question '\(question)' shifts the prevalence of its sensitive "
        + "statement, but none of its statements is shown only in some arms of an experiment"
    case .effectRefersLater(let variable, let name):
      "the condition of the effect on '\(variable)' names '\(name)', which is not asked before "
        + "'\(variable)'"
    case .invalidSetting(let message):
      message
    case .noValidAnswer(let question, let respondent):
      "found no answer to the required question '\(question)' that passes its 'valid if' "
        + "conditions (respondent \(respondent)); check that the conditions can hold"
    case .io(let path, let reason):
      "cannot write '\(path)': \(reason)"
    }
  }
}
