import ConfideModel
import ConfideReports
import ConfideStatistics
import ConfideStore

extension TableContext {
  /// A list experiment: the prevalence of the sensitive item, estimated as the difference in
  /// weighted mean counts between the treatment and control lists, overall and by subgroup.
  func list(_ plan: PlanList) throws(PlanRunError) -> BuiltTable {
    guard let experiment = sample.survey.experiment(plan.experiment.name),
      let question = sample.survey.question(plan.outcome.name)
    else { throw .unknown(table: table.id, name: plan.experiment.name) }
    let arms = sample.armGrouping(experiment)
    let treatedArms = Set(experiment.arms.enumerated().filter { !$0.element.isControl }.map { Int32($0.offset) })
    let controlItems = question.items.filter { $0.condition == nil }.count
    var counts = sample.answered(plan.outcome.name)
    for i in counts.indices where arms.codes[i] < 0 { counts[i] = .nan }
    let treated = arms.codes.map { treatedArms.contains($0) }
    let answered = counts.map { !$0.isNaN }
    let study = try estimate { () throws(EstimationError) in
      try ListExperiment(design: design, treated: treated, controlItems: controlItems, domain: answered)
    }
    let groups = SubgroupRows(sample: sample, by: table.by)
    let (disclosure, layout) = try protectLayout(groups, base: answered)
    let protected = try protect { () throws(DisclosureError) in disclosure }

    // Each subgroup is its own domain, as R's subset(); a subgroup where one list has no answers
    // has no estimate ("–"), not a failed report.
    var byVariable: [[Estimate]] = []
    for by in table.by {
      let subgroups = try estimate { () throws(EstimationError) in
        try study.prevalences(counts, eachOf: sample.grouping(by.name))
      }
      byVariable.append(subgroups.map { $0?.prevalence ?? Estimate.empty })
    }
    let overall = try estimate { () throws(EstimationError) in try study.prevalence(counts) }
    var rows: [ReportRow] = []
    var flat: [Estimate?] = [overall.prevalence]
    for estimates in byVariable {
      flat.append(nil)
      flat += estimates.map { $0.count == 0 ? nil : $0 }
    }
    for (r, row) in groups.rows.enumerated() {
      guard row.members != nil, let cell = layout[r] else {
        rows.append(ReportRow(label: row.label, level: row.level, cells: [.empty]))
        continue
      }
      guard let estimate = flat[r] else {
        let cell: ReportCell = protected.disclosure(of: cell).isSuppressed ? .suppressed : .text(notEstimable)
        rows.append(ReportRow(label: row.label, level: row.level, cells: [cell]))
        continue
      }
      let base = protected.table.bases[cell]
      // Intervals on the degrees of freedom of those in the row who answered, as R's subset():
      // the estimate's, which was made on that domain.
      let figure = try self.figure(
        estimate, kind: .proportion, base: base, degreesOfFreedom: Double(estimate.degreesOfFreedom))
      rows.append(
        ReportRow(label: row.label, level: row.level, cells: [ReportCell(figure, cell: cell, of: protected)]))
    }
    var footnotes =
      [
        "Difference in weighted mean counts between the treatment list (\(controlItems + 1) statements) and the "
          + "control list (\(controlItems)), with t intervals; n is the unweighted number who answered, both lists."
      ] + table.notes
    if rows.contains(where: { $0.cells.contains(.text(notEstimable)) }) {
      footnotes.append("\u{2013} not estimable: one of the two lists has no answers in the group.")
    }
    if let footnote = protected.footnote { footnotes.append(footnote) }
    let report = ReportTable(
      id: table.id, title: table.title, rowVariable: "Group",
      columnGroups: [ColumnGroup(header: "Estimated prevalence", columns: [.estimate, .interval, .base])], rows: rows,
      footnotes: footnotes, format: format(.percent), disclosureMarker: rule.marker)
    var blocks: [ReportBlock] = [.table(report)]
    if table.chart {
      let bars = report.chartRows(column: 0)
      let first = bars.first?.value.value
      blocks.append(
        .chart(
          ReportChart(
            id: table.id + "_chart", title: table.title,
            textAlternative: first.map {
              "An estimated \(ChartWords.figure($0, format: report.format)) of respondents; figures by group are in the table."
            } ?? "No figures can be shown.",
            content: .bars(BarChart(axisLabel: "Estimated percentage", bars: bars)), format: report.format,
            footnotes: footnotes, disclosureMarker: rule.marker)))
    }
    var headline: Headline?
    if plan.headline, case .figure(let figure) = report.rows[0].cells[0] {
      headline = Headline(
        statement: "An estimated \(ChartWords.figure(figure, format: report.format)) "
          + "\(sample.label(of: plan.outcome.name).lowercasedFirst) (list experiment).",
        figure: figure)
    }
    return BuiltTable(blocks: blocks, headline: headline)
  }
}

extension Estimate {
  /// A placeholder for a subgroup with no estimate.
  static let empty = Estimate(value: .nan, variance: .nan, degreesOfFreedom: 0, count: 0, weightedCount: 0)
}
