/* summary_table.c - a Summary printed: the comparison table of one or more run folders, its P lines
 * (per folder and across environments), failed seeds and footnotes; the table's cells for eval's and
 * the sweep's tables. The statistics themselves are summary.c's. */
#include "scorer/summary.h"
#include "scorer/settings.h"
#include "scorer/table.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_COLS 7

void summary_algo_cells(const SummaryAlgo *a, TableCell cells[5]) {
    char m[40], sd[40], lo[40], hi[40];
    snprintf(cells[0], TABLE_CELL, "%d/%d", a->n_ok, a->n);
    table_fmt_return(m, sizeof m, a->mean); table_fmt_return(sd, sizeof sd, a->std);
    if (isfinite(a->mean) && !isfinite(a->std)) snprintf(cells[1], TABLE_CELL, "%s", m); /* one seed: no spread */
    else if (isfinite(a->mean)) snprintf(cells[1], TABLE_CELL, "%s ± %s", m, sd);
    else snprintf(cells[1], TABLE_CELL, "-");
    table_fmt_return(m, sizeof m, a->iqm); table_fmt_return(lo, sizeof lo, a->iqm_ci[0]); table_fmt_return(hi, sizeof hi, a->iqm_ci[1]);
    if (isfinite(a->iqm) && !isfinite(a->iqm_ci[0])) snprintf(cells[2], TABLE_CELL, "%s", m);
    else if (isfinite(a->iqm)) snprintf(cells[2], TABLE_CELL, "%s [%s, %s]", m, lo, hi);
    else snprintf(cells[2], TABLE_CELL, "-");
    table_fmt_return(cells[3], TABLE_CELL, a->auc_mean);
    if (isfinite(a->sps_median)) snprintf(cells[4], TABLE_CELL, "%.0f", a->sps_median);
    else snprintf(cells[4], TABLE_CELL, "-");
}

void summary_print_few_seeds_note(int fewest, int widest, FILE *f) {
    if (fewest < 1 || fewest >= 5 || widest < 2) return; /* no group of two seeds: one seed shows no interval */
    fprintf(f, "few seeds (%d in the smallest group): %sthe 95%% intervals cover less than 95%%\n"
               "(the IQM's about 74%% of the time at 3 seeds, 90%% at 5: docs/RESULTS.md), and a P of 0.00 or 1.00 is no certainty.\n",
            fewest, fewest < 4 ? "below 4 seeds the IQM is the plain mean, and " : "");
}

void summary_print_few_seeds(const Summary *s, int n, FILE *f) {
    int fewest = 1 << 30, widest = 0; /* over the groups with a number in the table: a group of one seed counts */
    for (int d = 0; d < n; d++)
        for (int k = 0; k < s[d].n_algos; k++) {
            const int m = s[d].algo[k].n_ok;
            if (m >= 1 && m < fewest) fewest = m;
            if (m > widest) widest = m;
        }
    summary_print_few_seeds_note(fewest, widest, f);
}

void summary_print_short_note(const SummaryAlgo *a, const char *where, FILE *f) {
    if (!a->n_short) return;
    if (where) fprintf(f, "%s: ", where);
    fprintf(f, "note: %s: %ld episode%s ended in seed %ld's %ld envs", a->algo, a->short_ended, a->short_ended == 1 ? "" : "s",
            a->short_seed, a->num_envs);
    if (a->n_short > 1) fprintf(f, " (and fewer than %ld in %d other seed%s)", a->num_envs, a->n_short - 1, a->n_short > 2 ? "s" : "");
    fputs(": an env still in its first episode counts 0 in the mean return, so the final return is not an episode return\n", f);
}

void summary_print_across_short(const Summary *s, int n, const SummaryAcross *a, FILE *f) {
    int c = 0; /* the folders summary_across took for the pair: those with its P line */
    for (int d = 0; d < n; d++) {
        const SummaryPI *pi = summary_pi_of(&s[d], a->x);
        if (!pi || (!s[d].algo[pi->x].n_short && !s[d].algo[pi->y].n_short)) continue;
        fprintf(f, "%s%s", c++ ? ", " : "; in ", s[d].env);
    }
    if (c) fputs(" seeds ended fewer episodes than envs (see the note)", f);
}

/* The settings of an algorithm of folder s[d] (its sub-folder's config.ini, or the folder's), malloc'd, or NULL. */
static char *algo_settings(const Summary *s, int k) {
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/%s", s->dir, s->algo[k].algo);
    char *t = settings_read(dir);
    return t ? t : settings_read(s->dir);
}

/* What sets folder s[d] apart from the other folders of its environment ("final_l1norm=1"): the
 * settings of its first algorithm that another of them also ran, compared with that algorithm's
 * there; "" when none differ or none can be read. */
static void folder_apart(const Summary *s, int n, int d, char *out, size_t len) {
    out[0] = 0;
    for (int k = 0; k < s[d].n_algos && !out[0]; k++) {
        char *others[64] = {0};
        int m = 0;
        for (int e = 0; e < n && m < 64; e++)
            for (int j = 0; e != d && !strcmp(s[e].env, s[d].env) && j < s[e].n_algos; j++)
                if (!strcmp(s[e].algo[j].algo, s[d].algo[k].algo)) others[m++] = algo_settings(&s[e], j);
        if (m) {
            char *mine = algo_settings(&s[d], k);
            if (mine) settings_apart(mine, (const char *const *)others, m, out, len);
            free(mine);
        }
        for (int i = 0; i < m; i++) free(others[i]);
    }
}

int summary_print_table(const Summary *s, int n, FILE *f) {
    const int multi = n > 1;
    int rows = 1;
    for (int d = 0; d < n; d++) rows += s[d].n_algos;
    /* everything that allocates first, so that a failure prints nothing rather than part of a table */
    SummaryAcross across[CONFIG_MAX_ALGOS];
    const int na = multi ? summary_across(s, n, across, CONFIG_MAX_ALGOS) : 0;
    TableCell *t = na < 0 ? NULL : calloc((size_t)rows * TABLE_COLS, sizeof(TableCell));
    if (!t) return -1;
    static const char *const head[TABLE_COLS] = {"run", "algorithm", "seeds", "final return", "IQM [95% CI]", "AUC", "SPS"};
    for (int c = 0; c < TABLE_COLS; c++) snprintf(t[c], TABLE_CELL, "%s", head[c]);
    int r = 1;
    for (int d = 0; d < n; d++)
        for (int k = 0; k < s[d].n_algos; k++, r++) {
            snprintf(t[r * TABLE_COLS], TABLE_CELL, "%.90s", s[d].dir);
            snprintf(t[r * TABLE_COLS + 1], TABLE_CELL, "%s", s[d].algo[k].algo);
            summary_algo_cells(&s[d].algo[k], &t[r * TABLE_COLS + 2]);
        }
    for (int d = 0; d < n; d++) {
        if (multi) fprintf(f, "%s: ", s[d].dir);
        fprintf(f, "%s, ", s[d].env);
        if (s[d].steps >= 0) fprintf(f, "%ld steps", s[d].steps);
        else fputs("steps unknown", f);
        if (!multi) fprintf(f, " (%s)", s[d].dir);
        char apart[300];
        if (multi) folder_apart(s, n, d, apart, sizeof apart);
        if (multi && apart[0]) fprintf(f, "; %s", apart);
        if (s[d].from_csv) fputs(" - no summary.json: recomputed from the seed CSVs, SPS unknown", f);
        fputc('\n', f);
    }
    /* numbers right-aligned, names left-aligned; the run column only for several folders */
    static const int right[TABLE_COLS] = {0, 0, 1, 1, 1, 1, 1};
    table_print(f, (const TableCell *)t, rows, TABLE_COLS, right, multi ? 0 : 1);
    free(t);
    for (int d = 0; d < n; d++)
        for (int i = 0; i < s[d].n_pi; i++) {
            const SummaryPI *pi = &s[d].pi[i];
            if (multi) fprintf(f, "%s: ", s[d].dir);
            char pc[80];
            table_fmt_p(pc, sizeof pc, pi->p, pi->ci);
            const SummaryAlgo *x = &s[d].algo[pi->x], *y = &s[d].algo[pi->y];
            fprintf(f, "P(%s > %s) = %s", x->algo, y->algo, pc);
            if (x->n_ok < x->n || y->n_ok < y->n) /* failed seeds are left out: say so where the result is read */
                fprintf(f, " (over the seeds that did not fail: %d/%d and %d/%d)", x->n_ok, x->n, y->n_ok, y->n);
            fputc('\n', f);
        }
    for (int i = 0; i < na; i++) {
        fprintf(f, "across %d environments (", across[i].n_tasks);
        for (int d = 0, c = 0; d < n; d++) /* the order given */
            if (summary_pi_of(&s[d], across[i].x)) fprintf(f, "%s%s", c++ ? ", " : "", s[d].env);
        char pc[80];
        table_fmt_p(pc, sizeof pc, across[i].p, across[i].ci);
        fprintf(f, "): P(%s > %s) = %s", across[i].x, across[i].y, pc);
        summary_print_across_short(s, n, &across[i], f);
        fputc('\n', f);
    }
    for (int d = 0; d < n; d++)
        for (int k = 0; k < s[d].n_algos; k++) {
            const SummaryAlgo *a = &s[d].algo[k];
            for (int i = 0; i < a->n; i++)
                if (a->failed[i]) {
                    if (multi) fprintf(f, "%s: ", s[d].dir);
                    fprintf(f, "%s: %s seed %ld: %s\n", a->failed[i] == 2 ? "not finished" : "failed", a->algo, a->seed[i],
                            a->error[i][0] ? a->error[i] : "no final return");
                }
        }
    for (int d = 0; d < n; d++) /* the training-time warning, again where the numbers are read later */
        for (int k = 0; k < s[d].n_algos; k++) summary_print_short_note(&s[d].algo[k], multi ? s[d].dir : NULL, f);
    /* side by side, speeds (and, beyond one build, results) compare only within one build and machine */
    for (int d = 1; d < n; d++) {
        const char *why = s[0].prov.version[0] && s[d].prov.version[0] ? provenance_differs(&s[0].prov, &s[d].prov) : NULL;
        if (why)
            fprintf(f, "note: %s and %s come from different builds or machines (%s: %s; %s): compare speeds with care\n", s[0].dir,
                    s[d].dir, why, provenance_field(&s[0].prov, why), provenance_field(&s[d].prov, why));
    }
    int any_pi = na > 0; /* explain P only where a P line is shown */
    for (int d = 0; d < n; d++) any_pi |= s[d].n_pi > 0;
    fputs("final return: mean episode return over the last 10% of training, mean ± std over seeds; IQM: interquartile\n"
          "mean with a 95% stratified bootstrap CI; AUC: mean return over training; SPS: median timesteps per second.\n",
          f);
    if (any_pi) fputs("P(A > B): probability that a run of A beats a run of B, with its 95% bootstrap CI.\n", f);
    if (na > 0) fputs("across environments: the mean of P(A > B) over them, each one task, CI by a bootstrap within each.\n", f);
    summary_print_few_seeds(s, n, f);
    return 0;
}

int experiment_print_table(const Experiment *x, FILE *f) {
    Summary s;
    char err[200]; /* both fail only for memory */
    if (summary_from_experiment(&s, x, err, sizeof err)) return -1;
    const int rc = summary_compute(&s, err, sizeof err) || summary_print_table(&s, 1, f);
    summary_free(&s);
    return rc ? -1 : 0;
}
