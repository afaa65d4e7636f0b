import ConfideModel
import ConfideStore
import Foundation
import Testing

@Suite struct FormatSniffingTests {
  @Test(arguments: [
    ("generic.csv", ImportFormat.csv, "the header has no platform's columns"),
    ("generic-semicolon.csv", .csv, "the header has no platform's columns"),
    ("generic.tsv", .csv, "the header has no platform's columns"),
    ("responses.jsonl", .jsonl, "the file name ends in .jsonl"),
    ("redcap.csv", .redcap, "the header has REDCap's 'redcap_survey_identifier' column"),
    ("qualtrics.csv", .qualtrics, "the third header row holds Qualtrics ImportIds"),
    ("qualtrics-legacy.csv", .qualtrics, "the second header row names Qualtrics' legacy ResponseID"),
    ("odk-central.csv", .odk, "the header has ODK's 'meta-instanceID' column"),
    ("kobo.csv", .odk, "the header has ODK's 'meta/instanceID' column"),
    ("limesurvey.csv", .limesurvey, "the header starts with LimeSurvey's id, submitdate, lastpage and startlanguage"),
    (
      "limesurvey-semicolon.csv", .limesurvey,
      "the header starts with LimeSurvey's id, submitdate, lastpage and startlanguage"
    ),
    ("surveyjs.json", .surveyjs, "the file is a JSON array"),
    ("surveyjs-wrapped.json", .surveyjs, "the file is a JSON object spanning several lines"),
  ])
  func sniffsEachFixture(_ name: String, _ format: ImportFormat, _ reason: String) throws {
    let sniffed = try ImportFormat.sniff(path: Exports.path(name))
    #expect(sniffed.format == format)
    #expect(sniffed.reason == reason)
    var source = try makeRecordSource(format: sniffed.format, context: Exports.context(Exports.path(name)))
    #expect(source.format == format)
    #expect(try !readAll(&source).isEmpty)
  }

  @Test func sniffsFromContent() throws {
    let scratch = try Scratch()
    let cases: [(String, String, ImportFormat, String)] = [
      ("a.txt", "{\"respondent_id\": 1}\n{\"respondent_id\": 2}\n", .jsonl, "each line is a JSON object"),
      ("b.json", "{\"results\": [{\"id\": 1}]}", .surveyjs, "the JSON object holds a 'results' array of results"),
      ("c.csv", "StartDate,EndDate,Status\n", .qualtrics, "the header starts with Qualtrics' StartDate and EndDate"),
      (
        "d.csv", "record_id,age_band,services_avoided___1\n", .redcap,
        "the first column is record_id and there are REDCap checkbox columns (name___code)"
      ),
      (
        "e.csv", "record_id,age_band,survey_complete\n", .redcap,
        "the first column is record_id and there are REDCap form status columns (_complete)"
      ),
      ("f.csv", "grp/age_band,grp/sex\n", .odk, "column names are ODK group paths (group/name)"),
      ("g.csv", "SubmissionDate,age_band\n", .odk, "the header has ODK's 'SubmissionDate' column"),
      ("h.csv", "record_id,age_band\n", .csv, "the header has no platform's columns"),
      ("i.ndjson", "{}", .jsonl, "the file name ends in .ndjson"),
    ]
    for (name, text, format, reason) in cases {
      let sniffed = try ImportFormat.sniff(path: try write(text, name, in: scratch))
      #expect(sniffed.format == format, "\(name)")
      #expect(sniffed.reason == reason, "\(name)")
    }
  }

  @Test func reportsFilesItCannotSniff() throws {
    let scratch = try Scratch()
    #expect(importError { _ = try ImportFormat.sniff(path: scratch.path("none.csv")) } == "none.csv: no such file")
    let empty = try write(" \n", "empty.csv", in: scratch)
    #expect(
      importError { _ = try ImportFormat.sniff(path: empty) } == "empty.csv: the file is empty (there is no header row)"
    )
    let binary = try write([0x01, 0x00, 0x02], "binary.dat", in: scratch)
    #expect(
      importError { _ = try ImportFormat.sniff(path: binary) }
        == "binary.dat: the file is binary (it contains NUL bytes), not a text export")
  }
}
