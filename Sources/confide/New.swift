import ArgumentParser
import ConfideAuthoring
import Foundation

struct New: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a starter survey that passes 'confide check'.")

  @Argument(help: "The survey's name, e.g. clinic-trust; the file is named after it (clinic-trust.survey).")
  var name: String

  @Option(
    name: .shortAndLong, help: "The folder to write into (default: surveys/ if it exists, else the current folder).")
  var output: String?

  func run() throws {
    let folder = output ?? (FileManager.default.fileExists(atPath: "surveys") ? "surveys" : ".")
    let base = name.hasSuffix(".survey") ? String(name.dropLast(7)) : name
    guard !base.isEmpty, !base.contains("/") else { throw CLIError.usage("give a plain name such as 'clinic-trust'") }
    // The file is named like the survey's id, with hyphens: "Clinic trust 2026" → clinic-trust-2026.survey.
    let fileName = Starter.surveyID(from: base).replacingOccurrences(of: "_", with: "-") + ".survey"
    let path = (folder as NSString).appendingPathComponent(fileName)
    if FileManager.default.fileExists(atPath: path) {
      throw CLIError.usage("'\(path)' already exists; choose another name")
    }
    try SurveyInput.write(Starter.survey(named: base), to: path)
    Terminal.standardError("wrote \(path); next: confide check \(path) && confide preview \(path)\n")
  }
}
