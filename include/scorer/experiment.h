/* experiment.h - run every (algorithm, seed) job of a train or compare command on worker
 * threads, show progress, and write the run folder: per-seed CSVs, resolved configs and
 * summary.json (and plots, for compare). */
#ifndef SCORER_EXPERIMENT_H
#define SCORER_EXPERIMENT_H
#include "scorer/config.h"
#include "scorer/trainer.h"

typedef struct Experiment {
    RunConfig base;             /* resolved for algos[0]; per-algo configs below */
    RunConfig cfg[CONFIG_MAX_ALGOS];
    int n_algos;
    int nested;                 /* 1: DIR/<algo>/seed_k.csv (compare); 0: DIR/seed_k.csv (train) */
    int progress;               /* live progress line on stderr */
    SeedResult *results;        /* (n_algos * num_seeds), algorithm-major */
    int n_failed;
} Experiment;

/* algos: the algorithms to run (train: one). Returns 0 when every job ran (some may have
 * diverged: n_failed), -1 on a setup or output error (err says what and how to fix it). */
int experiment_run(Experiment *x, const ConfigPairs *pairs, char algos[][32], int n_algos, int nested,
                   int progress, char *err, size_t errlen);
void experiment_free(Experiment *x);
/* Writes DIR/summary.json from the results (statistics per algorithm). */
int experiment_write_summary(const Experiment *x, char *err, size_t errlen);
/* Prints the comparison table (final return mean/std, IQM with 95% CI, AUC, SPS). */
void experiment_print_table(const Experiment *x, FILE *f);

#endif
