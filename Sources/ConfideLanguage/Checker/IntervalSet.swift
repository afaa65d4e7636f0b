/// A union of disjoint real intervals, used to decide whether routing conditions can hold.
struct IntervalSet: Equatable, Sendable {
  struct Interval: Equatable, Sendable {
    var lower: Double
    var lowerClosed: Bool
    var upper: Double
    var upperClosed: Bool

    var isEmpty: Bool {
      lower > upper || (lower == upper && !(lowerClosed && upperClosed))
    }

    /// Whether the interval holds a whole number.
    var containsInteger: Bool {
      if isEmpty { return false }
      var lo = lower.rounded(.up)
      if lo == lower, !lowerClosed { lo += 1 }
      var hi = upper.rounded(.down)
      if hi == upper, !upperClosed { hi -= 1 }
      return lo <= hi
    }
  }

  private(set) var intervals: [Interval]

  init(_ intervals: [Interval] = []) {
    self.intervals = intervals.filter { !$0.isEmpty }
    normalize()
  }

  /// Wraps intervals that are already normalized: non-empty, sorted, and pairwise neither
  /// overlapping nor touching at a point either of them contains.
  private init(normalized intervals: [Interval]) {
    self.intervals = intervals
  }

  static let all = IntervalSet([
    Interval(lower: -.infinity, lowerClosed: false, upper: .infinity, upperClosed: false)
  ])
  static let empty = IntervalSet()

  /// The set of one interval. One non-empty interval is already normalized; an empty one, or one
  /// with a NaN bound, takes the general path.
  private static func single(_ interval: Interval) -> IntervalSet {
    if interval.isEmpty || interval.lower.isNaN || interval.upper.isNaN { return IntervalSet([interval]) }
    return IntervalSet(normalized: [interval])
  }

  static func point(_ x: Double) -> IntervalSet {
    single(Interval(lower: x, lowerClosed: true, upper: x, upperClosed: true))
  }

  /// The set of the given numbers (none of them NaN).
  static func points(_ xs: [Double]) -> IntervalSet {
    // Sorted and without repeats, single points are already normalized.
    var sorted = xs.sorted()
    var unique = 0
    for k in sorted.indices where unique == 0 || sorted[unique - 1] != sorted[k] {
      sorted[unique] = sorted[k]
      unique += 1
    }
    return IntervalSet(
      normalized: sorted[..<unique].map {
        Interval(lower: $0, lowerClosed: true, upper: $0, upperClosed: true)
      })
  }

  static func range(_ lower: Double?, _ upper: Double?) -> IntervalSet {
    single(
      Interval(
        lower: lower ?? -.infinity, lowerClosed: lower != nil, upper: upper ?? .infinity,
        upperClosed: upper != nil))
  }

  static func less(_ x: Double, orEqual: Bool) -> IntervalSet {
    single(Interval(lower: -.infinity, lowerClosed: false, upper: x, upperClosed: orEqual))
  }

  static func greater(_ x: Double, orEqual: Bool) -> IntervalSet {
    single(Interval(lower: x, lowerClosed: orEqual, upper: .infinity, upperClosed: false))
  }

  var isEmpty: Bool { intervals.isEmpty }

  func hasMember(integer: Bool) -> Bool {
    integer ? intervals.contains(where: \.containsInteger) : !intervals.isEmpty
  }

  private mutating func normalize() {
    intervals.sort {
      $0.lower < $1.lower || ($0.lower == $1.lower && $0.lowerClosed && !$1.lowerClosed)
    }
    var merged: [Interval] = []
    for i in intervals {
      if var last = merged.last,
        i.lower < last.upper || (i.lower == last.upper && (i.lowerClosed || last.upperClosed))
      {
        if i.upper > last.upper {
          last.upper = i.upper
          last.upperClosed = i.upperClosed
        } else if i.upper == last.upper {
          last.upperClosed = last.upperClosed || i.upperClosed
        }
        merged[merged.count - 1] = last
      } else {
        merged.append(i)
      }
    }
    intervals = merged
  }

  func union(_ other: IntervalSet) -> IntervalSet {
    if other.intervals.isEmpty { return self }
    if intervals.isEmpty { return other }
    return IntervalSet(intervals + other.intervals)
  }

  /// Whether this is the whole line, as ``all`` is.
  private var isAll: Bool {
    intervals.count == 1 && intervals[0] == Self.all.intervals[0]
  }

  private var hasNaN: Bool { intervals.contains { $0.lower.isNaN || $0.upper.isNaN } }

  /// Whether intersecting with ``all`` gives this set back unchanged: every end is finite, or
  /// infinite and open (the general case would open closed infinite ends and drop NaN bounds).
  private var isUnchangedByAll: Bool {
    intervals.allSatisfy {
      ($0.lower.isFinite || ($0.lower == -.infinity && !$0.lowerClosed))
        && ($0.upper.isFinite || ($0.upper == .infinity && !$0.upperClosed))
    }
  }

  func intersection(_ other: IntervalSet) -> IntervalSet {
    if intervals.isEmpty || other.intervals.isEmpty { return .empty }
    if other.isAll, isUnchangedByAll { return self }
    if isAll, other.isUnchangedByAll { return other }
    // Both sets are normalized, so the pieces come out normalized too: taken in this order they
    // are sorted (the pieces of one interval of `self` all come before those of the next), and
    // two pieces cannot overlap or touch because the intervals they came from do not. NaN bounds
    // (from absurd literals) have no order, so those sets take the general path.
    let ordered = !hasNaN && !other.hasNaN
    var out: [Interval] = []
    // Each piece ends where an interval of one of the sets ends, so there are fewer pieces than
    // intervals in the two together.
    out.reserveCapacity(intervals.count + other.intervals.count)
    for a in intervals {
      for b in other.intervals {
        let lower: Double
        let lowerClosed: Bool
        if a.lower != b.lower {
          (lower, lowerClosed) = a.lower > b.lower ? (a.lower, a.lowerClosed) : (b.lower, b.lowerClosed)
        } else {
          (lower, lowerClosed) = (a.lower, a.lowerClosed && b.lowerClosed)
        }
        let upper: Double
        let upperClosed: Bool
        if a.upper != b.upper {
          (upper, upperClosed) = a.upper < b.upper ? (a.upper, a.upperClosed) : (b.upper, b.upperClosed)
        } else {
          (upper, upperClosed) = (a.upper, a.upperClosed && b.upperClosed)
        }
        let piece = Interval(lower: lower, lowerClosed: lowerClosed, upper: upper, upperClosed: upperClosed)
        if !ordered || !piece.isEmpty { out.append(piece) }
      }
    }
    return ordered ? IntervalSet(normalized: out) : IntervalSet(out)
  }

  func complement() -> IntervalSet {
    var out: [Interval] = []
    out.reserveCapacity(intervals.count + 1)
    var lower = -Double.infinity
    var lowerClosed = false
    for i in intervals {
      out.append(
        Interval(lower: lower, lowerClosed: lowerClosed, upper: i.lower, upperClosed: !i.lowerClosed))
      lower = i.upper
      lowerClosed = !i.upperClosed
    }
    out.append(Interval(lower: lower, lowerClosed: lowerClosed, upper: .infinity, upperClosed: false))
    // Infinite ends are never members.
    for k in out.indices {
      if out[k].lower == -.infinity { out[k].lowerClosed = false }
      if out[k].upper == .infinity { out[k].upperClosed = false }
    }
    // The gaps between the intervals of a normalized set come out sorted, and no two of them
    // touch at a point either contains: only the empty ones need dropping. NaN bounds (from
    // absurd literals) have no order, so those sets take the general path.
    guard !hasNaN else { return IntervalSet(out) }
    out.removeAll { $0.isEmpty }
    return IntervalSet(normalized: out)
  }

  func subtracting(_ other: IntervalSet) -> IntervalSet { intersection(other.complement()) }
}
