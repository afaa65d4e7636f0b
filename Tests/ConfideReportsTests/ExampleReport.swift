import ConfideReports

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

  static func document() throws -> ReportDocument {
    ReportDocument(
      title: "Patient trust and NHS data sharing",
      subtitle: "Wave 1 survey of adults in England, March 2025",
      generatedBy: GeneratedBy(software: "Confide", version: "0.5.0"),
      sections: [
        ReportSection(
          heading: "Delaying care",
          blocks: [
            .paragraph(
              "About one in six adults said they had put off care because of worries about who sees their "
                + "records. The figure was higher among people born outside the UK."),
            .table(try prevalenceTable()),
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
