/// Renders a report as a standalone LaTeX document with `booktabs` tables.
///
/// Tables use `\toprule`, `\midrule` and `\bottomrule`, a `\multicolumn` header over each column group
/// with a `\cmidrule` under it, and `threeparttable` notes for the caption and footnotes. Every piece of
/// text from the document is escaped (``escape(_:)``), so `&`, `%`, `$`, `#`, `_`, `{`, `}`, `~`, `^` and
/// `\` print as themselves. Negative numbers use `$-$`, interval dashes `--`, and "<0.001" `$<$0.001`.
/// The preamble loads `booktabs` and `threeparttable`; the source is UTF-8 (the LaTeX default since 2018).
/// A chart prints as a table of its numbers (``ReportChart/dataTable``) labelled `fig:<id>`, with its text
/// alternative among the notes.
///
/// ```swift
/// let tex = LaTeXRenderer().render(document)
/// ```
public struct LaTeXRenderer: Sendable {
  private let cellText = CellText(minus: "$-$", rangeDash: "--")

  /// A LaTeX renderer.
  public init() {}

  /// The whole report as a document that compiles on its own.
  ///
  /// - Parameter document: The report.
  /// - Returns: The LaTeX source, ending in a newline.
  /// - Complexity: O(size of the document)
  public func render(_ document: ReportDocument) -> String {
    var lines = [
      "\\documentclass{article}", "\\usepackage{booktabs}", "\\usepackage{threeparttable}", "",
      "\\begin{document}", "", "\\noindent{\\Large\\bfseries " + Self.escape(document.title) + "\\par}",
    ]
    if let subtitle = document.subtitle { lines.append("\\noindent " + Self.escape(subtitle) + "\\par") }
    lines.append("\\noindent " + Self.escape(document.generatedBy.line) + "\\par")
    for section in document.sections {
      lines += ["", "\\section*{" + Self.escape(section.heading) + "}"]
      for block in section.blocks {
        lines.append("")
        switch block {
        case .paragraph(let text): lines.append(Self.escape(text))
        case .note(let text): lines.append("\\paragraph{Note.} " + Self.escape(text))
        case .headline(let headline):
          lines += ["\\begin{quote}", "\\bfseries " + Self.escape(headline.statement), "\\end{quote}"]
        case .table(let table): lines += tableLines(table)
        case .chart(let chart): lines += tableLines(chart.dataTable, labelPrefix: "fig")
        }
      }
    }
    if !document.methods.entries.isEmpty {
      lines += ["", "\\section*{Methods}", "", "\\begin{description}"]
      for entry in document.methods.entries {
        lines.append("\\item[" + Self.escape(entry.label) + "] " + Self.escape(entry.text))
      }
      lines.append("\\end{description}")
    }
    lines += ["", "\\end{document}"]
    return lines.joined(separator: "\n") + "\n"
  }

  /// One table as a `table` environment, for `\input` into another document.
  ///
  /// - Parameter table: The table.
  /// - Returns: The LaTeX source, ending in a newline.
  /// - Complexity: O(rows × columns)
  public func render(_ table: ReportTable) -> String {
    tableLines(table).joined(separator: "\n") + "\n"
  }

  private func tableLines(_ table: ReportTable, labelPrefix: String = "tab") -> [String] {
    let spec = "l" + table.columnGroups.map { String(repeating: "r", count: $0.columns.count) }.joined()
    var lines = [
      "\\begin{table}[htbp]", "\\centering", "\\begin{threeparttable}",
      "\\caption{" + Self.escape(table.title) + "}",
      "\\label{" + labelPrefix + ":" + CSVRenderer.fileStem(table.id) + "}",
      "\\begin{tabular}{" + spec + "}", "\\toprule",
    ]
    if table.columnGroups.contains(where: { !$0.header.isEmpty }) {
      var cells = [""]
      var rules: [String] = []
      var column = 2
      for group in table.columnGroups where !group.columns.isEmpty {
        let count = group.columns.count
        if group.header.isEmpty {
          cells += [String](repeating: "", count: count)
        } else {
          cells.append("\\multicolumn{\(count)}{c}{" + Self.escape(group.header) + "}")
          rules.append("\\cmidrule(lr){\(column)-\(column + count - 1)}")
        }
        column += count
      }
      lines.append(cells.joined(separator: " & ") + " \\\\")
      lines.append(rules.joined(separator: " "))
    }
    var header = [Self.escape(table.rowVariable)]
    for (index, group) in table.columnGroups.enumerated() {
      header += group.columns.map { Self.escape(CellText.header($0, group: index, of: table)) }
    }
    lines += [header.joined(separator: " & ") + " \\\\", "\\midrule"]
    for row in table.rows {
      let indent = row.level > 0 ? "\\hspace{\(row.level)em}" : ""
      var cells = [indent + Self.escape(row.label)]
      for (index, group) in table.columnGroups.enumerated() where !group.columns.isEmpty {
        let cell = index < row.cells.count ? row.cells[index] : .empty
        switch cell {
        case .figure(let figure):
          cells += group.columns.map { Self.number(cellText.text($0, of: figure, format: table.format)) }
        case .suppressed:
          cells += group.columns.map { _ in Self.escape(table.disclosureMarker) }
        case .text(let text):
          cells.append("\\multicolumn{\(group.columns.count)}{r}{" + Self.escape(text) + "}")
        case .empty:
          cells += group.columns.map { _ in "" }
        }
      }
      lines.append(cells.joined(separator: " & ") + " \\\\")
    }
    lines += ["\\bottomrule", "\\end{tabular}"]
    let notes = (table.caption.map { [$0] } ?? []) + table.footnotes
    if !notes.isEmpty {
      lines += ["\\begin{tablenotes}[flushleft]", "\\footnotesize"]
      lines += notes.map { "\\item[] " + Self.escape($0) }
      lines.append("\\end{tablenotes}")
    }
    lines += ["\\end{threeparttable}", "\\end{table}"]
    return lines
  }

  /// A formatted number made safe for text mode: "<" becomes `$<$` (the rest is already LaTeX).
  private static func number(_ text: String) -> String {
    text.replacing("<", with: "$<$")
  }

  /// Text escaped for LaTeX text mode: the ten special characters become commands that print them,
  /// en and em dashes become `--` and `---`, the minus sign `$-$`, and line breaks spaces.
  ///
  /// ```swift
  /// LaTeXRenderer.escape("R&D: 50% of $5")   // "R\&D: 50\% of \$5"
  /// ```
  /// - Parameter text: Plain text.
  /// - Returns: LaTeX source that typesets `text`.
  public static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "\\": result += "\\textbackslash{}"
      case "&", "%", "$", "#", "_", "{", "}": result += "\\" + String(character)
      case "~": result += "\\textasciitilde{}"
      case "^": result += "\\textasciicircum{}"
      case "<": result += "\\textless{}"
      case ">": result += "\\textgreater{}"
      case "\u{2013}": result += "--"
      case "\u{2014}": result += "---"
      case "\u{2212}": result += "$-$"
      case "\n", "\r", "\r\n": result += " "
      default: result.append(character)
      }
    }
    return result
  }
}
