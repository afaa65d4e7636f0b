/// A design's calibration, prepared once so that the variance of any estimate on it can be
/// computed from sums over PSUs and calibration cells instead of a pass per sweep.
///
/// Every calibration `survey::svyrecvar` undoes is a sequence of *sweeps*. A sweep has cells
/// *c*(*i*), a factor *f*(*i*), a multiplier *m*(*i*) and a divisor *d*[*c*] per cell, and replaces
/// influence values *z* by
///
///     zᵢ − m(i) · (Σ_{j in c(i)} f(j) zⱼ) / d[c(i)]
///
/// Post-stratification is one sweep (*f* = *w*₀/*w*, *m* = *w*, *d* = Σ *w*₀); raking is ten rounds
/// of one sweep per margin (*f* = 1/*w*ₘ, *m* = *w*ₘ, *d* = the cell's size). After any sequence
/// of sweeps, *z* = *z*₀ − Σ_b *m*_b·*K*_b[*c*_b] for per-cell constants *K*, and a sweep's cell
/// sums follow from the cell sums of *f*·*z*₀ and the cross sums Σ *f*ₐ*m*_b, which do not
/// depend on the estimate and are computed here once. So are the PSU totals of each *m*_b per
/// cell, which turn the constants into adjusted PSU totals.
final class CalibrationPlan: Sendable {
  /// One distinct sweep, while the plan is built.
  private struct Sweep {
    var cells: [Int32]
    var cellCount: Int
    var factor: [Double]
    var multiplier: [Double]
    var divisor: [Double]
  }

  /// The number of distinct sweeps, *S*.
  let sweepCount: Int
  /// Row-major by respondent (`i * sweepCount + a`): the respondent's flattened cell in sweep
  /// *a*, its factor *f* and its multiplier *m*.
  let rowCell: [Int32]
  let rowFactor: [Double]
  let rowMultiplier: [Double]
  /// The divisor of each flattened cell.
  let divisor: [Double]
  /// The order in which the sweeps are applied (sweep indices).
  let order: [Int]
  /// Where each sweep's cells start in the flattened list of all sweeps' cells.
  let offsets: [Int]
  /// The number of cells over all sweeps.
  let cellCount: Int
  /// `cross[a * cellCount + b]` = Σ over respondents in flattened cells *a* and *b* of
  /// *f*ₐ·*m*_b.
  let cross: [Double]
  /// For each PSU, the range of its entries in ``entryCell`` and ``entryValue``.
  let psuStart: [Int]
  /// A flattened cell holding some of the PSU's respondents.
  let entryCell: [Int32]
  /// Σ *m* over the PSU's respondents in that cell.
  let entryValue: [Double]
  /// When each respondent is their own PSU, the sums over each stratum's entries that a
  /// variance in closed form needs (see ``StratumEntries``); `nil` with clusters, or when there
  /// would be more than ``StratumEntries/limit`` of them.
  let stratumEntries: StratumEntries?

  /// Per stratum *h*, over its PSUs' entries: Σ *m* in each cell *c*
  /// (`sums[h * cellCount + c]`), and Σ *m*ₐ·*m*_b over pairs of a PSU's entries in cells *a*
  /// and *b* (`cross[(h * cellCount + a) * cellCount + b]`).
  struct StratumEntries: Sendable {
    var sums: [Double]
    var cross: [Double]

    /// The most values kept (strata × cells²).
    static let limit = 1 << 22
  }

  /// Prepares the plan for a design's calibration steps.
  ///
  /// - Complexity: O(*n*·*S*²) for *n* respondents and *S* distinct sweeps.
  init(steps: [CalibrationStep], psuOfRow: [Int32], psuCount: Int, stratumOfPSU: [Int32], stratumCount: Int) {
    var sweeps: [Sweep] = []
    var order: [Int] = []
    for step in steps {
      switch step {
      case .postStratification(let cells):
        let n = cells.cells.count
        var factor = [Double](repeating: 0, count: n)
        var multiplier = [Double](repeating: 0, count: n)
        var divisor = [Double](repeating: 0, count: cells.cellCount)
        for i in 0..<n {
          let old = cells.weightsBefore[i]
          var new = cells.weightsAfter[i]
          if new == 0, old == 0 { new = 1 }
          factor[i] = new == 0 ? 0 : old / new
          multiplier[i] = new
          divisor[Int(cells.cells[i])] += old
        }
        order.append(sweeps.count)
        sweeps.append(
          Sweep(
            cells: cells.cells, cellCount: cells.cellCount, factor: factor, multiplier: multiplier, divisor: divisor))
      case .raking(let margins):
        let first = sweeps.count
        for margin in margins {
          var divisor = [Double](repeating: 0, count: margin.cellCount)
          for cell in margin.cells { divisor[Int(cell)] += 1 }
          sweeps.append(
            Sweep(
              cells: margin.cells, cellCount: margin.cellCount,
              factor: margin.weightsAfter.map { $0 == 0 ? 0 : 1 / $0 }, multiplier: margin.weightsAfter,
              divisor: divisor))
        }
        for _ in 0..<10 { order.append(contentsOf: first..<sweeps.count) }
      }
    }
    var offsets = [0]
    for sweep in sweeps { offsets.append(offsets[offsets.count - 1] + sweep.cellCount) }
    let cellCount = offsets[sweeps.count]
    let n = psuOfRow.count

    let sweepCount = sweeps.count
    var rowCell = [Int32](repeating: 0, count: n * sweepCount)
    var rowFactor = [Double](repeating: 0, count: n * sweepCount)
    var rowMultiplier = [Double](repeating: 0, count: n * sweepCount)
    var divisor: [Double] = []
    rowCell.withUnsafeMutableBufferPointer { rowCell in
      rowFactor.withUnsafeMutableBufferPointer { rowFactor in
        rowMultiplier.withUnsafeMutableBufferPointer { rowMultiplier in
          for (a, sweep) in sweeps.enumerated() {
            divisor.append(contentsOf: sweep.divisor)
            let offset = Int32(offsets[a])
            for i in 0..<n {
              rowCell[i * sweepCount + a] = offset + sweep.cells[i]
              rowFactor[i * sweepCount + a] = sweep.factor[i]
              rowMultiplier[i * sweepCount + a] = sweep.multiplier[i]
            }
          }
        }
      }
    }

    var cross = [Double](repeating: 0, count: cellCount * cellCount)
    rowCell.withUnsafeBufferPointer { rowCell in
      rowFactor.withUnsafeBufferPointer { rowFactor in
        rowMultiplier.withUnsafeBufferPointer { rowMultiplier in
          cross.withUnsafeMutableBufferPointer { cross in
            for i in 0..<n {
              let base = i * sweepCount
              for a in 0..<sweepCount {
                let f = rowFactor[base + a]
                if f == 0 { continue }
                let row = Int(rowCell[base + a]) * cellCount
                for b in 0..<sweepCount { cross[row + Int(rowCell[base + b])] += f * rowMultiplier[base + b] }
              }
            }
          }
        }
      }
    }

    var psuStart: [Int]
    var entryCell: [Int32]
    var entryValue: [Double]
    var stratumEntries: StratumEntries?
    if psuCount == n, psuOfRow.indices.allSatisfy({ psuOfRow[$0] == Int32($0) }) {
      // Each respondent its own PSU (no clusters): a PSU's entries are its respondent's cells,
      // one per sweep and all distinct, each holding the respondent's multiplier.
      psuStart = Array(stride(from: 0, through: n * sweepCount, by: sweepCount))
      entryCell = rowCell
      entryValue = rowMultiplier
      if stratumCount * cellCount * cellCount <= StratumEntries.limit {
        var sums = [Double](repeating: 0, count: stratumCount * cellCount)
        var pairs = [Double](repeating: 0, count: stratumCount * cellCount * cellCount)
        rowCell.withUnsafeBufferPointer { rowCell in
          rowMultiplier.withUnsafeBufferPointer { rowMultiplier in
            sums.withUnsafeMutableBufferPointer { sums in
              pairs.withUnsafeMutableBufferPointer { pairs in
                for i in 0..<n {
                  let h = Int(stratumOfPSU[i])
                  let base = i * sweepCount
                  for a in 0..<sweepCount {
                    let cell = Int(rowCell[base + a])
                    let m = rowMultiplier[base + a]
                    sums[h * cellCount + cell] += m
                    let row = (h * cellCount + cell) * cellCount
                    for b in 0..<sweepCount { pairs[row + Int(rowCell[base + b])] += m * rowMultiplier[base + b] }
                  }
                }
              }
            }
          }
        }
        stratumEntries = StratumEntries(sums: sums, cross: pairs)
      }
    } else {
      // Respondents in PSU order (a counting sort), then each PSU's sums of m per cell.
      var psuStartOfRows = [Int](repeating: 0, count: psuCount + 1)
      for psu in psuOfRow { psuStartOfRows[Int(psu) + 1] += 1 }
      for p in 0..<psuCount { psuStartOfRows[p + 1] += psuStartOfRows[p] }
      var next = psuStartOfRows
      var rows = [Int32](repeating: 0, count: n)
      for i in 0..<n {
        let p = Int(psuOfRow[i])
        rows[next[p]] = Int32(i)
        next[p] += 1
      }
      psuStart = [0]
      entryCell = []
      entryValue = []
      var scratch = [Double](repeating: 0, count: cellCount)
      var marked = [Bool](repeating: false, count: cellCount)
      var touched: [Int] = []
      for p in 0..<psuCount {
        for r in psuStartOfRows[p]..<psuStartOfRows[p + 1] {
          let base = Int(rows[r]) * sweepCount
          for b in 0..<sweepCount {
            let cell = Int(rowCell[base + b])
            if !marked[cell] {
              marked[cell] = true
              touched.append(cell)
            }
            scratch[cell] += rowMultiplier[base + b]
          }
        }
        for cell in touched {
          entryCell.append(Int32(cell))
          entryValue.append(scratch[cell])
          scratch[cell] = 0
          marked[cell] = false
        }
        touched.removeAll(keepingCapacity: true)
        psuStart.append(entryCell.count)
      }
    }

    self.sweepCount = sweepCount
    self.rowCell = rowCell
    self.rowFactor = rowFactor
    self.rowMultiplier = rowMultiplier
    self.divisor = divisor
    self.order = order
    self.offsets = offsets
    self.cellCount = cellCount
    self.cross = cross
    self.psuStart = psuStart
    self.entryCell = entryCell
    self.entryValue = entryValue
    self.stratumEntries = stratumEntries
  }

  /// The constants *K* of the sweeps, from the cell sums Σ *f*·*z*₀ of one influence column.
  func constants(cellSums: [Double]) -> [Double] {
    var constants = [Double](repeating: 0, count: cellCount)
    for a in order {
      for cell in offsets[a]..<offsets[a + 1] where divisor[cell] != 0 {
        var sum = cellSums[cell]
        let row = cell * cellCount
        for other in 0..<cellCount where constants[other] != 0 { sum -= cross[row + other] * constants[other] }
        constants[cell] += sum / divisor[cell]
      }
    }
    return constants
  }
}
