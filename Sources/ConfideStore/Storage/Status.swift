import Foundation
import GRDB

/// What a store holds: surveys, their versions, import batches and counts. `confide status`
/// prints it; its JSON form (schema `confide.status/1`) is documented in docs/status-json.md.
public struct StoreStatus: Codable, Sendable, Equatable {
  public struct Batch: Codable, Sendable, Equatable {
    public var id: Int64
    public var source: String
    public var sha256: String
    public var format: String
    public var importedAt: String
    public var toolVersion: String
    public var rowsRead: Int
    public var accepted: Int
    public var quarantined: Int
    public var duplicates: Int
    public var conflicts: Int
    public var redactions: Int
  }

  public struct Version: Codable, Sendable, Equatable {
    public var id: Int64
    public var version: String
    public var contentHash: String
    public var registeredAt: String
    /// Responses stored (analysable).
    public var responses: Int
    /// Rows held in quarantine.
    public var quarantined: Int
    public var batches: [Batch]
  }

  public struct Survey: Codable, Sendable, Equatable {
    public var id: String
    public var versions: [Version]
  }

  public var schema: String
  public var store: String
  public var schemaVersion: Int
  public var surveys: [Survey]
  public var responses: Int
  public var quarantined: Int
}

extension ResponseStore {
  /// Everything `confide status` shows.
  public func status() throws(StoreError) -> StoreStatus {
    try read { db in
      var surveys: [StoreStatus.Survey] = []
      for survey in try Row.fetchAll(db, sql: "SELECT id, name FROM survey ORDER BY name") {
        var versions: [StoreStatus.Version] = []
        let versionRows = try Row.fetchAll(
          db,
          sql: """
            SELECT v.id, v.version, v.content_hash, v.registered_at,
              (SELECT count(*) FROM response r WHERE r.survey_version_id = v.id),
              (SELECT count(*) FROM quarantine q JOIN batch b ON b.id = q.batch_id WHERE b.survey_version_id = v.id AND q.resolved_by_batch IS NULL)
            FROM survey_version v WHERE v.survey_id = ? ORDER BY v.id
            """, arguments: [survey[0] as Int64])
        for v in versionRows {
          let batches = try Row.fetchAll(
            db,
            sql: """
              SELECT id, source_name, source_sha256, format, imported_at, tool_version, rows_read, accepted,
                quarantined, duplicates, conflicts, redactions
              FROM batch WHERE survey_version_id = ? ORDER BY id
              """, arguments: [v[0] as Int64]
          ).map { b in
            StoreStatus.Batch(
              id: b[0], source: b[1], sha256: b[2], format: b[3], importedAt: b[4], toolVersion: b[5],
              rowsRead: b[6], accepted: b[7], quarantined: b[8], duplicates: b[9], conflicts: b[10],
              redactions: b[11])
          }
          versions.append(
            StoreStatus.Version(
              id: v[0], version: v[1], contentHash: v[2], registeredAt: v[3], responses: v[4], quarantined: v[5],
              batches: batches))
        }
        surveys.append(StoreStatus.Survey(id: survey[1], versions: versions))
      }
      let responses = try Int.fetchOne(db, sql: "SELECT count(*) FROM response") ?? 0
      let quarantined =
        try Int.fetchOne(db, sql: "SELECT count(*) FROM quarantine WHERE resolved_by_batch IS NULL") ?? 0
      return StoreStatus(
        schema: "confide.status/1", store: path, schemaVersion: Migrations.latest, surveys: surveys,
        responses: responses, quarantined: quarantined)
    }
  }
}

extension StoreStatus {
  /// The status as text for a terminal.
  public func text() -> String {
    var out = ["Store \(store) (schema \(schemaVersion)): \(responses) responses, \(quarantined) in quarantine"]
    if surveys.isEmpty { out.append("No surveys yet: 'confide import FILE --survey S.survey' adds one.") }
    for s in surveys {
      out.append("")
      out.append("survey \(s.id)")
      for v in s.versions {
        out.append(
          "  version \(v.version) [\(v.contentHash.prefix(12))] registered \(v.registeredAt): "
            + "\(v.responses) responses, \(v.quarantined) quarantined")
        for b in v.batches {
          out.append(
            "    batch \(b.id): \(b.source) (\(b.format), \(b.importedAt)) read \(b.rowsRead), accepted \(b.accepted), "
              + "quarantined \(b.quarantined), duplicates \(b.duplicates), conflicts \(b.conflicts), "
              + "redactions \(b.redactions)")
        }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// The status as JSON (schema `confide.status/1`), pretty-printed with sorted keys.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self) else { return "{}" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
