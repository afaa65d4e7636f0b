/// Post-stratifies a design: scales the weights in each cell so that the cell's weighted count
/// equals its population count, as `survey::postStratify(design, ~cells, population)` does.
///
///     wᵢ′ = wᵢ · N_c / Σ_{j∈c} wⱼ      for respondent i in cell c
///
/// The returned design remembers the step (``CalibrationStep/postStratification(_:)``), so the
/// variance of every estimate on it is computed from the residuals of the influence values
/// within cells, as `svyrecvar` does: post-stratification removes the between-cell part of the
/// variance.
///
/// ```swift
/// let stype = Grouping(schoolTypes)
/// let calibrated = try postStratify(
///   dclus1, to: PopulationMargin(stype, counts: ["E": 4421, "H": 755, "M": 1018]))
/// try mean(api00, in: calibrated)   // 642.31, SE 23.921 (R's svymean on the same design)
/// ```
///
/// - Parameters:
///   - design: The design whose weights are calibrated; an earlier calibration is kept.
///   - margin: Each respondent's cell and the population counts, matched by level name.
///   - partial: Whether cells in the population with no respondent of positive weight are left
///     out (R's `partial=TRUE`) rather than being an error.
/// - Returns: The design with calibrated weights and the step appended to its calibration.
/// - Throws: ``EstimationError/lengthMismatch(argument:expected:actual:)`` when the cells do
///   not describe the design's respondents; ``EstimationError/invalidArgument(_:)``, naming the
///   cells, when a respondent is in no cell, a cell with respondents has no (or a zero)
///   population count, a population cell has no respondent (unless `partial`), or a count is
///   negative or not a number.
/// - Complexity: O(*n*) for *n* respondents.
public func postStratify(
  _ design: SurveyDesign, to margin: PopulationMargin, partial: Bool = false
)
  throws(EstimationError) -> SurveyDesign
{
  let resolved = try ResolvedMargin(margin, weights: design.weights, partial: partial, label: "post-stratification")
  let before = design.weights
  let after = resolved.calibrated(before)
  var calibrated = design
  calibrated.weights = after
  calibrated.calibration.append(
    .postStratification(
      PostStratificationCells(
        cells: resolved.codes, cellCount: resolved.cellCount, weightsBefore: before, weightsAfter: after)))
  return calibrated
}

/// Post-stratifies a design to population counts given by level name (see
/// ``postStratify(_:to:partial:)``).
///
/// - Complexity: O(*n*) for *n* respondents.
public func postStratify(
  _ design: SurveyDesign, cells: Grouping, populationCounts: [String: Double], partial: Bool = false
) throws(EstimationError) -> SurveyDesign {
  try postStratify(design, to: PopulationMargin(cells, counts: populationCounts), partial: partial)
}

/// Post-stratifies a design to one population count per level of `cells`, in level order (see
/// ``postStratify(_:to:partial:)``).
///
/// - Complexity: O(*n*) for *n* respondents.
public func postStratify(
  _ design: SurveyDesign, cells: Grouping, populationCounts: [Double], partial: Bool = false
) throws(EstimationError) -> SurveyDesign {
  try postStratify(design, to: PopulationMargin(cells, counts: populationCounts), partial: partial)
}
