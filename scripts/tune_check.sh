#!/usr/bin/env bash
# The network kernels' bit-for-bit agreements (sparse and dense, fused and separate layers, the
# narrow and general products: tests/test_nn.c) under other CPU tunings. GCC's tuning changes how it
# vectorises and fuses a loop: the scalar tail of the sparse forward once took a tuning-dependent
# path and differed from the tiled kernel on AMD EPYC (znver3) and Intel (icelake-server,
# skylake-avx512) tunings, but not on the machine it was written on. -march stays native, so each
# build runs here. Usage: bash scripts/tune_check.sh [TUNE...]   (about 9 s a tuning on two cores)
set -euo pipefail
cd "$(dirname "$0")/.."
tunes=("$@")
[ ${#tunes[@]} -gt 0 ] || tunes=(generic znver3 icelake-server alderlake)
for t in "${tunes[@]}"; do
    b="build-tune-$t"
    make -s -j2 BUILD="$b" OPT="-O3 -g -march=native -mtune=$t -fno-math-errno" "$b/tests/test_nn" >/dev/null
    if ! out=$("$b/tests/test_nn" 2>&1); then
        printf '%s\n' "$out" | grep -v '^ok' >&2
        echo "tune_check: the network kernels disagree under -mtune=$t (above); build: $b" >&2
        exit 1
    fi
    echo "tune_check: -mtune=$t: $(printf '%s\n' "$out" | tail -1)"
done
