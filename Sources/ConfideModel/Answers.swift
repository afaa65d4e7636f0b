/// One respondent's answer to one variable, as read and checked.
///
/// The three kinds of absence are kept apart, never merged into one "system missing": a declared
/// missing code chosen by the respondent (``missing(_:)``), a question routing skipped
/// (``notAsked``) and a question shown but left blank (``notAnswered``).
public enum Answer: Hashable, Sendable {
  /// A code from the variable's list (a substantive option, not a missing code).
  case code(Int)
  /// The chosen options of a multiple-choice question, in ascending order of code (missing
  /// codes included, when the list offers them).
  case codes([Int])
  /// A number (`integer`, `decimal`, `count`).
  case number(Double)
  /// A date, `YYYY-MM-DD`.
  case date(String)
  /// Free text.
  case text(String)
  /// An experiment's arm, by name.
  case arm(String)
  /// A declared missing code, such as -9 "Prefer not to say".
  case missing(Int)
  /// Shown but not answered.
  case notAnswered
  /// Not shown: routing skipped it.
  case notAsked

  /// Whether the variable was shown and answered (a missing code counts as an answer, as in
  /// `answered(q)`).
  public var isAnswered: Bool {
    switch self {
    case .notAnswered, .notAsked: false
    default: true
    }
  }
}

/// Evaluates a survey's conditions (`show if`, `valid if`, arms in count items) for one
/// respondent, with the semantics in docs/survey-language.md: a comparison with an unanswered
/// variable is false, missing codes compare equal only to themselves and have no order, and
/// `not` turns a false comparison round.
///
/// Names are resolved once, when the evaluator is built; evaluating a condition then does no
/// lookups by name, so it can run for every row of a million-row import.
///
/// ```swift
/// let evaluator = ConditionEvaluator(survey)
/// var answers = [Answer](repeating: .notAsked, count: evaluator.variables.count)
/// answers[evaluator.slot["delayed_care"]!] = .code(1)
/// evaluator.isTrue(evaluator.condition(of: "services_avoided"), answers)  // true
/// ```
public struct ConditionEvaluator: Sendable {
  /// The survey's variables, in data order (see ``Survey/variables``).
  public let variables: [Variable]
  /// Each variable's position in ``variables``.
  public let slot: [String: Int]
  /// The compiled show-if condition of each variable (nil when always asked).
  public let conditions: [Program?]
  /// The compiled `valid if` conditions of each variable.
  public let constraints: [[Program]]
  let constructs: [CompiledConstruct]
  let constructIndex: [String: Int]

  /// A condition compiled against the survey's variables.
  public indirect enum Program: Hashable, Sendable {
    case constant(Value)
    case variable(Int)
    case value
    case not(Program)
    case and(Program, Program)
    case or(Program, Program)
    case compare(Expression.BinaryOperator, Program, Program)
    case arithmetic(Expression.BinaryOperator, Program, Program)
    case negate(Program)
    case membership(Program, [Program], negated: Bool)
    case answered(Int)
    case selected(Int, code: Int)
    case count(Int)
    case score(Int)
    case never
  }

  /// A value met while evaluating.
  public enum Value: Hashable, Sendable {
    case none
    case code(Int, missing: Bool)
    case number(Double)
    case string(String)
    case arm(String)
    case boolean(Bool)
  }

  struct CompiledConstruct: Hashable, Sendable {
    var items: [(slot: Int, reverse: Bool, low: Int, high: Int)]
    var mean: Bool
    var minimum: Int

    static func == (a: Self, b: Self) -> Bool {
      a.mean == b.mean && a.minimum == b.minimum && a.items.map(\.slot) == b.items.map(\.slot)
    }
    func hash(into h: inout Hasher) { h.combine(items.map(\.slot)) }
  }

  /// Compiles every condition of a checked survey.
  public init(_ survey: Survey) {
    let variables = survey.variables
    var slot: [String: Int] = [:]
    for (i, v) in variables.enumerated() { slot[v.name] = i }
    var constructIndex: [String: Int] = [:]
    var constructs: [CompiledConstruct] = []
    for c in survey.constructs {
      constructIndex[c.id] = constructs.count
      let items = c.items.compactMap { id -> (Int, Bool, Int, Int)? in
        guard let s = slot[id] else { return nil }
        let valid = variables[s].list?.validChoices.map(\.code) ?? []
        let reverse = c.reversed.contains(id) || survey.isReversed(id)
        return (s, reverse, valid.min() ?? 0, valid.max() ?? 0)
      }
      constructs.append(
        CompiledConstruct(items: items, mean: c.scoring == .mean, minimum: c.minimumItems ?? items.count))
    }
    let compiler = Compiler(variables: variables, slot: slot, constructs: constructIndex)
    self.variables = variables
    self.slot = slot
    self.constructs = constructs
    self.constructIndex = constructIndex
    self.conditions = variables.map { v in v.condition.map { compiler.compile($0, value: nil) } }
    self.constraints = variables.indices.map { i in
      variables[i].constraints.map { compiler.compile($0.condition, value: i) }
    }
  }

  /// Compiles another condition over the survey's variables (for example one given on the
  /// command line), with `value` meaning the variable at `valueSlot`.
  public func compile(_ e: Expression, value valueSlot: Int? = nil) -> Program {
    Compiler(variables: variables, slot: slot, constructs: constructIndex).compile(e, value: valueSlot)
  }

  /// Whether `program` holds for a respondent's `answers` (indexed by slot); `value` is the
  /// answer `valid if` tests.
  public func isTrue(_ program: Program?, _ answers: [Answer], value: Answer? = nil) -> Bool {
    guard let program else { return true }
    return answers.withUnsafeBufferPointer { isTrue(program, in: $0, value: value) }
  }

  /// Whether `program` holds for the answers in `answers` (indexed by slot from 0), without
  /// copying them: for a caller that keeps many respondents' answers in one array.
  public func isTrue(_ program: Program?, in answers: UnsafeBufferPointer<Answer>, value: Answer? = nil) -> Bool {
    guard let program else { return true }
    if case .boolean(let b) = evaluate(program, answers, value) { return b }
    return false
  }

  /// Whether variable `slot` is shown, given the answers so far.
  public func isShown(_ slot: Int, _ answers: [Answer]) -> Bool {
    isTrue(conditions[slot], answers)
  }

  /// Whether variable `slot` is shown, given the answers so far in `answers`.
  public func isShown(_ slot: Int, in answers: UnsafeBufferPointer<Answer>) -> Bool {
    isTrue(conditions[slot], in: answers)
  }

  func evaluate(_ p: Program, _ answers: UnsafeBufferPointer<Answer>, _ current: Answer?) -> Value {
    switch p {
    case .constant(let v): return v
    case .never: return .boolean(false)
    case .variable(let s): return Self.value(of: answers[s])
    case .value:
      guard let current else { return .none }
      return Self.value(of: current)
    case .not(let a): return .boolean(!truth(evaluate(a, answers, current)))
    case .and(let a, let b):
      return .boolean(truth(evaluate(a, answers, current)) && truth(evaluate(b, answers, current)))
    case .or(let a, let b):
      return .boolean(truth(evaluate(a, answers, current)) || truth(evaluate(b, answers, current)))
    case .compare(let op, let a, let b):
      return .boolean(Self.compare(op, evaluate(a, answers, current), evaluate(b, answers, current)))
    case .arithmetic(let op, let a, let b):
      guard case .number(let x) = evaluate(a, answers, current), case .number(let y) = evaluate(b, answers, current)
      else { return .none }
      switch op {
      case .add: return .number(x + y)
      case .subtract: return .number(x - y)
      case .multiply: return .number(x * y)
      default: return y == 0 ? .none : .number(x / y)
      }
    case .negate(let a):
      guard case .number(let x) = evaluate(a, answers, current) else { return .none }
      return .number(-x)
    case .membership(let a, let members, let negated):
      let x = evaluate(a, answers, current)
      if case .none = x { return .boolean(false) }
      let hit = members.contains { Self.compare(.equal, x, evaluate($0, answers, current)) }
      return .boolean(hit != negated)
    case .answered(let s): return .boolean(answers[s].isAnswered)
    case .selected(let s, let code):
      if case .codes(let codes) = answers[s] { return .boolean(codes.contains(code)) }
      return .boolean(false)
    case .count(let s):
      guard case .codes(let codes) = answers[s], let list = variables[s].list else { return .none }
      return .number(Double(codes.filter { list.choice(code: $0)?.isMissing != true }.count))
    case .score(let c):
      return score(constructs[c], answers).map(Value.number) ?? .none
    }
  }

  /// A construct's score: the mean (or sum) of its items' substantive answers, reverse-scored
  /// items turned round on their scale (`low + high − x`), or nothing when fewer than the
  /// construct's minimum number of items were answered with a substantive code.
  func score(_ c: CompiledConstruct, _ answers: UnsafeBufferPointer<Answer>) -> Double? {
    var total = 0.0
    var n = 0
    for item in c.items {
      guard case .code(let x) = answers[item.slot] else { continue }
      total += Double(item.reverse ? item.low + item.high - x : x)
      n += 1
    }
    guard n >= max(c.minimum, 1) else { return nil }
    return c.mean ? total / Double(n) : total
  }

  /// The score of construct number `index` (in the survey's order) for `answers`.
  public func score(construct index: Int, _ answers: [Answer]) -> Double? {
    answers.withUnsafeBufferPointer { score(constructs[index], $0) }
  }

  func truth(_ v: Value) -> Bool {
    if case .boolean(let b) = v { return b }
    return false
  }

  static func value(of answer: Answer) -> Value {
    switch answer {
    case .code(let c): .code(c, missing: false)
    case .missing(let c): .code(c, missing: true)
    case .number(let x): .number(x)
    case .date(let d): .string(d)
    case .text(let t): .string(t)
    case .arm(let a): .arm(a)
    case .codes, .notAnswered, .notAsked: .none
    }
  }

  /// Compares two values: false whenever either is absent; missing codes are equal only to the
  /// same code and are never ordered.
  static func compare(_ op: Expression.BinaryOperator, _ a: Value, _ b: Value) -> Bool {
    func order<T: Comparable>(_ x: T, _ y: T) -> Bool {
      switch op {
      case .equal: x == y
      case .notEqual: x != y
      case .less: x < y
      case .lessEqual: x <= y
      case .greater: x > y
      case .greaterEqual: x >= y
      default: false
      }
    }
    let ordering = op != .equal && op != .notEqual
    switch (a, b) {
    case (.none, _), (_, .none): return false
    case (.code(let x, let mx), .code(let y, let my)):
      if mx || my {
        if ordering { return false }
        return (x == y && mx == my) == (op == .equal)
      }
      return order(x, y)
    case (.code(let x, let m), .number(let y)), (.number(let y), .code(let x, let m)):
      if m {
        // A missing code against a number: never equal, never ordered.
        return op == .notEqual && !ordering
      }
      let flipped: Bool = if case .number = a { true } else { false }
      return flipped ? order(y, Double(x)) : order(Double(x), y)
    case (.number(let x), .number(let y)): return order(x, y)
    case (.string(let x), .string(let y)): return order(x, y)
    case (.arm(let x), .arm(let y)): return ordering ? false : order(x, y)
    case (.arm(let x), .string(let y)), (.string(let y), .arm(let x)): return ordering ? false : order(x, y)
    default: return false
    }
  }
}

extension Survey {
  /// Whether a question or matrix item is marked `reverse` where it is asked.
  public func isReversed(_ id: String) -> Bool {
    for q in questions {
      if q.id == id { return q.isReversed }
      if q.type.isMatrix, let row = q.items.first(where: { $0.id == id }) { return row.isReversed }
    }
    return false
  }
}
