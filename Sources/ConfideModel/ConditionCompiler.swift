extension ConditionEvaluator {
  /// Resolves the names in a checked condition to variable slots and constant codes.
  ///
  /// A name is, in this order, an experiment (its arm), a question or matrix item (its answer),
  /// or, when compared with a variable, one of that variable's options or missing codes (its
  /// code) or an arm of the experiment (the arm's name), as the checker resolves them.
  struct Compiler {
    var variables: [Variable]
    var slot: [String: Int]
    var constructs: [String: Int]

    func compile(_ e: Expression, value: Int?) -> Program {
      switch e {
      case .number(let x, _): return .constant(.number(x))
      case .string(let s, _): return .constant(.string(s))
      case .name(let n, _): return slot[n].map(Program.variable) ?? .constant(.none)
      case .value: return .value
      case .not(let a, _): return .not(compile(a, value: value))
      case .negate(let a, _): return .negate(compile(a, value: value))
      case .binary(.and, let a, let b, _): return .and(compile(a, value: value), compile(b, value: value))
      case .binary(.or, let a, let b, _): return .or(compile(a, value: value), compile(b, value: value))
      case .binary(let op, let a, let b, _) where op.isArithmetic:
        return .arithmetic(op, compile(a, value: value), compile(b, value: value))
      case .binary(let op, let a, let b, _):
        // The subject is whichever side is a variable (or `value`); a bare name on the other side
        // is read in the subject's terms.
        if let subject = subject(of: a, value: value) {
          return .compare(op, compile(a, value: value), operand(b, of: subject, value: value))
        }
        if let subject = subject(of: b, value: value) {
          return .compare(op, operand(a, of: subject, value: value), compile(b, value: value))
        }
        return .compare(op, compile(a, value: value), compile(b, value: value))
      case .membership(let a, let members, let negated, _):
        let subject = subject(of: a, value: value)
        return .membership(
          compile(a, value: value),
          members.map { m in subject.map { operand(m, of: $0, value: value) } ?? compile(m, value: value) },
          negated: negated)
      case .call(let name, let args, _):
        func argument(_ i: Int) -> String? {
          guard i < args.count, case .name(let n, _) = args[i] else { return nil }
          return n
        }
        switch name {
        case "answered":
          if let n = argument(0), let s = slot[n] { return .answered(s) }
          if case .value = args.first, let value { return .answered(value) }
        case "selected":
          if let n = argument(0), let s = slot[n], let option = argument(1),
            let code = variables[s].choice(named: option)?.code
          {
            return .selected(s, code: code)
          }
          if let n = argument(0), let s = slot[n], args.count > 1, case .number(let x, _) = args[1],
            let code = Int(exactly: x)
          {
            return .selected(s, code: code)
          }
        case "count":
          if let n = argument(0), let s = slot[n] { return .count(s) }
        case "score":
          if let n = argument(0), let c = constructs[n] { return .score(c) }
        default: break
        }
        return .never
      case .invalid: return .never
      }
    }

    /// The variable an expression stands for, when it is one.
    func subject(of e: Expression, value: Int?) -> Int? {
      switch e {
      case .name(let n, _): slot[n]
      case .value: value
      default: nil
      }
    }

    /// An operand compared with variable `subject`: a bare name is one of its options, missing
    /// codes or arms.
    func operand(_ e: Expression, of subject: Int, value: Int?) -> Program {
      guard case .name(let n, _) = e, slot[n] == nil else { return compile(e, value: value) }
      let v = variables[subject]
      if v.kind == .arm { return .constant(.arm(n)) }
      if let c = v.choice(named: n) { return .constant(.code(c.code, missing: c.isMissing)) }
      return .constant(.none)
    }
  }
}
