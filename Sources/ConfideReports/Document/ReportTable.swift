/// A table of a report: rows of cells under column groups, with its title, caption, footnotes and the
/// way its figures are formatted.
///
/// Each row has one ``ReportCell`` per ``ColumnGroup``; the group's ``ColumnGroup/columns`` say which
/// parts of the cell's figure are shown (estimate, interval, base, p-value, …).
///
/// ```swift
/// let table = ReportTable(
///   id: "delayed-care-by-birthplace", title: "Delayed care because of data sharing worries",
///   rowVariable: "Age group",
///   columnGroups: [
///     ColumnGroup(header: "Born in the UK", columns: [.estimate, .interval, .base]),
///     ColumnGroup(header: "Born outside the UK", columns: [.estimate, .interval, .base]),
///   ],
///   rows: [ReportRow(label: "16–34", cells: [.figure(a), .figure(b)])],
///   format: FigureFormat(decimals: 1, scale: .percent))
/// ```
public struct ReportTable: Hashable, Sendable {
  /// A stable identifier, used for CSV file names, JSON and LaTeX labels. Letters, digits, `-` and `_`
  /// keep it safe as a file name (renderers replace anything else with `_`).
  public var id: String
  /// The table's title.
  public var title: String
  /// A sentence or two under the title saying what the figures are, or `nil`.
  public var caption: String?
  /// The name of the variable the rows break down by, shown as the header of the label column.
  public var rowVariable: String
  /// The column groups, left to right.
  public var columnGroups: [ColumnGroup]
  /// The rows, top to bottom; each has one cell per column group.
  public var rows: [ReportRow]
  /// Footnotes printed under the table, in order.
  public var footnotes: [String]
  /// How the table's figures are shown.
  public var format: FigureFormat
  /// The mark printed in place of a suppressed cell (the disclosure rule's marker).
  public var disclosureMarker: String

  /// A table with the given parts.
  ///
  /// - Parameters:
  ///   - id: A stable identifier, safe as a file name.
  ///   - title: The title.
  ///   - caption: Text under the title, or `nil`.
  ///   - rowVariable: The header of the label column.
  ///   - columnGroups: The column groups.
  ///   - rows: The rows, each with one cell per column group.
  ///   - footnotes: Footnotes under the table.
  ///   - format: How figures are shown.
  ///   - disclosureMarker: The mark for suppressed cells (`*` by default, as ``DisclosureRule``).
  public init(
    id: String, title: String, caption: String? = nil, rowVariable: String, columnGroups: [ColumnGroup],
    rows: [ReportRow], footnotes: [String] = [], format: FigureFormat = FigureFormat(),
    disclosureMarker: String = "*"
  ) {
    self.id = id
    self.title = title
    self.caption = caption
    self.rowVariable = rowVariable
    self.columnGroups = columnGroups
    self.rows = rows
    self.footnotes = footnotes
    self.format = format
    self.disclosureMarker = disclosureMarker
  }
}

/// A group of columns under one header, such as "Born outside the UK" over %, 95% CI and n.
///
/// Every row has one cell per group; the group's columns show parts of that cell's figure.
public struct ColumnGroup: Hashable, Sendable {
  /// The header over the group's columns; empty for a table with a single, unnamed group.
  public var header: String
  /// The parts of each figure shown, left to right.
  public var columns: [FigureColumn]

  /// A group headed `header` showing `columns` of each figure.
  ///
  /// - Parameters:
  ///   - header: The group's header.
  ///   - columns: The parts of each figure to show.
  public init(header: String, columns: [FigureColumn]) {
    self.header = header
    self.columns = columns
  }
}

/// A part of a figure shown in a column of a group.
///
/// The raw values are the stable names used in JSON.
public enum FigureColumn: String, Hashable, Sendable, CaseIterable {
  /// The estimate, scaled by the table's ``FigureFormat/scale``.
  case estimate
  /// The standard error, on the same scale as the estimate.
  case standardError = "se"
  /// The confidence interval, as "(5.1–13.7)".
  case interval = "ci"
  /// The unweighted base, n.
  case base = "n"
  /// The weighted base.
  case weightedBase = "weighted_n"
  /// The test statistic, as "2.31".
  case statistic
  /// The test's degrees of freedom, as "187" or "1.9, 355.2".
  case degreesOfFreedom = "df"
  /// The raw p-value.
  case pValue = "p_value"
  /// The adjusted p-value.
  case adjustedPValue = "p_adjusted"
}

/// A row of a report table: a label, its indentation level and one cell per column group.
public struct ReportRow: Hashable, Sendable {
  /// The row's label, such as "16–34" or "Home Office vignette".
  public var label: String
  /// The indentation level: 0 for a top-level row, 1 for a row grouped under the row above it, and so on.
  public var level: Int
  /// One cell per column group of the table.
  public var cells: [ReportCell]

  /// A row labelled `label` at indentation `level` with the given cells.
  ///
  /// - Parameters:
  ///   - label: The label.
  ///   - level: The indentation level (0 by default).
  ///   - cells: One cell per column group.
  public init(label: String, level: Int = 0, cells: [ReportCell]) {
    self.label = label
    self.level = level
    self.cells = cells
  }
}

/// How the figures of a table are shown: decimal places, scale and confidence level.
public struct FigureFormat: Hashable, Sendable {
  /// The scale of the estimates, intervals and standard errors in the table.
  public enum Scale: String, Hashable, Sendable, CaseIterable {
    /// Proportions shown as percentages (0.234 as 23.4, under a "%" header).
    case percent
    /// Differences of proportions shown as percentage points (0.094 as 9.4, under "pp").
    case percentagePoints = "percentage_points"
    /// Values shown as they are (means, odds ratios, counts).
    case plain
  }

  /// Decimal places for estimates, intervals and standard errors (in the displayed scale).
  public var decimals: Int
  /// The displayed scale.
  public var scale: Scale
  /// The confidence level of the table's intervals, as a fraction, for headers such as "95% CI".
  public var confidenceLevel: Double

  /// A format with `decimals` places on `scale` for intervals at `confidenceLevel`.
  ///
  /// - Parameters:
  ///   - decimals: Decimal places (1 by default).
  ///   - scale: The displayed scale (percentages by default).
  ///   - confidenceLevel: The confidence level as a fraction (0.95 by default).
  public init(decimals: Int = 1, scale: Scale = .percent, confidenceLevel: Double = 0.95) {
    self.decimals = decimals
    self.scale = scale
    self.confidenceLevel = confidenceLevel
  }

  /// The power of ten from stored to displayed values: 2 (times 100) for percentages and percentage points,
  /// 0 for plain values. Renderers shift the decimal digits rather than multiply, so no binary rounding
  /// error creeps in before the figure is rounded for display.
  public var powerOfTen: Int { scale == .plain ? 0 : 2 }
}
