#!/usr/bin/env bash
# Training speed with learning included: environment steps per second of scorer's training loop
# (one seed, one thread, reference configuration) against the PyTorch peer measured in the same
# run. Prints the median of RUNS runs of each and the ratio.
#   bash bench/speed.sh [--env CartPole-v1] [--steps 200000] [--runs 5] [--smoke]
# --smoke: a tiny run of each algorithm, no peer (CI). Checkpoints are off (the peer has none).
set -euo pipefail
cd "$(dirname "$0")/.."
ENV=CartPole-v1; STEPS=200000; RUNS=5; SMOKE=0
PEER=${PEER:-../shared/peers/scorer_torch.py}
while [ $# -gt 0 ]; do
    case "$1" in
        --env) ENV=$2; shift 2 ;; --steps) STEPS=$2; shift 2 ;; --runs) RUNS=$2; shift 2 ;;
        --smoke) SMOKE=1; STEPS=20000; RUNS=1; shift ;;
        *) echo "speed.sh: unknown option $1 (see the header of bench/speed.sh)" >&2; exit 2 ;;
    esac
done
BIN=${SCORER_BIN:-bin/scorer}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
sps_of() { tr -d ' \n' < "$1" | sed -E 's/.*"sps":\[([0-9.eE+-]+).*/\1/'; }

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; $ENV, $STEPS steps, $RUNS runs"
have_peer=1
if [ "$SMOKE" = 1 ]; then have_peer=0
elif [ ! -f "$PEER" ] || ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "peer not available ($PEER with /usr/bin/python3 and python3-torch; SCORER_DEPS_EXTRA=python3-torch scripts/deps.sh installs it): no ratio"
    have_peer=0
fi
ours() {   # ours ALGO RUN: one training run's SPS
    local out="$TMP/$1-$2"
    "$BIN" train --env "$ENV" --algo "$1" --seed "$2" --steps "$STEPS" --threads 1 --checkpoint-every -1 --quiet --out "$out" >/dev/null 2> >(grep -v '^scorer: warning: ' >&2) # the known warnings (no checkpoints)
    sps_of "$out/summary.json"
}
peer() {   # peer ALGO RUN: the PyTorch peer's SPS
    /usr/bin/python3 "$PEER" --algo "$1" --env "$ENV" --total_timesteps "$STEPS" --seed "$2" --threads 1 |
        sed -E 's/.*SPS=([0-9.]+).*/\1/'
}
# Each run r of an algorithm measures ours and the peer back to back, the order swapped from one run
# to the next: this virtual machine's speed drifts over minutes, and a ratio of two runs made minutes
# apart (all of ours, then all of the peer's) carried that drift. The ratio quoted is the median of
# the runs' own ratios.
for pair in "scorer-dqn scorer" "dqn dqn"; do
    set -- $pair
    vals=""; pvals=""; ratios=""
    for r in $(seq 1 "$RUNS"); do
        if [ "$have_peer" = 1 ] && [ $((r % 2)) = 0 ]; then p=$(peer "$2" "$r"); o=$(ours "$1" "$r")
        else o=$(ours "$1" "$r"); [ "$have_peer" = 1 ] && p=$(peer "$2" "$r"); fi
        vals="$vals $o"
        if [ "$have_peer" = 1 ]; then pvals="$pvals $p"; ratios="$ratios $(echo "$o $p" | awk '{printf "%.1f", $1/$2}')"; fi
    done
    printf '%-12s SPS median %10.0f   (runs:%s)\n' "$1" "$(echo $vals | tr ' ' '\n' | median)" "$vals"
    [ "$have_peer" = 1 ] || continue
    printf 'peer %-7s SPS median %10.0f   (runs:%s)\n' "$2" "$(echo $pvals | tr ' ' '\n' | median)" "$pvals"
    printf "%-12s / peer: median of the runs' ratios %.1fx (runs:%s)\n" "$1" "$(echo $ratios | tr ' ' '\n' | median)" "$ratios"
done
