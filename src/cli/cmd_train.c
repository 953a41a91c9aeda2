/* cmd_train.c - scorer train and scorer compare: run jobs, write the run folder, print the table. */
#include "cli.h"
#include "scorer/experiment.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void help(int compare) {
    if (compare)
        printf("usage: scorer compare --env NAME [--algos A,B,...] [--seeds K] [--steps N] [--out DIR]\n"
               "                      [--threads T] [--config FILE.ini] [--set key=value ...] [--quiet]\n\n"
               "Trains every algorithm (default scorer-dqn,dqn) on one environment over K seeds (default 10)\n"
               "in parallel and writes DIR/<algo>/seed_<k>.csv, DIR/<algo>/config.ini and DIR/summary.json,\n"
               "then prints a table: final return (mean over the last 10%% of training) mean and std, IQM with\n"
               "a 95%% bootstrap CI, area under the curve, and speed.\n\n");
    else
        printf("usage: scorer train --env NAME --algo ALGO [--seeds K | --seed S] [--steps N] [--out DIR]\n"
               "                    [--threads T] [--config FILE.ini] [--set key=value ...] [--quiet]\n\n"
               "Trains one algorithm over one or more seeds (in parallel, one per worker thread) and writes\n"
               "DIR/seed_<k>.csv (timesteps, mean episode return, losses, epsilon), DIR/config.ini (the resolved\n"
               "configuration, re-runnable with --config) and DIR/summary.json.\n\n");
    printf("Algorithms: %s\n", config_algo_list());
    printf("Environments:");
    for (int i = 0; i < env_count(); i++) printf(" %s", env_at(i)->name);
    printf("\nDefaults follow ../shared/SCORER.md per environment family (classic control or MinAtar) and algorithm.\n"
           "Precedence: --config file < --set key=value < flags (--env, --steps, ...).\n\n");
    config_print_keys(stdout);
}

static int run(int argc, char **argv, int compare) {
    RunArgs a;
    int rc = cli_parse_run_args(argc, argv, compare, &a);
    if (rc) return rc;
    if (a.help) { help(compare); return 0; }
    static Experiment x;
    char err[600];
    int progress = !a.quiet && isatty(2);
    if (experiment_run(&x, &a.pairs, a.algos, a.n_algos, compare, progress, err, sizeof err)) {
        experiment_free(&x);
        return cli_fail("%s", err);
    }
    if (!a.quiet) experiment_print_table(&x, stdout);
    printf("results in %s\n", x.base.out);
    int failed = x.n_failed;
    experiment_free(&x);
    if (failed) {
        fprintf(stderr, "scorer: %d seed(s) failed (see the table and summary.json)\n", failed);
        return 1;
    }
    return 0;
}

int cmd_train(int argc, char **argv) { return run(argc, argv, 0); }
int cmd_compare(int argc, char **argv) { return run(argc, argv, 1); }
