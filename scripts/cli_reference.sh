#!/bin/sh
# cli_reference.sh [SCORER_BIN] - writes docs/CLI.md to stdout: the command-line reference, made of the
# --help text of every command, so it cannot drift from the tool (tests/cli_report.sh compares).
#   sh scripts/cli_reference.sh bin/scorer > docs/CLI.md
BIN=${1:-bin/scorer}
cat <<'HEAD'
# Command-line reference

Generated from `scorer --help` and `scorer COMMAND --help` by `scripts/cli_reference.sh`; the tests
fail when it differs from what the tool prints (regenerate it with
`sh scripts/cli_reference.sh bin/scorer > docs/CLI.md`).

Exit status (errors are reported in one line, `scorer: <problem> (<what to do>)`;
`docs/ROBUSTNESS.md` lists every case):

| status | meaning |
|---|---|
| 0 | success |
| 1 | a runtime failure: a seed diverged or could not run, a reference mismatch (`env-check`), gnuplot missing (`plot`), a folder or file that `summary`, `plot` or `ckpt-info` cannot read or refuses, a sweep point that another process is running (`sweep --task`) |
| 2 | a usage error: unknown command, option or value, or an unreadable input of `train`, `compare`, `sweep`, `eval`, `play` or `env-check` |
| 130 | interrupted by SIGINT or SIGTERM after every seed checkpointed (`--resume DIR` continues) |
HEAD
printf '\n## scorer\n\n```\n'
"$BIN" --help
printf '```\n'
for c in train compare sweep env-check summary plot ckpt-info play eval; do
    printf '\n## scorer %s\n\n```\n' "$c"
    "$BIN" "$c" --help
    printf '```\n'
done
