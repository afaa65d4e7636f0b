import ConfideAnalysis
import ConfideModel
import ConfideReports
import Foundation
import Testing

/// Disclosure control in a whole report: with a high threshold, hidden figures carry no number in
/// any table, each chart hides exactly what its table hides, and no figure resting on fewer
/// respondents than the threshold is published.
@Suite struct DisclosureInReportTests {
  static let threshold = 300

  static let report: Result<ReportDocument, any Error> = Result {
    let scratch = try Scratch()
    let shipped = try ShippedPlan.load()
    var plan = shipped.plan
    plan.disclosure.threshold = threshold
    return try shipped.run(
      csv: Repository.fixtures.appendingPathComponent("chilling-sample.csv").path, in: scratch, plan: plan
    ).0
  }

  @Test func noPublishedFigureRestsOnFewerRespondentsThanTheThreshold() throws {
    let document = try Self.report.get()
    var hidden = 0
    for table in document.tables {
      for row in table.rows {
        for cell in row.cells {
          if cell.isSuppressed { hidden += 1 }
          guard let figure = cell.figure, let base = figure.unweightedBase else { continue }
          // Coefficients of a model, tests and reliability rest on everyone in the model.
          guard [.proportion, .mean, .count].contains(figure.kind) else { continue }
          #expect(base >= Self.threshold, "\(table.id) \(row.label): n = \(base)")
        }
      }
    }
    #expect(hidden >= 10, "the threshold should hide figures in this sample")
  }

  @Test func chartsHideWhatTheirTablesHide() throws {
    let document = try Self.report.get()
    for chart in document.charts {
      guard case .dotWhisker(let plot) = chart.content else { continue }
      let tableID = chart.id.hasSuffix("_chart") ? String(chart.id.dropLast(6)) : chart.id
      guard let table = document.tables.first(where: { $0.id == tableID }) else { continue }
      for (column, group) in plot.groups.enumerated() {
        let hiddenInTable = table.rows.filter { $0.cells[column].isSuppressed }.count
        let hiddenInChart = group.rows.filter { $0.value.isSuppressed }.count
        #expect(hiddenInTable == hiddenInChart, "\(chart.id) panel \(column)")
      }
    }
  }

  @Test func everyTableWithHiddenFiguresSaysWhy() throws {
    let document = try Self.report.get()
    for table in document.tables where table.rows.contains(where: { $0.cells.contains(where: \.isSuppressed) }) {
      #expect(
        table.footnotes.contains { $0.contains("fewer than \(Self.threshold)") }, "\(table.id): \(table.footnotes)")
    }
    for format in [TextRenderer().render(document), MarkdownRenderer().render(document)] {
      #expect(format.contains("fewer than \(Self.threshold) respondents"))
    }
  }
}
