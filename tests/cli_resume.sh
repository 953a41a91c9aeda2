#!/bin/sh
# Interrupted runs resume bit-identically: SIGINT, SIGTERM (twice, at different points) and
# SIGKILL between checkpoints, for train and compare; the resumed CSVs and final networks equal
# those of an uninterrupted run. Damaged and forged checkpoints are refused with one line.
BIN=${SCORER_BIN:-bin/scorer}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
# sanitizer builds (SCORER_QUICK=1) run ~10x slower: shorter runs keep the signals mid-run
if [ "${SCORER_QUICK:-0}" = 1 ]; then S1=16000; S2=8000; else S1=200000; S2=100000; fi
ARGS="--seeds 2 --steps $S1 --checkpoint-every 2000 --threads 2 --quiet"
nets() { for f in "$1"/ckpt/*.ckpt; do "$BIN" ckpt-info "$f" | sed -E 's/.*networks ([0-9a-f]+).*/\1/'; done; }
same_run() { # same_run A B: CSVs and final networks identical
    for s in 0 1; do
        if [ -s "$1/seed_$s.csv" ] && cmp -s "$1/seed_$s.csv" "$2/seed_$s.csv"; then ok; else bad "$2/seed_$s.csv differs from the uninterrupted run"; fi
    done
    if [ "$(nets "$1")" = "$(nets "$2")" ] && [ -n "$(nets "$1")" ]; then ok; else bad "$2: final networks differ"; fi
}
# new_ckpt DIR: waits (at most 20 s) until the run in DIR has written a checkpoint since $T/stamp was
# touched. A signal sent then lands mid-run on a fast machine as on a slow one (a fixed wait from
# the start could come after the end, or before the first checkpoint).
new_ckpt() {
    i=0
    while [ $i -lt 1000 ]; do
        for f in "$1"/ckpt/*.ckpt "$1"/*/ckpt/*.ckpt; do [ "$f" -nt "$T/stamp" ] && return 0; done
        sleep 0.02; i=$((i + 1))
    done
}
# interrupt DIR SIGNAL DELAY [CMD]: start (or resume) a run, signal it DELAY seconds after its first
# new checkpoint, wait; prints the exit status
interrupt() {
    dir=$1; sig=$2; delay=$3; cmd=${4:-train}
    touch "$T/stamp"; sleep 0.01
    if [ -f "$dir/run.ini" ]; then "$BIN" $cmd --resume "$dir" --quiet >/dev/null 2>&1 &
    else "$BIN" $cmd $ARGS --out "$dir" >/dev/null 2>&1 & fi
    pid=$!
    new_ckpt "$dir"; sleep "$delay"; kill -"$sig" $pid 2>/dev/null; wait $pid; echo $?
}

# the live line of a resumed run counts as trained only the steps this process trains: a seed finished before
# the interruption adds its steps to the line's count, not to its SPS (they made a 2-seed resume's SPS twice the
# seeds' own and more, and its ETA as short). 60k steps a seed: a second, half a minute under AddressSanitizer
"$BIN" train --steps 60000 --seeds 2 --threads 1 --checkpoint-every 20000 --out "$T/psps" --quiet >/dev/null 2>&1 & pid=$!
i=0; while [ ! -f "$T/psps/ckpt/seed_1.ckpt" ] && [ $i -lt 18000 ]; do sleep 0.01; i=$((i + 1)); done
kill -INT $pid; wait $pid
# the stopped seed's CSV holds its curve so far, as its checkpoint does (a long run's curve is there to see;
# there was no CSV before a seed's end)
ck_t=$("$BIN" ckpt-info "$T/psps/ckpt/seed_1.ckpt" | sed -n 's/.*, t \([0-9]*\), in progress,.*/\1/p')
csv_t=$(tail -n 1 "$T/psps/seed_1.csv" 2>/dev/null | cut -d, -f1)
[ -n "$ck_t" ] && [ -n "$csv_t" ] && [ "$csv_t" -gt 0 ] && [ "$csv_t" -le "$ck_t" ] && [ $((ck_t - csv_t)) -lt 3000 ] && ok ||
    bad "a stopped seed's CSV: last row at '$csv_t', its checkpoint at '$ck_t'"
"$BIN" summary "$T/psps" >"$T/out" 2>&1
grep -q "^not finished: scorer-dqn seed 1: curve ends at timestep $csv_t of 60000 (the run stopped; continue it: " "$T/out" && ok ||
    bad "summary of the stopped run: $(cat "$T/out")"
"$BIN" plot "$T/psps" >/dev/null 2>&1 && grep -q "title 'scorer-dqn (2 seeds, 1 not finished)'" "$T/psps/returns.gp" && ok ||
    bad "plot of the stopped run: the key says which curves are not finished: $(grep -o "title '[^']*'" "$T/psps/returns.gp" 2>&1)"
script -qec "'$BIN' train --resume '$T/psps' --threads 1" /dev/null >"$T/psps.log" 2>&1
last=$(tr '\r' '\n' <"$T/psps.log" | grep ' steps | ' | tail -n 1)
# this process trained seed 1 alone, from its checkpoint to 60k: the line's SPS is that seed's own speed (its
# summary.json sps, over both its sessions), not 3x it as when the 60k + ck_t steps restored counted as trained
line_sps=$(echo "$last" | sed -n 's/.* | \([0-9.]*\)\(k\{0,1\}\) SPS .*/\1 \2/p' | awk '{ print $2 == "k" ? $1 * 1000 : $1 }')
seed_sps=$(tr -d ' \n' <"$T/psps/summary.json" | sed -n 's/.*"sps":\[[0-9.e+]*,\([0-9.e+]*\)\].*/\1/p')
awk -v l="$line_sps" -v s="$seed_sps" 'BEGIN { exit !(l > 0 && s > 0 && l < 2 * s) }' && ok ||
    bad "a resumed run's live SPS ($line_sps) against the resumed seed's own ($seed_sps): $last"
# and its return is the mean of both seeds' last rows (the seed finished before the interruption counted 0)
line_ret=$(echo "$last" | sed -n 's/.* return scorer-dqn \([-0-9.]*\) .*/\1/p')
want_ret=$(for k in 0 1; do tail -n 1 "$T/psps/seed_$k.csv" | cut -d, -f2; done | awk '{ s += $1 } END { printf "%.1f", s / 2 }')
[ -n "$line_ret" ] && [ "$line_ret" = "$want_ret" ] && ok || bad "a resumed run's live return: '$line_ret', the seeds' last rows give $want_ret"

"$BIN" train $ARGS --out "$T/ref" >/dev/null 2>&1 || bad "reference run failed"

rc=$(interrupt "$T/int" INT 0.1)
[ "$rc" = 130 ] && ok || bad "SIGINT should exit 130 after checkpointing (got $rc)"
[ ! -f "$T/int/summary.json" ] && ok || bad "an interrupted run must not write summary.json"
# eval --all of it plays the seeds' last checkpoints, and says they are not the end of training
"$BIN" eval "$T/int" --all --episodes 1 --out "$T/int-eval.csv" >"$T/out" 2>&1 &&
    grep -q "^2 seeds not trained to the end (scorer-dqn seed 0 at t [0-9]* of $S1, ...): the table counts the agent of their last checkpoint.\$" "$T/out" &&
    ok || bad "eval --all of an interrupted run: $(tail -3 "$T/out")"
"$BIN" eval "$T/ref" --all --episodes 1 --out "$T/ref-eval.csv" >"$T/out" 2>&1 && ! grep -q "not trained to the end" "$T/out" &&
    ok || bad "eval --all of a finished run: no such note: $(tail -3 "$T/out")"
"$BIN" train --steps 3005 --seeds 1 --out "$T/odd" --quiet 2>/dev/null && "$BIN" eval "$T/odd" --all --episodes 1 >"$T/out" 2>&1 &&
    ! grep -q "not trained to the end" "$T/out" && ok || bad "a run of 3005 steps trains 3000 (10 envs), its end: $(tail -3 "$T/out")"
# an episode that never ends (no time limit; MountainCar's untrained agent does not reach the flag): Ctrl-C or
# SIGTERM stops eval --all within the episode (it was checked between episodes only: the process ran on for good)
"$BIN" train --env MountainCar-v0 --steps 2000 --seeds 1 --set time_limit=0 --out "$T/nolim" --quiet >/dev/null 2>&1
for sig in INT TERM; do
    "$BIN" eval "$T/nolim" --all --episodes 1 >"$T/out" 2>&1 & pid=$!
    sleep 0.5; kill -$sig $pid
    for i in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
    if kill -0 $pid 2>/dev/null; then kill -9 $pid; bad "eval --all in an endless episode ignored SIG$sig"; else
        wait $pid; rc=$?; [ $rc = 130 ] && [ ! -e "$T/nolim/eval.csv" ] && ok || bad "eval --all stopped by SIG$sig: rc=$rc, eval.csv written?"
    fi
done
"$BIN" train --resume "$T/int" --quiet >/dev/null 2>"$T/err" && ok || bad "resume after SIGINT failed"
grep -q "warning" "$T/err" && bad "same build: no warning expected: $(cat "$T/err")" || ok
same_run "$T/ref" "$T/int"

# checkpoint_every = -1 writes no checkpoint, not even on Ctrl-C: the message says so (and how to start over)
"$BIN" train --steps 20000000 --checkpoint-every -1 --out "$T/nock" >/dev/null 2>"$T/err" & pid=$!
i=0; while [ ! -f "$T/nock/run.ini" ] && [ $i -lt 1000 ]; do sleep 0.02; i=$((i + 1)); done
sleep 0.1; kill -INT $pid; wait $pid; rc=$?
[ "$rc" = 130 ] && grep -q "^scorer: interrupted; no checkpoint was written (checkpoint_every = -1), so scorer train --resume $T/nock starts its seeds over$" "$T/err" &&
    ! ls "$T"/nock/ckpt/*.ckpt >/dev/null 2>&1 && ok || bad "SIGINT with checkpoint_every = -1: rc $rc, $(cat "$T/err")"
[ ! -e "$T/nock/ckpt" ] && ok || bad "checkpoint_every = -1 made an empty ckpt/ folder"

# one process per run folder: a second one (resuming, or starting over it) is refused while the first runs
"$BIN" train --steps 20000000 --out "$T/busy" >/dev/null 2>&1 & pid=$!
i=0; while [ ! -f "$T/busy/run.ini" ] && [ $i -lt 1000 ]; do sleep 0.02; i=$((i + 1)); done
"$BIN" train --resume "$T/busy" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^scorer: $T/busy is in use by another scorer (pid $pid on " "$T/err" &&
    ok || bad "a second process on a running folder: rc $rc, $(cat "$T/err")"
# a resume continues this very folder: "choose another --out" is no advice for it
grep -q "): wait for it to finish$" "$T/err" && ! grep -q -- "--out" "$T/err" && ok || bad "--resume of a folder in use: no --out advice: $(cat "$T/err")"
"$BIN" train --steps 1000 --out "$T/busy" >/dev/null 2>"$T/err"; rc=$? # a new run there: not "unfinished", in use
[ $rc -eq 2 ] && grep -q "^scorer: $T/busy is in use by another scorer (pid $pid on " "$T/err" &&
    ok || bad "a new run into a running folder: rc $rc, $(cat "$T/err")"
kill -INT $pid; wait $pid; rc=$?
[ $rc -eq 130 ] && ls "$T"/busy/ckpt/seed_0.ckpt >/dev/null 2>&1 && ok || bad "the first process was disturbed: rc $rc"
# the lock went with its process
timeout -s INT 1 "$BIN" train --resume "$T/busy" >/dev/null 2>"$T/err"
grep -q "in use" "$T/err" && bad "the lock outlived its process: $(cat "$T/err")" || ok

# a folder with a space: the suggested command pastes as it reads (the path quoted)
"$BIN" train --steps 20000000 --out "$T/r 2" >/dev/null 2>"$T/err" & pid=$!
i=0; while [ ! -f "$T/r 2/run.ini" ] && [ $i -lt 1000 ]; do sleep 0.02; i=$((i + 1)); done
sleep 0.1; kill -INT $pid; wait $pid
hint=$(sed -n 's/.*(continue with: scorer \(.*\))$/\1/p' "$T/err")
[ "$hint" = "train --resume '$T/r 2'" ] && ok || bad "the hint quotes a path with a space: '$hint'"
grep -q "^# scorer run manifest: resume with  scorer train --resume '$T/r 2'$" "$T/r 2/run.ini" && ok || bad "run.ini's comment: $(head -1 "$T/r 2/run.ini")"
eval "timeout -s INT 1 \"\$BIN\" $hint" >/dev/null 2>"$T/err2"; rc=$?
[ $rc -eq 124 ] || [ $rc -eq 130 ] || [ $rc -eq 0 ] && ! grep -q "unknown option\|no run.ini" "$T/err2" && ok || bad "the pasted hint resumes: rc $rc, $(cat "$T/err2")"

interrupt "$T/term" TERM 0.05 >/dev/null
interrupt "$T/term" TERM 0.15 >/dev/null
# (on a fast machine the second leg may already have finished: then there is nothing to resume)
[ -f "$T/term/summary.json" ] || "$BIN" train --resume "$T/term" --quiet >/dev/null 2>&1 && ok || bad "resume after two SIGTERMs failed"
same_run "$T/ref" "$T/term"

interrupt "$T/kill" KILL 0.1 >/dev/null
ls "$T"/kill/ckpt/*.tmp >/dev/null 2>&1 && rm -f "$T"/kill/ckpt/*.tmp # a kill mid-write leaves only a .tmp
[ ! -f "$T/kill/summary.json" ] && ok || bad "SIGKILL came after the run finished (make the run longer)"
# the run's manifest says another build started it: resumed, with a one-line warning, recorded in summary.json
sed -i 's/^build_commit = .*/build_commit = 0123abc/' "$T/kill/run.ini"
"$BIN" train --resume "$T/kill" --quiet >/dev/null 2>"$T/err" && ok || bad "resume after SIGKILL failed"
grep -q "^scorer: warning: the run was started with another commit (0123abc; now " "$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ] \
    && ok || bad "another build: one warning line expected: $(cat "$T/err")"
grep -q '"provenance": {"version": "[^"]*", "commit": "0123abc"' "$T/kill/summary.json" && grep -q '"resumed_by": {' "$T/kill/summary.json" \
    && ok || bad "summary.json should name both builds"
same_run "$T/ref" "$T/kill"

"$BIN" train --resume "$T/kill" --quiet >/dev/null 2>"$T/err" && bad "resuming a finished run should fail" || ok
grep -q "already holds a finished run" "$T/err" && ok || bad "finished-run message: $(cat "$T/err")"

# compare: the unfinished seeds resume, the finished ones are kept
C="--algos scorer-dqn,dqn --seeds 2 --steps $S2 --checkpoint-every 2000 --threads 2 --quiet"
"$BIN" compare $C --out "$T/cref" >/dev/null 2>&1 || bad "compare reference failed"
touch "$T/stamp"; sleep 0.01
"$BIN" compare $C --out "$T/cint" >/dev/null 2>&1 & pid=$!; new_ckpt "$T/cint"; sleep 0.1; kill -INT $pid; wait $pid
[ ! -f "$T/cint/summary.json" ] && ok || bad "compare finished before SIGINT (make the run longer)"
"$BIN" compare --resume "$T/cint" --quiet >/dev/null 2>&1 && ok || bad "compare resume failed"
for a in scorer-dqn dqn; do same_run "$T/cref/$a" "$T/cint/$a"; done
"$BIN" train --resume "$T/cint" >/dev/null 2>"$T/err" && bad "train --resume of a compare run should fail" || ok

# ckpt-info loads a checkpoint as --resume would, against the config.ini of its run folder (or --config)
ck="$T/cref/dqn/ckpt/seed_1.ckpt"
"$BIN" ckpt-info "$ck" >"$T/out" 2>"$T/err" && grep -q "seed 1, .*finished, .*state checked with $T/cref/dqn/config.ini: complete (scorer eval plays it)$" "$T/out" \
    && ok || bad "ckpt-info of a good (finished) checkpoint: $(cat "$T/out" "$T/err")"
"$BIN" ckpt-info "$T/busy/ckpt/seed_0.ckpt" >"$T/out" 2>"$T/err" && grep -q "in progress, .*state checked with $T/busy/config.ini: resumable$" "$T/out" \
    && ok || bad "ckpt-info of an interrupted seed's checkpoint: $(cat "$T/out" "$T/err")"
# the run folder is found from any spelling of the path: the parent of the checkpoint's directory
for p in seed_1.ckpt ./seed_1.ckpt ../ckpt/seed_1.ckpt ../ckpt/./seed_1.ckpt; do
    (cd "$T/cref/dqn/ckpt" && "$BIN" ckpt-info "$p") 2>&1 | grep -q "complete (scorer eval plays it)\$" && ok || bad "ckpt-info $p from inside ckpt/"
done
mkdir -p "$T/lone" && cp "$ck" "$T/lone/"
# a lone copy: where a run keeps its config.ini, said plainly ("no /config.ini" for /tmp/x.ckpt), and --config
"$BIN" ckpt-info "$T/lone/seed_1.ckpt" >"$T/out" 2>&1 &&
    grep -q "checksum ok, state not checked (no config.ini beside its folder, where a run keeps it: DIR/config.ini for DIR/ckpt/seed_K.ckpt; give the run's with --config FILE.ini)$" "$T/out" \
    && ok || bad "ckpt-info without a config.ini: $(cat "$T/out")"
"$BIN" ckpt-info --config "$T/cref/dqn/config.ini" "$T/lone/seed_1.ckpt" >"$T/out" 2>&1 && grep -q "complete" "$T/out" \
    && ok || bad "ckpt-info --config: $(cat "$T/out")"
"$BIN" ckpt-info --config "$T/cref/scorer-dqn/config.ini" "$ck" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 1 ] && grep -q "it holds dqn, but .* configures scorer-dqn" "$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ] \
    && ok || bad "ckpt-info against another algorithm's config: rc=$rc $(cat "$T/err")"
sed 's/^gamma = .*/gamma = 0.9/' "$T/cref/dqn/config.ini" > "$T/other.ini"
"$BIN" ckpt-info --config "$T/other.ini" "$ck" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 1 ] && grep -q "seed_1.ckpt was written with another configuration of CartPole-v1, dqn, seed 1 (" "$T/err" && ! grep -q delete "$T/err" &&
    [ "$(wc -l <"$T/err")" -eq 1 ] && ok || bad "ckpt-info against another configuration: rc=$rc $(cat "$T/err")"
"$BIN" ckpt-info "$ck" --config >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q "needs a file" "$T/err" && ok || bad "ckpt-info --config without a file: rc=$rc"
# an emptied config.ini is named as the problem: it had resolved to defaults, and the sound checkpoint was
# called another run's, with the advice to delete it (eval, ckpt-info and resume alike)
cp -r "$T/cref" "$T/empty"; : > "$T/empty/dqn/config.ini"; rm "$T/empty/summary.json"
want="$T/empty/dqn/config.ini has no env: it is not the configuration a run writes, which names every setting (restore it from a copy of the run)"
"$BIN" eval "$T/empty" --algo dqn --episodes 1 >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && [ "$(cat "$T/err")" = "scorer: $want" ] && ok || bad "eval with an empty config.ini: rc=$rc $(cat "$T/err")"
"$BIN" ckpt-info "$T/empty/dqn/ckpt/seed_1.ckpt" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 1 ] && grep -q "^scorer: $want (the state of" "$T/err" && ! grep -q delete "$T/err" && ok || bad "ckpt-info with an empty config.ini: rc=$rc $(cat "$T/err")"
"$BIN" compare --resume "$T/empty" --quiet >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q "^scorer: $want\$" "$T/err" && ok || bad "resume with an empty config.ini: rc=$rc $(cat "$T/err")"
# a damaged checkpoint: eval's advice is eval's (deleting it would not bring the agent back), a resume's is to restart the seed
cp "$T/cref/dqn/config.ini" "$T/empty/dqn/config.ini"; echo x >> "$T/empty/dqn/ckpt/seed_1.ckpt"
"$BIN" eval "$T/empty" --algo dqn --seed 1 --episodes 1 >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && [ "$(cat "$T/err")" = "scorer: $T/empty/dqn/ckpt/seed_1.ckpt is truncated or has a damaged header ($(wc -c < "$T/empty/dqn/ckpt/seed_1.ckpt") bytes): seed 1's agent cannot be played (restore the file from a copy, or train the seed again in a new folder)" ] &&
    ok || bad "eval of a damaged checkpoint: rc=$rc $(cat "$T/err")"
"$BIN" compare --resume "$T/empty" --quiet >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q "^scorer: $T/empty/dqn/ckpt/seed_1.ckpt is truncated or has a damaged header ([0-9]* bytes): delete it to restart the seed\$" "$T/err" &&
    ok || bad "resume of a damaged checkpoint: rc=$rc $(cat "$T/err")"

# damaged checkpoints are refused with one line naming the file; nothing else is touched
interrupt "$T/dmg" INT 0.1 >/dev/null
f=$(ls "$T"/dmg/ckpt/*.ckpt | head -1)
if [ -n "$f" ]; then
    cp "$f" "$T/dmg.ckpt"
    printf 'XXXX' | dd of="$f" bs=1 seek=300 conv=notrunc 2>/dev/null
    "$BIN" train --resume "$T/dmg" --quiet >/dev/null 2>"$T/err"; rc=$?
    [ $rc -ne 0 ] && grep -q "corrupt" "$T/err" && ok || bad "corrupt checkpoint: rc=$rc $(cat "$T/err")"
    "$BIN" ckpt-info "$f" >/dev/null 2>&1 && bad "ckpt-info should refuse a corrupt file" || ok
    # a forged one: its checksum recomputed (XXH64, seed 0, of everything before the last 8 bytes, with the
    # library's xxhash.h), the trainer's iterations (the payload's first field, at byte 192) raised by 2^32,
    # past the run: refused in one line, by ckpt-info and before any seed trains, the run folder untouched
    if ${CC:-cc} -O1 -o "$T/reseal" -x c - 2>"$T/cc.err" <<'EOC'
#define XXH_INLINE_ALL
#include <stdio.h>
#include <stdlib.h>
#include <xxhash.h>
int main(int argc, char **argv) { /* reseal FILE: rewrites the checksum that ends a checkpoint */
    FILE *f = fopen(argv[1], "r+b");
    long n = f && !fseek(f, 0, SEEK_END) ? ftell(f) : -1;
    unsigned char *b = n >= 8 ? malloc((size_t)n) : NULL;
    if (!b || fseek(f, 0, SEEK_SET) || fread(b, 1, (size_t)n, f) != (size_t)n) return 1;
    const XXH64_hash_t h = XXH64(b, (size_t)n - 8, 0);
    return fseek(f, n - 8, SEEK_SET) || fwrite(&h, 1, 8, f) != 8 || fclose(f);
}
EOC
    then
        cp "$T/dmg.ckpt" "$f" && printf '\001' | dd of="$f" bs=1 seek=196 conv=notrunc 2>/dev/null && "$T/reseal" "$f"
        # every name, and every file's content but run.lock's (each process takes the lock with its own pid)
        snap() { (cd "$T/dmg" && find . | sort && find . -type f ! -name run.lock | sort | xargs cksum); }
        snap > "$T/before"
        "$BIN" ckpt-info "$f" >"$T/out" 2>"$T/err"; rc=$?
        [ $rc = 1 ] && grep -q "checksum ok" "$T/out" && [ "$(wc -l <"$T/err")" -eq 1 ] &&
            grep -q "^scorer: $f holds out-of-range values (its iterations and learning curve do not fit this configuration's schedule" "$T/err" &&
            ok || bad "ckpt-info of a forged checkpoint: rc=$rc $(cat "$T/out" "$T/err")"
        "$BIN" train --resume "$T/dmg" --quiet >/dev/null 2>"$T/err"; rc=$?
        [ $rc = 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^scorer: $f holds out-of-range values (its iterations" "$T/err" &&
            ok || bad "resume with a forged checkpoint: rc=$rc $(cat "$T/err")"
        snap | cmp -s "$T/before" - && ok || bad "a refused resume changed the run folder: $(snap | diff "$T/before" -)"
        cp "$T/dmg.ckpt" "$f"
        "$BIN" ckpt-info "$f" 2>&1 | grep -q "checksum ok, state checked with .*: resumable$" && ok || bad "the file put back is resumable"
    else bad "cannot compile the checksum helper: $(cat "$T/cc.err")"; fi
else bad "no checkpoint was written before SIGINT"; fi
# a checkpoint a seed's resume would refuse (here seed 0's, copied over seed 1's: another run's) is refused before
# any seed trains: the run stays open (no summary.json), and ckpt-info refuses it the same way
interrupt "$T/swap" INT 0.1 >/dev/null
cp "$T/swap/ckpt/seed_0.ckpt" "$T/swap/ckpt/seed_1.ckpt"
"$BIN" ckpt-info "$T/swap/ckpt/seed_1.ckpt" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 1 ] && grep -q "seed_1.ckpt belongs to another run" "$T/err" && ok || bad "ckpt-info of seed 0's checkpoint as seed_1.ckpt: rc=$rc $(cat "$T/err")"
csv0=$(cksum "$T/swap/seed_0.csv" 2>&1) # the curve seed 0 had when stopped: a seed that trained would rewrite it
"$BIN" train --resume "$T/swap" --quiet >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "seed_1.ckpt belongs to another run" "$T/err" && [ ! -f "$T/swap/summary.json" ] &&
    [ -f "$T/swap/seed_0.csv" ] && [ "$(cksum "$T/swap/seed_0.csv" 2>&1)" = "$csv0" ] && ok || bad "resume with another seed's checkpoint: rc=$rc $(cat "$T/err")"
rm "$T/swap/ckpt/seed_1.ckpt"
"$BIN" train --resume "$T/swap" --quiet >/dev/null 2>&1 && ok || bad "resume after deleting the refused checkpoint"
# a checkpoint that cannot be written (its temporary file's name taken by a folder, as a full disk would fail it)
# stops that seed but not the run: no summary.json, exit 1 with the resume command; fixed, the resume finishes
# it, equal to the uninterrupted run. The temporary names are seed_0.ckpt.<host>.<pid>.<n>.tmp: a shell that execs scorer
# knows its pid, and takes n = 1..100 (every name the first checkpoint of seed 0 can get)
sh -c 'd=$1; shift; n=1; while [ $n -le 100 ]; do mkdir -p "$d/ckpt/seed_0.ckpt.$(uname -n).$$.$n.tmp"; n=$((n + 1)); done; exec "$@"' \
    sh "$T/full" "$BIN" train $ARGS --out "$T/full" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 1 ] && grep -q "seed 0: cannot write .*seed_0\.ckpt\.$(uname -n)\.[0-9]*\.[0-9]*\.tmp" "$T/err" && grep -q "the run is not over (no summary.json): fix the error above, then continue with scorer train --resume" "$T/err" &&
    [ ! -f "$T/full/summary.json" ] && ok || bad "a failed checkpoint write: rc=$rc $(cat "$T/err")"
rmdir "$T"/full/ckpt/seed_0.ckpt.*.tmp
"$BIN" train --resume "$T/full" --quiet >/dev/null 2>"$T/err" && ok || bad "resume after a failed checkpoint write: $(cat "$T/err")"
same_run "$T/ref" "$T/full"
# ckpt-info refuses a file of another size than its header promises from the header alone (a sparse 2 TiB copy:
# it used to read files up to 1 TiB whole first, and called a bigger one too large "for this configuration")
cp "$T/swap/ckpt/seed_0.ckpt" "$T/big.ckpt" && truncate -s 2T "$T/big.ckpt"
"$BIN" ckpt-info "$T/big.ckpt" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 1 ] && grep -q "big.ckpt is truncated or has a damaged header (2199023255552 bytes" "$T/err" && ok || bad "ckpt-info of a 2 TiB file: rc=$rc $(cat "$T/err")"
rm -f "$T/big.ckpt"
# a second Ctrl-C exits at once, even while the first one's checkpoints are being written (MinAtar's are ~8 MB):
# it leaves no half-written temporary file (before, seed_K.ckpt.tmp stayed in 3 of 4 tries). The second signal
# is SIGTERM: the same signal again from the same process within a second is taken for one (below)
for d in 0 0.005 0.01; do
    rm -rf "$T/dbl"
    "$BIN" train --env Breakout-MinAtar --algo dqn --seeds 2 --steps 500000 --threads 2 --out "$T/dbl" --quiet >/dev/null 2>&1 &
    pid=$!; sleep 1; kill -INT $pid; sleep $d; kill -TERM $pid 2>/dev/null; wait $pid; rc=$?
    left=$(find "$T/dbl" -name '*.tmp' | head -3)
    [ $rc = 130 ] && [ -z "$left" ] && ok || bad "a second SIGINT after ${d}s: rc=$rc, left $left"
done
# exiting at once, it says so in one line, with what remains and the command that continues the run (it exited
# silently); SIGTERM right after SIGINT is surely a second signal (two SIGINTs at once can arrive as one)
rm -rf "$T/dbl"
"$BIN" train --env Breakout-MinAtar --algo dqn --seeds 2 --steps 500000 --threads 2 --out "$T/dbl" --quiet >/dev/null 2>"$T/err" &
pid=$!; sleep 1; kill -INT $pid; kill -TERM $pid; wait $pid; rc=$?
[ $rc = 130 ] && grep -q "^scorer: exited at once: the checkpoints written before remain in $T/dbl (continue from them with: scorer train --resume $T/dbl)$" "$T/err" &&
    ok || bad "a second signal says what is left and how to continue: rc=$rc $(cat "$T/err")"
# GNU timeout sends its signal to the process and again to its process group: one signal, sent twice by one
# process within a second, is one Ctrl-C (it was taken for a second one, and the checkpoints being written were lost)
rm -rf "$T/dbl"
"$BIN" train --env Breakout-MinAtar --algo dqn --seeds 2 --steps 500000 --threads 2 --out "$T/dbl" --quiet >/dev/null 2>"$T/err" &
pid=$!; sleep 1; kill -INT $pid; sleep 0.005; k2=0; kill -INT $pid || k2=1; wait $pid; rc=$?
[ $k2 = 0 ] && [ $rc = 130 ] && grep -q "^scorer: interrupted; checkpoints are in $T/dbl " "$T/err" && ! grep -q "exited at once" "$T/err" &&
    "$BIN" ckpt-info "$T/dbl/ckpt/seed_0.ckpt" "$T/dbl/ckpt/seed_1.ckpt" >/dev/null 2>&1 &&
    ok || bad "the same SIGINT twice from one process is one Ctrl-C: rc=$rc, second kill $k2, $(cat "$T/err")"
# the same signal from another process is a second one: it exits at once. The second must come after the
# first is handled (two pending SIGINTs are one) and while the checkpoints are written: about 30 ms with the
# default buffer, which a new sh 5 ms after the first once missed in CI; with a buffer of 1e6 they take about
# 120 ms, and the second comes about 20 ms after the first
rm -rf "$T/dbl"
"$BIN" train --env Breakout-MinAtar --algo dqn --seeds 2 --steps 500000 --threads 2 --out "$T/dbl" --quiet \
    --set buffer_size=1000000 >/dev/null 2>"$T/err" &
pid=$!; sleep 1; kill -INT $pid; sleep 0.02; sh -c "kill -INT $pid"; wait $pid; rc=$?
[ $rc = 130 ] && grep -q "^scorer: exited at once: " "$T/err" && ok || bad "SIGINT again from another process exits at once: rc=$rc $(cat "$T/err")"
# a damaged run.ini (what --resume continues: command and algos) is refused with one line naming the damage,
# the run left as it was; put back, the same run resumes
"$BIN" compare --algos dqn,ddqn --steps 300 --quiet --out "$T/man" >/dev/null 2>&1 && rm "$T/man/summary.json" && cp "$T/man/run.ini" "$T/man.ini" ||
    bad "compare for the run.ini checks failed"
damaged() { # damaged SED_EXPR MESSAGE COMMAND: run.ini edited by SED_EXPR, then COMMAND --resume
    sed "$1" "$T/man.ini" >"$T/man/run.ini"
    "$BIN" "$3" --resume "$T/man" --quiet >"$T/out" 2>"$T/err"; rc=$?
    [ $rc -ne 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^scorer: $T/man/run.ini is damaged ($2" "$T/err" && [ ! -e "$T/man/summary.json" ] &&
        ok || bad "run.ini with '$1': rc=$rc $(cat "$T/err")"
}
damaged 's/^command = compare$/command = eval/' "no command line" compare
damaged '/^command = /d' "no command line" compare
damaged 's/^algos = dqn,ddqn$/algos = dqn,dqn3/' "algos names an unknown algorithm" compare
damaged '/^algos = /d' "algos does not fit its command" compare
damaged 's/^command = compare$/command = train/' "algos does not fit its command" train
cp "$T/man.ini" "$T/man/run.ini"
# the algorithms of a compare train the same env and seeds: a config.ini edited to differ is refused in one
# line naming both, before anything is written; put back, the run resumes
cp "$T/man/ddqn/config.ini" "$T/ddqn.ini"
for e in 's/^env = .*/env = Acrobot-v1/' 's/^num_seeds = .*/num_seeds = 2/' 's/^seed = .*/seed = 7/'; do
    sed "$e" "$T/ddqn.ini" >"$T/man/ddqn/config.ini"
    "$BIN" compare --resume "$T/man" --quiet >"$T/out" 2>"$T/err"; rc=$?
    [ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && [ ! -e "$T/man/summary.json" ] &&
        grep -q "^scorer: the configurations of dqn and ddqn disagree on env, seeds or out (edit their config.ini)" "$T/err" &&
        ok || bad "ddqn's config.ini with '$e': rc=$rc $(cat "$T/err")"
done
cp "$T/ddqn.ini" "$T/man/ddqn/config.ini"
"$BIN" compare --resume "$T/man" --quiet >/dev/null 2>"$T/err" && [ -s "$T/man/summary.json" ] && ok || bad "resume with run.ini put back: $(cat "$T/err")"
"$BIN" train --resume "$T/nothing" >/dev/null 2>"$T/err" && bad "resume of a missing folder should fail" || ok
[ "$(wc -l <"$T/err")" -eq 1 ] && ok || bad "one-line error expected: $(cat "$T/err")"
"$BIN" train --resume "$T/int" --steps 5 >/dev/null 2>"$T/err" && bad "--resume with --steps should fail" || ok
# a new run or sweep refuses a folder whose results it would replace or hide: a compare's algorithm
# folder (training there had replaced its seeds behind the compare's summary.json), a sweep, seed
# results left without a manifest; a folder holding only configurations (a run stopped before its
# manifest) still starts again
sum_before=$(cksum < "$T/cref/dqn/seed_0.csv")
refused() { # refused WHAT EXPECTED-LINE COMMAND...: exit 2, the one line, nothing written
    what=$1 line=$2; shift 2
    "$BIN" "$@" >/dev/null 2>"$T/err"; rc=$?
    [ $rc -eq 2 ] && [ "$(cat "$T/err")" = "$line" ] && ok || bad "$what: rc=$rc $(cat "$T/err")"
}
refused "train into a compare's algorithm folder" "scorer: $T/cref/dqn is inside the run $T/cref, whose folders hold its own files (choose another --out)" \
    train --algo dqn --steps 3000 --out "$T/cref/dqn" --quiet
refused "train into a new folder inside a run" "scorer: $T/cref/new is inside the run $T/cref, whose folders hold its own files (choose another --out)" \
    train --steps 3000 --out "$T/cref/new" --quiet
refused "a sweep into a compare's algorithm folder" "scorer: $T/cref/dqn is inside the run $T/cref, whose folders hold its own files (choose another --out)" \
    sweep --grid lr=1e-4 --steps 3000 --out "$T/cref/dqn" --plan
[ "$(cksum < "$T/cref/dqn/seed_0.csv")" = "$sum_before" ] && [ ! -e "$T/cref/new" ] && [ ! -e "$T/cref/dqn/sweep.ini" ] && ok ||
    bad "the compare's folder was written to"
# without --out, inside a run: refused, and the runs/ the default folder's claim made there goes with it
(cd "$T/cref" && "$BIN" train --steps 3000 --quiet) >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q "is inside the run $T/cref" "$T/err" && [ ! -e "$T/cref/runs" ] && ok ||
    bad "a default folder refused inside a run leaves runs/ there: rc=$rc $(cat "$T/err"); $(ls "$T/cref")"
mkdir "$T/loose" && cp "$T/cref/dqn/seed_0.csv" "$T/loose/"
refused "train into a folder of seed CSVs without run.ini" "scorer: $T/loose holds seed results but no run.ini, so it cannot be resumed (choose another --out, or move them away)" \
    train --algo dqn --steps 3000 --out "$T/loose" --quiet
mkdir -p "$T/loose2/dqn/ckpt" && cp "$T/cref/dqn/ckpt/seed_0.ckpt" "$T/loose2/dqn/ckpt/"
refused "compare into a folder whose dqn/ckpt holds a checkpoint, without run.ini" \
    "scorer: $T/loose2/dqn holds seed results but no run.ini, so it cannot be resumed (choose another --out, or move them away)" \
    compare --steps 3000 --seeds 1 --out "$T/loose2" --quiet
"$BIN" sweep --grid lr=1e-4 --algos dqn --steps 2000 --seeds 1 --out "$T/sw" --plan >/dev/null 2>&1 || bad "sweep plan"
refused "train into a sweep" "scorer: $T/sw holds a sweep (scorer summary $T/sw shows it; choose another --out)" \
    train --steps 3000 --out "$T/sw" --quiet
[ ! -e "$T/sw/run.ini" ] && ok || bad "the sweep's folder was written to"
# at any depth, however the path is spelt: a sweep's point (the sweep then showed that run under its grid's
# label), a run's ckpt/ folder, "dqn/."; a path through ".." is judged by where it leads
refused "train into a sweep's point" "scorer: $T/sw/p000 is inside the sweep $T/sw, whose folders hold its own files (choose another --out)" \
    train --algo dqn --steps 3000 --out "$T/sw/p000" --quiet
refused "a sweep into a sweep's point" "scorer: $T/sw/p000 is inside the sweep $T/sw, whose folders hold its own files (choose another --out)" \
    sweep --grid lr=1e-4 --steps 3000 --out "$T/sw/p000" --plan
refused "train two levels down in a run" "scorer: $T/cref/dqn/ckpt is inside the run $T/cref, whose folders hold its own files (choose another --out)" \
    train --steps 3000 --out "$T/cref/dqn/ckpt" --quiet
refused "train into dqn/." "scorer: $T/cref/dqn/. is inside the run $T/cref, whose folders hold its own files (choose another --out)" \
    train --steps 3000 --out "$T/cref/dqn/." --quiet
[ ! -e "$T/sw/p000" ] && [ ! -e "$T/cref/dqn/ckpt/run.ini" ] && [ ! -e "$T/cref/dqn/run.ini" ] && ok || bad "a refused run wrote files"
# a folder of runs (runs/ itself) is no run's folder: the run's files landed among the runs, and scorer summary
# RUNS/* failed on them. A run's folder, a compare's, a sweep's each count; other files and folders do not
mkdir "$T/many" && cp -r "$T/cref" "$T/many/c1" && cp -r "$T/sw" "$T/many/s1" && mkdir "$T/many/notes"
many_line="scorer: $T/many holds other runs (2 run folders, such as $T/many/c1): choose another --out, e.g. $T/many/NAME"
refused "train into a folder of runs" "$many_line" train --steps 3000 --out "$T/many" --quiet
refused "compare into a folder of runs" "$many_line" compare --steps 3000 --seeds 1 --out "$T/many" --quiet
refused "a sweep into a folder of runs" "$many_line" sweep --grid lr=1e-4 --steps 3000 --out "$T/many" --plan
refused "train into a folder of runs, given with a trailing slash" \
    "scorer: $T/many/ holds other runs (2 run folders, such as $T/many/c1): choose another --out, e.g. $T/many/NAME" \
    train --steps 3000 --out "$T/many/" --quiet
[ "$(ls "$T/many" | tr '\n' ' ')" = "c1 notes s1 " ] && ok || bad "a refused run wrote into the folder of runs: $(ls "$T/many")"
mkdir -p "$T/logs/old" && echo "slurm output" >"$T/logs/slurm-1.out"
"$BIN" train --steps 3000 --seeds 1 --out "$T/logs" --quiet >/dev/null 2>"$T/err" && [ -s "$T/logs/summary.json" ] && ok ||
    bad "a folder of other files (a Slurm log, a folder of no run) starts: $(cat "$T/err")"
# a compare folder that holds something else beside its algorithms (a run put there before the check
# above existed, notes) is still the compare: its run.ini names its algorithms
cp -r "$T/cref" "$T/cx" && cp -r "$T/kill" "$T/cx/extra" && mkdir "$T/cx/notes" && rm "$T/cx/summary.json"
"$BIN" summary "$T/cx" >"$T/out" 2>"$T/err" && grep -q "^scorer-dqn  *2/2 " "$T/out" && grep -q "^dqn  *2/2 " "$T/out" && ! grep -q extra "$T/out" &&
    ok || bad "summary of a compare holding a stray run: $(cat "$T/err")"
"$BIN" plot "$T/cx" >/dev/null 2>"$T/err" && [ -s "$T/cx/returns.dat" ] && ok || bad "plot of a compare holding a stray run: $(cat "$T/err")"
# a stopped run's resume command is whole in summary's "not finished" lines, however long its path (it was cut at 200)
long="$T/$(printf 'a%.0s' $(seq 60))/$(printf 'b%.0s' $(seq 60))/$(printf 'c%.0s' $(seq 60))/run"
mkdir -p "$(dirname "$long")" && cp -r "$T/cref" "$long" && rm "$long/summary.json" "$long/dqn/seed_1.csv"
"$BIN" summary "$long" >"$T/out" 2>&1 && grep -q "^not finished: dqn seed 1: .*scorer compare --resume $long)\$" "$T/out" &&
    ok || bad "the resume command of a long path: $(grep 'not finished' "$T/out")"
mkdir -p "$T/up/a" && "$BIN" train --steps 3000 --seeds 1 --out "$T/up/a/.." --quiet >/dev/null 2>"$T/err" && [ -s "$T/up/summary.json" ] &&
    ok || bad "a path through .. leading out of every run is taken: $(cat "$T/err")"
# a sweep given where a run folder is expected points to what does take it (it said "no run.ini")
refused "train --resume of a sweep" "scorer: cannot resume $T/sw: it is a sweep (continue it with scorer sweep --resume $T/sw)" train --resume "$T/sw"
refused "eval of a sweep" "scorer: $T/sw is a sweep: give one of its points (scorer eval $T/sw/p000 ...; scorer summary $T/sw lists them)" eval "$T/sw"
# a missing folder and a file are said as summary says them; a compare's algorithm folder names its run (each said
# "has no run.ini")
refused "eval of a missing folder" "scorer: $T/nosuch: No such file or directory (give a run folder written by scorer train or compare)" eval "$T/nosuch"
refused "eval of a file" "scorer: $T/cref/run.ini is not a folder (give a run folder written by scorer train or compare)" eval "$T/cref/run.ini"
refused "eval of a compare's algorithm folder" "scorer: $T/cref/dqn is the dqn folder of the run $T/cref: give the run (scorer eval $T/cref --algo dqn)" eval "$T/cref/dqn/"
refused "eval --delay without --render (it was ignored)" "scorer: --delay is the pause between drawn frames: add --render (or leave it out)" \
    eval "$T/cref" --delay 5
mkdir "$T/conf" && cp "$T/cref/dqn/config.ini" "$T/conf/"
"$BIN" train --algo dqn --steps 3000 --seeds 1 --out "$T/conf" --quiet >/dev/null 2>"$T/err" && [ -s "$T/conf/summary.json" ] && ok ||
    bad "a folder with only a config.ini starts: $(cat "$T/err")"
# a run's config.ini edited after its checkpoints were written: the checkpoint is the seed's own, under other
# settings. --resume says the config.ini differs (what the checkpoint's header shows of it, if anything) and
# never advises deleting the checkpoint (it said "belongs to another run ...: delete it to restart the seed",
# and after a raised total_timesteps "is larger than any checkpoint"); restored, the run resumes
"$BIN" train --steps 4000 --threads 1 --checkpoint-every 1000 --out "$T/ed" --quiet >/dev/null 2>&1 && rm "$T/ed/summary.json" &&
    cp "$T/ed/config.ini" "$T/ed.ini" || bad "train for the edited-config checks failed"
edited() { # edited SED_EXPR WHAT-THE-HEADER-SHOWS
    sed "$1" "$T/ed.ini" >"$T/ed/config.ini"
    "$BIN" train --resume "$T/ed" --quiet >/dev/null 2>"$T/err"; rc=$?
    [ $rc -eq 2 ] && [ "$(cat "$T/err")" = "scorer: $T/ed/config.ini differs from the configuration $T/ed/ckpt/seed_0.ckpt was written with ($2): \
was it edited? restore the settings the checkpoint was written with, or start a new run with the new ones (scorer train --config $T/ed/config.ini)" ] &&
        [ ! -e "$T/ed/summary.json" ] && ok || bad "resume after config.ini edited with '$1': rc=$rc $(cat "$T/err")"
}
edited 's/^gamma = .*/gamma = 0.9/' "which setting, the checkpoint cannot say: it holds a hash of the configuration"
edited 's/^total_timesteps = .*/total_timesteps = 8000/' "the seed finished at timestep 4000, total_timesteps is 8000 now"
edited 's/^num_envs = .*/num_envs = 4/' "num_envs was 10, is 4 now"
edited 's/^buffer_size = .*/buffer_size = 20005/' "buffer_size was 50000 to 50009, is 20005 now"
sed 's/^gamma = .*/gamma = 0.9/' "$T/ed.ini" >"$T/ed/config.ini"
"$BIN" ckpt-info "$T/ed/ckpt/seed_0.ckpt" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q "^scorer: $T/ed/ckpt/seed_0.ckpt was written with another configuration of CartPole-v1, scorer-dqn, seed 0 (.*): was the configuration edited? restore the settings it was written with, or start a new run with the new ones$" "$T/err" &&
    ok || bad "ckpt-info against an edited config.ini: rc=$rc $(cat "$T/err")"
"$BIN" eval "$T/ed" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "was written with another configuration .*: was the run's config.ini edited? seed 0's agent plays once" "$T/err" &&
    ! grep -q "train the seed again" "$T/err" && ok || bad "eval against an edited config.ini: rc=$rc $(cat "$T/err")"
cp "$T/ed.ini" "$T/ed/config.ini"
"$BIN" train --resume "$T/ed" --quiet >/dev/null 2>"$T/err" && [ -s "$T/ed/summary.json" ] && ok || bad "resume with config.ini restored: $(cat "$T/err")"
# a compare's algorithm config.ini, the same (its run is resumed by compare: no train --config advice)
cp -r "$T/cref" "$T/ced" && rm "$T/ced/summary.json" && sed -i 's/^gamma = .*/gamma = 0.9/' "$T/ced/dqn/config.ini"
"$BIN" compare --resume "$T/ced" --quiet >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(cat "$T/err")" = "scorer: $T/ced/dqn/config.ini differs from the configuration $T/ced/dqn/ckpt/seed_0.ckpt was written with (which \
setting, the checkpoint cannot say: it holds a hash of the configuration): was it edited? restore the settings the checkpoint was written with, \
or start a new run with the new ones" ] && ok || bad "resume of a compare after dqn/config.ini was edited: rc=$rc $(cat "$T/err")"
echo "cli_resume: $pass passed, $fail failed"
[ $fail -eq 0 ]
