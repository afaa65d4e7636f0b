import ArgumentParser
import ConfideLanguage
import ConfideModel
import ConfideStatistics
import ConfideStore
import Foundation

struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "See the whole system in one command: simulate, import and report.",
    discussion: """
      Simulates a sample of the shipped instrument (surveys/nhs-data-trust.survey), with age, \
      sex and region drawn from the plan's margins file and ethnicity and country of birth from \
      rounded census shares, and with planted \
      chilling effects, imports it into a scratch store (checking every row), runs the shipped \
      plan (analysis/chilling-effect.analysis) and prints the report. Run it from the \
      repository's root folder, or give --plan. The planted effects: the description naming \
      immigration enforcement lowers the likelihood of seeing a GP by 0.6 scale points (0.9 for \
      people born outside the UK) and of disclosing something sensitive by 0.5; the private \
      platform by 0.25; people born outside the UK delay care and withhold information more \
      often, and avoid care for fear of immigration checks more often. The scratch store is \
      deleted afterwards unless --db names where to keep it.
      """)

  @Option(help: "The analysis plan to run.")
  var plan: String = "analysis/chilling-effect.analysis"

  @Option(name: [.customShort("n"), .customLong("n")], help: "How many respondents to simulate.")
  var count: Int = 5_000

  @Option(help: "The seed of the random numbers: the same seed gives the same report.")
  var seed: UInt64 = 2026

  @Option(help: "Output format: text, markdown, csv, json, html or latex.")
  var format: Report.Format = .text

  @Option(name: .shortAndLong, help: "Write the report to this file (for csv, this folder).")
  var output: String?

  @Option(help: "Keep the scratch store at this path (it must not exist yet).")
  var db: String?

  @Flag(
    help: """
      Print the planted effects, one per line in the language of `confide simulate --effect`, \
      and stop.
      """)
  var printEffects = false

  /// The planted effects, in the language `confide simulate --effect` reads.
  static let effects = [
    "seek_care_likely -0.6 if framing = enforcement",
    "seek_care_likely -0.3 if framing = enforcement and born_outside_uk = yes",
    "seek_care_likely -0.25 if framing = private_platform",
    "disclose_likely -0.5 if framing = enforcement",
    "disclose_likely -0.2 if framing = private_platform",
    "delayed_care +0.08 if born_outside_uk = yes",
    "withheld_info +0.06 if born_outside_uk = yes",
    "list_count +0.05",
    "list_count +0.1 if born_outside_uk = yes",
  ]

  /// Answer shares for the demographics without a margin in the plan's margins file: rounded
  /// shares of the kind the 2021 Census of England and Wales gives (illustrative, like the
  /// margins file). The weighting variables follow the margins file itself.
  static let demographics: [String: [String: Double]] = [
    "ethnicity": ["asian": 0.093, "black": 0.040, "mixed": 0.029, "white": 0.817, "other": 0.021],
    "born_outside_uk": ["yes": 0.168, "no": 0.832],
  ]

  func validate() throws {
    guard count >= 100 else { throw ValidationError("--n must be at least 100") }
    if format == .csv, output == nil { throw ValidationError("csv writes one file per table: give a folder with -o") }
  }

  func run() throws {
    if printEffects {
      print(Self.effects.joined(separator: "\n"))
      return
    }
    let loaded = try PlanInput.load(plan)
    let survey = loaded.survey
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("confide-demo-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(
        at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw CLIError.usage("cannot create a scratch folder: \(error.localizedDescription)")
    }
    defer { try? FileManager.default.removeItem(at: scratch) }
    if let db, FileManager.default.fileExists(atPath: db) { throw CLIError.usage("'\(db)' exists already") }
    let storePath = db ?? scratch.appendingPathComponent("demo.db").path
    let csv = scratch.appendingPathComponent("responses.csv").path

    // Simulate.
    var planted: [PlantedEffect] = []
    for text in Self.effects { planted.append(try Simulate.effect(text, survey: survey)) }
    var generator = SplitMix64(seed: seed)
    do {
      var distributions = Self.demographics
      for (variable, cells) in loaded.margins?.cells ?? [:] {
        distributions[variable] = Dictionary(cells.map { ($0.level, $0.value) }, uniquingKeysWith: +)
      }
      let simulator = try Simulator(
        SimulationPlan(survey: survey, effects: planted, distributions: distributions), using: &generator)
      let writer = try SimulationWriter(
        variables: simulator.variables, format: .csv, respondents: count, to: .file(csv))
      try simulator.write(count: count, to: writer, using: &generator)
    } catch {
      throw CLIError.usage("cannot simulate: \(error.description)")
    }

    // Import, checking every row.
    let text = try SurveyInput.read(loaded.surveyPath)
    let canonical = Formatter.format(SurveyCompiler.compile(text, file: loaded.surveyPath).syntax)
    let store: ResponseStore
    let summary: ImportSummary
    do {
      store = try ResponseStore(path: storePath)
      summary = try store.importFile(
        ImportRequest(
          path: csv, survey: survey, canonicalText: canonical, format: .csv, delimiter: nil, mapping: nil,
          allowIdentifiers: false, toolVersion: ConfideVersion.string))
    } catch {
      throw CLIError.usage(String(describing: error))
    }
    Terminal.standardError(
      "Simulated \(count) respondents (seed \(seed)) with planted chilling effects; imported \(summary.accepted), "
        + "quarantined \(summary.quarantined).\n\n")
    AllocatorTuning.keepFreedMemory()
    let document = try Report.document(loaded, store: store)
    try Report.write(document, format: format, to: output)
  }
}
