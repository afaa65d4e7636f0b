import ConfideStatistics

/// Renders a report as JSON in the stable schema `confide.report/1`, described field by field in
/// `docs/report-json.md`.
///
/// Every figure carries its estimate, standard error, interval, bases, test statistic and p-values; a
/// member the figure lacks is `null` rather than missing, so every figure object has the same keys. Keys
/// are sorted and numbers are printed in the shortest form that reads back as the same `Double` (ASCII
/// minus, unscaled: a proportion of 23.4% is `0.234`), so the same document always gives the same bytes.
/// A suppressed cell, or a suppressed value of a chart, is `{"suppressed": true, "type": "suppressed"}` and
/// nothing else.
///
/// ```swift
/// let json = JSONRenderer().render(document)   // {"schema": "confide.report/1", …}
/// ```
public struct JSONRenderer: Sendable {
  /// The schema identifier written to every document, `confide.report/1`.
  public static let schema = "confide.report/1"

  /// A JSON renderer.
  public init() {}

  /// The whole report as one JSON object.
  ///
  /// - Parameter document: The report.
  /// - Returns: Pretty-printed JSON with sorted keys, ending in a newline.
  /// - Complexity: O(size of the document)
  public func render(_ document: ReportDocument) -> String {
    let value = JSONValue.object([
      "schema": .string(Self.schema),
      "title": .string(document.title),
      "subtitle": .string(document.subtitle),
      "generated_by": .object([
        "software": .string(document.generatedBy.software), "version": .string(document.generatedBy.version),
      ]),
      "sections": .array(
        document.sections.map { section in
          .object(["heading": .string(section.heading), "blocks": .array(section.blocks.map(Self.block))])
        }),
      "methods": .array(
        document.methods.entries.map { .object(["label": .string($0.label), "text": .string($0.text)]) }),
    ])
    return value.serialised() + "\n"
  }

  private static func block(_ block: ReportBlock) -> JSONValue {
    switch block {
    case .paragraph(let text): .object(["type": .string("paragraph"), "text": .string(text)])
    case .note(let text): .object(["type": .string("note"), "text": .string(text)])
    case .headline(let headline):
      .object([
        "type": .string("headline"), "text": .string(headline.statement),
        "figure": headline.figure.map(figure) ?? .null,
      ])
    case .table(let table): .object(["type": .string("table"), "table": Self.table(table)])
    case .chart(let chart): .object(["type": .string("chart"), "chart": Self.chart(chart)])
    }
  }

  private static func chart(_ chart: ReportChart) -> JSONValue {
    var members: [String: JSONValue] = [
      "id": .string(chart.id),
      "title": .string(chart.title),
      "text_alternative": .string(chart.textAlternative),
      "type": .string(chart.content.name),
      "format": .object([
        "decimals": .integer(chart.format.decimals), "scale": .string(chart.format.scale.rawValue),
        "ci_level": .number(chart.format.confidenceLevel),
      ]),
      "disclosure_marker": .string(chart.disclosureMarker),
      "footnotes": .array(chart.footnotes.map { .string($0) }),
    ]
    switch chart.content {
    case .divergingStackedBars(let bars):
      members["scale"] = .object([
        "negative": .array(bars.scale.negative.map { .string($0) }), "neutral": .string(bars.scale.neutral),
        "positive": .array(bars.scale.positive.map { .string($0) }),
      ])
      members["items"] = .array(
        bars.items.map { item in
          let distribution: JSONValue =
            switch item.distribution {
            case .suppressed: .object(["type": .string("suppressed"), "suppressed": .bool(true)])
            case .published(let distribution):
              .object([
                "type": .string("distribution"), "suppressed": .bool(false),
                "shares": .array(distribution.shares.map { .number($0) }),
                "n": .integer(distribution.unweightedBase),
              ])
            }
          return .object(["label": .string(item.label), "value": distribution])
        })
    case .dotWhisker(let plot):
      members["axis_label"] = .string(plot.axisLabel)
      members["reference"] =
        plot.reference.map { .object(["value": .number($0.value), "label": .string($0.label)]) } ?? .null
      members["groups"] = .array(
        plot.groups.map { group in
          .object(["heading": .string(group.heading), "rows": .array(group.rows.map(row))])
        })
    case .bars(let bars):
      members["axis_label"] = .string(bars.axisLabel)
      members["bars"] = .array(bars.bars.map(row))
    }
    return .object(members)
  }

  private static func row(_ row: ChartRow) -> JSONValue {
    let value: JSONValue =
      switch row.value {
      case .published(let value):
        .object(["type": .string("figure"), "suppressed": .bool(false), "figure": figure(value)])
      case .suppressed: .object(["type": .string("suppressed"), "suppressed": .bool(true)])
      }
    return .object(["label": .string(row.label), "value": value])
  }

  private static func table(_ table: ReportTable) -> JSONValue {
    .object([
      "id": .string(table.id),
      "title": .string(table.title),
      "caption": .string(table.caption),
      "row_variable": .string(table.rowVariable),
      "format": .object([
        "decimals": .integer(table.format.decimals), "scale": .string(table.format.scale.rawValue),
        "ci_level": .number(table.format.confidenceLevel),
      ]),
      "disclosure_marker": .string(table.disclosureMarker),
      "column_groups": .array(
        table.columnGroups.map { group in
          .object(["header": .string(group.header), "columns": .array(group.columns.map { .string($0.rawValue) })])
        }),
      "rows": .array(
        table.rows.map { row in
          .object(["label": .string(row.label), "level": .integer(row.level), "cells": .array(row.cells.map(cell))])
        }),
      "footnotes": .array(table.footnotes.map { .string($0) }),
    ])
  }

  private static func cell(_ cell: ReportCell) -> JSONValue {
    switch cell {
    case .figure(let value): .object(["type": .string("figure"), "suppressed": .bool(false), "figure": figure(value)])
    case .text(let text): .object(["type": .string("text"), "suppressed": .bool(false), "text": .string(text)])
    case .empty: .object(["type": .string("empty"), "suppressed": .bool(false)])
    case .suppressed: .object(["type": .string("suppressed"), "suppressed": .bool(true)])
    }
  }

  private static func figure(_ figure: Figure) -> JSONValue {
    .object([
      "kind": .string(figure.kind.rawValue),
      "estimate": .number(figure.estimate),
      "se": .number(figure.standardError),
      "ci": figure.interval.map { interval in
        .object(["lower": .number(interval.lower), "upper": .number(interval.upper), "level": .number(interval.level)])
      } ?? .null,
      "n": .integer(figure.unweightedBase),
      "weighted_n": .number(figure.weightedBase),
      "statistic": figure.test.map { test in
        .object([
          "name": .string(test.name), "value": .number(test.value),
          "df": .array(test.degreesOfFreedom.map { .number($0) }),
        ])
      } ?? .null,
      "p_value": .number(figure.pValue),
      "p_adjusted": .number(figure.adjustedPValue),
      "adjustment": .string(figure.adjustment?.rawValue),
    ])
  }
}
