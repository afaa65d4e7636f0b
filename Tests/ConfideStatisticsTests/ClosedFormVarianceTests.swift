import Foundation
import Testing

@testable import ConfideStatistics

/// Without clusters, grouped means take their variances in closed form from the sums of their
/// one pass over the respondents. These tests hold them to the PSU-by-PSU computation on
/// explicit influence columns (`covariance(ofTotals:)`), which the R comparisons elsewhere pin
/// to `survey`, on raked, post-stratified, stratified and plain designs.
@Suite struct ClosedFormVarianceTests {
  struct Sample {
    var age: [Int]
    var sex: [Int]
    var region: [Int]
    var stratum: [Int]
    var y: [Double]
    var group: [Int]
  }

  /// Respondents whose answer depends on their age band and region, with some missing.
  static func sample(_ n: Int, seed: UInt64) -> Sample {
    var random = SeededGenerator(seed: seed)
    var s = Sample(age: [], sex: [], region: [], stratum: [], y: [], group: [])
    for _ in 0..<n {
      let age = Int.random(in: 0..<5, using: &random)
      let region = Int.random(in: 0..<4, using: &random)
      s.age.append(age)
      s.sex.append(Int.random(in: 0..<2, using: &random))
      s.region.append(region)
      s.stratum.append(Int.random(in: 0..<3, using: &random))
      s.group.append(Int.random(in: 0..<4, using: &random))
      let p = 0.15 + 0.1 * Double(age) / 4 + 0.05 * Double(region)
      let missing = Double.random(in: 0..<1, using: &random) < 0.08
      s.y.append(missing ? .nan : (Double.random(in: 0..<1, using: &random) < p ? 1 : 0))
    }
    return s
  }

  static func margin(_ codes: [Int], levels: Int, total: Double) throws -> PopulationMargin {
    let cells = Grouping(codes.map { "L\($0)" })
    // Population shares that differ from the sample's, so the raking moves the weights.
    let shares = (0..<levels).map { 1.0 + Double($0) * 0.3 }
    let sum = shares.reduce(0, +)
    var counts: [String: Double] = [:]
    for level in 0..<levels { counts["L\(level)"] = total * shares[level] / sum }
    return PopulationMargin(cells, counts: counts)
  }

  /// Each group's variance from explicit influence columns zᵢ = wᵢ(yᵢ − ȳ)/Σw, the passes'
  /// computation, and the closed form's; they agree to 1e-11 of the variance.
  static func expectAgreement(_ design: SurveyDesign, _ y: [Double], _ groups: Grouping) throws {
    let grouped = try mean(y, in: design, by: groups)
    #expect(!grouped.estimates.isEmpty)
    var columns: [[Double]] = []
    for level in grouped.levels {
      let g = Int32(groups.levels.firstIndex(of: level)!)
      var weight = 0.0
      var sum = 0.0
      for i in y.indices where groups.codes[i] == g && !y[i].isNaN {
        weight += design.weights[i]
        sum += design.weights[i] * y[i]
      }
      let value = sum / weight
      columns.append(
        y.indices.map { i in
          groups.codes[i] == g && !y[i].isNaN ? design.weights[i] * (y[i] - value) / weight : 0
        })
    }
    let reference = try design.covariance(ofTotals: columns)
    for (j, estimate) in grouped.estimates.enumerated() {
      let expected =
        design.calibration.isEmpty ? try design.variance(ofTotal: columns[j], presence: nil) : reference[j][j]
      #expect(abs(estimate.variance - expected) <= 1e-11 * expected, "group \(j): \(estimate.variance) vs \(expected)")
      for l in grouped.estimates.indices where l != j && !design.calibration.isEmpty {
        let scale = (reference[j][j] * reference[l][l]).squareRoot()
        #expect(abs(grouped.covariance[j][l] - reference[j][l]) <= 1e-11 * scale)
      }
    }
  }

  @Test func rakedDesignAgreesWithThePasses() throws {
    let s = Self.sample(4_000, seed: 7)
    let base = try SurveyDesign(weights: [Double](repeating: 1, count: s.y.count))
    let raked = try rake(
      base,
      margins: [
        try Self.margin(s.age, levels: 5, total: 50_000), try Self.margin(s.sex, levels: 2, total: 50_000),
        try Self.margin(s.region, levels: 4, total: 50_000),
      ]
    ).design
    let groups = Grouping(s.group.map { "G\($0)" })
    // The sums for the closed form are there, so it is what `mean(_:in:by:)` used.
    let sums = GroupedSums(
      y: s.y, x: nil, groups: groups.codes, groupCount: groups.count, domain: nil, design: raked)
    #expect(sums.moments != nil && sums.cellMoments != nil)
    try Self.expectAgreement(raked, s.y, groups)
  }

  @Test func stratifiedDesignsWithAndWithoutPostStratification() throws {
    let s = Self.sample(3_000, seed: 11)
    let weights = s.stratum.map { 10.0 + 5 * Double($0) }
    let stratified = try SurveyDesign(weights: weights, strata: Grouping(s.stratum.map { "S\($0)" }))
    let groups = Grouping(s.group.map { "G\($0)" })
    try Self.expectAgreement(stratified, s.y, groups)
    let calibrated = try rake(stratified, margins: [try Self.margin(s.age, levels: 5, total: 40_000)]).design
    try Self.expectAgreement(calibrated, s.y, groups)
  }

  /// The share in a raking margin's own cell is all but fixed by the calibration: its variance
  /// is a tiny remainder of large terms, which the closed form declines, leaving it to the passes.
  @Test func anEstimateTheCalibrationFixesFallsBackToThePasses() throws {
    let s = Self.sample(2_000, seed: 3)
    let base = try SurveyDesign(weights: [Double](repeating: 1, count: s.y.count))
    let raked = try rake(
      base, margins: [try Self.margin(s.age, levels: 5, total: 20_000)], tolerance: 1e-12, maximumIterations: 50
    ).design
    let inBand = s.age.map { $0 == 2 ? 1.0 : 0.0 }
    let everyone = Grouping([String](repeating: "all", count: inBand.count))
    let sums = GroupedSums(y: inBand, x: nil, groups: everyone.codes, groupCount: 1, domain: nil, design: raked)
    let value = sums.numerator[0] / sums.weight[0]
    #expect(sums.closedFormProducts([(0, 1 / sums.weight[0], -value / sums.weight[0])], design: raked) == nil)
    // The passes give what is left of the variance: rounding, far below the uncalibrated one
    // (a closed form would have given its cancellation error, which could be negative).
    let fixed = try mean(inBand, in: raked, by: everyone).estimates[0].variance
    let free = try mean(inBand, in: base, by: everyone).estimates[0].variance
    #expect(fixed >= 0 && fixed < 1e-20 * free)
  }

  /// Columns that depend on a respondent's weight and cell (a two-way table's contrasts) have
  /// the covariance the passes give on the same columns formed row by row.
  @Test func cellValuedColumnsAgreeWithThePasses() throws {
    let s = Self.sample(3_000, seed: 5)
    let stratified = try SurveyDesign(
      weights: s.stratum.map { 8.0 + 3 * Double($0) }, strata: Grouping(s.stratum.map { "S\($0)" }))
    let raked = try rake(
      stratified,
      margins: [try Self.margin(s.age, levels: 5, total: 30_000), try Self.margin(s.sex, levels: 2, total: 30_000)]
    ).design
    // Cells of group × region, for the respondents who answered; three columns of values.
    let cellCount = 16
    let cellOfRow = s.y.indices.map { s.y[$0].isNaN ? Int32(-1) : Int32(s.group[$0] * 4 + s.region[$0]) }
    let k = 3
    let values = (0..<(cellCount * k)).map { sin(Double($0) * 1.7) / 100 }
    for design in [stratified, raked] {
      let closed = try #require(
        try design.covariance(ofCellValues: values, cellCount: cellCount, columns: k, cellOfRow: cellOfRow))
      let rows = s.y.indices.filter { cellOfRow[$0] >= 0 }
      var influence: [Double] = []
      for i in rows {
        for m in 0..<k { influence.append(design.weights[i] * values[Int(cellOfRow[i]) * k + m]) }
      }
      let passes = try design.covariance(
        of: design.influenceTotals(
          rowMajor: influence, rows: rows, columns: k, presence: cellOfRow.map { $0 >= 0 }))
      for a in 0..<k {
        for b in 0..<k {
          let scale = (passes[a][a] * passes[b][b]).squareRoot()
          #expect(abs(closed[a][b] - passes[a][b]) <= 1e-11 * scale, "\(a), \(b): \(closed[a][b]) vs \(passes[a][b])")
        }
      }
    }
  }

  /// Columns given row by row (a regression's influence values) have the covariance the passes
  /// give through the PSU totals.
  @Test func rowByRowColumnsAgreeWithThePasses() throws {
    let s = Self.sample(2_500, seed: 9)
    let stratified = try SurveyDesign(
      weights: s.stratum.map { 5.0 + 4 * Double($0) }, strata: Grouping(s.stratum.map { "S\($0)" }))
    let raked = try rake(stratified, margins: [try Self.margin(s.region, levels: 4, total: 25_000)]).design
    let rows = s.y.indices.filter { !s.y[$0].isNaN }
    let k = 4
    var values: [Double] = []
    for i in rows {
      for m in 0..<k { values.append((s.y[i] - 0.3) * cos(Double(m * 7 + s.age[i] + s.group[i]))) }
    }
    let presence = s.y.map { !$0.isNaN }
    for design in [stratified, raked] {
      let closed = try design.covariance(rowMajor: values, rows: rows, columns: k, presence: presence)
      let passes = try design.covariance(
        of: design.influenceTotals(rowMajor: values, rows: rows, columns: k, presence: presence))
      for a in 0..<k {
        for b in 0..<k {
          let scale = (passes[a][a] * passes[b][b]).squareRoot()
          #expect(abs(closed[a][b] - passes[a][b]) <= 1e-11 * scale, "\(a), \(b): \(closed[a][b]) vs \(passes[a][b])")
        }
      }
    }
  }
}

/// Estimates for each subgroup from one grouped pass give what each subgroup gives as a domain
/// of its own.
@Suite struct SubgroupsTogetherTests {
  @Test func meansByGroupAreTheMeansOfEachDomain() throws {
    let s = ClosedFormVarianceTests.sample(3_000, seed: 13)
    let base = try SurveyDesign(weights: s.stratum.map { 2.0 + Double($0) })
    let raked = try rake(base, margins: [try ClosedFormVarianceTests.margin(s.age, levels: 5, total: 9_000)]).design
    let groups = Grouping(s.region.map { "R\($0)" })
    for design in [base, raked] {
      let together = try means(s.y, by: groups, in: design)
      #expect(together.count == groups.count)
      for (g, estimate) in together.enumerated() {
        let alone = try mean(s.y, in: design, domain: groups.codes.map { $0 == Int32(g) })
        let e = try #require(estimate)
        #expect(e.value == alone.value && e.count == alone.count && e.degreesOfFreedom == alone.degreesOfFreedom)
        #expect(abs(e.variance - alone.variance) <= 1e-13 * alone.variance)
      }
    }
  }

  @Test func listPrevalencesBySubgroupAreThoseOfEachDomain() throws {
    let s = ClosedFormVarianceTests.sample(4_000, seed: 17)
    var random = SeededGenerator(seed: 5)
    let treated = s.y.indices.map { _ in Bool.random(using: &random) }
    let counts = s.y.indices.map { i in
      Double(Int.random(in: 0...3, using: &random) + (treated[i] && s.age[i] >= 3 ? 1 : 0))
    }
    let base = try SurveyDesign(weights: s.stratum.map { 1.0 + Double($0) })
    let raked = try rake(base, margins: [try ClosedFormVarianceTests.margin(s.sex, levels: 2, total: 8_000)]).design
    let subgroups = Grouping(s.group.map { "G\($0)" })
    for design in [base, raked] {
      let study = try ListExperiment(design: design, treated: treated, controlItems: 3)
      let together = try study.prevalences(counts, eachOf: subgroups)
      #expect(together.count == subgroups.count)
      for (g, estimate) in together.enumerated() {
        let alone = try ListExperiment(
          design: design, treated: treated, controlItems: 3, domain: subgroups.codes.map { $0 == Int32(g) }
        ).prevalence(counts)
        let e = try #require(estimate)
        #expect(abs(e.prevalence.value - alone.prevalence.value) <= 1e-14)
        #expect(abs(e.prevalence.variance - alone.prevalence.variance) <= 1e-12 * alone.prevalence.variance)
        #expect(e.prevalence.degreesOfFreedom == alone.prevalence.degreesOfFreedom)
      }
    }
  }
}
