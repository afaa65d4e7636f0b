import ConfideModel
import Foundation
import Testing

@testable import ConfideStore

/// Generic CSV tells the checker which values are one or two ASCII digits
/// (``RecordSource/digits``), so that codes are read without looking at their text. The
/// shortcut must change nothing: every record checks to the same answers and reasons with it as
/// without it.
@Suite struct DigitsShortcutTests {
  @Test func theCSVReaderMarksOneAndTwoDigitValues() throws {
    let scratch = try Scratch()
    let path = scratch.path("digits.csv")
    // Row 2 repeats some of row 1's values (the reader keeps those as they were) and changes others.
    try "a,b,c,d,e,f,g,h\n7,07,x7, 7,,123,-1,\"5\"\n7,99,7,0,,12,+1,\"5\"\"\"\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let (survey, _) = try fixtureSurvey()
    let reader = try CSVReader(context: ReaderContext(survey: survey, path: path))
    let two = SourceDigits.twoDigits
    _ = try reader.next()
    #expect(reader.digits == [7, two | 7, -1, -1, -1, -1, -1, 5])
    _ = try reader.next()
    #expect(reader.digits == [7, two | 99, 7, 0, -1, two | 12, -1, -1])
  }

  @Test func recordsCheckTheSameWithAndWithoutTheShortcut() throws {
    let (survey, _) = try fixtureSurvey()
    let columns = [
      "respondent_id", "framing", "list_experiment", "visits", "delayed", "services___1", "services___2",
      "services___3", "services___m9", "trust", "visit_date", "weight", "items", "comment",
    ]
    // Values that are and are not one or two digits, valid and not: codes, missing codes, leading
    // zeros, option flags written 00 or 01, numbers out of range, padded and empty values.
    let pools: [[String]] = [
      ["1", "2", "03", " 4"], ["neutral", "platform", "1", "2", "3"], ["control", "treatment", "1", "2"],
      ["3", "03", "52", "53", "-8", "07", "x", "", " 4", "00"], ["1", "0", "01", "-8", "2", "", "yes", "dont_know"],
      ["1", "0", "01", "00", "", "y", "2"], ["1", "0", "01", "00", "", "y", "2"], ["1", "0", "", "10"],
      ["0", "1", "", "7"], ["1", "2", "3", "4", "03", "", "agree", "-9"], ["2024-05-01", "2019-01-01", "1", ""],
      ["70", "20", "19", "07", "70.5", ""], ["0", "1", "2", "3", "9", "02", "4"], ["", "fine", "12"],
    ]
    var random = SplitMix64(seed: 11)
    let records = (0..<2_000).map { _ in pools.map { $0[Int(random.next() % UInt64($0.count))] } }
    let scratch = try Scratch()
    let path = scratch.path("varied.csv")
    try ([columns.joined(separator: ",")] + records.map { $0.joined(separator: ",") }).joined(separator: "\n")
      .write(toFile: path, atomically: true, encoding: .utf8)

    let reader = try CSVReader(context: ReaderContext(survey: survey, path: path))
    var withDigits = RowChecker(survey: survey, evaluator: ConditionEvaluator(survey))
    var withoutDigits = withDigits
    withDigits.plan(reader.columns)
    withoutDigits.plan(reader.columns)
    var shortcuts = 0
    var rows = 0
    while let record = try reader.next() {
      let digits = try #require(reader.digits)
      shortcuts += digits.filter { $0 >= 0 }.count
      var fast: [Answer] = []
      var slow: [Answer] = []
      let a = withDigits.check(record.values, digits: digits, appendingTo: &fast)
      let b = withoutDigits.check(record.values, appendingTo: &slow)
      #expect(fast == slow, "row \(record.row): \(record.values)")
      #expect(a.reasons == b.reasons, "row \(record.row): \(record.values)")
      #expect(a.respondent == b.respondent)
      rows += 1
    }
    #expect(rows == records.count)
    // The shortcut was taken, often: most of these values are digits.
    #expect(shortcuts > records.count * 5)
  }
}
