import ConfideLanguage
import ConfideModel
import Foundation
import Testing

/// Analysis-plan fixtures: each plan is checked against the survey its `survey` line names and,
/// when it rakes or post-stratifies, the margins file its `weighting` line names. Both are found
/// by file name: beside the plan, then in `Fixtures/analysis`, then among the shipped files.
enum PlanFixtures {
  static let folders = ["analysis", "analysis-valid"]

  /// Compiles the plan fixture `name` in `folder`; returns its text and the result.
  static func compile(_ folder: String, _ name: String) throws -> (text: String, compiled: CompiledPlan) {
    let text = try Fixtures.read(folder, name)
    let plan = AnalysisParser.parse(text, file: name).plan
    var levels: [String: [String]]?
    if case .calibrated(let calibration) = plan.weighting, !calibration.marginsPath.isEmpty {
      levels = MarginsCSV.levels(try read(calibration.marginsPath, folder: folder, shipped: "analysis"))
    }
    let survey = try plan.surveyPath.isEmpty ? nil : survey(plan.surveyPath, folder: folder)
    return (text, AnalysisCompiler.compile(text, file: name, survey: survey, marginLevels: levels))
  }

  /// The checked survey at `path` (by its file name).
  static func survey(_ path: String, folder: String) throws -> Survey {
    let text = try read(path, folder: folder, shipped: "surveys")
    let name = URL(fileURLWithPath: path).lastPathComponent
    let compiled = SurveyCompiler.compile(text, file: name)
    #expect(!compiled.hasErrors, "fixture survey \(name) has errors")
    return compiled.survey
  }

  /// A file named by a plan, found by its file name beside the plan, in `Fixtures/analysis`, or
  /// in the repository folder `shipped`.
  static func read(_ path: String, folder: String, shipped: String) throws -> String {
    let name = URL(fileURLWithPath: path).lastPathComponent
    for candidate in [folder, "analysis"] where Fixtures.exists(candidate, name) {
      return try Fixtures.read(candidate, name)
    }
    return try Repository.text(shipped + "/" + name)
  }
}

/// The levels of a margins file (`variable,level,proportion` or `variable,level,population`, with
/// `#` comment lines), as the CLI reads them for the checker.
enum MarginsCSV {
  static func levels(_ text: String) -> [String: [String]] {
    var out: [String: [String]] = [:]
    for line in text.split(whereSeparator: \.isNewline) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard fields.count >= 2, fields[0] != "variable" else { continue }
      out[fields[0], default: []].append(fields[1])
    }
    return out
  }
}
