import ConfideDiagnostics
import ConfideModel

/// Where an expression is checked: who owns it, what it may refer to, what `value` means.
struct ExpressionContext {
  /// The item (or section) the condition belongs to.
  var owner: String
  /// References must be to variables asked strictly before this position.
  var position: Int
  /// The type of `value`, inside `valid if` only.
  var value: ValueType?
  /// Whether the names come from `{…}` in a text rather than a condition.
  var piping: Bool
  var hadError = false

  init(owner: String, position: Int, value: ValueType? = nil, piping: Bool = false) {
    self.owner = owner
    self.position = position
    self.value = value
    self.piping = piping
  }
}

extension Checker {
  static let functions = ["answered", "count", "score", "selected"]

  mutating func fail(_ d: Diagnostic, _ ctx: inout ExpressionContext) -> ValueType {
    emit(d)
    ctx.hadError = true
    return .error
  }

  /// Records a reference from the context's owner to `name` (for cycles and forward references).
  mutating func reference(_ name: String, _ span: SourceSpan, _ ctx: ExpressionContext) {
    let target = owner(ofRow: name) ?? name
    let from = owner(ofRow: ctx.owner) ?? ctx.owner
    edges.append((from, target, name, ctx.piping, span.range))
  }

  /// The type of a variable reference, or `.bareName` if `name` is not a variable.
  mutating func variableType(
    _ name: String, _ span: SourceSpan, _ ctx: inout ExpressionContext
  )
    -> ValueType
  {
    if let e = survey.experiment(name) { return .arm(e) }
    if let pos = position[name] {
      reference(name, span, ctx)
      let owner = self.owner(ofRow: name)
      if pos >= ctx.position, name != ctx.owner, owner != ctx.owner { ctx.hadError = true }
      if name == ctx.owner || owner == ctx.owner { ctx.hadError = true }
      if let owner, let matrix = variables[owner] {
        return itemLists[matrix].map { .choice(list: $0, variable: name) } ?? .error
      }
      guard let i = variables[name] else { return .error }
      let type = itemType(i)
      switch type {
      case .note:
        return fail(Catalogue.notAVariable("'\(name)' is a note and has no answer to test", range(span)), &ctx)
      case .matrix:
        let example = question(i).items.first.map { ", such as '\($0.id)'" } ?? ""
        return fail(
          Catalogue.notAVariable(
            "'\(name)' is a matrix and has no answer of its own; refer to one of its items\(example)", range(span)),
          &ctx)
      default:
        // `variables` maps each question's id to it, so `name` is the question's id.
        return valueType(type: type, id: name, list: itemLists[i])
      }
    }
    if let kind = declared[name]?.kind {
      let article = kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
      let message =
        kind == "construct"
        ? "'\(name)' is a construct, not a question; use score(\(name)) for its score"
        : "'\(name)' is \(article) \(kind) and has no answer to test"
      return fail(Catalogue.notAVariable(message, range(span)), &ctx)
    }
    return .bareName(name, span.range)
  }

  mutating func typeOf(_ e: Expression, _ ctx: inout ExpressionContext) -> ValueType {
    switch e {
    case .invalid:
      ctx.hadError = true
      return .error
    case .number(_, _):
      return .number(variable: nil)
    case .string(let s, _):
      return .string(s)
    case .value(let span):
      guard let v = ctx.value else {
        return fail(Catalogue.valueOutsideValidation(range(span)), &ctx)
      }
      return v
    case .name(let n, let span):
      return variableType(n, span, &ctx)
    case .not(let a, _):
      let t = resolved(typeOf(a, &ctx), &ctx)
      requireCondition(t, a, &ctx)
      return .boolean
    case .negate(let a, _):
      let t = resolved(typeOf(a, &ctx), &ctx)
      requireNumber(t, a, &ctx)
      return .number(variable: nil)
    case .binary(let op, let a, let b, _):
      if op == .and || op == .or {
        let ta = resolved(typeOf(a, &ctx), &ctx)
        let tb = resolved(typeOf(b, &ctx), &ctx)
        requireCondition(ta, a, &ctx)
        requireCondition(tb, b, &ctx)
        return .boolean
      }
      if op.isArithmetic {
        let ta = resolved(typeOf(a, &ctx), &ctx)
        let tb = resolved(typeOf(b, &ctx), &ctx)
        requireNumber(ta, a, &ctx)
        requireNumber(tb, b, &ctx)
        return .number(variable: nil)
      }
      return compare(op, a, b, &ctx)
    case .membership(let a, let members, _, let span):
      let t = resolved(typeOf(a, &ctx), &ctx)
      if case .multiple = t {
      } else {
        for m in members { member(m, of: t, subject: a, &ctx) }
      }
      if members.isEmpty {
        return fail(Catalogue.typeMismatch("the set of choices is empty", range(span)), &ctx)
      }
      switch t {
      case .choice, .arm, .number, .error: break
      case .multiple(_, let v):
        _ = fail(
          Catalogue.typeMismatch(
            "'\(v)' allows several answers; use selected(\(v), option) or count(\(v))", range(a.span)),
          &ctx)
      default:
        _ = fail(Catalogue.typeMismatch("'in' needs a choice, arm or number, not \(t.describe)", range(a.span)), &ctx)
      }
      return .boolean
    case .call(let name, let args, let span):
      return call(name, args, span, &ctx)
    }
  }

  /// Reports a bare name that stands where a variable is needed.
  mutating func resolved(_ t: ValueType, _ ctx: inout ExpressionContext) -> ValueType {
    if case .bareName(let n, let r) = t {
      return fail(
        Catalogue.unknownQuestion(
          n, r ?? range(SourceSpan()), suggestion: Suggest.closest(to: n, in: variableNames)),
        &ctx)
    }
    return t
  }

  mutating func requireCondition(_ t: ValueType, _ e: Expression, _ ctx: inout ExpressionContext) {
    switch t {
    case .boolean, .error: break
    default:
      var notes: [Note] = []
      if case .choice(let list, let v) = t, let first = list.validChoices.first {
        notes.append(Note("compare it with an option, e.g. \(v) = \(first.name)"))
      }
      _ = fail(
        Catalogue.typeMismatch("expected a condition, found \(t.describe)", range(e.span), notes: notes),
        &ctx)
    }
  }

  mutating func requireNumber(_ t: ValueType, _ e: Expression, _ ctx: inout ExpressionContext) {
    switch t {
    case .number, .error: break
    case .choice(_, let v): _ = fail(Catalogue.arithmeticOnNonNumber(v, kind: "a choice question", range(e.span)), &ctx)
    case .multiple(_, let v):
      _ = fail(
        Catalogue.arithmeticOnNonNumber(v, kind: "a multiple-choice question; use count(\(v))", range(e.span)), &ctx)
    case .text(let v): _ = fail(Catalogue.arithmeticOnNonNumber(v, kind: "free text", range(e.span)), &ctx)
    case .date(let v): _ = fail(Catalogue.arithmeticOnNonNumber(v ?? "a date", kind: "a date", range(e.span)), &ctx)
    case .arm(let x): _ = fail(Catalogue.arithmeticOnNonNumber(x.id, kind: "an experiment", range(e.span)), &ctx)
    case .string: _ = fail(Catalogue.typeMismatch("arithmetic on a string", range(e.span)), &ctx)
    case .boolean: _ = fail(Catalogue.typeMismatch("arithmetic on a condition", range(e.span)), &ctx)
    case .bareName: break
    }
  }

  /// Checks one member of `x in {…}` against the subject's type.
  mutating func member(_ m: Expression, of t: ValueType, subject: Expression, _ ctx: inout ExpressionContext) {
    switch (t, m) {
    case (.choice(let list, let v), .name(let n, let span)):
      if list.choice(named: n) == nil {
        _ = fail(
          Catalogue.unknownChoice(
            n, question: v, list: list.id, range(span),
            suggestion: Suggest.closest(to: n, in: list.choices.map(\.name))), &ctx)
      }
    case (.choice(let list, let v), .number(let x, let span)):
      if list.choice(code: Int(x)) == nil || x != x.rounded() {
        _ = fail(Catalogue.unknownCode(format(x), question: v, list: list.id, range(span)), &ctx)
      }
    case (.arm(let ex), .name(let n, let span)):
      if !ex.arms.contains(where: { $0.id == n }) {
        _ = fail(
          Catalogue.unknownArm(
            n, experiment: ex.id, range(span), suggestion: Suggest.closest(to: n, in: ex.arms.map(\.id))),
          &ctx)
      }
    case (.number(let v), .name(let n, let span)), (.date(let v), .name(let n, let span)):
      _ = checkMissingCodeName(n, of: v, range(span), &ctx)
    case (.number, .number):
      break
    case (.error, _):
      break
    default:
      _ = fail(Catalogue.typeMismatch("this value cannot be \(t.describe)", range(m.span)), &ctx)
    }
  }

  func isMissingCodeName(_ name: String, of variable: String?) -> Bool {
    guard let variable, let i = variables[variable] else { return false }
    let missing = survey.sections[items[i].section].questions[items[i].index].missing
    return missing.contains(name) && survey.missingCodes.contains { $0.name == name }
  }

  /// Checks that `name`, compared with a number or date question, is a missing code it offers.
  mutating func checkMissingCodeName(
    _ name: String, of variable: String?, _ at: SourceRange, _ ctx: inout ExpressionContext
  ) -> Bool {
    if isMissingCodeName(name, of: variable) { return true }
    if let variable, survey.missingCodes.contains(where: { $0.name == name }) {
      _ = fail(Catalogue.missingCodeNotOffered(name, question: variable, at), &ctx)
      return false
    }
    _ = fail(Catalogue.unknownQuestion(name, at, suggestion: Suggest.closest(to: name, in: variableNames)), &ctx)
    return false
  }

  func format(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
  }

  mutating func compare(
    _ op: Expression.BinaryOperator, _ a: Expression, _ b: Expression, _ ctx: inout ExpressionContext
  ) -> ValueType {
    var ta = typeOf(a, &ctx)
    var tb = typeOf(b, &ctx)
    var (lhs, rhs) = (a, b)
    // `yes = delayed_care`: put the variable on the left.
    if case .bareName = ta, !isBare(tb) {
      swap(&ta, &tb)
      swap(&lhs, &rhs)
    }
    ta = resolved(ta, &ctx)
    let ordering = op != .equal && op != .notEqual
    switch ta {
    case .error:
      return .boolean
    case .boolean:
      return fail(
        Catalogue.typeMismatch("'\(op.rawValue)' compares values, not conditions", range(lhs.span)), &ctx)
    case .choice(let list, let v):
      switch tb {
      case .bareName(let n, let r):
        if list.choice(named: n) == nil {
          return fail(
            Catalogue.unknownChoice(
              n, question: v, list: list.id, r ?? range(rhs.span),
              suggestion: Suggest.closest(to: n, in: list.choices.map(\.name))), &ctx)
        }
        if ordering, list.choice(named: n)?.isMissing == true {
          return fail(
            Catalogue.typeMismatch(
              "'\(n)' is a missing-value code and has no order; use = or !=", range(rhs.span)), &ctx)
        }
      case .number:
        if case .number(let x, _) = rhs, !ordering, list.choice(code: Int(exactly: x) ?? Int.min) == nil {
          return fail(Catalogue.unknownCode(format(x), question: v, list: list.id, range(rhs.span)), &ctx)
        }
        if case .number(let other?) = tb {
          return fail(
            Catalogue.typeMismatch("'\(v)' is a choice but '\(other)' is a number", range(rhs.span)), &ctx)
        }
      case .choice(let other, _):
        if other.id != list.id {
          return fail(
            Catalogue.typeMismatch(
              "'\(v)' and the other side use different lists ('\(list.id)' and '\(other.id)')", range(rhs.span)),
            &ctx)
        }
      case .error: break
      default:
        return fail(
          Catalogue.typeMismatch("cannot compare choice '\(v)' with \(tb.describe)", range(rhs.span)), &ctx)
      }
    case .multiple(_, let v):
      return fail(
        Catalogue.typeMismatch(
          "'\(v)' allows several answers; use selected(\(v), option) or count(\(v))", range(lhs.span)), &ctx)
    case .text(let v):
      return fail(
        Catalogue.typeMismatch(
          "free text '\(v)' can only be tested with answered(\(v))", range(lhs.span)), &ctx)
    case .arm(let ex):
      if ordering {
        return fail(
          Catalogue.typeMismatch("arms of '\(ex.id)' have no order; use = or !=", range(lhs.span)), &ctx)
      }
      switch tb {
      case .bareName(let n, let r):
        if !ex.arms.contains(where: { $0.id == n }) {
          return fail(
            Catalogue.unknownArm(
              n, experiment: ex.id, r ?? range(rhs.span),
              suggestion: Suggest.closest(to: n, in: ex.arms.map(\.id))), &ctx)
        }
      case .error: break
      default:
        return fail(
          Catalogue.typeMismatch("compare experiment '\(ex.id)' with one of its arms", range(rhs.span)), &ctx)
      }
    case .number(let v):
      switch tb {
      case .number, .error: break
      case .bareName(let n, let r):
        if !checkMissingCodeName(n, of: v, r ?? range(rhs.span), &ctx) { return .boolean }
        if ordering {
          return fail(
            Catalogue.typeMismatch("'\(n)' is a missing-value code and has no order; use = or !=", range(rhs.span)),
            &ctx)
        }
      default:
        requireNumber(resolved(tb, &ctx), rhs, &ctx)
      }
    case .date(let v):
      switch tb {
      case .date, .error: break
      case .bareName(let n, let r):
        if !checkMissingCodeName(n, of: v, r ?? range(rhs.span), &ctx) { return .boolean }
        if ordering {
          return fail(
            Catalogue.typeMismatch("'\(n)' is a missing-value code and has no order; use = or !=", range(rhs.span)),
            &ctx)
        }
      case .string(let s):
        if DateLiteral.day(s) == nil {
          return fail(
            Catalogue.typeMismatch("\"\(s)\" is not a date; write dates as \"YYYY-MM-DD\"", range(rhs.span)), &ctx)
        }
      default:
        return fail(
          Catalogue.typeMismatch("cannot compare date '\(v ?? "value")' with \(tb.describe)", range(rhs.span)), &ctx)
      }
    case .string:
      return fail(
        Catalogue.typeMismatch("a string can only be compared with a date question", range(lhs.span)), &ctx)
    case .bareName:
      break
    }
    return .boolean
  }

  func isBare(_ t: ValueType) -> Bool {
    if case .bareName = t { return true }
    return false
  }

  mutating func call(
    _ name: String, _ args: [Expression], _ span: SourceSpan, _ ctx: inout ExpressionContext
  ) -> ValueType {
    func argument(_ i: Int) -> (String, SourceSpan)? {
      guard i < args.count else { return nil }
      switch args[i] {
      case .name(let n, let s): return (n, s)
      case .value(let s): return ("value", s)
      default: return nil
      }
    }
    /// The type of a function's subject: a variable, or `value` inside `valid if`.
    func subject(_ n: String, _ s: SourceSpan, _ ctx: inout ExpressionContext) -> ValueType {
      if n == "value", case .value = args.first {
        return typeOf(.value(s), &ctx)
      }
      return resolved(variableType(n, s, &ctx), &ctx)
    }
    switch name {
    case "answered":
      guard args.count == 1, let (n, s) = argument(0) else {
        return fail(Catalogue.invalidArgumentCount(name, expected: "one question", range(span)), &ctx)
      }
      let t = subject(n, s, &ctx)
      if case .arm(let ex) = t {
        return fail(
          Catalogue.typeMismatch("every respondent has an arm of '\(ex.id)'; answered() tests questions", range(s)),
          &ctx)
      }
      return .boolean
    case "count":
      guard args.count == 1, let (n, s) = argument(0) else {
        return fail(Catalogue.invalidArgumentCount(name, expected: "one multiple-choice question", range(span)), &ctx)
      }
      let t = subject(n, s, &ctx)
      switch t {
      case .multiple, .error: return .number(variable: nil)
      default:
        return fail(
          Catalogue.typeMismatch(
            "count() counts the options selected in a multiple-choice question; '\(n)' is \(t.describe)", range(s)),
          &ctx)
      }
    case "selected":
      guard args.count == 2, let (n, s) = argument(0), let (c, cs) = argument(1) else {
        return fail(
          Catalogue.invalidArgumentCount(
            name, expected: "a multiple-choice question and one of its options", range(span)),
          &ctx)
      }
      let t = subject(n, s, &ctx)
      switch t {
      case .multiple(let list, _):
        if list.choice(named: c) == nil {
          return fail(
            Catalogue.unknownChoice(
              c, question: n, list: list.id, range(cs), suggestion: Suggest.closest(to: c, in: list.choices.map(\.name))
            ),
            &ctx)
        }
      case .choice(_, let v):
        return fail(
          Catalogue.typeMismatch("'\(v)' takes one answer; compare it with =, e.g. \(v) = \(c)", range(s)), &ctx)
      case .error: break
      default:
        return fail(
          Catalogue.typeMismatch("selected() needs a multiple-choice question; '\(n)' is \(t.describe)", range(s)), &ctx
        )
      }
      return .boolean
    case "score":
      guard args.count == 1, let (c, s) = argument(0) else {
        return fail(Catalogue.invalidArgumentCount(name, expected: "one construct", range(span)), &ctx)
      }
      guard let construct = survey.construct(c) else {
        return fail(
          Catalogue.unknownConstruct(c, range(s), suggestion: Suggest.closest(to: c, in: survey.constructs.map(\.id))),
          &ctx)
      }
      for item in construct.items {
        guard position[item] != nil else { continue }
        _ = variableType(item, s, &ctx)
      }
      return .number(variable: nil)
    default:
      // Point at the function's name only, so the fix-it keeps the arguments.
      let at = range(span)
      let nameRange = SourceRange(
        start: at.start,
        end: SourceLocation(
          file: at.start.file, line: at.start.line, column: at.start.column + name.unicodeScalars.count))
      return fail(
        Catalogue.unknownFunction(name, nameRange, suggestion: Suggest.closest(to: name, in: Self.functions)), &ctx)
    }
  }
}
