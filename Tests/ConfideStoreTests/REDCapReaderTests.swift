import ConfideModel
import ConfideStore
import Foundation
import Testing

@Suite struct REDCapReaderTests {
  @Test func readsARawRecordExport() throws {
    var reader = try REDCapReader(context: Exports.context(Exports.path("redcap.csv")))
    let records = try readAll(&reader)
    #expect(reader.format == .redcap)
    #expect(
      reader.columns == [
        "respondent_id", "age_band", "sex", "region", "ethnicity", "born_outside_uk", "long_term_condition",
        "heard_fdp", "national_opt_out", "trust_confidential", "concern_sharing", "concern_company",
        "concern_government", "concern_control", "delayed_care", "services_avoided___1", "services_avoided___2",
        "services_avoided___3", "services_avoided___4", "services_avoided___5", "services_avoided___6",
        "services_avoided___7", "services_avoided___m9", "withheld_info", "asked_not_record", "framing",
        "seek_care_likely", "disclose_likely", "list_experiment", "list_count", "comment",
      ])
    #expect(reader.sourceColumns[0] == "record_id")
    #expect(reader.sourceColumns[22] == "services_avoided____9")
    #expect(reader.sourcePositions.prefix(3) == [1, 4, 5])
    #expect(
      reader.ignoredColumns == ["redcap_survey_identifier", "nhs_data_trust_timestamp", "nhs_data_trust_complete"])
    #expect(
      records == [
        SourceRecord(
          row: 1, line: 2,
          values: [
            "1", "2", "1", "7", "4", "1", "0", "1", "0", "4", "2", "3", "3", "4", "1", "1", "0", "0", "0", "0", "1",
            "0", "0", "1", "0", "2", "3", "4", "1", "3", "Happy to help, really",
          ]),
        SourceRecord(
          row: 2, line: 3,
          values: [
            "2", "5", "2", "10", "-9", "0", "1", "0", "1", "-8", "5", "5", "5", "5", "0", "0", "0", "0", "0", "0", "0",
            "0", "0", "0", "0", "research", "2", "2", "treatment", "4", "",
          ]),
        SourceRecord(
          row: 3, line: 4,
          values: [
            "3", "3", "-9", "1", "", "", "", "", "", "", "", "", "", "", "1", "0", "0", "0", "0", "0", "0", "0", "1",
            "", "", "4", "", "", "1", "", "",
          ]),
      ])
    Exports.expectNoSecrets(reader, records)
  }

  @Test func acceptsOneEventPerRecord() throws {
    let scratch = try Scratch()
    let path = try write(
      "study_id,redcap_event_name,redcap_data_access_group,age_band,baseline_complete\n"
        + "101,baseline_arm_1,site_a,2,2\n102,baseline_arm_2,site_b,3,2\n",
      "single-event.csv", in: scratch)
    var reader = try REDCapReader(context: Exports.context(path))
    #expect(reader.columns == ["respondent_id", "age_band"])
    #expect(reader.sourceColumns == ["study_id", "age_band"])
    #expect(reader.ignoredColumns == ["redcap_event_name", "redcap_data_access_group", "baseline_complete"])
    #expect(try readAll(&reader).map(\.values) == [["101", "2"], ["102", "3"]])
  }

  @Test func refusesSeveralEventsOrRepeatingInstruments() throws {
    let scratch = try Scratch()
    let events = try write(
      "record_id,redcap_event_name,age_band\n1,baseline_arm_1,2\n2,baseline_arm_1,3\n1,followup_arm_1,2\n",
      "events.csv", in: scratch)
    #expect(
      importError {
        var reader = try REDCapReader(context: Exports.context(events))
        _ = try readAll(&reader)
      } == "events.csv:4:2: row 3 is another event of the record in row 1; export one event (one row per record)")
    let repeating = try write(
      "record_id,redcap_repeat_instrument,redcap_repeat_instance,age_band\n1,,,2\n1,medications,1,\n",
      "repeating.csv", in: scratch)
    #expect(
      importError {
        var reader = try REDCapReader(context: Exports.context(repeating))
        _ = try readAll(&reader)
      }
        == "repeating.csv:3:2: row 2 is an instance of a repeating instrument; export without repeating instruments (one row per record)"
    )
  }
}
