/// How respondents were sampled: their weights, strata, primary sampling units (PSUs) and the
/// finite population correction, as R's `survey::svydesign(ids=, strata=, weights=, fpc=,
/// nest=TRUE)` describes a one-stage design.
///
/// A design holds no answers. Estimators take a column of answers (one `Double` per respondent,
/// `.nan` for a missing answer) and the design, and return an ``Estimate`` whose variance is
/// the Taylor-linearised (Horvitz–Thompson, with-replacement-at-the-first-stage) variance
/// that `survey` computes.
///
/// ```swift
/// let design = try SurveyDesign(weights: pw, strata: Grouping(stype),
///                               fpc: .populationSize(fpc))
/// let api00 = try mean(scores, in: design)   // 662.29, SE 9.41 on R's apistrat
/// ```
///
/// Clusters are always taken as nested in strata (R's `nest=TRUE`): the same cluster label in
/// two strata names two different PSUs.
public struct SurveyDesign: Sendable {
  /// The number of respondents.
  public let count: Int
  /// Each respondent's sampling weight (the inverse of the probability of selection), after
  /// any calibration.
  public internal(set) var weights: [Double]
  /// What to do with a stratum that holds one PSU.
  public var lonelyPSU: LonelyPSURule
  /// Whether the design has strata.
  public let isStratified: Bool
  /// Whether respondents were sampled in clusters.
  public let isClustered: Bool

  /// Each respondent's stratum, `0..<stratumCount`.
  let stratumOfRow: [Int32]
  /// Each respondent's PSU, `0..<psuCount`, numbered so that PSUs are unique across strata.
  let psuOfRow: [Int32]
  /// Each PSU's stratum.
  let stratumOfPSU: [Int32]
  /// The number of PSUs sampled in each stratum (*n*ₕ).
  let psusInStratum: [Int]
  /// The population size of each stratum in PSUs (*N*ₕ), or `.infinity` without an fpc.
  let populationPSUs: [Double]
  /// Calibration applied to the weights, undone on influence values before their variance is
  /// taken, as `survey::svyrecvar` does with a design's `postStrata`.
  public internal(set) var calibration: [CalibrationStep] = [] {
    didSet {
      calibrationPlan =
        calibration.isEmpty
        ? nil
        : CalibrationPlan(
          steps: calibration, psuOfRow: psuOfRow, psuCount: psuCount, stratumOfPSU: stratumOfPSU,
          stratumCount: stratumCount)
    }
  }
  /// The calibration prepared for variance computations.
  private(set) var calibrationPlan: CalibrationPlan?

  /// The number of strata.
  public var stratumCount: Int { psusInStratum.count }
  /// The number of PSUs.
  public var psuCount: Int { stratumOfPSU.count }

  /// Describes a one-stage design.
  ///
  /// - Parameters:
  ///   - weights: Sampling weights; when `nil`, each respondent weighs *N*ₕ/*n*ₕ when an fpc is
  ///     given (as R derives them) and 1 otherwise. Weights must be finite and not negative; a
  ///     weight of zero keeps a respondent in the design without counting them.
  ///   - strata: Each respondent's stratum, or `nil` for an unstratified design.
  ///   - clusters: Each respondent's PSU, or `nil` when respondents were sampled individually.
  ///   - fpc: The finite population correction, or `nil` for sampling with replacement.
  ///   - lonelyPSU: What to do with a stratum that holds one PSU.
  /// - Throws: ``EstimationError`` when a column has the wrong length, a weight is negative or
  ///   not finite, a stratum or cluster label is missing, the fpc varies within a stratum or
  ///   implies sampling more PSUs than the population holds.
  /// - Complexity: O(*n*) for *n* respondents.
  public init(
    weights: [Double]? = nil, strata: Grouping? = nil, clusters: Grouping? = nil,
    fpc: FinitePopulationCorrection? = nil, lonelyPSU: LonelyPSURule = .fail
  ) throws(EstimationError) {
    let n = weights?.count ?? strata?.codes.count ?? clusters?.codes.count ?? fpc?.values.count ?? 0
    for (argument, length) in [
      ("weights", weights?.count), ("strata", strata?.codes.count), ("clusters", clusters?.codes.count),
      ("fpc", fpc?.values.count),
    ] {
      if let length, length != n { throw .lengthMismatch(argument: argument, expected: n, actual: length) }
    }
    if strata?.codes.contains(-1) == true { throw .invalidArgument("a respondent has no stratum") }
    if clusters?.codes.contains(-1) == true { throw .invalidArgument("a respondent has no cluster") }
    count = n
    self.lonelyPSU = lonelyPSU
    isStratified = strata != nil
    isClustered = clusters != nil

    // Strata and PSUs, numbered densely in order of first appearance.
    let stratumCount = strata?.count ?? 1
    stratumOfRow = strata?.codes ?? [Int32](repeating: 0, count: n)
    var psuIndex: [Int64: Int32] = [:]
    var psuOfRow = [Int32](repeating: 0, count: n)
    var stratumOfPSU: [Int32] = []
    var psusInStratum = [Int](repeating: 0, count: stratumCount)
    if let clusters {
      let width = Int64(clusters.count)
      for i in 0..<n {
        let key = Int64(stratumOfRow[i]) * width + Int64(clusters.codes[i])
        if let psu = psuIndex[key] {
          psuOfRow[i] = psu
        } else {
          let psu = Int32(stratumOfPSU.count)
          psuIndex[key] = psu
          psuOfRow[i] = psu
          stratumOfPSU.append(stratumOfRow[i])
          psusInStratum[Int(stratumOfRow[i])] += 1
        }
      }
    } else {
      for i in 0..<n {
        psuOfRow[i] = Int32(i)
        psusInStratum[Int(stratumOfRow[i])] += 1
      }
      stratumOfPSU = stratumOfRow
    }
    self.psuOfRow = psuOfRow
    self.stratumOfPSU = stratumOfPSU
    self.psusInStratum = psusInStratum

    // The population size per stratum, as `survey:::as.fpc` reads it.
    var population = [Double](repeating: .infinity, count: stratumCount)
    if let fpc {
      var seen = [Bool](repeating: false, count: stratumCount)
      for i in 0..<n {
        let h = Int(stratumOfRow[i])
        let value = fpc.values[i]
        guard value.isFinite, value > 0 else {
          throw .invalidArgument("the fpc of respondent \(i + 1) is not a positive number")
        }
        let size: Double
        switch fpc {
        case .populationSize: size = value
        case .samplingFraction:
          guard value <= 1 else { throw .invalidArgument("a sampling fraction is above 1 (respondent \(i + 1))") }
          size = Double(psusInStratum[h]) / value
        }
        if seen[h], population[h] != size {
          throw .invalidArgument("the fpc varies within stratum \(h + 1)")
        }
        seen[h] = true
        population[h] = size
      }
      for h in 0..<stratumCount where population[h] < Double(psusInStratum[h]) {
        throw .invalidArgument(
          "the fpc implies more than 100% sampling in stratum \(h + 1) (\(psusInStratum[h]) PSUs sampled)")
      }
    }
    populationPSUs = population

    if let weights {
      for (i, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
        throw .invalidArgument("the weight of respondent \(i + 1) is negative or not finite")
      }
      self.weights = weights
    } else if fpc != nil {
      self.weights = stratumOfRow.map { h in population[Int(h)] / Double(psusInStratum[Int(h)]) }
    } else {
      self.weights = [Double](repeating: 1, count: n)
    }
  }

  /// The design's degrees of freedom for *t* intervals and tests: the number of PSUs minus the
  /// number of strata, counting only respondents with a positive weight (R's `degf`).
  public var degreesOfFreedom: Int { degreesOfFreedom(in: nil) }

  /// The degrees of freedom of a domain: PSUs minus strata among its respondents with a
  /// positive weight, as R's `degf` of `subset(design, domain)`.
  public func degreesOfFreedom(in domain: [Bool]?) -> Int {
    var psuSeen = [Bool](repeating: false, count: psuCount)
    var stratumSeen = [Bool](repeating: false, count: stratumCount)
    var psus = 0
    var strata = 0
    withBaseAddress(domain) { domain in
      weights.withUnsafeBufferPointer { weights in
        psuOfRow.withUnsafeBufferPointer { psuOfRow in
          psuSeen.withUnsafeMutableBufferPointer { psuSeen in
            for i in 0..<count where weights[i] != 0 && (domain?[i] ?? true) {
              let psu = Int(psuOfRow[i])
              if !psuSeen[psu] {
                psuSeen[psu] = true
                psus += 1
              }
              let h = Int(stratumOfRow[i])
              if !stratumSeen[h] {
                stratumSeen[h] = true
                strata += 1
              }
            }
          }
        }
      }
    }
    return psus - strata
  }

  /// Checks that a column describes this design's respondents.
  func check(_ column: [Double], _ argument: String) throws(EstimationError) {
    guard column.count == count else {
      throw .lengthMismatch(argument: argument, expected: count, actual: column.count)
    }
  }

  /// Checks that a domain describes this design's respondents.
  func check(domain: [Bool]?) throws(EstimationError) {
    if let domain, domain.count != count {
      throw .lengthMismatch(argument: "domain", expected: count, actual: domain.count)
    }
  }
}
