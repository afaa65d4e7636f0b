extension ImportFormat {
  /// Guesses a file's export format from its first 64 KiB, with a short reason to show the user
  /// ("the third header row holds Qualtrics ImportIds").
  ///
  /// JSON: an array, or an object holding a `data` or `results` array, is SurveyJS; one object
  /// per line is JSON Lines. Delimited text (comma, semicolon or tab, from the header line):
  /// Qualtrics by its third header row of ImportIds or a header starting `StartDate,EndDate`;
  /// REDCap by `redcap_` columns, or a first column `record_id` with checkbox (`___`) or form
  /// status (`_complete`) columns; ODK Central or KoboToolbox by `meta/instanceID`, `KEY`,
  /// `_uuid`, `SubmissionDate` or `_submission_time` columns, or `/` group paths; LimeSurvey by a
  /// header starting `id,submitdate,lastpage,startlanguage`; anything else is generic CSV.
  public static func sniff(path: String) throws(ImportError) -> (format: ImportFormat, reason: String) {
    let limit = 64 * 1024
    let buffer = try FileBuffer(path: path, blockSize: limit, limit: limit)
    try checkTextStart(buffer)
    let bytes = buffer.unconsumed
    guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
      throw ImportError(file: path, message: ImportError.emptyFile)
    }
    let name = path.lowercased()
    if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") {
      return (.jsonl, "the file name ends in .\(name.hasSuffix(".jsonl") ? "jsonl" : "ndjson")")
    }
    if bytes[first] == UInt8(ascii: "[") { return (.surveyjs, "the file is a JSON array") }
    if bytes[first] == UInt8(ascii: "{") {
      let end = bytes[first...].firstIndex(of: 0x0A) ?? bytes.count
      let line = UnsafeBufferPointer(rebasing: bytes[first..<end])
      if case .object(let members) = try? JSONParser.parse(line) {
        for (key, value) in members where key == "data" || key == "results" {
          if case .array = value { return (.surveyjs, "the JSON object holds a '\(key)' array of results") }
        }
        return (.jsonl, "each line is a JSON object")
      }
      return (.surveyjs, "the file is a JSON object spanning several lines")
    }
    return sniffDelimited(buffer)
  }

  private static func sniffDelimited(_ buffer: FileBuffer) -> (format: ImportFormat, reason: String) {
    let scanner = DelimitedScanner(buffer: buffer, delimiter: sniffDelimiter(buffer.unconsumed))
    var rows: [[String]] = []
    while rows.count < 3, (try? scanner.nextRecord()) == true {
      rows.append((0..<scanner.fieldCount).map { (try? scanner.string($0))?.trimmingSpaces() ?? "" })
    }
    let header = rows.first ?? []
    if rows.count >= 3, rows[2].contains(where: { $0.hasPrefix("{\"ImportId\"") }) {
      return (.qualtrics, "the third header row holds Qualtrics ImportIds")
    }
    if header.starts(with: ["StartDate", "EndDate"]) {
      return (.qualtrics, "the header starts with Qualtrics' StartDate and EndDate")
    }
    if rows.count >= 2, header.first == "V1", rows[1].first == "ResponseID" {
      return (.qualtrics, "the second header row names Qualtrics' legacy ResponseID")
    }
    if let column = header.first(where: { $0.hasPrefix("redcap_") }) {
      return (.redcap, "the header has REDCap's '\(column)' column")
    }
    if header.first == "record_id" {
      if header.contains(where: { $0.contains("___") }) {
        return (.redcap, "the first column is record_id and there are REDCap checkbox columns (name___code)")
      }
      if header.contains(where: { $0.hasSuffix("_complete") }) {
        return (.redcap, "the first column is record_id and there are REDCap form status columns (_complete)")
      }
    }
    let odkColumns = ["meta/instanceID", "meta-instanceID", "KEY", "_uuid", "SubmissionDate", "_submission_time"]
    if let column = odkColumns.first(where: header.contains) {
      return (.odk, "the header has ODK's '\(column)' column")
    }
    if header.contains(where: { $0.contains("/") }) { return (.odk, "column names are ODK group paths (group/name)") }
    if header.starts(with: ["id", "submitdate", "lastpage", "startlanguage"]) {
      return (.limesurvey, "the header starts with LimeSurvey's id, submitdate, lastpage and startlanguage")
    }
    return (.csv, "the header has no platform's columns")
  }
}

/// The reader for `format`.
///
/// ```swift
/// let (format, _) = try ImportFormat.sniff(path: path)
/// var source = try makeRecordSource(format: format, context: ReaderContext(survey: survey, path: path))
/// ```
public func makeRecordSource(format: ImportFormat, context: ReaderContext) throws(ImportError) -> any RecordSource {
  switch format {
  case .csv: try CSVReader(context: context)
  case .jsonl: try JSONLinesReader(context: context)
  case .redcap: try REDCapReader(context: context)
  case .qualtrics: try QualtricsReader(context: context)
  case .odk: try ODKReader(context: context)
  case .limesurvey: try LimeSurveyReader(context: context)
  case .surveyjs: try SurveyJSReader(context: context)
  }
}
