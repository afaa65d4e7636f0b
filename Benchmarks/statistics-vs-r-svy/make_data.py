#!/usr/bin/env python3
"""Write the seeded survey data set the statistics benchmark analyses.

    make_data.py [--rows 1000000] [--seed 20240611] [--out DIR]

Writes DIR/respondents-ROWS.csv and DIR/margins-ROWS.csv (population margins for raking).

The sample: 50 strata (each inside one of 9 regions), 40 PSUs per stratum numbered 1..40
within each stratum (so `nest=TRUE` matters), about ROWS/2000 respondents per PSU. Base
weights vary between strata (different sampling fractions) and within them (a non-response
adjustment). Raking variables: age band (5 levels), sex (2), region (9); their population
margins are the sample's weighted margins moved by up to about ±8% and rescaled to one common
total, so raking changes the weights but converges. Subgroups: born outside the UK (0/1) and
ethnicity (5 levels). 40 binary items whose prevalence runs from about 2% to 60% and depends
on the subgroups, age and a PSU effect (so design effects are realistic); items 31-40 have
1-5% missing answers, written as empty fields (every tool estimates them as R's
`na.rm=TRUE`: the respondents with an answer form a domain). `y` is a complete binary
outcome and `concern` a concern score (mean of four 1-5 items: multiples of 0.25) for the
logistic regression.

Every number in the file is exactly representable in binary (weights are multiples of 1/8,
concern of 1/4), so every tool's CSV reader produces the same doubles and estimates can be
compared to 1e-8 relative or better. Categories are written as integer codes.
"""

from __future__ import annotations

import argparse
import os

import numpy as np
import polars as pl

STRATA, PSUS, ITEMS = 50, 40, 40
AGE, SEX, REGION, ETHNICITY = 5, 2, 9, 5
MISSING_ITEMS = range(30, 40)  # 0-based: items 31-40


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--out", default=".")
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    n = a.rows

    # Design: respondents spread over 2000 PSUs with varying take; strata within regions.
    psu_size = rng.gamma(20.0, 1.0, STRATA * PSUS)
    psu_of_row = rng.choice(STRATA * PSUS, size=n, p=psu_size / psu_size.sum())
    psu_of_row.sort()  # files come ordered by stratum and PSU, as fieldwork exports do
    stratum = psu_of_row // PSUS + 1
    psu = psu_of_row % PSUS + 1
    region_of_stratum = np.concatenate([np.arange(REGION), rng.integers(0, REGION, STRATA - REGION)])
    rng.shuffle(region_of_stratum)
    region = region_of_stratum[stratum - 1] + 1
    stratum_weight = rng.uniform(40.0, 160.0, STRATA)
    base = stratum_weight[stratum - 1] * rng.lognormal(0.0, 0.35, n)
    w = np.maximum(np.round(base * 8.0), 1.0) / 8.0  # multiples of 1/8: exact in binary

    # Respondent characteristics; ethnicity and birth abroad vary by region.
    age = rng.choice(AGE, size=n, p=[0.14, 0.17, 0.21, 0.24, 0.24]) + 1
    sex = (rng.random(n) < 0.53).astype(np.int64) + 1
    abroad_p = np.array([0.10, 0.14, 0.35, 0.12, 0.09, 0.18, 0.16, 0.11, 0.08])[region - 1]
    born_abroad = (rng.random(n) < abroad_p).astype(np.int64)
    eth_p = np.where(born_abroad[:, None] == 1, [0.45, 0.20, 0.15, 0.12, 0.08], [0.86, 0.05, 0.04, 0.03, 0.02])
    u = rng.random(n)[:, None]
    ethnicity = (u > np.cumsum(eth_p, axis=1)).sum(axis=1) + 1
    ethnicity = np.minimum(ethnicity, ETHNICITY)
    likert = rng.integers(1, 6, size=(n, 4)) + (rng.random((n, 4)) < 0.15 * born_abroad[:, None])
    concern = np.minimum(likert, 5).sum(axis=1) / 4.0  # multiples of 0.25

    # 40 items: logit prevalence from ~2% to ~60%, subgroup effects, a PSU random effect.
    prevalence = np.linspace(0.02, 0.60, ITEMS)
    rng.shuffle(prevalence)
    psu_effect = rng.normal(0.0, 0.25, STRATA * PSUS)[psu_of_row]
    eth_effect = np.array([0.0, 0.3, -0.2, 0.4, 0.1])[ethnicity - 1]
    age_effect = (age - 3) * 0.08
    columns: dict[str, np.ndarray] = {}
    for j in range(ITEMS):
        scale = rng.uniform(0.3, 1.0)
        eta = (np.log(prevalence[j] / (1 - prevalence[j])) + scale * (0.5 * born_abroad + eth_effect)
               + rng.choice([-1, 1]) * age_effect + psu_effect)
        item = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(np.float64)
        if j in MISSING_ITEMS:
            item[rng.random(n) < rng.uniform(0.01, 0.05)] = np.nan
        columns[f"q{j + 1:02d}"] = item
    eta = -1.2 + 0.15 * (age - 3) - 0.2 * (sex - 1) + 0.45 * born_abroad + 0.35 * (concern - 3) + psu_effect
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(np.int64)

    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, f"respondents-{n}.csv")
    header = ["id", "stratum", "psu", "w", "age", "sex", "region", "born_abroad", "ethnicity", "concern", "y"]
    header += list(columns)
    fixed = [np.arange(1, n + 1), stratum, psu, w, age, sex, region, born_abroad, ethnicity, concern, y]

    frame = {name: col for name, col in zip(header, fixed)}
    frame.update({name: np.where(np.isnan(col), 0, col).astype(np.int8) for name, col in columns.items()})
    df = pl.DataFrame(frame).with_columns(
        [pl.when(pl.lit(pl.Series(np.isnan(col)))).then(None).otherwise(pl.col(name)).alias(name)
         for name, col in columns.items() if np.isnan(col).any()])
    df.write_csv(path, null_value="")

    # Population margins: the weighted sample margins moved a little, rescaled to one total.
    total = float(np.round(w.sum() * 1.03))
    with open(os.path.join(a.out, f"margins-{n}.csv"), "w") as f:
        f.write("variable,level,count\n")
        for name, values, levels in (("age", age, AGE), ("sex", sex, SEX), ("region", region, REGION)):
            sample = np.bincount(values - 1, weights=w, minlength=levels)
            moved = sample * rng.uniform(0.92, 1.08, levels)
            counts = np.round(moved / moved.sum() * total)
            counts[-1] = total - counts[:-1].sum()  # consistent totals across margins, exactly
            for level, count in enumerate(counts, start=1):
                f.write(f"{name},{level},{count:.0f}\n")
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.0f} MB) and margins-{n}.csv")


if __name__ == "__main__":
    main()
