#!/bin/sh
# cli_report.sh - scorer summary and scorer plot on hand-made run folders: the numbers in the
# table, the JSON, exit codes and one-line errors, and the PNG/SVG (or the plain message when
# gnuplot is missing), and docs/CLI.md against the --help texts. Prints "N passed, N failed".
BIN=${SCORER_BIN:-bin/scorer}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
. "$(dirname "$0")/check.sh"
has() { grep -F -q -- "$2" "$1"; }
lines() { wc -l < "$1" | tr -d ' '; }

if [ ! -x "$BIN" ]; then
    echo "scorer binary not found at $BIN (build it with make)"
    echo "0 passed, 1 failed"
    exit 1
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/scorer-cli-report.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
O="$T/out"; E="$T/err"

# --- a compare folder without summary.json (as left by an interrupted run) ---------------
# Each seed logs every 100 timesteps up to 1000; only the last row (t = 1000 > 0.9 * 1000) counts
# for the final return, so the finals are: scorer-dqn 110 120 130, dqn 50 60 70.
mkcsv() { # mkcsv FILE FINAL
    {
        echo "timesteps,mean_return,episodes,leader_loss,follower_loss,epsilon"
        for t in 100 200 300 400 500 600 700 800 900; do echo "$t,10,$((t / 10)),0.5,,0.1"; done
        echo "1000,$2,20,0.5,,0.05"
    } > "$1"
}
# a real run's CSV rows, read without its summary.json, weighted by the timesteps each row covers: the
# AUC is summary.json's (up to the CSV's 9 digits), the final return within 1% (its window starts inside a
# row: 3123 iterations, rows of 15, the last 312)
"$BIN" train --steps 31230 --seeds 2 --quiet --out "$T/fb" >/dev/null 2>&1
mkdir -p "$T/fbcsv" && cp "$T/fb/config.ini" "$T/fb/run.ini" "$T"/fb/seed_*.csv "$T/fbcsv/"
"$BIN" summary --json "$T/fb" > "$T/fb.json" 2>/dev/null; "$BIN" summary --json "$T/fbcsv" > "$T/fbcsv.json" 2>/dev/null
arr() { tr -d '\n ' <"$1" | sed -E "s/.*\"$2\":\[([^]]*)\].*/\1/" | tr ',' '\n'; } # arr FILE KEY: the first such array
close_all() { paste -d' ' "$1" "$2" | awk -v tol="$3" '{ d = $1 - $2; if (d < 0) d = -d; if (NF != 2 || d > tol * ($1 < 0 ? -$1 : $1)) bad = 1; n++ } END { exit bad || n != 2 }'; }
arr "$T/fb.json" auc > "$T/a1"; arr "$T/fbcsv.json" auc > "$T/a2"; arr "$T/fb.json" final_return > "$T/f1"; arr "$T/fbcsv.json" final_return > "$T/f2"
expect "CSV fallback: AUC as summary.json's ($(paste -d' ' "$T/a1" "$T/a2" | tr '\n' ' '))" 'close_all "$T/a1" "$T/a2" 1e-7'
expect "CSV fallback: final return within 1% ($(paste -d' ' "$T/f1" "$T/f2" | tr '\n' ' '))" 'close_all "$T/f1" "$T/f2" 1e-2'
for a in scorer-dqn dqn; do
    mkdir -p "$T/cmp/$a"
    printf '[run]\nenv = CartPole-v1\nalgo = %s\nseed = 0\nnum_seeds = 3\ntotal_timesteps = 1000\n[env]\nnum_envs = 10\n' "$a" > "$T/cmp/$a/config.ini"
done
mkcsv "$T/cmp/scorer-dqn/seed_0.csv" 110; mkcsv "$T/cmp/scorer-dqn/seed_1.csv" 120; mkcsv "$T/cmp/scorer-dqn/seed_2.csv" 130
mkcsv "$T/cmp/dqn/seed_0.csv" 50; mkcsv "$T/cmp/dqn/seed_1.csv" 60; mkcsv "$T/cmp/dqn/seed_2.csv" 70

"$BIN" summary "$T/cmp" > "$O" 2> "$E"; rc=$?
check "summary exits 0 (got $rc)" [ $rc -eq 0 ]
check "summary prints nothing on stderr" [ ! -s "$E" ]
check "scorer-dqn row: 3/3, 120.00 ± 10.00, IQM 120.00" grep -E -q 'scorer-dqn +3/3 +120\.00 ± 10\.00 +120\.00 \[' "$O"
check "dqn row: 3/3, 60.00 ± 10.00" grep -E -q '^dqn +3/3 +60\.00 ± 10\.00 +60\.00 \[' "$O"
check "P(scorer-dqn > dqn) = 1.00 [1.00, 1.00]" has "$O" "P(scorer-dqn > dqn) = 1.00 [1.00, 1.00]"
check "says it recomputed from the CSVs" has "$O" "recomputed from the seed CSVs"
check "header names env and steps" has "$O" "CartPole-v1, 1000 steps"
# three seeds a group: the footnote says what the IQM and the intervals are worth (a 1.00 [1.00, 1.00] looked certain)
check "3 seeds: the few-seeds footnote" has "$O" "few seeds (3 in the smallest group): below 4 seeds the IQM is the plain mean, and the 95% intervals"
# the IQM CI of 110,120,130 lies within [110, 130]
ci=$(grep -E '^scorer-dqn' "$O" | sed -E 's/.*\[([0-9.]+), ([0-9.]+)\].*/\1 \2/')
check "IQM CI within the data range ($ci)" awk -v s="$ci" 'BEGIN { split(s, c, " "); exit !(c[1] >= 110 && c[2] <= 130 && c[1] < c[2]) }'

"$BIN" summary --json "$T/cmp" > "$O" 2> "$E"; rc=$?
check "summary --json exits 0" [ $rc -eq 0 ]
check "JSON final returns" has "$O" '"final_return": [110, 120, 130]'
check "JSON mean" grep -q '"mean": 60, "std": 10, "iqm": 60' "$O"
if command -v python3 > /dev/null 2>&1; then
    check "JSON parses (python3)" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["algos"]["dqn"]["final_return"]==[50,60,70]' "$O"
fi

# --- huge returns: numbers from 1e9 on are printed %.4g, and each cell stays whole ---------------------
# (1e300 printed 39 digits cut from 301 in final return and IQM, and about 160 in AUC)
mkdir -p "$T/huge/scorer-dqn" "$T/huge/dqn"
cp "$T/cmp/scorer-dqn/config.ini" "$T/huge/scorer-dqn/"; cp "$T/cmp/dqn/config.ini" "$T/huge/dqn/"
mkcsv "$T/huge/scorer-dqn/seed_0.csv" 1e12; mkcsv "$T/huge/scorer-dqn/seed_1.csv" 2e12; mkcsv "$T/huge/scorer-dqn/seed_2.csv" 3e12
for i in 0 1 2; do mkcsv "$T/huge/dqn/seed_$i.csv" 1e300; done
"$BIN" summary "$T/huge" > "$O" 2> "$E"; rc=$?
expect "huge returns: exit 0, nothing on stderr (rc=$rc $(cat "$E"))" '[ $rc -eq 0 ] && [ ! -s "$E" ]'
expect "huge returns: 2e+12 ± 1e+12, IQM 2e+12 [CI], AUC 2e+11 ($(grep '^scorer-dqn' "$O"))" \
    'grep -E -q "^scorer-dqn +3/3 +2e\+12 ± 1e\+12 +2e\+12 \[[0-9.]+e\+12, [0-9.]+e\+12\] +2e\+11 +-$" "$O"'
expect "huge returns: 1e+300 ± 0.00, IQM 1e+300 [1e+300, 1e+300], AUC 1e+299 ($(grep '^dqn' "$O"))" \
    'grep -E -q "^dqn +3/3 +1e\+300 ± 0\.00 +1e\+300 \[1e\+300, 1e\+300\] +1e\+299 +-$" "$O"'
expect "huge returns: the table is at most 100 characters wide" '[ "$(head -4 "$O" | tail -3 | awk "{ if (length(\$0) > m) m = length(\$0) } END { print m + 0 }")" -le 100 ]'

# a seed that ended fewer episodes than envs: its final return holds LogWrapper 0s (0.00 on Acrobot read as a perfect
# score); summary says so, as training warned, from the CSVs' episodes column, with or without summary.json
mkdir -p "$T/short"; cp -r "$T/cmp/scorer-dqn" "$T/cmp/dqn" "$T/short/"
sed -i 's/^1000,130,20,/1000,130,5,/' "$T/short/scorer-dqn/seed_2.csv"
"$BIN" summary "$T/short" > "$O" 2> "$E"
check "fewer episodes than envs: the note (CSV fallback)" has "$O" "note: scorer-dqn: 5 episodes ended in seed 2's 10 envs: an env still in its first episode counts 0"
"$BIN" summary --json "$T/short" > "$T/short.json" 2> "$E" && mv "$T/short.json" "$T/short/summary.json"
"$BIN" summary "$T/short" > "$O" 2> "$E"
check "fewer episodes than envs: the note (summary.json)" has "$O" "note: scorer-dqn: 5 episodes ended in seed 2's 10 envs"
check "no note for dqn, whose seeds ended 20 episodes each" sh -c "! grep -q 'note: dqn' '$O'"

# --- one seed diverged: fewer good seeds, reason listed ----------------------------------
mkdir -p "$T/div/dqn"
cp "$T/cmp/dqn/config.ini" "$T/div/dqn/"
mkcsv "$T/div/dqn/seed_0.csv" 50; mkcsv "$T/div/dqn/seed_1.csv" 70
printf 'timesteps,mean_return,episodes,leader_loss,follower_loss,epsilon\n100,10,1,,,1\n200,11,2,,,1\n' > "$T/div/dqn/seed_2.csv"
"$BIN" summary "$T/div" > "$O" 2> "$E"; rc=$?
# a failed seed makes the summary exit 1, as train and a sweep's summary do, with one line naming it
expect "diverged seed: exit 1, one scorer: line naming the folder and the seed (rc $rc: $(cat "$E"))" \
    '[ $rc -eq 1 ] && [ $(wc -l < "$E") -eq 1 ] && has "$E" "scorer: $T/div has 1 failed seed (left out of the statistics): dqn seed 2: curve ends at timestep 200 of 1000"' 
check "diverged seed: 2/3 and 60.00 ± 14.14" grep -E -q '^dqn +2/3 +60\.00 ± 14\.14' "$O"
check "diverged seed: reason" has "$O" "failed: dqn seed 2: curve ends at timestep 200 of 1000"
# a row without its mean return (scorer writes a number in each): the seed is damaged, not good (its row was skipped)
mkdir -p "$T/holed/dqn"; cp "$T/cmp/dqn/config.ini" "$T/holed/dqn/"
mkcsv "$T/holed/dqn/seed_0.csv" 50; mkcsv "$T/holed/dqn/seed_1.csv" 70; mkcsv "$T/holed/dqn/seed_2.csv" 60
sed -i 's/^500,10,/500,,/' "$T/holed/dqn/seed_1.csv"
"$BIN" summary "$T/holed" > "$O" 2> "$E"; rc=$?
expect "a CSV row without a mean return: the seed failed, named ($(tail -4 "$O" | head -2))" \
    '[ $rc -eq 1 ] && grep -E -q "^dqn +2/3 +55\.00 ± 7\.07" "$O" && has "$O" "failed: dqn seed 1: seed_1.csv'"'"'s row at timestep 500 has no mean_return (the file is damaged; train the seed again)"'

# --- a finished train folder with summary.json: stored numbers are shown -----------------
mkdir -p "$T/train"
cat > "$T/train/summary.json" << 'EOF'
{"env": "Acrobot-v1", "steps": 500000,
 "algos": {"scorer-dqn": {"seeds": [0, 1, 2], "final_return": [-90.5, -95.25, null],
   "auc": [-150, -160, -400], "sps": [12000, 11000, 9000], "wall_s": [41.6, 45.4, 3.1],
   "mean": -92.875, "std": 3.3587572, "iqm": -92.875, "iqm_ci95": [-95.25, -90.5],
   "failed": [{"seed": 2, "error": "training diverged at timestep 1000", "diverged_at": 1000}]}}}
EOF
"$BIN" summary "$T/train" > "$O" 2> "$E"; rc=$?
check "summary.json folder with a diverged seed: exit 1 ($(cat "$E"))" [ $rc -eq 1 ]
check "stored statistics: -92.88 ± 3.36 [-95.25, -90.50]" grep -E -q 'scorer-dqn +2/3 +-92\.88 ± 3\.36 +-92\.88 \[-95\.25, -90\.50\]' "$O"
check "median SPS of good seeds 11500, AUC -155.00" grep -E -q -- '-155\.00 +11500' "$O"
check "failed seed listed with its error" has "$O" "failed: scorer-dqn seed 2: training diverged at timestep 1000"
# the resamples behind the stored intervals are the file's (2000 before 2026-11-28), not this build's 50000
mkdir -p "$T/r2000"; sed 's/^{"env": "Acrobot-v1", "steps": 500000,$/{"env": "Acrobot-v1", "steps": 500000, "statistics": {"resamples": 2000},/' \
    "$T/train/summary.json" > "$T/r2000/summary.json"
"$BIN" summary --json "$T/r2000" > "$O" 2> "$E"
check "summary --json keeps the file's resamples (2000)" grep -q '"resamples": 2000,' "$O"
"$BIN" summary --json "$T/train" > "$O" 2> "$E"
check "summary --json of a file that names none: this build's (50000)" grep -q '"resamples": 50000,' "$O"

# --- several folders side by side ---------------------------------------------------------
"$BIN" summary "$T/cmp" "$T/train" > "$O" 2> "$E"; rc=$?
expect "two folders, one with a failed seed: exit 1, that folder named alone ($(cat "$E"))" \
    '[ $rc -eq 1 ] && [ $(wc -l < "$E") -eq 1 ] && has "$E" "scorer: $T/train has 1 failed seed (left out of the statistics): scorer-dqn seed 2: training diverged at timestep 1000"'
"$BIN" summary "$T/cmp" "$T/train" --algos dqn > /dev/null 2> "$E"; rc=$?
expect "--algos leaving the failed seeds out: exit 0 ($(cat "$E"))" '[ $rc -eq 0 ] && [ ! -s "$E" ]'
"$BIN" summary "$T/cmp" "$T/train" > "$O" 2> "$E"
check "two folders: a run column" grep -E -q '^run +algorithm' "$O"
check "two folders: rows name their folder" grep -E -q "^$T/train +scorer-dqn" "$O"
check "two folders: P line names its folder" has "$O" "$T/cmp: P(scorer-dqn > dqn)"
"$BIN" summary --json "$T/cmp" "$T/train" > "$O" 2> "$E"; rc=$?
if command -v python3 > /dev/null 2>&1; then
    check "two folders --json parses, keyed by folder" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[sys.argv[2]]["env"]=="Acrobot-v1"' "$O" "$T/train"
fi

# --- errors: one line on stderr, non-zero exit ----------------------------------------------
one_line_error() { # one_line_error EXPECTED_RC WORDS COMMAND...
    want=$1; words=$2; shift 2
    "$@" > "$O" 2> "$E"; rc=$?
    if [ $rc -eq "$want" ] && [ "$(lines "$E")" = 1 ] && [ ! -s "$O" ] && has "$E" "$words"; then ok
    else ko "'$*': want exit $want and one stderr line with '$words'; got exit $rc, stderr: $(cat "$E")"; fi
}
one_line_error 1 "scorer: $T/nope" "$BIN" summary "$T/nope"
one_line_error 2 "is given twice (name each folder once)" "$BIN" summary "$T/cmp" "$T/cmp/" --json
# one folder by two names is refused as the same name twice is (it was shown twice, side by side)
one_line_error 2 "scorer: $T/cmp and $T/./cmp are the same folder (name each folder once)" "$BIN" summary "$T/cmp" "$T/./cmp"
ln -s "$T/cmp" "$T/cmplink"
one_line_error 2 "are the same folder (name each folder once)" "$BIN" plot "$T/cmplink" "$T/cmp" --out "$T/fig/twice"
# a file given for its folder: named as a file, with the folder to give (it was "cannot read F/summary.json: Not a directory")
printf '{}' > "$T/cmp/summary.json.bak"
one_line_error 1 "scorer: $T/cmp/summary.json.bak is a file: give its folder (scorer summary $T/cmp)" "$BIN" summary "$T/cmp/summary.json.bak"
one_line_error 1 "scorer: $T/cmp/dqn/seed_0.csv is a file: give its folder (scorer plot $T/cmp/dqn)" "$BIN" plot "$T/cmp/dqn/seed_0.csv"
rm "$T/cmp/summary.json.bak"
mkdir -p "$T/empty"
one_line_error 1 "is it a scorer run folder" "$BIN" summary "$T/empty"
mkdir -p "$T/bad"
printf '{"env": "CartPole-v1", "steps": 1000, "algos": {"dqn": {"seeds": [0], "final_return": ' > "$T/bad/summary.json"
one_line_error 1 "$T/bad/summary.json: not valid JSON" "$BIN" summary "$T/bad"
printf '{"env": "CartPole-v1", "steps": 1000, "algos": {"dqn": {"seeds": [0], "final_return": "x"}}}' > "$T/bad/summary.json"
one_line_error 1 "final_return must be an array" "$BIN" summary "$T/bad"
one_line_error 1 "$T/nope" "$BIN" summary "$T/cmp" "$T/nope"
one_line_error 2 "needs a run folder" "$BIN" summary
one_line_error 2 "unknown option '--bogus'" "$BIN" summary --bogus "$T/cmp"
one_line_error 2 "needs a run folder" "$BIN" plot
one_line_error 2 "--out needs" "$BIN" plot "$T/cmp" --out
one_line_error 2 "unknown option '--json'" "$BIN" plot --json "$T/cmp"
one_line_error 1 "$T/nope" "$BIN" plot "$T/nope"
# a plot of a mistyped folder makes nothing: neither that folder (it was created before the refusal) nor --out's
one_line_error 1 "scorer: $T/typo/run1: No such file or directory (give a run folder" "$BIN" plot "$T/typo/run1"
check "plot of a missing folder does not create it" [ ! -e "$T/typo" ]
one_line_error 1 "scorer: $T/typo/run1: No such file or directory" "$BIN" plot "$T/typo/run1" --out "$T/typo2/fig"
check "plot of a missing folder does not create --out's folder" [ ! -e "$T/typo2" ]
# an --out naming a folder (with its slash or an existing one): the figure would land beside it as FOLDER.png
mkdir -p "$T/figs"
one_line_error 1 "output prefix '$T/figs/' names a folder, not a file prefix (e.g. $T/figs/returns)" "$BIN" plot "$T/cmp" --out "$T/figs/"
one_line_error 1 "output prefix '$T/figs' names a folder, not a file prefix (e.g. $T/figs/returns)" "$BIN" plot "$T/cmp" --out "$T/figs"
check "plot --out of a folder writes nothing beside it" [ ! -e "$T/figs.png" ] && [ ! -e "$T/figs.dat" ]
# a file given as the folder: the input is wrong, not an --out that was never given
"$BIN" plot "$T/cmp/dqn/seed_0.csv" > "$O" 2> "$E"; rc=$?
expect "plot of a file: exit 1, one line, no word of --out ($(cat "$E"))" '[ $rc -eq 1 ] && [ "$(lines "$E")" = 1 ] && ! has "$E" "--out"'
one_line_error 2 "unknown option '--jsn' (did you mean --json? see scorer summary --help)" "$BIN" summary --jsn "$T/cmp"
one_line_error 2 "unknown option '--ot' (did you mean --out? see scorer plot --help)" "$BIN" plot "$T/cmp" --ot x

# --- a folder of runs is not a run: no comparison made up of its sub-folders ----------------
# (it was: each sub-folder with a config.ini an "algorithm", under the first one's env and steps, exit 0)
mkdir -p "$T/par" "$T/many"
cp -r "$T/fb" "$T/par/a"; cp -r "$T/fb" "$T/par/b"; cp -r "$T/cmp" "$T/par/c"; touch "$T/par/c/run.ini"
one_line_error 1 "scorer: $T/par holds runs, not a run: give them as folders ($T/par/a $T/par/b ...)" "$BIN" summary "$T/par"
one_line_error 1 "scorer: $T/par holds runs, not a run: give them as folders ($T/par/a $T/par/b ...)" "$BIN" plot "$T/par"
check "plot of a folder of runs writes nothing there" [ ! -e "$T/par/returns.dat" ]
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do cp -r "$T/fb" "$T/many/r$i"; done
one_line_error 1 "$T/many holds runs, not a run: give them as folders ($T/many/r1 $T/many/r10 ...)" "$BIN" summary "$T/many"
# a train folder's files without its run.ini (as copied by hand): its config.ini names another algorithm
mkdir -p "$T/par2/x"; cp "$T/fb/config.ini" "$T"/fb/seed_*.csv "$T/par2/x/"
one_line_error 1 "$T/par2/x holds a run of scorer-dqn: not an algorithm's folder" "$BIN" summary "$T/par2"
# a compare folder: its algorithms are run.ini's, of one env and length
mkdir -p "$T/cmpx"; cp -r "$T/cmp/scorer-dqn" "$T/cmp/dqn" "$T/cmpx/"; printf 'command = compare\nalgos = scorer-dqn,dqn\n' > "$T/cmpx/run.ini"
"$BIN" summary "$T/cmpx" > "$O" 2> "$E"; rc=$?
expect "a compare folder with run.ini: its two algorithms ($(cat "$E"))" '[ $rc -eq 0 ] && grep -E -q "^scorer-dqn +3/3" "$O" && grep -E -q "^dqn +3/3" "$O"'
cp -r "$T/cmp/dqn" "$T/cmpx/ddqn"; sed -i 's/^algo = .*/algo = ddqn/' "$T/cmpx/ddqn/config.ini"
# a folder beside them that run.ini does not list is not the run's: left out, not shown as a third algorithm
"$BIN" summary "$T/cmpx" > "$O" 2> "$E"; rc=$?
expect "a compare folder with an algorithm folder its run.ini does not list: its two algorithms ($(cat "$E"))" \
    '[ $rc -eq 0 ] && grep -E -q "^scorer-dqn +3/3" "$O" && grep -E -q "^dqn +3/3" "$O" && ! grep -q "^ddqn" "$O"'
rm -r "$T/cmpx/ddqn" "$T/cmpx/run.ini"; sed -i 's/^env = .*/env = Acrobot-v1/' "$T/cmpx/dqn/config.ini"
one_line_error 1 "$T/cmpx/scorer-dqn is a run on CartPole-v1 and $T/cmpx/dqn on Acrobot-v1: not one run" "$BIN" summary "$T/cmpx"
cp "$T/cmp/dqn/config.ini" "$T/cmpx/dqn/"; sed -i 's/^total_timesteps = .*/total_timesteps = 2000/' "$T/cmpx/dqn/config.ini"
one_line_error 1 "$T/cmpx/scorer-dqn is a run of 1000 steps and $T/cmpx/dqn of 2000: not one run" "$BIN" plot "$T/cmpx"

# --- a run under way, or stopped, is not finished: its missing seeds are not "failed" -----------
# (every seed was "failed: ... no seed_0.csv (the seed could not start or the run was interrupted)")
"$BIN" compare --algos scorer-dqn,dqn --steps 20000000 --seeds 1 --threads 1 --out "$T/bg" > /dev/null 2>&1 & pid=$!
i=0; while [ ! -f "$T/bg/run.ini" ] && [ $i -lt 1000 ]; do sleep 0.02; i=$((i + 1)); done
"$BIN" summary "$T/bg" > "$O" 2> "$E"; rc=$?
expect "a run in progress: exit 0, its seeds not finished, naming the process ($(cat "$E"))" \
    '[ $rc -eq 0 ] && grep -q "^not finished: scorer-dqn seed 0: no seed_0.csv yet (the run is in progress: pid $pid on " "$O" && grep -q "^not finished: dqn seed 0: " "$O"'
check "a run in progress: no seed called failed" sh -c "! grep -q '^failed' '$O'"
"$BIN" summary --json "$T/bg" > "$O" 2> "$E"
check "a run in progress, --json: the reason in not_finished[].error" grep -q "\"not_finished\": \[{\"seed\": 0, \"error\": \"no seed_0.csv yet (the run is in progress: pid $pid on " "$O"
check "a run in progress, --json: no seed in failed" sh -c "[ \$(grep -c '\"failed\": \[\]' '$O') -eq 2 ]"
# the document reads back: a summary.json with not_finished entries prints them as such
mkdir -p "$T/nfjson"; cp "$O" "$T/nfjson/summary.json"
"$BIN" summary "$T/nfjson" > "$O" 2> "$E"
check "not_finished read back from summary.json: not finished, not failed" sh -c "grep -q '^not finished: dqn seed 0: no seed_0.csv yet' '$O' && ! grep -q '^failed' '$O'"
kill -INT $pid; wait $pid
"$BIN" summary "$T/bg" > "$O" 2> "$E"; rc=$?
expect "a stopped run: exit 0, its seeds not finished, with the command that continues it ($(cat "$E"))" \
    '[ $rc -eq 0 ] && grep -q "^not finished: scorer-dqn seed 0: .*(the run stopped; continue it: scorer compare --resume $T/bg)$" "$O" && ! grep -q "^failed" "$O"'
# a stopped seed's CSV (written with each checkpoint) that ends one iteration before the last is not whole
# (one iteration short was taken for the budget not being whole steps of the envs, and the seed counted)
"$BIN" train --steps 3000 --seeds 1 --threads 1 --out "$T/oneshort" --quiet >/dev/null 2>&1
rm -f "$T/oneshort/summary.json"; sed -i '$ d' "$T/oneshort/seed_0.csv" # its rows are one per iteration
"$BIN" summary "$T/oneshort" > "$O" 2>&1
check "a curve one iteration short of its end: not finished" grep -q "^not finished: scorer-dqn seed 0: curve ends at timestep 2990 of 3000 (the run stopped; continue it: " "$O"
# a folder without run.ini (nothing to resume) keeps "failed"; so does a finished run (summary.json)
mkdir -p "$T/noini"; cp -r "$T/bg/scorer-dqn" "$T/noini/"
"$BIN" summary "$T/noini" > "$O" 2>&1
check "no run.ini: the seed is failed, not 'not finished'" grep -q "^failed: scorer-dqn seed 0: no seed_0.csv (the seed could not start or the run was interrupted)" "$O"

"$BIN" summary --help > "$O" 2>&1; rc=$?
check "summary --help" [ $rc -eq 0 ]
check "summary --help shows usage" has "$O" "usage: scorer summary"
"$BIN" plot --help > "$O" 2>&1; rc=$?
check "plot --help" [ $rc -eq 0 ]
"$BIN" --help > "$O" 2>&1
check "scorer --help lists summary and plot" grep -q '^  summary' "$O"
check "scorer --help lists plot" grep -q '^  plot' "$O"

# --- plot -----------------------------------------------------------------------------------
png_ok() { [ -s "$1" ] && [ "$(head -c 4 "$1" | tail -c 3)" = "PNG" ]; }
svg_ok() { [ -s "$1" ] && grep -q '<svg' "$1"; }
if command -v gnuplot > /dev/null 2>&1; then
    "$BIN" plot "$T/cmp" > "$O" 2> "$E"; rc=$?
    check "plot exits 0 (got $rc: $(cat "$E"))" [ $rc -eq 0 ]
    check "returns.png is a non-empty PNG" png_ok "$T/cmp/returns.png"
    check "returns.svg is a non-empty SVG" svg_ok "$T/cmp/returns.svg"
    check "the data file is written" has "$T/cmp/returns.dat" "# scorer-dqn (3 seeds)"
    # the x axis ends at the last point, ticks 1, 2 or 5 times a power of ten apart, labels exact
    check "x axis: 0 to 1000, a tick every 200" has "$T/cmp/returns.gp" 'set xrange [0:1000]'
    check "x ticks labelled 0, 200, ..., 1k" has "$T/cmp/returns.gp" 'set xtics ("0" 0, "200" 200, "400" 400, "600" 600, "800" 800, "1k" 1000)'
    mkdir -p "$T/long/dqn"; cp "$T/cmp/dqn/config.ini" "$T/long/dqn/"
    for s in 0 1; do awk -F, -v OFS=, 'NR > 1 { $1 = sprintf("%d", $1 * 2999.936) } 1' "$T/cmp/dqn/seed_$s.csv" > "$T/long/dqn/seed_$s.csv"; done
    "$BIN" plot "$T/long" > /dev/null 2>&1
    check "a 3M-step run: ticks every 500k, 1.5M and 2.5M named as such (not rounded to 2M and 3M)" has "$T/long/returns.gp" \
        'set xtics ("0" 0, "500k" 500000, "1M" 1000000, "1.5M" 1500000, "2M" 2000000, "2.5M" 2500000, "3M" 3000000)'
    check "no temporary files left" [ -z "$(ls "$T/cmp" | grep '\.tmp$')" ]
    # two plots of one folder at once (as two sweep processes finishing together) raced on fixed temporary names:
    # "could not write DIR/returns.dat: No such file or directory", "gnuplot wrote no image"; each now writes files
    # of its own and renames them whole. Six rounds: no error, the .dat and .gp those of one plot alone, a PNG to its
    # IEND chunk, an SVG to its </svg>, no *.tmp left
    cp "$T/cmp/returns.dat" "$T/alone.dat"; cp "$T/cmp/returns.gp" "$T/alone.gp"
    race=""
    for i in 1 2 3 4 5 6; do
        "$BIN" plot "$T/cmp" > /dev/null 2> "$T/e1" & p1=$!
        "$BIN" plot "$T/cmp" > /dev/null 2> "$T/e2"; rc2=$?
        wait $p1; rc1=$?
        [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ ! -s "$T/e1" ] && [ ! -s "$T/e2" ] || race="$race round $i: $rc1 $rc2 $(cat "$T/e1" "$T/e2");"
        cmp -s "$T/cmp/returns.dat" "$T/alone.dat" && cmp -s "$T/cmp/returns.gp" "$T/alone.gp" || race="$race round $i: .dat or .gp changed;"
        png_ok "$T/cmp/returns.png" && [ "$(tail -c 8 "$T/cmp/returns.png" | head -c 4)" = IEND ] || race="$race round $i: PNG cut;"
        svg_ok "$T/cmp/returns.svg" && tail -n 2 "$T/cmp/returns.svg" | grep -q '</svg>' || race="$race round $i: SVG cut;"
        [ -z "$(find "$T/cmp" -name '*.tmp')" ] || race="$race round $i: $(find "$T/cmp" -name '*.tmp') left;"
    done
    check "two plots of one folder at once, six times: no error, whole files ($race)" [ -z "$race" ]
    check "plot says where it wrote" has "$O" "$T/cmp/returns.png"
    # mean at t = 1000 over 110, 120, 130 is 120; the band, a bootstrap CI of the mean, around it within the seeds'
    # values (a normal band, 120 -/+ 1.96 * 10 / sqrt(3) = 108.68..131.32, left them: past the returns a game allows)
    expect "curve point at 1000: mean 120, band within 110..130 around it ($(grep '^1000 ' "$T/cmp/returns.dat" | head -1))" \
        "awk '\$1 == 1000 && \$2 == 120 && \$5 == 3 { ok = \$3 >= 110 && \$3 < 120 && \$4 > 120 && \$4 <= 130; n++ } END { exit !(ok && n == 1) }' '$T/cmp/returns.dat'"
    # a seed's curve starts at its row after as many episodes as envs have ended (10 envs: 10 episodes at t = 100):
    # before, the CSV counts 0 for an env still in its first episode, a perfect score where returns are negative
    check "the curve starts at the row after the tenth episode" sh -c "grep -v '^#' '$T/cmp/returns.dat' | grep -v '^\$' | head -1 | grep -q '^200 10 '"
    "$BIN" plot "$T/cmp" "$T/div" --out "$T/fig/both" > "$O" 2> "$E"; rc=$?
    check "combined plot exits 0 ($(cat "$E"))" [ $rc -eq 0 ]
    check "combined PNG" png_ok "$T/fig/both.png"
    check "combined SVG" svg_ok "$T/fig/both.svg"
    check "combined SVG names both folders" grep -q "$T/div: dqn" "$T/fig/both.svg"
    # a failed seed is not drawn, as the table leaves it out (its partial curve was averaged in, then dropped out
    # part-way, and the key said 3 seeds); the key says so
    check "a failed seed: the key says 2 of 3 seeds, 1 failed" grep -q "^# $T/div: dqn (2 of 3 seeds; 1 failed)$" "$T/fig/both.dat"
    # every seed of an algorithm failed: its key entry stays and says so (the algorithm vanished from the figure)
    mkdir -p "$T/alldiv"; cp -r "$T/cmp/scorer-dqn" "$T/cmp/dqn" "$T/alldiv/"
    for k in 0 1 2; do cp "$T/div/dqn/seed_2.csv" "$T/alldiv/dqn/seed_$k.csv"; done
    "$BIN" plot "$T/alldiv" > "$O" 2> "$E"; rc=$?
    expect "every seed failed: exit 0, a key entry alone for dqn ($(cat "$E"))" \
        '[ $rc -eq 0 ] && grep -q "NaN with lines lw 2 dt 2 lc rgb .#0072B2. title .dqn (0 of 3 seeds; 3 failed)." "$T/alldiv/returns.gp" && png_ok "$T/alldiv/returns.png"'
    # a damaged summary.json gives way to the seed CSVs (plot draws from them; it had drawn, then refused)
    mkdir -p "$T/badjson"; cp -r "$T/cmp/scorer-dqn" "$T/cmp/dqn" "$T/badjson/"; echo '{"env": ' > "$T/badjson/summary.json"
    "$BIN" plot "$T/badjson" > "$O" 2> "$E"; rc=$?
    check "a damaged summary.json: plot draws from the CSVs ($(cat "$E"))" [ $rc -eq 0 ]
    # no CSV yet: said so, not "no seed ... ended as many episodes"
    mkdir -p "$T/nocsv/dqn"; cp "$T/cmp/dqn/config.ini" "$T/nocsv/dqn/"
    "$BIN" plot "$T/nocsv" > "$O" 2> "$E"; rc=$?
    check "no seed CSV yet: 'have no rows', exit 1" sh -c "[ $rc -eq 1 ] && grep -q 'no learning curve to draw' '$E' && ! grep -q episodes '$E'"
    expect "a failed seed: its points are not drawn (2 seeds behind each point of div's curve)" \
        "awk '/^# / { b = (index(\$0, \"$T/div\") > 0) } b && NF == 5 && \$5 != 2 { bad = 1 } b && NF == 5 { n++ } END { exit bad || n == 0 }' '$T/fig/both.dat'"
    check "one environment: one panel" sh -c "! grep -q multiplot '$T/fig/both.gp'"
    # another environment: a panel each, titled with it, the same colour for an algorithm in both
    mkdir -p "$T/acro"; cp -r "$T/cmp/scorer-dqn" "$T/cmp/dqn" "$T/acro/"
    sed -i 's/^env = CartPole-v1$/env = Acrobot-v1/' "$T/acro/scorer-dqn/config.ini" "$T/acro/dqn/config.ini"
    "$BIN" plot "$T/cmp" "$T/acro" --out "$T/fig/envs" > "$O" 2> "$E"; rc=$?
    check "plot of two environments exits 0 ($(cat "$E"))" [ $rc -eq 0 ]
    expect "two environments: PNG and SVG" 'png_ok "$T/fig/envs.png" && svg_ok "$T/fig/envs.svg"'
    check "two environments: two panels side by side" grep -q "^set multiplot layout 1,2 " "$T/fig/envs.gp"
    expect "each panel titled with its environment, in the PNG's and the SVG's pass" \
        '[ "$(grep -c "^set title .CartPole-v1, 1k steps.$" "$T/fig/envs.gp")" = 2 ] && [ "$(grep -c "^set title .Acrobot-v1, 1k steps.$" "$T/fig/envs.gp")" = 2 ]'
    expect "scorer-dqn vermillion, dqn blue, in both panels (4 mean lines each)" \
        '[ "$(grep -o "with lines lw 2 dt 1 lc rgb .#D55E00. title .scorer-dqn (3 seeds)." "$T/fig/envs.gp" | wc -l)" = 4 ] && [ "$(grep -o "with lines lw 2 dt 2 lc rgb .#0072B2. title .dqn (3 seeds)." "$T/fig/envs.gp" | wc -l)" = 4 ]'
    check "two environments: the SVG shows both" sh -c "grep -q 'Acrobot-v1, 1k steps' '$T/fig/envs.svg' && grep -q 'CartPole-v1, 1k steps' '$T/fig/envs.svg'"
    # a key of more than four curves goes below the plot (it would hide curves inside); one of two
    # curves stays inside, in the corner where it hides least: these curves lie along the bottom until
    # their last point, so top left; rising ones leave bottom right free (preferred), falling ones the
    # top right and bottom left (top right preferred)
    check "two curves along the bottom: the key inside, top left" has "$T/cmp/returns.gp" 'set key top left'
    for shape in rise fall; do
        for a in scorer-dqn dqn; do
            mkdir -p "$T/$shape/$a"; sed "s/^algo = .*/algo = $a/" "$T/cmp/dqn/config.ini" > "$T/$shape/$a/config.ini"
            awk -v s=$shape -v o=$((${#a} % 3)) 'BEGIN { print "timesteps,mean_return,episodes,leader_loss,follower_loss,epsilon"
                for (t = 100; t <= 1000; t += 100) printf "%d,%d,%d,0.5,,0.1\n", t, (s == "rise" ? t / 10 : 100 - t / 10) + o, t / 10 }' \
                > "$T/$shape/$a/seed_0.csv"
        done
        "$BIN" plot "$T/$shape" > /dev/null 2>&1
    done
    check "two rising curves: the key bottom right" has "$T/rise/returns.gp" 'set key bottom right'
    # curves along the top and the bottom leave no corner free: the key goes below (inside, it hid a curve)
    for a in scorer-dqn dqn; do
        mkdir -p "$T/span/$a"; sed "s/^algo = .*/algo = $a/" "$T/cmp/dqn/config.ini" > "$T/span/$a/config.ini"
        awk -v v=$([ $a = dqn ] && echo 0 || echo 100) 'BEGIN { print "timesteps,mean_return,episodes,leader_loss,follower_loss,epsilon"
            for (t = 100; t <= 1000; t += 100) printf "%d,%d,%d,0.5,,0.1\n", t, v, t / 10 }' > "$T/span/$a/seed_0.csv"
    done
    "$BIN" plot "$T/span" > /dev/null 2>&1
    check "curves along the top and the bottom: the key below the plot" has "$T/span/returns.gp" 'set key outside below center vertical maxrows 1'
    check "two falling curves: the key top right" has "$T/fall/returns.gp" 'set key top right'
    "$BIN" plot "$T/rise" "$T/acro" --out "$T/fig/keys" > /dev/null 2>&1
    expect "a panel each: its own corner (rising: bottom right, along the bottom: top left)" \
        '[ "$(grep "^set key" "$T/fig/keys.gp" | sort | uniq -c | tr -s " " | tr "\n" "|")" = " 2 set key bottom right font '"',9'"'| 2 set key top left font '"',9'"'|" ]'
    mkdir -p "$T/six"
    for a in scorer-dqn dqn scorer-ddqn ddqn scorer-dueling-dqn dueling-dqn; do
        cp -r "$T/cmp/dqn" "$T/six/$a"; sed -i "s/^algo = .*/algo = $a/" "$T/six/$a/config.ini"
    done
    "$BIN" plot "$T/six" > "$O" 2> "$E"; rc=$?
    check "six curves: plot exits 0 ($(cat "$E"))" [ $rc -eq 0 ]
    check "six curves: the key below in two columns of three" has "$T/six/returns.gp" 'set key outside below center vertical maxrows 3'
    check "six curves: the figure grows by the key's three rows" has "$T/six/returns.gp" 'size 1000,660 '
    # gnuplot fills the key's columns one after the other: curves given 1st, 3rd, 5th, 2nd, ... put each pair in a row
    expect "six curves: each row of the key a pair, scorer-X beside X" \
        '[ "$(grep -o "title .[a-z-]* (3 seeds)." "$T/six/returns.gp" | sed "s/title .//; s/ (3 seeds).//" | tr "\n" " ")" = "scorer-dqn scorer-ddqn scorer-dueling-dqn dqn ddqn dueling-dqn " ]'
    expect "six curves: colours follow the algorithm, not the order given" \
        'grep -q "lc rgb .#D55E00. title .scorer-dqn (3 seeds)." "$T/six/returns.gp" && grep -q "dt 2 lc rgb .#0072B2. title .dqn (3 seeds)." "$T/six/returns.gp"'
    # folders of one algorithm each, in a glob's order (scorer plot cp/*): the pairs too, scorer-X beside X, and a
    # curve without its pair last (they came in the folders' order: ddqn beside dqn, dueling-dqn beside pqn, ...)
    cp -r "$T/six/dqn" "$T/six-pqn"; sed -i "s/^algo = .*/algo = pqn/" "$T/six-pqn/config.ini"
    "$BIN" plot "$T/six/ddqn" "$T/six/dqn" "$T/six/dueling-dqn" "$T/six-pqn" "$T/six/scorer-ddqn" "$T/six/scorer-dqn" \
        "$T/six/scorer-dueling-dqn" --out "$T/fig/glob" > "$O" 2> "$E"; rc=$?
    expect "a folder per algorithm: each row of the key a pair, scorer-X beside X, pqn alone last ($(cat "$E"))" \
        '[ $rc -eq 0 ] && has "$T/fig/glob.gp" "maxrows 4" && [ "$(grep -o "title .[a-z-]* (3 seeds)." "$T/fig/glob.gp" | sed "s/title .//; s/ (3 seeds).//" | tr "\n" " ")" = "scorer-ddqn scorer-dqn scorer-dueling-dqn pqn ddqn dqn dueling-dqn " ]'
    "$BIN" plot "$T/six" "$T/acro" --out "$T/fig/six" > "$O" 2> "$E"; rc=$?
    expect "six curves in a panel of two: the key below each panel, one column of six ($(cat "$E"))" \
        '[ $rc -eq 0 ] && [ "$(grep -c "^set key outside below center vertical maxrows 6 font" "$T/fig/six.gp")" = 1 ] && png_ok "$T/fig/six.png"'
    # gnuplot's multiplot gives a key below no room: a bottom margin of its rows and the x axis (it sat on 'timesteps')
    check "panels with the key below: a bottom margin for the tics, the x label and the key's six rows" has "$T/fig/six.gp" 'set bmargin 9.5'
    # --algos: only the curves asked for; a folder left with none makes no panel
    "$BIN" plot "$T/cmp" "$T/acro" --algos dqn --out "$T/fig/only" > "$O" 2> "$E"; rc=$?
    expect "--algos dqn: exit 0, dqn's curves only, in both panels ($(cat "$E"))" \
        '[ $rc -eq 0 ] && [ "$(grep -c "^# dqn (3 seeds)$" "$T/fig/only.dat")" = 2 ] && ! grep -q scorer-dqn "$T/fig/only.dat"'
    mkdir -p "$T/acro1"; cp -r "$T/acro/scorer-dqn" "$T/acro1/"
    "$BIN" plot "$T/cmp" "$T/acro1" --algos dqn --out "$T/fig/one" > "$O" 2> "$E"; rc=$?
    expect "--algos leaving a folder without curves: one panel ($(cat "$E"))" \
        '[ $rc -eq 0 ] && ! grep -q multiplot "$T/fig/one.gp" && grep -q "^set title .CartPole-v1, 1k steps" "$T/fig/one.gp"'
    one_line_error 1 "no learning curve of pqn in $T/cmp (leave it out of --algos)" "$BIN" plot "$T/cmp" --algos dqn,pqn --out "$T/fig/no"
    check "a refused --algos writes nothing" [ ! -e "$T/fig/no.dat" ]
    one_line_error 2 "unknown algorithm 'dqnn' (did you mean dqn?" "$BIN" plot "$T/cmp" --algos dqnn
    one_line_error 2 "algorithm dqn is listed twice" "$BIN" plot "$T/cmp" --algos dqn,dqn
    # the same algorithm from two folders: labelled by the settings that differ (not where they ran),
    # or by the folder when none does
    for v in 0 1; do
        mkdir -p "$T/l$v"; cp -r "$T/cmp/dqn" "$T/l$v/"
        printf 'final_l1norm = %s\nout = %s\nthreads = %s\n' $v "$T/l$v" $((v + 1)) >> "$T/l$v/dqn/config.ini"
    done
    "$BIN" plot "$T/l0" "$T/l1" --out "$T/fig/apart" > "$O" 2> "$E"; rc=$?
    expect "labels by the differing setting ($(cat "$E"))" \
        '[ $rc -eq 0 ] && has "$T/fig/apart.dat" "# dqn, final_l1norm=0 (3 seeds)" && has "$T/fig/apart.dat" "# dqn, final_l1norm=1 (3 seeds)"'
    "$BIN" plot "$T/l0" "$T/l1" "$T/cmp" --out "$T/fig/apart3" > "$O" 2> "$E"; rc=$?
    expect "a folder without the setting: labelled by the setting all the same ($(cat "$E"))" \
        '[ $rc -eq 0 ] && has "$T/fig/apart3.dat" "# dqn, final_l1norm=1 (3 seeds)" && has "$T/fig/apart3.dat" "# scorer-dqn (3 seeds)"'
    # summary of the same folders: each header line says what sets the folder apart (nothing when alike)
    "$BIN" summary "$T/l0" "$T/l1" "$T/div" > "$O" 2> "$E"; rc=$?
    expect "summary: the setting that sets each folder apart ($(cat "$E"))" \
        '[ $rc -eq 1 ] && grep -q "^$T/l0: CartPole-v1, 1000 steps; final_l1norm=0 - no summary.json" "$O" && grep -q "^$T/l1: CartPole-v1, 1000 steps; final_l1norm=1 - no summary.json" "$O"'
    "$BIN" summary "$T/cmp" "$T/div" > "$O" 2> "$E"
    check "summary of folders alike: no settings named" sh -c "! grep -q '1000 steps;' '$O'"
    # a config.ini these settings cannot read (another version's key): no say in the labels, both by folder
    mkdir -p "$T/newer"; cp -r "$T/l1/dqn" "$T/newer/"; echo "future_key = 1" >> "$T/newer/dqn/config.ini"
    "$BIN" plot "$T/l0" "$T/newer" --out "$T/fig/newer" > "$O" 2> "$E"; rc=$?
    expect "an unreadable config.ini: folder labels ($(cat "$E"))" \
        '[ $rc -eq 0 ] && has "$T/fig/newer.dat" "# $T/l0: dqn (3 seeds)" && has "$T/fig/newer.dat" "# $T/newer: dqn (3 seeds)"'
else
    echo "gnuplot not installed: PNG/SVG checks skipped (install gnuplot-nox to run them)"
fi
# without gnuplot on PATH: the data is written, one plain line, exit 1
mkdir -p "$T/nog"
PATH=/nonexistent "$BIN" plot "$T/cmp" --out "$T/nog/x" > "$O" 2> "$E"; rc=$?
check "no gnuplot: exit 1 (got $rc)" [ $rc -eq 1 ]
check "no gnuplot: the plain line" [ "$(cat "$E")" = "scorer: gnuplot not found: install gnuplot-nox to draw $T/nog/x.png; the data is in $T/nog/x.dat" ]
check "no gnuplot: data still written" [ -s "$T/nog/x.dat" ]
check "no gnuplot: no image" [ ! -e "$T/nog/x.png" ]

# --- plot --metric: a loss or epsilon, drawn as the return is ----------------------------------------
# (the data and script are written with or without gnuplot: the checks read them; exit 1 without it)
W=0; command -v gnuplot > /dev/null 2>&1 || W=1
# scorer-dqn and dqn, 3 seeds, a row every 100 timesteps: no loss before the first update (t < 300), and none in
# seed 1 at t = 500 either; dqn has no follower loss (one network)
for a in scorer-dqn dqn; do
    mkdir -p "$T/lm/$a"; sed "s/^algo = .*/algo = $a/" "$T/cmp/dqn/config.ini" > "$T/lm/$a/config.ini"
    for s in 0 1 2; do
        awk -v s=$s -v a=$a 'BEGIN { print "timesteps,mean_return,episodes,leader_loss,follower_loss,epsilon"
            for (t = 100; t <= 1000; t += 100) {
                l = (t < 300 || (s == 1 && t == 500)) ? "" : sprintf("%.9g", (s + 1) * 1000 / t / 7)
                f = (a == "dqn" || l == "") ? "" : sprintf("%.9g", (s + 2) * 100 / t / 3)
                printf "%d,%d,%d,%s,%s,%.9g\n", t, t / 10, t / 10, l, f, 1 - t / 1100 } }' > "$T/lm/$a/seed_$s.csv"
    done
done
# csv_mean COLUMN T CSV...: the mean of the column's non-empty cells at timestep T over the CSVs, and their count
csv_mean() {
    col=$1; at=$2; shift 2
    awk -F, -v col="$col" -v t="$at" 'FNR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
        $1 == t && $c != "" { s += $c; n++ } END { if (n) printf "%.9g %d\n", s / n, n }' "$@"
}
# dat_at DAT LABEL T: the mean and the seeds at timestep T of the block headed "# LABEL"
dat_at() { awk -v lab="# $2" -v t="$3" '/^#/ { b = ($0 == lab); next } b && $1 == t { print $2, $5 }' "$1"; }
# near "MEAN N" "MEAN N": the same count, the means equal to 1e-8
near() { awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); d = x[1] - y[1]; if (d < 0) d = -d
                                          exit !(x[2] != "" && x[2] == y[2] && d <= 1e-8 * (x[1] < 0 ? -x[1] : x[1])) }'; }
"$BIN" plot "$T/lm" > /dev/null 2>&1; cp "$T/lm/returns.dat" "$T/lm-r.dat"; cp "$T/lm/returns.gp" "$T/lm-r.gp"
"$BIN" plot "$T/lm" --metric leader_loss > "$O" 2> "$E"; rc=$?
expect "--metric leader_loss: exit $W, DIR/leader_loss.dat and .gp beside DIR/returns ($(cat "$E"))" \
    '[ $rc -eq $W ] && [ -s "$T/lm/leader_loss.dat" ] && [ -s "$T/lm/leader_loss.gp" ]'
for at in 500 1000; do
    want=$(csv_mean leader_loss $at "$T"/lm/scorer-dqn/seed_*.csv); got=$(dat_at "$T/lm/leader_loss.dat" "scorer-dqn (3 seeds)" $at)
    expect "leader_loss at $at: the mean of the seeds' values, a seed without one left out (CSVs: $want; .dat: $got)" 'near "$want" "$got"'
done
check "leader_loss at 500: two seeds behind the point (seed 1's empty cell is not a 0)" [ "$(dat_at "$T/lm/leader_loss.dat" "scorer-dqn (3 seeds)" 500 | cut -d' ' -f2)" = 2 ]
check "leader_loss: no point before the first update (t = 100, 200: empty cells)" \
    awk '!/^#/ && NF == 5 && ($1 == 100 || $1 == 200) { bad = 1 } END { exit bad }' "$T/lm/leader_loss.dat"
check "leader_loss: a curve from each seed's first row (t = 300; the return's starts after the tenth episode)" \
    sh -c "grep -v '^#' '$T/lm/leader_loss.dat' | grep -v '^\$' | head -1 | grep -q '^300 '"
check "leader_loss: a logarithmic y axis" grep -q '^set logscale y$' "$T/lm/leader_loss.gp"
check "leader_loss: the y label names it and what it is" has "$T/lm/leader_loss.gp" "set ylabel 'leader loss (MSBE of the Q-network; the baseline''s joint loss)'"
check "the returns' figure is not overwritten by another metric's" sh -c "[ -s '$T/lm/leader_loss.dat' ] && cmp -s '$T/lm/returns.dat' '$T/lm-r.dat' && cmp -s '$T/lm/returns.gp' '$T/lm-r.gp'"
"$BIN" plot "$T/lm" --metric return > "$O" 2> "$E"; rc=$?
expect "--metric return: the same files as no flag (exit $rc)" '[ $rc -eq $W ] && cmp -s "$T/lm/returns.dat" "$T/lm-r.dat" && cmp -s "$T/lm/returns.gp" "$T/lm-r.gp"'
check "return: a linear y axis" sh -c "! grep -q logscale '$T/lm/returns.gp'"
"$BIN" plot "$T/lm" --metric follower_loss > "$O" 2> "$E"; rc=$?
expect "--metric follower_loss: exit $W, DIR/follower_loss.dat ($(cat "$E"))" '[ $rc -eq $W ] && [ -s "$T/lm/follower_loss.dat" ]'
expect "follower_loss: dqn (one network) is not drawn, its key entry says so" \
    'has "$T/lm/follower_loss.dat" "# dqn: no follower loss (one network): nothing to draw, in the key alone" &&
     grep -q "NaN with lines lw 2 dt 2 lc rgb .#0072B2. title .dqn: no follower loss (one network).$" "$T/lm/follower_loss.gp" && ! grep -q "^# dqn (" "$T/lm/follower_loss.dat"'
want=$(csv_mean follower_loss 1000 "$T"/lm/scorer-dqn/seed_*.csv); got=$(dat_at "$T/lm/follower_loss.dat" "scorer-dqn (3 seeds)" 1000)
expect "follower_loss at 1000: the mean of scorer-dqn's seeds (CSVs: $want; .dat: $got)" 'near "$want" "$got"'
check "follower_loss: a logarithmic y axis" grep -q '^set logscale y$' "$T/lm/follower_loss.gp"
"$BIN" plot "$T/lm" --metric epsilon --out "$T/fig/eps" > "$O" 2> "$E"; rc=$?
expect "--metric epsilon --out: written there ($(cat "$E"))" '[ $rc -eq $W ] && [ -s "$T/fig/eps.dat" ] && [ ! -e "$T/lm/epsilon.dat" ]'
check "epsilon: a linear y axis" sh -c "[ -s '$T/fig/eps.gp' ] && ! grep -q logscale '$T/fig/eps.gp'"
want=$(csv_mean epsilon 100 "$T"/lm/dqn/seed_*.csv); got=$(dat_at "$T/fig/eps.dat" "dqn (3 seeds)" 100)
expect "epsilon at 100: the seeds' mean, from the first row (CSVs: $want; .dat: $got)" 'near "$want" "$got"'
# a folder of the baseline alone has no follower loss at all: said in one line, nothing written
one_line_error 1 "scorer: no follower loss to draw in $T/lm/dqn: dqn has one network (its joint loss is the leader loss)" \
    "$BIN" plot "$T/lm/dqn" --metric follower_loss
check "no follower loss to draw: nothing written" [ ! -e "$T/lm/dqn/follower_loss.dat" ]
# CSVs without the column (cut by hand, or another tool's) are told apart from empty cells; epsilon has no updates
cp -r "$T/lm/dqn" "$T/lm-cut"; for f in "$T"/lm-cut/seed_*.csv; do cut -d, -f1-3 "$f" > "$f.x" && mv "$f.x" "$f"; done
one_line_error 1 "scorer: no epsilon to draw in $T/lm-cut: the seed CSVs of dqn have no epsilon column" "$BIN" plot "$T/lm-cut" --metric epsilon
cp -r "$T/lm/dqn" "$T/lm-blank"; for f in "$T"/lm-blank/seed_*.csv; do sed -i '2,$s/,[^,]*$/,/' "$f"; done
one_line_error 1 "scorer: no epsilon to draw in $T/lm-blank: the seed CSVs of dqn leave epsilon empty" "$BIN" plot "$T/lm-blank" --metric epsilon
check "blank epsilon cells: no talk of updates" sh -c "! grep -q 'update' '$E'"
one_line_error 2 "scorer: unknown metric 'leader-loss' (did you mean leader_loss? choose from return, leader_loss, follower_loss, epsilon)" \
    "$BIN" plot "$T/lm" --metric leader-loss
one_line_error 2 "--metric needs a name" "$BIN" plot "$T/lm" --metric
one_line_error 2 "unknown option '--metric' (see scorer summary --help)" "$BIN" summary "$T/lm" --metric leader_loss
# several folders, a panel per environment, --algos: as for the return
cp -r "$T/lm" "$T/lmacro"; sed -i 's/^env = CartPole-v1$/env = Acrobot-v1/' "$T/lmacro/scorer-dqn/config.ini" "$T/lmacro/dqn/config.ini"
"$BIN" plot "$T/lm" "$T/lmacro" --metric leader_loss --algos dqn --out "$T/fig/lm2" > "$O" 2> "$E"; rc=$?
expect "two environments, --algos dqn: two panels, each on a log axis, dqn's curves only ($(cat "$E"))" \
    '[ $rc -eq $W ] && grep -q "^set multiplot layout 1,2 " "$T/fig/lm2.gp" && [ "$(grep -c "^set logscale y$" "$T/fig/lm2.gp")" = 4 ] &&
     [ "$(grep -c "^# dqn (3 seeds)$" "$T/fig/lm2.dat")" = 2 ] && ! grep -q scorer-dqn "$T/fig/lm2.dat"'
check "two panels: the whole y label in the title, the metric's name on each axis" \
    sh -c "grep -q \"^set multiplot layout 1,2 title 'leader loss (MSBE of the Q-network; the baseline''s joint loss): mean over seeds\" '$T/fig/lm2.gp' && grep -q \"^set ylabel 'leader loss'\$\" '$T/fig/lm2.gp'"
# a loss of exactly 0 in seed 0: the band reaches 0, which a log axis has not; drawn at the smallest positive value
mkdir -p "$T/lz"; cp -r "$T/lm/scorer-dqn" "$T/lz/"
awk -F, -v OFS=, 'NR > 1 && $4 != "" { $4 = 0 } 1' "$T/lm/scorer-dqn/seed_0.csv" > "$T/lz/scorer-dqn/seed_0.csv"
"$BIN" plot "$T/lz" --metric leader_loss > "$O" 2> "$E"; rc=$?
fl=$(awk '!/^#/ && NF == 5 { for (i = 2; i <= 4; i++) if ($i > 0 && (m == "" || $i < m)) m = $i } END { print m }' "$T/lz/leader_loss.dat")
expect "a band down to 0: kept in the .dat, drawn at the smallest positive value ($fl) on the log axis ($(cat "$E"))" \
    '[ $rc -eq $W ] && awk "!/^#/ && NF == 5 && \$3 == 0 { z = 1 } END { exit !z }" "$T/lz/leader_loss.dat" &&
     has "$T/lz/leader_loss.gp" "using 1:(\$3 <= $fl ? $fl : \$3):(\$4 <= $fl ? $fl : \$4) with filledcurves" && grep -q "^set logscale y$" "$T/lz/leader_loss.gp"'
check "no value at or below 0: the plain columns" has "$T/lm/leader_loss.gp" "using 1:3:4 with filledcurves"
# without gnuplot: the data and the script all the same
PATH=/nonexistent "$BIN" plot "$T/lm" --metric follower_loss --out "$T/nog/fl" > "$O" 2> "$E"; rc=$?
expect "no gnuplot, --metric follower_loss: exit 1, the .dat and the .gp written" \
    '[ $rc -eq 1 ] && has "$E" "gnuplot not found" && [ -s "$T/nog/fl.dat" ] && grep -q "^set logscale y$" "$T/nog/fl.gp"'
# a real PQN run: its losses are logged once a rollout (15 rows of 200 here), the other cells empty
"$BIN" compare --env CartPole-v1 --algos scorer-pqn,pqn --seeds 2 --steps 20000 --threads 1 --quiet --set checkpoint_every=-1 --out "$T/pqn" > /dev/null 2>&1
"$BIN" plot "$T/pqn" --metric leader_loss > "$O" 2> "$E"; rc=$?
at=$(awk -F, 'NR > 1 && $4 != "" { t = $1 } END { print t }' "$T/pqn/pqn/seed_0.csv")
want=$(csv_mean leader_loss "$at" "$T"/pqn/pqn/seed_*.csv); got=$(dat_at "$T/pqn/leader_loss.dat" "pqn (2 seeds)" "$at")
expect "PQN's leader_loss at $at: the seeds' mean (CSVs: $want; .dat: $got; $(cat "$E"))" '[ $rc -eq $W ] && near "$want" "$got"'
rows=$(awk -F, 'NR > 1 && $4 != "" { n++ } END { print n }' "$T/pqn/pqn/seed_0.csv")
expect "PQN's leader_loss: a point where the CSVs have a value ($rows), none for the empty cells" \
    '[ "$(awk "/^#/ { b = (\$0 == \"# pqn (2 seeds)\"); next } b && NF == 5 { n++ } END { print n }" "$T/pqn/leader_loss.dat")" = "$rows" ]'
"$BIN" plot "$T/pqn" --metric follower_loss > "$O" 2> "$E"; rc=$?
expect "PQN's follower_loss: scorer-pqn drawn, pqn in the key alone ($(cat "$E"))" \
    '[ $rc -eq $W ] && has "$T/pqn/follower_loss.dat" "# scorer-pqn (2 seeds)" && has "$T/pqn/follower_loss.dat" "# pqn: no follower loss (one network): nothing to draw"'

# --- plot --each-seed: each seed's curve under the mean, no band --------------------------------------
# scorer-dqn and dqn, 3 seeds, returns apart per seed (10 envs; the tenth episode ends at t = 200, so the return
# is drawn from t = 300); dqn's seed 2 failed (its CSV stops at 400 of 1000), its returns 777 drawn nowhere
for a in scorer-dqn dqn; do
    mkdir -p "$T/es/$a"; sed "s/^algo = .*/algo = $a/" "$T/cmp/dqn/config.ini" > "$T/es/$a/config.ini"
    for s in 0 1 2; do
        awk -v s=$s -v a=$a 'BEGIN { print "timesteps,mean_return,episodes,leader_loss,follower_loss,epsilon"
            for (t = 100; t <= 1000; t += 100) {
                if (a == "dqn" && s == 2 && t > 400) break
                r = (a == "dqn" && s == 2) ? 777 : (a == "dqn" ? 0 : 100) + 10 * s + t / 100 + 0.25
                l = (t < 300 || (s == 1 && t == 500)) ? "" : sprintf("%.9g", (s + 1) * 1000 / t / 7)
                printf "%d,%.9g,%d,%s,%s,%.9g\n", t, r, t / 20, l, (a == "dqn" ? "" : l), 1 - t / 1100 } }' > "$T/es/$a/seed_$s.csv"
    done
done
"$BIN" plot "$T/es" > /dev/null 2>&1; cp "$T/es/returns.dat" "$T/es-r.dat"; cp "$T/es/returns.gp" "$T/es-r.gp"
# seed_block DAT LABEL: the rows "t value" of the block headed "# LABEL"
seed_block() { awk -v lab="# $2" '/^#/ { b = ($0 == lab); next } b && NF == 5 { printf "%s %.9g\n", $1, $2 }' "$1"; }
# csv_rows CSV COLUMN: its rows "t value", the return's from the row after as many episodes as envs (10) have ended,
# another column's from the first row, its empty cells skipped
csv_rows() {
    awk -F, -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; go = col != "mean_return"; next }
        go && $c != "" { printf "%s %.9g\n", $1, $c } $3 >= 10 { go = 1 }' "$1"
}
"$BIN" plot "$T/es" --each-seed > "$O" 2> "$E"; rc=$?
expect "--each-seed: exit $W, DIR/returns-seeds.dat and .gp by default ($(cat "$E"))" \
    '[ $rc -eq $W ] && [ -s "$T/es/returns-seeds.dat" ] && [ -s "$T/es/returns-seeds.gp" ]'
check "--each-seed: the figure without it is not overwritten" sh -c "cmp -s '$T/es/returns.dat' '$T/es-r.dat' && cmp -s '$T/es/returns.gp' '$T/es-r.gp'"
for s in 0 1 2; do
    csv_rows "$T/es/scorer-dqn/seed_$s.csv" mean_return > "$T/es-want"; seed_block "$T/es/returns-seeds.dat" "scorer-dqn (3 seeds, each drawn): seed $s" > "$T/es-got"
    expect "--each-seed: scorer-dqn seed $s's block is its CSV's returns from t = 300 ($(head -1 "$T/es-got") ... $(wc -l < "$T/es-got") rows)" \
        '[ "$(wc -l < "$T/es-want")" -eq 8 ] && cmp -s "$T/es-want" "$T/es-got"'
done
for s in 0 1; do
    csv_rows "$T/es/dqn/seed_$s.csv" mean_return > "$T/es-want"; seed_block "$T/es/returns-seeds.dat" "dqn (2 of 3 seeds, each drawn; 1 failed): seed $s" > "$T/es-got"
    expect "--each-seed: dqn seed $s's block is its CSV's returns ($(wc -l < "$T/es-got") rows)" '[ -s "$T/es-want" ] && cmp -s "$T/es-want" "$T/es-got"'
done
expect "--each-seed: the failed seed is drawn nowhere (no block of dqn seed 2, no 777)" \
    '[ -s "$T/es/returns-seeds.dat" ] && ! grep -q "^# dqn .*: seed 2$" "$T/es/returns-seeds.dat" && ! grep -q " 777 " "$T/es/returns-seeds.dat"'
expect "--each-seed: the mean is the one drawn without it (the same rows)" \
    '[ -s "$T/es/returns-seeds.dat" ] && [ "$(seed_block "$T/es/returns-seeds.dat" "scorer-dqn (3 seeds, each drawn)")" = "$(seed_block "$T/es-r.dat" "scorer-dqn (3 seeds)")" ]'
expect "--each-seed: the key says each seed is drawn" \
    'has "$T/es/returns-seeds.gp" "title '"'"'scorer-dqn (3 seeds, each drawn)'"'"'" && has "$T/es/returns-seeds.gp" "title '"'"'dqn (2 of 3 seeds, each drawn; 1 failed)'"'"'"'
expect "--each-seed: the seeds' blocks as thin see-through lines of the algorithm's colour, no key entry, under the means; no band" \
    'has "$T/es/returns-seeds.gp" "plot '"'"'returns-seeds.dat'"'"' index 1:3 using 1:2 with lines lw 1 lc rgb '"'"'#A6D55E00'"'"' notitle, \\" &&
     has "$T/es/returns-seeds.gp" "'"'"'returns-seeds.dat'"'"' index 5:6 using 1:2 with lines lw 1 lc rgb '"'"'#A60072B2'"'"' notitle, \\" && ! grep -q filledcurves "$T/es/returns-seeds.gp"'
if [ $W = 0 ]; then check "--each-seed: the figure is drawn" png_ok "$T/es/returns-seeds.png"; fi
# with --metric: the metric's rules (from the first row, empty cells skipped), a log axis, DIR/leader_loss-seeds
"$BIN" plot "$T/es" --metric leader_loss --each-seed > "$O" 2> "$E"; rc=$?
expect "--each-seed --metric leader_loss: exit $W, DIR/leader_loss-seeds.dat, on a log axis ($(cat "$E"))" \
    '[ $rc -eq $W ] && [ -s "$T/es/leader_loss-seeds.dat" ] && grep -q "^set logscale y$" "$T/es/leader_loss-seeds.gp" && [ ! -e "$T/es/leader_loss.dat" ]'
csv_rows "$T/es/scorer-dqn/seed_1.csv" leader_loss > "$T/es-want"; seed_block "$T/es/leader_loss-seeds.dat" "scorer-dqn (3 seeds, each drawn): seed 1" > "$T/es-got"
expect "--each-seed --metric leader_loss: seed 1's block is its CSV's losses, the empty cell at 500 skipped ($(wc -l < "$T/es-got") rows)" \
    '[ "$(wc -l < "$T/es-want")" -eq 7 ] && cmp -s "$T/es-want" "$T/es-got"'
# several folders, a panel per environment, --algos, --out
cp -r "$T/es" "$T/esacro"; sed -i 's/^env = CartPole-v1$/env = Acrobot-v1/' "$T/esacro/scorer-dqn/config.ini" "$T/esacro/dqn/config.ini"
"$BIN" plot "$T/es" "$T/esacro" --each-seed --algos dqn --out "$T/fig/es2" > "$O" 2> "$E"; rc=$?
expect "--each-seed, two environments, --algos dqn, --out: two panels, dqn's seeds in each ($(cat "$E"))" \
    '[ $rc -eq $W ] && grep -q "^set multiplot layout 1,2 " "$T/fig/es2.gp" && [ "$(grep -c "# dqn (2 of 3 seeds, each drawn; 1 failed): seed [01]$" "$T/fig/es2.dat")" = 4 ] &&
     [ "$(grep -c " index [0-9]*:[0-9]* using 1:2 with lines lw 1 " "$T/fig/es2.gp")" = 4 ] && ! grep -q scorer-dqn "$T/fig/es2.dat"'
if [ $W = 0 ]; then check "--each-seed, two panels: the figure is drawn" png_ok "$T/fig/es2.png"; fi
# a sweep's figure is of final returns: refused in one line, nothing written
mkdir -p "$T/esweep"; : > "$T/esweep/sweep.ini"
one_line_error 2 "scorer: --each-seed draws run folders' curves, not a sweep's figure (plot DIR/p000 ... instead)" "$BIN" plot "$T/esweep" --each-seed
check "--each-seed of a sweep: nothing written" [ -z "$(ls "$T/esweep" | grep -v '^sweep.ini$')" ]

# --- side by side: folders from different builds or machines get a note, others none ---------
mkprov() { # mkprov DIR CPU (CPU "-": no provenance recorded)
    mkdir -p "$1"
    p=""; [ "$2" = - ] || p=", \"provenance\": {\"version\": \"0.1.0\", \"commit\": \"c\", \"cpu\": \"$2\"}"
    printf '{"env": "E", "steps": 1000, "algos": {"dqn": {"seeds": [0], "final_return": [1]}}%s}\n' "$p" > "$1/summary.json"
}
mkprov "$T/pa" "CPU A"; mkprov "$T/pb" "CPU B"; mkprov "$T/pc" "CPU A"; mkprov "$T/pd" -
"$BIN" summary "$T/pa" "$T/pb" > "$O" 2>&1
check "another CPU: a note naming both" grep -q "^note: $T/pa and $T/pb come from different builds or machines (cpu: CPU A; CPU B)" "$O"
"$BIN" summary "$T/pa" "$T/pc" "$T/pd" > "$O" 2>&1
check "same build, or none recorded: no note" sh -c "! grep -q '^note:' '$O'"

# --- P(scorer-X > X) across environments: one line when the folders' environments differ -----
mkenv() { # mkenv DIR ENV SCORER_FINALS DQN_FINALS
    mkdir -p "$1"
    printf '{"env": "%s", "steps": 1000, "algos": {"scorer-dqn": {"seeds": [0, 1], "final_return": [%s]}, "dqn": {"seeds": [0, 1], "final_return": [%s]}}}\n' \
        "$2" "$3" "$4" > "$1/summary.json"
}
mkenv "$T/ea" EnvA "2, 3" "0, 1"; mkenv "$T/eb" EnvB "0, 1" "2, 3"; mkenv "$T/ea2" EnvA "5, 6" "0, 1"
"$BIN" summary "$T/ea" "$T/eb" > "$O" 2>&1
check "two environments: P across them, the mean of 1 and 0" grep -q "^across 2 environments (EnvA, EnvB): P(scorer-dqn > dqn) = 0.50 \[0.50, 0.50\]$" "$O"
"$BIN" summary "$T/ea" "$T/ea2" > "$O" 2>&1
check "the same environment twice: no line across" sh -c "! grep -q '^across' '$O'"
"$BIN" summary "$T/ea" > "$O" 2>&1
check "one folder: no line across" sh -c "! grep -q '^across' '$O'"

# --- summary --algos: only those rows, the P lines of pairs both shown, folders left empty left out --
"$BIN" summary "$T/cmp" --algos dqn > "$O" 2> "$E"; rc=$?
expect "summary --algos dqn: exit 0, the dqn row only, no P line ($(cat "$E"))" \
    '[ $rc -eq 0 ] && grep -E -q "^dqn +3/3 +60\.00 ± 10\.00" "$O" && ! grep -q "^scorer-dqn" "$O" && ! grep -q "^P(scorer" "$O"'
check "summary without a P line: P not explained" sh -c "! grep -q '^P(A > B)' '$O'"
"$BIN" summary "$T/cmp" --algos dqn,scorer-dqn > "$O" 2>&1
check "summary --algos naming both: the P line stays" has "$O" "P(scorer-dqn > dqn) = 1.00 [1.00, 1.00]"
check "summary with a P line: P explained" grep -q '^P(A > B): probability' "$O"
"$BIN" summary "$T/ea" "$T/eb" --algos scorer-dqn,dqn > "$O" 2>&1
check "summary --algos naming both: P across environments stays" grep -q "^across 2 environments (EnvA, EnvB): P(scorer-dqn > dqn) = 0.50" "$O"
"$BIN" summary "$T/ea" "$T/eb" --algos dqn > "$O" 2>&1
check "summary --algos dqn: no P across environments" sh -c "! grep -q '^across' '$O'"
mkdir -p "$T/sonly"
printf '{"env": "EnvA", "steps": 1000, "algos": {"scorer-dqn": {"seeds": [0], "final_return": [4]}}}\n' > "$T/sonly/summary.json"
"$BIN" summary "$T/ea" "$T/sonly" --algos dqn > "$O" 2> "$E"; rc=$?
expect "summary --algos leaving a folder without rows: that folder is left out ($(cat "$E"))" \
    '[ $rc -eq 0 ] && has "$O" "$T/ea" && ! has "$O" "$T/sonly"'
"$BIN" summary --json "$T/cmp" --algos dqn > "$O" 2>&1
check "summary --json --algos dqn: no scorer-dqn in the JSON" sh -c "grep -q '\"dqn\"' '$O' && ! grep -q 'scorer-dqn' '$O'"
# the JSON's shape follows the folders given: two give an object keyed by folder, also when --algos leaves one
"$BIN" summary --json "$T/ea" "$T/sonly" --algos dqn > "$O" 2> "$E"; rc=$?
expect "summary --json of two folders, --algos leaving one: keyed by folder ($(cat "$E"))" \
    '[ $rc -eq 0 ] && head -c 1 "$O" | grep -q "{" && tr -d "\n" < "$O" | grep -q "^{\"$T/ea\": {\"env\": \"EnvA\"" && ! has "$O" "$T/sonly"'
if command -v python3 > /dev/null 2>&1; then
    check "summary --json of two folders, --algos leaving one: parses, one key" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert list(d)==[sys.argv[2]] and "dqn" in d[sys.argv[2]]["algos"]' "$O" "$T/ea"
fi
one_line_error 1 "no run of pqn in $T/cmp (leave it out of --algos)" "$BIN" summary "$T/cmp" --algos dqn,pqn
one_line_error 2 "unknown algorithm 'dqnn' (did you mean dqn?" "$BIN" summary "$T/cmp" --algos dqnn

# --- the defaults train --help shows are the defaults: set back, each gives the same config.ini --
"$BIN" train --help > "$O" 2>&1
SETS=$(awk '/^Settings/ { f = 1; next } f && NF >= 2 && $1 != "out" { printf " --set %s=%s", $1, $2 }' "$O")
NKEYS=$(awk '/^Settings/ { f = 1; next } f' "$O" | wc -l)
NSETS=$(printf '%s' "$SETS" | grep -o -- '--set' | wc -l)
expect "train --help shows a default for every setting but out ($NSETS of $NKEYS)" '[ "$NSETS" -eq $((NKEYS - 1)) ] && [ "$NKEYS" -ge 50 ]'
check "train --help shows floats briefly (gamma 0.99, follower_lr 0.0003)" \
    sh -c "grep -q '^  gamma  *0.99  ' '$O' && grep -q '^  follower_lr  *0.0003  ' '$O'"
# (one --out for both: the default folder name holds the time, which may tick between the two runs)
"$BIN" train --env CartPole-v1 --algo scorer-dqn --out "$T/same" --dry-run > "$T/default.ini" 2>&1
# shellcheck disable=SC2086 # one word per option
"$BIN" train $SETS --out "$T/same" --dry-run > "$T/shown.ini" 2>"$T/shown.err" # warns: scorer-dqn ignores some of them
check "every default train --help shows reads back to the same configuration, bit for bit" cmp -s "$T/default.ini" "$T/shown.ini"

# --- docs/CLI.md is the tool's own --help texts (scripts/cli_reference.sh regenerates it) ----
ROOT=$(cd "$(dirname "$0")/.." && pwd)
sh "$ROOT/scripts/cli_reference.sh" "$BIN" > "$T/CLI.md"
check "docs/CLI.md is up to date (sh scripts/cli_reference.sh bin/scorer > docs/CLI.md)" cmp -s "$T/CLI.md" "$ROOT/docs/CLI.md"
for c in train compare env-check summary plot ckpt-info play eval; do
    check "docs/CLI.md has scorer $c" grep -q "^## scorer $c\$" "$ROOT/docs/CLI.md"
done

# Ctrl-C (or SIGTERM) while gnuplot draws: no temporary file is left, its images' included (a gnuplot that makes its two
# images, then takes its time)
mkdir -p "$T/slowbin"
cat > "$T/slowbin/gnuplot" <<'EOS'
#!/bin/sh
png=$(printf '%s' "$2" | sed "s/^scorer_png='\([^']*\)'.*/\1/"); svg=$(printf '%s' "$2" | sed "s/.*scorer_svg='\([^']*\)'\$/\1/")
echo x > "$png"; echo x > "$svg"; touch drawn; exec sleep 5
EOS
chmod +x "$T/slowbin/gnuplot"
rm -rf "$T/slow"; cp -r "$T/cmp" "$T/slow"
PATH="$T/slowbin:$PATH" "$BIN" plot "$T/slow" > "$O" 2> "$E" & pid=$!
i=0; while [ ! -e "$T/slow/drawn" ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i + 1)); done
had=$(find "$T/slow" -name '*.tmp' | wc -l)
kill -TERM $pid; wait $pid; rc=$? # TERM: a background job of a script ignores INT
expect "SIGTERM while gnuplot draws: exit 130 and no *.tmp left (there were $had; left: $(find "$T/slow" -name '*.tmp' | tr '\n' ' '))" \
    '[ $rc -eq 130 ] && [ "$had" -eq 2 ] && [ -z "$(find "$T/slow" -name "*.tmp")" ]'
pkill -f "$T/slowbin" 2>/dev/null; true

check_done cli_report
