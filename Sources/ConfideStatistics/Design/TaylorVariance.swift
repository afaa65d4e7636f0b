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
  func covariance(of sums: InfluenceTotals) throws(EstimationError) -> [[Double]] {
    let k = sums.columns
    var totals = sums.psu

    // Undo the calibration: turn each column's cell sums into sweep constants, and take the
    // constants' share out of each PSU's total.
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
      // read and write through buffer pointers; the arithmetic and its order are unchanged.
      var adjustment = [Double](repeating: 0, count: k)
      plan.psuStart.withUnsafeBufferPointer { start in
        plan.entryValue.withUnsafeBufferPointer { entryValue in
          plan.entryCell.withUnsafeBufferPointer { entryCell in
            constants.withUnsafeBufferPointer { constants in
              adjustment.withUnsafeMutableBufferPointer { adjustment in
                totals.withUnsafeMutableBufferPointer { totals in
                  for p in 0..<psuCount {
                    for j in 0..<k { adjustment[j] = 0 }
                    for entry in start[p]..<start[p + 1] {
                      let value = entryValue[entry]
                      let base = Int(entryCell[entry]) * k
                      for j in 0..<k { adjustment[j] += value * constants[base + j] }
                    }
                    for j in 0..<k { totals[p * k + j] -= adjustment[j] }
                  }
                }
              }
            }
          }
        }
      }
    }

    // Centre within strata and accumulate the cross-products.
    var means = [Double](repeating: 0, count: stratumCount * k)
    var products = [Double](repeating: 0, count: stratumCount * k * k)
    var deviations = [Double](repeating: 0, count: k)
    let adjustLonely = lonelyPSU == .adjust
    stratumOfPSU.withUnsafeBufferPointer { stratumOfPSU in
      totals.withUnsafeBufferPointer { totals in
        means.withUnsafeMutableBufferPointer { means in
          for p in 0..<psuCount {
            let h = Int(stratumOfPSU[p])
            for c in 0..<k { means[h * k + c] += totals[p * k + c] }
          }
          for h in 0..<stratumCount {
            for c in 0..<k { means[h * k + c] /= Double(psusInStratum[h]) }
          }
        }
        psusInStratum.withUnsafeBufferPointer { psusInStratum in
          means.withUnsafeBufferPointer { means in
            products.withUnsafeMutableBufferPointer { products in
              deviations.withUnsafeMutableBufferPointer { deviations in
                for p in 0..<psuCount {
                  let h = Int(stratumOfPSU[p])
                  let centre = psusInStratum[h] > 1 || !adjustLonely
                  for c in 0..<k { deviations[c] = totals[p * k + c] - (centre ? means[h * k + c] : 0) }
                  for a in 0..<k where deviations[a] != 0 {
                    for b in a..<k { products[(h * k + a) * k + b] += deviations[a] * deviations[b] }
                  }
                }
              }
            }
          }
        }
      }
    }

    var covariance = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    var present = 0
    var estimated = 0
    for h in 0..<stratumCount where sums.stratumPresent[h] {
      present += 1
      let sampled = Double(psusInStratum[h])
      let f = populationPSUs[h].isFinite ? (populationPSUs[h] - sampled) / populationPSUs[h] : 1
      if f < 1e-7 {
        estimated += 1
        continue
      }
      let scale: Double
      if psusInStratum[h] > 1 {
        scale = f * sampled / (sampled - 1)
      } else {
        switch lonelyPSU {
        case .fail: throw .lonelyPSU(stratum: h + 1)
        case .average: continue
        case .remove, .certainty, .adjust: scale = f
        }
      }
      estimated += 1
      for a in 0..<k {
        for b in a..<k { covariance[a][b] += scale * products[(h * k + a) * k + b] }
      }
    }
    // Under `average`, strata without a variance take the mean of the others.
    let inflation = estimated == 0 || estimated == present ? 1 : Double(present) / Double(estimated)
    for a in 0..<k {
      for b in a..<k {
        covariance[a][b] *= inflation
        covariance[b][a] = covariance[a][b]
      }
    }
    return covariance
  }
}
