import ConfideModel
import ConfideStore
import Foundation
import Testing

@Suite struct JSONLinesReaderTests {
  @Test func readsOneObjectPerLine() throws {
    // A nested matrix object, a checkbox array of codes and one of names, booleans, a number
    // as written, null, a blank line, a CRLF line, escapes.
    var reader = try JSONLinesReader(context: Exports.context(Exports.path("responses.jsonl")))
    let records = try readAll(&reader)
    #expect(
      reader.columns == [
        "respondent_id", "age_band", "born_outside_uk", "trust_confidential", "concern_sharing", "services_avoided",
        "framing", "seek_care_likely", "new_key", "comment",
      ])
    #expect(reader.sourceColumns[3] == "trust/trust_confidential")
    #expect(reader.sourcePositions == Array(repeating: 0, count: 10))
    #expect(reader.ignoredColumns.isEmpty)
    #expect(
      records == [
        SourceRecord(row: 1, line: 1, values: ["J1", "2", "1", "4", "2", "1 6", "research"]),
        SourceRecord(row: 2, line: 3, values: ["J2", "5", "0", nil, nil, "gp pharmacy", nil, "2.50", "x"]),
        SourceRecord(row: 3, line: 4, values: ["J3", nil, nil, nil, nil, nil, nil, nil, nil, "Café \"quoted\""]),
      ])
  }

  @Test func decodesEscapesAndKeepsNumbersAsWritten() throws {
    let scratch = try Scratch()
    let path = try write(
      #"{"comment": "\ud83d\ude00 \u00e9\n\t\/", "n": -1.5e+3, "z": 0, "list": [true, null, "a", 2], "nested": [[1], {"x": 1}]}"#,
      "escapes.jsonl", in: scratch)
    var reader = try JSONLinesReader(context: Exports.context(path))
    let records = try readAll(&reader)
    #expect(reader.columns == ["comment", "n", "z", "list", "nested"])
    #expect(records.map(\.values) == [["😀 é\n\t/", "-1.5e+3", "0", "1 a 2", "[[1],{\"x\":1}]"]])
  }

  @Test func streamsLinesAcrossBlocks() throws {
    let scratch = try Scratch()
    var text = ""
    for i in 1...20000 {
      text += "{\"respondent_id\": \"R\(i)\", \"comment\": \"\(String(repeating: "é", count: i % 40))\"}\n"
    }
    let path = try write(text, "many.jsonl", in: scratch)
    var reader = try JSONLinesReader(context: Exports.context(path))
    let records = try readAll(&reader)
    #expect(records.count == 20000)
    #expect(
      records.last == SourceRecord(row: 20000, line: 20000, values: ["R20000", String(repeating: "é", count: 0)]))
    #expect(records[38] == SourceRecord(row: 39, line: 39, values: ["R39", String(repeating: "é", count: 39)]))
    #expect(reader.bytesRead == text.utf8.count)
  }

  @Test func errorsNameTheLineAndCharacter() throws {
    let scratch = try Scratch()
    let cases: [(String, [UInt8], String)] = [
      (
        "malformed.jsonl", Array("{\"a\": 1}\n{\"a\": }\n".utf8),
        "malformed.jsonl:2:7: malformed JSON: expected a value"
      ),
      (
        "characters.jsonl", Array("{\"é\": 1 x}\n".utf8),
        "characters.jsonl:1:9: malformed JSON: expected ',' or '}' after a value"
      ),
      (
        "array.jsonl", Array("{\"a\": 1}\n\n  [1, 2]\n".utf8),
        "array.jsonl:3:3: the line is not a JSON object (JSON Lines holds one object per line)"
      ),
      (
        "latin1.jsonl", Array("{\"a\": \"caf".utf8) + [0xE9] + Array("\"}\n".utf8),
        "latin1.jsonl:1:7: malformed JSON: the string is not valid UTF-8"
      ),
      (
        "open.jsonl", Array("{\"a\": \"never closed}\n".utf8),
        "open.jsonl:1:7: malformed JSON: the string is never closed"
      ),
      (
        "two.jsonl", Array("{\"a\": 1} {\"b\": 2}\n".utf8),
        "two.jsonl:1:10: malformed JSON: unexpected text after the value"
      ),
      (
        "number.jsonl", Array("{\"a\": 01}\n".utf8),
        "number.jsonl:1:8: malformed JSON: expected ',' or '}' after a value"
      ),
      (
        "deep.jsonl", Array(("{\"a\": " + String(repeating: "[", count: 70) + "]\n").utf8),
        "deep.jsonl:1:70: malformed JSON: values are nested too deeply"
      ),
      (
        "escape.jsonl", Array("{\"a\": \"\\x\"}\n".utf8),
        "escape.jsonl:1:8: malformed JSON: an invalid escape in a string"
      ),
      (
        "surrogate.jsonl", Array("{\"a\": \"\\ud83d!\"}\n".utf8),
        "surrogate.jsonl:1:14: malformed JSON: a lone surrogate in a \\u escape"
      ),
      (
        "control.jsonl", Array("{\"a\": \"tab\there\"}\n".utf8),
        "control.jsonl:1:11: malformed JSON: a control character inside a string (line breaks must be written \\n)"
      ),
      (
        "binary.jsonl", [0x7B, 0x7D, 0x0A, 0x00],
        "binary.jsonl: the file is binary (it contains NUL bytes), not a text export"
      ),
    ]
    for (name, bytes, message) in cases {
      let path = try write(bytes, name, in: scratch)
      #expect(
        importError {
          var reader = try JSONLinesReader(context: Exports.context(path))
          _ = try readAll(&reader)
        } == message, "\(name)")
    }
  }
}

@Suite struct SurveyJSReaderTests {
  @Test func readsAnArrayOfResults() throws {
    var reader = try SurveyJSReader(context: Exports.context(Exports.path("surveyjs.json")))
    let records = try readAll(&reader)
    #expect(
      reader.columns == [
        "respondent_id", "age_band", "born_outside_uk", "trust_confidential", "concern_sharing", "services_avoided",
        "services_avoided-Comment", "framing", "list_count", "comment", "concern_company",
      ])
    #expect(reader.sourceColumns[0] == "id")
    #expect(reader.sourceColumns[10] == "trust/concern_company")
    #expect(
      records == [
        SourceRecord(
          row: 1, line: 2, values: ["sjs-001", "2", "1", "4", "2", "1 6", "walk-in centre", "research", "3"]),
        SourceRecord(
          row: 2, line: 15,
          values: ["sjs-002", "5", "0", nil, nil, "", nil, nil, nil, "Nothing to add, \"really\""]),
        SourceRecord(row: 3, line: 16, values: ["sjs-003", nil, nil, nil, nil, nil, nil, nil, nil, nil, "5"]),
      ])
    #expect(reader.bytesRead > 0)
  }

  @Test func readsResultsWrappedInAnObject() throws {
    var reader = try SurveyJSReader(context: Exports.context(Exports.path("surveyjs-wrapped.json")))
    let records = try readAll(&reader)
    #expect(reader.columns == ["respondent_id", "age_band", "trust_confidential"])
    #expect(reader.sourceColumns == ["responseId", "age_band", "trust/trust_confidential"])
    #expect(
      records == [
        SourceRecord(row: 1, line: 5, values: ["r-1", "7", "1"]),
        SourceRecord(row: 2, line: 6, values: ["r-2", "1", nil]),
      ])
  }

  @Test func prefersTheRespondentIDKey() throws {
    let scratch = try Scratch()
    let path = try write(
      "[{\"respondent_id\": \"P1\", \"id\": 7, \"responseId\": \"x\"}, {\"id\": 8, \"responseId\": \"y\"}]",
      "ids.json", in: scratch)
    var reader = try SurveyJSReader(context: Exports.context(path))
    let records = try readAll(&reader)
    #expect(reader.columns == ["respondent_id", "id", "responseId"])
    #expect(records.map(\.values) == [["P1", "7", "x"], ["8", nil, "y"]])
  }

  @Test func dropsMetadataABackEndSaves() throws {
    let scratch = try Scratch()
    let path = try write(
      #"[{"id": "r1", "IP": "192.168.1.9", "ip_address": "10.0.0.7", "email": "jane@example.org", "userAgent": "Mozilla", "HappendAt": "2026-03-01T10:00:00", "age_band": 3}]"#,
      "metadata.json", in: scratch)
    var reader = try SurveyJSReader(context: Exports.context(path))
    let records = try readAll(&reader)
    #expect(reader.columns == ["respondent_id", "age_band"])
    #expect(reader.ignoredColumns == ["IP", "ip_address", "email", "userAgent", "HappendAt"])
    #expect(records.map(\.values) == [["r1", "3"]])
    Exports.expectNoSecrets(reader, records)
  }

  @Test func streamsManyResults() throws {
    let scratch = try Scratch()
    var text = "{\"data\": [\n"
    for i in 1...20000 {
      text += "  {\"id\": \"R\(i)\", \"services_avoided\": [1, 6], \"trust\": {\"concern_control\": \(i % 5 + 1)}}"
      text += i < 20000 ? ",\n" : "\n"
    }
    text += "]}\n"
    let path = try write(text, "many.json", in: scratch)
    var reader = try SurveyJSReader(context: Exports.context(path))
    let records = try readAll(&reader)
    #expect(records.count == 20000)
    #expect(records.last == SourceRecord(row: 20000, line: 20001, values: ["R20000", "1 6", "1"]))
    #expect(reader.bytesRead == text.utf8.count)
  }

  @Test func errorsNameTheLineAndCharacter() throws {
    let scratch = try Scratch()
    let cases: [(String, String)] = [
      ("\"hello\"", "1:1: expected a JSON array of result objects, or an object with a 'data' or 'results' array"),
      ("[1]", "1:2: the result is not a JSON object"),
      ("[\n  {\"a\": 1,}\n]", "2:11: malformed JSON: expected a key in double quotes"),
      ("[{\"a\":1}", "1:9: malformed JSON: the array of results is never closed"),
      ("[{\"a\":1} {\"b\":2}]", "1:10: malformed JSON: expected ',' or ']' after a result"),
      ("[{\"a\":1},", "1:10: malformed JSON: the array of results is never closed"),
      ("[{\"a\": \"x", "1:8: malformed JSON: the string is never closed"),
      (
        "{\"surveyId\": \"x\"}",
        "1:17: the JSON object holds no 'data' or 'results' array of results; expected an array of result objects"
      ),
      ("[{\"a\":1}]\n x", "2:2: malformed JSON: unexpected text after the results"),
      ("{\"data\": [], \"n\": 1 \"m\": 2}", "1:21: malformed JSON: expected ',' or '}' after a value"),
      ("{\"data\": [], \"n\": 1", "1:20: malformed JSON: the object is never closed"),
      ("{", "1:2: malformed JSON: the object is never closed"),
      ("{\"data\" []}", "1:9: malformed JSON: expected ':' after a key"),
      ("{3: []}", "1:2: malformed JSON: expected a key in double quotes"),
      (
        "{\"data\": 3}",
        "1:11: the JSON object holds no 'data' or 'results' array of results; expected an array of result objects"
      ),
    ]
    for (i, (text, message)) in cases.enumerated() {
      let path = try write(text, "bad\(i).json", in: scratch)
      #expect(
        importError {
          var reader = try SurveyJSReader(context: Exports.context(path))
          _ = try readAll(&reader)
        } == "bad\(i).json:" + message, "case \(i)")
    }
    let empty = try write("  \n", "empty.json", in: scratch)
    #expect(
      importError { _ = try SurveyJSReader(context: Exports.context(empty)) }
        == "empty.json: the file is empty (there is no header row)")
  }
}
