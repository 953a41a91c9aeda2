#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan) and fuzzes each for SECONDS (default 30).
#   scripts/fuzz.sh [SECONDS]     needs Debian packages clang and libclang-rt-14-dev
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-30}
B=build-fuzz
CLANG=$(command -v clang || command -v clang-14)
FLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DSCORER_FUZZING -g -O1 -Iinclude
       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
mkdir -p $B/corpus_ckpt $B/corpus_config
LIB_SRC=$(ls src/core/*.c src/nn/*.c src/env/*.c src/env/minatar/*.c src/rl/*.c src/run/*.c 2>/dev/null)
$CLANG $FLAGS -ffp-contract=off -fno-builtin-pow fuzz/fuzz_ckpt.c $LIB_SRC -lopenblas -lpthread -lm -o $B/fuzz_ckpt
$CLANG $FLAGS fuzz/fuzz_config.c src/cli/options.c $LIB_SRC -lopenblas -lpthread -lm -o $B/fuzz_config
SCORER_FUZZ_SEED=$B/corpus_ckpt/valid.ckpt $B/fuzz_ckpt
printf 'env = CartPole-v1\nbatch_size = 32\n[learner]\ngamma=0.9\n' > $B/corpus_config/a.ini
printf -- '--env\0CartPole-v1\0--set\0gamma=0.5\0--steps\0100' > $B/corpus_config/b.args
for h in ckpt config; do
    echo "== fuzz_$h for ${SECS}s"
    $B/fuzz_$h -max_total_time="$SECS" -max_len=200000 -print_final_stats=1 $B/corpus_$h 2>&1 |
        grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|Done' || true
    # libFuzzer exits non-zero on a crash; the pipeline above hides it, so check the artifacts
    if ls crash-* leak-* timeout-* oom-* >/dev/null 2>&1; then echo "fuzz_$h found a crash"; exit 1; fi
done
