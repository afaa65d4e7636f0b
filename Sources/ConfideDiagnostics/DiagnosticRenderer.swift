/// Turns diagnostics into the text a person reads in a terminal:
///
/// ```
/// nhs-data-trust.survey:41:12: error: unknown question 'delayed_caer'
///  41 |   show if delayed_caer = yes
///     |           ^~~~~~~~~~~~
///     = help: did you mean 'delayed_care'?
/// ```
///
/// The renderer only builds strings; the caller decides where they go.
public struct DiagnosticRenderer: Sendable {
  /// Whether to add ANSI colours.
  public var colored: Bool
  /// The text of each file, keyed by the path used in its diagnostics, for source excerpts.
  public var sources: [String: String]

  public init(sources: [String: String] = [:], colored: Bool = false) {
    self.sources = sources
    self.colored = colored
  }

  /// Renders one diagnostic, with its source excerpt, notes and fix-its.
  public func render(_ diagnostic: Diagnostic) -> String {
    var out = ""
    let label: String
    switch diagnostic.severity {
    case .error: label = paint("error", "1;31")
    case .warning: label = paint("warning", "1;35")
    case .note: label = paint("note", "1;36")
    }
    out += paint("\(diagnostic.location):", "1") + " \(label): " + paint(diagnostic.message, "1")
    out += "\n"
    out += excerpt(diagnostic.range)
    for note in diagnostic.notes {
      if let range = note.range, range.start.file == diagnostic.range.start.file {
        out += "    = note: \(note.message) (line \(range.start.line))\n"
      } else if let range = note.range {
        out += "    = note: \(note.message) (\(range.start))\n"
      } else {
        out += "    = note: \(note.message)\n"
      }
    }
    for fix in diagnostic.fixIts {
      out += "    = help: \(fix.message)\n"
    }
    return out
  }

  /// Renders every diagnostic followed by a one-line summary ("2 errors, 1 warning").
  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(render).joined()
  }

  private func excerpt(_ range: SourceRange) -> String {
    guard let text = sources[range.start.file] else { return "" }
    // Split on scalars: "\r\n" is one Character, so a Character split would miss it.
    var scalars = Substring(text).unicodeScalars
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    let lines = scalars.split(separator: "\n", omittingEmptySubsequences: false)
    let lineIndex = range.start.line - 1
    guard lineIndex >= 0, lineIndex < lines.count else { return "" }
    var lineScalars = lines[lineIndex]
    if lineScalars.last == "\r" { lineScalars.removeLast() }
    let line = String(String.UnicodeScalarView(lineScalars.map { $0 == "\t" ? " " : $0 }))
    let number = String(range.start.line)
    let gutter = String(repeating: " ", count: number.count)
    let lineLength = line.unicodeScalars.count
    let startColumn = max(1, range.start.column)
    var endColumn =
      range.end.line == range.start.line ? range.end.column : lineLength + 1
    endColumn = max(endColumn, startColumn + 1)
    let width = min(endColumn - startColumn, max(1, lineLength + 1 - startColumn))
    let marker =
      String(repeating: " ", count: startColumn - 1) + "^"
      + String(repeating: "~", count: max(0, width - 1))
    return " \(number) | \(line)\n \(gutter) | " + paint(marker, "1;32") + "\n"
  }

  private func paint(_ text: String, _ code: String) -> String {
    colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}

/// A one-line count of diagnostics by severity, e.g. `2 errors, 1 warning`.
public func diagnosticSummary(_ diagnostics: [Diagnostic]) -> String {
  let errors = diagnostics.count { $0.severity == .error }
  let warnings = diagnostics.count { $0.severity == .warning }
  func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
  return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
}
