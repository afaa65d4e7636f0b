/// Means of one variable in each group of respondents, with the covariance between them, as
/// `survey::svyby(~y, ~g, design, svymean, covmat=TRUE)` gives them.
///
/// The covariance lets a table compare groups — the difference between two arms of an
/// experiment, between two subgroups — with a correct standard error even when the groups
/// share PSUs (see ``contrast(_:)``).
public struct GroupedMeans: Sendable {
  /// The groups' names, in the order of ``estimates``; groups with no respondent with an
  /// answer are left out, as `svyby` drops empty groups.
  public var levels: [String]
  /// Each group's mean.
  public var estimates: [Estimate]
  /// The design-based covariance matrix of the means.
  public var covariance: [[Double]]

  /// A linear combination Σ cᵢ·meanᵢ of the group means with its variance cᵀVc (R's
  /// `svycontrast`), for example `[-1, 1]` for the second group minus the first.
  ///
  /// - Throws: ``EstimationError/lengthMismatch(argument:expected:actual:)`` when there is not
  ///   one coefficient per group.
  public func contrast(_ coefficients: [Double]) throws(EstimationError) -> Estimate {
    guard coefficients.count == estimates.count else {
      throw .lengthMismatch(argument: "coefficients", expected: estimates.count, actual: coefficients.count)
    }
    var value = 0.0
    var variance = 0.0
    for a in 0..<coefficients.count {
      value += coefficients[a] * estimates[a].value
      for b in 0..<coefficients.count { variance += coefficients[a] * coefficients[b] * covariance[a][b] }
    }
    let involved = coefficients.indices.filter { coefficients[$0] != 0 }
    return Estimate(
      value: value, variance: variance, degreesOfFreedom: involved.map { estimates[$0].degreesOfFreedom }.min() ?? 0,
      count: involved.reduce(0) { $0 + estimates[$1].count },
      weightedCount: involved.reduce(0) { $0 + estimates[$1].weightedCount })
  }

  /// The difference between two groups' means, `levels[to]` minus `levels[from]`.
  public func difference(_ to: Int, minus from: Int) throws(EstimationError) -> Estimate {
    var coefficients = [Double](repeating: 0, count: estimates.count)
    coefficients[to] += 1
    coefficients[from] -= 1
    return try contrast(coefficients)
  }
}

/// The design-based mean of `y` in each group of `groups`, with their covariance (as
/// `survey::svyby(~y, ~groups, design, svymean, covmat=TRUE)`, `na.rm=TRUE`).
///
/// Each group is a domain: its variance is computed without dropping the design's other PSUs.
///
/// - Parameters:
///   - y: One value per respondent; `.nan` marks a missing answer.
///   - design: The sampling design.
///   - groups: The grouping; respondents in no group (code −1) are left out.
///   - domain: A further restriction (for example, only those asked the question), or `nil`.
/// - Returns: Each group's mean, with the covariance between the groups' means.
/// - Throws: The design's errors; ``EstimationError/noObservations(_:)`` when no group has a
///   respondent with an answer.
/// - Complexity: O(*n* + *P*·*g*²) for *n* respondents, *g* groups and *P* PSUs.
public func mean(
  _ y: [Double], in design: SurveyDesign, by groups: Grouping, domain: [Bool]? = nil
)
  throws(EstimationError) -> GroupedMeans
{
  let result = try linearEstimates(.mean, y: y, design: design, groups: groups, domain: domain, joint: true)
  guard let covariance = result.covariance else {
    throw .noObservations("no group has a respondent with an answer")
  }
  return GroupedMeans(
    levels: result.groups.map { groups.levels[$0] }, estimates: result.estimates, covariance: covariance)
}

/// The design-based mean of `y` in each group of `groups`, one estimate per level, from one
/// pass: each as ``mean(_:in:domain:)`` gives it with the group (within `domain`) as the
/// domain, to rounding.
///
/// - Parameters:
///   - y: One value per respondent; `.nan` marks a missing answer.
///   - groups: The grouping; respondents in no group (code −1) are left out.
///   - design: The sampling design.
///   - domain: A further restriction, or `nil`.
/// - Returns: Per level of `groups`, its mean, or `nil` when no respondent in it with a positive
///   weight has an answer.
/// - Throws: The design's errors.
/// - Complexity: O(*n*) for *n* respondents.
public func means(
  _ y: [Double], by groups: Grouping, in design: SurveyDesign, domain: [Bool]? = nil
) throws(EstimationError) -> [Estimate?] {
  let result = try linearEstimates(.mean, y: y, design: design, groups: groups, domain: domain, joint: false)
  var estimates = [Estimate?](repeating: nil, count: groups.count)
  for (g, estimate) in zip(result.groups, result.estimates) { estimates[g] = estimate }
  return estimates
}
