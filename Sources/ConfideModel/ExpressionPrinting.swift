extension Expression: CustomStringConvertible {
  /// The expression in the survey language's canonical spelling, with only the parentheses that
  /// precedence requires: `delayed_care = yes and not (age < 18)`.
  public var description: String { printed(precedence: 0) }

  private var precedence: Int {
    switch self {
    case .binary(.or, _, _, _): 1
    case .binary(.and, _, _, _): 2
    case .not: 3
    case .binary(let op, _, _, _) where op.isComparison: 4
    case .membership: 4
    case .binary(.add, _, _, _), .binary(.subtract, _, _, _): 5
    case .binary: 6
    case .negate: 7
    default: 8
    }
  }

  private func printed(precedence outer: Int) -> String {
    let text: String
    switch self {
    case .number(let x, _):
      text = x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    case .string(let s, _):
      text = "\"" + s.escapedForSurveyString + "\""
    case .name(let n, _): text = n
    case .value: text = "value"
    case .invalid: text = "…"
    case .not(let a, _): text = "not " + a.printed(precedence: 3)
    case .negate(let a, _): text = "-" + a.printed(precedence: 8)
    case .binary(let op, let a, let b, _):
      let p = precedence
      // Left-associative: the right operand needs parentheses at equal precedence.
      // Left-associative: the right operand needs parentheses at equal precedence; comparisons
      // do not chain, so both operands need them.
      let left = op.isComparison ? p + 1 : p
      text = "\(a.printed(precedence: left)) \(op.rawValue) \(b.printed(precedence: p + 1))"
    case .membership(let a, let members, let negated, _):
      text =
        "\(a.printed(precedence: 5)) \(negated ? "not in" : "in") {\(members.map { $0.printed(precedence: 0) }.joined(separator: ", "))}"
    case .call(let f, let args, _):
      text = "\(f)(\(args.map { $0.printed(precedence: 0) }.joined(separator: ", ")))"
    }
    return precedence < outer ? "(\(text))" : text
  }
}

extension String {
  /// The text as it is written between double quotes in the survey language: backslash, quote,
  /// new line and tab escaped.
  public var escapedForSurveyString: String {
    var out = ""
    for c in self {
      switch c {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.append(c)
      }
    }
    return out
  }
}
