import ConfideModel
import GRDB
import GRDBSQLite

/// Several variables' answers for every stored response of a survey, read in one pass per
/// version and laid out as columns of numbers: what analysis reads.
///
/// Row *i* of every column is the same response. Versions that keep a variable's id pool their
/// answers; in a version without the variable, its rows are ``AnswerLayout/Status/notAsked``.
public struct AnswerMatrix: Sendable {
  /// One variable's answers.
  public struct Column: Sendable {
    /// The variable's name.
    public var variable: String
    /// Each response's answer status.
    public var status: [AnswerLayout.Status]
    /// Each response's value: the code or number for an answer, the declared missing code for a
    /// missing answer, and NaN when the question was not answered or not asked. For a text or
    /// arm variable, the position of the text in ``labels``.
    public var values: [Double]
    /// For text and arm variables, the distinct texts in first-seen order.
    public var labels: [String]

    /// Creates a column.
    public init(variable: String, status: [AnswerLayout.Status], values: [Double], labels: [String]) {
      self.variable = variable
      self.status = status
      self.values = values
      self.labels = labels
    }
  }

  /// The number of responses.
  public var count: Int
  /// The survey versions read, oldest first.
  public var versions: [String]
  /// For each response, the index of its version in ``versions``.
  public var versionIndex: [Int32]
  /// The columns, by variable name.
  public var columns: [String: Column]

  /// Creates a matrix.
  public init(count: Int, versions: [String], versionIndex: [Int32], columns: [String: Column]) {
    self.count = count
    self.versions = versions
    self.versionIndex = versionIndex
    self.columns = columns
  }
}

extension ResponseStore {
  /// Reads the answers to `variables` for every stored response of `survey`, in version and
  /// response order, with one `SELECT` per version.
  ///
  /// Multiple-choice variables are not read (their option columns are analysed one by one);
  /// naming one is an error.
  ///
  /// - Parameters:
  ///   - variables: The variable names (questions, matrix items, experiments), each at most once.
  ///   - survey: The survey's name.
  /// - Returns: The answers as columns.
  /// - Throws: ``StoreError/database(_:)`` when the store cannot be read or a variable is
  ///   multiple-choice.
  /// - Complexity: O(*n* × *k*) for *n* responses and *k* variables.
  public func answerMatrix(_ variables: [String], survey: String) throws(StoreError) -> AnswerMatrix {
    try read { db in
      var matrix = AnswerMatrix(count: 0, versions: [], versionIndex: [], columns: [:])
      for variable in variables {
        matrix.columns[variable] = .init(variable: variable, status: [], values: [], labels: [])
      }
      var labelIndex: [String: [String: Int]] = [:]
      let versions = try Row.fetchAll(
        db,
        sql: """
          SELECT v.id, v.version FROM survey_version v JOIN survey s ON s.id = v.survey_id
          WHERE s.name = ? ORDER BY v.id
          """, arguments: [survey])
      for version in versions {
        let id: Int64 = version[0]
        let total =
          try Int.fetchOne(
            // NOT INDEXED: with a bound version the planner walks the version's partial respondent
            // index and looks up every row in pseudonym order, one random page read per response
            // (5 s for a million); scanning the table reads each page once.
            db, sql: "SELECT count(*) FROM response NOT INDEXED WHERE survey_version_id = ?", arguments: [id]) ?? 0
        guard total > 0 else { continue }
        matrix.versions.append(version[1])
        let versionPosition = Int32(matrix.versions.count - 1)

        // Where each variable lives in this version: page, status column and value column.
        struct Source {
          var variable: String
          var page: Int
          var status: String
          var value: String
          var text: Bool
        }
        var sources: [Source] = []
        for variable in variables {
          let rows = try Row.fetchAll(
            db,
            sql: """
              SELECT page, column_name, role, kind, storage FROM answer_column
              WHERE survey_version_id = ? AND variable = ? ORDER BY rowid
              """, arguments: [id, variable])
          guard !rows.isEmpty else { continue }
          if rows.contains(where: { ($0[2] as String) == "option" }) {
            throw StoreError.database("'\(variable)' is a multiple-choice question; read its options one by one")
          }
          guard let status = rows.first(where: { ($0[2] as String) == "status" }),
            let value = rows.first(where: { ($0[2] as String) == "value" })
          else { throw StoreError.database("the answer column map of version \(id) is damaged") }
          let names: [String] = [status[1], value[1]]
          // Column names come from our own map and are checked to be `c` and digits, so no text
          // from a survey file reaches the SQL.
          guard names.allSatisfy({ $0.first == "c" && $0.count > 1 && $0.dropFirst().allSatisfy(\.isASCIIDigit) })
          else { throw StoreError.database("the answer column map of version \(id) is damaged") }
          sources.append(
            Source(
              variable: variable, page: status[0], status: names[0], value: names[1],
              text: (value[4] as String) == "TEXT"))
        }

        let start = matrix.count
        matrix.count += total
        matrix.versionIndex.append(contentsOf: repeatElement(versionPosition, count: total))
        for variable in variables {
          matrix.columns[variable]?.status.append(contentsOf: repeatElement(.notAsked, count: total))
          matrix.columns[variable]?.values.append(contentsOf: repeatElement(.nan, count: total))
        }
        guard !sources.isEmpty else { continue }

        // One SELECT joining the pages the variables live on, in response order.
        let pages = Array(Set(sources.map(\.page))).sorted()
        let alias = Dictionary(uniqueKeysWithValues: pages.enumerated().map { ($1, "p\($0)") })
        var selected: [String] = []
        for source in sources {
          selected.append("\(alias[source.page, default: "p0"]).\(source.status)")
          selected.append("\(alias[source.page, default: "p0"]).\(source.value)")
        }
        var from = "answers_\(id)_\(pages[0]) p0"
        for (position, page) in pages.enumerated().dropFirst() {
          from += " JOIN answers_\(id)_\(page) p\(position) USING (response_id)"
        }
        let sql = "SELECT \(selected.joined(separator: ", ")) FROM \(from) ORDER BY p0.response_id"
        let statement = try db.makeStatement(sql: sql)
        let handle = statement.sqliteStatement

        var statuses = sources.map { _ in [AnswerLayout.Status](repeating: .notAsked, count: total) }
        var values = sources.map { _ in [Double](repeating: .nan, count: total) }
        var labels = sources.map { labelIndex[$0.variable] ?? [:] }
        var row = 0
        while true {
          let code = sqlite3_step(handle)
          if code == SQLITE_DONE { break }
          guard code == SQLITE_ROW else {
            throw StoreError.database(String(cString: sqlite3_errmsg(db.sqliteConnection)))
          }
          guard row < total else { throw StoreError.database("version \(id) has more answer rows than responses") }
          for s in sources.indices {
            let column = Int32(2 * s)
            let status = AnswerLayout.Status(rawValue: Int(sqlite3_column_int64(handle, column))) ?? .notAsked
            statuses[s][row] = status
            guard status == .answered || status == .missingCode,
              sqlite3_column_type(handle, column + 1) != SQLITE_NULL
            else { continue }
            if sources[s].text {
              let text = sqlite3_column_text(handle, column + 1).map { String(cString: $0) } ?? ""
              if let known = labels[s][text] {
                values[s][row] = Double(known)
              } else {
                let position = labels[s].count
                labels[s][text] = position
                values[s][row] = Double(position)
              }
            } else {
              values[s][row] = sqlite3_column_double(handle, column + 1)
            }
          }
          row += 1
        }
        guard row == total else { throw StoreError.database("version \(id) has fewer answer rows than responses") }
        for (s, source) in sources.enumerated() {
          matrix.columns[source.variable]?.status.replaceSubrange(start..<(start + total), with: statuses[s])
          matrix.columns[source.variable]?.values.replaceSubrange(start..<(start + total), with: values[s])
          labelIndex[source.variable] = labels[s]
        }
      }
      for (variable, index) in labelIndex {
        var ordered = [String](repeating: "", count: index.count)
        for (text, position) in index { ordered[position] = text }
        matrix.columns[variable]?.labels = ordered
      }
      return matrix
    }
  }
}
