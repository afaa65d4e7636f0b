import Foundation
import GRDB
import GRDBSQLite
import Testing

@testable import ConfideStore

/// `BoundParameters` skips a binding only when the parameter already holds the same value: the
/// rows stored through it are the rows given, whatever the sequence of values and types.
@Suite struct BoundParametersTests {
  enum Value: Equatable {
    case integer(Int64), real(Double), null, name(String), text(String)
  }

  @Test func storesEveryRowAsGivenWhateverRepeats() throws {
    let queue = try DatabaseQueue()
    let rows: [[Value]] = [
      [.integer(1), .real(0.5), .null, .name("care_team")],
      [.integer(1), .real(0.5), .null, .name("care_team")],
      [.null, .real(-0.0), .integer(0), .name("research")],
      [.integer(1), .real(0.0), .integer(0), .text("care_team")],
      [.integer(2), .null, .integer(1), .name("care_team")],
      [.real(1), .integer(1), .name("1"), .null],
      [.integer(1), .real(1), .text("x"), .name("research")],
    ]
    let stored = try queue.write { db -> [[DatabaseValue]] in
      try db.execute(sql: "CREATE TABLE t (a, b, c, d)")
      let statement = try db.makeStatement(sql: "INSERT INTO t VALUES (?, ?, ?, ?)")
      let s = statement.sqliteStatement
      let bound = BoundParameters(count: 4)
      for row in rows {
        for (i, value) in row.enumerated() {
          let p = Int32(i + 1)
          switch value {
          case .integer(let n): bound.integer(s, p, n)
          case .real(let x): bound.real(s, p, x)
          case .null: bound.null(s, p)
          case .name(let t): bound.name(s, p, t)
          case .text(let t):
            _ = sqlite3_bind_text(s, p, t, -1, sqliteTransient)
            bound.forget(p)
          }
        }
        #expect(sqlite3_step(s) == SQLITE_DONE)
        sqlite3_reset(s)
      }
      sqlite3_clear_bindings(s)
      bound.forget()
      return try Row.fetchAll(db, sql: "SELECT a, b, c, d FROM t ORDER BY rowid").map { row in
        (0..<4).map { row[$0] as DatabaseValue }
      }
    }
    #expect(stored.count == rows.count)
    for (given, back) in zip(rows, stored) {
      let expected: [DatabaseValue] = given.map { value in
        switch value {
        case .integer(let n): n.databaseValue
        case .real(let x): x.databaseValue
        case .null: .null
        case .name(let t), .text(let t): t.databaseValue
        }
      }
      #expect(back == expected)
    }
    let types = try queue.read { db in try String.fetchAll(db, sql: "SELECT typeof(b) FROM t ORDER BY rowid") }
    #expect(types == ["real", "real", "real", "real", "null", "integer", "real"])
  }
}
