/// Reads a Qualtrics CSV export (numeric values, "use choice text" off).
///
/// Header rows: the current export has three (export tags, question texts, and
/// `{"ImportId":"QID12"}` JSON); the legacy export has two (`V1`… or export tags, then texts,
/// where a legacy `V` column's second row names its metadata: `ResponseID`, `IPAddress`…). Data
/// rows are numbered from 1 after the header rows.
///
/// Columns are named by export tag:
/// - a tag that is a survey question (or matrix row, or experiment) keeps its name; a
///   multiple-choice question exported as one column of comma-separated recodes (`1,3,5`) is
///   passed on separated by spaces;
/// - `tag_N` for a matrix `tag` is the matrix's N-th row (from 1, in survey order);
/// - `tag_N` for a multiple-choice `tag` exported one column per choice is the indicator
///   `tag___N` (N is the recode value); a choice's `1` is passed as `1`, and an empty choice is
///   `0` when another choice of the question is checked in the row (else it stays empty: not
///   answered);
/// - text entry (`Q5_7_TEXT`), `QID12`-named columns (export tags off: map them with a mapping
///   file), embedded data (an experiment's arm under the experiment's id) and anything else
///   pass through under their export names.
///
/// `ResponseId` is the respondent identifier. Dropped as metadata: `StartDate`, `EndDate`,
/// `Status`, `IPAddress`, `Progress`, `Duration (in seconds)`, `Finished`, `RecordedDate`,
/// recipient names and e-mail, `ExternalReference`, location, `DistributionChannel`,
/// `UserLanguage`, Qualtrics' `Q_…` fraud and quality scores, timing sub-columns
/// (`_First Click`, `_Last Click`, `_Page Submit`, `_Click Count`) and display-order (`_DO`)
/// columns.
///
/// Preview and test responses (`Status` 1 or 2, or "Survey Preview"/"Survey Test") are not
/// data: they are skipped and counted in ``skippedRecords``; the rows that follow keep their
/// numbers in the file.
public final class QualtricsReader: RecordSource {
  public let format = ImportFormat.qualtrics
  public var columns: [String] { state.columns }
  public var sourceColumns: [String] { state.sourceColumns }
  public var sourcePositions: [Int] { state.sourcePositions }
  public var ignoredColumns: [String] { state.map.ignored }
  public var bytesRead: Int { state.table.scanner.bytesRead }
  /// Preview and test responses skipped so far.
  public private(set) var skippedRecords = 0

  private let state: MappedTableState
  private let statusField: Int?
  /// Whether the first data row was read while looking for a third header row.
  private var pending = false

  /// Opens the file and reads its two or three header rows.
  public init(context: ReaderContext) throws(ImportError) {
    let table = try DelimitedTable(context: context)
    let header = table.header
    // Numbered as header rows until the third row turns out to be data.
    table.extraHeaderRows = 2
    guard try table.next() else {
      throw ImportError(file: context.path, message: ImportError.qualtricsHeaderRows(1))
    }
    var texts: [String] = []
    for i in header.indices { texts.append(try table.string(i)) }
    var importIDs = Array(repeating: "", count: header.count)
    if try table.next() {
      var isImportIDRow = false
      for i in header.indices {
        let text = try table.string(i)
        if text.hasPrefix("{\"ImportId\"") {
          isImportIDRow = true
          importIDs[i] = Self.importID(text)
        }
      }
      if !isImportIDRow {
        table.extraHeaderRows = 1
        pending = true
      }
    } else {
      table.extraHeaderRows = 1
    }
    let vocabulary = SurveyVocabulary(context.survey)
    var roles: [ColumnRole] = []
    var status: Int?
    for i in header.indices {
      // A legacy `V7` column is named by its second header row.
      let name = Self.isLegacyName(header[i]) && Self.metadata[texts[i]] != nil ? texts[i] : header[i]
      if name == "Status" || importIDs[i] == "status" { status = i }
      roles.append(Self.role(of: name, importID: importIDs[i], vocabulary))
    }
    statusField = status
    state = MappedTableState(table: table, map: ColumnMap(header: header, roles: roles))
  }

  public func next() throws(ImportError) -> SourceRecord? {
    let table = state.table
    while true {
      if pending {
        pending = false
      } else if try !table.next() {
        return nil
      }
      if let statusField, Self.isPreview(try table.string(statusField)) {
        skippedRecords += 1
        continue
      }
      return try state.record()
    }
  }

  /// Whether a `Status` value marks a preview or test response.
  static func isPreview(_ status: String) -> Bool {
    switch status {
    case "1", "2", "Survey Preview", "Survey Test": true
    default: false
    }
  }

  /// Metadata names, with the ImportIds Qualtrics gives them; `true` for the respondent id.
  static let metadata: [String: Bool] = [
    "ResponseId": true, "ResponseID": true, "StartDate": false, "EndDate": false, "Status": false,
    "IPAddress": false, "Progress": false, "Duration (in seconds)": false, "Finished": false,
    "RecordedDate": false, "RecipientLastName": false, "RecipientFirstName": false, "RecipientEmail": false,
    "ExternalReference": false, "ExternalDataReference": false, "LocationLatitude": false,
    "LocationLongitude": false, "LocationAccuracy": false, "DistributionChannel": false, "UserLanguage": false,
    "ResponseSet": false, "Name": false, "EmailAddress": false,
  ]

  static let metadataImportIDs: [String: Bool] = [
    "_recordId": true, "startDate": false, "endDate": false, "status": false, "ipAddress": false,
    "progress": false, "duration": false, "finished": false, "recordedDate": false, "recipientLastName": false,
    "recipientFirstName": false, "recipientEmail": false, "externalDataReference": false,
    "locationLatitude": false, "locationLongitude": false, "distributionChannel": false, "userLanguage": false,
  ]

  private static let timingSuffixes = ["_First Click", "_Last Click", "_Page Submit", "_Click Count"]

  static func role(of name: String, importID: String, _ vocabulary: SurveyVocabulary) -> ColumnRole {
    if let isID = metadata[name] ?? metadataImportIDs[importID] { return isID ? .answer(respondentIDColumn) : .ignored }
    if vocabulary.isColumn(name) {
      return vocabulary.isMultiple(name) ? .commaList(name) : .answer(name)
    }
    if isQualtricsInternal(name) || timingSuffixes.contains(where: name.hasSuffix) || name.hasSuffix("_DO") {
      return .ignored
    }
    if let underscore = name.lastIndex(of: "_") {
      let tag = String(name[..<underscore])
      if let n = Int(name[name.index(after: underscore)...]) {
        if let row = vocabulary.matrixRow(tag, index: n) { return .answer(row) }
        if vocabulary.isMultiple(tag) {
          return .indicator(SurveyVocabulary.indicatorColumn(tag, code: n), question: tag)
        }
      }
    }
    return .answer(name)
  }

  /// `Q_RecaptchaScore`, `Q_RelevantIDDuplicate`, `Q_TotalDuration`…: Qualtrics' own columns.
  private static func isQualtricsInternal(_ name: String) -> Bool {
    guard name.hasPrefix("Q_"), let third = name.dropFirst(2).first else { return false }
    return third.isUppercase
  }

  /// `V1`, `V10`: a legacy export's column name.
  private static func isLegacyName(_ name: String) -> Bool {
    name.count > 1 && name.hasPrefix("V") && name.dropFirst().allSatisfy(\.isASCIIDigit)
  }

  /// The ImportId of a third-row cell such as `{"ImportId":"QID12_1"}`.
  static func importID(_ cell: String) -> String {
    let bytes = Array(cell.utf8)
    let parsed = bytes.withUnsafeBufferPointer { try? JSONParser.parse($0) }
    guard case .object(let members) = parsed else { return "" }
    for (key, value) in members where key == "ImportId" {
      if case .string(let id) = value { return id }
    }
    return ""
  }
}
