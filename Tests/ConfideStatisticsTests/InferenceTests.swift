import ConfideStatistics
import Testing

// Fixtures are written by Fixtures/make-inference.R. Tolerances: 1e-10 relative for closed
// forms and quantile-based bounds; 1e-8 for Fisher's conditional MLE and interval (root
// finding); printed oracle numbers from statistics.md are checked to the digits printed.

/// Reads one row per record of a fixture as a dictionary of numbers (`NA` → nil).
private func records(_ name: String) throws -> [[String: Double?]] {
  let table = try FixtureTable(name)
  return table.records.map { record in
    record.mapValues { $0 == "NA" ? nil : Double($0) }
  }
}

private func value(_ row: [String: Double?], _ key: String) throws -> Double {
  let field = try #require(row[key], "no column \(key)")
  return try #require(field, "\(key) is NA")
}

private func count(_ row: [String: Double?], _ key: String) throws -> Int {
  Int(try value(row, key))
}

/// `expectClose`, except that an expected NaN (R's NaN for an undefined statistic, e.g. a
/// chi-squared with an empty margin) requires NaN.
private func expectCloseOrNaN(
  _ actual: Double, _ expected: Double, relative: Double, absolute: Double = 0, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  if expected.isNaN {
    #expect(actual.isNaN, "\(what): R gives NaN, got \(actual)", sourceLocation: sourceLocation)
  } else {
    expectClose(actual, expected, relative: relative, absolute: absolute, what, sourceLocation: sourceLocation)
  }
}

/// R's `fisher.test` solves with `uniroot`'s default tolerance .Machine$double.eps^0.25 ≈ 1.22e-4,
/// absolute on ψ when the root is in (0, 1) and on 1/ψ otherwise, so its printed odds ratios are
/// checked on that scale to 2e-4.
private func expectUnirootClose(
  _ actual: Double, _ expected: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let scale = { (value: Double) in value <= 1 ? value : 1 / value }
  #expect(
    abs(scale(actual) - scale(expected)) <= 2e-4, "\(what): \(actual) vs fisher.test \(expected)",
    sourceLocation: sourceLocation)
}

private func table(_ row: [String: Double?]) throws -> TwoByTwoTable {
  try TwoByTwoTable(a: count(row, "a"), b: count(row, "b"), c: count(row, "c"), d: count(row, "d"))
}

@Suite("Multiple comparisons (p.adjust)")
struct MultipleComparisonsTests {
  @Test("holm, BH and bonferroni match p.adjust on every fixture family")
  func fixture() throws {
    let table = try FixtureTable("p-adjust.csv")
    let cases = try table.strings("case")
    let p = try table.numbers("p")
    let columns: [(PValueAdjustment, [Double?])] = [
      (.holm, try table.numbers("holm")), (.benjaminiHochberg, try table.numbers("bh")),
      (.bonferroni, try table.numbers("bonferroni")), (.hochberg, try table.numbers("hochberg")),
      (.benjaminiYekutieli, try table.numbers("by")),
    ]
    for family in Set(cases) {
      let rows = cases.indices.filter { cases[$0] == family }
      let input = rows.map { p[$0] ?? .nan }
      for (method, expected) in columns {
        let adjusted = method.adjust(input)
        for (position, row) in rows.enumerated() {
          if let wanted = expected[row] {
            expectCloseOrNaN(adjusted[position], wanted, relative: 1e-12, "\(method) \(family)[\(position)]")
          } else {
            #expect(adjusted[position].isNaN, "\(method) \(family)[\(position)] should stay NA")
          }
        }
      }
    }
  }

  @Test("statistics.md oracle: p.adjust(c(.01,.04,.03,.005,.20))")
  func oracle() {
    let p = [0.01, 0.04, 0.03, 0.005, 0.20]
    let holm = PValueAdjustment.holm.adjust(p)
    let bh = PValueAdjustment.benjaminiHochberg.adjust(p)
    for (actual, expected) in zip(holm, [0.04, 0.09, 0.09, 0.025, 0.2]) {
      expectClose(actual, expected, relative: 1e-12)
    }
    for (actual, expected) in zip(bh, [0.025, 0.05, 0.05, 0.025, 0.2]) {
      expectClose(actual, expected, relative: 1e-12)
    }
    #expect(PValueAdjustment.none.adjust(p) == p)
  }
}

@Suite("Binomial intervals")
struct BinomialIntervalTests {
  @Test(
    "Wilson, Wilson with correction, Clopper–Pearson and Wald match R", arguments: try records("binomial-intervals.csv")
  )
  func counts(_ row: [String: Double?]) throws {
    let x = try count(row, "x")
    let n = try count(row, "n")
    let level = try value(row, "level")
    let wilson = try BinomialInterval.wilson(successes: x, trials: n, level: level)
    let corrected = try BinomialInterval.wilson(successes: x, trials: n, level: level, continuityCorrection: true)
    let exact = try BinomialInterval.clopperPearson(successes: x, trials: n, level: level)
    let wald = try BinomialInterval.wald(successes: x, trials: n, level: level)
    let checks: [(Double, String)] = [
      (wilson.lower, "wilson_lower"), (wilson.upper, "wilson_upper"), (corrected.lower, "wilsoncc_lower"),
      (corrected.upper, "wilsoncc_upper"), (exact.lower, "cp_lower"), (exact.upper, "cp_upper"),
      (wald.lower, "wald_lower"), (wald.upper, "wald_upper"),
    ]
    for (actual, key) in checks {
      expectClose(actual, try value(row, key), relative: 1e-10, absolute: 1e-15, "\(key) x=\(x) n=\(n)")
    }
  }

  @Test("effective-size versions match svyciprop's formulas", arguments: try records("effective-size-intervals.csv"))
  func effectiveSize(_ row: [String: Double?]) throws {
    let p = try value(row, "p")
    let n = try value(row, "neff")
    let df = try value(row, "df")
    let beta = try BinomialInterval.clopperPearson(proportion: p, effectiveSize: n)
    let wilson = try BinomialInterval.wilson(proportion: p, effectiveSize: n, degreesOfFreedom: df)
    let wald = try BinomialInterval.wald(proportion: p, effectiveSize: n, degreesOfFreedom: df)
    let checks: [(Double, String)] = [
      (beta.lower, "beta_lower"), (beta.upper, "beta_upper"), (wilson.lower, "wilson_lower"),
      (wilson.upper, "wilson_upper"), (wald.lower, "wald_lower"), (wald.upper, "wald_upper"),
    ]
    for (actual, key) in checks {
      expectClose(actual, try value(row, key), relative: 1e-10, absolute: 1e-15, "\(key) p=\(p) n=\(n)")
    }
  }

  @Test("statistics.md oracle: x = 12, n = 100")
  func oracle() throws {
    let wilson = try BinomialInterval.wilson(successes: 12, trials: 100)
    let exact = try BinomialInterval.clopperPearson(successes: 12, trials: 100)
    expectClose(wilson.lower, 0.069994, relative: 1e-5)
    expectClose(wilson.upper, 0.198121, relative: 1e-5)
    expectClose(exact.lower, 0.063569, relative: 1e-5)
    expectClose(exact.upper, 0.200236, relative: 1e-5)
  }

  @Test("invalid counts and levels throw")
  func invalid() {
    #expect(throws: EstimationError.self) { try BinomialInterval.wilson(successes: 3, trials: 0) }
    #expect(throws: EstimationError.self) { try BinomialInterval.clopperPearson(successes: 5, trials: 4) }
    #expect(throws: EstimationError.self) { try BinomialInterval.wald(successes: 1, trials: 4, level: 1) }
    #expect(throws: EstimationError.self) { try BinomialInterval.wilson(proportion: 1.2, effectiveSize: 10) }
    #expect(throws: EstimationError.self) { try BinomialInterval.clopperPearson(proportion: 0.2, effectiveSize: 0) }
  }
}

@Suite("2×2 tables")
struct TwoByTwoTests {
  @Test("OR, RR, RD, chi-squared and Fisher match R", arguments: try records("two-by-two.csv"))
  func fixture(_ row: [String: Double?]) throws {
    let t = try table(row)
    let label = "a=\(t.a) b=\(t.b) c=\(t.c) d=\(t.d)"
    let estimates: [(IntervalEstimate, String)] = [
      (try t.oddsRatio(), "or"), (try t.oddsRatio(zeroCells: .haldaneAnscombe), "orh"), (try t.riskRatio(), "rr"),
      (try t.riskDifference(), "rd"),
    ]
    for (result, key) in estimates {
      try expectRatio(result.estimate, row, key, label)
      try expectBound(result.interval.lower, row, key + "_lower", label)
      try expectBound(result.interval.upper, row, key + "_upper", label)
    }
    let pearson = t.pearsonChiSquared(continuityCorrection: false)
    let yates = t.pearsonChiSquared()
    expectCloseOrNaN(pearson.statistic, try value(row, "chisq"), relative: 1e-10, absolute: 1e-15, "χ² \(label)")
    expectCloseOrNaN(pearson.pValue, try value(row, "chisq_p"), relative: 1e-10, "χ² p \(label)")
    expectCloseOrNaN(yates.statistic, try value(row, "chisq_yates"), relative: 1e-10, absolute: 1e-15, "Yates \(label)")
    expectCloseOrNaN(yates.pValue, try value(row, "chisq_yates_p"), relative: 1e-10, "Yates p \(label)")

    let fisher = try t.fisherExact()
    expectClose(fisher.pValue, try value(row, "fisher_p"), relative: 1e-10, "Fisher p \(label)")
    expectClose(fisher.oddsRatio, try value(row, "fisher_or"), relative: 1e-8, "Fisher OR \(label)")
    expectClose(fisher.interval.lower, try value(row, "fisher_lower"), relative: 1e-8, "Fisher lower \(label)")
    expectClose(fisher.interval.upper, try value(row, "fisher_upper"), relative: 1e-8, "Fisher upper \(label)")
    expectUnirootClose(fisher.oddsRatio, try value(row, "fisher_r_or"), "fisher.test OR \(label)")
    expectUnirootClose(fisher.interval.lower, try value(row, "fisher_r_lower"), "fisher.test lower \(label)")
    expectUnirootClose(fisher.interval.upper, try value(row, "fisher_r_upper"), "fisher.test upper \(label)")
  }

  /// Ratios may be 0, +∞ or NaN (0/0) with a zero cell; those must match exactly.
  private func expectRatio(_ actual: Double, _ row: [String: Double?], _ key: String, _ label: String) throws {
    let expected = try #require(row[key] ?? nil)
    if expected.isNaN {
      #expect(actual.isNaN, "\(key) \(label)")
    } else {
      expectClose(actual, expected, relative: 1e-10, absolute: 1e-15, "\(key) \(label)")
    }
  }

  /// A zero cell makes R's log-scale Wald bounds NaN (0 × ∞); the Swift rule returns [0, ∞].
  private func expectBound(_ actual: Double, _ row: [String: Double?], _ key: String, _ label: String) throws {
    let expected = try #require(row[key] ?? nil)
    if expected.isNaN {
      #expect(actual == 0 || actual == .infinity, "\(key) \(label): zero-cell rule gives 0 or ∞")
    } else {
      expectClose(actual, expected, relative: 1e-10, absolute: 1e-15, "\(key) \(label)")
    }
  }

  @Test("statistics.md oracle: a=20, b=80, c=10, d=90")
  func oracle() throws {
    let t = try TwoByTwoTable(a: 20, b: 80, c: 10, d: 90)
    let or = try t.oddsRatio()
    expectClose(or.estimate, 2.25, relative: 1e-12)
    expectClose(or.interval.lower, 0.9943, relative: 1e-4)
    expectClose(or.interval.upper, 5.0915, relative: 1e-4)
    let rr = try t.riskRatio()
    expectClose(rr.estimate, 2.0, relative: 1e-12)
    expectClose(rr.interval.lower, 0.9866, relative: 1e-4)
    expectClose(rr.interval.upper, 4.0545, relative: 1e-4)
    // statistics.md prints fisher.test, whose uniroot tolerance (~1.22e-4 on ψ or 1/ψ) limits it.
    let fisher = try t.fisherExact()
    expectUnirootClose(fisher.oddsRatio, 2.241035, "MLE")
    expectUnirootClose(fisher.interval.lower, 0.9353, "lower")
    expectUnirootClose(fisher.interval.upper, 5.6988, "upper")
    let pearson = t.pearsonChiSquared(continuityCorrection: false)
    expectClose(pearson.statistic, 3.9216, relative: 1e-4)
    expectClose(pearson.pValue, 0.04767, relative: 1e-3)
  }

  @Test("negative counts and empty tables are rejected")
  func invalid() throws {
    #expect(throws: EstimationError.self) { try TwoByTwoTable(a: -1, b: 0, c: 0, d: 0) }
    let empty = try TwoByTwoTable(a: 0, b: 0, c: 0, d: 0)
    #expect(throws: EstimationError.self) { try empty.fisherExact() }
    #expect(throws: EstimationError.self) { try empty.riskDifference() }
    #expect(empty.pearsonChiSquared().statistic.isNaN)
  }
}

@Suite("McNemar")
struct McNemarTests {
  @Test("chi-squared, exact and paired difference match R", arguments: try records("mcnemar.csv"))
  func fixture(_ row: [String: Double?]) throws {
    let t = try table(row)
    let label = "a=\(t.a) b=\(t.b) c=\(t.c) d=\(t.d)"
    let corrected = t.mcNemar()
    let plain = t.mcNemar(continuityCorrection: false)
    expectClose(corrected.statistic, try value(row, "chisq_cc"), relative: 1e-10, "X² cc \(label)")
    expectClose(corrected.pValue, try value(row, "p_cc"), relative: 1e-10, "p cc \(label)")
    expectClose(plain.statistic, try value(row, "chisq"), relative: 1e-10, "X² \(label)")
    expectClose(plain.pValue, try value(row, "p"), relative: 1e-10, "p \(label)")
    expectClose(try t.mcNemarExactPValue(), try value(row, "exact_p"), relative: 1e-10, "exact p \(label)")
    let difference = try t.pairedDifference()
    expectClose(difference.estimate, try value(row, "diff"), relative: 1e-10, absolute: 1e-15, "diff \(label)")
    expectClose(difference.interval.lower, try value(row, "diff_lower"), relative: 1e-10, absolute: 1e-15, label)
    expectClose(difference.interval.upper, try value(row, "diff_upper"), relative: 1e-10, absolute: 1e-15, label)
  }

  @Test("statistics.md oracle: Performance 794/86/150/570")
  func oracle() throws {
    let t = try TwoByTwoTable(a: 794, b: 150, c: 86, d: 570)
    expectClose(t.mcNemar().statistic, 16.818, relative: 1e-4)
    expectClose(t.mcNemar().pValue, 4.115e-5, relative: 1e-3)
    expectClose(t.mcNemar(continuityCorrection: false).statistic, 17.356, relative: 1e-4)
    expectClose(t.mcNemar(continuityCorrection: false).pValue, 3.099e-5, relative: 1e-3)
  }

  @Test("no discordant pairs: NaN statistic, exact test refuses")
  func noDiscordantPairs() throws {
    let t = try TwoByTwoTable(a: 5, b: 0, c: 0, d: 7)
    #expect(t.mcNemar().statistic.isNaN)
    #expect(throws: EstimationError.self) { try t.mcNemarExactPValue() }
  }
}
