import ConfideModel
import Foundation
import GRDB
import GRDBSQLite

/// Writes one batch's rows inside the import's transaction, with statements prepared once and
/// values bound through SQLite's C API (a million rows would otherwise box every value).
///
/// A respondent is stored at most once per survey version, which the version's unique
/// ``RespondentIndex`` enforces. Inserting a million random pseudonyms into a B-tree one by one
/// costs more than writing their answers, so the first batch of a version (when nothing of the
/// version is stored yet) drops the empty index and builds it in one sorted pass at the end.
/// Meanwhile the reader proves each row's respondent distinct from every earlier row's (with a
/// bounded ``RespondentFingerprints`` set); the first time it cannot (a repeated respondent, a
/// fingerprint shared by chance, or the set full), the index is built from the rows so far and
/// the batch goes on through it. Either way each row meets exactly the same checks.
///
/// While the index is deferred, rows are written ``groupSize`` at a time, by one multi-row
/// INSERT for their responses and one per answer page (see ``flush()``).
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
  /// Inserts a response; used while the respondent index is deferred (for rows
  /// proven to be their respondent's first).
  let insertResponse: Statement
  /// While the index is deferred, rows wait here and are written ``groupSize`` at a time.
  var pending: PendingRows
  /// The multi-row INSERTs of a full group: the response rows, and each page's answer rows.
  let insertResponseGroup: Statement
  let insertAnswersGroup: [Statement]
  /// What the parameters of the group INSERTs hold from the previous group.
  let responseGroupBindings: BoundParameters
  let answerGroupBindings: [BoundParameters]
  /// The statements that need the respondent index; nil while it is deferred.
  var indexed: IndexedStatements?
  /// Whether the respondent index was dropped, to be built at the end (nothing of the version is
  /// stored yet).
  let defersIndex: Bool
  let insertAnswers: [Statement]
  /// Per page, what each parameter of its INSERT holds from the previous row.
  let answerBindings: [BoundParameters]
  /// Per page, `SELECT *` of one response's answers, to compare a re-imported row; made on first use.
  var selectAnswers: [Statement]?
  /// Per page, how each variable's answer is bound: plain values, so binding a row copies and
  /// counts no references.
  let plans: [[ColumnPlan]]
  /// The option columns and codes of multiple-choice variables, indexed from ``ColumnPlan``.
  let optionColumns: [Int32]
  let optionCodes: [Int]
  let insertQuarantine: Statement
  /// Marks earlier quarantined rows of a respondent as resolved; nil when there are none to mark.
  let resolveQuarantine: Statement?

  /// The page cache (and so the sorter's memory) while a deferred respondent index is built, in KiB.
  static let sortingCacheKiB = 8 * 1024

  /// The most rows one multi-row INSERT writes. Each statement run opens its cursors, seeks,
  /// halts and frees its registers: about 9,000 instructions for a response and its answers,
  /// nearly half of what writing one costs. A group pays that once for all its rows.
  static let maximumGroupSize = 32
  /// How many rows one multi-row INSERT writes: ``maximumGroupSize``, or fewer when a group of
  /// the widest answer page would have more parameters than SQLite allows in one statement.
  let groupSize: Int

  /// Rows proven their respondent's first, not yet written; their response ids follow on from
  /// ``firstID``. They are written before anything reads the response table, and at the end of
  /// each chunk (their answers are slices of the chunk's storage, which is then reused).
  struct PendingRows {
    /// The id of the first pending row's response (the next free id when none is pending).
    var firstID: Int64
    var pseudonyms: [Pseudonym] = []
    var rows: [Int] = []
    var answers: [ArraySlice<Answer>] = []
    var count: Int { rows.count }

    mutating func removeAll() {
      firstID += Int64(rows.count)
      pseudonyms.removeAll(keepingCapacity: true)
      rows.removeAll(keepingCapacity: true)
      answers.removeAll(keepingCapacity: true)
    }
  }

  /// The parameters of one response row: pseudonym, version, batch, source row.
  static let responseParameters = 4

  /// The statements that find a respondent through the version's respondent index.
  struct IndexedStatements {
    /// Inserts a response unless the respondent is already stored for the version.
    let insertResponse: Statement
    let findResponse: Statement
    let findRowInBatch: Statement
  }

  init(db: Database, layout: AnswerLayout, versionID: Int64, batch: Int64) throws {
    self.db = db
    self.layout = layout
    self.versionID = versionID
    self.batch = batch
    // Several rows of `width` parameters each: "(?, ?), (?, ?)".
    func values(_ width: Int, rows: Int) -> String {
      let row = "(" + [String](repeating: "?", count: width).joined(separator: ", ") + ")"
      return [String](repeating: row, count: rows).joined(separator: ", ")
    }
    // OR FAIL: a failing row ends the statement (and so the import, whose transaction is rolled
    // back) without undoing the statement's earlier rows, so SQLite keeps no statement journal
    // for a multi-row INSERT (it would copy every page the statement touches).
    let widest = max(Self.responseParameters, (layout.pageWidths.max() ?? 0) + 1)
    let allowed = Int(sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_VARIABLE_NUMBER, -1))
    let groupSize = max(1, min(Self.maximumGroupSize, allowed / widest))
    self.groupSize = groupSize
    let responseInsert = "INSERT OR FAIL INTO response (pseudonym, survey_version_id, batch_id, source_row) VALUES "
    insertResponse = try db.makeStatement(sql: responseInsert + values(Self.responseParameters, rows: 1))
    insertResponseGroup = try db.makeStatement(
      sql: responseInsert + values(Self.responseParameters, rows: groupSize))
    responseGroupBindings = BoundParameters(count: Self.responseParameters * groupSize)
    var answerInserts: [String] = []
    for p in layout.pageWidths.indices {
      let columns = (["response_id"] + (0..<layout.pageWidths[p]).map { "c\($0 + 1)" }).joined(separator: ", ")
      answerInserts.append("INSERT OR FAIL INTO \(layout.tableName(page: p + 1)) (\(columns)) VALUES ")
    }
    insertAnswers = try answerInserts.indices.map { p in
      try db.makeStatement(sql: answerInserts[p] + values(layout.pageWidths[p] + 1, rows: 1))
    }
    insertAnswersGroup = try answerInserts.indices.map { p in
      try db.makeStatement(sql: answerInserts[p] + values(layout.pageWidths[p] + 1, rows: groupSize))
    }
    answerBindings = layout.pageWidths.map { BoundParameters(count: $0 + 1) }
    answerGroupBindings = layout.pageWidths.map { BoundParameters(count: ($0 + 1) * groupSize) }
    // SQLite gives a new response the id one past the largest, and nothing else writes
    // meanwhile: so a group's answer rows know their responses' ids (checked after each group).
    let largest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM response") ?? 0
    pending = PendingRows(firstID: largest + 1)
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
    // Nothing of the version stored yet (no earlier batch stored a row): its respondent index is
    // empty, and is built at the end instead.
    let stored =
      try Bool.fetchOne(
        db, sql: "SELECT EXISTS (SELECT 1 FROM batch WHERE survey_version_id = ? AND id != ? AND accepted > 0)",
        arguments: [versionID, batch]) ?? true
    if stored {
      if try !RespondentIndex.exists(version: versionID, in: db) {
        try db.execute(sql: RespondentIndex.create(version: versionID))
      }
      indexed = try Self.indexedStatements(db, versionID)
    } else {
      try db.execute(sql: "DROP INDEX IF EXISTS \(RespondentIndex.name(version: versionID))")
    }
    defersIndex = !stored
  }

  /// Prepares the statements that use the respondent index (the version is an integer of ours).
  static func indexedStatements(_ db: Database, _ versionID: Int64) throws -> IndexedStatements {
    IndexedStatements(
      insertResponse: try db.makeStatement(
        sql: """
          INSERT INTO response (pseudonym, survey_version_id, batch_id, source_row) VALUES (?, ?, ?, ?)
          ON CONFLICT (pseudonym) WHERE survey_version_id = \(versionID) DO NOTHING
          """),
      findResponse: try db.makeStatement(
        sql: "SELECT id, batch_id, source_row FROM response WHERE pseudonym = ? AND survey_version_id = \(versionID)"),
      findRowInBatch: try db.makeStatement(
        sql: """
          SELECT source_row FROM response WHERE pseudonym = ? AND survey_version_id = \(versionID) AND batch_id = ?
          """))
  }

  /// The statements that use the respondent index, building it first if it was deferred (from
  /// the rows stored so far, all distinct), so that the batch goes on through it.
  mutating func throughIndex() throws -> IndexedStatements {
    if let indexed { return indexed }
    try flush()
    // SQLite sorts the keys in as much memory as the page cache may hold: a smaller cache while
    // the index is built keeps the two from doubling the import's memory.
    let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
    try db.execute(sql: "PRAGMA cache_size = -\(Self.sortingCacheKiB)")
    // One helper thread sorts runs of keys while this one reads the table (at the end of a
    // batch the reader's core is free): about a third faster at a million respondents.
    try db.execute(sql: "PRAGMA threads = 1")
    try db.execute(sql: RespondentIndex.create(version: versionID))
    try db.execute(sql: "PRAGMA threads = 0")
    try db.execute(sql: "PRAGMA cache_size = \(cache)")
    let statements = try Self.indexedStatements(db, versionID)
    indexed = statements
    return statements
  }

  /// Stores a checked row's answers, unless its respondent is already stored for this version.
  /// `first` says the row is proven to be its respondent's first in the file.
  mutating func insert(pseudonym: Pseudonym, first: Bool, row: Int, answers: ArraySlice<Answer>) throws -> Insertion {
    if indexed == nil, first {
      pending.pseudonyms.append(pseudonym)
      pending.rows.append(row)
      pending.answers.append(answers)
      if pending.count == groupSize { try flush() }
    } else {
      let s = try throughIndex().insertResponse.sqliteStatement
      bind(s, 1, pseudonym)
      sqlite3_bind_int64(s, 2, versionID)
      sqlite3_bind_int64(s, 3, batch)
      sqlite3_bind_int64(s, 4, Int64(row))
      try step(s)
      if sqlite3_changes(db.sqliteConnection) == 0 {
        return try existing(pseudonym: pseudonym, answers: answers)
      }
      let responseID = sqlite3_last_insert_rowid(db.sqliteConnection)
      try answers.withUnsafeBufferPointer { answers in
        for (p, statement) in insertAnswers.enumerated() {
          let a = statement.sqliteStatement
          sqlite3_bind_int64(a, 1, responseID)
          bindAnswers(a, answers, page: p, offset: 0, answerBindings[p])
          try step(a)
        }
      }
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

  /// Writes the pending rows: a full group with the multi-row INSERTs, fewer one by one.
  mutating func flush() throws {
    guard pending.count > 0 else { return }
    if pending.count == groupSize {
      try writePending(
        rows: 0..<pending.count, response: insertResponseGroup, responseBindings: responseGroupBindings,
        answers: insertAnswersGroup, answerBindings: answerGroupBindings)
    } else {
      for j in 0..<pending.count {
        try writePending(
          rows: j..<(j + 1), response: insertResponse, responseBindings: nil, answers: insertAnswers,
          answerBindings: answerBindings)
      }
    }
    pending.removeAll()
  }

  /// Writes pending rows `rows` with INSERTs that take that many rows.
  private func writePending(
    rows: Range<Int>, response: Statement, responseBindings: BoundParameters?, answers: [Statement],
    answerBindings: [BoundParameters]
  ) throws {
    let s = response.sqliteStatement
    let width = Int32(Self.responseParameters)
    try pending.pseudonyms.withUnsafeBytes { pseudonyms in
      let size = MemoryLayout<Pseudonym>.stride
      for (j, r) in rows.enumerated() {
        let o = Int32(j) * width
        // Bound without a copy: the bytes outlive the step, and the bindings are cleared after it.
        sqlite3_bind_blob(s, o + 1, pseudonyms.baseAddress.map { $0 + r * size }, 32, nil)
        if let bound = responseBindings {
          bound.integer(s, o + 2, versionID)
          bound.integer(s, o + 3, batch)
          bound.integer(s, o + 4, Int64(pending.rows[r]))
        } else {
          sqlite3_bind_int64(s, o + 2, versionID)
          sqlite3_bind_int64(s, o + 3, batch)
          sqlite3_bind_int64(s, o + 4, Int64(pending.rows[r]))
        }
      }
      defer { for j in 0..<Int32(rows.count) { sqlite3_bind_null(s, j * width + 1) } }
      try step(s)
    }
    let last = pending.firstID + Int64(rows.upperBound - 1)
    guard sqlite3_last_insert_rowid(db.sqliteConnection) == last else {
      throw DatabaseError(
        resultCode: .SQLITE_INTERNAL, message: "the store gave a response an id other than \(last)")
    }
    for (p, statement) in answers.enumerated() {
      let a = statement.sqliteStatement
      let bound = answerBindings[p]
      let pageWidth = Int32(layout.pageWidths[p] + 1)
      for (j, r) in rows.enumerated() {
        let o = Int32(j) * pageWidth
        bound.integer(a, o + 1, pending.firstID + Int64(r))
        pending.answers[r].withUnsafeBufferPointer { bindAnswers(a, $0, page: p, offset: o, bound) }
      }
      try step(a)
    }
  }

  /// Binds a row's answers on page `p` into an INSERT whose row starts after parameter `offset`.
  func bindAnswers(
    _ s: SQLiteStatement, _ answers: UnsafeBufferPointer<Answer>, page p: Int, offset: Int32,
    _ bound: BoundParameters
  ) {
    plans[p].withUnsafeBufferPointer { plan in
      for c in plan { bindAnswer(s, answers[c.slot], c, offset, bound) }
    }
  }

  /// How a respondent already stored for this version compares with a new row: the stored typed
  /// answers are read back and compared with the row's.
  mutating func existing(pseudonym: Pseudonym, answers: ArraySlice<Answer>) throws -> Insertion {
    let f = try throughIndex().findResponse.sqliteStatement
    defer { sqlite3_reset(f) }
    bind(f, 1, pseudonym)
    guard sqlite3_step(f) == SQLITE_ROW else { throw error() }
    let id = sqlite3_column_int64(f, 0)
    let other = sqlite3_column_int64(f, 1)
    if other == batch { return .earlierInFile(row: Int(sqlite3_column_int64(f, 2))) }
    return try storedAnswers(response: id).elementsEqual(answers) ? .sameAsStored : .differsFromBatch(other)
  }

  /// The typed answers stored for a response, decoded as ``bindAnswer(_:_:_:_:_:)`` encodes them.
  mutating func storedAnswers(response id: Int64) throws -> [Answer] {
    let statements =
      try selectAnswers
      ?? layout.pageWidths.indices.map { p in
        try db.makeStatement(sql: "SELECT * FROM \(layout.tableName(page: p + 1)) WHERE response_id = ?")
      }
    selectAnswers = statements
    var answers = [Answer](repeating: .notAsked, count: layout.variables.count)
    for (p, statement) in statements.enumerated() {
      let s = statement.sqliteStatement
      defer { sqlite3_reset(s) }
      sqlite3_bind_int64(s, 1, id)
      guard sqlite3_step(s) == SQLITE_ROW else { throw error() }
      for c in plans[p] { answers[c.slot] = storedAnswer(s, c, kind: layout.variables[c.slot].kind) }
    }
    return answers
  }

  /// One variable's answer from the current row of a `SELECT *` of its page (column `i` of the
  /// result is parameter `i + 1` of the page's INSERT).
  func storedAnswer(_ s: SQLiteStatement, _ c: ColumnPlan, kind: VariableKind) -> Answer {
    switch AnswerLayout.Status(rawValue: Int(sqlite3_column_int64(s, c.status - 1))) {
    case .notAsked, nil: return .notAsked
    case .notAnswered: return .notAnswered
    case .missingCode where c.type != .options: return .missing(Int(sqlite3_column_int64(s, c.value - 1)))
    case .answered, .missingCode:
      let v = c.value - 1
      switch c.type {
      case .options:
        let chosen = (c.optionStart..<(c.optionStart + c.optionCount)).filter {
          sqlite3_column_int64(s, optionColumns[$0] - 1) == 1
        }
        return .codes(chosen.map { optionCodes[$0] }.sorted())
      case .real: return .number(sqlite3_column_double(s, v))
      case .integer:
        switch kind {
        case .integer, .count, .decimal: return .number(Double(sqlite3_column_int64(s, v)))
        default: return .code(Int(sqlite3_column_int64(s, v)))
        }
      case .text:
        let bytes = UnsafeBufferPointer(start: sqlite3_column_text(s, v), count: Int(sqlite3_column_bytes(s, v)))
        let text = String(decoding: bytes, as: UTF8.self)
        switch kind {
        case .date: return .date(text)
        case .arm: return .arm(text)
        default: return .text(text)
        }
      }
    }
  }

  /// The row of this batch that stored a respondent, if one did. `first` says the row asking is
  /// proven to be the respondent's first in the file.
  mutating func rowInBatch(pseudonym: Pseudonym, first: Bool) throws -> Int? {
    if indexed == nil, first { return nil }
    let f = try throughIndex().findRowInBatch.sqliteStatement
    defer { sqlite3_reset(f) }
    bind(f, 1, pseudonym)
    sqlite3_bind_int64(f, 2, batch)
    return sqlite3_step(f) == SQLITE_ROW ? Int(sqlite3_column_int64(f, 0)) : nil
  }

  /// Puts a row in quarantine with every reason.
  func quarantine(row: Int, line: Int, pseudonym: Pseudonym?, reasons: [QuarantineReason], fields: String) throws {
    let q = insertQuarantine.sqliteStatement
    sqlite3_bind_int64(q, 1, batch)
    sqlite3_bind_int64(q, 2, Int64(row))
    sqlite3_bind_int64(q, 3, Int64(line))
    if let pseudonym { bind(q, 4, pseudonym) } else { sqlite3_bind_null(q, 4) }
    bind(q, 5, QuarantineReason.json(reasons))
    bind(q, 6, fields)
    try step(q)
  }

  /// Builds the respondent index if it was deferred, and releases the prepared statements'
  /// bindings.
  mutating func finish() throws {
    _ = try throughIndex()
    var statements =
      [insertResponse, insertResponseGroup, insertQuarantine] + insertAnswers + insertAnswersGroup
      + (selectAnswers ?? [])
    if let indexed { statements += [indexed.insertResponse, indexed.findResponse, indexed.findRowInBatch] }
    if let resolveQuarantine { statements.append(resolveQuarantine) }
    for s in statements { sqlite3_clear_bindings(s.sqliteStatement) }
    for bound in answerBindings + answerGroupBindings + [responseGroupBindings] { bound.forget() }
  }

  /// Binds one variable's answer into its page's INSERT, in the row that starts after parameter
  /// `offset`; `bound` skips values the parameters already hold.
  func bindAnswer(_ s: SQLiteStatement, _ answer: Answer, _ c: ColumnPlan, _ offset: Int32, _ bound: BoundParameters) {
    let status: AnswerLayout.Status
    switch answer {
    case .notAsked: status = .notAsked
    case .notAnswered: status = .notAnswered
    case .missing: status = .missingCode
    default: status = .answered
    }
    bound.integer(s, offset + c.status, Int64(status.rawValue))
    if c.type == .options {
      let blank = status == .notAsked || status == .notAnswered
      for k in c.optionStart..<(c.optionStart + c.optionCount) {
        if blank {
          bound.null(s, offset + optionColumns[k])
        } else {
          var chosen = false
          if case .codes(let codes) = answer { chosen = codes.contains(optionCodes[k]) }
          bound.integer(s, offset + optionColumns[k], chosen ? 1 : 0)
        }
      }
      return
    }
    let index = offset + c.value
    switch answer {
    case .code(let code), .missing(let code): bound.integer(s, index, Int64(code))
    case .number(let x):
      if c.type == .integer, let i = Int64(exactly: x) {
        bound.integer(s, index, i)
      } else {
        bound.real(s, index, x)
      }
    case .arm(let t): bound.name(s, index, t)
    case .date(let t), .text(let t):
      bind(s, index, t)
      bound.forget(index)
    case .codes, .notAnswered, .notAsked: bound.null(s, index)
    }
  }

  func bind(_ s: SQLiteStatement, _ index: Int32, _ pseudonym: Pseudonym) {
    pseudonym.withUnsafeBytes { buffer in
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

/// What each parameter of a prepared statement was last bound to, so that a value equal to the
/// previous row's is not bound again: SQLite keeps bindings across `sqlite3_reset`, and most of a
/// row's statuses and option indicators repeat from row to row. A binding call costs about 80
/// instructions (a mutex, releasing the old value, checks), and an answer row has dozens.
///
/// Integers, reals (by bit pattern) and NULL are remembered. Names from a closed set (an
/// experiment's arms) are kept once, as bytes that live as long as the record, and bound without
/// a copy; other text is bound (and copied by SQLite) every time. A statement that SQLite
/// prepares again after a schema change keeps its bindings, so the record stays true; after
/// `sqlite3_clear_bindings`, call ``forget()``.
final class BoundParameters {
  private enum Held: UInt8 { case unknown, integer, real, null, name }
  /// Indexed by parameter number (from 1; slot 0 unused).
  private let held: UnsafeMutablePointer<Held>
  /// The integer, the real's bit pattern, or the name's index in ``names``.
  private let bits: UnsafeMutablePointer<Int64>
  private let count: Int
  /// The names kept, with their bytes (NUL-terminated, not counted in the length).
  private var names: [(text: String, bytes: UnsafeMutableBufferPointer<UInt8>)] = []
  /// More names than an experiment could have arms: past this, names are bound as text.
  private static let maximumNames = 256

  /// A record for parameters 1 through `count`, all unknown.
  init(count: Int) {
    self.count = count + 1
    held = .allocate(capacity: self.count)
    held.initialize(repeating: .unknown, count: self.count)
    bits = .allocate(capacity: self.count)
    bits.initialize(repeating: 0, count: self.count)
  }

  deinit {
    held.deallocate()
    bits.deallocate()
    for name in names { name.bytes.deallocate() }
  }

  /// Binds a name from a closed set (an arm): kept once, bound without a copy.
  func name(_ s: SQLiteStatement, _ i: Int32, _ text: String) {
    let k = Int(i)
    var index = names.firstIndex { $0.text == text }
    if index == nil, names.count < Self.maximumNames {
      let utf8 = Array(text.utf8)
      let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: utf8.count + 1)
      _ = bytes.initialize(from: utf8 + [0])
      names.append((text, bytes))
      index = names.count - 1
    }
    guard let index else {
      var text = text
      text.withUTF8 { buffer in
        _ = sqlite3_bind_text(
          s, i, UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self), Int32(buffer.count),
          sqliteTransient)
      }
      held[k] = .unknown
      return
    }
    if held[k] == .name, bits[k] == Int64(index) { return }
    let bytes = names[index].bytes
    // SQLITE_STATIC (nil): the bytes live as long as this record, which outlives the statement's
    // use of the binding (the writer clears bindings before it lets go of the record).
    sqlite3_bind_text(
      s, i, UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self), Int32(bytes.count - 1), nil)
    held[k] = .name
    bits[k] = Int64(index)
  }

  func integer(_ s: SQLiteStatement, _ i: Int32, _ value: Int64) {
    let k = Int(i)
    if held[k] == .integer, bits[k] == value { return }
    sqlite3_bind_int64(s, i, value)
    held[k] = .integer
    bits[k] = value
  }

  func real(_ s: SQLiteStatement, _ i: Int32, _ value: Double) {
    let k = Int(i)
    let pattern = Int64(bitPattern: value.bitPattern)
    if held[k] == .real, bits[k] == pattern { return }
    sqlite3_bind_double(s, i, value)
    held[k] = .real
    bits[k] = pattern
  }

  func null(_ s: SQLiteStatement, _ i: Int32) {
    let k = Int(i)
    if held[k] == .null { return }
    sqlite3_bind_null(s, i)
    held[k] = .null
  }

  /// Parameter `i` was bound to something not remembered (text).
  func forget(_ i: Int32) { held[Int(i)] = .unknown }

  /// The bindings were cleared.
  func forget() { held.update(repeating: .unknown, count: count) }
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
