import ConfideDiagnostics
import ConfideModel

extension Checker {
  /// Finds conditions that can never hold, items no respondent can reach, and conditions that
  /// always hold. Works on conditions that type-checked, in questionnaire order, so each item's
  /// reach includes the routing of every earlier question it depends on.
  mutating func checkRouting() {
    let model = RoutingModel(survey: survey)
    let universe = { (key: VariableKey) in model.universe(key) }
    var reach: [String: Formula] = [:]

    /// Adds to each term the conditions under which the questions it needs answered were asked.
    func expand(_ f: Formula) -> Formula {
      guard case .terms(let terms) = f else { return .unknown }
      var out = Formula.false
      for term in terms {
        var t = Formula.terms([term])
        for (key, set) in term {
          guard let q = key.question, !set.specials.contains(ValueSet.notAnswered) else { continue }
          let owner = rowOwner[q] ?? q
          if let r = reach[owner] { t = t.and(r, universe) }
        }
        out = out.or(t)
      }
      return out
    }

    for section in survey.sections {
      var sectionFormula = Formula.true
      var sectionDead = false
      if let c = section.condition, wellTyped.contains("section:" + section.id) {
        let f = model.formula(c)
        if !f.isSatisfiable(universe) {
          emit(Catalogue.unsatisfiableCondition(range(c.span), skip: section.skipIf))
          sectionDead = true
        } else {
          if !model.formula(c, negated: true).isSatisfiable(universe) {
            emit(Catalogue.alwaysTrueCondition(range(c.span), skip: section.skipIf))
          }
          sectionFormula = expand(f)
          if !sectionFormula.isSatisfiable(universe) {
            emit(
              Catalogue.unreachable(
                "section '\(section.id)'", range(section.span),
                notes: dependencyNotes(c, model: model)))
            sectionDead = true
          }
        }
      }
      for q in section.questions {
        var own = Formula.true
        var ownOK = true
        if let c = q.condition {
          if wellTyped.contains(q.id) {
            own = model.formula(c)
            if !own.isSatisfiable(universe) {
              emit(Catalogue.unsatisfiableCondition(range(c.span), skip: q.skipIf))
              ownOK = false
            } else if !model.formula(c, negated: true).isSatisfiable(universe) {
              emit(Catalogue.alwaysTrueCondition(range(c.span), skip: q.skipIf))
            }
          } else {
            own = .unknown
          }
        }
        guard ownOK, !sectionDead else {
          reach[q.id] = .false
          continue
        }
        let combined = sectionFormula.and(own, universe)
        let full = expand(combined)
        if !full.isSatisfiable(universe) {
          var notes: [Note] = []
          if !combined.isSatisfiable(universe), let sc = section.condition {
            notes.append(Note("section '\(section.id)' is shown only if this holds", at: sc.span.range))
          }
          if let c = q.condition { notes += dependencyNotes(c, model: model) }
          emit(Catalogue.unreachable("'\(q.id)'", range(q.span), notes: notes))
          reach[q.id] = .false
          continue
        }
        reach[q.id] = full
        for item in q.items {
          guard let c = item.condition, wellTyped.contains(q.id + "." + item.id) else { continue }
          let f = model.formula(c)
          if !f.isSatisfiable(universe) {
            emit(Catalogue.unsatisfiableCondition(range(c.span), skip: item.skipIf))
          } else if !full.and(expand(f), universe).isSatisfiable(universe) {
            emit(Catalogue.unreachable("item '\(item.id)'", range(item.span), notes: dependencyNotes(c, model: model)))
          } else if !model.formula(c, negated: true).isSatisfiable(universe) {
            emit(Catalogue.alwaysTrueCondition(range(c.span), skip: item.skipIf))
          }
        }
      }
    }
  }

  /// Notes naming the earlier questions and experiments a condition depends on.
  func dependencyNotes(_ c: Expression, model: RoutingModel) -> [Note] {
    var names: [String] = []
    func walk(_ e: Expression) {
      switch e {
      case .name(let n, _):
        if (position[n] != nil || survey.experiment(n) != nil) && !names.contains(n) { names.append(n) }
      case .not(let a, _), .negate(let a, _): walk(a)
      case .binary(_, let a, let b, _):
        walk(a)
        walk(b)
      case .membership(let a, _, _, _): walk(a)
      case .call(_, let args, _): if let a = args.first { walk(a) }
      default: break
      }
    }
    walk(c)
    return names.compactMap { n in
      if let e = survey.experiment(n) {
        return Note("'\(n)' assigns one arm to each respondent", at: e.span.range)
      }
      let owner = rowOwner[n] ?? n
      guard let q = variables[owner], let qc = q.condition else { return nil }
      return Note("'\(n)' is asked only if its own condition holds", at: qc.span.range)
    }
  }

  // MARK: - Translations

  /// Every respondent-facing text needs a text in every declared language.
  mutating func checkTranslations() {
    guard survey.languages.count > 1 else { return }
    let others = survey.languages.dropFirst()
    func need(_ text: LocalizedText?, _ what: String, _ fallback: SourceSpan) {
      guard let text, !text.isEmpty else { return }
      let primary = text.spans[survey.primaryLanguage] ?? fallback
      for language in others where text.values[language] == nil {
        emit(Catalogue.missingTranslation(language, of: what, range(primary)))
      }
    }
    need(survey.title, "the survey title", survey.span)
    need(survey.description, "the survey description", survey.span)
    for m in survey.missingCodes { need(m.label, "missing code '\(m.name)'", m.span) }
    for list in survey.lists {
      // Missing codes included by name carry the declared label, checked at its declaration.
      for c in list.choices
      where !(c.isMissing && survey.missingCodes.contains { $0.name == c.name && $0.code == c.code && $0.label == c.label })
      {
        need(c.label, "option '\(c.name)' of '\(list.id)'", c.span)
      }
    }
    for e in survey.experiments {
      for arm in e.arms { need(arm.text, "the text of arm '\(arm.id)'", arm.span) }
    }
    for section in survey.sections {
      need(section.title, "the title of section '\(section.id)'", section.span)
      for q in section.questions {
        need(q.text, "the text of '\(q.id)'", q.span)
        need(q.hint, "the hint of '\(q.id)'", q.span)
        need(q.unit, "the unit of '\(q.id)'", q.span)
        for c in q.constraints { need(c.message, "a validation message of '\(q.id)'", c.span) }
        for item in q.items { need(item.text, "item '\(item.id)'", item.span) }
        for c in q.inlineChoices?.choices ?? [] { need(c.label, "option '\(c.name)' of '\(q.id)'", c.span) }
      }
    }
  }
}
