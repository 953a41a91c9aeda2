/* stats.h - the statistics of a comparison, as rliable (Agarwal et al., 2021) defines them:
 * mean, sample std, interquartile mean, stratified-bootstrap percentile confidence intervals and
 * the probability of improvement. Pure functions: no I/O, no global state; randomness comes
 * from a caller-given Rng so every interval is reproducible from its seed.
 *
 * Scores of several tasks are passed as StatsTasks: all runs in one array, task t holding
 * x[off[t] .. off[t+1]) (off has n_tasks + 1 entries, off[0] = 0). A comparison on one
 * environment is one task whose runs are the seeds. Callers drop failed (NaN) runs first. */
#ifndef SCORER_STATS_H
#define SCORER_STATS_H
#include "scorer/rng.h"

/* rliable's default: with 2000, the ends of a few-seed interval moved by several percent between
 * bootstrap streams (an end often sits on a jump of the resampled statistic's distribution) */
#define STATS_DEFAULT_RESAMPLES 50000

typedef struct StatsTasks {
    const double *x;    /* (off[n_tasks],) runs, task-major */
    const int *off;     /* (n_tasks + 1,) */
    int n_tasks;
} StatsTasks;

/* An aggregate over a pooled set of runs: x (n,), scratch (n,) free for its use. */
typedef double (*StatsAggregate)(const double *x, int n, double *scratch);

/* x: (n,). NAN for n < 1. */
double stats_mean(const double *x, int n);
/* stats_mean as a StatsAggregate (scratch unused). */
double stats_agg_mean(const double *x, int n, double *scratch);
/* Sample standard deviation (ddof = 1, like numpy's std(ddof=1)); NAN for n < 2 (one run has no
 * spread to estimate). */
double stats_std(const double *x, int n);
/* Interquartile mean = scipy.stats.trim_mean(x, 0.25): sort, drop floor(n/4) runs from each
 * end, mean of the rest. scratch: (n,) or NULL to sort x itself in place. NAN for n < 1. */
double stats_iqm(const double *x, int n, double *scratch);
/* Median (numpy's, the mean of the two middle values for even n). scratch as for stats_iqm. */
double stats_median(const double *x, int n, double *scratch);
/* Ascending sort in place (no allocation). */
void stats_sort(double *x, int n);
/* q-quantile of sorted (n,) by linear interpolation between order statistics (numpy's default
 * "linear" method: position q * (n - 1)). NAN for n < 1. */
double stats_quantile_sorted(const double *sorted, int n, double q);

/* Stratified bootstrap confidence interval of agg(d) (rliable's StratifiedBootstrap with the
 * percentile method): each resample draws, within every task independently, as many runs as the
 * task has, with replacement; agg is applied to the pooled resample; ci gets the
 * (1-conf)/2 and (1+conf)/2 quantiles of the n_boot replicates. Allocates its scratch once.
 * Returns 0, -1 on invalid input (no task, an empty task, n_boot < 1, conf outside (0, 1)),
 * -2 when out of memory. A task of a single run gives no interval: ci is NAN, NAN (returns 0). */
int stats_bootstrap_ci(StatsTasks d, StatsAggregate agg, int n_boot, double conf, Rng *rng, double ci[2]);

/* Probability of improvement P(X > Y): per task, over all pairs (x run, y run),
 * P(x > y) + 0.5 P(x == y) (the Mann-Whitney U statistic / (n_x n_y)), averaged over tasks.
 * x and y must have the same number of tasks. NAN on invalid input. */
double stats_prob_improvement(StatsTasks x, StatsTasks y);
/* Its stratified-bootstrap percentile interval (rliable's StratifiedIndependentBootstrap): X and
 * Y are resampled independently, each within its tasks. Returns as stats_bootstrap_ci. */
int stats_prob_improvement_ci(StatsTasks x, StatsTasks y, int n_boot, double conf, Rng *rng, double ci[2]);

#endif
