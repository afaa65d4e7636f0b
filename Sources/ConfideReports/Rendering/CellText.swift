import ConfideStatistics

/// Turns the parts of a figure into the strings a human-readable renderer prints, with the minus sign and
/// range dash of its format. Shared by the text, Markdown and LaTeX renderers so they agree on every digit.
struct CellText {
  /// The minus sign: `−` for text and Markdown, `$-$` for LaTeX.
  var minus: String
  /// The dash between interval limits when both are non-negative: `–` (an en dash), or `--` in LaTeX.
  var rangeDash: String

  /// The string for `column` of `figure` in a table formatted by `format`; empty when the figure lacks it.
  ///
  /// Intervals are "(5.1–13.7)", or "(−2.1 to 3.4)" when a limit is negative, since a dash next to a minus
  /// sign is hard to read.
  func text(_ column: FigureColumn, of figure: Figure, format: FigureFormat) -> String {
    let shift = format.powerOfTen
    switch column {
    case .estimate:
      return NumberText.fixed(figure.estimate, shift: shift, decimals: format.decimals, minus: minus)
    case .standardError:
      guard let se = figure.standardError else { return "" }
      return NumberText.fixed(se, shift: shift, decimals: format.decimals, minus: minus)
    case .interval:
      guard let interval = figure.interval else { return "" }
      let lower = NumberText.fixed(interval.lower, shift: shift, decimals: format.decimals, minus: minus)
      let upper = NumberText.fixed(interval.upper, shift: shift, decimals: format.decimals, minus: minus)
      let negative = lower.hasPrefix(minus) || upper.hasPrefix(minus)
      return "(" + lower + (negative ? " to " : rangeDash) + upper + ")"
    case .base:
      guard let n = figure.unweightedBase else { return "" }
      return NumberText.integer(n, minus: minus)
    case .weightedBase:
      guard let n = figure.weightedBase else { return "" }
      return NumberText.fixed(n, decimals: 0, minus: minus, grouping: true)
    case .statistic:
      guard let test = figure.test else { return "" }
      return NumberText.fixed(test.value, decimals: 2, minus: minus)
    case .degreesOfFreedom:
      guard let test = figure.test else { return "" }
      return NumberText.degreesOfFreedom(test.degreesOfFreedom, minus: minus)
    case .pValue:
      guard let p = figure.pValue else { return "" }
      return NumberText.pValue(p)
    case .adjustedPValue:
      guard let p = figure.adjustedPValue else { return "" }
      return NumberText.pValue(p)
    }
  }

  /// The header of `column` in `group` of `table`: "%", "pp" (also for a group of proportion
  /// differences in a table of percentages) or "Estimate"; "SE"; "95% CI"; "n";
  /// "Weighted n"; the test's name ("t", "F"); "df"; "p"; and "p (Holm)" for adjusted p-values.
  static func header(_ column: FigureColumn, group: Int, of table: ReportTable) -> String {
    let figures = table.rows.compactMap { row in row.cells.indices.contains(group) ? row.cells[group].figure : nil }
    switch column {
    case .estimate:
      switch table.format.scale {
      // A column of differences of proportions in a table of percentages is in percentage points.
      case .percent where !figures.isEmpty && figures.allSatisfy({ $0.kind == .proportionDifference }): return "pp"
      case .percent: return "%"
      case .percentagePoints: return "pp"
      case .plain: return "Estimate"
      }
    case .standardError: return "SE"
    case .interval: return NumberText.level(table.format.confidenceLevel) + "% CI"
    case .base: return "n"
    case .weightedBase: return "Weighted n"
    case .statistic:
      let names = Set(figures.compactMap { $0.test?.name })
      return names.count == 1 ? names.first ?? "Statistic" : "Statistic"
    case .degreesOfFreedom: return "df"
    case .pValue: return "p"
    case .adjustedPValue:
      let methods = Set(figures.compactMap(\.adjustment))
      if methods.count == 1, let method = methods.first { return "p (\(method.displayName))" }
      return "Adjusted p"
    }
  }
}
