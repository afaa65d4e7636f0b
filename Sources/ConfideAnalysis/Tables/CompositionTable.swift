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
    // One pass per variable puts each respondent in their category (or none), counting and
    // summing weights per category in respondent order.
    struct Category {
      var label: String
      var count = 0
      var weighted = 0.0
    }
    var blocks: [(label: String, categories: [Category])] = []
    for item in items {
      let column = sample.column(item.name)
      let choices = sample.choices(of: item.name)
      let missing = sample.missingChoices(of: item.name)
      var answered: [Double: Int] = [:]
      for (position, choice) in choices.enumerated() where answered[Double(choice.code)] == nil {
        answered[Double(choice.code)] = position
      }
      var declared: [Double: Int] = [:]
      for (position, choice) in missing.enumerated() where declared[Double(choice.code)] == nil {
        declared[Double(choice.code)] = choices.count + position
      }
      let unansweredSlot = choices.count + missing.count
      var counts = [Int](repeating: 0, count: unansweredSlot + 1)
      var sums = [Double](repeating: 0, count: unansweredSlot + 1)
      for i in 0..<column.status.count {
        let slot: Int?
        switch column.status[i] {
        case .answered: slot = answered[column.values[i]]
        case .missingCode: slot = declared[column.values[i]]
        case .notAnswered, .notAsked: slot = unansweredSlot
        }
        guard let slot else { continue }
        counts[slot] += 1
        sums[slot] += weights[i]
      }
      var categories: [Category] = []
      for (position, choice) in choices.enumerated() {
        // A code listed twice counts its respondents under each listing, as before.
        let slot = answered[Double(choice.code)] ?? position
        categories.append(Category(label: sample.label(of: choice), count: counts[slot], weighted: sums[slot]))
      }
      for (position, choice) in missing.enumerated() {
        let slot = declared[Double(choice.code)] ?? choices.count + position
        if counts[slot] > 0 {
          categories.append(Category(label: sample.label(of: choice), count: counts[slot], weighted: sums[slot]))
        }
      }
      if counts[unansweredSlot] > 0 {
        categories.append(
          Category(label: "Not answered", count: counts[unansweredSlot], weighted: sums[unansweredSlot]))
      }
      blocks.append((sample.label(of: item.name), categories))
    }
    let counts = blocks.map { block in block.categories.map(\.count) }
    let protected = try protect { () throws(DisclosureError) in try DisclosureTable.breakdowns(counts) }

    func share(_ category: Category) -> (Double, Double) {
      (total > 0 ? category.weighted / total : .nan, category.weighted)
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
        let (p, weighted) = share(category)
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
