import Testing

@testable import ConfideStatistics

/// Regressions and tables on a post-stratified design (`postStratify(dclus1, ~stype, pop.types)`),
/// against make-regression.R and make-tables.R.
@Suite struct CalibratedModelTests {
  let clus1: RegressionData
  let design: SurveyDesign

  init() throws {
    clus1 = try .clus1()
    // Post-stratify the weights to the population counts of school types (E 4421, H 755, M 1018).
    let stype = try Grouping(clus1.data.labels("stype"))
    let population: [Double] = [4421, 755, 1018]
    let before = clus1.design.weights
    var sums = [Double](repeating: 0, count: stype.count)
    for (i, code) in stype.codes.enumerated() { sums[Int(code)] += before[i] }
    let after = stype.codes.enumerated().map { before[$0.offset] * population[Int($0.element)] / sums[Int($0.element)] }
    var design = clus1.design
    design.weights = after
    design.calibration = [
      .postStratification(
        PostStratificationCells(cells: stype.codes, cellCount: stype.count, weightsBefore: before, weightsAfter: after))
    ]
    self.design = design
  }

  @Test func regressions() throws {
    let suite = try RegressionTests()
    let poststratified = RegressionData(data: clus1.data, design: design)
    try suite.expectMatches(
      regression(
        poststratified.column("api00"), on: [poststratified.numeric("ell"), poststratified.numeric("meals")],
        in: design),
      "linear dclus1 poststratified api00~ell+meals", tolerance: 1e-8)
    try suite.expectMatches(
      regression(
        poststratified.column("yes"), on: [poststratified.numeric("meals")], in: design, family: .logistic,
        domain: clus1.data.domain("stype", "E")),
      "logit dclus1 poststratified stype=E yes~meals", tolerance: 1e-8)
  }

  @Test func tables() throws {
    let suite = try AssociationTests()
    let poststratified = RegressionData(data: clus1.data, design: design)
    try suite.expectMatches("dclus1 poststratified sch.wide+stype", poststratified, "sch.wide", "stype")
    try suite.expectMatches(
      "dclus1 poststratified comp.imp=No sch.wide+mealcat", poststratified, "sch.wide", "mealcat",
      domain: clus1.data.domain("comp.imp", "No"))
  }
}
