public import ConfideModel

/// What to simulate: the survey, the effects to plant and the response model's few settings.
///
/// The defaults give the response model described in ``Simulator``; tests and demonstrations
/// change only ``effects`` and ``identifierRate``.
public struct SimulationPlan: Sendable {
  /// The survey, as checked (a survey with errors cannot be simulated meaningfully).
  public var survey: Survey
  /// Differences planted in the data.
  public var effects: [PlantedEffect]
  /// The share of written free-text answers into which a synthetic direct identifier (an NHS
  /// number, e-mail address, phone number or postcode, all from test or fictional ranges) is
  /// planted, so that redaction can be demonstrated. 0 plants none.
  public var identifierRate: Double
  /// The base prevalence of the sensitive statement of a list experiment, before effects.
  public var sensitivePrevalence: Double
  /// The chance that a respondent chooses one of the missing codes a question offers.
  public var missingRate: Double
  /// The chance that a respondent leaves an optional question (other than free text) blank.
  public var skipRate: Double
  /// The chance that a respondent leaves an optional free-text question blank.
  public var textBlankRate: Double
  /// Dates are drawn from the 365 days before this one (`YYYY-MM-DD`). It is fixed, not
  /// today, so that a seed always gives the same file.
  public var referenceDate: String
  /// Answer shares for single-choice and yes/no questions, by variable and choice name (for
  /// example `["sex": ["female": 0.51, "male": 0.49]]`), in place of the simulator's random
  /// draws: the demo uses population margins so that its sample looks like the population.
  /// Shares need not add up to 1; choices not listed get none. For a yes/no question the share
  /// of yes sets its base probability, which the latent privacy concern and planted effects then
  /// move as usual. Declared missing codes keep the plan's `missingRate`.
  public var distributions: [String: [String: Double]]

  public init(
    survey: Survey, effects: [PlantedEffect] = [], identifierRate: Double = 0, sensitivePrevalence: Double = 0.1,
    missingRate: Double = 0.02, skipRate: Double = 0.03, textBlankRate: Double = 0.7,
    referenceDate: String = "2026-01-01", distributions: [String: [String: Double]] = [:]
  ) {
    self.survey = survey
    self.effects = effects
    self.identifierRate = identifierRate
    self.sensitivePrevalence = sensitivePrevalence
    self.missingRate = missingRate
    self.skipRate = skipRate
    self.textBlankRate = textBlankRate
    self.referenceDate = referenceDate
    self.distributions = distributions
  }
}

/// Calendar arithmetic on days counted from 1970-01-01 (proleptic Gregorian), after Howard
/// Hinnant's `days_from_civil` and `civil_from_days`.
enum CivilDate {
  /// The day number of `YYYY-MM-DD`, or nil when the text is not a real date.
  static func day(_ text: String) -> Int? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
    else { return nil }
    let number = days(year: y, month: m, day: d)
    let back = civil(number)
    return back.year == y && back.month == m && back.day == d ? number : nil
  }

  static func days(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// `YYYY-MM-DD` for a day number.
  static func text(_ days: Int) -> String {
    let (y, m, d) = civil(days)
    func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
    return "\(y)-\(two(m))-\(two(d))"
  }
}
