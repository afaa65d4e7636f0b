import ConfideDiagnostics
import ConfideLanguage
import ConfideModel
import ConfideStatistics
import Foundation

/// An analysis plan read for a command: checked against its survey and margins file.
struct LoadedPlan {
  var plan: AnalysisPlan
  var planPath: String
  var survey: Survey
  var surveyPath: String
  var margins: MarginsTable?
}

/// Reads and checks `.analysis` files, with the survey and margins files they name.
enum PlanInput {
  /// Every diagnostic for a plan file: its own, its survey's and its margins file's, with the
  /// texts needed to render them.
  struct Checked {
    var diagnostics: [Diagnostic]
    var sources: [String: String]
    var loaded: LoadedPlan?
  }

  /// A path written in a plan, resolved against the plan's folder.
  static func resolve(_ path: String, from planPath: String) -> String {
    if path.hasPrefix("/") { return path }
    let folder = (planPath as NSString).deletingLastPathComponent
    return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
  }

  /// Checks a plan file and everything it names; never throws for problems in the files.
  static func check(_ planPath: String) throws(CLIError) -> Checked {
    let text = try SurveyInput.read(planPath)
    var sources = [planPath: text]
    let outline = AnalysisCompiler.compile(text, file: planPath, survey: nil)
    guard !outline.plan.surveyPath.isEmpty else {
      return Checked(diagnostics: outline.diagnostics, sources: sources, loaded: nil)
    }
    let surveyPath = resolve(outline.plan.surveyPath, from: planPath)
    let location =
      outline.plan.surveySpan.range ?? SourceRange(start: SourceLocation(file: planPath, line: 1, column: 1))
    guard let surveyText = try? SurveyInput.read(surveyPath) else {
      let diagnostic = PlanFileDiagnostics.surveyUnreadable(
        written: outline.plan.surveyPath, resolved: surveyPath, location)
      return Checked(diagnostics: outline.diagnostics + [diagnostic], sources: sources, loaded: nil)
    }
    sources[surveyPath] = surveyText
    let survey = SurveyCompiler.compile(surveyText, file: surveyPath)
    var diagnostics = survey.diagnostics
    var margins: MarginsTable?
    var levels: [String: [String]]?
    if case .calibrated(let calibration) = outline.plan.weighting {
      let marginsPath = resolve(calibration.marginsPath, from: planPath)
      let range = calibration.marginsSpan.range ?? location
      if let marginsText = try? SurveyInput.read(marginsPath) {
        sources[marginsPath] = marginsText
        do {
          let table = try MarginsTable.parse(marginsText)
          margins = table
          levels = table.cells.mapValues { $0.map(\.level) }
        } catch {
          let at = SourceLocation(file: marginsPath, line: error.line, column: error.column)
          diagnostics.append(PlanFileDiagnostics.marginsMalformed(error.message, at: at))
        }
      } else {
        diagnostics.append(
          PlanFileDiagnostics.marginsUnreadable(written: calibration.marginsPath, resolved: marginsPath, range))
      }
    }
    let compiled = AnalysisCompiler.compile(
      text, file: planPath, survey: survey.hasErrors ? nil : survey.survey, marginLevels: levels)
    diagnostics = compiled.diagnostics + diagnostics
    let loaded =
      diagnostics.hasErrors
      ? nil
      : LoadedPlan(
        plan: compiled.plan, planPath: planPath, survey: survey.survey, surveyPath: surveyPath, margins: margins)
    return Checked(diagnostics: diagnostics, sources: sources, loaded: loaded)
  }

  /// Loads a plan for running, printing its diagnostics; fails with status 1 if any is an error.
  static func load(_ planPath: String) throws(CLIError) -> LoadedPlan {
    let checked = try check(planPath)
    if let loaded = checked.loaded {
      if !checked.diagnostics.isEmpty {
        let renderer = DiagnosticRenderer(sources: checked.sources, colored: Terminal.standardErrorSupportsColor)
        Terminal.standardError(renderer.render(checked.diagnostics))
      }
      return loaded
    }
    let renderer = DiagnosticRenderer(sources: checked.sources, colored: Terminal.standardErrorSupportsColor)
    Terminal.standardError(
      renderer.render(checked.diagnostics)
        + "\(planPath): \(diagnosticSummary(checked.diagnostics)); fix the errors first\n")
    throw .findings
  }
}
