public import ConfideModel
import GRDB

/// One variable's answers across every stored version of a survey that has it: what analysis
/// reads. Versions that keep a question's id pool their answers; a version without the variable
/// contributes nothing.
public struct StoredColumn: Sendable, Equatable {
  /// The variable (question, matrix row or experiment id).
  public var variable: String
  /// The versions that hold the variable, oldest first.
  public var versions: [String]
  /// For each answer, the index of its version in ``versions``.
  public var versionIndex: [Int]
  /// The store's response ids, parallel to ``answers``.
  public var responseIDs: [Int64]
  /// The answers: values, declared missing codes, not answered and not asked kept apart.
  public var answers: [Answer]
}

extension ResponseStore {
  /// Reads one variable's answers from every version of `survey` that has it, in version and
  /// response order.
  ///
  /// - Complexity: O(n) in the number of stored responses of the survey.
  public func column(_ variable: String, survey: String) throws(StoreError) -> StoredColumn {
    try read { db in
      var out = StoredColumn(variable: variable, versions: [], versionIndex: [], responseIDs: [], answers: [])
      let versions = try Row.fetchAll(
        db,
        sql: """
          SELECT v.id, v.version FROM survey_version v JOIN survey s ON s.id = v.survey_id
          WHERE s.name = ? ORDER BY v.id
          """, arguments: [survey])
      for version in versions {
        let id: Int64 = version[0]
        let columns = try Row.fetchAll(
          db,
          sql: """
            SELECT page, column_name, role, option_code, kind FROM answer_column
            WHERE survey_version_id = ? AND variable = ? ORDER BY rowid
            """, arguments: [id, variable])
        guard let first = columns.first, let kind = VariableKind(rawValue: first[4]) else { continue }
        let page: Int = first[0]
        // Column names come from our own map and are checked to be `c` and digits: no text from
        // a survey file reaches the SQL.
        let names: [String] = columns.map { $0[1] }
        guard names.allSatisfy({ $0.first == "c" && $0.dropFirst().allSatisfy(\.isNumber) }) else {
          throw StoreError.database("the answer column map of version \(id) is damaged")
        }
        let status = zip(columns, names).first { $0.0[2] as String == "status" }?.1 ?? "NULL"
        let values = zip(columns, names).filter { $0.0[2] as String != "status" }
        let codes: [Int?] = values.map { $0.0[3] }
        let table = "answers_\(id)_\(page)"
        let sql =
          "SELECT response_id, \(status), \(values.map(\.1).joined(separator: ", ")) FROM \(table) ORDER BY response_id"
        out.versions.append(version[1])
        let index = out.versions.count - 1
        let cursor = try Row.fetchCursor(db, sql: sql)
        while let row = try cursor.next() {
          out.responseIDs.append(row[0])
          out.versionIndex.append(index)
          out.answers.append(Self.answer(row, kind: kind, codes: codes))
        }
      }
      return out
    }
  }

  /// Decodes one stored answer from its status and value columns.
  static func answer(_ row: Row, kind: VariableKind, codes: [Int?]) -> Answer {
    switch AnswerLayout.Status(rawValue: row[1] ?? 0) {
    case .notAsked, nil: return .notAsked
    case .notAnswered: return .notAnswered
    case .missingCode:
      if kind == .multiple {
        return .codes(codes.indices.compactMap { i in (row[2 + i] as Int?) == 1 ? codes[i] : nil })
      }
      return .missing(row[2] ?? 0)
    case .answered:
      switch kind {
      case .multiple:
        return .codes(codes.indices.compactMap { i in (row[2 + i] as Int?) == 1 ? codes[i] : nil })
      case .single, .rating, .matrixItem, .yesNo: return .code(row[2] ?? 0)
      case .integer, .count, .decimal: return .number(row[2] ?? 0)
      case .date: return .date(row[2] ?? "")
      case .text: return .text(row[2] ?? "")
      case .arm: return .arm(row[2] ?? "")
      }
    }
  }
}
