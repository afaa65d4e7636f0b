/// An item-count (list) experiment: a random half of respondents (the control list) count how
/// many of *J* innocuous statements apply to them; the other half (the treatment list) count the
/// same *J* plus one sensitive statement ("I have avoided my GP because of who sees my record").
/// Nobody reveals their own answer to the sensitive item, yet the difference between the lists'
/// mean counts estimates how common it is.
///
/// ```swift
/// let list = try ListExperiment(design: design, treated: listTreat, controlItems: 4)
/// let avoided = try list.prevalence(counts)        // τ̂ with its design-based SE
/// let test = try list.designEffectTest(counts)     // Blair & Imai (2012)
/// ```
public struct ListExperiment: Sendable {
  /// The sampling design.
  public let design: SurveyDesign
  /// Which list each respondent saw: `true` for the treatment list (with the sensitive item).
  public let treated: [Bool]
  /// The number of control (non-sensitive) items *J*.
  public let controlItems: Int
  /// The respondents analysed, or `nil` for everyone.
  public let domain: [Bool]?
  let lists: Grouping

  /// Describes a list experiment.
  ///
  /// - Throws: ``EstimationError/lengthMismatch(argument:expected:actual:)`` when `treated` or
  ///   `domain` do not describe the design's respondents; ``EstimationError/invalidArgument(_:)``
  ///   when there is no control item.
  public init(design: SurveyDesign, treated: [Bool], controlItems: Int, domain: [Bool]? = nil) throws(EstimationError) {
    guard treated.count == design.count else {
      throw .lengthMismatch(argument: "treated", expected: design.count, actual: treated.count)
    }
    try design.check(domain: domain)
    guard controlItems >= 1 else { throw .invalidArgument("a list experiment needs at least one control item") }
    self.design = design
    self.treated = treated
    self.controlItems = controlItems
    self.domain = domain
    lists = try Grouping(codes: treated.map { $0 ? 1 : 0 }, levels: ["control", "treatment"])
  }

  /// Checks that every count is a whole number a respondent could have given.
  func checkCounts(_ counts: [Double]) throws(EstimationError) {
    try design.check(counts, "counts")
    for i in 0..<counts.count where !counts[i].isNaN {
      let limit = Double(controlItems + (treated[i] ? 1 : 0))
      guard counts[i] == counts[i].rounded(), counts[i] >= 0, counts[i] <= limit else {
        throw .invalidArgument(
          "the count of respondent \(i + 1) is not a whole number from 0 to the \(Int(limit)) items of their list")
      }
    }
  }

  /// The prevalence of the sensitive item, the difference in means τ̂ = Ȳ(treatment list) −
  /// Ȳ(control list), with its design-based variance: both lists' means are domain means and
  /// their covariance counts (they share PSUs), as
  /// `svycontrast(svyby(~y, ~treat, design, svymean, covmat = TRUE), c(-1, 1))`.
  ///
  /// On an unweighted simple random sample of *n* respondents this variance is
  /// n/(n − 1)·Σₜ (nₜ − 1)sₜ²/nₜ² (the HC0 variance of `lm(y ~ treat)` times n/(n − 1), *n*
  /// counting every respondent of the design), close to but not the same as Neyman's
  /// s₁²/n₁ + s₀²/n₀; see ``unweightedDifference(_:treated:)`` for that and for `ictreg`'s.
  ///
  /// - Parameter counts: Each respondent's count; `.nan` marks a missing answer.
  /// - Returns: The prevalence with both lists' means.
  /// - Throws: ``EstimationError/invalidArgument(_:)`` for a count that is not a whole number
  ///   from 0 to the length of the respondent's list; ``EstimationError/noObservations(_:)``
  ///   when either list has no answer; the design's errors.
  /// - Complexity: O(*n* + *P*).
  public func prevalence(_ counts: [Double]) throws(EstimationError) -> ListEstimate {
    try checkCounts(counts)
    let means = try mean(counts, in: design, by: lists, domain: domain)
    guard means.levels == lists.levels else {
      throw .noObservations("one of the two lists has no respondent with an answer")
    }
    var estimate = try means.difference(1, minus: 0)
    estimate.degreesOfFreedom = design.degreesOfFreedom(in: domain)
    return ListEstimate(prevalence: estimate, controlMean: means.estimates[0], treatmentMean: means.estimates[1])
  }

  /// The prevalence in each subgroup taken as a domain of its own (as R's `subset`): each as
  /// ``prevalence(_:)`` gives it for a ``ListExperiment`` on the subgroup, with the degrees of
  /// freedom of the subgroup's respondents; `nil` for a subgroup where a list has no answer or
  /// whose estimate fails.
  ///
  /// A calibrated design keeps all its strata in every subgroup's variance, so its subgroups are
  /// estimated together: one grouped pass over the list × subgroup cells, with their joint
  /// covariance, gives each subgroup's two means and their covariance. Otherwise (or if that
  /// fails) each subgroup is estimated on its own.
  ///
  /// - Throws: ``EstimationError/lengthMismatch(argument:expected:actual:)``, and as
  ///   ``prevalence(_:)`` for the counts.
  /// - Complexity: O(*n* + *g*·*n*) for *g* subgroups.
  public func prevalences(_ counts: [Double], eachOf subgroups: Grouping) throws(EstimationError) -> [ListEstimate?] {
    try checkCounts(counts)
    let n = design.count
    guard subgroups.codes.count == n else {
      throw .lengthMismatch(argument: "subgroups", expected: n, actual: subgroups.codes.count)
    }
    let restriction = domain
    func respondents(of level: Int) -> [Bool] {
      (0..<n).map { subgroups.codes[$0] == Int32(level) && (restriction?[$0] ?? true) }
    }
    if !design.calibration.isEmpty, let together = try? together(counts, subgroups, respondents: respondents) {
      return together
    }
    return (0..<subgroups.count).map { level in
      let inSubgroup = respondents(of: level)
      guard inSubgroup.contains(true) else { return nil }
      return try? ListExperiment(design: design, treated: treated, controlItems: controlItems, domain: inSubgroup)
        .prevalence(counts)
    }
  }

  /// The subgroups' prevalences from one grouped pass over the list × subgroup cells.
  private func together(
    _ counts: [Double], _ subgroups: Grouping, respondents: (Int) -> [Bool]
  ) throws(EstimationError) -> [ListEstimate?] {
    var codes = [Int32](repeating: -1, count: design.count)
    for i in codes.indices where subgroups.codes[i] >= 0 { codes[i] = subgroups.codes[i] * 2 + lists.codes[i] }
    let cells = try Grouping(
      codes: codes, levels: subgroups.levels.flatMap { ["\($0): control", "\($0): treatment"] })
    let result = try linearEstimates(.mean, y: counts, design: design, groups: cells, domain: domain, joint: true)
    var position: [Int: Int] = [:]
    for (j, g) in result.groups.enumerated() { position[g] = j }
    var estimates: [ListEstimate?] = []
    for level in 0..<subgroups.count {
      guard let control = position[2 * level], let treatment = position[2 * level + 1],
        let covariance = result.covariance
      else {
        estimates.append(nil)
        continue
      }
      let pair = GroupedMeans(
        levels: lists.levels, estimates: [result.estimates[control], result.estimates[treatment]],
        covariance: [
          [covariance[control][control], covariance[control][treatment]],
          [covariance[treatment][control], covariance[treatment][treatment]],
        ])
      var estimate = try pair.difference(1, minus: 0)
      estimate.degreesOfFreedom = design.degreesOfFreedom(in: respondents(level))
      estimates.append(
        ListEstimate(prevalence: estimate, controlMean: pair.estimates[0], treatmentMean: pair.estimates[1]))
    }
    return estimates
  }

  /// The prevalence of the sensitive item in each subgroup, from the means of both lists in
  /// each subgroup with their joint covariance (so that subgroups can be compared, see
  /// ``ListSubgroupEstimates/difference(_:minus:)``).
  ///
  /// - Parameters:
  ///   - counts: Each respondent's count; `.nan` marks a missing answer.
  ///   - subgroups: Each respondent's subgroup.
  /// - Returns: The prevalence in each subgroup.
  /// - Throws: As ``prevalence(_:)``, and ``EstimationError/noObservations(_:)`` when a list has
  ///   no answer in some subgroup.
  /// - Complexity: O(*n*·*g* + *P*·*g*²) for *g* subgroups.
  public func prevalence(_ counts: [Double], by subgroups: Grouping) throws(EstimationError) -> ListSubgroupEstimates {
    try checkCounts(counts)
    let cells = try CrossedCells(counts, rows: lists, columns: subgroups, design: design, domain: domain)
    var coefficients: [[Double]] = []
    var estimates: [Estimate] = []
    for group in 0..<subgroups.count {
      guard let control = cells.index(0, group), let treatment = cells.index(1, group) else {
        throw .noObservations("a list has no respondent with an answer in subgroup '\(subgroups.levels[group])'")
      }
      var row = [Double](repeating: 0, count: cells.means.estimates.count)
      row[treatment] = 1
      row[control] = -1
      coefficients.append(row)
      estimates.append(try cells.means.contrast(row))
    }
    return ListSubgroupEstimates(
      levels: subgroups.levels, estimates: estimates, cellMeans: cells.means, coefficients: coefficients)
  }

  /// The difference in means with the two variances used for simple random samples:
  /// Neyman's s₁²/n₁ + s₀²/n₀ (`sandwich::vcovHC(lm(y ~ treat), type = "HC2")`) and
  /// s₁²/(n₁ − 1) + s₀²/(n₀ − 1), the default HC3 of `vcovHC` that
  /// `list::ictreg(y ~ 1, treat =, J =, method = "lm")` reports. Unweighted; respondents with a
  /// missing count are left out.
  ///
  /// - Parameters:
  ///   - counts: Each respondent's count; `.nan` marks a missing answer.
  ///   - treated: Whether each respondent saw the treatment list.
  /// - Returns: The difference in means with both variances.
  /// - Throws: ``EstimationError/lengthMismatch(argument:expected:actual:)``;
  ///   ``EstimationError/noObservations(_:)`` when a list has fewer than two answers.
  /// - Complexity: O(*n*).
  public static func unweightedDifference(
    _ counts: [Double], treated: [Bool]
  ) throws(EstimationError)
    -> UnweightedListEstimate
  {
    guard treated.count == counts.count else {
      throw .lengthMismatch(argument: "treated", expected: counts.count, actual: treated.count)
    }
    var n = [0, 0]
    var sums = [0.0, 0.0]
    for i in 0..<counts.count where !counts[i].isNaN {
      let list = treated[i] ? 1 : 0
      n[list] += 1
      sums[list] += counts[i]
    }
    guard n[0] > 1, n[1] > 1 else { throw .noObservations("each list needs at least two answers") }
    let means = [sums[0] / Double(n[0]), sums[1] / Double(n[1])]
    var squares = [0.0, 0.0]
    for i in 0..<counts.count where !counts[i].isNaN {
      let list = treated[i] ? 1 : 0
      let d = counts[i] - means[list]
      squares[list] += d * d
    }
    let s2 = [squares[0] / Double(n[0] - 1), squares[1] / Double(n[1] - 1)]
    let neyman = s2[0] / Double(n[0]) + s2[1] / Double(n[1])
    let hc3 = s2[0] / Double(n[0] - 1) + s2[1] / Double(n[1] - 1)
    return UnweightedListEstimate(
      prevalence: means[1] - means[0], controlMean: means[0], neymanStandardError: neyman.squareRoot(),
      hc3StandardError: hc3.squareRoot(), hc3ControlStandardError: (s2[0] / Double(n[0] - 1)).squareRoot())
  }
}

/// The estimated prevalence of a list experiment's sensitive item.
public struct ListEstimate: Sendable, Hashable {
  /// The difference in means: the proportion holding the sensitive item.
  public var prevalence: Estimate
  /// The control list's mean count.
  public var controlMean: Estimate
  /// The treatment list's mean count.
  public var treatmentMean: Estimate
}

/// A list experiment's prevalence in each subgroup.
public struct ListSubgroupEstimates: Sendable {
  /// The subgroups.
  public var levels: [String]
  /// The prevalence in each subgroup.
  public var estimates: [Estimate]
  /// Each list's mean in each subgroup (levels `control.group`, `treatment.group`) with
  /// their joint covariance.
  public var cellMeans: GroupedMeans
  let coefficients: [[Double]]

  /// The difference in prevalence between two subgroups, `levels[to]` minus `levels[from]`,
  /// with its variance from the joint covariance.
  public func difference(_ to: Int, minus from: Int) throws(EstimationError) -> Estimate {
    guard levels.indices.contains(to), levels.indices.contains(from) else {
      throw .invalidArgument("no such subgroup")
    }
    return try cellMeans.contrast(zip(coefficients[to], coefficients[from]).map { $0 - $1 })
  }
}

/// A list experiment's difference in means on an unweighted sample, with the variances used
/// for simple random samples.
public struct UnweightedListEstimate: Sendable, Hashable {
  /// Ȳ(treatment list) − Ȳ(control list).
  public var prevalence: Double
  /// Ȳ(control list).
  public var controlMean: Double
  /// √(s₁²/n₁ + s₀²/n₀) (Neyman; HC2).
  public var neymanStandardError: Double
  /// √(s₁²/(n₁ − 1) + s₀²/(n₀ − 1)) (HC3, as `ictreg(method = "lm")`).
  public var hc3StandardError: Double
  /// √(s₀²/(n₀ − 1)), the HC3 standard error of the control mean (`ictreg`'s).
  public var hc3ControlStandardError: Double
}
