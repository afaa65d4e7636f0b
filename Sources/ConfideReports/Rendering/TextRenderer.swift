/// Renders a report as plain text for a terminal: underlined headings, wrapped paragraphs and tables
/// aligned in columns, at most ``width`` characters wide.
///
/// Numbers are right-aligned, intervals print as "(5.1–13.7)", p-values below 0.001 as "<0.001",
/// negative numbers with the typographic minus `−`, and suppressed cells as the table's marker in every
/// column of their group. Long row labels wrap within the label column; a table whose column groups do
/// not fit in the width is split into panels of whole column groups, each repeating the row labels. A chart
/// prints as its title, its text alternative and a table of its numbers (``ReportChart/dataTable``).
///
/// ```swift
/// print(TextRenderer().render(document))
/// ```
public struct TextRenderer: Sendable {
  /// The widest line the renderer aims for, in characters (100 by default). Only a single column group
  /// wider than this on its own, or a single word longer than it, can exceed it.
  public var width: Int

  private let cellText = CellText(minus: NumberText.typographicMinus, rangeDash: "\u{2013}")
  /// The narrowest label column the renderer will use before splitting a table into panels.
  private let minimumLabelWidth = 16
  /// Spaces between column groups, and between the label column and the first group.
  private let groupGap = 3
  /// Spaces between the columns of a group.
  private let columnGap = 2

  /// A renderer for lines of at most `width` characters.
  ///
  /// - Parameter width: The line width (100 by default).
  public init(width: Int = 100) {
    self.width = width
  }

  /// The whole report: title, sections, then the methods.
  ///
  /// - Parameter document: The report.
  /// - Returns: The text, ending in a newline.
  /// - Complexity: O(size of the document)
  public func render(_ document: ReportDocument) -> String {
    var lines = underlined(document.title, with: "=")
    if let subtitle = document.subtitle { lines += TextWrapping.wrap(subtitle, width: width) }
    lines.append(document.generatedBy.line)
    for section in document.sections {
      lines += ["", ""] + underlined(section.heading, with: "-")
      for block in section.blocks {
        lines.append("")
        switch block {
        case .paragraph(let text): lines += TextWrapping.wrap(text, width: width)
        case .note(let text): lines += TextWrapping.hanging(text, first: "Note: ", width: width)
        case .headline(let headline):
          lines += TextWrapping.hanging(headline.statement, first: "Headline: ", width: width)
        case .table(let table): lines += tableLines(table)
        case .chart(let chart): lines += tableLines(chart.dataTable)
        }
      }
    }
    if !document.methods.entries.isEmpty {
      lines += ["", ""] + underlined("Methods", with: "-") + [""]
      let labelWidth = min(document.methods.entries.map(\.label.count).max() ?? 0, width / 3) + 2
      for entry in document.methods.entries {
        let labelLines = TextWrapping.wrap(entry.label, width: labelWidth - 2)
        let textLines = TextWrapping.wrap(entry.text, width: width - labelWidth)
        for index in 0..<max(labelLines.count, textLines.count) {
          let label = index < labelLines.count ? labelLines[index] : ""
          let text = index < textLines.count ? textLines[index] : ""
          lines.append(TextWrapping.left(label, labelWidth) + text)
        }
      }
    }
    return finish(lines)
  }

  /// One table on its own: title, caption, the aligned table and its footnotes.
  ///
  /// - Parameter table: The table.
  /// - Returns: The text, ending in a newline.
  /// - Complexity: O(rows × columns)
  public func render(_ table: ReportTable) -> String {
    finish(tableLines(table))
  }

  // MARK: - Layout

  /// A column group laid out: its header lines, column headers and widths, and each row's content.
  private struct GroupLayout {
    var header: [String]
    var columnHeaders: [String]
    var widths: [Int]
    /// For each row: the strings of the columns, or one string spanning the group.
    var rows: [Content]
    var width: Int { widths.reduce(0, +) + 2 * max(widths.count - 1, 0) }
  }

  private enum Content {
    case columns([String])
    case span(String)
  }

  private func underlined(_ heading: String, with character: Character) -> [String] {
    let lines = TextWrapping.wrap(heading, width: width)
    return lines + [String(repeating: character, count: lines.map(\.count).max() ?? 0)]
  }

  private func finish(_ lines: [String]) -> String {
    lines.map { line in
      var line = Substring(line)
      while line.last == " " { line.removeLast() }
      return String(line)
    }.joined(separator: "\n") + "\n"
  }

  private func groupLayout(_ group: ColumnGroup, index: Int, of table: ReportTable) -> GroupLayout {
    let columns = group.columns.isEmpty ? [FigureColumn.estimate] : group.columns
    let columnHeaders = group.columns.isEmpty ? [""] : columns.map { CellText.header($0, group: index, of: table) }
    var widths = columnHeaders.map(\.count)
    var spanWidth = 0
    let rows: [Content] = table.rows.map { row in
      let cell = index < row.cells.count ? row.cells[index] : .empty
      switch cell {
      case .figure(let figure) where !group.columns.isEmpty:
        return .columns(columns.map { cellText.text($0, of: figure, format: table.format) })
      case .figure, .empty: return .columns(columns.map { _ in "" })
      case .suppressed: return .columns(columns.map { _ in table.disclosureMarker })
      case .text(let text):
        spanWidth = max(spanWidth, text.count)
        return .span(text)
      }
    }
    for content in rows {
      if case .columns(let strings) = content {
        for (column, string) in strings.enumerated() { widths[column] = max(widths[column], string.count) }
      }
    }
    var layout = GroupLayout(header: [], columnHeaders: columnHeaders, widths: widths, rows: rows)
    let target = max(layout.width, spanWidth, min(group.header.count, 20))
    layout.widths[0] += target - layout.width
    layout.header = group.header.isEmpty ? [] : TextWrapping.wrap(group.header, width: layout.width)
    return layout
  }

  private func tableLines(_ table: ReportTable) -> [String] {
    var lines = TextWrapping.wrap(table.title, width: width)
    if let caption = table.caption { lines += TextWrapping.wrap(caption, width: width) }
    let groups = table.columnGroups.enumerated().map { groupLayout($1, index: $0, of: table) }
    // Split the groups into panels that fit beside a label column of at least the minimum width.
    var panels: [[Int]] = []
    var used = minimumLabelWidth
    for (index, group) in groups.enumerated() {
      let needed = groupGap + group.width
      if let last = panels.indices.last, used + needed <= width {
        panels[last].append(index)
        used += needed
      } else {
        panels.append([index])
        used = minimumLabelWidth + needed
      }
    }
    if panels.isEmpty { panels = [[]] }
    for (number, panel) in panels.enumerated() {
      lines.append("")
      if panels.count > 1 { lines.append("(\(number + 1) of \(panels.count))") }
      lines += panelLines(table, groups: panel.map { groups[$0] })
    }
    if !table.footnotes.isEmpty { lines.append("") }
    for footnote in table.footnotes {
      lines += TextWrapping.wrap(footnote, width: width - 2).enumerated().map { $0 == 0 ? $1 : "  " + $1 }
    }
    return lines
  }

  private func panelLines(_ table: ReportTable, groups: [GroupLayout]) -> [String] {
    let groupsWidth = groups.reduce(0) { $0 + groupGap + $1.width }
    let natural = table.rows.map { 2 * max($0.level, 0) + $0.label.count }.max() ?? 0
    let labelWidth = max(min(max(natural, table.rowVariable.count), width - groupsWidth), minimumLabelWidth)
    let totalWidth = labelWidth + groupsWidth
    let gap = String(repeating: " ", count: groupGap)
    var lines: [String] = []

    // Column group headers, centred over their columns, with a rule under each.
    let headerHeight = groups.map(\.header.count).max() ?? 0
    if headerHeight > 0 {
      for line in 0..<headerHeight {
        var text = String(repeating: " ", count: labelWidth)
        for group in groups {
          let offset = line - (headerHeight - group.header.count)
          text += gap + TextWrapping.centre(offset >= 0 ? group.header[offset] : "", group.width)
        }
        lines.append(text)
      }
      var rule = String(repeating: " ", count: labelWidth)
      for group in groups {
        rule += gap + String(repeating: group.header.isEmpty ? " " : "-", count: group.width)
      }
      lines.append(rule)
    }

    // Column headers, with the row variable in the label column.
    let variableLines = TextWrapping.wrap(table.rowVariable, width: labelWidth)
    for (index, variable) in variableLines.enumerated() {
      var text = TextWrapping.left(variable, labelWidth)
      if index == variableLines.count - 1 {
        for group in groups { text += gap + columns(group.columnHeaders, widths: group.widths) }
      }
      lines.append(text)
    }
    lines.append(String(repeating: "-", count: totalWidth))

    for (rowIndex, row) in table.rows.enumerated() {
      let indent = String(repeating: "  ", count: max(row.level, 0))
      let labelLines = TextWrapping.wrap(row.label, width: labelWidth - indent.count - 1)
      for (index, label) in labelLines.enumerated() {
        var text = TextWrapping.left(indent + (index == 0 ? "" : " ") + label, labelWidth)
        if index == 0 {
          for group in groups {
            switch group.rows[rowIndex] {
            case .columns(let strings): text += gap + columns(strings, widths: group.widths)
            case .span(let string): text += gap + TextWrapping.right(string, group.width)
            }
          }
        }
        lines.append(text)
      }
    }
    lines.append(String(repeating: "-", count: totalWidth))
    return lines
  }

  private func columns(_ strings: [String], widths: [Int]) -> String {
    zip(strings, widths).map { TextWrapping.right($0, $1) }.joined(separator: String(repeating: " ", count: columnGap))
  }
}
