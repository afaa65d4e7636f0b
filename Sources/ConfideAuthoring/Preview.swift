public import ConfideModel

/// The questionnaire as a respondent sees it, in one language and optionally one arm of each
/// experiment, with routing and validation written out for reviewers.
public struct PreviewDocument: Sendable, Equatable {
  public struct Option: Sendable, Equatable {
    public var code: Int
    public var label: String
    public var isMissing: Bool
  }

  public struct Item: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
      case question
      case note
      case vignette
    }

    public var kind: Kind
    /// The respondent-facing number (Q1, Q2, …) for questions.
    public var number: Int?
    public var id: String
    public var text: String
    public var hint: String?
    public var required: Bool
    /// How to answer ("Choose one", "Enter a whole number from 16 to 120 years").
    public var instruction: String?
    public var options: [Option]
    /// Matrix rows or count statements (with a note on which arm sees them).
    public var rows: [(id: String, text: String, note: String?)]
    /// "Asked if: …", in plain words.
    public var routing: String?
    public var validation: [String]
    /// The arm texts of a vignette, with the arm's name.
    public var vignettes: [(arm: String, text: String)]
    public var notes: [String]

    public static func == (a: Item, b: Item) -> Bool {
      a.kind == b.kind && a.number == b.number && a.id == b.id && a.text == b.text
        && a.rows.map(\.id) == b.rows.map(\.id) && a.vignettes.map(\.arm) == b.vignettes.map(\.arm)
    }
  }

  public struct Section: Sendable, Equatable {
    public var id: String
    public var title: String
    public var routing: String?
    public var shuffled: Bool
    public var items: [Item]
  }

  public var title: String
  public var description: String?
  public var language: String
  public var version: String
  /// The arm fixed for each experiment in this preview.
  public var arms: [String: String]
  public var sections: [Section]
}

/// Problems with a preview request.
public enum PreviewError: Error, Equatable, CustomStringConvertible {
  case unknownLanguage(String, available: [String])
  case unknownArm(String)
  case ambiguousArm(String, experiments: [String])
  case conflictingArms(String, String, String)

  public var description: String {
    switch self {
    case .unknownLanguage(let l, let available):
      "the survey is not written in '\(l)' (it has: \(available.joined(separator: ", ")))"
    case .unknownArm(let a):
      "no experiment has an arm '\(a)'"
    case .ambiguousArm(let a, let experiments):
      "arm '\(a)' is in several experiments (\(experiments.joined(separator: ", "))); write experiment=arm"
    case .conflictingArms(let e, let a, let b):
      "a respondent sees one arm of '\(e)', but both '\(a)' and '\(b)' were asked for"
    }
  }
}

extension PreviewDocument {
  /// Resolves `--arm` values (`enforcement` or `framing=enforcement`) to experiment → arm.
  public static func resolveArms(_ requests: [String], in survey: Survey) throws(PreviewError) -> [String: String] {
    var out: [String: String] = [:]
    for request in requests {
      let parts = request.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2 {
        guard let e = survey.experiment(parts[0]), e.arms.contains(where: { $0.id == parts[1] }) else {
          throw .unknownArm(request)
        }
        if let earlier = out[e.id], earlier != parts[1] { throw .conflictingArms(e.id, earlier, parts[1]) }
        out[e.id] = parts[1]
      } else {
        let owners = survey.experiments.filter { $0.arms.contains { $0.id == request } }
        if owners.isEmpty { throw .unknownArm(request) }
        if owners.count > 1 { throw .ambiguousArm(request, experiments: owners.map(\.id)) }
        if let earlier = out[owners[0].id], earlier != request {
          throw .conflictingArms(owners[0].id, earlier, request)
        }
        out[owners[0].id] = request
        continue
      }
    }
    return out
  }

  /// Builds the preview of `survey` in `language` with the given arms fixed.
  public init(survey: Survey, language: String? = nil, arms: [String: String] = [:]) throws(PreviewError) {
    let lang = language ?? survey.primaryLanguage
    if !survey.languages.isEmpty, !survey.languages.contains(lang) {
      throw .unknownLanguage(lang, available: survey.languages)
    }
    let primary = survey.primaryLanguage
    let words = PlainWords(survey: survey, language: lang)
    let evaluation = ArmEvaluation(arms: arms)
    func t(_ text: LocalizedText?) -> String {
      text.map { pipe($0.text(in: lang, fallback: primary), survey, words) } ?? ""
    }

    var number = 0
    var sections: [Section] = []
    for section in survey.sections {
      if evaluation.evaluate(section.condition) == false { continue }
      var items: [Item] = []
      for q in section.questions {
        if evaluation.evaluate(q.condition) == false { continue }
        let routing = q.condition.flatMap { c in evaluation.evaluate(c) == true ? nil : "Asked if: \(words.describe(c))"
        }
        switch q.type {
        case .vignette(let id):
          let experiment = survey.experiment(id)
          let shown = experiment?.arms.filter { arms[id] == nil || arms[id] == $0.id } ?? []
          items.append(
            Item(
              kind: .vignette, number: nil, id: id, text: "", hint: nil, required: false, instruction: nil,
              options: [], rows: [], routing: routing, validation: [],
              vignettes: shown.map { ($0.id, t($0.text)) },
              notes: arms[id] == nil ? ["Each respondent sees one of these texts, assigned at random."] : []))
          continue
        case .note:
          items.append(
            Item(
              kind: .note, number: nil, id: q.id, text: t(q.text), hint: nil, required: false, instruction: nil,
              options: [], rows: [], routing: routing, validation: [], vignettes: [], notes: []))
          continue
        default: break
        }
        number += 1
        let list = survey.choices(for: q)
        var options = (list?.choices ?? []).map { Option(code: $0.code, label: t($0.label), isMissing: $0.isMissing) }
        if list == nil {
          for name in q.missing {
            if let m = survey.missingCodes.first(where: { $0.name == name }) {
              options.append(Option(code: m.code, label: t(m.label), isMissing: true))
            }
          }
        }
        var rows: [(String, String, String?)] = []
        var notes: [String] = []
        if q.shuffle {
          notes.append(q.type.isMatrix ? "Statements are shown in random order." : "Options are shown in random order.")
        }
        switch q.type {
        case .matrix:
          rows = q.items.map { ($0.id, t($0.text), $0.isReversed ? "reverse-scored" : nil) }
        case .count:
          let shown = q.items.filter { evaluation.evaluate($0.condition) != false }
          rows = shown.map { item in
            let note = item.condition.flatMap { c in
              evaluation.evaluate(c) == true ? nil : "shown if \(words.describe(c))"
            }
            return (item.id, t(item.text), note)
          }
        default: break
        }
        let unit = q.unit.map { " " + t($0) } ?? ""
        let ui = PreviewStrings(language: lang)
        let instruction: String? = {
          switch q.type {
          case .single, .yesNo: return ui.chooseOne
          case .rating: return ui.choosePoint
          case .multiple: return ui.chooseAll
          case .matrix: return ui.chooseEach
          case .integer, .decimal:
            return ui.enterNumber(
              whole: q.type == .integer, from: q.range?.lower.map(format), to: q.range?.upper.map(format), unit: unit)
          case .date: return ui.enterDate
          case .text: return ui.writeAnswer + " " + ui.freeTextNote
          case .count:
            // The statements depend on the list experiment's arm; if that arm is fixed, one range.
            let experiment = q.items.flatMap { survey.experimentsMentioned(in: $0.condition) }.first
            let fixed = experiment.flatMap { arms[$0] }
            let ranges = survey.countRange(of: q).filter { r in fixed == nil || r.arm == fixed }
            if ranges.count > 1 {
              return ui.enterCount(ranges.map { "\($0.maximum) (\($0.arm ?? ""))" })
            }
            return ui.enterCount(["\(rows.count)"])
          default: return nil
          }
        }()
        items.append(
          Item(
            kind: .question, number: number, id: q.id, text: t(q.text), hint: q.hint.map { t($0) },
            required: q.isRequired, instruction: instruction, options: options, rows: rows, routing: routing,
            validation: q.constraints.map { "\(t($0.message)) (valid if \(words.describe($0.condition)))" },
            vignettes: [], notes: notes))
      }
      let sectionRouting = section.condition.flatMap { c in
        evaluation.evaluate(c) == true ? nil : "Asked if: \(words.describe(c))"
      }
      sections.append(
        Section(
          id: section.id, title: t(section.title), routing: sectionRouting, shuffled: section.shuffle, items: items))
    }
    self.init(
      title: t(survey.title), description: survey.description.map { t($0) }, language: lang,
      version: survey.version, arms: arms, sections: sections)
  }
}

/// Replaces `{id}` with a visible placeholder naming the piped answer.
private func pipe(_ text: String, _ survey: Survey, _ words: PlainWords) -> String {
  var out = ""
  var rest = Substring(text)
  while let open = rest.firstIndex(of: "{") {
    guard let close = rest[open...].firstIndex(of: "}") else { break }
    let name = String(rest[rest.index(after: open)..<close])
    out += rest[..<open]
    if survey.question(name) != nil || survey.experiment(name) != nil {
      out += "[answer to \(words.name(of: name))]"
    } else {
      out += rest[open...close]
    }
    rest = rest[rest.index(after: close)...]
  }
  return out + rest
}

/// The instructions a respondent reads, in the languages Confide has them for; other languages
/// get English. Reviewer annotations (routing, variable names) stay in English.
struct PreviewStrings {
  let welsh: Bool

  init(language: String) { welsh = language == "cy" }

  var chooseOne: String { welsh ? "Dewiswch un." : "Choose one." }
  var choosePoint: String { welsh ? "Dewiswch un pwynt ar y raddfa." : "Choose one point on the scale." }
  var chooseAll: String { welsh ? "Dewiswch bob un sy'n berthnasol." : "Choose all that apply." }
  var chooseEach: String {
    welsh ? "Dewiswch un ateb ar gyfer pob datganiad." : "Choose one answer for each statement."
  }
  var enterDate: String { welsh ? "Rhowch ddyddiad." : "Enter a date." }
  var writeAnswer: String { welsh ? "Ysgrifennwch eich ateb." : "Write your answer." }
  var freeTextNote: String { "(Free text: possibly identifying; scanned and redacted on import.)" }

  func enterNumber(whole: Bool, from lower: String?, to upper: String?, unit: String) -> String {
    if welsh {
      let kind = whole ? "rif cyfan" : "rif"
      switch (lower, upper) {
      case (let lo?, let hi?): return "Rhowch \(kind) o \(lo) i \(hi)\(unit)."
      case (let lo?, nil): return "Rhowch \(kind) o \(lo) o leiaf\(unit)."
      case (nil, let hi?): return "Rhowch \(kind) hyd at \(hi)\(unit)."
      default: return "Rhowch \(kind)\(unit)."
      }
    }
    let kind = whole ? "a whole number" : "a number"
    switch (lower, upper) {
    case (let lo?, let hi?): return "Enter \(kind) from \(lo) to \(hi)\(unit)."
    case (let lo?, nil): return "Enter \(kind) of at least \(lo)\(unit)."
    case (nil, let hi?): return "Enter \(kind) of at most \(hi)\(unit)."
    default: return "Enter \(kind)\(unit)."
    }
  }

  /// "Enter a number from 0 to 4 (control) or 5 (treatment)."
  func enterCount(_ maxima: [String]) -> String {
    welsh
      ? "Rhowch rif o 0 i \(maxima.joined(separator: " neu "))."
      : "Enter a number from 0 to \(maxima.joined(separator: " or "))."
  }
}
