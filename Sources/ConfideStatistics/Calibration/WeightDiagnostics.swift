/// How variable a design's weights are, and what that costs: Kish's design effect due to
/// weighting and the effective sample size, with a summary of the weights.
///
/// Only respondents with a positive weight count (a respondent weighted zero is not in the
/// sample); ``zeroWeightCount`` says how many were left out.
public struct WeightDiagnostics: Sendable, Hashable {
  /// The number of respondents with a positive weight, *n*.
  public var count: Int
  /// The number of respondents weighted zero, left out of every other figure.
  public var zeroWeightCount: Int
  /// The total weight, Σ*w*.
  public var sum: Double
  /// The smallest positive weight.
  public var minimum: Double
  /// The largest weight.
  public var maximum: Double
  /// The mean weight, Σ*w*/*n*.
  public var mean: Double
  /// The coefficient of variation of the weights, √(Σ(*w* − *w̄*)²/*n*) / *w̄* (standard deviation
  /// with divisor *n*, so that the design effect is 1 + CV²).
  public var coefficientOfVariation: Double
  /// Kish's design effect due to weighting, *n*·Σ*w*² / (Σ*w*)² = 1 + CV²: the factor by which
  /// unequal weights inflate the variance of a mean, whatever the variable.
  public var designEffect: Double
  /// The effective sample size, (Σ*w*)² / Σ*w*² = *n* / design effect.
  public var effectiveSampleSize: Double

  /// The weighting efficiency, 1 / design effect (as weightipy's `weighting_efficiency`, which
  /// reports it as a percentage).
  public var efficiency: Double { 1 / designEffect }
}

/// Kish's design effect due to weighting, the effective sample size and a summary of the
/// weights of a design, overall or within a domain.
///
///     deff = n·Σw² / (Σw)²,   n_eff = (Σw)² / Σw²
///
/// This is the design effect of the weights alone (what balance and weightipy report), not the
/// design effect of an estimate against simple random sampling (``Estimate/designEffect``,
/// R's `deff=TRUE`), which also reflects clustering and the variable.
///
/// ```swift
/// let diagnostics = try weightDiagnostics(raked.design)
/// diagnostics.effectiveSampleSize   // how many equally weighted respondents it is worth
/// ```
///
/// - Parameters:
///   - design: The design.
///   - domain: The respondents to describe, or `nil` for everyone.
/// - Returns: The diagnostics of the positive weights in the domain.
/// - Throws: ``EstimationError/lengthMismatch(argument:expected:actual:)`` when the domain does
///   not describe the design's respondents; ``EstimationError/noObservations(_:)`` when no
///   respondent in the domain has a positive weight.
/// - Complexity: O(*n*) for *n* respondents.
public func weightDiagnostics(
  _ design: SurveyDesign, domain: [Bool]? = nil
) throws(EstimationError)
  -> WeightDiagnostics
{
  try design.check(domain: domain)
  return try weightDiagnostics(of: design.weights, domain: domain)
}

/// Kish's design effect due to weighting, the effective sample size and a summary of a column
/// of weights (see ``weightDiagnostics(_:domain:)``).
///
/// - Throws: ``EstimationError/lengthMismatch(argument:expected:actual:)`` when the domain has
///   a different length; ``EstimationError/invalidArgument(_:)`` when a weight is negative or
///   not a number; ``EstimationError/noObservations(_:)`` when no weight in the domain is
///   positive.
/// - Complexity: O(*n*).
public func weightDiagnostics(
  of weights: [Double], domain: [Bool]? = nil
) throws(EstimationError)
  -> WeightDiagnostics
{
  if let domain, domain.count != weights.count {
    throw .lengthMismatch(argument: "domain", expected: weights.count, actual: domain.count)
  }
  var count = 0
  var zeros = 0
  var sum = 0.0
  var minimum = Double.infinity
  var maximum = 0.0
  for i in 0..<weights.count where domain?[i] ?? true {
    let w = weights[i]
    guard w.isFinite, w >= 0 else {
      throw .invalidArgument("the weight of respondent \(i + 1) is negative or not finite")
    }
    if w == 0 {
      zeros += 1
      continue
    }
    count += 1
    sum += w
    minimum = min(minimum, w)
    maximum = max(maximum, w)
  }
  guard count > 0 else { throw .noObservations("no respondent has a positive weight") }
  let n = Double(count)
  let mean = sum / n
  // Centred second pass, for accuracy when the weights are large and nearly equal.
  var squares = 0.0
  for i in 0..<weights.count where (domain?[i] ?? true) && weights[i] > 0 {
    let d = weights[i] - mean
    squares += d * d
  }
  let relativeVariance = squares / n / (mean * mean)
  let designEffect = 1 + relativeVariance
  return WeightDiagnostics(
    count: count, zeroWeightCount: zeros, sum: sum, minimum: minimum, maximum: maximum, mean: mean,
    coefficientOfVariation: relativeVariance.squareRoot(), designEffect: designEffect,
    effectiveSampleSize: n / designEffect)
}
