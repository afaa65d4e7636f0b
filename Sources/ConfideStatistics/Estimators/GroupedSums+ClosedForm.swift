extension GroupedSums {
  /// Each stratum's sums of cross-products of deviations of the columns α·*wy* + β·*wx* (one per
  /// listed group), worked out from the sums collected in the one pass over the respondents
  /// (see ``SurveyDesign/closedFormProducts(columns:constants:stratum:)``).
  ///
  /// Column *j* is *z* = α·*wy* + β·*wx* = α·*u* + β′·*v* in its group (0 elsewhere), with
  /// *u* = *w*(*y* − *s*·*x*), *v* = *w*·*x* and β′ = β + α·*s*, so its stratum sums follow from
  /// ``moments`` and ``cellMoments``.
  ///
  /// - Returns: The products, or `nil` when the sums were not collected or the closed form
  ///   declines, for the caller to take the passes.
  func closedFormProducts(
    _ coefficients: [(group: Int, alpha: Double, beta: Double)], design: SurveyDesign
  ) -> [Double]? {
    guard let moments else { return nil }
    let plan = design.calibrationPlan
    if plan != nil, cellMoments == nil { return nil }
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
    let alpha = coefficients.map(\.alpha)
    let beta = coefficients.map { $0.beta + $0.alpha * shift[$0.group] }
    return design.closedFormProducts(columns: k, constants: constants) { h, sums in
      for (a, c) in coefficients.enumerated() {
        let slot = (c.group * strata + h) * 5
        let (uu, uv, vv) = (moments[slot], moments[slot + 1], moments[slot + 2])
        sums.totals[a] = alpha[a] * moments[slot + 3] + beta[a] * moments[slot + 4]
        sums.magnitude[a] =
          alpha[a] * alpha[a] * uu + 2 * abs(alpha[a] * beta[a]) * (uu * vv).squareRoot() + beta[a] * beta[a] * vv
        for b in a..<k where coefficients[b].group == c.group {
          sums.squares[a * k + b] =
            alpha[a] * alpha[b] * uu + (alpha[a] * beta[b] + beta[a] * alpha[b]) * uv + beta[a] * beta[b] * vv
        }
        if let cellMoments, !sums.cellProducts.isEmpty {
          for cell in 0..<cells {
            let m = ((c.group * strata + h) * cells + cell) * 2
            sums.cellProducts[a * cells + cell] = alpha[a] * cellMoments[m] + beta[a] * cellMoments[m + 1]
          }
        }
      }
    }
  }
}
