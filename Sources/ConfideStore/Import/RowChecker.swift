import ConfideModel
import Foundation

/// Checks one source record against the survey: every value parsed for its variable's type,
/// routing followed in order, `valid if` checks and list-experiment counts tested, free text
/// redacted. A record either yields its typed answers or every reason it fails.
struct RowChecker {
  /// Where a source column goes.
  enum Target: Equatable {
    case respondent
    /// The whole answer of a variable.
    case variable(Int)
    /// One 0/1 option column of a multiple-choice variable.
    case option(Int, code: Int)
    /// A column the survey does not have.
    case unknown(String)
  }

  /// A record checked; its typed answers are in ``answers`` until the next record.
  struct Outcome {
    /// The source identifier, held only in memory until it is turned into a pseudonym.
    var respondent: String?
    var reasons: [QuarantineReason]
    var redactions: [RedactionKind: Int]
  }

  /// What the checker needs of one variable, looked up once: a class, so that reading it for
  /// every row of a large file does not copy the variable's definition.
  final class Slot: Sendable {
    let name: String
    let kind: VariableKind
    let listID: String
    let isRequired: Bool
    /// A question marked `role identifier`: its answers are only imported when the user allows
    /// it, and then stored as given (redacting them would defeat the point).
    let isIdentifier: Bool
    let range: NumericRange?
    /// Every code the variable accepts (options and offered missing codes), and whether it is missing.
    let codes: [Int: Bool]
    /// The same as a table indexed by `code - lowestCode` (0 not a code, 1 a code, 2 a missing
    /// code), when the codes span fewer than 1,024 numbers: no hashing per value. The checker
    /// keeps every variable's table in one block (``RowChecker/codeTables``).
    let codeTable: [UInt8]
    let lowestCode: Int
    /// The same by option name.
    let names: [String: (code: Int, missing: Bool)]

    init(_ v: Variable) {
      name = v.name
      kind = v.kind
      listID = v.list?.id ?? ""
      isRequired = v.isRequired
      isIdentifier = v.isIdentifier
      range = v.range
      let choices =
        (v.list?.choices ?? [])
        + v.missingCodes.map { c in
          var m = c
          m.isMissing = true
          return m
        }
      var codes: [Int: Bool] = [:]
      var names: [String: (Int, Bool)] = [:]
      for c in choices {
        if codes[c.code] == nil { codes[c.code] = c.isMissing }
        if names[c.name] == nil { names[c.name] = (c.code, c.isMissing) }
      }
      self.codes = codes
      self.names = names
      let lowest = codes.keys.min() ?? 0
      let span = (codes.keys.max() ?? 0) - lowest + 1
      var table: [UInt8] = []
      if !codes.isEmpty, span < 1_024 {
        table = [UInt8](repeating: 0, count: span)
        for (code, missing) in codes { table[code - lowest] = missing ? 2 : 1 }
      }
      codeTable = table
      lowestCode = lowest
    }

  }

  /// Every variable's code table (``Slot/codeTable``) in one block of plain bytes, with where each
  /// variable's starts: reading them for every value takes no reference counting.
  final class CodeTables {
    struct Range {
      var start: Int
      var count: Int
      var lowest: Int
    }
    let bytes: UnsafeMutablePointer<UInt8>
    let ranges: UnsafeMutablePointer<Range>

    init(_ slots: [Slot]) {
      bytes = .allocate(capacity: max(1, slots.reduce(0) { $0 + $1.codeTable.count }))
      ranges = .allocate(capacity: max(1, slots.count))
      var start = 0
      for (s, slot) in slots.enumerated() {
        for (i, entry) in slot.codeTable.enumerated() { bytes[start + i] = entry }
        (ranges + s).initialize(to: Range(start: start, count: slot.codeTable.count, lowest: slot.lowestCode))
        start += slot.codeTable.count
      }
    }

    deinit {
      bytes.deallocate()
      ranges.deallocate()
    }
  }

  let evaluator: ConditionEvaluator
  /// Kept for ``codeBytes`` and ``codeRanges``, which point into it.
  let codeTables: CodeTables
  let codeBytes: UnsafeMutablePointer<UInt8>
  let codeRanges: UnsafeMutablePointer<CodeTables.Range>
  /// Per variable, whether an option's name is written in digits (so a value in digits may be a
  /// name, not a code, and only ``lookup(_:_:)`` can tell).
  let digitNames: [Bool]
  let variables: [Variable]
  let slots: [Slot]
  let redactor = Redactor()
  /// The survey's first language, for messages quoted from it.
  let language: String
  /// The arm names of every experiment, in the survey's order: arm variable `s`'s are
  /// `armNames[armStart[s] ..< armStart[s] + armCount[s]]` (none for other variables). Plain
  /// arrays indexed by slot, so that reading them per record hashes and counts nothing.
  let armNames: [String]
  let armStart: [Int]
  let armCount: [Int]
  /// For a count variable, the slot of the experiment its statements depend on (-1 for none;
  /// -2 for a variable that is not a count), its maximum for each of that experiment's arms
  /// (`countByArm[countStart[s] + k]` for arm `k`, -1 where no range names the arm) and its
  /// maximum otherwise.
  let countExperiment: [Int]
  let countStart: [Int]
  let countByArm: [Int]
  let countFallback: [Int]
  private(set) var targets: [Target] = []
  /// ``targets`` as plain values, for the loop over every field of every record (an enum with a
  /// text payload is copied with reference counting; these are not).
  private var fieldPlan: [FieldPlan] = []

  struct FieldPlan {
    enum Kind: UInt8 { case respondent, variable, option, unknown }
    var kind: Kind
    var slot: Int
    var code: Int

    init(_ target: Target) {
      switch target {
      case .respondent: (kind, slot, code) = (.respondent, 0, 0)
      case .variable(let s): (kind, slot, code) = (.variable, s, 0)
      case .option(let s, let c): (kind, slot, code) = (.option, s, c)
      case .unknown: (kind, slot, code) = (.unknown, 0, 0)
      }
    }
  }
  /// Per record scratch, reused: where each variable's value is in the record (-1 for nowhere),
  /// the value trimmed when that differs from the record's (rare), and its option columns' codes.
  private var field: [Int] = []
  private var padded: [String?] = []
  private var options: [[Int]?] = []

  init(survey: Survey, evaluator: ConditionEvaluator) {
    self.evaluator = evaluator
    self.language = survey.primaryLanguage
    self.variables = evaluator.variables
    self.slots = evaluator.variables.map(Slot.init)
    codeTables = CodeTables(slots)
    digitNames = slots.map { $0.names.keys.contains { decimalInteger($0) != nil } }
    codeBytes = codeTables.bytes
    codeRanges = codeTables.ranges
    var armNames: [String] = []
    var armStart = [Int](repeating: 0, count: variables.count)
    var armCount = [Int](repeating: 0, count: variables.count)
    for (s, v) in variables.enumerated() where v.kind == .arm {
      let names = survey.experiment(v.name)?.arms.map(\.id) ?? []
      (armStart[s], armCount[s]) = (armNames.count, names.count)
      armNames += names
    }
    var countExperiment = [Int](repeating: -2, count: variables.count)
    var countStart = [Int](repeating: 0, count: variables.count)
    var countByArm: [Int] = []
    var countFallback = [Int](repeating: Int.max, count: variables.count)
    for (s, v) in variables.enumerated() where v.kind == .count {
      guard let q = survey.question(v.name) else { continue }
      let ranges = survey.countRange(of: q)
      let experiment = q.items.flatMap { survey.experimentsMentioned(in: $0.condition) }.first
      var byArm: [String: Int] = [:]
      for r in ranges { if let arm = r.arm { byArm[arm] = r.maximum } }
      let e = experiment.flatMap { evaluator.slot[$0] } ?? -1
      countExperiment[s] = e
      countStart[s] = countByArm.count
      if e >= 0 {
        countByArm += armNames[armStart[e]..<(armStart[e] + armCount[e])].map { byArm[$0] ?? -1 }
      }
      countFallback[s] = ranges.map(\.maximum).max() ?? q.items.count
    }
    (self.armNames, self.armStart, self.armCount) = (armNames, armStart, armCount)
    (self.countExperiment, self.countStart, self.countByArm, self.countFallback) =
      (countExperiment, countStart, countByArm, countFallback)
  }

  /// Where a column named in the survey's terms goes.
  func target(of column: String) -> Target {
    if column == respondentIDColumn { return .respondent }
    if let s = evaluator.slot[column] { return .variable(s) }
    if let r = column.range(of: "___") {
      let question = String(column[..<r.lowerBound])
      var codeText = column[r.upperBound...]
      var sign = 1
      if codeText.first == "m" {
        sign = -1
        codeText = codeText.dropFirst()
      }
      if let s = evaluator.slot[question], variables[s].kind == .multiple, let code = Int(codeText),
        variables[s].list?.choice(code: sign * code) != nil
      {
        return .option(s, code: sign * code)
      }
    }
    return .unknown(column)
  }

  /// Extends the column plan to `columns` (JSON sources add columns as keys appear).
  mutating func plan(_ columns: [String]) {
    while targets.count < columns.count {
      let target = target(of: columns[targets.count])
      targets.append(target)
      fieldPlan.append(FieldPlan(target))
    }
  }

  /// Checks one record, whose values are parallel to the planned columns, and appends its typed
  /// answers (one per variable, in data order) to `answers`: written where they are kept, so a
  /// record's answers are neither copied nor counted again.
  ///
  /// `digits`, when the source offers it (``RecordSource/digits``), says which values are one or
  /// two ASCII digits, and their number: such a value is a code or a number read without
  /// looking at its text. It changes nothing else.
  mutating func check(_ values: [String?], digits: [Int16] = [], appendingTo answers: inout [Answer]) -> Outcome {
    let n = variables.count
    let base = answers.count
    answers.append(contentsOf: repeatElement(Answer.notAsked, count: n))
    return answers.withUnsafeMutableBufferPointer { all in
      digits.withUnsafeBufferPointer { digits in
        check(values, digits, UnsafeMutableBufferPointer(rebasing: all[base..<(base + n)]))
      }
    }
  }

  /// Checks one record into `answers`, which holds one `.notAsked` per variable.
  private mutating func check(
    _ values: [String?], _ digits: UnsafeBufferPointer<Int16>, _ answers: UnsafeMutableBufferPointer<Answer>
  ) -> Outcome {
    let n = variables.count
    var field = self.field
    var padded = self.padded
    var options = self.options
    self.field = []
    self.padded = []
    self.options = []
    defer {
      self.field = field
      self.padded = padded
      self.options = options
    }
    if field.count != n {
      field = [Int](repeating: -1, count: n)
      padded = [String?](repeating: nil, count: n)
      options = [[Int]?](repeating: nil, count: n)
    } else {
      field.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
      options.withUnsafeMutableBufferPointer { options in
        for s in 0..<n where options[s] != nil { options[s] = nil }
      }
    }
    let written = UnsafeBufferPointer(answers)
    var anyPadded = false
    defer {
      if anyPadded { for s in 0..<n { padded[s] = nil } }
    }
    /// Variable `s`'s value (trimmed, except for free text), if it has one.
    func raw(_ s: Int) -> String? {
      let f = field[s]
      if f < 0 { return nil }
      if anyPadded, let p = padded[s] { return p }
      return values[f]
    }
    var badOptions: [Int] = []
    var respondent: String?
    var reasons: [QuarantineReason] = []
    /// The number variable `s`'s value spells in one or two digits, if the source says so.
    func number(_ s: Int) -> Int? {
      let f = field[s]
      return f >= 0 && f < digits.count ? SourceDigits.number(digits[f]) : nil
    }
    fieldPlan.withUnsafeBufferPointer { plan in
      for i in 0..<min(values.count, plan.count) {
        let target = plan[i]
        // Digits are neither empty nor padded, and a lone 0 or 1 is an option's flag.
        if i < digits.count, digits[i] >= 0 {
          switch target.kind {
          case .variable:
            field[target.slot] = i
            continue
          case .option where digits[i] <= 1:
            let s = target.slot
            if digits[i] == 1 {
              if options[s] == nil { options[s] = [target.code] } else { options[s]?.append(target.code) }
            } else if options[s] == nil {
              options[s] = []
            }
            continue
          default: break
          }
        }
        guard let value = values[i] else { continue }
        switch target.kind {
        case .respondent:
          let id = trimmed(value)
          if !id.isEmpty { respondent = id }
        case .variable:
          let s = target.slot
          if !Self.isPadded(value) {
            if !value.isEmpty { field[s] = i }
          } else {
            let v = trimmed(value)
            if !v.isEmpty {
              field[s] = i
              if slots[s].kind != .text {
                padded[s] = v
                anyPadded = true
              }
            }
          }
        case .option:
          let s = target.slot
          switch Self.optionFlag(trimmed(value)) {
          case true?:
            if options[s] == nil { options[s] = [target.code] } else { options[s]?.append(target.code) }
          case false?: if options[s] == nil { options[s] = [] }
          case nil: badOptions.append(s)
          }
        case .unknown:
          if !trimmed(value).isEmpty, case .unknown(let name) = targets[i] {
            reasons.append(QuarantineReason(.unknownColumn, column: name, "'\(name)' is not a question of the survey"))
          }
        }
      }
    }
    var redactions: [RedactionKind: Int] = [:]
    for s in 0..<n {
      // Not retained: `slots` holds every slot for the checker's lifetime (this saves two atomic
      // reference-count operations per variable per record).
      unowned(unsafe) let v = slots[s]
      var given: Answer?
      if v.kind == .multiple {
        if badOptions.contains(s) {
          reasons.append(
            QuarantineReason(
              .malformedSelection, column: v.name, "'\(v.name)': an option column holds something other than 0 or 1"))
        }
        if let text = raw(s) {
          given = parseSelection(text, s, &reasons)
          // ODK Central writes both forms; they must agree.
          if let chosen = options[s], !chosen.isEmpty, case .codes(let codes)? = given, codes != chosen.sorted() {
            reasons.append(
              QuarantineReason(
                .malformedSelection, column: v.name,
                "'\(v.name)' is given both as one column and as option columns, and they differ"))
          }
        } else if let chosen = options[s], !chosen.isEmpty {
          given = .codes(chosen.sorted())
        }
      } else if let text = raw(s) {
        given = parse(text, number(s), s, written, &reasons, &redactions)
      }
      let shown = v.kind == .arm || evaluator.isShown(s, in: written)
      if !shown {
        if field[s] >= 0 || options[s]?.isEmpty == false {
          reasons.append(
            QuarantineReason(
              .answeredWhenSkipped, column: v.name, "'\(v.name)' is answered but routing skips it for this respondent"))
        }
        answers[s] = .notAsked
        continue
      }
      guard let given else {
        if field[s] < 0, options[s]?.isEmpty != false {
          if v.kind == .arm {
            reasons.append(QuarantineReason(.armMissing, column: v.name, "no arm of experiment '\(v.name)'"))
          } else if v.isRequired {
            reasons.append(
              QuarantineReason(.requiredMissing, column: v.name, "'\(v.name)' is required but not answered"))
          }
          answers[s] = .notAnswered
        }
        // Otherwise the value did not parse; the reason is recorded.
        continue
      }
      answers[s] = given
      // A missing code or blank is not checked; a check that needs an answer another question
      // does not have is false, like any comparison with it (see the survey language guide).
      if !evaluator.constraints[s].isEmpty, isSubstantive(given) {
        for (k, program) in evaluator.constraints[s].enumerated()
        where !evaluator.isTrue(program, in: written, value: given) {
          reasons.append(
            QuarantineReason(
              .failsValidation, column: v.name,
              "'\(v.name)' fails its 'valid if' check" + (validationMessage(s, k).map { ": \"\($0)\"" } ?? "")))
          break
        }
      }
    }
    return Outcome(respondent: respondent, reasons: reasons, redactions: redactions)
  }

  /// The message of variable `s`'s `k`th `valid if` check in the survey's first language (a
  /// text of the survey, never of a respondent), or nil if it has none.
  func validationMessage(_ s: Int, _ k: Int) -> String? {
    let constraints = variables[s].constraints
    guard k < constraints.count else { return nil }
    let text = constraints[k].message.text(in: language, fallback: "")
    return text.isEmpty ? nil : text
  }

  func isSubstantive(_ a: Answer) -> Bool {
    switch a {
    case .missing, .notAnswered, .notAsked: false
    default: true
    }
  }

  /// The code a value of variable `s` stands for (a code or an option name), and whether it is
  /// a missing code.
  func lookup(_ text: String, _ s: Int) -> (code: Int, missing: Bool)? {
    if let n = decimalInteger(text) {
      let range = codeRanges[s]
      if range.count > 0 {
        let i = n &- range.lowest
        if i >= 0, i < range.count {
          let entry = codeBytes[range.start + i]
          if entry != 0 { return (n, entry == 2) }
        }
      } else if let missing = slots[s].codes[n] {
        return (n, missing)
      }
    }
    return slots[s].names[text]
  }

  /// ``lookup(_:_:)`` of a value that is `n` in one or two digits: `.some(nil)` when it is not a
  /// code, nil when only its text can tell (a list with an option named in digits).
  func lookup(digits n: Int, _ s: Int) -> (code: Int, missing: Bool)?? {
    if digitNames[s] { return nil }
    let range = codeRanges[s]
    if range.count > 0 {
      let i = n &- range.lowest
      guard i >= 0, i < range.count else { return .some(nil) }
      let entry = codeBytes[range.start + i]
      return entry != 0 ? (n, entry == 2) : .some(nil)
    }
    return .some(slots[s].codes[n].map { (n, $0) })
  }

  /// Parses one value for variable `s`; `number` is the number it spells when the source says
  /// it is one or two digits.
  func parse(
    _ text: String, _ number: Int?, _ s: Int, _ answers: UnsafeBufferPointer<Answer>,
    _ reasons: inout [QuarantineReason],
    _ redactions: inout [RedactionKind: Int]
  ) -> Answer? {
    unowned(unsafe) let v = slots[s]  // held by `slots`, as in `check`
    switch v.kind {
    case .arm:
      guard let arm = armName(text, s) else {
        reasons.append(
          QuarantineReason(.unknownArm, column: v.name, "'\(v.name)' holds an arm the experiment does not have"))
        return nil
      }
      return .arm(arm)
    case .single, .rating, .matrixItem, .yesNo:
      guard let choice = number.flatMap({ lookup(digits: $0, s) }) ?? lookup(text, s) else {
        reasons.append(
          QuarantineReason(
            .notACode, column: v.name, "'\(v.name)' holds a value that is not a code or name of list '\(v.listID)'"))
        return nil
      }
      return choice.missing ? .missing(choice.code) : .code(choice.code)
    case .integer, .count, .decimal:
      // Only offered missing codes are in a number's lookup: -8 is "Don't know", not minus eight.
      if let c = number.flatMap({ lookup(digits: $0, s) }) ?? lookup(text, s) { return .missing(c.code) }
      let value: Double?
      if let number {
        value = Double(number)
      } else if v.kind == .decimal {
        value = Double(text).flatMap { $0.isFinite ? $0 : nil }
      } else {
        value = decimalInteger(text).map(Double.init)
      }
      guard let x = value else {
        let what = v.kind == .decimal ? "a number" : "a whole number"
        reasons.append(QuarantineReason(.malformedNumber, column: v.name, "'\(v.name)' is not \(what)"))
        return nil
      }
      if let range = v.range, !range.contains(x) {
        reasons.append(
          QuarantineReason(.outOfRange, column: v.name, "'\(v.name)' is outside its range \(describe(range))"))
        return nil
      }
      if v.kind == .count {
        let maximum = countMaximum(s, answers)
        if x < 0 || x > Double(maximum) {
          reasons.append(
            QuarantineReason(.outOfRange, column: v.name, "'\(v.name)' must be a count from 0 to \(maximum)"))
          return nil
        }
      }
      return .number(x)
    case .date:
      if let c = lookup(text, s) { return .missing(c.code) }
      guard Self.isDate(text) else {
        reasons.append(QuarantineReason(.malformedDate, column: v.name, "'\(v.name)' is not a date written YYYY-MM-DD"))
        return nil
      }
      return .date(text)
    case .text:
      if v.isIdentifier { return .text(text) }
      let r = redactor.redact(text)
      for (kind, count) in r.counts { redactions[kind, default: 0] += count }
      return .text(r.text)
    case .multiple:
      return nil
    }
  }

  /// The largest count a count question allows for this respondent's arm.
  func countMaximum(_ s: Int, _ answers: UnsafeBufferPointer<Answer>) -> Int {
    let e = countExperiment[s]
    if e == -2 { return Int.max }
    if e >= 0, case .arm(let arm) = answers[e] {
      for k in 0..<armCount[e] where armNames[armStart[e] + k] == arm {
        let m = countByArm[countStart[s] + k]
        if m >= 0 { return m }
        break
      }
    }
    return countFallback[s]
  }

  /// An arm of arm variable `s` given by name, or by its number (from 1) in the survey.
  func armName(_ text: String, _ s: Int) -> String? {
    let names = armStart[s]..<(armStart[s] + armCount[s])
    for k in names where armNames[k] == text { return armNames[k] }
    guard let i = Int(text), i >= 1, i <= names.count else { return nil }
    return armNames[names.lowerBound + i - 1]
  }

  /// A multiple-choice answer written in one column: codes or option names separated by spaces,
  /// semicolons or commas.
  func parseSelection(_ text: String, _ s: Int, _ reasons: inout [QuarantineReason]) -> Answer? {
    let v = slots[s]
    var codes: [Int] = []
    for token in text.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "," }) {
      let t = String(token)
      guard let c = lookup(t, s) else {
        reasons.append(
          QuarantineReason(.notACode, column: v.name, "'\(v.name)' holds a selection that is not in list '\(v.listID)'")
        )
        return nil
      }
      if !codes.contains(c.code) { codes.append(c.code) }
    }
    return codes.isEmpty ? nil : .codes(codes.sorted())
  }

  func describe(_ r: NumericRange) -> String {
    func f(_ x: Double?) -> String {
      guard let x else { return "" }
      return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
    return "\(f(r.lower))..\(f(r.upper))"
  }

  /// Whether `s` starts or ends with a space or tab, or ends with a carriage return.
  static func isPadded(_ s: String) -> Bool {
    let ends = s.utf8.withContiguousStorageIfAvailable { bytes in (bytes.first, bytes.last) }
    guard let first = ends.map({ $0.0 }) ?? s.utf8.first, let last = ends.map({ $0.1 }) ?? s.utf8.last else {
      return false
    }
    return first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 || last == 0x0D
  }

  /// `s` without spaces and tabs at either end (and a carriage return at the end).
  func trimmed(_ s: String) -> String {
    // The ends are read from the string's own bytes: `utf8.last` walks an index backwards.
    let ends = s.utf8.withContiguousStorageIfAvailable { bytes in (bytes.first, bytes.last) }
    guard let first = ends.map({ $0.0 }) ?? s.utf8.first, let last = ends.map({ $0.1 }) ?? s.utf8.last else {
      return s
    }
    if first != 0x20, first != 0x09, last != 0x20, last != 0x09, last != 0x0D { return s }
    return s.trimmingCharacters(in: .whitespaces)
  }

  /// What an option column's (trimmed) value says: chosen, not chosen, or nil for neither.
  static func optionFlag(_ text: String) -> Bool? {
    // The usual values by their bytes; the rest by comparison.
    let quick = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool?? in
      if bytes.isEmpty { return .some(false) }
      if bytes.count == 1 {
        switch bytes[0] {
        case UInt8(ascii: "1"): return .some(true)
        case UInt8(ascii: "0"): return .some(false)
        default: return nil
        }
      }
      return nil
    }
    if let quick, let known = quick { return known }
    switch text {
    case "1", "1.0", "true", "TRUE", "Y", "y": return true
    case "0", "0.0", "", "false", "FALSE", "N", "n": return false
    default: return nil
    }
  }

  /// Whether `text` is a real calendar date written `YYYY-MM-DD`.
  static func isDate(_ text: String) -> Bool {
    let b = Array(text.utf8)
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
    func number(_ r: Range<Int>) -> Int? {
      var n = 0
      for i in r {
        guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
        n = n * 10 + Int(b[i] - 0x30)
      }
      return n
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m), d >= 1 else {
      return false
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return d <= days[m - 1]
  }
}

/// The integer `text` spells, exactly as `Int(text)` reads it (an optional sign and decimal
/// digits, nothing else; nil on overflow), without the generic parser's cost per value.
func decimalInteger(_ text: String) -> Int? {
  if let n = text.utf8.withContiguousStorageIfAvailable({ decimalInteger($0) }) { return n }
  var text = text
  return text.withUTF8 { decimalInteger($0) }
}

/// The integer the bytes spell, as ``decimalInteger(_:)-(String)`` reads it.
func decimalInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
  guard let first = bytes.first else { return nil }
  var i = 0
  let negative = first == UInt8(ascii: "-")
  if negative || first == UInt8(ascii: "+") { i = 1 }
  guard i < bytes.count else { return nil }
  var n = 0
  while i < bytes.count {
    let d = bytes[i] &- UInt8(ascii: "0")
    guard d < 10 else { return nil }
    // Accumulated negatively, so that Int.min reads too.
    let (times10, o1) = n.multipliedReportingOverflow(by: 10)
    let (next, o2) = times10.subtractingReportingOverflow(Int(d))
    if o1 || o2 { return nil }
    n = next
    i += 1
  }
  if negative { return n }
  return n == .min ? nil : -n
}
