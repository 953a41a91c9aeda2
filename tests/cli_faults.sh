#!/bin/sh
# cli_faults.sh - the whole tool out of memory, on a full disk, and with unreadable files:
# BUILD/tests/scorer_faults is bin/scorer with its malloc family, fopen and fsync wrapped
# (tests/faults_cli.c), and each command below is run once per allocation it makes, that allocation made
# to fail; the commands that write files also once per file write, that write failing with ENOSPC; the
# commands that read run folders once per file they open to read, that open failing with EIO
# (test_allocfail checks the library's entry points one by one; this checks what the user sees around
# them). Of every such run it requires:
#   - no crash: an exit status below 128 and no sanitizer report;
#   - a refusal says why: a non-zero exit's last line is "scorer: ...", the output names the cause
#     ("memory", "No space left on device", "Input/output error"), and it calls no file damaged (the
#     file is sound: removing it, as that message advises, would lose it);
#   - a success is whole: exit 0 gives what the unfailed run gives (its files and seed CSVs, or its
#     output), unless a warning names the cause (a run's curves not drawn);
#   - nothing half-written: no *.tmp file is left;
#   - nothing lost: a train, compare or sweep that stopped continues with --resume (and no failure) to
#     the seed CSVs of the unfailed run.
# Commands of many allocations are sampled evenly (at most LIMIT of them); under the sanitizers
# (SCORER_QUICK=1, ten times slower) fewer. Prints "N passed, N failed".
BUILD=${BUILD:-build}
BIN=${SCORER_BIN:-bin/scorer}
FAILING=$BUILD/tests/scorer_faults
LIMIT=12; [ "${SCORER_QUICK:-0}" = 1 ] && LIMIT=6
. "$(dirname "$0")/check.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/scorer-faults.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
check "scorer_faults is built (make test builds it)" test -x "$FAILING"
REF=$BUILD/refdata

# fixtures, made by the ordinary binary (Acrobot's warning that no episode ended is expected)
R=$T/run; C=$T/cmp
"$BIN" train --steps 3000 --seeds 1 --threads 1 --out "$R" --quiet || ko "fixture train"
"$BIN" compare --steps 2000 --seeds 2 --threads 1 --out "$C" --quiet || ko "fixture compare"
"$BIN" sweep --grid env=CartPole-v1,Acrobot-v1 --steps 2000 --seeds 2 --threads 1 --out "$T/sw" --quiet 2>"$T/sw.err" ||
    { cat "$T/sw.err"; ko "fixture sweep"; }

seeds() { (cd "$1" && find . -name 'seed_*.csv' | sort | while read -r f; do printf '%s ' "$f"; cksum < "$f"; done); }
files() { (cd "$1" && find . -type f ! -name '*.tmp' | sort); }

# every FAULT NAME KIND COMMAND...: FAULT is "alloc" (allocations fail) or "write" (file writes fail);
# KIND is "out" (compare stdout; the command writes no run), or "train"/"compare"/"sweep" (the command
# writes the folder $T/o, continued with KIND --resume)
every() {
    fault=$1 name="$2 ($1)" kind=$3; shift 3
    case $fault in
        alloc) var=SCORER_ALLOCFAIL_AT field=1 cause='memory' ;;
        write) var=SCORER_WRITEFAIL_AT field=2 cause='No space left on device' ;;
        *) var=SCORER_READFAIL_AT field=3 cause='Input/output error' ;;
    esac
    rm -rf "$T/o"; [ -z "${SETUP:-}" ] || cp -r "$SETUP" "$T/o"
    SCORER_FAULTS_COUNT=$T/count "$FAILING" "$@" > "$T/clean.out" 2> "$T/clean.err"
    rc=$? n=$(cut -d' ' -f"$field" "$T/count" 2>/dev/null || echo 0)
    expect "$name: runs without a failure (exit $rc, $n calls)" '[ "$rc" -eq 0 ] && [ "$n" -gt 0 ]'
    if [ "$kind" != out ]; then files "$T/o" > "$T/clean.files"; seeds "$T/o" > "$T/clean.seeds"; fi
    step=$(( (n + LIMIT - 1) / LIMIT )); [ "$step" -ge 1 ] || step=1
    crash=0 unsaid=0 partial=0 tmp=0 lost=0 tried=0
    k=1
    while [ "$k" -le "$n" ]; do
        tried=$((tried + 1))
        rm -rf "$T/o"; [ -z "${SETUP:-}" ] || cp -r "$SETUP" "$T/o"
        env "$var=$k" "$FAILING" "$@" > "$T/out" 2> "$T/err"; rc=$?
        why="$name, call $k of $n failed (exit $rc): $(tail -n 1 "$T/err")"
        if [ "$rc" -ge 128 ] || grep -q -e 'Sanitizer' -e 'runtime error' "$T/err"; then
            crash=$((crash + 1)); echo "crashed: $why"
        elif [ "$rc" -ne 0 ]; then
            if ! tail -n 1 "$T/err" | grep -q '^scorer: ' || ! grep -q -i "$cause" "$T/err" ||
                grep -q -e 'damaged' -e 'remove it' "$T/err"; then unsaid=$((unsaid + 1)); echo "unclear: $why"; fi
        elif ! grep -q -i "$cause" "$T/err"; then # a silent success must be the whole result
            if [ "$kind" = out ]; then cmp -s "$T/out" "$T/clean.out" || { partial=$((partial + 1)); echo "partial: $why"; }
            elif [ "$(files "$T/o")" != "$(cat "$T/clean.files")" ] || [ "$(seeds "$T/o")" != "$(cat "$T/clean.seeds")" ]; then
                partial=$((partial + 1)); echo "partial: $why"
            fi
        fi
        [ -z "$(find "$T" -name '*.tmp')" ] || { tmp=$((tmp + 1)); echo "left *.tmp: $why"; find "$T" -name '*.tmp' -delete; }
        if [ "$kind" != out ] && [ -d "$T/o" ]; then
            manifest=run.ini; [ "$kind" = sweep ] && manifest=sweep.ini
            # a folder with a manifest continues with --resume; one without is no run yet: the same
            # command starts it again
            if [ "$rc" -ne 0 ] && [ -f "$T/o/$manifest" ]; then
                if ! "$BIN" "$kind" --resume "$T/o" --quiet > /dev/null 2> "$T/resume.err" ||
                    [ "$(seeds "$T/o")" != "$(cat "$T/clean.seeds")" ]; then
                    lost=$((lost + 1)); echo "not resumed: $why; the resume said: $(tail -n 1 "$T/resume.err")"
                fi
            elif [ "$rc" -ne 0 ]; then
                if ! "$BIN" "$@" > /dev/null 2> "$T/resume.err" || [ "$(seeds "$T/o")" != "$(cat "$T/clean.seeds")" ]; then
                    lost=$((lost + 1)); echo "not started again: $why; the rerun said: $(tail -n 1 "$T/resume.err")"
                fi
            fi
        fi
        if [ "$k" -lt "$n" ] && [ $((k + step)) -gt "$n" ]; then k=$n; else k=$((k + step)); fi # the last one too
    done
    expect "$name: no crash in $tried failures" '[ $crash -eq 0 ]'
    expect "$name: every refusal ends with one scorer: line naming the cause, calling no file damaged ($unsaid of $tried did not)" '[ $unsaid -eq 0 ]'
    expect "$name: every silent success is the whole result ($partial of $tried were not)" '[ $partial -eq 0 ]'
    expect "$name: no *.tmp left ($tmp of $tried)" '[ $tmp -eq 0 ]'
    expect "$name: every stopped run continues with --resume, or the command again, to the unfailed run's CSVs ($lost of $tried did not)" '[ $lost -eq 0 ]'
}

for fault in alloc write; do
    every $fault "train" train train --steps 3000 --seeds 1 --threads 1 --out "$T/o" --quiet
    every $fault "compare" compare compare --steps 2000 --seeds 1 --threads 1 --out "$T/o" --quiet
    every $fault "sweep" sweep sweep --grid lr=1e-4 --algos dqn --steps 2000 --seeds 1 --threads 1 --out "$T/o" --quiet
    rm -rf "$T/cmp2"; cp -r "$C" "$T/cmp2"
    every $fault "plot" out plot "$T/cmp2"
    every $fault "plot of a sweep" out plot "$T/sw"
    every $fault "eval --all (writes eval.csv)" out eval "$T/cmp2" --all --episodes 2
done
# a run without --out claims its folder, runs/<env>-<algo>-<time>: refused while it sets the folder up (a write or
# an allocation failing: its lock, the .write-test, config.ini, run.ini), it leaves no folder behind, neither empty
# nor half made (run.lock, ckpt/ and config.ini stayed); a refused run that trained keeps all (a seed's CSV or
# checkpoint: --resume continues it), as does a sweep once planned (sweep.ini; its locks/ stayed before)
FAILING_ABS=$(cd "$(dirname "$FAILING")" && pwd)/$(basename "$FAILING")
mkdir "$T/cwd"
for cmd in train compare "sweep --grid lr=1e-4 --algos dqn"; do
    for fault in write alloc; do
        var=SCORER_WRITEFAIL_AT; [ $fault = alloc ] && var=SCORER_ALLOCFAIL_AT
        left="" refused=0 k=1
        while [ $k -le 12 ]; do
            rm -rf "$T/cwd/runs"
            (cd "$T/cwd" && env "$var=$k" "$FAILING_ABS" $cmd --steps 300 --seeds 1 --threads 1 --quiet) > /dev/null 2>&1; rc=$?
            if [ $rc -eq 2 ]; then
                refused=$((refused + 1))
                kept=$(cd "$T/cwd" && find runs -mindepth 1 2>/dev/null)
                if [ -n "$kept" ] && ! printf '%s\n' "$kept" | grep -q -e '/seed_[0-9]*\.csv$' -e '\.ckpt$' -e '/sweep\.ini$'; then
                    left="$left [call $k: $(printf '%s' "$kept" | tr '\n' ' ')]"
                fi
            fi
            k=$((k + 1))
        done
        expect "$cmd without --out, a $fault failing in the first 12: $refused refused, none left its claimed folder untrained:$left" \
            '[ $refused -gt 0 ] && [ -z "$left" ]'
    done
done
rm -rf "$T/cwd"
# file reads failing (EIO): the commands that read run folders, and a resume (of a run whose seeds had
# finished when it stopped: its folder lacks only summary.json)
cp -r "$R" "$T/unfinished"; rm "$T/unfinished/summary.json"
every read "summary" out summary "$R"
every read "summary of two folders, --json" out summary "$R" "$C" --json
# a sweep's manifest that cannot be read is not "no sweep" (its first read); a point's summary.json
# that cannot be read is "unreadable", not damaged (the reads after it)
every read "summary of a sweep over envs" out summary "$T/sw"
# its Acrobot point ended no episode: a seed CSV that cannot be read is not a table without that note
every read "summary of a run whose seeds ended fewer episodes than envs" out summary "$T/sw/p001"
SCORER_READFAIL_AT=1 "$FAILING" summary "$T/sw" >/dev/null 2>"$T/err"; rc=$?
expect "summary of a sweep whose sweep.ini cannot be read: exit $rc, $(cat "$T/err")" \
    '[ $rc -eq 1 ] && [ "$(cat "$T/err")" = "scorer: cannot read $T/sw/sweep.ini: Input/output error" ]'
every read "ckpt-info" out ckpt-info "$R/ckpt/seed_0.ckpt"
every read "eval" out eval "$R"
every read "plot" out plot "$C"
SETUP=$T/unfinished every read "train --resume" train train --resume "$T/o" --quiet
SETUP=$T/unfinished every alloc "train --resume" train train --resume "$T/o" --quiet
SETUP=$T/unfinished every write "train --resume" train train --resume "$T/o" --quiet
# the commands that only read: their allocations
every alloc "train --dry-run" out train --dry-run --set lr=3e-4 --out "$T/dry" # a named folder: the default holds the time
every alloc "summary" out summary "$R"
every alloc "summary of two folders, --json" out summary "$R" "$C" --json
every alloc "summary of a sweep over envs" out summary "$T/sw"
every alloc "ckpt-info" out ckpt-info "$R/ckpt/seed_0.ckpt"
every alloc "eval" out eval "$R"
every alloc "env-check" out env-check "$REF/classic/CartPole-v1.csv" "$REF/minatar/breakout.txt"
check_done cli_faults
