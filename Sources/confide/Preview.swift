import ArgumentParser
import ConfideAuthoring
import ConfideModel
import Foundation

struct Preview: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show the questionnaire as a respondent sees it, with routing in plain words.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, html }

  @Argument(help: "The .survey file.")
  var file: String

  @Option(help: "The language to show (default: the survey's first language).")
  var lang: String?

  @Option(help: "Show one arm of an experiment: ARM or EXPERIMENT=ARM (repeatable).")
  var arm: [String] = []

  @Option(help: "Output format: text, markdown or html.")
  var format: Format = .text

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  func run() throws {
    let survey = try SurveyInput.load(file)
    let document: PreviewDocument
    do {
      let arms = try PreviewDocument.resolveArms(arm, in: survey)
      document = try PreviewDocument(survey: survey, language: lang, arms: arms)
    } catch {
      throw CLIError.usage(error.description)
    }
    let text: String
    switch format {
    case .text: text = PreviewRenderer.text(document)
    case .markdown: text = PreviewRenderer.markdown(document)
    case .html: text = PreviewRenderer.html(document)
    }
    try SurveyInput.write(text, to: output)
  }
}
