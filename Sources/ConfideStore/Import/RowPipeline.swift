import ConfideModel
import Foundation

/// A record read and checked, ready for the store.
struct PreparedRow {
  var row: Int
  var line: Int
  /// The keyed pseudonym of the respondent id (the id itself is not kept).
  var pseudonym: Data?
  var answers: [Answer]
  /// The digest of the answers, for rows that passed every check.
  var digest: Data
  var reasons: [QuarantineReason]
  /// The record's values, kept to write a quarantined row's fields.
  var values: [String?]
}

/// A chunk of prepared rows, or the end of the file, or why reading stopped.
enum PipelineMessage {
  case rows([PreparedRow], columns: [String], bytesRead: Int)
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
  /// Chunks the store has written, handed back so that the worker, not the store's thread,
  /// pays for freeing them.
  private var written: [[PreparedRow]] = []
  private let capacity = 4
  private let chunkSize = 512

  private var source: any RecordSource
  private var checker: RowChecker
  private let key: PseudonymKey
  private let headerCheck: (any RecordSource, RowChecker) -> ImportError?

  init(
    source: any RecordSource, checker: RowChecker, key: PseudonymKey,
    headerCheck: @escaping (any RecordSource, RowChecker) -> ImportError?
  ) {
    self.source = source
    self.checker = checker
    self.key = key
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

  /// Hands a written chunk back to the worker to free.
  func recycle(_ rows: consuming [PreparedRow]) {
    condition.lock()
    written.append(rows)
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
    let free = written
    written = []
    condition.unlock()
    _ = consume free
    condition.lock()
    return true
  }

  private func run() {
    var planned = false
    var chunk: [PreparedRow] = []
    chunk.reserveCapacity(chunkSize)
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
        let checked = checker.check(record.values)
        var reasons = checked.reasons
        let pseudonym = checked.respondent.map { key.pseudonym(for: $0) }
        if pseudonym == nil {
          reasons.append(
            QuarantineReason(.missingRespondentID, column: respondentIDColumn, "the row has no respondent id"))
        }
        for (kind, n) in checked.redactions { redactions[kind, default: 0] += n }
        chunk.append(
          PreparedRow(
            row: record.row, line: record.line, pseudonym: pseudonym, answers: checked.answers,
            digest: reasons.isEmpty ? AnswerDigest.of(checked.answers) : Data(), reasons: reasons,
            values: record.values))
        if chunk.count == chunkSize {
          guard send(.rows(chunk, columns: source.columns, bytesRead: source.bytesRead)) else { return }
          chunk.removeAll(keepingCapacity: true)
        }
      }
    } catch {
      _ = send(.failed(error))
      return
    }
    if !chunk.isEmpty {
      guard send(.rows(chunk, columns: source.columns, bytesRead: source.bytesRead)) else { return }
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
