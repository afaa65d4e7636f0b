import Foundation

/// A small, fast, seedable pseudo-random number generator: SplitMix64 (Steele, Lea and Flood,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014), as in Vigna's reference code
/// at <https://prng.di.unimi.it/splitmix64.c>.
///
/// The same seed always gives the same sequence, on every platform and in every release, so a
/// simulated data set is reproduced exactly from its seed. It passes BigCrush but is not
/// cryptographically secure: use it for simulation and tests, never for secrets.
///
/// ```swift
/// var generator = SplitMix64(seed: 42)
/// let x = generator.next()                          // the same on every run
/// let arm = ["a", "b"].randomElement(using: &generator)
/// ```
public struct SplitMix64: RandomNumberGenerator, Hashable, Sendable {
  /// The generator's whole state: it advances by a fixed odd constant at each step.
  public private(set) var state: UInt64

  /// A generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  ///
  /// - Complexity: O(1)
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

// The simulator's draws, written out rather than taken from the standard library's
// `Double.random(in:using:)`, so that a seed gives the same data whatever the Swift version.
extension RandomNumberGenerator {
  /// A uniform draw from [0, 1), with 53 random bits.
  mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform draw from [a, b).
  mutating func uniform(_ a: Double, _ b: Double) -> Double {
    a + (b - a) * uniform()
  }

  /// A uniform index in 0..<n (n ≥ 1).
  mutating func index(below n: Int) -> Int {
    min(n - 1, Int(uniform() * Double(n)))
  }

  /// Whether an event of probability `p` happens.
  mutating func bernoulli(_ p: Double) -> Bool {
    uniform() < p
  }

  /// A standard normal draw, by Marsaglia's polar method (one of each pair is used).
  mutating func normal() -> Double {
    while true {
      let u = 2 * uniform() - 1
      let v = 2 * uniform() - 1
      let s = u * u + v * v
      if s > 0, s < 1 { return u * (-2 * Foundation.log(s) / s).squareRoot() }
    }
  }

  /// A gamma(shape, 1) draw, by Marsaglia and Tsang's method ("A simple method for generating
  /// gamma variables", ACM TOMS 2000); shapes below 1 are boosted with a uniform power.
  mutating func gamma(shape: Double) -> Double {
    if shape < 1 {
      let u = Swift.max(uniform(), .leastNormalMagnitude)
      return gamma(shape: shape + 1) * Foundation.pow(u, 1 / shape)
    }
    let d = shape - 1.0 / 3
    let c = 1 / (9 * d).squareRoot()
    while true {
      let x = normal()
      let v0 = 1 + c * x
      if v0 <= 0 { continue }
      let v = v0 * v0 * v0
      let u = uniform()
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if Foundation.log(Swift.max(u, .leastNormalMagnitude)) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) {
        return d * v
      }
    }
  }

  /// Probabilities drawn from a symmetric Dirichlet(α) distribution over `count` outcomes.
  mutating func dirichlet(count: Int, alpha: Double) -> [Double] {
    let g = (0..<count).map { _ in gamma(shape: alpha) }
    let total = g.reduce(0, +)
    return total > 0 ? g.map { $0 / total } : Array(repeating: 1 / Double(count), count: count)
  }
}
