/// Trims weights to `[lower, upper]` and shares the trimmed amount equally among the respondents
/// whose weights were inside the bounds, so the total weight is unchanged, exactly as
/// `survey::trimWeights(design, upper =, lower =, strict =)`.
///
///     wᵢ′ = clamp(wᵢ, lower, upper)                      for i outside the bounds
///     wᵢ′ = wᵢ + Σⱼ (wⱼ − clamp(wⱼ, lower, upper)) / m    for the m respondents inside
///
/// The share added to untrimmed weights can push some of them past a bound. With `strict`,
/// trimming is repeated until every weight is within the bounds (a weight exactly at a bound
/// counts as inside, and takes its share, as in R).
///
/// The design's calibration is kept, as R keeps `postStrata`: variances are still computed from
/// residuals of the calibration, whose recorded weights are those before trimming. Trimmed
/// weights no longer reproduce the population counts exactly, so this is the approximation R
/// makes, good when trimming moves little weight.
///
/// ```swift
/// let trimmed = try trimWeights(dstrat, lower: 16, upper: 40)
/// ```
///
/// - Parameters:
///   - design: The design whose weights are trimmed.
///   - lower: The smallest weight allowed (R's default −∞: no lower bound).
///   - upper: The largest weight allowed (R's default ∞: no upper bound).
///   - strict: Whether to repeat until every weight is within the bounds.
/// - Returns: The design unchanged when every weight is within the bounds, otherwise the
///   design with trimmed weights.
/// - Throws: ``EstimationError/invalidArgument(_:)`` when a bound is not a number, `lower` is
///   above `upper`, every weight is outside the bounds (nothing can take the trimmed amount),
///   strict bounds cannot hold the total weight (*n*·lower > Σ*w* or *n*·upper < Σ*w*), or
///   trimming leaves a negative weight; ``EstimationError/notConverged(_:iterations:)`` if strict
///   trimming has not settled after 10,000 rounds.
/// - Complexity: O(*n*) per round for *n* respondents.
public func trimWeights(
  _ design: SurveyDesign, lower: Double = -.infinity, upper: Double = .infinity, strict: Bool = false
) throws(EstimationError) -> SurveyDesign {
  guard !lower.isNaN, !upper.isNaN else { throw .invalidArgument("a trimming bound is not a number") }
  guard lower <= upper else {
    throw .invalidArgument(
      "the lower trimming bound \(describeCount(lower)) is above the upper bound \(describeCount(upper))")
  }
  var weights = design.weights
  let n = Double(weights.count)
  if strict {
    let total = weights.reduce(0, +)
    if n * lower > total || n * upper < total {
      throw .invalidArgument(
        "\(weights.count) weights totalling \(describeCount(total)) cannot all lie between "
          + "\(describeCount(lower)) and \(describeCount(upper))")
    }
  }

  let maximumRounds = 10_000
  var rounds = 0
  var trimmed = false
  while true {
    var inside = 0
    var trimmings = 0.0
    for w in weights {
      if w < lower {
        trimmings += w - lower
      } else if w > upper {
        trimmings += w - upper
      } else {
        inside += 1
      }
    }
    if inside == weights.count { break }
    guard inside > 0 else {
      throw .invalidArgument(
        "every weight is outside \(describeCount(lower)) to \(describeCount(upper)), so no weight can take "
          + "the trimmed amount")
    }
    let share = trimmings / Double(inside)
    for i in 0..<weights.count {
      let w = weights[i]
      weights[i] = w < lower ? lower : w > upper ? upper : w + share
    }
    trimmed = true
    rounds += 1
    if !strict { break }
    if rounds == maximumRounds {
      throw .notConverged("strict weight trimming", iterations: rounds)
    }
  }
  guard trimmed else { return design }
  if let negative = weights.firstIndex(where: { $0 < 0 }) {
    throw .invalidArgument(
      "trimming to the lower bound leaves respondent \(negative + 1) with a negative weight")
  }
  var result = design
  result.weights = weights
  return result
}
