/* sweep_report.c - a sweep's results: the table (one row per point and algorithm, and the best
 * point of each algorithm), DIR/sweep.csv and the figure, from each point's summary. */
#include "scorer/sweep.h"
#include "scorer/shellword.h"
#include "scorer/fileio.h"
#include "scorer/plot.h"
#include "scorer/summary.h"
#include "scorer/table.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct PointResult {
    SweepStatus st;
    int running;              /* another process holds the point's lock */
    int loaded;               /* sum holds the point's statistics (a finished point, or the seeds so far) */
    Summary sum;
    int unreadable;           /* the problem below is the file system's (an I/O or permission error), not the file's */
    int failed;               /* a finished point: how many of its seeds failed (diverged, could not start) */
    char problem[600];        /* a finished point whose summary.json cannot be used: why and the fix ("" when fine) */
} PointResult;

/* Frees the first n points' summaries and r. */
static void free_points(PointResult *r, int n) {
    for (int p = 0; p < n; p++) if (r[p].loaded) summary_free(&r[p].sum);
    free(r);
}

/* Every point's status and statistics, or NULL when out of memory. */
static PointResult *load_points(const Sweep *s) {
    PointResult *r = calloc((size_t)s->n_points, sizeof *r);
    if (!r) return NULL;
    char dir[700], err[1200];
    for (int p = 0; p < s->n_points; p++) {
        r[p].st = sweep_point_status(s, p);
        r[p].running = sweep_point_running(s, p);
        sweep_point_dir(s, p, dir, sizeof dir);
        /* an unfinished point shows the seeds that have finished (their CSVs), if any */
        const int rc = r[p].st == SWEEP_NOT_STARTED ? -1 : summary_load(&r[p].sum, dir, err, sizeof err);
        if (rc == 0) {
            r[p].loaded = 1;
            for (int k = 0; r[p].st == SWEEP_DONE && k < r[p].sum.n_algos; k++)
                for (int i = 0; i < r[p].sum.algo[k].n; i++) r[p].failed += r[p].sum.algo[k].failed[i] != 0;
        }
        else if (r[p].st != SWEEP_NOT_STARTED && rc == -2) { /* not the point's fault */
            free_points(r, p);
            return NULL;
        } else if (r[p].st == SWEEP_DONE) { /* never shown as done */
            snprintf(r[p].problem, sizeof r[p].problem, "%.590s", err);
            r[p].unreadable = rc == -3;
        }
    }
    return r;
}


/* 1 when every seed of every algorithm of a finished point finished: a point with failed seeds shows the seeds
 * that survived, a lucky draw, so it is never best, nor drawn, nor in a comparison across environments. */
static int point_whole(const PointResult *r) {
    if (r->st != SWEEP_DONE || !r->loaded) return 0;
    for (int k = 0; k < r->sum.n_algos; k++) if (r->sum.algo[k].n_ok < r->sum.algo[k].n) return 0;
    return 1;
}

static const SummaryAlgo *point_algo(const PointResult *r, const char *algo) {
    if (!r->loaded) return NULL;
    for (int k = 0; k < r->sum.n_algos; k++) if (!strcmp(r->sum.algo[k].algo, algo)) return &r->sum.algo[k];
    return NULL;
}

static const char *status_text(const PointResult *r) {
    return r->problem[0] ? (r->unreadable ? "unreadable" : "damaged") : r->st != SWEEP_DONE && r->running ? "running" :
           r->st == SWEEP_DONE && r->failed ? "failed seeds" : sweep_status_name(r->st);
}

/* The table's status: as sweep.csv's, with the count of failed seeds ("done, 1 failed"). */
static void status_cell(const PointResult *r, char *buf, size_t n) {
    if (r->st == SWEEP_DONE && !r->problem[0] && r->failed) snprintf(buf, n, "done, %d failed", r->failed);
    else snprintf(buf, n, "%s", status_text(r));
}

/* "scorer-dqn seed 0: training diverged ..." of point r's first failed seed; returns how many failed. */
static int first_failure(const PointResult *r, char *buf, size_t n) {
    buf[0] = 0;
    for (int k = 0; r->failed && k < r->sum.n_algos; k++)
        for (int i = 0; i < r->sum.algo[k].n; i++)
            if (r->sum.algo[k].failed[i] && !buf[0])
                snprintf(buf, n, "%s seed %ld: %s", r->sum.algo[k].algo, r->sum.algo[k].seed[i],
                         r->sum.algo[k].error[i][0] ? r->sum.algo[k].error[i] : "no final return");
    return r->failed;
}

static void csv_num(FILE *f, double v) {
    if (isfinite(v)) fprintf(f, ",%.10g", v);
    else fputc(',', f);
}

int sweep_write_csv(const Sweep *s, char *err, size_t errlen) {
    PointResult *r = load_points(s);
    if (!r) { snprintf(err, errlen, "out of memory"); return -1; }
    char path[700];
    snprintf(path, sizeof path, "%s/sweep.csv", s->dir);
    AtomicFile a;
    if (fileio_open(&a, path, err, errlen)) { free_points(r, s->n_points); return -1; }
    fputs("point,status", a.f);
    for (int i = 0; i < s->n_axes; i++) fprintf(a.f, ",%s", s->axis[i].key);
    fputs(",algo,seeds,seeds_ok,final_mean,final_std,iqm,iqm_lo,iqm_hi,auc_mean,sps_median\n", a.f);
    int idx[SWEEP_MAX_AXES];
    for (int p = 0; p < s->n_points; p++) {
        sweep_point_index(s, p, idx);
        for (int k = 0; k < s->n_algos; k++) {
            fprintf(a.f, "p%03d,%s", p, status_text(&r[p]));
            for (int i = 0; i < s->n_axes; i++) fprintf(a.f, ",%s", s->axis[i].val[idx[i]]);
            fprintf(a.f, ",%s", s->algos[k]);
            const SummaryAlgo *x = point_algo(&r[p], s->algos[k]);
            if (x) {
                fprintf(a.f, ",%d,%d", x->n, x->n_ok);
                csv_num(a.f, x->mean); csv_num(a.f, x->std); csv_num(a.f, x->iqm);
                csv_num(a.f, x->iqm_ci[0]); csv_num(a.f, x->iqm_ci[1]); csv_num(a.f, x->auc_mean); csv_num(a.f, x->sps_median);
            } else fputs(",,,,,,,,,", a.f);
            fputc('\n', a.f);
        }
    }
    free_points(r, s->n_points);
    return fileio_commit(&a, err, errlen);
}

/* Point 0 resolved for each algorithm (c: n_algos of them), as sweep_check resolves it, and which axes each reads
 * (read[k][i], config_key_used: what an algorithm reads depends on it alone, so one point tells). Returns 0; -1
 * when point 0 does not resolve here (a sweep planned by another version): every axis then counts as read; -2 when
 * out of memory. */
static int axes_read(const Sweep *s, RunConfig *c, int (*read)[SWEEP_MAX_AXES]) {
    ConfigPairs *pairs = malloc(sizeof *pairs);
    char why[600];
    int rc = pairs ? 0 : -2;
    if (pairs) sweep_point_pairs(s, 0, pairs);
    if (!rc) rc = config_resolve_as(&c[0], pairs, s->algos[0], why, sizeof why);
    for (int k = s->n_algos - 1; !rc && k >= 0; k--) { /* the last first: c[0] is their start */
        c[k] = c[0];
        rc = config_for_algo(&c[k], s->algos[k], pairs, why, sizeof why);
    }
    for (int k = 0; k < s->n_algos; k++)
        for (int i = 0; i < s->n_axes; i++) read[k][i] = rc || config_key_used(&c[k], s->axis[i].key) != 0;
    free(pairs);
    return rc == -2 ? -2 : rc ? -1 : 0;
}

/* Point p as algorithm k sees it: its values on the axes k reads, then those it ignores ("tau=0.5; dqn ignores
 * follower_lr"), or "dqn reads none of the grid's settings" (its points are then one run, on the same seeds). */
static void point_label_read(const Sweep *s, int p, int k, const int *read, char *buf, size_t n) {
    int idx[SWEEP_MAX_AXES], n_read = 0;
    sweep_point_index(s, p, idx);
    size_t used = 0;
    buf[0] = 0;
    for (int i = 0; i < s->n_axes && used < n; i++)
        if (read[i]) used += (size_t)snprintf(buf + used, n - used, "%s%s=%s", n_read++ ? " " : "", s->axis[i].key, s->axis[i].val[idx[i]]);
    if (!n_read) { snprintf(buf, n, "%s reads none of the grid's settings", s->algos[k]); return; }
    for (int i = 0, c = 0; i < s->n_axes && used < n; i++) {
        if (read[i]) continue;
        if (c++) used += (size_t)snprintf(buf + used, n - used, ", %s", s->axis[i].key);
        else used += (size_t)snprintf(buf + used, n - used, "; %s ignores %s", s->algos[k], s->axis[i].key);
    }
}

/* A sweep over env: P(scorer-X > X) across the environments (summary_across) for each combination of
 * the other axes' values whose finished points cover two or more environments. */
static int print_across(const Sweep *s, const PointResult *r, FILE *f) {
    int e = 0, idx[SWEEP_MAX_AXES], jdx[SWEEP_MAX_AXES], rc = 0;
    while (strcmp(s->axis[e].key, "env")) e++;
    Summary *g = malloc(sizeof *g * (size_t)s->axis[e].n);
    if (!g) return -1;
    for (int p0 = 0; p0 < s->n_points && !rc; p0++) {
        sweep_point_index(s, p0, idx);
        if (idx[e] != 0) continue; /* one group per combination of the other axes: its first point */
        int n = 0;
        for (int p = p0; p < s->n_points; p++) {
            sweep_point_index(s, p, jdx);
            int same = 1;
            for (int i = 0; i < s->n_axes; i++) same &= i == e || jdx[i] == idx[i];
            if (same && point_whole(&r[p])) g[n++] = r[p].sum;
        }
        SummaryAcross a[CONFIG_MAX_ALGOS];
        const int na = n >= 2 ? summary_across(g, n, a, CONFIG_MAX_ALGOS) : 0;
        if (na < 0) rc = -1;
        for (int k = 0; k < na; k++) {
            fprintf(f, "across %d environments", a[k].n_tasks);
            for (int i = 0, c = 0; i < s->n_axes; i++)
                if (i != e) fprintf(f, "%s%s=%s", c++ ? " " : " at ", s->axis[i].key, s->axis[i].val[idx[i]]);
            char pc[80];
            table_fmt_p(pc, sizeof pc, a[k].p, a[k].ci);
            fprintf(f, ": P(%s > %s) = %s", a[k].x, a[k].y, pc);
            summary_print_across_short(g, n, &a[k], f);
            fputc('\n', f);
        }
    }
    free(g);
    return rc;
}

int sweep_print_table(const Sweep *s, FILE *f, int *unusable, char *why, size_t whylen) {
    int (*read)[SWEEP_MAX_AXES] = malloc(sizeof *read * (size_t)s->n_algos);
    RunConfig *cfg = malloc(sizeof *cfg * (size_t)s->n_algos);
    PointResult *r = read && cfg ? load_points(s) : NULL;
    const int resolved = r ? axes_read(s, cfg, read) : -2;
    free(cfg);
    if (resolved == -2) { if (r) free_points(r, s->n_points); free(read); return -1; }
    const int cols = 1 + s->n_axes + 1 + 5 + 1;
    const int rows = 1 + s->n_points * s->n_algos;
    TableCell *t = calloc((size_t)rows * (size_t)cols, sizeof *t);
    if (!t) { free_points(r, s->n_points); free(read); return -1; }
    static const char *const stats_head[5] = {"seeds", "final return", "IQM [95% CI]", "AUC", "SPS"};
    int c = 0;
    snprintf(t[c++], TABLE_CELL, "point");
    for (int i = 0; i < s->n_axes; i++) snprintf(t[c++], TABLE_CELL, "%s", s->axis[i].key);
    snprintf(t[c++], TABLE_CELL, "algorithm");
    for (int i = 0; i < 5; i++) snprintf(t[c++], TABLE_CELL, "%s", stats_head[i]);
    snprintf(t[c++], TABLE_CELL, "status");
    int right[1 + SWEEP_MAX_AXES + 1 + 5 + 1] = {0};
    for (int i = 0; i < 5; i++) right[1 + s->n_axes + 1 + i] = 1;
    int count[6] = {0}, idx[SWEEP_MAX_AXES], sweeps_env = 0, n_failed = 0; /* by status; [3] running, [4] damaged, [5] unreadable */
    for (int i = 0; i < s->n_axes; i++) sweeps_env |= !strcmp(s->axis[i].key, "env");
    for (int p = 0; p < s->n_points; p++) {
        count[r[p].problem[0] ? 4 + r[p].unreadable : r[p].st != SWEEP_DONE && r[p].running ? 3 : (int)r[p].st]++;
        n_failed += r[p].st == SWEEP_DONE && !r[p].problem[0] && r[p].failed;
        sweep_point_index(s, p, idx);
        for (int k = 0; k < s->n_algos; k++) {
            TableCell *row = &t[(size_t)(1 + p * s->n_algos + k) * (size_t)cols];
            if (k == 0) { /* the point and its values once, on its first row */
                snprintf(row[0], TABLE_CELL, "p%03d", p);
                for (int i = 0; i < s->n_axes; i++) snprintf(row[1 + i], TABLE_CELL, "%s", s->axis[i].val[idx[i]]);
                status_cell(&r[p], row[cols - 1], TABLE_CELL);
            }
            snprintf(row[1 + s->n_axes], TABLE_CELL, "%s", s->algos[k]);
            const SummaryAlgo *x = point_algo(&r[p], s->algos[k]);
            if (x) summary_algo_cells(x, &row[2 + s->n_axes]);
            else for (int i = 0; i < 5; i++) snprintf(row[2 + s->n_axes + i], TABLE_CELL, "-");
        }
    }
    fprintf(f, "sweep %s: %d points x %d algorithm%s; %d done", s->dir, s->n_points, s->n_algos, s->n_algos > 1 ? "s" : "", count[SWEEP_DONE]);
    if (n_failed) fprintf(f, " (%d with FAILED seeds)", n_failed);
    if (count[3]) fprintf(f, ", %d running", count[3]);
    char q[2100];
    if (count[SWEEP_STARTED]) fprintf(f, ", %d started (continue: scorer sweep --resume %s)", count[SWEEP_STARTED], shellword_quote(q, sizeof q, s->dir));
    if (count[SWEEP_NOT_STARTED]) fprintf(f, ", %d not started", count[SWEEP_NOT_STARTED]);
    if (count[4]) fprintf(f, ", %d DAMAGED", count[4]);
    if (count[5]) fprintf(f, ", %d UNREADABLE", count[5]);
    fputc('\n', f);
    table_print(f, (const TableCell *)t, rows, cols, right, 0);
    for (int p = 0; p < s->n_points; p++) {
        if (r[p].problem[0])
            fprintf(f, "p%03d is %s: %s\n", p, status_text(&r[p]), r[p].problem);
        else if (r[p].st == SWEEP_DONE) /* as scorer summary of a run folder lists them */
            for (int k = 0; r[p].failed && k < r[p].sum.n_algos; k++)
                for (int i = 0; i < r[p].sum.algo[k].n; i++)
                    if (r[p].sum.algo[k].failed[i])
                        fprintf(f, "failed: p%03d %s seed %ld: %s\n", p, r[p].sum.algo[k].algo, r[p].sum.algo[k].seed[i],
                                r[p].sum.algo[k].error[i][0] ? r[p].sum.algo[k].error[i] : "no final return");
    }
    /* points whose numbers hold the LogWrapper's 0s: the note summary of the point prints, for the first
     * eight (a grid of short runs would print one a point and algorithm), then how many more */
    enum { MAX_SHORT_NOTES = 8 };
    int any_short = 0, more_short = 0, last = -1;
    char more_points[96] = ""; /* the points of the runs not noted one by one */
    for (int p = 0; p < s->n_points; p++)
        for (int k = 0; r[p].loaded && k < r[p].sum.n_algos; k++) {
            if (!r[p].sum.algo[k].n_short) continue;
            char where[16];
            snprintf(where, sizeof where, "p%03d", p);
            if (any_short++ < MAX_SHORT_NOTES) { summary_print_short_note(&r[p].sum.algo[k], where, f); continue; }
            more_short++;
            const size_t L = strlen(more_points);
            if (p != last && L + 12 < sizeof more_points) snprintf(more_points + L, sizeof more_points - L, "%s%s", L ? ", " : "", where);
            else if (p != last && !strstr(more_points, "...")) snprintf(more_points + L, sizeof more_points - L, ", ...");
            last = p;
        }
    if (more_short) /* a run: one point's algorithm */
        fprintf(f, "note: and %d more run%s short of episodes, in %s (scorer summary DIR/pNNN notes each)\n", more_short,
                more_short > 1 ? "s" : "", more_points);
    if (unusable) *unusable = count[4] + count[5] + n_failed;
    for (int p = 0, first = 1; p < s->n_points && why && first; p++) {
        char fw[600];
        if (r[p].problem[0]) snprintf(why, whylen, "p%03d is %.20s: %.800s", p, status_text(&r[p]), r[p].problem);
        else if (r[p].st == SWEEP_DONE && first_failure(&r[p], fw, sizeof fw))
            snprintf(why, whylen, "p%03d has %d failed seed%s (it is never the best point): %s", p, r[p].failed, r[p].failed > 1 ? "s" : "", fw);
        else continue;
        first = 0;
    }
    free(t);
    /* the best finished point of each algorithm, by IQM of the final return, among the points where
     * none of its seeds failed: an IQM over the seeds that survived is chosen on the lucky ones; nor
     * ended fewer episodes than envs: its 0s (an env in its first episode) beat Acrobot's -500s */
    char label[400], m[TABLE_CELL];
    int any_best = 0;
    for (int k = 0; k < s->n_algos && !sweeps_env; k++) {
        int best = -1, best_any = -1, best_short = -1;
        double bv = -INFINITY, bv_any = -INFINITY, bv_short = -INFINITY;
        for (int p = 0; p < s->n_points; p++) {
            const SummaryAlgo *x = r[p].st == SWEEP_DONE ? point_algo(&r[p], s->algos[k]) : NULL;
            if (!x || !isfinite(x->iqm)) continue;
            if (x->iqm > bv_any) { bv_any = x->iqm; best_any = p; }
            if (x->n_ok == x->n && x->n_short && x->iqm > bv_short) { bv_short = x->iqm; best_short = p; }
            if (x->n_ok == x->n && !x->n_short && x->iqm > bv) { bv = x->iqm; best = p; }
        }
        if (best_any < 0) continue;
        any_best = 1;
        if (best >= 0) {
            const SummaryAlgo *x = point_algo(&r[best], s->algos[k]);
            point_label_read(s, best, k, read[k], label, sizeof label); /* dqn's best names no follower_lr */
            table_fmt_ci(m, sizeof m, x->iqm, x->iqm_ci); /* one seed: no "[-, -]" */
            fprintf(f, "best %s: p%03d (%s), IQM %s\n", s->algos[k], best, label, m);
        } else if (best_short >= 0)
            fprintf(f, "best %s: none meaningful (at every finished point seeds of %s failed or ended fewer episodes than envs: "
                       "raise --steps)\n", s->algos[k], s->algos[k]);
        else fprintf(f, "best %s: none (every finished point has failed seeds of %s)\n", s->algos[k], s->algos[k]);
        if (best >= 0 && best_short >= 0 && bv_short > bv) { /* a higher IQM, of 0s for episodes not ended */
            point_label_read(s, best_short, k, read[k], label, sizeof label);
            table_fmt_return(m, sizeof m, bv_short);
            fprintf(f, "  not p%03d (%s): IQM %s, but its seeds ended fewer episodes than envs\n", best_short, label, m);
        }
        if (best_any != best && best_any != best_short) { /* a higher IQM, over the seeds that did not fail */
            const SummaryAlgo *x = point_algo(&r[best_any], s->algos[k]);
            point_label_read(s, best_any, k, read[k], label, sizeof label);
            table_fmt_return(m, sizeof m, x->iqm);
            fprintf(f, "  not p%03d (%s): IQM %s over %d of its %d seeds, the others failed\n", best_any, label, m, x->n_ok, x->n);
        }
    }
    if (any_best && any_short)
        fputs("best: the highest IQM of the final return among finished points whose seeds all finished, each ending at\n"
              "least as many episodes as envs. It is chosen on these seeds, so it overstates: confirm it on new ones (--seed N).\n", f);
    else if (any_best)
        fputs("best: the highest IQM of the final return among finished points whose seeds all finished. It is chosen\n"
              "on these seeds, so it overstates: confirm it on new ones (--seed N).\n", f);
    free(read);
    if (sweeps_env && print_across(s, r, f)) { free_points(r, s->n_points); return -1; }
    fputs("final return: mean episode return over the last 10% of training, mean ± std over seeds; IQM: interquartile\n"
          "mean with a 95% stratified bootstrap CI; AUC: mean return over training; SPS: median timesteps per second.\n", f);
    int fewest = 1 << 30, widest = 0; /* over the rows with numbers, as summary's footnote over its groups */
    for (int p = 0; p < s->n_points; p++)
        for (int k = 0; r[p].loaded && k < r[p].sum.n_algos; k++) {
            const int g = r[p].sum.algo[k].n_ok;
            if (g >= 1 && g < fewest) fewest = g;
            if (g > widest) widest = g;
        }
    summary_print_few_seeds_note(fewest, widest, f);
    int not_done = s->n_points - count[SWEEP_DONE];
    free_points(r, s->n_points);
    return not_done;
}

/* The point at idx (one value index per axis). */
static int point_at(const Sweep *s, const int *idx) {
    int p = 0;
    for (int i = 0; i < s->n_axes; i++) p = p * s->axis[i].n + idx[i];
    return p;
}

/* The figure's layout: a panel per environment when env is an axis (returns of different environments
 * do not share a y axis), the x axis the first other axis, and a line per algorithm and combination of
 * the remaining axes. */
typedef struct PlotLayout {
    int pa, xa;        /* the panel axis (env) and the x axis, -1 when none */
    int npan, nx;      /* panels, positions on the x axis */
    int others, ns;    /* combinations of the remaining axes; lines per panel (algorithms x others) */
} PlotLayout;

static void plot_layout(const Sweep *s, PlotLayout *L) {
    L->pa = L->xa = -1;
    for (int i = 0; i < s->n_axes; i++)
        if (!strcmp(s->axis[i].key, "env")) L->pa = i;
    for (int i = 0; i < s->n_axes && L->xa < 0; i++)
        if (i != L->pa) L->xa = i;
    L->npan = L->pa >= 0 ? s->axis[L->pa].n : 1;
    L->nx = L->xa >= 0 ? s->axis[L->xa].n : 1;
    L->others = s->n_points / (L->npan * L->nx);
    L->ns = s->n_algos * L->others;
}

/* Point of panel P, position j and combination c of the remaining axes (the last varying fastest). */
static int layout_point(const Sweep *s, const PlotLayout *L, int P, int j, int c) {
    int idx[SWEEP_MAX_AXES];
    for (int i = s->n_axes - 1; i >= 0; i--) {
        if (i == L->pa) idx[i] = P;
        else if (i == L->xa) idx[i] = j;
        else { idx[i] = c % s->axis[i].n; c /= s->axis[i].n; }
    }
    return point_at(s, idx);
}


/* A line's point whose seeds failed: not drawn (its IQM is its surviving seeds', never best), but labelled. */
typedef struct FailMark { int P, j, l, failed, n; } FailMark;

/* What the figure's script needs beside the sweep and its layout. */
typedef struct Figure {
    const Sweep *s;
    PlotLayout L;
    int *blk;                 /* blk[P * ns + l]: line l's block in the data in panel P, -1 when none */
    int *ci;                  /* ci[P * ns + l]: its rows with a CI: 1 all, 0 none (one seed a point), 2 some */
    char (*label)[300];       /* line l: its algorithm and values of the other axes it reads */
    char (*note)[300];        /* what its legend adds: " (ignores follower_lr)" */
    double *lo, *hi;          /* panel P's lowest and highest drawn value (IQMs and CI bounds) */
    FailMark *mark;           /* in the order of panel, line, position */
    int n_mark;
    double line_h;            /* a label's line as a share of a panel's height (about: the room failure labels need) */
    const char *data;         /* the data file, named as from the script's folder */
} Figure;

/* The axes, labels and plot command of panel P. */
static void plot_sweep_panel(FILE *f, const Figure *g, int P) {
    const Sweep *s = g->s;
    const PlotLayout *L = &g->L;
    int any = 0, at[SWEEP_MAX_VALUES] = {0}, most = 0; /* labels at each position */
    for (int l = 0; l < L->ns; l++) any |= g->blk[P * L->ns + l] >= 0;
    for (int m = 0; m < g->n_mark; m++)
        if (g->mark[m].P == P && ++at[g->mark[m].j] > most) most = at[g->mark[m].j];
    fputs("unset label\n", f);
    if (!any && !most) {
        fputs("set label 'no finished point' at graph 0.5,0.5 center\nset xrange [0:1]\nset yrange [0:1]\nplot NaN notitle\n", f);
        return;
    }
    fputs("set xlabel ", f); plot_gp_str(f, L->xa >= 0 ? s->axis[L->xa].key : ""); fputc('\n', f);
    fprintf(f, "set xrange [-0.5:%d.5]\nset xtics (", L->nx - 1);
    for (int j = 0; j < L->nx; j++) { if (j) fputs(", ", f); plot_gp_str(f, L->xa >= 0 ? s->axis[L->xa].val[j] : ""); fprintf(f, " %d", j); }
    fputs(")\n", f);
    /* points with failed seeds: a label at their position, in their line's colour, stacked up from the bottom in the
     * key's order, as the table's status says "done, N failed" (an empty position said nothing) */
    for (int m = 0; m < g->n_mark; m++) {
        const FailMark *k = &g->mark[m];
        if (k->P != P) continue;
        char text[400];
        snprintf(text, sizeof text, "%s: %d of %d seed%s failed", g->label[k->l], k->failed, k->n, k->n > 1 ? "s" : "");
        fputs("set label ", f); plot_gp_str(f, text);
        fprintf(f, " at first %d, graph 0 center offset 0,%.1f font ',9' textcolor rgb '%s' front\n", k->j, 0.9 + 1.2 * --at[k->j],
                plot_colour(k->l));
    }
    if (!any) { /* failed labels only: no y axis to read */
        fputs("set yrange [0:1]\nunset ytics\nplot NaN notitle\nset ytics\n", f);
        return;
    }
    /* 5% of the values' range each side: a mark at the extreme (DQN's -500 on Acrobot) sat on the frame; below, room
     * for the labels: a share room of the whole height, (1.1 span + r) room = r */
    double span = g->hi[P] - g->lo[P];
    if (!(span > 0)) span = fabs(g->hi[P]) > 0 ? fabs(g->hi[P]) : 1; /* one value: 5% of its size */
    const double room = fmin(0.6, g->line_h * (most + 0.5 * (most > 0)));
    fprintf(f, "set yrange [%.9g:%.9g]\nplot ", g->lo[P] - 0.05 * span - room * 1.1 * span / (1 - room), g->hi[P] + 0.05 * span);
    for (int l = 0, b = 0; l < L->ns; l++) {
        if (g->blk[P * L->ns + l] < 0) continue;
        if (b++) fputs(", \\\n     ", f);
        const int bk = g->blk[P * L->ns + l], ci = g->ci[P * L->ns + l], dt = strncmp(s->algos[l / L->others], "scorer-", 7) ? 2 : 1;
        plot_gp_str(f, g->data);
        /* SCORER solid, baselines dashed, as in the learning curves; a line keeps its colour in every panel. A row
         * without a CI (nan) gets no bar: gnuplot drew its caps at the frame's edge */
        if (ci == 1) fprintf(f, " index %d using 1:2:3:4 with yerrorlines lw 2 pt 7 dt %d lc rgb '%s' title ", bk, dt, plot_colour(l));
        else fprintf(f, " index %d using 1:2 with linespoints lw 2 pt 7 dt %d lc rgb '%s' title ", bk, dt, plot_colour(l));
        char key[600];
        snprintf(key, sizeof key, "%s%s", g->label[l], g->note[l]);
        plot_gp_str(f, key);
        if (ci == 2) { /* the bars of the rows with a CI alone: a row without has no y here, so nothing is drawn */
            fputs(", \\\n     ", f);
            plot_gp_str(f, g->data);
            fprintf(f, " index %d using 1:($3 == $3 ? $2 : NaN):3:4 with yerrorbars lw 2 pt 7 lc rgb '%s' notitle", bk, plot_colour(l));
        }
    }
    fputc('\n', f);
}

/* A title as a gnuplot string expression in lines of at most width characters, cut at spaces ('a'."\n".'b');
 * a '\n' in text ends a line. The PNG cuts a line wider than the image at both edges (the SVG does not). */
static void gp_title(FILE *f, const char *text, int width) {
    if (width > 200) width = 200;
    for (const char *t = text; *t;) {
        size_t n = strcspn(t, "\n");
        if (n > (size_t)width) { /* the last space that fits, else the word cut */
            size_t cut = (size_t)width;
            while (cut > 0 && t[cut] != ' ') cut--;
            n = cut ? cut : (size_t)width;
        }
        char line[210];
        snprintf(line, sizeof line, "%.*s", (int)n, t);
        if (t != text) fputs(".\"\\n\".", f);
        plot_gp_str(f, line);
        t += n;
        if (*t == '\n') t++;
        else while (*t == ' ') t++;
    }
}

static int is_axis(const Sweep *s, const char *key) {
    for (int i = 0; i < s->n_axes; i++) if (!strcmp(s->axis[i].key, key)) return 1;
    return 0;
}

/* What the reader needs: the folder's name (not its path), the environment unless it is an axis (then a panel
 * each), the budget unless it is an axis or differs between the points (algorithms or environments of other
 * defaults: PQN's 1e8 on MinAtar), the seeds; then how to read the marks: bars where a point has a CI. c: point 0
 * resolved for each algorithm, or NULL; lines_ci: bit c set for a drawn line whose Figure.ci is c. */
static void figure_title(const Sweep *s, const PlotLayout *L, const RunConfig *c, int lines_ci, char *buf, size_t n) {
    int one_budget = c && !is_axis(s, "total_timesteps");
    for (int k = 1; one_budget && k < s->n_algos; k++) one_budget = c[k].total_timesteps == c[0].total_timesteps;
    if (one_budget && is_axis(s, "env")) { /* each environment its default, unless the sweep sets the budget */
        int given = 0;
        for (int i = 0; i < s->base.n; i++) given |= !strcmp(s->base.key[i], "total_timesteps");
        one_budget = given;
    }
    char name[600];
    snprintf(name, sizeof name, "%s", s->dir);
    for (size_t k = strlen(name); k > 1 && name[k - 1] == '/'; k--) name[k - 1] = 0;
    const char *base = strrchr(name, '/') && strrchr(name, '/')[1] ? strrchr(name, '/') + 1 : name;
    size_t used = strlen(base) > 40 ? (size_t)snprintf(buf, n, "sweep %.37s...", base) : (size_t)snprintf(buf, n, "sweep %s", base);
    const char *sep = ": ";
    if (c && L->pa < 0 && used < n) { used += (size_t)snprintf(buf + used, n - used, "%s%s", sep, c->env); sep = ", "; }
    if (one_budget && used < n) { used += (size_t)snprintf(buf + used, n - used, "%s%ld steps", sep, c->total_timesteps); sep = ", "; }
    if (c && used < n) used += (size_t)snprintf(buf + used, n - used, "%s%d seed%s", sep, c->num_seeds, c->num_seeds > 1 ? "s" : "");
    if (L->pa >= 0 && used < n) used += (size_t)snprintf(buf + used, n - used, "; a panel per environment (their returns do not compare)");
    const char *bars = lines_ci == 1 ? "; one seed per point: no CI" : lines_ci & 5 ? ", bars = 95% bootstrap CI where known"
                                                                                    : ", bars = 95% bootstrap CI";
    if (used < n) snprintf(buf + used, n - used, "\nIQM of the final return over seeds%s", bars);
}

/* The figure as a multiplot of rows x cols panels (one when env is no axis), in PNG then SVG: a multiplot's title
 * is centred on the image, a plot's on its graph, which a wide key pushes aside. */
static void plot_sweep_figure(FILE *f, const Figure *g, const char *title, int rows, int cols, int w, int h) {
    const PlotLayout *L = &g->L;
    for (int svg = 0; svg < 2; svg++) {
        if (svg) fprintf(f, "set terminal svg size %d,%d dynamic noenhanced font 'sans,11' background rgb 'white'\n"
                            "set output scorer_svg\n", w, h);
        fprintf(f, "set multiplot layout %d,%d title ", rows, cols);
        gp_title(f, title, (w - 40) / 9); /* sans 11: about 8 pixels a character (9: room to spare) */
        fputc('\n', f);
        for (int P = 0; P < L->npan; P++) {
            if (L->pa >= 0) { fputs("set title ", f); plot_gp_str(f, g->s->axis[L->pa].val[P]); fputc('\n', f); }
            plot_sweep_panel(f, g, P);
        }
        fputs("unset multiplot\n", f);
    }
    fputs("unset output\n", f);
}

int sweep_plot(const Sweep *s, const char *prefix_in, char *err, size_t errlen) {
    char prefix[1000], odir[1000], dflt[700], path[1100];
    snprintf(dflt, sizeof dflt, "%s/sweep", s->dir);
    PlotLayout L;
    plot_layout(s, &L);
    if (L.ns > SWEEP_PLOT_LINES) {
        snprintf(err, errlen, "%d lines (algorithms x values of the other axes) is too many for one figure (at most %d): "
                 "sweep.csv holds every number", L.ns, SWEEP_PLOT_LINES);
        return PLOT_ERROR;
    }
    if (L.npan > SWEEP_PLOT_PANELS) {
        snprintf(err, errlen, "%d environments is too many panels for one figure (at most %d): sweep.csv holds every number",
                 L.npan, SWEEP_PLOT_PANELS);
        return PLOT_ERROR;
    }
    if (plot_prefix(prefix_in, dflt, prefix, sizeof prefix, odir, sizeof odir, err, errlen)) return PLOT_ERROR;
    const char *pbase = strrchr(prefix, '/') ? strrchr(prefix, '/') + 1 : prefix;
    PointResult *r = load_points(s);
    if (!r) { snprintf(err, errlen, "out of memory"); return PLOT_ERROR; }
    int *blk = malloc(sizeof *blk * (size_t)(L.npan * L.ns)), *ci = malloc(sizeof *ci * (size_t)(L.npan * L.ns));
    char (*label)[300] = calloc((size_t)L.ns, sizeof *label), (*note)[300] = calloc((size_t)L.ns, sizeof *note);
    RunConfig *cfg = malloc(sizeof *cfg * (size_t)s->n_algos);
    int (*read)[SWEEP_MAX_AXES] = malloc(sizeof *read * (size_t)s->n_algos);
    double *lo = malloc(sizeof *lo * (size_t)L.npan * 2), *hi = lo ? lo + L.npan : NULL;
    FailMark *mark = malloc(sizeof *mark * (size_t)(L.npan * L.ns * L.nx));
    int n_mark = 0;
    if (!blk || !ci || !label || !note || !cfg || !read || !lo || !mark) {
        free(blk); free(ci); free(label); free(note); free(cfg); free(read); free(lo); free(mark); free_points(r, s->n_points);
        snprintf(err, errlen, "out of memory");
        return PLOT_ERROR;
    }
    for (int P = 0; P < L.npan; P++) { lo[P] = INFINITY; hi[P] = -INFINITY; }
    const int resolved = axes_read(s, cfg, read);
    snprintf(path, sizeof path, "%s.dat", prefix);
    AtomicFile a;
    int rc = PLOT_ERROR, drawn = 0, idx[SWEEP_MAX_AXES], lines_ci = 0; /* bit c: a drawn line whose ci is c */
    if (resolved == -2) { snprintf(err, errlen, "out of memory"); goto out; }
    if (fileio_open(&a, path, err, errlen)) goto out;
    fprintf(a.f, "# scorer sweep %s: per line, the position on the %s axis, the IQM of the final return over\n"
                 "# seeds and its 95%% bootstrap CI (finished points whose seeds all finished: the figure labels the others).\n"
                 "# One block per line of the figure%s.\n",
            s->dir, L.xa >= 0 ? s->axis[L.xa].key : "(no)", L.pa >= 0 ? " and environment" : "");
    /* "ALGO key=value ..." of the remaining axes it reads: the lines of an algorithm that differ only on an axis it
     * ignores are one run (dqn at each follower_lr), drawn once; the legend names what it ignores */
    int *dup = calloc((size_t)L.ns, sizeof *dup);
    if (!dup) { fileio_abort(&a); snprintf(err, errlen, "out of memory"); goto out; }
    for (int l = 0; l < L.ns; l++) {
        const int k = l / L.others, c = l % L.others;
        sweep_point_index(s, layout_point(s, &L, 0, 0, c), idx);
        size_t used = (size_t)snprintf(label[l], sizeof label[l], "%s", s->algos[k]), un = 0;
        int n_read = 0;
        for (int i = 0; i < s->n_axes; i++) {
            n_read += read[k][i];
            if (i == L.pa || i == L.xa) continue;
            if (!read[k][i]) dup[l] |= idx[i] != 0;
            else if (used < sizeof label[l])
                used += (size_t)snprintf(label[l] + used, sizeof label[l] - used, " %s=%s", s->axis[i].key, s->axis[i].val[idx[i]]);
        }
        for (int i = 0; i < s->n_axes && n_read && un < sizeof note[l]; i++)
            if (!read[k][i]) un += (size_t)snprintf(note[l] + un, sizeof note[l] - un, "%s%s", un ? ", " : " (ignores ", s->axis[i].key);
        if (!n_read) snprintf(note[l], sizeof note[l], " (reads none of the grid's settings)");
        else if (un && un < sizeof note[l] - 1) strcat(note[l], ")");
    }
    for (int P = 0; P < L.npan; P++)
        for (int l = 0; l < L.ns; l++) {
            const int k = l / L.others, c = l % L.others;
            int rows = 0, with_ci = 0;
            for (int j = 0; j < L.nx && !dup[l]; j++) {
                const int p = layout_point(s, &L, P, j, c);
                const SummaryAlgo *x = r[p].st == SWEEP_DONE ? point_algo(&r[p], s->algos[k]) : NULL;
                if (x && x->n_ok < x->n) mark[n_mark++] = (FailMark){P, j, l, x->n - x->n_ok, x->n};
                if (!x || !isfinite(x->iqm) || x->n_ok < x->n) continue; /* failed seeds: labelled, not drawn, as never best */
                if (!rows) fprintf(a.f, "%s# %s%s%s%s\n", drawn ? "\n\n" : "", label[l], L.pa >= 0 ? " env=" : "", L.pa >= 0 ? s->axis[L.pa].val[P] : "", note[l]);
                /* lines side by side a little, so that their bars do not hide each other */
                fprintf(a.f, "%.4f %.9g %.9g %.9g\n", j + 0.04 * (l - (L.ns - 1) / 2.0), x->iqm, x->iqm_ci[0], x->iqm_ci[1]);
                rows++;
                with_ci += isfinite(x->iqm_ci[0]) && isfinite(x->iqm_ci[1]);
                const double v[3] = {x->iqm, x->iqm_ci[0], x->iqm_ci[1]}; /* one seed: no CI (NAN) */
                for (int i = 0; i < 3; i++)
                    if (isfinite(v[i])) { lo[P] = fmin(lo[P], v[i]); hi[P] = fmax(hi[P], v[i]); }
            }
            blk[P * L.ns + l] = rows ? drawn++ : -1;
            ci[P * L.ns + l] = with_ci == rows ? 1 : with_ci ? 2 : 0;
            lines_ci |= rows ? 1 << ci[P * L.ns + l] : 0;
        }
    free(dup);
    if (!drawn && !n_mark) {
        fileio_abort(&a);
        char q[2100];
        snprintf(err, errlen, "no finished point to draw in %s yet (scorer summary %s shows the status)", s->dir, shellword_quote(q, sizeof q, s->dir));
        goto out;
    }
    if (fileio_commit(&a, err, errlen)) goto out;
    snprintf(path, sizeof path, "%s.gp", prefix);
    if (fileio_open(&a, path, err, errlen)) goto out;
    FILE *f = a.f;
    char title[900], data[1100];
    snprintf(data, sizeof data, "%s.dat", pbase);
    figure_title(s, &L, resolved == 0 ? &cfg[0] : NULL, lines_ci, title, sizeof title);
    /* a label's line: about 17 pixels of a graph 470 high (one panel), 230 (a panel of several) */
    const Figure g = {s, L, blk, ci, label, note, lo, hi, mark, n_mark, L.pa < 0 ? 0.04 : 0.075, data};
    if (L.pa < 0) {
        plot_gp_open(f, "sweep", pbase);
        fputs("set ylabel 'final return (IQM)'\nset grid\nset key outside right\n", f);
        plot_sweep_figure(f, &g, title, 1, 1, 1000, 600);
    } else { /* a panel per environment, each with its own y axis: their returns do not compare */
        const int cols = L.npan < 3 ? L.npan : 3, rws = (L.npan + cols - 1) / cols, w = 520 * cols,
                  h = (380 + 16 * L.ns) * rws + 40;
        plot_gp_open_size(f, "sweep", pbase, w, h);
        fprintf(f, "set ylabel 'final return (IQM)'\nset grid\nset key outside below center vertical maxrows %d font ',9'\n", L.ns);
        plot_sweep_figure(f, &g, title, rws, cols, w, h);
    }
    if (fileio_commit(&a, err, errlen)) goto out;
    rc = plot_render(prefix, odir, err, errlen);
out:
    free(blk);
    free(ci);
    free(label);
    free(note);
    free(cfg);
    free(read);
    free(lo);
    free(mark);
    free_points(r, s->n_points);
    return rc;
}
