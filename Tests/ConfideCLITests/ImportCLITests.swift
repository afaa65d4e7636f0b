import ConfideStore
import Foundation
import Testing

/// `confide import`, `quarantine`, `withdraw` and `status` as a user runs them.
@Suite struct ImportCLITests {
  static let nhs = CLI.shipped("nhs-data-trust.survey")

  @Test(arguments: ["sim.csv", "sim.jsonl"])
  func simulatedResponsesImportWithNothingQuarantined(_ name: String) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = folder.path(name)
    let simulated = try CLI.run([
      "simulate", Self.nhs, "--n", "3000", "--seed", "11", "-o", file, "--identifier-rate", "0.2",
      "--effect", "seek_care_likely -1 if framing = enforcement",
    ])
    #expect(simulated.status == 0, "\(simulated)")
    let db = folder.path("r.db")
    let r = try CLI.run(["import", file, "--survey", Self.nhs, "--db", db, "--summary", "json"])
    #expect(r.status == 0, "\(r)")
    let summary = try JSONDecoder().decode(ImportSummary.self, from: Data(r.stdout.utf8))
    #expect(summary.rowsRead == 3000 && summary.accepted == 3000 && summary.quarantined == 0)
    #expect(summary.format == (name.hasSuffix("jsonl") ? .jsonl : .csv))
    #expect(summary.formatReason != nil, "auto says why it chose the format")
    #expect(summary.redactionTotal > 0, "planted identifiers are redacted")
    // Again: a no-op, said so, exit 0.
    let again = try CLI.run(["import", file, "--survey", Self.nhs, "--db", db])
    #expect(again.status == 0, "\(again)")
    #expect(again.stdout.contains("already imported as batch 1 on ") && again.stdout.hasSuffix("; nothing to do\n"))
    let status = try ResponseStore(path: db).status()
    #expect(status.responses == 3000 && status.quarantined == 0)
  }

  @Test func quarantinedRowsAreListedAndTheExitStatusSaysSo() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let survey = CLI.repository.appendingPathComponent("Tests/ConfideStoreTests/Fixtures/import/clinic.survey").path
    let data = CLI.repository.appendingPathComponent("Tests/ConfideStoreTests/Fixtures/import/invalid.csv").path
    let db = folder.path("r.db")
    let r = try CLI.run(["import", data, "--survey", survey, "--db", db])
    #expect(r.status == 1, "\(r)")
    #expect(r.stdout.contains("  accepted     1\n  quarantined  14\n"), "\(r)")
    #expect(r.stdout.contains("    2 with a number outside the question's range [out-of-range]"), "\(r)")
    #expect(r.stdout.contains("  see them with: confide quarantine --batch 1"), "\(r)")
    let listed = try CLI.run(["quarantine", "--db", db, "--batch", "1"])
    #expect(listed.status == 0)
    #expect(
      listed.stdout.contains(
        "batch 1, invalid.csv row 1 (line 2):\n  'visits' is outside its range 0..52 [out-of-range]"))
    #expect(listed.stdout.hasSuffix("14 rows in quarantine\n"))
    let csv = try CLI.run(["quarantine", "--db", db, "--format", "csv"])
    #expect(csv.stdout.hasPrefix("batch,source,row,line,reasons,framing,list_experiment,visits,"))
    let json = try CLI.run(["quarantine", "--db", db, "--format", "json"])
    #expect(json.stdout.contains("\"schema\" : \"confide.quarantine/1\""))
    let missingBatch = try CLI.run(["quarantine", "--db", db, "--batch", "7"])
    #expect(missingBatch.status == 2 && missingBatch.stderr.contains("there is no batch 7"))
  }

  @Test func badInputIsAClearErrorAndStoresNothing() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let survey = CLI.repository.appendingPathComponent("Tests/ConfideStoreTests/Fixtures/import/clinic.survey").path
    let db = folder.path("r.db")
    let header = "respondent_id,framing,list_experiment,visits,delayed,services,trust,visit_date,weight,items,comment\n"
    let ragged = try folder.write(
      "ragged.csv", header + "A1,neutral,control,3,0,,3,2025-04-01,70,2,\nA2,neutral,control,3,0\n")
    let r = try CLI.run(["import", ragged, "--survey", survey, "--db", db])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.hasPrefix("error: \(ragged):3:"), "\(r)")
    #expect(try ResponseStore(path: db).status().responses == 0, "the valid first row is not stored either")
    #expect(try ResponseStore(path: db).status().surveys.isEmpty)

    let binary = folder.path("binary.csv")
    _ = FileManager.default.createFile(atPath: binary, contents: Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 1, 2, 3]))
    let b = try CLI.run(["import", binary, "--survey", survey, "--db", db])
    #expect(b.status == 2 && b.stderr.hasPrefix("error: \(binary)"), "\(b)")

    let broken = try folder.write(
      "broken.survey", "survey x\n  title \"X\"\nsection s \"S\"\n  question q single nolist\n    \"Q?\"\n")
    let s = try CLI.run(["import", ragged, "--survey", broken, "--db", db])
    #expect(s.status == 1 && s.stderr.contains("fix the errors first"), "\(s)")

    let notAStore = try folder.write("notes.db", "these are my notes\n")
    let n = try CLI.run(["import", ragged, "--survey", survey, "--db", notAStore])
    #expect(n.status == 2 && n.stderr == "error: '\(notAStore)' is not a Confide response store\n", "\(n)")
    #expect(try String(contentsOfFile: notAStore, encoding: .utf8) == "these are my notes\n")
  }

  @Test func withdrawErasesOneRespondent() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let survey = CLI.repository.appendingPathComponent("Tests/ConfideStoreTests/Fixtures/import/clinic.survey").path
    let data = CLI.repository.appendingPathComponent("Tests/ConfideStoreTests/Fixtures/import/valid.csv").path
    let db = folder.path("r.db")
    _ = try CLI.run(["import", data, "--survey", survey, "--db", db])
    let w = try CLI.run(["withdraw", "P002", "--db", db])
    #expect(w.status == 0 && w.stdout.hasPrefix("Erased 1 response and 0 quarantined rows"), "\(w)")
    let again = try CLI.run(["withdraw", "P002", "--db", db])
    #expect(again.status == 1 && again.stderr.contains("no respondent with that identifier"), "\(again)")
    #expect(try ResponseStore(path: db).status().responses == 3)
  }
}
