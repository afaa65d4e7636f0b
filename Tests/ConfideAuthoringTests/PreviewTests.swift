import ConfideModel
import Foundation
import Testing

@testable import ConfideAuthoring

@Suite struct PreviewTests {
  // MARK: Choosing arms and languages

  @Test func resolveArmsByNameOrExperiment() throws {
    let survey = try Fixtures.shipped("nhs-data-trust.survey")
    #expect(try PreviewDocument.resolveArms([], in: survey) == [:])
    #expect(try PreviewDocument.resolveArms(["enforcement"], in: survey) == ["framing": "enforcement"])
    #expect(try PreviewDocument.resolveArms(["framing=enforcement"], in: survey) == ["framing": "enforcement"])
    #expect(
      try PreviewDocument.resolveArms(["enforcement", "list_experiment=treatment"], in: survey)
        == ["framing": "enforcement", "list_experiment": "treatment"])
    // An arm named like the experiment's control is found by name too.
    #expect(try PreviewDocument.resolveArms(["control"], in: survey) == ["list_experiment": "control"])
  }

  @Test func resolveArmsErrors() throws {
    let survey = try Fixtures.shipped("nhs-data-trust.survey")
    #expect(throws: PreviewError.unknownArm("nope")) { try PreviewDocument.resolveArms(["nope"], in: survey) }
    #expect(throws: PreviewError.unknownArm("framing=treatment")) {
      try PreviewDocument.resolveArms(["framing=treatment"], in: survey)
    }
    #expect(throws: PreviewError.unknownArm("nope=control")) {
      try PreviewDocument.resolveArms(["nope=control"], in: survey)
    }
    #expect(throws: PreviewError.unknownArm("")) { try PreviewDocument.resolveArms([""], in: survey) }

    let ambiguous = try Fixtures.fixture("preview/ambiguous.survey")
    #expect(throws: PreviewError.ambiguousArm("control", experiments: ["first", "second"])) {
      try PreviewDocument.resolveArms(["control"], in: ambiguous)
    }
    #expect(try PreviewDocument.resolveArms(["second=control"], in: ambiguous) == ["second": "control"])
    #expect(try PreviewDocument.resolveArms(["treatment"], in: ambiguous) == ["first": "treatment"])
  }

  @Test func errorMessages() {
    #expect(PreviewError.unknownArm("nope").description == "no experiment has an arm 'nope'")
    #expect(
      PreviewError.ambiguousArm("control", experiments: ["first", "second"]).description
        == "arm 'control' is in several experiments (first, second); write experiment=arm")
    #expect(
      PreviewError.unknownLanguage("fr", available: ["en", "cy"]).description
        == "the survey is not written in 'fr' (it has: en, cy)")
  }

  @Test func unknownLanguage() throws {
    let survey = try Fixtures.shipped("nhs-data-trust.survey")
    #expect(throws: PreviewError.unknownLanguage("fr", available: ["en", "cy"])) {
      try PreviewDocument(survey: survey, language: "fr")
    }
    #expect(try PreviewDocument(survey: survey).language == "en")
    #expect(try PreviewDocument(survey: survey, language: "cy").title == "Eich cofnodion iechyd a'ch gofal")
  }

  // MARK: What a preview shows

  @Test func questionsAreNumberedInOrder() throws {
    for name in ["nhs-data-trust.survey", "clinic-feedback.survey"] {
      let doc = try PreviewDocument(survey: try Fixtures.shipped(name))
      let numbers = doc.sections.flatMap(\.items).compactMap(\.number)
      #expect(numbers == Array(1...numbers.count), "\(name)")
    }
  }

  @Test func fixingAnArmHidesTheOtherArms() throws {
    let survey = try Fixtures.shipped("clinic-feedback.survey")
    let optIn = try PreviewDocument(survey: survey, arms: ["gp_sharing": "opt_in"])
    let ids = optIn.sections.flatMap(\.items).map(\.id)
    #expect(ids.contains("share_opt_in"))
    #expect(!ids.contains("share_opt_out"))
    #expect(!optIn.sections.contains { $0.id == "opt_out_followup" }, "the opt-out section is gated on the arm")
    let optOut = try PreviewDocument(survey: survey, arms: ["gp_sharing": "opt_out"])
    let section = try #require(optOut.sections.first { $0.id == "opt_out_followup" })
    #expect(section.routing == "Asked if: assigned to arm ‘opt_out’ of gp_sharing and registered with a GP = Yes")
    let all = try PreviewDocument(survey: survey)
    #expect(all.sections.flatMap(\.items).contains { $0.id == "share_opt_out" })
  }

  @Test func vignettesShowOneArmWhenFixed() throws {
    let survey = try Fixtures.shipped("nhs-data-trust.survey")
    func vignette(_ arms: [String: String]) throws -> PreviewDocument.Item {
      let doc = try PreviewDocument(survey: survey, arms: arms)
      return try #require(doc.sections.flatMap(\.items).first { $0.kind == .vignette })
    }
    let all = try vignette([:])
    #expect(all.vignettes.map(\.arm) == ["care_team", "research", "private_platform", "enforcement"])
    #expect(all.notes == ["Each respondent sees one of these texts, assigned at random."])
    let one = try vignette(["framing": "enforcement"])
    #expect(one.vignettes.map(\.arm) == ["enforcement"])
    #expect(one.notes.isEmpty)
  }

  @Test func listExperimentCountInstruction() throws {
    let survey = try Fixtures.shipped("nhs-data-trust.survey")
    func count(_ arms: [String: String]) throws -> PreviewDocument.Item {
      let doc = try PreviewDocument(survey: survey, arms: arms)
      return try #require(doc.sections.flatMap(\.items).first { $0.id == "list_count" })
    }
    let all = try count([:])
    #expect(all.instruction == "Enter a number from 0 to 4 (control) or 5 (treatment).")
    #expect(all.rows.count == 5)
    #expect(all.rows.last?.note == "shown if assigned to arm ‘treatment’ of list_experiment")
    let control = try count(["list_experiment": "control"])
    #expect(control.instruction == "Enter a number from 0 to 4.")
    #expect(control.rows.count == 4)
    let treatment = try count(["list_experiment": "treatment"])
    #expect(treatment.instruction == "Enter a number from 0 to 5.")
    #expect(treatment.rows.count == 5 && treatment.rows.allSatisfy { $0.note == nil })
    // Fixing an arm of another experiment says nothing about the list experiment.
    let otherExperiment = try count(["framing": "enforcement"])
    #expect(otherExperiment.rows.count == 5)
    #expect(otherExperiment.instruction == "Enter a number from 0 to 4 (control) or 5 (treatment).")
  }

  @Test func routingInPlainWords() throws {
    let doc = try PreviewDocument(survey: try Fixtures.shipped("nhs-data-trust.survey"))
    let avoided = try #require(doc.sections.flatMap(\.items).first { $0.id == "services_avoided" })
    #expect(avoided.routing == "Asked if: delayed or avoided care = Yes")
    #expect(avoided.instruction == "Choose all that apply.")
    #expect(avoided.notes == ["Options are shown in random order."])
    let welsh = try PreviewDocument(survey: try Fixtures.shipped("nhs-data-trust.survey"), language: "cy")
    let avoidedCy = try #require(welsh.sections.flatMap(\.items).first { $0.id == "services_avoided" })
    // Labels are not translated (they are for analysts); option labels are.
    #expect(avoidedCy.routing == "Asked if: delayed or avoided care = Ydw")
  }

  @Test func pipedAnswersArePlaceholders() throws {
    let doc = try PreviewDocument(survey: try Fixtures.shipped("clinic-feedback.survey"))
    let tests = try #require(doc.sections.flatMap(\.items).first { $0.id == "tests" })
    #expect(tests.text.hasPrefix("You have come here [answer to visits in the past 12 months] times"))
    #expect(tests.validation.first?.contains("([answer to visits in the past 12 months])") == true)
  }

  @Test(arguments: ["nhs-data-trust.survey", "clinic-feedback.survey"], ["en", "cy"])
  func textIsWrapped(_ name: String, _ language: String) throws {
    let doc = try PreviewDocument(survey: try Fixtures.shipped(name), language: language)
    let text = PreviewRenderer.text(doc, width: 88)
    let long = text.split(separator: "\n").filter { $0.count > 88 && $0.contains(" ") }
    #expect(long.isEmpty, "\(long)")
  }

  @Test func wrapKeepsWordsAndIndents() {
    let lines = PreviewRenderer.wrap("one two three four five six", width: 12, indent: "  ")
    #expect(lines == ["  one two", "    three", "    four", "    five six"])
    #expect(PreviewRenderer.wrap("", width: 10) == [""])
    #expect(PreviewRenderer.wrap("a\nb", width: 10) == ["a", "b"])
    let long = PreviewRenderer.wrap("see https://example.org/a/very/long/address now", width: 20)
    #expect(long == ["see", "  https://example.org/a/very/long/address", "  now"])
  }

  @Test func sectionUnderlineMatchesTheTitle() throws {
    let survey = try Fixtures.compile(
      """
      survey underline
        title "Underline"
        version "1"
        languages en

      section a_rather_long_section_id "Short"
        question q yesno
          "Yes or no?"

      """, file: "underline.survey")
    let text = PreviewRenderer.text(try PreviewDocument(survey: survey))
    #expect(text.contains("\nShort\n-----\n"), "\(text)")
  }

  // MARK: HTML and Markdown

  /// Tags that must be balanced in the page (void elements such as `meta` are skipped).
  static func unbalancedTags(_ html: String) -> [String] {
    var stack: [String] = []
    var problems: [String] = []
    var rest = Substring(html)
    // The style block is CSS, not markup.
    if let start = rest.range(of: "<style>"), let end = rest.range(of: "</style>") {
      rest = rest[..<start.lowerBound] + rest[end.upperBound...]
    }
    let void: Set<String> = ["meta", "br", "link", "img", "hr", "!doctype"]
    while let open = rest.firstIndex(of: "<") {
      guard let close = rest[open...].firstIndex(of: ">") else {
        problems.append("unclosed '<'")
        break
      }
      let tag = rest[rest.index(after: open)..<close]
      rest = rest[rest.index(after: close)...]
      let closing = tag.hasPrefix("/")
      let name = String((closing ? tag.dropFirst() : tag).prefix { $0 != " " && $0 != "/" }).lowercased()
      if void.contains(name) { continue }
      if closing {
        if stack.last == name {
          stack.removeLast()
        } else {
          problems.append("</\(name)> closes <\(stack.last ?? "nothing")>")
        }
      } else {
        stack.append(name)
      }
    }
    return problems + stack.map { "<\($0)> never closed" }
  }

  @Test(arguments: ["nhs-data-trust.survey", "clinic-feedback.survey"])
  func htmlOfShippedSurveysIsWellFormed(_ name: String) throws {
    let survey = try Fixtures.shipped(name)
    for language in survey.languages {
      let html = PreviewRenderer.html(try PreviewDocument(survey: survey, language: language))
      #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language)\">"))
      #expect(html.hasSuffix("</body></html>\n"))
      #expect(Self.unbalancedTags(html) == [])
      #expect(!html.lowercased().contains("<script"))
      #expect(!html.contains("http://") && !html.contains("https://"), "self-contained: no network")
    }
  }

  @Test func htmlEscapesEveryText() throws {
    let survey = try Fixtures.fixture("preview/escaping.survey")
    let html = PreviewRenderer.html(try PreviewDocument(survey: survey))
    #expect(Self.unbalancedTags(html) == [])
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("<b>") && !html.contains("<i>"))
    #expect(html.contains("<title>Q&amp;A &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</title>"))
    for escaped in [
      "Fish &amp; chips &lt;b&gt;bold&lt;/b&gt;",  // description
      "Section &lt;one&gt; &amp; two",  // section title
      "Welcome &lt;/section&gt;&lt;/div&gt; &amp; thanks.",  // note
      "Which is &lt;best&gt; &amp; why?",  // question
      "Hint with &lt;/p&gt; &amp; &lt;br&gt;",  // hint
      "Less than &lt;10",  // option
      "Say &quot;hi&quot; &amp; &#39;bye&#39;",  // option with quotes
      "Prefer &lt;not&gt; to say &amp; skip",  // missing code
      "Asked if: pick = Salt &amp; pepper",  // routing words
      "from 0 to 10 &lt;units&gt; &amp; more",  // unit
      "Must be &lt;= 5 &amp; not more",  // validation message
      "Disagree &lt;strongly&gt;",  // scale column
      "Item &lt;/table&gt; two",  // matrix row
      "records &lt;/div&gt; go to &lt;i&gt;staff&lt;/i&gt;",  // arm text
      "Any thoughts &lt;/ul&gt; &amp; &lt;li&gt;?",
    ] {
      #expect(html.contains(escaped), "\(escaped)")
    }
  }

  @Test func htmlEscapeFunction() {
    #expect(PreviewRenderer.h("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
    #expect(PreviewRenderer.h("Cymraeg: â ŵ ŷ") == "Cymraeg: â ŵ ŷ")
  }

  @Test func markdownEscapesMarkup() throws {
    let survey = try Fixtures.fixture("preview/escaping.survey")
    let md = PreviewRenderer.markdown(try PreviewDocument(survey: survey))
    #expect(md.hasPrefix("# Q\\&A \\<script\\>alert(1)\\</script\\> \\& \"quotes\"\n"))
    #expect(md.contains("\\*stars\\* \\_under\\_ \\`tick\\` \\| pipe \\# hash"))
    #expect(md.contains("| Item \\</table\\> two | ○ | ○ |"), "a pipe-free row stays one table row")
    #expect(!md.replacingOccurrences(of: "\\<", with: "").contains("<"), "every '<' is escaped")
  }
}
