/// The respondents an estimate rests on: in the domain and with an answer.
private func base(_ y: [Double], _ x: [Double]? = nil, domain: [Bool]?) -> [Bool] {
  var mask = [Bool](repeating: false, count: y.count)
  for i in 0..<y.count {
    mask[i] = !y[i].isNaN && (x.map { !$0[i].isNaN } ?? true) && (domain?[i] ?? true)
  }
  return mask
}

/// The weighted mean and variance of `y` over the base (R's `svyvar`, with *n*/(*n* − 1)).
private func weightedVariance(
  _ y: [Double], mean: Double, weights: [Double], mask: [Bool], weightSum: Double
)
  -> Double
{
  var n = 0
  var sum = 0.0
  for i in 0..<y.count where mask[i] && weights[i] != 0 {
    n += 1
    let d = y[i] - mean
    sum += weights[i] * d * d
  }
  guard n > 1 else { return .nan }
  return sum / weightSum * Double(n) / Double(n - 1)
}

/// The design-based mean of `y`, with its Taylor-linearised variance (as `survey::svymean`
/// with `na.rm=TRUE`, on `subset(design, domain)`).
///
///     ȳ = Σ wᵢyᵢ / Σ wᵢ,   zᵢ = wᵢ(yᵢ − ȳ) / Σ wᵢ
///
/// over respondents in the domain with an answer. A domain is estimated as R's `subset` does
/// it — without dropping the design's other PSUs — so its variance is right for a subgroup.
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
  try design.check(y, "y")
  try design.check(domain: domain)
  return try domainMean(y, in: design, domain: domain).estimate
}

/// The mean of `y` over a domain with its influence values *z* and the respondents it rests on.
func domainMean(
  _ y: [Double], in design: SurveyDesign, domain: [Bool]?
) throws(EstimationError) -> (
  estimate: Estimate, influence: [Double], base: [Bool]
) {
  let mask = base(y, domain: domain)
  let w = design.weights
  var weightSum = 0.0
  var weighted = 0.0
  var count = 0
  for i in 0..<y.count where mask[i] {
    weightSum += w[i]
    weighted += w[i] * y[i]
    if w[i] != 0 { count += 1 }
  }
  guard weightSum > 0 else { throw .noObservations("no respondent with a positive weight has an answer") }
  let average = weighted / weightSum
  var z = [Double](repeating: 0, count: y.count)
  for i in 0..<y.count where mask[i] { z[i] = w[i] * (y[i] - average) / weightSum }
  let variance = try design.variance(ofTotal: z, presence: mask)

  // Design effect against SRSWOR, as `svymean(deff=TRUE)`: Var / (s²(N − n)/(N n)).
  var designEffect: Double?
  if weightSum >= Double(count) {
    let s2 = weightedVariance(y, mean: average, weights: w, mask: mask, weightSum: weightSum)
    let srs = s2 * (weightSum - Double(count)) / (weightSum * Double(count))
    designEffect = variance / srs
  }
  let estimate = Estimate(
    value: average, variance: variance, designEffect: designEffect,
    degreesOfFreedom: design.degreesOfFreedom(in: domain), count: count, weightedCount: weightSum)
  return (estimate, z, mask)
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
  try design.check(y, "y")
  try design.check(domain: domain)
  let mask = base(y, domain: domain)
  let w = design.weights
  var weightSum = 0.0
  var weighted = 0.0
  var count = 0
  var z = [Double](repeating: 0, count: y.count)
  for i in 0..<y.count where mask[i] {
    weightSum += w[i]
    weighted += w[i] * y[i]
    z[i] = w[i] * y[i]
    if w[i] != 0 { count += 1 }
  }
  guard count > 0 else { throw .noObservations("no respondent with a positive weight has an answer") }
  let variance = try design.variance(ofTotal: z, presence: mask)

  // Design effect against SRSWOR, as `svytotal(deff=TRUE)`: Var / (s² N² (N − n)/(N n)).
  var designEffect: Double?
  if weightSum >= Double(count) {
    let s2 = weightedVariance(y, mean: weighted / weightSum, weights: w, mask: mask, weightSum: weightSum)
    let srs = s2 * weightSum * weightSum * (weightSum - Double(count)) / (weightSum * Double(count))
    designEffect = variance / srs
  }
  return Estimate(
    value: weighted, variance: variance, designEffect: designEffect,
    degreesOfFreedom: design.degreesOfFreedom(in: domain), count: count, weightedCount: weightSum)
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
  try design.check(y, "y")
  try design.check(x, "x")
  try design.check(domain: domain)
  let mask = base(y, x, domain: domain)
  let w = design.weights
  var numerator = 0.0
  var denominator = 0.0
  var weightSum = 0.0
  var count = 0
  for i in 0..<y.count where mask[i] {
    numerator += w[i] * y[i]
    denominator += w[i] * x[i]
    weightSum += w[i]
    if w[i] != 0 { count += 1 }
  }
  guard denominator != 0, count > 0 else {
    throw .noObservations("the denominator's weighted total is zero")
  }
  let r = numerator / denominator
  var z = [Double](repeating: 0, count: y.count)
  for i in 0..<y.count where mask[i] { z[i] = w[i] * (y[i] - r * x[i]) / denominator }
  let variance = try design.variance(ofTotal: z, presence: mask)
  return Estimate(
    value: r, variance: variance, degreesOfFreedom: design.degreesOfFreedom(in: domain), count: count,
    weightedCount: weightSum)
}
