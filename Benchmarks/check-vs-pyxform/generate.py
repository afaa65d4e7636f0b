#!/usr/bin/env python3
"""Generate the check-vs-pyxform benchmark inputs.

Writes, from one seeded random model, the same questionnaire twice:

  bench.survey  Confide syntax, checked by `confide check`
  bench.xlsx    the equivalent XLSForm (survey, choices and settings sheets),
                converted by ODK's pyxform (`xls2xform`)
  bench.json    a summary of what was generated (counts by type, routing, ...)

Both files hold the same questions in the same order, the same choice lists and
scales (with the same codes, including the missing-value codes -8 and -9), the
same English and Welsh texts, hints and validation messages, the same sections
(XLSForm groups) and the same routing (`show if` / `relevant`). Routing only
refers to earlier questions and is built from one "trigger" per source
question, so every condition, and every combination of them, can be met: the
survey is valid, and `confide check` must accept it with no diagnostics.

Usage: generate.py [--out DIR] [--questions N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys

EN = "English (en)"
CY = "Cymraeg (cy)"

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------

MISSING = [(-8, "dont_know", "Don't know", "Ddim yn gwybod"),
           (-9, "prefer_not", "Prefer not to say", "Mae'n well gen i beidio â dweud")]

YES_NO = ("yes_no", [(1, "yes", "Yes", "Ie"), (0, "no", "No", "Na")], ["dont_know", "prefer_not"])

SCALES = [
    ("agreement", [(1, "strongly_disagree", "Strongly disagree", "Anghytuno'n gryf"),
                   (2, "disagree", "Disagree", "Anghytuno"),
                   (3, "neither", "Neither agree nor disagree", "Ddim yn cytuno nac yn anghytuno"),
                   (4, "agree", "Agree", "Cytuno"),
                   (5, "strongly_agree", "Strongly agree", "Cytuno'n gryf")], ["dont_know"]),
    ("frequency", [(1, "never", "Never", "Byth"),
                   (2, "rarely", "Rarely", "Anaml"),
                   (3, "sometimes", "Sometimes", "Weithiau"),
                   (4, "often", "Often", "Yn aml"),
                   (5, "always", "Always", "Bob amser")], ["dont_know"]),
    ("satisfaction", [(1, "very_dissatisfied", "Very dissatisfied", "Anfodlon iawn"),
                      (2, "dissatisfied", "Dissatisfied", "Anfodlon"),
                      (3, "neutral", "Neither satisfied nor dissatisfied", "Ddim yn fodlon nac yn anfodlon"),
                      (4, "satisfied", "Satisfied", "Bodlon"),
                      (5, "very_satisfied", "Very satisfied", "Bodlon iawn")], ["dont_know"]),
    ("likelihood", [(1, "very_unlikely", "Very unlikely", "Annhebygol iawn"),
                    (2, "fairly_unlikely", "Fairly unlikely", "Eithaf annhebygol"),
                    (3, "neither", "Neither likely nor unlikely", "Ddim yn debygol nac yn annhebygol"),
                    (4, "fairly_likely", "Fairly likely", "Eithaf tebygol"),
                    (5, "very_likely", "Very likely", "Tebygol iawn")], ["dont_know"]),
]

THEMED_LISTS = [
    ("transport", [("car", "Car", "Car"), ("bus", "Bus", "Bws"), ("train", "Train", "Trên"),
                   ("bicycle", "Bicycle", "Beic"), ("walking", "Walking", "Cerdded"),
                   ("taxi", "Taxi", "Tacsi"), ("other_transport", "Another way", "Ffordd arall")]),
    ("weekdays", [("monday", "Monday", "Dydd Llun"), ("tuesday", "Tuesday", "Dydd Mawrth"),
                  ("wednesday", "Wednesday", "Dydd Mercher"), ("thursday", "Thursday", "Dydd Iau"),
                  ("friday", "Friday", "Dydd Gwener"), ("saturday", "Saturday", "Dydd Sadwrn"),
                  ("sunday", "Sunday", "Dydd Sul")]),
    ("months", [("january", "January", "Ionawr"), ("february", "February", "Chwefror"),
                ("march", "March", "Mawrth"), ("april", "April", "Ebrill"), ("may", "May", "Mai"),
                ("june", "June", "Mehefin"), ("july", "July", "Gorffennaf"),
                ("august", "August", "Awst"), ("september", "September", "Medi"),
                ("october", "October", "Hydref"), ("november", "November", "Tachwedd"),
                ("december", "December", "Rhagfyr")]),
    ("colours", [("red", "Red", "Coch"), ("blue", "Blue", "Glas"), ("green", "Green", "Gwyrdd"),
                 ("yellow", "Yellow", "Melyn"), ("black", "Black", "Du"), ("white", "White", "Gwyn")]),
    ("housing", [("owned", "Owned outright", "Yn berchen arno'n llwyr"),
                 ("mortgage", "Owned with a mortgage", "Yn berchen arno gyda morgais"),
                 ("private_rent", "Rented privately", "Rhentu'n breifat"),
                 ("social_rent", "Rented from a council or housing association",
                  "Rhentu gan gyngor neu gymdeithas dai"),
                 ("rent_free", "Living rent free", "Byw heb dalu rhent")]),
    ("employment", [("employee", "Employee", "Cyflogai"), ("self_employed", "Self-employed", "Hunangyflogedig"),
                    ("unemployed", "Unemployed", "Di-waith"), ("student", "Student", "Myfyriwr"),
                    ("retired", "Retired", "Wedi ymddeol"), ("carer", "Looking after home or family",
                                                              "Gofalu am y cartref neu'r teulu")]),
    ("regions", [("north_east", "North East", "Gogledd-ddwyrain Lloegr"),
                 ("north_west", "North West", "Gogledd-orllewin Lloegr"),
                 ("yorkshire", "Yorkshire and the Humber", "Swydd Efrog a'r Humber"),
                 ("east_midlands", "East Midlands", "Dwyrain Canolbarth Lloegr"),
                 ("west_midlands", "West Midlands", "Gorllewin Canolbarth Lloegr"),
                 ("east_of_england", "East of England", "Dwyrain Lloegr"),
                 ("london", "London", "Llundain"), ("south_east", "South East", "De-ddwyrain Lloegr"),
                 ("south_west", "South West", "De-orllewin Lloegr"), ("wales", "Wales", "Cymru"),
                 ("scotland", "Scotland", "Yr Alban"),
                 ("northern_ireland", "Northern Ireland", "Gogledd Iwerddon")]),
    ("services", [("gp", "GP surgery", "Meddygfa"), ("hospital", "Hospital", "Ysbyty"),
                  ("pharmacy", "Pharmacy", "Fferyllfa"), ("dentist", "Dentist", "Deintydd"),
                  ("optician", "Optician", "Optegydd"),
                  ("mental_health", "Mental health services", "Gwasanaethau iechyd meddwl"),
                  ("other_service", "Another service", "Gwasanaeth arall")]),
]

# (English, Welsh) topics and phrasings for question texts.
TOPICS = [
    ("your local area", "eich ardal leol"), ("your household", "eich cartref"),
    ("your health", "eich iechyd"), ("your work", "eich gwaith"),
    ("public transport", "trafnidiaeth gyhoeddus"), ("your neighbours", "eich cymdogion"),
    ("local services", "gwasanaethau lleol"), ("your finances", "eich arian"),
    ("the internet", "y rhyngrwyd"), ("your family", "eich teulu"),
    ("the news", "y newyddion"), ("your free time", "eich amser hamdden"),
    ("your school or college", "eich ysgol neu goleg"), ("the environment", "yr amgylchedd"),
    ("your GP surgery", "eich meddygfa"), ("shopping", "siopa"),
]

STEMS = {
    "single": ("Which of these best describes {t}?", "Pa un o'r rhain sy'n disgrifio {t} orau?"),
    "multiple": ("Which of these apply to {t}? Choose all that apply.",
                 "Pa rai o'r rhain sy'n berthnasol i {t}? Dewiswch bob un sy'n berthnasol."),
    "yesno": ("In the past 12 months, have you changed anything about {t}?",
              "Yn ystod y 12 mis diwethaf, ydych chi wedi newid unrhyw beth am {t}?"),
    "rating": ("Thinking about {t}, how would you answer?",
               "Gan feddwl am {t}, sut fyddech chi'n ateb?"),
    "integer": ("How many times in the past month did something about {t} affect you?",
                "Sawl gwaith yn ystod y mis diwethaf wnaeth rhywbeth am {t} effeithio arnoch chi?"),
    "decimal": ("How many hours a week, on average, do you spend on {t}?",
                "Sawl awr yr wythnos, ar gyfartaledd, ydych chi'n ei dreulio ar {t}?"),
    "text": ("Is there anything else you would like to tell us about {t}?",
             "A oes unrhyw beth arall yr hoffech ei ddweud wrthym am {t}?"),
    "date": ("When did you last do something about {t}?",
             "Pryd wnaethoch chi rywbeth am {t} ddiwethaf?"),
}

HINTS = [("Choose the answer that fits best.", "Dewiswch yr ateb sy'n gweddu orau."),
         ("Think about the last 12 months.", "Meddyliwch am y 12 mis diwethaf."),
         ("There are no right or wrong answers.", "Does dim atebion cywir nac anghywir."),
         ("If you are not sure, give your best guess.", "Os nad ydych chi'n siŵr, rhowch eich amcangyfrif gorau.")]

TYPE_WEIGHTS = [("single", 30), ("yesno", 15), ("rating", 20), ("multiple", 7),
                ("integer", 15), ("decimal", 3), ("text", 6), ("date", 4)]


# --------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------

class ChoiceList:
    def __init__(self, ident, kind, options, missing):
        self.id = ident          # list id (same in both formats)
        self.kind = kind         # "choices" or "scale"
        self.options = options   # [(code, name, en, cy)]
        self.missing = missing   # names of top-level missing codes the list offers

    def by_code(self, code):
        return next(o for o in self.options if o[0] == code)


class Question:
    def __init__(self, n, qtype, lst):
        self.id = f"q{n:04d}"
        self.n = n
        self.type = qtype
        self.list = lst
        self.text = ("", "")
        self.hint = None
        self.required = False
        self.shuffle = False
        self.range = None         # (lo, hi) for integer/decimal
        self.valid = None         # (confide_expr, xlsform_expr, (en, cy))
        self.condition = None     # (confide_expr, xlsform_expr)
        self.negated = False      # skip if
        self.trigger = None       # how later routing refers to this question


def build(n_questions: int, seed: int, section_routing: float = 0.0):
    rng = random.Random(seed)

    yes_no = ChoiceList(YES_NO[0], "choices", YES_NO[1], YES_NO[2])
    scales = [ChoiceList(i, "scale", opts, miss) for i, opts, miss in SCALES]
    lists = []
    for ident, opts in THEMED_LISTS:
        lists.append(ChoiceList(ident, "choices",
                                [(k + 1, nm, en, cy) for k, (nm, en, cy) in enumerate(opts)],
                                ["prefer_not"] if rng.random() < 0.5 else []))
    for k in range(1, 13):
        size = rng.randint(3, 10)
        lists.append(ChoiceList(f"list_{k:02d}", "choices",
                                [(c, f"l{k:02d}_option_{c}", f"Option {c} of list {k}",
                                  f"Opsiwn {c} o restr {k}") for c in range(1, size + 1)],
                                ["dont_know"] if k % 3 == 0 else []))

    types = [t for t, _ in TYPE_WEIGHTS]
    weights = [w for _, w in TYPE_WEIGHTS]
    questions = []
    for n in range(1, n_questions + 1):
        qtype = rng.choices(types, weights)[0]
        # Every list and scale is used at least once (Confide warns about unused lists).
        if n <= len(lists):
            qtype = "single"
        elif n <= len(lists) + len(scales):
            qtype = "rating"
        elif n == len(lists) + len(scales) + 1:
            qtype = "yesno"
        lst = None
        if qtype in ("single", "multiple"):
            lst = lists[n - 1] if n <= len(lists) else rng.choice(lists)
        elif qtype == "rating":
            lst = scales[n - len(lists) - 1] if n <= len(lists) + len(scales) else rng.choice(scales)
        elif qtype == "yesno":
            lst = yes_no
        q = Question(n, qtype, lst)
        topic = rng.choice(TOPICS)
        en, cy = STEMS[qtype]
        q.text = (f"{n}. " + en.format(t=topic[0]), f"{n}. " + cy.format(t=topic[1]))
        if rng.random() < 0.2:
            q.hint = rng.choice(HINTS)
        q.required = rng.random() < 0.5
        if qtype in ("single", "multiple") and rng.random() < 0.05:
            q.shuffle = True
        if qtype == "integer":
            r = rng.random()
            lo, hi = rng.choice([(0, 100), (0, 1000), (1, 50), (16, 120), (0, 24)])
            q.bounds = (lo, hi)
            if r < 0.4:
                q.range = (lo, hi)
            elif r < 0.7:
                q.range = (lo, hi)
                cap = rng.randint(lo + (hi - lo) // 2, hi)
                q.valid = (f"value <= {cap}", f". <= {cap}",
                           (f"Please enter a number no larger than {cap}.",
                            f"Rhowch rif nad yw'n fwy na {cap}."))
            elif r < 0.85:
                q.valid = (f"value >= {lo} and value <= {hi}", f". >= {lo} and . <= {hi}",
                           (f"Please enter a number from {lo} to {hi}.",
                            f"Rhowch rif o {lo} i {hi}."))
        if qtype == "decimal" and rng.random() < 0.6:
            q.range = (0, 168)
        # Piping an earlier answer into the text.
        if n > 50 and rng.random() < 0.03:
            earlier = rng.choice([p for p in questions[-50:] if p.type != "multiple"])
            q.text = (q.text[0] + f" (Earlier you answered {{{earlier.id}}}.)",
                      q.text[1] + f" (Yn gynharach, fe wnaethoch chi ateb {{{earlier.id}}}.)")
        q.piped = q.text[0].count("{")
        questions.append(q)

    # Triggers: the one value set each source question is tested against. Every reference
    # to a question uses a predicate that contains its trigger, so any conjunction of
    # references is satisfiable and no question becomes unreachable.
    for q in questions:
        if q.type == "single":
            t = rng.choice(q.list.options)
            others = [o for o in q.list.options if o is not t]
            q.trigger = ("single", t, rng.choice(others))
        elif q.type == "yesno":
            q.trigger = ("yesno", q.list.by_code(1))
        elif q.type == "rating":
            q.trigger = ("rating", q.list.by_code(4), q.list.by_code(5))
        elif q.type == "multiple":
            q.trigger = ("multiple", rng.choice(q.list.options))
        elif q.type in ("integer", "decimal"):
            lo, hi = getattr(q, "bounds", None) or q.range or (0, 100)
            q.trigger = ("number", lo + max(1, (hi - lo) // 4))
        elif q.type == "text":
            q.trigger = ("text",)

    def atom(src: Question):
        """A (confide, xlsform) predicate on `src` that holds when `src` takes its trigger."""
        kind = src.trigger[0]
        v = src.id
        if kind == "single":
            _, t, t2 = src.trigger
            if rng.random() < 0.75:
                return f"{v} = {t[1]}", f"${{{v}}} = '{t[0]}'"
            return (f"{v} in {{{t[1]}, {t2[1]}}}",
                    f"(${{{v}}} = '{t[0]}' or ${{{v}}} = '{t2[0]}')")
        if kind == "yesno":
            return f"{v} = yes", f"${{{v}}} = '1'"
        if kind == "rating":
            _, four, five = src.trigger
            if rng.random() < 0.6:
                return f"{v} >= {four[1]}", f"${{{v}}} >= 4"
            return f"{v} = {five[1]}", f"${{{v}}} = '5'"
        if kind == "multiple":
            if rng.random() < 0.7:
                o = src.trigger[1]
                return f"selected({v}, {o[1]})", f"selected(${{{v}}}, '{o[0]}')"
            return f"count({v}) >= 2", f"count-selected(${{{v}}}) >= 2"
        if kind == "number":
            t = src.trigger[1]
            if rng.random() < 0.5:
                return f"{v} > {t}", f"${{{v}}} > {t}"
            return f"{v} >= {t}", f"${{{v}}} >= {t}"
        if kind == "text":
            return f"answered({v})", f"${{{v}}} != ''"
        raise AssertionError(kind)

    def pick_sources(i: int, k: int):
        pool = [p for p in questions[:i] if p.trigger and not p.negated]
        out = []
        while len(out) < k and len(out) < len(pool):
            if rng.random() < 0.8:   # mostly nearby, sometimes far back
                cand = rng.choice(pool[-60:])
            else:
                cand = rng.choice(pool)
            if cand not in out:
                out.append(cand)
        return out

    routed = 0
    for i, q in enumerate(questions):
        if i < 5 or rng.random() >= 0.40:
            continue
        r = rng.random()
        if r < 0.55:
            srcs = pick_sources(i, 1)
            conf, xls = atom(srcs[0])
        elif r < 0.80:
            a, b = (atom(s) for s in pick_sources(i, 2))
            conf, xls = f"{a[0]} and {b[0]}", f"{a[1]} and {b[1]}"
        elif r < 0.92:
            a, b = (atom(s) for s in pick_sources(i, 2))
            conf, xls = f"{a[0]} or {b[0]}", f"{a[1]} or {b[1]}"
        else:
            a, b, c = (atom(s) for s in pick_sources(i, 3))
            conf = f"({a[0]} or {b[0]}) and {c[0]}"
            xls = f"({a[1]} or {b[1]}) and {c[1]}"
        # A few questions are skipped rather than shown; they are never used as sources
        # afterwards (their negated routing could contradict a later conjunction).
        if rng.random() < 0.05:
            q.negated = True
            q.trigger = None
            xls = f"not({xls})"
        q.condition = (conf, xls)
        routed += 1

    # Sections of 40 to 60 questions; a few are shown only to some respondents.
    sections = []
    i = 0
    k = 0
    while i < len(questions):
        k += 1
        size = rng.randint(40, 60)
        body = questions[i:i + size]
        topic = rng.choice(TOPICS)
        cond = None
        if i > 0 and rng.random() < section_routing:
            src = pick_sources(i, 1)[0]
            cond = atom(src)
        sections.append({"id": f"part_{k:02d}",
                         "title": (f"Part {k}: {topic[0]}", f"Rhan {k}: {topic[1]}"),
                         "condition": cond, "questions": body})
        i += size

    return {"yes_no": yes_no, "scales": scales, "lists": lists, "questions": questions,
            "sections": sections, "routed": routed}


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------

def quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_survey(model, path):
    out = []
    w = out.append
    w("# Generated by Benchmarks/check-vs-pyxform/generate.py: do not edit.")
    w("survey bench")
    w('  title "Benchmark survey"')
    w('    cy "Arolwg meincnodi"')
    w('  version "2026.1"')
    w("  languages en cy")
    w("")
    for code, name, en, cy in MISSING:
        w(f"missing {code} {name} {quote(en)}")
        w(f"  cy {quote(cy)}")
    w("")
    for lst in [model["yes_no"], *model["scales"], *model["lists"]]:
        w(f"{lst.kind} {lst.id}")
        for code, name, en, cy in lst.options:
            w(f"  {code} {name} {quote(en)}")
            w(f"    cy {quote(cy)}")
        for m in lst.missing:
            w(f"  missing {m}")
        w("")
    for s in model["sections"]:
        w(f"section {s['id']} {quote(s['title'][0])}")
        w(f"  cy {quote(s['title'][1])}")
        if s["condition"]:
            w(f"  show if {s['condition'][0]}")
        w("")
        for q in s["questions"]:
            head = f"  question {q.id} {q.type}"
            if q.list is not None:
                head += f" {q.list.id}"
            w(head)
            w(f"    {quote(q.text[0])}")
            w(f"      cy {quote(q.text[1])}")
            if q.hint:
                w(f"    hint {quote(q.hint[0])}")
                w(f"      cy {quote(q.hint[1])}")
            if q.required:
                w("    required")
            if q.shuffle:
                w("    shuffle")
            if q.range:
                w(f"    range {q.range[0]}..{q.range[1]}")
            if q.valid:
                w(f"    valid if {q.valid[0]} {quote(q.valid[2][0])}")
                w(f"      cy {quote(q.valid[2][1])}")
            if q.condition:
                w(f"    {'skip' if q.negated else 'show'} if {q.condition[0]}")
            w("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def xls_text(s: str) -> str:
    """Confide piping `{q0001}` is XLSForm's `${q0001}`."""
    out = []
    i = 0
    while i < len(s):
        if s[i] == "{" and s.find("}", i) > i:
            j = s.find("}", i)
            out.append("${" + s[i + 1:j] + "}")
            i = j + 1
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def write_xlsform(model, path):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    survey = wb.create_sheet("survey")
    cols = ["type", "name", f"label::{EN}", f"label::{CY}", f"hint::{EN}", f"hint::{CY}",
            "required", "relevant", "constraint", f"constraint_message::{EN}",
            f"constraint_message::{CY}", "parameters"]
    survey.append(cols)

    def row(**kw):
        survey.append([kw.get(c.split("::")[0] + ("_cy" if c.endswith(CY) else ""), None)
                       for c in cols])

    xtype = {"single": "select_one", "yesno": "select_one", "rating": "select_one",
             "multiple": "select_multiple", "integer": "integer", "decimal": "decimal",
             "text": "text", "date": "date"}
    for s in model["sections"]:
        row(type="begin group", name=s["id"], label=s["title"][0], label_cy=s["title"][1],
            relevant=s["condition"][1] if s["condition"] else None)
        for q in s["questions"]:
            t = xtype[q.type] + (f" {q.list.id}" if q.list is not None else "")
            constraints = []
            if q.range:
                constraints.append(f". >= {q.range[0]} and . <= {q.range[1]}")
            if q.valid:
                constraints.append(q.valid[1])
            row(type=t, name=q.id, label=xls_text(q.text[0]), label_cy=xls_text(q.text[1]),
                hint=q.hint[0] if q.hint else None, hint_cy=q.hint[1] if q.hint else None,
                required="yes" if q.required else None,
                relevant=q.condition[1] if q.condition else None,
                constraint=" and ".join(f"({c})" for c in constraints) if len(constraints) > 1
                else (constraints[0] if constraints else None),
                constraint_message=q.valid[2][0] if q.valid else None,
                constraint_message_cy=q.valid[2][1] if q.valid else None,
                parameters="randomize=true" if q.shuffle else None)
        row(type="end group", name=s["id"])

    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", f"label::{EN}", f"label::{CY}"])
    missing = {name: (code, en, cy) for code, name, en, cy in MISSING}
    for lst in [model["yes_no"], *model["scales"], *model["lists"]]:
        for code, _name, en, cy in lst.options:
            choices.append([lst.id, str(code), en, cy])
        for m in lst.missing:
            code, en, cy = missing[m]
            choices.append([lst.id, str(code), en, cy])

    settings = wb.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(["Benchmark survey", "bench", "2026.1", EN])
    wb.save(path)


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.normpath(os.path.join(here, "..", "out"))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out", nargs="?", default=None, help=f"output folder (default {default_out})")
    p.add_argument("--out", dest="out_opt", default=None, help="output folder (same as the positional)")
    p.add_argument("--questions", type=int, default=2000)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--section-routing", type=float, default=0.0, metavar="P",
                   help="share of sections given a 'show if' of their own (default 0: confide "
                        "currently rejects a section condition that refers to an earlier section)")
    args = p.parse_args(argv)
    out = args.out_opt or args.out or default_out
    os.makedirs(out, exist_ok=True)

    model = build(args.questions, args.seed, args.section_routing)
    qs = model["questions"]
    survey_path = os.path.join(out, "bench.survey")
    xlsx_path = os.path.join(out, "bench.xlsx")
    write_survey(model, survey_path)
    write_xlsform(model, xlsx_path)

    by_type = {}
    for q in qs:
        by_type[q.type] = by_type.get(q.type, 0) + 1
    summary = {
        "seed": args.seed,
        "questions": len(qs),
        "by_type": by_type,
        "sections": len(model["sections"]),
        "routed_sections": sum(1 for s in model["sections"] if s["condition"]),
        "routed_questions": model["routed"],
        "skip_if_questions": sum(1 for q in qs if q.negated),
        "constrained_numbers": sum(1 for q in qs if q.range or q.valid),
        "piped_texts": sum(1 for q in qs if q.piped),
        "choice_lists": 1 + len(model["scales"]) + len(model["lists"]),
        "languages": ["en", "cy"],
        "survey_bytes": os.path.getsize(survey_path),
        "xlsx_bytes": os.path.getsize(xlsx_path),
    }
    with open(os.path.join(out, "bench.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(f"generated {len(qs)} questions ({model['routed']} routed, "
          f"{summary['routed_sections']} routed sections) in {out}: "
          f"bench.survey ({summary['survey_bytes']} bytes), bench.xlsx ({summary['xlsx_bytes']} bytes)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
