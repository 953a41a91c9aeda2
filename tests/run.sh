#!/bin/sh
# Runs every test program given as an argument, then every tests/*.sh script, and prints the
# total as "N passed, N failed". Exits non-zero if anything failed.
# The tests run SCORER_TEST_JOBS at a time (default: one per core; each uses its own temporary
# folder), the longest-running first; the report lists them in a fixed order.
BUILD=${BUILD:-build}
export SCORER_REFDATA="${SCORER_REFDATA:-$BUILD/refdata}"
export SCORER_BIN="${SCORER_BIN:-bin/scorer}"

# run.sh --one DIR TEST: runs one test, its output to DIR/NAME.out, exit status and seconds to DIR/NAME.rc
if [ "${1:-}" = --one ]; then
    t=$3; name=$(basename "$t"); t0=$(date +%s)
    case "$t" in *.sh) sh "$t" > "$2/$name.out" 2>&1 ;; *) "$t" > "$2/$name.out" 2>&1 ;; esac
    echo "$? $(($(date +%s) - t0))" > "$2/$name.rc"
    exit 0
fi

jobs=${SCORER_TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
case "$jobs" in ''|*[!0-9]*|0) echo "run.sh: SCORER_TEST_JOBS must be a positive integer (got '$jobs')" >&2; exit 2 ;; esac
R=$(mktemp -d "${TMPDIR:-/tmp}/scorer-tests.XXXXXX") || exit 2
trap 'rm -rf "$R"' EXIT
all=""; for t in "$@" tests/cli_*.sh; do [ -e "$t" ] && all="$all $t"; done
n=$(echo $all | wc -w)
echo "running $n tests, $jobs at a time"
start=$(date +%s)
# longest first, so that no long test starts last: the seconds each took in CI's sanitizer run
# (2026-11-28); only the order depends on them, and a test not listed runs after the listed ones
printf '%s\n' $all | awk 'BEGIN { n = split("cli_examples.sh 153 test_rl 118 cli_resume.sh 109 cli_train.sh 94 " \
        "cli_faults.sh 150 test_env_minatar 52 cli_sweep.sh 34 test_allocfail 29 cli_report.sh 25 " \
        "test_checkpoint 20 test_pqn 18", c, " ")
        for (i = 1; i < n; i += 2) cost[c[i]] = c[i + 1] }
    { t = $0; sub(".*/", "", t); printf "%d %s\n", (t in cost) ? cost[t] : 0, $0 }' |
    sort -s -k1,1nr | cut -d' ' -f2- | xargs -P "$jobs" -n 1 sh "$0" --one "$R"

pass=0; fail=0; failed=""
for t in $all; do
    name=$(basename "$t"); out="$R/$name.out"
    read -r rc sec < "$R/$name.rc" 2>/dev/null || { rc=127; sec=0; }
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$out" 2>/dev/null | tail -n 1)
    p=$(printf '%s' "$line" | sed -E 's/(^|.*[^0-9])([0-9]+) passed.*/\2/'); [ -n "$p" ] || p=0
    f=$(printf '%s' "$line" | sed -E 's/.*[^0-9]([0-9]+) failed.*/\1/'); [ -n "$f" ] || f=0
    if [ "$rc" -ne 0 ] || [ -z "$line" ]; then
        tail -n 30 "$out" 2>/dev/null
        [ "$f" -gt 0 ] || f=1
        failed="$failed $t"
    fi
    printf '%-40s %-28s %4d s\n' "$name" "${line:-no summary line (exit $rc)}" "$sec"
    pass=$((pass + p)); fail=$((fail + f))
done
echo "TOTAL: $pass passed, $fail failed ($(($(date +%s) - start)) s)"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
