/// One term on the right-hand side of a regression model: a numeric predictor, a categorical
/// predictor, or an interaction of predictors — R's `x`, `group` and `arm:group` in
/// `y ~ x + arm * group`.
///
/// ```swift
/// let arm = RegressionTerm.categorical("arm", Grouping(arms))              // reference: first level
/// let group = RegressionTerm.categorical("age", Grouping(ages), reference: "35-54")
/// let terms = [arm, group, .interaction(arm, group)]                       // R: arm * age
/// ```
///
/// A categorical predictor is coded by treatment contrasts (R's default `contr.treatment`): one
/// 0/1 column for each level other than the reference level, named `name` + level (`stypeH`).
/// An interaction's columns are the products of its predictors' columns, the first predictor's
/// columns varying fastest, named with `:` (`stypeH:comp.impYes`) — R's coding of `a:b` in a
/// model that also holds `a` and `b`. (R codes an interaction whose main effects are absent
/// from the model differently; give the main effects too.)
public struct RegressionTerm: Sendable {
  /// A predictor: one column of numbers or a grouping.
  enum Predictor: Sendable {
    case numeric(name: String, values: [Double])
    case categorical(name: String, groups: Grouping, reference: String?)

    var name: String {
      switch self {
      case .numeric(let name, _), .categorical(let name, _, _): name
      }
    }

    var count: Int {
      switch self {
      case .numeric(_, let values): values.count
      case .categorical(_, let groups, _): groups.codes.count
      }
    }
  }

  /// The predictors multiplied in this term: one for a main effect, several for an interaction.
  let predictors: [Predictor]

  /// The term's name as R labels it: the predictor's name, or the names joined by `:`.
  public var name: String { predictors.map(\.name).joined(separator: ":") }

  /// The number of predictors in the term: 1 for a main effect, 2 for a two-way interaction.
  public var order: Int { predictors.count }

  /// A numeric predictor entering the model as one column; `.nan` marks a missing value, and
  /// the respondent is left out of the model.
  public static func numeric(_ name: String, _ values: [Double]) -> RegressionTerm {
    RegressionTerm(predictors: [.numeric(name: name, values: values)])
  }

  /// A categorical predictor coded by treatment contrasts against a reference level.
  ///
  /// - Parameters:
  ///   - name: The predictor's name, the prefix of its columns' names.
  ///   - groups: Each respondent's level; a respondent in no group (code −1) has a missing
  ///     value and is left out of the model.
  ///   - reference: The level the others are compared with; `nil` takes the first level that
  ///     occurs among the respondents in the model (R's default; `relevel(x, ref=)` otherwise).
  /// - Returns: A main-effect term.
  public static func categorical(_ name: String, _ groups: Grouping, reference: String? = nil) -> RegressionTerm {
    RegressionTerm(predictors: [.categorical(name: name, groups: groups, reference: reference)])
  }

  /// The interaction of two or more terms (R's `a:b`), for example the arm × subgroup term that
  /// tests whether an experiment's effect differs between subgroups.
  public static func interaction(_ first: RegressionTerm, _ others: RegressionTerm...) -> RegressionTerm {
    RegressionTerm(predictors: first.predictors + others.flatMap(\.predictors))
  }
}
