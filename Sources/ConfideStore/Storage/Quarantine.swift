import Foundation
import GRDB

/// A row held in quarantine: where it came from, every reason it failed, and its fields
/// (redacted, without the respondent id).
public struct QuarantinedRow: Codable, Sendable, Equatable {
  public var id: Int64
  public var batch: Int64
  /// The source file's name.
  public var source: String
  /// The record's number among the file's data records, from 1.
  public var row: Int
  /// The line of the file on which the record starts.
  public var line: Int
  public var reasons: [QuarantineReason]
  /// Column → value, in the survey's column names, in the file's order.
  public var fields: [Field]
  /// The later batch that stored the respondent's corrected answers, if one has.
  public var resolvedBy: Int64?

  public struct Field: Codable, Sendable, Equatable {
    public var column: String
    public var value: String
  }
}

extension ResponseStore {
  /// The quarantined rows, of one batch or of all, in batch and row order; rows resolved by a
  /// later import of the respondent's corrected answers only when `includeResolved`.
  public func quarantined(batch: Int64? = nil, includeResolved: Bool = false) throws(StoreError) -> [QuarantinedRow] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT q.id, q.batch_id, b.source_name, q.source_row, q.source_line, q.reasons, q.fields,
            q.resolved_by_batch
          FROM quarantine q JOIN batch b ON b.id = q.batch_id
          WHERE (?1 IS NULL OR q.batch_id = ?1) AND (?2 OR q.resolved_by_batch IS NULL)
          ORDER BY q.batch_id, q.source_row
          """, arguments: [batch, includeResolved])
      return rows.map { r in
        let reasons = (try? JSONDecoder().decode([QuarantineReason].self, from: Data((r[5] as String).utf8))) ?? []
        return QuarantinedRow(
          id: r[0], batch: r[1], source: r[2], row: r[3], line: r[4], reasons: reasons,
          fields: OrderedJSONObject.fields(r[6]), resolvedBy: r[7])
      }
    }
  }

  /// Whether a batch exists.
  public func hasBatch(_ id: Int64) throws(StoreError) -> Bool {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM batch WHERE id = ?", arguments: [id]) ?? 0 > 0 }
  }
}

/// Reads the flat JSON objects the importer writes (string values only), keeping key order.
enum OrderedJSONObject {
  static func fields(_ text: String) -> [QuarantinedRow.Field] {
    var out: [QuarantinedRow.Field] = []
    var scalars = Array(text.unicodeScalars)[...]
    func skipSpace() { while let c = scalars.first, c == " " || c == "\n" { scalars.removeFirst() } }
    func string() -> String? {
      guard scalars.first == "\"" else { return nil }
      scalars.removeFirst()
      var s = String.UnicodeScalarView()
      while let c = scalars.first {
        scalars.removeFirst()
        if c == "\"" { return String(s) }
        if c == "\\", let e = scalars.first {
          scalars.removeFirst()
          switch e {
          case "n": s.append("\n")
          case "r": s.append("\r")
          case "t": s.append("\t")
          case "u":
            let hex = String(String.UnicodeScalarView(scalars.prefix(4)))
            scalars = scalars.dropFirst(4)
            if let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) { s.append(u) }
          default: s.append(e)
          }
        } else {
          s.append(c)
        }
      }
      return nil
    }
    skipSpace()
    guard scalars.first == "{" else { return [] }
    scalars.removeFirst()
    while true {
      skipSpace()
      guard let key = string() else { break }
      skipSpace()
      guard scalars.first == ":" else { break }
      scalars.removeFirst()
      skipSpace()
      guard let value = string() else { break }
      out.append(.init(column: key, value: value))
      skipSpace()
      if scalars.first == "," { scalars.removeFirst() } else { break }
    }
    return out
  }
}

extension [QuarantinedRow] {
  /// The rows as text: one block per row with its reasons.
  public func text() -> String {
    if isEmpty { return "No rows in quarantine.\n" }
    var out: [String] = []
    for r in self {
      let resolved = r.resolvedBy.map { ", resolved by batch \($0)" } ?? ""
      out.append("batch \(r.batch), \(r.source) row \(r.row) (line \(r.line))\(resolved):")
      for reason in r.reasons { out.append("  \(reason.message) [\(reason.kind.rawValue)]") }
    }
    out.append("\(count) row\(count == 1 ? "" : "s") in quarantine")
    return out.joined(separator: "\n") + "\n"
  }

  /// The rows as CSV: `batch,source,row,line,reasons`, then every column that any row has (the
  /// respondent id is never stored, so it is not among them).
  public func csv() -> String {
    var columns: [String] = []
    var seen = Set<String>()
    for r in self { for f in r.fields where seen.insert(f.column).inserted { columns.append(f.column) } }
    func quote(_ s: String) -> String {
      s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    var lines = [(["batch", "source", "row", "line", "reasons"] + columns).map(quote).joined(separator: ",")]
    for r in self {
      let values = Dictionary(r.fields.map { ($0.column, $0.value) }, uniquingKeysWith: { a, _ in a })
      let reasons = r.reasons.map { "\($0.kind.rawValue): \($0.message)" }.joined(separator: "; ")
      let row = ["\(r.batch)", r.source, "\(r.row)", "\(r.line)", reasons] + columns.map { values[$0] ?? "" }
      lines.append(row.map(quote).joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// The rows as JSON (schema `confide.quarantine/1`).
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(QuarantineDocument(rows: self)) else { return "{}" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

/// The JSON form of `confide quarantine`.
struct QuarantineDocument: Encodable {
  var schema = "confide.quarantine/1"
  var rows: [QuarantinedRow]
}
