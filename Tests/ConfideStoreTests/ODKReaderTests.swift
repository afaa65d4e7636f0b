import ConfideModel
import ConfideStore
import Foundation
import Testing

@Suite struct ODKReaderTests {
  @Test func readsAnODKCentralExport() throws {
    var reader = try ODKReader(context: Exports.context(Exports.path("odk-central.csv")))
    let records = try readAll(&reader)
    #expect(
      reader.columns == [
        "age_band", "sex", "region", "trust_confidential", "concern_sharing", "delayed_care", "services_avoided",
        "services_avoided___1", "services_avoided___2", "services_avoided___6", "services_avoided___m9", "framing",
        "comment", "respondent_id",
      ])
    #expect(
      reader.sourceColumns == [
        "about_you-age_band", "about_you-sex", "about_you-region", "attitudes-trust-trust_confidential",
        "attitudes-trust-concern_sharing", "behaviour-delayed_care", "behaviour-services_avoided",
        "behaviour-services_avoided/gp", "behaviour-services_avoided/hospital", "behaviour-services_avoided/pharmacy",
        "behaviour-services_avoided/prefer_not", "framing", "closing-comment", "meta-instanceID",
      ])
    #expect(reader.sourcePositions == [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 24])
    #expect(
      reader.ignoredColumns == [
        "SubmissionDate", "start", "end", "today", "deviceid", "phonenumber", "location-Latitude", "location-Longitude",
        "location-Altitude", "location-Accuracy", "meta-instanceName", "KEY", "SubmitterID", "SubmitterName",
        "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion",
      ])
    #expect(
      records == [
        SourceRecord(
          row: 1, line: 2,
          values: [
            "2", "1", "7", "4", "2", "1", "gp pharmacy", "1", "0", "1", "0", "research", "Nothing, thanks",
            "uuid:0b1c2d3e-0000-4000-8000-000000000001",
          ]),
        SourceRecord(
          row: 2, line: 3,
          values: [
            "5", "2", "10", "", "", "0", "", "0", "0", "0", "0", "care_team", "",
            "uuid:0b1c2d3e-0000-4000-8000-000000000002",
          ]),
      ])
    Exports.expectNoSecrets(reader, records)
  }

  @Test func readsASemicolonKoboExport() throws {
    var reader = try ODKReader(context: Exports.context(Exports.path("kobo.csv")))
    let records = try readAll(&reader)
    #expect(
      reader.columns == [
        "age_band", "sex", "trust_confidential", "delayed_care", "services_avoided", "services_avoided___1",
        "services_avoided___2", "services_avoided___6", "framing", "respondent_id",
      ])
    #expect(reader.sourceColumns.last == "meta/instanceID")
    #expect(
      reader.ignoredColumns == [
        "start", "end", "today", "deviceid", "username", "location", "_location_latitude", "_location_longitude",
        "_location_altitude", "_location_precision", "meta/instanceName", "_id", "_uuid", "_submission_time",
        "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index", "formhub/uuid",
      ])
    #expect(
      records == [
        SourceRecord(
          row: 1, line: 2, values: ["2", "1", "4", "1", "gp pharmacy", "1", "0", "1", "research", "uuid:5f0e-0001"]),
        SourceRecord(row: 2, line: 3, values: ["5", "2", "-8", "0", "", "0", "0", "0", "care_team", "uuid:5f0e-0002"]),
      ])
    Exports.expectNoSecrets(reader, records)
  }

  @Test func choosesTheRespondentIdentifierInOrder() throws {
    let scratch = try Scratch()
    let cases: [(String, String)] = [
      ("KEY,instanceID,_uuid,age_band\nk,i,u,2\n", "k"),
      ("_uuid,instanceID,age_band\nu,i,2\n", "i"),
      ("age_band,_uuid\n2,u\n", "u"),
      ("meta/instanceID,KEY,age_band\nm,k,2\n", "m"),
    ]
    for (i, (text, id)) in cases.enumerated() {
      let path = try write(text, "ids\(i).csv", in: scratch)
      var reader = try ODKReader(context: Exports.context(path))
      let records = try readAll(&reader)
      #expect(reader.columns.sorted() == ["age_band", "respondent_id"], "case \(i)")
      let column = try #require(reader.columns.firstIndex(of: "respondent_id"))
      #expect(records.first?.values[column] == id, "case \(i)")
    }
  }

  @Test func splitOptionsAreFoundByNameOrCode() throws {
    let scratch = try Scratch()
    let path = try write(
      "services_avoided/gp,services_avoided/7,services_avoided/unknown,grp/unknown_question\n1,0,1,x\n",
      "split.csv", in: scratch)
    var reader = try ODKReader(context: Exports.context(path))
    #expect(
      reader.columns == [
        "services_avoided___1", "services_avoided___7", "services_avoided/unknown", "grp/unknown_question",
      ])
    #expect(try readAll(&reader).map(\.values) == [["1", "0", "1", "x"]])
  }
}
