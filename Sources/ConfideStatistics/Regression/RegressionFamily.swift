/// The kind of regression: the distribution family and link of a generalised linear model.
public enum RegressionFamily: String, Sendable, Hashable, CaseIterable {
  /// Linear regression: R's `gaussian()` family, identity link.
  case linear
  /// Logistic regression of a 0/1 outcome (or a proportion): R's `quasibinomial()` family,
  /// logit link. Coefficients are log odds ratios.
  case logistic
}
