import ConfideReports
import Testing

@Suite("DisclosureRule")
struct DisclosureRuleTests {
  @Test("the default is the rule of 10 with secondary suppression")
  func defaults() {
    let rule = DisclosureRule()
    #expect(rule.threshold == 10)
    #expect(rule.secondarySuppression)
    #expect(rule.marker == "*")
    #expect(rule.isEnabled)
    #expect(rule == .standard)
  }

  @Test("cells below the threshold, empty ones included, need suppression; the threshold itself does not")
  func primary() {
    let rule = DisclosureRule()
    #expect(rule.requiresSuppression(base: 0))
    #expect(rule.requiresSuppression(base: 9))
    #expect(!rule.requiresSuppression(base: 10))
    let off = DisclosureRule(threshold: 0)
    #expect(!off.isEnabled)
    #expect(!off.requiresSuppression(base: 0))
  }

  @Test("the footnote states the threshold in plain words and follows changes to it")
  func footnote() {
    var rule = DisclosureRule()
    #expect(
      rule.footnote
        == "* not shown: fewer than 10 respondents, or hidden so that a figure for fewer than 10 cannot be worked out from the others"
    )
    rule.threshold = 5
    rule.secondarySuppression = false
    #expect(rule.footnote == "* not shown: fewer than 5 respondents")
    rule.customFootnote = "† suppressed under the data-sharing agreement"
    #expect(rule.footnote == "† suppressed under the data-sharing agreement")
  }
}
