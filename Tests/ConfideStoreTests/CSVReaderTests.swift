import ConfideModel
import ConfideStore
import Foundation
import Testing

@Suite struct CSVReaderTests {
  @Test func readsAGenericExport() throws {
    // BOM, CRLF, a padded header name, a quoted comma, doubled quotes and a line break inside
    // quotes, a padded value (kept as is).
    let path = Exports.path("generic.csv")
    var reader = try CSVReader(context: Exports.context(path))
    #expect(
      reader.columns == [
        "respondent_id", "age_band", "sex", "region", "trust_confidential", "concern_sharing", "services_avoided",
        "framing", "list_count", "comment",
      ])
    #expect(reader.sourceColumns == reader.columns)
    #expect(reader.sourcePositions == Array(1...10))
    #expect(reader.ignoredColumns.isEmpty)
    #expect(reader.format == .csv)
    let records = try readAll(&reader)
    #expect(
      records == [
        SourceRecord(
          row: 1, line: 2, values: ["R001", "2", "1", "7", "4", "2", "1 6", "research", "3", "Fine, thanks"]),
        SourceRecord(
          row: 2, line: 3,
          values: ["R002", "5", "2", "10", "-8", "5", "", "care_team", "2", "She said \"no\"\r\nand left"]),
        SourceRecord(
          row: 3, line: 5, values: ["R003", " 3 ", "-9", "1", "", "", "gp;pharmacy", "enforcement", "4", ""]),
      ])
    #expect(reader.bytesRead == (try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int))
    #expect(try reader.next() == nil, "the end stays the end")
  }

  @Test func sniffsASemicolonOrTabFromTheHeaderLine() throws {
    var semicolons = try CSVReader(context: Exports.context(Exports.path("generic-semicolon.csv")))
    #expect(semicolons.columns == ["respondent_id", "age_band", "services_avoided", "comment"])
    #expect(
      try readAll(&semicolons) == [
        SourceRecord(row: 1, line: 2, values: ["S1", "1", "1 6", "a; b"]),
        SourceRecord(row: 2, line: 3, values: ["S2", "4", "", ""]),
      ])
    var tabs = try CSVReader(context: Exports.context(Exports.path("generic.tsv")))
    #expect(tabs.columns == ["respondent_id", "age_band", "comment"])
    #expect(try readAll(&tabs) == [SourceRecord(row: 1, line: 2, values: ["T1", "2", "none, really"])])
  }

  @Test func usesAChosenDelimiterAsGiven() throws {
    let scratch = try Scratch()
    // More commas than semicolons in the header, but the user chose ';'.
    let path = try write("id;note, with, commas\n1;a,b\n", "chosen.csv", in: scratch)
    var reader = try CSVReader(context: Exports.context(path, delimiter: ";"))
    #expect(reader.columns == ["id", "note, with, commas"])
    #expect(try readAll(&reader) == [SourceRecord(row: 1, line: 2, values: ["1", "a,b"])])
    var tabs = try CSVReader(context: Exports.context(Exports.path("generic.tsv"), delimiter: "\t"))
    #expect(try readAll(&tabs).count == 1)
  }

  @Test func lineEndingsBlankLinesAndTheLastLine() throws {
    let scratch = try Scratch()
    let cases: [(String, [SourceRecord])] = [
      ("a,b\n1,2", [SourceRecord(row: 1, line: 2, values: ["1", "2"])]),
      ("a,b\r1,2\r3,4\r", [.init(row: 1, line: 2, values: ["1", "2"]), .init(row: 2, line: 3, values: ["3", "4"])]),
      ("a,b\r\n1,2\r\n\r\n", [.init(row: 1, line: 2, values: ["1", "2"])]),
      ("a,b\n1,2\n\n\n\n", [.init(row: 1, line: 2, values: ["1", "2"])]),
      ("a,b\n", []),
      ("a,b", []),
      (
        "a\n1\n\n2\n\n",
        [
          .init(row: 1, line: 2, values: ["1"]), .init(row: 2, line: 3, values: [""]),
          .init(row: 3, line: 4, values: ["2"]),
        ]
      ),
      ("a,b\n\"\",\"\"\n", [.init(row: 1, line: 2, values: ["", ""])]),
      ("a,b\n1,\n", [.init(row: 1, line: 2, values: ["1", ""])]),
      (
        "a,b\n\"x\r\ny\",\"\"\"\"\n2,3\n",
        [.init(row: 1, line: 2, values: ["x\r\ny", "\""]), .init(row: 2, line: 4, values: ["2", "3"])]
      ),
      (
        "a,b\n\"\n\n\n\",1\n2,3",
        [.init(row: 1, line: 2, values: ["\n\n\n", "1"]), .init(row: 2, line: 6, values: ["2", "3"])]
      ),
    ]
    for (i, (text, expected)) in cases.enumerated() {
      let path = try write(text, "case\(i).csv", in: scratch)
      var reader = try CSVReader(context: Exports.context(path))
      #expect(try readAll(&reader) == expected, "case \(i)")
    }
  }

  @Test func keptRecordsAreNotChangedByLaterOnes() throws {
    // The reader reuses its value storage and skips short values equal to the previous row's;
    // records the caller keeps must not see that.
    let scratch = try Scratch()
    let path = try write("a,b,c\n1,,xy\n1,2,xy\n1,,é\n\"1\",2,long value\n", "repeats.csv", in: scratch)
    let reader = try CSVReader(context: Exports.context(path))
    var kept: [SourceRecord] = []
    var dropped = 0
    while let record = try reader.next() {
      if record.row % 2 == 1 { kept.append(record) } else { dropped += 1 }
    }
    #expect(dropped == 2)
    #expect(
      kept == [
        SourceRecord(row: 1, line: 2, values: ["1", "", "xy"]), SourceRecord(row: 3, line: 4, values: ["1", "", "é"]),
      ])
  }

  @Test func tracksLinesAcrossBlocksAndGrowsForLongRecords() throws {
    // Records with line breaks inside quotes, enough to cross several 256 KiB blocks, and one
    // field longer than a block.
    let scratch = try Scratch()
    var text = "respondent_id,comment,age_band\r\n"
    var expected: [SourceRecord] = []
    var line = 2
    for i in 1...6000 {
      let breaks = i % 5
      var comment = String(repeating: "x", count: i % 97) + String(repeating: "\r\nmore, \"\"quoted\"\"", count: breaks)
      if i == 3000 { comment = String(repeating: "long ", count: 150_000) }
      text += "R\(i),\"\(comment)\",\(i % 7)\r\n"
      let value = comment.replacingOccurrences(of: "\"\"", with: "\"")
      expected.append(SourceRecord(row: i, line: line, values: ["R\(i)", value, "\(i % 7)"]))
      line += 1 + breaks
    }
    let path = try write(text, "blocks.csv", in: scratch)
    var reader = try CSVReader(context: Exports.context(path))
    let records = try readAll(&reader)
    #expect(records.count == expected.count)
    #expect(records == expected)
    #expect(reader.bytesRead == text.utf8.count)
  }

  @Test func errorsNameTheFileLineAndField() throws {
    let scratch = try Scratch()
    let cases: [(String, [UInt8], String)] = [
      ("empty.csv", [], "empty.csv: the file is empty (there is no header row)"),
      ("bom.csv", [0xEF, 0xBB, 0xBF], "bom.csv: the file is empty (there is no header row)"),
      ("blank.csv", Array("\n\r\n\n".utf8), "blank.csv: the file is empty (there is no header row)"),
      (
        "blank-header.csv", Array("\na,b\n1,2\n".utf8),
        "blank-header.csv:1: the header row is blank; the first line must name the columns"
      ),
      (
        "binary.csv", [0x61, 0x2C, 0x62, 0x0A, 0x00, 0x01, 0x02],
        "binary.csv: the file is binary (it contains NUL bytes), not a text export"
      ),
      (
        "utf16.csv", [0xFF, 0xFE, 0x61, 0x00, 0x2C, 0x00],
        "utf16.csv: the file is UTF-16 text; save or export it as UTF-8"
      ),
      (
        "book.xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00],
        "book.xlsx: the file is a zip archive (an Excel workbook?), not text; export the data as CSV"
      ),
      (
        "store.db", Array("SQLite format 3".utf8) + [0],
        "store.db: the file is an SQLite database, not an export; export the data as CSV"
      ),
      (
        "latin1.csv", Array("a,b\n1,2\n3,caf".utf8) + [0xE9] + Array("\n".utf8),
        "latin1.csv:3:2: the text is not valid UTF-8; save or export the file as UTF-8"
      ),
      (
        "latin1-quoted.csv", Array("a,b,c\n1,2,\"x\ny".utf8) + [0xE9] + Array("\"\n".utf8),
        "latin1-quoted.csv:2:3: the text is not valid UTF-8; save or export the file as UTF-8"
      ),
      (
        "latin1-header.csv", Array("a,caf".utf8) + [0xE9] + Array("\n1,2\n".utf8),
        "latin1-header.csv:1:2: the text is not valid UTF-8; save or export the file as UTF-8"
      ),
      ("short.csv", Array("a,b,c\n1,2,3\n4,5\n".utf8), "short.csv:3:3: row 2 has 2 fields; the header has 3"),
      ("long.csv", Array("a,b\n1,2,3\n".utf8), "long.csv:2:3: row 1 has 3 fields; the header has 2"),
      (
        "long-multiline.csv", Array("a,b\n\"x\ny\",2,3\n".utf8),
        "long-multiline.csv:3:3: row 1 has 3 fields; the header has 2"
      ),
      (
        "blank-middle.csv", Array("a,b\n1,2\n\n3,4\n".utf8), "blank-middle.csv:3:2: row 2 has 1 field; the header has 2"
      ),
      (
        "unterminated.csv", Array("a,b\n1,\"open\n2,3\n".utf8),
        "unterminated.csv:2:2: a quoted field opens here and is never closed"
      ),
      (
        "after-quote.csv", Array("a,b\n\"x\"y,2\n".utf8),
        "after-quote.csv:2:1: unexpected text after the closing quote of a quoted field"
      ),
      (
        "duplicate.csv", Array("a,b,a\n".utf8),
        "duplicate.csv:1:3: column 3 of the header has the same name as column 1"
      ),
      (
        "duplicate-trimmed.csv", Array("a, a \n".utf8),
        "duplicate-trimmed.csv:1:2: column 2 of the header has the same name as column 1"
      ),
      ("no-name.csv", Array("a,,c\n".utf8), "no-name.csv:1:2: column 2 of the header has no name"),
      ("trailing-comma.csv", Array("a,b,\n1,2,\n".utf8), "trailing-comma.csv:1:3: column 3 of the header has no name"),
    ]
    for (name, bytes, message) in cases {
      let path = try write(bytes, name, in: scratch)
      #expect(importError { _ = try readAllCSV(path) } == message, "\(name)")
    }
    #expect(importError { _ = try readAllCSV(scratch.path("missing.csv")) } == "missing.csv: no such file")
    try FileManager.default.createDirectory(atPath: scratch.path("folder.csv"), withIntermediateDirectories: false)
    #expect(importError { _ = try readAllCSV(scratch.path("folder.csv")) } == "folder.csv: is a directory, not a file")
  }

  @Test func errorsNeverQuoteAValue() throws {
    let scratch = try Scratch()
    let path = try write("respondent_id,comment\nNHS-123-456,\"I told my GP\"x\n", "leak.csv", in: scratch)
    let message = importError { _ = try readAllCSV(path) } ?? ""
    #expect(!message.contains("NHS-123") && !message.contains("GP"))
  }
}

/// Every record of a generic CSV file.
func readAllCSV(_ path: String) throws(ImportError) -> [SourceRecord] {
  let reader = try CSVReader(context: Exports.context(path))
  var records: [SourceRecord] = []
  while let record = try reader.next() { records.append(record) }
  return records
}
