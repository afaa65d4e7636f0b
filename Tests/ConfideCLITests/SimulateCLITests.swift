import Foundation
import Testing

/// `confide simulate` as a user runs it.
@Suite struct SimulateCLITests {
  static let nhs = CLI.shipped("nhs-data-trust.survey")

  @Test func writesCSVToStandardOutput() throws {
    let r = try CLI.run(["simulate", Self.nhs, "--n", "25", "--seed", "3"])
    #expect(r.status == 0, "\(r)")
    #expect(r.stderr.isEmpty, "\(r)")
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first?.hasPrefix("respondent_id,framing,list_experiment,age_band,sex,region,") == true)
    #expect(lines.first?.hasSuffix(",list_count,comment") == true)
    #expect(lines.dropFirst().first?.hasPrefix("R01,") == true, "ids padded to the width of 25")
    #expect(r.stdout.hasSuffix("\n"))
    #expect(lines.filter { !$0.isEmpty }.count >= 26, "a header and 25 respondents (comments may hold line breaks)")
  }

  @Test func theSeedFixesTheOutput() throws {
    let a = try CLI.run(["simulate", Self.nhs, "-n", "200", "--seed", "5"])
    let b = try CLI.run(["simulate", Self.nhs, "-n", "200", "--seed", "5"])
    let c = try CLI.run(["simulate", Self.nhs, "-n", "200", "--seed", "6"])
    #expect(a.status == 0 && b.status == 0 && c.status == 0)
    #expect(a.stdout == b.stdout)
    #expect(a.stdout != c.stdout)
    let defaulted = try CLI.run(["simulate", Self.nhs, "-n", "200"])
    let one = try CLI.run(["simulate", Self.nhs, "-n", "200", "--seed", "1"])
    #expect(defaulted.stdout == one.stdout, "the seed defaults to 1")
  }

  @Test func writesAnOwnerOnlyFileInTheFormatItsNameImplies() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let jsonl = folder.path("sim.jsonl")
    let r = try CLI.run(["simulate", Self.nhs, "--n", "50", "-o", jsonl])
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout.isEmpty && r.stderr.isEmpty, "\(r)")
    let permissions = try FileManager.default.attributesOfItem(atPath: jsonl)[.posixPermissions] as? Int
    #expect(permissions == 0o600)
    let lines = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 50)
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(first["respondent_id"] as? String == "R01")

    // An existing file is replaced, and made owner-only; --format wins over the extension.
    let csv = folder.path("sim.jsonl2")
    _ = FileManager.default.createFile(atPath: csv, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
    let again = try CLI.run(["simulate", Self.nhs, "--n", "5", "-o", csv, "--format", "csv"])
    #expect(again.status == 0, "\(again)")
    #expect(try String(contentsOfFile: csv, encoding: .utf8).hasPrefix("respondent_id,framing,"))
    #expect(try FileManager.default.attributesOfItem(atPath: csv)[.posixPermissions] as? Int == 0o600)
  }

  @Test func plantsEffects() throws {
    let r = try CLI.run([
      "simulate", Self.nhs, "--n", "10", "--effect", "seek_care_likely -1 if framing = enforcement",
      "--effect", "delayed_care +0.1 if born_outside_uk = yes", "--effect", "list_count +0.15",
    ])
    #expect(r.status == 0, "\(r)")
  }

  @Test func aBadConditionIsShownAgainstTheEffect() throws {
    let r = try CLI.run(["simulate", Self.nhs, "--n", "10", "--effect", "seek_care_likely -1 if framing = enforcment"])
    #expect(r.status == 2, "\(r)")
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr == """
        --effect:1:34: error: experiment 'framing' has no arm 'enforcment'
         1 | seek_care_likely -1 if framing = enforcment
           |                                  ^~~~~~~~~~
            = help: did you mean 'enforcement'?
        error: the condition of the effect on 'seek_care_likely' is not valid

        """, "\(r)")
  }

  @Test(arguments: [
    (
      "seek_care_likly -1",
      "error: the effect names 'seek_care_likly', which is not a variable the simulator can shift; use one of: "
    ),
    (
      "age_band 1", "error: an effect cannot shift 'age_band' (single); effects shift rating, matrix, yes/no, integer, "
    ),
    (
      "seek_care_likely lots", "error: cannot read the effect 'seek_care_likely lots': expected a shift (a number such "
    ),
    (
      "delayed_care 0.1 if seek_care_likely = very_likely",
      "error: the condition of the effect on 'delayed_care' names 'seek_care_likely', which is not asked before",
    ),
  ])
  func badEffectsAreUsageErrors(_ effect: String, _ message: String) throws {
    let r = try CLI.run(["simulate", Self.nhs, "--n", "10", "--effect", effect])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.hasPrefix(message), "\(r)")
    #expect(r.stdout.isEmpty)
  }

  @Test(arguments: [["--n", "0"], ["--n", "5", "--identifier-rate", "1.5"], ["--n", "5", "--format", "xml"], []])
  func badOptionsAreUsageErrors(_ options: [String]) throws {
    let r = try CLI.run(["simulate", Self.nhs] + options)
    #expect(r.status == 2, "\(r)")
    #expect(r.stdout.isEmpty)
  }

  @Test func refusesASurveyWithErrors() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = try folder.write("broken.survey", CLITests.withError)
    let r = try CLI.run(["simulate", file, "--n", "5"])
    #expect(r.status == 1, "\(r)")
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.hasSuffix("\(file): 1 error, 0 warnings; fix the errors first\n"), "\(r)")
  }

  @Test func helpExplainsEffectsAndPlantedIdentifiers() throws {
    let r = try CLI.run(["simulate", "--help"])
    #expect(r.status == 0)
    // Help is wrapped to the terminal's width.
    let text = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for phrase in ["--effect", "--identifier-rate", "999 test range", "example.org", "07700 900xxx", "--seed"] {
      #expect(text.contains(phrase), "\(phrase)")
    }
  }

  @Test func plantsIdentifiersOnlyWhenAsked() throws {
    let clean = try CLI.run(["simulate", Self.nhs, "--n", "400", "--seed", "2"])
    #expect(!clean.stdout.contains("@example.org") && !clean.stdout.contains("07700 900"))
    let planted = try CLI.run(["simulate", Self.nhs, "--n", "400", "--seed", "2", "--identifier-rate", "1"])
    #expect(planted.status == 0)
    #expect(planted.stdout.contains("@example.org") || planted.stdout.contains("07700 900"))
  }
}
