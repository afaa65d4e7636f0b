extension ReplicateDesign {
  /// Bootstrap replicates of a design, as R's `as.svrepdesign(design, type = "bootstrap" |
  /// "subbootstrap", replicates = R)`.
  ///
  /// - ``ReplicationMethod/bootstrap`` (R's `bootweights`, the Canty–Davison bootstrap): in
  ///   each stratum, *n*ₕ PSUs are drawn with replacement and each PSU's factor is the number
  ///   of times it was drawn. Under an fpc the *n*ₕ PSUs are drawn without replacement from a
  ///   population of ⌊*N*ₕ⌋ made by repeating the stratum's PSUs in a random order. The scale
  ///   is *p*/((*p* − 1)(*R* − 1)), *p* the harmonic mean of the number of PSUs per stratum.
  /// - ``ReplicationMethod/subsampleBootstrap`` (R's `subbootweights`, the Rao–Wu rescaling
  ///   bootstrap): *n*ₕ − 1 PSUs drawn with replacement, factors (draws)·*n*ₕ/(*n*ₕ − 1), scale
  ///   1/(*R* − 1); the fpc is not used.
  ///
  /// The draws come from `generator`, so a seeded generator gives the same replicates every
  /// time; they cannot reproduce R's random numbers (to match an R analysis exactly, export its
  /// replicate weights and use ``init(weights:units:unitFactors:method:scale:replicateScales:meanSquaredError:degreesOfFreedom:)``).
  ///
  /// - Parameters:
  ///   - design: A design that has not been calibrated.
  ///   - replicates: The number of replicates, at least 2 (R's default is 50).
  ///   - method: ``ReplicationMethod/bootstrap`` or ``ReplicationMethod/subsampleBootstrap``.
  ///   - meanSquaredError: Centre variances on the full-sample estimate (R's `mse=TRUE`).
  ///   - generator: The source of randomness.
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for fewer than two replicates, another
  ///   method, a calibrated design, or a design whose every stratum has a single PSU;
  ///   ``EstimationError/lonelyPSU(stratum:)`` for a stratum with one PSU under the
  ///   subsample bootstrap, which cannot resample it.
  /// - Complexity: O(*n* + *R*·#PSU) time; draw counts take 2 bytes per PSU and replicate.
  public init(
    bootstrap design: SurveyDesign, replicates: Int = 50, method: ReplicationMethod = .bootstrap,
    meanSquaredError: Bool = false, using generator: inout some RandomNumberGenerator
  ) throws(EstimationError) {
    guard replicates >= 2 else { throw .invalidArgument("a bootstrap needs at least two replicates") }
    guard method == .bootstrap || method == .subsampleBootstrap else {
      throw .invalidArgument("a bootstrap design's method must be bootstrap or subsampleBootstrap")
    }
    guard design.calibration.isEmpty else {
      throw .invalidArgument("a calibrated design cannot be converted to replicate weights: convert it first")
    }
    let unitCount = design.psuCount
    let strata = design.stratumCount
    var unitsOfStratum = [[Int32]](repeating: [], count: strata)
    for (u, h) in design.stratumOfPSU.enumerated() { unitsOfStratum[Int(h)].append(Int32(u)) }
    var counts = [UInt16](repeating: 0, count: replicates * unitCount)
    var multiplier = [Double](repeating: 1, count: unitCount)
    var chosen = Set<Int>()

    for h in 0..<strata {
      let members = unitsOfStratum[h]
      let n = members.count
      if method == .subsampleBootstrap {
        guard n > 1 else { throw .lonelyPSU(stratum: h + 1) }
        for u in members { multiplier[Int(u)] = Double(n) / Double(n - 1) }
        for r in 0..<replicates {
          for _ in 0..<(n - 1) {
            let u = Int(members[Int.random(in: 0..<n, using: &generator)])
            try Self.draw(&counts[r * unitCount + u])
          }
        }
        continue
      }
      let population = design.populationPSUs[h]
      if population.isFinite {
        // Without replacement from ⌊N⌋ copies of the PSUs, in an order shuffled once per stratum.
        let order = members.shuffled(using: &generator)
        let pool = Int(population.rounded(.down))
        for r in 0..<replicates {
          // Floyd's algorithm: n distinct positions of the pool.
          chosen.removeAll(keepingCapacity: true)
          for j in (pool - n)..<pool {
            let t = Int.random(in: 0...j, using: &generator)
            let position = chosen.contains(t) ? j : t
            chosen.insert(position)
            try Self.draw(&counts[r * unitCount + Int(order[position % n])])
          }
        }
      } else {
        for r in 0..<replicates {
          for _ in 0..<n {
            let u = Int(members[Int.random(in: 0..<n, using: &generator)])
            try Self.draw(&counts[r * unitCount + u])
          }
        }
      }
    }

    let scale: Double
    if method == .bootstrap {
      var reciprocal = 0.0
      for h in 0..<strata { reciprocal += 1 / Double(unitsOfStratum[h].count) }
      let perStratum = Double(strata) / reciprocal
      guard perStratum > 1 else {
        throw .invalidArgument("a bootstrap needs a stratum with two or more primary sampling units")
      }
      scale = perStratum / ((perStratum - 1) * Double(replicates - 1))
    } else {
      scale = 1 / Double(replicates - 1)
    }
    let units = ReplicateUnits(unitOfRow: design.psuOfRow, unitCount: unitCount)
    self.init(
      weights: design.weights, method: method, scale: scale,
      replicateScales: [Double](repeating: 1, count: replicates), meanSquaredError: meanSquaredError,
      factors: .unitCounts(units, counts: counts, multiplier: multiplier), degreesOfFreedom: nil)
  }

  /// Counts one more draw of a PSU.
  private static func draw(_ count: inout UInt16) throws(EstimationError) {
    guard count < UInt16.max else {
      throw .invalidArgument("a bootstrap replicate drew one primary sampling unit more than 65,535 times")
    }
    count += 1
  }
}
