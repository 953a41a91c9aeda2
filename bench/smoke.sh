#!/usr/bin/env bash
# Short smoke runs of every benchmark (CI): they must run, not meet any target.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
"$BUILD/bench/bench_env" --smoke
bash bench/speed.sh --smoke
"$BUILD/bench/bench_pqn" --smoke
