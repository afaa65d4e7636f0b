import ConfideModel
import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// Writes one batch's rows inside the import's transaction, with statements prepared once and
/// values bound through SQLite's C API (a million rows would otherwise box every value).
struct BatchWriter {
  /// What happened to a row offered for storage.
  enum Insertion: Equatable {
    case stored
    /// The respondent is already stored (earlier batch) with the same answers.
    case sameAsStored
    /// The respondent is already stored from an earlier row of this file.
    case earlierInFile(row: Int)
    /// The respondent is already stored, from batch `batch`, with different answers.
    case differsFromBatch(Int64)
  }

  let db: Database
  let layout: AnswerLayout
  let versionID: Int64
  let batch: Int64
  let insertResponse: Statement
  let findResponse: Statement
  let insertAnswers: [Statement]
  /// Per page, how each variable's answer is bound: plain values, so binding a row copies and
  /// counts no references.
  let plans: [[ColumnPlan]]
  /// The option columns and codes of multiple-choice variables, indexed from ``ColumnPlan``.
  let optionColumns: [Int32]
  let optionCodes: [Int]
  let insertQuarantine: Statement
  let findRowInBatch: Statement
  /// Marks earlier quarantined rows of a respondent as resolved; nil when there are none to mark.
  let resolveQuarantine: Statement?

  init(db: Database, layout: AnswerLayout, versionID: Int64, batch: Int64) throws {
    self.db = db
    self.layout = layout
    self.versionID = versionID
    self.batch = batch
    insertResponse = try db.makeStatement(
      sql: """
        INSERT INTO response (pseudonym, survey_version_id, batch_id, source_row, answers_digest)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT (pseudonym, survey_version_id) DO NOTHING
        """)
    findResponse = try db.makeStatement(
      sql: "SELECT batch_id, source_row, answers_digest FROM response WHERE pseudonym = ? AND survey_version_id = ?")
    findRowInBatch = try db.makeStatement(
      sql: "SELECT source_row FROM response WHERE pseudonym = ? AND survey_version_id = ? AND batch_id = ?")
    insertAnswers = try layout.pageWidths.indices.map { p in
      let placeholders = [String](repeating: "?", count: layout.pageWidths[p] + 1).joined(separator: ", ")
      let columns = (["response_id"] + (0..<layout.pageWidths[p]).map { "c\($0 + 1)" }).joined(separator: ", ")
      return try db.makeStatement(
        sql: "INSERT INTO \(layout.tableName(page: p + 1)) (\(columns)) VALUES (\(placeholders))")
    }
    let open = try Int.fetchOne(
      db,
      sql: """
        SELECT count(*) FROM quarantine q JOIN batch b ON b.id = q.batch_id
        WHERE b.survey_version_id = ? AND q.resolved_by_batch IS NULL AND q.pseudonym IS NOT NULL
        """, arguments: [versionID])
    resolveQuarantine =
      (open ?? 0) > 0
      ? try db.makeStatement(
        sql: """
          UPDATE quarantine SET resolved_by_batch = ?
          WHERE pseudonym = ? AND resolved_by_batch IS NULL AND batch_id != ?
            AND batch_id IN (SELECT id FROM batch WHERE survey_version_id = ?)
          """) : nil
    var plans = [[ColumnPlan]](repeating: [], count: layout.pageWidths.count)
    var optionColumns: [Int32] = []
    var optionCodes: [Int] = []
    for (slot, c) in layout.columns.enumerated() {
      let type: ColumnPlan.ValueType =
        !c.optionCodes.isEmpty ? .options : c.sqlType == "REAL" ? .real : c.sqlType == "TEXT" ? .text : .integer
      plans[c.page - 1].append(
        ColumnPlan(
          slot: slot, status: Int32(c.status + 1), value: Int32((c.values.first ?? 0) + 1), type: type,
          optionStart: optionColumns.count, optionCount: c.optionCodes.count))
      optionColumns += c.values.map { Int32($0 + 1) }.prefix(c.optionCodes.count)
      optionCodes += c.optionCodes
    }
    self.plans = plans
    self.optionColumns = optionColumns
    self.optionCodes = optionCodes
    insertQuarantine = try db.makeStatement(
      sql: """
        INSERT INTO quarantine (batch_id, source_row, source_line, pseudonym, reasons, fields)
        VALUES (?, ?, ?, ?, ?, ?)
        """)
  }

  /// Stores a checked row's answers, unless its respondent is already stored for this version.
  mutating func insert(pseudonym: Data, row: Int, digest: Data, answers: [Answer]) throws -> Insertion {
    let s = insertResponse.sqliteStatement
    bind(s, 1, pseudonym)
    sqlite3_bind_int64(s, 2, versionID)
    sqlite3_bind_int64(s, 3, batch)
    sqlite3_bind_int64(s, 4, Int64(row))
    bind(s, 5, digest)
    try step(s)
    if sqlite3_changes(db.sqliteConnection) == 0 {
      return try existing(pseudonym: pseudonym, digest: digest)
    }
    let responseID = sqlite3_last_insert_rowid(db.sqliteConnection)
    for (p, statement) in insertAnswers.enumerated() {
      let a = statement.sqliteStatement
      sqlite3_bind_int64(a, 1, responseID)
      plans[p].withUnsafeBufferPointer { plan in
        for c in plan { bindAnswer(a, answers[c.slot], c) }
      }
      try step(a)
    }
    if let resolve = resolveQuarantine?.sqliteStatement {
      sqlite3_bind_int64(resolve, 1, batch)
      bind(resolve, 2, pseudonym)
      sqlite3_bind_int64(resolve, 3, batch)
      sqlite3_bind_int64(resolve, 4, versionID)
      try step(resolve)
    }
    return .stored
  }

  /// How a respondent already stored for this version compares with a new row.
  func existing(pseudonym: Data, digest: Data) throws -> Insertion {
    let f = findResponse.sqliteStatement
    defer { sqlite3_reset(f) }
    bind(f, 1, pseudonym)
    sqlite3_bind_int64(f, 2, versionID)
    guard sqlite3_step(f) == SQLITE_ROW else { throw error() }
    let other = sqlite3_column_int64(f, 0)
    if other == batch { return .earlierInFile(row: Int(sqlite3_column_int64(f, 1))) }
    let count = Int(sqlite3_column_bytes(f, 2))
    let stored = sqlite3_column_blob(f, 2).map { Data(bytes: $0, count: count) } ?? Data()
    return stored == digest ? .sameAsStored : .differsFromBatch(other)
  }

  /// The row of this batch that stored a respondent, if one did.
  func rowInBatch(pseudonym: Data) throws -> Int? {
    let f = findRowInBatch.sqliteStatement
    defer { sqlite3_reset(f) }
    bind(f, 1, pseudonym)
    sqlite3_bind_int64(f, 2, versionID)
    sqlite3_bind_int64(f, 3, batch)
    return sqlite3_step(f) == SQLITE_ROW ? Int(sqlite3_column_int64(f, 0)) : nil
  }

  /// Puts a row in quarantine with every reason.
  func quarantine(row: Int, line: Int, pseudonym: Data?, reasons: [QuarantineReason], fields: String) throws {
    let q = insertQuarantine.sqliteStatement
    sqlite3_bind_int64(q, 1, batch)
    sqlite3_bind_int64(q, 2, Int64(row))
    sqlite3_bind_int64(q, 3, Int64(line))
    if let pseudonym { bind(q, 4, pseudonym) } else { sqlite3_bind_null(q, 4) }
    bind(q, 5, QuarantineReason.json(reasons))
    bind(q, 6, fields)
    try step(q)
  }

  /// Releases the prepared statements' bindings.
  func finish() {
    for s in [insertResponse, findResponse, findRowInBatch, insertQuarantine] + insertAnswers
      + [resolveQuarantine].compactMap({ $0 })
    {
      sqlite3_clear_bindings(s.sqliteStatement)
    }
  }

  func bindAnswer(_ s: SQLiteStatement, _ answer: Answer, _ c: ColumnPlan) {
    let status: AnswerLayout.Status
    switch answer {
    case .notAsked: status = .notAsked
    case .notAnswered: status = .notAnswered
    case .missing: status = .missingCode
    default: status = .answered
    }
    sqlite3_bind_int64(s, c.status, Int64(status.rawValue))
    if c.type == .options {
      let blank = status == .notAsked || status == .notAnswered
      for k in c.optionStart..<(c.optionStart + c.optionCount) {
        if blank {
          sqlite3_bind_null(s, optionColumns[k])
        } else {
          var chosen = false
          if case .codes(let codes) = answer { chosen = codes.contains(optionCodes[k]) }
          sqlite3_bind_int64(s, optionColumns[k], chosen ? 1 : 0)
        }
      }
      return
    }
    let index = c.value
    switch answer {
    case .code(let code), .missing(let code): sqlite3_bind_int64(s, index, Int64(code))
    case .number(let x):
      if c.type == .integer, let i = Int64(exactly: x) {
        sqlite3_bind_int64(s, index, i)
      } else {
        sqlite3_bind_double(s, index, x)
      }
    case .date(let t), .text(let t), .arm(let t): bind(s, index, t)
    case .codes, .notAnswered, .notAsked: sqlite3_bind_null(s, index)
    }
  }

  func bind(_ s: SQLiteStatement, _ index: Int32, _ data: Data) {
    data.withUnsafeBytes { buffer in
      _ = sqlite3_bind_blob(s, index, buffer.baseAddress, Int32(buffer.count), sqliteTransient)
    }
  }

  func bind(_ s: SQLiteStatement, _ index: Int32, _ text: String) {
    var text = text
    text.withUTF8 { buffer in
      _ = sqlite3_bind_text(
        s, index, UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self), Int32(buffer.count),
        sqliteTransient)
    }
  }

  /// Runs a statement that returns no rows, and resets it.
  func step(_ s: SQLiteStatement) throws {
    let code = sqlite3_step(s)
    sqlite3_reset(s)
    guard code == SQLITE_DONE else { throw error(code) }
  }

  func error(_ code: Int32? = nil) -> DatabaseError {
    let connection = db.sqliteConnection
    return DatabaseError(
      resultCode: ResultCode(rawValue: code ?? sqlite3_errcode(connection)),
      message: String(cString: sqlite3_errmsg(connection)))
  }
}

/// How one variable's answer is bound into its page's INSERT: parameter numbers and the type.
struct ColumnPlan {
  enum ValueType: UInt8 { case integer, real, text, options }
  var slot: Int
  var status: Int32
  var value: Int32
  var type: ValueType
  var optionStart: Int
  var optionCount: Int
}

/// SQLite copies the bound bytes (`SQLITE_TRANSIENT`).
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A digest of a row's typed answers, to tell a duplicate from a conflict on re-import.
enum AnswerDigest {
  static func of(_ answers: [Answer]) -> Data {
    var hasher = SHA256()
    var bytes: [UInt8] = []
    bytes.reserveCapacity(answers.count * 10)
    func append(_ tag: UInt8, _ n: Int) {
      bytes.append(tag)
      withUnsafeBytes(of: Int64(n).littleEndian) { bytes.append(contentsOf: $0) }
    }
    func append(_ tag: UInt8, _ text: String) {
      bytes.append(tag)
      append(0, text.utf8.count)
      bytes.append(contentsOf: text.utf8)
    }
    for a in answers {
      switch a {
      case .code(let c): append(1, c)
      case .codes(let cs):
        append(2, cs.count)
        for c in cs { append(2, c) }
      case .number(let x): append(3, Int(truncatingIfNeeded: Int64(bitPattern: x.bitPattern)))
      case .date(let d): append(4, d)
      case .text(let t): append(5, t)
      case .arm(let a): append(6, a)
      case .missing(let c): append(7, c)
      case .notAnswered: bytes.append(8)
      case .notAsked: bytes.append(9)
      }
    }
    bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    return hasher.finalize().withUnsafeBytes { Data($0.prefix(16)) }
  }
}

extension QuarantineReason {
  /// Reasons as a JSON array of `{"kind", "column", "message"}` objects.
  static func json(_ reasons: [QuarantineReason]) -> String {
    "["
      + reasons.map { r in
        "{\"kind\":\(JSONText.string(r.kind.rawValue)),\"column\":"
          + (r.column.map(JSONText.string) ?? "null") + ",\"message\":\(JSONText.string(r.message))}"
      }.joined(separator: ",") + "]"
  }
}
