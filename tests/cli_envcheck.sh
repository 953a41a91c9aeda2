#!/bin/sh
# scorer env-check: every shipped reference file replays with 0 mismatches (exit 0); a tampered
# file is reported (exit 1); an unreadable or malformed one is an error (exit 2).
BIN=${SCORER_BIN:-bin/scorer}
R=${SCORER_REFDATA:-build/refdata}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
n=0
for f in "$R"/classic/*.csv "$R"/classic_native/*.csv "$R"/minatar/*.txt; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    out=$("$BIN" env-check "$f" 2>&1); rc=$?
    if [ $rc -eq 0 ] && echo "$out" | grep -q " ok$"; then ok; else bad "env-check $f: rc=$rc $out"; fi
done
[ $n -eq 11 ] && ok || bad "expected 11 reference files in $R, found $n"
"$BIN" env-check "$R"/classic/*.csv >"$T/all" 2>&1 && [ "$(grep -c ' ok$' "$T/all")" -eq 3 ] && ok || bad "all classic files at once"
# tamper: change one state value of CartPole (row 3, column s0) -> mismatches, exit 1
awk -F, 'BEGIN{OFS=","} NR==4 {$4 = $4 + 1e-6} {print}' "$R/classic/CartPole-v1.csv" > "$T/CartPole-v1.csv"
"$BIN" env-check "$T/CartPole-v1.csv" >"$T/out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q MISMATCH "$T/out" && ok || bad "tampered CartPole: rc=$rc $(head -2 "$T/out")"
sed '7s/ reward 0 / reward 1 /' "$R/minatar/breakout.txt" > "$T/breakout.txt"
"$BIN" env-check "$T/breakout.txt" >"$T/out" 2>&1; rc=$?
cmp -s "$T/breakout.txt" "$R/minatar/breakout.txt" && bad "tampering sed changed nothing" || ok
[ $rc -ne 0 ] && ok || bad "tampered breakout accepted"
printf 'episode,t,action,s0\n0,0,-1,abc\n' > "$T/bad.csv"
"$BIN" env-check "$T/bad.csv" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && ok || bad "malformed file: rc=$rc $(cat "$T/err")"
"$BIN" env-check "$T/missing.csv" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "missing file should exit 2"
"$BIN" env-check "$R/classic" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q "classic is a folder: give the files in it" "$T/err" && ok || bad "a folder: rc=$rc $(cat "$T/err")"
"$BIN" env-check >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "no file should exit 2"
# options count wherever they stand: the native (rounded) CartPole file fails bit-exact mode, before or after it
f="$R/classic_native/CartPole-v1.csv"
"$BIN" env-check --mode exact "$f" >"$T/out" 2>&1; rc1=$?
"$BIN" env-check "$f" --mode exact >"$T/out2" 2>&1; rc2=$?
[ $rc1 -eq 1 ] && [ $rc2 -eq 1 ] && grep -q " exact .*MISMATCH" "$T/out2" && ok || bad "--mode exact after the file: rc $rc1 / $rc2 $(head -1 "$T/out2")"
"$BIN" env-check "$f" --tol >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q -- "--tol needs a number" "$T/err" && ok || bad "--tol without a value: rc=$rc $(cat "$T/err")"
"$BIN" env-check --mode --tol 1e-9 "$f" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q -- "--mode needs" "$T/err" && ok || bad "--mode followed by an option: rc=$rc $(cat "$T/err")"
# step mode compares each step with a relative tolerance: the tampered CartPole's s0 at t 2 is off by 1e-6 on
# 0.0064582, a relative 1.55e-4, so --tol 2e-4 accepts it, --tol 1e-4 does not, and exact mode never does
"$BIN" env-check --mode step --tol 2e-4 "$T/CartPole-v1.csv" >"$T/out" 2>&1 && grep -q " step .* ok$" "$T/out" && ok || bad "step mode, --tol 2e-4: $(head -2 "$T/out")"
"$BIN" env-check --mode step --tol 1e-4 "$T/CartPole-v1.csv" >"$T/out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q " step .*MISMATCH" "$T/out" && grep -q "first: episode 0 t 2: s0 = " "$T/out" && ok || bad "step mode, --tol 1e-4: rc=$rc $(head -2 "$T/out")"
"$BIN" env-check --mode exact --tol 1e-3 "$T/CartPole-v1.csv" >/dev/null 2>&1; [ $? -eq 1 ] && ok || bad "exact mode ignores --tol"
# the native (rounded) CartPole file: within 1e-10 step by step, not within 1e-13
"$BIN" env-check --mode step "$f" >/dev/null 2>&1 && ok || bad "native CartPole in step mode"
"$BIN" env-check --mode step --tol 1e-13 "$f" >/dev/null 2>&1; [ $? -eq 1 ] && ok || bad "native CartPole within 1e-13"
for v in 0 -1 abc 1e-3x; do
    "$BIN" env-check --tol "$v" "$f" >"$T/out" 2>"$T/err"; rc=$?
    [ $rc -eq 2 ] && grep -q -- "^scorer: --tol $v: give a positive number" "$T/err" && [ ! -s "$T/out" ] && ok || bad "--tol $v: rc=$rc $(cat "$T/err")"
done
"$BIN" env-check --mode fast "$f" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q -- "^scorer: --mode fast: use auto, exact or step" "$T/err" && ok || bad "--mode fast: rc=$rc $(cat "$T/err")"
# a file of neither format, or an empty one: unreadable input (exit 2), said in one line
: >"$T/empty.csv"; echo "hello" >"$T/hello.txt"
"$BIN" env-check "$T/empty.csv" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q "empty.csv is empty" "$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ] && ok || bad "empty file: rc=$rc $(cat "$T/err")"
"$BIN" env-check "$T/hello.txt" "$R/classic/CartPole-v1.csv" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q "hello.txt: unrecognised format" "$T/err" && grep -q " ok$" "$T/out" && ok || bad "unrecognised file beside a good one: rc=$rc $(cat "$T/err")"
echo "cli_envcheck: $pass passed, $fail failed"
[ $fail -eq 0 ]
