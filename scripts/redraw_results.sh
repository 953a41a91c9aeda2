#!/bin/bash
# Re-draws every committed figure of docs/results from its run folders (after a change of scorer plot):
# each folder's returns.png, and the figures of several folders that docs/RESULTS.md shows. The numbers
# (summary.json, CSVs) are not touched. Usage: bash scripts/redraw_results.sh [BIN]   (from the repository root)
set -euo pipefail
BIN=${1:-bin/scorer}
R=docs/results
for png in $(git ls-files "$R" | grep '/returns\.png$'); do
    "$BIN" plot "$(dirname "$png")" > /dev/null
done
"$BIN" plot $R/{breakout,spaceinvaders,asterix,freeway,seaquest}-1e7 --out $R/minatar-five > /dev/null
"$BIN" plot $R/{breakout,spaceinvaders,asterix,freeway,seaquest}-1e7 --metric leader_loss --out $R/minatar-five-leader-loss > /dev/null
"$BIN" plot $R/seaquest-1e7 --each-seed > /dev/null
"$BIN" plot $R/{breakout,spaceinvaders,asterix,freeway,seaquest}-pqn-3000000 --out $R/minatar-five-pqn > /dev/null
"$BIN" plot $R/breakout-variants-1e7 $R/minatar-doubleq-l1norm-1e7/p000 $R/spaceinvaders-variants-1e7 \
    $R/minatar-doubleq-l1norm-1e7/p001 --algos scorer-ddqn,scorer-dueling-ddqn --out $R/minatar-doubleq-l1norm-1e7/scorer-l1norm > /dev/null
"$BIN" plot $R/asterix-variants-1e7 $R/minatar-doubleq-l1norm-rest-1e7/p000 $R/freeway-variants-1e7 \
    $R/minatar-doubleq-l1norm-rest-1e7/p001 $R/seaquest-variants-1e7 $R/minatar-doubleq-l1norm-rest-1e7/p002 \
    --algos scorer-ddqn,ddqn,scorer-dueling-ddqn,dueling-ddqn --out $R/minatar-doubleq-l1norm-rest-1e7/l1norm-rest > /dev/null
for s in $(git ls-files "$R" | grep '/sweep\.ini$'); do
    [ -n "$(git ls-files "$(dirname "$s")/sweep.png")" ] && "$BIN" plot "$(dirname "$s")" > /dev/null
done
echo "re-drew the figures of $R; git status shows which changed"
