import ArgumentParser
import ConfideAuthoring
import ConfideModel
import Foundation

struct Diff: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Explain what changed between two versions of a survey and flag changes that break comparability.",
    discussion:
      "Exit status: 0 when data under both versions can be pooled, 1 when any change is breaking, 2 for usage errors.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @Argument(help: "The earlier version.")
  var old: String

  @Argument(help: "The later version.")
  var new: String

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  func run() throws {
    let a = try SurveyInput.load(old)
    let b = try SurveyInput.load(new)
    let diff = SurveyDiff(old: a, new: b)
    Terminal.standardOutput(format == .json ? diff.json() : diff.text())
    if diff.hasBreakingChanges { throw CLIError.findings }
  }
}
