# check.sh - the assertion kit of the shell tests (the counterpart of check.h), sourced by them:
#   . "$(dirname "$0")/check.sh"
#   check "what must hold" COMMAND ARGS...   counts a pass when the command succeeds, else a failure
#   expect "what must hold" 'A && B'         the same for a compound condition (&&, ||), evaluated
#                                            as written (check "x" A && B would test only A)
#   ok / ko "why"                            count one directly
#   check_done NAME                          prints "NAME: N passed, N failed"; status 0 only without failures
pass=0; fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() {
    d=$1; shift
    if "$@"; then ok; else ko "$d"; fi
}
expect() {
    if eval "$2"; then ok; else ko "$1"; fi
}
check_done() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
