/// One stratum's sums of *k* influence columns *z* (before the calibration is undone), from
/// which ``SurveyDesign/closedFormProducts(columns:constants:stratum:)`` works out its sums of
/// cross-products of deviations without a pass over its PSUs.
struct ClosedFormStratum {
  /// Σ *z*ₐ·*z*_b (`squares[a * k + b]`, *a* ≤ *b*).
  var squares: [Double]
  /// Per column, a bound on the size of Σ *z*², every term of it counted as positive.
  var magnitude: [Double]
  /// Per column, Σ *z*.
  var totals: [Double]
  /// Per column and calibration cell, Σ *z*·*m* over the PSUs' entries in the cell
  /// (`cellProducts[a * cells + c]`).
  var cellProducts: [Double]

  init(columns k: Int, cells: Int) {
    squares = [Double](repeating: 0, count: k * k)
    magnitude = [Double](repeating: 0, count: k)
    totals = [Double](repeating: 0, count: k)
    cellProducts = [Double](repeating: 0, count: k * cells)
  }
}

extension SurveyDesign {
  /// The smallest share of the size of its terms that a variance worked out in closed form
  /// must keep (so it loses at most three digits to cancellation); below it, the PSU-by-PSU
  /// passes are used instead.
  static let closedFormCancellation = 1e-3

  /// Whether variances can be worked out in closed form: without clusters (each respondent a
  /// PSU), and with a calibration, only when its plan keeps its strata's entry sums.
  var allowsClosedForm: Bool { !isClustered && (calibrationPlan == nil || calibrationPlan?.stratumEntries != nil) }

  /// Each stratum's sums of cross-products of deviations of *k* influence columns, worked out
  /// from each stratum's sums of the columns (``ClosedFormStratum``), as the passes over the
  /// PSUs accumulate them: `products[(h * k + a) * k + b]` for *a* ≤ *b*, as
  /// ``covariance(fromProducts:columns:present:)`` reads them.
  ///
  /// Without clusters each respondent is a PSU. Column *j*'s total for respondent *p*, with the
  /// calibration undone, is *r*ₚ = *z*ₚ − Σ *m*ₚₑ·*K*ⱼ[*c*ₚₑ] over the respondent's entries, so
  /// over stratum *h*
  ///
  ///     Σ rₐ·r_b = Σ zₐ·z_b − K_bᵀ·ZVₐ − Kₐᵀ·ZV_b + Kₐᵀ·MM·K_b,   Σ r = Σ z − Kᵀ·M
  ///
  /// where *ZV* are the cell sums of *z*·*m*, and *M* and *MM* the stratum's entry sums and
  /// cross sums (``CalibrationPlan/stratumEntries``). The stratum's deviations from its centre
  /// then give Σ *r*ₐ*r*_b − Σ*r*ₐ·Σ*r*_b / *n*ₕ (no centring for a lonely PSU under `adjust`).
  ///
  /// - Parameters:
  ///   - k: The number of columns.
  ///   - constants: Per column, its sweep constants *K* (empty without a calibration).
  ///   - stratum: Fills a stratum's sums (given zeroed).
  /// - Returns: The products, or `nil` when closed forms are not allowed (``allowsClosedForm``)
  ///   or a variance would lose more than ``closedFormCancellation`` of its terms to
  ///   cancellation (the variance of an estimate the calibration all but fixes), for the caller
  ///   to take the passes.
  /// - Complexity: O(*H*·*k*²·*C* + *H*·*k*·*C*²) for *H* strata and *C* calibration cells.
  func closedFormProducts(
    columns k: Int, constants: [[Double]], stratum: (_ h: Int, _ sums: inout ClosedFormStratum) -> Void
  ) -> [Double]? {
    guard allowsClosedForm else { return nil }
    let entries = calibrationPlan?.stratumEntries
    let cells = calibrationPlan?.cellCount ?? 0
    var products = [Double](repeating: 0, count: stratumCount * k * k)
    var mmK = [Double](repeating: 0, count: k * cells)
    var size = [Double](repeating: 0, count: k)
    var totals = [Double](repeating: 0, count: k)
    for h in 0..<stratumCount {
      var sums = ClosedFormStratum(columns: k, cells: entries == nil ? 0 : cells)
      stratum(h, &sums)
      for j in 0..<k {
        var total = sums.totals[j]
        // Σz² with every term counted as positive, Σ|z·m| in each cell bounded by
        // Cauchy–Schwarz, and Σ|K·MM·K|: the size of the variance's terms.
        var bound = 2 * sums.magnitude[j]
        if let entries {
          let sweepConstants = constants[j]
          for cell in 0..<cells {
            total -= sweepConstants[cell] * entries.sums[h * cells + cell]
            var sum = 0.0
            let row = (h * cells + cell) * cells
            for other in 0..<cells where sweepConstants[other] != 0 {
              sum += entries.cross[row + other] * sweepConstants[other]
              bound += abs(sweepConstants[cell] * entries.cross[row + other] * sweepConstants[other])
            }
            mmK[j * cells + cell] = sum
            bound += 2 * abs(sweepConstants[cell]) * (sums.magnitude[j] * entries.cross[row + cell]).squareRoot()
          }
        }
        totals[j] = total
        size[j] = bound
      }
      let n = Double(psusInStratum[h])
      let centred = psusInStratum[h] > 1 || lonelyPSU != .adjust
      for a in 0..<k {
        for b in a..<k {
          var cross = sums.squares[a * k + b]
          if entries != nil {
            let constantsA = constants[a]
            let constantsB = constants[b]
            var linear = 0.0
            var adjusted = 0.0
            for cell in 0..<cells {
              linear += constantsB[cell] * sums.cellProducts[a * cells + cell]
              linear += constantsA[cell] * sums.cellProducts[b * cells + cell]
              adjusted += constantsA[cell] * mmK[b * cells + cell]
            }
            cross += adjusted - linear
          }
          let product = centred ? cross - totals[a] * totals[b] / n : cross
          if a == b, size[a] > 0, !(product >= Self.closedFormCancellation * size[a]) { return nil }
          products[(h * k + a) * k + b] = product
        }
      }
    }
    return products
  }

  /// The covariance matrix of *k* influence columns that depend on a respondent's weight and
  /// cell only: *z*ᵢ = *w*ᵢ·`values[cell(i) * k + j]` for respondents in a cell, and 0 for the
  /// rest (the cell proportions of a two-way table and their contrasts). In closed form from one
  /// pass that sums Σ*w* and Σ*w*² per stratum and cell (and Σ *f*·*w* and Σ *w*·*m* per
  /// calibration cell), so no column per respondent is made.
  ///
  /// - Parameters:
  ///   - values: The columns' values per cell (`values[cell * k + j]`).
  ///   - cellCount: The number of cells.
  ///   - k: The number of columns.
  ///   - cellOfRow: Each respondent's cell, or −1 for none.
  /// - Returns: The *k*×*k* covariance, or `nil` when ``closedFormProducts(columns:constants:stratum:)``
  ///   declines (the caller then forms the columns and takes the passes).
  /// - Throws: ``EstimationError/lonelyPSU(stratum:)`` under the `fail` rule.
  func covariance(
    ofCellValues values: [Double], cellCount: Int, columns k: Int, cellOfRow: [Int32]
  ) throws(EstimationError) -> [[Double]]? {
    guard allowsClosedForm else { return nil }
    let plan = calibrationPlan
    let cells = plan?.cellCount ?? 0
    let sweeps = plan?.sweepCount ?? 0
    guard stratumCount * cellCount * (2 + cells) + cellCount * cells <= CalibrationPlan.StratumEntries.limit else {
      return nil
    }
    var weights2 = [Double](repeating: 0, count: stratumCount * cellCount * 2)
    var weightMultiplier = [Double](repeating: 0, count: stratumCount * cellCount * cells)
    var factorWeight = [Double](repeating: 0, count: cellCount * cells)
    var present = [Bool](repeating: plan != nil, count: stratumCount)
    let rowCell = plan?.rowCell ?? []
    let rowFactor = plan?.rowFactor ?? []
    let rowMultiplier = plan?.rowMultiplier ?? []
    for i in 0..<count where cellOfRow[i] >= 0 {
      let cell = Int(cellOfRow[i])
      let h = Int(stratumOfRow[i])
      let w = weights[i]
      present[h] = true
      weights2[(h * cellCount + cell) * 2] += w
      weights2[(h * cellCount + cell) * 2 + 1] += w * w
      for a in 0..<sweeps {
        let calibrationCell = Int(rowCell[i * sweeps + a])
        weightMultiplier[(h * cellCount + cell) * cells + calibrationCell] += w * rowMultiplier[i * sweeps + a]
        factorWeight[cell * cells + calibrationCell] += rowFactor[i * sweeps + a] * w
      }
    }
    var constants = [[Double]](repeating: [], count: k)
    if let plan {
      var cellSums = [Double](repeating: 0, count: cells)
      for j in 0..<k {
        for calibrationCell in 0..<cells {
          var sum = 0.0
          for cell in 0..<cellCount { sum += values[cell * k + j] * factorWeight[cell * cells + calibrationCell] }
          cellSums[calibrationCell] = sum
        }
        constants[j] = plan.constants(cellSums: cellSums)
      }
    }
    let products = closedFormProducts(columns: k, constants: constants) { h, sums in
      for cell in 0..<cellCount {
        let slot = (h * cellCount + cell) * 2
        let (w, w2) = (weights2[slot], weights2[slot + 1])
        guard w2 != 0 || w != 0 else { continue }
        for a in 0..<k {
          let va = values[cell * k + a]
          sums.totals[a] += va * w
          sums.magnitude[a] += va * va * w2
          for b in a..<k { sums.squares[a * k + b] += va * values[cell * k + b] * w2 }
          if !sums.cellProducts.isEmpty {
            for calibrationCell in 0..<cells {
              sums.cellProducts[a * cells + calibrationCell] +=
                va * weightMultiplier[(h * cellCount + cell) * cells + calibrationCell]
            }
          }
        }
      }
    }
    guard let products else { return nil }
    return try covariance(fromProducts: products, columns: k, present: present)
  }

  /// The covariance matrix of influence columns given row by row (`values[r * k + j]` for
  /// respondent `rows[r]`; everyone else's values are zero), as
  /// ``covariance(of:)`` of ``influenceTotals(rowMajor:rows:columns:presence:)`` gives it.
  ///
  /// Without clusters it is worked out in closed form from one pass over the listed
  /// respondents, which sums the columns' cross-products, totals and calibration-cell products
  /// per stratum (see ``closedFormProducts(columns:constants:stratum:)``), with no PSU totals
  /// formed; otherwise, or when the closed form declines, by the passes over the PSUs.
  ///
  /// - Complexity: O(*m*·(*k*² + *k*·*S*)) for *m* listed respondents without clusters.
  func covariance(
    rowMajor values: [Double], rows: [Int], columns k: Int, presence: [Bool]?
  ) throws(EstimationError) -> [[Double]] {
    precondition(values.count == rows.count * k, "one value per listed respondent and column")
    let plan = calibrationPlan
    let cells = plan?.cellCount ?? 0
    let sweeps = plan?.sweepCount ?? 0
    let strata = stratumCount
    if allowsClosedForm, strata * k * (k + 1 + cells) + cells * k <= CalibrationPlan.StratumEntries.limit {
      var squares = [Double](repeating: 0, count: strata * k * k)
      var totals = [Double](repeating: 0, count: strata * k)
      var products = [Double](repeating: 0, count: strata * k * cells)  // ((h * k + a) * cells + c)
      var cellSums = [Double](repeating: 0, count: cells * k)  // (c * k + a), as InfluenceTotals
      let rowCell = plan?.rowCell ?? []
      let rowFactor = plan?.rowFactor ?? []
      let rowMultiplier = plan?.rowMultiplier ?? []
      values.withUnsafeBufferPointer { values in
        squares.withUnsafeMutableBufferPointer { squares in
          totals.withUnsafeMutableBufferPointer { totals in
            products.withUnsafeMutableBufferPointer { products in
              cellSums.withUnsafeMutableBufferPointer { cellSums in
                for (r, i) in rows.enumerated() {
                  let h = Int(stratumOfRow[i])
                  let z = r * k
                  for a in 0..<k {
                    let za = values[z + a]
                    if za == 0 { continue }
                    totals[h * k + a] += za
                    for b in a..<k { squares[(h * k + a) * k + b] += za * values[z + b] }
                  }
                  for e in 0..<sweeps {
                    let cell = Int(rowCell[i * sweeps + e])
                    let m = rowMultiplier[i * sweeps + e]
                    let f = rowFactor[i * sweeps + e]
                    for a in 0..<k {
                      let za = values[z + a]
                      products[(h * k + a) * cells + cell] += za * m
                      cellSums[cell * k + a] += f * za
                    }
                  }
                }
              }
            }
          }
        }
      }
      var constants = [[Double]](repeating: [], count: k)
      if let plan {
        var column = [Double](repeating: 0, count: cells)
        for j in 0..<k {
          for cell in 0..<cells { column[cell] = cellSums[cell * k + j] }
          constants[j] = plan.constants(cellSums: column)
        }
      }
      let closed = closedFormProducts(columns: k, constants: constants) { h, sums in
        for a in 0..<k {
          sums.totals[a] = totals[h * k + a]
          sums.magnitude[a] = squares[(h * k + a) * k + a]
          for b in a..<k { sums.squares[a * k + b] = squares[(h * k + a) * k + b] }
          if !sums.cellProducts.isEmpty {
            for cell in 0..<cells { sums.cellProducts[a * cells + cell] = products[(h * k + a) * cells + cell] }
          }
        }
      }
      if let closed {
        var present = [Bool](repeating: plan != nil, count: strata)
        if plan == nil {
          if let presence {
            for i in 0..<count where presence[i] { present[Int(stratumOfRow[i])] = true }
          } else {
            present = [Bool](repeating: true, count: strata)
          }
        }
        return try covariance(fromProducts: closed, columns: k, present: present)
      }
    }
    return try covariance(of: influenceTotals(rowMajor: values, rows: rows, columns: k, presence: presence))
  }
}
