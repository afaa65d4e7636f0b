#!/usr/bin/env python3
"""Time `confide import` against the sqlite3 shell's `.import` of the same CSV.

Each timing is a fresh process writing a fresh database file: `sqlite3 DB -cmd '.mode csv'
'.import FILE responses'` loads the file into one untyped table (every value text, no checks);
`confide import FILE --survey S --db DB` reads the same file, checks every row against the
survey (codes, ranges, dates, routing, arms, required answers, duplicates), pseudonymises
respondent ids, redacts free text and writes typed answer tables, in one transaction. The two
alternate through the run so that drift in the machine's speed affects both alike. Wall time is
measured around the child process and peak memory is the child's maximum resident set size
(`wait4`).

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


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """Runs cmd, returning wall seconds, peak RSS (MiB) and stdout."""
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
    return wall, usage.ru_maxrss / 1024.0, out.decode()


def fresh(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".key"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--confide", required=True)
    ap.add_argument("--sqlite3", default="sqlite3")
    ap.add_argument("--survey", required=True)
    ap.add_argument("--csv", required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--small-csv", help="a smaller file, to show that memory does not grow with size")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    work = os.path.join(a.out, "import-bench")
    os.makedirs(work, exist_ok=True)
    sdb = os.path.join(work, "sqlite.db")
    cdb = os.path.join(work, "confide.db")
    sqlite_cmd = [a.sqlite3, sdb, "-cmd", ".mode csv", f".import {a.csv} responses"]
    confide_cmd = [a.confide, "import", a.csv, "--survey", a.survey, "--db", cdb, "--format", "csv",
                   "--quiet", "--summary", "json"]

    results = {"sqlite3": [], "confide": []}
    memory = {"sqlite3": [], "confide": []}
    summary = None
    for i in range(a.runs):
        order = [("sqlite3", sqlite_cmd, sdb), ("confide", confide_cmd, cdb)]
        if i % 2:
            order.reverse()
        for name, cmd, db in order:
            fresh(db)
            wall, rss, out = timed(cmd)
            results[name].append(wall)
            memory[name].append(rss)
            if name == "confide":
                summary = json.loads(out)
                if summary["accepted"] != a.rows or summary["quarantined"] != 0:
                    sys.exit(f"confide accepted {summary['accepted']} of {a.rows} rows "
                             f"({summary['quarantined']} quarantined): the simulated file must import cleanly")
            print(f"  run {i + 1}: {name:8s} {wall:7.2f} s  peak {rss:6.0f} MiB", flush=True)
    count = subprocess.run([a.sqlite3, sdb, "SELECT count(*) FROM responses"], capture_output=True,
                           text=True).stdout.strip()
    if int(count) != a.rows:
        sys.exit(f"sqlite3 imported {count} rows, expected {a.rows}")

    small = None
    if a.small_csv:
        fresh(cdb)
        wall, rss, out = timed([a.confide, "import", a.small_csv, "--survey", a.survey, "--db", cdb,
                                "--format", "csv", "--quiet", "--summary", "json"])
        small = {"file": a.small_csv, "rows": json.loads(out)["rowsRead"], "peak_mib": round(rss, 1)}

    med = {k: statistics.median(v) for k, v in results.items()}
    doc = {
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "sqlite3_version": subprocess.run([a.sqlite3, "--version"], capture_output=True, text=True).stdout.split()[0],
        "rows": a.rows, "csv_bytes": os.path.getsize(a.csv), "runs": a.runs,
        "seconds": results, "peak_mib": memory,
        "median_seconds": med,
        "median_peak_mib": {k: statistics.median(v) for k, v in memory.items()},
        "ratio_sqlite3_over_confide": med["sqlite3"] / med["confide"],
        "confide_summary": summary, "smaller_file": small,
    }
    with open(os.path.join(a.out, "import-results.json"), "w") as f:
        json.dump(doc, f, indent=2)
    print(f"\n{a.rows:,} rows, {os.path.getsize(a.csv) / 1e6:.0f} MB CSV, {a.runs} runs each")
    print(f"  sqlite3 .import  median {med['sqlite3']:.2f} s, peak {doc['median_peak_mib']['sqlite3']:.0f} MiB")
    print(f"  confide import   median {med['confide']:.2f} s, peak {doc['median_peak_mib']['confide']:.0f} MiB")
    print(f"  confide / sqlite3 wall time: {med['confide'] / med['sqlite3']:.2f} (target: below 1)")
    if small:
        print(f"  confide peak memory on {small['rows']:,} rows: {small['peak_mib']:.0f} MiB "
              f"(the file is streamed; SQLite's page cache is capped at 96 MiB during an import)")
    print(f"  results: {os.path.join(a.out, 'import-results.json')}")


if __name__ == "__main__":
    main()
