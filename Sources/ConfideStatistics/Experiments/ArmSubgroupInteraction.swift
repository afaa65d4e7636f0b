extension VignetteExperiment {
  /// Whether an arm's effect differs between subgroups (born abroad or not, age bands): the
  /// difference-in-differences of each arm's effect between each subgroup and a reference
  /// subgroup, and the Wald test that every arm's effect is the same in every subgroup.
  ///
  /// The means of `y` in each arm × subgroup cell are estimated with their joint design
  /// covariance *V* (`svyby(~y, ~arm + group, design, svymean, covmat = TRUE)`). For arm *a*,
  /// control *c*, subgroup *s* and reference subgroup *r* the difference-in-differences is
  ///
  ///     δₐₛ = (ȳₐₛ − ȳ꜀ₛ) − (ȳₐᵣ − ȳ꜀ᵣ),   Var = ℓᵀVℓ
  ///
  /// — the `arm:group` coefficients of `svyglm(y ~ arm * group, design)`, which has one
  /// coefficient per cell and so the same estimates and sandwich covariance. Stacking the
  /// *k* = (arms − 1)(subgroups − 1) contrasts as *L*, the Wald statistic is
  /// W = (Lȳ)ᵀ(LVLᵀ)⁻¹(Lȳ), reported as F = W/k on (k, degf − cells + 1) degrees of freedom,
  /// which is `regTermTest(svyglm(y ~ arm * group, design), ~arm:group)` (method `"Wald"`):
  /// degf counts PSUs minus strata among the respondents in the model, as `svyglm`'s
  /// `df.residual`.
  ///
  /// - Parameters:
  ///   - y: The outcome; `.nan` marks a missing answer.
  ///   - subgroups: Each respondent's subgroup; respondents in no subgroup are left out.
  ///   - reference: The subgroup the others are compared with; `nil` takes the first level.
  ///   - level: The confidence level of the differences' intervals.
  /// - Returns: The cell means, the differences-in-differences and the Wald test.
  /// - Throws: ``EstimationError/noObservations(_:)`` naming an arm × subgroup cell in which
  ///   nobody answered (the contrast, like R's coefficient, is then undefined);
  ///   ``EstimationError/invalidArgument(_:)`` for an unknown reference, fewer than two
  ///   subgroups, or too few degrees of freedom for the cells; ``EstimationError/singular(_:)``
  ///   when the contrasts' covariance is singular.
  /// - Complexity: O(*n*·*c* + *P*·*c*²) for *n* respondents, *c* cells and *P* PSUs.
  public func interaction(
    _ y: [Double], by subgroups: Grouping, reference: String? = nil, level: Double = 0.95
  ) throws(EstimationError) -> ArmSubgroupInteraction {
    let referenceIndex: Int
    if let reference {
      guard let index = subgroups.levels.firstIndex(of: reference) else {
        throw .invalidArgument("the reference subgroup is not one of the \(subgroups.count) subgroups")
      }
      referenceIndex = index
    } else {
      referenceIndex = 0
    }
    guard subgroups.count >= 2 else { throw .invalidArgument("an interaction needs at least two subgroups") }
    let cells = try CrossedCells(y, rows: arms, columns: subgroups, design: design, domain: domain)
    func cell(_ arm: Int, _ group: Int) throws(EstimationError) -> Int {
      guard let index = cells.index(arm, group) else {
        throw .noObservations(
          "nobody answered in arm '\(arms.levels[arm])' of subgroup '\(subgroups.levels[group])'")
      }
      return index
    }

    // The model's respondents, for svyglm's residual degrees of freedom.
    var inModel = [Bool](repeating: false, count: design.count)
    for i in 0..<design.count {
      inModel[i] =
        arms.codes[i] >= 0 && subgroups.codes[i] >= 0 && !y[i].isNaN && (domain?[i] ?? true)
    }
    let modelDegreesOfFreedom = design.degreesOfFreedom(in: inModel) + 1 - cells.means.estimates.count
    guard modelDegreesOfFreedom >= 1 else {
      throw .invalidArgument("the design has too few degrees of freedom for \(cells.means.estimates.count) cells")
    }
    let critical = try tCriticalValue(level: level, degreesOfFreedom: modelDegreesOfFreedom)

    var differences: [DifferenceInDifferences] = []
    var contrasts: [[Double]] = []
    let cellCount = cells.means.estimates.count
    for group in 0..<subgroups.count where group != referenceIndex {
      for arm in 0..<arms.count where arm != control {
        var coefficients = [Double](repeating: 0, count: cellCount)
        coefficients[try cell(arm, group)] += 1
        coefficients[try cell(control, group)] -= 1
        coefficients[try cell(arm, referenceIndex)] -= 1
        coefficients[try cell(control, referenceIndex)] += 1
        var estimate = try cells.means.contrast(coefficients)
        estimate.degreesOfFreedom = modelDegreesOfFreedom
        let (t, p) = tTest(estimate, degreesOfFreedom: modelDegreesOfFreedom)
        let margin = critical * estimate.standardError
        differences.append(
          DifferenceInDifferences(
            arm: arms.levels[arm], subgroup: subgroups.levels[group], estimate: estimate,
            interval: ConfidenceInterval(lower: estimate.value - margin, upper: estimate.value + margin, level: level),
            tStatistic: t, pValue: p))
        contrasts.append(coefficients)
      }
    }

    // W = (Lȳ)ᵀ (L V Lᵀ)⁻¹ (Lȳ).
    let v = cells.means.covariance
    let values = cells.means.estimates.map(\.value)
    let projected = contrasts.map { row in zip(row, values).reduce(0) { $0 + $1.0 * $1.1 } }
    let vl = contrasts.map { row in (0..<cellCount).map { b in (0..<cellCount).reduce(0) { $0 + row[$1] * v[$1][b] } } }
    let covariance = contrasts.map { other in vl.map { row in zip(row, other).reduce(0) { $0 + $1.0 * $1.1 } } }
    let names = differences.map { "\($0.arm):\($0.subgroup)" }
    let chiSquared = try CholeskyDecomposition(covariance, names: names).inverseQuadraticForm(projected)
    let k = contrasts.count
    let statistic = chiSquared / Double(k)
    let p = FDistribution(
      numeratorDegreesOfFreedom: Double(k), denominatorDegreesOfFreedom: Double(modelDegreesOfFreedom)
    ).survival(statistic)
    let test = WaldTest(
      coefficients: names, chiSquared: chiSquared, statistic: statistic, numeratorDegreesOfFreedom: k,
      denominatorDegreesOfFreedom: modelDegreesOfFreedom, pValue: p)
    return ArmSubgroupInteraction(
      cellMeans: cells.means, reference: subgroups.levels[referenceIndex], differences: differences, test: test,
      cells: cells, control: control, arms: arms.levels, subgroups: subgroups.levels)
  }
}

/// How an experiment's arm effects differ between subgroups.
public struct ArmSubgroupInteraction: Sendable {
  /// The mean in each arm × subgroup cell (levels named `arm.subgroup`, the arm varying
  /// fastest) with their joint covariance.
  public var cellMeans: GroupedMeans
  /// The subgroup the others are compared with.
  public var reference: String
  /// For each non-reference subgroup and each non-control arm (arms varying fastest, as R
  /// orders the `arm:group` coefficients), the arm's effect in that subgroup minus its effect
  /// in the reference subgroup.
  public var differences: [DifferenceInDifferences]
  /// The Wald test that every arm's effect is the same in every subgroup.
  public var test: WaldTest

  let cells: CrossedCells
  let control: Int
  let arms: [String]
  let subgroups: [String]

  /// An arm's effect (its mean minus the control's) within one subgroup, with its variance
  /// from the cells' covariance.
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for an unknown arm or subgroup;
  ///   ``EstimationError/noObservations(_:)`` when a cell is empty.
  public func effect(of arm: String, in subgroup: String) throws(EstimationError) -> Estimate {
    guard let a = arms.firstIndex(of: arm), let s = subgroups.firstIndex(of: subgroup) else {
      throw .invalidArgument("no such arm or subgroup")
    }
    guard let treated = cells.index(a, s), let untreated = cells.index(control, s) else {
      throw .noObservations("nobody answered in an arm of subgroup '\(subgroup)'")
    }
    return try cellMeans.difference(treated, minus: untreated)
  }
}

/// The difference between an arm's effect in one subgroup and in the reference subgroup.
public struct DifferenceInDifferences: Sendable, Hashable {
  /// The arm.
  public var arm: String
  /// The subgroup compared with the reference subgroup.
  public var subgroup: String
  /// (arm − control in `subgroup`) − (arm − control in the reference subgroup).
  public var estimate: Estimate
  /// The *t* interval on the model's residual degrees of freedom.
  public var interval: ConfidenceInterval
  /// estimate / SE.
  public var tStatistic: Double
  /// The two-sided *p*-value.
  public var pValue: Double
}
