import Foundation
import Testing

/// The `confide` command as a user sees it: exit status, standard output and standard error.
/// Exit status: 0 success (warnings allowed), 1 problems found, 2 usage errors.
@Suite struct CLITests {
  static let nhs = CLI.shipped("nhs-data-trust.survey")
  static let clinic = CLI.shipped("clinic-feedback.survey")

  /// A survey with one error (an unknown choice in a condition) and nothing else.
  static let withError = """
    survey broken
      title "Broken"
      version "1"
      languages en

    section s "Section"
      question used yesno
        "Have you used the service?"

      question why text
        "Why?"
        show if used = maybe

    """

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  // MARK: General

  @Test func version() throws {
    let r = try CLI.run(["--version"])
    #expect(r.status == 0)
    #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3, "\(r)")
  }

  @Test func unknownSubcommand() throws {
    let r = try CLI.run(["frobnicate"])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("Usage: confide"), "\(r)")
  }

  // MARK: check

  @Test func checkCleanFile() throws {
    for file in [Self.nhs, Self.clinic] {
      let r = try CLI.run(["check", file])
      #expect(r.status == 0, "\(r)")
      #expect(r.stderr.isEmpty, "\(r)")
      #expect(r.stdout.isEmpty, "\(r)")
    }
  }

  @Test func checkFileWithErrors() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = try folder.write("broken.survey", Self.withError)
    let r = try CLI.run(["check", file])
    #expect(r.status == 1, "\(r)")
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.hasPrefix("\(file):12:20: error: 'maybe' is not an option of 'used'"), "\(r)")
    #expect(r.stderr.contains(" 12 |     show if used = maybe\n"), "the source line is quoted: \(r)")
    #expect(r.stderr.hasSuffix("\(file): 1 error, 0 warnings\n"), "\(r)")
    #expect(!r.stderr.contains("\u{1B}["), "no colour when NO_COLOR is set")
  }

  @Test func checkSeveralFilesSummarises() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = try folder.write("broken.survey", Self.withError)
    let r = try CLI.run(["check", Self.nhs, file])
    #expect(r.status == 1, "one bad file fails the run")
    #expect(r.stderr.hasSuffix("2 files: 1 error, 0 warnings\n"), "\(r)")
    let clean = try CLI.run(["check", Self.nhs, Self.clinic])
    #expect(clean.status == 0)
    #expect(clean.stderr == "2 files: 0 errors, 0 warnings\n", "\(clean)")
  }

  @Test func checkJSON() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = try folder.write("broken.survey", Self.withError)
    let r = try CLI.run(["check", "--format", "json", file])
    #expect(r.status == 1, "\(r)")
    #expect(r.stderr.isEmpty, "JSON goes to standard output only")
    let object = try Self.json(r.stdout)
    #expect(object["version"] as? Int == 1)
    let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.count == 1)
    let d = try #require(diagnostics.first)
    #expect(d["severity"] as? String == "error")
    #expect(d["file"] as? String == file)
    #expect(d["line"] as? Int == 12 && d["column"] as? Int == 20)
    #expect(d["endLine"] as? Int == 12 && d["endColumn"] as? Int == 25)
    #expect((d["id"] as? String)?.isEmpty == false)
    #expect((d["message"] as? String)?.isEmpty == false)
    #expect(d["notes"] is [Any] && d["fixIts"] is [Any])

    let clean = try CLI.run(["check", "--format", "json", Self.nhs])
    #expect(clean.status == 0)
    let cleanObject = try Self.json(clean.stdout)
    #expect(cleanObject["version"] as? Int == 1)
    #expect((cleanObject["diagnostics"] as? [Any])?.isEmpty == true)
  }

  @Test func unknownOption() throws {
    let r = try CLI.run(["check", "--bogus", Self.nhs])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("Unknown option '--bogus'"), "\(r)")
    #expect(r.stderr.contains("Usage: confide check"), "\(r)")
  }

  @Test func badOptionValue() throws {
    let r = try CLI.run(["check", "--format", "xml", Self.nhs])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("'xml'"), "\(r)")
  }

  @Test func missingArgument() throws {
    let r = try CLI.run(["check"])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("Usage: confide check"), "\(r)")
  }

  @Test func missingFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let r = try CLI.run(["check", "nope.survey"], in: folder.url)
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr == "error: cannot read 'nope.survey': no such file\n", "\(r)")
  }

  @Test func nonUTF8File() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = folder.path("latin1.survey")
    // "survey café" in Latin-1.
    try Data([0x73, 0x75, 0x72, 0x76, 0x65, 0x79, 0x20, 0x63, 0x61, 0x66, 0xE9, 0x0A]).write(
      to: URL(fileURLWithPath: file))
    let r = try CLI.run(["check", file])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr == "error: cannot read '\(file)': it is not UTF-8 text\n", "\(r)")
  }

  @Test func directory() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let r = try CLI.run(["check", folder.url.path])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr == "error: cannot read '\(folder.url.path)': it is a folder\n", "\(r)")
  }

  // MARK: fmt

  @Test func fmtCheckFormatted() throws {
    let r = try CLI.run(["fmt", "--check", Self.nhs, Self.clinic])
    #expect(r.status == 0, "\(r)")
    #expect(r.stderr.isEmpty && r.stdout.isEmpty, "\(r)")
  }

  /// The shipped survey with layout damage only: extra spaces, extra blank lines, trailing spaces.
  static func unformatted() throws -> String {
    let text = try String(contentsOfFile: nhs, encoding: .utf8)
    return text.replacingOccurrences(of: "survey nhs_data_trust", with: "survey   nhs_data_trust")
      .replacingOccurrences(of: "\nsection about_you", with: "\n\n\n\nsection about_you")
      .replacingOccurrences(of: "  version \"2026.1\"\n", with: "  version    \"2026.1\"   \n")
  }

  @Test func fmtCheckUnformatted() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = try folder.write("messy.survey", try Self.unformatted())
    let before = try String(contentsOfFile: file, encoding: .utf8)
    let r = try CLI.run(["fmt", "--check", file])
    #expect(r.status == 1, "\(r)")
    #expect(r.stderr == "\(file): not formatted (run 'confide fmt \(file)')\n", "\(r)")
    #expect(try String(contentsOfFile: file, encoding: .utf8) == before, "--check writes nothing")
  }

  @Test func fmtRewritesAndIsIdempotent() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = try folder.write("messy.survey", try Self.unformatted())
    let first = try CLI.run(["fmt", file])
    #expect(first.status == 0, "\(first)")
    #expect(first.stderr == "formatted \(file)\n", "\(first)")
    let formatted = try String(contentsOfFile: file, encoding: .utf8)
    #expect(formatted == (try String(contentsOfFile: Self.nhs, encoding: .utf8)), "back to the shipped layout")
    let second = try CLI.run(["fmt", file])
    #expect(second.status == 0 && second.stderr.isEmpty, "nothing left to change: \(second)")
    #expect(try String(contentsOfFile: file, encoding: .utf8) == formatted)
    #expect(try CLI.run(["fmt", "--check", file]).status == 0)
    #expect(try CLI.run(["check", file]).status == 0)
  }

  @Test func fmtStdout() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = try folder.write("messy.survey", try Self.unformatted())
    let r = try CLI.run(["fmt", "--stdout", file])
    #expect(r.status == 0)
    #expect(r.stdout == (try String(contentsOfFile: Self.nhs, encoding: .utf8)))
    #expect(try String(contentsOfFile: file, encoding: .utf8) == (try Self.unformatted()), "the file is not rewritten")
  }

  @Test func fmtRefusesSyntaxErrors() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let text = "survey   broken\n  title \"no closing quote\n  version \"1\"\n"
    let file = try folder.write("broken.survey", text)
    let r = try CLI.run(["fmt", file])
    #expect(r.status == 1, "\(r)")
    #expect(r.stderr.contains("\(file):2:9: error: "), "\(r)")
    #expect(r.stderr.hasSuffix("\(file): not formatted because of syntax errors\n"), "\(r)")
    #expect(try String(contentsOfFile: file, encoding: .utf8) == text, "the file is untouched")
  }

  // MARK: new

  @Test func newWritesACleanSurvey() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let r = try CLI.run(["new", "clinic-trust", "-o", folder.url.path])
    #expect(r.status == 0, "\(r)")
    let file = folder.path("clinic-trust.survey")
    #expect(FileManager.default.fileExists(atPath: file))
    #expect(r.stderr.hasPrefix("wrote \(file)"), "\(r)")
    let check = try CLI.run(["check", file])
    #expect(check.status == 0 && check.stderr.isEmpty, "\(check)")
    #expect(try CLI.run(["fmt", "--check", file]).status == 0)
    let text = try String(contentsOfFile: file, encoding: .utf8)
    #expect(text.contains("survey clinic_trust\n"))

    let again = try CLI.run(["new", "clinic-trust", "-o", folder.url.path])
    #expect(again.status == 2, "\(again)")
    #expect(again.stderr.contains("already exists"), "\(again)")
    #expect(try String(contentsOfFile: file, encoding: .utf8) == text, "the first file is kept")
  }

  @Test func newNamesTheFileAfterTheSurveyID() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let r = try CLI.run(["new", "Clinic trust 2026", "-o", folder.url.path])
    #expect(r.status == 0, "\(r)")
    let file = folder.path("clinic-trust-2026.survey")
    #expect(FileManager.default.fileExists(atPath: file), "\(r)")
    #expect(try CLI.run(["check", file]).status == 0)
    #expect(try String(contentsOfFile: file, encoding: .utf8).contains("  title \"Clinic trust 2026\"\n"))
  }

  @Test func newWithAQuoteInTheName() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let r = try CLI.run(["new", #"Dr "Who" survey"#, "-o", folder.url.path])
    #expect(r.status == 0, "\(r)")
    let check = try CLI.run(["check", folder.path("dr-who-survey.survey")])
    #expect(check.status != 2, "the file was written: \(check)")
    #expect(check.status == 0, "\(check)")
  }

  @Test func newDefaultsToTheSurveysFolder() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try FileManager.default.createDirectory(
      at: folder.url.appendingPathComponent("surveys"), withIntermediateDirectories: true)
    let r = try CLI.run(["new", "pilot.survey"], in: folder.url)
    #expect(r.status == 0, "\(r)")
    #expect(
      FileManager.default.fileExists(atPath: folder.path("surveys/pilot.survey")), "the .survey suffix is not doubled")
  }

  @Test func newRefusesAPath() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let r = try CLI.run(["new", "a/b", "-o", folder.url.path])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("plain name"), "\(r)")
  }

  // MARK: preview

  @Test func previewUnknownLanguage() throws {
    let r = try CLI.run(["preview", "--lang", "fr", Self.nhs])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr == "error: the survey is not written in 'fr' (it has: en, cy)\n", "\(r)")
    #expect(r.stdout.isEmpty)
  }

  @Test func previewUnknownArm() throws {
    let r = try CLI.run(["preview", "--arm", "nope", Self.nhs])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr == "error: no experiment has an arm 'nope'\n", "\(r)")
  }

  @Test func previewFormats() throws {
    let html = try CLI.run(["preview", "--format", "html", Self.nhs])
    #expect(html.status == 0)
    #expect(html.stdout.hasPrefix("<!DOCTYPE html>\n"))
    let markdown = try CLI.run(["preview", "--format", "markdown", "--lang", "cy", Self.nhs])
    #expect(markdown.status == 0)
    #expect(markdown.stdout.hasPrefix("# Eich cofnodion iechyd a'ch gofal\n"))
    let text = try CLI.run(["preview", "--arm", "enforcement", "--arm", "list_experiment=treatment", Self.nhs])
    #expect(text.status == 0)
    #expect(text.stdout.contains("(version 2026.1, language en, framing = enforcement, list_experiment = treatment)"))
    #expect(text.stdout.contains("Enter a number from 0 to 5."))
  }

  @Test func previewToFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let out = folder.path("preview.html")
    let r = try CLI.run(["preview", "--format", "html", "-o", out, Self.clinic])
    #expect(r.status == 0 && r.stdout.isEmpty, "\(r)")
    #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
  }

  @Test func previewOfAFileWithErrors() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let file = try folder.write("broken.survey", Self.withError)
    let r = try CLI.run(["preview", file])
    #expect(r.status == 1, "\(r)")
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.hasSuffix("\(file): 1 error, 0 warnings; fix the errors first\n"), "\(r)")
  }

  // MARK: describe

  @Test func describeJSON() throws {
    let r = try CLI.run(["describe", "--format", "json", Self.nhs])
    #expect(r.status == 0, "\(r)")
    let object = try Self.json(r.stdout)
    #expect(object["schema"] as? String == "confide.codebook/1")
    let survey = try #require(object["survey"] as? [String: Any])
    #expect(survey["id"] as? String == "nhs_data_trust")
    let variables = try #require(object["variables"] as? [[String: Any]])
    #expect(variables.contains { $0["name"] as? String == "services_avoided" })
  }

  @Test func describeText() throws {
    let r = try CLI.run(["describe", Self.clinic, "--lang", "cy"])
    #expect(r.status == 0, "\(r)")
    #expect(
      r.stdout.hasPrefix(
        "Codebook: Eich cofnodion iechyd rhywiol: adborth gan gleifion (clinic_feedback, version 2026.1)\n"))
    let bad = try CLI.run(["describe", Self.clinic, "--lang", "fr"])
    #expect(bad.status == 2, "\(bad)")
    #expect(bad.stderr == "error: the survey is not written in 'fr' (it has: en, cy)\n")
  }

  // MARK: diff

  @Test func diffIdentical() throws {
    let r = try CLI.run(["diff", Self.nhs, Self.nhs])
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout.contains("No changes."), "\(r)")
  }

  @Test func diffBreakingAndCompatible() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let text = try String(contentsOfFile: Self.nhs, encoding: .utf8)
    let bumped = text.replacingOccurrences(of: "version \"2026.1\"", with: "version \"2026.2\"")
    // Removing a question breaks comparability.
    let removed = try folder.write(
      "removed.survey",
      bumped.replacingOccurrences(
        of: "  question asked_not_record yesno yes_no_am\n", with: "  question asked_not_record_v2 yesno yes_no_am\n"
      ).replacingOccurrences(
        of: "have you asked a health professional not to", with: "did you ask a health professional not to"))
    let r = try CLI.run(["diff", Self.nhs, removed])
    #expect(r.status == 1, "\(r)")
    #expect(r.stdout.contains("breaking   asked_not_record     removed;"), "\(r)")
    #expect(r.stdout.contains("compatible asked_not_record_v2  added;"), "\(r)")
    #expect(r.stdout.hasSuffix("Data collected under the two versions cannot be pooled without a reviewed mapping.\n"))

    // Rewording is for review, not breaking: exit 0.
    let reworded = try folder.write(
      "reworded.survey",
      bumped.replacingOccurrences(
        of: "tell us about how your health records are used?", with: "tell us about the use of your health records?"))
    let ok = try CLI.run(["diff", Self.nhs, reworded])
    #expect(ok.status == 0, "\(ok)")
    #expect(ok.stdout.contains("review     comment  wording changed:"), "\(ok)")

    let json = try CLI.run(["diff", "--format", "json", Self.nhs, removed])
    #expect(json.status == 1)
    let object = try Self.json(json.stdout)
    #expect(object["schema"] as? String == "confide.diff/1")
    #expect(object["breaking"] as? Bool == true)
    #expect((object["changes"] as? [[String: Any]])?.first?["impact"] as? String == "breaking")
  }

  @Test func diffOfAMissingFile() throws {
    let r = try CLI.run(["diff", Self.nhs, "/nonexistent/new.survey"])
    #expect(r.status == 2, "\(r)")
    #expect(r.stderr.contains("cannot read '/nonexistent/new.survey'"), "\(r)")
  }
}
