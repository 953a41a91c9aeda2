#!/bin/sh
# scorer env-check: every shipped reference file replays with 0 mismatches (exit 0); a tampered
# file is reported (exit 1); an unreadable or malformed one is an error (exit 2), said in one line naming the
# file and the problem, while the other files of the command are still replayed.
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
# columns align whatever the names' lengths (paths past 40 characters pushed their line's columns right), and
# whatever the deviation's width (0, 5.58e-12, inf): env, "episodes", "max deviation" and the verdict each start at
# one offset on every line
mkdir -p "$T/a-folder-name-long-enough-to-pass-forty-characters"
cp "$R/classic/CartPole-v1.csv" "$T/a-folder-name-long-enough-to-pass-forty-characters/CartPole-v1.csv"
awk -F, 'BEGIN{OFS=","} NR==10 {$5 = "nan"} {print}' "$R/classic/CartPole-v1.csv" > "$T/n.csv"
"$BIN" env-check "$R"/*/* "$T/a-folder-name-long-enough-to-pass-forty-characters/CartPole-v1.csv" "$T/n.csv" >"$T/all" 2>&1
awk '/^    / { next } { e[index($0, " episodes ")] = 1; d[index($0, " max deviation ")] = 1; v[length($0) - length($NF)] = 1;
      split($0, w, " "); c[index($0, " " w[2] " ")] = 1; n++ }
     END { k = 0; for (i in e) k++; for (i in d) k++; for (i in v) k++; for (i in c) k++; exit !(n == 13 && k == 4) }' "$T/all" &&
    ok || bad "env-check columns do not align: $(cat "$T/all")"
# tamper: change one state value of CartPole (row 3, column s0) -> mismatches, exit 1
awk -F, 'BEGIN{OFS=","} NR==4 {$4 = $4 + 1e-6} {print}' "$R/classic/CartPole-v1.csv" > "$T/CartPole-v1.csv"
"$BIN" env-check "$T/CartPole-v1.csv" >"$T/out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q MISMATCH "$T/out" && ok || bad "tampered CartPole: rc=$rc $(head -2 "$T/out")"
# a NaN or infinite state in the file is the largest deviation there is ("inf"), never "max deviation 0": exact mode
# (row 9, s1), step mode (an episode's last row, whose state no later step starts from)
for v in nan inf -inf; do
    awk -F, -v v=$v 'BEGIN{OFS=","} NR==10 {$5 = v} {print}' "$R/classic/CartPole-v1.csv" > "$T/CartPole-$v.csv"
    "$BIN" env-check "$T/CartPole-$v.csv" >"$T/out" 2>&1; rc=$?
    [ $rc -eq 1 ] && grep -q " exact .* max deviation inf  *MISMATCH$" "$T/out" && grep -q "t 8: s1 = .*, expected $v$" "$T/out" &&
        ok || bad "state $v: rc=$rc $(cat "$T/out")"
done
awk -F, 'BEGIN{OFS=","} NR==50 {$5 = "nan"} {print}' "$R/classic_native/CartPole-v1.csv" > "$T/native-nan.csv"
"$BIN" env-check --mode step "$T/native-nan.csv" >"$T/out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q " step .* max deviation inf  *MISMATCH$" "$T/out" && ok || bad "step mode, state nan: rc=$rc $(cat "$T/out")"
sed '7s/ reward 0 / reward 1 /' "$R/minatar/breakout.txt" > "$T/breakout.txt"
"$BIN" env-check "$T/breakout.txt" >"$T/out" 2>&1; rc=$?
cmp -s "$T/breakout.txt" "$R/minatar/breakout.txt" && bad "tampering sed changed nothing" || ok
[ $rc -ne 0 ] && ok || bad "tampered breakout accepted"
printf 'episode,t,action,s0\n0,0,-1,abc\n' > "$T/bad.csv"
"$BIN" env-check "$T/bad.csv" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && ok || bad "malformed file: rc=$rc $(cat "$T/err")"
"$BIN" env-check "$T/missing.csv" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "missing file should exit 2"
"$BIN" env-check "$R/classic" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q "classic is a folder: give the files in it (e.g. $R/classic/\*.csv)\$" "$T/err" && ok || bad "a folder: rc=$rc $(cat "$T/err")"
# refdata/ itself: its files are one folder down, and the example says so (it said refdata/*.csv, which names nothing)
"$BIN" env-check "$R" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q "is a folder: give the files in it (e.g. $R/\*/\*.csv or $R/\*/\*.txt)\$" "$T/err" && ok || bad "refdata's folder: rc=$rc $(cat "$T/err")"
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
# --tol 0 (exact equality) is refused, pointing to the mode that compares bit for bit
"$BIN" env-check --mode step --tol 0 "$f" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q -- "^scorer: --tol 0: give a positive number such as 1e-10 (for bit-identical states: --mode exact)$" "$T/err" && ok ||
    bad "--tol 0 names --mode exact: rc=$rc $(cat "$T/err")"
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
[ $rc -eq 2 ] && grep -q "hello.txt is in no format env-check reads" "$T/err" && grep -q " ok$" "$T/out" && ok || bad "unrecognised file beside a good one: rc=$rc $(cat "$T/err")"
# a text opening with '#' (refdata's README.md) is no MinAtar file: it was replayed as one, refused for its second line
printf '# Reference trajectories\n\nMade by running the references\n' >"$T/README.md"
"$BIN" env-check "$T/README.md" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && [ ! -s "$T/out" ] &&
    grep -q "^scorer: $T/README.md is in no format env-check reads (a classic-control CSV starting 'episode,t,action', or a MinAtar text file" "$T/err" &&
    ok || bad "a README.md: rc=$rc $(cat "$T/err")"
# --mode step of a MinAtar file: replayed exactly, as always, and a note on stderr says so (the line said exact unexplained)
"$BIN" env-check --mode step "$R/minatar/breakout.txt" "$R/minatar/freeway.txt" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 0 ] && [ "$(grep -c " exact .* ok$" "$T/out")" -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q "^scorer: note: $R/minatar/breakout.txt is a MinAtar file: MinAtar files are always replayed exactly (--mode step and --tol are for classic-control CSVs)$" "$T/err" &&
    ok || bad "--mode step of MinAtar files: rc=$rc $(cat "$T/out" "$T/err")"
"$BIN" env-check --mode step "$R/classic_native/CartPole-v1.csv" >/dev/null 2>"$T/err" && [ ! -s "$T/err" ] && ok || bad "--mode step of a classic file: no note: $(cat "$T/err")"
# malformed files: each alone exits 2 with one line naming the file and its problem; all of them in one command
# beside two valid files get one line each, and the valid files are still replayed and reported
C="$R/classic/CartPole-v1.csv"; M="$R/minatar/breakout.txt"; X=tests/refdata/classic/CartPole-v1.csv.xz
head -n 50 "$C" > "$T/good.csv" # its first episode, to the row that ends it
sed '/^end /q' "$M" > "$T/good.txt" && echo eof >> "$T/good.txt" # its first episode
mkdir -p "$T/named" "$T/dir.csv"
head -n 40 "$C" | sed '1s/,truncated$//' > "$T/nocol.csv"
head -n 40 "$C" | sed '1s/,s3,/,/' > "$T/named/CartPole-v1.csv"
head -n 40 "$C" | sed '1s/,s3,obs0,obs1,obs2,obs3,/,s3,s4,obs0,obs1,obs2,obs3,obs4,/' > "$T/nine.csv"
head -n 40 "$C" | awk -F, 'BEGIN { OFS = "," } NR == 4 { NF -= 2 } { print }' > "$T/short.csv"
head -n 40 "$C" | awk -F, 'BEGIN { OFS = "," } NR == 3 { $5 = "1.5e" } { print }' > "$T/nan.csv"
head -c 3000 "$X" > "$T/cut.csv.xz"
sed '4s/ game breakout / game pong /' "$T/good.txt" > "$T/pong.txt"
sed '4s/ channels 4 / channels 5 /' "$T/good.txt" > "$T/channels.txt"
sed '6s/^obs 33 /obs 34 /' "$T/good.txt" > "$T/count.txt"
sed '6s/ 376$/ 400/' "$T/good.txt" > "$T/cell.txt"
sed '7s/ reward 0 / rew@rd 0 /' "$T/good.txt" > "$T/garbled.txt"
sed '7s/^step 1 .*/st#p 1/' "$T/good.txt" > "$T/unknown.txt"
sed '$d' "$T/good.txt" > "$T/noeof.txt"
: > "$T/empty.txt"
# cut classic files: each episode must end at a row with terminated or truncated (before the next t = 0 row and at
# the end of the file), and episodes be numbered one by one; these were replayed as "ok" (exit 0)
N="$R/classic_native/CartPole-v1.csv"; mkdir -p "$T/classic_native"
head -n 1930 "$R/classic/MountainCar-v0.csv" > "$T/mc_cut.csv"        # ends in episode 9, at t 119
sed 100d "$C" > "$T/cp_del.csv"                                     # episode 3's terminal row (t 17) lost
sed 100d "$N" > "$T/classic_native/cp_del.csv"                      # the same in the native file (step mode)
head -n 101 "$C" > "$T/cp_reset.csv"                                # ends at episode 4's t = 0 row
awk -F, 'BEGIN { OFS = "," } NR > 1 && $1 >= 4 { $1 = $1 + 1 } { print }' "$C" > "$T/cp_skip.csv" # no episode 4
awk -F, 'BEGIN { OFS = "," } NR == 30 { $(NF - 1) = 1 } { print }' "$C" > "$T/cp_goes_on.csv"
cat > "$T/cases" <<EOF
$T/nocol.csv|$T/nocol.csv:1: bad header (expected episode,t,action,s0..,obs0..,reward,terminated,truncated)
$T/named/CartPole-v1.csv|$T/named/CartPole-v1.csv: file name says CartPole-v1 but the header has 3 state and 4 obs columns
$T/nine.csv|$T/nine.csv: no classic environment has 5 state and 5 obs columns
$T/short.csv|$T/short.csv:4: 12 fields, expected 14
$T/nan.csv|$T/nan.csv:3: field 5 (s1) is not a number: '1.5e'
$T/cut.csv.xz|$T/cut.csv.xz is xz-compressed: decompress it first (xz -dk $T/cut.csv.xz) and give the plain file
$X|$X is xz-compressed: decompress it first
$T/pong.txt|$T/pong.txt:4: unknown MinAtar game 'pong'
$T/channels.txt|$T/channels.txt:4: Breakout-MinAtar has 4 channels, the file says 5
$T/count.txt|$T/count.txt:6: obs line should list 34 cells
$T/cell.txt|$T/cell.txt:6: field 35 of 'obs' should be an integer in [0, 399]
$T/garbled.txt|$T/garbled.txt:7: expected 'reward' as field 7
$T/unknown.txt|$T/unknown.txt:7: unknown line 'st#p'
$T/noeof.txt|$T/noeof.txt:$(wc -l < "$T/noeof.txt"): the file ends without its eof line (truncated?)
$T/mc_cut.csv|$T/mc_cut.csv:1930: episode 9 ends at t 119 without terminated or truncated (the file ends there: cut short?)
$T/cp_del.csv|$T/cp_del.csv:99: episode 3 ends at t 16 without terminated or truncated (line 100 starts episode 4: a row is missing?)
$T/classic_native/cp_del.csv|$T/classic_native/cp_del.csv:99: episode 3 ends at t 16 without terminated or truncated (line 100 starts episode 4
$T/cp_reset.csv|$T/cp_reset.csv:101: episode 4 ends at t 0 without terminated or truncated (the file ends there
$T/cp_skip.csv|$T/cp_skip.csv:101: episode 5 follows episode 3 (episodes are numbered one by one)
$T/cp_goes_on.csv|$T/cp_goes_on.csv:31: episode 0 goes on after its terminated row (line 30: an episode ends at the first row with either flag)
$T/empty.txt|$T/empty.txt is empty (expected a refdata classic CSV or MinAtar text file)
$T/dir.csv|$T/dir.csv is a folder: give reference files (it holds no .csv or .txt, nor folders of them)
$T/missing.txt|cannot open $T/missing.txt: No such file or directory
$T/good.csv/x|cannot open $T/good.csv/x: Not a directory
/proc/self/mem|cannot read /proc/self/mem: Input/output error
EOF
all=""; nbad=0
while IFS='|' read -r f want; do
    "$BIN" env-check "$f" >"$T/out" 2>"$T/err"; rc=$?
    [ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -qF "scorer: $want" "$T/err" && [ ! -s "$T/out" ] && ok ||
        bad "env-check $f: rc=$rc, want 'scorer: $want', got '$(cat "$T/err" "$T/out")'"
    all="$all $f"; nbad=$((nbad + 1))
done < "$T/cases"
"$BIN" env-check "$T/good.csv" $all "$T/good.txt" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq $nbad ] && [ "$(grep -c '^scorer: ' "$T/err")" -eq $nbad ] &&
    grep -q "^$T/good.csv  *CartPole-v1 .* ok$" "$T/out" && grep -q "^$T/good.txt  *Breakout-MinAtar .* ok$" "$T/out" &&
    [ "$(wc -l <"$T/out")" -eq 2 ] && ok || bad "$nbad malformed files between two valid ones: rc=$rc $(cat "$T/out" "$T/err")"
while IFS='|' read -r f want; do
    grep -qF "scorer: $want" "$T/err" && ok || bad "env-check of all: no line '$want'"
done < "$T/cases"
echo "cli_envcheck: $pass passed, $fail failed"
[ $fail -eq 0 ]
