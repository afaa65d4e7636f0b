/// Decides conditions that depend only on experimental arms, for previews of one arm.
///
/// Returns `true` or `false` when the known arms settle the condition, `nil` when it depends on
/// answers.
public struct ArmEvaluation: Sendable {
  /// The arm assigned in each experiment, by experiment id.
  public var arms: [String: String]

  public init(arms: [String: String]) { self.arms = arms }

  public func evaluate(_ e: Expression?) -> Bool? {
    guard let e else { return true }
    switch e {
    case .binary(.and, let a, let b, _):
      let x = evaluate(a)
      let y = evaluate(b)
      if x == false || y == false { return false }
      if x == true, y == true { return true }
      return nil
    case .binary(.or, let a, let b, _):
      let x = evaluate(a)
      let y = evaluate(b)
      if x == true || y == true { return true }
      if x == false, y == false { return false }
      return nil
    case .not(let a, _):
      return evaluate(a).map { !$0 }
    case .binary(let op, .name(let s, _), .name(let n, _), _) where op == .equal || op == .notEqual:
      guard let arm = arms[s] else { return nil }
      return (arm == n) == (op == .equal)
    case .membership(.name(let s, _), let members, let negated, _):
      guard let arm = arms[s] else { return nil }
      let hit = members.contains { if case .name(let n, _) = $0 { n == arm } else { false } }
      return hit != negated
    default:
      return nil
    }
  }
}

extension Survey {
  /// The count statements shown to a respondent in the given arms (all, when an item's
  /// condition depends on answers).
  public func countItems(of question: Question, arms: [String: String]) -> [SubItem] {
    let evaluation = ArmEvaluation(arms: arms)
    return question.items.filter { evaluation.evaluate($0.condition) != false }
  }

  /// The experiments whose arms a condition mentions.
  public func experimentsMentioned(in e: Expression?) -> [String] {
    var out: [String] = []
    func walk(_ e: Expression) {
      switch e {
      case .name(let n, _): if experiment(n) != nil, !out.contains(n) { out.append(n) }
      case .not(let a, _), .negate(let a, _): walk(a)
      case .binary(_, let a, let b, _):
        walk(a)
        walk(b)
      case .membership(let a, _, _, _): walk(a)
      default: break
      }
    }
    if let e { walk(e) }
    return out
  }

  /// The largest count a respondent can give in each arm of the experiment that controls the
  /// statements of a count question (list experiments: 4 in control, 5 in treatment).
  public func countRange(of question: Question) -> [(arm: String?, maximum: Int)] {
    let experiments = question.items.flatMap { experimentsMentioned(in: $0.condition) }
    guard let id = experiments.first, let experiment = experiment(id) else {
      return [(nil, question.items.count)]
    }
    return experiment.arms.map { arm in
      (arm.id, countItems(of: question, arms: [id: arm.id]).count)
    }
  }
}
