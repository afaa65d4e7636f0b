#!/usr/bin/env python3
"""Time `confide check` against ODK's pyxform on the inputs made by generate.py.

Both tools run as a fresh process for every timing, so the wall time of each includes
process start-up: the Swift binary's for confide, the Python interpreter's start-up and
pyxform's imports for pyxform. The runs are interleaved (confide and pyxform alternate
through the run, in proportion to their repeat counts) so that any drift in the machine's
speed affects both alike. Each run is timed by hyperfine (`--runs 1`, no shell) when it is
installed, otherwise by a Python timer around the child process.

Called by run.sh; see README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_RATIO = 30.0


def sh(cmd: list[str]) -> str:
    return " ".join(c if c and all(ch.isalnum() or ch in "-_./=:" for ch in c) else repr(c) for c in cmd)


def verify_confide(confide: str, survey: str) -> dict:
    p = subprocess.run([confide, "check", survey], capture_output=True, text=True)
    diagnostics = [l for l in p.stderr.splitlines() if ": error" in l or ": warning" in l
                   or l.startswith(("error", "warning"))]
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-4000:])
        sys.exit(f"confide check {survey} exited {p.returncode}: the generated survey must be valid")
    return {"exit_code": p.returncode, "stderr_lines": len(p.stderr.splitlines()),
            "diagnostic_lines": diagnostics[:20]}


def verify_pyxform(python: str, xlsx: str, xml: str) -> dict:
    # The CLI exits 0 even when conversion fails, so check once through the API.
    code = ("import json, sys\n"
            "from pyxform.xls2xform import xls2xform_convert\n"
            "w = xls2xform_convert(xlsform_path=sys.argv[1], xform_path=sys.argv[2], validate=False)\n"
            "print(json.dumps(w))\n")
    if os.path.exists(xml):
        os.remove(xml)
    p = subprocess.run([python, "-c", code, xlsx, xml], capture_output=True, text=True)
    if p.returncode != 0 or not os.path.getsize(xml):
        sys.stderr.write(p.stderr[-4000:])
        sys.exit(f"pyxform could not convert {xlsx}")
    warnings = json.loads(p.stdout.strip().splitlines()[-1])
    return {"warnings": len(warnings), "first_warnings": warnings[:5], "xml_bytes": os.path.getsize(xml)}


def schedule(n_a: int, n_b: int) -> list[str]:
    """Interleave n_a 'confide' and n_b 'pyxform' runs evenly, starting with confide."""
    events = [((k + 0.5) / n_a, 0, "confide") for k in range(n_a)]
    events += [((k + 0.5) / n_b, 1, "pyxform") for k in range(n_b)]
    return [name for _, _, name in sorted(events)]


class PythonTimer:
    name = "python timer (time.perf_counter around subprocess.run; CPU from getrusage)"

    def time(self, cmd: list[str]) -> dict:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {"wall": wall, "user": after.ru_utime - before.ru_utime,
                "system": after.ru_stime - before.ru_stime, "exit_code": p.returncode}


class HyperfineTimer:
    def __init__(self, path: str):
        self.path = path
        v = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip()
        self.name = f"{v} (--runs 1 per measurement, -N: no intermediate shell)"
        self.tmp = tempfile.mkdtemp(prefix="confide-bench-")

    def time(self, cmd: list[str]) -> dict:
        out = os.path.join(self.tmp, "run.json")
        subprocess.run([self.path, "-N", "--runs", "1", "--style", "none", "--export-json", out,
                        "--output", "null", "-i", sh(cmd)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(out) as f:
            r = json.load(f)["results"][0]
        return {"wall": r["times"][0], "user": r["user"], "system": r["system"],
                "exit_code": (r.get("exit_codes") or [0])[0]}


def stats(xs: list[float]) -> dict:
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs),
            "mean": statistics.fmean(xs), "runs": len(xs)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--confide", required=True, help="path to the release confide binary")
    p.add_argument("--python", default=sys.executable, help="the Python that has pyxform")
    p.add_argument("--out", required=True, help="folder holding bench.survey and bench.xlsx")
    p.add_argument("--confide-runs", type=int, default=10)
    p.add_argument("--pyxform-runs", type=int, default=5)
    p.add_argument("--timer", choices=["auto", "hyperfine", "python"], default="auto")
    p.add_argument("--require-target", action="store_true",
                   help=f"exit 1 if confide is not at least {TARGET_RATIO:g}x faster")
    a = p.parse_args()
    if a.confide_runs < 1 or a.pyxform_runs < 1:
        sys.exit("run counts must be at least 1")

    out = os.path.abspath(a.out)
    survey = os.path.join(out, "bench.survey")
    xlsx = os.path.join(out, "bench.xlsx")
    xml = os.path.join(out, "bench.xml")
    confide = os.path.abspath(a.confide)

    # The console script installed beside the interpreter is `xls2xform`; fall back to -m.
    script = os.path.join(os.path.dirname(a.python), "xls2xform")
    pyxform_cmd = ([script] if os.access(script, os.X_OK) else [a.python, "-m", "pyxform.xls2xform"])
    pyxform_cmd += ["--skip_validate", xlsx, xml]
    confide_cmd = [confide, "check", survey]
    commands = {"confide": confide_cmd, "pyxform": pyxform_cmd}

    hf = shutil.which("hyperfine")
    if a.timer == "hyperfine" and not hf:
        sys.exit("hyperfine is not installed")
    timer = HyperfineTimer(hf) if hf and a.timer != "python" else PythonTimer()

    print("== checking the inputs (these runs also warm the file cache; not timed)")
    conf_check = verify_confide(confide, survey)
    print(f"confide check: exit 0, {conf_check['stderr_lines']} line(s) of diagnostics")
    for line in conf_check["diagnostic_lines"]:
        print("  " + line)
    py_check = verify_pyxform(a.python, xlsx, xml)
    print(f"pyxform: converted, {py_check['warnings']} warning(s), XForm {py_check['xml_bytes']} bytes")

    pyxform_version = subprocess.run(
        [a.python, "-c", "from importlib.metadata import version; print(version('pyxform'))"],
        capture_output=True, text=True).stdout.strip()

    print("== timing (each run is a fresh process; wall clock of the whole process)")
    print(f"timer:   {timer.name}")
    print(f"confide: {sh(confide_cmd)}   x{a.confide_runs}")
    print(f"pyxform: {sh(pyxform_cmd)}   x{a.pyxform_runs}   (pyxform {pyxform_version}; "
          "Python interpreter start-up and imports included, ODK Validate not run)")
    runs: dict[str, list[dict]] = {"confide": [], "pyxform": []}
    for i, name in enumerate(schedule(a.confide_runs, a.pyxform_runs), 1):
        r = timer.time(commands[name])
        if r["exit_code"] != 0:
            sys.exit(f"{name} exited {r['exit_code']} during timing")
        runs[name].append(r)
        print(f"  [{i:2d}] {name:8s} {r['wall'] * 1000:10.1f} ms")
    if not os.path.getsize(xml):
        sys.exit("pyxform wrote no XForm")

    res = {}
    for name in ("confide", "pyxform"):
        res[name] = {"command": commands[name],
                     "wall_seconds": stats([r["wall"] for r in runs[name]]),
                     "cpu_seconds": stats([r["user"] + r["system"] for r in runs[name]]),
                     "times_seconds": [r["wall"] for r in runs[name]]}
    ratio = res["pyxform"]["wall_seconds"]["median"] / res["confide"]["wall_seconds"]["median"]

    print("== results (wall clock, ms)")
    print(f"{'':10s}{'median':>10s}{'min':>10s}{'max':>10s}{'runs':>6s}")
    for name in ("confide", "pyxform"):
        s = res[name]["wall_seconds"]
        print(f"{name:10s}{s['median'] * 1000:10.1f}{s['min'] * 1000:10.1f}{s['max'] * 1000:10.1f}{s['runs']:6d}")
    met = ratio >= TARGET_RATIO
    print(f"ratio of medians (pyxform / confide): {ratio:.1f}x  "
          f"(target >= {TARGET_RATIO:g}x: {'met' if met else 'NOT met'})")

    with open(os.path.join(out, "bench.json")) as f:
        inputs = json.load(f)
    git = lambda *args: subprocess.run(["git", *args], capture_output=True, text=True).stdout.strip()
    results = {
        "benchmark": "check-vs-pyxform",
        "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(),
                    "python": platform.python_version(), "pyxform": pyxform_version},
        "git": {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "--", "Sources"))},
        "timer": timer.name,
        "method": "each run is a fresh process, timed wall clock from start to exit; "
                  "runs interleaved; pyxform via its xls2xform CLI with --skip_validate",
        "inputs": inputs,
        "checks": {"confide": conf_check, "pyxform": py_check},
        "order": schedule(a.confide_runs, a.pyxform_runs),
        "confide": res["confide"],
        "pyxform": res["pyxform"],
        "ratio_of_medians": ratio,
        "target_ratio": TARGET_RATIO,
        "target_met": met,
    }
    path = os.path.join(out, "results.json")
    with open(path, "w") as f:
        json.dump(results, f, indent=2)
    print(f"wrote {path}")
    if a.require_target and not met:
        sys.exit(1)


if __name__ == "__main__":
    main()
