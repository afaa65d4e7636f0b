import ConfideStatistics
import Testing

/// Margins files: parsed with their awkward parts, refused with a line and column, and used
/// to rake the api data to R's result.
@Suite struct MarginsTableTests {
  /// The populations of `make-calibration.R`'s three-margin raking, as a user would write them.
  static let apiMargins = """
    \u{FEFF}# California schools, 2000 (R's api data); illustrative of the format only\r
    variable,level,population,source\r
    stype,E,4421,apipop\r
    stype,H,755,apipop\r
    stype,M,1018,apipop\r
    \r
    sch.wide,No,1072,apipop\r
    sch.wide,Yes,"5,122",apipop\r
    comp.imp,No,1712,apipop\r
    comp.imp,Yes,4482,apipop\r

    """

  @Test func aMarginsFileRakesTheApiDataAsRDoes() throws {
    let table = try MarginsTable.parse(Self.apiMargins)
    #expect(table.kind == .counts)
    #expect(table.variables == ["stype", "sch.wide", "comp.imp"])
    #expect(table.cells["sch.wide"]?.last?.value == 5122)
    let data = try CalibrationFixtures()
    let margins = try table.variables.map { variable in
      try table.margin(for: variable, cells: Grouping(data.clus1.labels(variable)), total: 0)
    }
    let result = try rake(data.dclus1, margins: margins)
    try data.expectWeights(result.design.weights, data.clus1Weights, "rake3")
    try data.expectEstimates("rake3", result.design, data.clus1)
  }

  @Test func proportionsAreScaledToTheSamplesWeightedTotal() throws {
    let table = try MarginsTable.parse(
      """
      variable,level,proportion
      sex,female,0.51
      sex,male,0.49
      "ethnic group","Asian, Asian British",0.093
      "ethnic group",other,0.907
      """)
    #expect(table.kind == .proportions)
    #expect(table.variables == ["sex", "ethnic group"])
    #expect(table.cells["ethnic group"]?.first?.level == "Asian, Asian British")
    let margin = try table.margin(for: "sex", cells: Grouping(["female", "male", "female"]), total: 300)
    #expect(margin.counts == ["female": 153, "male": 147])
    #expect(throws: EstimationError.invalidArgument("the margins file has no variable 'age'")) {
      try table.margin(for: "age", cells: Grouping(["x"]), total: 1)
    }
  }

  @Test(arguments: [
    ("", MarginsFileError(line: 1, column: 1, message: "the margins file is empty")),
    ("level,population\n", MarginsFileError(line: 1, column: 1, message: "the header has no 'variable' column")),
    ("variable,population\n", MarginsFileError(line: 1, column: 1, message: "the header has no 'level' column")),
    (
      "variable,level\n",
      MarginsFileError(line: 1, column: 1, message: "the header has no 'population' or 'proportion' column")
    ),
    (
      "variable,level,population,proportion\n",
      MarginsFileError(
        line: 1, column: 27, message: "the header has both a 'population' and a 'proportion' column; keep one")
    ),
    (
      "variable,level,population,weight\n",
      MarginsFileError(
        line: 1, column: 27,
        message:
          "unknown column 'weight' (expected variable, level, population or proportion, and optionally source or note)"
      )
    ),
    ("variable,level,population\n", MarginsFileError(line: 2, column: 1, message: "the margins file has no rows")),
    (
      "variable,level,population\nsex,female\n",
      MarginsFileError(line: 2, column: 5, message: "this row has 2 fields but the header has 3")
    ),
    (
      "variable,level,population\nsex,female,many\n",
      MarginsFileError(line: 2, column: 12, message: "'many' is not a non-negative number")
    ),
    (
      "variable,level,population\n# a comment\nsex,female,-3\n",
      MarginsFileError(line: 3, column: 12, message: "'-3' is not a non-negative number")
    ),
    (
      "variable,level,population\n,female,3\n",
      MarginsFileError(line: 2, column: 1, message: "the variable is empty")
    ),
    ("variable,level,population\nsex,,3\n", MarginsFileError(line: 2, column: 5, message: "the level is empty")),
    (
      "variable,level,population\nsex,female,3\nsex,female,4\n",
      MarginsFileError(line: 3, column: 5, message: "sex = female is listed twice")
    ),
    (
      "variable,level,proportion\nsex,female,0.6\nsex,male,0.6\n",
      MarginsFileError(line: 2, column: 1, message: "the proportions of sex sum to 1.2, not 1")
    ),
    (
      "variable,level,population\nsex,\"female,3\n",
      MarginsFileError(line: 2, column: 5, message: "a quoted field is not closed")
    ),
  ])
  func badMarginsFilesAreRefusedWithALineAndColumn(text: String, expected: MarginsFileError) {
    #expect(throws: expected) { try MarginsTable.parse(text) }
  }
}
