/* cli.h - the subcommands and the option parsing they share. */
#ifndef SCORER_CLI_H
#define SCORER_CLI_H
#include "scorer/config.h"
#include "scorer/provenance.h" /* SCORER_VERSION */

int cmd_train(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_envcheck(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_ckpt_info(int argc, char **argv);
int cmd_play(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_sweep(int argc, char **argv);

/* Prints "scorer: <msg>" to stderr; returns 2 (usage/input error exit status). The library's advice in msg, in
 * terms of its settings and calls, is said with the tool's flags ("choose another folder": "choose another --out";
 * "raise total_timesteps": "raise --steps"), as cli_warn says it. */
int cli_fail(const char *fmt, ...);
/* The command line, whose arguments (paths, values) cli_fail and cli_warn never rewrite. */
void cli_set_args(int argc, char **argv);
/* Prints "scorer: warning: <msg>" to stderr, the library's advice in it said as cli_fail says it. */
void cli_warn(const char *fmt, ...);
/* 1 when option argv[i] has no value: it is the last argument, or the next one is an option ("--x"),
 * so that `--out --quiet` is refused instead of writing a folder named --quiet. */
int cli_no_value(int argc, char **argv, int i);
/* An option's whole number in [lo, hi], decimal only as settings take numbers (config_parse_number:
 * not 0x10, " 5", 5.5): 0 and *v, or -1. */
int cli_parse_long(const char *s, long lo, long hi, long *v);
/* The same for a number in [lo, hi]. */
int cli_parse_double(const char *s, double lo, double hi, double *v);
/* 1 if o is one of options[0 .. n-1]. */
int cli_known(const char *o, const char *const *options, int n);
/* The refusal of an unknown option o of scorer cmd, with the option it most likely meant among
 * options[0 .. n-1] (suggest.h); returns 2. */
int cli_unknown_option(const char *o, const char *cmd, const char *const *options, int n);

typedef struct RunArgs {
    ConfigPairs pairs;          /* config file, then --set, then flags: later wins */
    char algos[CONFIG_MAX_ALGOS][32];
    int n_algos;
    int quiet, help, dry_run;
    char resume[1024];          /* --resume DIR ("" when absent); pairs then hold only --threads */
} RunArgs;

/* Parses the options shared by train, compare and sweep (cmd): train takes --algo, the others --algos.
 * Returns 0, or an exit status after printing the error. */
int cli_parse_run_args(int argc, char **argv, const char *cmd, RunArgs *a);
/* Installs the SIGINT/SIGTERM handlers: the first signal sets the returned flag and prints "stopping:
 * <doing>" (train: every seed then checkpoints and stops), a second exits at once with status 130,
 * printing "exited at once: <at_once>" (what is left and how to go on; NULL: nothing more). */
const _Atomic int *cli_catch_stop(const char *doing, const char *at_once);
/* The default output folder dir (runs/<env>-<algo>-<time>, not given with --out) claimed by making it: dir
 * itself, else the first of dir-2, dir-3, ... that mkdir creates (a taken name is never reused, and two
 * processes never get one folder). dir (len bytes) is rewritten to the folder made. 0, or an exit status
 * with the message printed. */
int cli_claim_out(char *dir, size_t len);
/* Removes a claimed folder (cli_claim_out) of a command that refused: the files and folders it may have made
 * there, made[0 .. n_made-1] (paths inside dir, a folder after the files in it; e.g. run.lock, config.ini, ckpt),
 * then dir itself, so that no empty or half run folder stays. Only when dir holds nothing else (a seed's CSV or
 * checkpoint: a run that trained, which --resume continues): then it is left as it is. */
void cli_unclaim_out(const char *dir, const char *const *made, int n_made);
/* For a command with nothing to finish (plot): SIGINT/SIGTERM remove the files being written and exit 130. */
void cli_exit_on_signal(void);
/* 1 when the settings p resolve to checkpoint_every = -1: no checkpoint is written, not even on
 * Ctrl-C, so an interruption must not promise one. */
int cli_checkpoints_off(const ConfigPairs *p);
/* The warning of a new run of scorer cmd without checkpoints (checkpoint_every = -1): scorer eval cannot play
 * its agents and an interruption cannot be resumed. Shown under --quiet too, as every warning. */
void cli_warn_no_checkpoints(const char *cmd);
/* Resolves each algorithm's configuration from p into c (n_algos of them), as a run does. Returns 0, or -1
 * when one does not resolve (the run itself says why). */
int cli_resolve_algos(const ConfigPairs *p, char algos[][32], int n_algos, RunConfig *c);
/* One warning line for each key set by --set or --grid in p that none of algos[0 .. n-1] reads
 * (config_key_used): dqn with --set follower_lr; one when total_timesteps is not whole steps of the
 * num_envs envs (what each seed trains instead); and PQN's schedule note (cli_schedule_note). Quiet when p
 * does not resolve (the run says why). */
void cli_warn_settings(const ConfigPairs *p, char algos[][32], int n_algos);
/* The note of a run c (settings p) that explores past its end (config_schedule_note), with the command line's
 * advice: --set KEY=N (decay_horizon for PQN, eps_anneal_timesteps for the DQN family), or, when KEY is a --grid
 * axis of p (a --set would contradict it), values near N in --grid. 1 with msg, else 0. */
int cli_schedule_note(const RunConfig *c, const ConfigPairs *p, char *msg, size_t len);
/* The schedule notes of one run's algorithms (c[0..n_algos)), as warnings: one line for those with the same
 * note, "POINT" then "A and B: note" (POINT: "" or a sweep's "p001 "). An algorithm whose note is skip[k]'s
 * (skip may be NULL) is not said again. Returns the lines said. */
int cli_warn_schedules(const RunConfig *c, const ConfigPairs *p, char algos[][32], int n_algos, const char *point,
                       char (*skip)[600]);
/* Continuing work that manifest (run.ini, sweep.ini) says another build started: one warning line. */
void cli_warn_provenance(const char *manifest);
/* One warning line for an output of a finished run that could not be made (the run itself is whole):
 * "scorer: warning: WHAT: WHY (scorer REDO DIR DOES)", REDO being the command that makes it later from
 * the folder (plot, summary). Shown under --quiet too. */
void cli_warn_redo(const char *what, const char *why, const char *redo, const char *dir, const char *does);
/* Splits "a,b,c" into algos[0 .. *n-1] (at most CONFIG_MAX_ALGOS), each a known algorithm, listed
 * once. Returns 0 or an exit status (the message printed). */
int cli_split_algos(const char *list, char algos[][32], int *n);

#endif
