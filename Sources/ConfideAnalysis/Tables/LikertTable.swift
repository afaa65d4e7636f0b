import ConfideModel
import ConfideReports
import ConfideStatistics
import ConfideStore
import Foundation

extension TableContext {
  /// The items a likert table names, with a matrix question standing for its items.
  func expandedItems(_ items: [PlanName]) -> [String] {
    items.flatMap { name -> [String] in
      if let question = sample.survey.question(name.name), question.type.isMatrix {
        return question.items.map(\.id)
      }
      return [name.name]
    }
  }

  /// The weighted distribution of answers to rating items on one scale, among those who gave a
  /// substantive answer, with a diverging stacked bar chart.
  func likert(_ items: [PlanName]) throws(PlanRunError) -> BuiltTable {
    let names = expandedItems(items)
    guard let first = names.first else { throw .table(id: table.id, reason: "no items") }
    let choices = sample.choices(of: first)
    let labels = choices.map { sample.label(of: $0) }
    var shares: [[Double]] = []
    var counts: [[Int]] = []
    var weighted: [Double] = []
    let weights = design.weights
    for name in names {
      let y = sample.answered(name)
      var weight = [Double](repeating: 0, count: choices.count)
      var count = [Int](repeating: 0, count: choices.count)
      let position = CodeLookup(
        Dictionary(uniqueKeysWithValues: choices.enumerated().map { ($1.code, $0) }), otherwise: -1)
      for i in y.indices where !y[i].isNaN {
        guard let code = Int(exactly: y[i]) else { continue }
        let k = position[code]
        if k < 0 { continue }
        weight[k] += weights[i]
        count[k] += 1
      }
      let total = weight.reduce(0, +)
      shares.append(weight.map { total > 0 ? $0 / total : .nan })
      counts.append(count)
      weighted.append(total)
    }
    let disclosures = try counts.map { row throws(PlanRunError) in
      try protectTable { () throws(DisclosureError) in try DisclosureTable.oneWay(row) }
    }
    let protected = try protect { () throws(DisclosureError) in try DisclosureTable.combined(disclosures).0 }
    var rows: [ReportRow] = []
    var items: [LikertItem] = []
    var offset = 0
    for (r, name) in names.enumerated() {
      var cells: [ReportCell] = []
      var hidden = false
      for k in choices.indices {
        let figure = Figure(
          kind: .proportion, estimate: shares[r][k], unweightedBase: counts[r][k],
          weightedBase: shares[r][k] * weighted[r])
        let cell = ReportCell(figure, cell: offset + k, of: protected)
        hidden = hidden || cell.isSuppressed
        cells.append(cell)
      }
      let n = counts[r].reduce(0, +)
      let totalCell = ReportCell(
        Figure(kind: .count, estimate: Double(n), unweightedBase: n, weightedBase: weighted[r]),
        cell: offset + choices.count, of: protected)
      cells.append(totalCell)
      offset += choices.count + 1
      rows.append(ReportRow(label: sample.label(of: name), cells: cells))
      items.append(
        LikertItem(
          label: sample.label(of: name),
          distribution: hidden || totalCell.isSuppressed
            ? .suppressed : .published(LikertDistribution(shares: shares[r], unweightedBase: n))))
    }
    var footnotes =
      [
        "Weighted percentages of those who gave an answer on the scale (\"don't know\" and other missing "
          + "answers left out); n is the unweighted number who did."
      ] + table.notes
    if let footnote = protected.footnote { footnotes.append(footnote) }
    let report = ReportTable(
      id: table.id, title: table.title, rowVariable: "Item",
      columnGroups: labels.map { ColumnGroup(header: $0, columns: [.estimate]) }
        + [ColumnGroup(header: "Answered", columns: [.base])],
      rows: rows, footnotes: footnotes, format: format(.percent, decimals: table.options.decimals ?? 0),
      disclosureMarker: rule.marker)
    var blocks: [ReportBlock] = [.table(report)]
    if table.chart {
      let half = labels.count / 2
      let scale = LikertScale(
        negative: Array(labels.prefix(half)), neutral: labels.count % 2 == 1 ? labels[half] : nil,
        positive: Array(labels.suffix(half)))
      let agree = items.compactMap { item -> String? in
        guard let distribution = item.distribution.value else { return nil }
        let positive = distribution.shares.suffix(half).reduce(0, +)
        let label = item.label.hasSuffix(".") ? String(item.label.dropLast()) : item.label
        return "\(label): \(ChartWords.value(positive, format: format(.percent, decimals: 0))) "
          + listed(scale.positive.map { $0.lowercasedFirst }).replacingOccurrences(of: " and ", with: " or ")
      }
      blocks.append(
        .chart(
          ReportChart(
            id: table.id + "_chart", title: table.title,
            textAlternative: agree.isEmpty ? "No figures can be shown." : agree.joined(separator: "; ") + ".",
            content: .divergingStackedBars(DivergingStackedBars(scale: scale, items: items)),
            format: format(.percent, decimals: 0), footnotes: footnotes, disclosureMarker: rule.marker)))
    }
    return BuiltTable(blocks: blocks)
  }

  func protectTable(_ body: () throws(DisclosureError) -> DisclosureTable) throws(PlanRunError) -> DisclosureTable {
    do { return try body() } catch { throw .table(id: table.id, reason: "disclosure control failed: \(error)") }
  }
}
