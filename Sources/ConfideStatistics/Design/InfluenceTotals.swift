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
  /// PSU totals, row-major by PSU: `psu[p * columns + j]`.
  var psu: [Double]
  /// Cell sums of *f*·*z*, row-major by flattened calibration cell: `cells[c * columns + j]`.
  var cells: [Double]
  /// The strata that take part in the variance: those holding a respondent the estimate is
  /// about (R subsets the design to them). A calibrated design's strata all take part.
  var stratumPresent: [Bool]
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
    for j in 0..<k {
      columns[j].withUnsafeBufferPointer { z in
        for i in 0..<count { totals.psu[Int(psuOfRow[i]) * k + j] += z[i] }
        if let plan = calibrationPlan {
          let sweeps = plan.sweepCount
          for i in 0..<count where z[i] != 0 {
            for a in 0..<sweeps {
              totals.cells[Int(plan.rowCell[i * sweeps + a]) * k + j] += plan.rowFactor[i * sweeps + a] * z[i]
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
