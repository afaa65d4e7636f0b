public import ConfideModel

/// One record of a source file, before it is checked against the survey.
public struct SourceRecord: Sendable, Equatable {
  /// The record's number among the data records, from 1 (a CSV header is not counted).
  public var row: Int
  /// The line of the file on which the record starts, from 1.
  public var line: Int
  /// The record's values, parallel to the source's ``RecordSource/columns`` as they were when
  /// the record was read: `nil` where the record has no such field (JSON), `""` for an empty
  /// one. A record may have fewer values than there are columns (later columns are absent).
  public var values: [String?]

  public init(row: Int, line: Int, values: [String?]) {
    self.row = row
    self.line = line
    self.values = values
  }
}

/// A reader of one export format, streaming records in the survey's terms.
///
/// A reader turns a platform's export into the generic shape that `confide import` checks:
/// columns named by question id, `id___code` for one option of a multiple-choice question,
/// an experiment's id for its arm, and ``respondentIDColumn`` for the respondent's identifier.
/// Platform metadata that is not an answer (timestamps, IP addresses, locations, e-mail
/// addresses) is dropped by the reader and named in ``ignoredColumns``, never passed on.
///
/// Readers never load the whole file: they read it in blocks, so memory stays flat whatever
/// its size.
public protocol RecordSource {
  /// The format being read.
  var format: ImportFormat { get }
  /// The columns in the survey's terms. JSON readers add columns as new keys appear.
  var columns: [String] { get }
  /// For each of ``columns``, how the source names it (for messages), e.g. `Q5_3` or
  /// `group_trust/trust_company`.
  var sourceColumns: [String] { get }
  /// For each of ``columns``, its 1-based position in the source (a CSV column number), or 0
  /// when the format has no positions (JSON keys).
  var sourcePositions: [Int] { get }
  /// Source columns the reader recognised as platform metadata and deliberately dropped.
  var ignoredColumns: [String] { get }
  /// Bytes of the file consumed so far (for the progress bar).
  var bytesRead: Int { get }
  /// Records the format marks as not real responses (Qualtrics previews and test runs), skipped
  /// and counted so that the summary can say so.
  var skippedRecords: Int { get }
  /// The next record, or `nil` at the end of the file.
  mutating func next() throws(ImportError) -> SourceRecord?
  /// A shortcut for the last record's values written as one or two ASCII digits (most answers
  /// are codes), parallel to its values; nil when the reader does not offer it.
  var digits: [Int16]? { get }
}

extension RecordSource {
  /// Most formats skip nothing.
  public var skippedRecords: Int { 0 }
  /// Only generic CSV offers the shortcut; the others change some values after reading them.
  public var digits: [Int16]? { nil }
}

/// What ``RecordSource/digits`` says of a value: ``none``, or the number it spells, plus
/// ``twoDigits`` when it is written with two digits (`7` is 7, `07` is 7 | `twoDigits`).
public enum SourceDigits {
  /// The value is not one or two ASCII digits.
  public static let none: Int16 = -1
  /// Set when the value is written with two digits.
  public static let twoDigits: Int16 = 0x100

  /// The number a shortcut spells, or nil.
  @inline(__always)
  static func number(_ digits: Int16) -> Int? { digits < 0 ? nil : Int(digits & 0xFF) }
}

/// The name of the generic column that holds the respondent's identifier.
public let respondentIDColumn = "respondent_id"

/// What a reader may know about the survey: foreign exports name things their own way
/// (`Q5_3` for option 3 of question 5), and the survey says which reading is right.
public struct ReaderContext: Sendable {
  /// The survey the file answers.
  public var survey: Survey
  /// The delimiter of delimited text (`,` unless the user chose another).
  public var delimiter: UInt8
  /// Whether the user chose the delimiter; if not, readers sniff `,`, `;` or tab from the header.
  public var delimiterIsExplicit: Bool
  /// The file's path, for messages.
  public var path: String

  public init(survey: Survey, path: String, delimiter: UInt8? = nil) {
    self.survey = survey
    self.path = path
    self.delimiter = delimiter ?? UInt8(ascii: ",")
    self.delimiterIsExplicit = delimiter != nil
  }
}
