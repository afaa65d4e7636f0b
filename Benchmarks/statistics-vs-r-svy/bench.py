#!/usr/bin/env python3
"""Time the statistics analysis in Confide, Python's svy and R's survey, and check they agree.

Each timing is a fresh process running the whole analysis (load the CSV, build the design,
rake, 40 proportions overall and by two subgroups, one logistic regression). The tools
alternate through the run (the order rotates each round) so that drift in the machine's speed
affects all alike. For each process we record its wall time and CPU time (user + system,
from `wait4`, which a busy machine inflates less than wall time), its peak resident memory,
and the phase times it prints itself (load; design + rake; proportions; regression), whose
sum after loading is the "analysis" phase. Medians over the runs are compared.

R's `survey` needs about a minute of CPU per item at 1,000,000 respondents, so --r-items N
times R on the first N items only; its proportions phase is then scaled by 40/N to the
full analysis and every figure derived from it is marked as scaled. Estimates are compared on
what R did.

Called by run.sh; see README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

PHASES = ("load", "design_rake", "proportions", "regression", "analysis")


def run_child(cmd: list[str]) -> dict:
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = p.stdout.read() if p.stdout else b""
    err = p.stderr.read() if p.stderr else b""
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stderr.write(err.decode(errors="replace")[-4000:])
        sys.exit(f"{' '.join(cmd)} exited {code}")
    lines = [line for line in out.decode().splitlines() if line.lstrip().startswith("{")]
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024.0,
            "phases": json.loads(lines[-1])}


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] if key in ("wall", "cpu", "peak_mib") else r["phases"][key] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--confide", required=True, help="the release-built StatisticsBenchmark executable")
    ap.add_argument("--here", required=True, help="this benchmark's folder (analysis.R, analysis_svy.py)")
    ap.add_argument("--data", required=True)
    ap.add_argument("--margins", required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--r-runs", type=int, default=None, help="runs of R (default: --runs)")
    ap.add_argument("--r-items", type=int, default=40, help="items R estimates (the rest is scaled)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    sys.path.insert(0, a.here)
    from compare import compare  # noqa: E402

    work = os.path.join(a.out, "statistics-bench")
    os.makedirs(work, exist_ok=True)
    result = {t: os.path.join(work, f"{t}-{a.rows}.csv") for t in ("confide", "svy", "r")}
    commands = {
        "confide": [a.confide, a.data, a.margins, result["confide"]],
        "svy": [sys.executable, os.path.join(a.here, "analysis_svy.py"), a.data, a.margins, result["svy"]],
        "r": ["Rscript", os.path.join(a.here, "analysis.R"), a.data, a.margins, result["r"], str(a.r_items)],
    }
    r_runs = a.runs if a.r_runs is None else a.r_runs
    runs: dict[str, list[dict]] = {t: [] for t in commands}
    for i in range(max(a.runs, r_runs)):
        order = ["confide", "svy", "r"]
        order = order[i % 3:] + order[:i % 3]
        for tool in order:
            if (tool == "r" and i >= r_runs) or (tool != "r" and i >= a.runs):
                continue
            r = run_child(commands[tool])
            runs[tool].append(r)
            p = r["phases"]
            print(f"  run {i + 1}: {tool:8s} wall {r['wall']:8.2f} s  cpu {r['cpu']:8.2f} s  "
                  f"analysis {p['analysis']:8.2f} s (load {p['load']:.2f}, design+rake {p['design_rake']:.2f}, "
                  f"proportions {p['proportions']:.2f}, regression {p['regression']:.2f})  "
                  f"peak {r['peak_mib']:.0f} MiB", flush=True)

    # Agreement: every estimate to 1e-8 relative; SEs reported.
    agreement = {}
    ok = True
    for x, y in (("confide", "r"), ("svy", "r"), ("confide", "svy")):
        # Against R, compare on what R estimated (all of it unless --r-items).
        good, groups = compare(result[y], result[x], 1e-8, (y, x)) if y == "r" else compare(
            result[x], result[y], 1e-8, (x, y))
        agreement[f"{x}_vs_{y}"] = {k: {"count": g["count"], "max_rel_estimate": g["estimate"],
                                         "max_rel_se": g["se"]} for k, g in groups.items()}
        ok &= good

    med = {t: {k: median_of(v, k) for k in ("wall", "cpu", "peak_mib", *PHASES)} for t, v in runs.items()}
    scale = 40 / a.r_items
    r_scaled = dict(med["r"])
    if scale != 1:
        extra = med["r"]["proportions"] * (scale - 1)
        for k in ("proportions", "analysis", "wall"):
            r_scaled[k] = med["r"][k] + extra
        # CPU is scaled by the proportions phase's own CPU time (wall time includes waiting).
        r_scaled["cpu"] = med["r"]["cpu"] + statistics.median(
            r["phases"].get("proportions_cpu", r["phases"]["proportions"]) for r in runs["r"]) * (scale - 1)
    ratios = {}
    for k in ("wall", "cpu", "analysis", "proportions"):
        ratios[k] = {"svy_over_confide": med["svy"][k] / med["confide"][k],
                     "r_over_confide": r_scaled[k] / med["confide"][k]}
    doc = {
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "python": sys.version.split()[0],
                    "load_average_at_end": os.getloadavg()},
        "rows": a.rows, "data_bytes": os.path.getsize(a.data), "runs": a.runs, "r_runs": r_runs,
        "r_items": a.r_items, "r_scaled_to_40_items": scale != 1,
        "runs_detail": runs, "median": med, "r_median_scaled": r_scaled, "ratios": ratios,
        "agreement": agreement, "estimates_agree": ok,
        "targets": {"svy_over_confide_analysis": 3, "r_over_confide_analysis": 50},
    }
    path = os.path.join(a.out, "statistics-results.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)

    note = f" (R: {a.r_items} of 40 items, proportions scaled ×{scale:g})" if scale != 1 else ""
    print(f"\n{a.rows:,} respondents, medians of {a.runs} runs (R: {r_runs}){note}")
    print(f"  {'':8s} {'wall':>9s} {'cpu':>9s} {'analysis':>9s} {'load':>7s} {'rake':>7s} {'props':>9s} {'glm':>7s}")
    for t, m in (("confide", med["confide"]), ("svy", med["svy"]), ("R", r_scaled)):
        print(f"  {t:8s} {m['wall']:9.2f} {m['cpu']:9.2f} {m['analysis']:9.2f} {m['load']:7.2f} "
              f"{m['design_rake']:7.2f} {m['proportions']:9.2f} {m['regression']:7.2f}")
    for k, label in (("analysis", "analysis phase"), ("wall", "whole process"), ("cpu", "CPU time")):
        print(f"  {label:15s} svy/confide {ratios[k]['svy_over_confide']:7.2f} (target ≥ 3)   "
              f"R/confide {ratios[k]['r_over_confide']:8.1f} (target ≥ 50)")
    for pair, groups in agreement.items():
        worst_e = max(g["max_rel_estimate"] for g in groups.values())
        worst_s = max(g["max_rel_se"] for g in groups.values())
        print(f"  {pair:18s} estimates within {worst_e:.1e}, SEs within {worst_s:.1e} (relative)")
    print(f"  estimates {'agree' if ok else 'DIFFER'} to 1e-8; results: {path}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
