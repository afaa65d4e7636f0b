import ConfideDiagnostics
import ConfideModel

extension Checker {
  /// Finds conditions that can never hold, items no respondent can reach, and conditions that
  /// always hold. Works on conditions that type-checked, in questionnaire order, so each item's
  /// reach includes the routing of every earlier question it depends on.
  mutating func checkRouting() {
    var model = RoutingModel(survey: survey, items: items, lists: itemLists)
    var reach: [String: Formula] = [:]
    reach.reserveCapacity(items.count)

    /// Adds to each term the conditions under which the questions it needs answered were asked.
    func expand(_ f: Formula) -> Formula {
      guard case .terms(let terms) = f else { return .unknown }
      var out = Formula.false
      for term in terms {
        var t = Formula.terms([term])
        for literal in term {
          guard let q = model.key(literal.variable).question,
            !literal.set.specials.contains(ValueSet.notAnswered)
          else { continue }
          let owner = self.owner(ofRow: q) ?? q
          if let r = reach[owner] { t = t.and(r, model.universes) }
        }
        out = out.or(t)
      }
      return out
    }

    for section in survey.sections {
      var sectionFormula = Formula.true
      var sectionDead = false
      if let c = section.condition, wellTyped.contains("section:" + section.id) {
        let tests = model.condition(c)
        let f = model.formula(tests)
        if !f.isSatisfiable(model.universes) {
          emit(Catalogue.unsatisfiableCondition(range(c.span), skip: section.skipIf))
          sectionDead = true
        } else {
          if !model.formula(tests, negated: true).isSatisfiable(model.universes) {
            emit(Catalogue.alwaysTrueCondition(range(c.span), skip: section.skipIf))
          }
          sectionFormula = expand(f)
          if !sectionFormula.isSatisfiable(model.universes) {
            emit(
              Catalogue.unreachable(
                "section '\(section.id)'", range(section.span),
                notes: dependencyNotes(c, model: model)))
            sectionDead = true
          }
        }
      }
      // Read each question's fields in place rather than copy the question.
      let questions = section.questions
      for i in questions.indices {
        let id = questions[i].id
        let condition = questions[i].condition
        var own = Formula.true
        var ownOK = true
        if let c = condition {
          if wellTyped.contains(id) {
            let tests = model.condition(c)
            own = model.formula(tests)
            if !own.isSatisfiable(model.universes) {
              emit(Catalogue.unsatisfiableCondition(range(c.span), skip: questions[i].skipIf))
              ownOK = false
            } else if !model.formula(tests, negated: true).isSatisfiable(model.universes) {
              emit(Catalogue.alwaysTrueCondition(range(c.span), skip: questions[i].skipIf))
            }
          } else {
            own = .unknown
          }
        }
        guard ownOK, !sectionDead else {
          reach[id] = .false
          continue
        }
        let combined = sectionFormula.and(own, model.universes)
        let full = expand(combined)
        if !full.isSatisfiable(model.universes) {
          var notes: [Note] = []
          if !combined.isSatisfiable(model.universes), let sc = section.condition {
            notes.append(Note("section '\(section.id)' is shown only if this holds", at: sc.span.range))
          }
          if let c = condition { notes += dependencyNotes(c, model: model) }
          emit(Catalogue.unreachable("'\(id)'", range(questions[i].span), notes: notes))
          reach[id] = .false
          continue
        }
        reach[id] = full
        for item in questions[i].items {
          guard let c = item.condition, wellTyped.contains(id + "." + item.id) else { continue }
          let tests = model.condition(c)
          let f = model.formula(tests)
          if !f.isSatisfiable(model.universes) {
            emit(Catalogue.unsatisfiableCondition(range(c.span), skip: item.skipIf))
          } else if !full.and(expand(f), model.universes).isSatisfiable(model.universes) {
            emit(Catalogue.unreachable("item '\(item.id)'", range(item.span), notes: dependencyNotes(c, model: model)))
          } else if !model.formula(tests, negated: true).isSatisfiable(model.universes) {
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
      let owner = self.owner(ofRow: n) ?? n
      guard let i = variables[owner], let qc = question(i).condition else { return nil }
      return Note("'\(n)' is asked only if its own condition holds", at: qc.span.range)
    }
  }

  // MARK: - Translations

  /// Every respondent-facing text needs a text in every declared language.
  mutating func checkTranslations() {
    guard survey.languages.count > 1 else { return }
    let others = survey.languages.dropFirst()
    // `what` is only built when a translation is missing: most texts have them all.
    func need(_ text: LocalizedText?, _ what: @autoclosure () -> String, _ fallback: SourceSpan) {
      guard let text, !text.isEmpty else { return }
      for language in others where text.values[language] == nil {
        let primary = text.spans[survey.primaryLanguage] ?? fallback
        emit(Catalogue.missingTranslation(language, of: what(), range(primary)))
      }
    }
    need(survey.title, "the survey title", survey.span)
    need(survey.description, "the survey description", survey.span)
    for m in survey.missingCodes { need(m.label, "missing code '\(m.name)'", m.span) }
    for list in survey.lists {
      // Missing codes included by name carry the declared label, checked at its declaration.
      for c in list.choices
      where
        !(c.isMissing && survey.missingCodes.contains { $0.name == c.name && $0.code == c.code && $0.label == c.label })
      {
        need(c.label, "option '\(c.name)' of '\(list.id)'", c.span)
      }
    }
    for e in survey.experiments {
      for arm in e.arms { need(arm.text, "the text of arm '\(arm.id)'", arm.span) }
    }
    for section in survey.sections {
      need(section.title, "the title of section '\(section.id)'", section.span)
      // Read each question's fields in place rather than copy the question.
      let questions = section.questions
      for i in questions.indices {
        let id = questions[i].id
        let span = questions[i].span
        need(questions[i].text, "the text of '\(id)'", span)
        need(questions[i].hint, "the hint of '\(id)'", span)
        need(questions[i].unit, "the unit of '\(id)'", span)
        for c in questions[i].constraints { need(c.message, "a validation message of '\(id)'", c.span) }
        for item in questions[i].items { need(item.text, "item '\(item.id)'", item.span) }
        for c in questions[i].inlineChoices?.choices ?? [] {
          need(c.label, "option '\(c.name)' of '\(id)'", c.span)
        }
      }
    }
  }
}
