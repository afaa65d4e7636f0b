import Foundation

/// How a confidence interval for a proportion is formed (R's `svyciprop(method=)`).
///
/// All but `mean` keep the interval inside [0, 1] and behave better near 0 and 1, where a
/// Wald interval undercovers; `beta`, `likelihood`, `logit` and `wilson` are the ones to
/// prefer for small proportions.
public enum ProportionIntervalMethod: String, Sendable, Hashable, CaseIterable {
  /// Wald interval on the log-odds from the intercept-only quasi-binomial regression,
  /// back-transformed (`svyglm(y ~ 1, family = quasibinomial)` then `confint`).
  case logit
  /// Inverts the Rao–Scott scaled χ² profile of the binomial likelihood
  /// (`confint.svyglm(method = "likelihood")`).
  case likelihood
  /// Wald interval on asin √p, back-transformed.
  case asin
  /// Korn & Graubard's (1998) Clopper–Pearson interval with an effective sample size.
  case beta
  /// Wald interval on the proportion itself (`confint(svymean())`).
  case mean
  /// Wald interval on logit(p̂) with its delta-method variance, back-transformed (the
  /// interval of SUDAAN, SPSS Complex Samples and Stata's `citype(logit)`).
  case xlogit
  /// Wilson's score interval with the effective sample size and a *t* quantile (survey 4.5).
  case wilson
}

/// A proportion with its design-based confidence interval (R's `svyciprop`).
public struct ProportionInterval: Sendable, Hashable {
  /// The proportion, with its Taylor-linearised variance and base (as `svymean`).
  public var estimate: Estimate
  /// The confidence interval.
  public var interval: ConfidenceInterval
  /// How the interval was formed.
  public var method: ProportionIntervalMethod
  /// The degrees of freedom of its *t* quantiles (`.infinity` for the normal).
  public var degreesOfFreedom: Double
}

/// The proportion of respondents answering 1 and its confidence interval, as
/// `survey::svyciprop(~I(y == 1), subset(design, domain), method=, level=, df=)`.
///
/// With p̂ the design-based mean, v̂ its variance, *t* = t₁₋α/₂ on `degreesOfFreedom`:
///
/// - `mean`: p̂ ± *t*√v̂.
/// - `xlogit`: expit(logit p̂ ± *t*√v̂/(p̂(1 − p̂))). `logit` is the same interval, reached by
///   R through a logistic regression (its fitted intercept agrees with logit p̂ to about 1e-9).
/// - `asin`: sin²(asin √p̂ ± *t*√v̂/(2√(p̂(1 − p̂)))). Like R, a lower angle below 0 is squared
///   as it stands, so the lower limit then folds back above 0.
/// - `beta` (Korn–Graubard): *n*\* = p̂(1 − p̂)/v̂ · (t_{α/2, m−1}/t_{α/2, d})², *m* the number of
///   respondents in the domain and *d* the design's degrees of freedom (R uses `degf` here
///   whatever `df` is); limits qbeta(α/2; *n*\*p̂, *n*\*(1 − p̂) + 1) and
///   qbeta(1 − α/2; *n*\*p̂ + 1, *n*\*(1 − p̂)).
/// - `wilson`: Wilson's score interval with *n*\* = p̂(1 − p̂)/v̂ and *t*:
///   (p̂ + t²/2n\* ∓ t√(p̂(1 − p̂)/n\* + t²/4n\*²)) / (1 + t²/n\*). survey 4.1-1, the reference
///   here, lacks this method; the formula follows the survey 4.5 description.
/// - `likelihood`: the logit β for which the binomial deviance, scaled by the Pearson
///   dispersion, equals the Rao–Scott-scaled cutoff (*t*_{α/2}√λ)², λ = *m*′v̂/(p̂(1 − p̂)) the
///   design effect of the logistic fit. R profiles the deviance at up to nine steps each side
///   and interpolates a spline; Confide repeats those steps exactly (``ProfileInterpolation``)
///   and solves the profile exactly only where R's profile stops short of the cutoff (R: `NA`).
///
/// A proportion of exactly 0 or 1 has v̂ = 0, where R's intervals are undefined (`NaN`, or a
/// logistic fit that does not converge) except `mean`'s [p̂, p̂]. Confide then takes the design
/// effect to be 1, Korn and Graubard's rule, *n*\* = the number of respondents *n*, and gives
/// the limit of each method: for p̂ = 0 the interval is [0, *u*] with *u* = the beta upper limit
/// qbeta(1 − α/2; 1, *n*\*), Wilson's *t*²/(*n* + *t*²), asin's sin²(min(*t*/(2√*n*), π/2)),
/// the likelihood's 1 − exp(−*t*²/2*n*), and 1 for `logit` and `xlogit`, whose limit carries no
/// information; `mean` stays [0, 0]. p̂ = 1 is the mirror image. A proportion strictly between
/// 0 and 1 with v̂ = 0 gives [p̂, p̂].
///
/// - Parameters:
///   - y: 1 for respondents with the attribute, 0 without, `.nan` for a missing answer.
///   - design: The sampling design.
///   - method: How to form the interval.
///   - level: The confidence level, in (0, 1).
///   - degreesOfFreedom: The *t* quantiles' degrees of freedom, `.infinity` for normal
///     quantiles, or `nil` for the domain's (R's default `df = degf(design)`).
///   - domain: The subgroup, or `nil` for everyone.
/// - Returns: The proportion and its interval.
/// - Throws: ``EstimationError/invalidArgument(_:)`` for a value other than 0, 1 or NaN, a
///   level outside (0, 1), or no degrees of freedom (a design with one PSU per stratum);
///   ``EstimationError/noObservations(_:)`` when no respondent has an answer; the design's
///   errors.
/// - Complexity: O(*n*).
public func proportionInterval(
  _ y: [Double], in design: SurveyDesign, method: ProportionIntervalMethod = .logit, level: Double = 0.95,
  degreesOfFreedom: Double? = nil, domain: [Bool]? = nil
) throws(EstimationError) -> ProportionInterval {
  try design.check(y, "y")
  try design.check(domain: domain)
  guard level > 0, level < 1 else { throw .invalidArgument("a confidence level must be between 0 and 1") }

  // One pass: every value is 0, 1 or missing; and the rows of R's subset design, which are the
  // domain, or every row of a calibrated design (R keeps them with zero weight).
  let calibrated = !design.calibration.isEmpty
  var valid = true
  var frameRows = 0
  var modelRows = 0
  var frameWeight = 0.0
  withBaseAddress(domain) { domain in
    y.withUnsafeBufferPointer { y in
      design.weights.withUnsafeBufferPointer { weights in
        for i in 0..<y.count {
          let value = y[i]
          guard value.isNaN || value == 0 || value == 1 else {
            valid = false
            return
          }
          let inDomain = domain?[i] ?? true
          guard calibrated || inDomain else { continue }
          frameRows += 1
          if !value.isNaN { modelRows += 1 }
          if inDomain { frameWeight += weights[i] }
        }
      }
    }
  }
  guard valid else { throw .invalidArgument("a proportion needs answers coded 0 or 1") }
  let estimate = try mean(y, in: design, domain: domain)
  return try proportionInterval(
    estimate, y: y, design: design, method: method, level: level, degreesOfFreedom: degreesOfFreedom, domain: domain,
    frame: (frameRows, modelRows, frameWeight))
}

/// The proportion and its interval in each group, as ``proportionInterval(_:in:method:level:degreesOfFreedom:domain:)``
/// gives them for each group's domain (the respondents in `domain` and the group) to the last
/// bit, but from one pass over the respondents and one over the PSUs for all the groups
/// together (R's `svyby(~y, ~g, design, svyciprop)`).
///
/// - Parameters:
///   - y: 1 for respondents with the attribute, 0 without, `.nan` for a missing answer.
///   - groups: Each respondent's group.
///   - design: The sampling design.
///   - method: How to form the intervals.
///   - level: The confidence level, in (0, 1).
///   - degreesOfFreedom: The *t* quantiles' degrees of freedom, or `nil` for each group's.
///   - domain: A restriction applying to every group, or `nil`.
/// - Returns: One result per level of `groups`, `nil` for a group where no respondent with a
///   positive weight has an answer (where the single estimate throws
///   ``EstimationError/noObservations(_:)``).
/// - Throws: As ``proportionInterval(_:in:method:level:degreesOfFreedom:domain:)``.
/// - Complexity: O(*n* + *P*·*g*) for *n* respondents, *P* PSUs and *g* groups.
public func proportionIntervals(
  _ y: [Double], by groups: Grouping, in design: SurveyDesign, method: ProportionIntervalMethod = .logit,
  level: Double = 0.95, degreesOfFreedom: Double? = nil, domain: [Bool]? = nil
) throws(EstimationError) -> [ProportionInterval?] {
  try design.check(y, "y")
  try design.check(domain: domain)
  if groups.codes.count != design.count {
    throw .lengthMismatch(argument: "groups", expected: design.count, actual: groups.codes.count)
  }
  guard level > 0, level < 1 else { throw .invalidArgument("a confidence level must be between 0 and 1") }
  let k = groups.count
  if method == .likelihood {
    // The likelihood interval refits the model on each group's rows: one group at a time.
    var results: [ProportionInterval?] = []
    for g in 0..<k {
      let code = Int32(g)
      let member = (0..<design.count).map { groups.codes[$0] == code && (domain?[$0] ?? true) }
      do {
        results.append(
          try proportionInterval(
            y, in: design, method: method, level: level, degreesOfFreedom: degreesOfFreedom, domain: member))
      } catch {
        guard case .noObservations = error else { throw error }
        results.append(nil)
      }
    }
    return results
  }

  // One pass, as the single estimate's, counting each group's frame.
  let calibrated = !design.calibration.isEmpty
  var valid = true
  var frameRows = [Int](repeating: 0, count: k)
  var modelRows = [Int](repeating: 0, count: k)
  var frameWeight = [Double](repeating: 0, count: k)
  var allRows = 0
  var allAnswered = 0
  withBaseAddress(domain) { domain in
    y.withUnsafeBufferPointer { y in
      design.weights.withUnsafeBufferPointer { weights in
        groups.codes.withUnsafeBufferPointer { codes in
          for i in 0..<y.count {
            let value = y[i]
            guard value.isNaN || value == 0 || value == 1 else {
              valid = false
              return
            }
            // A calibrated design's frame is every row, whatever the group.
            if calibrated {
              allRows += 1
              if !value.isNaN { allAnswered += 1 }
            }
            let g = Int(codes[i])
            guard g >= 0, domain?[i] ?? true else { continue }
            if !calibrated {
              frameRows[g] += 1
              if !value.isNaN { modelRows[g] += 1 }
            }
            frameWeight[g] += weights[i]
          }
        }
      }
    }
  }
  guard valid else { throw .invalidArgument("a proportion needs answers coded 0 or 1") }
  let estimated = try linearEstimates(.mean, y: y, design: design, groups: groups, domain: domain, joint: false)
  var results = [ProportionInterval?](repeating: nil, count: k)
  for (g, estimate) in zip(estimated.groups, estimated.estimates) {
    results[g] = try proportionInterval(
      estimate, y: y, design: design, method: method, level: level, degreesOfFreedom: degreesOfFreedom, domain: nil,
      frame: calibrated ? (allRows, allAnswered, frameWeight[g]) : (frameRows[g], modelRows[g], frameWeight[g]))
  }
  return results
}

/// The interval of a proportion whose estimate and frame (R's subset design: its rows, those
/// with an answer, and their weight) are known. `domain` is only read by the likelihood method.
private func proportionInterval(
  _ estimate: Estimate, y: [Double], design: SurveyDesign, method: ProportionIntervalMethod, level: Double,
  degreesOfFreedom: Double?, domain: [Bool]?, frame: (rows: Int, answered: Int, weight: Double)
) throws(EstimationError) -> ProportionInterval {
  // The estimate counts the domain's PSUs and strata as `design.degreesOfFreedom(in: domain)` does.
  let designDegrees = Double(estimate.degreesOfFreedom)
  let df = degreesOfFreedom ?? designDegrees
  guard df > 0 else { throw .invalidArgument("the design has no degrees of freedom for an interval") }
  let data = ProportionData(
    p: estimate.value, variance: estimate.variance, count: estimate.count, frameRows: frame.rows,
    modelRows: frame.answered, designDegreesOfFreedom: designDegrees)

  let alpha = 1 - level
  let interval: (Double, Double)
  if data.p == 0 || data.p == 1 {
    interval = try data.extremeInterval(method: method, alpha: alpha, df: df)
  } else if !(data.variance > 0) {
    interval = (data.p, data.p)
  } else if method == .likelihood {
    // The respondents the proportion rests on: in the domain, with an answer.
    let base = y.indices.map { !y[$0].isNaN && (domain?[$0] ?? true) }
    interval = try data.likelihoodInterval(
      alpha: alpha, df: df, y: y, weights: design.weights, base: base, meanWeight: frame.weight / Double(frame.rows))
  } else {
    interval = try data.waldTypeInterval(method: method, alpha: alpha, df: df)
  }
  return ProportionInterval(
    estimate: estimate, interval: ConfidenceInterval(lower: interval.0, upper: interval.1, level: level),
    method: method, degreesOfFreedom: df)
}

/// What the intervals need to know about a proportion and its design.
private struct ProportionData {
  var p: Double
  var variance: Double
  /// Respondents with a positive weight and an answer.
  var count: Int
  /// Rows of R's subset design (`nrow(design)`).
  var frameRows: Int
  /// Rows of the logistic fit (the frame's rows with an answer).
  var modelRows: Int
  var designDegreesOfFreedom: Double

  var standardError: Double { variance.squareRoot() }

  /// The Wald-type intervals: mean, asin, xlogit, logit, beta and wilson.
  func waldTypeInterval(
    method: ProportionIntervalMethod, alpha: Double, df: Double
  ) throws(EstimationError)
    -> (Double, Double)
  {
    let t = StudentT(degreesOfFreedom: df)
    let low = t.quantile(alpha / 2)
    let high = t.quantile(1 - alpha / 2)
    let spread = p * (1 - p)
    switch method {
    case .mean:
      return (p + low * standardError, p + high * standardError)
    case .asin:
      let angle = asin(p.squareRoot())
      let se = standardError / (2 * spread.squareRoot())
      let lower = sin(angle + low * se)
      let upper = sin(angle + high * se)
      return (lower * lower, upper * upper)
    case .xlogit:
      let eta = log(p / (1 - p))
      let se = standardError / spread
      return (expit(eta + low * se), expit(eta + high * se))
    case .logit:
      // confint.svyglm: a normal interval at the level whose quantile is t's.
      let tail = Normal().cdf(low)
      let eta = log(p / (1 - p))
      let se = standardError / spread
      return (expit(eta + Normal().quantile(tail) * se), expit(eta + Normal().quantile(1 - tail) * se))
    case .beta:
      let n = spread / variance * (try betaDegreesOfFreedomRatio(alpha: alpha))
      return (
        BetaDistribution(alpha: n * p, beta: n * (1 - p) + 1).quantile(alpha / 2),
        BetaDistribution(alpha: n * p + 1, beta: n * (1 - p)).quantile(1 - alpha / 2)
      )
    case .wilson:
      return wilson(n: spread / variance, t: high)
    case .likelihood:
      return (p, p)  // handled by likelihoodInterval
    }
  }

  /// (t_{α/2, m−1} / t_{α/2, d})², Korn and Graubard's degrees-of-freedom adjustment.
  func betaDegreesOfFreedomRatio(alpha: Double) throws(EstimationError) -> Double {
    guard frameRows > 1, designDegreesOfFreedom > 0 else {
      throw .invalidArgument("the beta interval needs two respondents and positive degrees of freedom")
    }
    let ratio =
      StudentT(degreesOfFreedom: Double(frameRows - 1)).quantile(alpha / 2)
      / StudentT(degreesOfFreedom: designDegreesOfFreedom).quantile(alpha / 2)
    return ratio * ratio
  }

  /// Wilson's score interval with sample size `n` and quantile `t`.
  func wilson(n: Double, t: Double) -> (Double, Double) {
    let t2 = t * t
    let centre = (p + t2 / (2 * n)) / (1 + t2 / n)
    let half = t * (p * (1 - p) / n + t2 / (4 * n * n)).squareRoot() / (1 + t2 / n)
    return (max(0, centre - half), min(1, centre + half))
  }

  /// The limits at p̂ = 0 or 1, with the design effect taken as 1 (see `proportionInterval`).
  func extremeInterval(
    method: ProportionIntervalMethod, alpha: Double, df: Double
  ) throws(EstimationError)
    -> (Double, Double)
  {
    let n = Double(max(count, 1))
    let t = StudentT(degreesOfFreedom: df).quantile(1 - alpha / 2)
    let upper: Double
    switch method {
    case .mean: upper = 0
    case .logit, .xlogit: upper = 1
    case .asin:
      let s = sin(min(t / (2 * n.squareRoot()), Double.pi / 2))
      upper = s * s
    case .beta:
      let size = n * (try betaDegreesOfFreedomRatio(alpha: alpha))
      upper = BetaDistribution(alpha: 1, beta: size).quantile(1 - alpha / 2)
    case .wilson: upper = t * t / (n + t * t)
    case .likelihood: upper = -expm1(-t * t / (2 * n))
    }
    return p == 0 ? (0, upper) : (1 - upper, 1)
  }

  /// The likelihood interval, as `confint.svyglm(method = "likelihood")` on the
  /// intercept-only quasi-binomial fit.
  func likelihoodInterval(
    alpha: Double, df: Double, y: [Double], weights: [Double], base: [Bool], meanWeight: Double
  ) throws(EstimationError) -> (Double, Double) {
    guard modelRows > 1 else { throw .invalidArgument("the likelihood interval needs two respondents") }
    // The fit's weights W = w / mean(w) over the frame. svyglm's Pearson residuals divide
    // W back out (residuals.svyglm), so the dispersion, their design-based variance, is
    // c²·n/(n − 1), c² the ratio of the mean weight of the fit's rows to that of the frame.
    let spread = p * (1 - p)
    var weightSum = 0.0
    var fitWeight = 0.0
    for i in 0..<y.count where base[i] {
      weightSum += weights[i] / meanWeight
      fitWeight += weights[i]
    }
    let positive = Double(count)
    guard positive > 1 else { throw .invalidArgument("the likelihood interval needs two respondents") }
    let dispersion = fitWeight / Double(modelRows) / meanWeight * positive / (positive - 1)
    guard dispersion > 0 else { return (p, p) }

    // glm's model-based variance of the intercept comes from the working weights of the last
    // iteratively reweighted least-squares step, taken at the previous step's fit; R's
    // profile depends on it through λ, so the iterations are repeated as glm.fit runs them.
    let fit = logisticInterceptFit(y: y, weights: weights, base: base, meanWeight: meanWeight)

    // The Rao–Scott scaling and the profile's cutoff.
    let lambda = variance / (spread * spread) * fit.information
    let beta = fit.intercept
    let standardError = self.standardError / spread
    let tQuantile = StudentT(degreesOfFreedom: df).quantile(alpha / 2)
    let half = Normal().cdf(tQuantile * lambda.squareRoot()) / 2
    let fDistribution = FDistribution(numeratorDegreesOfFreedom: 1, denominatorDegreesOfFreedom: Double(modelRows - 1))
    let zmax = fDistribution.quantile(1 - half).squareRoot()
    let step = zmax / 5

    // The signed root of the scaled deviance difference at a logit b.
    func signedRoot(_ b: Double) -> Double {
      let logMu = -log1p(exp(-b))
      let logOneMinusMu = -log1p(exp(b))
      var deviance = 2 * weightSum * (p * (log(p) - logMu) + (1 - p) * (log1p(-p) - logOneMinusMu))
      if !(deviance > 0) { deviance = 0 }
      return (b < beta ? -1 : 1) * (deviance / dispersion).squareRoot()
    }

    // MASS's profile: up to nine steps of zmax/5 standard errors each side.
    var points: [(z: Double, b: Double)] = [(0, beta)]
    for sign in [-1.0, 1.0] {
      var z = 0.0
      var k = 0
      while true {
        k += 1
        guard k < 10, abs(z) < zmax else { break }
        let b = beta + sign * Double(k) * step * standardError
        z = signedRoot(b)
        points.append((z, b))
      }
    }
    points.sort { $0.b < $1.b }
    let profile = ProfileInterpolation.spline(x: points.map(\.b), y: points.map(\.z))
    let unscaled = 2 * half
    let cutoffs = [Normal().quantile(unscaled), -Normal().quantile(unscaled)]
    var limits: [Double] = []
    for cutoff in cutoffs {
      if let b = ProfileInterpolation.approx(x: profile.y, y: profile.x, at: cutoff) {
        limits.append(expit(b))
      } else {
        limits.append(expit(solve(signedRoot, equals: cutoff, from: beta, scale: standardError)))
      }
    }
    return (limits[0], limits[1])
  }

  /// The b with f(b) = target for an increasing f with f(start) = 0, by bracketing and
  /// bisection.
  func solve(_ f: (Double) -> Double, equals target: Double, from start: Double, scale: Double) -> Double {
    let direction: Double = target < 0 ? -1 : 1
    var inner = start
    var outer = start + direction * scale
    var iterations = 0
    while (f(outer) - target) * direction < 0 && iterations < 200 {
      inner = outer
      outer = start + 2 * (outer - start)
      iterations += 1
    }
    for _ in 0..<200 {
      let middle = (inner + outer) / 2
      if middle == inner || middle == outer { break }
      if (f(middle) - target) * direction < 0 { inner = middle } else { outer = middle }
    }
    return (inner + outer) / 2
  }
}

/// The intercept-only logistic fit as `glm.fit` computes it (quasi-binomial family, logit
/// link, prior weights W = w/mean(w)): starting from μᵢ = (Wᵢyᵢ + ½)/(Wᵢ + 1), iteratively
/// reweighted least squares until the deviance changes by less than 1e-8 relative. Returns
/// the intercept and Σ W μ(1 − μ) at the working weights of the last step (the inverse of
/// `summary.glm`'s `cov.unscaled`).
///
/// - Complexity: O(*n*) per iteration, at most 25 iterations.
private func logisticInterceptFit(
  y: [Double], weights: [Double], base: [Bool], meanWeight: Double
) -> (
  intercept: Double, information: Double
) {
  // R's family.c clamps the linear predictor at ±30.
  func inverse(_ eta: Double) -> Double {
    let t = eta < -30 ? Double.ulpOfOne : (eta > 30 ? 1 / Double.ulpOfOne : exp(eta))
    return t / (1 + t)
  }
  func derivative(_ eta: Double) -> Double {
    let opexp = 1 + exp(eta)
    return eta > 30 || eta < -30 ? Double.ulpOfOne : exp(eta) / (opexp * opexp)
  }
  func residual(_ y: Double, _ mu: Double) -> Double {
    y == 1 ? -2 * log(mu) : -2 * log(1 - mu)
  }
  // The first step, from each respondent's own starting value.
  var deviance = 0.0
  var numerator = 0.0
  var information = 0.0
  for i in 0..<y.count where base[i] && weights[i] > 0 {
    let w = weights[i] / meanWeight
    let start = (w * y[i] + 0.5) / (w + 1)
    let eta = log(start / (1 - start))
    let mu = inverse(eta)
    deviance += w * residual(y[i], mu)
    let slope = derivative(eta)
    let working = w * slope * slope / (mu * (1 - mu))
    numerator += working * (eta + (y[i] - mu) / slope)
    information += working
  }
  var intercept = numerator / information
  // Later steps share one linear predictor; only the weighted counts matter.
  var ones = 0.0
  var total = 0.0
  for i in 0..<y.count where base[i] && weights[i] > 0 {
    let w = weights[i] / meanWeight
    total += w
    if y[i] == 1 { ones += w }
  }
  for _ in 1..<25 {
    let mu = inverse(intercept)
    let next = -2 * (ones * log(mu) + (total - ones) * log(1 - mu))
    if abs(next - deviance) / (abs(next) + 0.1) < 1e-8 { break }
    deviance = next
    let slope = derivative(intercept)
    let working = slope * slope / (mu * (1 - mu))
    information = total * working
    intercept += (ones - total * mu) / slope / total
  }
  return (intercept, information)
}

/// The inverse logit, eˣ/(1 + eˣ).
private func expit(_ x: Double) -> Double {
  x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
}
