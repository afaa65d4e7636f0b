import ConfideModel
import ConfideReports
import ConfideStatistics
import ConfideStore

extension TableContext {
  /// A construct's reliability (Cronbach's alpha with its Feldt interval, as `psych::alpha`, and
  /// ω total) and its weighted mean score, overall and by subgroup.
  func scale(_ constructName: PlanName) throws(PlanRunError) -> BuiltTable {
    guard let construct = sample.survey.construct(constructName.name) else {
      throw .unknown(table: table.id, name: constructName.name)
    }
    let (items, reversed, range) = sample.constructItems(construct)
    let reliability = try estimate { () throws(EstimationError) in
      try ReliabilityAnalysis(items: items, reversed: reversed, scaleRange: range)
    }
    let feldt = try estimate { () throws(EstimationError) in try reliability.feldtInterval(level: level) }
    // ω from the correlations the reliability analysis computed (Omega(items:) would compute
    // them again from the same answers); it needs three items.
    let omega = items.count >= 3 ? try? Omega(correlation: reliability.moments.correlation, reversed: reversed) : nil
    let scores = try estimate { () throws(EstimationError) in try sample.scores(construct) }
    let scored = scores.filter { !$0.isNaN }.count

    // Reliability is computed on the unweighted answers, as psych does; its base is everyone scored.
    let alphaFigure = Figure(
      kind: .coefficient, estimate: reliability.coefficients.rawAlpha,
      interval: ConfidenceInterval(lower: feldt.lower, upper: feldt.upper, level: level), unweightedBase: scored)
    var reliabilityRows = [
      ReportRow(label: "Cronbach's alpha", cells: [.figure(alphaFigure)]),
      ReportRow(
        label: "Standardised alpha",
        cells: [
          .figure(
            Figure(kind: .coefficient, estimate: reliability.coefficients.standardizedAlpha, unweightedBase: scored))
        ]),
    ]
    if let omega {
      reliabilityRows.append(
        ReportRow(
          label: "Omega total",
          cells: [.figure(Figure(kind: .coefficient, estimate: omega.total, unweightedBase: scored))]))
    }
    let protectedAll = rule.requiresSuppression(base: scored)
    if protectedAll { reliabilityRows = reliabilityRows.map { ReportRow(label: $0.label, cells: [.suppressed]) } }
    let itemLabels = construct.items.map { sample.label(of: $0) }
    let reliabilityTable = ReportTable(
      id: table.id + "_reliability", title: "Reliability: " + sample.label(of: construct.id),
      caption: "\(construct.items.count) items: \(itemLabels.joined(separator: "; ")). "
        + (reversed.contains(true)
          ? "Reverse-scored: \(zip(itemLabels, reversed).filter(\.1).map(\.0).joined(separator: "; ")). " : "")
        + "Unweighted, as psych::alpha; Feldt interval for alpha.",
      rowVariable: "Coefficient", columnGroups: [ColumnGroup(header: "", columns: [.estimate, .interval, .base])],
      rows: reliabilityRows, footnotes: protectedAll ? [rule.footnote] : [], format: format(.plain, decimals: 2),
      disclosureMarker: rule.marker)

    let groups = SubgroupRows(sample: sample, by: table.by)
    let (disclosure, layout) = try protectLayout(groups, base: scores.map { !$0.isNaN })
    let protected = try protect { () throws(DisclosureError) in disclosure }
    // Each subgroup variable's means from one pass (grouped means), everyone's from one more.
    let hasScore = scores.map { !$0.isNaN }
    var cellOfRow = [Int: ReportCell]()
    for (block, grouping) in zip(groups.blocks, groups.groupings) {
      let results = try estimate { () throws(EstimationError) in
        try means(scores, by: grouping, in: design, domain: hasScore)
      }
      for (code, r) in block.rows.enumerated() {
        guard let cell = layout[r] else { continue }
        if let result = results[code] {
          cellOfRow[r] = ReportCell(try figure(result, kind: .mean), cell: cell, of: protected)
        } else if zip(grouping.codes, hasScore).contains(where: { $0 == Int32(code) && $1 }) {
          // Answers that all weigh nothing are an error, as they are for one domain.
          throw .table(
            id: table.id,
            reason: String(
              describing: EstimationError.noObservations("no respondent with a positive weight has an answer")))
        } else {
          cellOfRow[r] = protected.disclosure(of: cell).isSuppressed ? .suppressed : .text(notEstimable)
        }
      }
    }
    var rows: [ReportRow] = []
    for (r, row) in groups.rows.enumerated() {
      guard let members = row.members, let cell = layout[r] else {
        rows.append(ReportRow(label: row.label, level: row.level, cells: [.empty]))
        continue
      }
      let reportCell: ReportCell
      if let known = cellOfRow[r] {
        reportCell = known
      } else {
        reportCell = try scoreCell(scores, members: members, cell: cell, protected: protected)
      }
      rows.append(ReportRow(label: row.label, level: row.level, cells: [reportCell]))
    }
    let scoring = construct.scoring == .sum ? "sum" : "mean"
    var footnotes =
      [
        "Weighted mean of each respondent's \(scoring) score (\(number(range.lowerBound)) to "
          + "\(number(range.upperBound))), computed when at least \(construct.minimumItems ?? construct.items.count) "
          + "of the \(construct.items.count) items were answered; n is the unweighted number scored."
      ] + table.notes
    if let footnote = protected.footnote { footnotes.append(footnote) }
    let scoreTable = ReportTable(
      id: table.id, title: table.title, rowVariable: "Group",
      columnGroups: [ColumnGroup(header: "Mean score", columns: [.estimate, .interval, .base])], rows: rows,
      footnotes: footnotes, format: format(.plain, decimals: table.options.decimals ?? 2), disclosureMarker: rule.marker
    )
    var blocks: [ReportBlock] = [.table(reliabilityTable), .table(scoreTable)]
    if table.chart { blocks.append(.chart(dotWhisker(scoreTable, axis: "Mean score"))) }
    return BuiltTable(blocks: blocks)
  }

  /// The mean score of a group, or "–" when nobody in the sample belongs to it (hidden when the
  /// disclosure rule is on).
  private func scoreCell(
    _ scores: [Double], members: [Bool], cell: Int, protected: ProtectedTable
  ) throws(PlanRunError) -> ReportCell {
    let domain = zip(members, scores).map { $0 && !$1.isNaN }
    guard domain.contains(true) else {
      return protected.disclosure(of: cell).isSuppressed ? .suppressed : .text(notEstimable)
    }
    return ReportCell(try mean(scores, domain: domain), cell: cell, of: protected)
  }
}
