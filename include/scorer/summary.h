/* summary.h - the statistics of a finished (or interrupted) run folder: built from an Experiment
 * after training, written as DIR/summary.json, read back from it, or rebuilt from the per-seed
 * CSVs when summary.json is missing (summary.c); printed as the comparison table (summary_table.c). */
#ifndef SCORER_SUMMARY_H
#define SCORER_SUMMARY_H
#include <stdint.h>
#include <stdio.h>
#include "scorer/experiment.h"
#include "scorer/table.h"

#define SUMMARY_BOOT_SEED 20240611u  /* bootstrap Rng seed (stream: a hash of the algorithm) */
#define SUMMARY_CONF 0.95

typedef struct SummaryAlgo {
    char algo[32];
    int n;                    /* seeds run */
    long *seed;               /* (n,) */
    double *final_return;     /* (n,) NAN when failed or unknown */
    double *auc, *sps, *wall_s; /* (n,) NAN when unknown */
    long *timesteps;          /* (n,) -1 when unknown */
    int *failed;              /* (n,) 1: diverged, could not start, or curve cut short; 2: not finished, the run
                                 being in progress or stopped (CSV fallback; the table says "not finished") */
    long *diverged_at;        /* (n,) -1 or the timestep of the first non-finite loss */
    char (*error)[1400];      /* (n,) why it failed ("" when ok; room for a resume command with a long path) */
    /* the good seeds that ended fewer episodes than their envs (their final return holds LogWrapper 0s):
       how many, the first one, the episodes it ended and its envs; read from the seed CSVs by summary_load */
    int n_short;
    long short_seed, short_ended, num_envs;
    /* statistics over the n_ok seeds that did not fail (NAN when n_ok == 0) */
    int n_ok;
    double mean, std, iqm, iqm_ci[2], auc_mean, sps_median;
} SummaryAlgo;

typedef struct SummaryPI {    /* P(algo[x] > algo[y]) on final return, with its 95% CI */
    int x, y;
    double p, ci[2];
} SummaryPI;

typedef struct SummaryAcross { /* P(x > y) averaged over environments, each one task, with its 95% CI */
    char x[32], y[32];
    int n_tasks;
    double p, ci[2];
} SummaryAcross;

typedef struct Summary {
    char dir[1024];
    char env[64];
    long steps;
    int from_csv;             /* 1: summary.json was missing; rebuilt from the seed CSVs */
    int resamples;            /* the bootstrap resamples behind its intervals: a summary.json's own (2000
                                 before 2026-11-28), else STATS_DEFAULT_RESAMPLES */
    int n_algos;
    SummaryAlgo algo[CONFIG_MAX_ALGOS];
    int n_pi;
    SummaryPI pi[CONFIG_MAX_ALGOS];
    Provenance prov;          /* the build that started the run ("provenance"); empty when unrecorded */
    Provenance resumed_by;    /* the build that resumed it when another ("resumed_by"); else empty */
} Summary;

/* Per-seed data of x (statistics not yet computed). Returns 0 or -1 (out of memory). */
int summary_from_experiment(Summary *s, const Experiment *x, char *err, size_t errlen);
/* Computes every statistic (mean, std, IQM and its CI, AUC mean, median SPS) from the per-seed
 * data, and P(scorer-X > X) for each pair present. Returns 0 or -1 (out of memory). */
int summary_compute(Summary *s, char *err, size_t errlen);
/* The summary.json document (DESIGN.md format plus extras); NaN/Inf written as null. */
void summary_write_json(const Summary *s, FILE *f);
/* Parses a summary.json text (len bytes; name is used in messages). Returns 0, -1 with err
 * naming the file, the place and what is wrong, or -2 when out of memory (the text may be fine). */
int summary_parse_json(Summary *s, const char *text, size_t len, const char *name, char *err, size_t errlen);
/* Rebuilds a summary from DIR's seed CSVs and config.ini (see summary.c for the definitions). Returns 0,
 * or with err: -1 (not a run, or a file of it damaged or unreadable) or -2 (out of memory). */
int summary_load_csv(Summary *s, const char *dir, char *err, size_t errlen);
/* DIR/summary.json when present, else the CSV fallback. Returns 0, or with err: -1 (the folder's
 * files are not a summary: damaged, or not a run), -2 (out of memory; the files may be fine) or -3
 * (summary.json, or a seed CSV read for its episode count, exists but cannot be read). */
int summary_load(Summary *s, const char *dir, char *err, size_t errlen);
/* The table: one row per algorithm, P(scorer-X > X) lines and failed seeds below. n > 1 prints
 * the folders side by side in one table with a column naming the folder. Returns 0, or -1 when out
 * of memory, having printed nothing. */
int summary_print_table(const Summary *s, int n, FILE *f);
/* The table's footnote when the smallest group of the n summaries with a good seed has 1 to 4 of them and
 * some group has two or more (an interval is shown): the IQM is the mean below 4, the intervals cover less
 * than 95%, and P at 0 or 1 is no certainty. Prints nothing otherwise. */
void summary_print_few_seeds(const Summary *s, int n, FILE *f);
/* The same footnote from the counts: fewest, the good seeds of the smallest group with one or more, and
 * widest, those of the largest (a sweep's table counts its points' groups). */
void summary_print_few_seeds_note(int fewest, int widest, FILE *f);
/* P(scorer-X > X) across the environments of n summaries (rliable's probability of improvement over
 * tasks, task-stratified bootstrap), for each pair held by two or more whose environments all differ.
 * Fills at most max entries of out; returns how many, or -1 when out of memory. */
int summary_across(const Summary *s, int n, SummaryAcross *out, int max);
/* The P(x > y) entry of s whose x is the algorithm named x, or NULL. */
const SummaryPI *summary_pi_of(const Summary *s, const char *x);
/* The note under a table when good seeds of a ended fewer episodes than their envs (their final return holds
 * the LogWrapper's 0s); "WHERE: " first unless where is NULL. Prints nothing otherwise. */
void summary_print_short_note(const SummaryAlgo *a, const char *where, FILE *f);
/* What an across-environment line a of the n summaries adds when some of its environments' seeds ended
 * fewer episodes than envs: "; in Acrobot-v1 seeds ended fewer episodes than envs (see the note)". */
void summary_print_across_short(const Summary *s, int n, const SummaryAcross *a, FILE *f);
/* One algorithm's table cells: seeds (ok/run), final return mean ± std, IQM [95% CI], AUC, SPS. */
void summary_algo_cells(const SummaryAlgo *a, TableCell cells[5]);
/* Appends algorithm name with n seeds, every per-seed value unknown, for the caller to fill (then
 * summary_compute). Returns it, or NULL when out of memory or full. */
SummaryAlgo *summary_add_algo(Summary *s, const char *name, int n);
/* Keeps only the algorithms named in algos (n names; the folder's order is kept) and the P lines of
 * pairs both kept; frees the rest. Returns how many are left. */
int summary_keep_algos(Summary *s, const char *const *algos, int n);
void summary_free(Summary *s);

#endif
