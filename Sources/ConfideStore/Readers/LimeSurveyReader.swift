import ConfideModel

/// Reads a LimeSurvey CSV export with question codes as headings ("Question code" headings,
/// "Answer codes" responses).
///
/// - `id` (the response id) is the respondent identifier.
/// - Dropped as metadata: `submitdate`, `lastpage`, `startlanguage`, `seed`, `startdate`,
///   `datestamp`, `ipaddr`, `refurl`, `token` (an identifier), `optout`, participant
///   `firstname`, `lastname`, `email`, `emailstatus` and `attribute_N`, `interviewtime` and the
///   timing columns (`groupTime12`, `Q1Time`: any name ending in `Time`).
/// - Sub-questions `Q1[SQ001]`: for a matrix `Q1`, the row whose id is `SQ001`, else the N-th
///   row when the code is `SQ00N` (or just `N`); for a multiple-choice `Q2`, the indicator
///   `Q2___code` of the option whose name is the sub-question code, else of code N when the
///   code is a number, else of the N-th option of the list (survey order, missing codes last
///   as declared) when the code is `SQ00N`. `Y` becomes `1`; an empty option is `0` when
///   another option is checked in the row (else it stays empty: not answered).
/// - `Q2[other]`, comments and anything else pass through under their source names; answer
///   codes such as `A1` pass as is (a mapping file turns them into the survey's codes).
/// - LimeSurvey's `;`-delimited variant is recognised from the header line.
public final class LimeSurveyReader: RecordSource {
  public let format = ImportFormat.limesurvey
  public var columns: [String] { state.columns }
  public var sourceColumns: [String] { state.sourceColumns }
  public var sourcePositions: [Int] { state.sourcePositions }
  public var ignoredColumns: [String] { state.map.ignored }
  public var bytesRead: Int { state.table.scanner.bytesRead }

  private let state: MappedTableState

  /// Opens the file and reads its header.
  public init(context: ReaderContext) throws(ImportError) {
    let table = try DelimitedTable(context: context)
    let vocabulary = SurveyVocabulary(context.survey)
    let roles = table.header.map { Self.role(of: $0, vocabulary) }
    state = MappedTableState(table: table, map: ColumnMap(header: table.header, roles: roles))
  }

  public func next() throws(ImportError) -> SourceRecord? {
    guard try state.table.next() else { return nil }
    return try state.record()
  }

  static let metadataNames: Set<String> = [
    "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl", "token",
    "interviewtime", "optout", "firstname", "lastname", "email", "emailstatus",
  ]

  static func role(of name: String, _ vocabulary: SurveyVocabulary) -> ColumnRole {
    if name == "id" && !vocabulary.isColumn("id") { return .answer(respondentIDColumn) }
    if vocabulary.isColumn(name) { return .answer(name) }
    if metadataNames.contains(name) || name.hasSuffix("Time") || hasNumberedPrefix(name, "groupTime")
      || hasNumberedPrefix(name, "attribute_")
    {
      return .ignored
    }
    guard let open = name.firstIndex(of: "["), name.hasSuffix("]") else { return .answer(name) }
    let question = String(name[..<open])
    let code = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
    guard !code.contains("[") && !code.contains("]") else { return .answer(name) }
    let number = position(code)
    if vocabulary.isMatrixRow(question, code) { return .answer(code) }
    if let number, let row = vocabulary.matrixRow(question, index: number) { return .answer(row) }
    if let list = vocabulary.options(question) {
      var choice = list.choice(named: code) ?? Int(code).flatMap { list.choice(code: $0) }
      if choice == nil, let number, code.hasPrefix("SQ"), number <= list.choices.count {
        choice = list.choices[number - 1]
      }
      if let choice {
        return .indicator(SurveyVocabulary.indicatorColumn(question, code: choice.code), question: question)
      }
    }
    return .answer(name)
  }

  /// Whether `name` is `prefix` followed by digits (`groupTime12`, `attribute_3`).
  private static func hasNumberedPrefix(_ name: String, _ prefix: String) -> Bool {
    name.hasPrefix(prefix) && name.count > prefix.count && name.dropFirst(prefix.count).allSatisfy(\.isASCIIDigit)
  }

  /// N for a sub-question code `SQ00N` or `N`.
  private static func position(_ code: String) -> Int? {
    let digits = code.hasPrefix("SQ") ? code.dropFirst(2) : Substring(code)
    guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let n = Int(digits), n >= 1 else { return nil }
    return n
  }
}
