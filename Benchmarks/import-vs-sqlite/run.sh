#!/usr/bin/env bash
# Benchmark `confide import` against the sqlite3 shell's `.import` of the same CSV.
#
#   Benchmarks/import-vs-sqlite/run.sh [OUT_DIR]
#
# Builds confide in release, simulates ROWS respondents of the shipped instrument with
# `confide simulate` (and a quarter as many, to show memory stays flat), then times both tools
# in one interleaved run and writes OUT_DIR/import-results.json (OUT_DIR defaults to
# Benchmarks/out, which git ignores). Needs the sqlite3 shell (apt-get install sqlite3).
#
# Environment:
#   ROWS=1000000 RUNS=5 SEED=1     size of the file, repeats of each tool, simulation seed
#   SWIFT_BUILD_ARGS=              extra arguments for `swift build` (e.g. --scratch-path DIR)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
HERE=Benchmarks/import-vs-sqlite
OUT="${1:-${OUT:-Benchmarks/out}}"
ROWS="${ROWS:-1000000}"
SURVEY=surveys/nhs-data-trust.survey
# shellcheck disable=SC2206
BUILD_ARGS=(-c release ${SWIFT_BUILD_ARGS:-})

command -v sqlite3 >/dev/null || { echo "the sqlite3 shell is needed: apt-get install sqlite3" >&2; exit 2; }

echo "== building confide (swift build ${BUILD_ARGS[*]} --product confide)"
swift build "${BUILD_ARGS[@]}" --product confide
CONFIDE="$(swift build "${BUILD_ARGS[@]}" --show-bin-path)/confide"

mkdir -p "$OUT"
CSV="$OUT/responses-$ROWS.csv"
SMALL="$OUT/responses-$((ROWS / 4)).csv"
for pair in "$ROWS:$CSV" "$((ROWS / 4)):$SMALL"; do
  n="${pair%%:*}"; file="${pair#*:}"
  if [ ! -s "$file" ]; then
    echo "== simulating $n respondents into $file"
    "$CONFIDE" simulate "$SURVEY" --n "$n" --seed "${SEED:-1}" -o "$file"
  fi
done

exec python3 "$HERE/bench.py" --confide "$CONFIDE" --survey "$SURVEY" --csv "$CSV" --rows "$ROWS" \
  --small-csv "$SMALL" --runs "${RUNS:-5}" --out "$OUT"
