#!/usr/bin/env python3
"""Times `confide report` on the shipped plan, a bare sqlite3 scan of the same columns, and R's
survey package computing the same tables; prints medians and ratios, writes report-results.json."""
import argparse, json, os, sqlite3, statistics, subprocess, sys, time

# The variables the shipped plan reads (ConfideAnalysis's PlanRunner.variables for the plan).
VARIABLES = ["age_band", "sex", "region", "born_outside_uk", "ethnicity", "long_term_condition", "delayed_care",
             "withheld_info", "asked_not_record", "trust_confidential", "concern_sharing", "concern_company",
             "concern_government", "concern_control", "framing", "seek_care_likely", "disclose_likely",
             "list_experiment", "list_count"]


def scan_sql(db):
    """One SELECT reading the status and value column of every variable the plan reads."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    (version,) = con.execute("SELECT id FROM survey_version ORDER BY id LIMIT 1").fetchone()
    rows = con.execute(
        "SELECT page, column_name FROM answer_column WHERE survey_version_id = ? AND variable IN (%s) "
        "AND role IN ('status', 'value')" % ",".join("?" * len(VARIABLES)), [version] + VARIABLES).fetchall()
    con.close()
    pages = {page for page, _ in rows}
    assert pages == {1}, "the benchmark's scan reads one answer page"
    columns = [name for _, name in rows]
    assert all(c[0] == "c" and c[1:].isdigit() for c in columns)
    return f"SELECT {', '.join(f'max({c})' for c in columns)} FROM answers_{version}_1;", len(columns)


def timed(command, timeout=None, **kwargs):
    """Wall time and output of a command; (None, None) when it runs past `timeout` seconds."""
    start = time.perf_counter()
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                timeout=timeout, **kwargs)
    except subprocess.TimeoutExpired:
        return None, None
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed, result.stdout


def main():
    p = argparse.ArgumentParser()
    for name in ["confide", "plan", "db", "csv", "out"]:
        p.add_argument("--" + name, required=True)
    p.add_argument("--rows", type=int, required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--r-runs", type=int, default=1)
    p.add_argument("--r-timeout", type=float, default=None,
                   help="stop R after this many seconds and report that time as a lower bound")
    a = p.parse_args()
    sql, columns = scan_sql(a.db)
    here = os.path.dirname(os.path.abspath(__file__))
    confide, scan, r_wall, r_analysis = [], [], [], []
    for run in range(a.runs):
        t, _ = timed([a.confide, "report", a.plan, "--db", a.db, "-o", os.devnull])
        confide.append(t)
        t, _ = timed(["sqlite3", "-readonly", a.db, sql])
        scan.append(t)
        print(f"run {run + 1}: confide report {confide[-1]:.2f} s, sqlite3 scan {scan[-1]:.2f} s", flush=True)
    r_unfinished = False
    for run in range(a.r_runs):
        t, out = timed(["Rscript", os.path.join(here, "report.R"), a.csv, "analysis/chilling-effect-margins.csv"],
                       timeout=a.r_timeout)
        if t is None:
            r_unfinished = True
            r_wall.append(a.r_timeout)
            print(f"R run {run + 1}: not finished after {a.r_timeout:.0f} s (stopped)", flush=True)
            break
        r_wall.append(t)
        r_analysis.append(json.loads(out.strip().splitlines()[-1])["analysis_seconds"])
        print(f"R run {run + 1}: {t:.1f} s ({r_analysis[-1]:.1f} s analysis)", flush=True)
    result = {
        "rows": a.rows, "scan_columns": columns,
        "confide_seconds": confide, "sqlite3_scan_seconds": scan, "r_seconds": r_wall, "r_analysis_seconds": r_analysis,
        "confide_median": statistics.median(confide), "sqlite3_scan_median": statistics.median(scan),
        "r_median": statistics.median(r_wall) if r_wall else None,
    }
    result["r_over_confide"] = result["r_median"] / result["confide_median"] if r_wall else None
    result["r_is_lower_bound"] = r_unfinished
    result["confide_over_scan"] = result["confide_median"] / result["sqlite3_scan_median"]
    with open(os.path.join(a.out, "report-results.json"), "w") as f:
        json.dump(result, f, indent=2)
    print(f"\n{a.rows:,} respondents, medians:")
    print(f"  confide report   {result['confide_median']:8.2f} s")
    print(f"  sqlite3 scan     {result['sqlite3_scan_median']:8.2f} s  (confide takes {result['confide_over_scan']:.2f}x)")
    if r_wall:
        bound = "more than " if r_unfinished else ""
        print(f"  R survey         {bound}{result['r_median']:8.1f} s  ({bound}{result['r_over_confide']:.1f}x confide)")


if __name__ == "__main__":
    main()
