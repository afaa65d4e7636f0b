public import Foundation

/// The machine-readable form of diagnostics printed by `confide check --format json`.
///
/// The schema is stable (version 1): an object `{"version": 1, "diagnostics": [...]}` where each
/// diagnostic has `id`, `severity`, `message`, `file`, `line`, `column`, `endLine`, `endColumn`,
/// `notes` (each `{message, file?, line?, column?}`) and `fixIts`
/// (each `{message, line, column, endLine, endColumn, replacement}`).
public enum DiagnosticJSON {
  struct Document: Encodable {
    var version = 1
    var diagnostics: [Entry]
  }

  struct Entry: Encodable {
    var id: String
    var severity: String
    var message: String
    var file: String
    var line: Int
    var column: Int
    var endLine: Int
    var endColumn: Int
    var notes: [NoteEntry]
    var fixIts: [FixEntry]
  }

  struct NoteEntry: Encodable {
    var message: String
    var file: String?
    var line: Int?
    var column: Int?
  }

  struct FixEntry: Encodable {
    var message: String
    var line: Int
    var column: Int
    var endLine: Int
    var endColumn: Int
    var replacement: String
  }

  /// Encodes diagnostics as pretty-printed JSON with sorted keys.
  public static func encode(_ diagnostics: [Diagnostic]) -> Data {
    let document = Document(
      diagnostics: diagnostics.map { d in
        Entry(
          id: d.id.rawValue, severity: d.severity.rawValue, message: d.message,
          file: d.range.start.file, line: d.range.start.line, column: d.range.start.column,
          endLine: d.range.end.line, endColumn: d.range.end.column,
          notes: d.notes.map {
            NoteEntry(
              message: $0.message, file: $0.range?.start.file, line: $0.range?.start.line,
              column: $0.range?.start.column)
          },
          fixIts: d.fixIts.map {
            FixEntry(
              message: $0.message, line: $0.range.start.line, column: $0.range.start.column,
              endLine: $0.range.end.line, endColumn: $0.range.end.column,
              replacement: $0.replacement)
          })
      })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain strings and integers cannot fail.
    return (try? encoder.encode(document)) ?? Data("{}".utf8)
  }
}
