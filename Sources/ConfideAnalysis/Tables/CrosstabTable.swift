import ConfideModel
import ConfideReports
import ConfideStatistics
import ConfideStore

extension TableContext {
  /// A weighted cross-tabulation (column percentages) with a Rao–Scott F test of independence.
  func crosstab(rows rowName: PlanName, columns columnName: PlanName) throws(PlanRunError) -> BuiltTable {
    let rowGroups = sample.grouping(rowName.name)
    let columnGroups = sample.grouping(columnName.name)
    let test = try estimate { () throws(EstimationError) in try associationTest(rowGroups, columnGroups, in: design) }
    let tabulated = test.table
    // The test's table keeps only levels that occur; align it with every level of both variables.
    let r = rowGroups.levels.map { tabulated.rowLevels.firstIndex(of: $0) }
    let c = columnGroups.levels.map { tabulated.columnLevels.firstIndex(of: $0) }
    let counts = r.map { i in c.map { j in i.flatMap { i in j.map { tabulated.unweightedCounts[i][$0] } } ?? 0 } }
    let weighted = r.map { i in c.map { j in i.flatMap { i in j.map { tabulated.counts[i][$0] } } ?? 0 } }
    let protected = try protect { () throws(DisclosureError) in try DisclosureTable.twoWay(counts) }
    let columnTotals = columnGroups.levels.indices.map { j in weighted.reduce(0) { $0 + $1[j] } }
    let grand = columnTotals.reduce(0, +)
    var rows: [ReportRow] = []
    for (i, level) in rowGroups.levels.enumerated() {
      var cells: [ReportCell] = []
      for j in columnGroups.levels.indices {
        let figure = Figure(
          kind: .proportion, estimate: columnTotals[j] > 0 ? weighted[i][j] / columnTotals[j] : .nan,
          unweightedBase: counts[i][j], weightedBase: weighted[i][j])
        cells.append(
          ReportCell(figure, cell: DisclosureTable.twoWayIndex(row: i, column: j, columns: c.count), of: protected))
      }
      let rowTotal = weighted[i].reduce(0, +)
      cells.append(
        ReportCell(
          Figure(
            kind: .proportion, estimate: grand > 0 ? rowTotal / grand : .nan, unweightedBase: counts[i].reduce(0, +),
            weightedBase: rowTotal),
          cell: DisclosureTable.twoWayIndex(row: i, column: c.count, columns: c.count), of: protected))
      rows.append(ReportRow(label: level, cells: cells))
    }
    var totals: [ReportCell] = []
    for j in 0...c.count {
      let n = j < c.count ? counts.reduce(0) { $0 + $1[j] } : counts.joined().reduce(0, +)
      let share = j < c.count ? (grand > 0 ? columnTotals[j] / grand : .nan) : 1
      totals.append(
        ReportCell(
          Figure(
            kind: .proportion, estimate: share, unweightedBase: n, weightedBase: j < c.count ? columnTotals[j] : grand),
          cell: DisclosureTable.twoWayIndex(row: r.count, column: j, columns: c.count), of: protected))
    }
    rows.append(ReportRow(label: "All", cells: totals))
    var footnotes =
      [
        "Weighted column percentages; n is the unweighted number of respondents. Rao–Scott F test of independence (svychisq): F = \(fixed(test.statistic, 2)) on "
          + "\(fixed(test.numeratorDegreesOfFreedom, 2)) and \(fixed(test.denominatorDegreesOfFreedom ?? .nan, 2)) df, "
          + "p = \(pText(test.pValue))."
      ] + table.notes
    if let footnote = protected.footnote { footnotes.append(footnote) }
    let header = sample.label(of: columnName.name)
    let report = ReportTable(
      id: table.id, title: table.title, rowVariable: sample.label(of: rowName.name),
      columnGroups: columnGroups.levels.map { ColumnGroup(header: "\(header): \($0)", columns: [.estimate, .base]) }
        + [ColumnGroup(header: "All", columns: [.estimate, .base])],
      rows: rows, footnotes: footnotes, format: format(.percent), disclosureMarker: rule.marker)
    return BuiltTable(blocks: [.table(report)])
  }
}
