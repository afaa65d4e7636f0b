import ConfideModel
import Foundation
import Testing

@testable import ConfideAuthoring

/// Facts about the codebook that must hold for any survey, checked on the shipped surveys and
/// on a fixture with every storage kind.
@Suite struct CodebookTests {
  static let surveys = ["nhs-data-trust.survey", "clinic-feedback.survey"]

  static func expectedType(_ type: QuestionType) -> (type: String, storage: String) {
    switch type {
    case .single: ("single", "integer")
    case .multiple: ("multiple", "indicators")
    case .rating: ("rating", "integer")
    case .yesNo: ("yesno", "integer")
    case .integer: ("integer", "integer")
    case .decimal: ("decimal", "real")
    case .date: ("date", "date")
    case .text: ("text", "text")
    case .count: ("count", "integer")
    case .matrix: ("matrix_item", "integer")
    case .note, .vignette: ("", "")
    }
  }

  /// Every answer-collecting question and every matrix item is a variable with the right type,
  /// storage and columns; notes, vignettes and matrices themselves are not.
  @Test(arguments: surveys + ["codebook/storage.survey"])
  func everyAnswerIsAVariable(_ name: String) throws {
    let survey = name.contains("/") ? try Fixtures.fixture(name) : try Fixtures.shipped(name)
    let codebook = Codebook(survey)
    let byName = Dictionary(codebook.variables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    #expect(byName.count == codebook.variables.count, "variable names are unique")
    var expectedNames = survey.experiments.map(\.id)
    for section in survey.sections {
      for q in section.questions {
        let (type, storage) = Self.expectedType(q.type)
        let list = survey.choices(for: q)
        switch q.type {
        case .note:
          #expect(byName[q.id] == nil, "\(q.id) collects no answer")
        case .vignette(let experiment):
          // `present framing` adds nothing: the arm variable is the experiment's.
          #expect(byName[experiment]?.type == "arm")
        case .matrix:
          #expect(byName[q.id] == nil, "the matrix \(q.id) is not itself a variable")
          for row in q.items {
            expectedNames.append(row.id)
            let v = try #require(byName[row.id], "matrix item \(row.id)")
            #expect(v.type == type && v.storage == storage && v.columns == [row.id] && v.matrix == q.id)
            #expect(v.section == section.id)
            #expect(v.values.map(\.code) == list?.choices.map(\.code))
          }
        case .multiple:
          expectedNames.append(q.id)
          let v = try #require(byName[q.id])
          #expect(v.type == type && v.storage == storage)
          let codes = try #require(list).choices.map(\.code)
          #expect(v.columns == codes.map { "\(q.id)___\($0 < 0 ? "m\(-$0)" : "\($0)")" })
          #expect(v.columns.allSatisfy { !$0.contains("-") }, "no minus sign in a column name: \(v.columns)")
        default:
          expectedNames.append(q.id)
          let v = try #require(byName[q.id])
          #expect(v.type == type, "\(q.id)")
          #expect(v.storage == storage, "\(q.id)")
          #expect(v.columns == [q.id])
          #expect(v.section == section.id)
          #expect(v.label == q.label)
          #expect(v.required == q.isRequired)
        }
      }
    }
    #expect(codebook.variables.map(\.name) == expectedNames, "variables in questionnaire order, arms first")
  }

  /// Missing codes are flagged on the values and listed per variable, for lists and for
  /// questions without a list.
  @Test(arguments: surveys + ["codebook/storage.survey"])
  func missingCodesAreFlagged(_ name: String) throws {
    let survey = name.contains("/") ? try Fixtures.fixture(name) : try Fixtures.shipped(name)
    let codebook = Codebook(survey)
    let declared = Set(survey.missingCodes.map(\.code))
    #expect(Set(codebook.missingCodes.map(\.code)) == declared)
    #expect(codebook.missingCodes.allSatisfy { $0.missing })
    for v in codebook.variables {
      for value in v.values where v.type != "arm" {
        #expect(value.missing == declared.contains(value.code), "\(v.name) code \(value.code)")
      }
      if !v.values.isEmpty {
        #expect(v.missingCodes == v.values.filter(\.missing).map(\.code), "\(v.name)")
      }
    }
  }

  @Test func missingCodesOfQuestionsWithoutAList() throws {
    let codebook = Codebook(try Fixtures.fixture("codebook/storage.survey"))
    let v = { (name: String) in codebook.variables.first { $0.name == name } }
    #expect(v("age")?.missingCodes == [-9])
    #expect(v("age")?.values == [])
    #expect(v("visit_date")?.missingCodes == [-8])
    #expect(v("height")?.missingCodes == [])
    #expect(v("which")?.missingCodes == [-8, -9])
    #expect(v("which")?.columns == ["which___1", "which___2", "which___m8", "which___m9"])
  }

  @Test func storageKinds() throws {
    let codebook = Codebook(try Fixtures.fixture("codebook/storage.survey"))
    let v = { (name: String) in try #require(codebook.variables.first { $0.name == name }) }
    #expect(try v("age").range == Codebook.NumericRange(min: 16, max: 120))
    #expect(try v("age").unit == ["en": "years"])
    #expect(try v("height").storage == "real")
    #expect(try v("height").range == Codebook.NumericRange(min: 0.5, max: 2.5))
    #expect(try v("visit_date").storage == "date")
    #expect(try v("why").roles == ["free_text"], "text questions default to the free_text role")
    #expect(try v("why").possiblyIdentifying)
    #expect(try v("ballot").type == "arm" && v("ballot").storage == "text")
    #expect(try v("ballot").values.map(\.name) == ["a", "b", "c"])
  }

  @Test func indicatorColumnNames() {
    #expect(Codebook.indicatorColumn("services", code: 3) == "services___3")
    #expect(Codebook.indicatorColumn("services", code: 0) == "services___0")
    #expect(Codebook.indicatorColumn("services", code: -9) == "services___m9")
    #expect(Codebook.indicatorColumn("services", code: -10) == "services___m10")
  }

  @Test func routingInWords() throws {
    let nhs = Codebook(try Fixtures.shipped("nhs-data-trust.survey"))
    let avoided = try #require(nhs.variables.first { $0.name == "services_avoided" })
    #expect(
      avoided.routing == Codebook.Routing(condition: "delayed_care = yes", words: "delayed or avoided care = Yes"))
    #expect(nhs.text().contains("  asked if: delayed or avoided care = Yes\n"))
    let delayed = try #require(nhs.variables.first { $0.name == "delayed_care" })
    #expect(delayed.routing == nil, "always asked")

    let clinic = Codebook(try Fixtures.shipped("clinic-feedback.survey"))
    let words = Dictionary(clinic.variables.map { ($0.name, $0.routing?.words) }, uniquingKeysWith: { a, _ in a })
    #expect(words["days_booked"] == "how the visit was booked is one of: I booked by phone, I booked online")
    #expect(words["worried_gp_record"] == "other sexual health services used includes My GP practice")
    #expect(words["why_here"] == "the number of options chosen for other sexual health services used ≥ 2")
    #expect(words["may_quote"] == "comment was answered")
    // A section's condition is part of the routing of every question in it.
    #expect(words["comfortable_asking"] == "assigned to arm ‘opt_out’ of gp_sharing and registered with a GP = Yes")
  }

  @Test func armRestrictions() throws {
    let clinic = Codebook(try Fixtures.shipped("clinic-feedback.survey"))
    let arms = Dictionary(clinic.variables.map { ($0.name, $0.arms) }, uniquingKeysWith: { a, _ in a })
    #expect(arms["share_opt_in"] == [.init(experiment: "gp_sharing", arms: ["opt_in"])])
    #expect(arms["share_opt_out"] == [.init(experiment: "gp_sharing", arms: ["opt_out"])])
    #expect(arms["comfortable_asking"] == [.init(experiment: "gp_sharing", arms: ["opt_out"])], "from the section")
    #expect(arms["booking"] == [])
    #expect(arms["why_separate"] == [], "depends on answers, not on arms")

    let fixture = Codebook(try Fixtures.fixture("codebook/storage.survey"))
    let f = Dictionary(fixture.variables.map { ($0.name, $0.arms.first?.arms) }, uniquingKeysWith: { a, _ in a })
    #expect(f["in_ab"] == ["a", "b"])
    #expect(f["not_c"] == ["a", "b"])
    #expect(f["skip_b"] == ["a", "c"])
    #expect(f["mixed"] == ["a", "b", "c"], "an 'or' with an answer can reach every arm")
    #expect(f["a_followup"] == ["a"])
    #expect(f["used"] == .some(nil))
  }

  @Test func listExperimentCountRanges() throws {
    let nhs = Codebook(try Fixtures.shipped("nhs-data-trust.survey"))
    let count = try #require(nhs.variables.first { $0.name == "list_count" })
    #expect(count.type == "count" && count.storage == "integer")
    #expect(count.countRange == [.init(arm: "control", max: 4), .init(arm: "treatment", max: 5)])
    #expect(count.arms == [], "everyone is asked the count; only a statement depends on the arm")
    #expect(nhs.text().contains("  count: 0–4 in control; 0–5 in treatment\n"))
  }

  @Test func experimentsAndConstructs() throws {
    let clinic = Codebook(try Fixtures.shipped("clinic-feedback.survey"))
    let e = try #require(clinic.experiments.first)
    #expect(e.id == "gp_sharing" && e.kind == "split")
    #expect(e.arms.map(\.id) == ["opt_in", "opt_out"])
    #expect(e.arms.map(\.control) == [true, false])
    #expect(e.arms.map(\.ratio) == [1, 2])
    #expect(abs(e.arms[0].probability - 1.0 / 3) < 1e-9 && abs(e.arms[1].probability - 2.0 / 3) < 1e-9)

    let nhs = Codebook(try Fixtures.shipped("nhs-data-trust.survey"))
    let c = try #require(nhs.constructs.first)
    #expect(c.id == "privacy_concern" && c.scoring == "mean" && c.minimumItems == 4)
    #expect(c.reversed == ["trust_confidential"])
    #expect(c.items.count == 5)
    let item = try #require(nhs.variables.first { $0.name == "trust_confidential" })
    #expect(item.reverse && item.constructs == ["privacy_concern"] && item.matrix == "trust")
    #expect(item.roles == ["exposure"])
    let clinicConstruct = try #require(clinic.constructs.first)
    #expect(clinicConstruct.minimumItems == 4 && clinicConstruct.scoring == "sum" && clinicConstruct.reversed == [])
  }

  @Test(arguments: surveys + ["codebook/storage.survey"])
  func jsonRoundTrip(_ name: String) throws {
    let survey = name.contains("/") ? try Fixtures.fixture(name) : try Fixtures.shipped(name)
    let codebook = Codebook(survey)
    let json = codebook.json()
    let decoded = try JSONDecoder().decode(Codebook.self, from: Data(json.utf8))
    #expect(decoded == codebook)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["schema"] as? String == "confide.codebook/1")
    #expect(Codebook.schema == "confide.codebook/1")
    #expect(Set(object.keys) == ["schema", "survey", "missingCodes", "experiments", "variables", "constructs"])
    #expect(json.hasSuffix("}\n"))
  }

  /// The documented field names (docs/codebook-json.md) are the ones written.
  @Test func jsonFieldNames() throws {
    let json = Codebook(try Fixtures.shipped("nhs-data-trust.survey")).json()
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let variables = try #require(object["variables"] as? [[String: Any]])
    let always: Set<String> = [
      "name", "text", "section", "type", "storage", "columns", "values", "missingCodes", "required", "roles",
      "reverse", "possiblyIdentifying", "arms", "constructs", "validation", "shuffled",
    ]
    let optional: Set<String> = ["label", "matrix", "range", "unit", "countRange", "routing"]
    for v in variables {
      let keys = Set(v.keys)
      #expect(always.isSubset(of: keys), "\(v["name"] ?? "?") lacks \(always.subtracting(keys))")
      #expect(
        keys.subtracting(always).isSubset(of: optional),
        "\(v["name"] ?? "?") has \(keys.subtracting(always).subtracting(optional))")
    }
    let survey = try #require(object["survey"] as? [String: Any])
    #expect(Set(survey.keys) == ["id", "title", "version", "languages"])
  }

  /// The example in docs/codebook-json.md is an excerpt of the real output: every part of it
  /// appears, unchanged, in the codebook of the shipped survey.
  @Test func documentedExampleIsReal() throws {
    let doc = try String(
      contentsOf: Fixtures.repository.appendingPathComponent("docs/codebook-json.md"), encoding: .utf8)
    let start = try #require(doc.range(of: "```json\n"))
    let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
    let example = try JSONDecoder().decode(Codebook.self, from: Data(doc[start.upperBound..<end.lowerBound].utf8))
    let real = Codebook(try Fixtures.shipped("nhs-data-trust.survey"))
    #expect(example.schema == real.schema)
    #expect(example.survey == real.survey)
    #expect(example.constructs == real.constructs)
    for m in example.missingCodes { #expect(real.missingCodes.contains(m), "\(m.name)") }
    for e in example.experiments { #expect(real.experiments.contains(e), "\(e.id)") }
    for v in example.variables { #expect(real.variables.contains(v), "\(v.name)") }
    #expect(doc.contains("three of its \(real.variables.count) variables"))
  }

  @Test func textInAnotherLanguage() throws {
    let nhs = Codebook(try Fixtures.shipped("nhs-data-trust.survey"))
    let cy = nhs.text(language: "cy")
    #expect(cy.hasPrefix("Codebook: Eich cofnodion iechyd a'ch gofal (nhs_data_trust, version 2026.1)\n"))
    #expect(cy.contains("    -9  Mae'n well gen i beidio â dweud  (missing)\n"))
  }

  /// Text output stays within its width, apart from single words longer than a line.
  @Test(arguments: surveys)
  func textIsWrapped(_ name: String) throws {
    let text = Codebook(try Fixtures.shipped(name)).text(width: 88)
    let long = text.split(separator: "\n").filter { $0.count > 88 && $0.contains(" ") }
    #expect(long.isEmpty, "\(long)")
  }
}
