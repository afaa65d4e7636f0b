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
      var reads: [VersionRead] = []
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
        reads.append(try VersionRead(db, version: id, name: version[1], total: total, variables: variables))
      }

      // Every column is made once at its full length, not-asked throughout, and each version's
      // rows are decoded straight into it.
      let count = reads.reduce(0) { $0 + $1.total }
      var statuses = variables.map { _ in [AnswerLayout.Status](repeating: .notAsked, count: count) }
      var values = variables.map { _ in [Double](repeating: .nan, count: count) }
      var labels = variables.map { _ in LabelIndex() }
      try withMutableBuffers(&statuses) { statusColumns in
        try withMutableBuffers(&values) { valueColumns in
          var start = 0
          for version in reads {
            let columns = version.sources.map { source in
              DecodedColumns.Column(
                status: address(statusColumns[source.variable]) + start,
                value: address(valueColumns[source.variable]) + start)
            }
            var local = version.sources.map { labels[$0.variable] }
            try Self.readVersion(version, into: columns, labels: &local, db: db, path: path, parallelFrom: parallelFrom)
            for (s, source) in version.sources.enumerated() { labels[source.variable] = local[s] }
            start += version.total
          }
        }
      }

      var matrix = AnswerMatrix(count: count, versions: reads.map(\.name), versionIndex: [], columns: [:])
      matrix.versionIndex.reserveCapacity(count)
      for (position, version) in reads.enumerated() {
        matrix.versionIndex.append(contentsOf: repeatElement(Int32(position), count: version.total))
      }
      for (v, variable) in variables.enumerated() {
        matrix.columns[variable] = .init(
          variable: variable, status: statuses[v], values: values[v], labels: labels[v].texts)
      }
      return matrix
    }
  }

  /// The number of responses from which a version is read on two connections at once.
  static let parallelReadThreshold = 100_000

  /// Reads one version's rows into `columns` (one per source, each with room for the version's
  /// responses). A large version is read in two halves of its response ids at once, the upper
  /// half on a second, read-only connection, when that connection sees the same store (see
  /// ``ParallelHalf``).
  private static func readVersion(
    _ version: VersionRead, into columns: [DecodedColumns.Column], labels: inout [LabelIndex], db: Database,
    path: String, parallelFrom: Int
  ) throws {
    guard !version.sources.isEmpty else { return }
    let texts = version.sources.map(\.text)
    let message = { String(cString: sqlite3_errmsg(db.sqliteConnection)) }
    var split: Int64?
    let reader = version.total >= parallelFrom ? ParallelHalf(path: path) : nil
    if let reader {
      let bounds = try Row.fetchOne(db, sql: "SELECT min(response_id), max(response_id) FROM \(version.firstTable)")
      let low: Int64? = bounds?[0]
      let high: Int64? = bounds?[1]
      let state = try ParallelHalf.State.fetch(db)
      if let low, let high, high > low {
        let middle = low + (high - low) / 2
        split = middle
        reader.start(
          state: state, sql: version.select + " WHERE p0.response_id > \(middle) ORDER BY p0.response_id",
          texts: texts, capacity: version.total)
      }
    }
    let lowerSQL = version.select + (split.map { " WHERE p0.response_id <= \($0)" } ?? "") + " ORDER BY p0.response_id"
    let lowerStatement = try db.makeStatement(sql: lowerSQL)
    let lower = try decode(
      lowerStatement.sqliteStatement, texts: texts, labels: &labels,
      into: DecodedColumns(columns: columns, capacity: version.total), message: message)
    withExtendedLifetime(lowerStatement) {}
    var count = lower
    if let split {
      let rest = columns.map { $0.advanced(by: lower) }
      if let rows = reader?.wait() {
        guard rows.count <= version.total - lower else {
          throw StoreError.database("version \(version.id) has more answer rows than responses")
        }
        // Texts first seen in the upper half follow those of the lower half, as one read
        // would number them.
        for s in texts.indices {
          rest[s].status.update(from: rows.columns.columns[s].status, count: rows.count)
          let from = rows.columns.columns[s].value
          if texts[s] {
            let global = rows.labels[s].map { labels[s].position(of: $0) }
            for i in 0..<rows.count { rest[s].value[i] = from[i].isNaN ? from[i] : Double(global[Int(from[i])]) }
          } else {
            rest[s].value.update(from: from, count: rows.count)
          }
        }
        count += rows.count
      } else {
        let upperStatement = try db.makeStatement(
          sql: version.select + " WHERE p0.response_id > \(split) ORDER BY p0.response_id")
        count += try decode(
          upperStatement.sqliteStatement, texts: texts, labels: &labels,
          into: DecodedColumns(columns: rest, capacity: version.total - lower), message: message)
        withExtendedLifetime(upperStatement) {}
      }
    }
    guard count == version.total else {
      throw StoreError.database("version \(version.id) has fewer answer rows than responses")
    }
  }

  /// Steps a SELECT of status and value columns (two per source) to its end, decoding each row
  /// into `columns`; returns the number of rows. Text values are numbered by `labels`, which
  /// gains the texts first seen.
  static func decode(
    _ handle: SQLiteStatement, texts: [Bool], labels: inout [LabelIndex], into columns: DecodedColumns,
    message: () -> String
  ) throws(StoreError) -> Int {
    defer { sqlite3_reset(handle) }
    let capacity = columns.capacity
    var count = 0
    // Each value is read through `sqlite3_column_value` once, rather than asking its type and
    // then its value through two column calls (each of which enters and leaves the connection).
    try columns.columns.withUnsafeBufferPointer { (columns) throws(StoreError) in
      try texts.withUnsafeBufferPointer { (texts) throws(StoreError) in
        while true {
          let code = sqlite3_step(handle)
          if code == SQLITE_DONE { break }
          guard code == SQLITE_ROW else { throw StoreError.database(message()) }
          guard count < capacity else {
            throw StoreError.database("a version has more answer rows than responses")
          }
          for s in 0..<texts.count {
            let column = Int32(2 * s)
            let raw = sqlite3_value_int64(sqlite3_column_value(handle, column))
            let status = AnswerLayout.Status(rawValue: Int(raw)) ?? .notAsked
            columns[s].status[count] = status
            let value = sqlite3_column_value(handle, column + 1)
            guard status == .answered || status == .missingCode, sqlite3_value_type(value) != SQLITE_NULL else {
              columns[s].value[count] = .nan
              continue
            }
            if texts[s] {
              let position: Int
              if let text = sqlite3_value_text(value) {
                position = labels[s].position(of: text)
              } else {
                position = labels[s].position(of: "")
              }
              columns[s].value[count] = Double(position)
            } else {
              columns[s].value[count] = sqlite3_value_double(value)
            }
          }
          count += 1
        }
      }
    }
    return count
  }
}

/// Where one version's variables live: for each variable read, its page and columns, and the
/// SELECT joining the pages in response order.
private struct VersionRead {
  /// A variable's status and value columns in this version.
  struct Source {
    /// The variable's position in the variables read.
    var variable: Int
    var page: Int
    var status: String
    var value: String
    var text: Bool
  }

  var id: Int64
  var name: String
  var total: Int
  var sources: [Source] = []
  var select = ""
  var firstTable = ""

  init(_ db: Database, version id: Int64, name: String, total: Int, variables: [String]) throws {
    self.id = id
    self.name = name
    self.total = total
    for (position, variable) in variables.enumerated() {
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
          variable: position, page: status[0], status: names[0], value: names[1],
          text: (value[4] as String) == "TEXT"))
    }
    guard !sources.isEmpty else { return }

    // One SELECT joining the pages the variables live on, in response order.
    let pages = Array(Set(sources.map(\.page))).sorted()
    let alias = Dictionary(uniqueKeysWithValues: pages.enumerated().map { ($1, "p\($0)") })
    var selected: [String] = []
    for source in sources {
      selected.append("\(alias[source.page, default: "p0"]).\(source.status)")
      selected.append("\(alias[source.page, default: "p0"]).\(source.value)")
    }
    firstTable = "answers_\(id)_\(pages[0])"
    var from = "\(firstTable) p0"
    for (position, page) in pages.enumerated().dropFirst() {
      from += " JOIN answers_\(id)_\(page) p\(position) USING (response_id)"
    }
    select = "SELECT \(selected.joined(separator: ", ")) FROM \(from)"
  }
}

/// A buffer's first element; an empty buffer (written through at no offset) may have no
/// address, and then any aligned one serves.
private func address<Element>(_ buffer: UnsafeMutableBufferPointer<Element>) -> UnsafeMutablePointer<Element> {
  buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment).unsafelyUnwrapped
}

/// Gives `body` the storage of every array at once (each stays where it is while `body` runs).
private func withMutableBuffers<Element>(
  _ arrays: inout [[Element]], _ body: ([UnsafeMutableBufferPointer<Element>]) throws -> Void
) rethrows {
  var buffers: [UnsafeMutableBufferPointer<Element>] = []
  buffers.reserveCapacity(arrays.count)
  try nestBuffers(0, &arrays, &buffers, body)
}

private func nestBuffers<Element>(
  _ index: Int, _ arrays: inout [[Element]], _ buffers: inout [UnsafeMutableBufferPointer<Element>],
  _ body: ([UnsafeMutableBufferPointer<Element>]) throws -> Void
) rethrows {
  guard index < arrays.count else { return try body(buffers) }
  // Moved out, so the array is uniquely held and its storage is not copied.
  var array: [Element] = []
  swap(&array, &arrays[index])
  defer { swap(&array, &arrays[index]) }
  try array.withUnsafeMutableBufferPointer { buffer in
    buffers.append(buffer)
    try nestBuffers(index + 1, &arrays, &buffers, body)
  }
}

/// Distinct texts of a text or arm variable, numbered in first-seen order.
struct LabelIndex {
  private(set) var texts: [String] = []
  private var positions: [String: Int] = [:]
  /// The bytes of texts met so far, with their numbers, while there are few: a stored text is
  /// matched by its bytes without making a string of it.
  private var seen: [(bytes: [UInt8], position: Int)] = []

  /// The most byte spellings matched directly; past them, texts are looked up by string.
  private static let directLimit = 16

  /// The text's number, numbering it if it is new.
  mutating func position(of text: String) -> Int {
    if let known = positions[text] { return known }
    positions[text] = texts.count
    texts.append(text)
    return texts.count - 1
  }

  /// The number of a NUL-terminated UTF-8 text (as `String(cString:)` reads it), numbering it if
  /// it is new.
  mutating func position(of text: UnsafePointer<UInt8>) -> Int {
    let length = strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self))
    for entry in seen where entry.bytes.count == length {
      let equal = entry.bytes.withUnsafeBufferPointer { bytes in
        bytes.baseAddress.map { memcmp($0, text, length) == 0 } ?? (length == 0)
      }
      if equal { return entry.position }
    }
    let position = position(of: String(cString: text))
    if seen.count < Self.directLimit {
      seen.append((Array(UnsafeBufferPointer(start: text, count: length)), position))
    }
    return position
  }
}

/// Where a read decodes its rows: a status and a value buffer per source, each with room for
/// `capacity` rows.
struct DecodedColumns: @unchecked Sendable {
  struct Column {
    var status: UnsafeMutablePointer<AnswerLayout.Status>
    var value: UnsafeMutablePointer<Double>

    func advanced(by rows: Int) -> Column { Column(status: status + rows, value: value + rows) }
  }

  var columns: [Column]
  var capacity: Int
}

/// Rows decoded by a read of its own, in buffers it owns.
final class DecodedRows: @unchecked Sendable {
  /// The rows decoded.
  var count = 0
  /// The buffers, one status and one value buffer per source.
  let columns: DecodedColumns
  /// For text sources, the texts numbered by this read.
  var labels: [[String]]

  init(sources: Int, capacity: Int) {
    columns = DecodedColumns(
      columns: (0..<sources).map { _ in
        DecodedColumns.Column(
          status: .allocate(capacity: capacity), value: .allocate(capacity: capacity))
      }, capacity: capacity)
    labels = Array(repeating: [], count: sources)
  }

  deinit {
    for column in columns.columns {
      column.status.deallocate()
      column.value.deallocate()
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
  func start(state: State, sql: String, texts: [Bool], capacity: Int) {
    started = true
    let path = path
    Thread.detachNewThread { [self] in
      result = Self.read(path: path, state: state, sql: sql, texts: texts, capacity: capacity)
      done.signal()
    }
  }

  /// The rows read, or `nil` when they could not be read from the same store.
  func wait() -> DecodedRows? {
    guard started else { return nil }
    done.wait()
    return result
  }

  private static func read(path: String, state: State, sql: String, texts: [Bool], capacity: Int) -> DecodedRows? {
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
    let rows = DecodedRows(sources: texts.count, capacity: capacity)
    guard
      let count = try? ResponseStore.decode(
        statement, texts: texts, labels: &labels, into: rows.columns, message: { "" })
    else { return nil }
    rows.count = count
    rows.labels = labels.map(\.texts)
    return rows
  }
}
