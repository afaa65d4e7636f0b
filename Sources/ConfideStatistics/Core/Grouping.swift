/// Which group each respondent belongs to — a stratum, a cluster, a subgroup, a calibration
/// cell — coded as dense integers.
///
/// Levels are ordered as R orders a factor's levels (sorted), so that tables come out in the
/// order researchers expect and match R's output row for row.
///
/// ```swift
/// let region = Grouping(["north", "south", "north"])   // levels ["north", "south"]
/// region.codes                                          // [0, 1, 0]
/// ```
public struct Grouping: Sendable, Hashable {
  /// Each respondent's group, `0..<levels.count`, or `-1` for a respondent in no group (a
  /// missing value), who is left out of every group.
  public let codes: [Int32]
  /// The groups' names, in code order.
  public let levels: [String]

  /// The number of groups.
  public var count: Int { levels.count }

  /// Groups respondents by a label; `nil` labels belong to no group.
  ///
  /// - Complexity: O(*n* log *k*) for *n* respondents and *k* distinct labels.
  @inlinable
  public init<Label: Hashable & Comparable & CustomStringConvertible>(_ labels: [Label?]) {
    let distinct = Set(labels.compactMap { $0 }).sorted()
    var index: [Label: Int32] = [:]
    index.reserveCapacity(distinct.count)
    for (code, label) in distinct.enumerated() { index[label] = Int32(code) }
    codes = labels.map { label in label.flatMap { index[$0] } ?? -1 }
    levels = distinct.map(\.description)
  }

  /// Groups respondents by a label.
  @inlinable
  public init<Label: Hashable & Comparable & CustomStringConvertible>(_ labels: [Label]) {
    self.init(labels.map { Optional($0) })
  }

  /// Groups respondents by codes already made dense.
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when a code is outside
  ///   `-1..<levels.count`.
  public init(codes: [Int32], levels: [String]) throws(EstimationError) {
    for code in codes where code < -1 || Int(code) >= levels.count {
      throw .invalidArgument("group code \(code) is outside the \(levels.count) levels")
    }
    self.codes = codes
    self.levels = levels
  }

  /// The groups obtained by crossing two groupings, levels named `a.b` and ordered as R's
  /// `interaction` (and so `svyby`) orders them: this grouping's level varies fastest.
  /// A respondent missing in either belongs to no group. Only combinations that occur are kept.
  public func crossed(with other: Grouping) throws(EstimationError) -> Grouping {
    guard codes.count == other.codes.count else {
      throw .lengthMismatch(argument: "grouping", expected: codes.count, actual: other.codes.count)
    }
    let width = Int64(count)
    let keys: [Int64?] = zip(codes, other.codes).map { a, b in
      a < 0 || b < 0 ? nil : Int64(b) * width + Int64(a)
    }
    let present = Set(keys.compactMap { $0 }).sorted()
    var index: [Int64: Int32] = [:]
    for (code, key) in present.enumerated() { index[key] = Int32(code) }
    let names = present.map { key in "\(levels[Int(key % width)]).\(other.levels[Int(key / width)])" }
    return try Grouping(codes: keys.map { $0.flatMap { index[$0] } ?? -1 }, levels: names)
  }
}
