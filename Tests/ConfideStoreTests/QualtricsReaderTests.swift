import ConfideModel
import ConfideStore
import Foundation
import Testing

@Suite struct QualtricsReaderTests {
  @Test func readsAThreeHeaderRowExport() throws {
    var reader = try QualtricsReader(context: Exports.context(Exports.path("qualtrics.csv")))
    let records = try readAll(&reader)
    #expect(
      reader.columns == [
        "respondent_id", "age_band", "sex", "region", "trust_confidential", "concern_sharing", "concern_company",
        "concern_government", "concern_control", "delayed_care", "services_avoided___1", "services_avoided___2",
        "services_avoided___6", "services_avoided___7", "services_avoided_7_TEXT", "seek_care_likely", "comment",
        "framing",
      ])
    #expect(
      reader.sourceColumns == [
        "ResponseId", "age_band", "sex", "region", "trust_1", "trust_2", "trust_3", "trust_4", "trust_5",
        "delayed_care", "services_avoided_1", "services_avoided_2", "services_avoided_6", "services_avoided_7",
        "services_avoided_7_TEXT", "seek_care_likely", "comment", "framing",
      ])
    #expect(reader.sourcePositions == [9, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 38, 39])
    #expect(
      reader.ignoredColumns == [
        "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
        "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference", "LocationLatitude",
        "LocationLongitude", "DistributionChannel", "UserLanguage", "Q_RecaptchaScore", "Q12_First Click",
        "Q12_Last Click", "Q12_Page Submit", "Q12_Click Count", "FL_6_DO",
      ])
    // Row 2 is a preview: skipped and counted; the rows keep their numbers in the file. The
    // second respondent chose no service: the split columns stay empty (not answered).
    #expect(
      records == [
        SourceRecord(
          row: 1, line: 5,
          values: [
            "R_1AbCdEfGhIjKlMn", "2", "1", "7", "4", "2", "3", "3", "4", "1", "1", "0", "1", "1", "walk-in centre", "3",
            "Great, thanks", "research",
          ]),
        SourceRecord(
          row: 3, line: 7,
          values: [
            "R_2ZyXwVuTsRqPoNm", "5", "2", "2", "-8", "5", "5", "4", "5", "0", "", "", "", "", "", "2", "",
            "enforcement",
          ]),
      ])
    #expect(reader.skippedRecords == 1)
    Exports.expectNoSecrets(reader, records)
  }

  @Test func readsALegacyTwoHeaderRowExport() throws {
    var reader = try QualtricsReader(context: Exports.context(Exports.path("qualtrics-legacy.csv")))
    let records = try readAll(&reader)
    #expect(
      reader.columns == ["respondent_id", "age_band", "services_avoided", "trust_confidential", "concern_sharing"])
    #expect(reader.sourceColumns == ["V1", "age_band", "services_avoided", "trust_1", "trust_2"])
    #expect(reader.ignoredColumns == ["V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10"])
    #expect(
      records == [
        SourceRecord(row: 1, line: 3, values: ["R_legacy1", "3", "1 6", "4", "2"]),
        SourceRecord(row: 2, line: 4, values: ["R_legacy2", "6", "", "5", "5"]),
      ])
    #expect(reader.skippedRecords == 0)
    Exports.expectNoSecrets(reader, records)
  }

  @Test func headerRowsOnlyAndTheirErrors() throws {
    let scratch = try Scratch()
    let noData = try write("ResponseId,age_band\nResponse ID,How old are you?\n", "no-data.csv", in: scratch)
    var reader = try QualtricsReader(context: Exports.context(noData))
    #expect(try readAll(&reader).isEmpty)
    let one = try write("StartDate,EndDate,ResponseId\n", "one.csv", in: scratch)
    #expect(
      importError { _ = try QualtricsReader(context: Exports.context(one)) }
        == "one.csv: a Qualtrics export has two or three header rows; this file has 1")
    let ragged = try write("ResponseId,age_band\nResponse ID\n", "ragged.csv", in: scratch)
    #expect(
      importError { _ = try QualtricsReader(context: Exports.context(ragged)) }
        == "ragged.csv:2:2: header row 2 has 1 field; the first header row has 2")
    let raggedData = try write(
      "ResponseId,age_band\nResponse ID,Age\n{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1\"}\nR_1,2,3\n",
      "ragged-data.csv", in: scratch)
    #expect(
      importError {
        var reader = try QualtricsReader(context: Exports.context(raggedData))
        _ = try readAll(&reader)
      } == "ragged-data.csv:4:3: row 1 has 3 fields; the header has 2")
  }
}
