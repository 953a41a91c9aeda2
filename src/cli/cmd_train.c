/* cmd_train.c - scorer train and scorer compare: run jobs, write the run folder, print the table. */
#include "cli.h"
#include "scorer/shellword.h"
#include "scorer/experiment.h"
#include "scorer/plot.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void help(int compare) {
    if (compare)
        printf("usage: scorer compare [--env NAME] [--algos A,B,...] [--seeds K] [--seed S] [--steps N]\n"
               "                      [--out DIR] [--threads T] [--config FILE.ini] [--set key=value ...] [--quiet]\n\n"
               "Trains every algorithm (default scorer-dqn,dqn) on one environment over K seeds (default 10)\n"
               "in parallel and writes DIR/<algo>/seed_<k>.csv, DIR/<algo>/config.ini and DIR/summary.json,\n"
               "then prints a table: final return (mean over the last 10%% of training) mean and std, IQM with\n"
               "a 95%% bootstrap CI, area under the curve, and speed.\n"
               "Seeds: 0 to K-1; --seed S starts them at S (seeds S to S+K-1: --seed leaves K as it is).\n\n");
    else
        printf("usage: scorer train [--env NAME] [--algo ALGO] [--seeds K] [--seed S] [--steps N] [--out DIR]\n"
               "                    [--threads T] [--config FILE.ini] [--set key=value ...] [--quiet]\n\n"
               "Trains one algorithm over one or more seeds (in parallel, one per worker thread) and writes\n"
               "DIR/seed_<k>.csv (timesteps, mean episode return, losses, epsilon), DIR/config.ini (the resolved\n"
               "configuration, re-runnable with --config) and DIR/summary.json.\n"
               "Seeds: --seeds K trains seeds 0 to K-1 (default 1); --seed S trains seed S alone (whatever\n"
               "num_seeds a --config file holds), and with --seeds K seeds S to S+K-1.\n\n");
    printf("Checkpoints: every checkpoint_every timesteps (default every 10%% of the run; --checkpoint-every N)\n"
           "each seed saves its whole state to DIR/[<algo>/]ckpt/seed_<k>.ckpt. Ctrl-C (SIGINT) or SIGTERM\n"
           "checkpoints and exits; --resume DIR continues from the newest checkpoints, bit-identically.\n"
           "  --resume DIR        continue an interrupted run (only --threads and --quiet may be added)\n"
           "  --dry-run           print the resolved configuration(s) and exit: nothing is trained or written;\n"
           "                      refused as the run would be, its --out folder too\n"
           "  --checkpoint-every N  timesteps between checkpoints (-1: never, and no ckpt/ folder: scorer eval\n"
           "                      cannot play the agents, --resume starts the seeds over; a warning says so)\n"
           "  --quiet             no progress line and no table: only the files (and errors, warnings)\n"
           "The other flags set keys below: --env env, --seed seed, --seeds num_seeds, --steps total_timesteps,\n"
           "--out out, --threads threads, %s.\n"
           "Without --out the run gets a folder of its own: runs/<env>-%s-<time>, or with -2, -3, ... added when a\n"
           "run of the same second has it.\n\n",
           compare ? "and --algos lists the algorithms (default scorer-dqn,dqn); every algorithm trains the\n"
                     "same budget: --steps, else the first algorithm's default" : "--algo algo",
           compare ? "compare" : "<algo>");
    printf("Algorithms: %s\n", config_algo_list());
    printf("Environments:");
    for (int i = 0; i < env_count(); i++) printf(" %s", env_at(i)->name);
    printf("\nDefaults follow the paper's reference configuration (docs/METHOD.md) per environment family (classic control or MinAtar) and algorithm.\n"
           "Precedence: --config file < --set key=value < flags (--env, --steps, ...); a flag and a --set that\n"
           "give one key two values are refused.\n\n");
    printf("Keys that take one of a few words (the settings below show their defaults):\n"
           "  env_preset        default|minatar|gymnax (default is gymnax: gymnax 0.0.9's MinAtar rules, no sticky\n"
           "                    actions; minatar: the original's, sticky actions with probability 0.1)\n"
           "  follower_loss     msbe|variance\n"
           "  activation        relu|tanh\n"
           "  optimizer         adam|radam\n\n");
    config_print_keys(stdout, compare ? "compare" : "train");
}

/* --resume DIR: the algorithms from DIR/run.ini and each one's settings from its config.ini. */
static int load_resume(RunArgs *a, int compare, ConfigPairs *per) {
    char path[1200], command[16], err[1400];
    snprintf(path, sizeof path, "%s/run.ini", a->resume);
    cli_warn_provenance(path);
    const ConfigPairs extra = a->pairs; /* --threads */
    if (experiment_resume_pairs(a->resume, command, a->algos, &a->n_algos, per, &extra, err, sizeof err)) return cli_fail("%s", err);
    const char *want = compare ? "compare" : "train";
    char q[2100];
    if (strcmp(command, want))
        return cli_fail("%s was started by scorer %s: resume it with scorer %s --resume %s", a->resume, command, command,
                        shellword_quote(q, sizeof q, a->resume));
    for (int k = 0; k < a->n_algos; k++) /* a program's own environment (env_register): only that program resumes it */
        for (int i = 0; i < per[k].n; i++)
            if (!strcmp(per[k].key[i], "env") && !env_find(per[k].val[i]))
                return cli_fail("%s trained on %s, which is not built in: the program that registered it resumes the run "
                                "(train_check_resume, trainee_init; docs/LIBRARY.md)", a->resume, per[k].val[i]);
    return 0;
}

/* 1 when every algorithm's settings resolve (else the run says why, before making any folder). */
static int settings_resolve(RunArgs *a) {
    static RunConfig c[CONFIG_MAX_ALGOS]; /* large: not on the stack */
    return cli_resolve_algos(&a->pairs, a->algos, a->n_algos, c) == 0;
}

/* The out setting (the last one wins), or -1. */
static int out_setting(const RunArgs *a) {
    int k = -1;
    for (int i = 0; i < a->pairs.n; i++) if (!strcmp(a->pairs.key[i], "out")) k = i;
    return k;
}

/* --dry-run: each algorithm's resolved configuration, as config.ini would hold it (its floats in their
 * shortest form), and nothing else; refused as the run would be, its out folder too (the default one is
 * the run's own, made by the run: nothing to check). */
static int dry_run(RunArgs *a, int compare) {
    static RunConfig base, c[CONFIG_MAX_ALGOS];
    char err[1400];
    if (config_resolve_as(&base, &a->pairs, a->algos[0], err, sizeof err)) return cli_fail("%s", err);
    for (int k = 0; k < a->n_algos; k++) {
        c[k] = base;
        if (config_for_algo(&c[k], a->algos[k], &a->pairs, err, sizeof err)) return cli_fail("%s", err);
    }
    for (int k = 0; k < a->n_algos; k++) {
        if (compare) printf("%s# ---- %s: %s/%s/config.ini\n", k ? "\n" : "", c[k].algo, c[k].out, c[k].algo);
        config_print(&c[k], stdout); /* for people: gamma = 0.99; it re-runs to the same configuration */
    }
    return 0;
}

/* A given out folder the run would refuse (experiment_check_folder), refused before any warning about the
 * settings, so that the refusal is the one line said; the dry run's check too. The default folder is the run's
 * own, made by it: nothing to check. */
static int refuse_out(RunArgs *a, int compare) {
    static RunConfig c;
    char err[1400];
    const int out_k = out_setting(a);
    if (out_k < 0 || !strcmp(a->pairs.origin[out_k], "default")) return 0;
    if (config_resolve_as(&c, &a->pairs, a->algos[0], err, sizeof err)) return 0; /* the run (or dry run) says why */
    if (experiment_check_folder(c.out, a->algos, a->n_algos, compare, 0, err, sizeof err)) return cli_fail("%s", err);
    return 0;
}

/* The claimed default folder of a run refused by experiment_run: what experiment_run makes there before training
 * goes (its files and folders, in each algorithm's folder of a compare), and the folder with them. */
static void unclaim(const char *dir, const RunArgs *a, int compare) {
    static char paths[CONFIG_MAX_ALGOS * 3][48];
    static const char *const top[] = {".write-test", "config.ini", "ckpt", "run.ini", "run.lock"}; /* the lock last */
    const char *made[CONFIG_MAX_ALGOS * 3 + 5];
    int n = 0;
    for (int k = 0; compare && k < a->n_algos; k++) { /* DIR/<algo>/...: a folder after what it holds */
        snprintf(paths[3 * k], sizeof paths[0], "%s/config.ini", a->algos[k]);
        snprintf(paths[3 * k + 1], sizeof paths[0], "%s/ckpt", a->algos[k]);
        snprintf(paths[3 * k + 2], sizeof paths[0], "%s", a->algos[k]);
        for (int j = 0; j < 3; j++) made[n++] = paths[3 * k + j];
    }
    for (int j = 0; j < 5; j++)
        if (!compare || (strcmp(top[j], "config.ini") && strcmp(top[j], "ckpt"))) made[n++] = top[j];
    cli_unclaim_out(dir, made, n);
}

static int run(int argc, char **argv, int compare) {
    static RunArgs a;
    static ConfigPairs per[CONFIG_MAX_ALGOS];
    const ConfigPairs *pairs[CONFIG_MAX_ALGOS];
    int rc = cli_parse_run_args(argc, argv, compare ? "compare" : "train", &a);
    if (rc) return rc;
    if (a.help) { help(compare); return 0; }
    const int resume = a.resume[0] != 0;
    if (resume && (rc = load_resume(&a, compare, per))) return rc;
    for (int k = 0; k < a.n_algos; k++) pairs[k] = resume ? &per[k] : &a.pairs;
    if (!resume && (rc = refuse_out(&a, compare))) return rc;
    if (!resume) cli_warn_settings(&a.pairs, a.algos, a.n_algos);
    if (a.dry_run) return dry_run(&a, compare);
    static Experiment x;
    char err[600];
    int out_k = resume ? -1 : out_setting(&a), claimed = 0; /* the out setting, and whether its folder was made here (the default's) */
    if (out_k >= 0 && !strcmp(a.pairs.origin[out_k], "default") && settings_resolve(&a)) {
        /* runs/<env>-<algo>-<time> is the run's own: taken (another run that second), the next free -2, -3, ... */
        if ((rc = cli_claim_out(a.pairs.val[out_k], sizeof a.pairs.val[out_k]))) return rc;
        claimed = 1;
    }
    const char *dir = resume ? a.resume : out_k >= 0 ? a.pairs.val[out_k] : "";
    const int no_ckpt = cli_checkpoints_off(pairs[0]);
    if (no_ckpt && !resume) cli_warn_no_checkpoints(compare ? "compare" : "train");
    char qd[2100], at_once[2300];
    const char *qdir = shellword_quote(qd, sizeof qd, dir), *cmd = compare ? "compare" : "train";
    if (no_ckpt)
        snprintf(at_once, sizeof at_once, "no checkpoint was written (checkpoint_every = -1), so scorer %s --resume %s starts "
                 "its seeds over", cmd, qdir);
    else
        snprintf(at_once, sizeof at_once, "the checkpoints written before remain in %s (continue from them with: scorer %s "
                 "--resume %s)", dir, cmd, qdir);
    const _Atomic int *stop = cli_catch_stop(no_ckpt ? "no checkpoints (checkpoint_every = -1)" : "writing checkpoints", at_once);
    int progress = !a.quiet && isatty(2);
    if (experiment_run(&x, pairs, a.algos, a.n_algos, compare, progress, resume, stop, err, sizeof err)) {
        if (claimed) unclaim(a.pairs.val[out_k], &a, compare);
        experiment_free(&x);
        return cli_fail("%s", err);
    }
    if (x.n_interrupted) {
        char q[2100];
        const char *qout = shellword_quote(q, sizeof q, x.base.out);
        if (x.base.checkpoint_every < 0)
            fprintf(stderr, "scorer: interrupted; no checkpoint was written (checkpoint_every = -1), so scorer %s --resume %s "
                            "starts its seeds over\n", compare ? "compare" : "train", qout);
        else
            fprintf(stderr, "scorer: interrupted; checkpoints are in %s (continue with: scorer %s --resume %s)\n", x.base.out,
                    compare ? "compare" : "train", qout);
        experiment_free(&x);
        return 130;
    }
    if (x.n_stopped) { /* each seed's checkpoint is its last good one: the run continues once the cause is fixed */
        char q[2100];
        experiment_print_failures(&x, stderr, "");
        fprintf(stderr, "scorer: the run is not over (no summary.json): fix the error above, then continue with scorer %s --resume %s\n",
                compare ? "compare" : "train", shellword_quote(q, sizeof q, x.base.out));
        experiment_free(&x);
        return 1;
    }
    if (!a.quiet && experiment_print_table(&x, stdout))
        cli_warn_redo("the table is not shown", "out of memory", "summary", x.base.out, "shows it");
    for (int k = 0; k < x.n_algos; k++) {
        if (experiment_idle_note(&x, k, err, sizeof err)) cli_warn("%s", err);
        if (experiment_episode_note(&x, k, err, sizeof err)) cli_warn("%s", err);
    }
    const char *dirs[1] = {x.base.out};
    int prc = plot_runs(dirs, 1, NULL, err, sizeof err);
    if (prc == PLOT_ERROR) cli_warn_redo("learning curves not drawn", err, "plot", x.base.out, "draws them");
    else if (prc == PLOT_NO_GNUPLOT && !a.quiet) fprintf(stderr, "scorer: %s\n", err); /* PLOT_NOTHING: the notes say why */
    if (!a.quiet) printf("results in %s%s\n", x.base.out, prc == PLOT_OK ? " (learning curves: returns.png, returns.svg)" : "");
    int failed = x.n_failed;
    experiment_print_failures(&x, stderr, "");
    experiment_free(&x);
    if (failed) {
        fprintf(stderr, "scorer: %d seed(s) failed (the others finished; see the table and summary.json)\n", failed);
        return 1;
    }
    return 0;
}

int cmd_train(int argc, char **argv) { return run(argc, argv, 0); }
int cmd_compare(int argc, char **argv) { return run(argc, argv, 1); }
