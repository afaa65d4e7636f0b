import ConfideAnalysis
import ConfideModel
import ConfideReports
import Foundation
import Testing

/// Real samples have empty groups (nobody of some ethnic group answered). The report must still be
/// built: an empty group's figures are hidden by the disclosure rule, or shown as "–" without it.
@Suite struct EmptyGroupTests {
  /// The committed sample without anyone in the "Mixed or multiple ethnic groups" category (code 3).
  static func sampleWithoutMixed(in scratch: Scratch) throws -> String {
    let text = try String(
      contentsOf: Repository.fixtures.appendingPathComponent("chilling-sample.csv"), encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false)
    let column = try #require(header.firstIndex(of: "ethnicity"))
    let kept = lines.filter { line in
      line.isEmpty || line.split(separator: ",", omittingEmptySubsequences: false)[column] != "3"
    }
    let path = scratch.path("without-mixed.csv")
    try ([header.joined(separator: ",")] + kept).joined(separator: "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func anEmptyGroupIsHiddenUnderTheRule() throws {
    let scratch = try Scratch()
    let shipped = try ShippedPlan.load()
    let (document, _) = try shipped.run(csv: try Self.sampleWithoutMixed(in: scratch), in: scratch)
    let mixed = "Mixed or multiple ethnic groups"
    let behaviour = try document.table("behaviour")
    #expect(try behaviour.cells(mixed, under: "Ethnic group").allSatisfy(\.isSuppressed))
    let scale = try document.table("concern_scale")
    #expect(try scale.cells(mixed, under: "Ethnic group").allSatisfy(\.isSuppressed))
    let list = try document.table("avoided_immigration")
    #expect(try list.cells(mixed, under: "Ethnic group").allSatisfy(\.isSuppressed))
  }

  @Test func withoutTheRuleAnEmptyGroupIsNotEstimable() throws {
    let scratch = try Scratch()
    let shipped = try ShippedPlan.load()
    var plan = shipped.plan
    plan.disclosure.threshold = 0
    let (document, _) = try shipped.run(csv: try Self.sampleWithoutMixed(in: scratch), in: scratch, plan: plan)
    let behaviour = try document.table("behaviour")
    #expect(
      try behaviour.cells("Mixed or multiple ethnic groups", under: "Ethnic group").allSatisfy {
        $0 == .text("\u{2013}")
      })
    let white = try behaviour.cells("White", under: "Ethnic group")
    #expect(white.allSatisfy { $0.figure != nil })
  }
}
