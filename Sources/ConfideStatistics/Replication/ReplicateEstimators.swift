/// The cells of an estimate: 0 for respondents in the domain with every value answered, −1
/// otherwise; with the number and total weight of those with a positive weight.
private func baseCells(
  _ y: [Double], _ x: [Double]? = nil, domain: [Bool]?, weights: [Double]
) -> (
  cells: [Int32], count: Int, weight: Double
) {
  var cells = [Int32](repeating: -1, count: y.count)
  var count = 0
  var weight = 0.0
  for i in 0..<y.count where !y[i].isNaN && (x.map { !$0[i].isNaN } ?? true) && (domain?[i] ?? true) {
    cells[i] = 0
    weight += weights[i]
    if weights[i] > 0 { count += 1 }
  }
  return (cells, count, weight)
}

/// The design-based mean of `y` with its replicate variance (as `survey::svymean` on a
/// replicate design, `na.rm=TRUE`, on `subset(design, domain)`).
///
/// Each replicate's mean Σ wᵣᵢyᵢ / Σ wᵣᵢ is taken over the same respondents as the
/// full-sample mean; the variance is ``ReplicateDesign``'s scale · Σᵣ rscaleᵣ (θ̂ᵣ − θ̄)².
/// A replicate with no weight in the domain is left out, as R does.
///
/// - Parameters:
///   - y: One value per respondent; `.nan` marks a missing answer.
///   - design: The replicate design.
///   - domain: The subgroup to estimate for, or `nil` for everyone.
/// - Returns: The estimate; its degrees of freedom are those of the domain
///   (``ReplicateDesign/degreesOfFreedom(in:)``); no design effect is given.
/// - Throws: ``EstimationError/noObservations(_:)`` when no respondent with a positive weight
///   has an answer, or no replicate has one.
/// - Complexity: O(*n*) plus the replicates (see ``ReplicateDesign``).
public func mean(
  _ y: [Double], in design: ReplicateDesign, domain: [Bool]? = nil
) throws(EstimationError)
  -> Estimate
{
  try design.check(y, "y")
  try design.check(domain: domain)
  let base = baseCells(y, domain: domain, weights: design.weights)
  let totals = design.factors.cellTotals(weights: design.weights, cells: base.cells, cellCount: 1, a: y, b: nil)
  guard totals.full(0, 1) > 0 else { throw .noObservations("no respondent with a positive weight has an answer") }
  let value = totals.full(0, 0) / totals.full(0, 1)
  let thetas = (0..<totals.replicateCount).map { totals.replicate($0, 0, 0) / totals.replicate($0, 0, 1) }
  let variance = try design.replicateCovariance(thetas, estimates: [value])[0][0]
  return Estimate(
    value: value, variance: variance, degreesOfFreedom: design.degreesOfFreedom(in: domain), count: base.count,
    weightedCount: base.weight)
}

/// The design-based total of `y` with its replicate variance (as `survey::svytotal` on a
/// replicate design, `na.rm=TRUE`, on `subset(design, domain)`).
///
/// - Throws: ``EstimationError/noObservations(_:)`` when no respondent with a positive weight
///   has an answer.
/// - Complexity: O(*n*) plus the replicates.
public func total(
  _ y: [Double], in design: ReplicateDesign, domain: [Bool]? = nil
) throws(EstimationError)
  -> Estimate
{
  try design.check(y, "y")
  try design.check(domain: domain)
  let base = baseCells(y, domain: domain, weights: design.weights)
  guard base.count > 0 else { throw .noObservations("no respondent with a positive weight has an answer") }
  let totals = design.factors.cellTotals(weights: design.weights, cells: base.cells, cellCount: 1, a: y, b: nil)
  let value = totals.full(0, 0)
  let thetas = (0..<totals.replicateCount).map { totals.replicate($0, 0, 0) }
  let variance = try design.replicateCovariance(thetas, estimates: [value])[0][0]
  return Estimate(
    value: value, variance: variance, degreesOfFreedom: design.degreesOfFreedom(in: domain), count: base.count,
    weightedCount: base.weight)
}

/// The ratio of two totals, Σ wᵢyᵢ / Σ wᵢxᵢ, with its replicate variance (as
/// `survey::svyratio` on a replicate design, `na.rm=TRUE`): each replicate's ratio is formed
/// from that replicate's totals. Respondents missing either value are left out.
///
/// - Throws: ``EstimationError/noObservations(_:)`` when the denominator's total is zero.
/// - Complexity: O(*n*) plus the replicates.
public func ratio(
  _ y: [Double], to x: [Double], in design: ReplicateDesign, domain: [Bool]? = nil
)
  throws(EstimationError) -> Estimate
{
  try design.check(y, "y")
  try design.check(x, "x")
  try design.check(domain: domain)
  let base = baseCells(y, x, domain: domain, weights: design.weights)
  let totals = design.factors.cellTotals(weights: design.weights, cells: base.cells, cellCount: 1, a: y, b: x)
  guard totals.full(0, 1) != 0, base.count > 0 else {
    throw .noObservations("the denominator's weighted total is zero")
  }
  let value = totals.full(0, 0) / totals.full(0, 1)
  let thetas = (0..<totals.replicateCount).map { totals.replicate($0, 0, 0) / totals.replicate($0, 0, 1) }
  let variance = try design.replicateCovariance(thetas, estimates: [value])[0][0]
  return Estimate(
    value: value, variance: variance, degreesOfFreedom: design.degreesOfFreedom(in: domain), count: base.count,
    weightedCount: base.weight)
}

/// The mean of `y` in each group, with the replicate covariance between the group means (as
/// `survey::svyby(~y, ~groups, design, svymean, covmat=TRUE)` on a replicate design).
///
/// Each group's variance uses the replicates that define its own mean, as `svyby`'s standard
/// errors do; the covariances use the replicates that define every group's mean, as `svyby`'s
/// `covmat` does (the two agree unless some replicate has no weight in a group).
///
/// - Parameters:
///   - y: One value per respondent; `.nan` marks a missing answer.
///   - design: The replicate design.
///   - groups: The grouping; respondents in no group (code −1) are left out.
///   - domain: A further restriction, or `nil`.
/// - Returns: The groups with an answer, their means and the covariance between them.
/// - Throws: ``EstimationError/noObservations(_:)`` when no group has a respondent with an
///   answer.
/// - Complexity: O(*n*·*g*) for the groups' degrees of freedom, plus the replicates
///   (O(*R*·*g*²) for the covariance) for *g* groups.
public func mean(
  _ y: [Double], in design: ReplicateDesign, by groups: Grouping, domain: [Bool]? = nil
)
  throws(EstimationError) -> GroupedMeans
{
  try design.check(y, "y")
  try design.check(domain: domain)
  guard groups.codes.count == design.count else {
    throw .lengthMismatch(argument: "groups", expected: design.count, actual: groups.codes.count)
  }
  let w = design.weights
  var cells = [Int32](repeating: -1, count: y.count)
  var counts = [Int](repeating: 0, count: groups.count)
  var weightSums = [Double](repeating: 0, count: groups.count)
  for i in 0..<y.count where groups.codes[i] >= 0 && !y[i].isNaN && (domain?[i] ?? true) {
    let g = Int(groups.codes[i])
    cells[i] = Int32(g)
    weightSums[g] += w[i]
    if w[i] > 0 { counts[g] += 1 }
  }
  let totals = design.factors.cellTotals(weights: w, cells: cells, cellCount: groups.count, a: y, b: nil)
  let kept = (0..<groups.count).filter { counts[$0] > 0 && totals.full($0, 1) > 0 }
  guard !kept.isEmpty else { throw .noObservations("no group has a respondent with an answer") }
  let k = kept.count
  let values = kept.map { totals.full($0, 0) / totals.full($0, 1) }
  var thetas = [Double](repeating: 0, count: totals.replicateCount * k)
  for r in 0..<totals.replicateCount {
    for (j, g) in kept.enumerated() { thetas[r * k + j] = totals.replicate(r, g, 0) / totals.replicate(r, g, 1) }
  }
  var covariance = try design.replicateCovariance(thetas, estimates: values)
  var estimates: [Estimate] = []
  for (j, g) in kept.enumerated() {
    let own = (0..<totals.replicateCount).map { thetas[$0 * k + j] }
    covariance[j][j] = try design.replicateCovariance(own, estimates: [values[j]])[0][0]
    let code = Int32(g)
    let inGroup = (0..<y.count).map { groups.codes[$0] == code && (domain?[$0] ?? true) }
    estimates.append(
      Estimate(
        value: values[j], variance: covariance[j][j], degreesOfFreedom: design.degreesOfFreedom(in: inGroup),
        count: counts[g], weightedCount: weightSums[g]))
  }
  return GroupedMeans(levels: kept.map { groups.levels[$0] }, estimates: estimates, covariance: covariance)
}

/// The proportion of respondents in each category, with the replicate covariance between the
/// proportions (as `survey::svymean(~factor, design)` on a replicate design, `na.rm=TRUE`).
///
/// Respondents with no category (code −1, a missing answer) are left out of the base. Every
/// level is reported, an empty one with proportion 0. Each estimate's ``Estimate/count`` and
/// ``Estimate/weightedCount`` are those of the base, the denominator.
///
/// - Throws: ``EstimationError/noObservations(_:)`` when no respondent with a positive weight
///   has a category.
/// - Complexity: O(*n*) plus the replicates (O(*R*·*k*²) for the covariance of *k* levels).
public func proportions(
  of categories: Grouping, in design: ReplicateDesign, domain: [Bool]? = nil
)
  throws(EstimationError) -> GroupedMeans
{
  try design.check(domain: domain)
  guard categories.codes.count == design.count else {
    throw .lengthMismatch(argument: "categories", expected: design.count, actual: categories.codes.count)
  }
  let w = design.weights
  var cells = [Int32](repeating: -1, count: design.count)
  var count = 0
  var weight = 0.0
  for i in 0..<design.count where categories.codes[i] >= 0 && (domain?[i] ?? true) {
    cells[i] = categories.codes[i]
    weight += w[i]
    if w[i] > 0 { count += 1 }
  }
  let k = categories.count
  let ones = [Double](repeating: 1, count: design.count)
  let totals = design.factors.cellTotals(weights: w, cells: cells, cellCount: k, a: ones, b: nil)
  guard count > 0, weight > 0 else { throw .noObservations("no respondent with a positive weight has an answer") }
  let values = (0..<k).map { totals.full($0, 0) / weight }
  var thetas = [Double](repeating: 0, count: totals.replicateCount * k)
  for r in 0..<totals.replicateCount {
    var denominator = 0.0
    for c in 0..<k { denominator += totals.replicate(r, c, 0) }
    for c in 0..<k { thetas[r * k + c] = totals.replicate(r, c, 0) / denominator }
  }
  let covariance = try design.replicateCovariance(thetas, estimates: values)
  let degreesOfFreedom = design.degreesOfFreedom(in: domain)
  let estimates = (0..<k).map { c in
    Estimate(
      value: values[c], variance: covariance[c][c], degreesOfFreedom: degreesOfFreedom, count: count,
      weightedCount: weight)
  }
  return GroupedMeans(levels: categories.levels, estimates: estimates, covariance: covariance)
}
