import Testing

@testable import ConfideStatistics

/// The orthant probabilities behind the chi-bar-squared weights of the list experiment's
/// design-effect test, against closed forms that do not use Plackett's identity.
@Suite struct OrthantProbabilityTests {
  /// The equicorrelated matrix of order m with correlation ρ.
  func equicorrelated(_ m: Int, _ rho: Double) -> [[Double]] {
    (0..<m).map { a in (0..<m).map { a == $0 ? 1 : rho } }
  }

  @Test func independentComponents() {
    for m in 0...6 { #expect(orthantProbability(equicorrelated(m, 0)) == 1 / Double(1 << m)) }
  }

  @Test(arguments: 4...6)
  func equicorrelationOneHalfGivesOneOverMPlusOne(m: Int) {
    // P(Z > 0) = 1/(m + 1) for ρ = ½ (Z = X₀ + Xᵢ with iid Xs: the chance that X₀ is the largest
    // of m + 1 after reflection; Steck 1962).
    expectClose(orthantProbability(equicorrelated(m, 0.5)), 1 / Double(m + 1), relative: 1e-12)
  }

  @Test func scaleDoesNotMatter() {
    let correlation = [[1, 0.3, -0.2, 0.1], [0.3, 1, 0.4, 0], [-0.2, 0.4, 1, 0.25], [0.1, 0, 0.25, 1]]
    let scales = [2.0, 0.5, 3.0, 1.5]
    let covariance = (0..<4).map { a in (0..<4).map { correlation[a][$0] * scales[a] * scales[$0] } }
    expectClose(orthantProbability(covariance), orthantProbability(correlation), relative: 1e-14)
  }

  @Test func theChiBarSquaredWeightsSumToOneAndAlternate() throws {
    let covariance = [
      [1, 0.6, 0.2, 0.1, 0], [0.6, 1, 0.5, 0.2, 0.1], [0.2, 0.5, 1, 0.4, 0.2], [0.1, 0.2, 0.4, 1, 0.3],
      [0, 0.1, 0.2, 0.3, 1],
    ]
    let test = try OrthantTest([-0.5, 0.2, -0.1, 0.3, 0.4], covariance: covariance)
    expectClose(test.weights.reduce(0, +), 1, relative: 1e-12)
    let even = stride(from: 0, to: test.weights.count, by: 2).reduce(0) { $0 + test.weights[$1] }
    expectClose(even, 0.5, relative: 1e-12)
    #expect(test.statistic > 0)
    #expect(test.pValue > 0 && test.pValue < 1)
  }
}
