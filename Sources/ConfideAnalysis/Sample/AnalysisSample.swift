import ConfideModel
import ConfideStatistics
import ConfideStore
import Dispatch
import Foundation

/// The respondents a plan analyses: the stored answers to every variable the plan reads, for the
/// respondents kept in the analysis, with the survey's labels.
///
/// Values follow the statistics module's convention: a number for a substantive answer and NaN
/// for anything else (a declared missing code, not answered, not asked), so every estimate's base
/// is the respondents who gave a substantive answer.
struct AnalysisSample: Sendable {
  /// The survey, for labels and structure.
  let survey: Survey
  /// The survey's variables by name.
  let variables: [String: Variable]
  /// The answers, for the kept respondents only.
  private(set) var matrix: AnswerMatrix
  /// The number of kept respondents.
  var count: Int { matrix.count }

  init(survey: Survey, matrix: AnswerMatrix) {
    self.survey = survey
    self.variables = Dictionary(survey.variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    self.matrix = matrix
  }

  /// Keeps only the respondents at `rows` (increasing), in every column.
  mutating func keep(_ rows: [Int]) {
    var kept = AnswerMatrix(count: rows.count, versions: matrix.versions, versionIndex: [], columns: [:])
    kept.versionIndex = rows.map { matrix.versionIndex[$0] }
    // Columns are independent: gathered on every core.
    let columns = Array(matrix.columns.values)
    let gathered = GatheredColumns(count: columns.count)
    DispatchQueue.concurrentPerform(iterations: columns.count) { c in
      let column = columns[c]
      gathered.set(
        c,
        AnswerMatrix.Column(
          variable: column.variable, status: rows.map { column.status[$0] }, values: rows.map { column.values[$0] },
          labels: column.labels))
    }
    for column in gathered.columns { kept.columns[column.variable] = column }
    matrix = kept
  }

  func column(_ name: String) -> AnswerMatrix.Column {
    matrix.columns[name]
      ?? AnswerMatrix.Column(
        variable: name, status: Array(repeating: .notAsked, count: count),
        values: Array(repeating: .nan, count: count), labels: [])
  }

  /// Each respondent's substantive answer, NaN otherwise.
  func answered(_ name: String) -> [Double] {
    let column = column(name)
    var out = column.values
    for i in out.indices where column.status[i] != .answered { out[i] = .nan }
    return out
  }

  /// 1 when the substantive answer is one of `codes`, 0 for another substantive answer, NaN for
  /// no substantive answer.
  func indicator(_ name: String, codes: Set<Int>) -> [Double] {
    let lookup = CodeLookup(Dictionary(uniqueKeysWithValues: codes.map { ($0, 1.0) }), otherwise: 0.0)
    return answered(name).map { $0.isNaN ? .nan : lookup[Int($0)] }
  }

  /// Whether each respondent gave a substantive answer.
  func isAnswered(_ name: String) -> [Bool] { column(name).status.map { $0 == .answered } }

  // MARK: - Labels

  /// A variable's label: the question's `label`, a matrix item's text, or the question text.
  func label(of name: String) -> String {
    let language = survey.primaryLanguage
    if let question = survey.question(name) {
      return question.label ?? question.text.text(in: language, fallback: name)
    }
    for question in survey.questions {
      if let item = question.items.first(where: { $0.id == name }) {
        return item.text.text(in: language, fallback: name)
      }
    }
    if let experiment = survey.experiment(name) { return experiment.title.text(in: language, fallback: name) }
    if let construct = survey.construct(name) { return construct.label.text(in: language, fallback: name) }
    return name
  }

  /// The substantive choices of a choice variable, in list order.
  func choices(of name: String) -> [Choice] {
    (variables[name]?.list?.choices ?? []).filter { !$0.isMissing }
  }

  /// A choice's label in the survey's primary language.
  func label(of choice: Choice) -> String { choice.label.text(in: survey.primaryLanguage, fallback: choice.name) }

  /// The declared missing codes a variable offers, choice-list ones first.
  func missingChoices(of name: String) -> [Choice] {
    guard let variable = variables[name] else { return [] }
    return (variable.list?.choices ?? []).filter(\.isMissing) + variable.missingCodes
  }

  // MARK: - Groupings

  /// Respondents grouped by their substantive answer to a choice variable; levels are the
  /// choices' labels (or names, with `byName`) in list order, and respondents without a
  /// substantive answer are in no group.
  func grouping(_ name: String, byName: Bool = false) -> Grouping {
    let choices = choices(of: name)
    var position: [Int: Int32] = [:]
    for (index, choice) in choices.enumerated() { position[choice.code] = Int32(index) }
    let lookup = CodeLookup(position, otherwise: -1)
    let codes = answered(name).map { value -> Int32 in value.isNaN ? -1 : lookup[Int(value)] }
    let levels = choices.map { byName ? $0.name : label(of: $0) }
    // Labels are unique within a list; fall back to names if two are not.
    let unique = Set(levels).count == levels.count ? levels : choices.map(\.name)
    return grouping(codes: codes, levels: unique)
  }

  /// Respondents grouped by the arm of `experiment` they were assigned; levels are arm ids in
  /// the experiment's order.
  func armGrouping(_ experiment: Experiment) -> Grouping {
    let column = column(experiment.id)
    let armIndex = Dictionary(uniqueKeysWithValues: experiment.arms.enumerated().map { ($1.id, Int32($0)) })
    let byLabel = column.labels.map { armIndex[$0] ?? -1 }
    let codes = zip(column.values, column.status).map { value, status -> Int32 in
      guard status == .answered, !value.isNaN else { return -1 }
      return byLabel[Int(value)]
    }
    return grouping(codes: codes, levels: experiment.arms.map(\.id))
  }

  /// A grouping whose codes were built from its own levels, so it is always valid.
  private func grouping(codes: [Int32], levels: [String]) -> Grouping {
    do { return try Grouping(codes: codes, levels: levels) } catch {
      preconditionFailure("a grouping built from its own levels is invalid: \(error)")
    }
  }

  // MARK: - Constructs

  /// The items of a construct, the reverse-keying of each, and the scale's substantive range.
  func constructItems(_ construct: Construct) -> (items: [[Double?]], reversed: [Bool], range: ClosedRange<Double>) {
    var reversedItems = Set(construct.reversed)
    for question in survey.questions {
      for item in question.items where item.isReversed { reversedItems.insert(item.id) }
    }
    let items = construct.items.map { name in answered(name).map { $0.isNaN ? nil : $0 } }
    let codes = construct.items.flatMap { choices(of: $0).map { Double($0.code) } }
    let range = (codes.min() ?? 0)...(codes.max() ?? 0)
    return (items, construct.items.map { reversedItems.contains($0) }, range)
  }

  /// Each respondent's construct score (NaN when too few items are answered), as the survey
  /// defines it: mean or sum of the keyed items, with the construct's minimum number of items.
  func scores(_ construct: Construct) throws(EstimationError) -> [Double] {
    let (items, reversed, range) = constructItems(construct)
    let score = ConstructScore(
      reversed: reversed, scaleRange: range, minimumItems: construct.minimumItems ?? construct.items.count,
      aggregation: construct.scoring == .sum ? .sum : .mean)
    return try score.scores(items).map { $0 ?? .nan }
  }

  /// The numeric values of a variable or a construct's scores.
  func numeric(_ name: String) throws(EstimationError) -> [Double] {
    if let construct = survey.construct(name) { return try scores(construct) }
    return answered(name)
  }
}

/// A map from answer codes to values that a loop over a million respondents can read without
/// hashing: an array over the codes' range when it is small (choice codes are), a dictionary
/// otherwise.
struct CodeLookup<Value> {
  private let table: [Value]
  private let low: Int
  private let dictionary: [Int: Value]?
  private let otherwise: Value

  /// The largest range of codes held in an array.
  static var arrayLimit: Int { 4_096 }

  init(_ values: [Int: Value], otherwise: Value) {
    self.otherwise = otherwise
    let low = values.keys.min() ?? 0
    let high = values.keys.max() ?? -1
    if high >= low, high - low < Self.arrayLimit {
      var table = [Value](repeating: otherwise, count: high - low + 1)
      for (code, value) in values { table[code - low] = value }
      self.table = table
      self.low = low
      dictionary = nil
    } else {
      table = []
      self.low = 0
      dictionary = values.isEmpty ? nil : values
    }
  }

  subscript(code: Int) -> Value {
    if let dictionary { return dictionary[code] ?? otherwise }
    let index = code &- low
    return index >= 0 && index < table.count ? table[index] : otherwise
  }
}

/// Columns gathered by concurrent workers, one slot each.
private final class GatheredColumns: @unchecked Sendable {
  // Safe: every slot is written once, under the lock, and read after the workers finish.
  private let lock = NSLock()
  private var slots: [AnswerMatrix.Column?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ column: AnswerMatrix.Column) {
    lock.lock()
    defer { lock.unlock() }
    slots[index] = column
  }

  var columns: [AnswerMatrix.Column] {
    lock.lock()
    defer { lock.unlock() }
    return slots.compactMap { $0 }
  }
}
