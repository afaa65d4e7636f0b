extension Codebook {
  /// The codebook as text for a terminal or a data-management plan.
  public func text(language: String? = nil, width: Int = 88) -> String {
    let lang = language ?? survey.languages.first ?? "en"
    func t(_ values: [String: String]) -> String { values[lang] ?? values[survey.languages.first ?? "en"] ?? "" }
    var out: [String] = []
    let title = "Codebook: \(t(survey.title)) (\(survey.id), version \(survey.version))"
    out.append(title)
    out.append(String(repeating: "=", count: min(width, title.count)))
    out.append("Languages: \(survey.languages.joined(separator: ", "))")
    if !missingCodes.isEmpty {
      out.append("Missing-value codes (excluded from estimates, kept distinct from 'not asked'):")
      for m in missingCodes { out.append("  \(m.code)  \(m.name)  \(t(m.label))") }
    }
    for e in experiments {
      out.append("")
      out.append("Experiment \(e.id) (\(e.kind)): \(e.arms.count) arms")
      for arm in e.arms {
        let p = (arm.probability * 1000).rounded() / 10
        out.append("  \(arm.id)\(arm.control ? " (control)" : "")  ratio \(format(arm.ratio)), \(p)% of respondents")
      }
    }
    for v in variables {
      out.append("")
      var line = v.name
      if let label = v.label { line += "  \(label)" }
      out.append(line)
      var facts = ["\(v.type)", "stored as \(v.storage)"]
      if !v.section.isEmpty { facts.append("section \(v.section)") }
      if v.required { facts.append("required") }
      if !v.roles.isEmpty { facts.append("role: \(v.roles.joined(separator: ", "))") }
      if v.reverse { facts.append("reverse-scored") }
      if v.possiblyIdentifying { facts.append("possibly identifying") }
      if v.shuffled { facts.append("shuffled") }
      out += PreviewRenderer.wrap(facts.joined(separator: " · "), width: width, indent: "  ")
      let text = t(v.text)
      if !text.isEmpty, v.type != "arm" { out += PreviewRenderer.wrap("“\(text)”", width: width, indent: "  ") }
      if let m = v.matrix { out.append("  matrix: \(m)") }
      if v.columns != [v.name] {
        out += PreviewRenderer.wrap("columns: \(v.columns.joined(separator: ", "))", width: width, indent: "  ")
      }
      if let r = v.range {
        let unit = v.unit.map { " " + t($0) } ?? ""
        out.append("  range: \(r.min.map(format) ?? "…") to \(r.max.map(format) ?? "…")\(unit)")
      }
      if let c = v.countRange {
        out.append("  count: " + c.map { "0–\($0.max)" + ($0.arm.map { " in \($0)" } ?? "") }.joined(separator: "; "))
      }
      if v.type == "arm" {
        out.append("  values: " + v.values.map(\.name).joined(separator: ", "))
      } else if !v.values.isEmpty {
        let w = v.values.map { String($0.code).count }.max() ?? 1
        out.append("  values:")
        for value in v.values {
          let code = String(repeating: " ", count: w - String(value.code).count) + String(value.code)
          out.append("    \(code)  \(t(value.label))\(value.missing ? "  (missing)" : "")")
        }
      } else if !v.missingCodes.isEmpty {
        out.append("  missing codes: " + v.missingCodes.map(String.init).joined(separator: ", "))
      }
      if let r = v.routing { out += PreviewRenderer.wrap("asked if: \(r.words)", width: width, indent: "  ") }
      for a in v.arms { out.append("  arms of \(a.experiment): \(a.arms.joined(separator: ", "))") }
      for c in v.validation { out += PreviewRenderer.wrap("valid if: \(c.condition)", width: width, indent: "  ") }
      if !v.constructs.isEmpty { out.append("  construct: \(v.constructs.joined(separator: ", "))") }
    }
    for c in constructs {
      out.append("")
      out.append("Construct \(c.id): \(t(c.label))")
      out += PreviewRenderer.wrap("items: \(c.items.joined(separator: ", "))", width: width, indent: "  ")
      if !c.reversed.isEmpty {
        out += PreviewRenderer.wrap("reverse-scored: \(c.reversed.joined(separator: ", "))", width: width, indent: "  ")
      }
      out.append("  score: \(c.scoring) of items, when at least \(c.minimumItems) of \(c.items.count) are answered")
    }
    return out.joined(separator: "\n") + "\n"
  }
}

func format(_ x: Double) -> String {
  x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
}
