public import ConfideModel

/// Writes routing conditions in plain words for people reviewing a questionnaire:
/// `delayed_care = yes` becomes "delayed or avoided care = Yes".
public struct PlainWords: Sendable {
  public let survey: Survey
  /// The language for labels (choice labels, arm names stay as written).
  public let language: String

  public init(survey: Survey, language: String? = nil) {
    self.survey = survey
    self.language = language ?? survey.primaryLanguage
  }

  /// A short name for a variable: its label, else its id.
  public func name(of id: String) -> String {
    if let q = survey.question(id), let label = q.label { return lowerFirst(label) }
    for q in survey.questions where q.type.isMatrix {
      if let row = q.items.first(where: { $0.id == id }) {
        return "“\(row.text.text(in: language, fallback: survey.primaryLanguage))”"
      }
    }
    if let e = survey.experiment(id) { return "experiment \(e.id)" }
    return id
  }

  private func lowerFirst(_ s: String) -> String {
    let chars = Array(s)
    guard chars.count > 1, chars[0].isUppercase, chars[1].isLowercase else { return s }
    return chars[0].lowercased() + String(chars.dropFirst())
  }

  private func list(for id: String) -> ChoiceList? {
    if let q = survey.question(id) { return survey.choices(for: q) }
    for q in survey.questions where q.type.isMatrix && q.items.contains(where: { $0.id == id }) {
      return survey.choices(for: q)
    }
    return nil
  }

  /// The label of a choice or arm named in a comparison with `subject`.
  private func constant(_ e: Expression, subject: Expression) -> String {
    switch e {
    case .name(let n, _):
      if case .name(let s, _) = subject {
        if survey.experiment(s) != nil { return "‘\(n)’" }
        if let c = list(for: s)?.choice(named: n) ?? survey.missingCodes.first(where: { $0.name == n }) {
          return c.label.text(in: language, fallback: survey.primaryLanguage)
        }
      }
      return n
    default:
      return describe(e)
    }
  }

  /// The condition in words.
  public func describe(_ e: Expression) -> String {
    switch e {
    case .number(let x, _):
      return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    case .string(let s, _): return s
    case .name(let n, _): return name(of: n)
    case .value: return "the answer"
    case .invalid: return "…"
    case .not(let a, _): return "not (\(describe(a)))"
    case .negate(let a, _): return "−\(describe(a))"
    case .binary(.and, let a, let b, _): return "\(group(a, in: .and)) and \(group(b, in: .and))"
    case .binary(.or, let a, let b, _): return "\(group(a, in: .or)) or \(group(b, in: .or))"
    case .binary(let op, let a, let b, _) where op.isComparison:
      if case .name(let s, _) = a, survey.experiment(s) != nil, op == .equal {
        return "assigned to arm \(constant(b, subject: a)) of \(s)"
      }
      if case .name(let s, _) = a, survey.experiment(s) != nil, op == .notEqual {
        return "not assigned to arm \(constant(b, subject: a)) of \(s)"
      }
      let symbol: String
      switch op {
      case .equal: symbol = "="
      case .notEqual: symbol = "≠"
      case .less: symbol = "<"
      case .lessEqual: symbol = "≤"
      case .greater: symbol = ">"
      default: symbol = "≥"
      }
      return "\(describe(a)) \(symbol) \(constant(b, subject: a))"
    case .binary(let op, let a, let b, _):
      return "\(describe(a)) \(op.rawValue) \(describe(b))"
    case .membership(let a, let members, let negated, _):
      let names = members.map { constant($0, subject: a) }.joined(separator: ", ")
      if case .name(let s, _) = a, survey.experiment(s) != nil {
        return "\(negated ? "not assigned" : "assigned") to one of the arms \(names) of \(s)"
      }
      return "\(describe(a)) is \(negated ? "not " : "")one of: \(names)"
    case .call("answered", let args, _):
      return "\(args.first.map(describe) ?? "") was answered"
    case .call("count", let args, _):
      return "the number of options chosen for \(args.first.map(describe) ?? "")"
    case .call("selected", let args, _) where args.count == 2:
      return "\(describe(args[0])) includes \(constant(args[1], subject: args[0]))"
    case .call("score", let args, _):
      if case .name(let c, _)? = args.first, let construct = survey.construct(c),
        let label = construct.label.values[language] ?? construct.label.values[survey.primaryLanguage]
      {
        return "the \(lowerFirst(label)) score"
      }
      return "the score of \(args.first.map(describe) ?? "")"
    case .call(let f, let args, _):
      return "\(f)(\(args.map(describe).joined(separator: ", ")))"
    }
  }

  private func group(_ e: Expression, in op: Expression.BinaryOperator) -> String {
    if case .binary(let inner, _, _, _) = e, inner == .and || inner == .or, inner != op {
      return "(\(describe(e)))"
    }
    return describe(e)
  }
}
