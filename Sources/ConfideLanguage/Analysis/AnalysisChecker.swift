public import ConfideDiagnostics
public import ConfideModel

/// Checks an analysis plan against the survey it analyses: every name is a variable, construct,
/// experiment, arm or option of the survey, of the kind its place in the plan needs.
public enum AnalysisChecker {
  /// Checks `plan` against `survey` and, when given, the levels of the weighting margins file.
  ///
  /// Names left empty by the parser (a required property that was missing, already reported)
  /// are skipped.
  ///
  /// - Parameters:
  ///   - plan: The plan, as read by ``AnalysisParser``.
  ///   - survey: The checked survey the plan names.
  ///   - file: The plan's file name, for diagnostics about elements with no source position.
  ///   - marginLevels: The levels of each variable in the margins file, if it was read.
  /// - Returns: The diagnostics, in no particular order.
  public static func check(
    _ plan: AnalysisPlan, against survey: Survey, file: String, marginLevels: [String: [String]]? = nil
  ) -> [Diagnostic] {
    var checker = PlanChecker(survey: survey, file: file)
    checker.check(plan, marginLevels: marginLevels)
    return checker.diagnostics
  }
}

/// The kinds of variable a place in the plan accepts, and how a message names them.
private struct Accepts {
  var kinds: Set<VariableKind>
  /// What the place needs, for messages ("a single-choice, yes/no or rating question").
  var description: String

  static let categories = Accepts(
    kinds: [.single, .yesNo, .rating, .matrixItem],
    description: "a single-choice, yes/no, rating or matrix-item question")
  static let subgroup = Accepts(
    kinds: [.single, .yesNo, .rating], description: "a single-choice, yes/no or rating question")
  static let weight = Accepts(kinds: [.integer, .decimal], description: "an integer or decimal question")
  static let weightingCategories = Accepts(
    kinds: [.single, .yesNo], description: "a single-choice or yes/no question")
  static let designVariable = Accepts(
    kinds: [.single, .yesNo, .integer], description: "a single-choice, yes/no or integer question")
  static let likertItem = Accepts(
    kinds: [.rating, .matrixItem], description: "a rating question, a matrix or a matrix item")
  static let vignetteOutcome = Accepts(
    kinds: [.rating, .single, .yesNo, .integer, .decimal, .count],
    description: "a rating, single-choice, yes/no, integer, decimal or count question")
  static let listOutcome = Accepts(kinds: [.count], description: "a count question")
  static let oddsOutcome = Accepts(
    kinds: [.single, .yesNo, .rating, .matrixItem],
    description: "a yes/no question, or a single-choice or rating question with 'positive' answers")
  static let predictor = Accepts(
    kinds: [.single, .yesNo, .rating, .matrixItem, .integer, .decimal, .count],
    description: "a choice question, a number question or a construct")
}

/// What a variable of each kind is called in messages ("a multiple-choice question").
private func describe(_ kind: VariableKind) -> String {
  switch kind {
  case .arm: "an experiment"
  case .single: "a single-choice question"
  case .multiple: "a multiple-choice question"
  case .rating: "a rating question"
  case .matrixItem: "a matrix item"
  case .yesNo: "a yes/no question"
  case .integer: "an integer question"
  case .decimal: "a decimal question"
  case .date: "a date question"
  case .text: "a free-text question"
  case .count: "a count question"
  }
}

private let numericKinds: Set<VariableKind> = [.integer, .decimal, .count]

struct PlanChecker {
  let survey: Survey
  let file: String
  var diagnostics: [Diagnostic] = []
  /// The survey's variables by name, and their names in data order (for suggestions).
  let variables: [String: Variable]
  let variableNames: [String]
  /// The survey's matrix questions by name.
  let matrices: [String: Question]

  init(survey: Survey, file: String) {
    self.survey = survey
    self.file = file
    let all = survey.variables
    var byName: [String: Variable] = [:]
    for v in all where byName[v.name] == nil { byName[v.name] = v }
    variables = byName
    variableNames = all.map(\.name)
    var matrices: [String: Question] = [:]
    for q in survey.questions where q.type.isMatrix { matrices[q.id] = q }
    self.matrices = matrices
  }

  mutating func emit(_ d: Diagnostic) { diagnostics.append(d) }

  /// The name's range, or the start of the plan when it came from no source.
  func range(_ name: PlanName) -> SourceRange {
    name.span.range ?? SourceRange(start: SourceLocation(file: file, line: 1, column: 1))
  }

  mutating func check(_ plan: AnalysisPlan, marginLevels: [String: [String]]?) {
    checkWeighting(plan.weighting, marginLevels: marginLevels)
    if let strata = plan.design.strata {
      _ = variable(strata, .designVariable, role: "the strata variable")
    }
    if let clusters = plan.design.clusters {
      _ = variable(clusters, .designVariable, role: "the cluster variable")
    }
    for table in plan.tables { check(table) }
  }

  // MARK: - Names

  /// The variable `name` refers to if it is of a kind `accepts` takes; otherwise reports why
  /// not (unknown, or of the wrong kind) and returns nil.
  private mutating func variable(_ name: PlanName, _ accepts: Accepts, role: String) -> Variable? {
    guard !name.name.isEmpty else { return nil }
    if let v = variables[name.name] {
      if accepts.kinds.contains(v.kind) { return v }
      emit(
        Catalogue.planWrongKind(name.name, is: describe(v.kind), role: role, needs: accepts.description, range(name)))
      return nil
    }
    if let matrix = matrices[name.name] {
      emit(
        Catalogue.planWrongKind(
          name.name, is: "a matrix question", role: role, needs: accepts.description, range(name),
          notes: [Note("its items are \(Catalogue.listed(matrix.items.map(\.id)))")]))
    } else if survey.construct(name.name) != nil {
      emit(Catalogue.planWrongKind(name.name, is: "a construct", role: role, needs: accepts.description, range(name)))
    } else if survey.question(name.name) != nil {
      emit(
        Catalogue.planWrongKind(
          name.name, is: "a note", role: role, needs: accepts.description, range(name)))
    } else {
      emit(
        Catalogue.planUnknownVariable(
          name.name, range(name), suggestion: Suggest.closest(to: name.name, in: variableNames)))
    }
    return nil
  }

  /// Whether `name` is a substantive option of `variable`; reports it if not.
  @discardableResult
  private mutating func checkChoice(_ name: PlanName, of variable: Variable, role: String) -> Bool {
    guard !name.name.isEmpty, let list = variable.list else { return false }
    if let choice = list.choice(named: name.name) {
      if choice.isMissing {
        emit(Catalogue.planMissingCode(name.name, variable: variable.name, role: role, range(name)))
        return false
      }
      return true
    }
    emit(
      Catalogue.planUnknownChoice(
        name.name, variable: variable.name, list: list.id, range(name),
        suggestion: Suggest.closest(to: name.name, in: list.validChoices.map(\.name))))
    return false
  }

  /// The experiment `name` refers to if it is of `kind`; otherwise reports why not.
  private mutating func experiment(_ name: PlanName, kind: Experiment.Kind) -> Experiment? {
    guard !name.name.isEmpty else { return nil }
    guard let experiment = survey.experiment(name.name) else {
      emit(
        Catalogue.planUnknownExperiment(
          name.name, range(name), suggestion: Suggest.closest(to: name.name, in: survey.experiments.map(\.id))))
      return nil
    }
    guard experiment.kind == kind else {
      emit(
        Catalogue.planWrongExperimentKind(
          name.name, kind: experiment.kind.rawValue, table: kind.rawValue, range(name)))
      return nil
    }
    return experiment
  }

  /// Whether `name` is an arm of `experiment`; reports it if not.
  private mutating func checkArm(_ name: PlanName, of experiment: Experiment) -> Bool {
    if experiment.arms.contains(where: { $0.id == name.name }) { return true }
    emit(
      Catalogue.planUnknownArm(
        name.name, experiment: experiment.id, range(name),
        suggestion: Suggest.closest(to: name.name, in: experiment.arms.map(\.id))))
    return false
  }

  // MARK: - Weighting

  private mutating func checkWeighting(_ weighting: PlanWeighting, marginLevels: [String: [String]]?) {
    switch weighting {
    case .none:
      break
    case .variable(let name):
      _ = variable(name, .weight, role: "the weight variable")
    case .calibrated(let calibration):
      for name in calibration.variables {
        guard let v = variable(name, .weightingCategories, role: "a weighting variable") else { continue }
        if let marginLevels { checkMargins(v, name, levels: marginLevels[v.name], file: calibration.marginsPath) }
      }
    }
  }

  /// The margins file's levels for `variable` must be exactly its substantive options.
  private mutating func checkMargins(_ variable: Variable, _ name: PlanName, levels: [String]?, file: String) {
    guard let list = variable.list else { return }
    guard let levels else {
      emit(Catalogue.planMarginsMissingVariable(variable.name, file: file, range(name)))
      return
    }
    var reported: Set<String> = []
    for level in levels where reported.insert(level).inserted {
      if let choice = list.choice(named: level) {
        if choice.isMissing {
          emit(Catalogue.planMarginsMissingCode(level, variable: variable.name, file: file, range(name)))
        }
      } else {
        emit(
          Catalogue.planMarginsUnknownLevel(
            level, variable: variable.name, list: list.id, file: file, range(name),
            suggestion: Suggest.closest(to: level, in: list.validChoices.map(\.name))))
      }
    }
    for choice in list.validChoices where !reported.contains(choice.name) {
      emit(Catalogue.planMarginsMissingLevel(choice.name, variable: variable.name, file: file, range(name)))
    }
  }

  // MARK: - Tables

  private mutating func check(_ table: PlanTable) {
    // What the table's own variables are, so a `by` variable cannot repeat one.
    var own: [String: String] = [:]
    switch table.analysis {
    case .composition(let items):
      for item in items { _ = variable(item, .categories, role: "an item of a composition table") }
    case .prevalence(let items, let positive, _):
      checkPrevalence(table, items: items, positive: positive)
      for item in items { own[item.name] = "one of the table's items" }
    case .likert(let items):
      checkLikert(items)
    case .scale(let construct):
      if !construct.name.isEmpty {
        if let c = survey.construct(construct.name) {
          for item in c.items { own[item] = "an item of construct '\(c.id)'" }
        } else {
          emit(
            Catalogue.planUnknownConstruct(
              construct.name, range(construct),
              suggestion: Suggest.closest(to: construct.name, in: survey.constructs.map(\.id))))
        }
      }
    case .vignette(let vignette):
      checkVignette(vignette)
      own[vignette.outcome.name] = "the table's outcome"
    case .list(let list):
      _ = experiment(list.experiment, kind: .list)
      _ = variable(list.outcome, .listOutcome, role: "the outcome of a list table")
      own[list.outcome.name] = "the table's outcome"
    case .odds(let odds):
      checkOdds(odds, table: table.id)
    case .crosstab(let rows, let columns):
      _ = variable(rows, .categories, role: "the rows of a crosstab")
      if !columns.name.isEmpty, columns.name == rows.name {
        emit(Catalogue.planOverlappingVariable(columns.name, is: "the table's rows", as: "its columns", range(columns)))
      } else {
        _ = variable(columns, .categories, role: "the columns of a crosstab")
      }
    }
    for name in table.by {
      if let what = own[name.name] {
        emit(Catalogue.planOverlappingVariable(name.name, is: what, as: "a 'by' variable", range(name)))
      } else {
        _ = variable(name, .subgroup, role: "a 'by' variable")
      }
    }
  }

  private mutating func checkPrevalence(_ table: PlanTable, items: [PlanName], positive: [PlanName]) {
    let resolved = items.compactMap { item in
      variable(item, .categories, role: "an item of a prevalence table").map { (item, $0) }
    }
    guard !positive.isEmpty else {
      // Without `positive`, "yes" is counted: every item must be a yes/no question.
      if let (name, v) = resolved.first(where: { $0.1.kind != .yesNo }) {
        emit(Catalogue.planMissingPositive(table: table.id, item: v.name, kind: describe(v.kind), range(name)))
      }
      return
    }
    // Each answer must be an option of every item; one report per answer.
    for answer in positive {
      for (_, v) in resolved {
        if !checkChoice(answer, of: v, role: "a 'positive' answer") { break }
      }
    }
  }

  private mutating func checkLikert(_ items: [PlanName]) {
    var first: (name: String, scale: String)?
    for item in items where !item.name.isEmpty {
      let scale: String?
      if let matrix = matrices[item.name] {
        scale = survey.choices(for: matrix)?.id
      } else {
        scale = variable(item, .likertItem, role: "an item of a likert table")?.list?.id
      }
      guard let scale else { continue }
      if let first, first.scale != scale {
        emit(
          Catalogue.planScaleMismatch(item.name, scale: scale, first: first.name, expected: first.scale, range(item)))
      } else if first == nil {
        first = (item.name, scale)
      }
    }
  }

  private mutating func checkVignette(_ vignette: PlanVignette) {
    let experiment = experiment(vignette.experiment, kind: .vignette)
    if let outcome = variable(vignette.outcome, .vignetteOutcome, role: "the outcome of a vignette table") {
      if numericKinds.contains(outcome.kind), let first = vignette.positive.first {
        emit(Catalogue.planPositiveNotApplicable(outcome.name, kind: describe(outcome.kind), range(first)))
      } else {
        for answer in vignette.positive { checkChoice(answer, of: outcome, role: "a 'positive' answer") }
      }
    }
    guard let experiment else { return }
    var reference = experiment.controlArm?.id
    if let named = vignette.reference {
      reference = checkArm(named, of: experiment) ? named.name : nil
    }
    for (arm, span) in vignette.armLabelSpans.sorted(by: { $0.key < $1.key }) {
      _ = checkArm(PlanName(arm, span: span), of: experiment)
    }
    if let headline = vignette.headline, checkArm(headline, of: experiment), headline.name == reference {
      emit(Catalogue.planHeadlineIsReference(headline.name, range(headline), isControl: vignette.reference == nil))
    }
  }

  private mutating func checkOdds(_ odds: PlanOdds, table: String) {
    if let outcome = variable(odds.outcome, .oddsOutcome, role: "the outcome of an odds table") {
      if odds.positive.isEmpty, outcome.kind != .yesNo {
        emit(
          Catalogue.planMissingPositive(
            table: table, item: outcome.name, kind: describe(outcome.kind), range(odds.outcome)))
      }
      for answer in odds.positive { checkChoice(answer, of: outcome, role: "a 'positive' answer") }
    }
    // Each predictor's variable, or nil for a construct or one already reported.
    var predictors: [String: Variable?] = [:]
    for predictor in odds.predictors where !predictor.name.isEmpty {
      if predictor.name == odds.outcome.name {
        emit(
          Catalogue.planOverlappingVariable(
            predictor.name, is: "the table's outcome", as: "a predictor", range(predictor)))
        predictors[predictor.name] = .some(nil)
      } else if survey.construct(predictor.name) != nil {
        predictors[predictor.name] = .some(nil)
      } else {
        predictors[predictor.name] = variable(predictor, .predictor, role: "a predictor")
      }
    }
    for reference in odds.references where !reference.variable.name.isEmpty {
      guard let entry = predictors[reference.variable.name] else {
        emit(Catalogue.planReferenceNotPredictor(reference.variable.name, range(reference.variable)))
        continue
      }
      if survey.construct(reference.variable.name) != nil {
        emit(
          Catalogue.planReferenceNotCategorical(reference.variable.name, kind: "a construct", range(reference.variable))
        )
      } else if let v = entry {
        if numericKinds.contains(v.kind) {
          emit(Catalogue.planReferenceNotCategorical(v.name, kind: describe(v.kind), range(reference.variable)))
        } else {
          checkChoice(reference.choice, of: v, role: "a reference category")
        }
      }
    }
  }
}
