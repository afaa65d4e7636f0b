import ArgumentParser
import ConfideAuthoring
import ConfideModel
import Foundation

struct Describe: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the codebook: every variable, type, codes, labels, missing codes, role, routing and arm.",
    discussion: "The JSON form (schema confide.codebook/1) is documented in docs/codebook-json.md and stable.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @Argument(help: "The .survey file.")
  var file: String

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  @Option(help: "The language of labels in text output (JSON has every language).")
  var lang: String?

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  func run() throws {
    let survey = try SurveyInput.load(file)
    if let lang, !survey.languages.contains(lang) {
      throw CLIError.usage(
        "the survey is not written in '\(lang)' (it has: \(survey.languages.joined(separator: ", ")))")
    }
    let codebook = Codebook(survey)
    try SurveyInput.write(format == .json ? codebook.json() : codebook.text(language: lang), to: output)
  }
}
