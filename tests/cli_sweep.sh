#!/bin/sh
# cli_sweep.sh - scorer sweep end to end: a 2 x 2 grid planned, run and summarised; each point equal
# to the scorer compare it stands for; reruns that skip finished points; a point held by another
# process left to it; an interrupted point resumed bit-identically; two processes sharing a sweep;
# the Slurm script; and every refusal of bad input. Prints "N passed, N failed".
BIN=${SCORER_BIN:-bin/scorer}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
. "$(dirname "$0")/check.sh"
has() { grep -F -q -- "$2" "$1"; }
no_times() { tr -d ' \n' <"$1" | sed -E 's/"(sps|sps_median|wall_s)":(\[[^]]*\]|[0-9.e+-]+),?//g'; } # a summary.json but its speeds
T=$(mktemp -d "${TMPDIR:-/tmp}/scorer-cli-sweep.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
O="$T/out"; E="$T/err"
# sanitizer builds (SCORER_QUICK=1) run ~10x slower: shorter runs (learning still starts at 1000)
if [ "${SCORER_QUICK:-0}" = 1 ]; then LONG=10000; STEPS=2000; else LONG=300000; STEPS=3000; fi
SW="--env CartPole-v1 --seeds 2 --steps $STEPS --threads 2 --quiet"

# --- a 2 x 2 grid, run here ----------------------------------------------------------------
"$BIN" sweep $SW --grid follower_lr=1e-4,3e-4 --grid tau=1,0.5 --out "$T/s" > "$O" 2> "$E"; rc=$?
check "sweep exits 0 (got $rc: $(head -c 300 "$E"))" [ $rc -eq 0 ]
for p in 0 1 2 3; do
    check "p00$p finished (summary.json)" [ -f "$T/s/p00$p/summary.json" ]
done
expect "the manifest and the Slurm script are written" '[ -f "$T/s/sweep.ini" ] && [ -x "$T/s/sweep.sbatch" ]'
check "the sweep's folder is no setting of its points (no out in [base])" sh -c "! grep -q '^out' '$T/s/sweep.ini'"
expect "point 1 holds the first follower_lr and the second tau" 'grep -q "^tau = 0.5\$" "$T/s/p001/scorer-dqn/config.ini" && grep -q "^follower_lr = 9.99999975e-05\$" "$T/s/p001/scorer-dqn/config.ini"'
expect "point 2 holds the second follower_lr and the first tau" 'grep -q "^tau = 1\$" "$T/s/p002/dqn/config.ini" && grep -q "^follower_lr = 0.000300000014\$" "$T/s/p002/dqn/config.ini"'
check "sweep.csv: a header and one row per point and algorithm" [ "$(grep -c '^p00[0-3],done,' "$T/s/sweep.csv")" = 8 ]
check "sweep.csv header names the axes" grep -q '^point,status,follower_lr,tau,algo,seeds,seeds_ok,final_mean,' "$T/s/sweep.csv"
# a point is the compare run it stands for, bit for bit
"$BIN" compare --env CartPole-v1 --seeds 2 --steps $STEPS --threads 1 --quiet --set follower_lr=3e-4 --set tau=0.5 --out "$T/c" > /dev/null 2>&1
same=1
for a in scorer-dqn dqn; do for k in 0 1; do cmp -s "$T/c/$a/seed_$k.csv" "$T/s/p003/$a/seed_$k.csv" || same=0; done; done
check "p003 equals scorer compare --set follower_lr=3e-4 --set tau=0.5 (seed CSVs identical)" [ $same = 1 ]

"$BIN" summary "$T/s" > "$O" 2> "$E"; rc=$?
check "summary of a sweep exits 0 (got $rc)" [ $rc -eq 0 ]
check "the sweep table counts 4 finished points" has "$O" "4 points x 2 algorithms; 4 done"
check "the table has a row per point" [ "$(grep -c -E '^p00[0-3] ' "$O")" = 4 ]
check "best point of each algorithm named" grep -q '^best scorer-dqn: p00[0-3] (follower_lr=' "$O"
check "2 seeds a point: the table's few-seeds caveat, as summary's of a run" has "$O" "few seeds (2 in the smallest group): below 4 seeds the IQM is the plain mean"
check "dqn's best names the settings it reads, and the one it ignores as such (it named a follower_lr)" \
    grep -q '^best dqn: p00[0-3] (tau=[0-9.]*; dqn ignores follower_lr), IQM ' "$O"
if command -v gnuplot > /dev/null; then
    expect "the sweep's figure is drawn when every point is in" '[ -s "$T/s/sweep.png" ] && [ -s "$T/s/sweep.svg" ]'
    rm -f "$T/s/sweep.png"
    "$BIN" plot "$T/s" > "$O" 2> "$E"; rc=$?
    expect "scorer plot of a sweep exits 0 (got $rc: $(cat "$E"))" '[ $rc -eq 0 ] && [ -s "$T/s/sweep.png" ]'
else
    "$BIN" plot "$T/s" > "$O" 2> "$E"; rc=$?
    expect "without gnuplot, scorer plot of a sweep says so and exits 1 (got $rc)" '[ $rc -eq 1 ] && has "$E" "gnuplot not found"'
fi
expect "sweep.dat: a line per algorithm and tau (4), each with both follower_lr values" '[ "$(grep -c -E "^# (scorer-dqn|dqn) tau=" "$T/s/sweep.dat")" = 4 ] && [ "$(grep -c -E "^-?[0-9]" "$T/s/sweep.dat")" = 8 ]'
check "the figure's x axis is the first grid key" grep -q "set xlabel 'follower_lr'" "$T/s/sweep.gp"
check "the legend says that dqn ignores the x axis (its line is flat)" grep -q "title 'dqn tau=1 (ignores follower_lr)'" "$T/s/sweep.gp"
# the title: the folder's name (its path ran off both edges of the PNG), the environment, steps and seeds
# every panel's y range is its values' (IQMs and CIs) and 5% of it each side (one value: of its size, 1 for 0): a
# mark at the extreme sat on the frame
y_padded() {
    awk 'FNR == NR { if (/^#/) { head = $0; next } # the comment right above the rows of a block heads it
                     if (NF == 4 && head != "") { p = match(head, / env=[^ ]+/) ? substr(head, RSTART + 5, RLENGTH - 5) : "-"; head = ""
                                                  if (!(p in seen)) order[np++] = p; seen[p] = 1 }
                     if (NF == 4) for (i = 2; i <= 4; i++) if ($i != "nan") { v = $i + 0; if (!(p in lo) || v < lo[p]) lo[p] = v; if (!(p in hi) || v > hi[p]) hi[p] = v }
                     next }
         /^set yrange/ && k < np { gsub(/[][]/, "", $3); split($3, r, ":"); p = order[k++]; s = hi[p] - lo[p]
                                   if (s <= 0) s = hi[p] > 0 ? hi[p] : hi[p] < 0 ? -hi[p] : 1 # one value: 5% of its size
                                   bad += !(lo[p] - r[1] > 0.049 * s && lo[p] - r[1] < 0.051 * s && r[2] - hi[p] > 0.049 * s && r[2] - hi[p] < 0.051 * s) }
         END { exit bad || k != np }' "$1/sweep.dat" "$1/sweep.gp"
}
check "the figure's y range pads its values' range by 5% each side" y_padded "$T/s"
title_lines() { grep -m1 '^set multiplot' "$1" | sed -e 's/^set multiplot layout [0-9,]* title //' -e "s/'\.\"\\\\n\"\.'/\n/g" -e "s/^'//" -e "s/'\$//"; }
expect "the figure's title names the sweep's folder, environment, steps and seeds, not the path ($(title_lines "$T/s/sweep.gp" | tr '\n' '|'))" \
    '[ "$(title_lines "$T/s/sweep.gp" | head -1)" = "sweep s: CartPole-v1, $STEPS steps, 2 seeds" ] && ! grep -q "title .*$T" "$T/s/sweep.gp"'
"$BIN" plot "$T/s" "$T/c" > "$O" 2> "$E"; rc=$?
expect "plot of a sweep beside another folder refused, as summary does (rc $rc)" '[ $rc -eq 2 ] && has "$E" "is a sweep: show it alone"'
# the sweep's figure is of final returns: another metric is the points' learning curves, as --algos is
"$BIN" plot "$T/s" --metric leader_loss > "$O" 2> "$E"; rc=$?
expect "plot of a sweep with --metric leader_loss refused in one line, exit 2 ($(cat "$E"))" \
    '[ $rc -eq 2 ] && [ "$(cat "$E")" = "scorer: --metric leader_loss draws run folders'"'"' curves, not a sweep'"'"'s figure (plot DIR/p000 ... instead)" ] && [ ! -e "$T/s/leader_loss.dat" ]'
"$BIN" summary "$T/s" --json > "$O" 2> "$E"; rc=$?
expect "summary --json of a sweep refused, pointing to sweep.csv (rc $rc)" '[ $rc -ne 0 ] && has "$E" "sweep.csv"'
# a finished point whose summary.json is damaged is shown as such (not as done), with why; exit 1
cp -r "$T/s" "$T/sd"; echo garbage > "$T/sd/p001/summary.json"
"$BIN" summary "$T/sd" > "$O" 2> "$E"; rc=$?
expect "a damaged point: exit 1, counted, its status 'damaged', the reason below the table and on stderr (rc $rc)" \
    '[ $rc -eq 1 ] && has "$O" "4 points x 2 algorithms; 3 done, 1 DAMAGED" && grep -q "^p001 .* damaged$" "$O" && grep -q "^p001 is damaged: $T/sd/p001/summary.json: not valid JSON" "$O" &&
     [ "$(wc -l < "$E")" -eq 1 ] && grep -q "^scorer: p001 is damaged: $T/sd/p001/summary.json: not valid JSON" "$E"'
# one the system cannot read (here a folder in its place) is "unreadable", not damaged: the file may be sound
cp -r "$T/s" "$T/su"; rm "$T/su/p002/summary.json" "$T/su/p003/summary.json"; mkdir "$T/su/p002/summary.json"; echo '{' > "$T/su/p003/summary.json"
"$BIN" summary "$T/su" > "$O" 2> "$E"; rc=$?
expect "an unreadable point beside a damaged one: exit 1, both counted and shown, one stderr line naming the first (rc $rc: $(cat "$E"))" \
    '[ $rc -eq 1 ] && has "$O" "4 points x 2 algorithms; 2 done, 1 DAMAGED, 1 UNREADABLE" && grep -q "^p002 .* unreadable$" "$O" &&
     grep -q "^p002 is unreadable: cannot read $T/su/p002/summary.json: Is a directory$" "$O" && grep -q "^p003 is damaged: " "$O" &&
     [ "$(cat "$E")" = "scorer: p002 is unreadable: cannot read $T/su/p002/summary.json: Is a directory (and 1 more points below the table)" ]'
"$BIN" sweep --resume "$T/su" --quiet > /dev/null 2> "$E"; rc=$?
expect "sweep --resume of it: exit 1, each named on stderr (rc $rc: $(head -c 300 "$E"))" \
    '[ $rc -eq 1 ] && grep -q "^scorer: p002 is unreadable: cannot read $T/su/p002/summary.json: Is a directory$" "$E" && grep -q "^scorer: p003 is damaged: " "$E"'
check "sweep.csv marks the unreadable point" grep -q "^p002,unreadable," "$T/su/sweep.csv"
"$BIN" sweep --resume "$T/sd" --quiet > /dev/null 2> "$E"; rc=$?
check "sweep.csv marks the damaged point" grep -q "^p001,damaged," "$T/sd/sweep.csv"
expect "sweep --resume does not take a damaged point for finished: exit 1, the reason (rc $rc: $(head -c 300 "$E"))" \
    '[ $rc -eq 1 ] && grep -q "^scorer: p001 is damaged: $T/sd/p001/summary.json: not valid JSON" "$E"'
rm "$T/sd/p001/summary.json" # the point's seeds are finished: the resume writes its summary again, as the first run did
"$BIN" sweep --resume "$T/sd" --quiet > /dev/null 2> "$E"; rc=$?
expect "the damaged summary removed, --resume rebuilds it from the seeds' checkpoints (rc $rc)" \
    '[ $rc -eq 0 ] && [ "$(no_times "$T/s/p001/summary.json")" = "$(no_times "$T/sd/p001/summary.json")" ]'


# an algorithm that reads none of the axes (dqn: leader_lr, follower_lr): its points are one run, its best point
# names no setting, and the figure draws it once (not once per follower_lr), saying so
"$BIN" sweep --env CartPole-v1 --seeds 1 --steps $STEPS --threads 2 --quiet --grid leader_lr=1e-4,3e-4 --grid follower_lr=1e-4,3e-4 --out "$T/rd" > /dev/null 2> "$E"
"$BIN" summary "$T/rd" > "$O" 2> "$E"
expect "the best line of an algorithm that reads no axis says so, the other names both ($(grep "^best" "$O" | tr '\n' '|'))" \
    'grep -q "^best dqn: p000 (dqn reads none of the grid.s settings), IQM " "$O" && grep -q "^best scorer-dqn: p00[0-3] (leader_lr=[0-9e-]* follower_lr=[0-9e-]*), IQM " "$O"'
expect "its figure: one dqn line, the legend saying it reads no axis; a scorer-dqn line per follower_lr" \
    '[ "$(grep -c "^# dqn" "$T/rd/sweep.dat")" = 1 ] && grep -q "^# dqn (reads none of the grid.s settings)\$" "$T/rd/sweep.dat" &&
     [ "$(grep -c "^# scorer-dqn follower_lr=" "$T/rd/sweep.dat")" = 2 ] && grep -q "title .dqn (reads none of the grid..s settings).\$" "$T/rd/sweep.gp"'

# --- a point whose seeds diverged: never the best, and the failure stays in summary and --resume ----
"$BIN" sweep --env CartPole-v1 --algos scorer-dqn --seeds 2 --steps $STEPS --threads 2 --grid fault_nan_at=0,1500 --out "$T/nan" > "$O" 2> "$E"; rc=$?
expect "a point with a diverged seed: exit 1, stderr names the seed and the point (rc $rc: $(head -c 300 "$E"))" \
    '[ $rc -eq 1 ] && grep -q "^scorer: p001 scorer-dqn seed 0: training diverged" "$E" && grep -q "^scorer: 1 point had failed seeds: p001 " "$E"'
expect "its status says so in the table, and it is not best (the other point is; a note names it)" \
    'grep -q "^p001 .* done, 1 failed\$" "$O" && grep -q "^p000 .* done\$" "$O" && grep -q "^best scorer-dqn: p000 (fault_nan_at=0)" "$O" &&
     grep -q "^  not p001 (fault_nan_at=1500): IQM .* over 1 of its 2 seeds, the others failed\$" "$O" && has "$O" "2 done (1 with FAILED seeds)"'
check "sweep.csv: status 'failed seeds' for that point, 'done' for the other" sh -c "grep -q '^p001,failed seeds,1500,scorer-dqn,2,1,' '$T/nan/sweep.csv' && grep -q '^p000,done,0,' '$T/nan/sweep.csv'"
check "the figure draws the sound point only (the other is its surviving seed's)" [ "$(grep -c -E '^-?[0-9]' "$T/nan/sweep.dat")" = 1 ]
check "and labels the other at its position, in PNG and SVG (an empty position said nothing)" \
    [ "$(grep -c "^set label 'scorer-dqn: 1 of 2 seeds failed' at first 1, graph 0 " "$T/nan/sweep.gp")" = 2 ]
"$BIN" sweep --grid env=CartPole-v1,Acrobot-v1 --grid fault_nan_at=0,1500 --seeds 2 --steps $STEPS --threads 2 --out "$T/nanx" > "$O" 2> "$E"
check "over env: each panel labels both algorithms' failed point" [ "$(grep -c "^set label '\(scorer-dqn\|dqn\): 1 of 2 seeds failed' at first 1, graph 0 " "$T/nanx/sweep.gp")" = 8 ]
expect "across environments: the group whose points have failed seeds gets no P (the sound one does)" \
    'grep -q "^across 2 environments at fault_nan_at=0: P(scorer-dqn > dqn)" "$O" && ! grep -q "^across .* fault_nan_at=1500" "$O"'
"$BIN" sweep --algos dqn --seeds 1 --steps $STEPS --threads 1 --quiet --grid fault_nan_at=1500 --out "$T/nan1" > /dev/null 2> "$E"
"$BIN" plot "$T/nan1" > "$O" 2> "$E"; rc=$?
expect "a sweep whose every point failed: its figure says so (it was 'no finished point to draw') (rc $rc: $(cat "$E"))" \
    '[ $rc -eq 0 ] && grep -q "^set label .dqn: 1 of 1 seed failed. at first 0, graph 0 " "$T/nan1/sweep.gp"'
"$BIN" summary "$T/nan" > "$O" 2> "$E"; rc=$?
expect "summary of it: exit 1, one scorer: line naming the point and the seed, the failed: line below the table (rc $rc: $(cat "$E"))" \
    '[ $rc -eq 1 ] && [ "$(wc -l < "$E")" -eq 1 ] && grep -q "^scorer: p001 has 1 failed seed (it is never the best point): scorer-dqn seed 0: training diverged" "$E" &&
     grep -q "^failed: p001 scorer-dqn seed 0: training diverged" "$O" && ! grep -q "^best scorer-dqn: p001" "$O"'
"$BIN" sweep --resume "$T/nan" > "$O" 2> "$E"; rc=$?
expect "sweep --resume of it: exit 1, the point's failed seed named again (rc $rc: $(head -c 300 "$E"))" \
    '[ $rc -eq 1 ] && grep -q "^scorer: p001 scorer-dqn seed 0: training diverged" "$E" && grep -q "^scorer: 1 point had failed seeds: p001 " "$E" && has "$O" "p001 (fault_nan_at=1500): finished already, with failed seeds"'
"$BIN" sweep --resume "$T/nan" --task 1 --quiet > "$O" 2> "$E"; rc=$?
expect "--task 1 resubmitted (as Slurm would): exit 1 and the failed seed named (rc $rc: $(head -c 300 "$E"))" \
    '[ $rc -eq 1 ] && grep -q "^scorer: p001 scorer-dqn seed 0: training diverged" "$E"'
"$BIN" sweep --resume "$T/nan" --task 0 --quiet > "$O" 2> "$E"; rc=$?
check "--task 0, the sound point: exit 0 (got $rc)" [ $rc -eq 0 ]

# --- checkpoint_every = -1: an interruption says that nothing was checkpointed --------------------
"$BIN" sweep --env CartPole-v1 --seeds 1 --steps 20000000 --threads 1 --quiet --checkpoint-every -1 --grid tau=1,0.5 \
    --out "$T/nock" > /dev/null 2> "$E" & pid=$!
i=0; while [ ! -f "$T/nock/p000/run.ini" ] && [ $i -lt 1000 ]; do sleep 0.02; i=$((i + 1)); done
sleep 0.1; kill -INT $pid; wait $pid; rc=$?
expect "checkpoint_every = -1: interrupted, the message says the seeds start over (rc $rc: $(cat "$E"))" \
    '[ $rc -eq 130 ] && has "$E" "interrupted at p000; no checkpoint was written (checkpoint_every = -1), so scorer sweep --resume $T/nock starts its seeds over"'

# --- env as an axis: no best point across environments, and P(scorer-X > X) across them ---------
"$BIN" sweep --seeds 2 --steps $STEPS --threads 2 --quiet --grid env=CartPole-v1,Acrobot-v1 --out "$T/env" > /dev/null 2> "$E"; rc=$?
check "a sweep over env exits 0 (got $rc: $(head -c 300 "$E"))" [ $rc -eq 0 ]
"$BIN" summary "$T/env" > "$O" 2> "$E"
check "over env: no best point (environments' returns do not compare)" sh -c "! grep -q '^best' '$O'"
"$BIN" summary "$T/env/p000" "$T/env/p001" > "$T/pair" 2> "$E"
across() { sed -n 's/^across 2 environments[^:]*: P(/P(/p' "$1"; }
expect "over env: P across the 2 environments, as scorer summary of the two points gives it ($(across "$O"))" \
    '[ -n "$(across "$O")" ] && [ "$(across "$O")" = "$(across "$T/pair")" ] && grep -q "^across 2 environments (CartPole-v1, Acrobot-v1): P(" "$T/pair"'

# the figure over env: a panel per environment (returns of different environments do not share an axis)
"$BIN" sweep --algos dqn --seeds 2 --steps $STEPS --threads 2 --quiet --grid env=CartPole-v1,Acrobot-v1 --grid tau=1,0.5 --out "$T/env2" > /dev/null 2> "$E"; rc=$?
check "a sweep over env and tau exits 0 (got $rc: $(head -c 300 "$E"))" [ $rc -eq 0 ]
expect "its figure: a multiplot of 2 panels, titled with the environments, against tau" \
    'grep -q "^set multiplot layout 1,2 " "$T/env2/sweep.gp" && grep -q "^set title .CartPole-v1.\$" "$T/env2/sweep.gp" &&
     grep -q "^set title .Acrobot-v1.\$" "$T/env2/sweep.gp" && grep -q "^set xlabel .tau.\$" "$T/env2/sweep.gp"'
expect "sweep.dat: a block per environment, each with its 2 tau values, none joining environments" \
    '[ "$(grep -c "^# dqn env=" "$T/env2/sweep.dat")" = 2 ] && [ "$(grep -c -E "^-?[0-9]" "$T/env2/sweep.dat")" = 4 ] &&
     [ "$(sed -n "/^# dqn env=Acrobot-v1/,\$p" "$T/env2/sweep.dat" | grep -c -E "^-?[0-9]")" = 2 ]'
check "each panel's y range pads its values' by 5% each side" y_padded "$T/env2"
expect "its title: no environment (the panels name them), lines of at most 111 characters in its 1040 pixels ($(title_lines "$T/env2/sweep.gp" | tr '\n' '|'))" \
    '[ "$(title_lines "$T/env2/sweep.gp" | head -1)" = "sweep env2: $STEPS steps, 2 seeds; a panel per environment (their returns do not compare)" ] &&
     [ "$(title_lines "$T/env2/sweep.gp" | awk "length > 111" | wc -l)" -eq 0 ]'
# one panel is 520 pixels wide: a long folder name is cut, and the title wrapped to fit (about 9 pixels a character)
long=a-sweep-folder-whose-name-goes-on-and-on-and-on-and-on
"$BIN" sweep --algos dqn --seeds 1 --steps $STEPS --threads 1 --quiet --grid env=Acrobot-v1 --out "$T/$long" > /dev/null 2> "$E"
expect "a narrow figure's title: the name cut, in lines of at most 53 characters ($(title_lines "$T/$long/sweep.gp" | tr '\n' '|'))" \
    '[ "$(title_lines "$T/$long/sweep.gp" | awk "length > 53" | wc -l)" -eq 0 ] && [ "$(title_lines "$T/$long/sweep.gp" | wc -l)" -ge 3 ] &&
     [ "$(title_lines "$T/$long/sweep.gp" | tr "\n" " ")" = "sweep a-sweep-folder-whose-name-goes-on-and...: $STEPS steps, 1 seed; a panel per environment (their returns do not compare) IQM of the final return over seeds; one seed per point: no CI " ]'
"$BIN" sweep --algos dqn --grid env=CartPole-v1,Acrobot-v1 --dry-run > "$O" 2> "$E"
check "the default folder of a sweep over env names no environment (runs/sweep-<time>)" grep -q "^sweep of 2 points x 1 algorithm in runs/sweep-[0-9]*-[0-9]* " "$O"
# (exploration within the runs: a schedule past their end has its own note)
"$BIN" sweep --algos dqn --steps 3000 --set eps_anneal_timesteps=300 --grid env=CartPole-v1,Breakout-MinAtar --dry-run > "$O" 2> "$E"
"$BIN" compare --algos dqn --steps 3000 --set eps_anneal_timesteps=300 --env Breakout-MinAtar --dry-run > /dev/null 2> "$T/cmp_err"
expect "a point whose budget is not whole steps of its envs (MinAtar's 128) warns as compare does, naming the point ($(cat "$E"))" \
    '[ "$(wc -l < "$E")" -eq 1 ] && grep -q "^scorer: warning: total_timesteps=3000 is not a multiple of num_envs=128" "$T/cmp_err" &&
     [ "$(sed "s/^scorer: warning: p001: /scorer: warning: /" "$E")" = "$(cat "$T/cmp_err")" ]'
# PQN exploring past the run's end at a point other than p000 (decay_horizon on the grid): warned, naming the
# point, as p000's is (only p000's was)
"$BIN" sweep --algos pqn --steps 200000 --grid decay_horizon=100000,5000000 --dry-run > "$O" 2> "$E"
expect "a later point's PQN schedule past the run's end warns, naming the point ($(cat "$E"))" \
    '[ "$(wc -l < "$E")" -eq 1 ] && grep -q "^scorer: warning: p001 pqn: exploration lasts until timestep 2500000 (eps_decay 0.5 x decay_horizon 5000000), past the run.s 200000" "$E"'
# its advice: decay_horizon is on the grid, so values near the fit in --grid (a --set of it would contradict
# the grid: "is given by --set and by --grid")
expect "the advice of a note whose decay_horizon is a --grid axis points to the grid's values ($(cat "$E"))" \
    'grep -q "; give decay_horizon values near 100000 in --grid to scale both schedules to this run" "$E" && ! grep -q -- "--set decay_horizon" "$E"'
"$BIN" sweep --algos dqn --grid tau=1,0.5 --dry-run > "$O" 2> "$E"
check "the default folder of another sweep names its environment" grep -q "^sweep of 2 points x 1 algorithm in runs/CartPole-v1-sweep-" "$O"
# the spaces around a grid's key and values are no part of them, as around --algos names ("1e-4, 3e-4")
"$BIN" sweep --algos "dqn, ddqn" --grid " tau = 1, 0.5 " --grid "env= CartPole-v1,	Acrobot-v1" --dry-run > "$O" 2> "$E"; rc=$?
expect "spaces after the commas of --grid: the values trimmed (rc $rc: $(cat "$E"))" \
    '[ $rc -eq 0 ] && [ ! -s "$E" ] && grep -q "^sweep of 4 points x 2 algorithms in runs/sweep-" "$O" && grep -q "/p003  tau=0.5 env=Acrobot-v1\$" "$O"'

# --- reruns: finished points are skipped, nothing is rewritten --------------------------------
cp "$T/s/p001/summary.json" "$T/sum1"
"$BIN" sweep --resume "$T/s" > "$O" 2> "$E"; rc=$?
check "--resume of a finished sweep exits 0 (got $rc)" [ $rc -eq 0 ]
check "every point reported finished already" [ "$(grep -c 'finished already' "$O")" = 4 ]
check "a finished point is not rerun" cmp -s "$T/sum1" "$T/s/p001/summary.json"
"$BIN" sweep --resume "$T/s" --task 2 --quiet > "$O" 2> "$E"; rc=$?
check "--task of a finished point exits 0 (got $rc)" [ $rc -eq 0 ]

# --- plan only, dry run ---------------------------------------------------------------------
"$BIN" sweep $SW --grid tau=1,0.5 --out "$T/dry" --dry-run > "$O" 2> "$E"; rc=$?
expect "--dry-run exits 0 (got $rc) and lists 2 points" '[ $rc -eq 0 ] && [ "$(grep -c "p00[01]  tau=" "$O")" = 2 ]'
check "--dry-run writes nothing" [ ! -e "$T/dry" ]
"$BIN" sweep $SW --set eps_anneal_timesteps=300 --algos dqn --grid tau=1,0.5 --grid gamma=0.9,0.99,0.999 --out "$T/plan" --plan > "$O" 2> "$E"; rc=$?
check "--plan exits 0 (got $rc)" [ $rc -eq 0 ]
check "--plan runs nothing" [ ! -e "$T/plan/p000" ]
check "the Slurm script is an array of 6 tasks" grep -q '^#SBATCH --array=0-5$' "$T/plan/sweep.sbatch"
check "--plan of 6 points: no warning" [ ! -s "$E" ]
"$BIN" sweep $SW --algos dqn --grid eps_anneal_timesteps=50000,100000 --out "$T/epsgrid" --dry-run > /dev/null 2> "$E"
expect "a DQN schedule past the run's end with eps_anneal_timesteps on the grid: the advice is --grid ($(cat "$E"))" \
    'grep -q "^scorer: warning: dqn: exploration lasts until timestep 50000 (eps_anneal_timesteps), past the run.s $STEPS: .*; give eps_anneal_timesteps values near $((STEPS / 10)) in --grid to end exploration within this run" "$E"' 
check "the Slurm script runs its task of this sweep" grep -q "sweep --resume '$T/plan' --task \"\$((\${SLURM_ARRAY_TASK_ID:" "$T/plan/sweep.sbatch"
check "the Slurm script names this binary by absolute path" grep -q "^exec '/" "$T/plan/sweep.sbatch"
check "the Slurm script says that scorer plot DIR draws the figure (the tasks do not)" grep -q "^#   figure: .* plot $T/plan .*the tasks do not draw it" "$T/plan/sweep.sbatch"
# what each array task runs, here: the script itself, as Slurm runs it, runs one point only
SLURM_ARRAY_TASK_ID=4 SLURM_CPUS_PER_TASK=1 bash "$T/plan/sweep.sbatch"; rc=$?
expect "--task 4 exits 0 (got $rc) and runs point 4 only" '[ $rc -eq 0 ] && [ -f "$T/plan/p004/summary.json" ] && [ ! -e "$T/plan/p003" ]'
check "point 4 is gamma=0.99 tau=... : the grid's order (last axis fastest)" grep -q '^gamma = 0.99000001$' "$T/plan/p004/dqn/config.ini"
"$BIN" summary "$T/plan" > "$O" 2> "$E"
check "the table shows 1 done and 5 not started" has "$O" "1 done, 5 not started"
# more points than a default Slurm array takes (MaxArraySize 1001: indices 0 to 1000): parts of 1000
"$BIN" sweep $SW --set eps_anneal_timesteps=300 --algos dqn --grid batch_size=$(seq -s, 1 40) --grid q_hidden=$(seq -s, 1 30) --out "$T/big" --plan > "$O" 2> "$E"; rc=$?
expect "--plan of 1200 points: exit 0 and one warning naming both parts (rc $rc: $(cat "$E"))" \
    '[ $rc -eq 0 ] && [ "$(wc -l < "$E")" -eq 1 ] && grep -q "^scorer: warning: 1200 points are more than one array of a default Slurm takes (MaxArraySize 1001" "$E" &&
     has "$E" "sbatch $T/big/sweep.sbatch; sbatch --array=0-199 $T/big/sweep.sbatch 1000"'
check "its Slurm array is the first 1000 points (indices 0-999)" grep -q '^#SBATCH --array=0-999$' "$T/big/sweep.sbatch"
check "its comments give both sbatch commands" grep -q "^#     sbatch --array=0-199 $T/big/sweep.sbatch 1000\$" "$T/big/sweep.sbatch"
sed "s#^exec '[^']*'#exec echo#" "$T/big/sweep.sbatch" > "$T/big.sh"
expect "the script's argument shifts the task: index 5 of the part from 1000 runs point 1005; a bad argument is refused" \
    '[ "$(SLURM_ARRAY_TASK_ID=5 bash "$T/big.sh" 1000)" = "sweep --resume $T/big --task 1005 --threads 1 --quiet" ] &&
     [ "$(SLURM_ARRAY_TASK_ID=5 bash "$T/big.sh")" = "sweep --resume $T/big --task 5 --threads 1 --quiet" ] &&
     ! SLURM_ARRAY_TASK_ID=5 bash "$T/big.sh" x 2> /dev/null'
# the most points, in a folder of a long name: every part's command whole, the last one included (a 4096-byte
# buffer cut it, and both the warning and the script lost it without a word)
deep="$T/$(printf 'd%.0s' $(seq 180))/$(printf 'e%.0s' $(seq 180))"
"$BIN" sweep $SW --algos dqn --grid batch_size=$(seq -s, 1 50) --grid q_hidden=$(seq -s, 1 50) --grid tau=1,0.5,0.25,0.125 --out "$deep" --plan > "$O" 2> "$E"; rc=$?
expect "--plan of 10000 points in a long path: the tenth part's command, whole, in the warning and the script (rc $rc)" \
    '[ $rc -eq 0 ] && grep -q "; sbatch --array=0-999 $deep/sweep.sbatch 9000\$" "$E" &&
     grep -q "^#     sbatch --array=0-999 $deep/sweep.sbatch 9000\$" "$deep/sweep.sbatch"'
rm -rf "$deep"
"$BIN" plot "$T/plan" --out "$T/fig/plan" > "$O" 2> "$E"
check "a partly done sweep's figure has the finished point only" [ "$(grep -c -E '^-?[0-9]' "$T/fig/plan.dat")" = 1 ]
# a folder the Slurm script cannot name: the messages say what was written and what --plan did not run
"$BIN" sweep --algos dqn --seeds 2 --steps $STEPS --set eps_anneal_timesteps=300 --grid tau=1,0.5 --out "$T/it's dir/sw" --plan > "$O" 2> "$E"; rc=$?
expect "--plan into a path with a quote: exit 0, no script, no sbatch offered, the warning says how to run it (rc $rc: $(cat "$E" "$O"))" \
    '[ $rc -eq 0 ] && [ ! -e "$T/it'"'"'s dir/sw/sweep.sbatch" ] && ! grep -q sbatch "$O" && [ "$(wc -l < "$E")" -eq 1 ] &&
     has "$E" "no Slurm script is written (run the points with scorer sweep --resume '"'"'$T/it'"'"'\'"'"''"'"'s dir/sw'"'"')" && ! has "$E" "runs here"'
"$BIN" sweep --algos dqn --seeds 2 --steps $STEPS --grid tau=1,0.5 --out "$T/plain" --plan > "$O" 2> "$E"
check "--plan of a plain folder offers the script it wrote" has "$O" "(on Slurm: sbatch $T/plain/sweep.sbatch)"
"$BIN" sweep $SW --grid tau=1,0.5 --out "$T/none" --plan > /dev/null 2>&1
"$BIN" plot "$T/none" > "$O" 2> "$E"; rc=$?
expect "a figure with no finished point: exit 1 and why (rc $rc)" '[ $rc -eq 1 ] && has "$E" "no finished point"'

# --- a point held by another process; an interrupted point resumes bit-identically ---------------
"$BIN" sweep --env CartPole-v1 --algos scorer-dqn --seeds 2 --steps $LONG --threads 2 --quiet --checkpoint-every 2000 \
    --grid tau=1,0.5 --out "$T/long" --plan > /dev/null 2>&1
"$BIN" sweep --resume "$T/long" --task 0 --quiet > /dev/null 2> "$T/err0" &
pid=$!
i=0; while [ $i -lt 100 ] && ! grep -q pid "$T/long/locks/p000.lock" 2>/dev/null; do sleep 0.05; i=$((i + 1)); done
"$BIN" sweep --resume "$T/long" --task 0 --quiet > "$O" 2> "$E"; rc=$?
expect "a point another process runs is refused (rc $rc: $(cat "$E"))" '[ $rc -eq 1 ] && has "$E" "p000 is being run by another process (pid $pid on "'
"$BIN" summary "$T/long" > "$O" 2> "$E"
check "the table shows the point running" grep -q '^p000 .* running$' "$O"
# SIGTERM once the point has written a checkpoint: mid-run on a fast machine as on a slow one
i=0; while [ $i -lt 1000 ] && ! ls "$T"/long/p000/*/ckpt/*.ckpt >/dev/null 2>&1; do sleep 0.02; i=$((i + 1)); done
sleep 0.1
kill -TERM $pid; wait $pid; rc=$?
check "SIGTERM checkpoints and exits 130 (got $rc)" [ $rc -eq 130 ]
check "the message says how to continue" has "$T/err0" "continue with: scorer sweep --resume $T/long --task 0"
check "the interrupted point has no summary" [ ! -f "$T/long/p000/summary.json" ]
check "sweep.csv, rewritten on the interruption, shows the point started" grep -q "^p000,started," "$T/long/sweep.csv"
"$BIN" summary "$T/long" > "$O" 2> "$E"
check "the table shows the point started" grep -q '^p000 .* started$' "$O"
"$BIN" sweep --resume "$T/long" --task 0 --quiet > /dev/null 2> "$E"; rc=$?
expect "the point resumes and finishes (rc $rc: $(head -c 300 "$E"))" '[ $rc -eq 0 ] && [ -f "$T/long/p000/summary.json" ]'
"$BIN" train --env CartPole-v1 --algo scorer-dqn --seeds 2 --steps $LONG --threads 2 --quiet --set tau=1 --out "$T/ref" > /dev/null 2>&1
same=1; for k in 0 1; do cmp -s "$T/ref/seed_$k.csv" "$T/long/p000/scorer-dqn/seed_$k.csv" || same=0; done
check "the resumed point equals an uninterrupted run (seed CSVs identical)" [ $same = 1 ]

# --- two processes share one sweep: every point is run once -------------------------------------
"$BIN" sweep --env CartPole-v1 --seeds 1 --steps $((LONG / 10)) --quiet --algos dqn --grid tau=1,0.9,0.8,0.7 --out "$T/two" --plan > /dev/null 2>&1
"$BIN" sweep --resume "$T/two" --threads 1 > "$T/w1" 2> "$T/e1" &
p1=$!
"$BIN" sweep --resume "$T/two" --threads 1 > "$T/w2" 2> "$T/e2"; rc2=$?
wait $p1; rc1=$?
expect "both workers exit 0 ($rc1, $rc2: $(cat "$T/e1" "$T/e2" | head -c 300))" '[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]'
check "every point ran exactly once across the two" [ "$(cat "$T/w1" "$T/w2" | grep -c 'finished in')" = 4 ]
check "all 4 points finished" [ "$(ls "$T"/two/p00*/summary.json | wc -l)" = 4 ]

# --- bad input: one line, non-zero exit, nothing written ------------------------------------------
bad() { # bad WHAT EXPECTED-TEXT ARGS...: refused with status 2 and a message holding EXPECTED-TEXT
    what=$1; want=$2; shift 2
    "$BIN" sweep "$@" > "$O" 2> "$E"; rc=$?
    check "$what: exit 2 (got $rc)" [ $rc -eq 2 ]
    expect "$what: one line naming '$want' (got: $(cat "$E"))" '[ "$(wc -l < "$E")" -eq 1 ] && has "$E" "$want"'
}
bad "no grid" "at least one --grid" $SW --out "$T/b1"
bad "unknown key" "unknown setting 'taux'" $SW --grid taux=1,2 --out "$T/b1"
bad "grid of out" "cannot vary" $SW --grid out=a,b --out "$T/b1"
bad "a value twice" "--grid tau: value 1 is listed twice" $SW --grid tau=1,1 --out "$T/b1"
bad "a grid without values" "--grid 'tau': expected key=v1,v2,... (e.g. --grid follower_lr=1e-4,3e-4)" $SW --grid tau --out "$T/b1"
bad "a key on two --grid" "--grid: tau is given twice (list all its values in one --grid)" $SW --grid tau=1 --grid tau=0.5 --out "$T/b1"
bad "seed as a grid key (every point trains the same seeds)" "choose them with --seed S and --seeds K" $SW --grid seed=0,100 --out "$T/b1"
bad "num_seeds as a grid key" "num_seeds cannot vary" $SW --grid num_seeds=1,2 --out "$T/b1"
bad "nine axes: the limit named with the flag" "too many --grid axes (at most" $SW --grid lr=1e-4,2e-4 --grid gamma=0.9,0.99 \
    --grid tau=1,0.5 --grid batch_size=32,64 --grid leader_lr=1e-4,2e-4 --grid follower_lr=1e-4,2e-4 --grid buffer_size=1000,2000 \
    --grid learning_starts=100,200 --grid target_interval=100,200 --out "$T/b1"
bad "one number written twice" "values 1e-4 and 0.0001 are one value" $SW --grid lr=1e-4,0.0001 --out "$T/b1"
bad "--set and --grid of one key" "given by --set and by --grid" $SW --set tau=1 --grid tau=1,0.5 --out "$T/b1"
bad "a bad value names its point" "point p001 (tau=2)" $SW --grid tau=1,2 --out "$T/b1"
bad "--grid without a value" "--grid needs a value" $SW --grid
bad "an empty value between commas (spaces alone are no value)" "--grid tau: an empty value in '1, ,0.5'" $SW --grid "tau=1, ,0.5" --out "$T/b1"
bad "a value with a space inside" "value '1 0.5' holds a space" $SW --grid "tau=1 0.5" --out "$T/b1"
bad "--task without --resume" "give it with --resume" $SW --grid tau=1,0.5 --task 1 --out "$T/b1"
bad "--task not a number" "--task x" --resume "$T/s" --task x
bad "--resume with a setting names --task among what it takes" "only --threads, --quiet and --task may be given with it" --resume "$T/s" --steps 5
bad "unknown option" "unknown option '--gird'" $SW --gird tau=1 --out "$T/b1"
bad "--resume with a grid" "only --task, --threads and --quiet" --resume "$T/s" --grid tau=1,2
check "no folder was made by the refused commands" [ ! -e "$T/b1" ]
bad "--resume of a folder without a sweep" "is not a sweep" --resume "$T/c"
bad "--task beyond the points" "has 4 points (0 to 3)" --resume "$T/s" --task 4
bad "planning into an existing sweep" "already holds a sweep" $SW --grid tau=1,0.5 --out "$T/s"
bad "planning into a compare run" "holds a run of scorer train or compare" $SW --grid tau=1,0.5 --out "$T/c"
sed -i 's/^points = 4$/points = 5/' "$T/s/sweep.ini"
bad "a damaged manifest" "sweep.ini:5: points does not match the grid" --resume "$T/s"
"$BIN" summary "$T/s" > "$O" 2> "$E"; rc=$?
expect "summary of a damaged sweep: exit 1 and the line (rc $rc)" '[ $rc -eq 1 ] && has "$E" "points does not match"'

# a point too short to make an update is named (the run itself succeeds); the longer point is not
"$BIN" sweep --algos scorer-dqn,pqn --seeds 1 --threads 2 --quiet --grid total_timesteps=800,1400 --out "$T/idle" > "$O" 2> "$E"; rc=$?
expect "a too-short point: exit 0, a warning for each algorithm of p000 and none for p001 (rc $rc: $(head -c 300 "$E"))" \
    '[ $rc -eq 0 ] && [ "$(grep -c "^scorer: warning: p000 .* made no update in 800 timesteps" "$E")" -eq 2 ] && ! grep -q "p001 .*made no update" "$E"'
# one seed a point: its lines give the number alone, as the table does (they showed "± -" and "[-, -]")
"$BIN" sweep --algos dqn --seeds 1 --steps 3000 --threads 1 --grid lr=1e-4,3e-4 --out "$T/one" > "$O" 2> "$E"; rc=$?
expect "one seed: no '± -' nor '[-, -]' (rc $rc)" \
    '[ $rc -eq 0 ] && [ "$(grep -c "finished in .* s; final return dqn [0-9.]*\$" "$O")" -eq 2 ] && grep -q "^best dqn: p00[01] (lr=[0-9e-]*), IQM [0-9.]*\$" "$O" && ! grep -q -e "± -" -e "\[-, -\]" "$O"'
# the figure's title gives the budget only when every point has it: environments of their own defaults (no --steps)
# had the first environment's; dqn and pqn on MinAtar both train the first algorithm's (as compare does): 1e7
"$BIN" sweep --grid env=CartPole-v1,Acrobot-v1 --seeds 2 --out "$T/budget" --plan > /dev/null 2>&1
"$BIN" sweep --env Breakout-MinAtar --algos dqn,pqn --grid gamma=0.9,0.99 --seeds 2 --out "$T/budget2" --plan > /dev/null 2>&1
for d in budget budget2; do
    for p in p000 p001; do
        mkdir -p "$T/$d/$p"
        printf '{"env": "X", "steps": 1000, "algos": {"%s": {"seeds": [0, 1], "final_return": [1, 2]}, "%s": {"seeds": [0, 1], "final_return": [1, 3]}}}\n' \
            $([ $d = budget ] && echo scorer-dqn dqn || echo dqn pqn) > "$T/$d/$p/summary.json"
    done
    "$BIN" plot "$T/$d" > /dev/null 2>&1
done
expect "a sweep over environments without --steps: no budget in the title" \
    'grep -q "^set multiplot layout 1,2 title .sweep budget: 2 seeds; a panel" "$T/budget/sweep.gp"'
expect "dqn and pqn on MinAtar: the first algorithm's budget, which both train" \
    'grep -q "^set multiplot layout 1,1 title .sweep budget2: Breakout-MinAtar, 10000000 steps, 2 seeds" "$T/budget2/sweep.gp"'
# one seed a point has no CI: no error bars (gnuplot drew the nan ones' caps along the frame's bottom), and the title
# says so (it said "bars = 95% bootstrap CI"); 2 seeds keep their bars
expect "one seed a point: no error bars and the title says there is no CI ($(grep -m1 "^plot" "$T/one/sweep.gp"))" \
    'grep -q "^plot .sweep.dat. index 0 using 1:2 with linespoints lw 2 pt 7 " "$T/one/sweep.gp" && ! grep -q "yerror" "$T/one/sweep.gp" &&
     [ "$(title_lines "$T/one/sweep.gp" | tail -1)" = "IQM of the final return over seeds; one seed per point: no CI" ]'
expect "2 seeds a point: error bars, titled as such" \
    '[ "$(grep -c "^plot .sweep.dat. index 0 using 1:2:3:4 with yerrorlines lw 2 pt 7 " "$T/s/sweep.gp")" = 2 ] &&
     [ "$(title_lines "$T/s/sweep.gp" | tail -1)" = "IQM of the final return over seeds, bars = 95% bootstrap CI" ]'
# a line with and without a CI (a summary.json of one seed beside those of two): bars only where it has one
"$BIN" sweep --algos dqn --grid tau=1,0.5,0.25 --seeds 2 --out "$T/mixci" --plan > /dev/null 2>&1
for p in 0 1 2; do
    mkdir -p "$T/mixci/p00$p"
    printf '{"env": "CartPole-v1", "steps": 1000, "algos": {"dqn": {"seeds": %s, "final_return": %s}}}\n' \
        "$([ $p = 1 ] && echo '[0]' || echo '[0, 1]')" "$([ $p = 1 ] && echo '[3]' || echo '[1, 2]')" > "$T/mixci/p00$p/summary.json"
done
"$BIN" plot "$T/mixci" > /dev/null 2>&1
expect "a line with a point without CI: its line without bars, the bars of the points with one, the title says where known" \
    'grep -q "^plot .sweep.dat. index 0 using 1:2 with linespoints lw 2 pt 7 dt 2 lc rgb .#D55E00. title .dqn., \\\\$" "$T/mixci/sweep.gp" &&
     grep -q "^     .sweep.dat. index 0 using 1:(\$3 == \$3 ? \$2 : NaN):3:4 with yerrorbars lw 2 pt 7 lc rgb .#D55E00. notitle\$" "$T/mixci/sweep.gp" &&
     [ "$(title_lines "$T/mixci/sweep.gp" | tail -1)" = "IQM of the final return over seeds, bars = 95% bootstrap CI where known" ]'

# --- seeds that ended fewer episodes than envs: the final return holds the LogWrapper's 0s -------------------
# (on Acrobot, -1 a step, a 0 beats every episode): the sweep's table carries the note summary of the point prints,
# and such a point is never best (it was, at IQM 0.00); num_envs=1 ends 4 episodes in 2000 steps, 10 envs none
"$BIN" sweep --env Acrobot-v1 --algos scorer-dqn --seeds 1 --steps 2000 --threads 1 --grid num_envs=1,10 --out "$T/short" > "$O" 2> "$E"; rc=$?
"$BIN" summary "$T/short/p001" > "$T/short1" 2> "$E"
expect "a point short of episodes: the note of summary of the point, naming it ($(grep note "$O"))" \
    '[ $rc -eq 0 ] && [ "$(grep -c "note:" "$O")" = 1 ] && [ "$(sed -n "s/^p001: note: /note: /p" "$O")" = "$(grep "^note: " "$T/short1")" ] &&
     grep -q "^note: scorer-dqn: 0 episodes ended in seed 0.s 10 envs: an env still in its first episode counts 0" "$T/short1"'
expect "it is not the best point, though its IQM (0) is higher; a line says why ($(grep -A1 "^best" "$O" | tr "\n" "|"))" \
    'grep -q "^best scorer-dqn: p000 (num_envs=1), IQM -" "$O" && grep -q "^  not p001 (num_envs=10): IQM 0.00, but its seeds ended fewer episodes than envs\$" "$O" &&
     grep -q "^best: the highest IQM .* whose seeds all finished, each ending at\$" "$O"'
"$BIN" sweep --env Acrobot-v1 --algos dqn --seeds 1 --steps 2000 --threads 1 --grid gamma=0.9,0.99 --out "$T/short2" > "$O" 2> "$E"
expect "every point short of episodes: no best point, a note for each ($(grep "^best dqn" "$O"))" \
    'grep -q "^best dqn: none meaningful (at every finished point seeds of dqn failed or ended fewer episodes than envs: raise --steps)\$" "$O" &&
     grep -q "^p000: note: dqn: 0 episodes ended" "$O" && grep -q "^p001: note: dqn: 0 episodes ended" "$O"'
# a grid of short runs: eight notes, then one line counting the rest and naming their points (one a run was printed)
"$BIN" sweep --env Acrobot-v1 --algos dqn --seeds 1 --steps 2000 --threads 1 --grid gamma=0.9,0.91,0.92,0.93,0.94,0.95,0.96,0.97,0.98,0.99 \
    --out "$T/short10" > "$O" 2> "$E"
expect "ten short points: eight notes and a line for p008, p009 ($(grep "^note: and" "$O"))" \
    '[ "$(grep -c ": note: dqn: " "$O")" = 8 ] && grep -q "^note: and 2 more runs short of episodes, in p008, p009 (scorer summary DIR/pNNN notes each)\$" "$O"'
# across environments, in a sweep and in summary of several folders: the line says which environment's seeds fell short
"$BIN" sweep --seeds 1 --steps 2000 --threads 1 --grid env=Acrobot-v1,CartPole-v1 --out "$T/shortx" > "$O" 2> "$E"
"$BIN" summary "$T/shortx/p000" "$T/shortx/p001" > "$T/pair" 2> "$E"
expect "across environments: the line names the one short of episodes, in the sweep and in summary ($(grep "^across" "$O" "$T/pair" | tr "\n" "|"))" \
    'grep -q "^across 2 environments: P(scorer-dqn > dqn) = .*; in Acrobot-v1 seeds ended fewer episodes than envs (see the note)\$" "$O" &&
     grep -q "^across 2 environments (Acrobot-v1, CartPole-v1): P(scorer-dqn > dqn) = .*; in Acrobot-v1 seeds ended fewer episodes than envs (see the note)\$" "$T/pair" &&
     grep -q "^$T/shortx/p000: note: dqn: 0 episodes ended" "$T/pair" && grep -q "^p000: note: scorer-dqn: 0 episodes ended" "$O"'
check_done cli_sweep
