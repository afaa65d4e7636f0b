import ConfideDiagnostics
import ConfideLanguage
import ConfideModel
import Testing

/// The plan parser and checker never crash on any input, and every diagnostic points inside
/// the file.
@Suite struct AnalysisFuzzTests {
  static func assertLocationsValid(
    _ text: String, survey: Survey?, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let file = "mutated.analysis"
    let compiled = AnalysisCompiler.compile(text, file: file, survey: survey, marginLevels: ["age_band": ["x"]])
    var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(\.count)
    if lines.isEmpty { lines = [0] }
    for d in compiled.diagnostics {
      let l = d.location.line
      #expect(l >= 1 && l <= lines.count, "line \(l): \(d.message)", sourceLocation: sourceLocation)
      guard l >= 1 && l <= lines.count else { continue }
      #expect(
        d.location.column >= 1 && d.location.column <= lines[l - 1] + 2,
        "column \(d.location.column): \(d.message)", sourceLocation: sourceLocation)
    }
    _ = DiagnosticRenderer(sources: [file: text]).render(compiled.diagnostics)
  }

  @Test func mutatedShippedPlan() throws {
    let original = try Repository.text("analysis/chilling-effect.analysis")
    let survey = SurveyCompiler.compile(try Repository.survey("nhs-data-trust.survey"), file: "s").survey
    let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let words = ["by", "items", "positive", "reference", "table", "x", "\"t\"", "-1", "0.5", ",", "headline", "trim"]
    var rng = FuzzTests.SplitMix(state: 2026)
    for _ in 0..<80 {
      var mutated = lines
      for _ in 0..<Int.random(in: 1...6, using: &rng) {
        let i = Int.random(in: 0..<mutated.count, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: mutated.remove(at: i)
        case 1: mutated.insert(mutated[Int.random(in: 0..<mutated.count, using: &rng)], at: i)
        case 2: mutated[i] = "  " + mutated[i]
        case 3: mutated[i] = String(mutated[i].dropFirst(min(2, mutated[i].count)))
        case 4: mutated[i] += " " + (words.randomElement(using: &rng) ?? "x")
        default:
          let j = Int.random(in: 0..<mutated.count, using: &rng)
          mutated.swapAt(i, j)
        }
      }
      Self.assertLocationsValid(mutated.joined(separator: "\n"), survey: survey)
    }
  }
}
