/// The sums of *k* influence columns that their design-based covariance needs: totals per PSU,
/// and, for a calibrated design, the sums of *f*·*z* in each calibration cell (see
/// ``CalibrationPlan``).
///
/// Estimators whose influence values are linear in a few per-respondent quantities (means,
/// totals, ratios, in any number of groups) collect these sums in one pass without building
/// an influence column per respondent.
struct InfluenceTotals {
  /// The number of columns, *k*.
  var columns: Int
  /// PSU totals, row-major by PSU: `psu[p * columns + j]`; empty when ``rows`` gives them.
  var psu: [Double]
  /// The PSU totals given by per-respondent sums, when each respondent is their own PSU: what
  /// ``GroupedSums`` collects for means, totals and ratios by group.
  var rows: RowTotals? = nil
  /// Cell sums of *f*·*z*, row-major by flattened calibration cell: `cells[c * columns + j]`.
  var cells: [Double]
  /// The strata that take part in the variance: those holding a respondent the estimate is
  /// about (R subsets the design to them). A calibrated design's strata all take part.
  var stratumPresent: [Bool]
}

/// PSU totals of grouped linear statistics in a design without clusters, given by each
/// respondent's (PSU's) sums Σ*wy* and Σ*wx* and group: column *j*'s total for PSU *p* is
/// α*ⱼ*·Σ*wy* + β*ⱼ*·Σ*wx* when *p* is in column *j*'s group, and 0 otherwise.
struct RowTotals {
  /// Each PSU's group (−1 for none).
  var group: [Int32]
  var numerator: [Double]
  var denominator: [Double]
  /// Per column: its group and coefficients.
  var coefficients: [(group: Int32, alpha: Double, beta: Double)]
}

extension SurveyDesign {
  /// Empty sums for `columns` influence columns, with no stratum taking part yet (every
  /// stratum, for a calibrated design).
  func emptyInfluenceTotals(columns: Int) -> InfluenceTotals {
    InfluenceTotals(
      columns: columns, psu: [Double](repeating: 0, count: psuCount * columns),
      cells: [Double](repeating: 0, count: (calibrationPlan?.cellCount ?? 0) * columns),
      stratumPresent: [Bool](repeating: calibrationPlan != nil, count: stratumCount))
  }

  /// The sums of influence columns given one value per respondent.
  ///
  /// - Parameters:
  ///   - columns: Influence values, one array per column; zero for respondents outside the
  ///     estimate.
  ///   - presence: The respondents the estimate is about, or `nil` for everyone.
  /// - Returns: The columns' PSU totals and calibration-cell sums.
  /// - Complexity: O(*n*·*k*·(1 + *S*)) for *S* distinct calibration sweeps.
  func influenceTotals(of columns: [[Double]], presence: [Bool]?) -> InfluenceTotals {
    let k = columns.count
    var totals = emptyInfluenceTotals(columns: k)
    let n = count
    precondition(columns.allSatisfy { $0.count == n }, "an influence column has one value per respondent")
    let cellCount = calibrationPlan?.cellCount ?? 0
    // One pass per column, through buffer pointers (a million respondents each).
    psuOfRow.withUnsafeBufferPointer { psuOfRow in
      totals.psu.withUnsafeMutableBufferPointer { psu in
        totals.cells.withUnsafeMutableBufferPointer { cells in
          for j in 0..<k {
            columns[j].withUnsafeBufferPointer { z in
              for i in 0..<n { psu[Int(psuOfRow[i]) * k + j] += z[i] }
              guard let plan = calibrationPlan, cellCount > 0 else { return }
              let sweeps = plan.sweepCount
              plan.rowCell.withUnsafeBufferPointer { rowCell in
                plan.rowFactor.withUnsafeBufferPointer { rowFactor in
                  for i in 0..<n where z[i] != 0 {
                    for a in 0..<sweeps {
                      cells[Int(rowCell[i * sweeps + a]) * k + j] += rowFactor[i * sweeps + a] * z[i]
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    if calibrationPlan == nil {
      if let presence {
        for i in 0..<count where presence[i] { totals.stratumPresent[Int(stratumOfRow[i])] = true }
      } else {
        for h in 0..<stratumCount { totals.stratumPresent[h] = true }
      }
    }
    return totals
  }

  /// The sums of influence columns given row by row: `values[r * columns + j]` is column *j*'s
  /// value for respondent `rows[r]` (ascending); every other respondent's values are zero. The
  /// same sums as ``influenceTotals(of:presence:)`` of the full columns, without them.
  ///
  /// - Complexity: O(*m*·*k*·(1 + *S*)) for *m* listed respondents.
  func influenceTotals(rowMajor values: [Double], rows: [Int], columns k: Int, presence: [Bool]?) -> InfluenceTotals {
    precondition(values.count == rows.count * k, "one value per listed respondent and column")
    var totals = emptyInfluenceTotals(columns: k)
    let sweeps = calibrationPlan?.sweepCount ?? 0
    let rowCell = calibrationPlan?.rowCell ?? []
    let rowFactor = calibrationPlan?.rowFactor ?? []
    values.withUnsafeBufferPointer { values in
      psuOfRow.withUnsafeBufferPointer { psuOfRow in
        rowCell.withUnsafeBufferPointer { rowCell in
          rowFactor.withUnsafeBufferPointer { rowFactor in
            totals.psu.withUnsafeMutableBufferPointer { psu in
              totals.cells.withUnsafeMutableBufferPointer { cells in
                for (r, i) in rows.enumerated() {
                  let p = Int(psuOfRow[i])
                  for j in 0..<k {
                    let z = values[r * k + j]
                    psu[p * k + j] += z
                    // As the column-wise sums, which skip zeros.
                    guard z != 0 else { continue }
                    for a in 0..<sweeps {
                      cells[Int(rowCell[i * sweeps + a]) * k + j] += rowFactor[i * sweeps + a] * z
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    if calibrationPlan == nil {
      if let presence {
        for i in 0..<count where presence[i] { totals.stratumPresent[Int(stratumOfRow[i])] = true }
      } else {
        for h in 0..<stratumCount { totals.stratumPresent[h] = true }
      }
    }
    return totals
  }
}
