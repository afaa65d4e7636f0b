/// A survey-weighted generalised linear model, fitted as `survey::svyglm`: the estimates solve
/// the design-weighted score equations, and their covariance is the design-based sandwich.
///
/// See ``regression(_:on:in:family:intercept:domain:tolerance:maximumIterations:)``.
public struct RegressionModel: Sendable {
  /// Linear or logistic.
  public var family: RegressionFamily
  /// The coefficients, in the order of the model matrix's columns.
  public var coefficients: [RegressionCoefficient]
  /// The design-based covariance matrix of the coefficients (R's `vcov(model)`).
  public var covariance: [[Double]]
  /// The residual degrees of freedom: the design's degrees of freedom over the respondents in
  /// the model, plus one, minus the number of coefficients (`svyglm`'s `df.residual`).
  public var residualDegreesOfFreedom: Int
  /// The terms' names, in model order (for ``waldTest(term:)``).
  public var termNames: [String]
  /// Each coefficient's term, an index into ``termNames``, or `nil` for the intercept.
  public var termOfCoefficient: [Int?]
  /// The number of respondents in the model (in the domain, with the outcome and every
  /// predictor, with a positive weight).
  public var count: Int
  /// Their total weight.
  public var weightedCount: Double
  /// The number of iteratively reweighted least-squares iterations (as `glm`'s `iter`).
  public var iterations: Int

  /// The coefficient with a name, or `nil`.
  public func coefficient(_ name: String) -> RegressionCoefficient? {
    coefficients.first { $0.name == name }
  }

  /// The Wald test that every coefficient of a term is zero, as `regTermTest(model, ~term)`:
  /// an *F* test on (number of coefficients, residual degrees of freedom). Use it to test a
  /// categorical predictor with several levels or an interaction (does the experiment's effect
  /// differ between subgroups?).
  ///
  /// - Parameter term: A term's name, as in ``termNames`` (`stype`, `arm:age`); the parts of
  ///   an interaction may be given in any order.
  /// - Returns: The *F* statistic, its degrees of freedom and *p*-value.
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when the model has no such term;
  ///   ``EstimationError/singular(_:)`` when the coefficients' covariance is singular.
  public func waldTest(term: String) throws(EstimationError) -> WaldTest {
    let wanted = canonicalTermName(term)
    guard let index = termNames.firstIndex(where: { canonicalTermName($0) == wanted }) else {
      throw .invalidArgument("the model has no term '\(term)'")
    }
    let columns = termOfCoefficient.indices.filter { termOfCoefficient[$0] == index }
    return try waldTest(columns: columns)
  }

  /// The Wald test that the named coefficients are all zero (*F* on their number and the
  /// residual degrees of freedom).
  ///
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when a name is not a coefficient or
  ///   none is given; ``EstimationError/singular(_:)`` when their covariance is singular.
  public func waldTest(coefficients names: [String]) throws(EstimationError) -> WaldTest {
    var columns: [Int] = []
    for name in names {
      guard let column = coefficients.firstIndex(where: { $0.name == name }) else {
        throw .invalidArgument("the model has no coefficient '\(name)'")
      }
      columns.append(column)
    }
    return try waldTest(columns: columns)
  }

  private func waldTest(columns: [Int]) throws(EstimationError) -> WaldTest {
    guard !columns.isEmpty else { throw .invalidArgument("a Wald test needs at least one coefficient") }
    let names = columns.map { coefficients[$0].name }
    let v = columns.map { a in columns.map { b in covariance[a][b] } }
    let beta = columns.map { coefficients[$0].estimate }
    let chiSquared = try CholeskyDecomposition(v, names: names).inverseQuadraticForm(beta)
    let k = columns.count
    let statistic = chiSquared / Double(k)
    let p = FDistribution(
      numeratorDegreesOfFreedom: Double(k), denominatorDegreesOfFreedom: Double(residualDegreesOfFreedom)
    ).survival(statistic)
    return WaldTest(
      coefficients: names, chiSquared: chiSquared, statistic: statistic, numeratorDegreesOfFreedom: k,
      denominatorDegreesOfFreedom: residualDegreesOfFreedom, pValue: p)
  }
}

/// A term's name with the parts of an interaction sorted, as `regTermTest` matches terms.
private func canonicalTermName(_ name: String) -> String {
  name.split(separator: ":").map(String.init).sorted().joined(separator: ":")
}
