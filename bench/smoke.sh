#!/usr/bin/env bash
# Short smoke runs of every benchmark (CI): they must run, not meet any target.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
"$BUILD/bench/bench_env" --smoke
bash bench/speed.sh --smoke
"$BUILD/bench/bench_pqn" --smoke
# the A/B script, one build against itself: it must run and find the same seed CSV
bash bench/ab.sh "${SCORER_BIN:-bin/scorer}" "${SCORER_BIN:-bin/scorer}" --steps 5000 --pairs 1 | grep -q "seed CSVs: same"
# the long differential check against PyTorch, briefly: the C side always, the replay where
# python3-torch is installed (bench/parity/longrun.sh runs the whole thing)
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
cc -std=c11 -O2 -Wall -Wextra -Werror -Iinclude bench/parity/longrun.c "$BUILD/libscorer.a" -lopenblas -lm -lpthread \
    -o "$T/longrun"
"$T/longrun" scorer-dqn 3000 0 "$T/trace.bin"
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then /usr/bin/python3 bench/parity/longrun.py "$T/trace.bin" 3000; fi
# the numpy MinAtar peer needs a MinAtar checkout, which CI has not: its driver must refuse clearly
if bash bench/minatar_speed.sh --rounds 1 2>"$T/err"; then echo "minatar_speed.sh ran without --minatar" >&2; exit 1; fi
grep -q -- "--minatar DIR is required" "$T/err"
