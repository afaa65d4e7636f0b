import ConfideModel
import ConfideStatistics
import ConfideStore

/// The weighted design a plan's estimates use, and what the methods section says about it.
struct WeightedDesign {
  /// The design: weights (calibrated and trimmed as the plan asks), strata and clusters.
  var design: SurveyDesign
  /// A sentence for the methods section.
  var description: String
  /// Kish's diagnostics of the final weights.
  var diagnostics: WeightDiagnostics?
}

extension WeightedDesign {
  /// The variables weighting and the design read, which every respondent must have answered.
  static func requiredVariables(_ plan: AnalysisPlan) -> [String] {
    var names: [String] = []
    switch plan.weighting {
    case .none: break
    case .variable(let name): names.append(name.name)
    case .calibrated(let calibration): names += calibration.variables.map(\.name)
    }
    if let strata = plan.design.strata { names.append(strata.name) }
    if let clusters = plan.design.clusters { names.append(clusters.name) }
    return names
  }

  /// Builds the design for `sample` (whose respondents all answered ``requiredVariables(_:)``).
  static func build(
    _ plan: AnalysisPlan, sample: AnalysisSample, margins: MarginsTable?
  ) throws(PlanRunError) -> WeightedDesign {
    let strata = plan.design.strata.map { sample.grouping($0.name, byName: true) }
    let clusters = plan.design.clusters.map { name -> Grouping in
      // A cluster variable may be numeric (a practice code) or a choice.
      if sample.variables[name.name]?.kind.isChoice == true { return sample.grouping(name.name, byName: true) }
      return Grouping(sample.answered(name.name).map { $0.isNaN ? nil : $0 })
    }
    var design: SurveyDesign
    var words: [String] = []
    let ones = [Double](repeating: 1, count: sample.count)
    do {
      switch plan.weighting {
      case .none:
        design = try SurveyDesign(weights: ones, strata: strata, clusters: clusters)
        words.append("Unweighted: every respondent counts once.")
      case .variable(let name):
        design = try SurveyDesign(weights: sample.answered(name.name), strata: strata, clusters: clusters)
        words.append("Weights from the survey variable '\(name.name)'.")
      case .calibrated(let calibration):
        guard let margins else { throw PlanRunError.missingMargins(calibration.marginsPath) }
        design = try SurveyDesign(weights: ones, strata: strata, clusters: clusters)
        let total = Double(sample.count)
        let targets = try calibration.variables.map { name throws(EstimationError) -> PopulationMargin in
          try margins.margin(for: name.name, cells: sample.grouping(name.name, byName: true), total: total)
        }
        let labels = calibration.variables.map { sample.label(of: $0.name).lowercasedFirst }
        let source = "the margins in \(calibration.marginsPath)"
        switch calibration.method {
        case .rake:
          let raked = try rake(design, margins: targets)
          design = raked.design
          words.append(
            "Raked to \(source) on \(listed(labels)) (converged in \(raked.iterations) iterations).")
        case .poststratify:
          design = try postStratify(design, to: targets[0])
          words.append("Post-stratified to \(source) on \(listed(labels)).")
        }
        if let trim = calibration.trim {
          let mean = design.weights.reduce(0, +) / Double(max(design.count, 1))
          design = try trimWeights(design, lower: trim.lowerBound * mean, upper: trim.upperBound * mean)
          words.append(
            "Weights then trimmed to between \(number(trim.lowerBound)) and \(number(trim.upperBound)) times "
              + "their mean, the trimmed excess shared among the others.")
        }
      }
    } catch let error as EstimationError {
      throw .weighting(String(describing: error))
    } catch let error as PlanRunError {
      throw error
    } catch {
      throw .weighting(String(describing: error))
    }
    let diagnostics = try? weightDiagnostics(design)
    if let diagnostics, plan.weighting != .none {
      words.append(
        "Design effect of weighting \(fixed(diagnostics.designEffect, 2)); effective sample size "
          + "\(grouped(Int(diagnostics.effectiveSampleSize.rounded()))).")
    }
    return WeightedDesign(design: design, description: words.joined(separator: " "), diagnostics: diagnostics)
  }
}

/// "a", "a and b", "a, b and c".
func listed(_ words: [String]) -> String {
  switch words.count {
  case 0: ""
  case 1: words[0]
  default: words.dropLast().joined(separator: ", ") + " and " + words[words.count - 1]
  }
}
