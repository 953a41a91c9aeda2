#!/bin/sh
# cli_examples.sh - the library as its users see it (docs/LIBRARY.md): every public header compiles on
# its own and scorer.h includes them all; every symbol libscorer.a exports has its module's prefix;
# `make install`'s layout (make test builds the examples a second time against an installed copy,
# BUILD/installed) holds the headers, the library and a pkg-config file;
# examples/catch, from both builds, registers its own environment, learns it (random play about -0.6,
# trained near +0.9, the best is +1) and writes a complete run folder that the CLI reads; the two builds
# give identical CSVs. Under the sanitizers (SCORER_QUICK=1: ten times slower) one seed instead of three,
# and the installed copy's run a tenth as long (compared with an in-tree run as short).
# Prints "N passed, N failed".
BUILD=${BUILD:-build}
BIN=${SCORER_BIN:-bin/scorer}
CC=${CC:-cc}
S=3; [ "${SCORER_QUICK:-0}" = 1 ] && S=1
SEEDS=$(seq 0 $((S - 1)))
. "$(dirname "$0")/check.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/scorer-examples.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM

# --- headers: each alone, strict C11, no feature macros; scorer.h names every one --------------
for h in include/scorer/*.h; do
    b=$(basename "$h")
    check "$b compiles on its own" sh -c "printf '#include \"scorer/%s\"\n' '$b' |
        $CC -std=c11 -pedantic -Wall -Wextra -Werror -Iinclude -fsyntax-only -x c - 2>'$T/hdr.err'"
    [ "$b" = scorer.h ] || check "scorer.h includes $b" grep -q "^#include \"scorer/$b\"" include/scorer/scorer.h
done

# --- the library's names: every symbol libscorer.a exports starts with its module's prefix --------
# (DESIGN.md: dense_forward, replay_sample), so a user's own make_dirs or lr_at links beside it. A
# module is a header or source file, or a type a header declares (SeedResult: seed_result_); the short
# forms: ckpt (checkpoint), train (trainer), relu and tanh (activation), l1norm and layernorm (norm),
# seedcurve (runfolder).
{ ls include/scorer/*.h src/*/*.c src/env/minatar/*.c | sed 's|.*/||; s/\.[ch]$//'
  sed -n 's/^typedef struct \([A-Za-z0-9]*\).*/\1/p; s/^} \([A-Z][A-Za-z0-9]*\);.*/\1/p' include/scorer/*.h |
      sed -E 's/([a-z0-9])([A-Z])/\1_\2/g' | tr 'A-Z' 'a-z'
  printf '%s\n' ckpt train relu tanh l1norm layernorm seedcurve; } | sort -u > "$T/prefixes"
# (AddressSanitizer's one-definition-rule markers, __odr_asan.NAME beside each global, are not the library's names)
nm -g --defined-only "$BUILD/libscorer.a" | awk '$2 ~ /^[TDBRGS]$/ && $3 !~ /^__odr_asan[.]/ { print $3 }' | sort -u > "$T/symbols"
check "libscorer.a exports symbols" test -s "$T/symbols"
awk 'NR == FNR { p[$0] = 1; next }
     { n = split($0, part, "_"); pre = part[1]; ok = (pre in p)
       for (k = 2; !ok && k <= n; k++) { pre = pre "_" part[k]; ok = (pre in p) }
       if (!ok) print }' "$T/prefixes" "$T/symbols" > "$T/unprefixed"
check "every exported symbol has its module's prefix (not: $(tr '\n' ' ' < "$T/unprefixed"))" test ! -s "$T/unprefixed"

# --- the installed copy --------------------------------------------------------------------
I="$BUILD/installed"
for b in $(cd include/scorer && ls *.h); do check "installed: $b" cmp -s "include/scorer/$b" "$I/include/scorer/$b"; done
check "installed: libscorer.a" cmp -s "$BUILD/libscorer.a" "$I/lib/libscorer.a"
check "installed: bin/scorer runs" sh -c "'$I/bin/scorer' --version | grep -q '^scorer [0-9]'"
PC="$I/lib/pkgconfig/scorer.pc"
check "scorer.pc: Libs" grep -q '^Libs: -L${libdir} -lscorer -lopenblas -lpthread -lm$' "$PC"
check "scorer.pc: Cflags" grep -q '^Cflags: -I${includedir}$' "$PC"
check "scorer.pc: the version of scorer.h" grep -q "^Version: $("$BIN" --version | sed 's/^scorer //')\$" "$PC"
check "pkg-config reads it" sh -c "PKG_CONFIG_PATH='$I/lib/pkgconfig' pkg-config --libs scorer | grep -q -- '-lscorer'"

# --- examples/catch, built in the tree and against the installed copy ----------------------
# Under the sanitizers the installed copy trains a tenth of the budget, too short to learn: its
# learning is the in-tree build's (the same CSVs, checked below against an in-tree run as short).
for which in examples installed-examples; do
    out="$T/$which.txt"
    steps=60000; [ "$S" = 1 ] && [ "$which" = installed-examples ] && steps=6000
    if ! "$BUILD/$which/catch" "$T/$which" $steps "$S" > "$out" 2> "$T/$which.err"; then
        ko "$which/catch exits 0: $(tail -n 3 "$T/$which.err")"
        continue
    fi
    ok
    # random play loses most balls; both learners catch nearly all (the rest is epsilon = 0.05)
    check "$which: random play below -0.4" awk '/^random policy:/ { f = 1; bad = $5 > -0.4 } END { exit bad || !f }' "$out"
    for algo in scorer-dqn dqn; do
        [ $steps = 60000 ] && check "$which: $algo learns Catch (mean final return >= 0.8)" \
            awk -v a="$algo:" '$1 == a { f = 1; bad = $5 < 0.8 } END { exit bad || !f }' "$out"
        check "$which: $algo all $S seeds ran" grep -q "^$algo  *$S/$S " "$out"
        for s in $SEEDS; do
            check "$which: $algo seed $s CSV" test -s "$T/$which/$algo/seed_$s.csv"
        done
        check "$which: $algo config.ini names Catch" grep -q '^env = Catch$' "$T/$which/$algo/config.ini"
    done
    check "$which: summary.json" grep -q '"env": "Catch"' "$T/$which/summary.json"
    check "$which: scorer summary reads the folder" sh -c "'$BIN' summary '$T/$which' | grep -q '^scorer-dqn  *$S/$S'"
    check "$which: scorer ckpt-info checks its checkpoints' headers (not the state: Catch is not built in)" \
        sh -c "'$BIN' ckpt-info '$T/$which/dqn/ckpt/seed_$((S - 1)).ckpt' | grep -q 'Catch, dqn, seed $((S - 1)), t $steps, finished, .*checksum ok, state not checked (Catch is not built in'"
    check "$which: scorer eval refuses the env it does not know, by name, saying who can evaluate it" \
        sh -c "! '$BIN' eval '$T/$which' > '$T/eval.txt' 2>&1 && grep -q \"trained on Catch, which is not built in: the program that registered it evaluates the run\" '$T/eval.txt'"
    check "$which: scorer compare --resume says the same (it said \"unknown environment 'Catch'\")" \
        sh -c "! '$BIN' compare --resume '$T/$which' > '$T/res.txt' 2>&1 && [ \$(wc -l < '$T/res.txt') -eq 1 ] && grep -q \"trained on Catch, which is not built in: the program that registered it resumes the run\" '$T/res.txt'"
done
same=examples
if [ "$S" = 1 ]; then
    same=short
    "$BUILD/examples/catch" "$T/short" 6000 "$S" > /dev/null 2>&1 || ko "examples/catch exits 0 on 6000 steps"
fi
for algo in scorer-dqn dqn; do
    for s in $SEEDS; do
        check "$algo seed $s: the same CSV from both builds" cmp -s "$T/$same/$algo/seed_$s.csv" \
            "$T/installed-examples/$algo/seed_$s.csv"
    done
done

check_done cli_examples
