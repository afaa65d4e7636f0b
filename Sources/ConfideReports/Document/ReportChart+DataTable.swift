extension ReportChart {
  /// The chart's numbers as a table, for formats that cannot draw it (text, Markdown, LaTeX) and for the
  /// table printed under a chart in HTML: the chart's title, its text alternative as the caption, and one
  /// row per item, row or bar. Suppressed values stay ``ReportCell/suppressed``.
  ///
  /// - Diverging stacked bars: a row per item, a column group per category showing its share as a
  ///   percentage, and the item's base, n.
  /// - Dot and whisker: a row per figure, indented under a row for its group's heading, with the estimate,
  ///   interval and base under the axis label.
  /// - Bars: a row per bar, with the estimate, interval and base under the axis label.
  ///
  /// Nothing is computed: the numbers are the chart's own, rearranged.
  ///
  /// ```swift
  /// print(TextRenderer().render(chart.dataTable))
  /// ```
  /// - Complexity: O(number of values)
  public var dataTable: ReportTable {
    let rows: [ReportRow]
    let columnGroups: [ColumnGroup]
    var format = format
    var rowVariable = ""
    switch content {
    case .divergingStackedBars(let chart):
      format.scale = .percent
      rowVariable = "Item"
      let categories = chart.scale.categories
      columnGroups =
        categories.map { ColumnGroup(header: $0, columns: [.estimate]) } + [ColumnGroup(header: "", columns: [.base])]
      rows = chart.items.map { item in
        switch item.distribution {
        case .suppressed:
          return ReportRow(label: item.label, cells: [ReportCell](repeating: .suppressed, count: categories.count + 1))
        case .published(let distribution):
          let shares = categories.indices.map { index -> ReportCell in
            index < distribution.shares.count
              ? .figure(Figure(kind: .proportion, estimate: distribution.shares[index])) : .empty
          }
          let base = distribution.unweightedBase.map { n in
            ReportCell.figure(Figure(kind: .count, estimate: Double(n), unweightedBase: n))
          }
          return ReportRow(label: item.label, cells: shares + [base ?? .empty])
        }
      }
    case .dotWhisker(let chart):
      columnGroups = [ColumnGroup(header: chart.axisLabel, columns: [.estimate, .interval, .base])]
      rows = chart.groups.flatMap { group in
        let level = group.heading.isEmpty ? 0 : 1
        let heading = group.heading.isEmpty ? [] : [ReportRow(label: group.heading, cells: [.empty])]
        return heading + group.rows.map { ReportRow(label: $0.label, level: level, cells: [Self.cell($0.value)]) }
      }
    case .bars(let chart):
      columnGroups = [ColumnGroup(header: chart.axisLabel, columns: [.estimate, .interval, .base])]
      rows = chart.bars.map { ReportRow(label: $0.label, cells: [Self.cell($0.value)]) }
    }
    return ReportTable(
      id: id, title: title, caption: textAlternative, rowVariable: rowVariable, columnGroups: columnGroups,
      rows: rows, footnotes: footnotes, format: format, disclosureMarker: disclosureMarker)
  }

  private static func cell(_ value: ChartValue<Figure>) -> ReportCell {
    switch value {
    case .published(let figure): .figure(figure)
    case .suppressed: .suppressed
    }
  }
}
