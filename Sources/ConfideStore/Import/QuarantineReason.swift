/// Why a row was put in quarantine: one failed check, naming the column but never quoting the
/// value (the row's fields are kept beside the reasons, redacted, for the researcher to see).
public struct QuarantineReason: Codable, Sendable, Equatable, Hashable {
  /// The kinds of failed check, as `confide quarantine` and the import summary count them.
  public enum Kind: String, Codable, Sendable, CaseIterable, Comparable {
    case unknownColumn = "unknown-column"
    case notACode = "not-a-code"
    case malformedNumber = "malformed-number"
    case outOfRange = "out-of-range"
    case malformedDate = "malformed-date"
    case malformedSelection = "malformed-selection"
    case requiredMissing = "required-missing"
    case answeredWhenSkipped = "answered-when-skipped"
    case armMissing = "arm-missing"
    case unknownArm = "unknown-arm"
    case failsValidation = "fails-validation"
    case missingRespondentID = "missing-respondent-id"
    case duplicateRespondent = "duplicate-respondent"
    case conflict = "conflict"

    public static func < (a: Self, b: Self) -> Bool {
      allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }

    /// What the kind means, for summaries.
    public var summary: String {
      switch self {
      case .unknownColumn: "a value in a column the survey does not have"
      case .notACode: "a code or name not in the question's list"
      case .malformedNumber: "not a number"
      case .outOfRange: "a number outside the question's range"
      case .malformedDate: "not a date (YYYY-MM-DD)"
      case .malformedSelection: "a malformed multiple-choice answer"
      case .requiredMissing: "a required answer missing"
      case .answeredWhenSkipped: "an answer where routing skips the question"
      case .armMissing: "no experiment arm"
      case .unknownArm: "an arm the experiment does not have"
      case .failsValidation: "an answer that fails its 'valid if' check"
      case .missingRespondentID: "no respondent id"
      case .duplicateRespondent: "a respondent id seen earlier in the file"
      case .conflict: "answers that differ from those already stored for the respondent"
      }
    }
  }

  public var kind: Kind
  /// The column (in the survey's terms), or nil for the whole row.
  public var column: String?
  /// The message, lower-case, without a final period.
  public var message: String

  public init(_ kind: Kind, column: String? = nil, _ message: String) {
    self.kind = kind
    self.column = column
    self.message = message
  }
}
