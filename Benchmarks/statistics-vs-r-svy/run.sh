#!/usr/bin/env bash
# Benchmark Confide's statistics module against R's `survey` and Python's `svy` on one analysis.
#
#   Benchmarks/statistics-vs-r-svy/run.sh [OUT_DIR]
#
# Builds the StatisticsBenchmark driver in release, writes the seeded data set (ROWS
# respondents) with make_data.py if it is not there yet, then runs the same analysis in each
# tool RUNS times, interleaved, checks that every estimate agrees to 1e-8 relative, and writes
# OUT_DIR/statistics-results.json (OUT_DIR defaults to Benchmarks/out, which git ignores).
# Needs Rscript with survey, data.table and jsonlite; Python 3 with svy, polars and numpy.
#
# Environment:
#   ROWS=1000000 RUNS=3 SEED=20240611   size of the data set, repeats of each tool, its seed
#   R_RUNS=$RUNS R_ITEMS=40             repeats of R; items R estimates (fewer: scaled to 40)
#   SWIFT_BUILD_ARGS=                   extra arguments for `swift build` (e.g. --scratch-path DIR)
#   SWIFT_PACKAGE_DIR=.                 the package holding the StatisticsBenchmark product
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
HERE=Benchmarks/statistics-vs-r-svy
OUT="${1:-${OUT:-Benchmarks/out}}"
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-3}"
# shellcheck disable=SC2206
BUILD_ARGS=(-c release --package-path "${SWIFT_PACKAGE_DIR:-.}" ${SWIFT_BUILD_ARGS:-})

command -v Rscript >/dev/null || { echo "Rscript is needed (apt-get install r-cran-survey r-cran-data.table r-cran-jsonlite)" >&2; exit 2; }
python3 -c 'import svy, polars, numpy' 2>/dev/null || { echo "python3 needs svy, polars and numpy (pip install svy)" >&2; exit 2; }

echo "== building the driver (swift build ${BUILD_ARGS[*]} --product StatisticsBenchmark)"
swift build "${BUILD_ARGS[@]}" --product StatisticsBenchmark
DRIVER="$(swift build "${BUILD_ARGS[@]}" --show-bin-path)/StatisticsBenchmark"

DATA_DIR="$OUT/statistics-data"
mkdir -p "$DATA_DIR"
DATA="$DATA_DIR/respondents-$ROWS.csv"
MARGINS="$DATA_DIR/margins-$ROWS.csv"
if [ ! -s "$DATA" ] || [ ! -s "$MARGINS" ]; then
  echo "== writing $ROWS respondents into $DATA"
  python3 "$HERE/make_data.py" --rows "$ROWS" --seed "${SEED:-20240611}" --out "$DATA_DIR"
fi

exec python3 "$HERE/bench.py" --confide "$DRIVER" --here "$HERE" --data "$DATA" --margins "$MARGINS" \
  --rows "$ROWS" --runs "$RUNS" --r-runs "${R_RUNS:-$RUNS}" --r-items "${R_ITEMS:-40}" --out "$OUT"
