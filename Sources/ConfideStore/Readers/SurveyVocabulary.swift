import ConfideModel

/// The generic column names a survey defines, and the lookups readers need to translate a
/// platform's names into them.
///
/// Generic columns: ``respondentIDColumn``; each answer-collecting question's id; each matrix
/// row's id; each experiment's id (its arm); and `id___code` for one option of a
/// multiple-choice question (negative codes written `m9`).
struct SurveyVocabulary {
  let survey: Survey
  private var questions: [String: Question] = [:]
  private var names: Set<String> = [respondentIDColumn]

  init(_ survey: Survey) {
    self.survey = survey
    for question in survey.questions {
      questions[question.id] = question
      if question.type.isMatrix {
        for item in question.items { names.insert(item.id) }
      } else if question.type.collectsAnswer {
        names.insert(question.id)
      }
      if case .multiple = question.type, let list = survey.choices(for: question) {
        for choice in list.choices { names.insert(Self.indicatorColumn(question.id, code: choice.code)) }
      }
    }
    for experiment in survey.experiments { names.insert(experiment.id) }
  }

  /// Whether `name` is a generic column of this survey.
  func isColumn(_ name: String) -> Bool { names.contains(name) }

  /// The question (of any type) with this id.
  func question(_ id: String) -> Question? { questions[id] }

  /// Whether `id` is a multiple-choice question.
  func isMultiple(_ id: String) -> Bool {
    if case .multiple = questions[id]?.type { return true }
    return false
  }

  /// The options of a multiple-choice question, missing codes included.
  func options(_ id: String) -> ChoiceList? {
    guard isMultiple(id), let question = questions[id] else { return nil }
    return survey.choices(for: question)
  }

  /// The id of row `index` (from 1, in survey order) of matrix `id`.
  func matrixRow(_ id: String, index: Int) -> String? {
    guard let question = questions[id], question.type.isMatrix, index >= 1, index <= question.items.count else {
      return nil
    }
    return question.items[index - 1].id
  }

  /// Whether `id` is a matrix with a row `row`.
  func isMatrixRow(_ id: String, _ row: String) -> Bool {
    guard let question = questions[id], question.type.isMatrix else { return false }
    return question.items.contains { $0.id == row }
  }

  /// The indicator column of option `code` of multiple-choice question `question`: `q___3`, and
  /// `q___m9` for code -9 (as the codebook names it).
  static func indicatorColumn(_ question: String, code: Int) -> String {
    code < 0 ? "\(question)___m\(-code)" : "\(question)___\(code)"
  }
}
