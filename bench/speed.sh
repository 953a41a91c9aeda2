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
declare -A MED
for algo in scorer-dqn dqn; do
    vals=""
    for r in $(seq 1 "$RUNS"); do
        out="$TMP/$algo-$r"
        "$BIN" train --env "$ENV" --algo "$algo" --seed "$r" --steps "$STEPS" --threads 1 --checkpoint-every -1 --quiet --out "$out" >/dev/null
        vals="$vals $(sps_of "$out/summary.json")"
    done
    MED[$algo]=$(echo $vals | tr ' ' '\n' | median)
    printf '%-12s SPS median %10.0f   (runs:%s)\n' "$algo" "${MED[$algo]}" "$vals"
done
[ "$SMOKE" = 1 ] && exit 0
if [ ! -f "$PEER" ] || ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "peer not available ($PEER with /usr/bin/python3 and python3-torch; SCORER_DEPS_EXTRA=python3-torch scripts/deps.sh installs it): no ratio"; exit 0
fi
for pair in "scorer scorer-dqn" "dqn dqn"; do
    set -- $pair
    vals=""
    for r in $(seq 1 "$RUNS"); do
        line=$(/usr/bin/python3 "$PEER" --algo "$1" --env "$ENV" --total_timesteps "$STEPS" --seed "$r" --threads 1)
        vals="$vals $(echo "$line" | sed -E 's/.*SPS=([0-9.]+).*/\1/')"
    done
    m=$(echo $vals | tr ' ' '\n' | median)
    printf 'peer %-7s SPS median %10.0f   (runs:%s)   scorer %s / peer = %.1fx\n' "$1" "$m" "$vals" "$2" \
        "$(echo "${MED[$2]} $m" | awk '{print $1/$2}')"
done
