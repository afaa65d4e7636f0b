import ConfideModel

/// A variable that routing conditions can test.
enum VariableKey: Hashable, Sendable {
  /// The answer to a question or matrix row.
  case answer(String)
  /// Whether one option of a multiple-choice question is selected (0 or 1).
  case option(String, Int)
  /// How many options of a multiple-choice question are selected.
  case count(String)
  /// The arm a respondent is assigned to, as the arm's index.
  case arm(String)
  /// A construct's score.
  case score(String)

  /// The question whose being asked this variable depends on, if any.
  var question: String? {
    switch self {
    case .answer(let q), .option(let q, _), .count(let q): q
    case .arm, .score: nil
    }
  }
}

/// A small set of special codes (``ValueSet/notAnswered`` and declared missing codes).
///
/// Routing intersects and subtracts these sets constantly, so the usual codes live in the bits
/// of one word and cost no allocation: ``ValueSet/notAnswered`` is bit 0 and the codes -31…31
/// are bits 1…63. Any other code goes in a short sorted array, which is nearly always empty.
struct SpecialCodes: Equatable, Sendable, ExpressibleByArrayLiteral {
  private var bits: UInt64 = 0
  /// Codes without a bit, sorted, each once.
  private var others: [Int] = []

  private static func bit(_ code: Int) -> UInt64? {
    if code == ValueSet.notAnswered { return 1 }
    if (-31...31).contains(code) { return 1 << UInt64(code + 32) }
    return nil
  }

  init() {}

  init(arrayLiteral codes: Int...) {
    for code in codes { insert(code) }
  }

  var isEmpty: Bool { bits == 0 && others.isEmpty }

  func contains(_ code: Int) -> Bool {
    if let bit = Self.bit(code) { return bits & bit != 0 }
    return others.contains(code)
  }

  mutating func insert(_ code: Int) {
    if let bit = Self.bit(code) {
      bits |= bit
    } else if let i = others.firstIndex(where: { $0 >= code }) {
      if others[i] != code { others.insert(code, at: i) }
    } else {
      others.append(code)
    }
  }

  func union(_ other: SpecialCodes) -> SpecialCodes {
    var out = self
    out.bits |= other.bits
    for code in other.others { out.insert(code) }
    return out
  }

  func intersection(_ other: SpecialCodes) -> SpecialCodes {
    var out = SpecialCodes()
    out.bits = bits & other.bits
    if !others.isEmpty, !other.others.isEmpty { out.others = others.filter(other.others.contains) }
    return out
  }

  func subtracting(_ other: SpecialCodes) -> SpecialCodes {
    var out = self
    out.bits &= ~other.bits
    if !others.isEmpty, !other.others.isEmpty { out.others = others.filter { !other.others.contains($0) } }
    return out
  }
}

/// The values a variable can take: substantive values as intervals, plus special codes
/// (declared missing codes, and ``ValueSet/notAnswered`` for "not shown or not answered").
struct ValueSet: Equatable, Sendable {
  static let notAnswered = Int.min

  var values: IntervalSet
  var specials: SpecialCodes

  func intersection(_ other: ValueSet) -> ValueSet {
    ValueSet(values: values.intersection(other.values), specials: specials.intersection(other.specials))
  }

  func union(_ other: ValueSet) -> ValueSet {
    ValueSet(values: values.union(other.values), specials: specials.union(other.specials))
  }

  func subtracting(_ other: ValueSet) -> ValueSet {
    ValueSet(values: values.subtracting(other.values), specials: specials.subtracting(other.specials))
  }

  func isEmpty(integer: Bool) -> Bool { !values.hasMember(integer: integer) && specials.isEmpty }
}

/// Everything a variable could be, with whether its values are whole numbers.
struct Universe: Sendable {
  var set: ValueSet
  var integer: Bool
}

/// One variable of a term, by its number in the ``RoutingModel``, with the values it must take.
struct Literal: Sendable {
  var variable: Int
  var set: ValueSet
}

/// A condition in disjunctive normal form: it holds when any term holds, and a term holds when
/// every variable in it takes a value in its set. `unknown` means too large to analyse.
enum Formula: Sendable {
  /// The literals of a term, in increasing order of variable, each variable once.
  typealias Term = [Literal]
  case terms([Term])
  case unknown

  static let `true` = Formula.terms([[]])
  static let `false` = Formula.terms([])
  static let limit = 512

  /// Whether some assignment of values satisfies the formula (`true` when unknown), given the
  /// universe of each variable by number (``RoutingModel/universes``).
  func isSatisfiable(_ universes: [Universe]) -> Bool {
    switch self {
    case .unknown: return true
    case .terms(let terms):
      return terms.contains { term in
        term.allSatisfy { !$0.set.isEmpty(integer: universes[$0.variable].integer) }
      }
    }
  }

  /// Whether this is the formula that always holds (one empty term).
  var isTrue: Bool {
    if case .terms(let t) = self, t.count == 1, t[0].isEmpty { return true }
    return false
  }

  /// The formula that holds when both hold, given the universe of each variable by number.
  func and(_ other: Formula, _ universes: [Universe]) -> Formula {
    if other.isTrue { return self }
    if isTrue { return other }
    guard case .terms(let a) = self, case .terms(let b) = other else { return .unknown }
    if a.count * b.count > Self.limit { return .unknown }
    var out: [Term] = []
    for x in a {
      for y in b {
        if let term = Self.conjunction(x, y, universes) { out.append(term) }
      }
    }
    return .terms(out)
  }

  /// The term that holds when both `x` and `y` hold, or nil when a variable of `y` is left with
  /// no possible value.
  private static func conjunction(_ x: Term, _ y: Term, _ universes: [Universe]) -> Term? {
    var out: Term = []
    out.reserveCapacity(x.count + y.count)
    var i = 0
    var j = 0
    // Merge the two sorted lists; a variable in both gets the intersection of its sets.
    while j < y.count {
      if i < x.count, x[i].variable < y[j].variable {
        out.append(x[i])
        i += 1
        continue
      }
      var literal = y[j]
      j += 1
      if i < x.count, x[i].variable == literal.variable {
        literal.set = x[i].set.intersection(literal.set)
        i += 1
      }
      if literal.set.isEmpty(integer: universes[literal.variable].integer) { return nil }
      out.append(literal)
    }
    out.append(contentsOf: x[i...])
    return out
  }

  func or(_ other: Formula) -> Formula {
    guard case .terms(let a) = self, case .terms(let b) = other else { return .unknown }
    if a.count + b.count > Self.limit { return .unknown }
    return .terms(a + b)
  }
}

/// A condition reduced to what the routing analysis can use: tests of one variable each, joined
/// by `and`, `or` and `not`. ``RoutingModel/formula(_:negated:)`` turns it into a ``Formula`` of
/// either polarity, so the names in a condition are looked up once for both.
indirect enum RoutingCondition: Sendable {
  /// Holds when variable number `variable` takes a value in `values`.
  case test(variable: Int, values: ValueSet)
  case and(RoutingCondition, RoutingCondition)
  case or(RoutingCondition, RoutingCondition)
  case not(RoutingCondition)
  /// A part the analysis cannot use: it may hold or not, whichever way it is read.
  case unknown
}

/// Converts typed-checked conditions into ``Formula`` values over the survey's variables.
///
/// Variables are numbered as conditions first mention them, and each one's universe is computed
/// then, once: most questions are never referred to.
struct RoutingModel {
  let survey: Survey
  /// Every item in questionnaire order, as its place in `survey.sections`.
  private let items: [ItemLocation]
  /// The options of each item (`Survey.choices(for:)`), by position in ``items``.
  private let lists: [ChoiceList?]
  /// The first item with each id, and whether it collects an answer; and the first matrix with a
  /// row of each id.
  private let firstItems: [String: (item: Int, collectsAnswer: Bool)]
  private let rowItems: [String: Int]

  /// The number of each variable mentioned so far, and its key and universe by number.
  private var numbers: [VariableKey: Int] = [:]
  private var keys: [VariableKey] = []
  /// Everything each variable could be, by number.
  private(set) var universes: [Universe] = []

  init(survey: Survey, items: [ItemLocation], lists: [ChoiceList?]) {
    self.survey = survey
    self.items = items
    self.lists = lists
    var firstItems: [String: (item: Int, collectsAnswer: Bool)] = [:]
    firstItems.reserveCapacity(items.count)
    var rowItems: [String: Int] = [:]
    var i = 0
    for section in survey.sections {
      // Read the fields in place rather than copy each question.
      let questions = section.questions
      for j in questions.indices {
        let type = questions[j].type
        let id = questions[j].id
        if firstItems[id] == nil { firstItems[id] = (i, type.collectsAnswer) }
        if type.isMatrix {
          for item in questions[j].items where rowItems[item.id] == nil { rowItems[item.id] = i }
        }
        i += 1
      }
    }
    self.firstItems = firstItems
    self.rowItems = rowItems
    // Conditions rarely test more variables than there are items: size the table once.
    numbers.reserveCapacity(items.count)
  }

  /// The parts of item `i` that decide its universe, read in place rather than copying the item.
  private func answerShape(
    _ i: Int
  ) -> (type: QuestionType, range: NumericRange?, missing: [String], itemCount: Int) {
    let questions = survey.sections[items[i].section].questions
    let j = items[i].index
    return (questions[j].type, questions[j].range, questions[j].missing, questions[j].items.count)
  }

  /// The item whose answer a question or matrix row named `id` is: the question, or the matrix
  /// that owns the row.
  private func answerItem(_ id: String) -> Int? {
    if let first = firstItems[id], first.collectsAnswer { return first.item }
    return rowItems[id]
  }

  /// The options of the question or matrix row named `id`.
  private func list(of id: String) -> ChoiceList? {
    answerItem(id).flatMap { lists[$0] }
  }

  /// The number of the variable `key`, numbering it if it is new.
  mutating func variable(_ key: VariableKey) -> Int {
    if let n = numbers[key] { return n }
    let n = keys.count
    let universe = computeUniverse(key)
    numbers[key] = n
    keys.append(key)
    universes.append(universe)
    return n
  }

  /// The key of variable number `n`.
  func key(_ n: Int) -> VariableKey { keys[n] }

  /// Everything variable number `n` could be.
  func universe(_ n: Int) -> Universe { universes[n] }

  private func computeUniverse(_ key: VariableKey) -> Universe {
    let na: SpecialCodes = [ValueSet.notAnswered]
    switch key {
    case .arm(let e):
      let n = survey.experiment(e)?.arms.count ?? 0
      return Universe(
        set: ValueSet(values: n > 0 ? .range(0, Double(n - 1)) : .empty, specials: []),
        integer: true)
    case .option:
      return Universe(set: ValueSet(values: .range(0, 1), specials: na), integer: true)
    case .count(let q):
      let n = list(of: q)?.validChoices.count ?? 0
      return Universe(set: ValueSet(values: .range(0, Double(n)), specials: na), integer: true)
    case .score(let c):
      guard let construct = survey.construct(c), let first = construct.items.first,
        let list = list(of: first)
      else { return Universe(set: ValueSet(values: .all, specials: na), integer: false) }
      let codes = list.validChoices.map { Double($0.code) }
      let lo = codes.min() ?? 0
      let hi = codes.max() ?? 0
      let k = Double(construct.items.count)
      let range: IntervalSet = construct.scoring == .sum ? .range(lo * k, hi * k) : .range(lo, hi)
      return Universe(set: ValueSet(values: range, specials: na), integer: false)
    case .answer(let id):
      guard let i = answerItem(id) else {
        return Universe(set: ValueSet(values: .all, specials: na), integer: false)
      }
      let q = answerShape(i)
      let list = lists[i]
      var specials = na
      if let choices = list?.choices {
        for k in choices.indices where choices[k].isMissing { specials.insert(choices[k].code) }
      }
      for name in q.missing {
        // The first declared code of that name, found without copying the codes passed over.
        let codes = survey.missingCodes
        if let k = codes.indices.first(where: { codes[$0].name == name }) { specials.insert(codes[k].code) }
      }
      switch q.type {
      case .integer:
        return Universe(
          set: ValueSet(values: .range(q.range?.lower, q.range?.upper), specials: specials),
          integer: true)
      case .decimal:
        return Universe(
          set: ValueSet(values: .range(q.range?.lower, q.range?.upper), specials: specials),
          integer: false)
      case .count:
        let n = Double(q.itemCount)
        return Universe(set: ValueSet(values: .range(0, n), specials: specials), integer: true)
      case .date:
        return Universe(set: ValueSet(values: .all, specials: specials), integer: true)
      case .text:
        return Universe(set: ValueSet(values: .point(1), specials: na), integer: true)
      default:
        // All the points at once give the same set as adding them one by one.
        var codes: [Double] = []
        if let choices = list?.choices {
          codes.reserveCapacity(choices.count)
          for k in choices.indices where !choices[k].isMissing { codes.append(Double(choices[k].code)) }
        }
        return Universe(set: ValueSet(values: .points(codes), specials: specials), integer: true)
      }
    }
  }

  // MARK: - Conversion

  /// The tests a condition makes, with every name looked up.
  mutating func condition(_ expression: Expression) -> RoutingCondition {
    switch expression {
    case .binary(.and, let a, let b, _):
      let ca = condition(a)
      return .and(ca, condition(b))
    case .binary(.or, let a, let b, _):
      let ca = condition(a)
      return .or(ca, condition(b))
    case .not(let a, _):
      return .not(condition(a))
    case .binary(let op, let a, let b, _) where op.isComparison:
      guard let (v, set) = comparison(op, a, b) else { return .unknown }
      return .test(variable: v, values: set)
    case .membership(let a, let members, let isNegated, _):
      guard let (v, set) = membership(a, members) else { return .unknown }
      let allowed = isNegated ? universe(v).set.subtracting(set).subtracting(naSet) : set
      return .test(variable: v, values: allowed)
    case .call("answered", let args, _):
      guard let key = args.first.flatMap(answerKey) else { return .unknown }
      let v = variable(key)
      return .test(variable: v, values: universe(v).set.subtracting(naSet))
    case .call("selected", let args, _):
      guard args.count == 2, case .name(let q, _) = args[0], case .name(let c, _) = args[1],
        let list = list(of: q), let choice = list.choice(named: c)
      else { return .unknown }
      let v = variable(.option(q, choice.code))
      return .test(variable: v, values: ValueSet(values: .point(1), specials: []))
    default:
      return .unknown
    }
  }

  /// The formula for `condition` (or for its negation). A part that cannot be analysed holds
  /// either way.
  func formula(_ condition: RoutingCondition, negated: Bool = false) -> Formula {
    switch condition {
    case .and(let a, let b):
      let fa = formula(a, negated: negated)
      let fb = formula(b, negated: negated)
      return negated ? fa.or(fb) : fa.and(fb, universes)
    case .or(let a, let b):
      let fa = formula(a, negated: negated)
      let fb = formula(b, negated: negated)
      return negated ? fa.and(fb, universes) : fa.or(fb)
    case .not(let a):
      return formula(a, negated: !negated)
    case .test(let v, let set):
      return atom(v, set, negated: negated)
    case .unknown:
      return .true
    }
  }

  private var naSet: ValueSet { ValueSet(values: .empty, specials: [ValueSet.notAnswered]) }

  private func atom(_ v: Int, _ set: ValueSet, negated: Bool) -> Formula {
    let u = universe(v).set
    let allowed = negated ? u.subtracting(set) : u.intersection(set)
    return .terms([[Literal(variable: v, set: allowed)]])
  }

  private func answerKey(_ e: Expression) -> VariableKey? {
    guard case .name(let n, _) = e else { return nil }
    if survey.experiment(n) != nil { return .arm(n) }
    return answerItem(n) != nil ? .answer(n) : nil
  }

  /// The constant a name stands for when compared with `key`: a choice's code or an arm's index.
  private func constant(named name: String, for key: VariableKey) -> Double? {
    switch key {
    case .arm(let e):
      return survey.experiment(e)?.arms.firstIndex { $0.id == name }.map(Double.init)
    case .answer(let q):
      if let list = list(of: q), let c = list.choice(named: name) { return Double(c.code) }
      if let code = survey.missingCodes.first(where: { $0.name == name })?.code {
        return Double(code)
      }
      return nil
    default:
      return nil
    }
  }

  /// `a·x + b` for an expression linear in at most one variable.
  private func linear(_ e: Expression, key hint: VariableKey?) -> (VariableKey?, Double, Double)? {
    switch e {
    case .number(let x, _): return (nil, 0, x)
    case .string(let s, _):
      guard let day = DateLiteral.day(s) else { return nil }
      return (nil, 0, Double(day))
    case .name(let n, _):
      if let key = answerKey(.name(n, SourceSpan())) { return (key, 1, 0) }
      if let hint, let c = constant(named: n, for: hint) { return (nil, 0, c) }
      return nil
    case .call("count", let args, _):
      guard case .name(let q, _)? = args.first else { return nil }
      return (.count(q), 1, 0)
    case .call("score", let args, _):
      guard case .name(let c, _)? = args.first else { return nil }
      return (.score(c), 1, 0)
    case .negate(let a, _):
      guard let (k, x, y) = linear(a, key: hint) else { return nil }
      return (k, -x, -y)
    case .binary(let op, let a, let b, _) where op.isArithmetic:
      guard let (ka, xa, ya) = linear(a, key: hint), let (kb, xb, yb) = linear(b, key: hint)
      else { return nil }
      switch op {
      case .add, .subtract:
        let s: Double = op == .add ? 1 : -1
        if let ka, let kb, ka != kb { return nil }
        return (ka ?? kb, xa + s * xb, ya + s * yb)
      case .multiply:
        if ka == nil { return (kb, ya * xb, ya * yb) }
        if kb == nil { return (ka, xa * yb, ya * yb) }
        return nil
      case .divide:
        guard kb == nil, yb != 0 else { return nil }
        return (ka, xa / yb, ya / yb)
      default: return nil
      }
    default:
      return nil
    }
  }

  /// The variable a comparison tests and the values that satisfy it.
  private mutating func comparison(
    _ op: Expression.BinaryOperator, _ a: Expression, _ b: Expression
  )
    -> (Int, ValueSet)?
  {
    // Without a hint, `linear` reads names only as variables, which gives each side's variable.
    // Where that reading succeeds a hint changes nothing, so only a failed side is read again,
    // with the other side's variable as the hint for its choice and arm names.
    let plainA = linear(a, key: nil)
    let plainB = linear(b, key: nil)
    let hint = plainA?.0 ?? plainB?.0
    guard let (ka, xa, ya) = plainA ?? (hint == nil ? nil : linear(a, key: hint)),
      let (kb, xb, yb) = plainB ?? (hint == nil ? nil : linear(b, key: hint))
    else { return nil }
    if let ka, let kb, ka != kb { return nil }
    guard let key = ka ?? kb else { return nil }
    // a - b = c·x + d  (op)  0
    let c = xa - xb
    let d = ya - yb
    guard c != 0 else { return nil }
    let k = -d / c
    var op = op
    if c < 0 {
      switch op {
      case .less: op = .greater
      case .lessEqual: op = .greaterEqual
      case .greater: op = .less
      case .greaterEqual: op = .lessEqual
      default: break
      }
    }
    let v = variable(key)
    let u = universe(v).set
    let isSpecial =
      abs(c) == 1 && k != Double(ValueSet.notAnswered)
      && u.specials.contains(Int(exactly: k) ?? ValueSet.notAnswered)
    switch op {
    case .equal:
      return (
        v,
        isSpecial
          ? ValueSet(values: .empty, specials: [Int(k)])
          : ValueSet(values: .point(k), specials: [])
      )
    case .notEqual:
      let equal =
        isSpecial
        ? ValueSet(values: .empty, specials: [Int(k)])
        : ValueSet(values: .point(k), specials: [])
      return (v, u.subtracting(equal).subtracting(naSet))
    case .less: return (v, ValueSet(values: .less(k, orEqual: false), specials: []))
    case .lessEqual: return (v, ValueSet(values: .less(k, orEqual: true), specials: []))
    case .greater: return (v, ValueSet(values: .greater(k, orEqual: false), specials: []))
    case .greaterEqual: return (v, ValueSet(values: .greater(k, orEqual: true), specials: []))
    default: return nil
    }
  }

  /// The variable `a in {…}` tests and the values listed.
  private mutating func membership(_ a: Expression, _ members: [Expression]) -> (Int, ValueSet)? {
    guard let (k, x, y) = linear(a, key: nil), let key = k, x == 1, y == 0 else { return nil }
    let v = variable(key)
    var set = ValueSet(values: .empty, specials: [])
    for m in members {
      guard let (mk, _, value) = linear(m, key: key), mk == nil else { return nil }
      if universe(v).set.specials.contains(Int(exactly: value) ?? ValueSet.notAnswered) {
        set.specials.insert(Int(value))
      } else {
        set.values = set.values.union(.point(value))
      }
    }
    return (v, set)
  }
}

/// Calendar dates written as `"YYYY-MM-DD"` in conditions.
enum DateLiteral {
  /// Days since 1970-01-01 for a valid ISO date, else nil.
  static func day(_ text: String) -> Int? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      (1...12).contains(m), d >= 1
    else { return nil }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard d <= lengths[m - 1] else { return nil }
    // Howard Hinnant's days_from_civil.
    let yy = m <= 2 ? y - 1 : y
    let era = (yy >= 0 ? yy : yy - 399) / 400
    let yoe = yy - era * 400
    let mp = (m + 9) % 12
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }
}
