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

/// Where an item sits in `survey.sections`.
struct ItemLocation {
  var section: Int
  var index: Int
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
  /// Every item in questionnaire order, as its place in `survey.sections`, and the options its
  /// answers come from (`Survey.choices(for:)`). Built once the missing codes are resolved, so
  /// that checks look items up without copying them or rebuilding their lists.
  var items: [ItemLocation] = []
  var itemLists: [ChoiceList?] = []
  /// The position in ``items`` of each declared question.
  var variables: [String: Int] = [:]
  /// `survey.list(id)` for each list id looked up so far.
  var listsByID: [String: ChoiceList?] = [:]
  /// References between items: from the owner to the item referred to (matrix rows are mapped
  /// to their matrix), with the name as written and whether it was piping or routing.
  var edges: [(from: String, to: String, name: String, piping: Bool, range: SourceRange?)] = []
  /// Questions whose conditions type-checked, so routing analysis can use them.
  var wellTyped: Set<String> = []
  var usedLists: Set<String> = []
  /// The position of each section's first item: its condition may refer only to items before it.
  var sectionPosition: [String: Int] = [:]
  /// The ids of the sections with `shuffle`, and the section of each item in a section with one
  /// of those ids (no other item's section is ever looked up).
  var shuffledSections: Set<String> = []
  var sectionOf: [String: String] = [:]

  init(survey: Survey, file: String) {
    self.survey = survey
    self.file = file
  }

  mutating func emit(_ d: Diagnostic) { diagnostics.append(d) }

  /// The item at `i` in ``items``.
  func question(_ i: Int) -> Question {
    survey.sections[items[i].section].questions[items[i].index]
  }

  /// The type of the item at `i`, read in place: copying a whole question touches all its parts.
  func itemType(_ i: Int) -> QuestionType {
    survey.sections[items[i].section].questions[items[i].index].type
  }

  func range(_ span: SourceSpan) -> SourceRange { Self.range(span, file: file) }

  /// The span's range, or the start of `file` when the element came from no source.
  static func range(_ span: SourceSpan, file: String) -> SourceRange {
    span.range ?? SourceRange(start: SourceLocation(file: file, line: 1, column: 1))
  }

  mutating func run() {
    checkHeader()
    resolveMissingCodes()
    indexItems()
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
    // `resolve` edits the survey in place, so it must not read `self`: it takes the file alone.
    let file = self.file
    func at(_ span: SourceSpan) -> SourceRange { Checker.range(span, file: file) }
    func resolve(_ list: inout ChoiceList) {
      // Most lists name no declared code: leave them (and the survey's storage) untouched.
      guard list.choices.contains(where: { $0.code == Int.min }) else { return }
      list.choices = list.choices.compactMap { c in
        guard c.code == Int.min else { return c }
        guard var m = names[c.name] else {
          found.append(
            Catalogue.unknownMissingCode(
              c.name, at(c.span), suggestion: Suggest.closest(to: c.name, in: declaredNames)))
          return nil
        }
        m.span = c.span
        return m
      }
    }
    for i in survey.lists.indices { resolve(&survey.lists[i]) }
    for s in survey.sections.indices {
      for q in survey.sections[s].questions.indices {
        if var inline = survey.sections[s].questions[q].inlineChoices,
          inline.choices.contains(where: { $0.code == Int.min })
        {
          resolve(&inline)
          survey.sections[s].questions[q].inlineChoices = inline
        }
        let missing = survey.sections[s].questions[q].missing
        for (i, name) in missing.enumerated() where names[name] == nil {
          let question = survey.sections[s].questions[q]
          let span = i < question.missingSpans.count ? question.missingSpans[i] : question.span
          found.append(
            Catalogue.unknownMissingCode(
              name, range(span), suggestion: Suggest.closest(to: name, in: declaredNames)))
        }
      }
    }
    diagnostics += found
  }

  /// `survey.list(id)`, looked up once per id.
  mutating func list(_ id: String) -> ChoiceList? {
    if let list = listsByID[id] { return list }
    let list = survey.list(id)
    listsByID[id] = list
    return list
  }

  /// Fills ``items`` and ``itemLists``.
  ///
  /// This loop and the other whole-survey loops read the few fields they need in place: copying
  /// every question, field by field, is a large part of checking a long survey.
  mutating func indexItems() {
    let count = survey.sections.reduce(0) { $0 + $1.questions.count }
    items.reserveCapacity(count)
    itemLists.reserveCapacity(count)
    for s in survey.sections.indices {
      let questions = survey.sections[s].questions
      for i in questions.indices {
        items.append(ItemLocation(section: s, index: i))
        let listID = questions[i].type.listID
        let hasInline = questions[i].inlineChoices != nil
        if !hasInline, listID == nil {
          // No options at all, whatever missing codes it offers.
          itemLists.append(nil)
        } else if !hasInline, questions[i].missing.isEmpty, let id = listID {
          // Questions that name a list and nothing else share that list.
          itemLists.append(list(id))
        } else {
          itemLists.append(survey.choices(for: questions[i]))
        }
      }
    }
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

  /// The matrix that the row named `name` belongs to. Most surveys have no matrices, and then
  /// no name needs hashing.
  func owner(ofRow name: String) -> String? {
    rowOwner.isEmpty ? nil : rowOwner[name]
  }

  mutating func declareNames() {
    // Size the tables once rather than let them regrow, which rehashes every name each time.
    declared.reserveCapacity(
      survey.experiments.count + survey.constructs.count + items.count + survey.sections.count)
    variables.reserveCapacity(items.count)
    for e in survey.experiments { declare(e.id, kind: "experiment", e.span) }
    for section in survey.sections where section.shuffle { shuffledSections.insert(section.id) }
    var p = 0
    var item = -1
    for section in survey.sections {
      declare(section.id, kind: "section", section.span)
      let recordsSection = shuffledSections.contains(section.id)
      let questions = section.questions
      for i in questions.indices {
        item += 1
        let type = questions[i].type
        if case .vignette(let e) = type {
          // A vignette's condition may refer to anything asked before it.
          sectionPosition[Self.presentKey(e)] = p + 1
          continue
        }
        p += 1
        let id = questions[i].id
        guard declare(id, kind: type == .note ? "note" : "question", questions[i].span) else { continue }
        position[id] = p
        variables[id] = item
        if recordsSection { sectionOf[id] = section.id }
        if type.isMatrix {
          for row in questions[i].items where declare(row.id, kind: "matrix item", row.span) {
            position[row.id] = p
            rowOwner[row.id] = id
            if recordsSection { sectionOf[row.id] = section.id }
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
    var presented: Set<String> = []
    for section in survey.sections {
      for i in section.questions.indices {
        if case .vignette(let e) = section.questions[i].type { presented.insert(e) }
      }
    }
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
    var item = 0
    for section in survey.sections {
      // The position of the section's first declared item (after the last item if it has none).
      var firstDeclared: Int?
      for q in section.questions {
        if let p = position[q.id] {
          firstDeclared = p
          break
        }
      }
      let first = firstDeclared ?? ((position.values.max() ?? 0) + 1)
      sectionPosition[section.id] = first
      if let condition = section.condition {
        var ctx = ExpressionContext(owner: section.id, position: first)
        let t = typeOf(condition, &ctx)
        requireBoolean(t, condition)
        if !ctx.hadError { wellTyped.insert("section:" + section.id) }
      }
      checkPiping(section.title, owner: section.id, position: first)
      for q in section.questions {
        checkQuestion(q, list: itemLists[item])
        item += 1
      }
    }
  }

  /// Checks the question `q`, whose answers come from `list`.
  mutating func checkQuestion(_ q: Question, list answers: ChoiceList?) {
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
    if q.text.isEmpty {
      emit(Catalogue.missingText("\(q.type.keyword == "note" ? "note" : "question") '\(q.id)'", range(q.span)))
    }

    // The list the answers come from.
    if let inline = q.inlineChoices { checkList(inline) }
    if let id = q.type.listID, q.inlineChoices == nil, !id.isEmpty {
      usedLists.insert(id)
      if list(id) == nil {
        emit(
          Catalogue.unknownList(
            id, listRange(q), suggestion: Suggest.closest(to: id, in: survey.lists.map(\.id))))
      } else if case .yesNo = q.type, let list = list(id) {
        // The valid codes must be exactly 0 and 1 (a set comparison, without building sets).
        var (zero, one, other) = (false, false, false)
        for choice in list.choices where !choice.isMissing {
          switch choice.code {
          case 0: zero = true
          case 1: one = true
          default: other = true
          }
        }
        if !(zero && one && !other) { emit(Catalogue.invalidYesNoList(id, listRange(q))) }
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
      if item.condition != nil {
        checkCondition(item.condition, owner: q.id, position: p, key: q.id + "." + item.id)
      }
      checkPiping(item.text, owner: q.id, position: p)
    }
    checkCondition(q.condition, owner: q.id, position: p, key: q.id)
    for c in q.constraints {
      var ctx = ExpressionContext(owner: q.id, position: p + 1, value: valueType(of: q, list: answers))
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

  /// The type of the answer to `q`, whose options are `list` (`survey.choices(for: q)`).
  func valueType(of q: Question, list: ChoiceList?) -> ValueType {
    valueType(type: q.type, id: q.id, list: list)
  }

  /// The type of the answer to a question of type `type` and id `id`, whose options are `list`.
  func valueType(type: QuestionType, id: String, list: ChoiceList?) -> ValueType {
    switch type {
    case .integer, .decimal, .count: .number(variable: id)
    case .date: .date(variable: id)
    case .text: .text(variable: id)
    case .multiple: list.map { .multiple(list: $0, variable: id) } ?? .error
    default: list.map { .choice(list: $0, variable: id) } ?? .error
    }
  }

  // MARK: - Piping

  /// Checks `{name}` references in each language's text.
  mutating func checkPiping(_ text: LocalizedText, owner: String, position: Int, allowOwn: Bool = false) {
    // Most texts pipe nothing: skip them without sorting their languages.
    guard text.values.values.contains(where: Piping.mayReference) else { return }
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
        let owner = (owner(ofRow: item).flatMap { variables[$0] } ?? variables[item]).map { question($0) }
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
    // Number the items that references connect, so the graph is arrays of numbers.
    var numbers: [String: Int] = [:]
    numbers.reserveCapacity(edges.count)
    var names: [String] = []
    var graph: [[Int]] = []
    func node(_ name: String) -> Int {
      if let n = numbers[name] { return n }
      numbers[name] = names.count
      names.append(name)
      graph.append([])
      return names.count - 1
    }
    // The loops over `edges` read the fields they need in place: copying whole edges (three
    // names and a range each) costs more than the rest of the analysis.
    var ends: [(from: Int, to: Int)] = []
    ends.reserveCapacity(edges.count)
    for k in edges.indices {
      let from = node(edges[k].from)
      let to = node(edges[k].to)
      graph[from].append(to)
      ends.append((from, to))
    }

    // Strongly connected components (Tarjan). Components do not depend on the order the
    // nodes are visited in; their numbers are only compared with each other.
    let unvisited = -1
    var index = 0
    var indices = [Int](repeating: unvisited, count: names.count)
    var low = [Int](repeating: 0, count: names.count)
    var stack: [Int] = []
    var onStack = [Bool](repeating: false, count: names.count)
    var component = [Int](repeating: 0, count: names.count)
    var componentSize: [Int] = []
    func strongConnect(_ v: Int) {
      indices[v] = index
      low[v] = index
      index += 1
      stack.append(v)
      onStack[v] = true
      for w in graph[v] {
        if indices[w] == unvisited {
          strongConnect(w)
          low[v] = min(low[v], low[w])
        } else if onStack[w] {
          low[v] = min(low[v], indices[w])
        }
      }
      if low[v] == indices[v] {
        var size = 0
        while let w = stack.popLast() {
          onStack[w] = false
          component[w] = componentSize.count
          size += 1
          if w == v { break }
        }
        componentSize.append(size)
      }
    }
    for v in graph.indices where indices[v] == unvisited && !graph[v].isEmpty { strongConnect(v) }

    var reportedComponents: Set<Int> = []
    for (k, numbered) in ends.enumerated() {
      guard let r = edges[k].range else { continue }
      if numbered.from == numbered.to {
        let (name, to) = (edges[k].name, edges[k].to)
        if name != to {
          // Another row of the same matrix: answered on the same screen.
          emit(Catalogue.sameMatrixReference(name, matrix: to, r))
        } else {
          emit(Catalogue.selfReference(to, piping: edges[k].piping, r))
        }
        continue
      }
      let cf = component[numbered.from]
      if cf == component[numbered.to], componentSize[cf] > 1 {
        if reportedComponents.insert(cf).inserted {
          let path = cyclePath(from: numbered.from, through: numbered.to, graph: graph).map { names[$0] }
          emit(Catalogue.routingCycle(path, piping: edges[k].piping, r))
        }
        continue
      }
      let (fromName, toName) = (edges[k].from, edges[k].to)
      let from = position[fromName] ?? sectionPosition[fromName] ?? 0
      if let to = position[toName], to >= from {
        let name = edges[k].name
        emit(Catalogue.forwardReference(name, r, declared: declared[name]?.range))
      } else if let section = sectionOf[toName], section == sectionOf[fromName], shuffledSections.contains(section) {
        emit(Catalogue.shuffledReference(edges[k].name, section: section, r))
      }
    }
  }

  /// The nodes of a shortest cycle through the edge `start` → `next`, from `start` back to it.
  func cyclePath(from start: Int, through next: Int, graph: [[Int]]) -> [Int] {
    // Shortest path from `next` back to `start`, by breadth-first search.
    var previous: [Int: Int] = [:]
    var queue = [next]
    var head = 0
    var seen: Set<Int> = [next]
    while head < queue.count {
      let v = queue[head]
      head += 1
      if v == start { break }
      for w in graph[v] where seen.insert(w).inserted {
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
  /// Whether `text` has a `{`, without which it refers to nothing.
  static func mayReference(_ text: String) -> Bool {
    let brace = UInt8(ascii: "{")
    // Scanning the stored bytes is much faster than stepping through the UTF-8 view.
    return text.utf8.withContiguousStorageIfAvailable { $0.contains(brace) }
      ?? text.utf8.contains(brace)
  }

  /// Each referenced name with its offset (in Unicode scalars) in the text.
  public static func references(in text: String) -> [(name: String, offset: Int)] {
    guard mayReference(text) else { return [] }
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
    return unicodeScalars.allSatisfy {
      $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
    }
  }

  func trimmingSpaces() -> String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
