import GRDB

/// The unique index of one survey version's respondents: `respondents_<version>`, on the
/// response's pseudonym, for that version's rows only.
///
/// It makes a respondent stored at most once per version, finds an earlier response when a file
/// overlaps one already imported, and finds a respondent to withdraw. Each version has its own
/// (a partial index), so that the first import of a version can build it in one sorted pass at
/// the end instead of inserting a million random keys one at a time (see ``BatchWriter``). Its
/// name, like every name the store makes, is built from integers only.
enum RespondentIndex {
  /// The index's name for survey version `version`.
  static func name(version: Int64) -> String { "respondents_\(version)" }

  /// The SQL that creates the index of survey version `version`.
  static func create(version: Int64) -> String {
    "CREATE UNIQUE INDEX \(name(version: version)) ON response(pseudonym) WHERE survey_version_id = \(version)"
  }

  /// Whether the index of survey version `version` exists.
  static func exists(version: Int64, in db: Database) throws -> Bool {
    try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?)",
      arguments: [name(version: version)]) ?? false
  }
}
