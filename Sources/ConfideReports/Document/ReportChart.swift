/// A chart of a report: finished numbers to draw, with a title, a text alternative for people who cannot
/// see it, and the disclosure marker and footnotes its hidden values need.
///
/// Like a ``ReportTable``, a chart is built with every figure computed and every disclosure decision made;
/// renderers only lay it out. A value hidden by disclosure control is ``ChartValue/suppressed``, which holds
/// no number, so a chart can no more leak a hidden figure than a table can. A chart drawn from the same
/// breakdown as a table must hide the same cells (build both from one ``ProtectedTable``), or the two
/// together could give a hidden figure away.
///
/// ```swift
/// let chart = ReportChart(
///   id: "trust-to-handle-records", title: "Trust to handle health records",
///   textAlternative: "Most adults trust the NHS with their records; few trust private companies.",
///   content: .divergingStackedBars(DivergingStackedBars(scale: .agreement, items: items)),
///   format: FigureFormat(decimals: 0, scale: .percent))
/// ```
public struct ReportChart: Hashable, Sendable {
  /// A stable identifier, used for CSV file names, JSON, HTML anchors and LaTeX labels. Letters, digits,
  /// `-` and `_` keep it safe as a file name (renderers replace anything else with `_`).
  public var id: String
  /// The chart's title.
  public var title: String
  /// A sentence or two saying what the chart shows, for screen readers and for formats that cannot draw
  /// it (written when the document is built, like a ``Headline``).
  public var textAlternative: String
  /// What is drawn, and the numbers behind it.
  public var content: ChartContent
  /// How the chart's numbers are labelled: decimal places and scale (shares of a Likert item are always
  /// proportions, shown as percentages whatever the scale).
  public var format: FigureFormat
  /// Footnotes printed under the chart, in order.
  public var footnotes: [String]
  /// The mark shown in place of a suppressed value (the disclosure rule's marker).
  public var disclosureMarker: String

  /// A chart with the given parts.
  ///
  /// - Parameters:
  ///   - id: A stable identifier, safe as a file name.
  ///   - title: The title.
  ///   - textAlternative: A sentence summarising what the chart shows.
  ///   - content: The kind of chart and its numbers.
  ///   - format: How its numbers are labelled.
  ///   - footnotes: Footnotes under the chart.
  ///   - disclosureMarker: The mark for suppressed values (`*` by default, as ``DisclosureRule``).
  public init(
    id: String, title: String, textAlternative: String, content: ChartContent,
    format: FigureFormat = FigureFormat(), footnotes: [String] = [], disclosureMarker: String = "*"
  ) {
    self.id = id
    self.title = title
    self.textAlternative = textAlternative
    self.content = content
    self.format = format
    self.footnotes = footnotes
    self.disclosureMarker = disclosureMarker
  }

  /// Whether any value of the chart is hidden by disclosure control.
  public var hasSuppressedValues: Bool {
    switch content {
    case .divergingStackedBars(let chart): chart.items.contains { $0.distribution.isSuppressed }
    case .dotWhisker(let chart): chart.groups.contains { $0.rows.contains { $0.value.isSuppressed } }
    case .bars(let chart): chart.bars.contains { $0.value.isSuppressed }
    }
  }
}

/// The kind of a chart, with its numbers.
public enum ChartContent: Hashable, Sendable {
  /// Likert items as bars of ordered categories, centred on the neutral point.
  case divergingStackedBars(DivergingStackedBars)
  /// Estimates with confidence intervals as dots and whiskers (a forest plot), in optional groups.
  case dotWhisker(DotWhiskerPlot)
  /// Estimates as bars from zero with confidence-interval whiskers.
  case bars(BarChart)

  /// The stable name of the kind, written to JSON and CSV: `diverging_stacked_bars`, `dot_whisker` or
  /// `bars`.
  public var name: String {
    switch self {
    case .divergingStackedBars: "diverging_stacked_bars"
    case .dotWhisker: "dot_whisker"
    case .bars: "bars"
    }
  }
}

/// A value drawn in a chart, or a value hidden by disclosure control.
///
/// ``suppressed`` carries no value at all, as ``ReportCell/suppressed`` does: renderers draw a marked gap
/// and print the chart's ``ReportChart/disclosureMarker``.
public enum ChartValue<Value: Hashable & Sendable>: Hashable, Sendable {
  /// A published value.
  case published(Value)
  /// A value hidden by disclosure control. It holds no numbers by design.
  case suppressed

  /// The value, if it is published.
  public var value: Value? {
    if case .published(let value) = self { return value }
    return nil
  }

  /// Whether the value is hidden by disclosure control.
  public var isSuppressed: Bool {
    if case .suppressed = self { return true }
    return false
  }

  /// The chart value for `value`, which is cell `cell` of a protected table: the value if the cell is
  /// published, ``suppressed`` (holding nothing) if disclosure control hides it.
  ///
  /// ```swift
  /// let protected = try DisclosureTable.oneWay([6, 41, 47]).protected(by: .standard)
  /// ChartValue(smallGroup, cell: 0, of: protected)   // .suppressed
  /// ```
  /// - Parameters:
  ///   - value: The value computed for the cell.
  ///   - cell: The cell's index in `protected`.
  ///   - protected: The table after disclosure control.
  /// - Precondition: `cell` is a cell of `protected`.
  /// - Complexity: O(1)
  public init(_ value: Value, cell: Int, of protected: ProtectedTable) {
    self = protected.disclosure(of: cell).isSuppressed ? .suppressed : .published(value)
  }
}

// MARK: - Diverging stacked bars

/// Likert items drawn as diverging stacked bars: each item's shares of the ordered categories, with the
/// disagreeing categories to the left of a centre line and the agreeing ones to the right. A neutral
/// category, if the scale has one, straddles the centre line.
public struct DivergingStackedBars: Hashable, Sendable {
  /// The answer categories, in order.
  public var scale: LikertScale
  /// The items, top to bottom.
  public var items: [LikertItem]

  /// A chart of `items` answered on `scale`.
  ///
  /// - Parameters:
  ///   - scale: The answer categories.
  ///   - items: The items, each with one share per category of `scale`.
  public init(scale: LikertScale, items: [LikertItem]) {
    self.scale = scale
    self.items = items
  }
}

/// The ordered categories of a Likert item, split at the neutral point.
public struct LikertScale: Hashable, Sendable {
  /// The categories below the neutral point, most negative first ("Strongly disagree", "Disagree").
  public var negative: [String]
  /// The neutral middle category ("Neither agree nor disagree"), or `nil` for a scale without one.
  public var neutral: String?
  /// The categories above the neutral point, least positive first ("Agree", "Strongly agree").
  public var positive: [String]

  /// A scale with the given categories.
  ///
  /// - Parameters:
  ///   - negative: The negative categories, most negative first.
  ///   - neutral: The neutral middle category, or `nil`.
  ///   - positive: The positive categories, least positive first.
  public init(negative: [String], neutral: String? = nil, positive: [String]) {
    self.negative = negative
    self.neutral = neutral
    self.positive = positive
  }

  /// Every category in order, from the most negative to the most positive.
  public var categories: [String] { negative + (neutral.map { [$0] } ?? []) + positive }

  /// The five-point agreement scale, from "Strongly disagree" to "Strongly agree".
  public static let agreement = LikertScale(
    negative: ["Strongly disagree", "Disagree"], neutral: "Neither agree nor disagree",
    positive: ["Agree", "Strongly agree"])
}

/// One Likert item: its label and its answers' distribution, or nothing if disclosure control hides it.
public struct LikertItem: Hashable, Sendable {
  /// The item's label, such as "The NHS".
  public var label: String
  /// The weighted shares of the categories, or ``ChartValue/suppressed`` when the item's base is below
  /// the disclosure threshold.
  public var distribution: ChartValue<LikertDistribution>

  /// An item labelled `label` with `distribution`.
  ///
  /// - Parameters:
  ///   - label: The label.
  ///   - distribution: The shares, or `.suppressed`.
  public init(label: String, distribution: ChartValue<LikertDistribution>) {
    self.label = label
    self.distribution = distribution
  }
}

/// The weighted shares of a Likert item's categories, with the item's base.
public struct LikertDistribution: Hashable, Sendable {
  /// One weighted share per category of the scale, in the scale's order, on the 0–1 scale.
  public var shares: [Double]
  /// The unweighted base: the number of respondents who answered the item.
  public var unweightedBase: Int?

  /// A distribution with `shares`, one per category, from `unweightedBase` respondents.
  ///
  /// - Parameters:
  ///   - shares: The weighted shares, in the scale's order, on the 0–1 scale.
  ///   - unweightedBase: The number of respondents.
  public init(shares: [Double], unweightedBase: Int? = nil) {
    self.shares = shares
    self.unweightedBase = unweightedBase
  }
}

// MARK: - Dot and whisker

/// Estimates with confidence intervals drawn as dots and whiskers (a forest plot), such as prevalence by
/// subgroup or an experiment's effects against a reference line at 0.
public struct DotWhiskerPlot: Hashable, Sendable {
  /// The label of the value axis, such as "Percentage points, compared with NHS direct care".
  public var axisLabel: String
  /// A vertical reference line, such as no effect at 0, or `nil` for none.
  public var reference: ChartReference?
  /// The groups of rows, top to bottom; a single group with an empty heading is an ungrouped plot.
  public var groups: [DotWhiskerGroup]

  /// A plot of `groups` along an axis labelled `axisLabel`, with an optional reference line.
  ///
  /// - Parameters:
  ///   - axisLabel: The value axis label.
  ///   - reference: The reference line, or `nil`.
  ///   - groups: The groups of rows.
  public init(axisLabel: String, reference: ChartReference? = nil, groups: [DotWhiskerGroup]) {
    self.axisLabel = axisLabel
    self.reference = reference
    self.groups = groups
  }
}

/// A reference line across a chart, at a value in the units of the chart's figures.
public struct ChartReference: Hashable, Sendable {
  /// Where the line is drawn, unscaled like the figures (0.173 for 17.3%).
  public var value: Double
  /// What the line means, such as "No difference", printed beside it.
  public var label: String

  /// A line at `value` labelled `label`.
  ///
  /// - Parameters:
  ///   - value: The position, unscaled.
  ///   - label: What the line means.
  public init(value: Double, label: String) {
    self.value = value
    self.label = label
  }
}

/// A group of rows of a dot-and-whisker plot under a heading.
public struct DotWhiskerGroup: Hashable, Sendable {
  /// The group's heading, such as "Born outside the UK"; empty for an ungrouped plot.
  public var heading: String
  /// The rows, top to bottom.
  public var rows: [ChartRow]

  /// A group headed `heading` with `rows`.
  ///
  /// - Parameters:
  ///   - heading: The heading, or an empty string.
  ///   - rows: The rows.
  public init(heading: String, rows: [ChartRow]) {
    self.heading = heading
    self.rows = rows
  }
}

/// A labelled figure of a chart: a row of a dot-and-whisker plot, or a bar.
public struct ChartRow: Hashable, Sendable {
  /// The label, such as "55 and over".
  public var label: String
  /// The figure (estimate, interval, base), or ``ChartValue/suppressed``.
  public var value: ChartValue<Figure>

  /// A row labelled `label` showing `value`.
  ///
  /// - Parameters:
  ///   - label: The label.
  ///   - value: The figure, or `.suppressed`.
  public init(label: String, value: ChartValue<Figure>) {
    self.label = label
    self.value = value
  }
}

// MARK: - Bars

/// Estimates drawn as bars from zero with confidence-interval whiskers, such as a list experiment's
/// estimate by subgroup.
public struct BarChart: Hashable, Sendable {
  /// The label of the value axis, such as "Percentage who withheld information".
  public var axisLabel: String
  /// The bars, top to bottom.
  public var bars: [ChartRow]

  /// A chart of `bars` along an axis labelled `axisLabel`.
  ///
  /// - Parameters:
  ///   - axisLabel: The value axis label.
  ///   - bars: The bars.
  public init(axisLabel: String, bars: [ChartRow]) {
    self.axisLabel = axisLabel
    self.bars = bars
  }
}
