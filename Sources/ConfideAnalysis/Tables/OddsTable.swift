import ConfideModel
import ConfideReports
import ConfideStatistics
import ConfideStore

extension TableContext {
  /// Adjusted odds ratios from a design-based logistic regression (`svyglm(family =
  /// quasibinomial)`), among respondents who answered the outcome and every predictor.
  func odds(_ plan: PlanOdds) throws(PlanRunError) -> BuiltTable {
    let y = sample.indicator(plan.outcome.name, codes: positiveCodes(plan.outcome.name, plan.positive))
    var complete = y.map { !$0.isNaN }
    struct Predictor {
      var name: String
      var grouping: Grouping?
      var values: [Double]?
      var reference: String?
    }
    var predictors: [Predictor] = []
    for name in plan.predictors.map(\.name) {
      if sample.survey.construct(name) == nil, sample.variables[name]?.kind.isChoice == true {
        let grouping = sample.grouping(name)
        var reference = grouping.levels.first
        if let chosen = plan.references.first(where: { $0.variable.name == name }),
          let choice = sample.choices(of: name).first(where: { $0.name == chosen.choice.name })
        {
          reference = sample.label(of: choice)
        }
        for i in complete.indices where grouping.codes[i] < 0 { complete[i] = false }
        predictors.append(Predictor(name: name, grouping: grouping, reference: reference))
      } else {
        let values = try estimate { () throws(EstimationError) in try sample.numeric(name) }
        for i in complete.indices where values[i].isNaN { complete[i] = false }
        predictors.append(Predictor(name: name, values: values))
      }
    }
    let terms = predictors.map { p -> RegressionTerm in
      if let grouping = p.grouping { return .categorical(p.name, grouping, reference: p.reference) }
      return .numeric(p.name, p.values ?? [])
    }
    let model = try estimate { () throws(EstimationError) in
      try regression(y, on: terms, in: design, family: .logistic, domain: complete)
    }
    // Disclosure: respondents in the model by category of each categorical predictor.
    var breakdowns: [[Int]] = []
    var countsOf: [String: [Int]] = [:]
    for p in predictors {
      guard let grouping = p.grouping else { continue }
      var counts = [Int](repeating: 0, count: grouping.count)
      for i in complete.indices where complete[i] { counts[Int(grouping.codes[i])] += 1 }
      breakdowns.append(counts)
      countsOf[p.name] = counts
    }
    let inModel = complete.filter { $0 }.count
    let protected = try protect { () throws(DisclosureError) in
      try DisclosureTable.breakdowns(breakdowns.isEmpty ? [[inModel]] : breakdowns)
    }

    var rows: [ReportRow] = []
    var offset = 0
    var tests: [String] = []
    for p in predictors {
      if let grouping = p.grouping {
        rows.append(ReportRow(label: sample.label(of: p.name), cells: [.empty]))
        let counts = countsOf[p.name] ?? []
        for (k, level) in grouping.levels.enumerated() {
          let cell = offset + k
          if level == p.reference {
            rows.append(ReportRow(label: level, level: 1, cells: [.text("reference")]))
            continue
          }
          guard let coefficient = model.coefficient(p.name + level) else {
            rows.append(ReportRow(label: level, level: 1, cells: [.suppressed]))
            continue
          }
          let figure = try oddsFigure(coefficient, base: counts[k])
          rows.append(ReportRow(label: level, level: 1, cells: [ReportCell(figure, cell: cell, of: protected)]))
        }
        offset += grouping.count
        if grouping.count > 2, let test = try? model.waldTest(term: p.name) {
          tests.append(
            "\(sample.label(of: p.name)): F = \(fixed(test.statistic, 2)) on \(test.numeratorDegreesOfFreedom) and "
              + "\(test.denominatorDegreesOfFreedom) df, p = \(pText(test.pValue))")
        }
      } else if let coefficient = model.coefficient(p.name) {
        let label = sample.label(of: p.name) + " (per point)"
        let figure = try oddsFigure(coefficient, base: inModel)
        let hidden = rule.requiresSuppression(base: inModel)
        rows.append(ReportRow(label: label, cells: [hidden ? .suppressed : .figure(figure)]))
      }
    }
    var footnotes = [
      "Odds ratios of answering \(positiveWords(plan.outcome.name, plan.positive)) to "
        + "\"\(sample.label(of: plan.outcome.name).lowercasedFirst)\" from one weighted logistic regression with all "
        + "the predictors shown (svyglm, quasibinomial); t intervals. \(grouped(inModel)) respondents answered "
        + "the outcome and every predictor; n is the unweighted number in each category."
    ]
    if !tests.isEmpty {
      footnotes.append("Tests of each predictor as a whole (Wald): " + tests.joined(separator: "; ") + ".")
    }
    footnotes += table.notes
    if let footnote = protected.footnote { footnotes.append(footnote) }
    let report = ReportTable(
      id: table.id, title: table.title, rowVariable: "Predictor",
      columnGroups: [ColumnGroup(header: "Adjusted odds ratio", columns: [.estimate, .interval, .pValue, .base])],
      rows: rows, footnotes: footnotes, format: format(.plain, decimals: table.options.decimals ?? 2),
      disclosureMarker: rule.marker)
    var blocks: [ReportBlock] = [.table(report)]
    if table.chart {
      blocks.append(
        .chart(
          dotWhisker(report, axis: "Adjusted odds ratio", reference: ChartReference(value: 1, label: "No difference"))))
    }
    return BuiltTable(blocks: blocks)
  }

  private func oddsFigure(_ coefficient: RegressionCoefficient, base: Int) throws(PlanRunError) -> Figure {
    let interval = try estimate { () throws(EstimationError) in try coefficient.oddsRatioInterval(level: level) }
    return Figure(
      kind: .oddsRatio, estimate: coefficient.oddsRatio,
      interval: ConfidenceInterval(lower: interval.lowerBound, upper: interval.upperBound, level: level),
      unweightedBase: base,
      test: TestStatistic(
        name: "t", value: coefficient.tStatistic, degreesOfFreedom: [Double(coefficient.degreesOfFreedom)]),
      pValue: coefficient.pValue)
  }
}
