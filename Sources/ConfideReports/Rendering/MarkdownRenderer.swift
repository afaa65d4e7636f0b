/// Renders a report as GitHub-flavoured Markdown: headings, pipe tables, footnotes under each table and
/// the methods as a list.
///
/// Pipe tables have no spanning headers, so each column header names its group: "Born in the UK: %".
/// Figure columns are right-aligned, indented rows are indented with non-breaking spaces (`&nbsp;`), and
/// negative numbers use the typographic minus `−`. Text from the document is escaped so that `*`, `_`,
/// `|` and the like print as themselves: a suppressed cell prints as `\*`, which GitHub shows as `*`. A
/// chart prints as its title, its text alternative and a table of its numbers (``ReportChart/dataTable``).
///
/// ```swift
/// let markdown = MarkdownRenderer().render(document)
/// ```
public struct MarkdownRenderer: Sendable {
  private let cellText = CellText(minus: NumberText.typographicMinus, rangeDash: "\u{2013}")

  /// A Markdown renderer.
  public init() {}

  /// The whole report: title, sections, then the methods.
  ///
  /// - Parameter document: The report.
  /// - Returns: The Markdown, ending in a newline.
  /// - Complexity: O(size of the document)
  public func render(_ document: ReportDocument) -> String {
    var blocks: [String] = ["# " + Self.escape(document.title)]
    if let subtitle = document.subtitle { blocks.append("_" + Self.escape(subtitle) + "_") }
    blocks.append(Self.escape(document.generatedBy.line))
    for section in document.sections {
      blocks.append("## " + Self.escape(section.heading))
      for block in section.blocks {
        switch block {
        case .paragraph(let text): blocks.append(Self.escape(text))
        case .note(let text): blocks.append("**Note:** " + Self.escape(text))
        case .headline(let headline): blocks.append("> **" + Self.escape(headline.statement) + "**")
        case .table(let table): blocks.append(tableMarkdown(table, headingLevel: 3))
        case .chart(let chart): blocks.append(tableMarkdown(chart.dataTable, headingLevel: 3))
        }
      }
    }
    if !document.methods.entries.isEmpty {
      blocks.append("## Methods")
      blocks.append(
        document.methods.entries.map { "- **" + Self.escape($0.label) + ":** " + Self.escape($0.text) }
          .joined(separator: "\n"))
    }
    return blocks.joined(separator: "\n\n") + "\n"
  }

  /// One table on its own, with its title as a level-3 heading.
  ///
  /// - Parameter table: The table.
  /// - Returns: The Markdown, ending in a newline.
  /// - Complexity: O(rows × columns)
  public func render(_ table: ReportTable) -> String {
    tableMarkdown(table, headingLevel: 3) + "\n"
  }

  private func tableMarkdown(_ table: ReportTable, headingLevel: Int) -> String {
    var blocks = [String(repeating: "#", count: headingLevel) + " " + Self.escape(table.title)]
    if let caption = table.caption { blocks.append(Self.escape(caption)) }
    var header = [Self.cell(table.rowVariable)]
    var alignment = [":---"]
    for (index, group) in table.columnGroups.enumerated() {
      for column in group.columns {
        let name = CellText.header(column, group: index, of: table)
        header.append(Self.cell(group.header.isEmpty ? name : group.header + ": " + name))
        alignment.append("---:")
      }
    }
    var lines = [Self.line(header), Self.line(alignment)]
    for row in table.rows {
      var cells = [String(repeating: "&nbsp;&nbsp;", count: max(row.level, 0)) + Self.cell(row.label)]
      for (index, group) in table.columnGroups.enumerated() {
        let cell = index < row.cells.count ? row.cells[index] : .empty
        for (position, column) in group.columns.enumerated() {
          switch cell {
          case .figure(let figure): cells.append(Self.cell(cellText.text(column, of: figure, format: table.format)))
          case .suppressed: cells.append(Self.cell(table.disclosureMarker))
          case .text(let text): cells.append(position == 0 ? Self.cell(text) : "")
          case .empty: cells.append("")
          }
        }
      }
      lines.append(Self.line(cells))
    }
    blocks.append(lines.joined(separator: "\n"))
    if !table.footnotes.isEmpty {
      blocks.append(table.footnotes.map { Self.escape($0) }.joined(separator: "<br>\n"))
    }
    return blocks.joined(separator: "\n\n")
  }

  private static func line(_ cells: [String]) -> String {
    "| " + cells.joined(separator: " | ") + " |"
  }

  /// Text for a table cell: escaped, with line breaks as spaces (a pipe table row is one line).
  private static func cell(_ text: String) -> String {
    escape(text.split(whereSeparator: \.isNewline).joined(separator: " "))
  }

  /// Escapes the characters Markdown would otherwise read as markup.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      if "\\`*_[]<>|#".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }
}
