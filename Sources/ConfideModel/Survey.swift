/// A page of the questionnaire: a titled group of items with shared routing.
public struct Section: Hashable, Sendable {
  public var id: String
  public var title: LocalizedText
  /// Shown only when this holds.
  public var condition: Expression?
  /// Whether the items are shown in random order.
  public var shuffle: Bool
  public var questions: [Question]
  /// Whether the condition was written as `skip if`.
  public var skipIf: Bool
  public var span: SourceSpan

  public init(
    id: String, title: LocalizedText = .init(), condition: Expression? = nil,
    shuffle: Bool = false, questions: [Question] = [], skipIf: Bool = false,
    span: SourceSpan = .init()
  ) {
    self.id = id
    self.title = title
    self.condition = condition
    self.shuffle = shuffle
    self.questions = questions
    self.skipIf = skipIf
    self.span = span
  }
}

/// One arm (condition) of a randomised experiment.
public struct Arm: Hashable, Sendable {
  public var id: String
  /// The text respondents in this arm read (the vignette), if any.
  public var text: LocalizedText
  /// Relative allocation weight: arms with ratios 2 and 1 get 2/3 and 1/3 of respondents.
  public var ratio: Double
  /// Whether this is the reference (control) arm.
  public var isControl: Bool
  public var span: SourceSpan

  public init(
    id: String, text: LocalizedText = .init(), ratio: Double = 1, isControl: Bool = false,
    span: SourceSpan = .init()
  ) {
    self.id = id
    self.text = text
    self.ratio = ratio
    self.isControl = isControl
    self.span = span
  }
}

/// A random assignment of respondents to arms.
public struct Experiment: Hashable, Sendable {
  /// The experimental design.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    /// Between-subjects vignette experiment: each arm reads a different description.
    case vignette
    /// Split ballot: arms see different questions or wordings.
    case split
    /// List (item-count) experiment: treatment adds a sensitive statement to a count list.
    case list
  }

  public var id: String
  public var kind: Kind
  public var title: LocalizedText
  public var arms: [Arm]
  public var span: SourceSpan

  public init(
    id: String, kind: Kind, title: LocalizedText = .init(), arms: [Arm] = [],
    span: SourceSpan = .init()
  ) {
    self.id = id
    self.kind = kind
    self.title = title
    self.arms = arms
    self.span = span
  }

  /// The control arm: the one marked `control`, else the first.
  public var controlArm: Arm? { arms.first(where: \.isControl) ?? arms.first }

  /// Each arm's share of respondents, from the allocation ratios.
  public var allocation: [(arm: String, probability: Double)] {
    let total = arms.reduce(0) { $0 + $1.ratio }
    return arms.map { ($0.id, total > 0 ? $0.ratio / total : 0) }
  }
}

/// A multi-item scale (e.g. privacy concern) scored from named items.
public struct Construct: Hashable, Sendable {
  /// How item answers combine into a score.
  public enum Scoring: String, Hashable, Sendable {
    case mean
    case sum
  }

  public var id: String
  public var label: LocalizedText
  public var items: [String]
  /// Items scored in reverse (in addition to items marked `reverse` where they are asked).
  public var reversed: [String]
  public var scoring: Scoring
  /// The fewest answered items for a score to be computed; defaults to all items.
  public var minimumItems: Int?
  public var span: SourceSpan
  /// Where each of ``items`` and ``reversed`` was written.
  public var itemSpans: [SourceSpan]
  public var reversedSpans: [SourceSpan]

  public init(
    id: String, label: LocalizedText = .init(), items: [String] = [], reversed: [String] = [],
    scoring: Scoring = .mean, minimumItems: Int? = nil, span: SourceSpan = .init(),
    itemSpans: [SourceSpan] = [], reversedSpans: [SourceSpan] = []
  ) {
    self.id = id
    self.label = label
    self.items = items
    self.reversed = reversed
    self.scoring = scoring
    self.minimumItems = minimumItems
    self.span = span
    self.itemSpans = itemSpans
    self.reversedSpans = reversedSpans
  }
}

/// A survey definition: the single source of truth the store, statistics and reports read.
public struct Survey: Hashable, Sendable {
  public var id: String
  public var title: LocalizedText
  public var version: String
  public var description: LocalizedText?
  /// Language codes; the first is the primary language.
  public var languages: [String]
  /// Where each language code was written.
  public var languageSpans: [SourceSpan]
  /// Missing-value codes declared once and offered by lists or questions.
  public var missingCodes: [Choice]
  public var lists: [ChoiceList]
  public var experiments: [Experiment]
  public var sections: [Section]
  public var constructs: [Construct]
  public var span: SourceSpan

  public init(
    id: String = "", title: LocalizedText = .init(), version: String = "",
    description: LocalizedText? = nil, languages: [String] = [], missingCodes: [Choice] = [],
    lists: [ChoiceList] = [], experiments: [Experiment] = [], sections: [Section] = [],
    constructs: [Construct] = [], span: SourceSpan = .init(), languageSpans: [SourceSpan] = []
  ) {
    self.id = id
    self.title = title
    self.version = version
    self.description = description
    self.languages = languages
    self.missingCodes = missingCodes
    self.lists = lists
    self.experiments = experiments
    self.sections = sections
    self.constructs = constructs
    self.span = span
    self.languageSpans = languageSpans
  }

  /// The primary language (the first declared), `en` if none is declared.
  public var primaryLanguage: String { languages.first ?? "en" }

  /// Every item in questionnaire order.
  public var questions: [Question] { sections.flatMap(\.questions) }

  // The lookups below compare ids in place: `first(where:)` would copy every element it passes
  // over, and ``questions`` would copy the whole questionnaire.

  /// The item with this id, if any.
  public func question(_ id: String) -> Question? {
    for s in sections.indices {
      for i in sections[s].questions.indices where sections[s].questions[i].id == id {
        return sections[s].questions[i]
      }
    }
    return nil
  }

  /// The choice list or scale with this id; `yes_no` resolves to the built-in list unless the
  /// survey declares its own.
  public func list(_ id: String) -> ChoiceList? {
    for i in lists.indices where lists[i].id == id { return lists[i] }
    if id == ChoiceList.yesNoID { return builtInYesNo }
    return nil
  }

  /// The options a question's answers come from, including its declared missing codes.
  public func choices(for question: Question) -> ChoiceList? {
    guard var list = question.inlineChoices ?? question.type.listID.flatMap({ list($0) }) else {
      return nil
    }
    for name in question.missing where list.choice(named: name) == nil {
      if let m = missingCodes.first(where: { $0.name == name }) { list.choices.append(m) }
    }
    return list
  }

  /// The experiment with this id, if any.
  public func experiment(_ id: String) -> Experiment? {
    for i in experiments.indices where experiments[i].id == id { return experiments[i] }
    return nil
  }

  /// The construct with this id, if any.
  public func construct(_ id: String) -> Construct? {
    for i in constructs.indices where constructs[i].id == id { return constructs[i] }
    return nil
  }

  /// The built-in yes/no list (English labels only).
  public var builtInYesNo: ChoiceList {
    let yes = LocalizedText(["en": "Yes"])
    let no = LocalizedText(["en": "No"])
    return ChoiceList(
      id: ChoiceList.yesNoID, kind: .choices,
      choices: [Choice(code: 1, name: "yes", label: yes), Choice(code: 0, name: "no", label: no)])
  }
}
