/// The export formats `confide import` reads.
public enum ImportFormat: String, Sendable, CaseIterable, Codable {
  /// Generic CSV: columns named by question id (RFC 4180).
  case csv
  /// JSON Lines: one JSON object per line, keys named by question id.
  case jsonl
  /// REDCap "raw" record export (codes, not labels; checkbox columns `name___code`).
  case redcap
  /// Qualtrics CSV export (three header rows, numeric recode values).
  case qualtrics
  /// ODK Central or KoboToolbox CSV export (`group/name` columns, space-separated selections).
  case odk
  /// LimeSurvey CSV export (question codes as headings).
  case limesurvey
  /// SurveyJS results: a JSON array of result objects.
  case surveyjs

  /// How the format is named in messages.
  public var displayName: String {
    switch self {
    case .csv: "CSV"
    case .jsonl: "JSON Lines"
    case .redcap: "REDCap raw export"
    case .qualtrics: "Qualtrics CSV export"
    case .odk: "ODK/KoboToolbox CSV export"
    case .limesurvey: "LimeSurvey CSV export"
    case .surveyjs: "SurveyJS results JSON"
    }
  }
}
