/// The linear statistics whose influence values ``GroupedSums`` collects.
enum LinearStatistic {
  case mean
  case total
  case ratio
}

/// Estimates of a linear statistic in each group, with their joint covariance on request.
///
/// A group with no positive-weight respondent who answered is left out (as `svyby` drops
/// empty groups). Each estimate's variance is computed on its own group, as R computes it on
/// the subset; the joint covariance supplies the covariances between groups.
func linearEstimates(
  _ statistic: LinearStatistic, y: [Double], x: [Double]? = nil, design: SurveyDesign, groups: Grouping?,
  domain: [Bool]?, joint: Bool
) throws(EstimationError) -> (groups: [Int], estimates: [Estimate], covariance: [[Double]]?) {
  try design.check(y, "y")
  if let x { try design.check(x, "x") }
  try design.check(domain: domain)
  if let groups, groups.codes.count != design.count {
    throw .lengthMismatch(argument: "groups", expected: design.count, actual: groups.codes.count)
  }
  // Without clusters the variances usually come in closed form, so the per-PSU sums are first
  // left out (a million values per estimate), and collected only if the closed form declines.
  var sums = GroupedSums(
    y: y, x: x, groups: groups?.codes, groupCount: groups?.count ?? 1, domain: domain, design: design,
    psuSums: false)
  var kept: [Int] = []
  var coefficients: [(group: Int, alpha: Double, beta: Double)] = []
  var values: [Double] = []
  for g in 0..<sums.groups where sums.count[g] > 0 {
    switch statistic {
    case .mean:
      guard sums.weight[g] > 0 else { continue }
      let value = sums.numerator[g] / sums.weight[g]
      values.append(value)
      coefficients.append((g, 1 / sums.weight[g], -value / sums.weight[g]))
    case .total:
      values.append(sums.numerator[g])
      coefficients.append((g, 1, 0))
    case .ratio:
      guard sums.denominator[g] != 0 else { continue }
      let value = sums.numerator[g] / sums.denominator[g]
      values.append(value)
      coefficients.append((g, 1 / sums.denominator[g], -value / sums.denominator[g]))
    }
    kept.append(g)
  }

  // Every group's variance from one pass over the PSUs, each on its own strata (R's subset).
  // A calibrated design's strata all take part for every group, so the joint covariance, when
  // it is wanted, holds the same variances on its diagonal (to the last bit) and one pass does.
  // Without clusters the stratum sums of cross-products come in closed form from the sums
  // already collected; otherwise (or when that would lose digits) from passes over the PSUs.
  let calibrated = design.calibrationPlan != nil
  let closedForm = kept.isEmpty ? nil : sums.closedFormProducts(coefficients, design: design)
  var present = [Bool](repeating: calibrated, count: design.stratumCount)
  if !calibrated {
    for g in kept {
      for h in present.indices where sums.stratumPresent[g * design.stratumCount + h] { present[h] = true }
    }
  }
  let stratumPresence = calibrated ? nil : kept.map { sums.stratumPresence(of: $0) }
  var influence: InfluenceTotals?
  if closedForm == nil {
    if !sums.hasPSUSums {
      sums = GroupedSums(
        y: y, x: x, groups: groups?.codes, groupCount: groups?.count ?? 1, domain: domain, design: design)
    }
    influence = sums.influence(coefficients, design: design, presentGroups: kept)
  }
  var jointCovariance: [[Double]]?
  if joint && calibrated && !kept.isEmpty {
    if let closedForm {
      jointCovariance = try design.covariance(fromProducts: closedForm, columns: kept.count, present: present)
    } else if let influence {
      jointCovariance = try design.covariance(of: influence)
    }
  }
  var variances: [Double] = []
  if let jointCovariance {
    variances = jointCovariance.indices.map { jointCovariance[$0][$0] }
  } else if let closedForm {
    let k = kept.count
    var squares = [Double](repeating: 0, count: design.stratumCount * k)
    for h in 0..<design.stratumCount { for j in 0..<k { squares[h * k + j] = closedForm[(h * k + j) * k + j] } }
    variances = try design.variances(
      fromSquares: squares, columns: k, stratumPresence: stratumPresence, present: present)
  } else if let influence {
    variances = try design.variances(of: influence, stratumPresence: stratumPresence)
  }
  var estimates: [Estimate] = []
  for (j, g) in kept.enumerated() {
    let variance = variances[j]
    // Design effects against SRSWOR, as `deff=TRUE`: s²(N − n)/(N n) for a mean, times N² for
    // a total; not defined when the weighted base is smaller than the sample.
    var designEffect: Double?
    let n = Double(sums.count[g])
    let weightSum = sums.weight[g]
    if statistic != .ratio, weightSum >= n {
      var srs = sums.variance(of: g) * (weightSum - n) / (weightSum * n)
      if statistic == .total { srs *= weightSum * weightSum }
      designEffect = variance / srs
    }
    estimates.append(
      Estimate(
        value: values[j], variance: variance, designEffect: designEffect, degreesOfFreedom: sums.degreesOfFreedom[g],
        count: sums.count[g], weightedCount: weightSum))
  }

  var covariance: [[Double]]?
  if joint, !kept.isEmpty {
    var joint: [[Double]]
    if let jointCovariance {
      joint = jointCovariance
    } else if let closedForm {
      joint = try design.covariance(fromProducts: closedForm, columns: kept.count, present: present)
    } else if let influence {
      joint = try design.covariance(of: influence)
    } else {
      joint = []
    }
    for j in kept.indices { joint[j][j] = estimates[j].variance }
    covariance = joint
  }
  return (kept, estimates, covariance)
}

/// The one estimate of an ungrouped statistic, or why there is none.
private func single(
  _ statistic: LinearStatistic, y: [Double], x: [Double]? = nil, design: SurveyDesign, domain: [Bool]?
) throws(EstimationError) -> Estimate {
  let result = try linearEstimates(statistic, y: y, x: x, design: design, groups: nil, domain: domain, joint: false)
  guard let estimate = result.estimates.first else {
    switch statistic {
    case .ratio: throw .noObservations("the denominator's weighted total is zero")
    case .mean, .total: throw .noObservations("no respondent with a positive weight has an answer")
    }
  }
  return estimate
}

/// The design-based mean of `y`, with its Taylor-linearised variance (as `survey::svymean`
/// with `na.rm=TRUE`, on `subset(design, domain)`).
///
///     ȳ = Σ wᵢyᵢ / Σ wᵢ,   zᵢ = wᵢ(yᵢ − ȳ) / Σ wᵢ
///
/// over respondents in the domain with an answer. A domain is estimated as R's `subset` does
/// it — without dropping the design's other PSUs — so its variance is right for a subgroup.
/// A proportion is the mean of a 0/1 indicator.
///
/// - Parameters:
///   - y: One value per respondent; `.nan` marks a missing answer (a declared missing code,
///     not answered, or routed past), which is left out of this estimate only.
///   - design: The sampling design.
///   - domain: The subgroup to estimate for, or `nil` for everyone.
/// - Returns: The mean, its variance, design effect, degrees of freedom and base.
/// - Throws: ``EstimationError/noObservations(_:)`` when no respondent with a positive weight
///   has an answer in the domain, and the design's errors (a lonely PSU under `fail`).
/// - Complexity: O(*n*) for *n* respondents.
public func mean(
  _ y: [Double], in design: SurveyDesign, domain: [Bool]? = nil
) throws(EstimationError)
  -> Estimate
{
  try single(.mean, y: y, design: design, domain: domain)
}

/// The design-based total of `y`, with its Taylor-linearised variance (as `survey::svytotal`
/// with `na.rm=TRUE`, on `subset(design, domain)`): *Ŷ* = Σ wᵢyᵢ, *z*ᵢ = *w*ᵢ*y*ᵢ.
///
/// - Parameters:
///   - y: One value per respondent; `.nan` marks a missing answer.
///   - design: The sampling design.
///   - domain: The subgroup to estimate for, or `nil` for everyone.
/// - Returns: The total, its variance, design effect, degrees of freedom and base.
/// - Throws: ``EstimationError/noObservations(_:)`` when no respondent has an answer.
/// - Complexity: O(*n*).
public func total(
  _ y: [Double], in design: SurveyDesign, domain: [Bool]? = nil
) throws(EstimationError)
  -> Estimate
{
  try single(.total, y: y, design: design, domain: domain)
}

/// The design-based ratio of two totals, *R̂* = Σ wᵢyᵢ / Σ wᵢxᵢ, with its linearised variance
/// (as `survey::svyratio` with `na.rm=TRUE`): *z*ᵢ = *w*ᵢ(*y*ᵢ − *R̂x*ᵢ) / Σ *w*ᵢ*x*ᵢ.
///
/// Respondents missing either value are left out.
///
/// - Returns: The ratio, its variance, degrees of freedom and base.
/// - Throws: ``EstimationError/noObservations(_:)`` when the denominator's total is zero.
/// - Complexity: O(*n*).
public func ratio(
  _ y: [Double], to x: [Double], in design: SurveyDesign, domain: [Bool]? = nil
)
  throws(EstimationError) -> Estimate
{
  try single(.ratio, y: y, x: x, design: design, domain: domain)
}
