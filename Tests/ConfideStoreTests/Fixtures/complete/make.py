#!/usr/bin/env python3
"""Makes complete platform exports of the shipped survey from one simulated file.

  confide simulate surveys/nhs-data-trust.survey --n 24 --seed 7 --identifier-rate 0.3 -o generic.csv
  confide describe surveys/nhs-data-trust.survey --format json > /tmp/codebook.json
  python3 make.py generic.csv /tmp/codebook.json

writes redcap.csv, qualtrics.csv, odk-central.csv and surveyjs.json beside it: the same
respondents and answers as each platform exports them (REDCap raw codes with checkbox columns
and 0 for unchecked boxes; Qualtrics with its three header rows, metadata and split matrix
columns; ODK Central with group paths, option names and split select-multiple columns;
SurveyJS with checkbox arrays and the matrix as a nested object). generic.jsonl is the same
simulation written as JSON Lines (`-o generic.jsonl`). ImportTests checks that all of them
import to the same stored answers.
"""

import csv
import json
import sys

generic, codebook_path = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(generic, newline="", encoding="utf-8")))
codebook = json.load(open(codebook_path, encoding="utf-8"))
variables = {v["name"]: v for v in codebook["variables"]}
columns = list(rows[0].keys())
questions = []
for c in columns[1:]:
    q = c.split("___")[0]
    if q not in questions:
        questions.append(q)
multiple = [v["name"] for v in codebook["variables"] if v["type"] == "multiple"]
sections = {v["name"]: v["section"] for v in codebook["variables"]}

def name_of(variable, code):
    for value in variables[variable]["values"]:
        if str(value["code"]) == code:
            return value["name"]
    return code

# REDCap: record_id first, checkbox columns with 0 for unchecked (even when not shown).
with open("redcap.csv", "w", newline="", encoding="utf-8") as f:
    header = ["record_id", "redcap_survey_identifier", "nhs_data_trust_timestamp"]
    for c in columns[1:]:
        header.append(c.replace("___m", "____") if "___" in c else c)
    header.append("nhs_data_trust_complete")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    for i, r in enumerate(rows):
        out = [r["respondent_id"], "", f"2026-03-{1 + i % 28:02d} 10:{i % 60:02d}:00"]
        for c in columns[1:]:
            out.append((r[c] or "0") if "___" in c else r[c])
        out.append("2")
        w.writerow(out)

# Qualtrics: three header rows, metadata, matrix rows as trust_N, multiple as one column of recodes.
matrix_items = [v["name"] for v in codebook["variables"] if v["type"] == "matrix_item"]
with open("qualtrics.csv", "w", newline="", encoding="utf-8-sig") as f:
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
            "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
            "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage"]
    names = []
    for q in questions:
        if q in matrix_items:
            names.append(f"trust_{matrix_items.index(q) + 1}")
        else:
            names.append(q)
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(meta + names)
    w.writerow(meta + [variables[q]["text"].get("en", q) if q in variables else q for q in questions])
    w.writerow([json.dumps({"ImportId": m}) for m in meta] + [json.dumps({"ImportId": f"QID{i + 1}"}) for i in range(len(questions))])
    for i, r in enumerate(rows):
        out = ["2026-03-01 10:00:00", "2026-03-01 10:07:00", "0", f"10.0.0.{i + 1}", "100", "420", "1",
               "2026-03-01 10:07:01", r["respondent_id"], "Doe", "Sam", f"sam{i}@example.org", "", "51.5", "-0.1",
               "anonymous", "EN"]
        for q in questions:
            if q in multiple:
                chosen = [c.split("___")[1].replace("m", "-") for c in columns if c.startswith(q + "___") and r[c] == "1"]
                out.append(",".join(chosen))
            else:
                out.append(r[q])
        w.writerow(out)

# ODK Central: group paths with '-', option names, select-multiple as names plus split columns.
with open("odk-central.csv", "w", newline="", encoding="utf-8") as f:
    header = ["SubmissionDate", "start", "end", "deviceid"]
    body = []
    for q in questions:
        section = sections.get(q, "")
        path = f"{section}-{q}" if section else q
        if q in matrix_items:
            path = f"attitudes-trust-{q}"
        body.append((q, path))
        if q in multiple:
            for v in variables[q]["values"]:
                body.append((q + "/" + v["name"], f"{path}/{v['name']}"))
    header += [p for _, p in body] + ["meta-instanceID", "KEY"]
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    for i, r in enumerate(rows):
        out = ["2026-03-01T10:12:44.000Z", "2026-03-01T10:01:02.000+00:00", "2026-03-01T10:12:40.000+00:00",
               "collect:AbC123"]
        for key, _ in body:
            if "/" in key:
                q, option = key.split("/")
                code = next(str(v["code"]) for v in variables[q]["values"] if v["name"] == option)
                col = f"{q}___{code.replace('-', 'm')}"
                answered = any(r[c] == "1" for c in columns if c.startswith(q + "___"))
                out.append(("1" if r[col] == "1" else "0") if answered else "")
            elif key in multiple:
                chosen = [name_of(key, c.split("___")[1].replace("m", "-")) for c in columns
                          if c.startswith(key + "___") and r[c] == "1"]
                out.append(" ".join(chosen))
            elif key in variables and variables[key]["type"] in ("single", "rating", "matrix_item", "yesno") and r[key]:
                out.append(name_of(key, r[key]))
            else:
                out.append(r[key])
        out += [f"uuid:{r['respondent_id']}", f"uuid:{r['respondent_id']}"]
        w.writerow(out)

# SurveyJS: an array of result objects; checkbox answers as arrays of codes, the matrix as one
# object of its rows, numbers as JSON numbers.
results = []
for r in rows:
    obj = {"respondent_id": r["respondent_id"]}
    matrix = {}
    for q in questions:
        if q in multiple:
            chosen = [int(c.split("___")[1].replace("m", "-")) for c in columns if c.startswith(q + "___") and r[c] == "1"]
            if chosen:
                obj[q] = chosen
        elif r[q] == "":
            continue
        elif q in matrix_items:
            matrix[q] = int(r[q])
        elif variables.get(q, {}).get("type") in ("text", "date", "arm") or q not in variables:
            obj[q] = r[q]
        else:
            obj[q] = float(r[q]) if "." in r[q] else int(r[q])
    if matrix:
        obj["trust"] = matrix
    results.append(obj)
with open("surveyjs.json", "w", encoding="utf-8") as f:
    json.dump(results, f, ensure_ascii=False, indent=1)
    f.write("\n")
