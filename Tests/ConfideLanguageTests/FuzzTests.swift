import ConfideDiagnostics
import ConfideLanguage
import Foundation
import Testing

/// The parser and checker never crash or hang on any input, and every diagnostic points inside
/// the file.
@Suite struct FuzzTests {
  /// A small, fast, seedable generator (SplitMix64), so failures reproduce.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static func assertLocationsValid(
    _ text: String, file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let compiled = SurveyCompiler.compile(text, file: file)
    // Lines as the lexer sees them: split on \n; a trailing \r belongs to the line ending.
    var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Int in
      line.last == "\r" ? line.count - 1 : line.count
    }
    if lines.isEmpty { lines = [0] }
    for d in compiled.diagnostics {
      let l = d.location.line
      #expect(
        l >= 1 && l <= lines.count, "line \(l) outside 1...\(lines.count): \(d.message)", sourceLocation: sourceLocation
      )
      guard l >= 1 && l <= lines.count else { continue }
      let length = lines[l - 1]
      #expect(
        d.location.column >= 1 && d.location.column <= length + 2,
        "column \(d.location.column) outside line of \(length): \(d.message)", sourceLocation: sourceLocation)
      #expect(d.range.end >= d.range.start, "range ends before it starts", sourceLocation: sourceLocation)
    }
    // Rendering never crashes either.
    _ = DiagnosticRenderer(sources: [file: text]).render(compiled.diagnostics)
  }

  @Test func arbitraryBytes() {
    var rng = SplitMix(state: 20_261_129)
    for _ in 0..<400 {
      let count = Int.random(in: 0..<400, using: &rng)
      var bytes = [UInt8]()
      for _ in 0..<count { bytes.append(UInt8.random(in: 0...255, using: &rng)) }
      let text = String(decoding: bytes, as: UTF8.self)
      Self.assertLocationsValid(text, file: "random.survey")
    }
  }

  @Test func surveyLikeTokens() {
    var rng = SplitMix(state: 7)
    let words = [
      "survey", "section", "question", "choices", "scale", "missing", "experiment", "arm", "construct", "items",
      "show", "skip", "if", "valid", "and", "or", "not", "in", "yesno", "single", "multiple", "matrix", "item",
      "count", "integer", "range", "x", "y", "q1", "yes", "no", "\"text\"", "\"{x}\"", "=", "!=", "<", ">=", "(",
      ")", "{", "}", ",", "..", "-8", "1", "2.5", "#", "\"", "cy", "en", "languages", "\t", "selected", "score",
      "answered", "value", "control", "ratio", "present", "note",
    ]
    for _ in 0..<300 {
      var text = ""
      for _ in 0..<Int.random(in: 1..<40, using: &rng) {
        text += String(repeating: " ", count: Int.random(in: 0..<6, using: &rng))
        for _ in 0..<Int.random(in: 1..<7, using: &rng) { text += words.randomElement(using: &rng)! + " " }
        text += "\n"
      }
      Self.assertLocationsValid(text, file: "tokens.survey")
    }
  }

  @Test func mutatedShippedSurvey() throws {
    let original = try Repository.survey("nhs-data-trust.survey")
    let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var rng = SplitMix(state: 42)
    for _ in 0..<60 {
      var mutated = lines
      for _ in 0..<Int.random(in: 1...6, using: &rng) {
        let i = Int.random(in: 0..<mutated.count, using: &rng)
        switch Int.random(in: 0..<7, using: &rng) {
        case 0: mutated.remove(at: i)
        case 1: mutated.insert(mutated[Int.random(in: 0..<mutated.count, using: &rng)], at: i)
        case 2: mutated[i] = "  " + mutated[i]
        case 3: mutated[i] = String(mutated[i].dropFirst(min(2, mutated[i].count)))
        case 4:
          var scalars = Array(mutated[i].unicodeScalars)
          if !scalars.isEmpty { scalars.remove(at: Int.random(in: 0..<scalars.count, using: &rng)) }
          mutated[i] = String(String.UnicodeScalarView(scalars))
        case 5: mutated[i] += " and x = 1"
        default:
          let j = Int.random(in: 0..<mutated.count, using: &rng)
          mutated.swapAt(i, j)
        }
      }
      Self.assertLocationsValid(mutated.joined(separator: "\n"), file: "mutated.survey")
    }
  }

  /// A deeply nested condition and a very long line finish quickly (no exponential blow-up).
  @Test func pathologicalInputs() {
    let deep = String(repeating: "(", count: 300) + "x = 1" + String(repeating: ")", count: 300)
    let wide = (0..<200).map { "x = \($0 % 3)" }.joined(separator: " or ")
    let conj = (0..<60).map { _ in "(x = 1 or x = 2)" }.joined(separator: " and ")
    for condition in [deep, wide, conj] {
      let text = """
        survey s
          title "S"
          version 1
          languages en
        section a "A"
          question x single c
            "X"
          question y integer
            "Y"
            show if \(condition)
        choices c
          1 a "A"
          2 b "B"
        """
      let start = ContinuousClock.now
      Self.assertLocationsValid(text, file: "deep.survey")
      #expect(ContinuousClock.now - start < .seconds(5))
    }
  }
}
