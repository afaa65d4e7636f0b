import ConfideAuthoring
import ConfideModel
import Foundation
import Testing

/// Each folder in `Fixtures/diff` holds `old.survey` and `new.survey`: one kind of change to the
/// same small survey (the version is bumped unless the case is about the version).
@Suite struct SurveyDiffTests {
  static func diff(_ name: String) throws -> SurveyDiff {
    let old = try Fixtures.fixture("diff/\(name)/old.survey")
    let new = try Fixtures.fixture("diff/\(name)/new.survey")
    return SurveyDiff(old: old, new: new)
  }

  /// The changes as "impact subject: message" lines, for readable failures.
  static func lines(_ d: SurveyDiff) -> [String] {
    d.changes.map { "\($0.impact.rawValue) \($0.subject): \($0.message)" }
  }

  @Test func everyCaseHasAFixture() {
    let expected = [
      "added-arm", "added-option", "allocation", "changed-arm-text", "changed-routing", "construct-items",
      "identical", "range-narrowed", "range-widened", "recoded-option", "relabelled-option", "removed-arm",
      "removed-id", "renamed-id", "reworded", "translation-changed", "version-not-bumped",
    ]
    #expect(Fixtures.folders(in: "diff") == expected)
  }

  @Test func identicalFiles() throws {
    let d = try Self.diff("identical")
    #expect(d.changes.isEmpty)
    #expect(!d.hasBreakingChanges)
    #expect(d.oldVersion == "1.0" && d.newVersion == "1.0" && d.surveyID == "pilot")
    #expect(d.text() == "Comparing pilot: version 1.0 → 1.0\nNo changes.\n\n0 breaking, 0 to review, 0 compatible\n")
  }

  @Test func removedID() throws {
    let d = try Self.diff("removed-id")
    #expect(
      Self.lines(d) == ["breaking delayed_care: removed; data collected under the old version has no counterpart"])
    #expect(d.hasBreakingChanges)
  }

  @Test func renamedID() throws {
    let d = try Self.diff("renamed-id")
    #expect(
      Self.lines(d) == [
        "breaking delayed_care: renamed to 'care_delayed' (same text); data under the two names will not be matched"
      ], "a rename is not also reported as a removal and an addition")
  }

  @Test func recodedOption() throws {
    let d = try Self.diff("recoded-option")
    // The scale is shared by three matrix items: each variable is reported.
    #expect(d.changes.count == 3)
    #expect(d.changes.allSatisfy { $0.impact == .breaking && $0.message == "option 'agree' recoded from 3 to 4" })
    #expect(d.changes.map(\.subject) == ["trust_gp", "worry_sharing", "worry_companies"])
  }

  @Test func relabelledOption() throws {
    let d = try Self.diff("relabelled-option")
    #expect(d.changes.count == 3)
    #expect(
      d.changes.allSatisfy { $0.impact == .breaking && $0.message == "code 3 relabelled: “Agree” → “Tend to agree”" })
  }

  @Test func changedTranslationIsForReview() throws {
    let d = try Self.diff("translation-changed")
    #expect(d.changes.count == 3)
    #expect(d.changes.allSatisfy { $0.impact == .review && $0.message.hasPrefix("code 1 'cy' translation changed") })
    #expect(!d.hasBreakingChanges)
    #expect(d.changes.first?.message.contains("Anghytuno") == true, "\(Self.lines(d))")
  }

  @Test func addedOption() throws {
    let d = try Self.diff("added-option")
    #expect(d.changes.count == 3)
    #expect(
      d.changes.allSatisfy {
        $0.impact == .review && $0.message == "option 4 'strongly_agree' added; earlier respondents could not choose it"
      })
    #expect(!d.hasBreakingChanges)
  }

  @Test func changedRouting() throws {
    let d = try Self.diff("changed-routing")
    #expect(Self.lines(d) == ["breaking gp_visits: routing changed: saw_gp = yes → saw_gp != no"])
  }

  @Test func changedArmText() throws {
    let d = try Self.diff("changed-arm-text")
    #expect(Self.lines(d) == ["breaking framing: the text of arm 'research' changed"])
  }

  @Test func addedArm() throws {
    let d = try Self.diff("added-arm")
    #expect(
      Self.lines(d) == [
        "breaking wording: arm 'technical' added",
        "review wording: allocation of arm 'plain' changed from 50.0% to 33.3%",
        "review wording: allocation of arm 'formal' changed from 50.0% to 33.3%",
      ])
  }

  @Test func removedArm() throws {
    let d = try Self.diff("removed-arm")
    #expect(
      Self.lines(d) == [
        "breaking framing: arm 'commercial' removed",
        "review framing: allocation of arm 'care_team' changed from 33.3% to 50.0%",
        "review framing: allocation of arm 'research' changed from 33.3% to 50.0%",
      ])
  }

  @Test func allocationChange() throws {
    let d = try Self.diff("allocation")
    #expect(
      Self.lines(d) == [
        "review wording: allocation of arm 'plain' changed from 50.0% to 25.0%",
        "review wording: allocation of arm 'formal' changed from 50.0% to 75.0%",
      ])
    #expect(!d.hasBreakingChanges)
  }

  @Test func constructItems() throws {
    let d = try Self.diff("construct-items")
    #expect(
      Self.lines(d) == [
        "breaking privacy_concern: items of construct 'privacy_concern' changed: trust_gp, worry_sharing, worry_companies → trust_gp, worry_sharing",
        // With no `minimum`, every item is needed, so the minimum follows the items.
        "review privacy_concern: minimum items for a 'privacy_concern' score changed from 3 to 2",
      ])
  }

  @Test func rangeNarrowedIsBreaking() throws {
    let d = try Self.diff("range-narrowed")
    #expect(Self.lines(d) == ["breaking gp_visits: range changed from 1..50 to 1..20"])
  }

  @Test func rangeWidenedIsForReview() throws {
    let d = try Self.diff("range-widened")
    #expect(Self.lines(d) == ["review gp_visits: range changed from 1..50 to 0..100"])
    #expect(!d.hasBreakingChanges)
  }

  @Test func rewordedQuestion() throws {
    let d = try Self.diff("reworded")
    #expect(
      Self.lines(d) == [
        "review gp_visits: wording changed: “How many times have you seen a GP in the past 12 months?” → “In the past 12 months, how many times have you seen a GP?”"
      ])
  }

  @Test func versionNotBumped() throws {
    let d = try Self.diff("version-not-bumped")
    #expect(
      Self.lines(d) == [
        "breaking survey: the survey changed but its version is still '1.0'; bump the version",
        "review gp_visits: wording changed: “How many times have you seen a GP in the past 12 months?” → “In the past 12 months, how many times have you seen a GP?”",
      ], "breaking changes come first")
    #expect(d.hasBreakingChanges)
  }

  /// Comments and layout are not changes, even with the same version.
  @Test func commentsAndLayoutAreNotChanges() throws {
    let text = try Fixtures.read("diff/identical/old.survey")
    let old = try Fixtures.compile(text, file: "old.survey")
    let edited = "# A new comment.\n\n" + text.replacingOccurrences(of: "section care", with: "\n\nsection care")
    let new = try Fixtures.compile(edited, file: "new.survey")
    let d = SurveyDiff(old: old, new: new)
    #expect(d.changes.isEmpty, "\(Self.lines(d))")
  }

  /// Changes a respondent sees but the codebook does not hold are still changes.
  @Test func respondentFacingChangesOutsideTheCodebook() throws {
    let text = try Fixtures.read("diff/identical/old.survey")
    let old = try Fixtures.compile(text, file: "old.survey")
    let bumped = text.replacingOccurrences(of: "version \"1.0\"", with: "version \"1.1\"")
    let withoutPresent = try Fixtures.compile(
      bumped.replacingOccurrences(of: "  present framing\n", with: ""), file: "no-present.survey")
    let sectionTitle = try Fixtures.compile(
      bumped.replacingOccurrences(of: "section views \"Your views\"", with: "section views \"What you think\""),
      file: "section-title.survey")
    #expect(!SurveyDiff(old: old, new: withoutPresent).changes.isEmpty, "the vignette is no longer shown")
    #expect(!SurveyDiff(old: old, new: sectionTitle).changes.isEmpty)
  }

  @Test func impactOrder() {
    #expect(SurveyDiff.Impact.breaking < .review && SurveyDiff.Impact.review < .compatible)
    #expect([SurveyDiff.Impact.compatible, .breaking, .review].sorted() == [.breaking, .review, .compatible])
  }

  @Test func addedQuestionIsCompatible() throws {
    let text = try Fixtures.read("diff/identical/old.survey")
    let old = try Fixtures.compile(text, file: "old.survey")
    let added = text.replacingOccurrences(of: "version \"1.0\"", with: "version \"1.1\"")
      .replacingOccurrences(
        of: "section views \"Your views\"",
        with: """
          section extra "Extra"
            cy "Ychwanegol"

            question pharmacy_use yesno yes_no
              "Have you used a pharmacy in the past 12 months?"
                cy "Ydych chi wedi defnyddio fferyllfa yn ystod y 12 mis diwethaf?"

          section views "Your views"
          """)
    let d = SurveyDiff(old: old, new: try Fixtures.compile(added, file: "added.survey"))
    #expect(
      Self.lines(d) == [
        "compatible pharmacy_use: added; it is missing (not asked) for respondents of the old version",
        "compatible extra: section 'extra' added",
      ])
    #expect(!d.hasBreakingChanges)
  }

  @Test func jsonForm() throws {
    let d = try Self.diff("range-narrowed")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(d.json().utf8)) as? [String: Any])
    #expect(object["schema"] as? String == "confide.diff/1")
    #expect(object["survey"] as? String == "pilot")
    #expect(object["oldVersion"] as? String == "1.0" && object["newVersion"] as? String == "1.1")
    #expect(object["breaking"] as? Bool == true)
    let changes = try #require(object["changes"] as? [[String: Any]])
    #expect(changes.count == 1)
    #expect(changes.first?["impact"] as? String == "breaking")
    #expect(changes.first?["subject"] as? String == "gp_visits")
    #expect(changes.first?["message"] as? String == "range changed from 1..50 to 1..20")
    let none = try #require(
      try JSONSerialization.jsonObject(with: Data(try Self.diff("identical").json().utf8)) as? [String: Any])
    #expect(none["breaking"] as? Bool == false)
    #expect((none["changes"] as? [Any])?.isEmpty == true)
  }
}
