#!/bin/bash
# slurm_check.sh - `scorer sweep` through a real Slurm: starts a one-node cluster on this machine
# (scripts/slurm_local.sh; root, Debian), submits a sweep's job array, waits for it, and checks that
# every point finished and that its seed CSVs equal those of the same sweep run here without Slurm.
# Then it submits a longer sweep, cancels it mid-run (Slurm sends SIGTERM), resubmits, and checks the
# resumed points against an uninterrupted run. CI runs it (it installs and starts daemons, so it is
# not part of the README's test command); docs/SWEEPS.md records its results.
#   scripts/slurm_check.sh [SCORER_BIN]     (default bin/scorer; build it with make first)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-bin/scorer}")
T=$(mktemp -d /tmp/scorer-slurm.XXXXXX)
scripts/slurm_local.sh
trap 'scripts/slurm_local.sh stop; rm -rf "$T"' EXIT
fail=0
same_csvs() { # same_csvs A B: every seed CSV of sweep A equals B's
    local n=0 f
    for f in "$1"/p*/*/seed_*.csv; do
        n=$((n + 1))
        cmp -s "$f" "$2/${f#"$1"/}" || { echo "DIFFERS: $f"; return 1; }
    done
    [ "$n" -gt 0 ]
}
GRID=(--env CartPole-v1 --algos scorer-dqn,dqn --seeds 2 --grid tau=1,0.5 --grid follower_lr=1e-4,3e-4)

echo "== a 4-point sweep as a Slurm job array"
"$BIN" sweep "${GRID[@]}" --steps 20000 --threads 1 --out "$T/slurm" --plan --quiet
sbatch --wait "$T/slurm/sweep.sbatch"
"$BIN" summary "$T/slurm" | head -2
"$BIN" sweep "${GRID[@]}" --steps 20000 --threads 2 --out "$T/here" --quiet
if same_csvs "$T/slurm" "$T/here"; then echo "OK: the Slurm points equal the local ones"; else fail=1; fi

echo "== cancelled mid-run (SIGTERM), resubmitted, resumed"
# Each point runs 2 seeds of LONG steps one after the other (~10 s at 200k SPS), and the cancel
# comes 2 s after every task is running, not after a fixed wait from submission: a fixed wait
# raced with fast machines (a point could finish before it).
LONG=1000000
LONGGRID=(--env CartPole-v1 --algos scorer-dqn --seeds 2 --grid tau=1,0.5 --steps "$LONG")
"$BIN" sweep "${LONGGRID[@]}" --threads 1 --out "$T/long" --plan --quiet
job=$(sbatch --parsable "$T/long/sweep.sbatch")
for _ in $(seq 120); do
    states=$(squeue -h -j "$job" -o %T 2>/dev/null | sort -u | tr '\n' ' ')
    [ "$states" = "RUNNING " ] && [ "$(squeue -h -j "$job" 2>/dev/null | wc -l)" -eq 2 ] && break
    sleep 0.5
done
sleep 2
scancel "$job"
while squeue -h -j "$job" 2>/dev/null | grep -q .; do sleep 1; done
cat "$T"/long/slurm/*.out
if ls "$T"/long/p00*/summary.json >/dev/null 2>&1; then echo "a point finished before the cancel (raise LONG)"; fail=1; fi
for p in "$T"/long/p00*/; do
    ls "$p"*/ckpt/seed_*.ckpt >/dev/null 2>&1 || { echo "no checkpoint in $p after the cancel"; fail=1; }
done
sbatch --wait "$T/long/sweep.sbatch"
"$BIN" summary "$T/long" | head -2
"$BIN" sweep "${LONGGRID[@]}" --threads 2 --out "$T/longhere" --quiet
if same_csvs "$T/long" "$T/longhere"; then echo "OK: the resumed points equal uninterrupted ones"; else fail=1; fi
[ $fail = 0 ] && echo "slurm_check: all checks passed" || echo "slurm_check: FAILED"
exit $fail
