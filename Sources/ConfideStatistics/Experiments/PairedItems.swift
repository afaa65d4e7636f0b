/// The change between two binary (or numeric) items asked of the same respondents — before
/// and after a vignette, at two waves — with its design-based standard error.
///
/// Respondents who answered both items form the base. The change is the mean of the paired
/// difference *dᵢ* = afterᵢ − beforeᵢ, whose linearised variance accounts for the correlation
/// between the two answers, as `svymean(~I(after - before), design, na.rm = TRUE)`, and equals
/// `svycontrast(svymean(~after + before, design, na.rm = TRUE), c(1, -1))`.
///
/// ```swift
/// let change = try pairedChange(before: shareBefore, after: shareAfter, in: design)
/// change.difference.value      // −0.054: 5.4 points fewer would share after the vignette
/// ```
///
/// - Parameters:
///   - before: The first answer; `.nan` marks a missing answer.
///   - after: The second answer.
///   - design: The sampling design.
///   - domain: The subgroup, or `nil` for everyone.
/// - Returns: The mean change with both means and their covariance.
/// - Throws: ``EstimationError/noObservations(_:)`` when nobody answered both; the design's
///   errors.
/// - Complexity: O(*n* + *P*).
public func pairedChange(
  before: [Double], after: [Double], in design: SurveyDesign, domain: [Bool]? = nil
)
  throws(EstimationError) -> PairedChange
{
  try design.check(before, "before")
  try design.check(after, "after")
  try design.check(domain: domain)
  var both = [Bool](repeating: false, count: design.count)
  var difference = [Double](repeating: .nan, count: design.count)
  for i in 0..<design.count where !before[i].isNaN && !after[i].isNaN && (domain?[i] ?? true) {
    both[i] = true
    difference[i] = after[i] - before[i]
  }
  let change = try mean(difference, in: design, domain: both)
  let afterMean = try mean(after, in: design, domain: both)
  let beforeMean = try mean(before, in: design, domain: both)
  // The two means' influence values, zᵢ = wᵢ(yᵢ − ȳ)/Σw, for their covariance.
  let w = design.weights
  var afterInfluence = [Double](repeating: 0, count: design.count)
  var beforeInfluence = [Double](repeating: 0, count: design.count)
  for i in 0..<design.count where both[i] {
    afterInfluence[i] = w[i] * (after[i] - afterMean.value) / afterMean.weightedCount
    beforeInfluence[i] = w[i] * (before[i] - beforeMean.value) / beforeMean.weightedCount
  }
  let covariance = try design.covariance(ofTotals: [afterInfluence, beforeInfluence], presence: both)
  return PairedChange(difference: change, before: beforeMean, after: afterMean, covariance: covariance[0][1])
}

/// The change between two items answered by the same respondents.
public struct PairedChange: Sendable, Hashable {
  /// The mean of after − before over respondents who answered both.
  public var difference: Estimate
  /// The mean of the first item over the same respondents.
  public var before: Estimate
  /// The mean of the second item over the same respondents.
  public var after: Estimate
  /// The design covariance of the two means.
  public var covariance: Double
}

/// The unweighted 2×2 table of two binary items answered by the same respondents, rows the
/// first item and columns the second (a = yes/yes, b = yes/no, c = no/yes, d = no/no), for
/// McNemar's test (``TwoByTwoTable/mcNemar(continuityCorrection:)``, R's
/// `mcnemar.test(table(before, after))`), which assumes independent respondents.
///
/// - Parameters:
///   - first: The first answer, 0 or 1; `.nan` marks a missing answer.
///   - second: The second answer, 0 or 1.
///   - domain: The subgroup, or `nil` for everyone.
/// - Returns: The counts of the four answer pairs.
/// - Throws: ``EstimationError/lengthMismatch(argument:expected:actual:)``;
///   ``EstimationError/invalidArgument(_:)`` for an answer other than 0 or 1.
/// - Complexity: O(*n*).
public func pairedTable(
  _ first: [Double], _ second: [Double], domain: [Bool]? = nil
) throws(EstimationError)
  -> TwoByTwoTable
{
  guard second.count == first.count else {
    throw .lengthMismatch(argument: "second", expected: first.count, actual: second.count)
  }
  if let domain, domain.count != first.count {
    throw .lengthMismatch(argument: "domain", expected: first.count, actual: domain.count)
  }
  var cells = [0, 0, 0, 0]
  for i in 0..<first.count where !first[i].isNaN && !second[i].isNaN && (domain?[i] ?? true) {
    guard first[i] == 0 || first[i] == 1, second[i] == 0 || second[i] == 1 else {
      throw .invalidArgument("a paired answer of respondent \(i + 1) is not 0 or 1")
    }
    cells[(first[i] == 1 ? 0 : 2) + (second[i] == 1 ? 0 : 1)] += 1
  }
  return try TwoByTwoTable(a: cells[0], b: cells[1], c: cells[2], d: cells[3])
}
