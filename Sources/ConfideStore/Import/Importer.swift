public import ConfideModel
import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// What to import and how.
public struct ImportRequest: Sendable {
  /// The file to read.
  public var path: String
  /// The survey the file answers, checked without errors.
  public var survey: Survey
  /// The survey's canonical text (as `confide fmt` writes it): its hash identifies the version.
  public var canonicalText: String
  /// The format, or nil to sniff it.
  public var format: ImportFormat?
  /// The delimiter of delimited text, or nil for the format's own (sniffed where it varies).
  public var delimiter: UInt8?
  /// Foreign column names and codes mapped onto the survey's.
  public var mapping: ImportMapping?
  /// Whether answers to questions marked `role identifier` may be stored.
  public var allowIdentifiers: Bool
  /// The tool's version, recorded with the batch.
  public var toolVersion: String

  public init(
    path: String, survey: Survey, canonicalText: String, format: ImportFormat? = nil, delimiter: UInt8? = nil,
    mapping: ImportMapping? = nil, allowIdentifiers: Bool = false, toolVersion: String
  ) {
    self.path = path
    self.survey = survey
    self.canonicalText = canonicalText
    self.format = format
    self.delimiter = delimiter
    self.mapping = mapping
    self.allowIdentifiers = allowIdentifiers
    self.toolVersion = toolVersion
  }
}

/// How far an import has got, for a progress bar.
public struct ImportProgress: Sendable {
  public var rows: Int
  public var bytesRead: Int
  public var totalBytes: Int
  public var seconds: Double
}

extension ResponseStore {
  /// Imports a file as one batch: every record checked against the survey, valid ones stored
  /// as typed answers under a keyed pseudonym, failing ones quarantined with every reason.
  ///
  /// The batch is one transaction: if the process dies at any moment the store holds either the
  /// whole batch or none of it. Importing a file whose bytes were imported before (for the same
  /// survey version) does nothing and says so; an overlapping file adds only new respondents,
  /// counts those already stored with the same answers as duplicates, and quarantines those
  /// whose answers differ as conflicts.
  ///
  /// - Complexity: O(n) in the file's size; memory stays flat (the file is streamed).
  public func importFile(
    _ request: ImportRequest, progress: ((ImportProgress) -> Void)? = nil
  ) throws(ImportError) -> ImportSummary {
    let started = Date()
    let path = request.path
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    guard let attributes else {
      throw ImportError(file: path, message: "no such file")
    }
    if (attributes[.type] as? FileAttributeType) == .typeDirectory {
      throw ImportError(file: path, message: "is a folder, not a file")
    }
    let size = (attributes[.size] as? Int) ?? 0
    if size == 0 { throw ImportError(file: path, message: "the file is empty") }

    let format: ImportFormat
    var formatReason: String?
    if let f = request.format {
      format = f
    } else {
      let sniffed = try ImportFormat.sniff(path: path)
      format = sniffed.format
      formatReason = sniffed.reason
    }
    let context = ReaderContext(survey: request.survey, path: path, delimiter: request.delimiter)
    var source: any RecordSource = try makeRecordSource(format: format, context: context)
    if let mapping = request.mapping { source = MappedSource(source, mapping: mapping) }

    let hash = Self.contentHash(of: request.canonicalText)
    // A file imported before: hash it first only when a batch of the same size exists.
    let sameSize = storeRead { db in
      try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM batch b JOIN survey_version v ON v.id = b.survey_version_id
          WHERE v.content_hash = ? AND b.source_bytes = ?
          """, arguments: [hash, size])
    }
    var fileHash: String?
    if (try sameSize.get() ?? 0) > 0 {
      let digest = try Self.sha256(ofFile: path)
      fileHash = digest
      if let earlier = try previousBatch(versionHash: hash, sha256: digest) {
        return ImportSummary(
          file: path, format: format, formatReason: formatReason, batch: earlier.id, alreadyImported: true,
          importedAt: earlier.at, surveyVersion: request.survey.version, rowsRead: 0, accepted: 0, quarantined: 0,
          duplicates: 0, conflicts: 0, reasons: [:], redactions: [:], ignoredColumns: [], unknownColumns: [],
          skippedRecords: 0, seconds: Date().timeIntervalSince(started))
      }
    }
    // Otherwise the file is hashed on another thread once it has been read: while the store's
    // thread builds the respondent index and commits, when a core is free (during the reading
    // both are busy).
    var hasher: BackgroundHash?

    let survey = request.survey
    let evaluator = ConditionEvaluator(survey)
    let checker = RowChecker(survey: survey, evaluator: evaluator)
    let layout = AnswerLayout(version: 0, variables: evaluator.variables)
    let key = pseudonyms
    var summary = ImportSummary(
      file: path, format: format, formatReason: formatReason, batch: 0, alreadyImported: false, importedAt: nil,
      surveyVersion: survey.version, rowsRead: 0, accepted: 0, quarantined: 0, duplicates: 0, conflicts: 0,
      reasons: [:], redactions: [:], ignoredColumns: [], unknownColumns: [], skippedRecords: 0, seconds: 0)

    // Foreign keys hold by construction, and a rollback journal writes the batch's new pages
    // once where the write-ahead log writes them twice: see ``enterBulkLoad()``.
    let switchedJournal = enterBulkLoad()
    defer { leaveBulkLoad(switchedJournal) }
    let outcome: Result<ImportSummary, any Error> = storeWrite { db -> ImportSummary in
      // A batch is one transaction: a page cache large enough for the respondent index keeps
      // SQLite from spilling pages to the log and writing them again. (Memory stays bounded.)
      try db.execute(sql: "PRAGMA cache_size = -\(Self.importCacheKiB)")
      defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
      let version = try self.register(request.survey, canonicalText: request.canonicalText, in: db)
      let versionLayout = AnswerLayout(version: version.id, variables: layout.variables)
      try db.execute(
        sql: """
          INSERT INTO batch (survey_version_id, source_name, source_sha256, source_bytes, format, imported_at,
            tool_version, rows_read, accepted, quarantined, duplicates, conflicts, redactions, summary)
          VALUES (?, ?, '', ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, '{}')
          """,
        arguments: [
          version.id, (path as NSString).lastPathComponent, size, format.rawValue, Timestamp.now(), request.toolVersion,
        ])
      let batch = db.lastInsertedRowID
      summary.batch = batch
      var writer = try BatchWriter(db: db, layout: versionLayout, versionID: version.id, batch: batch)
      var quarantinedHere = Set<Pseudonym>()
      var lastReport = Date()
      let pipeline = RowPipeline(
        source: source, checker: checker, key: key, defersIndex: writer.defersIndex,
        headerCheck: { source, checker in self.checkHeader(source, checker, survey, request) })
      pipeline.start()
      var ended = false
      defer { if !ended { pipeline.cancel() } }
      reading: while true {
        switch pipeline.next() {
        case .failed(var error):
          if error.file.isEmpty { error.file = path }
          throw error
        case .end(let ignored, let unknown, let redactions, let skipped):
          if fileHash == nil { hasher = BackgroundHash(path: path) }
          summary.skippedRecords = skipped
          summary.ignoredColumns = ignored
          summary.unknownColumns = unknown
          summary.redactions = redactions
          ended = true
          break reading
        case .rows(var chunk):
          pipeline.identify(&chunk)
          for i in chunk.rows.indices {
            summary.rowsRead += 1
            try self.store(i, of: chunk, &writer, &summary, &quarantinedHere, redactor: checker.redactor)
          }
          // Rows waiting to be written in a group hold slices of the chunk, which is reused.
          try writer.flush()
          let bytesRead = chunk.bytesRead
          pipeline.recycle(consume chunk)
          if let progress {
            let now = Date()
            if now.timeIntervalSince(lastReport) > 0.1 {
              lastReport = now
              progress(
                ImportProgress(
                  rows: summary.rowsRead, bytesRead: bytesRead, totalBytes: size,
                  seconds: now.timeIntervalSince(started)))
            }
          }
        }
      }
      try writer.finish()
      summary.ignoredColumns = source.ignoredColumns
      summary.unknownColumns = checker.targets.compactMap { if case .unknown(let n) = $0 { n } else { nil } }
      let sha = fileHash ?? hasher?.result() ?? ""
      if sha.isEmpty {
        throw ImportError(file: path, message: "the file could not be read again to compute its checksum")
      }
      // The same bytes were imported while we read (or before, at another size check): undo.
      if let earlier = try Int64.fetchOne(
        db,
        sql: "SELECT id FROM batch WHERE survey_version_id = ? AND source_sha256 = ? AND id != ?",
        arguments: [version.id, sha, batch])
      {
        throw AlreadyImported(batch: earlier)
      }
      summary.seconds = Date().timeIntervalSince(started)
      try db.execute(
        sql: """
          UPDATE batch SET source_sha256 = ?, rows_read = ?, accepted = ?, quarantined = ?, duplicates = ?,
            conflicts = ?, redactions = ?, summary = ? WHERE id = ?
          """,
        arguments: [
          sha, summary.rowsRead, summary.accepted, summary.quarantined, summary.duplicates, summary.conflicts,
          summary.redactionTotal, summary.json(), batch,
        ])
      try db.execute(
        sql: "INSERT INTO audit (at, action, detail) VALUES (?, 'import', ?)",
        arguments: [
          Timestamp.now(),
          "batch \(batch): \(summary.rowsRead) rows read, \(summary.accepted) accepted, "
            + "\(summary.quarantined) quarantined",
        ])
      return summary
    }
    switch outcome {
    case .success(let s): return s
    case .failure(let error):
      if let again = error as? AlreadyImported {
        let at = try? storeRead { db in
          try String.fetchOne(db, sql: "SELECT imported_at FROM batch WHERE id = ?", arguments: [again.batch])
        }.get()
        summary.batch = again.batch
        summary.alreadyImported = true
        summary.importedAt = at ?? nil
        summary.seconds = Date().timeIntervalSince(started)
        return summary
      }
      if let e = error as? ImportError { throw e }
      throw ImportError(file: self.path, message: String(describing: error))
    }
  }

  /// Stores one prepared row, or quarantines it with every reason, counting what happened.
  func store(
    _ i: Int, of chunk: borrowing PreparedChunk, _ writer: inout BatchWriter, _ summary: inout ImportSummary,
    _ quarantinedHere: inout Set<Pseudonym>, redactor: Redactor
  ) throws {
    let prepared = chunk.rows[i]
    var reasons = prepared.reasons
    if let pseudonym = prepared.pseudonym, reasons.isEmpty, !quarantinedHere.contains(pseudonym) {
      switch try writer.insert(
        pseudonym: pseudonym, first: prepared.first, row: prepared.row, answers: chunk.answers(of: i))
      {
      case .stored:
        summary.accepted += 1
      case .sameAsStored:
        summary.duplicates += 1
      case .earlierInFile(let row):
        reasons.append(
          QuarantineReason(.duplicateRespondent, column: respondentIDColumn, "the respondent id is also on row \(row)"))
      case .differsFromBatch(let other):
        summary.conflicts += 1
        reasons.append(
          QuarantineReason(.conflict, column: respondentIDColumn, "answers differ from those stored in batch \(other)"))
      }
    } else if let pseudonym = prepared.pseudonym {
      if quarantinedHere.contains(pseudonym) {
        reasons.append(
          QuarantineReason(.duplicateRespondent, column: respondentIDColumn, "the respondent id is on an earlier row"))
      } else if let row = try writer.rowInBatch(pseudonym: pseudonym, first: prepared.first) {
        reasons.append(
          QuarantineReason(.duplicateRespondent, column: respondentIDColumn, "the respondent id is also on row \(row)"))
      }
    }
    guard !reasons.isEmpty else { return }
    if let pseudonym = prepared.pseudonym { quarantinedHere.insert(pseudonym) }
    summary.quarantined += 1
    for kind in Set(reasons.map(\.kind)) { summary.reasons[kind, default: 0] += 1 }
    try writer.quarantine(
      row: prepared.row, line: prepared.line, pseudonym: prepared.pseudonym, reasons: reasons,
      fields: fieldsJSON(chunk.values(of: i), chunk.columns, redactor: redactor))
  }

  /// The page cache during an import, in KiB.
  static let importCacheKiB = 96 * 1024

  /// Thrown inside the import transaction to roll it back when the file turns out to have been
  /// imported already.
  struct AlreadyImported: Error { var batch: Int64 }

  /// File-level checks once the header is known.
  func checkHeader(
    _ source: some RecordSource, _ checker: RowChecker, _ survey: Survey, _ request: ImportRequest
  ) -> ImportError? {
    let file = request.path
    let matched = checker.targets.contains {
      switch $0 {
      case .variable, .option: true
      default: false
      }
    }
    if !matched {
      let shown = source.sourceColumns.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
      return ImportError(
        file: file, line: 1,
        message:
          "no column matches a question of survey '\(survey.id)' (the file has \(shown)\(source.sourceColumns.count > 8 ? ", …" : "")); "
          + "check --survey and --format, or map the columns with --mapping")
    }
    if !checker.targets.contains(.respondent) {
      return ImportError(
        file: file, line: 1,
        message:
          "no '\(respondentIDColumn)' column: each row needs the respondent's id (map another column with --mapping)")
    }
    if !request.allowIdentifiers {
      for (i, t) in checker.targets.enumerated() {
        guard case .variable(let s) = t, checker.variables[s].isIdentifier else { continue }
        let position = i < source.sourcePositions.count ? source.sourcePositions[i] : 0
        return ImportError(
          file: file, line: 1, column: position > 0 ? position : nil,
          message:
            "column '\(checker.variables[s].name)' answers a question marked 'role identifier'; Confide does not store "
            + "identifiers unless you pass --allow-identifiers")
      }
    }
    return nil
  }

  /// A quarantined row's fields as a JSON object, in the survey's column names, with the
  /// respondent id left out and every value redacted.
  func fieldsJSON(_ values: ArraySlice<String?>, _ columns: [String], redactor: Redactor) -> String {
    var parts: [String] = []
    for (i, value) in values.enumerated() where i < columns.count {
      guard let value, columns[i] != respondentIDColumn else { continue }
      parts.append(JSONText.string(columns[i]) + ":" + JSONText.string(redactor.redact(value).text))
    }
    return "{" + parts.joined(separator: ",") + "}"
  }

  func previousBatch(versionHash: String, sha256: String) throws(ImportError) -> (id: Int64, at: String)? {
    let row = storeRead { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT b.id, b.imported_at FROM batch b JOIN survey_version v ON v.id = b.survey_version_id
          WHERE v.content_hash = ? AND b.source_sha256 = ? ORDER BY b.id LIMIT 1
          """, arguments: [versionHash, sha256])
    }
    guard let found = try row.get() else { return nil }
    return (found[0], found[1])
  }

  /// SHA-256 of a file, read in blocks.
  static func sha256(ofFile path: String) throws(ImportError) -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw ImportError(file: path, message: "cannot be read")
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    while let block = try? handle.read(upToCount: 1 << 20), !block.isEmpty { hasher.update(data: block) }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }

  /// Prepares the store for writing a batch: foreign-key enforcement off, and a rollback journal
  /// instead of the write-ahead log when the store can switch. ``leaveBulkLoad(_:)`` undoes both.
  ///
  /// - An import inserts only rows whose parents it has just written or looked up (the version,
  ///   then the batch, then each response before its answers), so checking every row's parents
  ///   again costs three index lookups a row and proves nothing. (`ImportTests` runs
  ///   `PRAGMA foreign_key_check` after imports.)
  /// - A batch mostly adds pages beyond the end of the file, which a rollback journal does not
  ///   copy: they are written once, when the cache spills and at the commit. In WAL mode each
  ///   page is written to the log and again into the file at the checkpoint, so a large import
  ///   writes its data twice. The batch is just as atomic either way: after a crash, SQLite rolls
  ///   a hot journal back when the store is next opened (before the store returns to WAL mode),
  ///   so the file holds the whole batch or none of it.
  /// - Leaving WAL mode needs the only connection to the file; if another process has the store
  ///   open, the import runs in WAL mode as usual (and that process keeps reading meanwhile).
  ///
  /// - Returns: whether the journal mode was switched.
  func enterBulkLoad() -> Bool {
    _ = try? database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA foreign_keys = OFF") }
    let mode = try? database.writeWithoutTransaction { db in
      try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
    }
    return mode == "delete"
  }

  /// Returns the store to write-ahead logging (if ``enterBulkLoad()`` left it) and foreign keys on.
  func leaveBulkLoad(_ switchedJournal: Bool) {
    if switchedJournal {
      _ = try? database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
    }
    _ = try? database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
  }

  /// Runs a write transaction, reporting store failures as import errors on the store's file.
  func storeWrite<T>(_ body: (Database) throws -> T) -> Result<T, any Error> {
    do {
      return .success(try database.write(body))
    } catch let error as DatabaseError {
      return .failure(ImportError(file: path, message: "database error: \(Self.describe(error))"))
    } catch {
      return .failure(error)
    }
  }

  func storeRead<T>(_ body: (Database) throws -> T) -> Result<T, ImportError> {
    do {
      return .success(try database.read(body))
    } catch let error as DatabaseError {
      return .failure(ImportError(file: path, message: "database error: \(Self.describe(error))"))
    } catch {
      return .failure(ImportError(file: path, message: String(describing: error)))
    }
  }
}

extension Result where Failure == ImportError {
  func get() throws(ImportError) -> Success {
    switch self {
    case .success(let s): return s
    case .failure(let e): throw e
    }
  }
}

/// A file's SHA-256 computed on another thread while the import reads it.
final class BackgroundHash: @unchecked Sendable {
  // Safe: `digest` is written once by the worker before `done` is signalled, and read only
  // after waiting on it.
  private var digest: String?
  private let done = DispatchSemaphore(value: 0)

  init(path: String) {
    let thread = Thread { [self] in
      digest = try? ResponseStore.sha256(ofFile: path)
      done.signal()
    }
    thread.start()
  }

  /// Waits for the digest; nil if the file could not be read.
  func result() -> String? {
    done.wait()
    done.signal()
    return digest
  }
}

/// Minimal JSON text for values we write ourselves.
enum JSONText {
  static func string(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
