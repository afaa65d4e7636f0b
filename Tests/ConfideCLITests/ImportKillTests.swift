import ConfideStore
import Foundation
import Testing

/// An import is one transaction: killed at any moment, the store holds the whole batch or none
/// of it, and is sound.
@Suite struct ImportKillTests {
  static let survey = CLI.repository.appendingPathComponent("Tests/ConfideStoreTests/Fixtures/import/clinic.survey")
    .path

  /// `n` valid rows of the clinic fixture survey.
  static func rows(_ n: Int) -> String {
    var out = "respondent_id,framing,list_experiment,visits,delayed,services,trust,visit_date,weight,items,comment\n"
    out.reserveCapacity(n * 64)
    for i in 0..<n {
      let delayed = i % 3 == 0 ? "1" : "0"
      let services = delayed == "1" ? "\(1 + i % 3)" : ""
      out += "K\(i),\(i % 2 == 0 ? "neutral" : "platform"),\(i % 4 < 2 ? "control" : "treatment"),\(i % 40),"
      out += "\(delayed),\(services),\(1 + i % 3),2025-0\(1 + i % 9)-1\(i % 10),\(50 + i % 70),\(i % 3),"
      out += i % 5 == 0 ? "\"comment, number \(i)\"\n" : "\n"
    }
    return out
  }

  @Test func killedImportsLeaveTheWholeBatchOrNone() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let n = 60_000
    let file = try folder.write("big.csv", Self.rows(n))
    let db = folder.path("kill.db")
    let executable = try #require(CLI.executable)
    // Kill at moments spread over the import (it takes a few seconds in a debug build),
    // including the very start and, with luck, the commit.
    let delays: [Double] = [0.005, 0.05, 0.2, 0.4, 0.7, 1.0, 1.4, 1.9, 2.5, 3.2]
    var sawNone = false
    for delay in delays {
      let process = Process()
      process.executableURL = executable
      process.arguments = ["import", file, "--survey", Self.survey, "--db", db, "--quiet"]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()

      guard FileManager.default.fileExists(atPath: db) else {
        sawNone = true
        continue
      }
      // The import runs with a rollback journal: a kill may leave it hot, and opening the
      // store rolls it back before returning to WAL mode.
      let store = try ResponseStore(path: db)
      #expect(try store.integrityCheck() == ["ok"], "after a kill at \(delay) s")
      #expect(!FileManager.default.fileExists(atPath: db + "-journal"), "the journal was rolled back")
      let status = try store.status()
      let batches = status.surveys.flatMap(\.versions).flatMap(\.batches)
      if batches.isEmpty {
        #expect(status.responses == 0 && status.quarantined == 0, "no batch, so no rows (kill at \(delay) s)")
        sawNone = true
      } else {
        #expect(batches.count == 1, "never a second batch of the same file")
        #expect(batches[0].accepted == n && status.responses == n, "the whole batch (kill at \(delay) s)")
      }
    }
    #expect(sawNone, "at least one kill came before the commit")
    // Finishing the import afterwards gives the whole batch exactly once.
    let finish = try CLI.run(["import", file, "--survey", Self.survey, "--db", db, "--quiet"])
    #expect(finish.status == 0, "\(finish)")
    let status = try ResponseStore(path: db).status()
    #expect(status.responses == n && status.quarantined == 0)
    #expect(status.surveys.flatMap(\.versions).flatMap(\.batches).count == 1)
  }
}
