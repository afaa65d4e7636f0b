public import ConfideDiagnostics
public import ConfideModel

/// The result of parsing a `.survey` file: the model, the line tree and the syntax diagnostics.
public struct ParsedSurvey: Sendable {
  /// The survey as far as it could be read; parts with errors are left out.
  public var survey: Survey
  /// The file's line tree, for formatting.
  public var syntax: SyntaxTree
  /// Problems found while reading the file (not yet the semantic checks).
  public var diagnostics: [Diagnostic]
}

/// Reads `.survey` files into ``Survey`` values.
///
/// The parser never throws on user input: each problem becomes a diagnostic and the parser goes
/// on with the next line, so one run reports every syntax error.
public enum SurveyParser {
  /// Parses the text of a `.survey` file.
  public static func parse(_ text: String, file: String) -> ParsedSurvey {
    let (tree, lexical) = LineTreeParser.parse(text, file: file)
    var lowering = SurveyLowering(file: file)
    let survey = lowering.lower(tree)
    return ParsedSurvey(survey: survey, syntax: tree, diagnostics: lexical + lowering.diagnostics)
  }
}

/// Turns the line tree into the model, one construct at a time.
struct SurveyLowering {
  let file: String
  var diagnostics: [Diagnostic] = []
  var languages: [String] = []
  var languageSpans: [SourceSpan] = []

  init(file: String) { self.file = file }

  static let topLevelKeywords = [
    "choices", "construct", "experiment", "missing", "scale", "section", "survey",
  ]
  static let headerKeywords = ["description", "languages", "title", "version"]
  static let sectionKeywords = ["note", "present", "question", "show", "shuffle", "skip"]
  static let questionKeywords = [
    "hint", "item", "label", "missing", "optional", "option", "range", "required", "reverse",
    "role", "show", "shuffle", "skip", "unit", "valid",
  ]
  static let itemKeywords = ["reverse", "role", "show", "skip"]
  static let constructKeywords = ["items", "minimum", "reverse", "score"]
  static let armKeywords = ["control", "ratio"]
  static let experimentKeywords = ["arm", "title"]
  static let typeKeywords = [
    "count", "date", "decimal", "integer", "matrix", "multiple", "note", "rating", "single",
    "text", "yesno",
  ]
  /// What a missing question type is reported as (built once: every question asks for it).
  static let expectedType = "the question type (\(typeKeywords.joined(separator: ", ")))"

  mutating func absorb(_ args: Arguments) { diagnostics += args.diagnostics }

  private func span(_ node: SyntaxNode) -> SourceSpan { SourceSpan(node.range) }

  // MARK: - Top level

  mutating func lower(_ tree: SyntaxTree) -> Survey {
    var survey = Survey()
    // Languages come first: translation lines anywhere depend on them.
    for node in tree.nodes where node.head?.isWord("survey") == true {
      for child in node.children where child.head?.isWord("languages") == true {
        var args = Arguments(child)
        let codes = args.names("a language code such as 'en'")
        languages = codes.map(\.text)
        languageSpans = codes.map { SourceSpan($0.range) }
      }
    }
    var sawHeader = false
    for node in tree.nodes {
      guard let head = node.head else { continue }
      switch keyword(head) {
      case "survey":
        if sawHeader {
          diagnostics.append(Catalogue.duplicateSurveyHeader(head.range))
          continue
        }
        sawHeader = true
        lowerHeader(node, into: &survey)
      case "missing":
        if let code = lowerMissingDeclaration(node) { survey.missingCodes.append(code) }
      case "choices", "scale":
        if let list = lowerList(node, kind: head.text == "scale" ? .scale : .choices) {
          survey.lists.append(list)
        }
      case "experiment":
        if let experiment = lowerExperiment(node) { survey.experiments.append(experiment) }
      case "section":
        // `consume` moves the value into the array instead of copying it.
        if let section = lowerSection(node) { survey.sections.append(consume section) }
      case "construct":
        if let construct = lowerConstruct(node) { survey.constructs.append(construct) }
      case "question", "note", "present":
        diagnostics.append(Catalogue.itemOutsideSection(head))
      default:
        unknownKeyword(head, context: "at the top level", candidates: Self.topLevelKeywords)
      }
    }
    if !sawHeader {
      diagnostics.append(
        Catalogue.missingSurveyHeader(
          SourceRange(start: SourceLocation(file: file, line: 1, column: 1))))
    }
    return survey
  }

  mutating func unknownKeyword(_ token: Token, context: String, candidates: [String]) {
    if token.kind != .identifier {
      diagnostics.append(Catalogue.unexpectedToken(token, expected: "a keyword"))
      return
    }
    diagnostics.append(
      Catalogue.unknownKeyword(
        token, context: context, suggestion: Suggest.closest(to: token.text, in: candidates)))
  }

  mutating func lowerHeader(_ node: SyntaxNode, into survey: inout Survey) {
    var args = Arguments(node)
    survey.span = span(node)
    if let id = args.name("the survey's id") { survey.id = id.text }
    args.finish()
    absorb(args)
    survey.languages = languages
    survey.languageSpans = languageSpans
    for child in node.children {
      guard let head = child.head else { continue }
      var a = Arguments(child)
      switch keyword(head) {
      case "title":
        if let s = a.string("the title in quotes") {
          a.finish()
          survey.title = text(s, translations: child.children)
        } else {
          a.finish()
        }
      case "description":
        if let s = a.string("the description in quotes") {
          a.finish()
          survey.description = text(s, translations: child.children)
        } else {
          a.finish()
        }
      case "version":
        if let t = a.peek, t.kind != .symbol {
          survey.version = t.text
          a.advance()
        } else {
          _ = a.string("the version, e.g. \"2026.1\"")
        }
        a.finish()
        noChildren(child)
      case "languages":
        _ = a.names("a language code such as 'en'")
        a.finish()
        if languages.isEmpty {
          break
        }
        noChildren(child)
      default:
        unknownKeyword(head, context: "in the survey header", candidates: Self.headerKeywords)
      }
      absorb(a)
    }
  }

  // MARK: - Texts

  /// Whether `node` looks like a translation line: `code "text"`.
  static func isTranslation(_ node: SyntaxNode) -> Bool {
    node.tokens.count >= 2 && node.tokens[0].kind == .identifier && node.tokens[1].kind == .string
  }

  /// Builds a text from its primary string and translation lines; reports other children.
  mutating func text(_ primary: Token, translations children: [SyntaxNode]) -> LocalizedText {
    var result = LocalizedText()
    addPrimary(primary, to: &result)
    for child in children {
      if !addTranslation(child, to: &result) {
        if let head = child.head {
          unknownKeyword(head, context: "under a text", candidates: languages)
        }
      }
    }
    return result
  }

  mutating func addPrimary(_ primary: Token, to text: inout LocalizedText) {
    let language = languages.first ?? "en"
    if text.values.isEmpty, text.spans.isEmpty, languages.count > 1 {
      // Room for every language from the start: a table that grows when a translation is added
      // costs half as much again as one made big enough.
      text.values = Dictionary(minimumCapacity: languages.count)
      text.spans = Dictionary(minimumCapacity: languages.count)
    }
    text.values[language] = primary.text
    text.spans[language] = SourceSpan(primary.range)
  }

  /// Adds `child` to `text` if it is a translation line; returns false if it is not one.
  mutating func addTranslation(_ child: SyntaxNode, to text: inout LocalizedText) -> Bool {
    guard Self.isTranslation(child), let code = child.head else { return false }
    let string = child.tokens[1]
    if !languages.contains(code.text) {
      diagnostics.append(
        Catalogue.unknownLanguage(
          code, declared: languages, suggestion: Suggest.closest(to: code.text, in: languages)))
    } else if code.text == languages.first {
      diagnostics.append(Catalogue.translationOfPrimary(code))
    } else if let earlier = text.spans[code.text]?.range {
      diagnostics.append(Catalogue.duplicateTranslation(code, earlier: earlier))
    } else {
      text.values[code.text] = string.text
      text.spans[code.text] = SourceSpan(string.range)
    }
    if child.tokens.count > 2 {
      let extra = SourceRange(
        start: child.tokens[2].range.start, end: child.tokens[child.tokens.count - 1].range.end)
      diagnostics.append(Catalogue.extraArguments(after: code.text, extra))
    }
    noChildren(child)
    return true
  }

  mutating func noChildren(_ node: SyntaxNode) {
    if let first = node.children.first, let head = first.head {
      diagnostics.append(Catalogue.unexpectedChildren(head, parent: node.head?.text ?? ""))
    }
  }

  // MARK: - Choice lists

  mutating func lowerMissingDeclaration(_ node: SyntaxNode) -> Choice? {
    var args = Arguments(node)
    defer { absorb(args) }
    guard let (code, _) = args.integer("the missing-value code, e.g. -9"),
      let name = args.name("the code's name, e.g. prefer_not"),
      let label = args.string("the label in quotes")
    else { return nil }
    args.finish()
    return Choice(
      code: code, name: name.text, label: text(label, translations: node.children),
      isMissing: true, span: span(node))
  }

  mutating func lowerList(_ node: SyntaxNode, kind: ChoiceList.Kind) -> ChoiceList? {
    var args = Arguments(node)
    guard let id = args.name("the list's name") else {
      absorb(args)
      return nil
    }
    args.finish()
    absorb(args)
    var choices: [Choice] = []
    for child in node.children {
      if let choice = lowerOption(child, context: "in a \(kind.rawValue) list") {
        choices.append(choice)
      }
    }
    return ChoiceList(id: id.text, kind: kind, choices: choices, span: SourceSpan(id.range))
  }

  /// Reads `CODE NAME "label"`, `missing CODE NAME "label"` or `missing NAME` (a reference to a
  /// declared missing code, resolved by the checker: its code is left as `Int.min`).
  mutating func lowerOption(
    _ node: SyntaxNode, context: String, keyword: String? = nil
  )
    -> Choice?
  {
    var args = Arguments(node)
    defer { absorb(args) }
    guard let head = node.head else { return nil }
    var isMissing = false
    if let keyword {
      guard head.isWord(keyword) || head.isWord("missing") else {
        return nil
      }
      isMissing = head.isWord("missing")
    } else if head.isWord("missing") {
      isMissing = true
    } else if head.kind != .number {
      unknownKeyword(head, context: context, candidates: ["missing"])
      return nil
    } else {
      // The head itself is the code.
      args = Arguments.includingHead(node)
    }
    if isMissing, let t = args.peek, t.kind == .identifier {
      // `missing prefer_not`: a reference to a declared missing code.
      args.advance()
      args.finish()
      noChildren(node)
      return Choice(
        code: Int.min, name: t.text, label: LocalizedText(), isMissing: true,
        span: SourceSpan(t.range))
    }
    guard let (code, _) = args.integer("the option's numeric code"),
      let name = args.name("the option's name, e.g. strongly_agree"),
      let label = args.string("the label in quotes")
    else { return nil }
    var isFixed = false
    if args.accept("fixed") != nil { isFixed = true }
    args.finish()
    var labelText = LocalizedText()
    addPrimary(label, to: &labelText)
    for child in node.children {
      if child.head?.isWord("fixed") == true, child.tokens.count == 1 {
        isFixed = true
      } else if !addTranslation(child, to: &labelText), let h = child.head {
        unknownKeyword(h, context: "under an option", candidates: ["fixed"] + languages)
      }
    }
    return Choice(
      code: code, name: name.text, label: labelText, isMissing: isMissing, isFixed: isFixed,
      span: SourceSpan(SourceRange(start: node.range.start, end: name.range.end)))
  }

  // MARK: - Experiments

  mutating func lowerExperiment(_ node: SyntaxNode) -> Experiment? {
    var args = Arguments(node)
    guard let id = args.name("the experiment's name") else {
      absorb(args)
      return nil
    }
    var kind = Experiment.Kind.vignette
    if let k = args.optionalName() {
      if let parsed = Experiment.Kind(rawValue: k.text) {
        kind = parsed
      } else {
        diagnostics.append(
          Catalogue.unknownExperimentKind(
            k,
            suggestion: Suggest.closest(
              to: k.text, in: Experiment.Kind.allCases.map(\.rawValue))))
      }
    }
    args.finish()
    absorb(args)
    var experiment = Experiment(id: id.text, kind: kind, span: SourceSpan(id.range))
    for child in node.children {
      guard let head = child.head else { continue }
      var a = Arguments(child)
      switch keyword(head) {
      case "title":
        if let s = a.string("the title in quotes") {
          a.finish()
          experiment.title = text(s, translations: child.children)
        } else {
          a.finish()
        }
      case "arm":
        if let arm = lowerArm(child, args: &a) { experiment.arms.append(arm) }
      default:
        unknownKeyword(head, context: "in an experiment", candidates: Self.experimentKeywords)
      }
      absorb(a)
    }
    return experiment
  }

  mutating func lowerArm(_ node: SyntaxNode, args a: inout Arguments) -> Arm? {
    guard let id = a.name("the arm's name") else { return nil }
    var arm = Arm(id: id.text, span: SourceSpan(id.range))
    while let t = a.peek {
      if a.accept("control") != nil {
        arm.isControl = true
      } else if a.accept("ratio") != nil {
        if let (r, _) = a.number("the allocation ratio") { arm.ratio = r }
      } else if t.kind == .string, arm.text.isEmpty {
        a.advance()
        addPrimary(t, to: &arm.text)
      } else {
        break
      }
    }
    a.finish()
    for child in node.children {
      guard let head = child.head else { continue }
      if addTranslation(child, to: &arm.text) { continue }
      var c = Arguments(child)
      switch keyword(head) {
      case "control":
        arm.isControl = true
        c.finish()
      case "ratio":
        if let (r, _) = c.number("the allocation ratio") {
          arm.ratio = r
        }
        c.finish()
      default:
        if head.kind == .string {
          if !arm.text.isEmpty {
            diagnostics.append(Catalogue.duplicateText(head))
          } else {
            addPrimary(head, to: &arm.text)
            var rest = Arguments(child)
            rest.finish()
            absorb(rest)
            for grandchild in child.children where !addTranslation(grandchild, to: &arm.text) {
              if let h = grandchild.head {
                unknownKeyword(h, context: "under a text", candidates: languages)
              }
            }
          }
        } else {
          unknownKeyword(
            head, context: "in an arm", candidates: Self.armKeywords + languages)
        }
      }
      absorb(c)
    }
    return arm
  }

  // MARK: - Sections and questions

  mutating func lowerSection(_ node: SyntaxNode) -> Section? {
    var args = Arguments(node)
    guard let id = args.name("the section's name") else {
      absorb(args)
      return nil
    }
    var section = Section(id: id.text, span: SourceSpan(id.range))
    if let title = args.optionalString() { addPrimary(title, to: &section.title) }
    args.finish()
    absorb(args)
    for child in node.children {
      guard let head = child.head else { continue }
      if addTranslation(child, to: &section.title) { continue }
      switch keyword(head) {
      case "show", "skip":
        if let (condition, skip) = lowerCondition(child) {
          if section.condition != nil {
            diagnostics.append(Catalogue.duplicateCondition(head))
          }
          section.condition = condition
          section.skipIf = skip
        }
      case "shuffle":
        var a = Arguments(child)
        a.finish()
        absorb(a)
        section.shuffle = true
      case "question":
        if let q = lowerQuestion(child) { section.questions.append(consume q) }
      case "note":
        if let q = lowerNote(child) { section.questions.append(consume q) }
      case "present":
        var a = Arguments(child)
        if let e = a.name("the experiment whose arm text to show") {
          a.finish()
          var q = Question(id: e.text, type: .vignette(experiment: e.text), span: SourceSpan(e.range))
          for grandchild in child.children {
            if let h = grandchild.head, h.isWord("show") || h.isWord("skip") {
              if let (c, skip) = lowerCondition(grandchild) {
                if q.condition != nil { diagnostics.append(Catalogue.duplicateCondition(h)) }
                q.condition = c
                q.skipIf = skip
              }
            } else if let h = grandchild.head {
              unknownKeyword(h, context: "under 'present'", candidates: ["show", "skip"])
            }
          }
          section.questions.append(q)
        }
        absorb(a)
      default:
        unknownKeyword(head, context: "in a section", candidates: Self.sectionKeywords)
      }
    }
    return section
  }

  /// Reads `show if EXPR` or `skip if EXPR`; a skip condition is stored as `not EXPR`, and the
  /// flag says it was written as `skip if`.
  mutating func lowerCondition(_ node: SyntaxNode) -> (Expression, skip: Bool)? {
    var args = Arguments(node)
    defer { absorb(args) }
    guard let head = node.head else { return nil }
    guard args.accept("if") != nil else {
      if let t = args.peek {
        diagnostics.append(Catalogue.unexpectedToken(t, expected: "'if'"))
      } else {
        diagnostics.append(
          Catalogue.missingArgument("'if' and a condition", after: head.text, SourceRange(start: args.endLocation)))
      }
      return nil
    }
    var parser = ExpressionParser(args.rest, end: args.endLocation)
    let e = parser.parseAll()
    diagnostics += parser.diagnostics
    noChildren(node)
    if !parser.diagnostics.isEmpty { return nil }
    if head.isWord("skip") {
      return (.not(e, e.span), true)
    }
    return (e, false)
  }

  mutating func lowerNote(_ node: SyntaxNode) -> Question? {
    var args = Arguments(node)
    guard let id = args.name("the note's name") else {
      absorb(args)
      return nil
    }
    var q = Question(id: id.text, type: .note, span: SourceSpan(id.range))
    if let s = args.optionalString() { addPrimary(s, to: &q.text) }
    args.finish()
    absorb(args)
    for child in node.children {
      guard let head = child.head else { continue }
      if addTranslation(child, to: &q.text) { continue }
      if head.kind == .string, q.text.isEmpty {
        addPrimary(head, to: &q.text)
        for g in child.children where !addTranslation(g, to: &q.text) {
          if let h = g.head { unknownKeyword(h, context: "under a text", candidates: languages) }
        }
        continue
      }
      if head.isWord("show") || head.isWord("skip") {
        if let (c, skip) = lowerCondition(child) {
          if q.condition != nil { diagnostics.append(Catalogue.duplicateCondition(head)) }
          q.condition = c
          q.skipIf = skip
        }
        continue
      }
      unknownKeyword(head, context: "in a note", candidates: ["show", "skip"] + languages)
    }
    return q
  }

  mutating func lowerQuestion(_ node: SyntaxNode) -> Question? {
    var args = Arguments(node)
    guard let id = args.name("the question's id") else {
      absorb(args)
      return nil
    }
    guard let typeToken = args.name(Self.expectedType)
    else {
      absorb(args)
      return nil
    }
    var type: QuestionType?
    var needsList = false
    var listSpan = SourceSpan()
    switch typeToken.text {
    case "single", "multiple", "rating", "matrix":
      let listToken = args.optionalName()
      let list = listToken?.text ?? ""
      listSpan = SourceSpan(listToken?.range)
      needsList = list.isEmpty
      switch typeToken.text {
      case "single": type = .single(list: list)
      case "multiple": type = .multiple(list: list)
      case "rating": type = .rating(scale: list)
      default: type = .matrix(scale: list)
      }
    case "yesno":
      let listToken = args.optionalName()
      listSpan = SourceSpan(listToken?.range)
      type = .yesNo(list: listToken?.text)
    case "integer": type = .integer
    case "decimal": type = .decimal
    case "date": type = .date
    case "text": type = .text
    case "count": type = .count
    case "note": type = .note
    default:
      diagnostics.append(
        Catalogue.unknownQuestionType(
          typeToken, suggestion: Suggest.closest(to: typeToken.text, in: Self.typeKeywords)))
      _ = args.optionalName()  // a list name after an unknown type is not a second error
    }
    args.finish()
    absorb(args)
    guard let type else { return nil }
    var q = Question(id: id.text, type: type, span: SourceSpan(id.range), listSpan: listSpan)
    var inline: [Choice] = []
    var sawText = false
    for child in node.children {
      guard let head = child.head else { continue }
      if head.kind == .string {
        if sawText {
          diagnostics.append(Catalogue.duplicateText(head))
          continue
        }
        sawText = true
        var a = Arguments(child)
        a.finish()
        absorb(a)
        q.text = text(head, translations: child.children)
        continue
      }
      if Self.isTranslation(child), !Self.questionKeywords.contains(head.text) {
        diagnostics.append(Catalogue.translationWithoutText(head))
        continue
      }
      var a = Arguments(child)
      switch keyword(head) {
      case "hint":
        if let s = a.string("the hint in quotes") {
          a.finish()
          q.hint = text(s, translations: child.children)
        }
      case "label":
        if let s = a.string("a short label in quotes") { q.label = s.text }
        a.finish()
        noChildren(child)
      case "required":
        q.isRequired = true
        a.finish()
      case "optional":
        q.isRequired = false
        a.finish()
      case "show", "skip":
        if let (c, skip) = lowerCondition(child) {
          if q.condition != nil { diagnostics.append(Catalogue.duplicateCondition(head)) }
          q.condition = c
          q.skipIf = skip
        }
      case "valid":
        if let c = lowerConstraint(child) { q.constraints.append(c) }
      case "role":
        q.roles += roles(&a)
        a.finish()
      case "reverse":
        q.isReversed = true
        a.finish()
      case "shuffle":
        q.shuffle = true
        a.finish()
      case "range":
        q.range = range(&a)
        a.finish()
      case "unit":
        if let s = a.string("the unit in quotes") {
          a.finish()
          q.unit = text(s, translations: child.children)
        }
      case "missing":
        if let t = a.peek, t.kind == .number {
          if let c = lowerOption(child, context: "", keyword: "option") { inline.append(c) }
          a = Arguments(child)
          a.advance(by: child.tokens.count)
        } else {
          let names = a.names("the name of a declared missing code")
          q.missing += names.map(\.text)
          q.missingSpans += names.map { SourceSpan($0.range) }
          a.finish()
        }
      case "option":
        if let c = lowerOption(child, context: "", keyword: "option") { inline.append(c) }
        a.advance(by: child.tokens.count)
      case "item":
        if let item = lowerItem(child, args: &a) { q.items.append(item) }
      default:
        unknownKeyword(head, context: "in a question", candidates: Self.questionKeywords)
      }
      absorb(a)
    }
    if !inline.isEmpty {
      let kind: ChoiceList.Kind = {
        if case .rating = type { return .scale }
        if case .matrix = type { return .scale }
        return .choices
      }()
      q.inlineChoices = ChoiceList(id: q.id, kind: kind, choices: inline, span: q.span)
    } else if needsList {
      diagnostics.append(Catalogue.missingChoices(typeToken))
    }
    return q
  }

  mutating func roles(_ a: inout Arguments) -> [Role] {
    var out: [Role] = []
    for t in a.names("a role (\(Role.allCases.map(\.rawValue).joined(separator: ", ")))") {
      if let role = Role(rawValue: t.text) {
        out.append(role)
      } else {
        diagnostics.append(
          Catalogue.unknownRole(
            t, suggestion: Suggest.closest(to: t.text, in: Role.allCases.map(\.rawValue))))
      }
    }
    return out
  }

  /// Reads `MIN..MAX`, `MIN..` or `..MAX`.
  mutating func range(_ a: inout Arguments) -> NumericRange? {
    let start = a.peek
    var lower: Double?
    var upper: Double?
    if let t = a.peek, t.kind == .number {
      lower = Double(t.text)
      a.advance()
    }
    guard let dots = a.peek, dots.isSymbol("..") else {
      if let t = a.peek {
        diagnostics.append(Catalogue.unexpectedToken(t, expected: "'..' as in 16..120"))
      } else {
        diagnostics.append(
          Catalogue.missingArgument("a range such as 16..120", after: "range", SourceRange(start: a.endLocation)))
      }
      return nil
    }
    a.advance()
    var end = dots.range.end
    if let t = a.peek, t.kind == .number {
      upper = Double(t.text)
      end = t.range.end
      a.advance()
    }
    if lower == nil, upper == nil {
      diagnostics.append(Catalogue.unexpectedToken(dots, expected: "a lower or upper bound"))
      return nil
    }
    return NumericRange(
      lower: lower, upper: upper,
      span: SourceSpan(SourceRange(start: (start ?? dots).range.start, end: end)))
  }

  /// Reads `valid if EXPR "message"`.
  mutating func lowerConstraint(_ node: SyntaxNode) -> Constraint? {
    var args = Arguments(node)
    defer { absorb(args) }
    guard args.accept("if") != nil else {
      if let t = args.peek {
        diagnostics.append(Catalogue.unexpectedToken(t, expected: "'if'"))
      } else {
        diagnostics.append(
          Catalogue.missingArgument("'if' and a condition", after: "valid", SourceRange(start: args.endLocation)))
      }
      return nil
    }
    var parser = ExpressionParser(args.rest, end: args.endLocation)
    let (e, rest) = parser.parsePrefix()
    diagnostics += parser.diagnostics
    guard parser.diagnostics.isEmpty else { return nil }
    guard let message = rest.first, message.kind == .string else {
      if let t = rest.first {
        diagnostics.append(Catalogue.unexpectedToken(t, expected: "the message in quotes"))
      } else {
        diagnostics.append(
          Catalogue.missingArgument(
            "the message shown when the answer is not valid", after: "valid if …",
            SourceRange(start: args.endLocation)))
      }
      return nil
    }
    if rest.count > 1, let extra = rest.dropFirst().first, let last = rest.last {
      diagnostics.append(
        Catalogue.extraArguments(
          after: "the message", SourceRange(start: extra.range.start, end: last.range.end)))
    }
    return Constraint(
      condition: e, message: text(message, translations: node.children), span: SourceSpan(node.range))
  }

  mutating func lowerItem(_ node: SyntaxNode, args a: inout Arguments) -> SubItem? {
    guard let id = a.name("the item's id") else { return nil }
    var item = SubItem(id: id.text, text: LocalizedText(), span: SourceSpan(id.range))
    // A missing text is reported by the checker (missing-text), once.
    if let s = a.optionalString() { addPrimary(s, to: &item.text) }
    a.finish()
    for child in node.children {
      guard let head = child.head else { continue }
      if addTranslation(child, to: &item.text) { continue }
      var c = Arguments(child)
      switch keyword(head) {
      case "reverse":
        item.isReversed = true
        c.finish()
      case "role":
        item.roles += roles(&c)
        c.finish()
      case "show", "skip":
        if let (cond, skip) = lowerCondition(child) {
          if item.condition != nil { diagnostics.append(Catalogue.duplicateCondition(head)) }
          item.condition = cond
          item.skipIf = skip
        }
      default:
        unknownKeyword(head, context: "in an item", candidates: Self.itemKeywords + languages)
      }
      absorb(c)
    }
    return item
  }

  // MARK: - Constructs

  mutating func lowerConstruct(_ node: SyntaxNode) -> Construct? {
    var args = Arguments(node)
    guard let id = args.name("the construct's name") else {
      absorb(args)
      return nil
    }
    var construct = Construct(id: id.text, span: SourceSpan(id.range))
    if let s = args.optionalString() { addPrimary(s, to: &construct.label) }
    args.finish()
    absorb(args)
    for child in node.children {
      guard let head = child.head else { continue }
      if addTranslation(child, to: &construct.label) { continue }
      var a = Arguments(child)
      switch keyword(head) {
      case "items":
        let names = a.names("the names of the construct's items")
        construct.items += names.map(\.text)
        construct.itemSpans += names.map { SourceSpan($0.range) }
      case "reverse":
        let names = a.names("the names of reverse-scored items")
        construct.reversed += names.map(\.text)
        construct.reversedSpans += names.map { SourceSpan($0.range) }
      case "score":
        if let t = a.name("'mean' or 'sum'") {
          if let s = Construct.Scoring(rawValue: t.text) {
            construct.scoring = s
          } else {
            diagnostics.append(Catalogue.unexpectedToken(t, expected: "'mean' or 'sum'"))
          }
        }
        a.finish()
      case "minimum":
        if let (n, t) = a.integer("the fewest answered items for a score") {
          construct.minimumItems = n
          if n < 1 { diagnostics.append(Catalogue.unexpectedToken(t, expected: "a number of at least 1")) }
        }
        a.finish()
      default:
        unknownKeyword(head, context: "in a construct", candidates: Self.constructKeywords)
      }
      absorb(a)
    }
    return construct
  }
}

/// The keyword a line starts with, or "" when it starts with a string, number or symbol.
private func keyword(_ token: Token) -> String {
  token.kind == .identifier ? token.text : ""
}

extension Arguments {
  /// Arguments that start at the line's first token (for option lines whose head is the code).
  static func includingHead(_ node: SyntaxNode) -> Arguments {
    var synthetic = node
    let keyword = Token(
      kind: .identifier, text: "option", raw: "", range: SourceRange(start: node.range.start),
      spaceBefore: true)
    synthetic.tokens.insert(keyword, at: 0)
    return Arguments(synthetic)
  }
}
