#!/usr/bin/env bash
# The runs behind docs/RESULTS.md. Each target writes a run folder under OUT (default
# runs/results) with CSVs, summary.json and plots; `scorer summary DIR` re-prints a table.
#   bash bench/reproduce.sh classic      CartPole-v1, Acrobot-v1 and MountainCar-v0: 8 algorithms x 10 seeds x 1e6 steps
#   bash bench/reproduce.sh minatar      Breakout and SpaceInvaders: scorer-dqn, dqn x 10 seeds x 1e7 steps
#   bash bench/reproduce.sh minatar-rest Asterix, Freeway and Seaquest: the same (10 seeds)
#   bash bench/reproduce.sh minatar-variants  Breakout and SpaceInvaders: the other six algorithms (double, dueling
#                                        and both, each SCORER beside its baseline) x 10 seeds x 1e7 steps
#   bash bench/reproduce.sh minatar-variants-rest  Asterix, Freeway and Seaquest: the same (10 seeds)
#   bash bench/reproduce.sh l1norm       the final L1Norm the reference drops, put back: double-Q variants on Breakout and
#                                        SpaceInvaders (3 seeds x 1e7), dueling variants on MountainCar-v0 (5 seeds x 1e6)
#   bash bench/reproduce.sh l1norm-rest  the double-Q variants with the final L1Norm on Asterix, Freeway and Seaquest
#                                        (3 seeds x 1e7; compare with minatar-variants-rest)
#   bash bench/reproduce.sh pqn          scorer-pqn, pqn: CartPole-v1 10 seeds x 1e6, Breakout 10 seeds x STEPS_PQN_MINATAR (3e6)
#   bash bench/reproduce.sh pqn-rest     the same on Asterix, Freeway, SpaceInvaders and Seaquest (10 seeds x 3e6 each)
#   bash bench/reproduce.sh pqn-1e8      Breakout at the reference's PQN protocol: 3 seeds x 1e8 steps, decay horizon 5e7
#                                        (about 70 minutes on two cores); PQN_1E8_GAMES="asterix:Asterix ..." for others
#                                        (folder <game>-pqn-1e8; 16-40 minutes per run on one core, Seaquest the longest)
#   bash bench/reproduce.sh learning     CartPole-v1 scorer-dqn, dqn x 10 seeds x 5e5 (issue #2's learning benchmark)
#   bash bench/reproduce.sh learning60   the same with 60 seeds of scorer-dqn, 30 of dqn (its seed-to-seed spread);
#                                        bench/peer_learning.sh runs the PyTorch peer for comparison
#   bash bench/reproduce.sh eval         greedy evaluation (scorer eval DIR --all, 100 episodes per seed) of every
#                                        finished run folder under OUT that kept checkpoints: DIR/eval.csv and a table;
#                                        SpaceInvaders and Freeway folders also at epsilon 0.01 (DIR/eval-eps0.01.csv)
#   bash bench/reproduce.sh sensitivity  a sweep of SCORER-DQN's follower learning rate x follower loss on CartPole-v1
#                                        (6 points x 10 seeds x 5e5), and its best point on fresh seeds 10-29
# Environment: OUT, THREADS (default: all cores), STEPS_PQN_MINATAR (default 3e6), PQN_1E8_GAMES.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-runs/results}; THREADS=${THREADS:-0}
BIN=${SCORER_BIN:-bin/scorer}
ALL=scorer-dqn,dqn,scorer-ddqn,ddqn,scorer-dueling-dqn,dueling-dqn,scorer-dueling-ddqn,dueling-ddqn
run() { # run NAME ARGS...: skip finished runs, resume interrupted ones
    local dir="$OUT/$1"; shift
    if [ -f "$dir/summary.json" ]; then echo "$dir: done"; return; fi
    if [ -f "$dir/run.ini" ]; then "$BIN" compare --resume "$dir" --threads "$THREADS" --quiet
    else "$BIN" compare "$@" --threads "$THREADS" --quiet --out "$dir"; fi
    "$BIN" summary "$dir"
}
mkdir -p "$OUT"
for target in "${@:-classic}"; do
    case "$target" in
    classic)
        run cartpole-1e6 --env CartPole-v1 --algos "$ALL" --seeds 10 --steps 1000000
        run acrobot-1e6 --env Acrobot-v1 --algos "$ALL" --seeds 10 --steps 1000000
        run mountaincar-1e6 --env MountainCar-v0 --algos "$ALL" --seeds 10 --steps 1000000 ;;
    minatar)
        run breakout-1e7 --env Breakout-MinAtar --algos scorer-dqn,dqn --seeds 10 --steps 10000000
        run spaceinvaders-1e7 --env SpaceInvaders-MinAtar --algos scorer-dqn,dqn --seeds 10 --steps 10000000 ;;
    minatar-variants)
        V=scorer-ddqn,ddqn,scorer-dueling-dqn,dueling-dqn,scorer-dueling-ddqn,dueling-ddqn
        run breakout-variants-1e7 --env Breakout-MinAtar --algos "$V" --seeds 10 --steps 10000000
        run spaceinvaders-variants-1e7 --env SpaceInvaders-MinAtar --algos "$V" --seeds 10 --steps 10000000 ;;
    minatar-variants-rest)
        V=scorer-ddqn,ddqn,scorer-dueling-dqn,dueling-dqn,scorer-dueling-ddqn,dueling-ddqn
        run asterix-variants-1e7 --env Asterix-MinAtar --algos "$V" --seeds 10 --steps 10000000
        run freeway-variants-1e7 --env Freeway-MinAtar --algos "$V" --seeds 10 --steps 10000000
        run seaquest-variants-1e7 --env Seaquest-MinAtar --algos "$V" --seeds 10 --steps 10000000 ;;
    minatar-rest)
        run asterix-1e7 --env Asterix-MinAtar --algos scorer-dqn,dqn --seeds 10 --steps 10000000
        run freeway-1e7 --env Freeway-MinAtar --algos scorer-dqn,dqn --seeds 10 --steps 10000000
        run seaquest-1e7 --env Seaquest-MinAtar --algos scorer-dqn,dqn --seeds 10 --steps 10000000 ;;
    pqn)
        run cartpole-pqn-1e6 --env CartPole-v1 --algos scorer-pqn,pqn --seeds 10 --steps 1000000
        # the MinAtar decay horizon (5e7) belongs to 1e8-step runs: scale it to the budget
        S=${STEPS_PQN_MINATAR:-3000000}
        run breakout-pqn-$S --env Breakout-MinAtar --algos scorer-pqn,pqn --seeds 10 --steps "$S" --set decay_horizon="$S" ;;
    pqn-1e8) # the reference's budget and decay horizon (the MinAtar defaults)
        for g in ${PQN_1E8_GAMES:-breakout:Breakout}; do
            run "${g%%:*}-pqn-1e8" --env "${g#*:}-MinAtar" --algos scorer-pqn,pqn --seeds 3 --steps 100000000
        done ;;
    pqn-rest)
        S=${STEPS_PQN_MINATAR:-3000000}
        for g in asterix:Asterix freeway:Freeway spaceinvaders:SpaceInvaders seaquest:Seaquest; do
            run "${g%%:*}-pqn-$S" --env "${g#*:}-MinAtar" --algos scorer-pqn,pqn --seeds 10 --steps "$S" --set decay_horizon="$S"
        done ;;
    learning)
        run cartpole-5e5 --env CartPole-v1 --algos scorer-dqn,dqn --seeds 10 --steps 500000 ;;
    learning60)
        run cartpole-5e5-30seeds --env CartPole-v1 --algos scorer-dqn,dqn --seeds 30 --steps 500000
        run cartpole-5e5-seeds30-59 --env CartPole-v1 --algos scorer-dqn --seed 30 --seeds 30 --steps 500000 ;;
    sensitivity)
        dir="$OUT/cartpole-sweep-follower"
        if [ -f "$dir/sweep.ini" ]; then "$BIN" sweep --resume "$dir" --threads "$THREADS" --quiet
        else "$BIN" sweep --env CartPole-v1 --algos scorer-dqn --seeds 10 --steps 500000 --grid follower_lr=1e-4,3e-4,1e-3 \
                 --grid follower_loss=msbe,variance --threads "$THREADS" --quiet --out "$dir"; fi
        "$BIN" summary "$dir"
        dir="$OUT/cartpole-5e5-flr1e-4-seeds10-29"
        if [ -f "$dir/summary.json" ]; then :
        elif [ -f "$dir/run.ini" ]; then "$BIN" train --resume "$dir" --threads "$THREADS" --quiet
        else "$BIN" train --env CartPole-v1 --algo scorer-dqn --seed 10 --seeds 20 --steps 500000 --set follower_lr=1e-4 \
                 --threads "$THREADS" --quiet --out "$dir"; fi
        "$BIN" summary "$dir" ;;
    l1norm)
        # the variants whose reference encoder drops the final L1Norm, with it back: the double-Q heads on
        # MinAtar (compare with minatar-variants) and the dueling heads on MountainCar (compare with classic)
        dir="$OUT/minatar-doubleq-l1norm-1e7"
        if [ -f "$dir/sweep.ini" ]; then "$BIN" sweep --resume "$dir" --threads "$THREADS" --quiet
        else "$BIN" sweep --grid env=Breakout-MinAtar,SpaceInvaders-MinAtar --grid final_l1norm=1 \
                 --algos scorer-ddqn,ddqn,scorer-dueling-ddqn,dueling-ddqn --seeds 10 --steps 10000000 \
                 --threads "$THREADS" --quiet --out "$dir"; fi
        "$BIN" summary "$dir"
        for g in "Breakout-MinAtar breakout-ddqn-l1norm-seeds3-4 scorer-ddqn,ddqn" \
                 "SpaceInvaders-MinAtar spaceinvaders-duelingddqn-l1norm-seeds3-4 scorer-dueling-ddqn,dueling-ddqn"; do
            set -- $g; dir="$OUT/$2"   # seeds 3-4 of the two headline cases, both settings
            if [ -f "$dir/sweep.ini" ]; then "$BIN" sweep --resume "$dir" --threads "$THREADS" --quiet
            else "$BIN" sweep --env "$1" --algos "$3" --seed 3 --seeds 2 --steps 10000000 --grid final_l1norm=0,1 \
                     --threads "$THREADS" --quiet --out "$dir"; fi
            "$BIN" summary "$dir"
        done
        run mountaincar-dueling-l1norm-1e6 --env MountainCar-v0 --algos scorer-dueling-dqn,dueling-dqn,scorer-dueling-ddqn,dueling-ddqn \
            --seeds 5 --steps 1000000 --set final_l1norm=1 ;;
    l1norm-rest)
        dir="$OUT/minatar-doubleq-l1norm-rest-1e7"
        if [ -f "$dir/sweep.ini" ]; then "$BIN" sweep --resume "$dir" --threads "$THREADS" --quiet
        else "$BIN" sweep --grid env=Asterix-MinAtar,Freeway-MinAtar,Seaquest-MinAtar --grid final_l1norm=1 \
                 --algos scorer-ddqn,ddqn,scorer-dueling-ddqn,dueling-ddqn --seeds 10 --steps 10000000 \
                 --threads "$THREADS" --quiet --out "$dir"; fi
        "$BIN" summary "$dir" ;;
    eval)
        for dir in "$OUT"/*/ "$OUT"/*/p[0-9][0-9][0-9]/; do
            dir=${dir%/}
            [ -f "$dir/summary.json" ] || continue
            find "$dir" -maxdepth 3 -name '*.ckpt' | grep -q . || continue
            "$BIN" eval "$dir" --all --episodes 100 | sed -n '/episode(s) per seed/,$p'
            # SpaceInvaders (no randomness: a greedy agent replays one episode) and Freeway (greedy agents
            # that never cross): also at the end of training's epsilon, beside eval.csv (RESULTS.md)
            if grep -Eq '"env": "(SpaceInvaders|Freeway)-MinAtar"' "$dir/summary.json"; then
                "$BIN" eval "$dir" --all --episodes 100 --eps 0.01 --out "$dir/eval-eps0.01.csv" |
                    sed -n '/episode(s) per seed/,$p'
            fi
        done ;;
    *) echo "reproduce.sh: unknown target $target (classic, minatar, minatar-rest, minatar-variants, minatar-variants-rest, l1norm, l1norm-rest, pqn, pqn-rest, pqn-1e8, learning, learning60, sensitivity, eval)" >&2; exit 2 ;;
    esac
done
