public import ConfideModel
public import Foundation

/// What changed between two versions of a survey, and whether data collected under them can
/// still be pooled. Every change that breaks comparability is flagged, so a version bump is a
/// reviewed decision.
public struct SurveyDiff: Sendable, Equatable {
  /// How a change affects the comparability of data collected under the two versions.
  public enum Impact: String, Codable, Sendable, Comparable {
    /// Data cannot be pooled as-is: a removed or renamed id, recoded or relabelled options,
    /// changed routing, arms or scale.
    case breaking
    /// Pooling may be fine but needs a person's judgement: reworded text, a new option.
    case review
    /// Safe: new items, new translations, analysis metadata.
    case compatible

    private var rank: Int {
      switch self {
      case .breaking: 0
      case .review: 1
      case .compatible: 2
      }
    }

    public static func < (a: Impact, b: Impact) -> Bool { a.rank < b.rank }
  }

  public struct Change: Codable, Sendable, Equatable {
    public var impact: Impact
    /// The id the change is about (a variable, experiment, construct, or `survey`).
    public var subject: String
    public var message: String
  }

  public var oldVersion: String
  public var newVersion: String
  public var surveyID: String
  public var changes: [Change]

  /// Whether any change breaks comparability.
  public var hasBreakingChanges: Bool { changes.contains { $0.impact == .breaking } }
}

extension SurveyDiff {
  /// Compares two checked surveys.
  public init(old: Survey, new: Survey) {
    var changes: [Change] = []
    func add(_ impact: Impact, _ subject: String, _ message: String) {
      changes.append(Change(impact: impact, subject: subject, message: message))
    }
    let a = Codebook(old)
    let b = Codebook(new)
    let primary = old.primaryLanguage

    if old.id != new.id { add(.breaking, "survey", "survey id changed from '\(old.id)' to '\(new.id)'") }
    for l in new.languages where !old.languages.contains(l) { add(.compatible, "survey", "language '\(l)' added") }
    for l in old.languages where !new.languages.contains(l) { add(.review, "survey", "language '\(l)' removed") }

    // Missing-value codes.
    for m in old.missingCodes {
      if let n = new.missingCodes.first(where: { $0.name == m.name }) {
        if n.code != m.code { add(.breaking, m.name, "missing code '\(m.name)' recoded from \(m.code) to \(n.code)") }
      } else {
        add(.breaking, m.name, "missing code '\(m.name)' (\(m.code)) removed")
      }
    }
    for m in new.missingCodes where !old.missingCodes.contains(where: { $0.name == m.name }) {
      add(.compatible, m.name, "missing code '\(m.name)' (\(m.code)) added")
    }

    // Experiments.
    for e in a.experiments {
      guard let f = b.experiments.first(where: { $0.id == e.id }) else {
        add(.breaking, e.id, "experiment '\(e.id)' removed")
        continue
      }
      if e.kind != f.kind { add(.breaking, e.id, "experiment kind changed from \(e.kind) to \(f.kind)") }
      for arm in e.arms {
        guard let g = f.arms.first(where: { $0.id == arm.id }) else {
          add(.breaking, e.id, "arm '\(arm.id)' removed")
          continue
        }
        if arm.text != g.text { add(.breaking, e.id, "the text of arm '\(arm.id)' changed") }
        if arm.control != g.control {
          add(.breaking, e.id, "arm '\(arm.id)' is \(g.control ? "now" : "no longer") the control")
        }
        if abs(arm.probability - g.probability) > 1e-12 {
          add(
            .review, e.id,
            "allocation of arm '\(arm.id)' changed from \(percent(arm.probability)) to \(percent(g.probability))")
        }
      }
      for arm in f.arms where !e.arms.contains(where: { $0.id == arm.id }) {
        add(.breaking, e.id, "arm '\(arm.id)' added")
      }
    }
    for e in b.experiments where !a.experiments.contains(where: { $0.id == e.id }) {
      add(.compatible, e.id, "experiment '\(e.id)' added")
    }

    // Variables.
    let newByName = Dictionary(b.variables.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
    let oldNames = Set(a.variables.map(\.name))
    var renamedTo: Set<String> = []
    for v in a.variables where v.type != "arm" {
      guard let w = newByName[v.name] else {
        let renamed = b.variables.first {
          !oldNames.contains($0.name) && $0.type == v.type && $0.text[primary] == v.text[primary]
        }
        if let r = renamed {
          renamedTo.insert(r.name)
          add(.breaking, v.name, "renamed to '\(r.name)' (same text); data under the two names will not be matched")
        } else {
          add(.breaking, v.name, "removed; data collected under the old version has no counterpart")
        }
        continue
      }
      compare(v, w, primary: primary, add)
    }
    for v in b.variables where v.type != "arm" && !oldNames.contains(v.name) && !renamedTo.contains(v.name) {
      add(.compatible, v.name, "added; it is missing (not asked) for respondents of the old version")
    }

    // Constructs.
    for c in a.constructs {
      guard let d = b.constructs.first(where: { $0.id == c.id }) else {
        add(.breaking, c.id, "construct '\(c.id)' removed")
        continue
      }
      if c.items != d.items {
        add(.breaking, c.id, "items of construct '\(c.id)' changed: \(list(c.items)) → \(list(d.items))")
      }
      if Set(c.reversed) != Set(d.reversed) { add(.breaking, c.id, "reverse-scored items of '\(c.id)' changed") }
      if c.scoring != d.scoring {
        add(.breaking, c.id, "scoring of '\(c.id)' changed from \(c.scoring) to \(d.scoring)")
      }
      if c.minimumItems != d.minimumItems {
        add(.review, c.id, "minimum items for a '\(c.id)' score changed from \(c.minimumItems) to \(d.minimumItems)")
      }
    }
    for c in b.constructs where !a.constructs.contains(where: { $0.id == c.id }) {
      add(.compatible, c.id, "construct '\(c.id)' added")
    }

    compareLayout(old, new, add)

    let contentChanged = old != new
    if contentChanged, changes.isEmpty {
      add(.review, "survey", "the surveys differ in ways not itemised here; compare the files")
    }
    if contentChanged, old.version == new.version {
      add(.breaking, "survey", "the survey changed but its version is still '\(old.version)'; bump the version")
    }
    self.init(
      oldVersion: old.version, newVersion: new.version, surveyID: new.id,
      changes: changes.enumerated().sorted {
        $0.element.impact == $1.element.impact ? $0.offset < $1.offset : $0.element.impact < $1.element.impact
      }.map(\.element))
  }

}

private func percent(_ p: Double) -> String { "\((p * 1000).rounded() / 10)%" }
private func list(_ xs: [String]) -> String { xs.joined(separator: ", ") }

private func compare(
  _ v: Codebook.Variable, _ w: Codebook.Variable, primary: String,
  _ add: (SurveyDiff.Impact, String, String) -> Void
) {
  let id = v.name
  if v.type != w.type { add(.breaking, id, "type changed from \(v.type) to \(w.type)") }
  if v.storage != w.storage { add(.breaking, id, "stored as \(w.storage), was \(v.storage)") }
  // Options: by code, then by name.
  for value in v.values {
    if let now = w.values.first(where: { $0.code == value.code }) {
      if now.name != value.name {
        add(.breaking, id, "code \(value.code) renamed from '\(value.name)' to '\(now.name)'")
      }
      if now.label[primary] != value.label[primary] {
        add(
          .breaking, id,
          "code \(value.code) relabelled: “\(value.label[primary] ?? "")” → “\(now.label[primary] ?? "")”")
      } else if now.label != value.label {
        for language in Set(now.label.keys).union(value.label.keys).sorted()
        where now.label[language] != value.label[language] {
          add(
            .review, id,
            "code \(value.code) '\(language)' translation changed: “\(value.label[language] ?? "")” → “\(now.label[language] ?? "")”"
          )
        }
      }
      if now.missing != value.missing {
        add(.breaking, id, "code \(value.code) is \(now.missing ? "now" : "no longer") a missing-value code")
      }
    } else if let moved = w.values.first(where: { $0.name == value.name }) {
      add(.breaking, id, "option '\(value.name)' recoded from \(value.code) to \(moved.code)")
    } else {
      add(.breaking, id, "option \(value.code) '\(value.name)' removed")
    }
  }
  for value in w.values where !v.values.contains(where: { $0.code == value.code || $0.name == value.name }) {
    add(.review, id, "option \(value.code) '\(value.name)' added; earlier respondents could not choose it")
  }
  if v.missingCodes != w.missingCodes, v.values.isEmpty {
    add(.breaking, id, "missing codes changed from \(v.missingCodes) to \(w.missingCodes)")
  }
  if v.range != w.range {
    let narrowed =
      (w.range?.min ?? -.infinity) > (v.range?.min ?? -.infinity)
      || (w.range?.max ?? .infinity) < (v.range?.max ?? .infinity)
    add(narrowed ? .breaking : .review, id, "range changed from \(range(v.range)) to \(range(w.range))")
  }
  if v.countRange != w.countRange { add(.breaking, id, "the number of statements to count changed") }
  if v.text[primary] != w.text[primary] {
    add(.review, id, "wording changed: “\(v.text[primary] ?? "")” → “\(w.text[primary] ?? "")”")
  } else if v.text != w.text {
    for language in Set(v.text.keys).union(w.text.keys).sorted() where v.text[language] != w.text[language] {
      add(.review, id, "'\(language)' translation changed: “\(v.text[language] ?? "")” → “\(w.text[language] ?? "")”")
    }
  }
  if v.section != w.section, !v.section.isEmpty {
    add(.review, id, "moved from section '\(v.section)' to '\(w.section)'; context can change answers")
  }
  if v.label != w.label {
    add(.compatible, id, "variable label changed: “\(v.label ?? "")” → “\(w.label ?? "")”")
  }
  if v.unit != w.unit { add(.review, id, "unit changed") }
  if v.routing?.condition != w.routing?.condition {
    add(
      .breaking, id,
      "routing changed: \(v.routing?.condition ?? "always asked") → \(w.routing?.condition ?? "always asked")")
  } else if v.arms != w.arms {
    add(.breaking, id, "the arms that see it changed")
  }
  if v.required != w.required { add(.review, id, w.required ? "now required" : "no longer required") }
  if v.reverse != w.reverse { add(.breaking, id, w.reverse ? "now reverse-scored" : "no longer reverse-scored") }
  if v.matrix != w.matrix { add(.review, id, "moved from matrix \(v.matrix ?? "none") to \(w.matrix ?? "none")") }
  if v.validation.map(\.condition) != w.validation.map(\.condition) { add(.review, id, "validation rules changed") }
  if Set(v.roles) != Set(w.roles) {
    add(.compatible, id, "roles changed from [\(list(v.roles))] to [\(list(w.roles))]")
  }
}

/// Changes a codebook does not show: section titles, hints, notes and where vignettes are shown.
private func compareLayout(
  _ old: Survey, _ new: Survey, _ add: (SurveyDiff.Impact, String, String) -> Void
) {
  if old.title.values != new.title.values { add(.compatible, "survey", "title changed") }
  for section in old.sections {
    guard let other = new.sections.first(where: { $0.id == section.id }) else {
      if !section.questions.isEmpty || !section.title.isEmpty {
        add(.review, section.id, "section '\(section.id)' removed")
      }
      continue
    }
    if section.title.values != other.title.values { add(.review, section.id, "section title changed") }
  }
  for section in new.sections where !old.sections.contains(where: { $0.id == section.id }) {
    add(.compatible, section.id, "section '\(section.id)' added")
  }
  let oldItems = Dictionary(old.questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
  let newItems = Dictionary(new.questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
  for q in old.questions {
    let other = newItems[q.id]
    switch q.type {
    case .vignette(let e):
      if other == nil { add(.review, e, "the arm texts of '\(e)' are no longer shown ('present \(e)' removed)") }
    case .note:
      if let other, other.text.values != q.text.values {
        add(.review, q.id, "note text changed")
      } else if other == nil {
        add(.review, q.id, "note '\(q.id)' removed")
      }
    default:
      if let other, other.hint?.values != q.hint?.values { add(.review, q.id, "hint changed") }
    }
  }
  for q in new.questions where oldItems[q.id] == nil {
    switch q.type {
    case .vignette(let e): add(.review, e, "the arm texts of '\(e)' are now shown ('present \(e)' added)")
    case .note: add(.review, q.id, "note '\(q.id)' added")
    default: break
    }
  }
}

private func range(_ r: Codebook.NumericRange?) -> String {
  guard let r else { return "none" }
  return "\(r.min.map(format) ?? "…")..\(r.max.map(format) ?? "…")"
}

extension SurveyDiff {
  /// The diff as text: one line per change, most serious first, then a summary.
  public func text() -> String {
    var out = ["Comparing \(surveyID): version \(oldVersion) → \(newVersion)"]
    if changes.isEmpty { out.append("No changes.") }
    let width = changes.map(\.subject.count).max() ?? 0
    for c in changes {
      let pad = String(repeating: " ", count: width - c.subject.count)
      out.append(
        "\(c.impact.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(c.subject)\(pad)  \(c.message)")
    }
    let count = { (i: Impact) in changes.count { $0.impact == i } }
    out.append("")
    out.append("\(count(.breaking)) breaking, \(count(.review)) to review, \(count(.compatible)) compatible")
    if hasBreakingChanges {
      out.append("Data collected under the two versions cannot be pooled without a reviewed mapping.")
    }
    return out.joined(separator: "\n") + "\n"
  }

  struct Document: Codable {
    var schema = "confide.diff/1"
    var survey: String
    var oldVersion: String
    var newVersion: String
    var breaking: Bool
    var changes: [Change]
  }

  /// The diff as JSON (schema `confide.diff/1`).
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let doc = Document(
      survey: surveyID, oldVersion: oldVersion, newVersion: newVersion, breaking: hasBreakingChanges, changes: changes)
    guard let data = try? encoder.encode(doc) else { return "{}" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
