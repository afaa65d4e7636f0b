import ConfideStatistics
import Foundation
import Testing

@testable import ConfideReports

@Suite struct NumberFormattingTests {
  @Test(arguments: [
    (2.675, 2, "2.68"), (-0.125, 2, "−0.13"), (0.5, 0, "1"), (-0.5, 0, "−1"), (1.5, 0, "2"), (2.5, 0, "3"),
    (0.04, 1, "0.0"), (-0.04, 1, "0.0"), (9.96, 1, "10.0"), (999.95, 1, "1000.0"), (1e-5, 3, "0.000"),
    (123.0, 0, "123"), (0.000_5, 3, "0.001"), (12_345.678, 1, "12345.7"),
  ])
  func roundsHalfAwayFromZeroOnTheShortestDecimal(value: Double, decimals: Int, expected: String) {
    #expect(NumberText.fixed(value, decimals: decimals, minus: NumberText.typographicMinus) == expected)
  }

  @Test func shiftsInDecimalBeforeRounding() {
    // 0.0745 * 100 is 7.449999999999999 in binary; as a percentage it is 7.45, which rounds to 7.5.
    let stored = [0.0745][0]
    #expect(stored * 100 < 7.45)
    #expect(NumberText.fixed(0.0745, shift: 2, decimals: 1, minus: "-") == "7.5")
    #expect(NumberText.fixed(-0.0745, shift: 2, decimals: 1, minus: "-") == "-7.5")
    #expect(NumberText.fixed(0.95, shift: 2, decimals: 0, minus: "-") == "95")
  }

  @Test func groupsThousands() {
    #expect(NumberText.fixed(1_234_567.5, decimals: 0, minus: "-", grouping: true) == "1,234,568")
    #expect(NumberText.integer(1_546, minus: "-") == "1,546")
    #expect(NumberText.integer(999, minus: "-") == "999")
  }

  @Test func pValues() {
    #expect(NumberText.pValue(0.000_999) == "<0.001")
    #expect(NumberText.pValue(0.001) == "0.001")
    #expect(NumberText.pValue(0.0046) == "0.005")
    #expect(NumberText.pValue(1) == "1.000")
  }

  @Test func levelsAndDegreesOfFreedom() {
    #expect(NumberText.level(0.95) == "95")
    #expect(NumberText.level(0.995) == "99.5")
    #expect(NumberText.degreesOfFreedom([1.87, 355.24], minus: "-") == "1.9, 355.2")
    #expect(NumberText.degreesOfFreedom([187], minus: "-") == "187")
  }

  @Test func roundTripNumbersAreASCIIAndExact() {
    for value in [0.1, -0.094, 1e-5, 0.837_261, 1.0 / 3.0, -1e300, 412] {
      let text = NumberText.roundTrip(value)
      #expect(Double(text) == value)
      let ascii = text.unicodeScalars.allSatisfy { $0.isASCII }
      #expect(ascii)
    }
  }

  @Test func intervalsUseAnEnDashOrWordsWhenALimitIsNegative() {
    let format = FigureFormat(decimals: 1, scale: .percentagePoints)
    let text = CellText(minus: NumberText.typographicMinus, rangeDash: "\u{2013}")
    let positive = Figure(
      kind: .proportionDifference, estimate: 0.094,
      interval: ConfidenceInterval(lower: 0.051, upper: 0.137, level: 0.95))
    let crossing = Figure(
      kind: .proportionDifference, estimate: 0.01, interval: ConfidenceInterval(lower: -0.02, upper: 0.04, level: 0.95))
    #expect(text.text(.interval, of: positive, format: format) == "(5.1\u{2013}13.7)")
    #expect(text.text(.interval, of: crossing, format: format) == "(\u{2212}2.0 to 4.0)")
  }
}

@Suite struct CSVQuotingTests {
  @Test(arguments: [
    ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"no\"", "\"say \"\"no\"\"\""), ("two\nlines", "\"two\nlines\""),
    ("cr\r\nlf", "\"cr\r\nlf\""), ("", ""),
  ])
  func quotesAsRFC4180Says(field: String, expected: String) {
    #expect(CSVRenderer.quote(field) == expected)
  }

  @Test func awkwardLabelsSurviveARoundTrip() throws {
    let table = ReportTable(
      id: "awkward", title: "t", rowVariable: "v",
      columnGroups: [ColumnGroup(header: "Group, \"quoted\"", columns: [.estimate])],
      rows: [ReportRow(label: "Yes, \"often\"\nor always", cells: [.figure(Figure(kind: .proportion, estimate: 0.5))])])
    let csv = CSVRenderer().render(table)
    #expect(csv.contains(",\"Yes, \"\"often\"\"\nor always\",0,\"Group, \"\"quoted\"\"\",proportion,0.5,"))
    #expect(csv.hasSuffix("false\r\n"))
  }

  @Test func fileNamesAreSafeAndUnique() {
    let table = ReportTable(id: "a/b c", title: "t", rowVariable: "v", columnGroups: [], rows: [])
    let document = ReportDocument(
      title: "d", generatedBy: GeneratedBy(software: "Confide", version: "0"),
      sections: [ReportSection(heading: "s", blocks: [.table(table), .table(table)])],
      methods: MethodsSection(entries: []))
    #expect(CSVRenderer().render(document).keys.sorted() == ["a_b_c-2.csv", "a_b_c.csv"])
  }
}

@Suite struct LaTeXEscapingTests {
  @Test func escapesTheSpecialCharacters() {
    #expect(
      LaTeXRenderer.escape(##"R&D 50% $5 #1 a_b {c} ~d ^e \f <g>"##)
        == ##"R\&D 50\% \$5 \#1 a\_b \{c\} \textasciitilde{}d \textasciicircum{}e \textbackslash{}f \textless{}g\textgreater{}"##
    )
    #expect(LaTeXRenderer.escape("16\u{2013}34, \u{2212}2") == "16--34, $-$2")
  }

  @Test func tablesEscapeLabelsAndUseBooktabs() {
    let table = ReportTable(
      id: "t_1", title: "Costs & benefits", caption: "100% of $", rowVariable: "Group_name",
      columnGroups: [ColumnGroup(header: "A & B", columns: [.estimate, .pValue])],
      rows: [
        ReportRow(label: "x_1 #", level: 1, cells: [.figure(Figure(kind: .mean, estimate: -1.25, pValue: 0.0001))])
      ],
      format: FigureFormat(decimals: 1, scale: .plain))
    let tex = LaTeXRenderer().render(table)
    for expected in [
      "\\caption{Costs \\& benefits}", "\\toprule", "\\midrule", "\\bottomrule", "\\multicolumn{2}{c}{A \\& B}",
      "\\cmidrule(lr){2-3}", "Group\\_name & Estimate & p \\\\", "\\hspace{1em}x\\_1 \\# & $-$1.3 & $<$0.001 \\\\",
      "\\item[] 100\\% of \\$",
    ] {
      #expect(tex.contains(expected), "missing \(expected)")
    }
  }
}

@Suite struct ColumnHeaderTests {
  /// In a table of percentages, a column group of differences of proportions is headed "pp":
  /// 9.4 points is not 9.4%.
  @Test func differencesInAPercentTableArePercentagePoints() {
    let share = Figure(kind: .proportion, estimate: 0.42, unweightedBase: 100)
    let difference = Figure(kind: .proportionDifference, estimate: -0.094, unweightedBase: 100)
    let table = ReportTable(
      id: "t", title: "T", rowVariable: "Arm",
      columnGroups: [
        ColumnGroup(header: "Share", columns: [.estimate]), ColumnGroup(header: "Difference", columns: [.estimate]),
      ],
      rows: [
        ReportRow(label: "Control", cells: [.figure(share), .text("reference")]),
        ReportRow(label: "Treated", cells: [.figure(share), .figure(difference)]),
      ],
      format: FigureFormat(decimals: 1, scale: .percent))
    #expect(CellText.header(.estimate, group: 0, of: table) == "%")
    #expect(CellText.header(.estimate, group: 1, of: table) == "pp")
    #expect(MarkdownRenderer().render(table).contains("Difference: pp"))
  }
}
