extension VignetteExperiment {
  /// Each arm's effect adjusted for baseline covariates by Lin's (2013) interacted regression:
  ///
  ///     y ~ arm + (x − x̄) + arm·(x − x̄)
  ///
  /// with each covariate centred at its weighted mean x̄ among the respondents in the model, so
  /// that each arm's coefficient is its adjusted difference from the control at the covariates'
  /// mean. The model is fitted by ``regression(_:on:in:family:intercept:domain:tolerance:maximumIterations:)``
  /// (`svyglm`), whose design-based sandwich covariance gives the standard errors; intervals
  /// and tests use *t* on its residual degrees of freedom. The centring means are treated as
  /// fixed, as R does with `svyglm(y ~ arm * I(x - xbar), design)` where
  /// `xbar <- coef(svymean(~x, subset(design, !is.na(y))))`.
  ///
  /// - Parameters:
  ///   - y: The outcome; `.nan` marks a missing answer.
  ///   - covariates: Baseline covariates by name (measured before randomisation); a respondent
  ///     missing one is left out.
  ///   - level: The confidence level.
  /// - Returns: One effect per non-control arm, in the order of `arms.levels`.
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when no covariate is given or one has the
  ///   wrong length; the regression's errors (collinear covariates, too few degrees of freedom).
  /// - Complexity: O(*n*·*p*² + *P*·*p*²) for *p* = 2·arms·(covariates + 1) coefficients.
  public func linAdjustedEffects(
    _ y: [Double], covariates: [(name: String, values: [Double])], level: Double = 0.95
  ) throws(EstimationError) -> [ArmEffect] {
    guard !covariates.isEmpty else { throw .invalidArgument("Lin's adjustment needs at least one covariate") }
    try design.check(y, "y")
    for covariate in covariates { try design.check(covariate.values, covariate.name) }
    try checkLevel(level)
    var inModel = [Bool](repeating: false, count: design.count)
    var weightSum = 0.0
    for i in 0..<design.count where arms.codes[i] >= 0 && !y[i].isNaN && (domain?[i] ?? true) {
      if covariates.contains(where: { $0.values[i].isNaN }) { continue }
      inModel[i] = true
      weightSum += design.weights[i]
    }
    guard weightSum > 0 else { throw .noObservations("no respondent with a positive weight has every value") }
    let arm = RegressionTerm.categorical("arm", arms, reference: arms.levels[control])
    var terms = [arm]
    var interactions: [RegressionTerm] = []
    for covariate in covariates {
      var total = 0.0
      for i in 0..<design.count where inModel[i] { total += design.weights[i] * covariate.values[i] }
      let centre = total / weightSum
      let centred = RegressionTerm.numeric(covariate.name, covariate.values.map { $0 - centre })
      terms.append(centred)
      interactions.append(.interaction(arm, centred))
    }
    let model = try regression(y, on: terms + interactions, in: design, domain: domain)
    var effects: [ArmEffect] = []
    for (index, name) in arms.levels.enumerated() where index != control {
      guard let coefficient = model.coefficient("arm" + name) else { continue }
      let range = try coefficient.confidenceInterval(level: level)
      effects.append(
        ArmEffect(
          arm: name,
          estimate: Estimate(
            value: coefficient.estimate, variance: coefficient.standardError * coefficient.standardError,
            degreesOfFreedom: coefficient.degreesOfFreedom, count: model.count, weightedCount: model.weightedCount),
          interval: ConfidenceInterval(lower: range.lowerBound, upper: range.upperBound, level: level),
          tStatistic: coefficient.tStatistic, pValue: coefficient.pValue))
    }
    return effects
  }
}
