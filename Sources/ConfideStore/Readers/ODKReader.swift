import ConfideModel

/// Reads an ODK Central or KoboToolbox CSV export.
///
/// - Column paths name groups: Kobo writes `group/subgroup/name`, ODK Central
///   `group-subgroup-name`; a column is named by the last component that is a survey question
///   (or matrix row, or experiment). Columns the survey does not know pass through under their
///   full source name.
/// - A select_multiple answer as one column of space-separated option names passes as is; one
///   0/1 column per option (`q/option` in Kobo, `group-q/option` in Central) becomes the
///   indicator `q___code`, found by the option's name in the question's list.
/// - The respondent identifier is the first present of `meta/instanceID` (Central:
///   `meta-instanceID`), `KEY`, `instanceID` and Kobo's `_uuid`; the others are dropped.
/// - Dropped as metadata: `SubmissionDate`, `start`, `end`, `today`, `deviceid`,
///   `subscriberid`, `simserial`, `phonenumber`, `username`, `email`, `audit`, Central's
///   `SubmitterID`, `SubmitterName`, `AttachmentsPresent`, `AttachmentsExpected`, `Status`,
///   `ReviewState`, `DeviceID`, `Edits`, `FormVersion`, `PARENT_KEY`; everything under `meta`
///   and `formhub`; Kobo's `_`-prefixed columns (`_id`, `_submission_time`, `_validation_status`,
///   `_notes`, `_status`, `_submitted_by`, `__version__`, `_tags`, `_index`…); and geopoints
///   (Central's `-Latitude`, `-Longitude`, `-Altitude`, `-Accuracy` columns, Kobo's
///   `_name_latitude`… and the geopoint column itself).
/// - Kobo often exports with `;`: unless a delimiter is chosen, the header line decides.
public final class ODKReader: RecordSource {
  public let format = ImportFormat.odk
  public var columns: [String] { state.columns }
  public var sourceColumns: [String] { state.sourceColumns }
  public var sourcePositions: [Int] { state.sourcePositions }
  public var ignoredColumns: [String] { state.map.ignored }
  public var bytesRead: Int { state.table.scanner.bytesRead }

  private let state: MappedTableState

  /// Opens the file and reads its header.
  public init(context: ReaderContext) throws(ImportError) {
    let table = try DelimitedTable(context: context)
    let roles = Self.roles(of: table.header, SurveyVocabulary(context.survey))
    state = MappedTableState(table: table, map: ColumnMap(header: table.header, roles: roles))
  }

  public func next() throws(ImportError) -> SourceRecord? {
    guard try state.table.next() else { return nil }
    return try state.record()
  }

  /// Identifier columns, most preferred first.
  static let identifierColumns = ["meta/instanceID", "meta-instanceID", "KEY", "instanceID", "_uuid"]

  static let metadataNames: Set<String> = [
    "SubmissionDate", "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username",
    "email", "audit", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status",
    "ReviewState", "DeviceID", "Edits", "FormVersion", "KEY", "PARENT_KEY", "instanceID", "instanceName",
  ]

  private static let centralGeopointSuffixes = ["-Latitude", "-Longitude", "-Altitude", "-Accuracy"]

  static func roles(of header: [String], _ vocabulary: SurveyVocabulary) -> [ColumnRole] {
    let identifier = identifierColumns.first { header.contains($0) }
    // Geopoint columns, named by their companions: Central `loc-Latitude`, Kobo `_loc_latitude`.
    var geopoints = Set<String>()
    for name in header {
      if let suffix = centralGeopointSuffixes.first(where: name.hasSuffix) {
        geopoints.insert(String(name.dropLast(suffix.count)))
      }
      let last = lastComponent(name)
      if last.hasPrefix("_"), last.hasSuffix("_latitude") {
        geopoints.insert(String(last.dropFirst().dropLast("_latitude".count)))
      }
    }
    return header.map { name in
      if name == identifier { return .answer(respondentIDColumn) }
      let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
      let last = parts[parts.count - 1]
      if let column = resolve(last, vocabulary.isColumn) { return .answer(column) }
      if parts.count >= 2, let question = resolve(parts[parts.count - 2], vocabulary.isMultiple),
        let list = vocabulary.options(question),
        let choice = list.choice(named: last) ?? Int(last).flatMap({ list.choice(code: $0) })
      {
        return .indicator(SurveyVocabulary.indicatorColumn(question, code: choice.code), question: question)
      }
      let bare = last.split(separator: "-").last.map(String.init) ?? last
      if identifierColumns.contains(name) || last.hasPrefix("_") || parts[0] == "meta" || parts[0] == "formhub"
        || name.hasPrefix("meta-") || metadataNames.contains(last) || metadataNames.contains(bare)
        || geopoints.contains(name) || geopoints.contains(last)
        || centralGeopointSuffixes.contains(where: name.hasSuffix)
      {
        return .ignored
      }
      return .answer(name)
    }
  }

  /// The last `/` component of a column path.
  private static func lastComponent(_ name: String) -> String {
    name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
  }

  /// The survey's name in a path component: the component itself, or the longest tail after a
  /// `-` (Central's group separator; names may hold `-` too, so every tail is tried).
  private static func resolve(_ component: String, _ isKnown: (String) -> Bool) -> String? {
    if isKnown(component) { return component }
    var rest = Substring(component)
    while let dash = rest.firstIndex(of: "-") {
      rest = rest[rest.index(after: dash)...]
      if isKnown(String(rest)) { return String(rest) }
    }
    return nil
  }
}
