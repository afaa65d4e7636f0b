import ConfideReports
import ConfideStatistics

/// A realistic report for the golden tests: prevalence of delaying care by age and birthplace (with a
/// cell below the disclosure threshold), a vignette experiment's effects with Holm-adjusted p-values, a
/// headline and the standard methods section.
enum ExampleReport {
  /// Respondents by age band (rows) and birthplace (columns: born in the UK, born outside the UK). The
  /// 55+ born outside the UK cell has 6 respondents, below the rule of 10.
  static let bases = [[412, 88], [530, 61], [604, 6]]

  /// The estimate hidden in the small cell: distinctive digits that must never appear in any output.
  static let hiddenEstimate = 0.837_261
  /// The hidden interval's limits, equally distinctive.
  static let hiddenInterval = ConfidenceInterval(lower: 0.436_918, upper: 0.972_753, level: 0.95)

  /// Proportions who delayed care, by [row][column]; the last row is everyone in the column.
  static let proportions = [
    [0.234, 0.318], [0.187, 0.262], [0.119, hiddenEstimate], [0.173_2, 0.284_9],
  ]

  static func prevalenceTable() throws -> ReportTable {
    let protected = try DisclosureTable.twoWay(bases).protected(by: .standard)
    let columnTotals = [bases.map { $0[0] }.reduce(0, +), bases.map { $0[1] }.reduce(0, +)]
    let labels = ["16\u{2013}34", "35\u{2013}54", "55 and over", "All ages"]
    var rows: [ReportRow] = []
    for (row, label) in labels.enumerated() {
      let cells = (0..<2).map { column -> ReportCell in
        let n = row < 3 ? bases[row][column] : columnTotals[column]
        let p = proportions[row][column]
        let se = (p * (1 - p) / Double(n)).squareRoot()
        let interval =
          p == hiddenEstimate
          ? hiddenInterval : ConfidenceInterval(lower: p - 1.96 * se, upper: p + 1.96 * se, level: 0.95)
        return .figure(
          Figure(
            kind: .proportion, estimate: p, standardError: se, interval: interval, unweightedBase: n,
            weightedBase: Double(n) * (column == 0 ? 0.962 : 1.117)))
      }
      rows.append(ReportRow(label: label, level: row < 3 ? 1 : 0, cells: cells))
    }
    var table = ReportTable(
      id: "delayed-care-by-birthplace",
      title: "Delayed seeking care because of worries about who sees NHS records",
      caption: "Weighted percentage of respondents who said they had put off seeing a GP or going to hospital in "
        + "the last 12 months because of worries about where their records go, by age and country of birth.",
      rowVariable: "Age group",
      columnGroups: [
        ColumnGroup(header: "Born in the UK", columns: [.estimate, .interval, .base]),
        ColumnGroup(header: "Born outside the UK", columns: [.estimate, .interval, .base]),
      ],
      rows: rows,
      footnotes: ["Percentages are weighted; n is the unweighted number of respondents."],
      format: FigureFormat(decimals: 1, scale: .percent, confidenceLevel: 0.95))
    try table.applyDisclosure(
      protected,
      layout: (0...3).map { row in
        (0...1).map { DisclosureTable.twoWayIndex(row: row, column: $0, columns: 2) }
      })
    return table
  }

  static let homeOffice = Figure(
    kind: .proportionDifference, estimate: -0.094, standardError: 0.021_9,
    interval: ConfidenceInterval(lower: -0.137, upper: -0.051, level: 0.95), unweightedBase: 1_204,
    weightedBase: 1_187.35, test: TestStatistic(name: "t", value: -4.292, degreesOfFreedom: [187]),
    pValue: 0.000_028, adjustedPValue: 0.000_112, adjustment: .holm)

  static func effectsTable() -> ReportTable {
    func effect(
      _ estimate: Double, _ lower: Double, _ upper: Double, t: Double, p: Double, adjusted: Double
    )
      -> ReportCell
    {
      .figure(
        Figure(
          kind: .proportionDifference, estimate: estimate, standardError: (upper - lower) / 3.92,
          interval: ConfidenceInterval(lower: lower, upper: upper, level: 0.95), unweightedBase: 1_198,
          weightedBase: 1_201.6, test: TestStatistic(name: "t", value: t, degreesOfFreedom: [187]), pValue: p,
          adjustedPValue: adjusted, adjustment: .holm))
    }
    return ReportTable(
      id: "vignette-effects",
      title: "Willingness to share records, by who the vignette said would see them",
      caption: "Difference in the percentage willing to share their records, compared with respondents shown "
        + "the NHS direct care vignette.",
      rowVariable: "Vignette",
      columnGroups: [
        ColumnGroup(
          header: "Difference from NHS direct care",
          columns: [.estimate, .interval, .statistic, .degreesOfFreedom, .pValue, .adjustedPValue])
      ],
      rows: [
        ReportRow(label: "NHS direct care (reference)", cells: [.text("reference")]),
        ReportRow(label: "Home Office (immigration enforcement)", cells: [.figure(homeOffice)]),
        ReportRow(
          label: "Police, to investigate a crime",
          cells: [effect(-0.061, -0.103, -0.019, t: -2.871, p: 0.004_6, adjusted: 0.013_8)]),
        ReportRow(
          label:
            "Commercial company developing medicines, with pseudonymised records and an NHS data sharing agreement",
          cells: [effect(-0.0325, -0.0745, 0.0095, t: -1.517, p: 0.131, adjusted: 0.262)]),
        ReportRow(
          label: "University researchers", cells: [effect(0.0125, -0.029, 0.054, t: 0.593, p: 0.554, adjusted: 0.554)]),
      ],
      format: FigureFormat(decimals: 1, scale: .percentagePoints, confidenceLevel: 0.95))
  }

  // MARK: - Charts

  /// The shares of the one Likert item asked of too few respondents: distinctive digits that must never
  /// appear in any output.
  static let hiddenShares = [0.061_937, 0.118_463, 0.207_529, 0.395_817, 0.216_254]

  /// Trust in who handles records, on the five-point agreement scale; the charities item was asked of 8
  /// respondents only (a pilot question), so disclosure control hides it.
  static func trustChart() throws -> ReportChart {
    let rule = DisclosureRule.standard
    let items = [
      ("The NHS", [0.041, 0.083, 0.172, 0.447, 0.257], 2_398),
      ("The government", [0.162, 0.271, 0.288, 0.219, 0.06], 2_391),
      ("Private companies", [0.309, 0.338, 0.221, 0.104, 0.028], 2_385),
      ("Medical research charities (pilot question)", hiddenShares, 8),
    ]
    let chartItems = items.map { label, shares, base in
      LikertItem(
        label: label,
        distribution: rule.requiresSuppression(base: base)
          ? .suppressed : .published(LikertDistribution(shares: shares, unweightedBase: base)))
    }
    return ReportChart(
      id: "trust-to-handle-records",
      title: "\"I trust them to handle my health records\", by who handles them",
      textAlternative: "Seven in ten adults agreed that they trust the NHS to handle their health records; about "
        + "one in four agreed for the government, and about one in eight for private companies.",
      content: .divergingStackedBars(DivergingStackedBars(scale: .agreement, items: chartItems)),
      format: FigureFormat(decimals: 0, scale: .percent),
      footnotes: [
        "Weighted percentages of respondents who answered each item.", rule.footnote,
      ])
  }

  /// Delaying care by age within birthplace, drawn from the prevalence table so that the chart hides
  /// exactly the cells the table hides.
  static func prevalenceChart() throws -> ReportChart {
    let table = try prevalenceTable()
    let groups = table.columnGroups.enumerated().map { column, group in
      DotWhiskerGroup(
        heading: group.header,
        rows: table.rows.map { row in
          ChartRow(label: row.label, value: row.cells[column].figure.map { .published($0) } ?? .suppressed)
        })
    }
    return ReportChart(
      id: "delayed-care-chart",
      title: "Delayed seeking care, by age and country of birth",
      textAlternative: "Among adults born in the UK, 17.3% put off care (95% CI 15.4% to 19.2%); among those born "
        + "outside the UK, 28.5% (21.4% to 35.6%). Figures for some age groups are not shown.",
      content: .dotWhisker(DotWhiskerPlot(axisLabel: "Percentage who delayed care", groups: groups)),
      format: table.format, footnotes: table.footnotes, disclosureMarker: table.disclosureMarker)
  }

  /// The vignette experiment's effects against a reference line at no difference.
  static func effectsChart() -> ReportChart {
    let table = effectsTable()
    let rows = table.rows.compactMap { row in
      row.cells[0].figure.map { ChartRow(label: row.label, value: .published($0)) }
    }
    return ReportChart(
      id: "vignette-effects-chart",
      title: "Difference in willingness to share records from the NHS direct care vignette",
      textAlternative: "Willingness to share was lower when the vignette named the Home Office (9.4 percentage "
        + "points lower) or the police (6.1 points lower); the intervals for a commercial company and for "
        + "university researchers include no difference.",
      content: .dotWhisker(
        DotWhiskerPlot(
          axisLabel: "Percentage points, compared with NHS direct care",
          reference: ChartReference(value: 0, label: "No difference"),
          groups: [DotWhiskerGroup(heading: "", rows: rows)])),
      format: table.format)
  }

  /// The list experiment's estimate hidden for the small "age not stated" group: distinctive digits.
  static let hiddenListEstimate = 0.529_173

  /// The list experiment's estimate of withholding information, by age; 7 respondents did not state their
  /// age, so their bar is hidden, and the 16–34 bar with it (secondary suppression).
  static func listExperimentChart() throws -> ReportChart {
    let bases = [500, 591, 610, 7]
    let protected = try DisclosureTable.oneWay(bases).protected(by: .standard)
    let estimates = [
      ("16\u{2013}34", 0.161_4, 0.083_2, 0.239_6), ("35\u{2013}54", 0.118_7, 0.047_5, 0.189_9),
      ("55 and over", 0.087_3, 0.021_6, 0.153_0), ("Age not stated", hiddenListEstimate, 0.301_7, 0.756_6),
      ("All adults", 0.121_9, 0.082_4, 0.161_4),
    ]
    let bars = estimates.enumerated().map { cell, estimate in
      let figure = Figure(
        kind: .proportion, estimate: estimate.1,
        interval: ConfidenceInterval(lower: estimate.2, upper: estimate.3, level: 0.95),
        unweightedBase: cell < bases.count ? bases[cell] : bases.reduce(0, +))
      return ChartRow(label: estimate.0, value: ChartValue(figure, cell: cell, of: protected))
    }
    return ReportChart(
      id: "withheld-information",
      title: "Withheld information from a health professional (list experiment)",
      textAlternative: "An estimated 12.2% of adults (95% CI 8.2% to 16.1%) withheld information from a health "
        + "professional because of worries about where their records go; the estimate was lower at older ages.",
      content: .bars(BarChart(axisLabel: "Percentage who withheld information", bars: bars)),
      format: FigureFormat(decimals: 1, scale: .percent),
      footnotes: [
        "Estimated as the difference in mean item counts between the treatment and control lists.",
        protected.rule.footnote,
      ])
  }

  static func document() throws -> ReportDocument {
    ReportDocument(
      title: "Patient trust and NHS data sharing",
      subtitle: "Wave 1 survey of adults in England, March 2025",
      generatedBy: GeneratedBy(software: "Confide", version: "0.5.0"),
      sections: [
        ReportSection(
          heading: "Trust in who handles records",
          blocks: [
            .paragraph(
              "Respondents said how far they agreed that they trust each organisation to handle their records."),
            .chart(try trustChart()),
          ]),
        ReportSection(
          heading: "Delaying care",
          blocks: [
            .paragraph(
              "About one in six adults said they had put off care because of worries about who sees their "
                + "records. The figure was higher among people born outside the UK."),
            .table(try prevalenceTable()),
            .chart(try prevalenceChart()),
            .note("Some figures for people born outside the UK aged 55 and over rest on few respondents."),
          ]),
        ReportSection(
          heading: "Vignette experiment",
          blocks: [
            .headline(
              Headline(
                statement: "People shown the Home Office vignette were 9.4 percentage points (95% CI 5.1 to 13.7) "
                  + "less willing to share their records",
                figure: homeOffice)),
            .table(effectsTable()),
            .chart(effectsChart()),
          ]),
        ReportSection(
          heading: "Withholding information",
          blocks: [
            .paragraph(
              "A list experiment asked how many of several things respondents had done, with withholding "
                + "information from a health professional added to half the lists, so no one revealed it directly."),
            .chart(try listExperimentChart()),
          ]),
      ],
      methods: .standard(
        dataSource: "Online panel, import batches 2025-03-01 and 2025-03-15 (2,412 complete responses)",
        surveyVersion: "nhs-data-trust.survey, version 3 (fingerprint 9f2c41d0)",
        weighting: "Raked to ONS 2021 Census margins: age by sex, region, country of birth, and education",
        variance: "Taylor linearisation with strata and primary sampling units",
        confidenceIntervals:
          "Logit intervals for proportions; Wald intervals on 187 degrees of freedom for differences",
        missingData: "Item non-response excluded from each estimate's base; \"don't know\" kept as an answer",
        disclosure: "Rule of 10 on unweighted bases, with secondary suppression",
        software: "Confide 0.5.0"))
  }
}
