/// A routing or validation condition in the survey's small expression language.
///
/// ```
/// delayed_care = yes and not (age_band in {age_16_24, age_25_34})
/// count(services_avoided) >= 2 or answered(comment)
/// ```
public indirect enum Expression: Hashable, Sendable {
  /// A binary operator.
  public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case or, and
    case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">",
      greaterEqual = ">="
    case add = "+", subtract = "-", multiply = "*", divide = "/"

    /// Whether the operator compares two values.
    public var isComparison: Bool {
      switch self {
      case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
      default: false
      }
    }

    /// Whether the operator is arithmetic.
    public var isArithmetic: Bool {
      switch self {
      case .add, .subtract, .multiply, .divide: true
      default: false
      }
    }
  }

  /// A number literal (`18`, `2.5`, `-8`).
  case number(Double, SourceSpan)
  /// A string literal, used for dates (`"2024-01-31"`) and text.
  case string(String, SourceSpan)
  /// A name: a question, matrix item, experiment, choice or arm, resolved by the checker.
  case name(String, SourceSpan)
  /// The answer to the question being validated (`value`, in `valid if` only).
  case value(SourceSpan)
  /// `not e`.
  case not(Expression, SourceSpan)
  /// `-e`.
  case negate(Expression, SourceSpan)
  /// `a op b`.
  case binary(BinaryOperator, Expression, Expression, SourceSpan)
  /// `a in {x, y}` or `a not in {x, y}`.
  case membership(Expression, [Expression], negated: Bool, SourceSpan)
  /// A function call: `answered(q)`, `count(q)`, `selected(q, choice)`, `score(construct)`.
  case call(String, [Expression], SourceSpan)
  /// A part that failed to parse; the parser already reported it.
  case invalid(SourceSpan)

  /// Where the expression was written.
  public var span: SourceSpan {
    switch self {
    case .number(_, let s), .string(_, let s), .name(_, let s), .value(let s), .not(_, let s),
      .negate(_, let s), .binary(_, _, _, let s), .membership(_, _, _, let s), .call(_, _, let s),
      .invalid(let s):
      s
    }
  }
}
