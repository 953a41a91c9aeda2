#!/usr/bin/env bash
# Long differential check of the learner against PyTorch: the C learner trains CartPole-v1 with the
# reference configuration and records every update (longrun.c); PyTorch replays the updates window by
# window in the peer's formulation (longrun.py) and reports the drift. Needs python3-torch.
#   bash bench/parity/longrun.sh [ALGO (scorer-dqn)] [STEPS (500000)] [SEED (0)]
# A 5e5-step trace is about 750 MB (in a temporary folder, removed after) and the replay takes about 4 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
ALGO=${1:-scorer-dqn}; STEPS=${2:-500000}; SEED=${3:-0}
make -s build/libscorer.a
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
cc -std=c11 -O2 -Iinclude bench/parity/longrun.c build/libscorer.a -lopenblas -lm -lpthread -o "$T/longrun"
"$T/longrun" "$ALGO" "$STEPS" "$SEED" "$T/trace.bin"
/usr/bin/python3 bench/parity/longrun.py "$T/trace.bin" "$STEPS"
