import GRDB

/// The store's schema, created and upgraded by numbered migrations. A migration, once released,
/// never changes: later versions add new ones.
enum Migrations {
  /// The number of migrations, recorded in `PRAGMA user_version`.
  static let latest = 1

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: surveys, versions, batches, respondents, responses, quarantine, audit") { db in
      try db.execute(
        sql: """
          CREATE TABLE survey (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
          );
          CREATE TABLE survey_version (
            id INTEGER PRIMARY KEY,
            survey_id INTEGER NOT NULL REFERENCES survey(id),
            version TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            definition TEXT NOT NULL,
            registered_at TEXT NOT NULL
          );
          CREATE TABLE batch (
            id INTEGER PRIMARY KEY,
            survey_version_id INTEGER NOT NULL REFERENCES survey_version(id),
            source_name TEXT NOT NULL,
            source_sha256 TEXT NOT NULL,
            format TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            rows_read INTEGER NOT NULL,
            accepted INTEGER NOT NULL,
            quarantined INTEGER NOT NULL,
            duplicates INTEGER NOT NULL,
            conflicts INTEGER NOT NULL,
            redactions INTEGER NOT NULL
          );
          CREATE INDEX batch_source ON batch(source_sha256, survey_version_id);
          CREATE TABLE respondent (
            id INTEGER PRIMARY KEY,
            pseudonym BLOB NOT NULL UNIQUE
          );
          CREATE TABLE response (
            id INTEGER PRIMARY KEY,
            respondent_id INTEGER NOT NULL REFERENCES respondent(id) ON DELETE CASCADE,
            survey_version_id INTEGER NOT NULL REFERENCES survey_version(id),
            batch_id INTEGER NOT NULL REFERENCES batch(id),
            UNIQUE (respondent_id, survey_version_id)
          );
          CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER NOT NULL REFERENCES batch(id),
            source_row INTEGER NOT NULL,
            respondent_id INTEGER REFERENCES respondent(id) ON DELETE CASCADE,
            reasons TEXT NOT NULL,
            fields TEXT NOT NULL
          );
          CREATE INDEX quarantine_batch ON quarantine(batch_id);
          CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL
          );
          """)
    }
    return migrator
  }
}
