public import ConfideModel
import Crypto
import Foundation
import GRDB

/// A survey version known to the store.
public struct RegisteredVersion: Sendable, Equatable {
  /// The store's id for the version.
  public var id: Int64
  /// The survey's id (its `survey` line).
  public var survey: String
  /// The version string declared in the file.
  public var version: String
  /// SHA-256 of the definition's canonical text, in hex.
  public var contentHash: String
  /// Whether this call added the version (false when it was already registered).
  public var isNew: Bool
}

extension ResponseStore {
  /// SHA-256 of a survey definition's canonical text, as lower-case hex.
  public static func contentHash(of canonicalText: String) -> String {
    SHA256.hash(data: Data(canonicalText.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  /// Registers a survey version by the hash of its canonical text (as `confide fmt` writes it),
  /// so that re-registering the same definition finds the existing version and two versions of
  /// a survey coexist. The definition itself is kept, so data can always be read with the exact
  /// questionnaire it answered.
  public func register(_ survey: Survey, canonicalText: String) throws(StoreError) -> RegisteredVersion {
    try write { db in try register(survey, canonicalText: canonicalText, in: db) }
  }

  /// Registers a survey version inside a transaction that is already open.
  func register(_ survey: Survey, canonicalText: String, in db: Database) throws -> RegisteredVersion {
    let hash = Self.contentHash(of: canonicalText)
    if let row = try Row.fetchOne(
      db,
      sql: """
        SELECT v.id, v.version, s.name FROM survey_version v JOIN survey s ON s.id = v.survey_id
        WHERE v.content_hash = ?
        """, arguments: [hash])
    {
      return RegisteredVersion(
        id: row[0], survey: row[2], version: row[1], contentHash: hash, isNew: false)
    }
    try db.execute(sql: "INSERT INTO survey (name) VALUES (?) ON CONFLICT (name) DO NOTHING", arguments: [survey.id])
    let surveyRow = try Int64.fetchOne(db, sql: "SELECT id FROM survey WHERE name = ?", arguments: [survey.id])
    try db.execute(
      sql: """
        INSERT INTO survey_version (survey_id, version, content_hash, definition, registered_at)
        VALUES (?, ?, ?, ?, ?)
        """,
      arguments: [surveyRow, survey.version, hash, canonicalText, Timestamp.now()])
    let id = db.lastInsertedRowID
    try db.execute(sql: RespondentIndex.create(version: id))
    let layout = AnswerLayout(version: id, variables: survey.variables)
    for (page, sql) in layout.createStatements.enumerated() {
      try db.execute(sql: sql)
      try db.execute(
        sql: "INSERT INTO answer_table (survey_version_id, page, name) VALUES (?, ?, ?)",
        arguments: [id, page + 1, layout.tableName(page: page + 1)])
    }
    let insert = try db.makeStatement(
      sql: """
        INSERT INTO answer_column (survey_version_id, page, column_name, variable, role, option_code, storage, kind)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for r in layout.columnRecords {
      try insert.execute(arguments: [id, r.page, r.column, r.variable, r.role, r.code, r.storage, r.kind])
    }
    return RegisteredVersion(
      id: id, survey: survey.id, version: survey.version, contentHash: hash, isNew: true)
  }
}

/// Times stored as ISO 8601 in UTC, to the second.
enum Timestamp {
  static func now() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: Date())
  }
}
