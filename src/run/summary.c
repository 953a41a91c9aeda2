/* summary.c - run-folder statistics: from an Experiment, to and from summary.json, rebuilt from
 * the seed CSVs, and P across environments. summary_table.c prints them. */
#include "scorer/summary.h"
#include "scorer/json.h"
#include "scorer/runfolder.h"
#include "scorer/fileio.h"
#include "scorer/stats.h"
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ per-algorithm storage */

static void algo_free(SummaryAlgo *a) {
    free(a->seed); free(a->final_return); free(a->auc); free(a->sps); free(a->wall_s);
    free(a->timesteps); free(a->failed); free(a->diverged_at); free(a->error);
    memset(a, 0, sizeof *a);
}

/* Allocates the (n,) per-seed arrays, filled with "unknown". Returns 0 or -1. */
static int algo_alloc(SummaryAlgo *a, const char *name, int n) {
    memset(a, 0, sizeof *a);
    snprintf(a->algo, sizeof a->algo, "%s", name);
    size_t m = n > 0 ? (size_t)n : 1;
    a->seed = calloc(m, sizeof *a->seed);
    a->final_return = calloc(m, sizeof(double));
    a->auc = calloc(m, sizeof(double));
    a->sps = calloc(m, sizeof(double));
    a->wall_s = calloc(m, sizeof(double));
    a->timesteps = calloc(m, sizeof(long));
    a->failed = calloc(m, sizeof(int));
    a->diverged_at = calloc(m, sizeof(long));
    a->error = calloc(m, sizeof *a->error);
    if (!a->seed || !a->final_return || !a->auc || !a->sps || !a->wall_s || !a->timesteps || !a->failed ||
        !a->diverged_at || !a->error) {
        algo_free(a);
        return -1;
    }
    a->n = n;
    for (int i = 0; i < n; i++) {
        a->final_return[i] = a->auc[i] = a->sps[i] = a->wall_s[i] = NAN;
        a->timesteps[i] = a->diverged_at[i] = -1;
    }
    a->mean = a->std = a->iqm = a->iqm_ci[0] = a->iqm_ci[1] = a->auc_mean = a->sps_median = NAN;
    return 0;
}

void summary_free(Summary *s) {
    for (int k = 0; k < s->n_algos; k++) algo_free(&s->algo[k]);
    s->n_algos = 0;
    s->n_pi = 0;
}

int summary_keep_algos(Summary *s, const char *const *algos, int n) {
    int map[CONFIG_MAX_ALGOS], kept = 0; /* old index -> new, -1: left out */
    for (int k = 0; k < s->n_algos; k++) {
        int named = 0;
        for (int i = 0; i < n; i++) named |= !strcmp(s->algo[k].algo, algos[i]);
        if (!named) {
            algo_free(&s->algo[k]);
            map[k] = -1;
            continue;
        }
        if (kept != k) {
            s->algo[kept] = s->algo[k]; /* moves the per-seed arrays */
            memset(&s->algo[k], 0, sizeof s->algo[k]);
        }
        map[k] = kept++;
    }
    s->n_algos = kept;
    int m = 0;
    for (int j = 0; j < s->n_pi; j++) { /* a P line stays when both its algorithms do */
        SummaryPI pi = s->pi[j];
        if (map[pi.x] < 0 || map[pi.y] < 0) continue;
        pi.x = map[pi.x];
        pi.y = map[pi.y];
        s->pi[m++] = pi;
    }
    s->n_pi = m;
    return kept;
}

SummaryAlgo *summary_add_algo(Summary *s, const char *name, int n) {
    if (s->n_algos == CONFIG_MAX_ALGOS || algo_alloc(&s->algo[s->n_algos], name, n)) return NULL;
    return &s->algo[s->n_algos++];
}

static void summary_init(Summary *s, const char *dir) {
    memset(s, 0, sizeof *s);
    snprintf(s->dir, sizeof s->dir, "%s", dir);
    snprintf(s->env, sizeof s->env, "?");
    s->steps = -1;
    s->resamples = STATS_DEFAULT_RESAMPLES;
}

/* ------------------------------------------------------------------ from an Experiment */

int summary_from_experiment(Summary *s, const Experiment *x, char *err, size_t errlen) {
    summary_init(s, x->base.out);
    snprintf(s->env, sizeof s->env, "%s", x->base.env);
    s->steps = x->base.total_timesteps;
    s->prov = x->prov;
    s->resumed_by = x->resumed_by;
    const int S = x->base.num_seeds;
    for (int k = 0; k < x->n_algos && k < CONFIG_MAX_ALGOS; k++) {
        SummaryAlgo *a = &s->algo[k];
        if (algo_alloc(a, x->cfg[k].algo, S)) { summary_free(s); snprintf(err, errlen, "out of memory"); return -1; }
        s->n_algos = k + 1;
        for (int i = 0; i < S; i++) {
            const SeedResult *r = &x->results[k * S + i];
            a->seed[i] = r->seed;
            a->failed[i] = r->failed;
            a->diverged_at[i] = r->diverged_at;
            snprintf(a->error[i], sizeof a->error[i], "%s", r->failed ? r->error : "");
            if (r->interrupted && !r->failed) {
                /* stopped on request: not a result of full training, so kept out of the statistics */
                a->failed[i] = 1;
                snprintf(a->error[i], sizeof a->error[i], "interrupted at timestep %ld (resumable from its checkpoint)", r->timesteps);
            }
            a->final_return[i] = a->failed[i] ? NAN : r->final_return;
            a->timesteps[i] = r->timesteps;
            /* a seed that never started has no meaningful speed or curve */
            if (r->timesteps > 0) {
                a->auc[i] = r->auc;
                a->sps[i] = r->sps;
                a->wall_s[i] = r->wall_s;
            }
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ statistics */

/* FNV-1a: a bootstrap stream per algorithm name, so the CI does not depend on the order */
static uint64_t name_hash(const char *a, const char *b) {
    uint64_t h = 1469598103934665603ull;
    for (const char *p = a; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ull;
    h = (h ^ '>') * 1099511628211ull;
    for (const char *p = b ? b : ""; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return h;
}

static int seed_ok(const SummaryAlgo *a, int i) { return !a->failed[i] && isfinite(a->final_return[i]); }

/* ok: (n_ok,) final returns of the seeds that did not fail */
static int ok_finals(const SummaryAlgo *a, double *ok) {
    int m = 0;
    for (int i = 0; i < a->n; i++) if (seed_ok(a, i)) ok[m++] = a->final_return[i];
    return m;
}

/* P(x > y) and its 95% CI, the bootstrap seeded by the pair's names (the same pair, the same
 * stream, within one folder or across several). Returns 0, or -2 when out of memory. */
static int prob_improvement(StatsTasks tx, StatsTasks ty, const char *x, const char *y, double *p, double ci[2]) {
    *p = stats_prob_improvement(tx, ty);
    Rng rng;
    rng_seed(&rng, SUMMARY_BOOT_SEED, name_hash(x, y));
    return stats_prob_improvement_ci(tx, ty, STATS_DEFAULT_RESAMPLES, SUMMARY_CONF, &rng, ci) == -2 ? -2 : 0;
}

/* A pair P(x > y) a summary.json records: its names, and which of p and ci it holds. */
typedef struct StoredPI {
    char x[32], y[32];
    int has_p, has_ci;
    double p, ci[2];
} StoredPI;

/* summary_compute, leaving out the bootstraps whose result a summary.json holds (it overrides them):
 * skip_ci[k] for algorithm k's IQM interval, and the pairs of stored[0 .. n_stored-1] with has_ci. */
static int compute(Summary *s, const unsigned char *skip_ci, const StoredPI *stored, int n_stored, char *err, size_t errlen) {
    int maxn = 1;
    for (int k = 0; k < s->n_algos; k++) if (s->algo[k].n > maxn) maxn = s->algo[k].n;
    /* scratch for all algorithms, allocated once: ok values (x, y), sort space */
    double *buf = malloc(sizeof(double) * 3 * (size_t)maxn);
    if (!buf) { snprintf(err, errlen, "out of memory"); return -1; }
    double *ok = buf, *ok2 = buf + maxn, *scr = buf + 2 * maxn;
    for (int k = 0; k < s->n_algos; k++) {
        SummaryAlgo *a = &s->algo[k];
        int m = ok_finals(a, ok);
        a->n_ok = m;
        a->mean = stats_mean(ok, m);
        a->std = stats_std(ok, m);
        a->iqm = stats_iqm(ok, m, scr);
        a->iqm_ci[0] = a->iqm_ci[1] = NAN;
        if (m > 0 && !(skip_ci && skip_ci[k])) {
            int off[2] = {0, m};
            StatsTasks d = {ok, off, 1};
            Rng rng;
            rng_seed(&rng, SUMMARY_BOOT_SEED, name_hash(a->algo, NULL));
            if (stats_bootstrap_ci(d, stats_iqm, STATS_DEFAULT_RESAMPLES, SUMMARY_CONF, &rng, a->iqm_ci) == -2) {
                free(buf);
                snprintf(err, errlen, "out of memory");
                return -1;
            }
        }
        int na = 0, ns = 0;
        for (int i = 0; i < a->n; i++) {
            if (!seed_ok(a, i)) continue;
            if (isfinite(a->auc[i])) ok2[na++] = a->auc[i];
        }
        a->auc_mean = stats_mean(ok2, na);
        for (int i = 0; i < a->n; i++)
            if (seed_ok(a, i) && isfinite(a->sps[i]) && a->sps[i] > 0) ok2[ns++] = a->sps[i];
        a->sps_median = stats_median(ok2, ns, scr);
    }
    /* P(scorer-X > X) for every pair present with at least one good seed each */
    s->n_pi = 0;
    for (int k = 0; k < s->n_algos; k++) {
        const char *name = s->algo[k].algo;
        if (strncmp(name, "scorer-", 7)) continue;
        for (int j = 0; j < s->n_algos; j++) {
            if (strcmp(s->algo[j].algo, name + 7)) continue;
            int mx = ok_finals(&s->algo[k], ok), my = ok_finals(&s->algo[j], ok2);
            if (mx < 1 || my < 1 || s->n_pi == CONFIG_MAX_ALGOS) break;
            int ox[2] = {0, mx}, oy[2] = {0, my};
            StatsTasks tx = {ok, ox, 1}, ty = {ok2, oy, 1};
            SummaryPI *pi = &s->pi[s->n_pi++];
            pi->x = k;
            pi->y = j;
            int known = 0;
            for (int i = 0; i < n_stored; i++) known |= stored[i].has_ci && !strcmp(stored[i].x, name) && !strcmp(stored[i].y, s->algo[j].algo);
            if (known) { /* its interval is the file's: P alone */
                pi->p = stats_prob_improvement(tx, ty);
                pi->ci[0] = pi->ci[1] = NAN;
            } else if (prob_improvement(tx, ty, name, s->algo[j].algo, &pi->p, pi->ci)) {
                free(buf);
                snprintf(err, errlen, "out of memory");
                return -1;
            }
            break;
        }
    }
    free(buf);
    return 0;
}

int summary_compute(Summary *s, char *err, size_t errlen) { return compute(s, NULL, NULL, 0, err, errlen); }

/* ,\n "key": {"version": "...", ...} when p records a build */
static void json_provenance(FILE *f, const char *key, const Provenance *p) {
    if (!p->version[0]) return;
    fprintf(f, ",\n \"%s\": {", key);
    for (int i = 0; provenance_name(i); i++) {
        fputs(i ? ", " : "", f);
        json_str(f, provenance_name(i));
        fputs(": ", f);
        json_str(f, provenance_field(p, provenance_name(i)));
    }
    fputc('}', f);
}

/* ,\n    "key": [{"seed": k, "error": "...", "diverged_at": t|null}, ...] for a's seeds whose failed[] is kind */
static void json_seed_faults(FILE *f, const char *key, const SummaryAlgo *a, int kind) {
    fprintf(f, ",\n    \"%s\": [", key);
    int nf = 0;
    for (int i = 0; i < a->n; i++) {
        if (a->failed[i] != kind) continue;
        fprintf(f, "%s{\"seed\": %ld, \"error\": ", nf++ ? ", " : "", a->seed[i]);
        json_str(f, a->error[i]);
        fputs(", \"diverged_at\": ", f);
        if (a->diverged_at[i] >= 0) fprintf(f, "%ld", a->diverged_at[i]);
        else fputs("null", f);
        fputc('}', f);
    }
    fputc(']', f);
}

void summary_write_json(const Summary *s, FILE *f) {
    fputs("{\"env\": ", f);
    json_str(f, s->env);
    fputs(", \"steps\": ", f);
    if (s->steps >= 0) fprintf(f, "%ld", s->steps);
    else fputs("null", f);
    fprintf(f, ",\n \"statistics\": {\"final_return\": \"%s\", "
               "\"iqm_ci95\": \"stratified bootstrap, percentile\", \"resamples\": %d, \"seed\": %u},\n",
            s->from_csv ? "the CSV rows over the last 10% of the iterations, weighted by the timesteps they cover"
                        : "mean episode return over the last 10% of training",
            s->resamples, (unsigned)SUMMARY_BOOT_SEED);
    if (s->from_csv) fputs(" \"source\": \"seed CSVs (summary.json was missing)\",\n", f);
    fputs(" \"algos\": {", f);
    for (int k = 0; k < s->n_algos; k++) {
        const SummaryAlgo *a = &s->algo[k];
        fputs(k ? ",\n  " : "\n  ", f);
        json_str(f, a->algo);
        fputs(": {\"seeds\": ", f);
        json_long_array(f, a->seed, a->n);
        fputs(",\n    \"final_return\": ", f); json_num_array(f, a->final_return, a->n);
        fputs(",\n    \"auc\": ", f); json_num_array(f, a->auc, a->n);
        fputs(",\n    \"sps\": ", f); json_num_array(f, a->sps, a->n);
        fputs(",\n    \"wall_s\": ", f); json_num_array(f, a->wall_s, a->n);
        fputs(",\n    \"timesteps\": ", f); json_long_array(f, a->timesteps, a->n);
        fputs(",\n    \"mean\": ", f); json_num(f, a->mean);
        fputs(", \"std\": ", f); json_num(f, a->std);
        fputs(", \"iqm\": ", f); json_num(f, a->iqm);
        fputs(", \"iqm_ci95\": ", f); json_num_array(f, a->iqm_ci, 2);
        fprintf(f, ",\n    \"n_ok\": %d, \"auc_mean\": ", a->n_ok); json_num(f, a->auc_mean);
        fputs(", \"sps_median\": ", f); json_num(f, a->sps_median);
        json_seed_faults(f, "failed", a, 1);
        /* only a run that is not over (the CSV fallback) has such seeds: a finished run's file keeps its shape */
        int open = 0;
        for (int i = 0; i < a->n; i++) open |= a->failed[i] == 2;
        if (open) json_seed_faults(f, "not_finished", a, 2);
        fputc('}', f);
    }
    fputs("},\n \"prob_improvement\": [", f);
    for (int i = 0; i < s->n_pi; i++) {
        const SummaryPI *pi = &s->pi[i];
        fputs(i ? ",\n  {\"x\": " : "\n  {\"x\": ", f);
        json_str(f, s->algo[pi->x].algo);
        fputs(", \"y\": ", f);
        json_str(f, s->algo[pi->y].algo);
        fputs(", \"p\": ", f); json_num(f, pi->p);
        fputs(", \"ci95\": ", f); json_num_array(f, pi->ci, 2);
        fputc('}', f);
    }
    fputc(']', f);
    json_provenance(f, "provenance", &s->prov);
    json_provenance(f, "resumed_by", &s->resumed_by);
    fputs("}\n", f);
}

/* ------------------------------------------------------------------ summary.json -> Summary */

typedef struct Ctx {
    const char *name;
    char *err;
    size_t errlen;
} Ctx;

static int bad(const Ctx *c, const char *fmt, ...) {
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(c->err, c->errlen, "%s: %s (rerun the experiment or remove the file to rebuild from the seed CSVs)", c->name, what);
    return -1;
}

/* v: array of (n,) numbers or null -> out; where names the field in messages */
static int get_nums(const Ctx *c, const JsonValue *v, int n, double *out, const char *algo, const char *field) {
    if (v->type != JSON_ARR) return bad(c, "algos.%s.%s must be an array of numbers, found %s", algo, field, json_type_name(v));
    if (v->n != n) return bad(c, "algos.%s.%s has %d values for %d seeds", algo, field, v->n, n);
    for (int i = 0; i < n; i++) {
        const JsonValue *e = &v->kid[i];
        if (e->type == JSON_NULL) out[i] = NAN;
        else if (e->type == JSON_NUM) out[i] = e->num;
        else return bad(c, "algos.%s.%s[%d] must be a number or null, found %s", algo, field, i, json_type_name(e));
    }
    return 0;
}

/* v: a whole number (or null when allow_null: -1) */
static int get_long(const Ctx *c, const JsonValue *v, long *out, int allow_null, const char *what) {
    if (v->type == JSON_NULL && allow_null) { *out = -1; return 0; }
    if (v->type != JSON_NUM || v->num != floor(v->num) || fabs(v->num) > 9.0e15)
        return bad(c, "%s must be a whole number, found %s", what, v->type == JSON_NUM ? "a fraction or a huge number" : json_type_name(v));
    *out = (long)v->num;
    return 0;
}

static int get_opt_num(const Ctx *c, const JsonValue *o, const char *key, double *out, const char *algo) {
    const JsonValue *v = json_get(o, key);
    if (!v) return 0;
    if (v->type == JSON_NULL) { *out = NAN; return 0; }
    if (v->type != JSON_NUM) return bad(c, "algos.%s.%s must be a number or null, found %s", algo, key, json_type_name(v));
    *out = v->num;
    return 0;
}

static int get_pair(const Ctx *c, const JsonValue *v, double out[2], const char *what) {
    if (v->type != JSON_ARR || v->n != 2) return bad(c, "%s must be [lo, hi]", what);
    for (int i = 0; i < 2; i++) {
        if (v->kid[i].type == JSON_NULL) out[i] = NAN;
        else if (v->kid[i].type == JSON_NUM) out[i] = v->kid[i].num;
        else return bad(c, "%s must hold numbers or null, found %s", what, json_type_name(&v->kid[i]));
    }
    return 0;
}

static int find_algo(const Summary *s, const char *name) {
    for (int k = 0; k < s->n_algos; k++) if (!strcmp(s->algo[k].algo, name)) return k;
    return -1;
}

/* Stored statistics override the recomputed ones (the file is the record). */
typedef struct Stored {
    double mean, std, iqm, ci[2], auc_mean, sps_median;
} Stored;

/* Reads a's entries of o[key] (summary_write_json's json_seed_faults), marking their seeds failed[] = kind. */
static int parse_seed_faults(const Ctx *c, const JsonValue *o, const char *key, SummaryAlgo *a, int kind) {
    const char *name = a->algo;
    char what[200];
    const JsonValue *fl = json_get(o, key);
    if (!fl) return 0;
    if (fl->type != JSON_ARR) return bad(c, "algos.%s.%s must be an array, found %s", name, key, json_type_name(fl));
    for (int j = 0; j < fl->n; j++) {
        const JsonValue *e = &fl->kid[j], *sd = json_get(e, "seed"), *er = json_get(e, "error"), *dv = json_get(e, "diverged_at");
        snprintf(what, sizeof what, "algos.%s.%s[%d].seed", name, key, j);
        if (e->type != JSON_OBJ || !sd) return bad(c, "algos.%s.%s[%d] must be an object with a \"seed\"", name, key, j);
        long seed = -1, div = -1;
        if (get_long(c, sd, &seed, 0, what)) return -1;
        int i = 0;
        while (i < a->n && a->seed[i] != seed) i++;
        if (i == a->n) return bad(c, "algos.%s.%s[%d] names seed %ld, which is not in \"seeds\"", name, key, j, seed);
        if (er && er->type != JSON_STR) return bad(c, "algos.%s.%s[%d].error must be a string, found %s", name, key, j, json_type_name(er));
        snprintf(what, sizeof what, "algos.%s.%s[%d].diverged_at", name, key, j);
        if (dv && get_long(c, dv, &div, 1, what)) return -1;
        a->failed[i] = kind;
        a->diverged_at[i] = div;
        snprintf(a->error[i], sizeof a->error[i], "%s", er ? er->str : kind == 2 ? "not finished" : "failed");
    }
    return 0;
}

static int load_algo(const Ctx *c, const char *name, const JsonValue *o, SummaryAlgo *a, Stored *st) {
    if (o->type != JSON_OBJ) return bad(c, "algos.%s must be an object, found %s", name, json_type_name(o));
    if (strlen(name) >= sizeof a->algo || !name[0]) return bad(c, "algorithm name '%.40s' is empty or too long", name);
    const JsonValue *seeds = json_get(o, "seeds");
    if (!seeds) return bad(c, "algos.%s has no \"seeds\"", name);
    if (seeds->type != JSON_ARR) return bad(c, "algos.%s.seeds must be an array of whole numbers, found %s", name, json_type_name(seeds));
    if (algo_alloc(a, name, seeds->n)) { snprintf(c->err, c->errlen, "out of memory reading %s", c->name); return -2; }
    char what[120];
    for (int i = 0; i < a->n; i++) {
        snprintf(what, sizeof what, "algos.%s.seeds[%d]", name, i);
        if (get_long(c, &seeds->kid[i], &a->seed[i], 0, what)) return -1;
    }
    const JsonValue *fr = json_get(o, "final_return");
    if (!fr) return bad(c, "algos.%s has no \"final_return\"", name);
    if (get_nums(c, fr, a->n, a->final_return, name, "final_return")) return -1;
    static const char *const opt[] = {"auc", "sps", "wall_s"};
    double *dst[] = {a->auc, a->sps, a->wall_s};
    for (int f = 0; f < 3; f++) {
        const JsonValue *v = json_get(o, opt[f]);
        if (v && get_nums(c, v, a->n, dst[f], name, opt[f])) return -1;
    }
    const JsonValue *ts = json_get(o, "timesteps");
    if (ts) {
        if (ts->type != JSON_ARR || ts->n != a->n) return bad(c, "algos.%s.timesteps must be an array with one value per seed", name);
        for (int i = 0; i < a->n; i++) {
            snprintf(what, sizeof what, "algos.%s.timesteps[%d]", name, i);
            if (get_long(c, &ts->kid[i], &a->timesteps[i], 1, what)) return -1;
        }
    }
    /* a seed without a final return did not finish, even if the file has no "failed" entry */
    for (int i = 0; i < a->n; i++)
        if (!isfinite(a->final_return[i])) {
            a->failed[i] = 1;
            snprintf(a->error[i], sizeof a->error[i], "no final return recorded");
        }
    if (parse_seed_faults(c, o, "failed", a, 1) || parse_seed_faults(c, o, "not_finished", a, 2)) return -1;
    st->mean = st->std = st->iqm = st->ci[0] = st->ci[1] = st->auc_mean = st->sps_median = INFINITY; /* INF: absent */
    if (get_opt_num(c, o, "mean", &st->mean, name) || get_opt_num(c, o, "std", &st->std, name) ||
        get_opt_num(c, o, "iqm", &st->iqm, name) || get_opt_num(c, o, "auc_mean", &st->auc_mean, name) ||
        get_opt_num(c, o, "sps_median", &st->sps_median, name))
        return -1;
    const JsonValue *ci = json_get(o, "iqm_ci95");
    snprintf(what, sizeof what, "algos.%s.iqm_ci95", name);
    if (ci && get_pair(c, ci, st->ci, what)) return -1;
    return 0;
}

static void apply_stored(double *dst, double stored) {
    if (!isinf(stored)) *dst = stored;
}

/* An optional provenance object: string values; keys it does not know are kept out (a newer scorer's). */
static int get_provenance(const Ctx *c, const JsonValue *v, Provenance *p, const char *what) {
    if (!v) return 0;
    if (v->type != JSON_OBJ) { bad(c, "\"%s\" must be an object, found %s", what, json_type_name(v)); return -1; }
    for (int i = 0; i < v->n; i++) {
        if (v->kid[i].type != JSON_STR) {
            bad(c, "\"%s\".%s must be a string, found %s", what, v->key[i], json_type_name(&v->kid[i]));
            return -1;
        }
        provenance_set(p, v->key[i], v->kid[i].str);
    }
    if (!p->version[0]) provenance_set(p, "version", "unknown"); /* recorded, even if without a version */
    return 0;
}

int summary_parse_json(Summary *s, const char *text, size_t len, const char *name, char *err, size_t errlen) {
    summary_init(s, "");
    Ctx c = {name, err, errlen};
    JsonValue root;
    char msg[240];
    const int jrc = json_parse(text, len, &root, msg, sizeof msg);
    if (jrc == -2) { snprintf(err, errlen, "out of memory reading %s", name); return -2; } /* the file may be fine: keep it */
    if (jrc) {
        snprintf(err, errlen, "%s: not valid JSON: %s (the file is damaged; remove it to rebuild the summary from the seed CSVs)", name, msg);
        return -1;
    }
    Stored st[CONFIG_MAX_ALGOS];
    int rc = -1;
    const JsonValue *env = json_get(&root, "env"), *steps = json_get(&root, "steps"), *algos = json_get(&root, "algos");
    if (root.type != JSON_OBJ) { bad(&c, "the document must be an object, found %s", json_type_name(&root)); goto out; }
    if (!env || env->type != JSON_STR) { bad(&c, "\"env\" must be a string, found %s", env ? json_type_name(env) : "nothing"); goto out; }
    snprintf(s->env, sizeof s->env, "%s", env->str);
    if (!steps) { bad(&c, "\"steps\" is missing"); goto out; }
    if (get_long(&c, steps, &s->steps, 1, "\"steps\"")) goto out;
    if (!algos || algos->type != JSON_OBJ) { bad(&c, "\"algos\" must be an object, found %s", algos ? json_type_name(algos) : "nothing"); goto out; }
    if (algos->n > CONFIG_MAX_ALGOS) { bad(&c, "\"algos\" lists %d algorithms (at most %d)", algos->n, CONFIG_MAX_ALGOS); goto out; }
    for (int k = 0; k < algos->n; k++) {
        if (find_algo(s, algos->key[k]) >= 0) { bad(&c, "algorithm %s is listed twice", algos->key[k]); goto out; }
        s->n_algos = k + 1; /* owned from here, so summary_free releases it on error */
        memset(&s->algo[k], 0, sizeof s->algo[k]);
        const int lrc = load_algo(&c, algos->key[k], &algos->kid[k], &s->algo[k], &st[k]);
        if (lrc) { rc = lrc; goto out; }
    }
    const JsonValue *stats = json_get(&root, "statistics"), *res = stats ? json_get(stats, "resamples") : NULL;
    if (res && res->type == JSON_NUM && res->num >= 1 && res->num <= 1e9 && res->num == floor(res->num)) s->resamples = (int)res->num;
    const JsonValue *src = json_get(&root, "source");
    s->from_csv = src && src->type == JSON_STR && !strncmp(src->str, "seed CSVs", 9);
    /* the recorded pairs first, so that the bootstraps whose intervals the file holds are not drawn again */
    StoredPI sp[CONFIG_MAX_ALGOS];
    int n_sp = 0;
    const JsonValue *pis = json_get(&root, "prob_improvement");
    if (pis) {
        if (pis->type != JSON_ARR) { bad(&c, "\"prob_improvement\" must be an array, found %s", json_type_name(pis)); goto out; }
        for (int j = 0; j < pis->n; j++) {
            const JsonValue *e = &pis->kid[j], *x = json_get(e, "x"), *y = json_get(e, "y"), *p = json_get(e, "p"), *ci = json_get(e, "ci95");
            if (e->type != JSON_OBJ || !x || !y || x->type != JSON_STR || y->type != JSON_STR) {
                bad(&c, "prob_improvement[%d] must be an object with string \"x\" and \"y\"", j);
                goto out;
            }
            if (find_algo(s, x->str) < 0 || find_algo(s, y->str) < 0) { bad(&c, "prob_improvement[%d] names an algorithm not in \"algos\"", j); goto out; }
            if (p && p->type != JSON_NUM && p->type != JSON_NULL) { bad(&c, "prob_improvement[%d].p must be a number, found %s", j, json_type_name(p)); goto out; }
            char what[80];
            double pair[2] = {NAN, NAN};
            snprintf(what, sizeof what, "prob_improvement[%d].ci95", j);
            if (ci && get_pair(&c, ci, pair, what)) goto out;
            int i = 0; /* a pair listed twice: the later entry's fields win, as they did */
            while (i < n_sp && !(!strcmp(sp[i].x, x->str) && !strcmp(sp[i].y, y->str))) i++;
            if (i == n_sp) {
                if (n_sp == CONFIG_MAX_ALGOS) continue;
                sp[n_sp++] = (StoredPI){.p = NAN, .ci = {NAN, NAN}};
                snprintf(sp[i].x, sizeof sp[i].x, "%s", x->str); /* names of "algos": shorter than 32 */
                snprintf(sp[i].y, sizeof sp[i].y, "%s", y->str);
            }
            if (p && p->type == JSON_NUM) { sp[i].p = p->num; sp[i].has_p = 1; }
            if (ci) { sp[i].ci[0] = pair[0]; sp[i].ci[1] = pair[1]; sp[i].has_ci = 1; }
        }
    }
    unsigned char skip[CONFIG_MAX_ALGOS];
    for (int k = 0; k < s->n_algos; k++) skip[k] = !isinf(st[k].ci[0]) && !isinf(st[k].ci[1]);
    if (compute(s, skip, sp, n_sp, err, errlen)) { rc = -2; goto out; } /* only memory can fail it */
    for (int k = 0; k < s->n_algos; k++) {
        SummaryAlgo *a = &s->algo[k];
        apply_stored(&a->mean, st[k].mean); apply_stored(&a->std, st[k].std); apply_stored(&a->iqm, st[k].iqm);
        apply_stored(&a->iqm_ci[0], st[k].ci[0]); apply_stored(&a->iqm_ci[1], st[k].ci[1]);
        apply_stored(&a->auc_mean, st[k].auc_mean); apply_stored(&a->sps_median, st[k].sps_median);
    }
    for (int j = 0; j < n_sp; j++) {
        const int ix = find_algo(s, sp[j].x), iy = find_algo(s, sp[j].y);
        int i = 0;
        while (i < s->n_pi && !(s->pi[i].x == ix && s->pi[i].y == iy)) i++;
        if (i == s->n_pi) {
            if (s->n_pi == CONFIG_MAX_ALGOS) continue;
            s->n_pi++;
            s->pi[i] = (SummaryPI){ix, iy, NAN, {NAN, NAN}};
        }
        if (sp[j].has_p) s->pi[i].p = sp[j].p;
        if (sp[j].has_ci) { s->pi[i].ci[0] = sp[j].ci[0]; s->pi[i].ci[1] = sp[j].ci[1]; }
    }
    if (get_provenance(&c, json_get(&root, "provenance"), &s->prov, "provenance") ||
        get_provenance(&c, json_get(&root, "resumed_by"), &s->resumed_by, "resumed_by"))
        goto out;
    rc = 0;
out:
    json_free(&root);
    if (rc) summary_free(s);
    return rc;
}

static int cmp_long(const void *a, const void *b) {
    long u = *(const long *)a, v = *(const long *)b;
    return (u > v) - (u < v);
}

/* Records that good seed i of a ended `ended` episodes in its num_envs envs, when fewer. */
static void note_episodes(SummaryAlgo *a, int i, long ended, long num_envs) {
    if (ended < 0 || num_envs <= 0 || ended >= num_envs || a->failed[i]) return;
    if (a->n_short++ == 0) { a->short_seed = a->seed[i]; a->short_ended = ended; a->num_envs = num_envs; }
}

/* The episodes each good seed of s ended, from the last row of its CSV in dir: best effort (the note it
 * feeds is a hint; a damaged CSV gives none), but memory running out or a CSV the system cannot read
 * fails the load: a table silently without its note would pass for whole. Returns 0, or -2 or -3 with err. */
static int read_episodes(Summary *s, const char *dir, char *err, size_t errlen) {
    RunFolder r;
    char why[1400];
    int rc = runfolder_scan(&r, dir, why, sizeof why);
    if (rc) goto out;
    for (int k = 0; k < r.n_algos && rc != -2 && rc != -3; k++) {
        const int j = find_algo(s, r.algo[k].algo);
        if (j < 0) continue;
        SummaryAlgo *a = &s->algo[j];
        for (int i = 0; i < a->n && rc != -2 && rc != -3; i++) {
            char path[1300];
            SeedCurve c;
            if (a->failed[i] || !runfolder_seed_csv(&r.algo[k], a->seed[i], path, sizeof path)) continue;
            if ((rc = seedcurve_read(&c, path, why, sizeof why))) continue;
            if (c.n > 0 && c.episodes) note_episodes(a, i, c.episodes[c.n - 1], r.algo[k].cfg_num_envs);
            seedcurve_free(&c);
        }
    }
    runfolder_free(&r);
out:
    if (rc != -2 && rc != -3) return 0;
    snprintf(err, errlen, "%s", why);
    return rc;
}

/* The CSV fallback, for a folder whose run was interrupted before summary.json was written. Each row
 * is the mean over the iterations since the previous row, so weighted by the timesteps it covers
 * the rows give: auc, the trainer's exactly; final return, the trainer's last 10% of iterations,
 * exactly when that window starts on a row, otherwise within a fraction of a percent at the default
 * log_interval (1/200 of the run) and a few percent with rows 20 times as long (the window's first row
 * counts by its overlap, the returns inside it by their row's mean). A seed is failed (not finished, in a
 * run that is not over) when its CSV is missing, empty, or ends before the last of the whole iterations
 * of num_envs timesteps that total_timesteps in config.ini makes. SPS and wall time are not in the CSVs:
 * unknown. */
int summary_load_csv(Summary *s, const char *dir, char *err, size_t errlen) {
    summary_init(s, dir);
    RunFolder r;
    const int scan = runfolder_scan(&r, dir, err, errlen);
    if (scan) return scan;
    snprintf(s->env, sizeof s->env, "%s", r.env);
    s->steps = r.steps;
    s->from_csv = 1;
    char manifest[1100];
    snprintf(manifest, sizeof manifest, "%s/run.ini", dir);
    provenance_read_ini(&s->prov, manifest);
    char open_why[1300]; /* a run under way or stopped: its missing seeds are not finished, not failed */
    const int open_run = runfolder_progress(dir, open_why, sizeof open_why) != RUNFOLDER_OVER;
    int rc = -1;
    long *all = NULL;
    for (int k = 0; k < r.n_algos; k++) {
        RunFolderAlgo *ra = &r.algo[k];
        /* seeds: those with a CSV plus those config.ini says were run */
        long extra = ra->cfg_seed >= 0 && ra->cfg_num_seeds > 0 && ra->cfg_num_seeds <= 100000 ? ra->cfg_num_seeds : 0;
        free(all);
        all = malloc(sizeof(long) * (size_t)(ra->n + extra + 1));
        if (!all) { snprintf(err, errlen, "out of memory"); rc = -2; goto out; }
        int n = 0;
        for (int i = 0; i < ra->n; i++) all[n++] = ra->seeds[i];
        for (long i = 0; i < extra; i++) all[n++] = ra->cfg_seed + i;
        qsort(all, (size_t)n, sizeof *all, cmp_long);
        int m = 0;
        for (int i = 0; i < n; i++) if (m == 0 || all[i] != all[m - 1]) all[m++] = all[i];
        SummaryAlgo *a = &s->algo[k];
        if (algo_alloc(a, ra->algo, m)) { snprintf(err, errlen, "out of memory"); rc = -2; goto out; }
        s->n_algos = k + 1;
        for (int i = 0; i < m; i++) {
            a->seed[i] = all[i];
            char path[1300];
            if (!runfolder_seed_csv(ra, all[i], path, sizeof path)) {
                a->failed[i] = 1 + open_run;
                if (open_run) snprintf(a->error[i], sizeof a->error[i], "no seed_%ld.csv yet (%.1300s)", all[i], open_why);
                else snprintf(a->error[i], sizeof a->error[i], "no seed_%ld.csv (the seed could not start or the run was interrupted)", all[i]);
                continue;
            }
            SeedCurve c;
            const int crc = seedcurve_read(&c, path, err, errlen);
            if (crc) { rc = crc == -3 ? -1 : crc; goto out; } /* -1: damaged or unreadable, as documented */
            if (c.n == 0) {
                a->failed[i] = 1 + open_run;
                snprintf(a->error[i], sizeof a->error[i], "seed_%ld.csv has no rows%s%.1300s%s", all[i], open_run ? " yet (" : "",
                         open_run ? open_why : "", open_run ? ")" : "");
                seedcurve_free(&c);
                continue;
            }
            /* a row is the mean over the iterations since the previous row: weighted by the timesteps it
             * covers, the rows give the trainer's per-iteration means, AUC exactly; the last 10% of
             * iterations (trainer.c) start inside a row, whose share counts by its overlap */
            const long last = c.t[c.n - 1], N = ra->cfg_num_envs > 0 ? ra->cfg_num_envs : 1;
            const long last_k = last / N / 10 > 0 ? last / N / 10 : 1, start = last - last_k * N;
            double sum_all = 0, w_all = 0, sum_last = 0, w_last = 0;
            int bad_row = -1; /* scorer writes a number in every row: an empty or non-finite one is damage */
            for (int j = 0; j < c.n && bad_row < 0; j++) {
                const long from = j ? c.t[j - 1] : 0;
                if (!isfinite(c.ret[j])) { bad_row = j; break; }
                if (c.t[j] <= from) continue;
                sum_all += c.ret[j] * (double)(c.t[j] - from);
                w_all += (double)(c.t[j] - from);
                const long in = c.t[j] - (from > start ? from : start);
                if (in > 0) { sum_last += c.ret[j] * (double)in; w_last += (double)in; }
            }
            a->timesteps[i] = last;
            a->auc[i] = w_all > 0 && bad_row < 0 ? sum_all / w_all : NAN;
            /* train_seed's last row is at its last iteration, total_timesteps / N whole ones: a curve that ends
             * before (even by one iteration: a checkpoint's CSV, written at each) is not whole */
            const long whole = ra->cfg_num_envs > 0 ? ra->cfg_steps / N * N : ra->cfg_steps;
            if (bad_row >= 0) {
                a->failed[i] = 1;
                snprintf(a->error[i], sizeof a->error[i], "seed_%ld.csv's row at timestep %ld has no mean_return (the file is "
                         "damaged; train the seed again)", all[i], c.t[bad_row]);
            } else if (ra->cfg_steps > 0 && last < whole) {
                a->failed[i] = 1 + open_run;
                snprintf(a->error[i], sizeof a->error[i], "curve ends at timestep %ld of %ld (%.1300s)", last, ra->cfg_steps,
                         open_run ? open_why : "diverged or interrupted");
            } else {
                a->final_return[i] = w_last > 0 ? sum_last / w_last : NAN;
                if (c.episodes) note_episodes(a, i, c.episodes[c.n - 1], ra->cfg_num_envs); /* -1 unknown: no note */
            }
            seedcurve_free(&c);
        }
    }
    rc = summary_compute(s, err, errlen) ? -2 : 0; /* only memory can fail it */
out:
    free(all);
    runfolder_free(&r);
    if (rc) summary_free(s);
    return rc;
}

int summary_load(Summary *s, const char *dir, char *err, size_t errlen) {
    summary_init(s, dir);
    char path[1100];
    snprintf(path, sizeof path, "%s/summary.json", dir);
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT) return summary_load_csv(s, dir, err, errlen);
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -3;
    }
    /* our summaries are small; refuse anything absurd instead of reading it all */
    const size_t max = 64u << 20;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) { fclose(f); snprintf(err, errlen, "out of memory"); return -2; }
    for (;;) {
        if (n == cap) {
            if (cap >= max) { free(buf); fclose(f); snprintf(err, errlen, "%s is larger than 64 MB: not a scorer summary", path); return -1; }
            char *nb = realloc(buf, 2 * cap + 1);
            if (!nb) { free(buf); fclose(f); snprintf(err, errlen, "out of memory"); return -2; }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    const int ioerr = ferror(f) ? errno : 0;
    fclose(f);
    if (ioerr) { free(buf); snprintf(err, errlen, "cannot read %s: %s", path, strerror(ioerr)); return -3; }
    buf[n] = 0;
    int rc = summary_parse_json(s, buf, n, path, err, errlen);
    free(buf);
    snprintf(s->dir, sizeof s->dir, "%s", dir);
    if (!rc && (rc = read_episodes(s, dir, err, errlen))) summary_free(s);
    return rc;
}

/* ------------------------------------------------------------------ across environments */

const SummaryPI *summary_pi_of(const Summary *s, const char *x) {
    for (int i = 0; i < s->n_pi; i++)
        if (!strcmp(s->algo[s->pi[i].x].algo, x)) return &s->pi[i];
    return NULL;
}

/* P(scorer-X > X) across environments: rliable's probability of improvement averaged over tasks, each
 * environment one task, with its task-stratified bootstrap. For each pair that two or more of the n
 * summaries hold (a good seed of each algorithm) when their environments all differ: the same
 * environment twice (two seed blocks, two budgets) is not two tasks, so no line for that pair.
 * Fills at most max entries; returns how many, or -1 when out of memory. */
int summary_across(const Summary *s, int n, SummaryAcross *out, int max) {
    int total = 0, m = 0;
    for (int d = 0; d < n; d++)
        for (int k = 0; k < s[d].n_algos; k++) total += s[d].algo[k].n;
    double *x = malloc(sizeof(double) * (size_t)(total + 1)), *y = malloc(sizeof(double) * (size_t)(total + 1));
    int *ox = malloc(sizeof(int) * (size_t)(n + 1)), *oy = malloc(sizeof(int) * (size_t)(n + 1));
    int *order = malloc(sizeof(int) * (size_t)(n + 1));
    if (!x || !y || !ox || !oy || !order) { free(x); free(y); free(ox); free(oy); free(order); return -1; }
    for (int d0 = 0; d0 < n && m < max; d0++)
        for (int i0 = 0; i0 < s[d0].n_pi && m < max; i0++) {
            const char *name = s[d0].algo[s[d0].pi[i0].x].algo, *base = s[d0].algo[s[d0].pi[i0].y].algo;
            int seen = 0, tasks = 0, distinct = 1;
            for (int d = 0; d < d0; d++) seen |= summary_pi_of(&s[d], name) != NULL;
            if (seen) continue; /* counted from its first folder */
            /* the folders holding the pair, in the order of their environments' names, so that the
             * bootstrap (and the line) does not depend on the order the folders were given in */
            for (int d = d0; d < n; d++) {
                if (!summary_pi_of(&s[d], name)) continue;
                int j = tasks++;
                for (; j > 0 && strcmp(s[order[j - 1]].env, s[d].env) >= 0; j--) {
                    distinct &= strcmp(s[order[j - 1]].env, s[d].env) != 0;
                    order[j] = order[j - 1];
                }
                order[j] = d;
            }
            if (tasks < 2 || !distinct) continue;
            ox[0] = oy[0] = 0;
            for (int t = 0; t < tasks; t++) {
                const Summary *sd = &s[order[t]];
                const SummaryPI *pi = summary_pi_of(sd, name);
                ox[t + 1] = ox[t] + ok_finals(&sd->algo[pi->x], x + ox[t]);
                oy[t + 1] = oy[t] + ok_finals(&sd->algo[pi->y], y + oy[t]);
            }
            SummaryAcross *a = &out[m];
            snprintf(a->x, sizeof a->x, "%s", name);
            snprintf(a->y, sizeof a->y, "%s", base);
            a->n_tasks = tasks;
            const StatsTasks tx = {x, ox, tasks}, ty = {y, oy, tasks};
            if (prob_improvement(tx, ty, name, base, &a->p, a->ci)) { m = -1; break; }
            m++;
        }
    free(x); free(y); free(ox); free(oy); free(order);
    return m;
}

/* ------------------------------------------------------------------ Experiment entry points */

int experiment_write_summary(const Experiment *x, char *err, size_t errlen) {
    Summary s;
    if (summary_from_experiment(&s, x, err, errlen)) return -1;
    if (summary_compute(&s, err, errlen)) { summary_free(&s); return -1; }
    char path[1100];
    snprintf(path, sizeof path, "%s/summary.json", x->base.out);
    AtomicFile a;
    int rc = fileio_open(&a, path, err, errlen);
    if (!rc) {
        summary_write_json(&s, a.f);
        rc = fileio_commit(&a, err, errlen);
    }
    summary_free(&s);
    return rc;
}
