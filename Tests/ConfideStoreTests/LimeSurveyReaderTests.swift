import ConfideModel
import ConfideStore
import Foundation
import Testing

@Suite struct LimeSurveyReaderTests {
  @Test func readsAQuestionCodeExport() throws {
    var reader = try LimeSurveyReader(context: Exports.context(Exports.path("limesurvey.csv")))
    let records = try readAll(&reader)
    #expect(
      reader.columns == [
        "respondent_id", "age_band", "sex", "trust_confidential", "concern_sharing", "concern_company",
        "services_avoided___1", "services_avoided___2", "services_avoided___6", "services_avoided___m9",
        "services_avoided[other]", "framing", "seek_care_likely", "comment",
      ])
    #expect(
      reader.sourceColumns == [
        "id", "age_band", "sex", "trust[SQ001]", "trust[SQ002]", "trust[concern_company]", "services_avoided[SQ001]",
        "services_avoided[SQ002]", "services_avoided[SQ006]", "services_avoided[SQ008]", "services_avoided[other]",
        "framing", "seek_care_likely", "comment",
      ])
    #expect(
      reader.ignoredColumns == [
        "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl", "token",
        "interviewtime", "groupTime12", "age_bandTime",
      ])
    // Answer codes (A4) pass as is; Y is 1; the second respondent chose no service (empty).
    #expect(
      records == [
        SourceRecord(
          row: 1, line: 2,
          values: [
            "1", "2", "1", "A4", "A2", "A3", "1", "0", "1", "0", "walk-in centre", "research", "4", "Fine",
          ]),
        SourceRecord(
          row: 2, line: 3, values: ["2", "5", "2", "A5", "A5", "A5", "", "", "", "", "", "care_team", "2", ""]),
        SourceRecord(
          row: 3, line: 4, values: ["3", "3", "", "", "", "", "0", "0", "0", "1", "", "enforcement", "", ""]),
      ])
    Exports.expectNoSecrets(reader, records)
  }

  @Test func readsTheQuotedSemicolonVariant() throws {
    var reader = try LimeSurveyReader(context: Exports.context(Exports.path("limesurvey-semicolon.csv")))
    let records = try readAll(&reader)
    #expect(reader.columns == ["respondent_id", "age_band", "trust_confidential", "services_avoided___1"])
    #expect(reader.ignoredColumns == ["submitdate", "lastpage", "startlanguage", "seed", "ipaddr"])
    #expect(records == [SourceRecord(row: 1, line: 2, values: ["7", "4", "A3", "1"])])
    Exports.expectNoSecrets(reader, records)
  }

  @Test func subQuestionCodes() throws {
    let scratch = try Scratch()
    let path = try write(
      "id,trust[5],trust[SQ009],services_avoided[3],services_avoided[pharmacy],services_avoided[SQ001comment],attribute_1\n"
        + "1,A1,A2,Y,N,x,secret\n",
      "codes.csv", in: scratch)
    var reader = try LimeSurveyReader(context: Exports.context(path))
    #expect(
      reader.columns == [
        "respondent_id", "concern_control", "trust[SQ009]", "services_avoided___3", "services_avoided___6",
        "services_avoided[SQ001comment]",
      ])
    #expect(reader.ignoredColumns == ["attribute_1"])
    #expect(try readAll(&reader).map(\.values) == [["1", "A1", "A2", "1", "0", "x"]])
  }
}
