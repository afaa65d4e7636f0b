import Foundation

/// What one import did: `confide import` prints it and the batch keeps it (as JSON).
public struct ImportSummary: Codable, Sendable, Equatable {
  /// The file imported (as given).
  public var file: String
  /// The format read.
  public var format: ImportFormat
  /// Why that format was chosen, when it was sniffed (`--format auto`).
  public var formatReason: String?
  /// The batch the rows went into; for a file imported before, the earlier batch.
  public var batch: Int64
  /// Whether the file had been imported before, so nothing was done.
  public var alreadyImported: Bool
  /// When the earlier import was, for a file imported before.
  public var importedAt: String?
  /// The survey version the rows answer.
  public var surveyVersion: String
  /// Records read from the file.
  public var rowsRead: Int
  /// Rows stored as analysable responses.
  public var accepted: Int
  /// Rows held in quarantine.
  public var quarantined: Int
  /// Rows whose respondent was already stored with the same answers (not stored again).
  public var duplicates: Int
  /// Rows whose respondent was already stored with different answers (quarantined).
  public var conflicts: Int
  /// Quarantined rows by reason (a row may have several reasons).
  public var reasons: [QuarantineReason.Kind: Int]
  /// Identifiers redacted from free text, by kind.
  public var redactions: [RedactionKind: Int]
  /// Source columns that are platform metadata, dropped by the reader.
  public var ignoredColumns: [String]
  /// Columns that match nothing in the survey (their values quarantine the rows that have one).
  public var unknownColumns: [String]
  /// Records the export marks as previews or test runs (Qualtrics), not read as responses.
  public var skippedRecords: Int
  /// Wall time, in seconds.
  public var seconds: Double

  /// The number of redactions of every kind.
  public var redactionTotal: Int { redactions.values.reduce(0, +) }

  /// The summary as text for a terminal.
  public func text() -> String {
    if alreadyImported {
      return
        "\(file): already imported as batch \(batch)\(importedAt.map { " on \($0)" } ?? ""); nothing to do\n"
    }
    var out: [String] = []
    var head = "\(file): \(format.displayName)"
    if let formatReason { head += " (\(formatReason))" }
    out.append(head + ", survey version \(surveyVersion), batch \(batch)")
    let rate = seconds > 0 ? Double(rowsRead) / seconds : 0
    out.append(
      "  read \(rowsRead) rows in \(String(format: "%.2f", seconds)) s (\(Int(rate.rounded())) rows/s)")
    out.append("  accepted     \(accepted)")
    out.append("  quarantined  \(quarantined)")
    for (kind, n) in reasons.sorted(by: { $0.key < $1.key }) {
      out.append("    \(n) with \(kind.summary) [\(kind.rawValue)]")
    }
    out.append("  duplicates   \(duplicates) (already stored with the same answers)")
    out.append("  conflicts    \(conflicts) (already stored with different answers; quarantined)")
    let redacted = redactions.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
    out.append(
      "  redactions   \(redactionTotal)\(redacted.isEmpty ? "" : " (" + redacted.joined(separator: ", ") + ")")")
    if skippedRecords > 0 {
      out.append("  skipped      \(skippedRecords) preview or test responses marked so by the platform")
    }
    if !ignoredColumns.isEmpty {
      out.append("  platform metadata not stored: \(ignoredColumns.joined(separator: ", "))")
    }
    if !unknownColumns.isEmpty {
      out.append("  columns not in the survey: \(unknownColumns.joined(separator: ", "))")
    }
    if quarantined > 0 {
      out.append("  see them with: confide quarantine --batch \(batch)")
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// The summary as JSON (sorted keys).
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self) else { return "{}" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

extension QuarantineReason.Kind: CodingKeyRepresentable {}
extension RedactionKind: CodingKeyRepresentable {}
