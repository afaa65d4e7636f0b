import ConfideStatistics
import Testing

/// One row of `Fixtures/distributions.csv` (written by `make-distributions.R`).
struct DistributionCase: Sendable, CustomTestStringConvertible {
  var distribution: String
  var first: Double
  var second: Double?
  var probability: Double?
  var x: Double
  var cdf: Double
  var survival: Double
  var density: Double

  var testDescription: String {
    let parameters = second.map { "\(first), \($0)" } ?? "\(first)"
    return "\(distribution)(\(parameters)) p=\(probability.map(String.init(describing:)) ?? "–") x=\(x)"
  }

  /// The fixture's rows.
  static func all() throws -> [DistributionCase] {
    let table = try FixtureTable("distributions.csv")
    let names = try table.strings("distribution")
    let first = try table.numbers("param1")
    let second = try table.numbers("param2")
    let p = try table.numbers("p")
    let x = try table.numbers("x")
    let cdf = try table.numbers("cdf")
    let survival = try table.numbers("survival")
    let density = try table.numbers("density")
    return try names.indices.map { i in
      DistributionCase(
        distribution: names[i], first: try #require(first[i]), second: second[i], probability: p[i],
        x: try #require(x[i]), cdf: try #require(cdf[i]), survival: try #require(survival[i]),
        density: try #require(density[i]))
    }
  }

  /// The Swift distribution the row describes.
  func make() throws -> any ContinuousDistribution {
    switch distribution {
    case "normal": return Normal(mean: first, standardDeviation: try #require(second))
    case "t": return StudentT(degreesOfFreedom: first)
    case "chisq": return ChiSquared(degreesOfFreedom: first)
    case "f":
      return FDistribution(numeratorDegreesOfFreedom: first, denominatorDegreesOfFreedom: try #require(second))
    case "beta": return BetaDistribution(alpha: first, beta: try #require(second))
    default:
      Issue.record("unknown distribution \(distribution)")
      return Normal()
    }
  }
}

/// Relative tolerance for a probability or density of size `value`: 1e-13 in the body, 1e-10 in
/// the far tails (below 1e-100, where exp of a log of size ~700 carries ~1e-13 × 700 of
/// unavoidable rounding).
private func tolerance(for value: Double) -> Double {
  abs(value) >= 1e-100 ? 1e-13 : 1e-10
}

extension DistributionCase {
  /// Whether a degrees-of-freedom parameter is 10⁵ or more (the huge-df rows).
  var hugeDegreesOfFreedom: Bool {
    distribution != "beta" && (first >= 1e5 || (second ?? 0) >= 1e5) && (second ?? 0) != .infinity
  }

  /// The tolerance of the density column. R 4.2's `dchisq` and `df` are themselves off by up to
  /// 3e-11 at 10⁶ degrees of freedom (e.g. dchisq(990084.0366937247, 1e6): R 5.1047628079840565e-15,
  /// mpmath at 40 digits 5.104762808064335e-15), so those rows are compared at 1e-10 and the
  /// Swift values are pinned to 1e-13 against mpmath in `hugeDegreesOfFreedomDensities`.
  var densityTolerance: Double {
    hugeDegreesOfFreedom ? 1e-10 : tolerance(for: density)
  }

  /// The tolerance of the cdf and survival columns. With both degrees of freedom ≥ 10⁵ the tails
  /// are conditioned ~10³ times worse than the rounding of d₁x/(d₁x + d₂): R (TOMS 708) and
  /// Boost (scipy.special.betainc) differ from each other by up to 1.7e-13 on these rows, so they
  /// are compared at 5e-13.
  func tailTolerance(_ value: Double) -> Double {
    distribution == "f" && first >= 1e5 && (second ?? 0) >= 1e5
      ? max(5e-13, tolerance(for: value)) : tolerance(for: value)
  }
}

@Suite("Distributions against R")
struct DistributionsTests {
  @Test("cdf, survival and density match R", arguments: try DistributionCase.all())
  func tails(_ row: DistributionCase) throws {
    let distribution = try row.make()
    expectClose(distribution.cdf(row.x), row.cdf, relative: row.tailTolerance(row.cdf), "cdf")
    expectClose(distribution.survival(row.x), row.survival, relative: row.tailTolerance(row.survival), "survival")
    expectClose(distribution.density(row.x), row.density, relative: row.densityTolerance, "density")
  }

  /// Quantiles: 1e-13 relative to R's (polished) quantile. Where x is within 1e-6 of 1 (a beta
  /// quantile near 1) a double cannot resolve the upper tail, and the check is 2 ulp of 1.
  @Test("quantile matches R", arguments: try DistributionCase.all().filter { $0.probability != nil })
  func quantile(_ row: DistributionCase) throws {
    let distribution = try row.make()
    let p = try #require(row.probability)
    let expected = row.x
    let nearOne = row.distribution == "beta" && abs(1 - expected) < 1e-6
    let relative = nearOne ? 0 : 1e-13
    let absolute = nearOne ? 2.3e-16 : 0
    expectClose(distribution.quantile(p), expected, relative: relative, absolute: absolute, "quantile")
  }

  /// Densities at 10⁶ degrees of freedom against mpmath (40 digits; `Fixtures/check-huge-df.py`),
  /// where R 4.2 itself is off by up to 3e-11.
  @Test("densities at huge degrees of freedom match mpmath to 1e-13")
  func hugeDegreesOfFreedomDensities() {
    let chi = ChiSquared(degreesOfFreedom: 1e6)
    expectClose(chi.density(990_084.036_693_724_7), 5.104_762_808_064_335_408e-15, relative: 1e-13)
    expectClose(chi.density(997_230.087_143_290_1), 4.140_340_294_140_071_214_7e-5, relative: 1e-13)
    expectClose(chi.density(1_009_980.612_905_501_5), 5.037_388_913_272_285_225_1e-15, relative: 1e-13)
    let f = FDistribution(numeratorDegreesOfFreedom: 1e6, denominatorDegreesOfFreedom: 2.5)
    expectClose(f.density(0.297_891_107_871_436_74), 0.334_826_051_493_352_732_2, relative: 1e-13)
    expectClose(f.density(80), 7.500_292_998_156_473_387_4e-5, relative: 1e-13)
    let g = FDistribution(numeratorDegreesOfFreedom: 1e6, denominatorDegreesOfFreedom: 1e6)
    expectClose(g.density(0.996_087_742_693_470_3), 29.337_274_499_125_422_341, relative: 1e-13)
  }

  @Test("parameters outside the domain give NaN")
  func invalidParameters() {
    let invalid: [any ContinuousDistribution] = [
      Normal(mean: 0, standardDeviation: 0), Normal(mean: .nan, standardDeviation: 1),
      Normal(mean: 0, standardDeviation: -1), StudentT(degreesOfFreedom: 0), StudentT(degreesOfFreedom: -2),
      StudentT(degreesOfFreedom: .nan), ChiSquared(degreesOfFreedom: 0), ChiSquared(degreesOfFreedom: .infinity),
      FDistribution(numeratorDegreesOfFreedom: 0, denominatorDegreesOfFreedom: 3),
      FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: -1),
      BetaDistribution(alpha: 0, beta: 1), BetaDistribution(alpha: 1, beta: .infinity),
    ]
    for distribution in invalid {
      #expect(distribution.cdf(0.5).isNaN)
      #expect(distribution.survival(0.5).isNaN)
      #expect(distribution.density(0.5).isNaN)
      #expect(distribution.quantile(0.5).isNaN)
    }
  }

  @Test("probabilities outside [0, 1] and NaN arguments give NaN")
  func invalidArguments() {
    let all: [any ContinuousDistribution] = [
      Normal(), StudentT(degreesOfFreedom: 3), ChiSquared(degreesOfFreedom: 3),
      FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 5), BetaDistribution(alpha: 2, beta: 3),
    ]
    for distribution in all {
      #expect(distribution.quantile(-0.1).isNaN)
      #expect(distribution.quantile(1.1).isNaN)
      #expect(distribution.quantile(.nan).isNaN)
      #expect(distribution.cdf(.nan).isNaN)
      #expect(distribution.survival(.nan).isNaN)
    }
  }

  /// Ends of the support, as R: qnorm(0) = -Inf, qchisq(1) = Inf, qbeta(1) = 1, pt(Inf) = 1.
  @Test("quantiles at 0 and 1 are the ends of the support")
  func supportEnds() {
    #expect(Normal().quantile(0) == -.infinity)
    #expect(StudentT(degreesOfFreedom: 2).quantile(1) == .infinity)
    #expect(ChiSquared(degreesOfFreedom: 2).quantile(0) == 0)
    #expect(ChiSquared(degreesOfFreedom: 2).quantile(1) == .infinity)
    #expect(FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 3).quantile(0) == 0)
    #expect(BetaDistribution(alpha: 2, beta: 3).quantile(1) == 1)
    #expect(StudentT(degreesOfFreedom: 2).cdf(.infinity) == 1)
    #expect(ChiSquared(degreesOfFreedom: 2).survival(-1) == 1)
  }
}
