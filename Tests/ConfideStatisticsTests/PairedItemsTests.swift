import ConfideStatistics
import Testing

/// Paired before/after items against survey's svymean / svycontrast and base R's mcnemar.test.
@Suite struct PairedItemsTests {
  let sim: ExperimentData

  init() throws { sim = try ExperimentData() }

  @Test func theMeanOfThePairedDifference() throws {
    let change = try pairedChange(before: sim.column("share_before"), after: sim.column("share_after"), in: sim.design)
    try sim.expect(change.difference.value, "paired share", "estimate")
    try sim.expect(change.difference.standardError, "paired share", "se")
    try sim.expect(change.after.value, "paired share", "after")
    try sim.expect(change.after.standardError, "paired share", "after_se")
    try sim.expect(change.before.value, "paired share", "before")
    try sim.expect(change.before.standardError, "paired share", "before_se")
    try sim.expect(change.covariance, "paired share", "covariance")
    #expect(change.difference.degreesOfFreedom == Int(try sim.reference("paired share", "degf")))
    // Var(after − before) = Var(after) + Var(before) − 2 Cov.
    expectClose(
      change.difference.variance, change.after.variance + change.before.variance - 2 * change.covariance,
      relative: 1e-10)
  }

  @Test func inADomain() throws {
    let change = try pairedChange(
      before: sim.column("share_before"), after: sim.column("share_after"), in: sim.design,
      domain: sim.data.domain("born_abroad", "yes"))
    try sim.expect(change.difference.value, "paired share born_abroad=yes", "estimate")
    try sim.expect(change.difference.standardError, "paired share born_abroad=yes", "se")
  }

  @Test func mcNemarOnTheUnweightedPairs() throws {
    let table = try pairedTable(sim.column("share_before"), sim.column("share_after"))
    #expect(Double(table.b) == (try sim.reference("paired share mcnemar", "b")))
    #expect(Double(table.c) == (try sim.reference("paired share mcnemar", "c")))
    let test = table.mcNemar()
    try sim.expect(test.statistic, "paired share mcnemar", "statistic", tolerance: 1e-12)
    try sim.expect(test.pValue, "paired share mcnemar", "p", tolerance: 1e-9)
  }

  @Test func degenerateInput() throws {
    let before = try sim.column("share_before")
    let after = try sim.column("share_after")
    let nobody = [Double](repeating: .nan, count: before.count)
    #expect(throws: EstimationError.self) { try pairedChange(before: nobody, after: after, in: sim.design) }
    #expect(throws: EstimationError.self) { try pairedChange(before: [1, 0], after: after, in: sim.design) }
    #expect(throws: EstimationError.self) { try pairedTable(before.map { $0 * 2 }, after) }
    // No change at all: a difference of zero with zero variance.
    let change = try pairedChange(before: after, after: after, in: sim.design)
    #expect(change.difference.value == 0)
    #expect(change.difference.variance == 0)
  }
}
