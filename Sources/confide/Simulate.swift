import ArgumentParser
import ConfideDiagnostics
import ConfideLanguage
import ConfideModel
import ConfideStore
import Foundation

struct Simulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Generate synthetic responses to a survey, in the format 'confide import' reads.",
    discussion: """
      Respondents follow the survey's routing, 'valid if' conditions, ranges and experiment \
      allocation, with a latent privacy concern linking their answers (the model is described in \
      the documentation of ConfideStore's Simulator). The same seed always gives the same file.

      An effect is 'VARIABLE SHIFT [if CONDITION]', the condition in the survey language: \
      --effect "seek_care_likely -1 if framing = enforcement" moves the mean of a rating by one \
      scale point; on a yes/no question the shift is added to the probability of yes \
      (--effect "delayed_care +0.1 if born_outside_uk = yes"); on an integer or decimal, to the \
      value; on a list-experiment count, to the prevalence of the sensitive statement \
      (--effect "list_count +0.15 if framing = enforcement").

      --identifier-rate plants synthetic direct identifiers (NHS numbers from the 999 test \
      range, e-mail addresses at example.org, phone numbers from Ofcom's 07700 900xxx drama \
      range, postcodes of public buildings) into that share of free-text answers, so that \
      redaction on import can be demonstrated. They identify nobody, but the file then contains \
      what look like identifiers: treat it as you would real data.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

  @Argument(help: "The .survey file.")
  var file: String

  @Option(name: [.customShort("n"), .customLong("n")], help: "How many respondents to generate (at least 1).")
  var count: Int

  @Option(help: "The seed of the random numbers: the same seed gives the same file.")
  var seed: UInt64 = 1

  @Option(name: .shortAndLong, help: "Write to this file (created owner-only) instead of standard output.")
  var output: String?

  @Option(help: "Output format: csv or jsonl (default: from the output file's extension, else csv).")
  var format: Format?

  @Option(help: ArgumentHelp("Plant an effect: 'VARIABLE SHIFT [if CONDITION]' (repeatable).", valueName: "effect"))
  var effect: [String] = []

  @Option(help: "The share of free-text answers given a synthetic identifier, from 0 to 1.")
  var identifierRate: Double = 0

  func validate() throws {
    guard count >= 1 else { throw ValidationError("--n must be at least 1") }
    guard (0...1).contains(identifierRate) else { throw ValidationError("--identifier-rate must be between 0 and 1") }
  }

  func run() throws {
    let survey = try SurveyInput.load(file)
    var effects: [PlantedEffect] = []
    for text in effect { effects.append(try Self.effect(text, survey: survey)) }
    let plan = SimulationPlan(survey: survey, effects: effects, identifierRate: identifierRate)
    var generator = SplitMix64(seed: seed)
    do {
      let simulator = try Simulator(plan, using: &generator)
      let writer = try SimulationWriter(
        variables: simulator.variables,
        format: format.flatMap { SimulationWriter.Format(rawValue: $0.rawValue) } ?? .implied(by: output),
        respondents: count,
        to: output.map { .file($0) } ?? .standardOutput)
      try simulator.write(count: count, to: writer, using: &generator)
    } catch {
      switch error {
      case .noValidAnswer: throw CLIError(message: error.description, status: 1)
      default: throw CLIError.usage(error.description)
      }
    }
  }

  /// Reads one `--effect`, printing the diagnostics of a bad condition against the effect's text.
  static func effect(_ text: String, survey: Survey) throws(CLIError) -> PlantedEffect {
    let parts: PlantedEffect.Parts
    do {
      parts = try PlantedEffect.parts(of: text)
    } catch {
      throw .usage(error.description)
    }
    guard let conditionText = parts.condition else {
      return PlantedEffect(variable: parts.variable, shift: parts.shift)
    }
    let source = "--effect"
    let (condition, diagnostics) = SurveyCompiler.parseCondition(
      conditionText, for: survey, file: source, column: parts.conditionColumn)
    guard let condition, !diagnostics.hasErrors else {
      let rendered = DiagnosticRenderer(sources: [source: text], colored: Terminal.standardErrorSupportsColor)
        .render(diagnostics)
      Terminal.standardError(rendered)
      throw .usage("the condition of the effect on '\(parts.variable)' is not valid")
    }
    return PlantedEffect(variable: parts.variable, shift: parts.shift, condition: condition)
  }
}
