/// A calibration of a design's weights, remembered so that the variance of an estimate on the
/// calibrated design accounts for it: influence values are replaced by their residuals from
/// the calibration, as `survey::svyrecvar` does with a design's `postStrata` (see
/// ``CalibrationPlan`` for how).
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
