import Foundation

/// Which tail a probability refers to.
enum Tail {
  /// P(X ≤ x), increasing in x.
  case lower
  /// P(X > x), decreasing in x.
  case upper
}

/// Inverts a tail probability of a distribution on the positive half-line by Newton's method on
/// the log–log scale, safeguarded by a shrinking bracket.
///
/// With u = ln x and h(u) = ln(T(x)/target), the step is Δu = −h / (±x f(x)/T(x)); it is exact
/// for power-law tails (near 0 and for t and F upper tails) and converges quadratically
/// elsewhere. Every evaluation narrows the bracket [lo, hi] that holds the root; a step that
/// leaves it is replaced by a geometric bisection. Iteration stops when |Δu| ≤ 4ε, i.e. when x
/// is fixed to a few units in the last place (this is the "Newton refinement on the exact cdf" of
/// Boost's and R's quantile routines).
///
/// - Parameters:
///   - target: the tail probability wanted, in (0, 1).
///   - tail: whether `probability` is the lower or upper tail.
///   - guesses: starting points; the one whose tail is closest to `target` (on the log scale) is used.
///   - upperBound: the end of the support (1 for a beta variable).
///   - probability: the tail function T(x).
///   - density: the density f(x).
/// - Returns: x with T(x) = target to working precision; 0 if the root is below the smallest
///   normal double (as R's quantile functions) and +infinity if it overflows.
func invertTail(
  target: Double, tail: Tail, guesses: [Double], upperBound: Double = .infinity,
  probability: (Double) -> Double, density: (Double) -> Double
) -> Double {
  var x = upperBound.isFinite ? upperBound / 2 : 1
  var bestDistance = Double.infinity
  for guess in guesses where guess > 0 && guess < upperBound && guess.isFinite {
    let distance = abs(log(probability(guess) / target))
    if distance < bestDistance {
      bestDistance = distance
      x = guess
    }
  }
  let root = searchTail(
    target: target, tail: tail, start: x, upperBound: upperBound, probability: probability, density: density)
  return root < Double.leastNormalMagnitude ? 0 : root
}

private func searchTail(
  target: Double, tail: Tail, start: Double, upperBound: Double,
  probability: (Double) -> Double, density: (Double) -> Double
) -> Double {
  var lo = 0.0
  var hi = upperBound
  var x = start
  let sign: Double = tail == .lower ? 1 : -1
  for _ in 0..<500 {
    let t = probability(x)
    if t == target { return x }
    let rootAbove = tail == .lower ? t < target : t > target
    if rootAbove { lo = x } else { hi = x }
    var next = Double.nan
    let f = density(x)
    if t > 0, f > 0, f.isFinite {
      let slope = sign * x * f / t
      let step = -log(t / target) / slope
      if abs(step) <= 4 * Double.ulpOfOne { return x * exp(step) }
      next = x * exp(step)
    }
    if !(next > lo && next < hi) {
      if hi == .infinity {
        next = x * 16
      } else if lo == 0 {
        next = hi / 16
      } else {
        next = sqrt(lo) * sqrt(hi)
      }
    }
    if next == 0 || next == .infinity { return next }
    if next == x || next <= lo || next >= hi { return x }
    x = next
  }
  return x
}
