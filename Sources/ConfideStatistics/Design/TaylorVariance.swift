extension SurveyDesign {
  /// The design-based covariance matrix of the totals of influence columns, by Taylor
  /// linearisation, as `survey::svyrecvar` computes it for a one-stage design.
  ///
  /// Each column *z* is first replaced by its residuals from the design's calibration. Then
  /// its PSU totals *z*ₕⱼ are centred within each stratum, and
  ///
  ///     V = Σₕ (1 − nₕ/Nₕ) · nₕ/(nₕ − 1) · Σⱼ (zₕⱼ − z̄ₕ)(zₕⱼ − z̄ₕ)ᵀ
  ///
  /// A stratum holding a single PSU is handled by ``lonelyPSU``.
  ///
  /// - Parameters:
  ///   - columns: Influence values, one array per column, one value per respondent; zero for
  ///     respondents outside the estimate.
  ///   - presence: The respondents the estimate is about (R subsets the design to them); a
  ///     stratum with none of them takes no part, as in R. `nil` means everyone. Ignored for a
  ///     calibrated design, which R never shrinks.
  /// - Returns: The *k*×*k* covariance matrix.
  /// - Throws: ``EstimationError/lonelyPSU(stratum:)`` under the `fail` rule.
  /// - Complexity: O(*n*·*k* + *P*·*k*²) for *n* respondents, *k* columns and *P* PSUs.
  func covariance(ofTotals columns: [[Double]], presence: [Bool]? = nil) throws(EstimationError) -> [[Double]] {
    try covariance(of: influenceTotals(of: columns, presence: presence))
  }

  /// The design-based variance of the total of one influence column (see
  /// ``covariance(ofTotals:presence:)``).
  func variance(ofTotal column: [Double], presence: [Bool]? = nil) throws(EstimationError) -> Double {
    try covariance(ofTotals: [column], presence: presence)[0][0]
  }

  /// The design-based covariance matrix of influence columns given by their sums.
  ///
  /// - Complexity: O(*P*·*k*² + *E*·*k*) for *P* PSUs, *k* columns and *E* PSU-cell entries of
  ///   the calibration plan.
  func covariance(of sums: consuming InfluenceTotals) throws(EstimationError) -> [[Double]] {
    let k = sums.columns
    let (totals, means) = calibratedTotals(&sums)

    // Accumulate the cross-products of the deviations from the stratum means.
    var products = [Double](repeating: 0, count: stratumCount * k * k)
    var deviations = [Double](repeating: 0, count: k)
    stratumOfPSU.withUnsafeBufferPointer { stratumOfPSU in
      totals.withUnsafeBufferPointer { totals in
        means.withUnsafeBufferPointer { means in
          products.withUnsafeMutableBufferPointer { products in
            deviations.withUnsafeMutableBufferPointer { deviations in
              for p in 0..<psuCount {
                let h = Int(stratumOfPSU[p])
                for c in 0..<k { deviations[c] = totals[p * k + c] - means[h * k + c] }
                for a in 0..<k where deviations[a] != 0 {
                  for b in a..<k { products[(h * k + a) * k + b] += deviations[a] * deviations[b] }
                }
              }
            }
          }
        }
      }
    }

    let (scales, inflation) = try stratumScales(present: sums.stratumPresent)
    var covariance = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    for h in 0..<stratumCount {
      guard let scale = scales[h] else { continue }
      for a in 0..<k {
        for b in a..<k { covariance[a][b] += scale * products[(h * k + a) * k + b] }
      }
    }
    for a in 0..<k {
      for b in a..<k {
        covariance[a][b] *= inflation
        covariance[b][a] = covariance[a][b]
      }
    }
    return covariance
  }

  /// The design-based variance of each column's total: the diagonal of ``covariance(of:)``,
  /// from one pass over the PSUs whatever the number of columns.
  ///
  /// Each column's variance is exactly (to the last bit) what ``covariance(of:)`` gives for that
  /// column alone with its own strata taking part, so a grouped estimate gets each group's
  /// variance on its own subset, as R does, without a pass per group.
  ///
  /// - Parameters:
  ///   - sums: The columns' sums.
  ///   - stratumPresence: Per column, the strata taking part in its variance (``stratumCount``
  ///     flags each), or `nil` for `sums.stratumPresent` for every column.
  /// - Returns: *k* variances.
  /// - Throws: ``EstimationError/lonelyPSU(stratum:)`` under the `fail` rule.
  /// - Complexity: O(*P*·*k* + *E*·*k*).
  func variances(
    of sums: consuming InfluenceTotals, stratumPresence: [[Bool]]? = nil
  ) throws(EstimationError) -> [Double] {
    let k = sums.columns
    let (totals, means) = calibratedTotals(&sums)

    var squares = [Double](repeating: 0, count: stratumCount * k)
    stratumOfPSU.withUnsafeBufferPointer { stratumOfPSU in
      totals.withUnsafeBufferPointer { totals in
        means.withUnsafeBufferPointer { means in
          squares.withUnsafeMutableBufferPointer { squares in
            if k == 1 {
              for p in 0..<psuCount {
                let h = Int(stratumOfPSU[p])
                let deviation = totals[p] - means[h]
                if deviation != 0 { squares[h] += deviation * deviation }
              }
              return
            }
            for p in 0..<psuCount {
              let h = Int(stratumOfPSU[p])
              for c in 0..<k {
                let deviation = totals[p * k + c] - means[h * k + c]
                if deviation != 0 { squares[h * k + c] += deviation * deviation }
              }
            }
          }
        }
      }
    }

    var variances: [Double] = []
    variances.reserveCapacity(k)
    for j in 0..<k {
      let (scales, inflation) = try stratumScales(present: stratumPresence?[j] ?? sums.stratumPresent)
      var variance = 0.0
      for h in 0..<stratumCount {
        if let scale = scales[h] { variance += scale * squares[h * k + j] }
      }
      variances.append(variance * inflation)
    }
    return variances
  }

  /// The PSU totals with the calibration undone, and the centre of each stratum's totals
  /// (`means[h * k + c]`).
  ///
  /// Each column's cell sums become sweep constants, whose share is taken out of each PSU's
  /// total; the adjusted totals are summed per stratum in the same pass. A stratum's centre is
  /// its mean total, or zero for a lonely PSU under the `adjust` rule (which centres it on the
  /// grand mean, zero for totals).
  ///
  /// The PSU totals are taken out of `sums` (adjusted in place, without a copy of a million
  /// PSUs' totals); its other fields are left as they were.
  private func calibratedTotals(_ sums: inout InfluenceTotals) -> (totals: [Double], means: [Double]) {
    let k = sums.columns
    var totals: [Double] = []
    swap(&totals, &sums.psu)
    var means = [Double](repeating: 0, count: stratumCount * k)
    if let plan = calibrationPlan {
      // Every column's constants first (cell-major: constants[cell * k + j]), then one pass over
      // the PSUs, so the PSU totals are read once however many columns there are. Each total's
      // adjustment is summed over its entries in the same order as column by column would.
      var cellSums = [Double](repeating: 0, count: plan.cellCount)
      var constants = [Double](repeating: 0, count: plan.cellCount * k)
      for j in 0..<k {
        for cell in 0..<plan.cellCount { cellSums[cell] = sums.cells[cell * k + j] }
        let column = plan.constants(cellSums: cellSums)
        for cell in 0..<plan.cellCount { constants[cell * k + j] = column[cell] }
      }
      // The loops below run once per PSU (a million times for a million respondents), so they
      // read and write through buffer pointers.
      plan.psuStart.withUnsafeBufferPointer { start in
        plan.entryValue.withUnsafeBufferPointer { entryValue in
          plan.entryCell.withUnsafeBufferPointer { entryCell in
            constants.withUnsafeBufferPointer { constants in
              stratumOfPSU.withUnsafeBufferPointer { stratumOfPSU in
                means.withUnsafeMutableBufferPointer { means in
                  totals.withUnsafeMutableBufferPointer { totals in
                    // Column by column, each adjustment summed in a register over the PSU's few
                    // entries, in entry order.
                    for p in 0..<psuCount {
                      let h = Int(stratumOfPSU[p])
                      let entries = start[p]..<start[p + 1]
                      for j in 0..<k {
                        var sum = 0.0
                        for entry in entries { sum += entryValue[entry] * constants[Int(entryCell[entry]) * k + j] }
                        totals[p * k + j] -= sum
                        means[h * k + j] += totals[p * k + j]
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    } else {
      stratumOfPSU.withUnsafeBufferPointer { stratumOfPSU in
        totals.withUnsafeBufferPointer { totals in
          means.withUnsafeMutableBufferPointer { means in
            for p in 0..<psuCount {
              let h = Int(stratumOfPSU[p])
              for c in 0..<k { means[h * k + c] += totals[p * k + c] }
            }
          }
        }
      }
    }
    for h in 0..<stratumCount {
      let centred = psusInStratum[h] > 1 || lonelyPSU != .adjust
      for c in 0..<k { means[h * k + c] = centred ? means[h * k + c] / Double(psusInStratum[h]) : 0 }
    }
    return (totals, means)
  }

  /// How each stratum enters a variance: the factor on its sum of squared deviations, or `nil`
  /// when it adds nothing (absent, or lonely under `average`); and the inflation by which
  /// `average` spreads the mean of the other strata over strata without a variance.
  private func stratumScales(present: [Bool]) throws(EstimationError) -> (scales: [Double?], inflation: Double) {
    var scales = [Double?](repeating: nil, count: stratumCount)
    var taking = 0
    var estimated = 0
    for h in 0..<stratumCount where present[h] {
      taking += 1
      let sampled = Double(psusInStratum[h])
      let f = populationPSUs[h].isFinite ? (populationPSUs[h] - sampled) / populationPSUs[h] : 1
      if f < 1e-7 {
        estimated += 1
        continue
      }
      if psusInStratum[h] > 1 {
        scales[h] = f * sampled / (sampled - 1)
      } else {
        switch lonelyPSU {
        case .fail: throw .lonelyPSU(stratum: h + 1)
        case .average: continue
        case .remove, .certainty, .adjust: scales[h] = f
        }
      }
      estimated += 1
    }
    let inflation = estimated == 0 || estimated == taking ? 1 : Double(taking) / Double(estimated)
    return (scales, inflation)
  }
}
