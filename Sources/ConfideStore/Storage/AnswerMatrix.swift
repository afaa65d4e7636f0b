import ConfideModel
import Foundation
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
    try answerMatrix(variables, survey: survey, parallelFrom: Self.parallelReadThreshold)
  }

  /// ``answerMatrix(_:survey:)``, reading a version in two halves at once from `parallelFrom`
  /// responses.
  func answerMatrix(_ variables: [String], survey: String, parallelFrom: Int) throws(StoreError) -> AnswerMatrix {
    try read { db in
      var matrix = AnswerMatrix(count: 0, versions: [], versionIndex: [], columns: [:])
      for variable in variables {
        matrix.columns[variable] = .init(variable: variable, status: [], values: [], labels: [])
      }
      var labelIndex: [String: LabelIndex] = [:]
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
        let select = "SELECT \(selected.joined(separator: ", ")) FROM \(from)"
        let texts = sources.map(\.text)
        var labels = sources.map { labelIndex[$0.variable] ?? LabelIndex() }

        // A large version is read in two halves of its response ids at once, the upper half on a
        // second, read-only connection, when that connection sees the same store (see
        // ``ParallelHalf``).
        var upper: DecodedRows?
        var split: Int64?
        let reader = total >= parallelFrom ? ParallelHalf(path: path) : nil
        if let reader {
          let bounds = try Row.fetchOne(
            db, sql: "SELECT min(response_id), max(response_id) FROM answers_\(id)_\(pages[0])")
          let low: Int64? = bounds?[0]
          let high: Int64? = bounds?[1]
          let state = try ParallelHalf.State.fetch(db)
          if let low, let high, high > low {
            let middle = low + (high - low) / 2
            split = middle
            reader.start(
              state: state,
              sql: select + " WHERE p0.response_id > \(middle) ORDER BY p0.response_id", texts: texts, capacity: total,
              reserve: total / 2 + total / 16)
          }
        }
        let lowerSQL = select + (split.map { " WHERE p0.response_id <= \($0)" } ?? "") + " ORDER BY p0.response_id"
        let lowerStatement = try db.makeStatement(sql: lowerSQL)
        var lower = try Self.decode(
          lowerStatement.sqliteStatement, texts: texts, labels: &labels, capacity: total, reserve: total
        ) { String(cString: sqlite3_errmsg(db.sqliteConnection)) }
        withExtendedLifetime(lowerStatement) {}
        if let split {
          if let rows = reader?.wait() {
            // Texts first seen in the upper half follow those of the lower half, as one read
            // would number them.
            upper = rows
            for s in sources.indices where texts[s] {
              let local = rows.labels[s]
              let global = local.map { labels[s].position(of: $0) }
              upper?.values[s] = rows.values[s].map { $0.isNaN ? $0 : Double(global[Int($0)]) }
            }
          } else {
            let upperStatement = try db.makeStatement(
              sql: select + " WHERE p0.response_id > \(split) ORDER BY p0.response_id")
            upper = try Self.decode(
              upperStatement.sqliteStatement, texts: texts, labels: &labels, capacity: total,
              reserve: total / 2 + total / 16
            ) { String(cString: sqlite3_errmsg(db.sqliteConnection)) }
            withExtendedLifetime(upperStatement) {}
          }
        }
        if let upper { lower.append(upper) }
        guard lower.count <= total else {
          throw StoreError.database("version \(id) has more answer rows than responses")
        }
        guard lower.count == total else {
          throw StoreError.database("version \(id) has fewer answer rows than responses")
        }
        let statuses = lower.statuses
        let values = lower.values
        for (s, source) in sources.enumerated() {
          matrix.columns[source.variable]?.status.replaceSubrange(start..<(start + total), with: statuses[s])
          matrix.columns[source.variable]?.values.replaceSubrange(start..<(start + total), with: values[s])
          labelIndex[source.variable] = labels[s]
        }
      }
      for (variable, index) in labelIndex { matrix.columns[variable]?.labels = index.texts }
      return matrix
    }
  }

  /// The number of responses from which a version is read on two connections at once.
  static let parallelReadThreshold = 100_000

  /// Steps a SELECT of status and value columns (two per source) to its end, decoding each row.
  /// Text values are numbered by `labels`, which gains the texts first seen.
  static func decode(
    _ handle: SQLiteStatement, texts: [Bool], labels: inout [LabelIndex], capacity: Int, reserve: Int,
    message: () -> String
  ) throws(StoreError) -> DecodedRows {
    // Rows are decoded into raw columns (no array checks per value), copied into arrays once.
    let statuses = texts.map { _ in UnsafeMutableBufferPointer<AnswerLayout.Status>.allocate(capacity: capacity) }
    let values = texts.map { _ in UnsafeMutableBufferPointer<Double>.allocate(capacity: capacity) }
    defer {
      for buffer in statuses { buffer.deallocate() }
      for buffer in values { buffer.deallocate() }
      sqlite3_reset(handle)
    }
    var count = 0
    while true {
      let code = sqlite3_step(handle)
      if code == SQLITE_DONE { break }
      guard code == SQLITE_ROW else { throw StoreError.database(message()) }
      guard count < capacity else { throw StoreError.database("a version has more answer rows than responses") }
      for s in texts.indices {
        let column = Int32(2 * s)
        let status = AnswerLayout.Status(rawValue: Int(sqlite3_column_int64(handle, column))) ?? .notAsked
        statuses[s][count] = status
        guard status == .answered || status == .missingCode,
          sqlite3_column_type(handle, column + 1) != SQLITE_NULL
        else {
          values[s][count] = .nan
          continue
        }
        if texts[s] {
          let text = sqlite3_column_text(handle, column + 1).map { String(cString: $0) } ?? ""
          values[s][count] = Double(labels[s].position(of: text))
        } else {
          values[s][count] = sqlite3_column_double(handle, column + 1)
        }
      }
      count += 1
    }
    var rows = DecodedRows(sources: texts.count, capacity: max(reserve, count))
    rows.count = count
    for s in texts.indices {
      rows.statuses[s].append(contentsOf: UnsafeBufferPointer(rebasing: statuses[s].prefix(count)))
      rows.values[s].append(contentsOf: UnsafeBufferPointer(rebasing: values[s].prefix(count)))
    }
    return rows
  }
}

/// Distinct texts of a text or arm variable, numbered in first-seen order.
struct LabelIndex {
  private(set) var texts: [String] = []
  private var positions: [String: Int] = [:]

  /// The text's number, numbering it if it is new.
  mutating func position(of text: String) -> Int {
    if let known = positions[text] { return known }
    positions[text] = texts.count
    texts.append(text)
    return texts.count - 1
  }
}

/// Columns decoded from consecutive rows of an answer table.
struct DecodedRows: Sendable {
  var count = 0
  var statuses: [[AnswerLayout.Status]]
  var values: [[Double]]
  /// For text sources, the texts numbered by this read (filled by ``ParallelHalf``).
  var labels: [[String]]

  init(sources: Int, capacity: Int) {
    statuses = (0..<sources).map { _ in
      var column: [AnswerLayout.Status] = []
      column.reserveCapacity(capacity)
      return column
    }
    values = (0..<sources).map { _ in
      var column: [Double] = []
      column.reserveCapacity(capacity)
      return column
    }
    labels = Array(repeating: [], count: sources)
  }

  /// Appends rows read after these.
  mutating func append(_ other: DecodedRows) {
    count += other.count
    for s in statuses.indices {
      statuses[s] += other.statuses[s]
      values[s] += other.values[s]
    }
  }
}

/// Reads the upper half of a version's answers on a second, read-only connection of its own
/// thread, while the store's connection reads the lower half.
///
/// The result is used only if the second connection saw the same store: the same schema
/// (SQLite's schema cookie, which every change of tables or indexes moves) and the same number
/// of audit records (each import and withdrawal adds one in the transaction that changes the
/// responses). Otherwise, or if the connection cannot be opened or read, ``wait()`` returns `nil`
/// and the caller reads the half itself, so the optimisation never changes what is read.
final class ParallelHalf: @unchecked Sendable {
  /// What two connections compare to know they see the same store.
  struct State: Equatable {
    var auditRecords: Int64
    var schemaVersion: Int64

    static let sql = "SELECT (SELECT count(*) FROM audit), (SELECT schema_version FROM pragma_schema_version)"

    /// The state seen by a GRDB connection's current transaction.
    static func fetch(_ db: Database) throws -> State {
      let row = try Row.fetchOne(db, sql: sql)
      return State(auditRecords: row?[0] ?? 0, schemaVersion: row?[1] ?? 0)
    }
  }

  // Safe: `result` is written by the worker before it signals `done`, and read after waiting.
  private let path: String
  private let done = DispatchSemaphore(value: 0)
  private var started = false
  private var result: DecodedRows?

  init(path: String) { self.path = path }

  /// Starts reading the rows of `sql` (a SELECT of answer columns, integers and our names only).
  func start(state: State, sql: String, texts: [Bool], capacity: Int, reserve: Int) {
    started = true
    let path = path
    Thread.detachNewThread { [self] in
      result = Self.read(
        path: path, state: state, sql: sql, texts: texts, capacity: capacity, reserve: reserve)
      done.signal()
    }
  }

  /// The rows read, or `nil` when they could not be read from the same store.
  func wait() -> DecodedRows? {
    guard started else { return nil }
    done.wait()
    return result
  }

  private static func read(
    path: String, state: State, sql: String, texts: [Bool], capacity: Int, reserve: Int
  ) -> DecodedRows? {
    var connection: OpaquePointer?
    defer { sqlite3_close_v2(connection) }
    guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
      let connection
    else { return nil }
    guard sqlite3_exec(connection, "BEGIN", nil, nil, nil) == SQLITE_OK else { return nil }
    defer { sqlite3_exec(connection, "COMMIT", nil, nil, nil) }
    // The snapshot starts with this first read.
    var seen: OpaquePointer?
    guard sqlite3_prepare_v2(connection, State.sql, -1, &seen, nil) == SQLITE_OK else { return nil }
    defer { sqlite3_finalize(seen) }
    guard sqlite3_step(seen) == SQLITE_ROW,
      State(auditRecords: sqlite3_column_int64(seen, 0), schemaVersion: sqlite3_column_int64(seen, 1)) == state
    else { return nil }
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK, let statement else { return nil }
    defer { sqlite3_finalize(statement) }
    var labels = texts.map { _ in LabelIndex() }
    guard
      var rows = try? ResponseStore.decode(
        statement, texts: texts, labels: &labels, capacity: capacity, reserve: reserve, message: { "" })
    else { return nil }
    rows.labels = labels.map(\.texts)
    return rows
  }
}
