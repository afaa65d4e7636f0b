/// The sums one pass over the respondents collects for linearised means, totals and ratios in
/// every group of a grouping at once.
///
/// For group *g*, the estimate rests on respondents in the group (and the domain) with both
/// values answered. Its influence values are linear in *w*·*y* and *w*·*x*
/// (*z* = α·*wy* + β·*wx*), so their PSU totals and calibration-cell sums follow from the sums
/// of *wy* and *wx* per PSU and per cell, collected here without a column per respondent.
struct GroupedSums {
  let groups: Int
  let psus: Int
  let cells: Int
  /// Per group: Σ*w*, Σ*wy*, Σ*wx*, and the number with a positive weight.
  var weight: [Double]
  var numerator: [Double]
  var denominator: [Double]
  var count: [Int]
  /// Per group, for the design effect: Σ*w*(*y* − *s*) and Σ*w*(*y* − *s*)² about a shift *s*
  /// (the group's first answer), which keeps the variance free of cancellation.
  var shift: [Double]
  var shiftedSum: [Double]
  var shiftedSquares: [Double]
  /// Σ*wy* and Σ*wx* per group and PSU (`g * psus + p`) and per group and flattened
  /// calibration cell, weighted by the cell's factor (`g * cells + c`). When each respondent is
  /// their own PSU (``rowGroup`` is set), the PSU sums are kept per respondent instead: a
  /// respondent is in one group at most, so that takes a *g*-th of the memory.
  var psuNumerator: [Double]
  var psuDenominator: [Double]
  /// Without clusters: the group each respondent's PSU sums belong to (−1 for none).
  var rowGroup: [Int32]?
  /// Whether the PSU sums were kept (`psuSums` of the initialiser), which
  /// ``influence(_:design:presentGroups:)`` needs.
  var hasPSUSums: Bool
  var cellNumerator: [Double]
  var cellDenominator: [Double]
  /// Per group and stratum: whether a respondent the estimate is about is there.
  var stratumPresent: [Bool]
  /// Without clusters, the sums from which ``closedFormProducts(_:design:)`` gives the
  /// variances with no further pass over the respondents. Per group and stratum
  /// (`(g * strata + h) * 5`): Σ*u*², Σ*uv*, Σ*v*², Σ*u*, Σ*v*, where *u* = *w*(*y* − *s*·*x*) about
  /// the group's shift *s* (which keeps the squares free of cancellation) and *v* = *w*·*x*.
  /// `nil` with clusters, or for a calibration without ``CalibrationPlan/stratumEntries``.
  var moments: [Double]?
  /// With ``moments`` and a calibration, per group, stratum and calibration cell
  /// (`((g * strata + h) * cells + c) * 2`): Σ*u*·*m* and Σ*v*·*m* over the respondents'
  /// entries in the cell (*m*, their multiplier there).
  var cellMoments: [Double]?
  /// Per group: PSUs and strata with a positive-weight respondent in the group (answered or
  /// not), for the degrees of freedom, as R's `degf` of the subset.
  var degreesOfFreedom: [Int]

  /// Collects the sums.
  ///
  /// - Parameters:
  ///   - y: The numerator values (`.nan` missing).
  ///   - x: The denominator values (`.nan` missing), or `nil` for 1 (means and totals).
  ///   - groups: Each respondent's group (−1 for none), or `nil` for one group of everyone.
  ///   - groupCount: The number of groups.
  ///   - domain: A restriction, or `nil`.
  ///   - design: The sampling design.
  ///   - psuSums: Whether to keep the per-PSU sums, which the passes over the PSUs need. Without
  ///     clusters the closed form (``moments``) needs none, so a caller may first try without
  ///     them; with clusters they are always kept.
  /// - Complexity: O(*n*·(1 + *S*)) for *S* distinct calibration sweeps, plus
  ///   O(*g*·(*P* + *C*)) memory (O(*g*·*H*·*C*) without clusters and PSU sums).
  init(
    y: [Double], x: [Double]?, groups: [Int32]?, groupCount: Int, domain: [Bool]?, design: SurveyDesign,
    psuSums: Bool = true
  ) {
    let n = design.count
    let plan = design.calibrationPlan
    let psus = design.psuCount
    let cells = plan?.cellCount ?? 0
    let h = design.stratumCount
    let g0 = groupCount
    // Without clusters each respondent is a PSU of their own, and in one group at most.
    let byRow = !design.isClustered
    let keepPSUSums = psuSums || !byRow

    // Small accumulators in one block of raw memory, and the per-PSU and per-cell sums in the
    // arrays they end in (no copy of a million PSUs' sums): the hot loop below runs once per
    // respondent and must not pay for array uniqueness checks.
    let perGroup = 6
    let doubles = UnsafeMutableBufferPointer<Double>.allocate(capacity: g0 * perGroup)
    doubles.initialize(repeating: 0)
    defer { doubles.deallocate() }
    let psuSlots = keepPSUSums ? (byRow ? psus : g0 * psus) : 0
    var psuNumeratorArray = [Double](repeating: 0, count: psuSlots)
    var psuDenominatorArray = [Double](repeating: 0, count: psuSlots)
    var rowGroupArray = [Int32](repeating: -1, count: byRow && keepPSUSums ? psus : 0)
    var cellNumeratorArray = [Double](repeating: 0, count: g0 * cells)
    var cellDenominatorArray = [Double](repeating: 0, count: g0 * cells)
    // Sums for variances in closed form: without clusters, when a calibration keeps its
    // strata's entry sums, and when they are not too many.
    let closedForm =
      byRow && (plan == nil || plan?.stratumEntries != nil)
      && g0 * h * (5 + 2 * cells) <= CalibrationPlan.StratumEntries.limit
    var momentArray = [Double](repeating: 0, count: closedForm ? g0 * h * 5 : 0)
    var cellMomentArray = [Double](repeating: 0, count: closedForm && plan != nil ? g0 * h * cells * 2 : 0)
    let flags = UnsafeMutableBufferPointer<Bool>.allocate(capacity: g0 * (2 * h + (byRow ? 0 : psus)))
    flags.initialize(repeating: false)
    defer { flags.deallocate() }
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: g0 * 3)
    counts.initialize(repeating: 0)
    defer { counts.deallocate() }
    let base = doubles.baseAddress.unsafelyUnwrapped
    let weight = base
    let numerator = base + g0
    let denominator = base + 2 * g0
    let shift = base + 3 * g0
    let shiftedSum = base + 4 * g0
    let shiftedSquares = base + 5 * g0
    let flagBase = flags.baseAddress.unsafelyUnwrapped
    let stratumPresent = flagBase
    let stratumSeen = flagBase + g0 * h
    let psuSeen = flagBase + 2 * g0 * h
    let countBase = counts.baseAddress.unsafelyUnwrapped
    let count = countBase
    let psusSeen = countBase + g0
    let strataSeen = countBase + 2 * g0
    for g in 0..<g0 { shift[g] = .nan }

    let sweeps = plan?.sweepCount ?? 0
    let rowCell = plan?.rowCell ?? []
    let rowFactor = plan?.rowFactor ?? []
    let rowMultiplier = plan?.rowMultiplier ?? []
    func pointer(_ buffer: UnsafeMutableBufferPointer<Double>) -> UnsafeMutablePointer<Double> {
      // An empty array's buffer may have no address; nothing is then written through it.
      buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Double>.alignment).unsafelyUnwrapped
    }
    momentArray.withUnsafeMutableBufferPointer { momentBuffer in
      cellMomentArray.withUnsafeMutableBufferPointer { cellMomentBuffer in
        rowMultiplier.withUnsafeBufferPointer { rowMultiplier in
          let moments = pointer(momentBuffer)
          let cellMoments = pointer(cellMomentBuffer)
          let cellMomentsKept = !cellMomentBuffer.isEmpty
          rowGroupArray.withUnsafeMutableBufferPointer { rowGroup in
            psuNumeratorArray.withUnsafeMutableBufferPointer { psuNumerator in
              psuDenominatorArray.withUnsafeMutableBufferPointer { psuDenominator in
                cellNumeratorArray.withUnsafeMutableBufferPointer { cellNumerator in
                  cellDenominatorArray.withUnsafeMutableBufferPointer { cellDenominator in
                    let psuNumerator = pointer(psuNumerator)
                    let psuDenominator = pointer(psuDenominator)
                    let cellNumerator = pointer(cellNumerator)
                    let cellDenominator = pointer(cellDenominator)
                    withBaseAddress(groups) { groups in
                      withBaseAddress(domain) { domain in
                        withBaseAddress(x) { x in
                          y.withUnsafeBufferPointer { y in
                            design.weights.withUnsafeBufferPointer { w in
                              design.psuOfRow.withUnsafeBufferPointer { psuOfRow in
                                design.stratumOfRow.withUnsafeBufferPointer { stratumOfRow in
                                  rowCell.withUnsafeBufferPointer { rowCell in
                                    rowFactor.withUnsafeBufferPointer { rowFactor in
                                      for i in 0..<n {
                                        let g = groups.map { Int($0[i]) } ?? 0
                                        if g < 0 { continue }
                                        if let domain, !domain[i] { continue }
                                        let wi = w[i]
                                        let p = Int(psuOfRow[i])
                                        let s = Int(stratumOfRow[i])
                                        if wi != 0 {
                                          if byRow {
                                            psusSeen[g] += 1  // each respondent is seen once
                                          } else if !psuSeen[g * psus + p] {
                                            psuSeen[g * psus + p] = true
                                            psusSeen[g] += 1
                                          }
                                          if !stratumSeen[g * h + s] {
                                            stratumSeen[g * h + s] = true
                                            strataSeen[g] += 1
                                          }
                                        }
                                        let yi = y[i]
                                        let xi = x.map { $0[i] } ?? 1
                                        if yi.isNaN || xi.isNaN { continue }
                                        stratumPresent[g * h + s] = true
                                        let wy = wi * yi
                                        let wx = wi * xi
                                        weight[g] += wi
                                        numerator[g] += wy
                                        denominator[g] += wx
                                        if wi != 0 { count[g] += 1 }
                                        if shift[g].isNaN { shift[g] = yi }
                                        let d = yi - shift[g]
                                        shiftedSum[g] += wi * d
                                        shiftedSquares[g] += wi * d * d
                                        if keepPSUSums {
                                          let slot = byRow ? p : g * psus + p
                                          psuNumerator[slot] += wy
                                          psuDenominator[slot] += wx
                                          if byRow { rowGroup[p] = Int32(g) }
                                        }
                                        for a in 0..<sweeps {
                                          let f = rowFactor[i * sweeps + a]
                                          let cell = g * cells + Int(rowCell[i * sweeps + a])
                                          cellNumerator[cell] += f * wy
                                          cellDenominator[cell] += f * wx
                                        }
                                        if closedForm {
                                          let u = wi * (yi - shift[g] * xi)
                                          let slot = (g * h + s) * 5
                                          moments[slot] += u * u
                                          moments[slot + 1] += u * wx
                                          moments[slot + 2] += wx * wx
                                          moments[slot + 3] += u
                                          moments[slot + 4] += wx
                                          if cellMomentsKept {
                                            let row = (g * h + s) * cells
                                            for a in 0..<sweeps {
                                              let m = rowMultiplier[i * sweeps + a]
                                              let cell = (row + Int(rowCell[i * sweeps + a])) * 2
                                              cellMoments[cell] += u * m
                                              cellMoments[cell + 1] += wx * m
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
                  }

                }
              }
            }

          }

        }
      }
    }

    func array(_ start: UnsafeMutablePointer<Double>, _ length: Int) -> [Double] {
      Array(UnsafeBufferPointer(start: start, count: length))
    }
    self.groups = g0
    self.psus = psus
    self.cells = cells
    self.weight = array(weight, g0)
    self.numerator = array(numerator, g0)
    self.denominator = array(denominator, g0)
    self.count = Array(UnsafeBufferPointer(start: count, count: g0))
    self.shift = array(shift, g0)
    self.shiftedSum = array(shiftedSum, g0)
    self.shiftedSquares = array(shiftedSquares, g0)
    self.psuNumerator = psuNumeratorArray
    self.psuDenominator = psuDenominatorArray
    self.rowGroup = byRow && keepPSUSums ? rowGroupArray : nil
    self.hasPSUSums = keepPSUSums
    self.cellNumerator = cellNumeratorArray
    self.cellDenominator = cellDenominatorArray
    self.stratumPresent = Array(UnsafeBufferPointer(start: stratumPresent, count: g0 * h))
    self.moments = closedForm ? momentArray : nil
    self.cellMoments = closedForm && plan != nil ? cellMomentArray : nil
    degreesOfFreedom = (0..<g0).map { psusSeen[$0] - strataSeen[$0] }
  }

  /// The weighted variance of *y* in group *g* with R's *n*/(*n* − 1) (as `svyvar`).
  func variance(of g: Int) -> Double {
    let n = Double(count[g])
    guard n > 1, weight[g] > 0 else { return .nan }
    let mean = shiftedSum[g] / weight[g]
    return (shiftedSquares[g] / weight[g] - mean * mean) * n / (n - 1)
  }

  /// The strata where group *g* has a respondent the estimate is about.
  func stratumPresence(of g: Int) -> [Bool] {
    let h = stratumPresent.count / groups
    return Array(stratumPresent[(g * h)..<((g + 1) * h)])
  }

  /// The influence sums of the linear combinations α·*wy* + β·*wx*, one per listed group, as
  /// columns of ``InfluenceTotals``.
  func influence(
    _ coefficients: [(group: Int, alpha: Double, beta: Double)], design: SurveyDesign, presentGroups: [Int]
  ) -> InfluenceTotals {
    precondition(hasPSUSums, "the influence sums need the PSU sums")
    let k = coefficients.count
    var sums: InfluenceTotals
    if let rowGroup {
      // Each respondent is their own PSU: the variance works the totals out from these sums
      // as it goes, rather than from an array of a million PSUs' totals per column.
      sums = InfluenceTotals(
        columns: k, psu: [],
        rows: RowTotals(
          group: rowGroup, numerator: psuNumerator, denominator: psuDenominator,
          coefficients: coefficients.map { (Int32($0.group), $0.alpha, $0.beta) }),
        cells: [Double](repeating: 0, count: cells * k),
        stratumPresent: [Bool](repeating: design.calibrationPlan != nil, count: design.stratumCount))
    } else {
      sums = design.emptyInfluenceTotals(columns: k)
      let psus = psus
      psuNumerator.withUnsafeBufferPointer { psuNumerator in
        psuDenominator.withUnsafeBufferPointer { psuDenominator in
          sums.psu.withUnsafeMutableBufferPointer { psu in
            for (j, c) in coefficients.enumerated() {
              for p in 0..<psus {
                psu[p * k + j] =
                  c.alpha * psuNumerator[c.group * psus + p] + c.beta * psuDenominator[c.group * psus + p]
              }
            }
          }
        }
      }
    }
    let cells = cells
    for (j, c) in coefficients.enumerated() {
      for cell in 0..<cells {
        sums.cells[cell * k + j] =
          c.alpha * cellNumerator[c.group * cells + cell] + c.beta * cellDenominator[c.group * cells + cell]
      }
    }
    if design.calibrationPlan == nil {
      let h = design.stratumCount
      for g in presentGroups {
        for s in 0..<h where stratumPresent[g * h + s] { sums.stratumPresent[s] = true }
      }
    }
    return sums
  }
}

/// Runs `body` with the address of an optional array's elements (`nil` for no array), so that a
/// loop over a million respondents reads them without bounds checks.
func withBaseAddress<Element, Result>(
  _ array: [Element]?, _ body: (UnsafePointer<Element>?) -> Result
) -> Result {
  guard let array else { return body(nil) }
  return array.withUnsafeBufferPointer { body($0.baseAddress) }
}
