public import ConfideModel
public import ConfideReports
public import ConfideStatistics
public import ConfideStore
import Dispatch
import Foundation

/// Runs a checked analysis plan against a response store and builds the report document:
/// reads the columns the plan needs, weights the sample, estimates every table with
/// `ConfideStatistics`, applies the disclosure rule to every table and chart, and writes the
/// methods section from the plan.
///
/// ```swift
/// let document = try PlanRunner.run(
///   PlanRunner.Input(plan: plan, survey: survey, surveyFile: "nhs-data-trust.survey", store: store,
///                    margins: margins, software: GeneratedBy(software: "Confide", version: "0.6.0")))
/// print(TextRenderer().render(document))
/// ```
public enum PlanRunner {
  /// Everything a run needs; the caller reads the files.
  public struct Input: Sendable {
    /// The checked plan.
    public var plan: AnalysisPlan
    /// The checked survey the plan analyses.
    public var survey: Survey
    /// The survey file's name, for the methods section.
    public var surveyFile: String
    /// The store holding the responses.
    public var store: ResponseStore
    /// The margins file's contents, when the plan calibrates.
    public var margins: MarginsTable?
    /// The software and version that produced the report.
    public var software: GeneratedBy

    /// Creates the input.
    public init(
      plan: AnalysisPlan, survey: Survey, surveyFile: String, store: ResponseStore, margins: MarginsTable? = nil,
      software: GeneratedBy
    ) {
      self.plan = plan
      self.survey = survey
      self.surveyFile = surveyFile
      self.store = store
      self.margins = margins
      self.software = software
    }
  }

  /// Runs the plan.
  ///
  /// - Parameter input: The plan, survey, store and margins.
  /// - Returns: The report, with disclosure control applied to every table and chart.
  /// - Throws: ``PlanRunError`` when the store cannot be read, holds no responses, the weighting
  ///   fails, or a table cannot be estimated.
  public static func run(_ input: Input) throws(PlanRunError) -> ReportDocument {
    let plan = input.plan
    let names = variables(plan, survey: input.survey)
    let matrix: AnswerMatrix
    do { matrix = try input.store.answerMatrix(names, survey: input.survey.id) } catch {
      throw .store(String(describing: error))
    }
    guard matrix.count > 0 else { throw .noResponses(survey: input.survey.id) }
    var sample = AnalysisSample(survey: input.survey, matrix: matrix)
    let stored = sample.count

    // Respondents without an answer to a weighting or design variable cannot be weighted.
    let required = WeightedDesign.requiredVariables(plan)
    let statuses = required.map { sample.column($0).status }
    let kept = (0..<sample.count).filter { i in statuses.allSatisfy { $0[i] == .answered } }
    if kept.count < sample.count { sample.keep(kept) }
    guard sample.count > 0 else { throw .weighting("no respondent answered every weighting variable") }
    let weighted = try WeightedDesign.build(plan, sample: sample, margins: input.margins)

    let defaults = plan.defaults.merged(over: .builtIn)
    let rule = DisclosureRule(
      threshold: plan.disclosure.threshold, secondarySuppression: plan.disclosure.secondarySuppression)
    // Tables are independent: build them on every core, then assemble them in plan order.
    var contexts: [TableContext] = []
    for table in plan.tables {
      let options = table.options.merged(over: defaults)
      contexts.append(
        TableContext(
          sample: sample, design: weighted.design, table: table, level: (options.confidence ?? 95) / 100,
          adjustment: PValueAdjustment(options.adjustment ?? .holm), decimals: options.decimals ?? 1, rule: rule))
    }
    let built = try buildAll(contexts)
    var sections: [ReportSection] = []
    var headlines: [Headline] = []
    var next = 0
    for section in plan.sections {
      var blocks: [ReportBlock] = section.text.map { [.paragraph($0)] } ?? []
      for _ in section.tables {
        blocks += built[next].blocks
        if let headline = built[next].headline { headlines.append(headline) }
        next += 1
      }
      sections.append(ReportSection(heading: section.heading, blocks: blocks))
    }
    if !headlines.isEmpty {
      sections.insert(
        ReportSection(
          heading: "Headline",
          blocks: headlines.map { .headline($0) } + (plan.description.map { [.paragraph($0)] } ?? [])),
        at: 0)
    }
    let methods = try methodsSection(
      input, sample: sample, stored: stored, weighting: weighted.description, rule: rule, defaults: defaults)
    return ReportDocument(
      title: plan.title,
      subtitle: "\(grouped(sample.count)) respondents, survey \(input.survey.id) version "
        + sample.matrix.versions.joined(separator: ", "),
      generatedBy: input.software, sections: sections, methods: methods)
  }

  /// Builds every table, in parallel; the first error in plan order is thrown.
  ///
  /// A table's work may come in parts (a prevalence table's tests are estimated beside its
  /// prevalences). Parts start longest first, by ``TableContext/cost(of:)``, so that the cores
  /// finish together rather than one waiting on a long table started last.
  static func buildAll(_ contexts: [TableContext]) throws(PlanRunError) -> [BuiltTable] {
    var units: [(table: Int, part: TablePart, cost: Int)] = []
    for (index, context) in contexts.enumerated() {
      for part in context.parts { units.append((index, part, context.cost(of: part))) }
    }
    units.sort { $0.cost != $1.cost ? $0.cost > $1.cost : ($0.table, $0.part) < ($1.table, $1.part) }
    let results = Slots<Result<BuiltTable, PlanRunError>>(count: units.count)
    let work = units
    DispatchQueue.concurrentPerform(iterations: work.count) { index in
      let unit = work[index]
      do throws(PlanRunError) {
        results.set(index, .success(try contexts[unit.table].build(unit.part)))
      } catch {
        results.set(index, .failure(error))
      }
    }
    // Each table's parts, in part order, joined into the table.
    var parts = [[(TablePart, Result<BuiltTable, PlanRunError>?)]](repeating: [], count: contexts.count)
    for (index, result) in results.values.enumerated() { parts[work[index].table].append((work[index].part, result)) }
    var built: [BuiltTable] = []
    for tableParts in parts {
      var table = BuiltTable(blocks: [], headline: nil)
      for (_, result) in tableParts.sorted(by: { $0.0 < $1.0 }) {
        switch result {
        case .success(let part):
          table.blocks += part.blocks
          table.headline = table.headline ?? part.headline
        case .failure(let error): throw error
        case nil: throw .table(id: "?", reason: "a table was not built")
        }
      }
      built.append(table)
    }
    return built
  }

  /// Every variable the plan reads, each once.
  static func variables(_ plan: AnalysisPlan, survey: Survey) -> [String] {
    var names = WeightedDesign.requiredVariables(plan)
    func add(_ name: String) {
      if let construct = survey.construct(name) {
        construct.items.forEach(add)
      } else if let question = survey.question(name), question.type.isMatrix {
        question.items.map(\.id).forEach(add)
      } else if !names.contains(name) {
        names.append(name)
      }
    }
    for table in plan.tables {
      table.by.map(\.name).forEach(add)
      switch table.analysis {
      case .composition(let items), .likert(let items): items.map(\.name).forEach(add)
      case .prevalence(let items, _, _): items.map(\.name).forEach(add)
      case .scale(let construct): add(construct.name)
      case .vignette(let v):
        add(v.experiment.name)
        add(v.outcome.name)
      case .list(let l):
        add(l.experiment.name)
        add(l.outcome.name)
      case .odds(let o):
        add(o.outcome.name)
        o.predictors.map(\.name).forEach(add)
      case .crosstab(let rows, let columns):
        add(rows.name)
        add(columns.name)
      }
    }
    return names
  }

  static func methodsSection(
    _ input: Input, sample: AnalysisSample, stored: Int, weighting: String, rule: DisclosureRule,
    defaults: TableOptions
  ) throws(PlanRunError) -> MethodsSection {
    let status: StoreStatus
    do { status = try input.store.status() } catch { throw .store(String(describing: error)) }
    let versions = status.surveys.first { $0.id == input.survey.id }?.versions ?? []
    let batches = versions.flatMap(\.batches)
    let batchWords = batches.map {
      "\($0.source) (\($0.format), imported \($0.importedAt.prefix(10)), \(grouped($0.accepted)) accepted)"
    }
    var source =
      "\(grouped(stored)) stored responses from \(batches.count) import batch\(batches.count == 1 ? "" : "es"): "
      + batchWords.joined(separator: "; ") + "."
    if sample.count < stored {
      source +=
        " \(grouped(stored - sample.count)) respondents without an answer to a weighting or design variable are "
        + "left out, leaving \(grouped(sample.count))."
    }
    let versionWords = versions.map { "\($0.version) (content hash \($0.contentHash.prefix(12)))" }
    let design = input.plan.design
    var variance = "Taylor series linearisation (as R's survey package)"
    if let strata = design.strata { variance += ", stratified by \(sample.label(of: strata.name).lowercasedFirst)" }
    if let clusters = design.clusters {
      variance += ", clustered by \(sample.label(of: clusters.name).lowercasedFirst)"
    }
    if design.strata == nil, design.clusters == nil { variance += ", treating respondents as sampled independently" }
    if case .calibrated = input.plan.weighting { variance += "; calibration is accounted for in the variance" }
    let level = number(defaults.confidence ?? 95)
    let adjustment = PValueAdjustment(defaults.adjustment ?? .holm)
    return .standard(
      dataSource: source, surveyVersion: "\(input.surveyFile), version " + versionWords.joined(separator: ", "),
      weighting: weighting, variance: variance + ".",
      confidenceIntervals:
        "\(level)% intervals unless a table says otherwise: logit intervals for proportions (svyciprop), t "
        + "intervals on the design's degrees of freedom for means, differences and model coefficients. Multiple "
        + "comparisons adjusted by the \(adjustment.displayName) method.",
      missingData:
        "Each estimate's base is the respondents who gave a substantive answer: declared missing codes (such as "
        + "\"don't know\" and \"prefer not to say\"), unanswered and routed-past questions are left out. Scores "
        + "need the construct's minimum number of items.",
      disclosure: rule.isEnabled
        ? "Figures resting on fewer than \(rule.threshold) respondents (unweighted) are not shown, "
          + (rule.secondarySuppression
            ? "with further figures hidden so that they cannot be worked out from totals."
            : "without secondary suppression.")
        : "None: every figure is shown.",
      software: "\(input.software.software) \(input.software.version)")
  }
}

/// A part of a table's work that can be estimated on a core of its own.
enum TablePart: Int, Comparable, Sendable {
  /// The table itself (for most tables, all of it).
  case main
  /// A prevalence table's tests of difference between groups.
  case tests

  static func < (a: TablePart, b: TablePart) -> Bool { a.rawValue < b.rawValue }
}

extension TableContext {
  /// The parts of the table's work, in the order their blocks appear.
  var parts: [TablePart] {
    if case .prevalence(_, _, true) = table.analysis, !table.by.isEmpty { return [.main, .tests] }
    return [.main]
  }

  /// A rough measure of a part's work, in passes over the respondents, for starting the longest
  /// parts first. Only the order matters; it was set from timings of the shipped plan.
  func cost(of part: TablePart) -> Int {
    let groupings = table.by.count
    switch (table.analysis, part) {
    case (.prevalence(let items, _, _), .tests): return 8 * items.count * groupings
    case (.prevalence(let items, _, _), .main): return 10 * items.count * (1 + groupings)
    case (.odds, _): return 150
    case (.list, _): return 40 * (1 + groupings)
    case (.scale, _): return 40 * (1 + groupings)
    case (.vignette, _): return 20 * (2 + groupings)
    case (.crosstab, _): return 20
    case (.composition(let items), _): return 2 * items.count
    case (.likert(let items), _): return items.count
    }
  }

  /// Builds one part of a plan table.
  func build(_ part: TablePart) throws(PlanRunError) -> BuiltTable {
    if part == .tests, case .prevalence(let items, let positive, _) = table.analysis {
      return BuiltTable(blocks: [.table(try prevalenceTests(items, positive: positive))])
    }
    return try build()
  }

  /// Builds one plan table (a prevalence table without its tests, which are a part of their own).
  func build() throws(PlanRunError) -> BuiltTable {
    switch table.analysis {
    case .composition(let items): try composition(items)
    case .prevalence(let items, let positive, _): try prevalence(items, positive: positive)
    case .likert(let items): try likert(items)
    case .scale(let construct): try scale(construct)
    case .vignette(let plan): try vignette(plan)
    case .list(let plan): try list(plan)
    case .odds(let plan): try odds(plan)
    case .crosstab(let rows, let columns): try crosstab(rows: rows, columns: columns)
    }
  }
}

/// Results written by concurrent workers, one slot each.
private final class Slots<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Value?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Value) {
    lock.lock()
    defer { lock.unlock() }
    slots[index] = value
  }

  var values: [Value?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}
