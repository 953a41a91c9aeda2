#!/usr/bin/env bash
# Raw MinAtar throughput against the numpy reference measured in the same run, with the protocol of
# ENVIRONMENTS.md section 7 (original rules, sticky actions 0.1, all 6 actions, random actions, the
# observation every step). Per round and game: the peer (bench/minatar_peer.py, 5 runs of 2 s) and
# bench_env (packed, N = 1, 5 runs of 1 s), one after the other on one core, which goes first swapped each
# round. Prints per game the medians and the same-run ratio (the median of the rounds' ratios), beside the
# ratio to section 7's figure (measured on another machine).
#   bash bench/minatar_speed.sh --minatar DIR [--rounds 4] [--games "breakout seaquest"] [--core 0]
# DIR: a checkout of kenjyoung/MinAtar at the commit ENVIRONMENTS.md section 0 names; it is first checked
# against ../shared/refdata/minatar. Needs python3-numpy (/usr/bin/python3; PYTHON=... to change).
set -euo pipefail
cd "$(dirname "$0")/.."
MINATAR=""; ROUNDS=4; GAMES="breakout asterix freeway space_invaders seaquest"; CORE=0
REFDATA=${REFDATA:-../shared/refdata/minatar}
PYTHON=${PYTHON:-/usr/bin/python3}
BUILD=${BUILD:-build}
while [ $# -gt 0 ]; do
    case "$1" in
        --minatar) MINATAR=$2; shift 2 ;; --rounds) ROUNDS=$2; shift 2 ;; --games) GAMES=$2; shift 2 ;;
        --core) CORE=$2; shift 2 ;;
        *) echo "minatar_speed.sh: unknown option $1 (see the header of bench/minatar_speed.sh)" >&2; exit 2 ;;
    esac
done
[ -n "$MINATAR" ] || { echo "minatar_speed.sh: --minatar DIR is required (a MinAtar checkout; see the header)" >&2; exit 2; }
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "minatar_speed.sh: --rounds must be a positive integer" >&2; exit 2; }
declare -A NAME=([breakout]=Breakout [asterix]=Asterix [freeway]=Freeway [space_invaders]=SpaceInvaders
                 [seaquest]=Seaquest)
for g in $GAMES; do
    [ -n "${NAME[$g]:-}" ] || { echo "minatar_speed.sh: unknown game $g (breakout asterix freeway space_invaders seaquest)" >&2; exit 2; }
done
command -v taskset >/dev/null || { echo "minatar_speed.sh: taskset is missing (apt-get install util-linux)" >&2; exit 2; }
make -s BUILD="$BUILD" bench >/dev/null
# exit 1: mismatches; 2: the peer could not start (minatar_peer.py said why)
rc=0; "$PYTHON" bench/minatar_peer.py --minatar "$MINATAR" check "$REFDATA" | tail -1 || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 2 ] ||
    echo "minatar_speed.sh: $MINATAR does not replay $REFDATA: use the commit ENVIRONMENTS.md section 0 names" >&2
[ "$rc" = 0 ] || exit "$rc"

LOG=$(mktemp); trap 'rm -f "$LOG"' EXIT
peer() { echo "$2 peer $(taskset -c "$CORE" "$PYTHON" bench/minatar_peer.py --minatar "$MINATAR" speed "$1" \
             --seed $((1000 * $2 + 1)) | awk '{print $1, $3}')" >> "$LOG"; }
ours() { echo "$2 ours $1 $(taskset -c "$CORE" "$BUILD/bench/bench_env" --env "${NAME[$1]}-MinAtar" --mode packed --n 1 \
             --runs 5 | awk '{print $4}')" >> "$LOG"; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; core $CORE," \
     "$ROUNDS rounds; $("$PYTHON" -c 'import sys, numpy; print("python", sys.version.split()[0], "numpy", numpy.__version__)')"
for r in $(seq 1 "$ROUNDS"); do
    for g in $GAMES; do
        if [ $((r % 2)) = 1 ]; then peer "$g" "$r"; ours "$g" "$r"; else ours "$g" "$r"; peer "$g" "$r"; fi
    done
done
"$PYTHON" - "$LOG" <<'EOF'
import statistics as st, sys
SECTION7 = {"breakout": 577e3, "asterix": 460e3, "freeway": 231e3, "space_invaders": 66e3, "seaquest": 369e3}
peer, ours = {}, {}
for line in open(sys.argv[1]):
    r, who, game, sps = line.split()
    (peer if who == "peer" else ours).setdefault(game, {})[int(r)] = float(sps)
print("| game | peer here, steps/s (median [range]) | scorer, steps/s | same-run ratio (median [range]) | section 7 figure | ratio to it |")
print("|---|---|---|---|---|---|")
for g in peer:
    p, o = peer[g], ours[g]
    ratios = [o[r] / p[r] for r in p]
    mo = st.median(o.values())
    print(f"| {g} | {st.median(p.values()) / 1e3:.0f}k [{min(p.values()) / 1e3:.0f}k-{max(p.values()) / 1e3:.0f}k] | "
          f"{mo / 1e6:.1f} M [{min(o.values()) / 1e6:.1f}-{max(o.values()) / 1e6:.1f}] | "
          f"{st.median(ratios):.0f}x [{min(ratios):.0f}-{max(ratios):.0f}] | {SECTION7[g] / 1e3:.0f}k | {mo / SECTION7[g]:.0f}x |")
EOF
