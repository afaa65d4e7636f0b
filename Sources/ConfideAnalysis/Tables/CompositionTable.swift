import ConfideModel
import ConfideReports
import ConfideStatistics
import ConfideStore

extension TableContext {
  /// Sample composition: for each category of each variable (declared missing codes and "not
  /// answered" included, so each variable's rows add up to everyone), the unweighted number of
  /// respondents and the weighted percentage.
  func composition(_ items: [PlanName]) throws(PlanRunError) -> BuiltTable {
    let weights = design.weights
    let total = weights.reduce(0, +)
    struct Category {
      var label: String
      var members: [Bool]
    }
    var blocks: [(label: String, categories: [Category])] = []
    for item in items {
      let column = sample.column(item.name)
      var categories: [Category] = []
      for choice in sample.choices(of: item.name) {
        let code = Double(choice.code)
        categories.append(
          Category(
            label: sample.label(of: choice),
            members: zip(column.status, column.values).map { $0 == .answered && $1 == code }))
      }
      for choice in sample.missingChoices(of: item.name) {
        let code = Double(choice.code)
        let members = zip(column.status, column.values).map { $0 == .missingCode && $1 == code }
        if members.contains(true) { categories.append(Category(label: sample.label(of: choice), members: members)) }
      }
      let unanswered = column.status.map { $0 == .notAnswered || $0 == .notAsked }
      if unanswered.contains(true) { categories.append(Category(label: "Not answered", members: unanswered)) }
      blocks.append((sample.label(of: item.name), categories))
    }
    let counts = blocks.map { block in block.categories.map { $0.members.reduce(0) { $0 + ($1 ? 1 : 0) } } }
    let protected = try protect { () throws(DisclosureError) in try DisclosureTable.breakdowns(counts) }

    func share(_ members: [Bool]) -> (Double, Double) {
      var sum = 0.0
      for i in members.indices where members[i] { sum += weights[i] }
      return (total > 0 ? sum / total : .nan, sum)
    }
    var rows = [
      ReportRow(
        label: "All respondents",
        cells: [
          ReportCell(
            Figure(kind: .proportion, estimate: 1, unweightedBase: sample.count, weightedBase: total),
            cell: protected.table.bases.count - 1, of: protected)
        ])
    ]
    var cell = 0
    for (block, blockCounts) in zip(blocks, counts) {
      rows.append(ReportRow(label: block.label, cells: [.empty]))
      for (category, n) in zip(block.categories, blockCounts) {
        let (p, weighted) = share(category.members)
        let figure = Figure(kind: .proportion, estimate: p, unweightedBase: n, weightedBase: weighted)
        rows.append(ReportRow(label: category.label, level: 1, cells: [ReportCell(figure, cell: cell, of: protected)]))
        cell += 1
      }
    }
    var footnotes = ["n is the unweighted number of respondents; percentages are weighted."] + table.notes
    if let footnote = protected.footnote { footnotes.append(footnote) }
    let report = ReportTable(
      id: table.id, title: table.title, rowVariable: "Characteristic",
      columnGroups: [ColumnGroup(header: "Respondents", columns: [.base, .estimate])], rows: rows,
      footnotes: footnotes, format: format(.percent), disclosureMarker: rule.marker)
    return BuiltTable(blocks: [.table(report)])
  }
}
