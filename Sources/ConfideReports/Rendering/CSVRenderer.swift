import ConfideStatistics

/// Renders each table of a report as a tidy CSV file: one line per cell (a row of the table under a
/// column group), with every part of its figure in its own column.
///
/// The columns, in order, are ``columns``: `table_id`, `row_index` (0-based), `row` (the label),
/// `row_level`, `column_group` (the group header), `kind` (a ``FigureKind`` raw value), `estimate`, `se`,
/// `ci_lower`, `ci_upper`, `ci_level`, `n`, `weighted_n`, `statistic_name`, `statistic`, `df1`, `df2`,
/// `p_value`, `p_adjusted`, `adjustment` (a ``PValueAdjustment`` raw value), `text` and `suppressed`
/// (`true` or `false`).
///
/// Numbers are unscaled (a proportion of 23.4% is `0.234`) and printed in the shortest form that reads
/// back as the same `Double`, with an ASCII minus; a part the figure lacks is an empty field. A suppressed
/// cell has every number empty and `suppressed` `true`. Empty cells are left out. Fields are quoted as
/// RFC 4180 says (when they hold a comma, a double quote or a line break, with quotes doubled) and lines
/// end in CRLF. A text field that a spreadsheet would run as a formula gets a leading `'` (``inert(_:)``).
///
/// Each chart gets its own tidy file too, with the columns ``chartColumns`` (see the `render(_:)` that takes a chart).
///
/// ```swift
/// for (name, contents) in CSVRenderer().render(document) { … }   // "delayed-care.csv": "table_id,…"
/// ```
public struct CSVRenderer: Sendable {
  /// The header line's column names, in order.
  public static let columns = [
    "table_id", "row_index", "row", "row_level", "column_group", "kind", "estimate", "se", "ci_lower", "ci_upper",
    "ci_level", "n", "weighted_n", "statistic_name", "statistic", "df1", "df2", "p_value", "p_adjusted",
    "adjustment", "text", "suppressed",
  ]

  /// The line ending: CRLF by default, as RFC 4180 specifies.
  public var lineEnding: String

  /// A CSV renderer ending lines with `lineEnding`.
  ///
  /// - Parameter lineEnding: The line ending (`"\r\n"` by default).
  public init(lineEnding: String = "\r\n") {
    self.lineEnding = lineEnding
  }

  /// One CSV file per table and per chart of the report, keyed by file name: the table's
  /// ``ReportTable/id`` or the chart's ``ReportChart/id`` with characters other than letters, digits, `-`,
  /// `_` and `.` replaced by `_`, and `.csv` added. Tables come first; a repeated name gets `-2`, `-3`, …
  /// before the extension.
  ///
  /// - Parameter document: The report.
  /// - Returns: The files' contents by file name.
  /// - Complexity: O(size of the tables)
  public func render(_ document: ReportDocument) -> [String: String] {
    var files: [String: String] = [:]
    func add(_ contents: String, id: String) {
      let stem = Self.fileStem(id)
      var name = stem + ".csv"
      var copy = 2
      while files[name] != nil {
        name = "\(stem)-\(copy).csv"
        copy += 1
      }
      files[name] = contents
    }
    for table in document.tables { add(render(table), id: table.id) }
    for chart in document.charts { add(render(chart), id: chart.id) }
    return files
  }

  /// One table as CSV, header line first.
  ///
  /// - Parameter table: The table.
  /// - Returns: The CSV text, every line (the last included) ending in ``lineEnding``.
  /// - Complexity: O(rows × column groups)
  public func render(_ table: ReportTable) -> String {
    var lines = [Self.columns.joined(separator: ",")]
    for (rowIndex, row) in table.rows.enumerated() {
      for (groupIndex, group) in table.columnGroups.enumerated() {
        let cell = groupIndex < row.cells.count ? row.cells[groupIndex] : .empty
        var fields: [String: String] = [
          "table_id": table.id, "row_index": String(rowIndex), "row": Self.inert(row.label),
          "row_level": String(row.level), "column_group": Self.inert(group.header), "suppressed": "false",
        ]
        switch cell {
        case .empty: continue
        case .suppressed: fields["suppressed"] = "true"
        case .text(let text): fields["text"] = Self.inert(text)
        case .figure(let figure): Self.add(figure, to: &fields)
        }
        lines.append(Self.columns.map { Self.quote(fields[$0] ?? "") }.joined(separator: ","))
      }
    }
    return lines.map { $0 + lineEnding }.joined()
  }

  /// One chart as tidy CSV, header line first: one line per value drawn, with the columns
  /// ``chartColumns``. A Likert item gives one line per category (`category` names it, `estimate` is its
  /// share and `n` the item's base); a dot-and-whisker row or a bar gives one line with its figure, and
  /// `group` is its group's heading (empty for bars and ungrouped rows). A suppressed value has every
  /// number empty and `suppressed` `true`.
  ///
  /// - Parameter chart: The chart.
  /// - Returns: The CSV text, every line (the last included) ending in ``lineEnding``.
  /// - Complexity: O(number of values)
  public func render(_ chart: ReportChart) -> String {
    var lines = [Self.chartColumns.joined(separator: ",")]
    func line(group: String, index: Int, label: String, _ extra: [String: String]) {
      var fields: [String: String] = [
        "chart_id": chart.id, "chart_type": chart.content.name, "group": Self.inert(group),
        "row_index": String(index), "label": Self.inert(label), "suppressed": "false",
      ]
      fields.merge(extra) { $1 }
      lines.append(Self.chartColumns.map { Self.quote(fields[$0] ?? "") }.joined(separator: ","))
    }
    func figureFields(_ value: ChartValue<Figure>) -> [String: String] {
      guard let figure = value.value else { return ["suppressed": "true"] }
      var fields: [String: String] = [:]
      Self.add(figure, to: &fields)
      return fields
    }
    switch chart.content {
    case .divergingStackedBars(let bars):
      for (index, item) in bars.items.enumerated() {
        for (position, category) in bars.scale.categories.enumerated() {
          var fields = ["category": Self.inert(category)]
          switch item.distribution {
          case .suppressed: fields["suppressed"] = "true"
          case .published(let distribution):
            fields["kind"] = FigureKind.proportion.rawValue
            if position < distribution.shares.count {
              fields["estimate"] = NumberText.roundTrip(distribution.shares[position])
            }
            fields["n"] = distribution.unweightedBase.map { String($0) }
          }
          line(group: "", index: index, label: item.label, fields)
        }
      }
    case .dotWhisker(let plot):
      var index = 0
      for group in plot.groups {
        for row in group.rows {
          line(group: group.heading, index: index, label: row.label, figureFields(row.value))
          index += 1
        }
      }
    case .bars(let bars):
      for (index, bar) in bars.bars.enumerated() {
        line(group: "", index: index, label: bar.label, figureFields(bar.value))
      }
    }
    return lines.map { $0 + lineEnding }.joined()
  }

  /// The header line's column names of a chart's CSV file, in order.
  public static let chartColumns = [
    "chart_id", "chart_type", "group", "row_index", "label", "category", "kind", "estimate", "se", "ci_lower",
    "ci_upper", "ci_level", "n", "weighted_n", "suppressed",
  ]

  private static func add(_ figure: Figure, to fields: inout [String: String]) {
    let number = NumberText.roundTrip
    fields["kind"] = figure.kind.rawValue
    fields["estimate"] = number(figure.estimate)
    fields["se"] = figure.standardError.map(number)
    if let interval = figure.interval {
      fields["ci_lower"] = number(interval.lower)
      fields["ci_upper"] = number(interval.upper)
      fields["ci_level"] = number(interval.level)
    }
    fields["n"] = figure.unweightedBase.map { String($0) }
    fields["weighted_n"] = figure.weightedBase.map(number)
    if let test = figure.test {
      fields["statistic_name"] = inert(test.name)
      fields["statistic"] = number(test.value)
      let df = test.degreesOfFreedom
      if df.count > 0 { fields["df1"] = number(df[0]) }
      if df.count > 1 { fields["df2"] = number(df[1]) }
    }
    fields["p_value"] = figure.pValue.map(number)
    fields["p_adjusted"] = figure.adjustedPValue.map(number)
    fields["adjustment"] = figure.adjustment?.rawValue
  }

  /// A text field that a spreadsheet will not run as a formula: one starting with `=`, `+`, `-`, `@`, a
  /// tab or a carriage return gets a leading `'` (OWASP's advice for CSV injection). Labels come from
  /// survey and plan text, which a spreadsheet user did not write; numbers are never changed.
  static func inert(_ text: String) -> String {
    guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
    return "'" + text
  }

  /// A field quoted as RFC 4180 requires: in double quotes, with quotes doubled, when it holds a comma, a
  /// double quote, a carriage return or a line feed; otherwise as it is.
  static func quote(_ field: String) -> String {
    guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
      return field
    }
    return "\"" + field.replacing("\"", with: "\"\"") + "\""
  }

  /// A table id made safe as a file name.
  static func fileStem(_ id: String) -> String {
    let safe = String(
      id.map { character in
        character.isASCII && (character.isLetter || character.isNumber || "-_.".contains(character))
          ? character : "_"
      })
    return safe.isEmpty || safe.allSatisfy({ $0 == "." }) ? "table" : safe
  }
}
