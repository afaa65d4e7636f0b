/// What kind of value a variable holds.
public enum VariableKind: String, Hashable, Sendable, Codable {
  /// An experiment's assignment: the arm's name.
  case arm
  /// One code from a list (`single`).
  case single
  /// Any number of codes from a list (`multiple`).
  case multiple
  /// One code from a scale (`rating`).
  case rating
  /// One row of a matrix: one code from the matrix's scale.
  case matrixItem = "matrix_item"
  /// One code from a yes/no list.
  case yesNo = "yesno"
  /// A whole number, or a declared missing code.
  case integer
  /// A number, or a declared missing code.
  case decimal
  /// A calendar date (`YYYY-MM-DD`), or a declared missing code.
  case date
  /// Free text.
  case text
  /// How many statements of a list-experiment item apply.
  case count

  /// Whether answers are codes from a list.
  public var isChoice: Bool {
    switch self {
    case .single, .multiple, .rating, .matrixItem, .yesNo: true
    default: false
    }
  }
}

/// One variable of a survey's data: an experiment's arm, a question's answer, or one row of a
/// matrix, in the order the data holds them (experiments first, then questions as asked).
public struct Variable: Hashable, Sendable {
  /// The variable's name in the data (the question, matrix item or experiment id).
  public var name: String
  public var kind: VariableKind
  /// The answer options, missing codes included, for choice variables.
  public var list: ChoiceList?
  /// The declared missing codes a non-choice question offers.
  public var missingCodes: [Choice]
  /// When the variable is asked: its section's, question's and (for a matrix row or count
  /// statement) item's conditions together; nil when always asked.
  public var condition: Expression?
  /// The question it belongs to (the matrix for a matrix row; the experiment id for an arm).
  public var question: String
  public var isRequired: Bool
  public var range: NumericRange?
  public var constraints: [Constraint]
  public var roles: [Role]

  /// Whether the source data may hold something that identifies the respondent: free text, or a
  /// question marked `role identifier`.
  public var isIdentifier: Bool { roles.contains(.identifier) }

  /// The choice named `name`, or the declared missing code of that name.
  public func choice(named name: String) -> Choice? {
    if let c = list?.choice(named: name) { return c }
    for i in missingCodes.indices where missingCodes[i].name == name { return missingCodes[i] }
    return nil
  }

  /// The choice with code `code`, or the declared missing code with it.
  public func choice(code: Int) -> Choice? {
    if let c = list?.choice(code: code) { return c }
    for i in missingCodes.indices where missingCodes[i].code == code { return missingCodes[i] }
    return nil
  }
}

extension Survey {
  /// Every variable of the survey's data, in order: one per experiment (its arm), then one per
  /// answer-collecting question or matrix row, as asked. Notes and vignettes hold no data.
  ///
  /// - Complexity: O(q) in the number of questions and items.
  public var variables: [Variable] {
    var out: [Variable] = []
    for e in experiments {
      out.append(
        Variable(
          name: e.id, kind: .arm, list: nil, missingCodes: [], condition: nil, question: e.id,
          isRequired: true, range: nil, constraints: [], roles: [.exposure]))
    }
    for section in sections {
      for q in section.questions where q.type.collectsAnswer || q.type.isMatrix {
        let condition = Expression.conjunction(section.condition, q.condition)
        let missing = q.missing.compactMap { name in missingCodes.first { $0.name == name } }
        let list = choices(for: q)
        if q.type.isMatrix {
          for row in q.items {
            out.append(
              Variable(
                name: row.id, kind: .matrixItem, list: list, missingCodes: [],
                condition: Expression.conjunction(condition, row.condition), question: q.id,
                isRequired: q.isRequired, range: nil, constraints: [],
                roles: row.roles.isEmpty ? q.roles : row.roles))
          }
          continue
        }
        let kind: VariableKind =
          switch q.type {
          case .single: .single
          case .multiple: .multiple
          case .rating: .rating
          case .yesNo: .yesNo
          case .integer: .integer
          case .decimal: .decimal
          case .date: .date
          case .count: .count
          default: .text
          }
        out.append(
          Variable(
            name: q.id, kind: kind, list: kind.isChoice ? list : nil, missingCodes: kind.isChoice ? [] : missing,
            condition: condition, question: q.id, isRequired: q.isRequired, range: q.range,
            constraints: q.constraints, roles: q.roles))
      }
    }
    return out
  }
}

extension Expression {
  /// `a and b`, where either may be absent (always true).
  public static func conjunction(_ a: Expression?, _ b: Expression?) -> Expression? {
    switch (a, b) {
    case (nil, nil): nil
    case (let x?, nil): x
    case (nil, let y?): y
    case (let x?, let y?): .binary(.and, x, y, SourceSpan())
    }
  }
}
