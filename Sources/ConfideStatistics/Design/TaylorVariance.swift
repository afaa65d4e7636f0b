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
    let k = columns.count
    var columns = columns
    for step in calibration { step.residualise(&columns) }
    let presence = calibration.isEmpty ? presence : nil

    // PSU totals, row-major by PSU.
    let psus = psuCount
    var totals = [Double](repeating: 0, count: psus * k)
    for c in 0..<k {
      columns[c].withUnsafeBufferPointer { z in
        for i in 0..<count { totals[Int(psuOfRow[i]) * k + c] += z[i] }
      }
    }
    var stratumPresent = [Bool](repeating: presence == nil, count: stratumCount)
    if let presence {
      for i in 0..<count where presence[i] { stratumPresent[Int(stratumOfRow[i])] = true }
    }

    // Centre within strata and accumulate the cross-products.
    var means = [Double](repeating: 0, count: stratumCount * k)
    for p in 0..<psus {
      let h = Int(stratumOfPSU[p])
      for c in 0..<k { means[h * k + c] += totals[p * k + c] }
    }
    for h in 0..<stratumCount {
      for c in 0..<k { means[h * k + c] /= Double(psusInStratum[h]) }
    }
    var sums = [Double](repeating: 0, count: stratumCount * k * k)
    for p in 0..<psus {
      let h = Int(stratumOfPSU[p])
      let centre = psusInStratum[h] > 1 || lonelyPSU != .adjust
      for a in 0..<k {
        let da = totals[p * k + a] - (centre ? means[h * k + a] : 0)
        for b in a..<k {
          let db = totals[p * k + b] - (centre ? means[h * k + b] : 0)
          sums[(h * k + a) * k + b] += da * db
        }
      }
    }

    var covariance = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    var present = 0
    var averaged = 0
    for h in 0..<stratumCount where stratumPresent[h] {
      present += 1
      let sampled = Double(psusInStratum[h])
      let f = populationPSUs[h].isFinite ? (populationPSUs[h] - sampled) / populationPSUs[h] : 1
      if f < 1e-7 {
        averaged += 1
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
      averaged += 1
      for a in 0..<k {
        for b in a..<k { covariance[a][b] += scale * sums[(h * k + a) * k + b] }
      }
    }
    // Under `average`, strata without a variance take the mean of the others.
    let inflation = averaged == 0 || averaged == present ? 1 : Double(present) / Double(averaged)
    for a in 0..<k {
      for b in a..<k {
        covariance[a][b] *= inflation
        covariance[b][a] = covariance[a][b]
      }
    }
    return covariance
  }

  /// The design-based variance of the total of one influence column (see
  /// ``covariance(ofTotals:presence:)``).
  func variance(ofTotal column: [Double], presence: [Bool]? = nil) throws(EstimationError) -> Double {
    try covariance(ofTotals: [column], presence: presence)[0][0]
  }
}
