#!/usr/bin/env bash
# Benchmark `confide report` on the shipped plan against R's survey package computing the same
# tables from the same responses, and against a bare sqlite3 scan of the columns the plan reads.
#
#   Benchmarks/report-vs-r/run.sh [OUT_DIR]
#
# Builds confide in release, simulates ROWS respondents of the shipped instrument with the demo's
# planted effects, imports them into a store (both kept in OUT_DIR, default Benchmarks/out, which
# git ignores, and reused by later runs), then times the three in one run and writes
# OUT_DIR/report-results.json. Needs the sqlite3 shell and R with the survey, data.table and psych
# packages (apt-get install sqlite3 r-base-core r-cran-survey r-cran-data.table r-cran-psych).
#
# Environment:
#   ROWS=1000000 RUNS=5 R_RUNS=1 SEED=3   respondents, repeats of confide and sqlite3, repeats of R
#   R_TIMEOUT=                            stop R after this many seconds (its time is then a lower bound)
#   SWIFT_BUILD_ARGS=                     extra arguments for `swift build`
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
HERE=Benchmarks/report-vs-r
OUT="${1:-${OUT:-Benchmarks/out}}"
ROWS="${ROWS:-1000000}"
SURVEY=surveys/nhs-data-trust.survey
PLAN=analysis/chilling-effect.analysis
# shellcheck disable=SC2206
BUILD_ARGS=(-c release ${SWIFT_BUILD_ARGS:-})

command -v sqlite3 >/dev/null || { echo "the sqlite3 shell is needed: apt-get install sqlite3" >&2; exit 2; }
command -v Rscript >/dev/null || { echo "R is needed: apt-get install r-base-core r-cran-survey r-cran-data.table r-cran-psych" >&2; exit 2; }

echo "== building confide (swift build ${BUILD_ARGS[*]} --product confide)"
swift build "${BUILD_ARGS[@]}" --product confide
CONFIDE="$(swift build "${BUILD_ARGS[@]}" --show-bin-path)/confide"

mkdir -p "$OUT"
CSV="$OUT/report-responses-$ROWS.csv"
DB="$OUT/report-$ROWS.db"
if [ ! -s "$CSV" ]; then
  echo "== simulating $ROWS respondents into $CSV"
  effects=()
  while IFS= read -r effect; do effects+=(--effect "$effect"); done < <("$CONFIDE" demo --print-effects)
  "$CONFIDE" simulate "$SURVEY" --n "$ROWS" --seed "${SEED:-3}" "${effects[@]}" -o "$CSV"
fi
if [ ! -s "$DB" ]; then
  echo "== importing into $DB"
  rm -f "$DB" "$DB.key" "$DB-wal" "$DB-shm"
  "$CONFIDE" import "$CSV" --survey "$SURVEY" --db "$DB" --quiet || [ $? -eq 1 ]
fi

exec python3 "$HERE/bench.py" --confide "$CONFIDE" --plan "$PLAN" --db "$DB" --csv "$CSV" --rows "$ROWS" \
  --runs "${RUNS:-5}" --r-runs "${R_RUNS:-1}" ${R_TIMEOUT:+--r-timeout "$R_TIMEOUT"} --out "$OUT"
