public import ConfideDiagnostics
public import ConfideModel

/// Checks a parsed survey like a compiler: names, types, routing, translations, experiments and
/// constructs. Reports every problem it finds; never stops at the first.
public enum SurveyChecker {
  /// Resolves references (declared missing codes named in lists) and checks the survey.
  ///
  /// - Returns: the resolved survey and the semantic diagnostics.
  public static func check(_ survey: Survey, file: String) -> (Survey, [Diagnostic]) {
    var checker = Checker(survey: survey, file: file)
    checker.run()
    return (checker.survey, checker.diagnostics)
  }
}

/// The type of a value in a condition.
indirect enum ValueType {
  case boolean
  /// A number; `variable` names the question it came from, whose missing codes may be named.
  case number(variable: String?)
  case choice(list: ChoiceList, variable: String)
  case multiple(list: ChoiceList, variable: String)
  case text(variable: String)
  case date(variable: String?)
  case string(String)
  case arm(Experiment)
  /// A name that is not a variable (a choice or arm name, resolved by the comparison).
  case bareName(String, SourceRange?)
  /// Already reported.
  case error

  var describe: String {
    switch self {
    case .boolean: "a condition"
    case .number: "a number"
    case .choice: "a choice"
    case .multiple: "a multiple-choice question"
    case .text: "free text"
    case .date: "a date"
    case .string: "a string"
    case .arm: "an experiment's arm"
    case .bareName: "a name"
    case .error: "invalid"
    }
  }
}

struct Checker {
  var survey: Survey
  let file: String
  var diagnostics: [Diagnostic] = []

  /// Position of each variable (question, matrix row) in questionnaire order, from 1.
  var position: [String: Int] = [:]
  /// Where each name in the shared namespace was declared, and what it is.
  var declared: [String: (kind: String, range: SourceRange?)] = [:]
  /// The question each matrix row belongs to.
  var rowOwner: [String: String] = [:]
  var variables: [String: Question] = [:]
  /// References between items: from the owner to the item referred to (matrix rows are mapped
  /// to their matrix), with the name as written and whether it was piping or routing.
  var edges: [(from: String, to: String, name: String, piping: Bool, range: SourceRange?)] = []
  /// Questions whose conditions type-checked, so routing analysis can use them.
  var wellTyped: Set<String> = []
  var usedLists: Set<String> = []
  /// The position of each section's first item: its condition may refer only to items before it.
  var sectionPosition: [String: Int] = [:]
  /// The sections with `shuffle`, and the section of each item.
  var shuffledSections: Set<String> = []
  var sectionOf: [String: String] = [:]

  init(survey: Survey, file: String) {
    self.survey = survey
    self.file = file
  }

  mutating func emit(_ d: Diagnostic) { diagnostics.append(d) }

  func range(_ span: SourceSpan) -> SourceRange {
    span.range ?? SourceRange(start: SourceLocation(file: file, line: 1, column: 1))
  }

  mutating func run() {
    checkHeader()
    resolveMissingCodes()
    checkLists()
    declareNames()
    checkExperiments()
    checkQuestions()
    checkConstructs()
    checkCycles()
    checkRouting()
    checkTranslations()
    for list in survey.lists where !usedLists.contains(list.id) {
      emit(Catalogue.unusedList(list.id, range(list.span)))
    }
  }

  // MARK: - Header, lists, names

  mutating func checkHeader() {
    guard !survey.id.isEmpty else { return }
    let header = range(survey.span)
    if survey.languages.isEmpty { emit(Catalogue.missingLanguages(header)) }
    if survey.version.isEmpty { emit(Catalogue.missingVersion(header)) }
    if survey.title.isEmpty { emit(Catalogue.missingText("the survey", header)) }
    var seen: [String: SourceSpan] = [:]
    for (i, l) in survey.languages.enumerated() {
      let span = i < survey.languageSpans.count ? survey.languageSpans[i] : survey.span
      if let earlier = seen[l] {
        emit(Catalogue.duplicateID("language", l, range(span), earlier: earlier.range))
      } else {
        seen[l] = span
      }
    }
  }

  mutating func resolveMissingCodes() {
    var names: [String: Choice] = [:]
    var codes: [Int: Choice] = [:]
    for m in survey.missingCodes {
      if let earlier = names[m.name] {
        emit(Catalogue.duplicateID("missing code", m.name, range(m.span), earlier: earlier.span.range))
      } else {
        names[m.name] = m
      }
      if let earlier = codes[m.code] {
        emit(Catalogue.duplicateCode(m.code, list: "missing codes", range(m.span), earlier: earlier.span.range))
      } else {
        codes[m.code] = m
      }
    }
    let declaredNames = survey.missingCodes.map(\.name)
    var found: [Diagnostic] = []
    func resolve(_ list: inout ChoiceList) {
      list.choices = list.choices.compactMap { c in
        guard c.code == Int.min else { return c }
        guard var m = names[c.name] else {
          found.append(
            Catalogue.unknownMissingCode(
              c.name, range(c.span), suggestion: Suggest.closest(to: c.name, in: declaredNames)))
          return nil
        }
        m.span = c.span
        return m
      }
    }
    var lists = survey.lists
    for i in lists.indices { resolve(&lists[i]) }
    survey.lists = lists
    var sections = survey.sections
    for s in sections.indices {
      for q in sections[s].questions.indices {
        if var inline = sections[s].questions[q].inlineChoices {
          resolve(&inline)
          sections[s].questions[q].inlineChoices = inline
        }
        let question = sections[s].questions[q]
        for (i, name) in question.missing.enumerated() where names[name] == nil {
          let span = i < question.missingSpans.count ? question.missingSpans[i] : question.span
          found.append(
            Catalogue.unknownMissingCode(
              name, range(span), suggestion: Suggest.closest(to: name, in: declaredNames)))
        }
      }
    }
    survey.sections = sections
    diagnostics += found
  }

  mutating func checkList(_ list: ChoiceList) {
    if list.choices.isEmpty { emit(Catalogue.emptyList(list.id, range(list.span))) }
    var codes: [Int: Choice] = [:]
    var names: [String: Choice] = [:]
    for c in list.choices {
      if let earlier = codes[c.code] {
        emit(Catalogue.duplicateCode(c.code, list: list.id, range(c.span), earlier: earlier.span.range))
      } else {
        codes[c.code] = c
      }
      if let earlier = names[c.name] {
        emit(Catalogue.duplicateName(c.name, list: list.id, range(c.span), earlier: earlier.span.range))
      } else {
        names[c.name] = c
      }
    }
  }

  mutating func checkLists() {
    var seen: [String: ChoiceList] = [:]
    for list in survey.lists {
      if let earlier = seen[list.id] {
        emit(Catalogue.duplicateID("list", list.id, range(list.span), earlier: earlier.span.range))
      } else {
        seen[list.id] = list
      }
      checkList(list)
    }
  }

  /// Declares `id` in the shared namespace; reports and returns false if it is taken.
  @discardableResult
  mutating func declare(_ id: String, kind: String, _ span: SourceSpan) -> Bool {
    if let earlier = declared[id] {
      emit(Catalogue.duplicateID(kind, id, range(span), earlier: earlier.range, earlierKind: earlier.kind))
      return false
    }
    declared[id] = (kind, span.range)
    return true
  }

  mutating func declareNames() {
    for e in survey.experiments { declare(e.id, kind: "experiment", e.span) }
    var p = 0
    for section in survey.sections {
      declare(section.id, kind: "section", section.span)
      if section.shuffle { shuffledSections.insert(section.id) }
      for q in section.questions {
        if case .vignette(let e) = q.type {
          // A vignette's condition may refer to anything asked before it.
          sectionPosition[Self.presentKey(e)] = p + 1
          continue
        }
        p += 1
        guard declare(q.id, kind: q.type == .note ? "note" : "question", q.span) else { continue }
        position[q.id] = p
        variables[q.id] = q
        sectionOf[q.id] = section.id
        if q.type.isMatrix {
          for row in q.items where declare(row.id, kind: "matrix item", row.span) {
            position[row.id] = p
            rowOwner[row.id] = q.id
            sectionOf[row.id] = section.id
          }
        }
      }
    }
    for c in survey.constructs { declare(c.id, kind: "construct", c.span) }
  }

  /// The owner key of a `present` line's condition.
  static func presentKey(_ experiment: String) -> String { "present " + experiment }

  var variableNames: [String] {
    Array(position.keys) + survey.experiments.map(\.id)
  }

  // MARK: - Experiments

  mutating func checkExperiments() {
    let presented = Set(
      survey.questions.compactMap { q -> String? in
        if case .vignette(let e) = q.type { return e }
        return nil
      })
    for e in survey.experiments {
      if e.arms.count < 2 { emit(Catalogue.tooFewArms(e.id, count: e.arms.count, range(e.span))) }
      var seen: [String: Arm] = [:]
      for arm in e.arms {
        if let earlier = seen[arm.id] {
          emit(Catalogue.duplicateID("arm", arm.id, range(arm.span), earlier: earlier.span.range))
        } else {
          seen[arm.id] = arm
        }
        if arm.ratio <= 0 {
          emit(Catalogue.invalidRatio(range(arm.span)))
        }
      }
      let controls = e.arms.filter(\.isControl)
      if controls.count > 1 { emit(Catalogue.multipleControlArms(e.id, range(controls[1].span))) }
      if presented.contains(e.id) {
        for arm in e.arms where arm.text.isEmpty {
          emit(Catalogue.missingText("arm '\(arm.id)' of '\(e.id)'", range(arm.span)))
        }
      } else if e.kind == .vignette, e.arms.contains(where: { !$0.text.isEmpty }) {
        emit(Catalogue.experimentNeverShown(e.id, range(e.span)))
      }
    }
  }

  // MARK: - Questions

  mutating func checkQuestions() {
    for section in survey.sections {
      let first = section.questions.compactMap { position[$0.id] }.first ?? ((position.values.max() ?? 0) + 1)
      sectionPosition[section.id] = first
      if let condition = section.condition {
        var ctx = ExpressionContext(owner: section.id, position: first)
        let t = typeOf(condition, &ctx)
        requireBoolean(t, condition)
        if !ctx.hadError { wellTyped.insert("section:" + section.id) }
      }
      checkPiping(section.title, owner: section.id, position: first)
      for q in section.questions { checkQuestion(q) }
    }
  }

  mutating func checkQuestion(_ q: Question) {
    if case .vignette(let e) = q.type {
      if survey.experiment(e) == nil {
        emit(
          Catalogue.unknownExperiment(
            e, range(q.span), suggestion: Suggest.closest(to: e, in: survey.experiments.map(\.id))))
      }
      let key = Self.presentKey(e)
      checkCondition(q.condition, owner: key, position: sectionPosition[key] ?? 0, key: key)
      return
    }
    let p = position[q.id] ?? 0
    if q.text.isEmpty { emit(Catalogue.missingText("\(q.type.keyword == "note" ? "note" : "question") '\(q.id)'", range(q.span))) }

    // The list the answers come from.
    if let inline = q.inlineChoices { checkList(inline) }
    if let id = q.type.listID, q.inlineChoices == nil, !id.isEmpty {
      usedLists.insert(id)
      if survey.list(id) == nil {
        emit(
          Catalogue.unknownList(
            id, listRange(q), suggestion: Suggest.closest(to: id, in: survey.lists.map(\.id))))
      } else if case .yesNo = q.type, let list = survey.list(id) {
        let valid = Set(list.validChoices.map(\.code))
        if valid != [0, 1] { emit(Catalogue.invalidYesNoList(id, listRange(q))) }
        if list.id == ChoiceList.yesNoID, !survey.lists.contains(where: { $0.id == list.id }) {
          // The built-in labels are English only.
          for language in survey.languages where language != "en" {
            emit(Catalogue.builtInYesNoUntranslated(language, range(q.span)))
          }
        }
      }
    }
    if q.shuffle {
      switch q.type {
      case .single, .multiple, .matrix: break
      default: emit(Catalogue.shuffleNotApplicable(q.type.keyword, range(q.span)))
      }
    }
    // Ranges.
    if let r = q.range {
      if let lo = r.lower, let hi = r.upper, lo > hi { emit(Catalogue.invalidRange(range(r.span))) }
      switch q.type {
      case .integer, .decimal: break
      default:
        emit(
          Catalogue.typeMismatch(
            "a range applies to integer and decimal questions, not '\(q.type.keyword)'",
            range(r.span)))
      }
    }
    if q.isReversed {
      switch q.type {
      case .rating: break
      case .matrix: emit(Catalogue.reverseOnMatrix(q.id, range(q.span)))
      default: emit(Catalogue.reverseNotScaled(q.id, range(q.span)))
      }
    }
    switch q.type {
    case .matrix:
      if q.items.isEmpty {
        emit(
          Catalogue.typeMismatch(
            "matrix '\(q.id)' has no items", range(q.span),
            notes: [Note("add rows such as: item trust_gp \"I trust my GP with my records\"")]))
      }
    case .count:
      if q.items.isEmpty { emit(Catalogue.countWithoutItems(q.id, range(q.span))) }
    default:
      if !q.items.isEmpty, let first = q.items.first {
        emit(
          Catalogue.typeMismatch(
            "only matrix and count questions have items", range(first.span)))
      }
    }
    var itemIDs: [String: SubItem] = [:]
    for item in q.items {
      if !q.type.isMatrix {
        if let earlier = itemIDs[item.id] {
          emit(Catalogue.duplicateID("item", item.id, range(item.span), earlier: earlier.span.range))
        }
        itemIDs[item.id] = item
      }
      if item.isReversed, !q.type.isMatrix { emit(Catalogue.reverseNotScaled(item.id, range(item.span))) }
      if item.text.isEmpty { emit(Catalogue.missingText("item '\(item.id)'", range(item.span))) }
      checkCondition(item.condition, owner: q.id, position: p, key: q.id + "." + item.id)
      checkPiping(item.text, owner: q.id, position: p)
    }
    checkCondition(q.condition, owner: q.id, position: p, key: q.id)
    for c in q.constraints {
      var ctx = ExpressionContext(owner: q.id, position: p + 1, value: valueType(of: q))
      let t = typeOf(c.condition, &ctx)
      requireBoolean(t, c.condition)
      checkPiping(c.message, owner: q.id, position: p + 1, allowOwn: true)
    }
    checkPiping(q.text, owner: q.id, position: p)
    if let hint = q.hint { checkPiping(hint, owner: q.id, position: p) }
  }

  /// Where the question's list name was written (its id if the name is implicit).
  func listRange(_ q: Question) -> SourceRange {
    q.listSpan.range ?? range(q.span)
  }

  mutating func checkCondition(_ condition: Expression?, owner: String, position: Int, key: String) {
    guard let condition else { return }
    var ctx = ExpressionContext(owner: owner, position: position)
    let t = typeOf(condition, &ctx)
    requireBoolean(t, condition)
    if !ctx.hadError { wellTyped.insert(key) }
  }

  mutating func requireBoolean(_ t: ValueType, _ e: Expression) {
    switch t {
    case .boolean, .error: break
    default:
      var notes: [Note] = []
      if case .choice(let list, let v) = t, let first = list.validChoices.first {
        notes.append(Note("compare it with an option, e.g. \(v) = \(first.name)"))
      }
      emit(Catalogue.typeMismatch("expected a condition, found \(t.describe)", range(e.span), notes: notes))
    }
  }

  func valueType(of q: Question) -> ValueType {
    switch q.type {
    case .integer, .decimal, .count: .number(variable: q.id)
    case .date: .date(variable: q.id)
    case .text: .text(variable: q.id)
    case .multiple: survey.choices(for: q).map { .multiple(list: $0, variable: q.id) } ?? .error
    default: survey.choices(for: q).map { .choice(list: $0, variable: q.id) } ?? .error
    }
  }

  // MARK: - Piping

  /// Checks `{name}` references in each language's text.
  mutating func checkPiping(_ text: LocalizedText, owner: String, position: Int, allowOwn: Bool = false) {
    for (language, value) in text.values.sorted(by: { $0.key < $1.key }) {
      for (name, offset) in Piping.references(in: value) {
        if allowOwn, name == owner { continue }
        let base = text.spans[language]?.range
        let at = base.map { r in
          // Point at the name inside the quoted text: after the quote, the escapes before the
          // name (each written with one more character) and the brace.
          let prefix = value.unicodeScalars.prefix(offset)
          let escapes = prefix.count { $0 == "\"" || $0 == "\\" || $0 == "\n" || $0 == "\t" }
          let column = r.start.column + 1 + offset + escapes + 1
          let start = SourceLocation(file: r.start.file, line: r.start.line, column: column)
          return SourceRange(
            start: start,
            end: SourceLocation(file: start.file, line: start.line, column: column + name.unicodeScalars.count))
        }
        var ctx = ExpressionContext(owner: owner, position: position, piping: true)
        let t = typeOf(.name(name, SourceSpan(at)), &ctx)
        if case .bareName = t {
          emit(
            Catalogue.unknownQuestion(
              name, at ?? range(SourceSpan()), suggestion: Suggest.closest(to: name, in: variableNames)))
        }
      }
    }
  }

  // MARK: - Constructs

  mutating func checkConstructs() {
    for c in survey.constructs {
      var scale: (id: String, range: SourceRange?)?
      for (i, item) in c.items.enumerated() {
        let at = range(i < c.itemSpans.count ? c.itemSpans[i] : c.span)
        guard position[item] != nil else {
          if let kind = declared[item]?.kind {
            emit(Catalogue.constructItemNotScaled(item, construct: c.id, at, kind: kind))
          } else {
            emit(
              Catalogue.unknownQuestion(
                item, at, suggestion: Suggest.closest(to: item, in: Array(position.keys))))
          }
          continue
        }
        let owner = rowOwner[item].flatMap { variables[$0] } ?? variables[item]
        let scaleID: String?
        switch owner?.type {
        case .rating(let s)?, .matrix(let s)?: scaleID = owner?.inlineChoices == nil ? s : owner?.id
        default: scaleID = nil
        }
        guard let scaleID else {
          emit(Catalogue.constructItemNotScaled(item, construct: c.id, at))
          continue
        }
        if let s = scale {
          if s.id != scaleID {
            emit(
              Catalogue.constructScaleMismatch(
                item, scale: scaleID, construct: c.id, expected: s.id, at, first: s.range))
          }
        } else {
          scale = (scaleID, at)
        }
      }
      for (i, r) in c.reversed.enumerated() where !c.items.contains(r) {
        let at = range(i < c.reversedSpans.count ? c.reversedSpans[i] : c.span)
        emit(
          Catalogue.typeMismatch(
            "'\(r)' is reverse-scored but is not one of the items of '\(c.id)'", at,
            notes: Suggest.closest(to: r, in: c.items).map { [Note("did you mean '\($0)'?")] } ?? []))
      }
      if c.items.count < 2 { emit(Catalogue.constructTooFewItems(c.id, range(c.span))) }
      if let m = c.minimumItems, m > c.items.count {
        emit(
          Catalogue.typeMismatch(
            "construct '\(c.id)' asks for at least \(m) answered items but has \(c.items.count)",
            range(c.span)))
      }
    }
  }

  // MARK: - Cycles and forward references

  mutating func checkCycles() {
    // Strongly connected components (Tarjan) over the reference graph.
    var graph: [String: [String]] = [:]
    for e in edges { graph[e.from, default: []].append(e.to) }
    var index = 0
    var indices: [String: Int] = [:]
    var low: [String: Int] = [:]
    var stack: [String] = []
    var onStack: Set<String> = []
    var component: [String: Int] = [:]
    var componentSize: [Int: Int] = [:]
    var componentCount = 0
    func strongConnect(_ v: String) {
      indices[v] = index
      low[v] = index
      index += 1
      stack.append(v)
      onStack.insert(v)
      for w in graph[v] ?? [] {
        if indices[w] == nil {
          strongConnect(w)
          low[v] = min(low[v]!, low[w]!)
        } else if onStack.contains(w) {
          low[v] = min(low[v]!, indices[w]!)
        }
      }
      if low[v] == indices[v] {
        var size = 0
        while let w = stack.popLast() {
          onStack.remove(w)
          component[w] = componentCount
          size += 1
          if w == v { break }
        }
        componentSize[componentCount] = size
        componentCount += 1
      }
    }
    for v in graph.keys.sorted() where indices[v] == nil { strongConnect(v) }

    var reportedComponents: Set<Int> = []
    for e in edges {
      guard let r = e.range else { continue }
      if e.from == e.to {
        if e.name != e.to {
          // Another row of the same matrix: answered on the same screen.
          emit(Catalogue.sameMatrixReference(e.name, matrix: e.to, r))
        } else {
          emit(Catalogue.selfReference(e.to, piping: e.piping, r))
        }
        continue
      }
      let cf = component[e.from]
      if let cf, cf == component[e.to], (componentSize[cf] ?? 0) > 1 {
        if reportedComponents.insert(cf).inserted {
          emit(Catalogue.routingCycle(cyclePath(from: e.from, through: e.to, graph: graph), piping: e.piping, r))
        }
        continue
      }
      let from = position[e.from] ?? sectionPosition[e.from] ?? 0
      if let to = position[e.to], to >= from {
        emit(Catalogue.forwardReference(e.name, r, declared: declared[e.name]?.range))
      } else if let section = sectionOf[e.to], section == sectionOf[e.from], shuffledSections.contains(section) {
        emit(Catalogue.shuffledReference(e.name, section: section, r))
      }
    }
  }

  func cyclePath(from start: String, through next: String, graph: [String: [String]]) -> [String] {
    // Shortest path from `next` back to `start`, by breadth-first search.
    var previous: [String: String] = [:]
    var queue = [next]
    var seen: Set<String> = [next]
    while !queue.isEmpty {
      let v = queue.removeFirst()
      if v == start { break }
      for w in graph[v] ?? [] where seen.insert(w).inserted {
        previous[w] = v
        queue.append(w)
      }
    }
    var path = [start]
    var v = start
    while v != next, let p = previous[v] {
      path.append(p)
      v = p
    }
    return [start] + path.dropFirst().reversed() + [start]
  }
}

/// `{name}` references in a respondent-facing text.
public enum Piping {
  /// Each referenced name with its offset (in Unicode scalars) in the text.
  public static func references(in text: String) -> [(name: String, offset: Int)] {
    var out: [(String, Int)] = []
    let scalars = Array(text.unicodeScalars)
    var i = 0
    while i < scalars.count {
      if scalars[i] == "{" {
        var j = i + 1
        var name = ""
        while j < scalars.count, scalars[j] != "}", scalars[j] != "{" {
          name.unicodeScalars.append(scalars[j])
          j += 1
        }
        let trimmed = name.trimmingSpaces()
        if j < scalars.count, scalars[j] == "}", trimmed.isIdentifier {
          out.append((trimmed, i))
          i = j + 1
          continue
        }
      }
      i += 1
    }
    return out
  }
}

extension String {
  var isIdentifier: Bool {
    guard let first = unicodeScalars.first, first == "_" || first.properties.isAlphabetic && first.isASCII
    else { return false }
    return unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
  }

  func trimmingSpaces() -> String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
