#!/usr/bin/env python3
"""The statistics benchmark's analysis in Python's `svy` (a Rust engine), as analysis.R does it.

    analysis_svy.py DATA.csv MARGINS.csv RESULTS.csv [--fast-overall]

Rakes the stratified cluster design (`svy.Design(stratum=, psu=, wgt=)`, PSUs nested in
strata) to three population margins with `sample.weighting.rake(controls=...)`, whose record
the Taylor variance uses (svy sweeps the raking out of the scores, as R's `svyrecvar` does);
then 40 weighted proportions with linearised SEs overall, by birth abroad and by ethnicity,
and one logistic regression (`sample.glm.fit(family="binomial")`).

Proportions use `estimation.mean` on the 0/1 items, the same estimator R's `svymean` applies
to them (a list of items shares one design build; `estimation.prop` adds a logit interval per
level and is no faster). Items with missing answers are estimated with
`where=col(item).is_not_null()`, svy's domain estimation that keeps the full design — R's
`na.rm=TRUE` (dropping the rows instead, `drop_nulls=True`, would also drop them from the
raking sweep).

svy 0.35's list form of an ungrouped `mean` (one design build for many items) does not apply
the raking record: its SEs equal those of the same weights taken as fixed (0.02-0.5% off
R's here). So overall proportions are estimated one item at a time, which credits the raking;
`--fast-overall` uses the list form instead (faster, those SEs differ from R's). The grouped
list form (`by=`) does credit the raking.

Writes every estimate and SE with 17 significant digits to RESULTS.csv and prints the phases'
wall times in seconds as one JSON object on stdout.
"""

from __future__ import annotations

import json
import sys
import time

import polars as pl
import svy

ITEMS = [f"q{j:02d}" for j in range(1, 41)]


def main() -> None:
    fast_overall = "--fast-overall" in sys.argv
    data_path, margins_path, results_path = [a for a in sys.argv[1:] if not a.startswith("--")][:3]
    t0 = time.perf_counter()
    df = pl.read_csv(data_path)
    margins = pl.read_csv(margins_path)
    t1 = time.perf_counter()

    sample = svy.Sample(df, svy.Design(stratum="stratum", psu="psu", wgt="w"))
    controls = {
        v: {int(level): float(count) for level, count in
            margins.filter(pl.col("variable") == v).select("level", "count").iter_rows()}
        for v in ("age", "sex", "region")
    }
    # tol is the largest relative misfit of a margin: 1e-11 stops where R (epsilon 1e-13 of the
    # total weight) and Confide stop, to ~1e-11; 1e-13 is below rounding at 1M rows.
    raked = sample.weighting.rake(controls=controls, tol=1e-11, max_iter=100)
    t2 = time.perf_counter()

    rows: list[tuple[str, str, str, str, float, float]] = []
    complete = [q for q in ITEMS if df[q].null_count() == 0]
    partial = [q for q in ITEMS if q not in complete]

    def collect(item: str, by: str, est) -> None:
        frame = est.to_polars()
        if by == "all":
            rows.append(("prop", item, "all", "all", frame["est"][0], frame["se"][0]))
        else:
            for level, e, s in frame.select(by, "est", "se").iter_rows():
                rows.append(("prop", item, by, str(level), e, s))

    for by in ("all", "born_abroad", "ethnicity"):
        group = None if by == "all" else by
        if by == "all" and not fast_overall:
            # svy 0.35's list path for ungrouped means ignores the raking record (its SEs are
            # those of fixed weights), so overall proportions are estimated one item at a time.
            for item in complete:
                collect(item, by, raked.estimation.mean(item))
        else:
            for item, est in zip(complete, raked.estimation.mean(complete, by=group)):
                collect(item, by, est)
        for item in partial:
            collect(item, by, raked.estimation.mean(item, by=group, where=svy.col(item).is_not_null()))
    t3 = time.perf_counter()

    model = raked.glm.fit("y", x=[svy.Cat("age"), svy.Cat("sex"), "born_abroad", "concern"], family="binomial")
    for coef in model.coefs:  # named as R names them: (Intercept), age2, sex2
        term = "(Intercept)" if coef.term == "_intercept_" else coef.term.replace("age_", "age").replace("sex_", "sex")
        rows.append(("glm", term, "all", "all", coef.est, coef.se))
    t4 = time.perf_counter()

    with open(results_path, "w") as f:
        f.write("kind,variable,by,level,estimate,se\n")
        for kind, variable, by, level, e, s in rows:
            f.write(f"{kind},{variable},{by},{level},{float(e)!r},{float(s)!r}\n")
    print(json.dumps({"tool": "svy", "version": svy.__version__, "rows": df.height, "load": t1 - t0,
                      "design_rake": t2 - t1, "proportions": t3 - t2, "regression": t4 - t3,
                      "analysis": t4 - t1}))


if __name__ == "__main__":
    main()
