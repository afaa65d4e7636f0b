import Testing

@testable import ConfideStatistics

@Suite("McDonald's omega and the minres one-factor fit")
struct OmegaTests {
  static let datasets = ["agreeableness", "conscientiousness", "neuroticism", "synthetic", "unkeyed"]

  @Test("omega matches psych::omega(x, nfactors = 1)", arguments: datasets)
  func omega(dataset: String) throws {
    let r = try ScalesFixtures.Expected()
    let (names, columns) = try ScalesFixtures.items(dataset)
    let omega = try Omega(items: columns)
    // Iterative fit: psych's optimiser stops short of the optimum (see OneFactorModel), but ω is
    // stationary at the optimum, so the difference is second order.
    expectClose(omega.total, try r(dataset, "omega.omega_tot"), relative: 1e-6, "\(dataset) omega.tot")
    expectClose(omega.hierarchical, try r(dataset, "omega.omega_h"), relative: 1e-6, "\(dataset) omega_h")
    // No iteration behind these two.
    expectClose(omega.alpha, try r(dataset, "omega.alpha"), relative: 1e-8, "\(dataset) alpha")
    expectClose(omega.guttmanLambda6, try r(dataset, "omega.G6"), relative: 1e-8, "\(dataset) G6")
    for (name, key) in zip(names, omega.keys) {
      #expect(key == (try r(dataset, "omega.key", name)), "\(dataset) \(name) key")
    }
    // Against the optimum itself, computed in R to machine precision.
    expectClose(omega.total, try r(dataset, "minres.exact.omega_tot"), relative: 1e-9, "\(dataset) exact omega")
    expectClose(omega.hierarchical, try r(dataset, "minres.exact.omega_h"), relative: 1e-9, "\(dataset) exact omega_h")
    expectClose(
      omega.modelImplied, try r(dataset, "minres.exact.model_omega"), relative: 1e-9, "\(dataset) model omega")
  }

  @Test("minres loadings match psych::fa and the exact optimum", arguments: datasets)
  func loadings(dataset: String) throws {
    let r = try ScalesFixtures.Expected()
    let (names, columns) = try ScalesFixtures.items(dataset)
    let model = try Omega(items: columns).model
    #expect(!model.isHeywoodCase)
    for (index, name) in names.enumerated() {
      let loading = model.loadings[index]
      expectClose(loading, try r(dataset, "minres.exact.loading", name), relative: 1e-9, "\(dataset) \(name) λ")
      // psych's L-BFGS-B stops up to ~5e-6 (relative) from the optimum on these data.
      expectClose(loading, try r(dataset, "fa.loading", name), relative: 1e-5, "\(dataset) \(name) fa λ")
      expectClose(
        model.uniquenesses[index], try r(dataset, "fa.uniqueness", name), relative: 1e-5, "\(dataset) \(name) ψ")
    }
  }

  @Test(
    "reverse-keying before the fit matches psych::omega(key = )", arguments: ["agreeableness", "conscientiousness"])
  func keyed(dataset: String) throws {
    let r = try ScalesFixtures.Expected()
    let (names, columns) = try ScalesFixtures.items(dataset)
    let key = try #require(ScalesFixtures.keys[dataset])
    let omega = try Omega(items: columns, reversed: names.map(key.reversed.contains))
    expectClose(omega.total, try r(dataset, "omega.keyed.omega_tot"), relative: 1e-6, "\(dataset) keyed omega")
    expectClose(omega.hierarchical, try r(dataset, "omega.keyed.omega_h"), relative: 1e-6, "\(dataset) keyed omega_h")
    #expect(omega.keys == names.map { key.reversed.contains($0) ? -1 : 1 })
  }

  @Test("the minres objective at the solution is no worse than psych's")
  func objective() throws {
    let r = try ScalesFixtures.Expected()
    for dataset in Self.datasets {
      let (names, columns) = try ScalesFixtures.items(dataset)
      let correlation = PairwiseMoments(columns).correlation
      let model = try OneFactorModel(correlation: correlation)
      let psych = try names.map { try r(dataset, "fa.loading", $0) }
      var psychResidual = 0.0
      for i in names.indices {
        for j in names.indices where j > i {
          let e = correlation[i, j] - psych[i] * psych[j]
          psychResidual += e * e
        }
      }
      #expect(model.residualSumOfSquares <= psychResidual, "\(dataset)")
    }
  }

  @Test("degenerate input gives a clear error")
  func degenerate() {
    #expect(throws: EstimationError.invalidArgument("omega needs at least three items, not 2")) {
      try Omega(items: [[1, 2, 3], [2, 3, 1]])
    }
    #expect(throws: EstimationError.noObservations("item 3 has no answers")) {
      try Omega(items: [[1, 2, 3], [2, 3, 1], [nil, nil, nil]])
    }
    #expect(
      throws: EstimationError.invalidArgument(
        "the correlation matrix has undefined elements (items without joint variance)")
    ) {
      try Omega(items: [[1, 2, 3], [2, 3, 1], [4, 4, 4]])
    }
    #expect(throws: EstimationError.invalidArgument("3 items but 2 reverse-coding flags")) {
      try Omega(correlation: SymmetricMatrix(identity: 3), reversed: [true, false])
    }
  }

  @Test("a Heywood case is flagged and held at psych's bound")
  func heywood() throws {
    // Two nearly collinear items force a communality to the 0.995 bound.
    var r = SymmetricMatrix(identity: 3)
    r[0, 1] = 0.999
    r[0, 2] = 0.3
    r[1, 2] = 0.3
    let model = try OneFactorModel(correlation: r)
    #expect(model.isHeywoodCase)
  }
}
