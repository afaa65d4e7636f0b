#!/usr/bin/env python3
"""Compare two tools' result CSVs (kind,variable,by,level,estimate,se) estimate by estimate.

    compare.py A.csv B.csv [--rtol 1e-8] [--names A B]

Every estimate in A must be in B (B may hold more: a run of R on fewer items is compared on
the items it did). Prints, for each kind of estimate (proportions overall, by each subgroup,
regression coefficients), how many there are and the largest relative difference of the
estimates and of the standard errors, then exits 1 if an estimate differs by more than
--rtol relative (SEs are reported, not checked: see README.md on raking and SEs).
"""

from __future__ import annotations

import argparse
import csv
import sys


def load(path: str) -> dict[tuple[str, str, str, str], tuple[float, float]]:
    with open(path, newline="") as f:
        return {(r["kind"], r["variable"], r["by"], r["level"]): (float(r["estimate"]), float(r["se"]))
                for r in csv.DictReader(f)}


def relative(a: float, b: float) -> float:
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else abs(a - b) / scale


def compare(a_path: str, b_path: str, rtol: float, names: tuple[str, str]) -> tuple[bool, dict]:
    a, b = load(a_path), load(b_path)
    missing = [k for k in a if k not in b]
    if missing:
        sys.exit(f"{len(missing)} estimates of {names[0]} are missing from {names[1]}, e.g. {missing[0]}")
    groups: dict[str, dict] = {}
    for key, (ea, sa) in a.items():
        eb, sb = b[key]
        label = "regression" if key[0] == "glm" else f"proportion by {key[2]}" if key[2] != "all" else "proportion"
        g = groups.setdefault(label, {"count": 0, "estimate": 0.0, "se": 0.0, "worst": None})
        g["count"] += 1
        d = relative(ea, eb)
        if d >= g["estimate"]:
            g["estimate"], g["worst"] = d, "/".join(key[1:]).replace("/all/all", "")
        g["se"] = max(g["se"], relative(sa, sb))
    ok = all(g["estimate"] <= rtol for g in groups.values())
    return ok, groups


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--rtol", type=float, default=1e-8)
    ap.add_argument("--names", nargs=2, default=None)
    args = ap.parse_args()
    names = tuple(args.names or (args.a, args.b))
    ok, groups = compare(args.a, args.b, args.rtol, names)
    print(f"{names[0]} vs {names[1]}: largest relative differences")
    print(f"  {'estimates':24s} {'n':>4s} {'estimate':>10s} {'SE':>10s}  worst estimate")
    for label, g in groups.items():
        print(f"  {label:24s} {g['count']:4d} {g['estimate']:10.2e} {g['se']:10.2e}  {g['worst']}")
    print(f"  estimates {'agree' if ok else 'DIFFER'} to {args.rtol:g} relative")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
