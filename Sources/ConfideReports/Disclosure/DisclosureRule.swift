/// The statistical-disclosure rule a report applies to its tables: which cells are too small to publish and
/// how their absence is explained to readers.
///
/// The default is the ONS / ABS "rule of 10": a cell whose *unweighted* base (the number of respondents
/// behind it) is below 10 is not shown, and other cells are hidden with it where a total would otherwise
/// let a reader work it out (secondary suppression). An analysis plan can change the threshold or turn
/// secondary suppression off.
///
/// ```swift
/// var rule = DisclosureRule()          // threshold 10, secondary suppression on
/// rule.threshold = 5                   // a data owner's stricter or looser limit
/// rule.footnote                        // "* not shown: fewer than 5 respondents, or hidden so …"
/// ```
///
/// Every suppressed cell, primary or secondary, carries the same ``marker``. Marking the two kinds
/// differently would tell a reader which hidden cells are the small ones, which is what the rule protects.
///
/// Empty cells (base 0) are suppressed like any other cell below the threshold. A published 0 tells a
/// reader that *nobody* in a group gave an answer, and so that everybody in the group gave one of the
/// others, which is exactly the group disclosure the rule exists to prevent (and, next to a small total,
/// a 0 is as revealing as a 1). A threshold of 0 suppresses nothing, not even empty cells.
public struct DisclosureRule: Hashable, Sendable {
  /// The smallest unweighted base that may be published; cells with a smaller base are suppressed.
  ///
  /// The default is 10. A threshold of 0 (or below) disables disclosure control: nothing is suppressed.
  public var threshold: Int

  /// Whether further cells are hidden so that no suppressed cell can be worked out from the published
  /// cells and totals (secondary, or complementary, suppression). On by default.
  public var secondarySuppression: Bool

  /// The mark printed in place of a suppressed figure, in every output format. `*` by default.
  public var marker: String

  /// A footnote chosen by the plan, replacing ``standardFootnote``; `nil` uses the standard wording.
  public var customFootnote: String?

  /// A rule with the given threshold, secondary suppression setting, marker and footnote.
  ///
  /// - Parameters:
  ///   - threshold: The smallest base that may be published (10 by default; 0 disables the rule).
  ///   - secondarySuppression: Whether to hide complementary cells (on by default).
  ///   - marker: The mark shown in place of a hidden figure (`*` by default).
  ///   - footnote: Footnote text replacing the standard wording, or `nil` for the standard wording.
  public init(threshold: Int = 10, secondarySuppression: Bool = true, marker: String = "*", footnote: String? = nil) {
    self.threshold = threshold
    self.secondarySuppression = secondarySuppression
    self.marker = marker
    self.customFootnote = footnote
  }

  /// The rule of 10 with secondary suppression: the default for published Confide tables.
  public static let standard = DisclosureRule()

  /// Whether the rule suppresses anything at all (its threshold is above 0).
  public var isEnabled: Bool { threshold > 0 }

  /// Whether a cell with this unweighted base must be suppressed for its own sake (primary suppression).
  ///
  /// True exactly when `base < threshold`, so empty cells are suppressed whenever the rule is enabled.
  /// - Complexity: O(1)
  public func requiresSuppression(base: Int) -> Bool { base < threshold }

  /// The footnote printed under any table with a suppressed cell: ``customFootnote`` if set, otherwise
  /// ``standardFootnote``.
  public var footnote: String { customFootnote ?? standardFootnote }

  /// The standard footnote in plain words, naming the marker and the threshold, for example
  /// "* not shown: fewer than 10 respondents, or hidden so that a figure for fewer than 10 cannot be
  /// worked out from the others".
  public var standardFootnote: String {
    let respondents = threshold == 1 ? "respondent" : "respondents"
    if secondarySuppression {
      return "\(marker) not shown: fewer than \(threshold) \(respondents), or hidden so that a figure for fewer "
        + "than \(threshold) cannot be worked out from the others"
    }
    return "\(marker) not shown: fewer than \(threshold) \(respondents)"
  }
}
