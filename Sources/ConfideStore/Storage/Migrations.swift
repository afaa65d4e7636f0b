import GRDB

/// The store's schema, created and upgraded by numbered migrations. A migration, once released,
/// never changes: later versions add new ones.
enum Migrations {
  /// The number of migrations, recorded in `PRAGMA user_version`.
  static let latest = 2

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: surveys, versions, batches, responses, answer tables, quarantine, audit") { db in
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
            source_bytes INTEGER NOT NULL,
            format TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            rows_read INTEGER NOT NULL,
            accepted INTEGER NOT NULL,
            quarantined INTEGER NOT NULL,
            duplicates INTEGER NOT NULL,
            conflicts INTEGER NOT NULL,
            redactions INTEGER NOT NULL,
            summary TEXT NOT NULL
          );
          CREATE INDEX batch_source ON batch(survey_version_id, source_bytes, source_sha256);
          -- One row per stored response. The respondent is known only by a keyed pseudonym
          -- (HMAC-SHA-256 of the source identifier); the identifier itself is never stored.
          -- The answers live in the version's answer tables (see answer_table), keyed by id.
          CREATE TABLE response (
            id INTEGER PRIMARY KEY,
            pseudonym BLOB NOT NULL,
            survey_version_id INTEGER NOT NULL REFERENCES survey_version(id),
            batch_id INTEGER NOT NULL REFERENCES batch(id),
            source_row INTEGER NOT NULL,
            answers_digest BLOB NOT NULL,
            UNIQUE (pseudonym, survey_version_id)
          );
          -- The typed answer tables of each survey version: answers_<version>_<page>, with
          -- columns c1, c2, ... Their names are made from integers only, so no text from a
          -- survey file ever becomes part of SQL.
          CREATE TABLE answer_table (
            survey_version_id INTEGER NOT NULL REFERENCES survey_version(id),
            page INTEGER NOT NULL,
            name TEXT NOT NULL UNIQUE,
            PRIMARY KEY (survey_version_id, page)
          );
          -- What each column of an answer table holds: the variable (question, matrix row or
          -- experiment), its role (value, option, status) and, for an option, the option's code.
          CREATE TABLE answer_column (
            survey_version_id INTEGER NOT NULL REFERENCES survey_version(id),
            page INTEGER NOT NULL,
            column_name TEXT NOT NULL,
            variable TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('value', 'option', 'status')),
            option_code INTEGER,
            storage TEXT NOT NULL,
            kind TEXT NOT NULL,
            PRIMARY KEY (survey_version_id, page, column_name)
          );
          CREATE INDEX answer_column_variable ON answer_column(survey_version_id, variable);
          -- Rows that failed a check: every reason, and the row's fields (redacted, without the
          -- respondent identifier), so that nothing is lost and a corrected file can follow.
          CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER NOT NULL REFERENCES batch(id),
            source_row INTEGER NOT NULL,
            source_line INTEGER NOT NULL,
            pseudonym BLOB,
            reasons TEXT NOT NULL,
            fields TEXT NOT NULL,
            -- The later batch that stored this respondent's corrected answers, if one has.
            resolved_by_batch INTEGER REFERENCES batch(id)
          );
          CREATE INDEX quarantine_batch ON quarantine(batch_id);
          CREATE INDEX quarantine_pseudonym ON quarantine(pseudonym);
          CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL
          );
          """)
      // In the same transaction as the tables, so that a process killed at any moment never
      // leaves tables without the marks that say whose file this is.
      try db.execute(sql: "PRAGMA application_id = \(ResponseStore.applicationID)")
      try db.execute(sql: "PRAGMA user_version = 1")
    }
    // Version 1 kept a digest of each response's answers and one unique index of (pseudonym,
    // version) over every version. A re-import now compares the typed answers themselves, and
    // each version has its own respondent index (`RespondentIndex`), which the first import of
    // a version builds in one sorted pass. Rows keep their ids, so the answer tables still match.
    // (Foreign keys are off while a migration runs, so dropping the old table cascades nothing.)
    migrator.registerMigration("v2: a respondent index per survey version; no answer digests") { db in
      try db.execute(
        sql: """
          CREATE TABLE response_v2 (
            id INTEGER PRIMARY KEY,
            pseudonym BLOB NOT NULL,
            survey_version_id INTEGER NOT NULL REFERENCES survey_version(id),
            batch_id INTEGER NOT NULL REFERENCES batch(id),
            source_row INTEGER NOT NULL
          );
          INSERT INTO response_v2 (id, pseudonym, survey_version_id, batch_id, source_row)
            SELECT id, pseudonym, survey_version_id, batch_id, source_row FROM response ORDER BY id;
          DROP TABLE response;
          ALTER TABLE response_v2 RENAME TO response;
          """)
      for version in try Int64.fetchAll(db, sql: "SELECT id FROM survey_version ORDER BY id") {
        try db.execute(sql: RespondentIndex.create(version: version))
      }
      try db.execute(sql: "PRAGMA user_version = 2")
    }
    return migrator
  }
}
