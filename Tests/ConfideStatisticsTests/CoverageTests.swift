import ConfideStatistics
import Testing

/// Does a 95% interval cover the truth 95% of the time? Responses are simulated from a known
/// population with a planted chilling effect, sampled by a stratified cluster design with
/// unequal weights, and estimated a thousand times.
@Suite struct CoverageTests {
  /// A population of 8 strata whose PSUs differ (a random PSU effect), where being shown the
  /// "data shared with the Home Office" vignette lowers the chance of being willing to share
  /// health information by an amount that differs between strata.
  struct Population {
    static let strata = 8
    /// PSUs in each stratum's population.
    static let populationPSUs: [Double] = [60, 80, 100, 120, 60, 80, 100, 120]
    /// Respondents sampled per PSU (so the weights differ between strata).
    static let perPSU = [4, 6, 8, 10, 12, 6, 8, 10]
    static let sampledPSUs = 12
    /// People per PSU in the population.
    static let psuSize = 50.0
    /// Willingness in the control arm, and the planted effect of the vignette, per stratum.
    static let baseline: [Double] = [0.70, 0.65, 0.60, 0.55, 0.75, 0.50, 0.62, 0.58]
    static let effect: [Double] = [-0.05, -0.08, -0.10, -0.15, -0.04, -0.12, -0.09, -0.11]

    /// The population difference in willingness between the arms: each stratum's effect
    /// weighted by its population.
    static var trueEffect: Double {
      var weighted = 0.0
      var total = 0.0
      for h in 0..<strata {
        let people = populationPSUs[h] * psuSize
        weighted += people * effect[h]
        total += people
      }
      return weighted / total
    }
  }

  /// One sample: willingness (0/1), the arm (0 control, 1 vignette) and the design.
  func sample(using generator: inout SeededGenerator) throws -> (y: [Double], arm: Grouping, design: SurveyDesign) {
    var y: [Double] = []
    var arms: [Int] = []
    var strata: [Int] = []
    var clusters: [Int] = []
    var weights: [Double] = []
    for h in 0..<Population.strata {
      let weight =
        Population.populationPSUs[h] / Double(Population.sampledPSUs) * Population.psuSize
        / Double(Population.perPSU[h])
      for psu in 0..<Population.sampledPSUs {
        let psuEffect = Double.random(in: -0.15...0.15, using: &generator)
        for _ in 0..<Population.perPSU[h] {
          let arm = Bool.random(using: &generator) ? 1 : 0
          let p = Population.baseline[h] + psuEffect + Double(arm) * Population.effect[h]
          y.append(Double.random(in: 0..<1, using: &generator) < p ? 1 : 0)
          arms.append(arm)
          strata.append(h)
          clusters.append(psu)
          weights.append(weight)
        }
      }
    }
    // PSU effects are drawn afresh for each sample, so the truth is the model's expectation and
    // the design is analysed as sampled with replacement (no fpc), as for a superpopulation.
    let design = try SurveyDesign(weights: weights, strata: Grouping(strata), clusters: Grouping(clusters))
    return (y, Grouping(arms), design)
  }

  @Test func ninetyFivePercentIntervalsForAVignetteEffectCoverTheTruth() throws {
    var generator = SeededGenerator(seed: 20_261_130)
    let truth = Population.trueEffect
    let replications = 1_000
    var covered = 0
    for _ in 0..<replications {
      let (y, arm, design) = try sample(using: &generator)
      let effect = try mean(y, in: design, by: arm).difference(1, minus: 0)
      let interval = try effect.confidenceInterval(level: 0.95, degreesOfFreedom: Double(effect.degreesOfFreedom))
      if interval.contains(truth) { covered += 1 }
    }
    let coverage = Double(covered) / Double(replications)
    #expect((0.93...0.97).contains(coverage), "coverage \(coverage) of the truth \(truth)")
  }
}
