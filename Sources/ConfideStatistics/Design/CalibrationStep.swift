/// A calibration of a design's weights, remembered so that the variance of an estimate on the
/// calibrated design accounts for it: influence values are replaced by their residuals from
/// the calibration, as `survey::svyrecvar` does with a design's `postStrata`.
public enum CalibrationStep: Sendable {
  /// Post-stratification (`survey::postStratify`): weights were scaled so that each cell's
  /// weighted count equals its population count.
  case postStratification(PostStratificationCells)
  /// Raking (`survey::rake`): weights were post-stratified to each margin in turn until they
  /// converged; the steps of the last round are kept.
  case raking([PostStratificationCells])
}

/// The cells of one post-stratification and the weights before and after it.
public struct PostStratificationCells: Sendable {
  /// Each respondent's cell, `0..<cellCount`.
  public var cells: [Int32]
  /// The number of cells.
  public var cellCount: Int
  /// The weights before this step.
  public var weightsBefore: [Double]
  /// The weights after this step.
  public var weightsAfter: [Double]

  /// Records one post-stratification step.
  public init(cells: [Int32], cellCount: Int, weightsBefore: [Double], weightsAfter: [Double]) {
    self.cells = cells
    self.cellCount = cellCount
    self.weightsBefore = weightsBefore
    self.weightsAfter = weightsAfter
  }
}

extension CalibrationStep {
  /// Replaces influence columns by their residuals from this calibration.
  ///
  /// Post-stratification subtracts, in each cell, the cell's mean of *z*·*w*₀/*w* (weighted by
  /// the weights *w*₀ before the step) times the new weight *w*. Raking sweeps the mean of
  /// *z*/*w*ₘ out of each margin *m*'s cells in turn, ten rounds, as `svyrecvar` does.
  ///
  /// The raking sweeps are carried out on cell sums rather than on every respondent: after any
  /// number of sweeps, *z* = *z*₀ − Σₘ *w*ₘ·*c*ₘ[cellₘ] for per-cell constants *c*ₘ, and the mean
  /// of *z*/*w*ₘ in a cell follows from the cell sums of *z*₀/*w*ₘ and of *w*ₘ′/*w*ₘ over the
  /// cells shared with each margin *m*′. The result is R's to rounding, in two passes over the
  /// respondents instead of sixty.
  ///
  /// - Complexity: O(*n*·*k* + *n*·*M*²) for *n* respondents, *k* columns and *M* margins.
  func residualise(_ columns: inout [[Double]]) {
    switch self {
    case .postStratification(let step):
      for c in columns.indices { residualise(&columns[c], postStratifiedBy: step) }
    case .raking(let margins):
      rake(&columns, margins)
    }
  }

  private func residualise(_ z: inout [Double], postStratifiedBy step: PostStratificationCells) {
    let n = z.count
    var sums = [Double](repeating: 0, count: step.cellCount)
    var before = [Double](repeating: 0, count: step.cellCount)
    for i in 0..<n {
      let cell = Int(step.cells[i])
      let old = step.weightsBefore[i]
      var new = step.weightsAfter[i]
      if new == 0, old == 0 { new = 1 }
      sums[cell] += z[i] * old / new
      before[cell] += old
    }
    for cell in 0..<step.cellCount where before[cell] != 0 { sums[cell] /= before[cell] }
    for i in 0..<n {
      var new = step.weightsAfter[i]
      if new == 0, step.weightsBefore[i] == 0 { new = 1 }
      z[i] -= sums[Int(step.cells[i])] * new
    }
  }

  private func rake(_ columns: inout [[Double]], _ margins: [PostStratificationCells]) {
    guard let n = columns.first?.count else { return }
    let m = margins.count
    let offsets = margins.reduce(into: [0]) { $0.append(($0.last ?? 0) + $1.cellCount) }
    let cells = offsets[m]
    // Cell sizes, and cross[mA][mB] = Σ over respondents in cell a of margin mA and cell b of
    // margin mB of wB/wA, flattened as [(offsets[mA] + a) * cells + offsets[mB] + b].
    var sizes = [Double](repeating: 0, count: cells)
    var cross = [Double](repeating: 0, count: cells * cells)
    for i in 0..<n {
      for a in 0..<m {
        let rowCell = offsets[a] + Int(margins[a].cells[i])
        sizes[rowCell] += 1
        let wa = margins[a].weightsAfter[i]
        for b in 0..<m {
          cross[rowCell * cells + offsets[b] + Int(margins[b].cells[i])] += margins[b].weightsAfter[i] / wa
        }
      }
    }
    for c in columns.indices {
      // Cell means of z₀/wₘ.
      var start = [Double](repeating: 0, count: cells)
      columns[c].withUnsafeBufferPointer { z in
        for i in 0..<n {
          for a in 0..<m { start[offsets[a] + Int(margins[a].cells[i])] += z[i] / margins[a].weightsAfter[i] }
        }
      }
      // Ten rounds of sweeps on the per-cell constants.
      var constants = [Double](repeating: 0, count: cells)
      for _ in 0..<10 {
        for a in 0..<m {
          for cell in offsets[a]..<offsets[a + 1] where sizes[cell] > 0 {
            var sum = start[cell]
            for other in 0..<cells where constants[other] != 0 { sum -= cross[cell * cells + other] * constants[other] }
            constants[cell] += sum / sizes[cell]
          }
        }
      }
      columns[c].withUnsafeMutableBufferPointer { z in
        for i in 0..<n {
          for a in 0..<m {
            z[i] -= margins[a].weightsAfter[i] * constants[offsets[a] + Int(margins[a].cells[i])]
          }
        }
      }
    }
  }
}
