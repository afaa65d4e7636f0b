public import ConfideModel

/// A difference planted in simulated data, so that an analysis can be shown to recover it:
/// `--effect "seek_care_likely -1 if framing = enforcement"`.
///
/// What the shift means depends on the variable (see ``Simulator``):
///
/// | Variable | `shift` |
/// | --- | --- |
/// | `rating`, matrix item | added to the latent mean, in scale points |
/// | `yesno` | added to the probability of yes (clamped to 0…1) |
/// | `integer`, `decimal` | added to the value (clamped to the range) |
/// | `count` | added to the prevalence of the sensitive statement (clamped to 0…1) |
///
/// Effects whose conditions hold for a respondent add up.
public struct PlantedEffect: Hashable, Sendable {
  /// The question or matrix item shifted.
  public var variable: String
  /// How far it is shifted.
  public var shift: Double
  /// For whom: the respondents for whom this holds (everyone when nil). It may refer only to
  /// variables asked before ``variable``, and to experiments.
  public var condition: Expression?

  public init(variable: String, shift: Double, condition: Expression? = nil) {
    self.variable = variable
    self.shift = shift
    self.condition = condition
  }

  /// The parts of an effect as written, `VARIABLE SHIFT [if CONDITION]`, before the condition is
  /// read in the survey language.
  public struct Parts: Hashable, Sendable {
    public var variable: String
    public var shift: Double
    /// The condition's text, if the effect has one.
    public var condition: String?
    /// The 1-based column (in Unicode scalars) at which the condition starts in the effect.
    public var conditionColumn: Int
  }

  /// Splits `VARIABLE SHIFT [if CONDITION]` into its parts.
  ///
  /// ```swift
  /// let parts = try PlantedEffect.parts(of: "delayed_care +0.1 if born_outside_uk = yes")
  /// // parts.variable == "delayed_care", parts.shift == 0.1,
  /// // parts.condition == "born_outside_uk = yes", parts.conditionColumn == 22
  /// ```
  public static func parts(of text: String) throws(SimulationError) -> Parts {
    let scalars = Array(text.unicodeScalars)
    var i = 0
    func skipBlanks() { while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 } }
    func word() -> String {
      let start = i
      while i < scalars.count, scalars[i] != " ", scalars[i] != "\t" { i += 1 }
      return String(String.UnicodeScalarView(scalars[start..<i]))
    }
    skipBlanks()
    let variable = word()
    guard !variable.isEmpty else { throw .malformedEffect(text, reason: "it is empty") }
    guard isName(variable) else { throw .malformedEffect(text, reason: "'\(variable)' is not a question name") }
    skipBlanks()
    let shiftText = word()
    guard !shiftText.isEmpty else {
      throw .malformedEffect(text, reason: "expected a shift (a number such as -1 or +0.1) after '\(variable)'")
    }
    guard let shift = Double(shiftText), shift.isFinite else {
      throw .malformedEffect(text, reason: "expected a shift (a number such as -1 or +0.1), found '\(shiftText)'")
    }
    skipBlanks()
    guard i < scalars.count else { return Parts(variable: variable, shift: shift, condition: nil, conditionColumn: 0) }
    let keyword = word()
    guard keyword == "if" else {
      throw .malformedEffect(text, reason: "expected 'if' and a condition after the shift, found '\(keyword)'")
    }
    skipBlanks()
    guard i < scalars.count else { throw .malformedEffect(text, reason: "expected a condition after 'if'") }
    let condition = String(String.UnicodeScalarView(scalars[i...]))
    return Parts(variable: variable, shift: shift, condition: condition, conditionColumn: i + 1)
  }

  /// Whether `s` is a name of the survey language: a letter or `_`, then letters, digits, `_`.
  static func isName(_ s: String) -> Bool {
    func letter(_ c: UInt8) -> Bool {
      (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
        || c == UInt8(ascii: "_")
    }
    func digit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    guard let first = s.utf8.first, letter(first) else { return false }
    return s.utf8.allSatisfy { letter($0) || digit($0) }
  }
}
