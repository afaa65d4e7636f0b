import ConfideLanguage
import ConfideModel
import Foundation
import GRDB
import Testing

@testable import ConfideStore

/// Reading a large version in two halves at once (the upper half on a second connection) gives
/// exactly the columns one read gives, and the second connection is used only when it sees the
/// same store.
@Suite struct AnswerMatrixTests {
  /// A store holding `n` simulated respondents of the shipped survey.
  static func store(_ scratch: Scratch, n: Int) throws -> (ResponseStore, Survey) {
    let text = try String(contentsOf: ImportEveryFormatTests.shipped, encoding: .utf8)
    let compiled = SurveyCompiler.compile(text, file: "nhs-data-trust.survey")
    let csv = try simulatedFile(SimulationPlan(survey: compiled.survey), n: n, seed: 11)
    try csv.write(toFile: scratch.path("r.csv"), atomically: true, encoding: .utf8)
    let store = try ResponseStore(path: scratch.path("r.db"))
    let summary = try store.importFile(
      ImportRequest(
        path: scratch.path("r.csv"), survey: compiled.survey, canonicalText: Formatter.format(compiled.syntax),
        toolVersion: "test"))
    #expect(summary.accepted == n)
    return (store, compiled.survey)
  }

  /// Every variable the matrix can read: all but multiple-choice questions.
  static func variables(_ survey: Survey) -> [String] {
    ConditionEvaluator(survey).variables.filter { $0.kind != .multiple }.map(\.name)
  }

  @Test func twoHalvesGiveTheColumnsOfOneRead() throws {
    let scratch = try Scratch()
    let (store, survey) = try Self.store(scratch, n: 1_500)
    let names = Self.variables(survey)
    #expect(names.count > 20)
    let one = try store.answerMatrix(names, survey: survey.id, parallelFrom: .max)
    let two = try store.answerMatrix(names, survey: survey.id, parallelFrom: 1)
    #expect(one.count == 1_500 && two.count == 1_500)
    #expect(one.versions == two.versions && one.versionIndex == two.versionIndex)
    var texts = 0
    for name in names {
      let a = try #require(one.columns[name])
      let b = try #require(two.columns[name])
      #expect(a.status == b.status, "\(name) status")
      #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern), "\(name) values")
      // Texts are numbered in the order one read meets them.
      #expect(a.labels == b.labels, "\(name) labels")
      if a.labels.count > 1 { texts += 1 }
    }
    #expect(texts > 0, "the survey's arms are read as texts")
  }

  @Test func aSecondConnectionThatSeesAnotherStoreIsNotUsed() throws {
    let scratch = try Scratch()
    let (store, _) = try Self.store(scratch, n: 200)
    let state = try store.read { db in try ParallelHalf.State.fetch(db) }
    #expect(state.auditRecords > 0 && state.schemaVersion > 0)
    let sql = "SELECT c1, c2 FROM answers_1_1 ORDER BY response_id"

    var written = state
    written.auditRecords += 1
    var altered = state
    altered.schemaVersion += 1
    for other in [written, altered] {
      let stale = ParallelHalf(path: store.path)
      stale.start(state: other, sql: sql, texts: [false], capacity: 200)
      #expect(stale.wait() == nil)
    }

    let same = ParallelHalf(path: store.path)
    same.start(state: state, sql: sql, texts: [false], capacity: 200)
    #expect(same.wait()?.count == 200)

    let missing = ParallelHalf(path: scratch.path("absent.db"))
    missing.start(state: state, sql: sql, texts: [false], capacity: 200)
    #expect(missing.wait() == nil)
  }
}
