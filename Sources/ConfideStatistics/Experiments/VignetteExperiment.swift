import Foundation

/// A between-subjects (split-ballot, vignette) experiment embedded in a survey: respondents were
/// randomised to arms, one of which is the control, and an outcome is compared between arms
/// with design-based standard errors.
///
/// ```swift
/// let experiment = try VignetteExperiment(design: design, arms: Grouping(arm), control: "control")
/// let delay = try experiment.compare(delayedCare)
/// delay.effects.map(\.arm)              // ["gp_only", "home_office", "shared_nhs"]
/// delay.effects[1].estimate.value       // home_office − control, a difference in proportions
/// delay.adjustedPValues(.holm)           // across the three comparisons
/// ```
///
/// Each arm's mean is a domain mean, estimated without dropping the design's other PSUs; the
/// arms' joint covariance (arms share PSUs) gives each difference its standard error, as
/// `svycontrast(svyby(~y, ~arm, design, svymean, covmat = TRUE), …)` and as the arm
/// coefficients of `svyglm(y ~ arm, design)` (the same numbers: the model is saturated in arm).
public struct VignetteExperiment: Sendable {
  /// The sampling design.
  public let design: SurveyDesign
  /// Each respondent's arm; respondents in no arm (code −1) are left out.
  public let arms: Grouping
  /// The control arm's position in `arms.levels`.
  public let control: Int
  /// The respondents the experiment is analysed in, or `nil` for everyone.
  public let domain: [Bool]?
  /// The degrees of freedom of *t* intervals and tests for differences between arms: PSUs minus
  /// strata among the respondents in an arm and in the domain (R's `degf` of that subset).
  public let degreesOfFreedom: Int

  /// Describes an experiment.
  ///
  /// - Parameters:
  ///   - design: The sampling design.
  ///   - arms: Each respondent's arm.
  ///   - control: The name of the control arm, one of `arms.levels`.
  ///   - domain: The subgroup to analyse, or `nil` for everyone.
  /// - Throws: ``EstimationError/lengthMismatch(argument:expected:actual:)`` when `arms` or
  ///   `domain` do not describe the design's respondents; ``EstimationError/invalidArgument(_:)``
  ///   when `control` is not an arm or there are fewer than two arms.
  /// - Complexity: O(*n*) for *n* respondents.
  public init(design: SurveyDesign, arms: Grouping, control: String, domain: [Bool]? = nil) throws(EstimationError) {
    guard arms.codes.count == design.count else {
      throw .lengthMismatch(argument: "arms", expected: design.count, actual: arms.codes.count)
    }
    try design.check(domain: domain)
    guard let control = arms.levels.firstIndex(of: control) else {
      throw .invalidArgument("the control arm is not one of the \(arms.count) arms")
    }
    guard arms.count >= 2 else { throw .invalidArgument("an experiment needs at least two arms") }
    self.design = design
    self.arms = arms
    self.control = control
    self.domain = domain
    var inExperiment = [Bool](repeating: false, count: design.count)
    for i in 0..<design.count { inExperiment[i] = arms.codes[i] >= 0 && (domain?[i] ?? true) }
    degreesOfFreedom = design.degreesOfFreedom(in: inExperiment)
  }

  /// Compares an outcome between each arm and the control.
  ///
  /// For each arm *a*, the difference *ȳₐ* − *ȳ*꜀ has variance Vₐₐ + V꜀꜀ − 2Vₐ꜀ from the arms'
  /// joint design covariance *V*; its interval and two-sided test use Student's *t* on
  /// ``degreesOfFreedom``: t = difference / SE, p = 2·P(T > |t|).
  ///
  /// - Parameters:
  ///   - y: The outcome, one value per respondent (a 0/1 indicator for a proportion); `.nan`
  ///     marks a missing answer.
  ///   - level: The confidence level of the intervals.
  /// - Returns: Each arm's mean and each non-control arm's difference from the control, in the
  ///   order of `arms.levels`; an arm in which nobody answered is left out.
  /// - Throws: ``EstimationError/noObservations(_:)`` when nobody in the control arm answered;
  ///   ``EstimationError/invalidArgument(_:)`` for a level outside (0, 1) or a design without
  ///   degrees of freedom; the design's errors.
  /// - Complexity: O(*n*·*k* + *P*·*k*²) for *n* respondents, *k* arms and *P* PSUs.
  public func compare(_ y: [Double], level: Double = 0.95) throws(EstimationError) -> ArmComparison {
    let critical = try tCriticalValue(level: level, degreesOfFreedom: degreesOfFreedom)
    let means = try mean(y, in: design, by: arms, domain: domain)
    guard let controlRow = means.levels.firstIndex(of: arms.levels[control]) else {
      throw .noObservations("nobody in the control arm has an answer")
    }
    var effects: [ArmEffect] = []
    for row in means.levels.indices where row != controlRow {
      var difference = try means.difference(row, minus: controlRow)
      difference.degreesOfFreedom = degreesOfFreedom
      let (t, p) = tTest(difference, degreesOfFreedom: degreesOfFreedom)
      let margin = critical * difference.standardError
      effects.append(
        ArmEffect(
          arm: means.levels[row], estimate: difference,
          interval: ConfidenceInterval(
            lower: difference.value - margin, upper: difference.value + margin, level: level),
          tStatistic: t, pValue: p))
    }
    return ArmComparison(means: means, control: controlRow, effects: effects)
  }

  /// Cohen's *d* of each arm against the control: the difference in design-based means over
  /// the pooled standard deviation,
  ///
  ///     d = (ȳₐ − ȳ꜀) / √(((nₐ − 1)sₐ² + (n꜀ − 1)s꜀²) / (nₐ + n꜀ − 2))
  ///
  /// where *s*² is each arm's design-based (weighted) variance Σwᵢ(yᵢ − ȳ)²/Σwᵢ · n/(n − 1)
  /// (R's `svyvar` on the arm's subset) and *n* the arm's number of respondents with an answer.
  ///
  /// - Returns: One value per non-control arm in which someone answered, in the order of
  ///   `arms.levels`.
  /// - Throws: ``EstimationError/noObservations(_:)`` when the control arm has no answer;
  ///   ``EstimationError/invalidArgument(_:)`` when the pooled standard deviation is zero or
  ///   undefined (fewer than two answers in the two arms together, or a constant outcome).
  /// - Complexity: O(*n*).
  public func cohensD(_ y: [Double]) throws(EstimationError) -> [StandardizedEffect] {
    try design.check(y, "y")
    let k = arms.count
    var weightSum = [Double](repeating: 0, count: k)
    var weighted = [Double](repeating: 0, count: k)
    var counts = [Int](repeating: 0, count: k)
    forEachAnswer(y) { i, arm in
      weightSum[arm] += design.weights[i]
      weighted[arm] += design.weights[i] * y[i]
      counts[arm] += 1
    }
    var means = [Double](repeating: 0, count: k)
    for arm in 0..<k where weightSum[arm] > 0 { means[arm] = weighted[arm] / weightSum[arm] }
    var squares = [Double](repeating: 0, count: k)
    forEachAnswer(y) { i, arm in
      let d = y[i] - means[arm]
      squares[arm] += design.weights[i] * d * d
    }
    guard weightSum[control] > 0 else { throw .noObservations("nobody in the control arm has an answer") }
    func variance(_ arm: Int) -> Double {
      counts[arm] > 1 ? squares[arm] / weightSum[arm] * Double(counts[arm]) / Double(counts[arm] - 1) : 0
    }
    var result: [StandardizedEffect] = []
    for arm in 0..<k where arm != control && weightSum[arm] > 0 {
      let pooledCount = counts[arm] + counts[control] - 2
      guard pooledCount > 0 else {
        throw .invalidArgument("Cohen's d needs at least two answers in the arm and the control together")
      }
      let pooled =
        ((Double(counts[arm] - 1) * variance(arm) + Double(counts[control] - 1) * variance(control))
        / Double(pooledCount)).squareRoot()
      guard pooled > 0 else {
        throw .invalidArgument("Cohen's d is undefined: the outcome does not vary within the arms")
      }
      result.append(StandardizedEffect(arm: arms.levels[arm], value: (means[arm] - means[control]) / pooled))
    }
    return result
  }

  /// Cohen's *h* of each arm against the control, for a proportion: the difference of the
  /// arcsine-transformed design-based proportions, h = 2 asin √pₐ − 2 asin √p꜀.
  ///
  /// - Parameter y: A 0/1 outcome (or proportions in [0, 1]); `.nan` marks a missing answer.
  /// - Returns: One value per non-control arm in which someone answered.
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when an answer is outside [0, 1];
  ///   ``EstimationError/noObservations(_:)`` when the control arm has no answer.
  /// - Complexity: O(*n*).
  public func cohensH(_ y: [Double]) throws(EstimationError) -> [StandardizedEffect] {
    try design.check(y, "y")
    for (i, value) in y.enumerated() where !value.isNaN && !(0...1).contains(value) {
      throw .invalidArgument("Cohen's h needs proportions: the answer of respondent \(i + 1) is outside [0, 1]")
    }
    let k = arms.count
    var weightSum = [Double](repeating: 0, count: k)
    var weighted = [Double](repeating: 0, count: k)
    forEachAnswer(y) { i, arm in
      weightSum[arm] += design.weights[i]
      weighted[arm] += design.weights[i] * y[i]
    }
    guard weightSum[control] > 0 else { throw .noObservations("nobody in the control arm has an answer") }
    func angle(_ arm: Int) -> Double { 2 * asin((weighted[arm] / weightSum[arm]).squareRoot()) }
    return (0..<k).filter { $0 != control && weightSum[$0] > 0 }.map { arm in
      StandardizedEffect(arm: arms.levels[arm], value: angle(arm) - angle(control))
    }
  }

  /// Calls `body` with each respondent in an arm and the domain who answered with a positive
  /// weight.
  private func forEachAnswer(_ y: [Double], _ body: (Int, Int) -> Void) {
    for i in 0..<design.count where arms.codes[i] >= 0 && !y[i].isNaN && design.weights[i] > 0 {
      if let domain, !domain[i] { continue }
      body(i, Int(arms.codes[i]))
    }
  }
}

/// The difference between one arm and the control with its interval and test.
public struct ArmEffect: Sendable, Hashable {
  /// The arm compared with the control.
  public var arm: String
  /// The arm's mean minus the control's (or, for an adjusted effect, the arm's coefficient),
  /// with its design-based variance and degrees of freedom.
  public var estimate: Estimate
  /// The *t* interval.
  public var interval: ConfidenceInterval
  /// estimate / SE.
  public var tStatistic: Double
  /// The two-sided *p*-value of the test that the arm does not differ from the control.
  public var pValue: Double
}

/// An outcome compared between the arms of an experiment.
public struct ArmComparison: Sendable {
  /// Each arm's design-based mean with the arms' covariance.
  public var means: GroupedMeans
  /// The control's position in `means.levels`.
  public var control: Int
  /// Each other arm against the control, in the order of `means.levels`.
  public var effects: [ArmEffect]

  /// The effects' *p*-values adjusted for the number of arms compared with the control (R's
  /// `p.adjust(p, method)`), in the order of ``effects``.
  public func adjustedPValues(_ method: PValueAdjustment) -> [Double] {
    method.adjust(effects.map(\.pValue))
  }
}

/// A standardised effect size of one arm against the control.
public struct StandardizedEffect: Sendable, Hashable {
  /// The arm compared with the control.
  public var arm: String
  /// The effect size.
  public var value: Double
}
