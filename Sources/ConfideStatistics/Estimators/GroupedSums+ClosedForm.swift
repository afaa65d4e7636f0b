extension GroupedSums {
  /// The smallest share of the size of its terms that a variance worked out in closed form
  /// must keep (so it loses at most three digits to cancellation); below it, the PSU-by-PSU
  /// passes are used instead.
  static let closedFormCancellation = 1e-3

  /// Each stratum's sums of cross-products of deviations of the columns α·*wy* + β·*wx* (one per
  /// listed group), worked out from the sums collected in the one pass over the respondents,
  /// without a pass over the PSUs: `products[(h * k + a) * k + b]` for *a* ≤ *b*, as
  /// ``SurveyDesign/covariance(fromProducts:columns:present:)`` reads them.
  ///
  /// Without clusters each respondent is a PSU. Column *j*'s total for respondent *p*, with the
  /// calibration undone, is *r*ₚ = *z*ₚ − Σ *m*ₚₑ·*K*ⱼ[*c*ₚₑ] over the respondent's entries, so
  /// over stratum *h*
  ///
  ///     Σ rₐ·r_b = Σ zₐ·z_b − K_bᵀ·ZVₐ − Kₐᵀ·ZV_b + Kₐᵀ·MM·K_b,   Σ r = Σ z − Kᵀ·M
  ///
  /// where *ZV* are the cell sums of *z*·*m* (``cellMoments``), and *M* and *MM* the stratum's
  /// entry sums and cross sums (``CalibrationPlan/stratumEntries``). A stratum's deviations from
  /// its centre then give Σ *r*ₐ*r*_b − Σ*r*ₐ·Σ*r*_b / *n*ₕ (or no centring for a lonely PSU
  /// under `adjust`), what the passes over the PSUs accumulate.
  ///
  /// - Returns: The products, or `nil` when the sums were not collected or a variance would
  ///   lose more than ``closedFormCancellation`` of its terms to cancellation (the variance of
  ///   an estimate the calibration all but fixes), for the caller to take the passes.
  /// - Complexity: O(*H*·*k*²·*C* + *H*·*k*·*C*²) for *H* strata and *C* calibration cells.
  func closedFormProducts(
    _ coefficients: [(group: Int, alpha: Double, beta: Double)], design: SurveyDesign
  ) -> [Double]? {
    guard let moments else { return nil }
    let plan = design.calibrationPlan
    let entries = plan?.stratumEntries
    if plan != nil, entries == nil || cellMoments == nil { return nil }
    let k = coefficients.count
    let strata = design.stratumCount
    let cells = plan?.cellCount ?? 0
    // Each column's sweep constants, from its cell sums as the passes take them.
    var constants = [[Double]](repeating: [], count: k)
    if let plan {
      var cellSums = [Double](repeating: 0, count: cells)
      for (j, c) in coefficients.enumerated() {
        for cell in 0..<cells {
          cellSums[cell] =
            c.alpha * cellNumerator[c.group * cells + cell] + c.beta * cellDenominator[c.group * cells + cell]
        }
        constants[j] = plan.constants(cellSums: cellSums)
      }
    }
    // z = α·wy + β·wx = α·u + β′·v with u = w(y − s·x), v = w·x and β′ = β + α·s.
    let alpha = coefficients.map(\.alpha)
    let beta = coefficients.map { $0.beta + $0.alpha * shift[$0.group] }

    var products = [Double](repeating: 0, count: strata * k * k)
    var totals = [Double](repeating: 0, count: k)
    var zm = [Double](repeating: 0, count: k * cells)
    var mmK = [Double](repeating: 0, count: k * cells)
    // Bounds on the size of each column's terms, for the check on cancellation.
    var size = [Double](repeating: 0, count: k)
    for h in 0..<strata {
      for (j, c) in coefficients.enumerated() {
        let slot = (c.group * strata + h) * 5
        var total = alpha[j] * moments[slot + 3] + beta[j] * moments[slot + 4]
        if let entries, let cellMoments {
          let sweepConstants = constants[j]
          for cell in 0..<cells {
            total -= sweepConstants[cell] * entries.sums[h * cells + cell]
            let m = ((c.group * strata + h) * cells + cell) * 2
            zm[j * cells + cell] = alpha[j] * cellMoments[m] + beta[j] * cellMoments[m + 1]
            var sum = 0.0
            let row = (h * cells + cell) * cells
            for other in 0..<cells where sweepConstants[other] != 0 {
              sum += entries.cross[row + other] * sweepConstants[other]
            }
            mmK[j * cells + cell] = sum
          }
        }
        totals[j] = total
        // Σz² with every term of its expansion counted as positive, Σ|z·m| in each cell bounded
        // by Cauchy–Schwarz, and Σ|K·MM·K|.
        let uu = moments[slot]
        let vv = moments[slot + 2]
        let zz =
          alpha[j] * alpha[j] * uu + 2 * abs(alpha[j] * beta[j]) * (uu * vv).squareRoot() + beta[j] * beta[j] * vv
        var bound = 2 * zz
        if let entries {
          let sweepConstants = constants[j]
          for cell in 0..<cells where sweepConstants[cell] != 0 {
            let row = (h * cells + cell) * cells
            bound += 2 * abs(sweepConstants[cell]) * (zz * entries.cross[row + cell]).squareRoot()
            for other in 0..<cells where sweepConstants[other] != 0 {
              bound += abs(sweepConstants[cell] * entries.cross[row + other] * sweepConstants[other])
            }
          }
        }
        size[j] = bound
      }
      let n = Double(design.psusInStratum[h])
      let centred = design.psusInStratum[h] > 1 || design.lonelyPSU != .adjust
      for a in 0..<k {
        let ga = coefficients[a].group
        for b in a..<k {
          var zz = 0.0
          if coefficients[b].group == ga {
            let slot = (ga * strata + h) * 5
            zz =
              alpha[a] * alpha[b] * moments[slot] + (alpha[a] * beta[b] + beta[a] * alpha[b]) * moments[slot + 1]
              + beta[a] * beta[b] * moments[slot + 2]
          }
          var cross = zz
          var adjusted = 0.0
          if plan != nil {
            let constantsA = constants[a]
            let constantsB = constants[b]
            var linear = 0.0
            for cell in 0..<cells {
              linear += constantsB[cell] * zm[a * cells + cell] + constantsA[cell] * zm[b * cells + cell]
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
}
