#!/usr/bin/env bash
# Learning quality of the PyTorch peer (../shared/peers/scorer_torch.py) over several seeds on this
# machine: per seed the peer's last-10% mean return, then mean ± std and median over seeds (the
# statistic `scorer compare` reports as "final return").
#   bash bench/peer_learning.sh [--algo scorer|dqn] [--env CartPole-v1] [--seeds 20] [--first 0]
#                               [--steps 500000] [--follower-lr LR]
# --first: seeds FIRST .. SEEDS-1 only (to split the seeds between processes; the summary covers
# every seed below SEEDS in the log). --follower-lr: the peer's perception (follower) learning rate
# instead of its 3e-4, set by wrapping its optimiser's constructor at run time (the peer has no such
# option). A 5e5-step run takes about two minutes here (4k SPS); results go to $OUT (default runs/peer).
set -euo pipefail
cd "$(dirname "$0")/.."
ALGO=scorer; ENV=CartPole-v1; SEEDS=20; FIRST=0; STEPS=500000; FLR=
PEER=${PEER:-../shared/peers/scorer_torch.py}
OUT=${OUT:-runs/peer}
while [ $# -gt 0 ]; do
    case "$1" in
        --algo) ALGO=$2; shift 2 ;; --env) ENV=$2; shift 2 ;; --seeds) SEEDS=$2; shift 2 ;;
        --steps) STEPS=$2; shift 2 ;; --first) FIRST=$2; shift 2 ;; --follower-lr) FLR=$2; shift 2 ;;
        *) echo "peer_learning.sh: unknown option $1 (see the header of bench/peer_learning.sh)" >&2; exit 2 ;;
    esac
done
if [ ! -f "$PEER" ] || ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "peer_learning.sh: needs $PEER and /usr/bin/python3 with python3-torch (SCORER_DEPS_EXTRA=python3-torch scripts/deps.sh installs it)" >&2
    exit 1
fi
mkdir -p "$OUT"
tag="$ALGO-$ENV-$STEPS${FLR:+-flr$FLR}"
log="$OUT/$tag.log"
# the peer's optimiser is built with lr = 3e-4 for the follower (perception) and 1e-4 for the leader
patch="import sys, runpy
sys.path.insert(0, sys.argv[1]); import scorer_torch as m
flr = float(sys.argv[2]); init = m.Opt.__init__
def follower_lr(self, params, lr, *a, **k): init(self, params, flr if lr == 3e-4 else lr, *a, **k)
m.Opt.__init__ = follower_lr
sys.argv = [sys.argv[0]] + sys.argv[3:]; m.main()"
for s in $(seq "$FIRST" $((SEEDS - 1))); do
    if grep -q " seed=$s " "$log" 2>/dev/null; then continue; fi   # done in an earlier call
    args=(--algo "$ALGO" --env "$ENV" --total_timesteps "$STEPS" --seed "$s" --threads 1 --csv "$OUT/$tag-seed$s.csv")
    if [ -n "$FLR" ]; then /usr/bin/python3 -c "$patch" "$(dirname "$PEER")" "$FLR" "${args[@]}" >> "$log"
    else /usr/bin/python3 "$PEER" "${args[@]}" >> "$log"; fi
done
vals=$(sed -E 's/.* seed=([0-9]+) .*last10pct_mean_return=([-0-9.]+).*/\1 \2/' "$log" | awk -v n="$SEEDS" '$1 < n' | sort -n)
echo "$vals" | awk '{ printf "seed %s  %.1f\n", $1, $2 }'
echo "$vals" | sort -k2 -g | awk -v a="$ALGO" '
    { v[NR] = $2; s += $2; ss += $2 * $2 }
    END { n = NR; m = s / n; sd = n > 1 ? sqrt((ss - n * m * m) / (n - 1)) : 0
          med = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
          printf "peer %s: %d seeds, final return %.1f ± %.1f (median %.1f)\n", a, n, m, sd, med }'
