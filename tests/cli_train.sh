#!/bin/sh
# CLI contract of train/compare: bad input gets one line on stderr and a non-zero exit with no
# output left behind; the same seed gives bit-identical CSVs with 1 or 2 worker threads; a short
# CartPole run learns clearly better than a random policy (return ~22).
BIN=${SCORER_BIN:-bin/scorer}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# expect_error NAME ARGS...: exit code != 0, exactly one stderr line starting "scorer: ", no stdout
expect_error() {
    name=$1; shift
    "$BIN" "$@" >"$T/out" 2>"$T/err"; rc=$?
    lines=$(wc -l <"$T/err")
    if [ $rc -ne 0 ] && [ "$lines" -eq 1 ] && grep -q '^scorer: ' "$T/err" && [ ! -s "$T/out" ]; then ok
    else bad "$name: rc=$rc, $lines stderr lines: $(cat "$T/err" "$T/out" | head -3)"; fi
}
expect_error "no command"
expect_error "unknown command" frobnicate
expect_error "unknown flag" train --env CartPole-v1 --bogus 1
expect_error "missing value" train --env
# an option followed by another option has no value: refused, naming it (not a folder named --quiet)
ABS_BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
(cd "$T" && "$ABS_BIN" train --steps 300 --out --quiet >"$T/out" 2>"$T/err"); rc=$?
[ $rc -eq 2 ] && grep -q -- "^scorer: --out needs a value" "$T/err" && [ ! -e "$T/--quiet" ] && ok || bad "--out --quiet: rc=$rc $(cat "$T/err")"
expect_error "value missing before an option" train --env --dry-run
expect_error "value missing before an option (compare)" compare --seeds --steps 300
expect_error "value missing before an option (eval)" eval "$T" --out --all
expect_error "unknown env" train --env Pong-v9 --out "$T/x1"
expect_error "unknown algo" train --algo dqn3 --out "$T/x2"
expect_error "zero seeds" train --seeds 0 --out "$T/x3"
expect_error "negative lr" train --set leader_lr=-1 --out "$T/x4"
expect_error "not a number" train --set gamma=abc --out "$T/x5"
expect_error "unknown key" train --set gama=0.9 --out "$T/x6"
expect_error "batch > buffer" train --set batch_size=4096 --set buffer_size=1000 --out "$T/x7"
# each refusal of config validation, named by its own message (so that a check removed is not hidden by another)
expect_config_error() { # expect_config_error MESSAGE ARGS...
    msg=$1; shift
    expect_error "$msg" "$@"
    grep -q -- "$msg" "$T/err" && ok || bad "scorer $*: expected '$msg': $(cat "$T/err")"
}
expect_config_error "obs_bits=maybe is not a boolean (use 1 or 0)" train --set obs_bits=maybe --out "$T/x11"
expect_config_error "num_envs=2.5 must be a whole number" train --set num_envs=2.5 --out "$T/x11"
expect_config_error "total_timesteps=1e16 is out of range" train --set total_timesteps=1e16 --out "$T/x11"
expect_config_error "activation=gelu is not one of relu|tanh" train --set activation=gelu --out "$T/x11"
expect_config_error "optimizer=sgd is not one of adam|radam" train --algo pqn --set optimizer=sgd --out "$T/x11"
# classic control runs 10 envs: a buffer of 19 cannot hold two steps of them (batch 8 fits it)
expect_config_error "buffer_size=19 must hold at least two steps of num_envs=10" train --set buffer_size=19 --set batch_size=8 --out "$T/x11"
"$BIN" train --set buffer_size=20 --set batch_size=8 --dry-run >/dev/null 2>&1 && ok || bad "buffer_size = 2 x num_envs is enough"
expect_config_error "num_minibatches=9 is more than the 8 samples of one rollout" train --algo pqn --set num_steps=4 --set num_envs=2 --set num_minibatches=9 --out "$T/x11"
"$BIN" train --algo pqn --set num_steps=4 --set num_envs=2 --set num_minibatches=8 --dry-run >/dev/null 2>&1 && ok || bad "num_minibatches = one rollout's samples is allowed"
expect_config_error "total_timesteps=9 is less than one step of num_envs=10 envs" train --steps 9 --out "$T/x11"
"$BIN" train --steps 10 --dry-run >/dev/null 2>&1 && ok || bad "--steps = num_envs is one step: allowed"
printf 'gamma = 0.9\nlearning_starts = %0700d\n' 0 >"$T/long.ini"
expect_config_error "long.ini:2: line too long" train --config "$T/long.ini" --out "$T/x11"
expect_error "missing config" train --config "$T/nope.ini" --out "$T/x8"
expect_error "a folder as config" train --config "$T" --out "$T/x8"
grep -q "is a folder: give an INI file" "$T/err" && ok || bad "--config FOLDER: $(cat "$T/err")"
expect_error "algos on train" train --algos dqn,ddqn --out "$T/x9"
# a run's config.ini given back without --out: its out is that run's folder, which holds a run; the new run
# gets a folder of its own under runs/ (as without --config), with a warning saying so; --dry-run too (it writes
# nothing: no folder to refuse). They were refused, naming the file's out.
"$BIN" train --steps 300 --quiet --out "$T/cfgrun" >/dev/null 2>&1
"$BIN" compare --steps 300 --seeds 1 --set eps_anneal_timesteps=30 --quiet --out "$T/cfgcmp" >/dev/null 2>&1
for c in train compare; do
    (cd "$T" && "$ABS_BIN" $c --config "$T/cfgcmp/dqn/config.ini" --dry-run) >"$T/out" 2>"$T/err"; rc=$?
    # compare runs the file's algorithm alone, and says so (a compare of one, without a P line, was silent)
    [ $rc -eq 0 ] && [ "$(wc -l <"$T/err")" -eq $([ $c = train ] && echo 1 || echo 2) ] &&
        { [ $c = train ] || grep -q "^scorer: warning: $T/cfgcmp/dqn/config.ini sets algo = dqn: compare runs it alone, with no baseline to compare (give --algos to choose the algorithms)\$" "$T/err"; } &&
        grep -q "^scorer: warning: .*cfgcmp/dqn/config.ini:[0-9]* sets out = .*cfgcmp, which holds a run already: the new run gets a folder of its own under runs/ (or give it one: --out DIR)\$" "$T/err" &&
        grep -q "^out = runs/CartPole-v1-$([ $c = train ] && echo dqn || echo compare)-[0-9]*-[0-9]*\$" "$T/out" && [ ! -e "$T/runs" ] &&
        ok || bad "$c --config RUN/dqn/config.ini --dry-run: rc=$rc $(cat "$T/err") $(grep '^out' "$T/out")"
done
(cd "$T" && "$ABS_BIN" train --config "$T/cfgrun/config.ini" --quiet) >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 0 ] && grep -q "cfgrun/config.ini:[0-9]* sets out = .*cfgrun, which holds a run already: the new run gets a folder" "$T/err" && cmp -s "$T/cfgrun/seed_0.csv" "$T"/runs/CartPole-v1-scorer-dqn-*/seed_0.csv &&
    ok || bad "train --config RUN/config.ini re-runs it into runs/: rc=$rc $(cat "$T/err")"
rm -rf "$T/runs"
# the library's refusals name settings and calls ("choose another folder", "continue it by resuming DIR"); the tool
# says them with its flags
cp -r "$T/cfgrun" "$T/unfin"; rm "$T/unfin/summary.json"
expect_config_error "$T/unfin holds an unfinished run (continue it with --resume $T/unfin, or choose another --out)" train --steps 300 --out "$T/unfin"
expect_config_error "no run folder: out is empty (give it with --out DIR)" train --steps 300 --out ""
# ... but never in the user's own text: a folder named like a library phrase is named as given, in the resume command too
mkdir -p "$T/raise total_timesteps"; cp "$T/unfin/run.ini" "$T/raise total_timesteps/"
expect_config_error "$T/raise total_timesteps holds an unfinished run (continue it with --resume '$T/raise total_timesteps', or choose another --out)" \
    train --steps 300 --out "$T/raise total_timesteps"
"$BIN" train --config "$T/cfgrun/config.ini" --out "$T/cfgrun2" --quiet >/dev/null 2>&1 && cmp -s "$T/cfgrun/seed_0.csv" "$T/cfgrun2/seed_0.csv" &&
    ok || bad "--config FILE --out NEW re-runs the run bit for bit"
# what sets a run apart in summary's heading: a float in its shortest form (0.0003, not 0.000300000014), and
# not the seed count (the table's seeds column shows it)
"$BIN" train --steps 300 --seeds 2 --set leader_lr=3e-4 --quiet --out "$T/lr3" >/dev/null 2>&1
"$BIN" summary "$T/cfgrun" "$T/lr3" >"$T/out" 2>&1
grep -q "lr3: CartPole-v1, 300 steps; leader_lr=0.0003\$" "$T/out" && grep -q "cfgrun: CartPole-v1, 300 steps; leader_lr=0.0001\$" "$T/out" &&
    ok || bad "summary's settings apart: $(head -2 "$T/out")"
expect_error "duplicate algos" compare --algos dqn,dqn --out "$T/x10"
expect_error "unwritable out" train --steps 100 --set eps_anneal_timesteps=10 --out /proc/scorer-test
expect_error "an --out path too long to hold" train --steps 100 --out "$T/$(printf '%0600d' 0)"
grep -q "^scorer: --out: value too long (at most 511 characters)" "$T/err" && ok || bad "--out too long: $(cat "$T/err")"
for d in x1 x2 x3 x4 x5 x6 x7 x8 x9 x10 x11; do
    [ -e "$T/$d" ] && bad "failed command left $T/$d behind" || ok
done
# a mistyped name gets the one it was most likely meant to be, in the same single line (tests/test_suggest.c
# covers the rule); a name near nothing gets no guess
expect_hint() { # expect_hint GUESS ARGS...
    guess=$1; shift
    expect_error "hint $guess" "$@"
    grep -q "(did you mean $guess? " "$T/err" && ok || bad "scorer $*: expected 'did you mean $guess?': $(cat "$T/err")"
}
expect_hint CartPole-v1 train --env cartpole-v1 --out "$T/x1"
expect_hint Breakout-MinAtar compare --env Breakout --out "$T/x1"
expect_hint scorer-dqn train --algo scoer-dqn --out "$T/x1"
expect_hint dqn compare --algos scorer-dqn,dqnn --out "$T/x1"
expect_hint follower_lr train --set folower_lr=1e-4 --out "$T/x1"
expect_hint gamma train --set gama=0.9 --out "$T/x1"
expect_hint --set train --sets gamma=0.9 --out "$T/x1"
expect_hint --grid sweep --gird tau=1,0.5 --out "$T/x1"
expect_hint train trian --env CartPole-v1
printf 'env = CartPole-v1\nleader_l = 1e-4\n' > "$T/hint.ini"
expect_hint leader_lr train --config "$T/hint.ini" --out "$T/x1"
expect_hint tau sweep --grid tua=1,0.5 --out "$T/x1"
"$BIN" train --env Pong-v9 --out "$T/x1" 2>&1 | grep -q "did you mean" && bad "Pong-v9 is near no env: no guess expected" || ok
expect_error "--grid on compare" compare --grid tau=1
grep -q "^scorer: --grid is an option of scorer sweep" "$T/err" && ok || bad "compare --grid should point to sweep: $(cat "$T/err")"
[ -e "$T/x1" ] && bad "a refused command left $T/x1 behind" || ok

printf 'env = CartPole-v1\nbatch_size = lots\n' > "$T/bad.ini"
expect_error "bad config value" train --config "$T/bad.ini" --out "$T/x11"

# --dry-run: the resolved configuration on stdout, nothing trained or written; it re-runs to the same text
"$BIN" train --env Acrobot-v1 --algo dqn --set gamma=0.95 --out "$T/dry" --dry-run >"$T/dry.ini" 2>"$T/err" && ok || bad "dry run failed: $(cat "$T/err")"
grep -q '^env = Acrobot-v1$' "$T/dry.ini" && grep -q '^algo = dqn$' "$T/dry.ini" && grep -q '^gamma = 0.95$' "$T/dry.ini" \
    && grep -q '^num_envs = 10$' "$T/dry.ini" && ok || bad "dry run: settings and family defaults expected: $(head -5 "$T/dry.ini")"
[ ! -e "$T/dry" ] && [ ! -s "$T/err" ] && ok || bad "dry run must create nothing"
"$BIN" train --config "$T/dry.ini" --dry-run >"$T/dry2.ini" 2>&1 && cmp -s "$T/dry.ini" "$T/dry2.ini" && ok || bad "the printed configuration re-runs to itself"
# its floats for people (0.1, not the float's 0.100000001), and the run's config.ini those of config_write (%.9g: a
# checkpoint hashes that text)
"$BIN" train --algo pqn --dry-run 2>&1 | grep -q '^reward_scale = 0.1$' && ok ||
    bad "dry run: reward_scale = 0.1 expected"
"$BIN" train --env Breakout-MinAtar --set sticky_prob=0.1 --dry-run 2>&1 | grep -q '^sticky_prob = 0.1$' && ok ||
    bad "dry run: sticky_prob = 0.1 expected"
grep -q '^gamma = 0.99000001$' "$T/cfgrun/config.ini" && ok || bad "config.ini keeps %.9g: $(grep gamma "$T/cfgrun/config.ini")"
"$BIN" compare --env Breakout-MinAtar --seeds 2 --out "$T/dryc" --dry-run >"$T/dryc.ini" 2>&1 && ok || bad "compare dry run failed"
[ "$(grep -c '^algo = ' "$T/dryc.ini")" = 2 ] && grep -q "^# ---- dqn: $T/dryc/dqn/config.ini\$" "$T/dryc.ini" && grep -q '^num_envs = 128$' "$T/dryc.ini" \
    && [ ! -e "$T/dryc" ] && ok || bad "compare dry run: one configuration per algorithm, nothing written"
# --dry-run refuses what the run would of its --out folder, in the run's line and exit status, and makes nothing
# (it printed the configuration and exited 0): a finished run, an unfinished one, a file, an empty out, a folder of
# runs, a sweep's folder. same_refusal LINE COMMAND...: the run (a sweep: --plan), then its --dry-run
same_refusal() {
    line=$1; shift
    "$BIN" "$@" >"$T/out" 2>"$T/err"; rc=$?
    "$BIN" "$@" --dry-run >"$T/dout" 2>"$T/derr"; drc=$?
    [ $rc -eq 2 ] && [ $drc -eq 2 ] && [ "$(cat "$T/err")" = "$line" ] && [ "$(cat "$T/derr")" = "$line" ] && [ ! -s "$T/dout" ] &&
        ok || bad "$* --dry-run: rc=$drc $(cat "$T/derr"), the run's rc=$rc $(cat "$T/err")"
}
printf 'a file\n' >"$T/afile"
mkdir "$T/runsdir" && cp -r "$T/cfgrun" "$T/runsdir/r1"
"$BIN" sweep --grid tau=1,0.5 --steps 300 --out "$T/drysw" --plan --quiet >/dev/null 2>&1 || bad "sweep --plan for the dry runs failed"
same_refusal "scorer: $T/cfgrun already holds a finished run (choose another --out or remove it)" train --steps 300 --quiet --out "$T/cfgrun"
same_refusal "scorer: $T/unfin holds an unfinished run (continue it with --resume $T/unfin, or choose another --out)" train --steps 300 --quiet --out "$T/unfin"
same_refusal "scorer: $T/cfgcmp already holds a finished run (choose another --out or remove it)" compare --steps 300 --quiet --out "$T/cfgcmp"
same_refusal "scorer: $T/afile exists and is not a folder (choose another --out)" train --steps 300 --quiet --out "$T/afile"
same_refusal "scorer: $T/afile exists and is not a folder (choose another --out)" train --steps 300 --quiet --out "$T/afile/run"
same_refusal "scorer: no run folder: out is empty (give it with --out DIR)" train --steps 300 --quiet --out ""
same_refusal "scorer: $T/runsdir holds other runs (1 run folder, such as $T/runsdir/r1): choose another --out, e.g. $T/runsdir/NAME" \
    train --steps 300 --quiet --out "$T/runsdir"
same_refusal "scorer: $T/drysw holds a sweep (scorer summary $T/drysw shows it; choose another --out)" train --steps 300 --quiet --out "$T/drysw"
same_refusal "scorer: $T/drysw already holds a sweep (continue it with scorer sweep --resume $T/drysw, or choose another --out)" \
    sweep --grid tau=1,0.5 --steps 300 --quiet --out "$T/drysw" --plan
same_refusal "scorer: $T/afile exists and is not a folder (choose another --out)" sweep --grid tau=1,0.5 --steps 300 --quiet --out "$T/afile" --plan
same_refusal "scorer: $T/cfgrun holds a run of scorer train or compare (choose another --out)" \
    sweep --grid tau=1,0.5 --steps 300 --quiet --out "$T/cfgrun" --plan
[ "$(cat "$T/afile")" = "a file" ] && [ "$(ls "$T/runsdir")" = r1 ] && [ ! -e "$T/drysw/tau=1" ] && ok || bad "a refused dry run wrote something"
# a new folder, however deep, passes and is not made
"$BIN" train --out "$T/drynew/a/b" --dry-run >/dev/null 2>"$T/err" && "$BIN" sweep --grid tau=1,0.5 --out "$T/drynew/s" --dry-run >/dev/null 2>>"$T/err" &&
    [ ! -e "$T/drynew" ] && ok || bad "dry runs into new folders: $(cat "$T/err")"
# --seed S: train trains seed S alone unless --seeds K is given (S to S+K-1, in either order); compare and
# sweep start their K seeds (default 10, or --seeds, --set, --config) at S; a flag and a --set giving one key
# two values are refused (--dry-run: a refusal missed trains nothing)
seeds_of() { "$BIN" "$@" --dry-run 2>&1 | awk '/^seed = / { s = s $3 " " } /^num_seeds = / { n = n $3 " " } END { print s "/ " n }'; }
[ "$(seeds_of train --seed 5)" = "5 / 1 " ] && ok || bad "train --seed 5: $(seeds_of train --seed 5)"
[ "$(seeds_of train --seed 5 --seeds 3)" = "5 / 3 " ] && [ "$(seeds_of train --seeds 3 --seed 5)" = "5 / 3 " ] && ok ||
    bad "train --seed 5 --seeds 3: $(seeds_of train --seed 5 --seeds 3), $(seeds_of train --seeds 3 --seed 5)"
[ "$(seeds_of compare --seed 5)" = "5 5 / 10 10 " ] && ok || bad "compare --seed 5 keeps 10 seeds: $(seeds_of compare --seed 5)"
[ "$(seeds_of compare --seed 5 --set num_seeds=4)" = "5 5 / 4 4 " ] && ok || bad "compare --seed 5 --set num_seeds=4: $(seeds_of compare --seed 5 --set num_seeds=4)"
printf 'num_seeds = 3\n' >"$T/three.ini"
[ "$(seeds_of compare --config "$T/three.ini" --seed 5)" = "5 5 / 3 3 " ] && ok || bad "compare --config (3 seeds) --seed 5: $(seeds_of compare --config "$T/three.ini" --seed 5)"
[ "$(seeds_of compare --seeds 2 --seed 5)" = "5 5 / 2 2 " ] && ok || bad "compare --seeds 2 --seed 5: $(seeds_of compare --seeds 2 --seed 5)"
"$BIN" sweep --seed 7 --grid tau=1,0.5 --out "$T/swseed" --plan --quiet >/dev/null 2>&1 && grep -q '^seed = 7$' "$T/swseed/sweep.ini" &&
    grep -q '^num_seeds = 10$' "$T/swseed/sweep.ini" && ok || bad "sweep --seed 7 plans seeds 7 to 16: $(grep seed "$T/swseed/sweep.ini")"
expect_config_error "train --seed 5 trains seed 5 alone, but --set num_seeds=4 asks for 4 seeds (for 4 seeds from 5 give --seed 5 --seeds 4)" \
    train --seed 5 --set num_seeds=4 --out "$T/x12" --dry-run
expect_config_error "--seed 5 and --set seed=4 give seed two values (give one of them)" compare --seed 5 --set seed=4 --out "$T/x12" --dry-run
expect_config_error "--steps 100 and --set total_timesteps=200 give total_timesteps two values" train --steps 100 --set total_timesteps=200 --out "$T/x12" --dry-run
"$BIN" train --steps 100 --set total_timesteps=100 --dry-run >/dev/null 2>&1 && ok || bad "a flag and a --set of the same value agree"
"$BIN" compare --help | grep -q '^usage: scorer compare .*\[--seed S\]' && ok || bad "compare --help lists --seed"
# each command's --help shows its own defaults, and they are the defaults
"$BIN" compare --help | grep -q '^  num_seeds  *10  ' && "$BIN" compare --help | grep -q '^  out  .*(default runs/<env>-compare-<time>)$' &&
    ok || bad "compare --help: $("$BIN" compare --help | grep '^  num_seeds\|^  out ')"
"$BIN" train --help | grep -q '^  num_seeds  *1  ' && "$BIN" train --help | grep -q '^  out  .*(default runs/<env>-<algo>-<time>)$' &&
    ok || bad "train --help: $("$BIN" train --help | grep '^  num_seeds\|^  out ')"
"$BIN" sweep --help | grep -q 'runs/<env>-sweep-<time>' && ok || bad "sweep --help names its default folder"
[ "$(seeds_of compare)" = "0 0 / 10 10 " ] && [ "$(seeds_of train)" = "0 / 1 " ] && ok || bad "num_seeds defaults: $(seeds_of compare), $(seeds_of train)"
"$BIN" compare --dry-run | grep -q '^out = runs/CartPole-v1-compare-[0-9-]*$' && "$BIN" train --dry-run | grep -q '^out = runs/CartPole-v1-scorer-dqn-[0-9-]*$' &&
    "$BIN" sweep --grid tau=1,0.5 --dry-run | grep -q ' in runs/CartPole-v1-sweep-[0-9-]* (nothing written)' && ok || bad "default out folders"
# the default folder (one-second stamp) is never refused as taken: runs of one second, one after the other or at
# once, each get their own (-2, -3, ... claimed by mkdir); a refused run makes none
mkdir -p "$T/w" && (cd "$T/w" && for i in 1 2 3; do "$ABS_BIN" train --steps 20 --threads 1 --quiet 2>/dev/null || echo "rc $?"; done
    "$ABS_BIN" train --steps 20 --threads 1 --quiet 2>/dev/null & "$ABS_BIN" train --steps 20 --threads 1 --quiet 2>/dev/null || echo "rc $?"
    wait $! || echo "rc $?") >"$T/w.out" 2>&1
[ ! -s "$T/w.out" ] && [ "$(ls "$T"/w/runs/*/summary.json | wc -l)" -eq 5 ] && ls "$T/w/runs" | grep -q -- '-2$' && ok ||
    bad "five default-folder runs in a row and at once: $(cat "$T/w.out"; ls "$T/w/runs")"
(cd "$T/w" && "$ABS_BIN" compare --algos dqn --seeds 1 --steps 20 --threads 1 --quiet 2>/dev/null && "$ABS_BIN" compare --algos dqn --seeds 1 --steps 20 --threads 1 --quiet 2>/dev/null &&
    "$ABS_BIN" sweep --grid tau=1,0.5 --plan --quiet && "$ABS_BIN" sweep --grid tau=1,0.5 --plan --quiet) >"$T/w.out" 2>&1 &&
    [ "$(ls -d "$T"/w/runs/CartPole-v1-compare-* | wc -l)" -eq 2 ] && [ "$(ls "$T"/w/runs/CartPole-v1-sweep-*/sweep.ini | wc -l)" -eq 2 ] && ok ||
    bad "compare and sweep --plan twice with the default folder: $(cat "$T/w.out")"
mkdir -p "$T/w2" && (cd "$T/w2" && "$ABS_BIN" train --steps 20 --set gamma=3 2>/dev/null); [ ! -e "$T/w2/runs" ] && ok || bad "a refused run made a default folder"
# env-check without a file suggests the repository's own reference data (make refdata decompresses it into build/)
expect_config_error "env-check needs at least one reference file (the repository's: make refdata, then scorer env-check build/refdata/\*/\*)" env-check
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ls "$ROOT"/tests/refdata/*/*.xz >/dev/null 2>&1 && grep -q '^$(BUILD)/refdata/%: tests/refdata/%.xz' "$ROOT/Makefile" && grep -q '^BUILD *?= build$' "$ROOT/Makefile" &&
    ok || bad "env-check's suggestion: tests/refdata/*/*.xz made into build/refdata/ by make refdata"
# scorer help COMMAND is scorer COMMAND --help; scorer help the general help
for c in train compare sweep env-check summary plot ckpt-info play eval; do
    "$BIN" help "$c" >"$T/h1" 2>&1 && "$BIN" "$c" --help >"$T/h2" 2>&1 && cmp -s "$T/h1" "$T/h2" && ok || bad "scorer help $c: $(head -1 "$T/h1")"
done
"$BIN" help >"$T/h1" 2>&1 && "$BIN" --help >"$T/h2" && cmp -s "$T/h1" "$T/h2" && ok || bad "scorer help: $(head -1 "$T/h1")"
expect_hint train help trian
expect_config_error "help takes one command" help train compare
# env options an env does not take: the refusal names those set (and not time_limit, which CartPole takes)
expect_config_error "CartPole-v1 does not take sticky_prob=0.1 (leave it at its default: sticky_prob=-1)\$" \
    train --set sticky_prob=0.1 --set time_limit=100 --dry-run --out "$T/x12"
expect_config_error "Acrobot-v1 does not take env_preset=minatar, full_action_set=1 (leave them at their defaults: env_preset=default, full_action_set=-1)\$" \
    train --env Acrobot-v1 --set env_preset=minatar --set full_action_set=1 --dry-run --out "$T/x12"
"$BIN" train --set time_limit=100 --dry-run 2>&1 | grep -q '^time_limit = 100$' && ok || bad "CartPole takes time_limit"
# numbers are decimal, whatever gives them (a flag, --set, a file, env-check --tol): no hex, inf, nan or spaces; a
# number no double holds is out of range; ranges print whole numbers whole
expect_config_error "--steps: total_timesteps=0x10 is not a number (write it in decimal: 100, 0.5, 3e-4)" train --steps 0x10 --dry-run
expect_config_error "--set: gamma=0x0.1 is not a number" train --set gamma=0x0.1 --dry-run
expect_config_error "--set: gamma=inf is not a number" train --set gamma=inf --dry-run
expect_config_error "--set: gamma=nan is not a number" train --set gamma=nan --dry-run
expect_config_error "--steps: total_timesteps= 100 is not a number" train --steps " 100" --dry-run
expect_config_error "--seeds: num_seeds=2  is not a number" train --seeds "2 " --dry-run
expect_config_error "--steps: total_timesteps=1e999 is out of range (allowed 1 to 1000000000000000)\$" train --steps 1e999 --dry-run
expect_config_error "--set: seed=-1 is out of range (allowed 0 to 2147483647)\$" train --set seed=-1 --dry-run
expect_config_error "--tol 0x1: give a positive number" env-check --tol 0x1 "$T/none.csv"
# and the other commands' number options take them the same way (they took 0x0.1, " 1", "+5")
expect_config_error "--eps 0x0.1: give a number in \\[0, 1\\]" eval "$T/none" --eps 0x0.1
expect_config_error "--episodes  5: give 1 to 1000000" eval "$T/none" --episodes " 5"
expect_config_error "--seed 1.5: give a whole number >= 0" eval "$T/none" --seed 1.5
expect_config_error "--steps 0x10: give a positive number of steps" play Breakout-MinAtar --steps 0x10
expect_config_error "--seed 0x5: give a whole number >= 0" play Breakout-MinAtar --seed 0x5
expect_config_error "--seed 9223372036854775808: give a whole number >= 0" play Breakout-MinAtar --seed 9223372036854775808
"$BIN" train --steps 1e5 --set total_timesteps=100000 --dry-run 2>&1 | grep -q '^total_timesteps = 100000$' &&
    ok || bad "a flag and a --set of one value in two spellings are one value"
expect_config_error "--task  1: give a point number from 0" sweep --resume "$T/none" --task " 1"
[ "$("$BIN" train --set gamma=.5 --set tau=+5e-1 --set leader_lr=3E-4 --dry-run | grep '^gamma\|^tau\|^leader_lr' | tr '\n' ' ')" = \
    "gamma = 0.5 tau = 0.5 leader_lr = 0.0003 " ] && ok || bad "decimal forms .5, +5e-1, 3E-4"
# an INI comment takes a whole line: one after a value is not taken off it, and the refusal says so
printf 'gamma = 0.5 # discount\n' >"$T/inline.ini"
expect_config_error "inline.ini:1: gamma=0.5 # discount is not a number (a comment must be on a line of its own)" train --config "$T/inline.ini" --dry-run
# a setting given twice, in a file or by --set, is refused (the last one won unseen: a line added at the top
# of a run's config.ini changed nothing); an editor's UTF-8 mark is no part of the first key; a cut section
# header is named
printf 'gamma = 0.5\nlr = 1e-4\ngamma = 0.7\n' >"$T/twice.ini"
expect_config_error "twice.ini:3: gamma is set again (first at $T/twice.ini:1; give each setting once)" train --config "$T/twice.ini" --dry-run
expect_config_error "--set gamma=0.5 and --set gamma=0.7 give gamma two values (give one of them)" train --set gamma=0.5 --set gamma=0.7 --dry-run
"$BIN" train --set gamma=0.5 --set gamma=0.50 --dry-run 2>&1 | grep -q '^gamma = 0.5$' && ok || bad "one value twice in two spellings is one value"
# so is an option given twice with two values (the last won unseen; a second --config threw the first file away)
expect_config_error "--steps 1000 and --steps 2000 give --steps two values (give one of them)" train --steps 1000 --steps 2000 --dry-run
expect_config_error "--env CartPole-v1 and --env Acrobot-v1 give --env two values" compare --env CartPole-v1 --env Acrobot-v1 --dry-run
expect_config_error "--config $T/twice.ini and --config $T/bom.ini give --config two values (give one of them; put the other file's settings in it, or give them as --set)" \
    train --config "$T/twice.ini" --config "$T/bom.ini" --dry-run
"$BIN" train --steps 1000 --steps 1e3 --dry-run 2>&1 | grep -q '^total_timesteps = 1000$' && ok || bad "an option twice with one value is one value"
printf '\357\273\277total_timesteps = 3000\n' >"$T/bom.ini"
"$BIN" train --config "$T/bom.ini" --dry-run 2>&1 | grep -q '^total_timesteps = 3000$' && ok || bad "a file with a UTF-8 mark: $("$BIN" train --config "$T/bom.ini" --dry-run 2>&1 | head -2)"
printf '[run\ngamma = 0.5\n' >"$T/cut.ini"
expect_config_error "cut.ini:1: '\[run': a section header is \[name\] on a line of its own" train --config "$T/cut.ini" --dry-run
# a resolved configuration (a --dry-run, a run's config.ini) given for another algorithm or env: its defaults
# replace theirs, and a warning says so; for its own algorithm and env, nothing is said
"$BIN" train --algo ddqn --dry-run >"$T/ddqn.ini" 2>/dev/null
"$BIN" compare --config "$T/ddqn.ini" --algos dqn,ddqn --dry-run >/dev/null 2>"$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q "^scorer: warning: $T/ddqn.ini is the resolved configuration of ddqn on CartPole-v1: its every setting, defaults included, replaces those of dqn (keep only" "$T/err" &&
    ok || bad "a ddqn configuration given to dqn: $(cat "$T/err")"
"$BIN" train --config "$T/ddqn.ini" --env Breakout-MinAtar --dry-run >/dev/null 2>"$T/err" &&
    grep -q "replaces those of Breakout-MinAtar (keep only" "$T/err" && ok || bad "a CartPole configuration given to Breakout: $(cat "$T/err")"
"$BIN" train --config "$T/ddqn.ini" --dry-run >/dev/null 2>"$T/err" && [ ! -s "$T/err" ] && ok || bad "its own algorithm and env: quiet: $(cat "$T/err")"
# a hand-written file's keys the algorithm ignores are named, as --set's are (a resolved file names every key: quiet)
printf 'algo = dqn\nlambda = 0.5\ngamma = 0.9\n' >"$T/hand.ini"
"$BIN" train --config "$T/hand.ini" --dry-run >/dev/null 2>"$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q "^scorer: warning: dqn does not use lambda: $T/hand.ini:2 changes nothing" "$T/err" && ok || bad "a hand-written file's unused key: $(cat "$T/err")"
printf '# discount\ngamma = 0.5\n  ; indented\n' >"$T/own.ini"
"$BIN" train --config "$T/own.ini" --dry-run 2>&1 | grep -q '^gamma = 0.5$' && ok || bad "comments on lines of their own"
expect_error "dry run of a bad value" train --set gamma=2 --dry-run --out "$T/x12"
expect_error "dry run with --resume" train --resume "$T/dry" --dry-run

# determinism: 1 vs 2 worker threads, two algorithms, two seeds
"$BIN" compare --algos scorer-dqn,dqn --seeds 2 --steps 5000 --threads 1 --quiet --out "$T/d1" >/dev/null 2>&1 || bad "compare (1 thread) failed"
"$BIN" compare --algos scorer-dqn,dqn --seeds 2 --steps 5000 --threads 2 --quiet --out "$T/d2" >/dev/null 2>&1 || bad "compare (2 threads) failed"
for f in scorer-dqn/seed_0.csv scorer-dqn/seed_1.csv dqn/seed_0.csv dqn/seed_1.csv; do
    if [ -s "$T/d1/$f" ] && cmp -s "$T/d1/$f" "$T/d2/$f"; then ok; else bad "$f differs between 1 and 2 threads"; fi
done
if cmp -s "$T/d1/dqn/seed_0.csv" "$T/d1/dqn/seed_1.csv"; then bad "seeds 0 and 1 gave the same curve"; else ok; fi
# the same for PQN (LayerNorm) and for SCORER-DQN on MinAtar (the sparse first layer): their per-thread
# buffers must not make a seed's result depend on the thread that runs it
for run in "pqn --algos scorer-pqn,pqn --steps 4000" "bo --env Breakout-MinAtar --algos scorer-dqn --steps 1500 --set learning_starts=500"; do
    set -- $run; name=$1; shift
    "$BIN" compare "$@" --seeds 2 --threads 1 --quiet --out "$T/$name-1" >/dev/null 2>&1 || bad "$name (1 thread) failed"
    "$BIN" compare "$@" --seeds 2 --threads 2 --quiet --out "$T/$name-2" >/dev/null 2>&1 || bad "$name (2 threads) failed"
    for f in "$T/$name-1"/*/seed_*.csv; do
        g="$T/$name-2/${f#"$T/$name-1/"}"
        if [ -s "$f" ] && cmp -s "$f" "$g"; then ok; else bad "$name: ${f#"$T/"} differs between 1 and 2 threads"; fi
    done
done
# provenance: the build and machine are recorded in run.ini and summary.json, and kept by scorer summary
ver=$("$BIN" --version | sed 's/^scorer //')
for k in "scorer_version = $ver" "build_commit = ." "build_compiler = ." "build_flags = .*-std=c11" "cpu = ." "blas = OpenBLAS" "os = ."; do
    grep -q "^$k" "$T/d1/run.ini" && ok || bad "run.ini should record '$k'"
done
grep -q "\"provenance\": {\"version\": \"$ver\", \"commit\": \"[^\"]" "$T/d1/summary.json" && ok || bad "summary.json: provenance"
grep -q "resumed_by" "$T/d1/summary.json" && bad "a run never resumed has no resumed_by" || ok
"$BIN" summary --json "$T/d1" | grep -q "\"provenance\": {\"version\": \"$ver\"" && ok || bad "scorer summary --json keeps the provenance"
expect_error "finished run is not overwritten" compare --algos scorer-dqn,dqn --seeds 2 --steps 5000 --out "$T/d1"
[ -f "$T/d1/dqn/seed_0.csv" ] && ok || bad "refused run lost its files"

# learning smoke test: median final return over 3 seeds clearly above random (22). Sanitizer
# builds (SCORER_QUICK=1, ~10x slower) leave learning quality to the optimised pass.
if [ "${SCORER_QUICK:-0}" != 1 ]; then
"$BIN" compare --algos scorer-dqn,dqn --seeds 3 --steps 60000 --quiet --out "$T/learn" >"$T/table" 2>&1 || bad "learning run failed"
for algo in scorer-dqn dqn; do
    med=$(tr -d ' \n' <"$T/learn/summary.json" | sed -E "s/.*\"$algo\":\{[^}]*\"final_return\":\[([^]]*)\].*/\1/" |
          tr ',' '\n' | sort -g | sed -n 2p)
    if awk -v m="$med" 'BEGIN { exit !(m + 0 > 60) }'; then ok; else bad "$algo median final return $med <= 60 after 60k steps"; fi
done
fi
# divergence: a NaN injected into seed 1 at t=12000 stops that seed only, keeps its last good
# checkpoint (t=10000), and is reported in summary.json; the run exits 1
"$BIN" compare --algos scorer-dqn,dqn --set fault_nan_at=12000 --set fault_nan_seed=1 --seeds 3 --steps 20000 \
    --checkpoint-every 5000 --quiet --out "$T/div" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && ok || bad "a diverged seed should make the run exit 1 (got $rc)"
grep -q "diverged at timestep 12000" "$T/err" && ok || bad "divergence message: $(cat "$T/err")"
n=$(grep -o '"diverged_at": 12000' "$T/div/summary.json" | wc -l)
[ "$n" -eq 2 ] && ok || bad "summary.json should report 2 diverged seeds (found $n)"
"$BIN" summary "$T/div" 2>&1 | grep -q "^P(scorer-dqn > dqn) = .* (over the seeds that did not fail: 2/3 and 2/3)$" && ok ||
    bad "the P line says that failed seeds were left out: $("$BIN" summary "$T/div" 2>&1 | grep '^P(')"
for a in scorer-dqn dqn; do
    [ -s "$T/div/$a/seed_0.csv" ] && [ -s "$T/div/$a/seed_2.csv" ] && ok || bad "$a: the healthy seeds must finish"
    "$BIN" ckpt-info "$T/div/$a/ckpt/seed_1.ckpt" | grep -q "t 10000, in progress" && ok || bad "$a: last good checkpoint not kept"
done

# eval: a checkpoint plays greedy episodes; MinAtar episodes render as characters
"$BIN" eval "$T/div" --algo dqn --seed 0 --episodes 2 >"$T/ev" 2>&1 && grep -q "^mean return" "$T/ev" && ok || bad "eval: $(cat "$T/ev")"
# its returns with the two decimals of --all's table (they had %g and %.3f)
[ "$(grep -Ec '^episode [12]: return -?[0-9]+\.[0-9]{2} over [0-9]+ steps$' "$T/ev")" -eq 2 ] &&
    grep -Eq '^mean return -?[0-9]+\.[0-9]{2} over 2 episode\(s\)$' "$T/ev" && ok || bad "eval: two decimals: $(cat "$T/ev")"
"$BIN" eval "$T/div" --algo dqn --seed 7 >/dev/null 2>"$T/err"; [ $? -ne 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && ok || bad "eval of a missing seed: $(cat "$T/err")"
# it names the seeds that have a checkpoint (a run of --seed 3 --seeds 2 has seeds 3 and 4, not 0)
grep -q "^scorer: no checkpoint $T/div/dqn/ckpt/seed_7.ckpt (the seeds of this run with a checkpoint: 0, 1, 2; give one with --seed)$" "$T/err" &&
    ok || bad "eval of a missing seed names those with a checkpoint: $(cat "$T/err")"
"$BIN" train --seed 3 --seeds 2 --steps 300 --threads 1 --quiet --out "$T/s34" 2>/dev/null; rm -f "$T/s34/ckpt/seed_4.ckpt"
"$BIN" eval "$T/s34" --seed 0 >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q "(the one seed of this run with a checkpoint is 3: give --seed 3)$" "$T/err" && ok || bad "eval --seed 0 of seeds 3, 4: rc=$rc $(cat "$T/err")"
# checkpoint_every = -1: no empty ckpt/ folder, and a warning at the start that eval and --resume will not work
"$BIN" compare --algos dqn --seeds 1 --steps 300 --checkpoint-every -1 --threads 1 --quiet --out "$T/nockpt1" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 0 ] && [ -s "$T/nockpt1/summary.json" ] && [ ! -e "$T/nockpt1/dqn/ckpt" ] &&
    grep -q "^scorer: warning: checkpoint_every = -1: no checkpoint is written, so scorer eval cannot play the agents and an interrupted compare cannot continue" "$T/err" &&
    ok || bad "compare --checkpoint-every -1: rc=$rc $(ls "$T/nockpt1/dqn"; cat "$T/err")"
# --algos with spaces around its names ("scorer-dqn, dqn", as one writes a list) takes the names
"$BIN" compare --algos "scorer-dqn, dqn " --dry-run >"$T/out" 2>"$T/err" && [ "$(grep -c '^# ---- ' "$T/out")" -eq 2 ] && grep -q '^# ---- dqn: ' "$T/out" &&
    ok || bad "--algos 'scorer-dqn, dqn ': $(cat "$T/err")"
# eval --all: every seed of every algorithm, a table, DIR/eval.csv; each seed as eval --seed S gives it; the seeds
# that failed in training (seed 1 of each: diverged) are left out, as summary leaves them out, and named with why
# (their last checkpoint, from before the divergence, was played and counted as a trained seed)
"$BIN" eval "$T/div" --all --episodes 2 >"$T/ev" 2>"$T/err" && ok || bad "eval --all: $(cat "$T/err")"
[ "$(grep -c "checkpoint at t" "$T/ev")" -eq 4 ] && ok || bad "eval --all: one line per good seed of both algorithms: $(cat "$T/ev")"
[ "$(grep -Ec "^(scorer-dqn|dqn) +seed 1 +left out: failed in training$" "$T/ev")" -eq 2 ] &&
    grep -q "^left out: scorer-dqn seed 1: training diverged at timestep 12000" "$T/ev" &&
    grep -q "^left out: dqn seed 1: training diverged at timestep 12000" "$T/ev" && ok ||
    bad "eval --all names the diverged seeds it leaves out, with why: $(cat "$T/ev")"
n='-?[0-9]+\.[0-9]{2}'
[ "$(grep -Ec "checkpoint at t [0-9]+ +mean return $n \($n to $n\)\$" "$T/ev")" -eq 4 ] && ok ||
    bad "eval --all: the seed lines with the table's two decimals: $(grep "checkpoint at t" "$T/ev")"
grep -q "^per-seed returns in $T/div/eval.csv$" "$T/ev" && ok || bad "eval --all names DIR/eval.csv: $(tail -1 "$T/ev")"
grep -E -q "^scorer-dqn +2/3 .* 20000$" "$T/ev" && grep -E -q "^dqn +2/3 " "$T/ev" &&
    grep -q "^P(scorer-dqn > dqn) = .* (over the seeds evaluated: 2/3 and 2/3)$" "$T/ev" && ! grep -q "not trained to the end" "$T/ev" &&
    ok || bad "eval --all table (the diverged seed 1 left out): $(cat "$T/ev")"
[ "$(wc -l <"$T/div/eval.csv")" -eq 5 ] && head -1 "$T/div/eval.csv" | grep -q "^algo,seed,checkpoint_t,episodes,epsilon,mean_return,min_return,max_return$" &&
    ! grep -q "^[a-z-]*,1," "$T/div/eval.csv" && ok || bad "eval.csv: header and 4 rows, none of seed 1: $(cat "$T/div/eval.csv")"
m1=$("$BIN" eval "$T/div" --algo dqn --seed 2 --episodes 2 | sed -n 's/^mean return \([^ ]*\) .*/\1/p')
m2=$(awk -F, '$1 == "dqn" && $2 == 2 { print $6 }' "$T/div/eval.csv")
awk -v a="$m1" -v b="$m2" 'BEGIN { d = a - b; exit !(a != "" && b != "" && d <= 5e-3 && d >= -5e-3) }' && ok ||
    bad "eval --all's dqn seed 2 ($m2) is eval --seed 2's ($m1)"
# the numbers follow the seeds: a seed's mean is its own, the statistics come from them
awk -F, 'NR > 1 { if ($6 < $7 - 1e-9 || $6 > $8 + 1e-9) bad = 1 } END { exit bad }' "$T/div/eval.csv" && ok ||
    bad "eval.csv: each mean lies between its min and max"
# the default budget (SCORER.md): MinAtar PQN 1e8, the DQN family 1e7; a compare trains its first algorithm's
"$BIN" train --env Breakout-MinAtar --algo scorer-pqn --dry-run | grep -q "^total_timesteps = 100000000$" && ok || bad "MinAtar PQN default budget"
"$BIN" train --env Breakout-MinAtar --algo dqn --dry-run | grep -q "^total_timesteps = 10000000$" && ok || bad "MinAtar DQN default budget"
[ "$("$BIN" compare --env Breakout-MinAtar --algos pqn,dqn --dry-run | grep -c "^total_timesteps = 100000000$")" -eq 2 ] &&
    [ "$("$BIN" compare --env Breakout-MinAtar --algos dqn,pqn --dry-run | grep -c "^total_timesteps = 10000000$")" -eq 2 ] && ok ||
    bad "compare: every algorithm trains the first one's default budget"
# a budget that is not whole steps of the N envs: what each seed trains instead, said once
# (eps_anneal_timesteps within the run: a schedule past its end has its own note, below)
"$BIN" train --steps 5005 --set eps_anneal_timesteps=500 --dry-run >/dev/null 2>"$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q "^scorer: warning: total_timesteps=5005 is not a multiple of num_envs=10: scorer-dqn trains 5000 timesteps per seed" "$T/err" &&
    ok || bad "--steps 5005: $(cat "$T/err")"
"$BIN" train --steps 5000 --set eps_anneal_timesteps=500 --dry-run >/dev/null 2>"$T/err" && [ ! -s "$T/err" ] && ok ||
    bad "--steps 5000 warns: $(cat "$T/err")"
# the DQN family's exploration (eps_anneal_timesteps, 50000 on classic control) past the run's end: said before
# it, once for the algorithms that share it, with the value that ends it within the run (a tenth of it); none
# when it ends within the run or is 99% through (it was said for PQN alone)
"$BIN" compare --steps 20000 --dry-run >/dev/null 2>"$T/err"
[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^scorer: warning: scorer-dqn and dqn: exploration lasts until timestep 50000 (eps_anneal_timesteps), past the run's 20000: epsilon ends at 0.62, not 0.05; --set eps_anneal_timesteps=2000 to end exploration within this run" "$T/err" &&
    ok || bad "a DQN-family schedule past the run's end: $(cat "$T/err")"
"$BIN" train --steps 20000 --dry-run >/dev/null 2>"$T/err"
grep -q "^scorer: warning: scorer-dqn: exploration lasts until timestep 50000 (eps_anneal_timesteps), past the run's 20000: epsilon ends at 0.62" "$T/err" &&
    ok || bad "one algorithm's schedule past the run's end: $(cat "$T/err")"
"$BIN" compare --steps 20000 --set eps_anneal_timesteps=2000 --dry-run >/dev/null 2>"$T/err" && [ ! -s "$T/err" ] &&
    "$BIN" compare --steps 49600 --dry-run >/dev/null 2>"$T/err" && [ ! -s "$T/err" ] && ok ||
    bad "a schedule within the run, or 99% through at its end: no note ($(cat "$T/err"))"
# PQN's exploration set for the reference's budget (eps_decay x decay_horizon) past the run's end: said before it
# trains, with where epsilon ends and the horizon that fits (a compare of dqn,pqn on MinAtar trained PQN at eps 0.75)
"$BIN" compare --env Breakout-MinAtar --algos dqn,pqn --dry-run >/dev/null 2>"$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q "^scorer: warning: pqn: exploration lasts until timestep 40000000 (eps_decay 0.8 x decay_horizon 50000000), past the run's 10000000: epsilon ends at 0.75, not 0.01, and the learning rates at 80% of their start; --set decay_horizon=5000000 to scale" "$T/err" &&
    ok || bad "PQN exploring past the run's end: $(cat "$T/err")"
"$BIN" train --algo pqn --steps 100000 --set decay_horizon=50000 --dry-run >/dev/null 2>"$T/err" && [ ! -s "$T/err" ] &&
    "$BIN" train --algo scorer-pqn --dry-run >/dev/null 2>"$T/err" && [ ! -s "$T/err" ] && ok || bad "PQN's schedule within the run warns: $(cat "$T/err")"
# a schedule 99% through at the run's end is as good as over (the note said "its epsilon ends at 0.01, not 0.01"): none
# (Breakout: 128 envs, 100000 steps train 99968; eps_decay 0.8 x 126000 = 100800), one at 1.6% short (x 127000)
"$BIN" train --env Breakout-MinAtar --algo pqn --steps 100000 --set decay_horizon=126000 --dry-run 2>&1 >/dev/null |
    grep -q "exploration lasts" && bad "PQN's schedule 99% through at the end warns" || ok
"$BIN" train --env Breakout-MinAtar --algo pqn --steps 100000 --set decay_horizon=127000 --dry-run 2>&1 >/dev/null |
    grep -q "exploration lasts until timestep 101600 .*epsilon ends at 0.03, not 0.01" && ok || bad "PQN's schedule 98.4% through: no note"
# a setting no algorithm of the run reads gets one warning line (the run goes on); one that some reads, none
"$BIN" train --algo dqn --set follower_lr=1e-3 --set lr=1e-3 --dry-run >"$T/out" 2>"$T/err" &&
    [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^scorer: warning: dqn does not use follower_lr: --set follower_lr changes nothing" "$T/err" &&
    grep -q "^# not used by dqn: .*follower_lr" "$T/out" && ok || bad "dqn --set follower_lr: $(cat "$T/err")"
# PQN's optimiser: Adam by default, RAdam when set; the DQN family keeps Adam and says the key changes nothing
"$BIN" train --algo pqn --dry-run 2>&1 | grep -q '^optimizer = adam$' &&
    "$BIN" train --algo scorer-pqn --set optimizer=radam --dry-run 2>&1 | grep -q '^optimizer = radam$' && ok ||
    bad "dry run: optimizer = adam by default, radam when set"
"$BIN" compare --algos scorer-dqn,dqn --set optimizer=radam --dry-run >"$T/out" 2>"$T/err" &&
    [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^scorer: warning: none of scorer-dqn, dqn uses optimizer" "$T/err" &&
    grep -q "^# not used by dqn: .*optimizer" "$T/out" && ok || bad "compare dqn --set optimizer: $(cat "$T/err")"
"$BIN" compare --algos scorer-dqn,dqn --set follower_lr=1e-3 --set lambda=0.5 --dry-run >/dev/null 2>"$T/err" &&
    [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^scorer: warning: none of scorer-dqn, dqn uses lambda" "$T/err" && ok ||
    bad "compare --set lambda: $(cat "$T/err")"
"$BIN" sweep --algos dqn --grid follower_lr=1e-4,3e-4 --grid tau=1,0.5 --dry-run >/dev/null 2>"$T/err" &&
    [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^scorer: warning: dqn does not use follower_lr: the points of the --grid axis follower_lr train alike" "$T/err" &&
    ok || bad "sweep --grid follower_lr with dqn: $(cat "$T/err")"
# a run of all ten algorithms: each evaluated with its own settings
"$BIN" compare --algos scorer-dqn,dqn,scorer-ddqn,ddqn,scorer-dueling-dqn,dueling-dqn,scorer-dueling-ddqn,dueling-ddqn,scorer-pqn,pqn \
    --seeds 1 --steps 1024 --quiet --out "$T/ten" >/dev/null 2>"$T/tenerr" || bad "compare of ten algorithms failed"
# 1024 steps pass learning_starts (1000) but not one PQN rollout (128 steps x 10 envs): the two PQNs, and
# only they, are named as never updated
[ "$(grep -c "^scorer: warning: .* made no update in 1024 timesteps" "$T/tenerr")" -eq 2 ] &&
    grep -q "^scorer: warning: scorer-pqn made no update .*num_steps x num_envs = 1280 timesteps" "$T/tenerr" &&
    grep -q "^scorer: warning: pqn made no update" "$T/tenerr" && ok || bad "no-update warnings of the ten: $(cat "$T/tenerr")"
"$BIN" train --steps 1000 --quiet --out "$T/idle" >/dev/null 2>"$T/err" &&
    grep -q "^scorer: warning: scorer-dqn made no update in 1000 timesteps (updates start after learning_starts = 1000" "$T/err" &&
    ok || bad "train shorter than learning_starts: $(cat "$T/err")"
# Acrobot's episodes last 500 steps: in 2,000 timesteps (200 per env) none ends, and the 0 the mean return
# holds then is no episode return; CartPole's end within 3,000, so it is quiet
"$BIN" train --env Acrobot-v1 --steps 2000 --set eps_anneal_timesteps=2000 --quiet --out "$T/noep" >/dev/null 2>"$T/err" &&
    [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^scorer: warning: scorer-dqn: 0 episodes ended in seed 0's 10 envs: .*raise --steps" "$T/err" &&
    ok || bad "train in which no episode ends: $(cat "$T/err")"
"$BIN" train --env Acrobot-v1 --steps 2000 --seeds 3 --set eps_anneal_timesteps=2000 --quiet --out "$T/noep3" >/dev/null 2>"$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q "^scorer: warning: scorer-dqn: 0 episodes ended in seed 0's 10 envs (and fewer than 10 in 2 other seeds): " "$T/err" &&
    ok || bad "the no-episode warning counts every seed short of episodes: $(cat "$T/err")"
"$BIN" train --steps 3000 --set eps_anneal_timesteps=300 --quiet --out "$T/someep" >/dev/null 2>"$T/err" && [ ! -s "$T/err" ] && ok ||
    bad "train in which every env ends episodes warns: $(cat "$T/err")"
"$BIN" eval "$T/ten" --all --episodes 1 >"$T/ev" 2>"$T/err" && [ "$(grep -c "checkpoint at t" "$T/ev")" -eq 10 ] &&
    [ "$(grep -c "^P(scorer" "$T/ev")" -eq 5 ] && ok || bad "eval --all of ten algorithms: $(cat "$T/err" "$T/ev" | head -5)"
"$BIN" eval "$T/div" --all --algo dqn --episodes 2 --eps 0.5 --out "$T/ev05.csv" >"$T/ev" 2>&1 && [ "$(wc -l <"$T/ev05.csv")" -eq 3 ] &&
    grep -q "^dqn,2,20000,2,0.5," "$T/ev05.csv" && [ "$(wc -l <"$T/div/eval.csv")" -eq 5 ] && ok ||
    bad "eval --all --algo dqn --eps 0.5 --out FILE: two rows there, DIR/eval.csv left alone: $(cat "$T/ev")"
# the few-seeds footnote counts the smallest group: dqn with one seed evaluated (seed 1 failed, seed 2's checkpoint gone)
cp -r "$T/div" "$T/div1" && rm "$T/div1/dqn/ckpt/seed_2.ckpt"
"$BIN" eval "$T/div1" --all --episodes 1 >"$T/ev" 2>&1 && grep -E -q "^dqn +1/3 " "$T/ev" && grep -q "^few seeds (1 in the smallest group)" "$T/ev" &&
    ok || bad "eval --all: few seeds counts the group of one seed: $(cat "$T/ev")"
"$BIN" train --steps 20000 --set fault_nan_at=5000 --threads 1 --quiet --out "$T/alldiv" >/dev/null 2>&1
"$BIN" eval "$T/alldiv" --all --episodes 1 >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^scorer: nothing to evaluate in $T/alldiv: its seeds failed in training" "$T/err" &&
    [ ! -e "$T/alldiv/eval.csv" ] && ok || bad "eval --all with every seed failed: rc=$rc $(cat "$T/err")"
# ... before its first checkpoint (at 2000): nothing to evaluate still, without a checkpoint to name (it said "no
# checkpoint in DIR (train with checkpoints)" of a run trained with them)
"$BIN" train --steps 20000 --set fault_nan_at=1000 --threads 1 --quiet --out "$T/alldiv0" >/dev/null 2>&1
"$BIN" eval "$T/alldiv0" --all --episodes 1 >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^scorer: nothing to evaluate in $T/alldiv0: its seeds failed in training" "$T/err" &&
    ! grep -q "plays a failed seed" "$T/err" && ok || bad "eval --all, every seed failed before a checkpoint: rc=$rc $(cat "$T/err")"
expect_error "eval --out without --all" eval "$T/div" --out "$T/x.csv"
expect_error "eval of a folder without run.ini" eval "$T/div/dqn/ckpt"
expect_error "eval --all of an algorithm not in the run" eval "$T/div" --all --algo ddqn
expect_error "eval --all into a folder that is not there" eval "$T/div" --all --out "$T/nowhere/x.csv"
expect_error "eval --all with --seed" eval "$T/div" --all --seed 0
# --algo names one of the run's algorithms: a train folder's one agent is not evaluated under another name
"$BIN" train --steps 2000 --quiet --out "$T/flat" >/dev/null 2>&1
expect_error "eval --algo other than a train folder's" eval "$T/flat" --all --algo ddqn
"$BIN" eval "$T/flat" --algo scorer-dqn --all --episodes 1 >/dev/null 2>&1 && grep -q "^scorer-dqn,0,2000," "$T/flat/eval.csv" &&
    ok || bad "eval --algo naming the train folder's algorithm: $(cat "$T/flat/eval.csv")"
"$BIN" eval "$T/div" --all --algo dqnn >/dev/null 2>"$T/err"
grep -q "not an algorithm of this run (did you mean dqn? it has: " "$T/err" && ok || bad "eval --algo typo: $(cat "$T/err")"
# --out naming a folder is refused before any episode is played (expect_error: nothing on stdout)
expect_error "eval --all --out a folder" eval "$T/div" --all --episodes 1000 --out "$T/div"
expect_error "eval --all with --render" eval "$T/div" --all --render
cp -r "$T/div" "$T/nockpt"; rm -rf "$T/nockpt"/*/ckpt "$T/nockpt/eval.csv"
"$BIN" eval "$T/nockpt" --all >"$T/ev" 2>"$T/err"; rc=$?
[ $rc -ne 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "no checkpoint in" "$T/err" && [ ! -e "$T/nockpt/eval.csv" ] && [ -z "$(find "$T/nockpt" -name "eval.csv*.tmp")" ] &&
    ok || bad "eval --all without checkpoints: one line, exit != 0, no eval.csv ($rc: $(cat "$T/err"))"
cp -r "$T/div" "$T/corrupt"; rm -f "$T/corrupt/eval.csv"
printf 'garbage' | dd of="$T/corrupt/dqn/ckpt/seed_2.ckpt" bs=1 seek=100 conv=notrunc 2>/dev/null
"$BIN" eval "$T/corrupt" --all >"$T/ev" 2>"$T/err"; rc=$?
[ $rc -ne 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "seed_2.ckpt is corrupt" "$T/err" && [ ! -e "$T/corrupt/eval.csv" ] &&
    [ -z "$(find "$T/corrupt" -name "eval.csv*.tmp")" ] && ok || bad "eval --all with a corrupt checkpoint: one line, no eval.csv ($rc: $(cat "$T/err"))"
# Ctrl-C during eval --all: exit 130, one line saying so, no CSV and no .tmp left (a watchdog ends a run that ignores it)
"$BIN" eval "$T/div" --all --episodes 1000000 --out "$T/int.csv" >"$T/ev" 2>"$T/err" & pid=$!
(sleep 30; kill -KILL $pid 2>/dev/null) & dog=$!
sleep 1; kill -INT $pid; wait $pid; rc=$?; kill $dog 2>/dev/null
[ $rc -eq 130 ] && [ ! -e "$T/int.csv" ] && [ -z "$(find "$T" -maxdepth 1 -name "int.csv*.tmp")" ] && grep -q "^scorer: interrupted: $T/int.csv not written" "$T/err" &&
    ok || bad "eval --all stopped by SIGINT: exit 130, no CSV, no .tmp ($rc: $(cat "$T/err"))"
"$BIN" eval "$T/div//" --all --algo dqn --episodes 1 >"$T/ev" 2>&1 && grep -q "^per-seed returns in $T/div/eval.csv$" "$T/ev" && ok ||
    bad "eval --all of DIR// (trailing slashes): $(tail -1 "$T/ev")"
# a mistyped option of eval, play, ckpt-info and env-check: refused as unknown (not as one missing its
# value, even last on the line), with the option it most likely meant
expect_hint --render eval "$T/div" --rendr
expect_hint --episodes eval "$T/div" --episode 3
expect_hint --seed play Breakout-MinAtar --sed
expect_hint Breakout-MinAtar play breakout
expect_hint --config ckpt-info --confg x
expect_hint --tol env-check --tl 1
"$BIN" play CartPole-v1 2>&1 | grep -q "did you mean" && bad "play CartPole-v1: a real env, just not MinAtar: no guess expected" || ok
# the keys that take one of a few words list them in train's and compare's --help (only the refusal named them), the
# same words the refusal gives; play takes --preset default as training takes env_preset = default: gymnax's game
for k in env_preset follower_loss activation optimizer; do
    words=$("$BIN" train --set $k=zz --dry-run 2>&1 | sed -n "s/.*$k=zz is not one of \([a-z|]*\).*/\1/p")
    [ -n "$words" ] && "$BIN" train --help | grep -q "^  $k  *$words" && "$BIN" compare --help | grep -q "^  $k  *$words" && ok ||
        bad "--help lists the values of $k ($words)"
done
"$BIN" play Breakout-MinAtar --preset default --seed 3 --steps 200 >"$T/pd" 2>"$T/err" && "$BIN" play Breakout-MinAtar --preset gymnax --seed 3 --steps 200 >"$T/pg" 2>&1 &&
    cmp -s "$T/pd" "$T/pg" && ok || bad "play --preset default plays gymnax's game: $(cat "$T/err")"
# play, stdout not a terminal: plain frames, no delay. --steps N shows frames 0..N in order and stops there;
# the last line repeats the last frame's return (eval's word: it said score); the random agent draws from
# the minimal action set (Freeway: no-op, up, down); the same seed gives the same episode
"$BIN" play Freeway-MinAtar --seed 4 --steps 120 >"$T/play" 2>"$T/err" && [ ! -s "$T/err" ] && ok || bad "play --steps 120: $(cat "$T/err")"
[ "$(grep -c '^Freeway-MinAtar  seed 4  step ' "$T/play")" -eq 121 ] &&
    [ "$(sed -n 's/^Freeway-MinAtar  seed 4  step \([0-9]*\) .*/\1/p' "$T/play" | awk '$1 != NR - 1 { bad = 1 } END { print bad + 0 }')" = 0 ] &&
    ok || bad "play --steps 120: frames 0..120 in order: $(grep -c '^Freeway-MinAtar  seed' "$T/play") frames"
last=$(sed -n 's/^Freeway-MinAtar  seed 4  step 120  return \([0-9.]*\) .*/\1/p' "$T/play")
[ -n "$last" ] && [ "$(tail -n 1 "$T/play")" = "Freeway-MinAtar: return $last in 120 steps (step limit)" ] && ok || bad "play: last line: $(tail -n 1 "$T/play")"
[ "$(sed -n 's/^Freeway-MinAtar .* action \([a-z][a-z-]*\) *$/\1/p' "$T/play" | sort -u | tr '\n' ' ')" = "down no-op up " ] && ok ||
    bad "play Freeway: random actions from the minimal set: $(sed -n 's/.* action \([a-z][a-z-]*\) *$/\1/p' "$T/play" | sort -u | tr '\n' ' ')"
"$BIN" play Freeway-MinAtar --seed 4 --steps 120 | cmp -s - "$T/play" && ok || bad "play: the same seed plays the same episode"
"$BIN" play Freeway-MinAtar --seed 5 --steps 120 | sed 's/seed 5/seed 4/' | cmp -s - "$T/play" && bad "play: seed 5 plays seed 4's episode" || ok
# without --steps the episode plays to its end: gymnax Freeway stops at its 2500-step time limit; the original
# ends the game itself one step later (its timer starts at 2500 and the game is over when it falls below 0)
[ "$("$BIN" play Freeway-MinAtar --seed 2 | tail -n 1 | sed 's/return [0-9]* //')" = "Freeway-MinAtar: in 2500 steps (time limit)" ] && ok ||
    bad "play Freeway (gymnax): $("$BIN" play Freeway-MinAtar --seed 2 | tail -n 1)"
[ "$("$BIN" play Freeway-MinAtar --seed 2 --preset minatar | tail -n 1 | sed 's/return [0-9]* //')" = "Freeway-MinAtar: in 2501 steps (game over)" ] && ok ||
    bad "play Freeway (minatar): $("$BIN" play Freeway-MinAtar --seed 2 --preset minatar | tail -n 1)"
"$BIN" play Breakout-MinAtar --seed 1 >"$T/play" && tail -n 1 "$T/play" | grep -q "^Breakout-MinAtar: return [0-9]* in [0-9]* steps (game over)$" &&
    [ "$(tail -n 1 "$T/play" | sed 's/.* in \([0-9]*\) steps.*/\1/')" = "$(grep -c '^Breakout-MinAtar  seed 1  step ' "$T/play" | awk '{ print $1 - 1 }')" ] &&
    ok || bad "play Breakout to game over: $(tail -n 1 "$T/play")"
# each game's legend lists exactly the symbols its frames draw over ten random episodes (SpaceInvaders' listed
# '<' and '>', never drawn: alien_left/right lie under alien), in words rather than the channels' identifiers
# (alien_left, friendly_bullet); Freeway's digits say they are the trails behind cars and what the digit means
for g in Breakout Asterix Freeway SpaceInvaders Seaquest; do
    sets=$(for s in 0 1 2 3 4 5 6 7 8 9; do "$BIN" play $g-MinAtar --seed $s; done | awk '
        BEGIN { for (i = 33; i < 127; i++) ord[sprintf("%c", i)] = i }
        /^\+-/ { part++; next }                         # the borders of a frame: grid, then legend
        /^[A-Za-z]/ { part = 0; next }                  # a header, the last line
        part == 1 { for (i = 2; i < 21; i += 2) drawn[substr($0, i, 1)] = 1 }
        part == 2 && /^ / { n = split(substr($0, 2), e, "  ")  # entries "SYM words" (or "A-B words"), two spaces apart
            for (i = 1; i <= n; i++) { sym = e[i]; sub(/ .*/, "", sym)
                if (sym ~ /^.-.$/) for (c = ord[substr(sym, 1, 1)]; c <= ord[substr(sym, 3, 1)]; c++) listed[sprintf("%c", c)] = 1
                else listed[sym] = 1
                if (e[i] ~ /_/) id[sym] = 1 } }
        END { for (i = 33; i < 127; i++) { c = sprintf("%c", i); if (c in drawn) d = d c; if (c in listed) l = l c
                                           if (c in id) ids = ids c }
              print "drawn " d " listed " l (ids ? " identifiers for " ids : "") }')
    case "$sets" in "drawn "*" listed "*) d=${sets#drawn }; d=${d%% listed*} ;; *) d=none ;; esac
    [ "$sets" = "drawn $d listed $d" ] && ok || bad "play $g: the legend lists what frames draw: $sets"
done
"$BIN" play Freeway-MinAtar --steps 1 | grep -q "^ 1-5 trail behind a car, by its speed: 1 moves every 2nd step, 5 every 6th$" && ok ||
    bad "play Freeway: the digits' legend: $("$BIN" play Freeway-MinAtar --steps 1 | tail -n 3)"
# on a terminal (script(1) gives one) the objects are coloured, in colours that dark and light backgrounds
# both show (not white, grey, black, yellow, dark blue, bright green or cyan), and trails are in the
# terminal's own colour (dark grey, 90, hid them on dark backgrounds); in a pipe, no escape codes at all
for g in Breakout Asterix Freeway SpaceInvaders Seaquest; do
    script -qec "'$BIN' play $g-MinAtar --seed 1 --steps 40 --delay 0" /dev/null >"$T/tty" 2>&1
    codes=$(grep -ao '.\[[0-9]*m' "$T/tty" | sed 's/^.//' | sort -u | tr '\n' ' ')
    hidden=$(printf '%s\n' $codes | grep -E '^\[(3[0347]|9[02367])m$' | tr '\n' ' ')
    case $g in Freeway) trail=' 1-5 trail' ;; SpaceInvaders) trail='' ;; *) trail=' . trail' ;; esac
    [ -n "$codes" ] && [ -z "$hidden" ] && { [ -z "$trail" ] || grep -qaF -- "$trail" "$T/tty"; } && ok ||
        bad "play $g on a terminal: colours $codes(not shown on some backgrounds: $hidden), trail '$trail' plain"
    "$BIN" play $g-MinAtar --seed 1 --steps 40 | grep -q "$(printf '\033')" && bad "play $g in a pipe: escape codes" || ok
done
expect_error "play without an env" play
expect_error "play of two envs" play Breakout-MinAtar Freeway-MinAtar
expect_error "play of a classic env" play CartPole-v1
expect_error "play --seed -1" play Breakout-MinAtar --seed -1
expect_error "play --seed x" play Breakout-MinAtar --seed x
expect_error "play --policy" play Breakout-MinAtar --policy greedy
expect_error "play --steps 0" play Breakout-MinAtar --steps 0
expect_error "play --delay 60001" play Breakout-MinAtar --delay 60001
expect_error "play --preset" play Breakout-MinAtar --preset atari
expect_error "play --steps without a value" play Breakout-MinAtar --steps
"$BIN" play Breakout-MinAtar --policy keyboard </dev/null >"$T/out" 2>"$T/err"; rc=$?
[ $rc -ne 0 ] && grep -q "^scorer: --policy keyboard needs a terminal on stdin$" "$T/err" && [ ! -s "$T/out" ] && ok || bad "play --policy keyboard without a terminal: $rc $(cat "$T/err")"
"$BIN" train --env Breakout-MinAtar --algo scorer-dqn --steps 2560 --quiet --out "$T/mt" >/dev/null 2>&1 || bad "MinAtar train failed"
"$BIN" eval "$T/mt" --episodes 1 --render --delay 0 >"$T/ev" 2>&1 && grep -q "paddle" "$T/ev" && ok || bad "eval --render: $(tail -3 "$T/ev")"
# its frames start at step 0, as play's do, and name the action that led to each (they started at step 1, unnamed)
grep -q "^Breakout-MinAtar  episode 1  step 0  return 0  action -" "$T/ev" && grep -Eq "^Breakout-MinAtar  episode 1  step 1  return [0-9.]+  action (no-op|left|right) *\$" "$T/ev" &&
    ok || bad "eval --render's frames: $(grep -m 2 'episode 1' "$T/ev")"
# an episode's last frame names the action that ended it: the gymnax preset's reset zeroes the env's last action,
# which every last frame showed as no-op (30 of 30 random episodes); of 30 random ones some end on left or right
"$BIN" eval "$T/mt" --episodes 30 --eps 1 --render --delay 0 >"$T/ev30" 2>&1
last=$(grep -B16 "^episode [0-9]*:" "$T/ev30" | grep "  action " | awk '{print $NF}' | sort -u | tr '\n' ' ')
[ "$(grep -c "^episode [0-9]*:" "$T/ev30")" = 30 ] && echo "$last" | grep -Eq "left|right" && ok || bad "eval --render's last frames: $last"
# to a file, a blank line sets each frame apart from the next one's header, as play's do (they ran together)
[ "$(grep -B1 "^Breakout-MinAtar  episode 1  step 1 " "$T/ev" | head -1)" = "" ] && ok || bad "eval --render: no blank line between frames"
grep -q '"Breakout-MinAtar"' "$T/mt/summary.json" && grep -q "^input_l1norm = 1" "$T/mt/config.ini" && grep -q "^num_envs = 128" "$T/mt/config.ini" && ok || bad "MinAtar defaults not applied"

# on a terminal (script(1) gives one) a live progress line is redrawn on stderr after each \r: its last state
# shows every step of every seed done, the SPS (of the 2 seeds training at once, as it says), each algorithm's
# recent return and the ETA; --quiet and a pipe draw none
script -qec "'$BIN' compare --env CartPole-v1 --seeds 2 --steps 10000 --threads 2 --checkpoint-every -1 --out '$T/prog'" /dev/null >"$T/prog.log" 2>&1
last=$(tr '\r' '\n' <"$T/prog.log" | grep ' steps | ' | tail -n 1)
echo "$last" | grep -Eq '^40\.0k/40\.0k steps \| [0-9.]+[kM]? SPS \(2 seeds at once\) \| return scorer-dqn -?[0-9.]+ dqn -?[0-9.]+ \| ETA 0:00 $' &&
    grep -q "^scorer-dqn  *2/2 " "$T/prog.log" && ok || bad "progress line on a terminal: '$last' $(tail -3 "$T/prog.log")"
# with more seeds than threads, the seeds queued count in the total from the first line on (it grew as they
# started: the steps ran backwards and the ETA was that of the started seeds), and an algorithm none of whose
# seeds has started shows no return (it showed 0.0, and a started seed's return was divided by all seeds)
script -qec "'$BIN' compare --env CartPole-v1 --seeds 2 --steps 10000 --threads 1 --checkpoint-every -1 --out '$T/prog1'" /dev/null >"$T/prog1.log" 2>&1
tr '\r' '\n' <"$T/prog1.log" | grep ' steps | ' >"$T/prog1.lines"
first=$(head -n 1 "$T/prog1.lines")
[ -s "$T/prog1.lines" ] && ! grep -qv '^[0-9.]*k\{0,1\}/40\.0k steps | ' "$T/prog1.lines" && ! grep -q 'seeds at once' "$T/prog1.lines" &&
    echo "$first" | grep -q ' dqn - ' && ok || bad "progress with seeds queued: first '$first', $(sort -u "$T/prog1.lines" | head -3)"
script -qec "'$BIN' compare --env CartPole-v1 --seeds 2 --steps 3000 --quiet --checkpoint-every -1 --out '$T/progq'" /dev/null >"$T/progq.log" 2>&1
[ -s "$T/progq/summary.json" ] && ! grep -q ' steps | ' "$T/progq.log" && ok || bad "--quiet on a terminal drew a progress line"
"$BIN" compare --env CartPole-v1 --seeds 2 --steps 3000 --checkpoint-every -1 --out "$T/progp" 2>&1 | grep -c ' steps | ' >"$T/n"
[ "$(cat "$T/n")" = 0 ] && [ -s "$T/progp/summary.json" ] && ok || bad "a pipe got a progress line"

# output that cannot be written (a full disk: /dev/full; a closed stdout) fails every command with one line,
# exit 1; the run folder a train writes is whole all the same
WERR="scorer: could not write the output (is the disk full or the pipe closed?)"
REFC=${SCORER_REFDATA:-build/refdata}/classic/CartPole-v1.csv
for c in "--version" "--help" "train --help" "train --dry-run --out $T/dryfull" "summary $T/someep" "summary $T/someep --json" \
         "eval $T/someep --episodes 2" "ckpt-info $T/someep/ckpt/seed_0.ckpt" "env-check $REFC" "plot $T/someep"; do
    # shellcheck disable=SC2086 # c is split into words on purpose (no path here holds a space)
    "$BIN" $c >/dev/full 2>"$T/err"; rc=$?
    [ $rc -eq 1 ] && [ "$(cat "$T/err")" = "$WERR" ] && ok || bad "scorer $c into /dev/full: exit $rc, $(cat "$T/err")"
    "$BIN" $c >&- 2>"$T/err"; rc=$?
    [ $rc -eq 1 ] && [ "$(cat "$T/err")" = "$WERR" ] && ok || bad "scorer $c with stdout closed: exit $rc, $(cat "$T/err")"
done
"$BIN" train --steps 3000 --set eps_anneal_timesteps=300 --out "$T/fullout" >/dev/full 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && [ "$(cat "$T/err")" = "$WERR" ] && cmp -s "$T/fullout/seed_0.csv" "$T/someep/seed_0.csv" &&
    [ -s "$T/fullout/summary.json" ] && ok || bad "train into /dev/full: exit $rc, $(cat "$T/err")"
"$BIN" train --steps 3000 --set eps_anneal_timesteps=300 --out "$T/closedout" >&- 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && [ "$(cat "$T/err")" = "$WERR" ] && cmp -s "$T/closedout/seed_0.csv" "$T/someep/seed_0.csv" &&
    [ -z "$(grep -rl 'results in' "$T/closedout")" ] && ok || bad "train with stdout closed: exit $rc, $(cat "$T/err")"

echo "cli_train: $pass passed, $fail failed"
[ $fail -eq 0 ]
