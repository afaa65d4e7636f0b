#!/usr/bin/env bash
# Benchmark `confide check` against ODK's pyxform on a generated 2,000-question survey.
#
#   Benchmarks/check-vs-pyxform/run.sh [OUT_DIR]
#
# Builds confide in release, installs pyxform from PyPI if it is missing, generates
# bench.survey and the equivalent bench.xlsx, then times both tools in one interleaved run
# and writes OUT_DIR/results.json (OUT_DIR defaults to Benchmarks/out, which git ignores).
#
# Environment:
#   CONFIDE_RUNS=10 PYXFORM_RUNS=5   repeats of each tool
#   QUESTIONS=2000 SEED=2026         size and seed of the generated survey
#   TIMER=auto|hyperfine|python      hyperfine is used when installed (auto)
#   PYTHON=python3                   the Python to run pyxform with
#   SWIFT_BUILD_ARGS=                extra arguments for `swift build` (e.g. --scratch-path DIR)
#   REQUIRE_TARGET=1                 exit 1 if confide is not at least 30x faster
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
HERE=Benchmarks/check-vs-pyxform
OUT="${1:-${OUT:-Benchmarks/out}}"
PYTHON="${PYTHON:-python3}"
# shellcheck disable=SC2206
BUILD_ARGS=(-c release ${SWIFT_BUILD_ARGS:-})

echo "== building confide (swift build ${BUILD_ARGS[*]} --product confide)"
swift build "${BUILD_ARGS[@]}" --product confide
CONFIDE="$(swift build "${BUILD_ARGS[@]}" --show-bin-path)/confide"

# The real interpreter, not a version-manager shim, so that shim start-up is not timed.
PY="$("$PYTHON" -c 'import sys; print(sys.executable)')"
if ! "$PY" -c 'import pyxform, openpyxl' 2>/dev/null; then
  echo "== installing pyxform"
  "$PY" -m pip install --quiet pyxform
fi

echo "== generating inputs in $OUT"
"$PY" "$HERE/generate.py" --out "$OUT" --questions "${QUESTIONS:-2000}" --seed "${SEED:-2026}"

ARGS=(--confide "$CONFIDE" --python "$PY" --out "$OUT"
  --confide-runs "${CONFIDE_RUNS:-10}" --pyxform-runs "${PYXFORM_RUNS:-5}" --timer "${TIMER:-auto}")
if [ -n "${REQUIRE_TARGET:-}" ]; then ARGS+=(--require-target); fi
exec "$PY" "$HERE/bench.py" "${ARGS[@]}"
