#!/bin/sh
# Runs every test program given as an argument, then every tests/*.sh script, and prints the
# total as "N passed, N failed". Exits non-zero if anything failed.
BUILD=${BUILD:-build}
export SCORER_REFDATA="${SCORER_REFDATA:-$BUILD/refdata}"
export SCORER_BIN="${SCORER_BIN:-bin/scorer}"
pass=0; fail=0; failed=""
for t in "$@" tests/cli_*.sh; do
    [ -e "$t" ] || continue
    t0=$(date +%s)
    case "$t" in *.sh) out=$(sh "$t" 2>&1) ;; *) out=$("$t" 2>&1) ;; esac
    rc=$?
    line=$(printf '%s\n' "$out" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -n 1)
    p=$(printf '%s' "$line" | sed -E 's/(^|.*[^0-9])([0-9]+) passed.*/\2/'); [ -n "$p" ] || p=0
    f=$(printf '%s' "$line" | sed -E 's/.*[^0-9]([0-9]+) failed.*/\1/'); [ -n "$f" ] || f=0
    if [ $rc -ne 0 ] || [ -z "$line" ]; then
        printf '%s\n' "$out" | tail -n 30
        [ "$f" -gt 0 ] || f=1
        failed="$failed $t"
    fi
    printf '%-40s %-28s %4d s\n' "$(basename "$t")" "${line:-no summary line (exit $rc)}" $(($(date +%s) - t0))
    pass=$((pass + p)); fail=$((fail + f))
done
echo "TOTAL: $pass passed, $fail failed"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
