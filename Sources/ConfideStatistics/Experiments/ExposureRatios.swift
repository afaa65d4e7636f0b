import Foundation

/// The odds ratio, risk ratio and risk difference of a binary outcome between an exposed and a
/// reference group (born abroad or not, one arm against the control), from the design-based
/// proportions of the weighted 2×2 table.
///
/// With *p*₁, *p*₀ the groups' design-based proportions (domain means with their joint
/// covariance *V*, as `svyby(~y, ~group, design, svymean, covmat = TRUE)`):
///
///     log OR = logit p₁ − logit p₀,   gradient (1/(p₁(1 − p₁)), −1/(p₀(1 − p₀)))
///     log RR = log p₁ − log p₀,       gradient (1/p₁, −1/p₀)
///     RD     = p₁ − p₀
///
/// each with the delta-method variance gᵀVg — `svycontrast(by, quote(log(b/(1-b)) -
/// log(a/(1-a))))` and `quote(log(b/a))`. The log odds ratio and its standard error are also
/// exactly the exposure coefficient of `svyglm(y ~ group, design, family = quasibinomial())`
/// (a saturated model), without iterating. Intervals are exp(log ± t·SE) with *t* on the
/// degrees of freedom of the respondents in the two groups.
///
/// ```swift
/// let ratios = try exposureRatios(delayed, groups: Grouping(bornAbroad), exposed: "yes",
///                                 reference: "no", in: design)
/// ratios.oddsRatio.ratio        // 2.46 (95% CI 1.91 to 3.16)
/// ```
///
/// - Parameters:
///   - outcome: A 0/1 outcome (or proportions in [0, 1]); `.nan` marks a missing answer.
///   - groups: Each respondent's group.
///   - exposed: The exposed group's level.
///   - reference: The reference group's level.
///   - design: The sampling design.
///   - domain: The subgroup, or `nil` for everyone.
///   - level: The confidence level.
/// - Returns: The odds ratio, risk ratio and risk difference with the two proportions.
/// - Throws: ``EstimationError/invalidArgument(_:)`` for an outcome outside [0, 1], an unknown
///   level or a design without degrees of freedom; ``EstimationError/noObservations(_:)`` when
///   a group has no answer; ``EstimationError/singular(_:)`` when a ratio is infinite or
///   undefined because a group's proportion is 0 or 1 (R's `svyglm` then reports a huge
///   coefficient: perfect separation).
/// - Complexity: O(*n* + *P*).
public func exposureRatios(
  _ outcome: [Double], groups: Grouping, exposed: String, reference: String, in design: SurveyDesign,
  domain: [Bool]? = nil, level: Double = 0.95
) throws(EstimationError) -> ExposureRatios {
  try design.check(outcome, "outcome")
  try design.check(domain: domain)
  guard groups.codes.count == design.count else {
    throw .lengthMismatch(argument: "groups", expected: design.count, actual: groups.codes.count)
  }
  guard let e = groups.levels.firstIndex(of: exposed), let r = groups.levels.firstIndex(of: reference), e != r else {
    throw .invalidArgument("the exposed and reference groups must be two different levels of the grouping")
  }
  var mask = [Bool](repeating: false, count: design.count)
  var codes = [Int32](repeating: -1, count: design.count)
  for i in 0..<design.count where (domain?[i] ?? true) {
    let code = Int(groups.codes[i])
    guard code == e || code == r else { continue }
    if !outcome[i].isNaN {
      guard (0...1).contains(outcome[i]) else {
        throw .invalidArgument("the outcome of respondent \(i + 1) is outside [0, 1]")
      }
      mask[i] = true
    }
    codes[i] = code == r ? 0 : 1
  }
  let twoGroups = try Grouping(codes: codes, levels: [reference, exposed])
  let means = try mean(outcome, in: design, by: twoGroups, domain: domain)
  guard means.estimates.count == 2 else {
    throw .noObservations("the exposed or the reference group has no respondent with an answer")
  }
  let degreesOfFreedom = design.degreesOfFreedom(in: mask)
  let critical = try tCriticalValue(level: level, degreesOfFreedom: degreesOfFreedom)
  let p0 = means.estimates[0].value
  let p1 = means.estimates[1].value
  let v = means.covariance

  func delta(_ value: Double, _ g1: Double, _ g0: Double) -> Estimate {
    let variance = g1 * g1 * v[1][1] + g0 * g0 * v[0][0] + 2 * g1 * g0 * v[0][1]
    return Estimate(
      value: value, variance: variance, degreesOfFreedom: degreesOfFreedom,
      count: means.estimates[0].count + means.estimates[1].count,
      weightedCount: means.estimates[0].weightedCount + means.estimates[1].weightedCount)
  }
  func ratio(_ log: Estimate) -> RatioEstimate {
    let margin = critical * log.standardError
    return RatioEstimate(
      logarithm: log, ratio: exp(log.value),
      interval: ConfidenceInterval(lower: exp(log.value - margin), upper: exp(log.value + margin), level: level))
  }
  guard p0 > 0, p0 < 1, p1 > 0, p1 < 1 else {
    throw .singular(
      "the odds ratio is not finite: in the \(p1 == 0 || p1 == 1 ? "exposed" : "reference") group everyone "
        + "answered the same")
  }
  let logOdds = delta(log(p1 / (1 - p1)) - log(p0 / (1 - p0)), 1 / (p1 * (1 - p1)), -1 / (p0 * (1 - p0)))
  let logRisk = delta(log(p1 / p0), 1 / p1, -1 / p0)
  var difference = try means.difference(1, minus: 0)
  difference.degreesOfFreedom = degreesOfFreedom
  return ExposureRatios(
    oddsRatio: ratio(logOdds), riskRatio: ratio(logRisk), riskDifference: difference,
    exposedProportion: means.estimates[1], referenceProportion: means.estimates[0])
}

/// The comparison of a binary outcome between an exposed and a reference group.
public struct ExposureRatios: Sendable, Hashable {
  /// The odds ratio.
  public var oddsRatio: RatioEstimate
  /// The risk ratio (ratio of proportions).
  public var riskRatio: RatioEstimate
  /// p₁ − p₀.
  public var riskDifference: Estimate
  /// p₁.
  public var exposedProportion: Estimate
  /// p₀.
  public var referenceProportion: Estimate
}

/// A ratio estimated on the log scale.
public struct RatioEstimate: Sendable, Hashable {
  /// The log ratio with its design-based variance.
  public var logarithm: Estimate
  /// exp(log ratio).
  public var ratio: Double
  /// exp of the *t* interval of the log ratio.
  public var interval: ConfidenceInterval
}
