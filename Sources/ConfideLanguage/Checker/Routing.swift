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

/// The values a variable can take: substantive values as intervals, plus special codes
/// (declared missing codes, and ``ValueSet/notAnswered`` for "not shown or not answered").
struct ValueSet: Equatable, Sendable {
  static let notAnswered = Int.min

  var values: IntervalSet
  var specials: Set<Int>

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

/// A condition in disjunctive normal form: it holds when any term holds, and a term holds when
/// every variable in it takes a value in its set. `unknown` means too large to analyse.
enum Formula: Sendable {
  typealias Term = [VariableKey: ValueSet]
  case terms([Term])
  case unknown

  static let `true` = Formula.terms([[:]])
  static let `false` = Formula.terms([])
  static let limit = 512

  /// Whether some assignment of values satisfies the formula (`true` when unknown).
  func isSatisfiable(_ universe: (VariableKey) -> Universe) -> Bool {
    switch self {
    case .unknown: return true
    case .terms(let terms):
      return terms.contains { term in
        term.allSatisfy { key, set in !set.isEmpty(integer: universe(key).integer) }
      }
    }
  }

  /// Whether this is the formula that always holds (one empty term).
  var isTrue: Bool {
    if case .terms(let t) = self, t.count == 1, t[0].isEmpty { return true }
    return false
  }

  func and(_ other: Formula, _ universe: (VariableKey) -> Universe) -> Formula {
    if other.isTrue { return self }
    if isTrue { return other }
    guard case .terms(let a) = self, case .terms(let b) = other else { return .unknown }
    if a.count * b.count > Self.limit { return .unknown }
    var out: [Term] = []
    for x in a {
      for y in b {
        var term = x
        var empty = false
        for (key, set) in y {
          let merged = term[key].map { $0.intersection(set) } ?? set
          if merged.isEmpty(integer: universe(key).integer) {
            empty = true
            break
          }
          term[key] = merged
        }
        if !empty { out.append(term) }
      }
    }
    return .terms(out)
  }

  func or(_ other: Formula) -> Formula {
    guard case .terms(let a) = self, case .terms(let b) = other else { return .unknown }
    if a.count + b.count > Self.limit { return .unknown }
    return .terms(a + b)
  }
}

/// Universes and choice lists computed on first use: most questions are never referred to.
private final class RoutingCache {
  var universes: [VariableKey: Universe] = [:]
  var lists: [Int: ChoiceList?] = [:]
}

/// Converts typed-checked conditions into ``Formula`` values over the survey's variables.
struct RoutingModel {
  let survey: Survey
  /// Every item, in questionnaire order.
  private let items: [Question]
  /// The index in ``items`` of each question, and of the matrix that owns each matrix row.
  private var index: [String: Int] = [:]
  private var rowIndex: [String: Int] = [:]
  private let cache = RoutingCache()

  init(survey: Survey) {
    self.survey = survey
    items = survey.questions
    for (i, q) in items.enumerated() {
      if index[q.id] == nil { index[q.id] = i }
      if q.type.isMatrix {
        for item in q.items where rowIndex[item.id] == nil { rowIndex[item.id] = i }
      }
    }
  }

  private func list(_ i: Int) -> ChoiceList? {
    if let cached = cache.lists[i] { return cached }
    let list = survey.choices(for: items[i])
    cache.lists[i] = list
    return list
  }

  /// The question or matrix row named `id`, with the list its answers come from.
  func variable(_ id: String) -> (question: Question, list: ChoiceList?)? {
    if let i = index[id], items[i].type.collectsAnswer { return (items[i], list(i)) }
    if let i = rowIndex[id] { return (items[i], list(i)) }
    return nil
  }

  private static let optionUniverse = Universe(
    set: ValueSet(values: .range(0, 1), specials: [ValueSet.notAnswered]), integer: true)

  func universe(_ key: VariableKey) -> Universe {
    if case .option = key { return Self.optionUniverse }
    if let u = cache.universes[key] { return u }
    let u = computeUniverse(key)
    cache.universes[key] = u
    return u
  }

  private func computeUniverse(_ key: VariableKey) -> Universe {
    let na: Set<Int> = [ValueSet.notAnswered]
    switch key {
    case .arm(let e):
      let n = survey.experiment(e)?.arms.count ?? 0
      return Universe(
        set: ValueSet(values: n > 0 ? .range(0, Double(n - 1)) : .empty, specials: []),
        integer: true)
    case .option:
      return Universe(set: ValueSet(values: .range(0, 1), specials: na), integer: true)
    case .count(let q):
      let n = variable(q)?.list?.validChoices.count ?? 0
      return Universe(set: ValueSet(values: .range(0, Double(n)), specials: na), integer: true)
    case .score(let c):
      guard let construct = survey.construct(c), let first = construct.items.first,
        let list = variable(first)?.list
      else { return Universe(set: ValueSet(values: .all, specials: na), integer: false) }
      let codes = list.validChoices.map { Double($0.code) }
      let lo = codes.min() ?? 0
      let hi = codes.max() ?? 0
      let k = Double(construct.items.count)
      let range: IntervalSet = construct.scoring == .sum ? .range(lo * k, hi * k) : .range(lo, hi)
      return Universe(set: ValueSet(values: range, specials: na), integer: false)
    case .answer(let id):
      guard let (q, list) = variable(id) else {
        return Universe(set: ValueSet(values: .all, specials: na), integer: false)
      }
      let missing = Set(
        (list?.missingChoices.map(\.code) ?? [])
          + q.missing.compactMap { name in survey.missingCodes.first { $0.name == name }?.code })
      switch q.type {
      case .integer:
        return Universe(
          set: ValueSet(values: .range(q.range?.lower, q.range?.upper), specials: na.union(missing)),
          integer: true)
      case .decimal:
        return Universe(
          set: ValueSet(values: .range(q.range?.lower, q.range?.upper), specials: na.union(missing)),
          integer: false)
      case .count:
        let n = Double(q.items.count)
        return Universe(
          set: ValueSet(values: .range(0, n), specials: na.union(missing)), integer: true)
      case .date:
        return Universe(set: ValueSet(values: .all, specials: na.union(missing)), integer: true)
      case .text:
        return Universe(set: ValueSet(values: .point(1), specials: na), integer: true)
      default:
        var values = IntervalSet.empty
        for c in list?.validChoices ?? [] { values = values.union(.point(Double(c.code))) }
        return Universe(set: ValueSet(values: values, specials: na.union(missing)), integer: true)
      }
    }
  }

  // MARK: - Conversion

  /// The formula for `expression` (or for its negation).
  func formula(_ expression: Expression, negated: Bool = false) -> Formula {
    switch expression {
    case .binary(.and, let a, let b, _):
      let fa = formula(a, negated: negated)
      let fb = formula(b, negated: negated)
      return negated ? fa.or(fb) : fa.and(fb, universe)
    case .binary(.or, let a, let b, _):
      let fa = formula(a, negated: negated)
      let fb = formula(b, negated: negated)
      return negated ? fa.and(fb, universe) : fa.or(fb)
    case .not(let a, _):
      return formula(a, negated: !negated)
    case .binary(let op, let a, let b, _) where op.isComparison:
      guard let (key, set) = comparison(op, a, b) else { return .true }
      return atom(key, set, negated: negated)
    case .membership(let a, let members, let isNegated, _):
      guard let (key, set) = membership(a, members) else { return .true }
      let allowed = isNegated ? universe(key).set.subtracting(set).subtracting(naSet) : set
      return atom(key, allowed, negated: negated)
    case .call("answered", let args, _):
      guard let key = args.first.flatMap(answerKey) else { return .true }
      return atom(key, universe(key).set.subtracting(naSet), negated: negated)
    case .call("selected", let args, _):
      guard args.count == 2, case .name(let q, _) = args[0], case .name(let c, _) = args[1],
        let list = variable(q)?.list, let choice = list.choice(named: c)
      else { return .true }
      let key = VariableKey.option(q, choice.code)
      return atom(key, ValueSet(values: .point(1), specials: []), negated: negated)
    default:
      return .true
    }
  }

  private var naSet: ValueSet { ValueSet(values: .empty, specials: [ValueSet.notAnswered]) }

  private func atom(_ key: VariableKey, _ set: ValueSet, negated: Bool) -> Formula {
    let u = universe(key).set
    let allowed = negated ? u.subtracting(set) : u.intersection(set)
    return .terms([[key: allowed]])
  }

  private func answerKey(_ e: Expression) -> VariableKey? {
    guard case .name(let n, _) = e else { return nil }
    if survey.experiment(n) != nil { return .arm(n) }
    return variable(n) != nil ? .answer(n) : nil
  }

  /// The constant a name stands for when compared with `key`: a choice's code or an arm's index.
  private func constant(named name: String, for key: VariableKey) -> Double? {
    switch key {
    case .arm(let e):
      return survey.experiment(e)?.arms.firstIndex { $0.id == name }.map(Double.init)
    case .answer(let q):
      if let list = variable(q)?.list, let c = list.choice(named: name) { return Double(c.code) }
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

  private func keyOf(_ e: Expression) -> VariableKey? {
    switch e {
    case .name, .call("count", _, _), .call("score", _, _): linear(e, key: nil)?.0
    case .binary, .negate: linear(e, key: nil)?.0
    default: nil
    }
  }

  private func comparison(_ op: Expression.BinaryOperator, _ a: Expression, _ b: Expression)
    -> (VariableKey, ValueSet)?
  {
    let hint = keyOf(a) ?? keyOf(b)
    guard let (ka, xa, ya) = linear(a, key: hint), let (kb, xb, yb) = linear(b, key: hint)
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
    let u = universe(key).set
    let isSpecial =
      abs(c) == 1 && k != Double(ValueSet.notAnswered)
      && u.specials.contains(Int(exactly: k) ?? ValueSet.notAnswered)
    switch op {
    case .equal:
      return (key, isSpecial
        ? ValueSet(values: .empty, specials: [Int(k)])
        : ValueSet(values: .point(k), specials: []))
    case .notEqual:
      let equal = isSpecial
        ? ValueSet(values: .empty, specials: [Int(k)])
        : ValueSet(values: .point(k), specials: [])
      return (key, u.subtracting(equal).subtracting(naSet))
    case .less: return (key, ValueSet(values: .less(k, orEqual: false), specials: []))
    case .lessEqual: return (key, ValueSet(values: .less(k, orEqual: true), specials: []))
    case .greater: return (key, ValueSet(values: .greater(k, orEqual: false), specials: []))
    case .greaterEqual: return (key, ValueSet(values: .greater(k, orEqual: true), specials: []))
    default: return nil
    }
  }

  private func membership(_ a: Expression, _ members: [Expression]) -> (VariableKey, ValueSet)? {
    guard let key = keyOf(a), linear(a, key: nil).map({ $0.1 == 1 && $0.2 == 0 }) == true else {
      return nil
    }
    var set = ValueSet(values: .empty, specials: [])
    for m in members {
      guard let (mk, _, value) = linear(m, key: key), mk == nil else { return nil }
      if universe(key).set.specials.contains(Int(exactly: value) ?? ValueSet.notAnswered) {
        set.specials.insert(Int(value))
      } else {
        set.values = set.values.union(.point(value))
      }
    }
    return (key, set)
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
