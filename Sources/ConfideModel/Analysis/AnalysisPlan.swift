/// A pre-registered analysis plan (`analysis/*.analysis`): the survey it analyses, how the
/// sample is weighted, the sampling design, the disclosure rule, and the tables and figures to
/// produce, grouped into report sections.
///
/// A plan is data, not code: `ConfideLanguage` reads it from text and checks every name against
/// the survey, and the report runner executes it. Source positions ride along in
/// ``SourceSpan``s, which equality ignores.
public struct AnalysisPlan: Hashable, Sendable {
  /// The plan's identifier (`analysis chilling_effect`).
  public var id: String
  /// The report's title.
  public var title: String
  /// A paragraph introducing the report, if any.
  public var description: String?
  /// The survey file the plan analyses, as written (relative to the plan's own folder).
  public var surveyPath: String
  /// How respondents are weighted.
  public var weighting: PlanWeighting
  /// The sampling design: strata and clusters, if any.
  public var design: PlanDesign
  /// The statistical disclosure rule every table and chart obeys.
  public var disclosure: PlanDisclosure
  /// Options every table starts from; a table's own options override them.
  public var defaults: TableOptions
  /// The report's sections, in order.
  public var sections: [PlanSection]
  /// Where the plan's header was written.
  public var span: SourceSpan
  /// Where the `survey` path was written.
  public var surveySpan: SourceSpan

  /// Creates a plan.
  public init(
    id: String, title: String = "", description: String? = nil, surveyPath: String = "",
    weighting: PlanWeighting = .none, design: PlanDesign = PlanDesign(),
    disclosure: PlanDisclosure = PlanDisclosure(), defaults: TableOptions = TableOptions(),
    sections: [PlanSection] = [], span: SourceSpan = .init(), surveySpan: SourceSpan = .init()
  ) {
    self.id = id
    self.title = title
    self.description = description
    self.surveyPath = surveyPath
    self.weighting = weighting
    self.design = design
    self.disclosure = disclosure
    self.defaults = defaults
    self.sections = sections
    self.span = span
    self.surveySpan = surveySpan
  }

  /// Every table of the plan, in report order.
  public var tables: [PlanTable] { sections.flatMap(\.tables) }
}

/// A name written in a plan, with where it was written, so the checker can point at it.
public struct PlanName: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
  /// The name as written.
  public var name: String
  /// Where it was written.
  public var span: SourceSpan

  /// Creates a name.
  public init(_ name: String, span: SourceSpan = .init()) {
    self.name = name
    self.span = span
  }

  /// Creates a name from a literal (for tests and code that builds plans).
  public init(stringLiteral value: String) { self.init(value) }

  /// The name.
  public var description: String { name }
}

/// How a plan weights its respondents.
public enum PlanWeighting: Hashable, Sendable {
  /// Every respondent counts once.
  case none
  /// Weights read from a numeric variable of the survey.
  case variable(PlanName)
  /// Weights calibrated to population margins.
  case calibrated(PlanCalibration)
}

/// Calibration to population margins read from a margins file (see `MarginsTable`).
public struct PlanCalibration: Hashable, Sendable {
  /// Raking (iterative proportional fitting) to each variable's margin, or post-stratification
  /// to the cells of a single variable.
  public enum Method: String, Hashable, Sendable, CaseIterable {
    /// Iterative proportional fitting, as `survey::rake`.
    case rake
    /// Post-stratification, as `survey::postStratify`.
    case poststratify
  }

  /// Raking or post-stratification.
  public var method: Method
  /// The margins file, as written (relative to the plan's folder).
  public var marginsPath: String
  /// Where the path was written.
  public var marginsSpan: SourceSpan
  /// The weighting variables, each a single-choice question whose choice names are the margins
  /// file's levels.
  public var variables: [PlanName]
  /// Bounds on the final weights as multiples of their mean (`trim 0.2 5`), applied after
  /// calibration as `survey::trimWeights`, or `nil` for no trimming.
  public var trim: ClosedRange<Double>?
  /// Where the `trim` line was written.
  public var trimSpan: SourceSpan

  /// Creates a calibration.
  public init(
    method: Method, marginsPath: String, marginsSpan: SourceSpan = .init(), variables: [PlanName],
    trim: ClosedRange<Double>? = nil, trimSpan: SourceSpan = .init()
  ) {
    self.method = method
    self.marginsPath = marginsPath
    self.marginsSpan = marginsSpan
    self.variables = variables
    self.trim = trim
    self.trimSpan = trimSpan
  }
}

/// The sampling design: at most one stratification variable and one cluster (PSU) variable.
/// Without either, respondents are taken as independently sampled.
public struct PlanDesign: Hashable, Sendable {
  /// The stratum of each respondent, if the sample was stratified.
  public var strata: PlanName?
  /// The primary sampling unit of each respondent, if the sample was clustered.
  public var clusters: PlanName?

  /// Creates a design.
  public init(strata: PlanName? = nil, clusters: PlanName? = nil) {
    self.strata = strata
    self.clusters = clusters
  }
}

/// The disclosure rule: cells with an unweighted base below ``threshold`` are hidden, and with
/// ``secondarySuppression`` further cells are hidden so the first cannot be worked out.
public struct PlanDisclosure: Hashable, Sendable {
  /// The smallest unweighted base that may be published; 0 turns disclosure control off.
  public var threshold: Int
  /// Whether complementary cells are hidden too.
  public var secondarySuppression: Bool
  /// Where the block was written.
  public var span: SourceSpan

  /// Creates a rule; the default is the project's: threshold 10 with secondary suppression.
  public init(threshold: Int = 10, secondarySuppression: Bool = true, span: SourceSpan = .init()) {
    self.threshold = threshold
    self.secondarySuppression = secondarySuppression
    self.span = span
  }
}

/// Options a table may set; unset options come from the plan's `defaults`, then from the
/// built-in defaults (95% intervals, Holm adjustment, one decimal place).
public struct TableOptions: Hashable, Sendable {
  /// Multiple-comparison adjustments a plan may name, as R's `p.adjust` methods.
  public enum Adjustment: String, Hashable, Sendable, CaseIterable {
    case none, holm, hochberg, bonferroni
    /// Benjamini–Hochberg false discovery rate.
    case bh
    /// Benjamini–Yekutieli false discovery rate.
    case by
  }

  /// Confidence level in percent (for example 95), or `nil` for the default.
  public var confidence: Double?
  /// Multiple-comparison adjustment, or `nil` for the default.
  public var adjustment: Adjustment?
  /// Decimal places for percentages and estimates, or `nil` for the default.
  public var decimals: Int?

  /// Creates options.
  public init(confidence: Double? = nil, adjustment: Adjustment? = nil, decimals: Int? = nil) {
    self.confidence = confidence
    self.adjustment = adjustment
    self.decimals = decimals
  }

  /// These options with unset ones taken from `fallback`.
  public func merged(over fallback: TableOptions) -> TableOptions {
    TableOptions(
      confidence: confidence ?? fallback.confidence, adjustment: adjustment ?? fallback.adjustment,
      decimals: decimals ?? fallback.decimals)
  }

  /// The built-in defaults: 95% intervals, Holm adjustment, one decimal place.
  public static let builtIn = TableOptions(confidence: 95, adjustment: .holm, decimals: 1)
}

/// A section of the report: a heading, an optional paragraph and its tables.
public struct PlanSection: Hashable, Sendable {
  /// The section's identifier.
  public var id: String
  /// The heading printed above it.
  public var heading: String
  /// A paragraph printed under the heading, if any.
  public var text: String?
  /// The tables and charts, in order.
  public var tables: [PlanTable]
  /// Where the section was written.
  public var span: SourceSpan

  /// Creates a section.
  public init(id: String, heading: String, text: String? = nil, tables: [PlanTable] = [], span: SourceSpan = .init()) {
    self.id = id
    self.heading = heading
    self.text = text
    self.tables = tables
    self.span = span
  }
}

/// One table of the report (with its chart, if asked for).
public struct PlanTable: Hashable, Sendable {
  /// The table's identifier, unique in the plan; it names the table's CSV file and JSON entry.
  public var id: String
  /// The table's title.
  public var title: String
  /// What the table estimates.
  public var analysis: PlanAnalysis
  /// Subgroup variables: each adds a column group (or, for scales and list experiments, a block
  /// of rows) with the estimate in each of its categories.
  public var by: [PlanName]
  /// Whether to draw the table's chart as well.
  public var chart: Bool
  /// Notes printed under the table.
  public var notes: [String]
  /// The table's own options.
  public var options: TableOptions
  /// Where the table was written.
  public var span: SourceSpan

  /// Creates a table.
  public init(
    id: String, title: String, analysis: PlanAnalysis, by: [PlanName] = [], chart: Bool = false,
    notes: [String] = [], options: TableOptions = TableOptions(), span: SourceSpan = .init()
  ) {
    self.id = id
    self.title = title
    self.analysis = analysis
    self.by = by
    self.chart = chart
    self.notes = notes
    self.options = options
    self.span = span
  }
}

/// What a table estimates, with the settings each kind needs.
public enum PlanAnalysis: Hashable, Sendable {
  /// Sample composition: for each category of each variable, the unweighted count and the
  /// weighted percentage.
  case composition(items: [PlanName])
  /// The weighted share giving one of the `positive` answers to each item, with intervals,
  /// overall and in each `by` subgroup; with `test`, a Rao–Scott test of each item against each
  /// subgroup variable. `positive` empty means "yes" for yes/no items.
  case prevalence(items: [PlanName], positive: [PlanName], test: Bool)
  /// The weighted distribution of answers to rating or matrix items (a matrix question stands
  /// for its items), drawn as diverging stacked bars.
  case likert(items: [PlanName])
  /// A construct's reliability (Cronbach's alpha with its Feldt interval, and ω total) and its
  /// weighted mean score, overall and by subgroup.
  case scale(construct: PlanName)
  /// A vignette experiment: the outcome in each arm, and each arm's effect against the
  /// reference arm with intervals and adjusted p-values; with `by`, whether the effect differs
  /// between subgroups (arm × subgroup interaction).
  case vignette(PlanVignette)
  /// A list experiment: the difference in mean counts between treatment and control, the
  /// prevalence of the sensitive item, overall and by subgroup.
  case list(PlanList)
  /// Adjusted odds ratios from a design-based logistic regression.
  case odds(PlanOdds)
  /// A weighted cross-tabulation with a Rao–Scott test of independence.
  case crosstab(rows: PlanName, columns: PlanName)

  /// The keyword that introduces this kind of table.
  public var keyword: String {
    switch self {
    case .composition: "composition"
    case .prevalence: "prevalence"
    case .likert: "likert"
    case .scale: "scale"
    case .vignette: "vignette"
    case .list: "list"
    case .odds: "odds"
    case .crosstab: "crosstab"
    }
  }
}

/// The settings of a vignette-experiment table.
public struct PlanVignette: Hashable, Sendable {
  /// The experiment (a `vignette` experiment of the survey).
  public var experiment: PlanName
  /// The outcome question.
  public var outcome: PlanName
  /// The answers counted as the outcome (for example `fairly_likely, very_likely`); empty means
  /// the outcome's mean code.
  public var positive: [PlanName]
  /// The arm every other arm is compared with; `nil` means the experiment's control arm.
  public var reference: PlanName?
  /// Short labels for arms, used in tables, charts and the headline, by arm id.
  public var armLabels: [String: String]
  /// The arm whose effect is the report's headline, if any.
  public var headline: PlanName?
  /// Where the arm of each of ``armLabels`` was written, by arm id. Like every span, equality
  /// and hashing ignore it.
  public var armLabelSpans: [String: SourceSpan]

  /// Creates the settings.
  public init(
    experiment: PlanName, outcome: PlanName, positive: [PlanName] = [], reference: PlanName? = nil,
    armLabels: [String: String] = [:], headline: PlanName? = nil, armLabelSpans: [String: SourceSpan] = [:]
  ) {
    self.experiment = experiment
    self.outcome = outcome
    self.positive = positive
    self.reference = reference
    self.armLabels = armLabels
    self.headline = headline
    self.armLabelSpans = armLabelSpans
  }

  public static func == (lhs: PlanVignette, rhs: PlanVignette) -> Bool {
    lhs.experiment == rhs.experiment && lhs.outcome == rhs.outcome && lhs.positive == rhs.positive
      && lhs.reference == rhs.reference && lhs.armLabels == rhs.armLabels && lhs.headline == rhs.headline
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(experiment)
    hasher.combine(outcome)
    hasher.combine(positive)
    hasher.combine(reference)
    hasher.combine(armLabels)
    hasher.combine(headline)
  }
}

/// The settings of a list-experiment table.
public struct PlanList: Hashable, Sendable {
  /// The experiment (a `list` experiment of the survey).
  public var experiment: PlanName
  /// The count question.
  public var outcome: PlanName
  /// Whether this estimate is (also) the report's headline.
  public var headline: Bool

  /// Creates the settings.
  public init(experiment: PlanName, outcome: PlanName, headline: Bool = false) {
    self.experiment = experiment
    self.outcome = outcome
    self.headline = headline
  }
}

/// The settings of an odds-ratio table.
public struct PlanOdds: Hashable, Sendable {
  /// The outcome: a yes/no question, or a choice question with `positive` answers.
  public var outcome: PlanName
  /// The answers counted as the outcome; empty means "yes".
  public var positive: [PlanName]
  /// The predictors: choice questions (categorical, treatment contrasts), numeric questions and
  /// constructs (per unit).
  public var predictors: [PlanName]
  /// Reference categories for categorical predictors, as (variable, choice); a predictor not
  /// listed uses its first category.
  public var references: [PlanReference]

  /// Creates the settings.
  public init(outcome: PlanName, positive: [PlanName] = [], predictors: [PlanName], references: [PlanReference] = []) {
    self.outcome = outcome
    self.positive = positive
    self.predictors = predictors
    self.references = references
  }
}

/// A reference category for a categorical predictor.
public struct PlanReference: Hashable, Sendable {
  /// The predictor.
  public var variable: PlanName
  /// The choice used as its reference.
  public var choice: PlanName

  /// Creates a reference.
  public init(variable: PlanName, choice: PlanName) {
    self.variable = variable
    self.choice = choice
  }
}
