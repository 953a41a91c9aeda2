#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan) and fuzzes each for SECONDS (default 30): the
# checkpoint reader once per environment (each env state is its own format), the config reader, the
# reference-data readers of `scorer env-check`, the summary.json and seed CSV readers, and the sweep
# manifest reader.
#   scripts/fuzz.sh [SECONDS]     needs Debian packages clang and libclang-rt-14-dev
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-30}
B=build-fuzz
CLANG=$(command -v clang || command -v clang-14)
FLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DSCORER_FUZZING -g -O1 -Iinclude
       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
# the checkpoint reader for each kind of env state (SCORER-DQN), and for PQN's rollout state (ENV/ALGO;
# on MinAtar its index lists are made from the restored rollout);
# a harness that accepts a checkpoint trains on it
CKPT_ENVS="CartPole-v1 Acrobot-v1 MountainCar-v0 Breakout-MinAtar Asterix-MinAtar Freeway-MinAtar
           SpaceInvaders-MinAtar Seaquest-MinAtar CartPole-v1/scorer-pqn Breakout-MinAtar/scorer-pqn"
mkdir -p $B/corpus_config
# The library once, with the Makefile's per-folder flags (environments without FMA contraction, as the
# real builds), instrumented for the fuzzer without its main (fuzzer-no-link), on every core; each
# harness links it. (Five whole-library compiles, one per harness, took two minutes of CI.)
make -s CC="$CLANG" BUILD=$B -j"$(nproc)" \
    OPT="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -DSCORER_FUZZING" \
    $B/libscorer.a $B/obj/src/cli/options.o
for h in ckpt config refcheck summary sweep; do
    extra=""; [ $h = config ] && extra=$B/obj/src/cli/options.o
    $CLANG $FLAGS fuzz/fuzz_$h.c $extra $B/libscorer.a -lopenblas -lpthread -lm -o $B/fuzz_$h
done
mkdir -p $B/corpus_sweep
printf '[sweep]\ncommand = sweep\nalgos = scorer-dqn,dqn\npoints = 4\n[grid]\nfollower_lr = 1e-4,3e-4\ntau = 1,0.5\n[base]\nenv = CartPole-v1\nnum_seeds = 2\n[build]\nscorer_version = 0.1.0\nbuild_commit = abc\n' \
    > $B/corpus_sweep/a.ini
mkdir -p $B/corpus_summary
n=0; for f in docs/results/*/summary.json docs/results/*/*/seed_0.csv; do n=$((n + 1)); cp "$f" "$B/corpus_summary/s$n"; done
# and one with the build records (provenance, resumed_by), which the results' older files lack
printf '{"env": "E", "steps": 10, "algos": {"dqn": {"seeds": [0], "final_return": [1]}},\n "provenance": %s,\n "resumed_by": %s}\n' \
    '{"version": "0.1.0", "commit": "abc", "compiler": "gcc 12", "flags": "cc -O3", "cpu": "X", "blas": "B", "os": "L"}' \
    '{"version": "0.1.0", "commit": "def-dirty", "cpu": "Y"}' > "$B/corpus_summary/provenance"
# reference files' first lines (whole episodes would make slow inputs) as the reference reader's seeds; a
# classic file's last row marked truncated, so that the seed ends its episode as the reader requires (cut
# mid-episode, it stopped at the end-of-file check, before the dynamics)
mkdir -p $B/corpus_refcheck
for f in tests/refdata/*/*.xz; do
    case $f in */classic*) cut_end() { sed '$ s/[^,]*$/1/'; } ;; *) cut_end() { cat; } ;; esac
    xz -dc "$f" | head -n 60 | cut_end > "$B/corpus_refcheck/$(basename "$(dirname "$f")")_$(basename "$f" .xz)" || true
done
corpus_of() { echo "$B/corpus_ckpt_${1//\//_}"; }
algo_of() { if [[ $1 == */* ]]; then echo "${1#*/}"; else echo scorer-dqn; fi; }
for t in $CKPT_ENVS; do
    mkdir -p "$(corpus_of $t)"
    SCORER_FUZZ_ENV=${t%%/*} SCORER_FUZZ_ALGO=$(algo_of $t) SCORER_FUZZ_SEED="$(corpus_of $t)/valid.ckpt" $B/fuzz_ckpt
done
printf 'env = CartPole-v1\nbatch_size = 32\n[learner]\ngamma=0.9\n' > $B/corpus_config/a.ini
printf -- '--env\0CartPole-v1\0--set\0gamma=0.5\0--steps\0100' > $B/corpus_config/b.args
for t in $CKPT_ENVS config refcheck summary sweep; do
    h=ckpt; corpus=$(corpus_of $t)
    if [[ $t == config || $t == refcheck || $t == summary || $t == sweep ]]; then h=$t; corpus=$B/corpus_$t; fi
    echo "== fuzz_$h $([ $h = ckpt ] && echo "($t) ")for ${SECS}s"
    # -timeout: an input that runs for seconds is a hang (a state the reader should have refused)
    SCORER_FUZZ_ENV=${t%%/*} SCORER_FUZZ_ALGO=$(algo_of $t) \
        $B/fuzz_$h -max_total_time="$SECS" -timeout=10 -max_len=400000 -print_final_stats=1 "$corpus" 2>&1 |
        grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|Done' || true
    # libFuzzer exits non-zero on a crash; the pipeline above hides it, so look for its artifacts (each
    # pattern on its own: one `ls` of all four fails, and so passes, unless every kind is there)
    for a in crash-* leak-* timeout-* oom-*; do
        if [ -e "$a" ]; then echo "fuzz_$h ($t) found a problem: $a"; exit 1; fi
    done
done
