/// Renders a report as one self-contained HTML5 file: inline CSS, charts as inline SVG, no scripts and no
/// reference to anything outside the file (no fonts, images, links or style sheets), so it can be mailed,
/// archived or opened offline and shows the same everywhere.
///
/// The page is built for every reader:
/// - **Structure.** The `<html>` element carries ``language``; headings go in order (`h1` title, `h2`
///   sections and methods); tables are real `<table>`s with a `<caption>`, `<th scope="col">` and
///   `scope="colgroup"` headers and `<th scope="row">` row labels.
/// - **Charts.** Each chart is a `<figure>` whose `<svg role="img">` has a `<title>` (the chart's title) and
///   a `<desc>` (its text alternative); every number drawn is also written as text in the drawing, and the
///   chart's numbers follow as a table (``ReportChart/dataTable``). A suppressed value is a hatched gap with
///   the disclosure marker, and the disclosure footnote follows the chart as it follows a table.
/// - **Colour.** Text is #1a1a1a on white (17.4:1) and muted text #595959 (7.0:1); chart categories use
///   ColorBrewer's colour-blind-safe PuOr diverging palette, each fill with a text colour of at least 4.5:1
///   on it (see ``SVGChart``).
/// - **Print.** `@media print` drops backgrounds and keeps figures, table rows and headings with what
///   follows them from splitting across pages; table headers repeat on each page.
///
/// Every piece of text from the document is escaped (``escape(_:)``). Numbers are formatted as in the text
/// and Markdown renderers (typographic minus, "<0.001" for small p-values). The output has no date and no
/// random ids, so the same document always gives the same bytes.
///
/// ```swift
/// let html = HTMLRenderer().render(document)
/// try html.write(to: URL(fileURLWithPath: "report.html"), atomically: true, encoding: .utf8)
/// ```
public struct HTMLRenderer: Sendable {
  /// The language of the report's text, as a BCP 47 tag for the `lang` attribute ("en-GB" by default).
  public var language: String

  private let cellText = CellText(minus: NumberText.typographicMinus, rangeDash: "\u{2013}")

  /// An HTML renderer for a report written in `language`.
  ///
  /// - Parameter language: A BCP 47 language tag ("en-GB" by default).
  public init(language: String = "en-GB") {
    self.language = language
  }

  /// The whole report as one HTML file: title, sections, then the methods.
  ///
  /// - Parameter document: The report.
  /// - Returns: The HTML, ending in a newline.
  /// - Complexity: O(size of the document)
  public func render(_ document: ReportDocument) -> String {
    var ids = Set<String>()
    var lines = [
      "<!DOCTYPE html>",
      "<html lang=\"" + Self.escape(language) + "\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<meta name=\"generator\" content=\""
        + Self.escape(
          document.generatedBy.software + " "
            + document.generatedBy.version) + "\">",
      "<title>" + Self.escape(document.title) + "</title>",
      "<style>",
    ]
    lines += Self.styleSheet
    lines += ["</style>", "</head>", "<body>", "<main>", "<header>", "<h1>" + Self.escape(document.title) + "</h1>"]
    if let subtitle = document.subtitle { lines.append("<p class=\"subtitle\">" + Self.escape(subtitle) + "</p>") }
    lines += ["<p class=\"generated\">" + Self.escape(document.generatedBy.line) + "</p>", "</header>"]
    for (number, section) in document.sections.enumerated() {
      let heading = "section-\(number + 1)"
      lines += [
        "<section aria-labelledby=\"\(heading)\">", "<h2 id=\"\(heading)\">" + Self.escape(section.heading) + "</h2>",
      ]
      for block in section.blocks {
        switch block {
        case .paragraph(let text): lines.append("<p>" + Self.escape(text) + "</p>")
        case .note(let text): lines.append("<p class=\"note\"><strong>Note:</strong> " + Self.escape(text) + "</p>")
        case .headline(let headline):
          lines.append("<p class=\"headline\"><strong>" + Self.escape(headline.statement) + "</strong></p>")
        case .table(let table):
          let id = Self.unique("table-" + CSVRenderer.fileStem(table.id), in: &ids)
          lines.append("<div class=\"table-block\" id=\"\(id)\">")
          lines += tableLines(table, caption: tableCaption(table))
          lines += footnoteLines(table.footnotes)
          lines.append("</div>")
        case .chart(let chart):
          let id = Self.unique("chart-" + CSVRenderer.fileStem(chart.id), in: &ids)
          lines += chartLines(chart, id: id)
        }
      }
      lines.append("</section>")
    }
    if !document.methods.entries.isEmpty {
      lines += ["<section class=\"methods\" aria-labelledby=\"methods\">", "<h2 id=\"methods\">Methods</h2>", "<dl>"]
      for entry in document.methods.entries {
        lines += ["<dt>" + Self.escape(entry.label) + "</dt>", "<dd>" + Self.escape(entry.text) + "</dd>"]
      }
      lines += ["</dl>", "</section>"]
    }
    lines += ["</main>", "</body>", "</html>"]
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Tables

  private func tableCaption(_ table: ReportTable) -> String {
    "<span class=\"title\">" + Self.escape(table.title) + "</span>"
      + (table.caption.map { " <span class=\"caption\">" + Self.escape($0) + "</span>" } ?? "")
  }

  private func tableLines(_ table: ReportTable, caption: String) -> [String] {
    let groups = table.columnGroups.enumerated().filter { !$0.element.columns.isEmpty }
    var lines = ["<table>", "<caption>" + caption + "</caption>", "<colgroup></colgroup>"]
    lines += groups.map { "<colgroup span=\"\($0.element.columns.count)\"></colgroup>" }
    lines.append("<thead>")
    let grouped = groups.contains { !$0.element.header.isEmpty }
    let variable =
      table.rowVariable.isEmpty
      ? "<td" + (grouped ? " rowspan=\"2\"" : "") + "></td>"
      : "<th scope=\"col\"" + (grouped ? " rowspan=\"2\"" : "") + ">" + Self.escape(table.rowVariable) + "</th>"
    if grouped {
      var cells = [variable]
      for (_, group) in groups {
        let span = group.columns.count > 1 ? " colspan=\"\(group.columns.count)\"" : ""
        cells.append(
          group.header.isEmpty
            ? "<td\(span)></td>" : "<th scope=\"colgroup\"\(span)>" + Self.escape(group.header) + "</th>")
      }
      lines.append("<tr>" + cells.joined() + "</tr>")
    }
    var headers = grouped ? [] : [variable]
    for (index, group) in groups {
      headers += group.columns.map {
        "<th scope=\"col\" class=\"num\">" + Self.escape(CellText.header($0, group: index, of: table)) + "</th>"
      }
    }
    lines += ["<tr>" + headers.joined() + "</tr>", "</thead>", "<tbody>"]
    for row in table.rows {
      let level = max(row.level, 0)
      let indent = level > 0 ? " class=\"level-\(min(level, 4))\"" : ""
      var cells = ["<th scope=\"row\"\(indent)>" + Self.escape(row.label) + "</th>"]
      for (index, group) in groups {
        let cell = index < row.cells.count ? row.cells[index] : .empty
        switch cell {
        case .figure(let figure):
          cells += group.columns.map {
            "<td class=\"num\">" + Self.escape(cellText.text($0, of: figure, format: table.format)) + "</td>"
          }
        case .suppressed:
          cells += group.columns.map { _ in
            "<td class=\"num suppressed\">" + Self.escape(table.disclosureMarker) + "</td>"
          }
        case .text(let text):
          let span = group.columns.count > 1 ? " colspan=\"\(group.columns.count)\"" : ""
          cells.append("<td class=\"num\"\(span)>" + Self.escape(text) + "</td>")
        case .empty:
          cells += group.columns.map { _ in "<td></td>" }
        }
      }
      lines.append("<tr>" + cells.joined() + "</tr>")
    }
    lines += ["</tbody>", "</table>"]
    return lines
  }

  private func footnoteLines(_ footnotes: [String]) -> [String] {
    guard !footnotes.isEmpty else { return [] }
    return ["<div class=\"footnotes\">"] + footnotes.map { "<p>" + Self.escape($0) + "</p>" } + ["</div>"]
  }

  // MARK: - Charts

  private func chartLines(_ chart: ReportChart, id: String) -> [String] {
    var lines = [
      "<figure class=\"chart\" id=\"\(id)\">",
      "<figcaption>" + Self.escape(chart.title) + "</figcaption>",
    ]
    lines += SVGChart(chart: chart, idPrefix: id).render()
    var data = chart.dataTable
    data.caption = nil
    lines += tableLines(data, caption: "<span class=\"title\">The numbers in the chart</span>")
    lines += footnoteLines(chart.footnotes)
    lines.append("</figure>")
    return lines
  }

  // MARK: - Text

  /// Text escaped for HTML (and the SVG inside it): `&`, `<`, `>`, `"` and `'` become character references,
  /// so text from a survey prints as itself and can never open an element or an attribute.
  ///
  /// ```swift
  /// HTMLRenderer.escape("R&D <b>")   // "R&amp;D &lt;b&gt;"
  /// ```
  /// - Parameter text: Plain text.
  /// - Returns: HTML that shows `text`.
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  private static func unique(_ id: String, in ids: inout Set<String>) -> String {
    var candidate = id
    var copy = 2
    while ids.contains(candidate) {
      candidate = "\(id)-\(copy)"
      copy += 1
    }
    ids.insert(candidate)
    return candidate
  }

  /// The style sheet: the system font stack, readable widths, numbers in tabular figures, and print rules.
  /// Text colours: #1a1a1a on white is 17.4:1 and #595959 on white 7.0:1 (WCAG AA asks 4.5:1).
  static let styleSheet = [
    ":root { color: #1a1a1a; background: #ffffff; }",
    "body { margin: 0; font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, "
      + "\"Noto Sans\", \"Liberation Sans\", sans-serif; line-height: 1.5; }",
    "main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }",
    "h1 { font-size: 1.8rem; margin: 1rem 0 0.25rem; }",
    "h2 { font-size: 1.35rem; margin: 2.5rem 0 0.75rem; border-bottom: 1px solid #1a1a1a; }",
    ".subtitle { font-size: 1.1rem; margin: 0; }",
    ".generated, .footnotes { color: #595959; }",
    ".headline { border-left: 4px solid #1f4e79; padding-left: 0.75rem; }",
    ".note { border-left: 4px solid #595959; padding-left: 0.75rem; }",
    ".table-block, figure { margin: 1.5rem 0; overflow-x: auto; }",
    "table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 0.5rem 0; }",
    "caption { text-align: left; padding-bottom: 0.5rem; }",
    "caption .title, figcaption { font-weight: bold; }",
    "caption .caption { display: block; }",
    "th, td { padding: 0.2rem 0.6rem; vertical-align: top; }",
    "thead th, thead td { border-bottom: 1px solid #1a1a1a; }",
    "thead th[scope=colgroup] { text-align: center; }",
    "tbody tr:last-child th, tbody tr:last-child td { border-bottom: 1px solid #1a1a1a; }",
    "th { text-align: left; }",
    "th[scope=row] { font-weight: normal; }",
    ".num { text-align: right; white-space: nowrap; }",
    ".level-1 { padding-left: 1.6rem; }",
    ".level-2 { padding-left: 2.6rem; }",
    ".level-3 { padding-left: 3.6rem; }",
    ".level-4 { padding-left: 4.6rem; }",
    ".footnotes { font-size: 0.9rem; }",
    ".footnotes p { margin: 0.2rem 0; }",
    "figure { margin-left: 0; margin-right: 0; }",
    "figure svg { display: block; max-width: 100%; height: auto; margin: 0.5rem 0; }",
    "svg text { font-family: inherit; font-size: 12px; }",
    "dt { font-weight: bold; }",
    "dd { margin: 0 0 0.5rem 0; }",
    "@media print {",
    "  :root, body { background: none; }",
    "  body { font-size: 10pt; }",
    "  main { max-width: none; padding: 0; }",
    "  .table-block, figure { overflow: visible; }",
    "  figure, table, tr, .headline, .note, dl > dd { break-inside: avoid; }",
    "  h1, h2, caption, figcaption { break-after: avoid; }",
    "  thead { display: table-header-group; }",
    "  svg { print-color-adjust: exact; -webkit-print-color-adjust: exact; }",
    "}",
  ]
}
