/// The rule that turns a respondent's answers to a scale's items into one score on the construct.
///
/// Items marked `reversed` are first reverse-coded over the scale's declared range,
/// x′ = min + max − x (on a 1–5 scale, 1 ↔ 5 and 2 ↔ 4). The score is then the mean (or a sum) of the
/// items the respondent answered; a respondent with fewer than `minimumItems` answers has no score.
///
/// This is the usual "mean of available items with a minimum-count rule" of scale manuals, and R's
/// `ifelse(rowSums(!is.na(x)) >= m, rowMeans(x, na.rm = TRUE), NA)` after reverse-coding.
/// With `minimumItems = 1` and ``Aggregation-swift.enum/mean`` it is the total score of
/// `psych::alpha` (`cumulative = FALSE`).
///
/// ```swift
/// let trust = ConstructScore(reversed: [false, true, false], scaleRange: 1...5, minimumItems: 2)
/// let scores = try trust.scores([[4, 2, nil], [2, 4, nil], [nil, 2, 3]])  // [4, 2, nil]
/// ```
public struct ConstructScore: Hashable, Sendable {
  /// How the answered items are combined.
  public enum Aggregation: Hashable, Sendable {
    /// The mean of the answered items (R's `rowMeans(x, na.rm = TRUE)`).
    case mean
    /// The sum of the answered items (R's `rowSums(x, na.rm = TRUE)`); respondents with more missing
    /// items get lower sums, so pair it with a strict `minimumItems`.
    case sum
    /// The mean of the answered items times the number of items: a sum on the full scale's metric
    /// that does not penalise missing answers (prorating).
    case proratedSum
  }

  /// For each item, whether it is worded against the construct and must be reverse-coded.
  public var reversed: [Bool]
  /// The declared range of every item's answers, used for reverse-coding (min + max − x).
  public var scaleRange: ClosedRange<Double>
  /// The fewest answered items that still give a score (1 … number of items).
  public var minimumItems: Int
  /// How the answered items are combined.
  public var aggregation: Aggregation

  /// A scoring rule for a scale with `reversed.count` items.
  public init(
    reversed: [Bool], scaleRange: ClosedRange<Double>, minimumItems: Int = 1, aggregation: Aggregation = .mean
  ) {
    self.reversed = reversed
    self.scaleRange = scaleRange
    self.minimumItems = minimumItems
    self.aggregation = aggregation
  }

  /// The score of every respondent; `nil` where fewer than `minimumItems` items were answered.
  ///
  /// - Parameter items: the answers item by item: `items[i][r]` is respondent r's answer to item i,
  ///   `nil` when missing. Every column has one entry per respondent.
  /// - Returns: one score per respondent, in order.
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when there are no items, the number of items
  ///   differs from `reversed.count`, `minimumItems` is outside 1 … k, or an answer lies outside
  ///   `scaleRange` (reverse-coding it would be meaningless); ``EstimationError/lengthMismatch(argument:expected:actual:)``
  ///   when the columns differ in length.
  /// - Complexity: O(n·k) for n respondents and k items; one allocation (the result).
  public func scores(_ items: [[Double?]]) throws(EstimationError) -> [Double?] {
    guard !items.isEmpty else { throw .invalidArgument("a scale needs at least one item") }
    guard items.count == reversed.count else {
      throw .invalidArgument("\(items.count) item columns but \(reversed.count) reverse-coding flags")
    }
    guard (1...items.count).contains(minimumItems) else {
      throw .invalidArgument("minimumItems must be between 1 and \(items.count), not \(minimumItems)")
    }
    let n = items[0].count
    for (i, column) in items.enumerated() {
      guard column.count == n else {
        throw .lengthMismatch(argument: "item \(i + 1)", expected: n, actual: column.count)
      }
      guard column.allSatisfy({ $0.map(scaleRange.contains) ?? true }) else {
        throw .invalidArgument("item \(i + 1) has an answer outside the scale range \(scaleRange)")
      }
    }
    return scoresWithoutValidation(items)
  }

  /// ``scores(_:)`` for columns already known to be valid.
  func scoresWithoutValidation(_ items: [[Double?]]) -> [Double?] {
    let n = items.first?.count ?? 0
    let k = items.count
    let flip = scaleRange.lowerBound + scaleRange.upperBound
    var result = [Double?](repeating: nil, count: n)
    for r in 0..<n {
      var sum = 0.0
      var answered = 0
      for i in 0..<k {
        guard let x = items[i][r] else { continue }
        sum += reversed[i] ? flip - x : x
        answered += 1
      }
      guard answered >= minimumItems else { continue }
      switch aggregation {
      case .mean: result[r] = sum / Double(answered)
      case .sum: result[r] = sum
      case .proratedSum: result[r] = sum / Double(answered) * Double(k)
      }
    }
    return result
  }
}
