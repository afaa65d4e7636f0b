import ConfideLanguage
import ConfideModel
import ConfideStore
import Foundation
import Testing

/// The export fixtures and the shipped survey they answer.
enum Exports {
  /// The folder of export fixtures in the test bundle.
  static var folder: URL {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent("exports")
  }

  /// The path of fixture `name`.
  static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  /// The repository root, found from this file's path.
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `surveys/nhs-data-trust.survey`, compiled.
  static let survey: Survey = {
    let url = repository.appendingPathComponent("surveys").appendingPathComponent("nhs-data-trust.survey")
    let compiled = SurveyCompiler.compile(try! String(contentsOf: url, encoding: .utf8), file: "nhs-data-trust.survey")
    precondition(!compiled.hasErrors, "the shipped survey does not compile")
    return compiled.survey
  }()

  /// A reader's context; without a delimiter, readers sniff it from the header.
  static func context(_ path: String, delimiter: Character? = nil) -> ReaderContext {
    ReaderContext(survey: survey, path: path, delimiter: delimiter.map { $0.asciiValue! })
  }

  /// Metadata in the fixtures that must never reach a record: IP addresses, e-mail addresses,
  /// names, locations, phone numbers, device ids, tokens.
  static let secrets = [
    "192.168.", "10.20.30.40", "10.0.0.", "172.16.", "@example", "jane", "Jane", "Smith", "Doe", "Bloggs",
    "51.5074", "-0.1278", "53.4808", "+44770", "collect:", "kobotoolbox", "enumerator7", "tok_", "NHS-4477",
  ]

  /// Checks that no column name or value of `records` holds any of ``secrets``.
  static func expectNoSecrets(
    _ source: any RecordSource, _ records: [SourceRecord], sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    for secret in secrets {
      for column in source.columns {
        #expect(!column.contains(secret), "column \(column) holds metadata", sourceLocation: sourceLocation)
      }
      for record in records {
        for case let value? in record.values {
          #expect(!value.contains(secret), "row \(record.row) holds metadata", sourceLocation: sourceLocation)
        }
      }
    }
  }
}

/// Every record of `source`.
func readAll(_ source: inout some RecordSource) throws -> [SourceRecord] {
  var records: [SourceRecord] = []
  while let record = try source.next() { records.append(record) }
  return records
}

/// Every record of `source`, each as a dictionary from column to value (absent values left out).
func rows(_ records: [SourceRecord], _ columns: [String]) -> [[String: String]] {
  records.map { record in
    var row: [String: String] = [:]
    for (i, value) in record.values.enumerated() { if let value { row[columns[i]] = value } }
    return row
  }
}

/// The error thrown by `body`, as `file:line:column: message` with the file's folder removed.
func importError(_ body: () throws -> Void) -> String? {
  do {
    try body()
    return nil
  } catch var error as ImportError {
    error.file = URL(fileURLWithPath: error.file).lastPathComponent
    return error.description
  } catch {
    return "not an ImportError: \(error)"
  }
}

/// Writes `bytes` to a file named `name` in `scratch` and returns its path.
func write(_ bytes: [UInt8], _ name: String, in scratch: Scratch) throws -> String {
  let path = scratch.path(name)
  try Data(bytes).write(to: URL(fileURLWithPath: path))
  return path
}

/// Writes `text` (UTF-8) to a file named `name` in `scratch` and returns its path.
func write(_ text: String, _ name: String, in scratch: Scratch) throws -> String {
  try write(Array(text.utf8), name, in: scratch)
}
