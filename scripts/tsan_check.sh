#!/bin/sh
# ThreadSanitizer over the code that runs on several threads (CI runs this; ~1 min on 2 cores):
# experiment_run's worker pool with the live progress line reading the seeds' slots, the per-thread
# scratch of the network code (dense and sparse paths, PQN), the sweep's points, a Ctrl-C while seeds
# train (the flag the workers poll) and a second one (the handler removing pending temporary files),
# then a resume. Any data race or signal-unsafe call in a handler makes the process exit 66 and this
# script fail. The whole suite also runs under it: `make SAN=thread test` (docs/ROBUSTNESS.md).
set -eu
cd "$(dirname "$0")/.."
B=build-tsan
T="$B/tests/test_hotloop $B/tests/test_library $B/tests/test_sweep $B/tests/test_settings"
make SAN=thread -j2 all $T > /dev/null
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
S="$B/bin/scorer"
D=$(mktemp -d "${TMPDIR:-/tmp}/scorer-tsan.XXXXXX")
trap 'rm -rf "$D"' EXIT
fail() { echo "tsan_check: $*" >&2; exit 1; }

for t in $T; do "$t" | tail -n 1; done

# on a terminal (script(1) gives one) the main thread draws the progress line from the workers' slots
on_terminal() { script -qec "$*" /dev/null > "$D/tty.log" 2>&1 || { tail -n 20 "$D/tty.log"; fail "failed: $*"; }; }
on_terminal "$S compare --env CartPole-v1 --seeds 3 --threads 2 --steps 4000 --out $D/cartpole"
on_terminal "$S compare --env Breakout-MinAtar --seeds 2 --threads 2 --steps 3000 --out $D/breakout"
on_terminal "$S compare --env CartPole-v1 --algos scorer-pqn,pqn --seeds 2 --threads 2 --steps 8192 --out $D/pqn"
on_terminal "$S sweep --env CartPole-v1 --grid follower_lr=1e-4,3e-4 --seeds 2 --threads 2 --steps 2000 --out $D/sweep"
echo "tsan_check: compare (classic, MinAtar, PQN) and sweep on 2 threads: no report"

# Ctrl-C while two seeds train: the run stops with its checkpoints, then resumes to the end
# (instrumented code trains ~1k steps/s here: 20000 steps take ~20 s per seed, well past the signal at 4 s
# on a machine a few times faster)
"$S" train --env CartPole-v1 --seeds 2 --threads 2 --steps 20000 --quiet --out "$D/int" > "$D/int.log" 2>&1 &
pid=$!
sleep 4
kill -INT $pid
rc=0; wait $pid || rc=$?
[ $rc -ne 66 ] || { cat "$D/int.log"; fail "a report after Ctrl-C"; }
grep -q "stopping" "$D/int.log" || { cat "$D/int.log"; fail "the first Ctrl-C was not acknowledged"; }
"$S" train --resume "$D/int" --quiet > "$D/resume.log" 2>&1 || { cat "$D/resume.log"; fail "resume"; }
echo "tsan_check: Ctrl-C with two seeds training, then --resume: no report"

# a second Ctrl-C exits at once from the handler, removing the temporary files being written; it joins no
# thread by design, so a worker that has already returned (its seed checkpointed after the first signal)
# is a "thread leak" to TSan: not reported here (races still are)
TSAN_OPTIONS="$TSAN_OPTIONS report_thread_leaks=0" "$S" train --env CartPole-v1 --seeds 2 --threads 2 --steps 20000 --quiet --out "$D/int2" > "$D/int2.log" 2>&1 &
pid=$!
sleep 4
kill -INT $pid; kill -TERM $pid # another signal: the same one again from this shell is one
rc=0; wait $pid || rc=$?
[ $rc -eq 130 ] || { cat "$D/int2.log"; fail "a second Ctrl-C gave exit $rc, not 130"; }
echo "tsan_check: a second Ctrl-C: exit 130, no report"
echo "tsan_check: passed"
