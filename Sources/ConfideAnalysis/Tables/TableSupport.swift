import ConfideModel
import ConfideReports
import ConfideStatistics
import ConfideStore

/// What every table builder reads: the sample, the weighted design, the resolved options and the
/// disclosure rule.
struct TableContext: Sendable {
  let sample: AnalysisSample
  let design: SurveyDesign
  let table: PlanTable
  /// Confidence level as a fraction (0.95).
  let level: Double
  let adjustment: PValueAdjustment
  let decimals: Int
  let rule: DisclosureRule

  func format(_ scale: FigureFormat.Scale, decimals: Int? = nil) -> FigureFormat {
    FigureFormat(decimals: decimals ?? self.decimals, scale: scale, confidenceLevel: level)
  }

  /// Runs an estimator, turning its error into a ``PlanRunError`` naming the table.
  func estimate<T>(_ body: () throws(EstimationError) -> T) throws(PlanRunError) -> T {
    do { return try body() } catch { throw .table(id: table.id, reason: String(describing: error)) }
  }

  /// Applies the disclosure rule, turning its error into a ``PlanRunError`` naming the table.
  func protect(_ body: () throws(DisclosureError) -> DisclosureTable) throws(PlanRunError) -> ProtectedTable {
    do { return try body().protected(by: rule) } catch {
      throw .table(id: table.id, reason: "disclosure control failed: \(error)")
    }
  }

  /// The design's degrees of freedom in a domain, as R's `degf` of the subset.
  func degreesOfFreedom(_ domain: [Bool]?) -> Double { Double(design.degreesOfFreedom(in: domain)) }

  /// A proportion with its `svyciprop` logit interval in `domain`.
  func proportion(_ y: [Double], domain: [Bool]?) throws(PlanRunError) -> Figure {
    proportionFigure(
      try estimate { () throws(EstimationError) in
        try proportionInterval(y, in: design, method: .logit, level: level, domain: domain)
      })
  }

  /// Logit-interval proportions of `y` in each row of a subgroup block, among `base`
  /// respondents, from one grouped estimate: the figure of each row, or "–" for a row nobody
  /// in `base` belongs to.
  func proportions(
    _ y: [Double], block: Int, of groups: SubgroupRows, base: [Bool]
  ) throws(PlanRunError)
    -> [ReportCell]
  {
    let grouping = groups.groupings[block]
    let results = try estimate { () throws(EstimationError) in
      try proportionIntervals(y, by: grouping, in: design, method: .logit, level: level, domain: base)
    }
    var cells: [ReportCell] = []
    for (code, result) in results.enumerated() {
      if let result {
        cells.append(.figure(proportionFigure(result)))
        continue
      }
      // Nobody in the row answered: not estimable. Answers that all weigh nothing are an error,
      // as they are for one domain.
      let level = Int32(code)
      guard zip(grouping.codes, base).contains(where: { $0 == level && $1 }) else {
        cells.append(.text(notEstimable))
        continue
      }
      throw .table(
        id: table.id,
        reason: String(describing: EstimationError.noObservations("no respondent with a positive weight has an answer"))
      )
    }
    return cells
  }

  /// The figure of a proportion with its interval.
  func proportionFigure(_ result: ProportionInterval) -> Figure {
    Figure(
      kind: .proportion, estimate: result.estimate.value, standardError: result.estimate.standardError,
      interval: result.interval, unweightedBase: result.estimate.count, weightedBase: result.estimate.weightedCount)
  }

  /// A mean with its t interval on the estimate's degrees of freedom.
  func mean(_ y: [Double], domain: [Bool]?, kind: FigureKind = .mean) throws(PlanRunError) -> Figure {
    let result = try estimate { () throws(EstimationError) in try ConfideStatistics.mean(y, in: design, domain: domain)
    }
    return try figure(result, kind: kind)
  }

  /// A figure from an estimate, with its t interval on the estimate's degrees of freedom (or on
  /// `degreesOfFreedom`).
  func figure(
    _ estimate: Estimate, kind: FigureKind, base: Int? = nil, degreesOfFreedom: Double? = nil
  ) throws(PlanRunError) -> Figure {
    let interval = try self.estimate { () throws(EstimationError) in
      try estimate.confidenceInterval(
        level: level, degreesOfFreedom: degreesOfFreedom ?? Double(estimate.degreesOfFreedom))
    }
    return Figure(
      kind: kind, estimate: estimate.value, standardError: estimate.standardError, interval: interval,
      unweightedBase: base ?? estimate.count, weightedBase: estimate.weightedCount)
  }
}

/// What a table shows for a figure that cannot be estimated (a group with nobody in it).
let notEstimable = "\u{2013}"

/// The rows of a "by subgroup" table: everyone, then each subgroup variable's categories.
struct SubgroupRows {
  struct Row {
    var label: String
    var level: Int
    /// The respondents in the row, or `nil` for a heading row.
    var members: [Bool]?
  }

  var rows: [Row]
  /// For each subgroup variable, the row indices of its categories, and the respondents in none.
  var blocks: [(rows: [Int], unstated: [Bool])]
  /// For each subgroup variable, its grouping: the rows of block *b* are its levels, in order.
  var groupings: [Grouping]

  init(sample: AnalysisSample, by variables: [PlanName], allLabel: String = "All respondents") {
    rows = [Row(label: allLabel, level: 0, members: Array(repeating: true, count: sample.count))]
    blocks = []
    groupings = []
    for variable in variables {
      let grouping = sample.grouping(variable.name)
      groupings.append(grouping)
      rows.append(Row(label: sample.label(of: variable.name), level: 0, members: nil))
      var indices: [Int] = []
      for (code, level) in grouping.levels.enumerated() {
        indices.append(rows.count)
        rows.append(Row(label: level, level: 1, members: grouping.codes.map { $0 == Int32(code) }))
      }
      blocks.append((indices, grouping.codes.map { $0 < 0 }))
    }
  }

  /// The disclosure table of the rows' bases among `base` respondents: each subgroup variable's
  /// categories (plus those who did not say, never published) add up to everyone. Returns the
  /// table and each row's cell index.
  func disclosure(base: [Bool]) throws(DisclosureError) -> (DisclosureTable, [Int?]) {
    func count(_ members: [Bool]) -> Int { zip(members, base).reduce(0) { $0 + ($1.0 && $1.1 ? 1 : 0) } }
    var breakdowns: [[Int]] = []
    var cell = Array(repeating: Int?.none, count: rows.count)
    var offset = 0
    for block in blocks {
      // Those who did not say are a cell no table prints, protected like any other; where there are
      // none by design (a weighting variable), the categories alone add up to everyone.
      let unstated = count(block.unstated)
      let parts = block.rows.map { count(rows[$0].members ?? []) } + (unstated > 0 ? [unstated] : [])
      for (position, row) in block.rows.enumerated() { cell[row] = offset + position }
      offset += parts.count
      breakdowns.append(parts)
    }
    if breakdowns.isEmpty {
      breakdowns = [[count(rows[0].members ?? [])]]
      offset = 1
    }
    cell[0] = offset
    return (try DisclosureTable.breakdowns(breakdowns), cell)
  }
}

extension DisclosureTable {
  /// Several independent tables side by side: cells renumbered, the second table's after the
  /// first's. Returns the combined table and each table's offset.
  static func combined(_ tables: [DisclosureTable]) throws(DisclosureError) -> (DisclosureTable, [Int]) {
    var bases: [Int] = []
    var relations: [AdditiveRelation] = []
    var offsets: [Int] = []
    for table in tables {
      let offset = bases.count
      offsets.append(offset)
      bases += table.bases
      relations += table.relations.map {
        AdditiveRelation(total: $0.total + offset, parts: $0.parts.map { $0 + offset })
      }
    }
    return (try DisclosureTable(bases: bases, relations: relations), offsets)
  }
}

extension PValueAdjustment {
  init(_ adjustment: TableOptions.Adjustment) {
    switch adjustment {
    case .none: self = .none
    case .holm: self = .holm
    case .hochberg: self = .hochberg
    case .bonferroni: self = .bonferroni
    case .bh: self = .benjaminiHochberg
    case .by: self = .benjaminiYekutieli
    }
  }
}

/// The built table blocks of one plan table (tables and charts), plus what the headline may use.
struct BuiltTable: Sendable {
  var blocks: [ReportBlock]
  var headline: Headline?
}
