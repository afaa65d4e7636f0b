import ConfideModel
public import Foundation

/// The starter survey written by `confide new`: small, valid, and showing the main constructs.
public enum Starter {
  /// A survey id made from a file or project name: lower-case ASCII letters, digits and `_`
  /// ("Ümlaut survey" → `umlaut_survey`); `survey` when nothing usable is left.
  public static func surveyID(from name: String) -> String {
    let plain = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
    var id = ""
    for scalar in plain.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        id.unicodeScalars.append(scalar)
      } else if !id.isEmpty, !id.hasSuffix("_") {
        id += "_"
      }
    }
    while id.hasSuffix("_") { id.removeLast() }
    if id.isEmpty { return "survey" }
    if let first = id.unicodeScalars.first, ("0"..."9").contains(first) { id = "survey_" + id }
    return id
  }

  /// The text of a new survey named `name`.
  public static func survey(named name: String) -> String {
    let id = surveyID(from: name)
    let comment = name.replacingOccurrences(of: "\n", with: " ")
    return """
      # \(comment): a new Confide survey. Check it with `confide check`, see it with `confide preview`.
      # The language is described in docs/survey-language.md.

      survey \(id)
        title "\(name.escapedForSurveyString)"
        version "0.1"
        languages en

      missing -8 dont_know "Don't know"
      missing -9 prefer_not "Prefer not to say"

      choices yes_no
        1 yes "Yes"
        0 no "No"
        missing prefer_not

      scale agreement
        1 strongly_disagree "Strongly disagree"
        2 disagree "Disagree"
        3 neither "Neither agree nor disagree"
        4 agree "Agree"
        5 strongly_agree "Strongly agree"
        missing dont_know

      section about_you "About you"
        question age integer
          "How old are you?"
          label "Age"
          range 16..120
          unit "years"
          missing prefer_not
          required
          role subgroup

      section care "Your care"
        question delayed_care yesno
          "In the past 12 months, have you delayed or avoided seeing a doctor because you were worried about who might see your records?"
          label "Delayed or avoided care"
          role outcome

        question reasons text
          "What made you worry? Please do not include names or other details that could identify you."
          label "Reasons"
          show if delayed_care = yes
          role free_text

        question trust matrix agreement
          "How much do you agree or disagree with each statement?"
          shuffle
          item trust_confidential "I trust my GP practice to keep my records confidential."
            reverse
          item worry_sharing "I worry about who my health records are shared with."

      construct privacy_concern "Privacy concern"
        items trust_confidential, worry_sharing
        reverse trust_confidential
        score mean

      """
  }
}
