import GRDB

/// What `confide withdraw` erased.
public struct Withdrawal: Sendable, Equatable {
  /// Stored responses erased (one per survey version the respondent answered).
  public var responses: Int
  /// Quarantined rows erased.
  public var quarantined: Int

  public init(responses: Int, quarantined: Int) {
    self.responses = responses
    self.quarantined = quarantined
  }
}

extension ResponseStore {
  /// Erases one respondent: their responses (and answers) and quarantined rows, found by the
  /// identifier they give through its keyed pseudonym. The erasure is recorded in the audit
  /// table with counts only, never the identifier or pseudonym; deleted content is overwritten
  /// (`secure_delete`) and the write-ahead log is checkpointed and truncated, so no copy of the
  /// answers remains in the store's files.
  public func withdraw(identifier: String) throws(StoreError) -> Withdrawal {
    let pseudonym = pseudonyms.pseudonym(for: identifier)
    let result = try write { db in
      try db.execute(
        sql: """
          DELETE FROM quarantine WHERE pseudonym = ?
          """, arguments: [pseudonym])
      let quarantined = db.changesCount
      // The answer tables' rows go with their response (ON DELETE CASCADE). Each version's
      // respondent index finds the response (the version in the SQL is the store's integer id).
      var responses = 0
      for version in try Int64.fetchAll(db, sql: "SELECT id FROM survey_version ORDER BY id") {
        try db.execute(
          sql: "DELETE FROM response WHERE survey_version_id = \(version) AND pseudonym = ?", arguments: [pseudonym])
        responses += db.changesCount
      }
      if responses + quarantined > 0 {
        try db.execute(
          sql: "INSERT INTO audit (at, action, detail) VALUES (?, 'withdraw', ?)",
          arguments: [
            Timestamp.now(), "erased \(responses) responses and \(quarantined) quarantined rows of one respondent",
          ])
      }
      return Withdrawal(responses: responses, quarantined: quarantined)
    }
    try checkpoint()
    return result
  }

  /// Copies the write-ahead log into the database file and truncates it.
  func checkpoint() throws(StoreError) {
    do {
      try database.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      }
    } catch let error as DatabaseError {
      throw .database(Self.describe(error))
    } catch {
      throw .database(String(describing: type(of: error)))
    }
  }
}
