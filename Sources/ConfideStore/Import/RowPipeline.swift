import ConfideModel
import Foundation

/// A record read and checked, ready for the store. Its answers and values live in its
/// ``PreparedChunk``.
struct PreparedRow {
  var row: Int
  var line: Int
  /// The respondent id, normalized: held in memory only, from the worker to the store's thread,
  /// which replaces it with its pseudonym (``RowPipeline/identify(_:)``) before anything else.
  var respondent: String?
  /// The keyed pseudonym of the respondent id (the id itself is not kept).
  var pseudonym: Pseudonym?
  /// Whether the row is proven to be its respondent's first in the file (only while the
  /// store defers the respondent index).
  var first: Bool
  var reasons: [QuarantineReason]
  /// Where the record's values start in the chunk's ``PreparedChunk/values``, and how many.
  var valuesStart: Int
  var valuesCount: Int
  /// Whether the values were kept: always, unless the row passed every check and is its
  /// respondent's first in a batch that defers the index, which the store is sure to store.
  var keepsValues: Bool
}

/// Prepared rows in one piece of storage that the worker fills, the store reads and the worker
/// then clears and fills again, so that a million rows allocate no arrays of their own.
struct PreparedChunk {
  var rows: [PreparedRow] = []
  /// The typed answers of every row, ``variableCount`` per row.
  var answers: [Answer] = []
  /// The values of every record, kept to write a quarantined row's fields.
  var values: [String?] = []
  /// The source's columns when the chunk was read (JSON sources add columns as keys appear).
  var columns: [String] = []
  var bytesRead = 0
  let variableCount: Int

  init(variableCount: Int) { self.variableCount = variableCount }

  /// The answers of row `i`.
  func answers(of i: Int) -> ArraySlice<Answer> { answers[(i * variableCount)..<((i + 1) * variableCount)] }

  /// The values of row `i`, which must have been kept.
  func values(of i: Int) -> ArraySlice<String?> {
    precondition(rows[i].keepsValues, "the values of a row that may be quarantined are kept")
    return values[rows[i].valuesStart..<(rows[i].valuesStart + rows[i].valuesCount)]
  }

  /// Empties the chunk, keeping its storage.
  mutating func clear() {
    rows.removeAll(keepingCapacity: true)
    answers.removeAll(keepingCapacity: true)
    values.removeAll(keepingCapacity: true)
  }
}

/// A chunk of prepared rows, or the end of the file, or why reading stopped.
enum PipelineMessage {
  case rows(PreparedChunk)
  case end(ignored: [String], unknown: [String], redactions: [RedactionKind: Int], skipped: Int)
  case failed(ImportError)
}

/// Reads and checks records on a thread of its own while the store writes the previous chunk,
/// so that parsing and SQLite each have a core. Chunks pass through a small bounded queue, so
/// memory stays flat however large the file.
final class RowPipeline: @unchecked Sendable {
  // Safe: `queue`, `finished` and `cancelled` are only touched with `condition` locked; the
  // source and checker are used by the worker thread alone after `start()`.
  private let condition = NSCondition()
  private var queue: [PipelineMessage] = []
  private var finished = false
  private var cancelled = false
  /// Chunks the store has written, handed back so that the worker fills them again.
  private var written: [PreparedChunk] = []
  private let capacity = 4
  private let chunkSize = 512

  private var source: any RecordSource
  private var checker: RowChecker
  private let key: PseudonymKey
  /// The fingerprints of the respondents read so far, while the store defers the respondent index.
  private var fingerprints: RespondentFingerprints?
  private let headerCheck: (any RecordSource, RowChecker) -> ImportError?

  /// A pipeline reading `source`; `defersIndex` says the store builds the respondent index at
  /// the end (``BatchWriter/defersIndex``), so rows are proven their respondent's first here.
  init(
    source: any RecordSource, checker: RowChecker, key: PseudonymKey, defersIndex: Bool,
    headerCheck: @escaping (any RecordSource, RowChecker) -> ImportError?
  ) {
    self.source = source
    self.checker = checker
    self.key = key
    self.fingerprints = defersIndex ? RespondentFingerprints() : nil
    self.headerCheck = headerCheck
  }

  /// Starts reading on a new thread.
  func start() {
    let thread = Thread { [self] in run() }
    thread.stackSize = 4 << 20
    thread.start()
  }

  /// The next message; blocks until the worker has one.
  func next() -> PipelineMessage {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty { condition.wait() }
    let message = queue.removeFirst()
    condition.broadcast()
    return message
  }

  /// Replaces each row's respondent id with its keyed pseudonym. Called by the store's thread on
  /// each chunk it takes: keying costs about a tenth of the worker's time per row, and the
  /// store's thread has time to spare.
  func identify(_ chunk: inout PreparedChunk) {
    chunk.rows.withUnsafeMutableBufferPointer { rows in
      for i in rows.indices {
        guard let respondent = rows[i].respondent else { continue }
        rows[i].pseudonym = key.pseudonymValue(normalized: respondent)
        rows[i].respondent = nil
      }
    }
  }

  /// Hands a written chunk back to the worker to fill again. It is emptied here, on the store's
  /// thread, which has time to spare: releasing a chunk's answers and values is work the
  /// worker, the busier thread, would otherwise do.
  func recycle(_ chunk: consuming PreparedChunk) {
    var chunk = chunk
    chunk.clear()
    condition.lock()
    written.append(chunk)
    condition.unlock()
  }

  /// Asks the worker to stop (the import failed on the store's side).
  func cancel() {
    condition.lock()
    cancelled = true
    queue.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  private func send(_ message: PipelineMessage) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while queue.count >= capacity, !cancelled { condition.wait() }
    if cancelled { return false }
    queue.append(message)
    condition.broadcast()
    return true
  }

  /// An empty chunk: a written one handed back, or a new one.
  private func emptyChunk() -> PreparedChunk {
    condition.lock()
    let recycled = written.popLast()
    condition.unlock()
    guard let recycled else {
      var chunk = PreparedChunk(variableCount: checker.variables.count)
      chunk.rows.reserveCapacity(chunkSize)
      return chunk
    }
    return recycled
  }

  private func run() {
    // The worker's state as locals, which the compiler can prove exclusive: a class's stored
    // properties would be checked for exclusive access at run time, several times a record.
    var source = self.source
    var checker = self.checker
    var fingerprints = self.fingerprints
    var planned = false
    var chunk = emptyChunk()
    var redactions: [RedactionKind: Int] = [:]
    do {
      while let record = try source.next() {
        if !planned || checker.targets.count < source.columns.count {
          checker.plan(source.columns)
          if !planned {
            planned = true
            if let problem = headerCheck(source, checker) {
              _ = send(.failed(problem))
              return
            }
          }
        }
        let checked = checker.check(record.values, digits: source.digits ?? [], appendingTo: &chunk.answers)
        var reasons = checked.reasons
        let respondent = checked.respondent.map(PseudonymKey.normalized)
        if respondent == nil {
          reasons.append(
            QuarantineReason(.missingRespondentID, column: respondentIDColumn, "the row has no respondent id"))
        }
        for (kind, n) in checked.redactions { redactions[kind, default: 0] += n }
        // Every respondent read joins the fingerprints, quarantined rows' too, so that a row
        // proven first is sure to be stored.
        let first =
          respondent.map { fingerprints?.insertIfNew(RespondentFingerprints.fingerprint($0)) == true } ?? false
        let keepsValues = !(first && reasons.isEmpty)
        chunk.rows.append(
          PreparedRow(
            row: record.row, line: record.line, respondent: respondent, pseudonym: nil, first: first,
            reasons: reasons,
            valuesStart: chunk.values.count, valuesCount: keepsValues ? record.values.count : 0,
            keepsValues: keepsValues))
        if keepsValues { chunk.values.append(contentsOf: record.values) }
        if chunk.rows.count == chunkSize {
          chunk.columns = source.columns
          chunk.bytesRead = source.bytesRead
          guard send(.rows(chunk)) else { return }
          chunk = emptyChunk()
        }
      }
    } catch {
      _ = send(.failed(error))
      return
    }
    if !chunk.rows.isEmpty {
      chunk.columns = source.columns
      chunk.bytesRead = source.bytesRead
      guard send(.rows(chunk)) else { return }
    }
    let unknown = checker.targets.compactMap { if case .unknown(let n) = $0 { n } else { nil } }
    if !planned {
      _ = send(.failed(ImportError(file: "", message: "the file has no records")))
      return
    }
    _ = send(
      .end(
        ignored: source.ignoredColumns, unknown: unknown, redactions: redactions, skipped: source.skippedRecords))
  }
}
