#!/usr/bin/env bash
# Two builds of bin/scorer against each other: PAIRS pairs of one training run each, the builds
# alternating within a pair and the order swapped from pair to pair, so both see the same period of
# this machine's drifting speed. Prints each pair's SPS and ratio (B / A), their median, and whether
# the two builds wrote the same seed CSV (a change meant to keep every bit must print "same").
#   bash bench/ab.sh BIN_A BIN_B [--algo dqn] [--env CartPole-v1] [--steps 200000] [--pairs 4]
# e.g. a build of the commit before:  git worktree add /tmp/old HEAD~1 && make -C /tmp/old
#                                     bash bench/ab.sh /tmp/old/bin/scorer bin/scorer
set -euo pipefail
usage() { echo "usage: bash bench/ab.sh BIN_A BIN_B [--algo A] [--env NAME] [--steps N] [--pairs K]" >&2; exit 2; }
[ $# -ge 2 ] || usage
A=$1; B=$2; shift 2
ALGO=dqn; ENV=CartPole-v1; STEPS=200000; PAIRS=4
while [ $# -gt 0 ]; do
    case $1 in
        --algo) ALGO=$2; shift 2 ;; --env) ENV=$2; shift 2 ;; --steps) STEPS=$2; shift 2 ;;
        --pairs) PAIRS=$2; shift 2 ;; *) usage ;;
    esac
done
for bin in "$A" "$B"; do
    [ -x "$bin" ] || { echo "ab.sh: $bin is not an executable (build it first: make)" >&2; exit 2; }
done
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
run() { # BIN DIR -> SPS of the run
    "$1" train --env "$ENV" --algo "$ALGO" --steps "$STEPS" --threads 1 --checkpoint-every -1 --quiet \
        --out "$2" >/dev/null 2> >(grep -v '^scorer: warning: ' >&2) # the budget's warnings (no checkpoints, PQN's schedule) are known
    tr -d ' \n' < "$2/summary.json" | sed -E 's/.*"sps":\[([0-9.]+).*/\1/'
}
echo "$ENV $ALGO, $STEPS steps, $PAIRS pairs; A = $A, B = $B"
ratios=""
for p in $(seq 1 "$PAIRS"); do
    if [ $((p % 2)) = 1 ]; then a=$(run "$A" "$T/a$p"); b=$(run "$B" "$T/b$p")
    else b=$(run "$B" "$T/b$p"); a=$(run "$A" "$T/a$p"); fi
    r=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')
    ratios="$ratios $r"
    printf 'pair %d: A %.0f SPS, B %.0f SPS, B/A %s\n' "$p" "$a" "$b" "$r"
done
printf 'median B/A: %s\n' "$(echo $ratios | tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
if cmp -s "$T/a1/seed_0.csv" "$T/b1/seed_0.csv"; then echo "seed CSVs: same"; else echo "seed CSVs: differ"; fi
