public import ConfideModel
public import Foundation

/// The codebook of a survey: every variable the data will hold, with its type, codes, labels,
/// missing codes, role, routing and experimental arm. `confide describe` prints it; its JSON
/// form (schema `confide.codebook/1`) is stable for other tools.
public struct Codebook: Codable, Sendable, Equatable {
  public static let schema = "confide.codebook/1"

  public struct Value: Codable, Sendable, Equatable {
    public var code: Int
    public var name: String
    public var label: [String: String]
    public var missing: Bool
  }

  public struct NumericRange: Codable, Sendable, Equatable {
    public var min: Double?
    public var max: Double?
  }

  public struct CountRange: Codable, Sendable, Equatable {
    /// The arm of the list experiment, or nil when the count does not depend on an arm.
    public var arm: String?
    public var max: Int
  }

  public struct ArmRestriction: Codable, Sendable, Equatable {
    public var experiment: String
    /// The arms whose respondents may be asked the item.
    public var arms: [String]
  }

  public struct Routing: Codable, Sendable, Equatable {
    /// The condition in the survey language.
    public var condition: String
    /// The condition in plain words.
    public var words: String
  }

  public struct Validation: Codable, Sendable, Equatable {
    public var condition: String
    public var message: [String: String]
  }

  public struct Variable: Codable, Sendable, Equatable {
    /// The variable's name in the data (the question or matrix item id).
    public var name: String
    public var label: String?
    public var text: [String: String]
    public var section: String
    /// `single`, `multiple`, `rating`, `matrix_item`, `yesno`, `integer`, `decimal`, `date`,
    /// `text`, `count` or `arm` (an experiment's assignment).
    public var type: String
    /// How answers are stored: `integer`, `real`, `text`, `date` or `indicators`.
    public var storage: String
    /// The data columns: the variable itself, or one 0/1 column per option (`id___code`).
    public var columns: [String]
    /// The matrix a matrix item belongs to.
    public var matrix: String?
    public var values: [Value]
    /// The codes that analysis treats as missing.
    public var missingCodes: [Int]
    public var range: NumericRange?
    public var unit: [String: String]?
    public var countRange: [CountRange]?
    public var required: Bool
    public var roles: [String]
    public var reverse: Bool
    public var possiblyIdentifying: Bool
    /// When the item is shown (its own and its section's conditions); nil when always asked.
    public var routing: Routing?
    public var arms: [ArmRestriction]
    public var constructs: [String]
    public var validation: [Validation]
    public var shuffled: Bool
  }

  public struct Arm: Codable, Sendable, Equatable {
    public var id: String
    public var control: Bool
    public var ratio: Double
    public var probability: Double
    public var text: [String: String]
  }

  public struct Experiment: Codable, Sendable, Equatable {
    public var id: String
    public var kind: String
    public var title: [String: String]
    public var arms: [Arm]
  }

  public struct Construct: Codable, Sendable, Equatable {
    public var id: String
    public var label: [String: String]
    public var items: [String]
    public var reversed: [String]
    public var scoring: String
    public var minimumItems: Int
  }

  public struct Header: Codable, Sendable, Equatable {
    public var id: String
    public var title: [String: String]
    public var version: String
    public var languages: [String]
  }

  public var schema: String
  public var survey: Header
  public var missingCodes: [Value]
  public var experiments: [Experiment]
  public var variables: [Variable]
  public var constructs: [Construct]
}

extension Codebook {
  /// Builds the codebook of a checked survey.
  public init(_ survey: Survey) {
    let words = PlainWords(survey: survey)
    func value(_ c: Choice) -> Value {
      Value(code: c.code, name: c.name, label: c.label.values, missing: c.isMissing)
    }
    var reversedIn: [String: Bool] = [:]
    var constructsOf: [String: [String]] = [:]
    for c in survey.constructs {
      for item in c.items { constructsOf[item, default: []].append(c.id) }
      for item in c.reversed { reversedIn[item] = true }
    }
    var variables: [Variable] = []
    for e in survey.experiments {
      variables.append(
        Variable(
          name: e.id, label: e.title.values[survey.primaryLanguage], text: e.title.values, section: "",
          type: "arm", storage: "text", columns: [e.id], matrix: nil,
          values: e.arms.enumerated().map { i, arm in
            Value(code: i + 1, name: arm.id, label: arm.text.values, missing: false)
          }, missingCodes: [], range: nil, unit: nil, countRange: nil, required: true,
          roles: ["exposure"], reverse: false, possiblyIdentifying: false, routing: nil, arms: [],
          constructs: [], validation: [], shuffled: false))
    }
    for section in survey.sections {
      for q in section.questions where q.type.collectsAnswer || q.type.isMatrix {
        let condition: ConfideModel.Expression? = {
          switch (section.condition, q.condition) {
          case (nil, nil): return nil
          case (let s?, nil): return s
          case (nil, let c?): return c
          case (let s?, let c?): return .binary(.and, s, c, SourceSpan())
          }
        }()
        let routing = condition.map { Routing(condition: $0.description, words: words.describe($0)) }
        let arms: [ArmRestriction] = survey.experimentsMentioned(in: condition).compactMap { id in
          guard let e = survey.experiment(id) else { return nil }
          let allowed = e.arms.filter { ArmEvaluation(arms: [id: $0.id]).evaluate(condition) != false }
          return ArmRestriction(experiment: id, arms: allowed.map(\.id))
        }
        let list = survey.choices(for: q)
        let values = list?.choices.map(value) ?? []
        var missing = list?.missingChoices.map(\.code) ?? []
        if list == nil {
          let declared = q.missing.compactMap { name in survey.missingCodes.first { $0.name == name } }
          missing = declared.map(\.code)
        }
        let validation = q.constraints.map {
          Validation(condition: $0.condition.description, message: $0.message.values)
        }
        func variable(
          name: String, type: String, storage: String, columns: [String], text: LocalizedText, matrix: String?,
          roles: [Role], reverse: Bool, values: [Value], countRange: [CountRange]?
        ) -> Variable {
          Variable(
            name: name, label: name == q.id ? q.label : nil, text: text.values, section: section.id, type: type,
            storage: storage, columns: columns, matrix: matrix, values: values, missingCodes: missing,
            range: q.range.map { NumericRange(min: $0.lower, max: $0.upper) }, unit: q.unit?.values,
            countRange: countRange, required: q.isRequired, roles: roles.map(\.rawValue),
            reverse: reverse || reversedIn[name] == true, possiblyIdentifying: q.isPossiblyIdentifying,
            routing: routing, arms: arms, constructs: constructsOf[name] ?? [], validation: validation,
            shuffled: q.shuffle || section.shuffle)
        }
        switch q.type {
        case .matrix:
          for row in q.items {
            variables.append(
              variable(
                name: row.id, type: "matrix_item", storage: "integer", columns: [row.id], text: row.text,
                matrix: q.id, roles: row.roles.isEmpty ? q.roles : row.roles, reverse: row.isReversed,
                values: values, countRange: nil))
          }
        case .multiple:
          let codes = list?.choices.map { Codebook.indicatorColumn(q.id, code: $0.code) } ?? []
          variables.append(
            variable(
              name: q.id, type: "multiple", storage: "indicators", columns: codes, text: q.text, matrix: nil,
              roles: q.roles, reverse: q.isReversed, values: values, countRange: nil))
        default:
          let (type, storage): (String, String) = {
            switch q.type {
            case .single: ("single", "integer")
            case .rating: ("rating", "integer")
            case .yesNo: ("yesno", "integer")
            case .integer: ("integer", "integer")
            case .decimal: ("decimal", "real")
            case .date: ("date", "date")
            case .text: ("text", "text")
            case .count: ("count", "integer")
            default: (q.type.keyword, "integer")
            }
          }()
          let countRange =
            q.type == .count
            ? survey.countRange(of: q).map { CountRange(arm: $0.arm, max: $0.maximum) } : nil
          variables.append(
            variable(
              name: q.id, type: type, storage: storage, columns: [q.id], text: q.text, matrix: nil,
              roles: q.type == .text && q.roles.isEmpty ? [.freeText] : q.roles, reverse: q.isReversed,
              values: values, countRange: countRange))
        }
      }
    }
    self.init(
      schema: Self.schema,
      survey: Header(id: survey.id, title: survey.title.values, version: survey.version, languages: survey.languages),
      missingCodes: survey.missingCodes.map(value),
      experiments: survey.experiments.map { e in
        let probabilities = Dictionary(e.allocation.map { ($0.arm, $0.probability) }, uniquingKeysWith: { a, _ in a })
        return Experiment(
          id: e.id, kind: e.kind.rawValue, title: e.title.values,
          arms: e.arms.map {
            Arm(
              id: $0.id, control: $0.id == e.controlArm?.id, ratio: $0.ratio, probability: probabilities[$0.id] ?? 0,
              text: $0.text.values)
          })
      },
      variables: variables,
      constructs: survey.constructs.map {
        Construct(
          id: $0.id, label: $0.label.values, items: $0.items,
          reversed: $0.items.filter { item in reversedIn[item] == true || survey.isReversed(item) },
          scoring: $0.scoring.rawValue, minimumItems: $0.minimumItems ?? $0.items.count)
      })
  }

  /// The 0/1 column of one option of a multiple-choice question: `id___code`, with a minus sign
  /// written `m` (`services___m9` for code -9) so that the name is valid in R, Stata and SPSS.
  public static func indicatorColumn(_ question: String, code: Int) -> String {
    code < 0 ? "\(question)___m\(-code)" : "\(question)___\(code)"
  }

  /// The codebook as pretty-printed JSON with sorted keys.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self) else { return "{}" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
