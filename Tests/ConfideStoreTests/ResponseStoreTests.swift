import ConfideLanguage
import ConfideModel
import ConfideStore
import Foundation
import GRDB
import Testing

/// A fresh folder for one test's files, removed afterwards.
final class Scratch {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("confide-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
  deinit { try? FileManager.default.removeItem(at: url) }
}

func permissions(_ path: String) -> Int? {
  (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
}

let survey1 = """
  survey trust
    title "Trust"
    version "1"
    languages en
  section s "S"
    question q yesno
      "Have you delayed care?"
  """

@Suite struct ResponseStoreTests {
  @Test func createsOwnerOnlyFilesWithWAL() throws {
    let scratch = try Scratch()
    let path = scratch.path("responses.db")
    let store = try ResponseStore(path: path)
    #expect(permissions(path) == 0o600)
    #expect(permissions(PseudonymKey.path(forStore: path)) == 0o600)
    #expect(try store.integrityCheck() == ["ok"])
    let queue = try DatabaseQueue(path: path)
    let mode = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    #expect(mode == "wal")
    let version = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
    #expect(version == ResponseStore.schemaVersion)
  }

  /// While an import has the store to itself (a rollback journal and an exclusive lock), another
  /// process opening it is told so, not given SQLite's bare "database is locked".
  @Test func aStoreHeldByAWriterIsReportedBusy() throws {
    let scratch = try Scratch()
    let path = scratch.path("held.db")
    _ = try ResponseStore(path: path)
    var configuration = Configuration()
    configuration.allowsUnsafeTransactions = true
    let writer = try DatabaseQueue(path: path, configuration: configuration)
    try writer.writeWithoutTransaction { db in
      #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete")
      try db.execute(sql: "BEGIN EXCLUSIVE")
    }
    #expect(throws: StoreError.busy(path: path)) { try ResponseStore(path: path) }
    #expect(
      StoreError.busy(path: path).description
        == "'\(path)' is in use: another process is writing to it (an import holds the store until it commits); "
        + "try again when it has finished")
    try writer.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
    #expect(try ResponseStore(path: path).integrityCheck() == ["ok"], "usable once the writer is done")
  }

  @Test func pseudonymsAreKeyedAndStable() throws {
    let scratch = try Scratch()
    let path = scratch.path("a.db")
    let a = try ResponseStore(path: path).pseudonyms
    let again = try ResponseStore(path: path).pseudonyms
    let other = try ResponseStore(path: scratch.path("b.db")).pseudonyms
    #expect(a.pseudonym(for: "NHS-123") == again.pseudonym(for: " NHS-123 "))
    #expect(a.pseudonym(for: "NHS-123") != other.pseudonym(for: "NHS-123"), "keys differ between stores")
    #expect(a.pseudonym(for: "NHS-123").count == 32)
    #expect(a.pseudonym(for: "NHS-123") != Data("NHS-123".utf8))
  }

  @Test func pseudonymsAreHMACSHA256OfTheIdentifier() throws {
    // Reference values from Python: hmac.new(bytes(range(32)), id.encode(), hashlib.sha256).
    let scratch = try Scratch()
    let path = scratch.path("k.db")
    try Data((0..<32).map { UInt8($0) }).write(to: URL(fileURLWithPath: PseudonymKey.path(forStore: path)))
    let key = try PseudonymKey.loadOrCreate(forStore: path)
    func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }
    #expect(hex(key.pseudonym(for: "R0000001")) == "27f7dedb4ffbb46e43d3ee4aeb229ac618682e5a94cb822bff79eb43623293cb")
    #expect(hex(key.pseudonym(for: " NHS-123\t")) == "3e1641c73287189d0108fa32cf06e9b05009f2c8d851dedb57a0c7ebd507f27a")
    #expect(hex(key.pseudonym(for: "Zoë 😀")) == "eef33e6ceefd805d2f3a96a02b582d8f4838e9c00ff7c042084a6b84081ec4d9")
  }

  @Test func refusesAFileThatIsNotADatabase() throws {
    let scratch = try Scratch()
    let path = scratch.path("notes.db")
    try "respondent_id,q\n1,1\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: StoreError.notAConfideDatabase(path: path)) { try ResponseStore(path: path) }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "respondent_id,q\n1,1\n", "the file is untouched")
  }

  @Test func refusesAnotherApplicationsDatabase() throws {
    let scratch = try Scratch()
    let path = scratch.path("other.db")
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: "CREATE TABLE patients (id INTEGER PRIMARY KEY)") }
    #expect(throws: StoreError.notAConfideDatabase(path: path)) { try ResponseStore(path: path) }
  }

  @Test func refusesANewerSchema() throws {
    let scratch = try Scratch()
    let path = scratch.path("future.db")
    _ = try ResponseStore(path: path)
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: "PRAGMA user_version = 99") }
    #expect(throws: StoreError.newerVersion(path: path, found: 99, supported: ResponseStore.schemaVersion)) {
      try ResponseStore(path: path)
    }
  }

  @Test func registersVersionsByContentHash() throws {
    let scratch = try Scratch()
    let store = try ResponseStore(path: scratch.path("r.db"))
    let compiled = SurveyCompiler.compile(survey1, file: "t.survey")
    let canonical = Formatter.format(compiled.syntax)
    let first = try store.register(compiled.survey, canonicalText: canonical)
    let again = try store.register(compiled.survey, canonicalText: canonical)
    #expect(first.isNew && !again.isNew)
    #expect(first.id == again.id)
    #expect(first.contentHash == ResponseStore.contentHash(of: canonical))
    #expect(first.contentHash.count == 64)

    let v2Text = survey1.replacingOccurrences(of: "version \"1\"", with: "version \"2\"")
    let v2 = SurveyCompiler.compile(v2Text, file: "t.survey")
    let second = try store.register(v2.survey, canonicalText: Formatter.format(v2.syntax))
    #expect(second.isNew && second.id != first.id)

    let status = try store.status()
    #expect(status.surveys.map(\.id) == ["trust"])
    #expect(status.surveys[0].versions.map(\.version) == ["1", "2"], "two versions coexist")
    #expect(status.responses == 0 && status.quarantined == 0)
    let decoded = try JSONDecoder().decode(StoreStatus.self, from: Data(status.json().utf8))
    #expect(decoded == status)
    #expect(status.json().contains("\"schema\" : \"confide.status/1\""))
  }
}
