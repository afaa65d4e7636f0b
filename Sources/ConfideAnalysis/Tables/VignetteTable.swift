import ConfideModel
import ConfideReports
import ConfideStatistics
import ConfideStore
import Foundation

extension TableContext {
  /// A vignette experiment: the outcome in each arm, each arm's effect against the reference arm
  /// (as `svyglm(y ~ arm)`, p-values adjusted across arms), and with `by`, the effects in each
  /// subgroup and their difference (arm × subgroup interaction).
  func vignette(_ plan: PlanVignette) throws(PlanRunError) -> BuiltTable {
    guard let experiment = sample.survey.experiment(plan.experiment.name) else {
      throw .unknown(table: table.id, name: plan.experiment.name)
    }
    let isShare = !plan.positive.isEmpty || sample.variables[plan.outcome.name]?.kind == .yesNo
    let y =
      isShare
      ? sample.indicator(plan.outcome.name, codes: positiveCodes(plan.outcome.name, plan.positive))
      : sample.answered(plan.outcome.name)
    let arms = sample.armGrouping(experiment)
    let reference = plan.reference?.name ?? experiment.arms.first(where: \.isControl)?.id ?? experiment.arms[0].id
    guard let referenceIndex = arms.levels.firstIndex(of: reference) else {
      throw .unknown(table: table.id, name: reference)
    }
    func armLabel(_ id: String) -> String {
      plan.armLabels[id] ?? id.replacingUnderscores
    }
    let answered = y.map { !$0.isNaN }
    let study = try estimate { () throws(EstimationError) in
      try VignetteExperiment(design: design, arms: arms, control: reference, domain: answered)
    }
    let comparison = try estimate { () throws(EstimationError) in try study.compare(y, level: level) }
    let adjusted = comparison.adjustedPValues(adjustment)

    // Disclosure: respondents who answered, by arm.
    let armCounts = arms.levels.indices.map { a in
      zip(arms.codes, answered).reduce(0) { $0 + ($1.0 == Int32(a) && $1.1 ? 1 : 0) }
    }
    let protected = try protect { () throws(DisclosureError) in try DisclosureTable.oneWay(armCounts) }
    let levelKind: FigureKind = isShare ? .proportion : .mean
    let differenceKind: FigureKind = isShare ? .proportionDifference : .meanDifference
    var rows: [ReportRow] = []
    var headline: Headline?
    let order = [reference] + experiment.arms.map(\.id).filter { $0 != reference }
    for id in order {
      guard let a = arms.levels.firstIndex(of: id) else { continue }
      let label = armLabel(id) + (id == reference ? " (reference)" : "")
      guard let m = comparison.means.levels.firstIndex(of: id) else {
        rows.append(ReportRow(label: label, cells: [.suppressed, .suppressed]))
        continue
      }
      let level = try figure(comparison.means.estimates[m], kind: levelKind, base: armCounts[a])
      let levelCell = ReportCell(level, cell: a, of: protected)
      var effectCell = ReportCell.text("reference")
      if id != reference, let e = comparison.effects.firstIndex(where: { $0.arm == id }) {
        let effect = comparison.effects[e]
        let figure = Figure(
          kind: differenceKind, estimate: effect.estimate.value, standardError: effect.estimate.standardError,
          interval: effect.interval, unweightedBase: armCounts[a], weightedBase: effect.estimate.weightedCount,
          test: TestStatistic(
            name: "t", value: effect.tStatistic, degreesOfFreedom: [Double(effect.estimate.degreesOfFreedom)]),
          pValue: effect.pValue, adjustedPValue: adjusted[e], adjustment: adjustment)
        let hidden = protected.disclosure(of: a).isSuppressed || protected.disclosure(of: referenceIndex).isSuppressed
        effectCell = hidden ? .suppressed : .figure(figure)
        if plan.headline?.name == id, !hidden {
          headline = Headline(
            statement: headlineStatement(
              figure, outcome: sample.label(of: plan.outcome.name),
              positive: positiveWords(plan.outcome.name, plan.positive),
              arm: armLabel(id), reference: armLabel(reference), isShare: isShare),
            figure: figure)
        }
      }
      rows.append(ReportRow(label: label, cells: [levelCell, effectCell]))
    }
    let outcomeWords =
      isShare
      ? "Weighted percentage answering \(positiveWords(plan.outcome.name, plan.positive))"
      : "Weighted mean of \(sample.label(of: plan.outcome.name).lowercasedFirst)"
    var footnotes =
      [
        "\(outcomeWords) among those who answered, in each arm; differences from \(armLabel(reference).lowercasedFirst) "
          + "with t intervals and p-values adjusted across arms (\(adjustment.displayName)). n is the unweighted "
          + "number in the arm who answered."
      ] + table.notes
    if let footnote = protected.footnote { footnotes.append(footnote) }
    let scale: FigureFormat.Scale = isShare ? .percent : .plain
    let report = ReportTable(
      id: table.id, title: table.title, rowVariable: sample.label(of: experiment.id),
      columnGroups: [
        ColumnGroup(header: isShare ? "Share" : "Mean", columns: [.estimate, .interval, .base]),
        ColumnGroup(
          header: "Difference from \(armLabel(reference).lowercasedFirst)",
          columns: [.estimate, .interval, .pValue, .adjustedPValue]),
      ],
      rows: rows, footnotes: footnotes, format: format(scale), disclosureMarker: rule.marker)
    var blocks: [ReportBlock] = [.table(report)]
    if table.chart {
      let effects = ReportTable(
        id: table.id + "_effects", title: "Difference from \(armLabel(reference).lowercasedFirst): " + table.title,
        rowVariable: report.rowVariable,
        columnGroups: [report.columnGroups[1]],
        rows: rows.dropFirst().map { ReportRow(label: $0.label, cells: [$0.cells[1]]) }, footnotes: footnotes,
        format: format(isShare ? .percentagePoints : .plain), disclosureMarker: rule.marker)
      blocks.append(
        .chart(
          dotWhisker(
            effects, axis: isShare ? "Percentage points" : "Difference in means",
            reference: ChartReference(value: 0, label: "No difference"))))
    }
    if let by = table.by.first {
      blocks.append(
        .table(
          try vignetteBySubgroup(
            study, experiment: experiment, y: y, by: by, reference: reference, answered: answered, isShare: isShare,
            armLabel: armLabel)))
    }
    return BuiltTable(blocks: blocks, headline: headline)
  }

  /// The effect of each arm in each subgroup and the difference between subgroups, with the
  /// Wald test that the effects are the same in every subgroup.
  private func vignetteBySubgroup(
    _ study: VignetteExperiment, experiment: Experiment, y: [Double], by: PlanName, reference: String, answered: [Bool],
    isShare: Bool,
    armLabel: (String) -> String
  ) throws(PlanRunError) -> ReportTable {
    let subgroups = sample.grouping(by.name)
    let interaction = try estimate { () throws(EstimationError) in try study.interaction(y, by: subgroups, level: level)
    }
    let arms = sample.armGrouping(experiment)
    // Disclosure: respondents who answered, by arm (rows) and subgroup (columns).
    var counts = [[Int]](repeating: [Int](repeating: 0, count: subgroups.count), count: arms.count)
    for i in answered.indices where answered[i] && arms.codes[i] >= 0 && subgroups.codes[i] >= 0 {
      counts[Int(arms.codes[i])][Int(subgroups.codes[i])] += 1
    }
    let protected = try protect { () throws(DisclosureError) in try DisclosureTable.twoWay(counts) }
    let kind: FigureKind = isShare ? .proportionDifference : .meanDifference
    guard let referenceArm = arms.levels.firstIndex(of: reference) else {
      throw .unknown(table: table.id, name: reference)
    }
    var rows: [ReportRow] = []
    for id in experiment.arms.map(\.id) where id != reference {
      guard let a = arms.levels.firstIndex(of: id) else { continue }
      var cells: [ReportCell] = []
      var anyHidden = false
      for (s, level) in subgroups.levels.enumerated() {
        let hidden =
          protected.disclosure(of: DisclosureTable.twoWayIndex(row: a, column: s, columns: subgroups.count))
          .isSuppressed
          || protected.disclosure(
            of: DisclosureTable.twoWayIndex(row: referenceArm, column: s, columns: subgroups.count)
          )
          .isSuppressed
        anyHidden = anyHidden || hidden
        guard !hidden, let effect = try? interaction.effect(of: id, in: level) else {
          cells.append(.suppressed)
          continue
        }
        cells.append(.figure(try figure(effect, kind: kind, base: counts[a][s])))
      }
      for difference in interaction.differences where difference.arm == id {
        if anyHidden {
          cells.append(.suppressed)
          continue
        }
        cells.append(
          .figure(
            Figure(
              kind: kind, estimate: difference.estimate.value, standardError: difference.estimate.standardError,
              interval: difference.interval, unweightedBase: nil, weightedBase: difference.estimate.weightedCount,
              test: TestStatistic(
                name: "t", value: difference.tStatistic,
                degreesOfFreedom: [Double(difference.estimate.degreesOfFreedom)]),
              pValue: difference.pValue)))
      }
      rows.append(ReportRow(label: armLabel(id), cells: cells))
    }
    let referenceLevel = interaction.reference
    let others = subgroups.levels.filter { $0 != referenceLevel }
    let test = interaction.test
    var footnotes = [
      "Effect of each description against \(armLabel(reference).lowercasedFirst) within each group of "
        + "\(sample.label(of: by.name).lowercasedFirst), and the difference between groups (arm × group interaction "
        + "in svyglm). Test that the effects are the same in every group: F = \(fixed(test.statistic, 2)) on "
        + "\(test.numeratorDegreesOfFreedom) and \(test.denominatorDegreesOfFreedom) df, p = \(pText(test.pValue))."
    ]
    if let footnote = protected.footnote { footnotes.append(footnote) }
    return ReportTable(
      id: table.id + "_by_" + by.name, title: table.title + ", by " + sample.label(of: by.name).lowercasedFirst,
      rowVariable: sample.label(of: experiment.id),
      columnGroups: subgroups.levels.map {
        ColumnGroup(header: "Effect: \($0)", columns: [.estimate, .interval, .base])
      }
        + others.map { ColumnGroup(header: "\($0) − \(referenceLevel)", columns: [.estimate, .interval, .pValue]) },
      rows: rows, footnotes: footnotes, format: format(isShare ? .percentagePoints : .plain),
      disclosureMarker: rule.marker)
  }

  /// The headline sentence for an arm's effect.
  func headlineStatement(
    _ figure: Figure, outcome: String, positive: String, arm: String, reference: String, isShare: Bool
  ) -> String {
    let plain = self.format(.plain)
    let scale = isShare ? 100.0 : 1.0
    let size = fixed(abs(figure.estimate) * scale, plain.decimals) + (isShare ? " percentage points" : "")
    let direction = figure.estimate < 0 ? "lower" : "higher"
    var text =
      "\(isShare ? "The share" : "The mean") \(outcome.lowercasedFirst)\(isShare ? " (\(positive))" : "") was \(size) "
      + "\(direction) among people told \"\(arm.lowercasedFirst)\" than among people told "
      + "\"\(reference.lowercasedFirst)\""
    if let interval = figure.interval {
      text +=
        " (\(number(interval.level * 100))% CI \(signed(interval.lower * scale, plain.decimals)) to "
        + "\(signed(interval.upper * scale, plain.decimals))"
      if let p = figure.adjustedPValue ?? figure.pValue {
        text +=
          "; p \(p < 0.001 ? "< 0.001" : "= " + pText(p))\(figure.adjustedPValue != nil ? ", \(adjustment.displayName)-adjusted" : "")"
      }
      text += ")"
      if interval.lower <= 0, interval.upper >= 0 { text += "; the interval includes no difference" }
    }
    return text + "."
  }
}

/// A number with a fixed number of decimals and a true minus sign.
func signed(_ value: Double, _ decimals: Int) -> String {
  fixed(value, decimals).replacingOccurrences(of: "-", with: "\u{2212}")
}

/// A p-value as journals print it: three decimals, or "< 0.001".
func pText(_ p: Double) -> String { p < 0.001 ? "< 0.001" : fixed(p, 3) }

extension String {
  var replacingUnderscores: String {
    let words = split(separator: "_").joined(separator: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
  }

  var lowercasedFirst: String {
    guard let first = first, !(count > 1 && self[index(after: startIndex)].isUppercase) else { return self }
    return first.lowercased() + dropFirst()
  }
}
