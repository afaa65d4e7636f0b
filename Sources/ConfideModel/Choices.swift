/// One answer option of a choice list or scale: a numeric code, a stable name and a label.
public struct Choice: Hashable, Sendable {
  /// The numeric code stored in the data (`1`, `0`, `-8`).
  public var code: Int
  /// The stable name used in routing expressions and analysis (`yes`, `dont_know`).
  public var name: String
  /// What the respondent reads.
  public var label: LocalizedText
  /// Whether analysis treats this code as missing ("Don't know", "Prefer not to say").
  public var isMissing: Bool
  /// Whether the option keeps its place when the options are shuffled.
  public var isFixed: Bool
  public var span: SourceSpan

  public init(
    code: Int, name: String, label: LocalizedText, isMissing: Bool = false, isFixed: Bool = false,
    span: SourceSpan = .init()
  ) {
    self.code = code
    self.name = name
    self.label = label
    self.isMissing = isMissing
    self.isFixed = isFixed
    self.span = span
  }
}

/// A reusable, named list of options: either nominal choices or an ordered rating scale.
public struct ChoiceList: Hashable, Sendable {
  /// Whether the options are ordered (a scale) or nominal (choices).
  public enum Kind: String, Hashable, Sendable {
    case choices
    case scale
  }

  public var id: String
  public var kind: Kind
  /// The options in the order they are shown, missing codes included.
  public var choices: [Choice]
  public var span: SourceSpan

  public init(id: String, kind: Kind, choices: [Choice], span: SourceSpan = .init()) {
    self.id = id
    self.kind = kind
    self.choices = choices
    self.span = span
  }

  /// The options that are substantive answers (not declared missing codes).
  public var validChoices: [Choice] { choices.filter { !$0.isMissing } }
  /// The declared missing-value codes.
  public var missingChoices: [Choice] { choices.filter(\.isMissing) }

  // The lookups compare one field of each option in place: `first(where:)` would copy every
  // option it passes over, labels and all.

  /// The option named `name`, if any.
  public func choice(named name: String) -> Choice? {
    for i in choices.indices where choices[i].name == name { return choices[i] }
    return nil
  }

  /// The option with code `code`, if any.
  public func choice(code: Int) -> Choice? {
    for i in choices.indices where choices[i].code == code { return choices[i] }
    return nil
  }
}

/// The built-in yes/no list: 1 = Yes, 0 = No.
///
/// Only English labels are built in: many languages (Welsh among them) answer yes/no with a
/// verb form that depends on the question, so a survey in such a language declares its own
/// `yes_no` list, or names a list per question (`yesno past_tense_yes_no`).
extension ChoiceList {
  public static let yesNoID = "yes_no"
}
