import Foundation
import GRDB

/// The embedded SQLite database that holds survey versions, import batches, responses and the
/// quarantine.
///
/// Opening a store creates it if needed (mode 0600, write-ahead logging, foreign keys on), checks
/// that an existing file is a Confide store of a schema this version understands, and upgrades it
/// with versioned migrations. The pseudonym key lives beside the file (see ``PseudonymKey``).
public final class ResponseStore: Sendable {
  /// Identifies Confide stores in the SQLite header (`PRAGMA application_id`): "Cnfd".
  static let applicationID: Int32 = 0x436E_6664
  /// The newest schema this version of Confide reads and writes.
  public static let schemaVersion = Migrations.latest

  /// The database file's path.
  public let path: String
  let database: DatabaseQueue
  /// The key that turns respondent identifiers into pseudonyms.
  public let pseudonyms: PseudonymKey

  /// Opens the store at `path`, creating it (and its key) if it does not exist.
  public init(path: String) throws(StoreError) {
    self.path = path
    let exists = FileManager.default.fileExists(atPath: path)
    if !exists {
      // Create the file owner-only before SQLite opens it; SQLite gives its -wal and -shm files
      // the same permissions as the database.
      try OwnerOnlyFile.create(path)
    } else {
      try Self.checkHeader(path)
    }
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.label = "confide-store"
    configuration.prepareDatabase { db in
      // 16 KiB pages (set before the first table, so only new stores) make bulk imports cheaper.
      try db.execute(sql: "PRAGMA page_size = 16384")
      try db.execute(sql: "PRAGMA journal_mode = WAL")
      try db.execute(sql: "PRAGMA secure_delete = ON")
    }
    do {
      database = try DatabaseQueue(path: path, configuration: configuration)
      try database.write { db in
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        // GRDB creates its bookkeeping table before the first migration, so a store whose
        // creation was interrupted may hold that table alone: it is still ours to finish.
        let tables =
          try Int.fetchOne(
            db,
            sql:
              "SELECT count(*) FROM sqlite_master WHERE name NOT IN ('grdb_migrations', 'sqlite_autoindex_grdb_migrations_1')"
          )
          ?? 0
        if tables > 0, id != Self.applicationID { throw StoreError.notAConfideDatabase(path: path) }
        if version > Migrations.latest {
          throw StoreError.newerVersion(path: path, found: version, supported: Migrations.latest)
        }
      }
      try Migrations.migrator.migrate(database)
      try database.write { db in
        try db.execute(sql: "PRAGMA application_id = \(Self.applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(Migrations.latest)")
      }
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
      throw .notAConfideDatabase(path: path)
    } catch let error as DatabaseError where Self.isBusy(error) {
      throw .busy(path: path)
    } catch let error as DatabaseError {
      throw .database(Self.describe(error))
    } catch {
      throw .database(String(describing: type(of: error)))
    }
    pseudonyms = try PseudonymKey.loadOrCreate(forStore: path)
  }

  /// Whether SQLite could not take a lock because another connection holds the file.
  static func isBusy(_ error: DatabaseError) -> Bool {
    error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
  }

  /// An SQLite error's code and message, never the statement's arguments (they may be answers).
  static func describe(_ error: DatabaseError) -> String {
    "\(error.resultCode): \(error.message ?? "unknown error")"
  }

  /// Refuses a non-empty file whose first bytes are not the SQLite header.
  private static func checkHeader(_ path: String) throws(StoreError) {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .io(path: path, reason: "permission denied")
    }
    defer { try? handle.close() }
    let header = (try? handle.read(upToCount: 16)) ?? Data()
    if header.isEmpty { return }
    if header != Data("SQLite format 3\u{0}".utf8) { throw .notAConfideDatabase(path: path) }
  }

  /// Runs `body` in one transaction; it commits only if `body` returns.
  func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try database.write(body)
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError where Self.isBusy(error) {
      throw .busy(path: path)
    } catch let error as DatabaseError {
      throw .database(Self.describe(error))
    } catch {
      throw .database(String(describing: type(of: error)))
    }
  }

  /// Reads in a consistent snapshot.
  func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try database.read(body)
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError where Self.isBusy(error) {
      throw .busy(path: path)
    } catch let error as DatabaseError {
      throw .database(Self.describe(error))
    } catch {
      throw .database(String(describing: type(of: error)))
    }
  }

  /// The result of `PRAGMA integrity_check`: `["ok"]` for a sound file.
  public func integrityCheck() throws(StoreError) -> [String] {
    try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
  }
}
