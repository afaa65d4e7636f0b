/// A confidence interval: the range of values compatible with the data at a confidence level.
public struct ConfidenceInterval: Sendable, Hashable {
  /// The lower limit.
  public var lower: Double
  /// The upper limit.
  public var upper: Double
  /// The confidence level, in (0, 1).
  public var level: Double

  /// Creates an interval.
  public init(lower: Double, upper: Double, level: Double) {
    self.lower = lower
    self.upper = upper
    self.level = level
  }

  /// Whether `value` lies in the interval (limits included).
  public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
