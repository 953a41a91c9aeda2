/* stats.c - mean, std, IQM, stratified bootstrap and probability of improvement (rliable's
 * definitions; see stats.h). */
#include "scorer/stats.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* x: (n,) */
double stats_mean(const double *x, int n) {
    if (n < 1) return NAN;
    double s = 0.0;
    for (int i = 0; i < n; i++) s += x[i];
    return s / n;
}

/* x: (n,) */
double stats_agg_mean(const double *x, int n, double *scratch) {
    (void)scratch;
    return stats_mean(x, n);
}

/* x: (n,); two passes so large offsets do not cancel */
double stats_std(const double *x, int n) {
    if (n < 1) return NAN;
    if (n < 2) return NAN; /* n - 1 = 0: one value has no spread to estimate */
    double m = stats_mean(x, n), s = 0.0;
    for (int i = 0; i < n; i++) s += (x[i] - m) * (x[i] - m);
    if (isinf(s) && isfinite(m)) { /* squares past DBL_MAX (values ~1e155 apart): the same sum, scaled by the largest */
        double a = 0.0, t = 0.0;
        for (int i = 0; i < n; i++) a = fmax(a, fabs(x[i] - m));
        for (int i = 0; i < n; i++) t += ((x[i] - m) / a) * ((x[i] - m) / a);
        return a * sqrt(t / (n - 1));
    }
    return sqrt(s / (n - 1));
}

static int cmp_double(const void *a, const void *b) {
    double u = *(const double *)a, v = *(const double *)b;
    return (u > v) - (u < v);
}

/* x: (n,) sorted in place */
void stats_sort(double *x, int n) {
    if (n > 1) qsort(x, (size_t)n, sizeof *x, cmp_double);
}

/* sorted: (n,) ascending */
double stats_quantile_sorted(const double *sorted, int n, double q) {
    if (n < 1) return NAN;
    if (q <= 0.0) return sorted[0];
    if (q >= 1.0) return sorted[n - 1];
    double pos = q * (n - 1);
    int i = (int)floor(pos);
    double f = pos - i;
    if (i + 1 >= n) return sorted[n - 1];
    return sorted[i] + f * (sorted[i + 1] - sorted[i]);
}

/* x: (n,), scratch: (n,) or NULL. Returns a sorted view of x (scratch, or x itself). */
static double *sorted_copy(const double *x, int n, double *scratch) {
    double *s = scratch ? scratch : (double *)x;
    if (s != x) memcpy(s, x, sizeof *s * (size_t)n);
    stats_sort(s, n);
    return s;
}

/* x: (n,), scratch: (n,) or NULL (then x is sorted in place) */
double stats_iqm(const double *x, int n, double *scratch) {
    if (n < 1) return NAN;
    double *s = sorted_copy(x, n, scratch);
    int cut = n / 4; /* scipy trim_mean: int(0.25 * n) from each end */
    return stats_mean(s + cut, n - 2 * cut);
}

/* x: (n,), scratch: (n,) or NULL (then x is sorted in place) */
double stats_median(const double *x, int n, double *scratch) {
    if (n < 1) return NAN;
    double *s = sorted_copy(x, n, scratch);
    return stats_quantile_sorted(s, n, 0.5);
}

static int tasks_valid(StatsTasks d) {
    if (d.n_tasks < 1 || !d.x || !d.off || d.off[0] != 0) return 0;
    for (int t = 0; t < d.n_tasks; t++)
        if (d.off[t + 1] <= d.off[t]) return 0; /* every task needs at least one run */
    return 1;
}

/* d: runs task-major, out: (d.off[n_tasks],) a resample with each task's runs drawn from that
 * task only (the stratification) */
static void resample_within_tasks(StatsTasks d, Rng *rng, double *out) {
    for (int t = 0; t < d.n_tasks; t++) {
        int a = d.off[t], m = d.off[t + 1] - a;
        for (int i = 0; i < m; i++) out[a + i] = d.x[a + rng_below(rng, (uint32_t)m)];
    }
}

/* rep: (n_boot,) replicates, sorted in place; ci: (2,) */
static void percentile_interval(double *rep, int n_boot, double conf, double ci[2]) {
    stats_sort(rep, n_boot);
    ci[0] = stats_quantile_sorted(rep, n_boot, 0.5 * (1.0 - conf));
    ci[1] = stats_quantile_sorted(rep, n_boot, 0.5 * (1.0 + conf));
}

/* d: N = d.off[n_tasks] runs; scratch: resample (N) + agg scratch (N) + replicates (n_boot) */
/* 1 when some task holds a single run: every resample repeats it, so an interval would have no width
 * however uncertain the run is. */
static int single_run_task(StatsTasks d) {
    for (int t = 0; t < d.n_tasks; t++)
        if (d.off[t + 1] - d.off[t] < 2) return 1;
    return 0;
}

int stats_bootstrap_ci(StatsTasks d, StatsAggregate agg, int n_boot, double conf, Rng *rng, double ci[2]) {
    ci[0] = ci[1] = NAN;
    if (!tasks_valid(d) || !agg || !rng || n_boot < 1 || !(conf > 0.0 && conf < 1.0)) return -1;
    if (single_run_task(d)) return 0;
    const int N = d.off[d.n_tasks];
    double *buf = malloc(sizeof(double) * ((size_t)2 * (size_t)N + (size_t)n_boot));
    if (!buf) return -2;
    double *res = buf, *scr = buf + N, *rep = buf + 2 * N;
    for (int b = 0; b < n_boot; b++) {
        resample_within_tasks(d, rng, res);
        rep[b] = agg(res, N, scr);
    }
    percentile_interval(rep, n_boot, conf, ci);
    free(buf);
    return 0;
}

/* x, y: same n_tasks; per task U / (n_x n_y), mean over tasks */
double stats_prob_improvement(StatsTasks x, StatsTasks y) {
    if (!tasks_valid(x) || !tasks_valid(y) || x.n_tasks != y.n_tasks) return NAN;
    double total = 0.0;
    for (int t = 0; t < x.n_tasks; t++) {
        double u = 0.0;
        for (int i = x.off[t]; i < x.off[t + 1]; i++)
            for (int j = y.off[t]; j < y.off[t + 1]; j++)
                u += x.x[i] > y.x[j] ? 1.0 : x.x[i] == y.x[j] ? 0.5 : 0.0;
        total += u / ((double)(x.off[t + 1] - x.off[t]) * (double)(y.off[t + 1] - y.off[t]));
    }
    return total / x.n_tasks;
}

/* x: Nx runs, y: Ny runs; scratch: resampled x (Nx) + resampled y (Ny) + replicates (n_boot) */
int stats_prob_improvement_ci(StatsTasks x, StatsTasks y, int n_boot, double conf, Rng *rng, double ci[2]) {
    ci[0] = ci[1] = NAN;
    if (!tasks_valid(x) || !tasks_valid(y) || x.n_tasks != y.n_tasks || !rng || n_boot < 1 ||
        !(conf > 0.0 && conf < 1.0))
        return -1;
    if (single_run_task(x) || single_run_task(y)) return 0;
    const int Nx = x.off[x.n_tasks], Ny = y.off[y.n_tasks];
    double *buf = malloc(sizeof(double) * ((size_t)Nx + (size_t)Ny + (size_t)n_boot));
    if (!buf) return -2;
    double *rx = buf, *ry = buf + Nx, *rep = buf + Nx + Ny;
    StatsTasks bx = {rx, x.off, x.n_tasks}, by = {ry, y.off, y.n_tasks};
    for (int b = 0; b < n_boot; b++) {
        resample_within_tasks(x, rng, rx);
        resample_within_tasks(y, rng, ry);
        rep[b] = stats_prob_improvement(bx, by);
    }
    percentile_interval(rep, n_boot, conf, ci);
    free(buf);
    return 0;
}
