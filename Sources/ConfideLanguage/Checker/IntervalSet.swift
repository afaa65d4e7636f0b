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

  static let all = IntervalSet([
    Interval(lower: -.infinity, lowerClosed: false, upper: .infinity, upperClosed: false)
  ])
  static let empty = IntervalSet()

  static func point(_ x: Double) -> IntervalSet {
    IntervalSet([Interval(lower: x, lowerClosed: true, upper: x, upperClosed: true)])
  }

  static func range(_ lower: Double?, _ upper: Double?) -> IntervalSet {
    IntervalSet([
      Interval(
        lower: lower ?? -.infinity, lowerClosed: lower != nil, upper: upper ?? .infinity,
        upperClosed: upper != nil)
    ])
  }

  static func less(_ x: Double, orEqual: Bool) -> IntervalSet {
    IntervalSet([Interval(lower: -.infinity, lowerClosed: false, upper: x, upperClosed: orEqual)])
  }

  static func greater(_ x: Double, orEqual: Bool) -> IntervalSet {
    IntervalSet([Interval(lower: x, lowerClosed: orEqual, upper: .infinity, upperClosed: false)])
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

  func union(_ other: IntervalSet) -> IntervalSet { IntervalSet(intervals + other.intervals) }

  func intersection(_ other: IntervalSet) -> IntervalSet {
    var out: [Interval] = []
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
        out.append(
          Interval(lower: lower, lowerClosed: lowerClosed, upper: upper, upperClosed: upperClosed))
      }
    }
    return IntervalSet(out)
  }

  func complement() -> IntervalSet {
    var out: [Interval] = []
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
    return IntervalSet(
      out.map {
        var x = $0
        if x.lower == -.infinity { x.lowerClosed = false }
        if x.upper == .infinity { x.upperClosed = false }
        return x
      })
  }

  func subtracting(_ other: IntervalSet) -> IntervalSet { intersection(other.complement()) }
}
