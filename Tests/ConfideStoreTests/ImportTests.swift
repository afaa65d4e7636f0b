import ConfideLanguage
import ConfideModel
import ConfideStore
import Foundation
import GRDB
import Testing

/// The folder of import fixtures.
let importFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
  "Fixtures/import")

/// A checked survey and its canonical text, from the fixtures.
func fixtureSurvey(_ name: String = "clinic.survey") throws -> (Survey, String) {
  let path = importFixtures.appendingPathComponent(name).path
  let text = try String(contentsOfFile: path, encoding: .utf8)
  let compiled = SurveyCompiler.compile(text, file: name)
  #expect(!compiled.hasErrors, "\(compiled.diagnostics)")
  return (compiled.survey, Formatter.format(compiled.syntax))
}

func request(
  _ file: String, survey: (Survey, String), format: ImportFormat? = .csv, mapping: ImportMapping? = nil,
  allowIdentifiers: Bool = false
) -> ImportRequest {
  ImportRequest(
    path: file, survey: survey.0, canonicalText: survey.1, format: format, mapping: mapping,
    allowIdentifiers: allowIdentifiers, toolVersion: "test")
}

func fixture(_ name: String) -> String { importFixtures.appendingPathComponent(name).path }

@Suite struct ImportTests {
  @Test func importsValidRowsTyped() throws {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let summary = try store.importFile(request(fixture("valid.csv"), survey: try fixtureSurvey()))
    #expect(summary.rowsRead == 4 && summary.accepted == 4 && summary.quarantined == 0, "\(summary)")
    let queue = try DatabaseQueue(path: scratch.path("r.db"))
    // Read the answers back through the column map, as an analysis would.
    let rows = try queue.read { db in
      let map = try Row.fetchAll(
        db, sql: "SELECT column_name, variable, role, option_code FROM answer_column ORDER BY rowid")
      func column(_ variable: String, _ role: String, _ code: Int? = nil) -> String {
        map.first { $0[1] == variable && $0[2] == role && ($0[3] as Int?) == code }.map { $0[0] } ?? "?"
      }
      let sql = """
        SELECT r.source_row, a.\(column("visits", "value")), a.\(column("visits", "status")),
          a.\(column("delayed", "value")), a.\(column("services", "option", 1)), a.\(column("services", "option", 3)),
          a.\(column("services", "status")), a.\(column("weight", "value")), a.\(column("framing", "value")),
          a.\(column("comment", "value")), a.\(column("trust", "status")), typeof(a.\(column("weight", "value")))
        FROM response r JOIN answers_1_1 a ON a.response_id = r.id ORDER BY r.source_row
        """
      return try Row.fetchAll(db, sql: sql)
    }
    #expect(rows.count == 4)
    // P001: 3 visits, delayed yes, services gp + pharmacy, weight 70.5, arm neutral.
    #expect(rows[0][1] == 3 && rows[0][2] == AnswerLayout.Status.answered.rawValue)
    #expect(rows[0][3] == 1 && rows[0][4] == 1 && rows[0][5] == 1)
    #expect(rows[0][7] == 70.5 && rows[0][8] == "neutral" && rows[0][9] == "Fine, thanks")
    #expect(rows[0][11] == "real")
    // P002: visits "Don't know" is the code -8 with status missing-code, distinct from blank.
    #expect(rows[1][1] == -8 && rows[1][2] == AnswerLayout.Status.missingCode.rawValue)
    // Services were not asked of P002 (delayed = no): NULL indicators and status not-asked.
    #expect(rows[1][4] == DatabaseValue.null && rows[1][6] == AnswerLayout.Status.notAsked.rawValue)
    // P003: trust left blank: not answered (shown, blank). Names work as codes.
    #expect(rows[2][10] == AnswerLayout.Status.notAnswered.rawValue)
    #expect(rows[2][3] == -8 && rows[2][9] == "I'd rather not say \"much\"")
    // P004: option names separated by a semicolon; a comment with an embedded newline.
    #expect(rows[3][4] == 0 && rows[3][5] == 1 && rows[3][9] == "line one\nline two")
  }

  /// An import runs with a rollback journal (its pages are written once) and leaves the store in
  /// WAL mode; with another connection open it cannot leave WAL mode, and imports in it. (That
  /// foreign keys are on again afterwards, `withdrawalLeavesNoTrace` shows: the answers go with
  /// their response by ON DELETE CASCADE.)
  @Test func importsWithARollbackJournalAndLeavesTheStoreInWALMode() throws {
    let scratch = try Scratch()
    let path = scratch.path("r.db")
    let store = try ResponseStore(path: path)
    let survey = try fixtureSurvey()
    let first = try store.importFile(request(fixture("valid.csv"), survey: survey))
    #expect(first.accepted == 4)
    let queue = try DatabaseQueue(path: path)
    #expect(try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
    // `queue` holds the file open (a reader in another process would too): the next import
    // stays in WAL mode, and `queue` can read all along.
    #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM response") } == 4)
    let second = try store.importFile(request(fixture("invalid.csv"), survey: survey))
    #expect(second.accepted == 1 && second.quarantined == 14)
    #expect(try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM response") } == 5)
    #expect(try store.integrityCheck() == ["ok"])
    // Imports run with foreign-key enforcement off; every row's parents exist all the same.
    #expect(try queue.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
  }

  /// `valid if` checks a substantive answer only (a missing code or blank is not checked), and a
  /// check that needs another question's answer fails when that question has none or holds a
  /// missing code, as every comparison with it is false; a guard in the condition lets it pass.
  @Test func validationOfAnswersThatDependOnMissingOnes() throws {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let summary = try store.importFile(
      request(fixture("counts-validation.csv"), survey: try fixtureSurvey("counts.survey")))
    #expect(summary.rowsRead == 8 && summary.accepted == 4 && summary.quarantined == 4, "\(summary)")
    let rows = try store.quarantined()
    let failing = Dictionary(uniqueKeysWithValues: rows.map { ($0.row, $0.reasons.map(\.message)) })
    let unguarded = ["'tests' fails its 'valid if' check: \"No more tests than visits.\""]
    #expect(
      failing == [
        2: unguarded,  // 5 tests for 3 visits
        3: unguarded,  // visits "Don't know": ordering comparisons with a missing code are false
        4: unguarded,  // visits blank: no value to compare with
        8: ["'tests_guarded' fails its 'valid if' check: \"No more tests than visits.\""],  // 5 for 3, guarded
      ])
    // Row 5 (tests "Don't know") is stored: a missing code is not checked. Rows 6 and 7 pass the
    // guarded check although visits is "Don't know" or blank.
    #expect(!failing.keys.contains(5) && !failing.keys.contains(6) && !failing.keys.contains(7))
  }

  @Test func quarantinesEveryFailingRowWithItsReasons() throws {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let summary = try store.importFile(request(fixture("invalid.csv"), survey: try fixtureSurvey()))
    #expect(summary.rowsRead == 15)
    #expect(summary.accepted == 1, "only the first P113 is valid")
    #expect(summary.quarantined == 14)
    let rows = try store.quarantined()
    #expect(rows.count == 14, "nothing is dropped")
    let reasonsByRow = Dictionary(uniqueKeysWithValues: rows.map { ($0.row, $0.reasons.map(\.kind)) })
    let expected: [Int: [QuarantineReason.Kind]] = [
      1: [.outOfRange], 2: [.notACode], 3: [.answeredWhenSkipped], 4: [.armMissing], 5: [.unknownArm],
      6: [.requiredMissing], 7: [.malformedDate], 8: [.failsValidation], 9: [.malformedNumber], 10: [.outOfRange],
      11: [.missingRespondentID], 12: [.notACode], 14: [.duplicateRespondent], 15: [.malformedNumber],
    ]
    #expect(reasonsByRow == expected)
    let messages = Dictionary(uniqueKeysWithValues: rows.map { ($0.row, $0.reasons.map(\.message)) })
    #expect(messages[1] == ["'visits' is outside its range 0..52"])
    #expect(messages[3] == ["'services' is answered but routing skips it for this respondent"])
    #expect(messages[8] == ["'visit_date' fails its 'valid if' check: \"Please give a date from 2020.\""])
    #expect(messages[10] == ["'items' must be a count from 0 to 2"])
    #expect(messages[14] == ["the respondent id is also on row 13"])
    // The row's fields are kept for correction, without the respondent id.
    let row1 = try #require(rows.first { $0.row == 1 })
    #expect(
      row1.fields.first?.column == "framing" && row1.fields.contains { $0.column == "visits" && $0.value == "53" })
    #expect(!rows.contains { $0.fields.contains { $0.column == respondentIDColumn } })
    #expect(rows.first { $0.row == 2 }?.line == 3)
    #expect(summary.reasons[.outOfRange] == 2 && summary.reasons[.malformedNumber] == 2)
  }

  @Test func reimportingTheSameFileIsANoOp() throws {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let survey = try fixtureSurvey()
    let first = try store.importFile(request(fixture("valid.csv"), survey: survey))
    let again = try store.importFile(request(fixture("valid.csv"), survey: survey))
    #expect(!first.alreadyImported && again.alreadyImported)
    #expect(again.batch == first.batch)
    #expect(again.text().contains("already imported as batch 1"))
    let status = try store.status()
    #expect(status.responses == 4 && status.surveys[0].versions[0].batches.count == 1)
  }

  @Test func overlappingFileAddsOnlyNewRespondentsAndReportsConflicts() throws {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let survey = try fixtureSurvey()
    _ = try store.importFile(request(fixture("valid.csv"), survey: survey))
    let overlap = scratch.path("overlap.csv")
    try """
    respondent_id,framing,list_experiment,visits,delayed,services,trust,visit_date,weight,items,comment
    P001,neutral,control,3,1,1 3,3,2025-04-01,70.5,2,"Fine, thanks"
    P002,platform,treatment,5,0,,2,2024-12-31,,3,
    P005,neutral,control,1,0,,1,2025-01-01,60,1,

    """.write(toFile: overlap, atomically: true, encoding: .utf8)
    let summary = try store.importFile(request(overlap, survey: survey))
    #expect(summary.accepted == 1 && summary.duplicates == 1 && summary.conflicts == 1 && summary.quarantined == 1)
    let conflict = try #require(try store.quarantined(batch: summary.batch).first)
    #expect(conflict.row == 2 && conflict.reasons.map(\.message) == ["answers differ from those stored in batch 1"])
    #expect(try store.status().responses == 5)
  }

  @Test func correctedRowResolvesItsQuarantineEntry() throws {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let survey = try fixtureSurvey()
    let bad = scratch.path("bad.csv")
    let header = "respondent_id,framing,list_experiment,visits,delayed,services,trust,visit_date,weight,items,comment\n"
    try (header + "P1,neutral,control,99,0,,3,2025-04-01,70,2,\n").write(toFile: bad, atomically: true, encoding: .utf8)
    _ = try store.importFile(request(bad, survey: survey))
    #expect(try store.quarantined().count == 1)
    let fixed = scratch.path("fixed.csv")
    try (header + "P1,neutral,control,9,0,,3,2025-04-01,70,2,\n").write(
      toFile: fixed, atomically: true, encoding: .utf8)
    let summary = try store.importFile(request(fixed, survey: survey))
    #expect(summary.accepted == 1)
    #expect(try store.quarantined().isEmpty)
    #expect(try store.quarantined(includeResolved: true).first?.resolvedBy == summary.batch)
  }

  @Test func withdrawalLeavesNoTrace() throws {
    let scratch = try Scratch()
    let path = scratch.path("r.db")
    let store = try ResponseStore(path: path)
    let survey = try fixtureSurvey()
    let file = scratch.path("w.csv")
    try """
    respondent_id,framing,list_experiment,visits,delayed,services,trust,visit_date,weight,items,comment
    W-1,neutral,control,3,0,,3,2025-04-01,70,2,Zebrafish-umbrella-marmalade
    W-2,neutral,control,99,0,,3,2025-04-01,70,2,Quixotic-lantern-porridge
    W-3,neutral,control,3,0,,3,2025-04-01,70,2,Ordinary

    """.write(toFile: file, atomically: true, encoding: .utf8)
    _ = try store.importFile(request(file, survey: survey))
    #expect(
      try fileContains(path, "Zebrafish-umbrella-marmalade")
        || fileContains(path + "-wal", "Zebrafish-umbrella-marmalade"),
      "the answer is in the store before the withdrawal")
    let first = try store.withdraw(identifier: "W-1")
    let second = try store.withdraw(identifier: " W-2 ")
    #expect(first == Withdrawal(responses: 1, quarantined: 0))
    #expect(second == Withdrawal(responses: 0, quarantined: 1))
    #expect(try store.withdraw(identifier: "nobody") == Withdrawal(responses: 0, quarantined: 0))
    for word in ["Zebrafish-umbrella-marmalade", "Quixotic-lantern-porridge", "W-1", "W-2"] {
      for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
        #expect(try !fileContains(file, word), "'\(word)' remains in \(file)")
      }
    }
    #expect(try fileContains(path, "Ordinary"), "other respondents are kept (and the log was checkpointed)")
    let audit = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT detail FROM audit WHERE action = 'withdraw'")
    }
    #expect(
      audit == [
        "erased 1 responses and 0 quarantined rows of one respondent",
        "erased 0 responses and 1 quarantined rows of one respondent",
      ])
    #expect(try store.integrityCheck() == ["ok"])
  }

  @Test func redactsIdentifiersInFreeTextAndCountsThem() throws {
    let scratch = try Scratch()
    let path = scratch.path("r.db")
    let store = try ResponseStore(path: path)
    let file = scratch.path("pii.csv")
    try """
    respondent_id,framing,list_experiment,visits,delayed,services,trust,visit_date,weight,items,comment
    R1,neutral,control,3,0,,3,2025-04-01,70,2,"My NHS number is 943 476 5919, mail me at jo.bloggs@example.org"
    R2,neutral,control,3,0,,3,2025-04-01,70,2,"Not an NHS number: 943 476 5918. I live at SW1A 1AA"
    R3,neutral,control,3,0,,3,2025-04-01,70,2,"Call 07700 900123; I was born on 12/11/1979"
    R4,neutral,control,99,0,,3,2025-04-01,70,2,"quarantined, but still redacted: 9434765919"

    """.write(toFile: file, atomically: true, encoding: .utf8)
    let summary = try store.importFile(request(file, survey: try fixtureSurvey()))
    #expect(summary.accepted == 3 && summary.quarantined == 1)
    #expect(summary.redactions == [.nhsNumber: 2, .email: 1, .postcode: 1, .phone: 1, .dateOfBirth: 1])
    #expect(try store.status().surveys[0].versions[0].batches[0].redactions == 6)
    let comments = try DatabaseQueue(path: path).read { db in
      let column =
        try String.fetchOne(
          db, sql: "SELECT column_name FROM answer_column WHERE variable = 'comment' AND role = 'value'") ?? "?"
      return try String.fetchAll(db, sql: "SELECT \(column) FROM answers_1_1 ORDER BY response_id")
    }
    #expect(
      comments == [
        "My NHS number is [NHS number], mail me at [email]",
        "Not an NHS number: 943 476 5918. I live at SW1A",
        "Call [phone]; I was born on [date of birth]",
      ])
    let held = try store.quarantined()
    #expect(
      held.first?.fields.first { $0.column == "comment" }?.value == "quarantined, but still redacted: [NHS number]")
    for raw in ["943 476 5919", "9434765919", "jo.bloggs", "07700 900123", "1AA", "12/11/1979"] {
      #expect(try !fileContains(path, raw) && !fileContains(path + "-wal", raw), "'\(raw)' is stored")
    }
  }

  @Test func refusesIdentifierQuestionsUnlessAllowed() throws {
    let scratch = try Scratch()
    let surveyPath = scratch.path("id.survey")
    try """
    survey contact
      title "Contact"
      version "1"
      languages en
    section s "S"
      question email text
        "Your e-mail address, if you would like the results"
        role identifier
      question q yesno
        "Have you delayed care?"

    """.write(toFile: surveyPath, atomically: true, encoding: .utf8)
    let compiled = SurveyCompiler.compile(try String(contentsOfFile: surveyPath, encoding: .utf8), file: surveyPath)
    #expect(!compiled.hasErrors, "\(compiled.diagnostics)")
    let survey = (compiled.survey, Formatter.format(compiled.syntax))
    let file = scratch.path("with-email.csv")
    try "respondent_id,q,email\nA,1,someone@example.org\n".write(toFile: file, atomically: true, encoding: .utf8)
    let store = try ResponseStore(path: scratch.path("r.db"))
    #expect(
      throws: ImportError(
        file: file, line: 1, column: 3,
        message:
          "column 'email' answers a question marked 'role identifier'; Confide does not store identifiers unless you "
          + "pass --allow-identifiers")
    ) {
      try store.importFile(request(file, survey: survey))
    }
    let allowed = try store.importFile(request(file, survey: survey, allowIdentifiers: true))
    #expect(allowed.accepted == 1)
  }

  @Test func storesNoRawIdentifier() throws {
    let scratch = try Scratch()
    let path = scratch.path("r.db")
    let store = try ResponseStore(path: path)
    _ = try store.importFile(request(fixture("valid.csv"), survey: try fixtureSurvey()))
    _ = try store.importFile(request(fixture("invalid.csv"), survey: try fixtureSurvey()))
    for id in ["P001", "P002", "P101", "P113"] {
      #expect(try !fileContains(path, id), "identifier \(id) is in the store")
    }
  }

  @Test func fileLevelProblemsAreClearErrors() throws {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let survey = try fixtureSurvey()
    let missing = scratch.path("nope.csv")
    #expect(throws: ImportError(file: missing, message: "no such file")) {
      try store.importFile(request(missing, survey: survey))
    }
    let empty = scratch.path("empty.csv")
    #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
    #expect(throws: ImportError(file: empty, message: "the file is empty")) {
      try store.importFile(request(empty, survey: survey))
    }
    let foreign = scratch.path("foreign.csv")
    try "id,q1,q2\n1,2,3\n".write(toFile: foreign, atomically: true, encoding: .utf8)
    #expect(
      throws: ImportError(
        file: foreign, line: 1,
        message:
          "no column matches a question of survey 'clinic_trust' (the file has 'id', 'q1', 'q2'); check --survey and "
          + "--format, or map the columns with --mapping")
    ) {
      try store.importFile(request(foreign, survey: survey))
    }
    let noID = scratch.path("noid.csv")
    try "visits,delayed\n3,1\n".write(toFile: noID, atomically: true, encoding: .utf8)
    #expect(
      throws: ImportError(
        file: noID, line: 1,
        message: "no 'respondent_id' column: each row needs the respondent's id (map another column with --mapping)")
    ) {
      try store.importFile(request(noID, survey: survey))
    }
    #expect(try store.status().surveys.isEmpty, "a failed import leaves nothing behind")
  }

  @Test func aMappingFileRenamesColumnsAndRecodesValues() throws {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let file = scratch.path("foreign.csv")
    try """
    ID,Arm,List,Q1,Q2,Q3,StaffNote
    F1,A,control,4,Y,1,note
    F2,B,treatment,DK,N,,

    """.write(toFile: file, atomically: true, encoding: .utf8)
    let mappingFile = scratch.path("map.csv")
    try """
    from,to,from_code,to_code
    ID,respondent_id,,
    Arm,framing,,
    Arm,framing,A,neutral
    Arm,framing,B,platform
    List,list_experiment,,
    Q1,visits,,
    Q1,visits,DK,-8
    Q2,delayed,Y,1
    Q2,delayed,N,0
    Q3,items,,
    StaffNote,,,

    """.write(toFile: mappingFile, atomically: true, encoding: .utf8)
    let mapping = try ImportMapping.load(path: mappingFile)
    #expect(mapping.columns["StaffNote"] == .some(nil))
    let summary = try store.importFile(request(file, survey: try fixtureSurvey(), mapping: mapping))
    let held = try store.quarantined().text()
    #expect(summary.accepted == 2 && summary.quarantined == 0, "\(held)")
    #expect(summary.ignoredColumns == ["StaffNote"])
  }

  @Test func anExplicitDelimiterIsObeyedAndOtherwiseSniffed() throws {
    let scratch = try Scratch()
    let file = scratch.path("semicolons.csv")
    try """
    respondent_id;framing;list_experiment;visits;delayed
    S1;neutral;control;3;0

    """.write(toFile: file, atomically: true, encoding: .utf8)
    let survey = try fixtureSurvey()
    let sniffed = try ResponseStore(path: scratch.path("a.db")).importFile(request(file, survey: survey))
    #expect(sniffed.accepted == 1)
    var explicit = request(file, survey: survey)
    explicit.delimiter = UInt8(ascii: ",")
    #expect(throws: ImportError.self, "one column named 'respondent_id;framing;…' matches nothing") {
      try ResponseStore(path: scratch.path("b.db")).importFile(explicit)
    }
  }

  @Test func mappingFileErrorsNameTheLine() throws {
    let scratch = try Scratch()
    let path = scratch.path("map.csv")
    try "from,to,from_code,to_code\nQ1,visits,3,\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(
      throws: ImportError(file: path, line: 2, column: 4, message: "a recode needs both 'from_code' and 'to_code'")
    ) {
      try ImportMapping.load(path: path)
    }
    try "source,target\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(
      throws: ImportError(
        file: path, line: 1,
        message: "a mapping file needs the columns 'from' and 'to' (and optionally 'from_code', 'to_code')")
    ) {
      try ImportMapping.load(path: path)
    }
  }
}

/// Whether a file's bytes contain `text` (UTF-8).
func fileContains(_ path: String, _ text: String) throws -> Bool {
  guard FileManager.default.fileExists(atPath: path) else { return false }
  let data = try Data(contentsOf: URL(fileURLWithPath: path))
  return data.range(of: Data(text.utf8)) != nil
}

/// Every fixture export goes through the whole import: format sniffed, rows checked and stored.
@Suite struct ImportEveryFormatTests {
  static let exports = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures/exports")
  static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("surveys/nhs-data-trust.survey")

  @Test(arguments: [
    ("generic.csv", ImportFormat.csv), ("generic-semicolon.csv", .csv), ("generic.tsv", .csv),
    ("responses.jsonl", .jsonl), ("redcap.csv", .redcap), ("qualtrics.csv", .qualtrics),
    ("qualtrics-legacy.csv", .qualtrics), ("odk-central.csv", .odk), ("kobo.csv", .odk),
    ("limesurvey.csv", .limesurvey), ("limesurvey-semicolon.csv", .limesurvey), ("surveyjs.json", .surveyjs),
    ("surveyjs-wrapped.json", .surveyjs),
  ])
  func importsWithTheSniffedFormat(_ name: String, _ format: ImportFormat) throws {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let text = try String(contentsOf: Self.shipped, encoding: .utf8)
    let compiled = SurveyCompiler.compile(text, file: "nhs-data-trust.survey")
    let path = Self.exports.appendingPathComponent(name).path
    let summary = try store.importFile(
      ImportRequest(
        path: path, survey: compiled.survey, canonicalText: Formatter.format(compiled.syntax), toolVersion: "test"))
    #expect(summary.format == format)
    #expect(summary.rowsRead > 0)
    #expect(summary.rowsRead == summary.accepted + summary.quarantined + summary.duplicates, "nothing is lost")
    // The fixtures are excerpts of exports (a few questions each), so most rows lack required
    // answers: they must be quarantined with reasons, never dropped.
    let held = try store.quarantined()
    #expect(held.count == summary.quarantined && held.allSatisfy { !$0.reasons.isEmpty })
    if name == "redcap.csv" { #expect(summary.accepted == 2, "\(held.text())") }
    if name == "qualtrics.csv" { #expect(summary.skippedRecords == 1, "the preview response is skipped, and said so") }
    #expect(try store.status().responses == summary.accepted)
  }
}

/// Complete exports of the same 24 simulated respondents, as REDCap, Qualtrics, ODK Central and
/// SurveyJS write them (made by Fixtures/complete/make.py) and as `confide simulate` writes JSON
/// Lines, store exactly the answers the generic CSV does.
@Suite struct CompleteExportTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures/complete")

  static func stored(_ name: String) throws -> (ImportSummary, [String: [Answer]]) {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let text = try String(contentsOf: ImportEveryFormatTests.shipped, encoding: .utf8)
    let compiled = SurveyCompiler.compile(text, file: "nhs-data-trust.survey")
    let summary = try store.importFile(
      ImportRequest(
        path: folder.appendingPathComponent(name).path, survey: compiled.survey,
        canonicalText: Formatter.format(compiled.syntax), toolVersion: "test"))
    var columns: [String: [Answer]] = [:]
    for v in compiled.survey.variables {
      columns[v.name] = try store.column(v.name, survey: "nhs_data_trust").answers
    }
    return (summary, columns)
  }

  @Test(arguments: [
    ("redcap.csv", ImportFormat.redcap), ("qualtrics.csv", .qualtrics), ("odk-central.csv", .odk),
    ("surveyjs.json", .surveyjs), ("generic.jsonl", .jsonl),
  ])
  func platformExportsStoreTheSameAnswersAsTheGenericFile(_ name: String, _ format: ImportFormat) throws {
    let (genericSummary, expected) = try Self.stored("generic.csv")
    #expect(genericSummary.accepted == 24 && genericSummary.quarantined == 0)
    let (summary, actual) = try Self.stored(name)
    #expect(summary.accepted == 24 && summary.quarantined == 0, "\(summary.text())")
    #expect(summary.format == format)
    for (variable, answers) in expected.sorted(by: { $0.key < $1.key }) {
      #expect(actual[variable] == answers, "\(variable) differs in \(name)")
    }
  }
}

@Suite struct StoredColumnTests {
  @Test func readsAVariableAcrossTheVersionsThatKeepIt() throws {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let v1 = try fixtureSurvey()
    _ = try store.importFile(request(fixture("valid.csv"), survey: v1))
    // Version 2 adds a question at the end; the others keep their ids.
    let text =
      try String(contentsOfFile: fixture("clinic.survey"), encoding: .utf8)
      .replacingOccurrences(of: "version \"1\"", with: "version \"2\"")
      + "\n  question contacted yesno\n    \"May we contact you again?\"\n"
    let compiled = SurveyCompiler.compile(text, file: "clinic2.survey")
    #expect(!compiled.hasErrors, "\(compiled.diagnostics)")
    let v2 = (compiled.survey, Formatter.format(compiled.syntax))
    let file = scratch.path("v2.csv")
    try """
    respondent_id,framing,list_experiment,visits,delayed,services,trust,visit_date,weight,items,comment,contacted
    N1,platform,control,7,1,2,3,2025-06-01,65,1,,1
    N2,neutral,treatment,-8,0,,,2025-06-02,,3,,

    """.write(toFile: file, atomically: true, encoding: .utf8)
    let second = try store.importFile(request(file, survey: v2))
    #expect(second.accepted == 2)

    let visits = try store.column("visits", survey: "clinic_trust")
    #expect(visits.versions == ["1", "2"])
    #expect(visits.versionIndex == [0, 0, 0, 0, 1, 1])
    #expect(visits.answers == [.number(3), .missing(-8), .number(0), .number(12), .number(7), .missing(-8)])
    let services = try store.column("services", survey: "clinic_trust")
    #expect(services.answers == [.codes([1, 3]), .notAsked, .notAsked, .codes([2, 3]), .codes([2]), .notAsked])
    let trust = try store.column("trust", survey: "clinic_trust")
    #expect(trust.answers[2] == .notAnswered && trust.answers[5] == .notAnswered)
    let contacted = try store.column("contacted", survey: "clinic_trust")
    #expect(contacted.versions == ["2"] && contacted.answers == [.code(1), .notAnswered])
    let framing = try store.column("framing", survey: "clinic_trust")
    #expect(framing.answers.first == .arm("neutral"))
    #expect(try store.column("visits", survey: "no_such_survey").answers.isEmpty)
  }
}
