public import ConfideDiagnostics
public import ConfideModel

/// The result of parsing a `.analysis` file: the plan, the line tree and the diagnostics found
/// without the survey (syntax, structure, values).
public struct ParsedPlan: Sendable {
  /// The plan as far as it could be read. A required name that is missing is left empty
  /// (`PlanName("")`); a table of an unknown kind is left out.
  public var plan: AnalysisPlan
  /// The file's line tree, for formatting.
  public var syntax: SyntaxTree
  /// Problems found while reading the file (not yet the checks against the survey).
  public var diagnostics: [Diagnostic]
}

/// Reads `.analysis` files into ``AnalysisPlan`` values.
///
/// The parser never throws on user input: each problem becomes a diagnostic and the parser goes
/// on with the next line. Everything that can be checked without the survey is checked here:
/// unknown keywords, missing and repeated properties, properties that do not apply to a table's
/// kind, and numbers out of range.
public enum AnalysisParser {
  /// The keywords that open a block of the plan language (see ``LineTreeParser``).
  static let blockKeywords: Set<String> = [
    "analysis", "defaults", "design", "disclosure", "section", "table", "weighting",
  ]

  /// Parses the text of a `.analysis` file.
  ///
  /// - Parameters:
  ///   - text: The file's text.
  ///   - file: The name used in diagnostics.
  /// - Returns: The plan, its line tree and the syntax and structure diagnostics.
  public static func parse(_ text: String, file: String) -> ParsedPlan {
    let (tree, lexical) = LineTreeParser.parse(text, file: file, blockKeywords: blockKeywords)
    var lowering = PlanLowering(file: file)
    let plan = lowering.lower(tree)
    return ParsedPlan(plan: plan, syntax: tree, diagnostics: lexical + lowering.diagnostics)
  }
}

/// The kinds of table a plan may ask for, in the order the documentation lists them.
enum TableKind: String, CaseIterable {
  case composition, prevalence, likert, scale, vignette, list, odds, crosstab

  /// The properties a table of this kind cannot do without.
  var required: [String] {
    switch self {
    case .composition, .prevalence, .likert: ["items"]
    case .scale: ["construct"]
    case .vignette, .list: ["experiment", "outcome"]
    case .odds: ["outcome", "predictors"]
    case .crosstab: ["rows", "columns"]
    }
  }
}

/// The properties a table line may hold, with the kinds that take each (nil: every kind).
private let tableProperties: [String: [TableKind]?] = [
  "adjust": nil,
  "by": [.prevalence, .scale, .vignette, .list],
  "chart": nil,
  "columns": [.crosstab],
  "confidence": nil,
  "construct": [.scale],
  "decimals": nil,
  "experiment": [.vignette, .list],
  "headline": [.vignette, .list],
  "items": [.composition, .prevalence, .likert],
  "label": [.vignette],
  "note": nil,
  "outcome": [.vignette, .list, .odds],
  "positive": [.prevalence, .vignette, .odds],
  "predictors": [.odds],
  "reference": [.vignette, .odds],
  "rows": [.crosstab],
  "test": [.prevalence],
]

/// Where each property of one block was first given, to report repeats.
private struct SeenProperties {
  let owner: String
  var first: [String: SourceRange] = [:]

  init(owner: String) { self.owner = owner }

  /// Records `keyword` at `range`; returns false (and reports) if it was given before.
  mutating func record(
    _ keyword: String, what: String? = nil, _ range: SourceRange, into diagnostics: inout [Diagnostic]
  ) -> Bool {
    if let earlier = first[keyword] {
      diagnostics.append(
        Catalogue.planDuplicateProperty(what ?? "'\(keyword)' line", in: owner, range, earlier: earlier))
      return false
    }
    first[keyword] = range
    return true
  }

  func has(_ keyword: String) -> Bool { first[keyword] != nil }
}

/// What a table's lines said, before it becomes a ``PlanAnalysis``.
private struct TableDraft {
  var items: [PlanName] = []
  var positive: [PlanName] = []
  var test = false
  var construct: PlanName?
  var experiment: PlanName?
  var outcome: PlanName?
  var reference: PlanName?
  var references: [PlanReference] = []
  var labels: [String: String] = [:]
  var labelSpans: [String: SourceSpan] = [:]
  var headlineArm: PlanName?
  var headline = false
  var predictors: [PlanName] = []
  var rows: PlanName?
  var columns: PlanName?

  func analysis(_ kind: TableKind) -> PlanAnalysis {
    let missing = PlanName("")
    switch kind {
    case .composition: return .composition(items: items)
    case .prevalence: return .prevalence(items: items, positive: positive, test: test)
    case .likert: return .likert(items: items)
    case .scale: return .scale(construct: construct ?? missing)
    case .vignette:
      return .vignette(
        PlanVignette(
          experiment: experiment ?? missing, outcome: outcome ?? missing, positive: positive,
          reference: reference, armLabels: labels, headline: headlineArm, armLabelSpans: labelSpans))
    case .list:
      return .list(PlanList(experiment: experiment ?? missing, outcome: outcome ?? missing, headline: headline))
    case .odds:
      return .odds(
        PlanOdds(outcome: outcome ?? missing, positive: positive, predictors: predictors, references: references))
    case .crosstab: return .crosstab(rows: rows ?? missing, columns: columns ?? missing)
    }
  }
}

/// Turns the line tree into an ``AnalysisPlan``, one statement at a time.
struct PlanLowering {
  let file: String
  var diagnostics: [Diagnostic] = []
  /// Where each section and table id was first declared.
  var sectionIDs: [String: SourceRange] = [:]
  var tableIDs: [String: SourceRange] = [:]

  init(file: String) { self.file = file }

  static let topLevelKeywords = ["analysis", "defaults", "design", "disclosure", "section", "weighting"]
  static let headerKeywords = ["description", "survey", "title"]
  static let weightingMethods = ["none", "variable", "rake", "poststratify"]
  static let optionKeywords = ["adjust", "confidence", "decimals"]
  static let tableKinds = TableKind.allCases.map(\.rawValue)
  static let expectedKind = "the kind of table (\(Catalogue.listed(tableKinds, "or")))"

  mutating func absorb(_ args: Arguments) { diagnostics += args.diagnostics }

  mutating func unknownKeyword(_ token: Token, context: String, candidates: [String]) {
    if token.kind != .identifier {
      diagnostics.append(Catalogue.unexpectedToken(token, expected: "a keyword"))
      return
    }
    diagnostics.append(
      Catalogue.unknownKeyword(token, context: context, suggestion: Suggest.closest(to: token.text, in: candidates)))
  }

  mutating func noChildren(_ node: SyntaxNode) {
    if let first = node.children.first, let head = first.head {
      diagnostics.append(Catalogue.unexpectedChildren(head, parent: node.head?.text ?? ""))
    }
  }

  /// Reads the rest of a line as a list of names, reporting (and dropping) repeats.
  mutating func names(_ a: inout Arguments, _ what: String) -> [PlanName] {
    var out: [PlanName] = []
    var first: [String: SourceRange] = [:]
    for t in a.names(what) {
      if let earlier = first[t.text] {
        diagnostics.append(Catalogue.planDuplicateName(t.text, in: a.keyword.text, t.range, earlier: earlier))
        continue
      }
      first[t.text] = t.range
      out.append(PlanName(t.text, span: SourceSpan(t.range)))
    }
    return out
  }

  /// Reads one name.
  mutating func name(_ a: inout Arguments, _ what: String) -> PlanName? {
    a.name(what).map { PlanName($0.text, span: SourceSpan($0.range)) }
  }

  // MARK: - Top level

  mutating func lower(_ tree: SyntaxTree) -> AnalysisPlan {
    var plan = AnalysisPlan(id: "")
    var sawHeader = false
    var seen = SeenProperties(owner: "the plan")
    for node in tree.nodes {
      guard let head = node.head else { continue }
      switch keyword(head) {
      case "analysis":
        if sawHeader {
          diagnostics.append(Catalogue.planDuplicateHeader(head.range))
          continue
        }
        sawHeader = true
        lowerHeader(node, into: &plan)
      case "weighting":
        guard seen.record("weighting", head.range, into: &diagnostics) else { continue }
        plan.weighting = lowerWeighting(node)
      case "design":
        guard seen.record("design", head.range, into: &diagnostics) else { continue }
        plan.design = lowerDesign(node)
      case "disclosure":
        guard seen.record("disclosure", head.range, into: &diagnostics) else { continue }
        plan.disclosure = lowerDisclosure(node)
      case "defaults":
        guard seen.record("defaults", head.range, into: &diagnostics) else { continue }
        plan.defaults = lowerDefaults(node)
      case "section":
        if let section = lowerSection(node) { plan.sections.append(section) }
      case "table":
        diagnostics.append(Catalogue.planTableOutsideSection(head))
      default:
        unknownKeyword(head, context: "at the top level", candidates: Self.topLevelKeywords)
      }
    }
    if !sawHeader {
      diagnostics.append(
        Catalogue.planMissingHeader(SourceRange(start: SourceLocation(file: file, line: 1, column: 1))))
    }
    return plan
  }

  mutating func lowerHeader(_ node: SyntaxNode, into plan: inout AnalysisPlan) {
    var args = Arguments(node)
    plan.span = SourceSpan(node.range)
    if let id = args.name("the plan's id") { plan.id = id.text }
    args.finish()
    absorb(args)
    var seen = SeenProperties(owner: "the plan header")
    for child in node.children {
      guard let head = child.head else { continue }
      let word = keyword(head)
      guard Self.headerKeywords.contains(word) else {
        unknownKeyword(head, context: "in the plan header", candidates: Self.headerKeywords)
        continue
      }
      guard seen.record(word, head.range, into: &diagnostics) else { continue }
      var a = Arguments(child)
      switch word {
      case "title":
        if let s = a.string("the report's title in quotes") { plan.title = s.text }
      case "survey":
        if let s = a.string("the survey file's path in quotes") {
          plan.surveyPath = s.text
          plan.surveySpan = SourceSpan(s.range)
        }
      default:
        if let s = a.string("the description in quotes") { plan.description = s.text }
      }
      a.finish()
      absorb(a)
      noChildren(child)
    }
    for required in ["title", "survey"] where !seen.has(required) {
      diagnostics.append(Catalogue.planMissingProperty(required, in: "the plan header", node.range))
    }
  }

  // MARK: - Weighting, design, disclosure, defaults

  mutating func lowerWeighting(_ node: SyntaxNode) -> PlanWeighting {
    var args = Arguments(node)
    defer { absorb(args) }
    let expected = "the weighting method (\(Catalogue.listed(Self.weightingMethods, "or")))"
    guard let method = args.name(expected) else { return .none }
    if let calibration = PlanCalibration.Method(rawValue: method.text) {
      let path = args.string("the margins file's path in quotes")
      args.finish()
      return .calibrated(
        lowerCalibration(node, method: calibration, path: path.map { ($0.text, SourceSpan($0.range)) }))
    }
    var weighting = PlanWeighting.none
    switch method.text {
    case "none":
      args.finish()
    case "variable":
      if let v = name(&args, "the weight variable") { weighting = .variable(v) }
      args.finish()
    default:
      diagnostics.append(
        Catalogue.planUnknownWeightingMethod(
          method, methods: Self.weightingMethods,
          suggestion: Suggest.closest(to: method.text, in: Self.weightingMethods)))
      args.advance(by: node.tokens.count)
      return .none
    }
    // `none` and `variable` take nothing indented.
    for child in node.children {
      guard let head = child.head else { continue }
      if head.isWord("by") || head.isWord("trim") {
        diagnostics.append(
          Catalogue.planPropertyNotForKind(
            head.text, owner: "'weighting \(method.text)'",
            takers: "'weighting rake' and 'weighting poststratify'", head.range))
      } else {
        unknownKeyword(head, context: "under 'weighting'", candidates: ["by", "trim"])
      }
    }
    return weighting
  }

  mutating func lowerCalibration(
    _ node: SyntaxNode, method: PlanCalibration.Method, path: (String, SourceSpan)?
  ) -> PlanCalibration {
    var calibration = PlanCalibration(
      method: method, marginsPath: path?.0 ?? "", marginsSpan: path?.1 ?? SourceSpan(), variables: [])
    let owner = "'weighting \(method.rawValue)'"
    var seen = SeenProperties(owner: owner)
    for child in node.children {
      guard let head = child.head else { continue }
      let word = keyword(head)
      guard word == "by" || word == "trim" else {
        unknownKeyword(head, context: "under 'weighting'", candidates: ["by", "trim"])
        continue
      }
      guard seen.record(word, head.range, into: &diagnostics) else { continue }
      var a = Arguments(child)
      if word == "by" {
        calibration.variables = names(&a, "the weighting variables")
        if method == .poststratify, calibration.variables.count > 1, let second = calibration.variables[1].span.range {
          diagnostics.append(Catalogue.planTooManyPoststrata(second))
        }
      } else if let (low, lowToken) = a.number("the lower bound, a multiple of the mean weight such as 0.2"),
        let (high, highToken) = a.number("the upper bound, a multiple of the mean weight such as 5")
      {
        let lowValid = low > 0 && low < 1
        let highValid = high > 1
        if !lowValid { diagnostics.append(Catalogue.planInvalidTrim(upper: false, lowToken.range)) }
        if !highValid { diagnostics.append(Catalogue.planInvalidTrim(upper: true, highToken.range)) }
        if lowValid, highValid { calibration.trim = low...high }
        calibration.trimSpan = SourceSpan(child.range)
      }
      a.finish()
      absorb(a)
      noChildren(child)
    }
    if !seen.has("by") {
      diagnostics.append(Catalogue.planMissingProperty("by", in: owner, node.range))
    }
    return calibration
  }

  mutating func lowerDesign(_ node: SyntaxNode) -> PlanDesign {
    var args = Arguments(node)
    args.finish()
    absorb(args)
    var design = PlanDesign()
    var seen = SeenProperties(owner: "the design")
    for child in node.children {
      guard let head = child.head else { continue }
      let word = keyword(head)
      guard word == "strata" || word == "clusters" else {
        unknownKeyword(head, context: "in the design", candidates: ["clusters", "strata"])
        continue
      }
      guard seen.record(word, head.range, into: &diagnostics) else { continue }
      var a = Arguments(child)
      if word == "strata" {
        design.strata = name(&a, "the stratum variable")
      } else {
        design.clusters = name(&a, "the cluster (primary sampling unit) variable")
      }
      a.finish()
      absorb(a)
      noChildren(child)
    }
    return design
  }

  mutating func lowerDisclosure(_ node: SyntaxNode) -> PlanDisclosure {
    var args = Arguments(node)
    args.finish()
    absorb(args)
    var disclosure = PlanDisclosure(span: SourceSpan(node.range))
    var seen = SeenProperties(owner: "the disclosure rule")
    for child in node.children {
      guard let head = child.head else { continue }
      let word = keyword(head)
      guard word == "threshold" || word == "secondary" else {
        unknownKeyword(head, context: "in the disclosure rule", candidates: ["secondary", "threshold"])
        continue
      }
      guard seen.record(word, head.range, into: &diagnostics) else { continue }
      var a = Arguments(child)
      if word == "threshold" {
        if let (n, t) = a.integer("a number such as 10") {
          if n < 0 {
            diagnostics.append(Catalogue.planInvalidThreshold(t.range))
          } else {
            disclosure.threshold = n
            if (1...4).contains(n) { diagnostics.append(Catalogue.planLowThreshold(n, t.range)) }
          }
        }
      } else if let t = a.name("'on' or 'off'") {
        if t.text == "on" || t.text == "off" {
          disclosure.secondarySuppression = t.text == "on"
        } else {
          diagnostics.append(Catalogue.unexpectedToken(t, expected: "'on' or 'off'"))
        }
      }
      a.finish()
      absorb(a)
      noChildren(child)
    }
    return disclosure
  }

  mutating func lowerDefaults(_ node: SyntaxNode) -> TableOptions {
    var args = Arguments(node)
    args.finish()
    absorb(args)
    var options = TableOptions()
    var seen = SeenProperties(owner: "the defaults")
    for child in node.children {
      guard let head = child.head else { continue }
      let word = keyword(head)
      guard Self.optionKeywords.contains(word) else {
        unknownKeyword(head, context: "in the defaults", candidates: Self.optionKeywords)
        continue
      }
      guard seen.record(word, head.range, into: &diagnostics) else { continue }
      var a = Arguments(child)
      lowerOption(word, &a, into: &options)
      a.finish()
      absorb(a)
      noChildren(child)
    }
    return options
  }

  /// Reads `confidence N`, `adjust METHOD` or `decimals N`.
  mutating func lowerOption(_ word: String, _ a: inout Arguments, into options: inout TableOptions) {
    switch word {
    case "confidence":
      if let (value, t) = a.number("the confidence level in percent, e.g. 95") {
        if value > 50, value < 100 {
          options.confidence = value
        } else {
          diagnostics.append(Catalogue.planInvalidConfidence(t.text, t.range))
        }
      }
    case "adjust":
      let methods = TableOptions.Adjustment.allCases.map(\.rawValue)
      if let t = a.name("the adjustment method (\(Catalogue.listed(methods, "or")))") {
        if let adjustment = TableOptions.Adjustment(rawValue: t.text) {
          options.adjustment = adjustment
        } else {
          diagnostics.append(
            Catalogue.planUnknownAdjustment(t, suggestion: Suggest.closest(to: t.text, in: methods)))
        }
      }
    default:
      if let (n, t) = a.integer("the number of decimal places") {
        if (0...6).contains(n) {
          options.decimals = n
        } else {
          diagnostics.append(Catalogue.planInvalidDecimals(n, t.range))
        }
      }
    }
  }

  // MARK: - Sections and tables

  mutating func lowerSection(_ node: SyntaxNode) -> PlanSection? {
    var args = Arguments(node)
    guard let id = args.name("the section's id") else {
      absorb(args)
      return nil
    }
    let heading = args.string("the section's heading in quotes")
    args.finish()
    absorb(args)
    if let earlier = sectionIDs[id.text] {
      diagnostics.append(Catalogue.planDuplicateID("section", id.text, id.range, earlier: earlier))
    } else {
      sectionIDs[id.text] = id.range
    }
    var section = PlanSection(id: id.text, heading: heading?.text ?? "", span: SourceSpan(id.range))
    var seen = SeenProperties(owner: "section '\(id.text)'")
    for child in node.children {
      guard let head = child.head else { continue }
      switch keyword(head) {
      case "text":
        guard seen.record("text", head.range, into: &diagnostics) else { continue }
        var a = Arguments(child)
        if let s = a.string("the paragraph in quotes") { section.text = s.text }
        a.finish()
        absorb(a)
        noChildren(child)
      case "table":
        if let table = lowerTable(child) { section.tables.append(table) }
      default:
        unknownKeyword(head, context: "in a section", candidates: ["table", "text"])
      }
    }
    return section
  }

  mutating func lowerTable(_ node: SyntaxNode) -> PlanTable? {
    var args = Arguments(node)
    guard let id = args.name("the table's id"), let kindToken = args.name(Self.expectedKind) else {
      absorb(args)
      return nil
    }
    args.finish()
    absorb(args)
    if let earlier = tableIDs[id.text] {
      diagnostics.append(Catalogue.planDuplicateID("table", id.text, id.range, earlier: earlier))
    } else {
      tableIDs[id.text] = id.range
    }
    guard let kind = TableKind(rawValue: kindToken.text) else {
      diagnostics.append(
        Catalogue.planUnknownTableKind(
          kindToken, kinds: Self.tableKinds, suggestion: Suggest.closest(to: kindToken.text, in: Self.tableKinds)))
      return nil
    }
    let owner = "table '\(id.text)'"
    var table = PlanTable(id: id.text, title: "", analysis: .composition(items: []), span: SourceSpan(id.range))
    var draft = TableDraft()
    var seen = SeenProperties(owner: owner)
    for child in node.children {
      guard let head = child.head else { continue }
      var a = Arguments(child)
      defer {
        absorb(a)
        noChildren(child)
      }
      if head.kind == .string {
        guard seen.record("", what: "title", head.range, into: &diagnostics) else {
          a.advance(by: child.tokens.count)
          continue
        }
        table.title = head.text
        a.finish()
        continue
      }
      let word = keyword(head)
      guard let takers = tableProperties[word] else {
        unknownKeyword(head, context: "in a table", candidates: tableProperties.keys.sorted())
        a.advance(by: child.tokens.count)
        continue
      }
      if let takers, !takers.contains(kind) {
        let names = Catalogue.listed(takers.map(\.rawValue))
        diagnostics.append(
          Catalogue.planPropertyNotForKind(
            word, owner: "a \(kind.rawValue) table", takers: "\(names) tables", head.range))
        a.advance(by: child.tokens.count)
        continue
      }
      let repeatable = word == "note" || word == "label" || (word == "reference" && kind == .odds)
      guard repeatable || seen.record(word, head.range, into: &diagnostics) else {
        a.advance(by: child.tokens.count)
        continue
      }
      seen.first[word] = seen.first[word] ?? head.range
      lowerTableProperty(word, kind: kind, &a, into: &table, &draft)
      a.finish()
    }
    if !seen.has("") {
      diagnostics.append(Catalogue.planMissingTitle(table: id.text, node.range))
    }
    for required in kind.required where !seen.has(required) {
      diagnostics.append(Catalogue.planMissingProperty(required, in: owner, node.range))
    }
    table.analysis = draft.analysis(kind)
    return table
  }

  private mutating func lowerTableProperty(
    _ word: String, kind: TableKind, _ a: inout Arguments, into table: inout PlanTable, _ draft: inout TableDraft
  ) {
    switch word {
    case "items": draft.items = names(&a, "the variables to tabulate")
    case "positive": draft.positive = names(&a, "the answers to count, e.g. agree, strongly_agree")
    case "test": draft.test = true
    case "construct": draft.construct = name(&a, "the construct's name")
    case "experiment": draft.experiment = name(&a, "the experiment's name")
    case "outcome": draft.outcome = name(&a, "the outcome question")
    case "predictors": draft.predictors = names(&a, "the predictors")
    case "rows": draft.rows = name(&a, "the row variable")
    case "columns": draft.columns = name(&a, "the column variable")
    case "reference" where kind == .vignette:
      draft.reference = name(&a, "the reference arm")
    case "reference":
      guard let variable = name(&a, "the predictor"), let choice = name(&a, "its reference category") else { return }
      if let earlier = draft.references.first(where: { $0.variable.name == variable.name }),
        let range = variable.span.range
      {
        diagnostics.append(Catalogue.planDuplicateReference(variable.name, range, earlier: earlier.variable.span.range))
        return
      }
      draft.references.append(PlanReference(variable: variable, choice: choice))
    case "label":
      guard let arm = a.name("the arm's name"), let text = a.string("the arm's label in quotes") else { return }
      if let earlier = draft.labelSpans[arm.text] {
        diagnostics.append(Catalogue.planDuplicateLabel(arm.text, arm.range, earlier: earlier.range))
        return
      }
      draft.labels[arm.text] = text.text
      draft.labelSpans[arm.text] = SourceSpan(arm.range)
    case "headline" where kind == .vignette:
      draft.headlineArm = name(&a, "the arm whose effect is the headline")
    case "headline": draft.headline = true
    case "by":
      table.by = names(&a, "the subgroup variables")
      if kind == .vignette, table.by.count > 1, let second = table.by[1].span.range {
        diagnostics.append(Catalogue.planTooManySubgroups(second))
      }
    case "chart": table.chart = true
    case "note":
      if let s = a.string("the note in quotes") { table.notes.append(s.text) }
    default:
      lowerOption(word, &a, into: &table.options)
    }
  }
}

/// The keyword a line starts with, or "" when it starts with a string, number or symbol.
private func keyword(_ token: Token) -> String {
  token.kind == .identifier ? token.text : ""
}
