extension ReplicateDesign {
  /// The delete-one-PSU jackknife of a design, as R's `as.svrepdesign(design)` (type
  /// `"auto"`): JK1 for an unstratified design, JKn for a stratified one.
  ///
  /// - JK1: *n* replicates, each dropping one PSU and weighting the others by *n*/(*n* − 1);
  ///   scale (1 − *f*)(*n* − 1)/*n* with *f* = *n*/*N* under an fpc (`jk1weights`).
  /// - JKn: one replicate per PSU of each stratum with two or more, dropping it and weighting
  ///   the stratum's other PSUs by *n*ₕ/(*n*ₕ − 1); rscaleₕ = (1 − *f*ₕ)(*n*ₕ − 1)/*n*ₕ, scale 1
  ///   (`jknweights`).
  ///
  /// A stratum sampled completely (*f*ₕ = 1) gets no replicates, as with R's default
  /// `survey.drop.replicates`; a design with none has variance 0. A stratum with one PSU
  /// follows the design's ``SurveyDesign/lonelyPSU`` rule as `jknweights` does: `fail` throws,
  /// `remove`, `certainty` and `average` give it no replicate (`average` multiplies the scale by
  /// #PSU/#replicates, exactly as R does), and `adjust` gives it one replicate that drops it and
  /// weights every other PSU by *H*/(*H* − 1), with rscale (*H* − 1)/*H*.
  ///
  /// - Parameters:
  ///   - design: A design that has not been calibrated (R's conversion ignores a calibration;
  ///     calibrate the replicate design instead).
  ///   - meanSquaredError: Centre variances on the full-sample estimate (R's `mse=TRUE`).
  /// - Throws: ``EstimationError/lonelyPSU(stratum:)`` under the `fail` rule;
  ///   ``EstimationError/invalidArgument(_:)`` for a calibrated design or an unstratified
  ///   design with one PSU.
  /// - Complexity: O(*n*) for *n* respondents; the replicates take O(#PSU) memory.
  public init(jackknife design: SurveyDesign, meanSquaredError: Bool = false) throws(EstimationError) {
    guard design.calibration.isEmpty else {
      throw .invalidArgument("a calibrated design cannot be converted to replicate weights: convert it first")
    }
    let units = ReplicateUnits(unitOfRow: design.psuOfRow, unitCount: design.psuCount)
    var replicates: [JackknifeReplicate] = []
    var rscales: [Double] = []
    var scale = 1.0
    var standard = true
    let strata = design.stratumCount

    // The PSUs of each stratum.
    var unitsOfStratum = [[Int32]](repeating: [], count: strata)
    for (u, h) in design.stratumOfPSU.enumerated() { unitsOfStratum[Int(h)].append(Int32(u)) }

    if !design.isStratified {
      let n = design.psusInStratum[0]
      let population = design.populationPSUs[0]
      let correction = population.isFinite ? (population - Double(n)) / population : 1
      guard n > 1 else { throw .invalidArgument("a jackknife needs at least two primary sampling units") }
      if correction > 0 {
        let inStratum = Double(n) / Double(n - 1)
        for u in unitsOfStratum[0] {
          replicates.append(JackknifeReplicate(droppedUnit: u, stratum: 0, inStratum: inStratum, elsewhere: 1))
          rscales.append(1)
        }
        scale = correction * Double(n - 1) / Double(n)
      } else {
        scale = 0
      }
      self.init(
        weights: design.weights, method: .jackknife, scale: scale, replicateScales: rscales,
        meanSquaredError: meanSquaredError,
        factors: .jackknife(units, stratumOfUnit: design.stratumOfPSU, stratumCount: strata, replicates: replicates),
        degreesOfFreedom: nil, isStandardJackknife: true)
      return
    }

    for h in 0..<strata {
      let n = design.psusInStratum[h]
      let population = design.populationPSUs[h]
      let correction = population.isFinite ? (population - Double(n)) / population : 1
      if correction == 0 { continue }  // sampled completely: no replicates
      if n == 1 {
        switch design.lonelyPSU {
        case .fail: throw .lonelyPSU(stratum: h + 1)
        case .remove, .certainty, .average: continue
        case .adjust:
          let factor = Double(strata) / Double(strata - 1)
          replicates.append(
            JackknifeReplicate(droppedUnit: unitsOfStratum[h][0], stratum: Int32(h), inStratum: 1, elsewhere: factor))
          rscales.append(Double(strata - 1) / Double(strata))
          standard = false
          continue
        }
      }
      let inStratum = Double(n) / Double(n - 1)
      for u in unitsOfStratum[h] {
        replicates.append(JackknifeReplicate(droppedUnit: u, stratum: Int32(h), inStratum: inStratum, elsewhere: 1))
        rscales.append(correction * Double(n - 1) / Double(n))
      }
    }
    if design.lonelyPSU == .average, !replicates.isEmpty, replicates.count < design.psuCount {
      scale = Double(design.psuCount) / Double(replicates.count)
    }
    self.init(
      weights: design.weights, method: .stratifiedJackknife, scale: scale, replicateScales: rscales,
      meanSquaredError: meanSquaredError,
      factors: .jackknife(units, stratumOfUnit: design.stratumOfPSU, stratumCount: strata, replicates: replicates),
      degreesOfFreedom: nil, isStandardJackknife: standard)
  }
}
