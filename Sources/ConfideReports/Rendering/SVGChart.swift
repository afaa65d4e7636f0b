import ConfideStatistics

/// Lays out a ``ReportChart`` as inline SVG for the HTML renderer: a fixed-width drawing (scaled to the page
/// by CSS) with the title and text alternative as its `<title>` and `<desc>`, every number also written as
/// text, and suppressed values drawn as hatched gaps marked with the disclosure marker.
///
/// Layout is arithmetic on the chart's finished numbers (positions, ticks); nothing is estimated here.
/// Coordinates are printed to one decimal place and text widths are estimated from character counts, so
/// the same chart always gives the same bytes, whatever fonts the reader has.
struct SVGChart {
  /// The chart to draw.
  var chart: ReportChart
  /// A prefix for the drawing's element ids, unique in the page.
  var idPrefix: String

  /// The drawing's width in SVG units; CSS scales it down on narrow pages.
  static let width = 720.0
  /// The estimated width of one character of 12px text, for laying out labels.
  static let characterWidth = 6.6
  /// The widest the label column may be.
  static let maximumLabelWidth = 250.0
  /// The width of the column of value labels at the right.
  static let valueWidth = 160.0
  /// The height of one line of label text.
  static let lineHeight = 15.0

  /// Palette: text on white, marks and lines. Body text #1a1a1a is 17.4:1 on white, muted text #595959
  /// 7.0:1; dots and bars (#1f4e79, #2166ac) are 8.7:1 and 5.9:1 against white.
  static let ink = "#1a1a1a"
  static let muted = "#595959"
  static let grid = "#d9d9d9"
  static let dot = "#1f4e79"
  static let bar = "#2166ac"

  /// The diverging palette (ColorBrewer PuOr, safe for the common colour-vision deficiencies), each fill
  /// with the text colour that reaches at least 4.5:1 on it: negative categories from the outermost in,
  /// positive ones from the innermost out.
  static let negativeFills: [(fill: String, text: String)] = [
    ("#b35806", "#ffffff"),  // 4.9:1
    ("#e08214", "#1a1a1a"),  // 6.1:1
    ("#fdb863", "#1a1a1a"),  // 10.1:1
  ]
  static let neutralFill = (fill: "#f7f7f7", text: "#1a1a1a")  // 16.3:1, outlined in #767676
  static let positiveFills: [(fill: String, text: String)] = [
    ("#b2abd2", "#1a1a1a"),  // 8.0:1
    ("#6f5fa6", "#ffffff"),  // 5.4:1
    ("#542788", "#ffffff"),  // 10.4:1
  ]

  private let cellText = CellText(minus: NumberText.typographicMinus, rangeDash: "\u{2013}")

  /// A drawing of `chart` whose element ids start with `idPrefix`.
  init(chart: ReportChart, idPrefix: String) {
    self.chart = chart
    self.idPrefix = idPrefix
  }

  /// The `<svg>` element, as lines.
  func render() -> [String] {
    var body: [String]
    var height: Double
    switch chart.content {
    case .divergingStackedBars(let bars): (body, height) = diverging(bars)
    case .dotWhisker(let plot):
      let rows = plot.groups.flatMap { group in
        (group.heading.isEmpty ? [] : [Line.heading(group.heading)])
          + group.rows.map { Line.row($0, indented: !group.heading.isEmpty) }
      }
      (body, height) = rowsChart(rows, axisLabel: plot.axisLabel, reference: plot.reference, bars: false)
    case .bars(let chart):
      (body, height) = rowsChart(
        chart.bars.map { .row($0, indented: false) }, axisLabel: chart.axisLabel, reference: nil, bars: true)
    }
    height = height.rounded(.up)
    let titleID = idPrefix + "-title"
    let descID = idPrefix + "-desc"
    var lines = [
      "<svg role=\"img\" fill=\"\(Self.ink)\" viewBox=\"0 0 \(Self.number(Self.width)) "
        + "\(Self.number(height))\" width=\"\(Self.number(Self.width))\" height=\"\(Self.number(height))\" "
        + "aria-labelledby=\"\(titleID)\" aria-describedby=\"\(descID)\">",
      "<title id=\"\(titleID)\">" + HTMLRenderer.escape(chart.title) + "</title>",
      "<desc id=\"\(descID)\">" + HTMLRenderer.escape(chart.textAlternative) + "</desc>",
      "<defs><pattern id=\"\(idPrefix)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
        + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
        + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(Self.grid)\" stroke-width=\"3\"/></pattern></defs>",
    ]
    lines += body
    lines.append("</svg>")
    return lines
  }

  // MARK: - Rows of figures: dot and whisker, bars

  private enum Line {
    case heading(String)
    case row(ChartRow, indented: Bool)
  }

  private func rowsChart(
    _ lines: [Line], axisLabel: String, reference: ChartReference?, bars: Bool
  )
    -> (body: [String], height: Double)
  {
    let shift = chart.format.powerOfTen
    let scale = shift == 0 ? 1.0 : 100.0
    let figures = lines.compactMap { line -> Figure? in
      if case .row(let row, _) = line { return row.value.value }
      return nil
    }
    var values = figures.flatMap { figure in [figure.estimate] + (figure.interval.map { [$0.lower, $0.upper] } ?? []) }
      .map { $0 * scale }
    if let reference { values.append(reference.value * scale) }
    if bars { values.append(0) }
    let axis = Axis(lower: values.min() ?? 0, upper: values.max() ?? 1)

    let labels = lines.map { line -> (text: String, indent: Double) in
      switch line {
      case .heading(let text): (text, 0)
      case .row(let row, let indented): (row.label, indented ? 12 : 0)
      }
    }
    let labelWidth = labelColumnWidth(labels.map { $0.text.count })
    let plotLeft = labelWidth + 12
    let plotRight = Self.width - Self.valueWidth - 12
    func x(_ value: Double) -> Double { axis.position(value, from: plotLeft, to: plotRight) }

    let top = reference == nil ? 8.0 : 24.0
    var y = top
    var body: [String] = []
    var rowsSVG: [String] = []
    let hatch = "url(#\(idPrefix)-hatch)"
    for (line, label) in zip(lines, labels) {
      let wrapped = wrap(label.text, width: labelWidth - label.indent)
      let height = max(26, Double(wrapped.count) * Self.lineHeight + 11)
      let middle = y + height / 2
      switch line {
      case .heading:
        rowsSVG.append(text(wrapped, x: 0, middle: middle, attributes: "font-weight=\"bold\""))
      case .row(let row, _):
        rowsSVG.append(text(wrapped, x: label.indent, middle: middle, attributes: ""))
        switch row.value {
        case .suppressed:
          rowsSVG.append(gap(from: plotLeft, to: plotRight, middle: middle, fill: hatch))
          rowsSVG.append(valueText(chart.disclosureMarker, middle: middle))
        case .published(let figure):
          let estimate = figure.estimate * scale
          if bars {
            let from = x(0)
            let to = x(estimate)
            rowsSVG.append(
              "<rect x=\"\(Self.number(min(from, to)))\" y=\"\(Self.number(middle - 7))\" "
                + "width=\"\(Self.number(max(abs(to - from), 1)))\" height=\"14\" fill=\"\(Self.bar)\"/>")
          }
          if let interval = figure.interval {
            let lower = x(interval.lower * scale)
            let upper = x(interval.upper * scale)
            rowsSVG.append(
              "<path d=\"M\(Self.number(lower)) \(Self.number(middle))H\(Self.number(upper))"
                + "M\(Self.number(lower)) \(Self.number(middle - 5))v10M\(Self.number(upper)) "
                + "\(Self.number(middle - 5))v10\" stroke=\"\(Self.ink)\" stroke-width=\"1.5\" fill=\"none\"/>")
          }
          if !bars {
            rowsSVG.append(
              "<circle cx=\"\(Self.number(x(estimate)))\" cy=\"\(Self.number(middle))\" r=\"4.5\" "
                + "fill=\"\(Self.dot)\"/>")
          }
          var value = cellText.text(.estimate, of: figure, format: chart.format)
          let interval = cellText.text(.interval, of: figure, format: chart.format)
          if !interval.isEmpty { value += " " + interval }
          rowsSVG.append(valueText(value, middle: middle))
        }
      }
      y += height
    }
    let plotBottom = y + 4
    // Grid lines first, so the marks are drawn over them.
    for tick in axis.ticks {
      body.append(
        "<line x1=\"\(Self.number(x(tick)))\" y1=\"\(Self.number(top))\" x2=\"\(Self.number(x(tick)))\" "
          + "y2=\"\(Self.number(plotBottom))\" stroke=\"\(Self.grid)\" stroke-width=\"1\"/>")
    }
    if let reference {
      let position = x(reference.value * scale)
      body.append(
        "<line x1=\"\(Self.number(position))\" y1=\"\(Self.number(top - 6))\" x2=\"\(Self.number(position))\" "
          + "y2=\"\(Self.number(plotBottom))\" stroke=\"\(Self.ink)\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>")
      body.append(
        "<text x=\"\(Self.number(position))\" y=\"\(Self.number(top - 10))\" text-anchor=\"middle\" "
          + "fill=\"\(Self.muted)\">" + HTMLRenderer.escape(reference.label) + "</text>")
    }
    body += rowsSVG
    let (axisLines, height) = axisSVG(
      axis, top: plotBottom, x: x, label: axisLabel, left: plotLeft, right: plotRight, absolute: false)
    body += axisLines
    return (body, height)
  }

  // MARK: - Diverging stacked bars

  private func diverging(_ chart: DivergingStackedBars) -> (body: [String], height: Double) {
    let scale = chart.scale
    let categories = scale.categories
    let fills = Self.fills(for: scale)
    var extent = 0.0
    for item in chart.items {
      guard let shares = item.distribution.value?.shares else { continue }
      let share = { (index: Int) in index < shares.count ? shares[index] * 100 : 0 }
      let neutral = scale.neutral == nil ? 0 : share(scale.negative.count) / 2
      let negative = scale.negative.indices.reduce(0) { $0 + share($1) } + neutral
      let positive =
        scale.positive.indices.reduce(0) { $0 + share(scale.negative.count + (scale.neutral == nil ? 0 : 1) + $1) }
        + neutral
      extent = max(extent, negative, positive)
    }
    let axis = Axis(lower: -max(extent, 1), upper: max(extent, 1), symmetric: true)
    let labelWidth = labelColumnWidth(chart.items.map(\.label.count))
    let plotLeft = labelWidth + 12
    let plotRight = Self.width - Self.valueWidth - 12
    func x(_ value: Double) -> Double { axis.position(value, from: plotLeft, to: plotRight) }

    var body: [String] = []
    // The legend: a swatch and a name per category, in order, wrapping onto further lines.
    var legendX = 0.0
    var legendY = 14.0
    for (category, fill) in zip(categories, fills) {
      let width = 18 + Double(category.count) * Self.characterWidth + 16
      if legendX > 0 && legendX + width > Self.width {
        legendX = 0
        legendY += 20
      }
      body.append(
        "<rect x=\"\(Self.number(legendX))\" y=\"\(Self.number(legendY - 10))\" width=\"12\" height=\"12\" "
          + "fill=\"\(fill.fill)\" stroke=\"#767676\" stroke-width=\"0.5\"/>")
      body.append(
        "<text x=\"\(Self.number(legendX + 16))\" y=\"\(Self.number(legendY))\">" + HTMLRenderer.escape(category)
          + "</text>")
      legendX += width
    }
    let top = legendY + 14
    var y = top
    var rows: [String] = []
    for item in chart.items {
      let wrapped = wrap(item.label, width: labelWidth)
      let height = max(30, Double(wrapped.count) * Self.lineHeight + 11)
      let middle = y + height / 2
      rows.append(text(wrapped, x: 0, middle: middle, attributes: ""))
      switch item.distribution {
      case .suppressed:
        rows.append(gap(from: plotLeft, to: plotRight, middle: middle, fill: "url(#\(idPrefix)-hatch)"))
        rows.append(valueText(self.chart.disclosureMarker, middle: middle))
      case .published(let distribution):
        let shares = categories.indices.map { $0 < distribution.shares.count ? distribution.shares[$0] * 100 : 0 }
        let neutral = scale.neutral == nil ? 0 : shares[scale.negative.count] / 2
        var position = -(shares.prefix(scale.negative.count).reduce(0, +) + neutral)
        for (index, share) in shares.enumerated() {
          let from = x(position)
          let to = x(position + share)
          position += share
          guard share > 0 else { continue }
          let fill = fills[index]
          let outline =
            index == scale.negative.count && scale.neutral != nil ? " stroke=\"#767676\" stroke-width=\"0.5\"" : ""
          rows.append(
            "<rect x=\"\(Self.number(from))\" y=\"\(Self.number(middle - 10))\" width=\"\(Self.number(to - from))\" "
              + "height=\"20\" fill=\"\(fill.fill)\"\(outline)/>")
          let label = NumberText.fixed(
            share / 100, shift: 2, decimals: self.chart.format.decimals, minus: NumberText.typographicMinus)
          if to - from >= Double(label.count) * Self.characterWidth + 4 {
            rows.append(
              "<text x=\"\(Self.number((from + to) / 2))\" y=\"\(Self.number(middle + 4))\" text-anchor=\"middle\" "
                + "fill=\"\(fill.text)\">" + label + "</text>")
          }
        }
        let base = distribution.unweightedBase.map {
          "n = " + NumberText.integer($0, minus: NumberText.typographicMinus)
        }
        rows.append(valueText(base ?? "", middle: middle))
      }
      y += height
    }
    let plotBottom = y + 4
    for tick in axis.ticks {
      body.append(
        "<line x1=\"\(Self.number(x(tick)))\" y1=\"\(Self.number(top))\" x2=\"\(Self.number(x(tick)))\" "
          + "y2=\"\(Self.number(plotBottom))\" stroke=\"\(tick == 0 ? Self.ink : Self.grid)\" stroke-width=\"1\"/>")
    }
    body += rows
    let (axisLines, height) = axisSVG(
      axis, top: plotBottom, x: x, label: "Percentage of respondents (disagreeing to the left, agreeing to the right)",
      left: plotLeft, right: plotRight, absolute: true)
    body += axisLines
    return (body, height)
  }

  /// A fill and text colour for each category of `scale`, in order.
  static func fills(for scale: LikertScale) -> [(fill: String, text: String)] {
    func pick(
      _ palette: [(fill: String, text: String)], count: Int, outermostFirst: Bool
    ) -> [(fill: String, text: String)] {
      // Outermost to innermost: the strongest colour outside, the lightest beside the centre.
      let outerToInner = outermostFirst ? palette : palette.reversed()
      let chosen: [(fill: String, text: String)]
      switch count {
      case 0: chosen = []
      case 1: chosen = [outerToInner[0]]
      case 2: chosen = [outerToInner[0], outerToInner[2]]
      case 3: chosen = outerToInner
      default: chosen = [(fill: String, text: String)](repeating: outerToInner[0], count: count - 3) + outerToInner
      }
      return outermostFirst ? chosen : chosen.reversed()
    }
    return pick(negativeFills, count: scale.negative.count, outermostFirst: true)
      + (scale.neutral == nil ? [] : [neutralFill])
      + pick(positiveFills, count: scale.positive.count, outermostFirst: false)
  }

  // MARK: - Pieces

  /// The axis under the plot: a line, tick marks with their labels, and the axis label; returns the lines
  /// and the drawing's total height.
  private func axisSVG(
    _ axis: Axis, top: Double, x: (Double) -> Double, label: String, left: Double, right: Double, absolute: Bool
  ) -> ([String], Double) {
    var lines = [
      "<line x1=\"\(Self.number(left))\" y1=\"\(Self.number(top))\" x2=\"\(Self.number(right))\" "
        + "y2=\"\(Self.number(top))\" stroke=\"\(Self.ink)\" stroke-width=\"1\"/>"
    ]
    for tick in axis.ticks {
      let value = absolute ? abs(tick) : tick
      lines.append(
        "<line x1=\"\(Self.number(x(tick)))\" y1=\"\(Self.number(top))\" x2=\"\(Self.number(x(tick)))\" "
          + "y2=\"\(Self.number(top + 4))\" stroke=\"\(Self.ink)\" stroke-width=\"1\"/>")
      lines.append(
        "<text x=\"\(Self.number(x(tick)))\" y=\"\(Self.number(top + 17))\" text-anchor=\"middle\">"
          + NumberText.fixed(value, decimals: axis.decimals, minus: NumberText.typographicMinus) + "</text>")
    }
    let wrapped = wrap(label, width: right - left)
    for (index, line) in wrapped.enumerated() {
      lines.append(
        "<text x=\"\(Self.number((left + right) / 2))\" y=\"\(Self.number(top + 36 + Double(index) * Self.lineHeight))\" "
          + "text-anchor=\"middle\" fill=\"\(Self.muted)\">" + HTMLRenderer.escape(line) + "</text>")
    }
    return (lines, top + 36 + Double(wrapped.count - 1) * Self.lineHeight + 8)
  }

  /// A hidden value: a hatched band across the plot with the marker and "not shown" in it.
  private func gap(from left: Double, to right: Double, middle: Double, fill: String) -> String {
    "<g class=\"suppressed\"><rect x=\"\(Self.number(left))\" y=\"\(Self.number(middle - 9))\" "
      + "width=\"\(Self.number(right - left))\" height=\"18\" fill=\"\(fill)\" stroke=\"\(Self.muted)\" "
      + "stroke-width=\"1\" stroke-dasharray=\"3 2\"/><text x=\"\(Self.number((left + right) / 2))\" "
      + "y=\"\(Self.number(middle + 4))\" text-anchor=\"middle\" fill=\"\(Self.ink)\">"
      + HTMLRenderer.escape(chart.disclosureMarker) + " not shown</text></g>"
  }

  /// A value label in the column at the right.
  private func valueText(_ value: String, middle: Double) -> String {
    "<text x=\"\(Self.number(Self.width - Self.valueWidth))\" y=\"\(Self.number(middle + 4))\">"
      + HTMLRenderer.escape(value) + "</text>"
  }

  /// Lines of text centred vertically on `middle`.
  private func text(_ lines: [String], x: Double, middle: Double, attributes: String) -> String {
    let first = middle + 4 - Double(lines.count - 1) * Self.lineHeight / 2
    let spans = lines.enumerated().map { index, line in
      "<tspan x=\"\(Self.number(x))\" y=\"\(Self.number(first + Double(index) * Self.lineHeight))\">"
        + HTMLRenderer.escape(line) + "</tspan>"
    }
    return "<text" + (attributes.isEmpty ? "" : " " + attributes) + ">" + spans.joined() + "</text>"
  }

  private func labelColumnWidth(_ characters: [Int]) -> Double {
    min(max(Double(characters.max() ?? 0) * Self.characterWidth, 60), Self.maximumLabelWidth)
  }

  private func wrap(_ text: String, width: Double) -> [String] {
    TextWrapping.wrap(text, width: max(Int(width / Self.characterWidth), 8))
  }

  /// A coordinate to one decimal place, with an ASCII minus.
  static func number(_ value: Double) -> String {
    var text = NumberText.fixed(value, decimals: 1, minus: "-")
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }
}

/// A value axis with round ticks covering the values drawn.
struct Axis {
  /// The ticks, from lowest to highest, in displayed units.
  var ticks: [Double]
  /// Decimal places for the tick labels.
  var decimals: Int
  /// The lowest value of the axis.
  var lower: Double
  /// The highest value of the axis.
  var upper: Double

  /// An axis from at most `lower` to at least `upper`, with about five ticks 1, 2, 2.5 or 5 times a power of
  /// ten apart; a `symmetric` axis is as long on either side of 0.
  init(lower: Double, upper: Double, symmetric: Bool = false) {
    var low = lower
    var high = upper
    if symmetric {
      let extent = max(abs(low), abs(high))
      low = -extent
      high = extent
    }
    if !(high - low > 1e-9) { high = low + 1 }
    let raw = (high - low) / 5
    var magnitude = 1.0
    var decimals = 0
    while magnitude > raw {
      magnitude /= 10
      decimals += 1
    }
    while magnitude * 10 <= raw {
      magnitude *= 10
      decimals -= 1
    }
    var multiple = 10.0
    for candidate in [1.0, 2.0, 2.5, 5.0] where candidate * magnitude >= raw {
      multiple = candidate
      break
    }
    let step = multiple * magnitude
    if multiple == 2.5 { decimals += 1 }
    let first = (low / step).rounded(.down)
    let last = (high / step).rounded(.up)
    ticks = stride(from: first, through: last, by: 1).map { $0 * step }
    self.decimals = max(decimals, 0)
    self.lower = first * step
    self.upper = last * step
  }

  /// Where `value` falls between `left` and `right`.
  func position(_ value: Double, from left: Double, to right: Double) -> Double {
    left + (value - lower) / (upper - lower) * (right - left)
  }
}
