#!/usr/bin/env bash
# Learning quality of the PyTorch peer (../shared/peers/scorer_torch.py) over several seeds on this
# machine: per seed the peer's last-10% mean return, then mean ± std and median over seeds (the
# statistic `scorer compare` reports as "final return").
#   bash bench/peer_learning.sh [--algo scorer|dqn] [--env CartPole-v1] [--seeds 20] [--steps 500000]
# A 5e5-step run takes about two minutes here (4k SPS); results go to $OUT (default runs/peer).
set -euo pipefail
cd "$(dirname "$0")/.."
ALGO=scorer; ENV=CartPole-v1; SEEDS=20; STEPS=500000
PEER=${PEER:-../shared/peers/scorer_torch.py}
OUT=${OUT:-runs/peer}
while [ $# -gt 0 ]; do
    case "$1" in
        --algo) ALGO=$2; shift 2 ;; --env) ENV=$2; shift 2 ;; --seeds) SEEDS=$2; shift 2 ;;
        --steps) STEPS=$2; shift 2 ;;
        *) echo "peer_learning.sh: unknown option $1 (see the header of bench/peer_learning.sh)" >&2; exit 2 ;;
    esac
done
if [ ! -f "$PEER" ] || ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "peer_learning.sh: needs $PEER and /usr/bin/python3 with python3-torch (scripts/deps.sh installs it)" >&2
    exit 1
fi
mkdir -p "$OUT"
log="$OUT/$ALGO-$ENV-$STEPS.log"
for s in $(seq 0 $((SEEDS - 1))); do
    if grep -q " seed=$s " "$log" 2>/dev/null; then continue; fi   # done in an earlier call
    /usr/bin/python3 "$PEER" --algo "$ALGO" --env "$ENV" --total_timesteps "$STEPS" --seed "$s" --threads 1 \
        --csv "$OUT/$ALGO-$ENV-$STEPS-seed$s.csv" >> "$log"
done
vals=$(sed -E 's/.* seed=([0-9]+) .*last10pct_mean_return=([-0-9.]+).*/\1 \2/' "$log" | awk -v n="$SEEDS" '$1 < n' | sort -n)
echo "$vals" | awk '{ printf "seed %s  %.1f\n", $1, $2 }'
echo "$vals" | sort -k2 -g | awk -v a="$ALGO" '
    { v[NR] = $2; s += $2; ss += $2 * $2 }
    END { n = NR; m = s / n; sd = n > 1 ? sqrt((ss - n * m * m) / (n - 1)) : 0
          med = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
          printf "peer %s: %d seeds, final return %.1f ± %.1f (median %.1f)\n", a, n, m, sd, med }'
