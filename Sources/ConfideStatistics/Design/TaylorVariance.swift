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
    // Accumulate the cross-products of the deviations from the stratum means.
    var products = [Double](repeating: 0, count: stratumCount * k * k)
    products.withUnsafeMutableBufferPointer { products in
      forEachDeviation(&sums) { h, deviations in
        for a in 0..<k where deviations[a] != 0 {
          for b in a..<k { products[(h * k + a) * k + b] += deviations[a] * deviations[b] }
        }
      }
    }

    return try covariance(fromProducts: products, columns: k, present: sums.stratumPresent)
  }

  /// The covariance matrix from each stratum's sums of cross-products of deviations
  /// (`products[(h * k + a) * k + b]` for *a* ≤ *b*), with `present` strata taking part.
  func covariance(
    fromProducts products: [Double], columns k: Int, present: [Bool]
  ) throws(EstimationError)
    -> [[Double]]
  {
    let (scales, inflation) = try stratumScales(present: present)
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
    var squares = [Double](repeating: 0, count: stratumCount * k)
    squares.withUnsafeMutableBufferPointer { squares in
      forEachDeviation(&sums) { h, deviations in
        for c in 0..<k {
          let deviation = deviations[c]
          if deviation != 0 { squares[h * k + c] += deviation * deviation }
        }
      }
    }

    return try variances(
      fromSquares: squares, columns: k, stratumPresence: stratumPresence, present: sums.stratumPresent)
  }

  /// Each column's variance from each stratum's sums of squared deviations
  /// (`squares[h * k + j]`), with column *j*'s strata `stratumPresence[j]` taking part, or
  /// `present` without them.
  func variances(
    fromSquares squares: [Double], columns k: Int, stratumPresence: [[Bool]]?, present: [Bool]
  ) throws(EstimationError) -> [Double] {
    var variances: [Double] = []
    variances.reserveCapacity(k)
    for j in 0..<k {
      let (scales, inflation) = try stratumScales(present: stratumPresence?[j] ?? present)
      var variance = 0.0
      for h in 0..<stratumCount {
        if let scale = scales[h] { variance += scale * squares[h * k + j] }
      }
      variances.append(variance * inflation)
    }
    return variances
  }

  /// Calls `body` once per PSU, in order, with its stratum and the deviations of its totals
  /// (*k* values), with the calibration undone, from the centre of its stratum's totals.
  ///
  /// Each column's cell sums become sweep constants, whose share is taken out of each PSU's
  /// totals; a first pass adjusts the totals (in place, for stored totals) and sums them per
  /// stratum. A stratum's centre is their mean, or zero for a lonely PSU under the `adjust` rule
  /// (which centres it on the grand mean, zero for totals). A second pass gives the deviations.
  /// Totals given by per-respondent sums (``InfluenceTotals/rows``) are worked out in the first
  /// pass, so they are written once. Each adjustment is summed over the PSU's entries in entry
  /// order, column by column.
  private func forEachDeviation(
    _ sums: inout InfluenceTotals, _ body: (_ stratum: Int, _ deviations: UnsafeMutablePointer<Double>) -> Void
  ) {
    let k = sums.columns
    guard k > 0 else { return }
    var means = [Double](repeating: 0, count: stratumCount * k)
    var constants: [Double] = []
    if let plan = calibrationPlan {
      // Every column's constants (cell-major: constants[cell * k + j]).
      var cellSums = [Double](repeating: 0, count: plan.cellCount)
      constants = [Double](repeating: 0, count: plan.cellCount * k)
      for j in 0..<k {
        for cell in 0..<plan.cellCount { cellSums[cell] = sums.cells[cell * k + j] }
        let column = plan.constants(cellSums: cellSums)
        for cell in 0..<plan.cellCount { constants[cell * k + j] = column[cell] }
      }
    }
    let calibrated = calibrationPlan != nil
    let psuStart = calibrationPlan?.psuStart ?? []
    let entryValue = calibrationPlan?.entryValue ?? []
    let entryCell = calibrationPlan?.entryCell ?? []
    let rows = sums.rows
    if rows != nil { sums.psu = [] }
    // Totals given by per-respondent sums are written here, for the second pass to read.
    let worked = rows == nil ? nil : UnsafeMutablePointer<Double>.allocate(capacity: psuCount * k)
    defer { worked?.deallocate() }
    let deviations = UnsafeMutablePointer<Double>.allocate(capacity: k)
    defer { deviations.deallocate() }
    let coefficients = rows?.coefficients ?? []

    // The loops below run once per PSU (a million times for a million respondents), so they
    // read and write through buffer pointers.
    withBaseAddress(rows?.group) { rowGroup in
      withBaseAddress(rows?.numerator) { numerator in
        withBaseAddress(rows?.denominator) { denominator in
          coefficients.withUnsafeBufferPointer { coefficients in
            psuStart.withUnsafeBufferPointer { start in
              entryValue.withUnsafeBufferPointer { entryValue in
                entryCell.withUnsafeBufferPointer { entryCell in
                  constants.withUnsafeBufferPointer { constants in
                    stratumOfPSU.withUnsafeBufferPointer { stratumOfPSU in
                      means.withUnsafeMutableBufferPointer { means in
                        sums.psu.withUnsafeMutableBufferPointer { stored in
                          let totals = worked ?? stored.baseAddress ?? deviations
                          for p in 0..<psuCount {
                            let h = Int(stratumOfPSU[p])
                            let row = totals + p * k
                            if let rowGroup, let numerator, let denominator {
                              // A respondent outside a column's group has sums of 0 for it.
                              let g = rowGroup[p]
                              for j in 0..<k {
                                let c = coefficients[j]
                                let inGroup = g == c.group
                                row[j] =
                                  c.alpha * (inGroup ? numerator[p] : 0) + c.beta * (inGroup ? denominator[p] : 0)
                              }
                            }
                            if calibrated {
                              let entries = start[p]..<start[p + 1]
                              // Four columns at a time, each summed in a register in entry order.
                              var j = 0
                              while j + 4 <= k {
                                var s0 = 0.0
                                var s1 = 0.0
                                var s2 = 0.0
                                var s3 = 0.0
                                for entry in entries {
                                  let value = entryValue[entry]
                                  let cell = Int(entryCell[entry]) * k + j
                                  s0 += value * constants[cell]
                                  s1 += value * constants[cell + 1]
                                  s2 += value * constants[cell + 2]
                                  s3 += value * constants[cell + 3]
                                }
                                row[j] -= s0
                                row[j + 1] -= s1
                                row[j + 2] -= s2
                                row[j + 3] -= s3
                                j += 4
                              }
                              while j < k {
                                var sum = 0.0
                                for entry in entries {
                                  sum += entryValue[entry] * constants[Int(entryCell[entry]) * k + j]
                                }
                                row[j] -= sum
                                j += 1
                              }
                            }
                            for j in 0..<k { means[h * k + j] += row[j] }
                          }
                          for h in 0..<stratumCount {
                            let centred = psusInStratum[h] > 1 || lonelyPSU != .adjust
                            for c in 0..<k {
                              means[h * k + c] = centred ? means[h * k + c] / Double(psusInStratum[h]) : 0
                            }
                          }
                          for p in 0..<psuCount {
                            let h = Int(stratumOfPSU[p])
                            let row = totals + p * k
                            for j in 0..<k { deviations[j] = row[j] - means[h * k + j] }
                            body(h, deviations)
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
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
