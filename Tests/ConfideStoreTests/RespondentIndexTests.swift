import ConfideLanguage
import ConfideModel
import ConfideStore
import Foundation
import GRDB
import Testing

/// The respondent index a version's first import builds at the end, the duplicates and
/// conflicts found with or without it, and stores made by schema version 1.
@Suite struct RespondentIndexTests {
  static let header =
    "respondent_id,framing,list_experiment,visits,delayed,services,trust,visit_date,weight,items,comment\n"

  /// A valid row of the clinic fixture for respondent `id`, with `visits` as given.
  static func row(_ id: String, visits: Int = 3) -> String {
    "\(id),neutral,control,\(visits),0,,3,2025-04-01,70,2,\n"
  }

  @Test func repeatedRespondentsAreFoundWhileTheIndexIsDeferred() throws {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let file = scratch.path("many.csv")
    var text = Self.header
    for i in 1...3_000 { text += Self.row("R\(i)") }
    // Row 3001 repeats row 2000's respondent; row 3002 fails a check and repeats row 10's;
    // row 3003 is new again, and is stored through the index built at row 3001.
    text += Self.row("R2000", visits: 4) + Self.row("R10", visits: 99) + Self.row("R3003")
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let summary = try store.importFile(request(file, survey: try fixtureSurvey()))
    #expect(summary.accepted == 3_001 && summary.quarantined == 2, "\(summary)")
    let rows = try store.quarantined()
    #expect(rows.map(\.row) == [3_001, 3_002])
    #expect(rows[0].reasons.map(\.message) == ["the respondent id is also on row 2000"])
    #expect(rows[1].reasons.map(\.kind) == [.outOfRange, .duplicateRespondent])
    #expect(rows[1].reasons.last?.message == "the respondent id is also on row 10")
    #expect(try store.integrityCheck() == ["ok"])
  }

  @Test func rowsWrittenInGroupsKeepTheirOwnAnswers() throws {
    // While the index is deferred, rows are written 32 at a time with their responses' ids
    // worked out in advance. Quarantined rows between them, a group cut short by the end of a
    // chunk, and a repeat that builds the index half-way must leave every response with its
    // own answers: each row's number of visits is its row number modulo 50.
    let scratch = try Scratch()
    let path = scratch.path("r.db")
    let store = try ResponseStore(path: path)
    var text = Self.header
    var expected: [Int: Int] = [:]
    for i in 1...2_000 {
      if i % 37 == 0 {
        text += Self.row("R\(i)", visits: 99)  // out of range: quarantined
      } else if i == 1_500 {
        text += Self.row("R700", visits: i % 50)  // a repeat: quarantined, and the index is built
      } else {
        text += Self.row("R\(i)", visits: i % 50)
        expected[i] = i % 50
      }
    }
    try text.write(toFile: scratch.path("grouped.csv"), atomically: true, encoding: .utf8)
    let summary = try store.importFile(request(scratch.path("grouped.csv"), survey: try fixtureSurvey()))
    #expect(summary.accepted == expected.count && summary.quarantined == 2_000 - expected.count, "\(summary)")
    let stored = try DatabaseQueue(path: path).read { db in
      let column = try String.fetchOne(
        db, sql: "SELECT column_name FROM answer_column WHERE variable = 'visits' AND role = 'value'")
      #expect(column?.hasPrefix("c") == true && column?.dropFirst().allSatisfy(\.isNumber) == true)
      return try Row.fetchAll(
        db,
        sql: """
          SELECT r.source_row, a.\(column ?? "c1") AS visits
          FROM response r JOIN answers_1_1 a ON a.response_id = r.id
          """)
    }
    #expect(stored.count == expected.count)
    let found = Dictionary(
      uniqueKeysWithValues: stored.map { (Int($0["source_row"] as Int64), Int($0["visits"] as Int64)) })
    #expect(found == expected)
    #expect(try store.integrityCheck() == ["ok"])
  }

  @Test func aSurveyOfSeveralAnswerPagesIsWrittenInGroups() throws {
    // 1,100 questions need 2,200 columns: three answer tables of at most 1,000. Each page's
    // rows are written in groups like the first's, with the same response ids.
    let questions = 1_100
    var text = "survey wide\n  title \"Wide\"\n  version \"1\"\n  languages en\n\nsection main \"Main\"\n"
    for q in 1...questions { text += "  question q\(q) integer\n    \"Question \(q)?\"\n\n" }
    let compiled = SurveyCompiler.compile(text, file: "wide.survey")
    #expect(!compiled.hasErrors, "\(compiled.diagnostics.prefix(3))")
    let survey = (compiled.survey, Formatter.format(compiled.syntax))
    let scratch = try Scratch()
    let path = scratch.path("r.db")
    let rows = 45  // a full group and a part of one
    var csv = "respondent_id," + (1...questions).map { "q\($0)" }.joined(separator: ",") + "\n"
    for i in 1...rows {
      csv += "R\(i)," + (1...questions).map { "\((i * 7 + $0) % 100)" }.joined(separator: ",") + "\n"
    }
    try csv.write(toFile: scratch.path("wide.csv"), atomically: true, encoding: .utf8)
    let summary = try ResponseStore(path: path).importFile(request(scratch.path("wide.csv"), survey: survey))
    #expect(summary.accepted == rows && summary.quarantined == 0, "\(summary)")
    let found = try DatabaseQueue(path: path).read { db -> [[Int]] in
      #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM answer_table") == 3)
      var values: [[Int]] = []
      for q in [1, 550, 1_100] {
        let place = try #require(
          try Row.fetchOne(
            db,
            sql: "SELECT page, column_name FROM answer_column WHERE variable = ? AND role = 'value'",
            arguments: ["q\(q)"]))
        let page: Int = place[0]
        let column: String = place[1]
        #expect(column.hasPrefix("c") && column.dropFirst().allSatisfy(\.isNumber))
        values.append(
          try Int.fetchAll(
            db,
            sql: """
              SELECT a.\(column) FROM response r JOIN answers_1_\(page) a ON a.response_id = r.id
              ORDER BY r.source_row
              """))
      }
      return values
    }
    #expect(found.map(\.count) == [rows, rows, rows])
    for (k, q) in [1, 550, 1_100].enumerated() {
      #expect(found[k] == (1...rows).map { (($0 * 7 + q) % 100) }, "q\(q)")
    }
  }

  @Test func aFileWithoutRepeatsBuildsTheIndexAtTheEndAndLaterFilesUseIt() throws {
    let scratch = try Scratch()
    let path = scratch.path("r.db")
    let store = try ResponseStore(path: path)
    let survey = try fixtureSurvey()
    let first = scratch.path("first.csv")
    try (Self.header + (1...500).map { Self.row("R\($0)") }.joined()).write(
      toFile: first, atomically: true, encoding: .utf8)
    #expect(try store.importFile(request(first, survey: survey)).accepted == 500)
    let indexes = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'respondents_%'")
    }
    #expect(indexes == ["CREATE UNIQUE INDEX respondents_1 ON response(pseudonym) WHERE survey_version_id = 1"])
    // Same answers, different answers, new, and a repeat within the file.
    let second = scratch.path("second.csv")
    try (Self.header + Self.row("R1") + Self.row("R2", visits: 5) + Self.row("R501") + Self.row("R501")).write(
      toFile: second, atomically: true, encoding: .utf8)
    let summary = try store.importFile(request(second, survey: survey))
    #expect(summary.accepted == 1 && summary.duplicates == 1 && summary.conflicts == 1 && summary.quarantined == 2)
    #expect(
      try store.quarantined(batch: summary.batch).map { $0.reasons.map(\.message) } == [
        ["answers differ from those stored in batch 1"], ["the respondent id is also on row 3"],
      ])
    #expect(try store.withdraw(identifier: "R501") == Withdrawal(responses: 1, quarantined: 1))
  }

  @Test func everyKindOfAnswerReadBackCountsAsTheSame() throws {
    // The clinic fixture has codes, missing codes, numbers, decimals, dates, text, arms and
    // multiple choice: importing its rows again finds each stored answer equal.
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let survey = try fixtureSurvey()
    _ = try store.importFile(request(fixture("valid.csv"), survey: survey))
    let copy = scratch.path("copy.csv")
    try (try String(contentsOfFile: fixture("valid.csv"), encoding: .utf8) + "\n").write(
      toFile: copy, atomically: true, encoding: .utf8)
    let again = try store.importFile(request(copy, survey: survey))
    #expect(!again.alreadyImported && again.duplicates == 4 && again.conflicts == 0 && again.accepted == 0)
  }

  @Test func aStoreOfSchemaVersion1IsUpgraded() throws {
    let scratch = try Scratch()
    let path = scratch.path("old.db")
    let survey = try fixtureSurvey()
    _ = try ResponseStore(path: path).importFile(request(fixture("valid.csv"), survey: survey))
    // Put the response table back as schema version 1 had it: an answer digest per response and
    // one unique (pseudonym, version) index over every version.
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      try db.inTransaction {
        try db.execute(
          sql: """
            DROP INDEX respondents_1;
            CREATE TABLE response_v1 (
              id INTEGER PRIMARY KEY,
              pseudonym BLOB NOT NULL,
              survey_version_id INTEGER NOT NULL REFERENCES survey_version(id),
              batch_id INTEGER NOT NULL REFERENCES batch(id),
              source_row INTEGER NOT NULL,
              answers_digest BLOB NOT NULL,
              UNIQUE (pseudonym, survey_version_id)
            );
            INSERT INTO response_v1 SELECT id, pseudonym, survey_version_id, batch_id, source_row, zeroblob(16)
              FROM response;
            DROP TABLE response;
            ALTER TABLE response_v1 RENAME TO response;
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v2:%';
            PRAGMA user_version = 1;
            """)
        return .commit
      }
    }
    try queue.close()
    let store = try ResponseStore(path: path)
    let version = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
    #expect(version == 2)
    #expect(try store.integrityCheck() == ["ok"])
    let visits = try store.column("visits", survey: "clinic_trust")
    #expect(visits.answers == [.number(3), .missing(-8), .number(0), .number(12)])
    let overlap = scratch.path("overlap.csv")
    try """
    respondent_id,framing,list_experiment,visits,delayed,services,trust,visit_date,weight,items,comment
    P001,neutral,control,3,1,1 3,3,2025-04-01,70.5,2,"Fine, thanks"
    P002,platform,treatment,5,0,,2,2024-12-31,,3,
    P005,neutral,control,1,0,,1,2025-01-01,60,1,

    """.write(toFile: overlap, atomically: true, encoding: .utf8)
    let summary = try store.importFile(request(overlap, survey: survey))
    #expect(summary.accepted == 1 && summary.duplicates == 1 && summary.conflicts == 1, "\(summary)")
    #expect(try store.withdraw(identifier: "P003") == Withdrawal(responses: 1, quarantined: 0))
    #expect(try store.status().responses == 4)
  }
}
