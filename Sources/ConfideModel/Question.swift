/// What an item asks for, and so how its answers are stored and analysed.
public enum QuestionType: Hashable, Sendable {
  /// One option from a choice list.
  case single(list: String)
  /// Any number of options from a choice list ("select all that apply").
  case multiple(list: String)
  /// One point on a rating scale (Likert).
  case rating(scale: String)
  /// Several items (rows) answered on one shared scale; each row is a variable.
  case matrix(scale: String)
  /// A whole number, optionally within a range and with a unit.
  case integer
  /// A decimal number, optionally within a range and with a unit.
  case decimal
  /// Yes (1) or No (0); labels from the named list (which must hold exactly those two codes
  /// plus missing codes) or, when none is named, from `yes_no`.
  case yesNo(list: String?)
  /// A calendar date.
  case date
  /// Free text, treated as possibly identifying.
  case text
  /// A count 0…k of listed statements, as answered in list experiments.
  case count
  /// A text shown to the respondent that collects no answer.
  case note
  /// Shows the text of the respondent's arm of an experiment.
  case vignette(experiment: String)

  /// The keyword used in `.survey` files.
  public var keyword: String {
    switch self {
    case .single: "single"
    case .multiple: "multiple"
    case .rating: "rating"
    case .matrix: "matrix"
    case .integer: "integer"
    case .decimal: "decimal"
    case .yesNo: "yesno"
    case .date: "date"
    case .text: "text"
    case .count: "count"
    case .note: "note"
    case .vignette: "vignette"
    }
  }

  /// The choice list or scale the answers come from, if any.
  public var listID: String? {
    switch self {
    case .single(let l), .multiple(let l): l
    case .rating(let s), .matrix(let s): s
    case .yesNo(let l): l ?? ChoiceList.yesNoID
    default: nil
    }
  }

  /// Whether this is a matrix (whose rows are the variables).
  public var isMatrix: Bool {
    if case .matrix = self { return true }
    return false
  }

  /// Whether the type collects an answer.
  public var collectsAnswer: Bool {
    switch self {
    case .note, .vignette, .matrix: false
    default: true
    }
  }
}

/// What an item is for in analysis.
public enum Role: String, Hashable, Sendable, CaseIterable, Codable {
  case outcome
  case exposure
  case subgroup
  case weighting
  case covariate
  case identifier
  case freeText = "free_text"
}

/// A validation rule with the message shown when it fails.
public struct Constraint: Hashable, Sendable {
  public var condition: Expression
  public var message: LocalizedText
  public var span: SourceSpan

  public init(condition: Expression, message: LocalizedText, span: SourceSpan = .init()) {
    self.condition = condition
    self.message = message
    self.span = span
  }
}

/// An inclusive numeric range; either end may be open.
public struct NumericRange: Hashable, Sendable {
  public var lower: Double?
  public var upper: Double?
  public var span: SourceSpan

  public init(lower: Double?, upper: Double?, span: SourceSpan = .init()) {
    self.lower = lower
    self.upper = upper
    self.span = span
  }

  /// Whether `x` lies in the range.
  public func contains(_ x: Double) -> Bool {
    (lower.map { x >= $0 } ?? true) && (upper.map { x <= $0 } ?? true)
  }
}

/// A row of a matrix or a statement of a count question.
public struct SubItem: Hashable, Sendable {
  public var id: String
  public var text: LocalizedText
  /// Whether agreement means less of what the construct measures.
  public var isReversed: Bool
  public var roles: [Role]
  /// The condition under which the row or statement is shown.
  public var condition: Expression?
  /// Whether the condition was written as `skip if`.
  public var skipIf: Bool
  public var span: SourceSpan

  public init(
    id: String, text: LocalizedText, isReversed: Bool = false, roles: [Role] = [],
    condition: Expression? = nil, skipIf: Bool = false, span: SourceSpan = .init()
  ) {
    self.id = id
    self.text = text
    self.isReversed = isReversed
    self.roles = roles
    self.condition = condition
    self.skipIf = skipIf
    self.span = span
  }
}

/// One item of the questionnaire.
public struct Question: Hashable, Sendable {
  /// The variable name, unique in the survey.
  public var id: String
  public var type: QuestionType
  /// The question as the respondent reads it; may pipe earlier answers as `{question_id}`.
  public var text: LocalizedText
  /// Extra guidance shown under the question.
  public var hint: LocalizedText?
  /// A short variable label for tables and codebooks.
  public var label: String?
  public var isRequired: Bool
  /// Shown only when this holds (`show if`; `skip if c` is stored as `not c`).
  public var condition: Expression?
  public var constraints: [Constraint]
  public var roles: [Role]
  public var isReversed: Bool
  /// Whether the options (or matrix rows) are shown in random order.
  public var shuffle: Bool
  public var range: NumericRange?
  public var unit: LocalizedText?
  /// Names of declared missing codes offered with a non-choice question.
  public var missing: [String]
  /// Rows of a matrix, or statements of a count question.
  public var items: [SubItem]
  /// The options written inside the question instead of a named list.
  public var inlineChoices: ChoiceList?
  /// Whether the condition was written as `skip if` (it is stored as the `show if` equivalent).
  public var skipIf: Bool
  public var span: SourceSpan
  /// Where the list name after the type was written.
  public var listSpan: SourceSpan
  /// Where each name of ``missing`` was written.
  public var missingSpans: [SourceSpan]

  public init(
    id: String, type: QuestionType, text: LocalizedText = .init(), hint: LocalizedText? = nil,
    label: String? = nil, isRequired: Bool = false, condition: Expression? = nil,
    constraints: [Constraint] = [], roles: [Role] = [], isReversed: Bool = false,
    shuffle: Bool = false, range: NumericRange? = nil, unit: LocalizedText? = nil,
    missing: [String] = [], items: [SubItem] = [], inlineChoices: ChoiceList? = nil,
    skipIf: Bool = false, span: SourceSpan = .init(), listSpan: SourceSpan = .init(),
    missingSpans: [SourceSpan] = []
  ) {
    self.id = id
    self.type = type
    self.text = text
    self.hint = hint
    self.label = label
    self.isRequired = isRequired
    self.condition = condition
    self.constraints = constraints
    self.roles = roles
    self.isReversed = isReversed
    self.shuffle = shuffle
    self.range = range
    self.unit = unit
    self.missing = missing
    self.items = items
    self.inlineChoices = inlineChoices
    self.skipIf = skipIf
    self.span = span
    self.listSpan = listSpan
    self.missingSpans = missingSpans
  }

  /// Whether free-text answers may identify the respondent (always true for `text`).
  public var isPossiblyIdentifying: Bool { type == .text || roles.contains(.identifier) }
}
