import ConfideModel
import ConfideReports
import ConfideStatistics
import ConfideStore
import Foundation

extension TableContext {
  /// The codes counted as the outcome: the named choices, or "yes" (code 1) when none are named.
  func positiveCodes(_ item: String, _ positive: [PlanName]) -> Set<Int> {
    guard !positive.isEmpty else { return [1] }
    let choices = sample.choices(of: item)
    return Set(positive.compactMap { name in choices.first { $0.name == name.name }?.code })
  }

  /// Words for what the outcome counts: "yes", or the positive choices' labels.
  func positiveWords(_ item: String, _ positive: [PlanName]) -> String {
    guard !positive.isEmpty else { return "yes" }
    let choices = sample.choices(of: item)
    return listed(positive.compactMap { name in choices.first { $0.name == name.name }.map { sample.label(of: $0) } })
      .lowercased()
  }

  /// Prevalence of each item, overall and in each subgroup, with logit intervals. (The table of
  /// tests that may follow it is built apart, by ``prevalenceTests(_:positive:)``.)
  func prevalence(_ items: [PlanName], positive: [PlanName]) throws(PlanRunError) -> BuiltTable {
    let groups = SubgroupRows(sample: sample, by: table.by)
    var columns: [[ReportCell]] = []
    var disclosures: [DisclosureTable] = []
    var layouts: [[Int?]] = []
    for item in items {
      let y = sample.indicator(item.name, codes: positiveCodes(item.name, positive))
      let answered = y.map { !$0.isNaN }
      let (disclosure, layout) = try protectLayout(groups, base: answered)
      disclosures.append(disclosure)
      layouts.append(layout)
      // Each row's domain is those in the row who answered, as R's subset(): its degrees of
      // freedom count them. A group nobody in the sample belongs to has no estimate ("–";
      // hidden when the rule is on). Each grouping's rows are estimated together.
      var cells = [ReportCell](repeating: .empty, count: groups.rows.count)
      cells[0] = answered.contains(true) ? .figure(try proportion(y, domain: answered)) : .text(notEstimable)
      for (b, block) in groups.blocks.enumerated() {
        for (row, cell) in zip(block.rows, try proportions(y, block: b, of: groups, base: answered)) {
          cells[row] = cell
        }
      }
      columns.append(cells)
    }
    let protected = try protect { () throws(DisclosureError) in try DisclosureTable.combined(disclosures).0 }
    var offsets: [Int] = []
    var next = 0
    for disclosure in disclosures {
      offsets.append(next)
      next += disclosure.bases.count
    }
    var rows: [ReportRow] = []
    for (r, row) in groups.rows.enumerated() {
      let cells = columns.indices.map { c -> ReportCell in
        guard let cell = layouts[c][r] else { return columns[c][r] }
        guard case .figure(let figure) = columns[c][r] else {
          return protected.disclosure(of: offsets[c] + cell).isSuppressed ? .suppressed : columns[c][r]
        }
        return ReportCell(figure, cell: offsets[c] + cell, of: protected)
      }
      rows.append(ReportRow(label: row.label, level: row.level, cells: cells))
    }
    var footnotes =
      [
        "Weighted percentages answering \(positiveWords(items[0].name, positive)), among those who answered; "
          + "n is the unweighted number who answered. Intervals are logit intervals (svyciprop)."
      ] + table.notes
    if let footnote = protected.footnote { footnotes.append(footnote) }
    let report = ReportTable(
      id: table.id, title: table.title, rowVariable: "Group",
      columnGroups: items.map {
        ColumnGroup(header: sample.label(of: $0.name), columns: [.estimate, .interval, .base])
      },
      rows: rows, footnotes: footnotes, format: format(.percent), disclosureMarker: rule.marker)
    var blocks: [ReportBlock] = [.table(report)]
    if table.chart { blocks.append(.chart(dotWhisker(report, axis: "Percentage"))) }
    return BuiltTable(blocks: blocks)
  }

  func protectLayout(_ groups: SubgroupRows, base: [Bool]) throws(PlanRunError) -> (DisclosureTable, [Int?]) {
    do { return try groups.disclosure(base: base) } catch {
      throw .table(id: table.id, reason: "disclosure control failed: \(error)")
    }
  }

  /// Rao–Scott F tests of each item against each subgroup variable, p-values adjusted together.
  func prevalenceTests(_ items: [PlanName], positive: [PlanName]) throws(PlanRunError) -> ReportTable {
    var tests: [[AssociationTest]] = []
    for by in table.by {
      let groups = sample.grouping(by.name)
      var row: [AssociationTest] = []
      for item in items {
        let y = sample.indicator(item.name, codes: positiveCodes(item.name, positive))
        let outcome = try estimate { () throws(EstimationError) in
          try Grouping(codes: y.map { $0.isNaN ? -1 : Int32($0) }, levels: ["no", "yes"])
        }
        row.append(try estimate { () throws(EstimationError) in try associationTest(outcome, groups, in: design) })
      }
      tests.append(row)
    }
    let adjusted = adjustment.adjust(tests.flatMap { $0.map(\.pValue) })
    var rows: [ReportRow] = []
    for (r, by) in table.by.enumerated() {
      let cells = tests[r].enumerated().map { c, test -> ReportCell in
        .figure(
          Figure(
            kind: .testStatistic, estimate: test.statistic,
            test: TestStatistic(
              name: "F", value: test.statistic,
              degreesOfFreedom: [test.numeratorDegreesOfFreedom] + (test.denominatorDegreesOfFreedom.map { [$0] } ?? [])
            ),
            pValue: test.pValue, adjustedPValue: adjusted[r * items.count + c], adjustment: adjustment))
      }
      rows.append(ReportRow(label: sample.label(of: by.name), cells: cells))
    }
    return ReportTable(
      id: table.id + "_tests", title: "Tests of difference between groups: " + table.title,
      caption: "Rao–Scott second-order corrected F tests (svychisq) of each item against each grouping, "
        + "p-values adjusted together (\(adjustment.displayName)).",
      rowVariable: "Grouping",
      columnGroups: items.map {
        ColumnGroup(
          header: sample.label(of: $0.name), columns: [.statistic, .degreesOfFreedom, .pValue, .adjustedPValue])
      },
      rows: rows, footnotes: [], format: format(.plain, decimals: 2), disclosureMarker: rule.marker)
  }

  /// A dot-and-whisker chart of a table's figures: one panel per column group, one row per
  /// figure row; hidden cells stay hidden.
  func dotWhisker(_ report: ReportTable, axis: String, reference: ChartReference? = nil) -> ReportChart {
    let groups = report.columnGroups.enumerated().map { column, group in
      DotWhiskerGroup(
        heading: report.columnGroups.count > 1 ? group.header : "",
        rows: report.chartRows(column: column))
    }
    let published = groups.flatMap(\.rows).compactMap { row in row.value.value.map { (row.label, $0) } }
    let described = published.prefix(3).map { label, figure in
      "\(label): \(ChartWords.figure(figure, format: report.format))"
    }
    let text =
      "\(report.title). "
      + (described.isEmpty
        ? "No figures can be shown."
        : described.joined(separator: "; ") + (published.count > 3 ? "; and others in the table." : "."))
    return ReportChart(
      id: report.id + "_chart", title: report.title, textAlternative: text,
      content: .dotWhisker(DotWhiskerPlot(axisLabel: axis, reference: reference, groups: groups)),
      format: report.format,
      footnotes: report.footnotes, disclosureMarker: report.disclosureMarker)
  }
}

/// Figures in words, for text alternatives and headlines.
enum ChartWords {
  static func value(_ x: Double, format: FigureFormat) -> String {
    let scaled = format.scale == .plain ? x : x * 100
    let text = fixed(scaled, format.decimals).replacingOccurrences(of: "-", with: "\u{2212}")
    switch format.scale {
    case .percent: return text + "%"
    case .percentagePoints: return text + " points"
    case .plain: return text
    }
  }

  static func figure(_ figure: Figure, format: FigureFormat) -> String {
    var text = value(figure.estimate, format: format)
    if let interval = figure.interval {
      text +=
        " (\(number(interval.level * 100))% CI \(value(interval.lower, format: format)) to "
        + "\(value(interval.upper, format: format)))"
    }
    return text
  }
}

extension ReportTable {
  /// The chart rows of one column group: every row with a figure or a hidden figure, labelled with
  /// its heading row ("Born outside the UK: Yes") where it sits under one.
  func chartRows(column: Int) -> [ChartRow] {
    var heading: String?
    var out: [ChartRow] = []
    for row in rows {
      let label = row.level > 0 ? (heading.map { "\($0): \(row.label)" } ?? row.label) : row.label
      switch row.cells[column] {
      case .figure(let figure): out.append(ChartRow(label: label, value: .published(figure)))
      case .suppressed: out.append(ChartRow(label: label, value: .suppressed))
      case .empty where row.level == 0: heading = row.label
      case .text, .empty: break
      }
    }
    return out
  }
}
