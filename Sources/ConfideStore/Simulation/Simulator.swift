public import ConfideModel
import Foundation

/// Generates synthetic respondents who answer a survey as people plausibly would: obeying its
/// routing, `valid if` conditions, ranges and experimental allocation, with differences planted
/// on request. The data feed tests, benchmarks and demonstrations, never analysis of real
/// people.
///
/// ```swift
/// var generator = SplitMix64(seed: 1)
/// let simulator = try Simulator(SimulationPlan(survey: survey), using: &generator)
/// let answers = try simulator.respondent(using: &generator)   // by ConditionEvaluator slot
/// ```
///
/// ## The response model
///
/// The model's parameters (option probabilities, item means, loadings, prevalences) are drawn
/// once, when the simulator is made; each respondent is then drawn in turn. Both use
/// ``SplitMix64`` generators seeded from the generator given, one for the parameters and one
/// per respondent, so a seed fixes the whole data set, and the first *n* respondents of a
/// longer run are the same as those of a shorter one.
///
/// Each respondent has a latent **privacy concern** *z* ~ N(0, 1), which links their answers.
///
/// - **Experiments**: each respondent gets one arm, drawn with the arms' `ratio`s.
/// - **Routing**: a variable whose `show if` (its section's, question's and item's conditions)
///   is false given the answers so far is *not asked*.
/// - **Optional questions** are left blank (*not answered*) with probability 3%, free text with
///   probability 70%; required questions never are.
/// - **Missing codes** a question offers are chosen with probability 2% (one of them at random);
///   they count as answers, as in the survey language.
/// - **`single`**: option probabilities drawn from a symmetric Dirichlet(3) distribution, so
///   the marginals are uneven, as real ones are.
/// - **`rating` and matrix items**: a latent normal *y* = μ + shift + λ*z* + 0.8ε, in scale
///   points, cut at the half-points between the scale's codes (in order) and clamped to its ends.
///   μ is the middle of the scale ± up to half a point; |λ| is between 0.5 and 0.9 and λ is
///   negative for items marked `reverse` (agreeing means *less* concern) and for items with the
///   role `outcome` (willingness, such as "how likely would you be to see your GP", falls as
///   concern rises); both together make it positive again.
/// - **`yesno`**: P(yes) = logistic(α + β*z) + shift, clamped to [0, 1]; the base prevalence
///   logistic(α) is between 10% and 45%, and β = 0.7 for the roles `outcome` and `exposure`,
///   else 0.
/// - **`multiple`**: each option is chosen independently, with a probability between 0.1 and
///   0.4 (between 0.02 and 0.08 for options marked `fixed`, such as "Another service"); when
///   none is, one is chosen in proportion to those probabilities, so an answer has at least one.
/// - **`count`** (list experiments): the statements shown to the respondent
///   (`Survey.countItems(of:arms:)` for their arms, and any answer-dependent conditions) each
///   apply with their own probability, between 0.2 and 0.7; a sensitive statement (one whose
///   condition names an experiment) applies with ``SimulationPlan/sensitivePrevalence`` (10%)
///   plus shift. The answer is how many apply.
/// - **`integer` and `decimal`**: normal, centred between a quarter and a half of the way up
///   the range, with a standard deviation of 18% of its width, plus shift, clamped to the range
///   (0–100 when there is none; 100 from the given end when one end is open); integers are
///   rounded to whole numbers, decimals to one place.
/// - **`date`**: uniform over the 365 days before ``SimulationPlan/referenceDate``.
/// - **`text`**: a comment from a small bank of realistic remarks about health records (one in
///   eight in Welsh when the survey is in Welsh); with ``SimulationPlan/identifierRate`` a
///   synthetic direct identifier is added (see ``SimulationPlan``).
/// - **`valid if`**: an answer that fails one of the question's conditions is drawn again, up
///   to 50 times. Then, when the question has few possible answers (choices, counts, dates, or
///   at most about a thousand integers or tenths in its range), one is chosen at random from
///   those that pass, since the only allowed answers may be ones the model rarely gives (no
///   more tests than a small number of visits). Failing that, an optional question is left
///   blank and a required one is an error.
public struct Simulator: Sendable {
  /// How many draws an answer gets to pass its question's `valid if` conditions.
  public static let validationAttempts = 50

  /// The plan simulated.
  public let plan: SimulationPlan
  /// The survey's conditions, compiled; its ``ConditionEvaluator/variables`` are the slots of a
  /// respondent's answers.
  public let evaluator: ConditionEvaluator
  let models: [VariableModel]
  /// The share of comments written in Welsh (none unless the survey is in Welsh).
  let welshShare: Double
  /// The dates answers are drawn from, as text.
  let dates: [String]

  /// The survey's variables, in data order: the slots of ``respondent(using:)``'s answers.
  public var variables: [Variable] { evaluator.variables }

  /// Makes a simulator, drawing the response model's parameters from `generator`.
  ///
  /// - Throws: ``SimulationError`` when an effect names an unknown variable, one that cannot be
  ///   shifted, or a later one in its condition, or when a setting is out of range.
  public init(_ plan: SimulationPlan, using generator: inout some RandomNumberGenerator) throws(SimulationError) {
    for (name, value) in [
      ("identifier rate", plan.identifierRate), ("sensitive prevalence", plan.sensitivePrevalence),
      ("missing rate", plan.missingRate), ("skip rate", plan.skipRate), ("text blank rate", plan.textBlankRate),
    ] where !(0...1).contains(value) {
      throw .invalidSetting("the \(name) must be between 0 and 1")
    }
    guard let reference = CivilDate.day(plan.referenceDate) else {
      throw .invalidSetting("the reference date must be a real date written YYYY-MM-DD")
    }
    for (name, shares) in plan.distributions.sorted(by: { $0.key < $1.key }) {
      guard let variable = plan.survey.variables.first(where: { $0.name == name }),
        variable.kind == .single || variable.kind == .yesNo
      else {
        throw .invalidSetting("a distribution is given for '\(name)', which is not a single-choice or yes/no question")
      }
      let choices = Set(variable.list?.validChoices.map(\.name) ?? [])
      if let unknown = shares.keys.sorted().first(where: { !choices.contains($0) }) {
        throw .invalidSetting("the distribution of '\(name)' names '\(unknown)', which is not one of its answers")
      }
      guard shares.values.allSatisfy({ $0.isFinite && $0 >= 0 }), shares.values.reduce(0, +) > 0 else {
        throw .invalidSetting("the distribution of '\(name)' needs shares of at least 0 that are not all 0")
      }
    }
    self.plan = plan
    let evaluator = ConditionEvaluator(plan.survey)
    self.evaluator = evaluator
    self.welshShare = plan.survey.languages.contains("cy") ? 0.125 : 0
    self.dates = (1...365).map { CivilDate.text(reference - $0) }
    let effects = try Self.compile(plan.effects, evaluator: evaluator, survey: plan.survey)
    // The parameters come from a generator of their own, seeded from the caller's: the
    // simulator's draws then run on a concrete type, whatever generator the caller uses.
    var parameters = SplitMix64(seed: generator.next())
    var models: [VariableModel] = []
    for (slot, variable) in evaluator.variables.enumerated() {
      models.append(
        VariableModel(
          variable, survey: plan.survey, evaluator: evaluator, constraints: evaluator.constraints[slot],
          effects: effects[slot], distribution: plan.distributions[variable.name], using: &parameters))
    }
    self.models = models
  }

  /// One respondent's answers, indexed by the slots of ``variables``.
  ///
  /// - Throws: ``SimulationError/noValidAnswer(question:respondent:)`` when a required
  ///   question's `valid if` conditions reject every answer drawn.
  public func respondent(using generator: inout some RandomNumberGenerator) throws(SimulationError) -> [Answer] {
    var answers: [Answer] = []
    try respondent(into: &answers, number: 1, using: &generator)
    return answers
  }

  /// Draws one respondent's answers into `answers` (resized to the number of variables), so
  /// that a long run reuses one array.
  ///
  /// - Parameters:
  ///   - answers: the array the answers are written to, by slot.
  ///   - number: the respondent's number, named in errors.
  ///   - generator: the source of randomness; one 64-bit draw per respondent.
  /// - Throws: ``SimulationError/noValidAnswer(question:respondent:)`` when a required
  ///   question's `valid if` conditions reject every answer tried.
  /// - Complexity: O(v) in the number of variables, times the size of their conditions.
  public func respondent(
    into answers: inout [Answer], number: Int, using generator: inout some RandomNumberGenerator
  ) throws(SimulationError) {
    // Each respondent's draws come from a generator of their own, seeded from the caller's (as
    // SplitMix64 was designed to be split), so they run on a concrete type.
    var local = SplitMix64(seed: generator.next())
    try respondent(into: &answers, number: number, local: &local)
  }

  func respondent(
    into answers: inout [Answer], number: Int, local generator: inout SplitMix64
  ) throws(SimulationError) {
    if answers.count != models.count { answers = Array(repeating: .notAsked, count: models.count) }
    let concern = generator.normal()
    for slot in models.indices {
      answers[slot] = .notAsked
      guard evaluator.isShown(slot, answers) else { continue }
      let model = models[slot]
      if case .arm(let names, let cumulative) = model.kind {
        // A checked experiment has arms; one without any leaves the respondent unassigned.
        if !names.isEmpty { answers[slot] = .arm(names[Self.pick(cumulative, &generator)]) }
        continue
      }
      if !model.isRequired {
        let blank = if case .text = model.kind { plan.textBlankRate } else { plan.skipRate }
        if generator.bernoulli(blank) {
          answers[slot] = .notAnswered
          continue
        }
      }
      var shift = 0.0
      for effect in model.effects where evaluator.isTrue(effect.condition, answers) { shift += effect.shift }
      if model.constraints.isEmpty {
        answers[slot] = draw(model, concern: concern, shift: shift, answers, &generator)
        continue
      }
      var valid: Answer?
      for _ in 0..<Self.validationAttempts {
        let candidate = draw(model, concern: concern, shift: shift, answers, &generator)
        if model.constraints.allSatisfy({ evaluator.isTrue($0, answers, value: candidate) }) {
          valid = candidate
          break
        }
      }
      if valid == nil {
        // Answers the model rarely gives may be the only ones allowed (a count of tests no
        // larger than a small count of visits): choose among all that pass, when there are few.
        let passing = Self.candidates(model, dates: dates).filter { candidate in
          model.constraints.allSatisfy { evaluator.isTrue($0, answers, value: candidate) }
        }
        if !passing.isEmpty { valid = passing[generator.index(below: passing.count)] }
      }
      guard let valid else {
        if model.isRequired { throw .noValidAnswer(question: model.name, respondent: number) }
        answers[slot] = .notAnswered
        continue
      }
      answers[slot] = valid
    }
  }

  /// One answer to a shown question that the respondent does not leave blank.
  func draw(
    _ model: VariableModel, concern z: Double, shift: Double, _ answers: [Answer], _ g: inout SplitMix64
  ) -> Answer {
    if !model.missing.isEmpty, g.bernoulli(plan.missingRate) {
      let code = model.missing[g.index(below: model.missing.count)]
      if case .multiple = model.kind { return .codes([code]) }
      return .missing(code)
    }
    switch model.kind {
    case .arm(let names, let cumulative):
      return names.isEmpty ? .notAsked : .arm(names[Self.pick(cumulative, &g)])
    case .single(let codes, _) where codes.isEmpty, .ordinal(let codes, _, _) where codes.isEmpty,
      .multiple(let codes, _) where codes.isEmpty:
      // A list of missing codes only: nothing substantive to choose.
      return .notAnswered
    case .single(let codes, let cumulative):
      return .code(codes[Self.pick(cumulative, &g)])
    case .ordinal(let codes, let mean, let loading):
      let y = mean + shift + loading * z + 0.8 * g.normal()
      let index = Swift.min(codes.count - 1, Swift.max(0, Int(y.rounded())))
      return .code(codes[index])
    case .yesNo(let intercept, let loading):
      let p = Swift.min(1, Swift.max(0, 1 / (1 + Foundation.exp(-(intercept + loading * z))) + shift))
      return .code(g.bernoulli(p) ? 1 : 0)
    case .multiple(let codes, let probabilities):
      var chosen: [Int] = []
      for i in codes.indices where g.bernoulli(probabilities[i]) { chosen.append(codes[i]) }
      if chosen.isEmpty {
        var cumulative: [Double] = []
        var total = 0.0
        for p in probabilities {
          total += p
          cumulative.append(total)
        }
        chosen.append(codes[Self.pick(cumulative, &g)])
      }
      return .codes(chosen)
    case .number(let n):
      var x = n.center + n.spread * g.normal() + shift
      x = Swift.min(n.upper, Swift.max(n.lower, x))
      x = n.integral ? x.rounded() : (x * 10).rounded() / 10
      // Rounding may step just outside the range: step back in.
      if x > n.upper { x = n.integral ? Foundation.floor(n.upper) : Foundation.floor(n.upper * 10) / 10 }
      if x < n.lower { x = n.integral ? Foundation.ceil(n.lower) : Foundation.ceil(n.lower * 10) / 10 }
      return .number(x)
    case .date:
      return .date(dates[g.index(below: dates.count)])
    case .text:
      let comment = SyntheticText.comment(welshShare: welshShare, using: &g)
      if plan.identifierRate > 0, g.bernoulli(plan.identifierRate) {
        return .text(SyntheticText.withIdentifier(comment, using: &g))
      }
      return .text(comment)
    case .count(let count):
      var combination = 0
      for (k, slot) in count.experimentSlots.enumerated() {
        var arm = 0
        if case .arm(let name) = answers[slot] { arm = count.armNames[k].firstIndex(of: name) ?? 0 }
        combination = combination * count.armNames[k].count + arm
      }
      let shown = count.shownByArms[combination]
      var total = 0
      for (i, item) in count.items.enumerated() where shown[i] {
        if let condition = item.condition, !evaluator.isTrue(condition, answers) { continue }
        let p = item.isSensitive ? Swift.min(1, Swift.max(0, plan.sensitivePrevalence + shift)) : item.probability
        if g.bernoulli(p) { total += 1 }
      }
      return .number(Double(total))
    }
  }

  /// Every answer a variable can take, when there are at most about a thousand (choices, codes,
  /// counts, dates, integers or tenths in a narrow range), missing codes included; else none.
  static func candidates(_ model: VariableModel, dates: [String]) -> [Answer] {
    let limit = 1000.0
    var out: [Answer] = model.missing.map { .missing($0) }
    switch model.kind {
    case .single(let codes, _), .ordinal(let codes, _, _): out += codes.map { .code($0) }
    case .yesNo: out += [.code(1), .code(0)]
    case .date: out += dates.map { .date($0) }
    case .count(let count): out += (0...count.items.count).map { .number(Double($0)) }
    case .number(let n):
      let step = n.integral ? 1.0 : 0.1
      let first = (n.lower / step).rounded(.up)
      let last = (n.upper / step).rounded(.down)
      guard last >= first, last - first <= limit else { return out }
      out += stride(from: first, through: last, by: 1).map { .number(n.integral ? $0 : $0 / 10) }
    case .arm, .multiple, .text: break
    }
    return out
  }

  /// An index drawn with the probabilities whose running totals are `cumulative`.
  static func pick(_ cumulative: [Double], _ g: inout some RandomNumberGenerator) -> Int {
    let u = g.uniform() * (cumulative.last ?? 1)
    for i in cumulative.indices where u < cumulative[i] { return i }
    return cumulative.count - 1
  }
}

// MARK: - Effects

extension Simulator {
  /// Compiles each effect's condition, and lists the effects on each variable by slot.
  static func compile(
    _ effects: [PlantedEffect], evaluator: ConditionEvaluator, survey: Survey
  ) throws(SimulationError) -> [[CompiledEffect]] {
    let variables = evaluator.variables
    var out = [[CompiledEffect]](repeating: [], count: variables.count)
    for effect in effects {
      // Arms are assigned, not answered: an effect on an experiment is an unknown variable.
      guard let slot = evaluator.slot[effect.variable], variables[slot].kind != .arm else {
        throw .unknownEffectVariable(effect.variable, known: variables.filter(\.acceptsEffects).map(\.name))
      }
      let variable = variables[slot]
      guard variable.acceptsEffects else {
        throw .effectNotSupported(variable: effect.variable, kind: variable.kind)
      }
      if variable.kind == .count,
        survey.question(variable.question)?.items.contains(where: { survey.isSensitive($0) }) != true
      {
        throw .noSensitiveStatement(question: effect.variable)
      }
      let program = effect.condition.map { evaluator.compile($0) }
      if let program {
        for used in referencedSlots(program, survey: survey, evaluator: evaluator) where used >= slot {
          throw .effectRefersLater(variable: effect.variable, name: variables[used].name)
        }
      }
      out[slot].append(CompiledEffect(condition: program, shift: effect.shift))
    }
    return out
  }

  /// The slots of the variables a compiled condition reads.
  static func referencedSlots(
    _ program: ConditionEvaluator.Program, survey: Survey, evaluator: ConditionEvaluator
  ) -> [Int] {
    var out: [Int] = []
    func walk(_ p: ConditionEvaluator.Program) {
      switch p {
      case .variable(let s), .answered(let s), .selected(let s, _), .count(let s): out.append(s)
      case .not(let a), .negate(let a): walk(a)
      case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .arithmetic(_, let a, let b):
        walk(a)
        walk(b)
      case .membership(let a, let members, _):
        walk(a)
        members.forEach(walk)
      case .score(let c):
        if c < survey.constructs.count {
          out += survey.constructs[c].items.compactMap { evaluator.slot[$0] }
        }
      case .constant, .value, .never: break
      }
    }
    walk(program)
    return out
  }
}

// MARK: - The model of one variable

/// A planted effect, compiled.
struct CompiledEffect: Sendable {
  var condition: ConditionEvaluator.Program?
  var shift: Double
}

/// A numeric question's distribution.
struct NumberModel: Sendable {
  var lower: Double
  var upper: Double
  var center: Double
  var spread: Double
  var integral: Bool
}

/// One statement of a count question.
struct CountStatement: Sendable {
  var probability: Double
  var isSensitive: Bool
  /// The statement's condition, when it depends on answers and not only on arms.
  var condition: ConditionEvaluator.Program?
}

/// A count question: its statements, and which are shown in each combination of the arms of the
/// experiments their conditions name (`Survey.countItems(of:arms:)`), worked out once.
struct CountModel: Sendable {
  var items: [CountStatement]
  /// The slots of the experiments named, and each one's arms.
  var experimentSlots: [Int]
  var armNames: [[String]]
  /// For each combination of arms (the first experiment's arm most significant), whether each
  /// statement is shown.
  var shownByArms: [[Bool]]
}

/// How the answers to one variable are drawn: a class, so that reading it for every respondent
/// costs one reference count rather than one for each array it holds.
final class VariableModel: Sendable {
  enum Kind: Sendable {
    case arm(names: [String], cumulative: [Double])
    case single(codes: [Int], cumulative: [Double])
    /// Substantive codes in ascending order; the latent mean is an index into them.
    case ordinal(codes: [Int], mean: Double, loading: Double)
    case yesNo(intercept: Double, loading: Double)
    case multiple(codes: [Int], probabilities: [Double])
    case number(NumberModel)
    case date
    case text
    case count(CountModel)
  }

  let name: String
  let kind: Kind
  let isRequired: Bool
  /// The missing codes offered.
  let missing: [Int]
  let constraints: [ConditionEvaluator.Program]
  let effects: [CompiledEffect]

  init(
    _ v: Variable, survey: Survey, evaluator: ConditionEvaluator, constraints: [ConditionEvaluator.Program],
    effects: [CompiledEffect], distribution: [String: Double]? = nil, using g: inout SplitMix64
  ) {
    name = v.name
    self.effects = effects
    isRequired = v.isRequired || v.kind == .arm
    self.constraints = constraints
    missing = (v.list?.missingChoices ?? v.missingCodes).map(\.code)
    let valid = v.list?.validChoices ?? []
    switch v.kind {
    case .arm:
      let allocation = survey.experiment(v.name)?.allocation ?? []
      kind = .arm(names: allocation.map(\.arm), cumulative: Self.runningTotals(allocation.map(\.probability)))
    case .single:
      // The random shares are drawn even when the plan gives shares, so that the other
      // questions' parameters come out the same for a seed either way.
      var p = g.dirichlet(count: valid.count, alpha: 3)
      if let distribution { p = valid.map { distribution[$0.name] ?? 0 } }
      kind = .single(codes: valid.map(\.code), cumulative: Self.runningTotals(p))
    case .rating, .matrixItem:
      let codes = valid.map(\.code).sorted()
      let mean = Double(codes.count - 1) / 2 + g.uniform(-0.5, 0.5)
      let reversed = survey.isReversed(v.name) || survey.constructs.contains { $0.reversed.contains(v.name) }
      let sign: Double = (reversed ? -1 : 1) * (v.roles.contains(.outcome) ? -1 : 1)
      kind = .ordinal(codes: codes, mean: mean, loading: sign * g.uniform(0.5, 0.9))
    case .yesNo:
      var base = g.uniform(0.1, 0.45)
      if let distribution {
        let yes = valid.filter { $0.code == 1 }.reduce(0) { $0 + (distribution[$1.name] ?? 0) }
        let all = valid.reduce(0) { $0 + (distribution[$1.name] ?? 0) }
        // Kept inside (0, 1) so the logit below is finite.
        base = min(max(yes / all, 1e-6), 1 - 1e-6)
      }
      let loading = v.roles.contains(.outcome) || v.roles.contains(.exposure) ? 0.7 : 0
      kind = .yesNo(intercept: Foundation.log(base / (1 - base)), loading: loading)
    case .multiple:
      let p = valid.map { $0.isFixed ? g.uniform(0.02, 0.08) : g.uniform(0.1, 0.4) }
      kind = .multiple(codes: valid.map(\.code), probabilities: p)
    case .integer, .decimal:
      var lower = v.range?.lower
      var upper = v.range?.upper
      switch (lower, upper) {
      case (nil, nil): (lower, upper) = (0, 100)
      case (let l?, nil): upper = l + 100
      case (nil, let u?): lower = u - 100
      default: break
      }
      let low = lower ?? 0
      let high = upper ?? 100
      kind = .number(
        NumberModel(
          lower: low, upper: high, center: low + (high - low) * g.uniform(0.25, 0.5), spread: (high - low) * 0.18,
          integral: v.kind == .integer))
    case .date:
      kind = .date
    case .text:
      kind = .text
    case .count:
      kind = .count(Self.countModel(v, survey: survey, evaluator: evaluator, using: &g))
    }
  }

  static func runningTotals(_ p: [Double]) -> [Double] {
    var total = 0.0
    return p.map {
      total += $0
      return total
    }
  }

  static func countModel(
    _ v: Variable, survey: Survey, evaluator: ConditionEvaluator, using g: inout SplitMix64
  ) -> CountModel {
    guard let question = survey.question(v.question) else {
      return CountModel(items: [], experimentSlots: [], armNames: [], shownByArms: [[]])
    }
    var experiments: [Experiment] = []
    for item in question.items {
      for id in survey.experimentsMentioned(in: item.condition) where !experiments.contains(where: { $0.id == id }) {
        if let e = survey.experiment(id) { experiments.append(e) }
      }
    }
    // Every combination of the named experiments' arms, the first experiment's arm most
    // significant, as `Simulator.draw` numbers them.
    var combinations: [[String: String]] = [[:]]
    for e in experiments {
      combinations = combinations.flatMap { c in e.arms.map { c.merging([e.id: $0.id]) { $1 } } }
    }
    let shown = combinations.map { arms in
      let ids = Set(survey.countItems(of: question, arms: arms).map(\.id))
      return question.items.map { ids.contains($0.id) }
    }
    let items = question.items.map { item in
      let sensitive = survey.isSensitive(item)
      // Conditions the arms alone settle are in `shown`; others are evaluated per respondent.
      let settled = combinations.allSatisfy { ArmEvaluation(arms: $0).evaluate(item.condition) != nil }
      return CountStatement(
        probability: g.uniform(0.2, 0.7), isSensitive: sensitive,
        condition: settled ? nil : item.condition.map { evaluator.compile($0) })
    }
    return CountModel(
      items: items, experimentSlots: experiments.compactMap { evaluator.slot[$0.id] },
      armNames: experiments.map { $0.arms.map(\.id) }, shownByArms: shown)
  }
}

extension Variable {
  /// Whether a planted effect can shift the variable.
  var acceptsEffects: Bool {
    switch kind {
    case .rating, .matrixItem, .yesNo, .integer, .decimal, .count: true
    default: false
    }
  }
}

extension Survey {
  /// Whether a count statement is a list experiment's sensitive one: shown only in some arms.
  func isSensitive(_ statement: SubItem) -> Bool {
    !experimentsMentioned(in: statement.condition).isEmpty
  }
}
