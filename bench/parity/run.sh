#!/usr/bin/env bash
# Checks that our SCORER-DQN updates equal PyTorch's (the peer's formulation) on one batch:
# targets, three leader + follower steps (Adam, clipping), final parameters. Needs python3-torch.
#   bash bench/parity/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
make -s build/libscorer.a
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
cc -std=c11 -O2 -Iinclude bench/parity/parity.c build/libscorer.a -lopenblas -lm -o "$T/parity"
cp bench/parity/parity.py "$T/"
cd "$T" && ./parity && /usr/bin/python3 parity.py
