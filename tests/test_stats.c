/* test_stats.c - statistics against hand-computed values (IQM, std, quantiles, stratified
 * bootstrap, probability of improvement), summary.json round trip through the loader, loader
 * errors on damaged files, and the CSV fallback of an interrupted run. */
#include "check.h"
#include "scorer/stats.h"
#include "scorer/summary.h"
#include "scorer/table.h"
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static double iqm_of(const double *v, int n) {
    double scr[64];
    return stats_iqm(v, n, scr);
}

static void test_basic(void) {
    /* scipy.stats.trim_mean(x, 0.25): drop floor(n/4) from each end of the sorted values */
    double a4[] = {10, 0, 2, 1};                     /* 0 | 1 2 | 10 */
    CHECK(iqm_of(a4, 4) == 1.5, "iqm n=4 %g", iqm_of(a4, 4));
    double a5[] = {100, 2, 1, 5, 3};                 /* 1 | 2 3 5 | 100 (floor(1.25) = 1) */
    CHECK(check_close(iqm_of(a5, 5), 10.0 / 3.0, 1e-15), "iqm n=5 %g", iqm_of(a5, 5));
    double a8[] = {1, 2, 2, 3, 30, 0, 100, -50};     /* -50 0 | 1 2 2 3 | 30 100 */
    CHECK(iqm_of(a8, 8) == 2.0, "iqm n=8 %g", iqm_of(a8, 8));
    double a10[] = {5, 5, 5, 1, 9, 9, 0, 5, 7, 100}; /* 0 1 | 5 5 5 5 7 9 | 9 100 (floor(2.5) = 2) */
    CHECK(iqm_of(a10, 10) == 6.0, "iqm n=10 ties %g", iqm_of(a10, 10));
    double a3[] = {1, 2, 9};                         /* floor(0.75) = 0: plain mean */
    CHECK(iqm_of(a3, 3) == 4.0, "iqm n=3 %g", iqm_of(a3, 3));
    double a1[] = {7};
    CHECK(iqm_of(a1, 1) == 7.0, "iqm n=1");
    CHECK(isnan(stats_iqm(a1, 0, NULL)), "iqm n=0 is NaN");
    /* the input is left alone when scratch is given */
    CHECK(a4[0] == 10 && a4[1] == 0, "iqm does not reorder its input");
    double a4b[] = {10, 0, 2, 1};
    CHECK(stats_iqm(a4b, 4, NULL) == 1.5 && a4b[0] == 0, "iqm without scratch sorts in place");

    double s8[] = {2, 4, 4, 4, 5, 5, 7, 9};          /* mean 5, squares sum 32, /7 */
    CHECK(check_close(stats_std(s8, 8), sqrt(32.0 / 7.0), 1e-15), "std ddof=1 %.17g", stats_std(s8, 8));
    CHECK(isnan(stats_std(s8, 1)), "std of one value is NaN (n - 1 = 0: no spread to estimate)");
    CHECK(isnan(stats_std(s8, 0)), "std of nothing is NaN");
    double big[] = {1e9 + 1, 1e9 + 2, 1e9 + 3};
    CHECK(check_close(stats_std(big, 3), 1.0, 1e-12), "std with a large offset %g", stats_std(big, 3));
    { /* values so far apart that their squared deviations pass DBL_MAX: the std is still theirs (it was inf, and the
       * table then dropped the "± std" as for one seed) */
        const double huge[2] = {-1e300, 1e300};
        CHECK(check_close(stats_std(huge, 2), sqrt(2.0) * 1e300, 1e-12), "std of -1e300 and 1e300: %g", stats_std(huge, 2));
    }
    CHECK(stats_mean(s8, 8) == 5.0 && isnan(stats_mean(s8, 0)), "mean");

    double m3[] = {3, 1, 2}, m4[] = {4, 1, 3, 2}, scr[4];
    CHECK(stats_median(m3, 3, scr) == 2.0 && stats_median(m4, 4, scr) == 2.5, "median");
    double q[] = {0, 10, 20, 30, 40};
    CHECK(check_close(stats_quantile_sorted(q, 5, 0.025), 1.0, 1e-12), "quantile 2.5%% (numpy linear)");
    CHECK(check_close(stats_quantile_sorted(q, 5, 0.975), 39.0, 1e-12), "quantile 97.5%%");
    CHECK(stats_quantile_sorted(q, 5, 0.0) == 0 && stats_quantile_sorted(q, 5, 1.0) == 40, "quantile ends");
}

/* 1 when the pooled resample kept task A's runs (values < 50) in its first 3 slots and task B's
 * (>= 100) in the last 3: the stratification holds */
static double agg_structure(const double *x, int n, double *scratch) {
    (void)scratch;
    for (int i = 0; i < n; i++)
        if ((i < 3) != (x[i] < 50)) return 0.0;
    return 1.0;
}

static void test_bootstrap(void) {
    Rng rng;
    double ci[2];
    double c[] = {3, 3, 3, 3};
    int off4[] = {0, 4};
    StatsTasks d = {c, off4, 1};
    rng_seed(&rng, 1, 0);
    CHECK(stats_bootstrap_ci(d, stats_iqm, 2000, 0.95, &rng, ci) == 0 && ci[0] == 3 && ci[1] == 3,
          "constant data: zero-width CI [%g, %g]", ci[0], ci[1]);
    /* a task of one run: every resample repeats it, so there is no interval (NaN), in either bootstrap */
    int off1[] = {0, 1}, off13[] = {0, 1, 4};
    StatsTasks one = {c, off1, 1}, mixed = {c, off13, 2}, four = {c, off4, 1};
    CHECK(stats_bootstrap_ci(one, stats_iqm, 2000, 0.95, &rng, ci) == 0 && isnan(ci[0]) && isnan(ci[1]), "one run: [%g, %g]",
          ci[0], ci[1]);
    CHECK(stats_bootstrap_ci(mixed, stats_iqm, 2000, 0.95, &rng, ci) == 0 && isnan(ci[0]), "a task of one run among others");
    CHECK(stats_prob_improvement_ci(one, one, 2000, 0.95, &rng, ci) == 0 && isnan(ci[0]) && isnan(ci[1]) &&
          stats_prob_improvement(one, one) == 0.5, "P of one run against one: 0.5, no interval");
    CHECK(stats_prob_improvement_ci(four, one, 2000, 0.95, &rng, ci) == 0 && isnan(ci[0]), "P against a single run: no interval");

    double v[10];
    Rng g;
    rng_seed(&g, 7, 3);
    for (int i = 0; i < 10; i++) v[i] = 100 + 30 * rng_normal(&g);
    int off10[] = {0, 10};
    StatsTasks dv = {v, off10, 1};
    double scr[10], ci2[2], ci3[2];
    double est = stats_iqm(v, 10, scr);
    rng_seed(&rng, 42, 0);
    stats_bootstrap_ci(dv, stats_iqm, 2000, 0.95, &rng, ci);
    CHECK(ci[0] < est && est < ci[1], "CI [%g, %g] contains the IQM %g", ci[0], ci[1], est);
    rng_seed(&rng, 42, 0);
    stats_bootstrap_ci(dv, stats_iqm, 2000, 0.95, &rng, ci2);
    CHECK(ci2[0] == ci[0] && ci2[1] == ci[1], "same seed, same CI");
    rng_seed(&rng, 43, 0);
    stats_bootstrap_ci(dv, stats_iqm, 2000, 0.95, &rng, ci3);
    CHECK(ci3[0] != ci[0] || ci3[1] != ci[1], "another seed, another CI");
    CHECK(ci[1] - ci[0] < 80 && ci[1] - ci[0] > 5, "CI width %g plausible for sd 30, n 10", ci[1] - ci[0]);

    /* two values: the bootstrap mean is 0, 0.5 or 1 with probability 1/4, 1/2, 1/4 */
    double two[] = {0, 1};
    int off2[] = {0, 2};
    StatsTasks dt = {two, off2, 1};
    rng_seed(&rng, 5, 0);
    stats_bootstrap_ci(dt, stats_agg_mean, 2000, 0.95, &rng, ci);
    CHECK(ci[0] == 0 && ci[1] == 1, "mean of {0, 1}: CI [%g, %g] = [0, 1]", ci[0], ci[1]);

    /* 0..9: the bootstrap mean is close to normal with sd = 2.8723 / sqrt(10) (population sd, as the
     * bootstrap resamples the empirical distribution), so the percentile CI is about
     * 4.5 -/+ 1.96 * 0.9083 = [2.72, 6.28]; the extreme replicates would be far wider */
    double ten[10];
    for (int i = 0; i < 10; i++) ten[i] = i;
    StatsTasks d10 = {ten, off10, 1};
    rng_seed(&rng, 11, 0);
    stats_bootstrap_ci(d10, stats_agg_mean, 2000, 0.95, &rng, ci);
    CHECK(fabs(ci[0] - 2.72) < 0.3 && fabs(ci[1] - 6.28) < 0.3, "mean of 0..9: CI [%g, %g] near [2.72, 6.28]", ci[0], ci[1]);
    rng_seed(&rng, 11, 0);
    stats_bootstrap_ci(d10, stats_agg_mean, 2000, 0.5, &rng, ci2);
    CHECK(ci2[0] > ci[0] && ci2[1] < ci[1] && fabs(ci2[0] - 3.89) < 0.3, "50%% CI [%g, %g] inside the 95%% one", ci2[0], ci2[1]);

    /* two tasks: resampling stays inside each task */
    double tasks[] = {0, 1, 2, 100, 101, 102};
    int offt[] = {0, 3, 6};
    StatsTasks d2 = {tasks, offt, 2};
    rng_seed(&rng, 9, 0);
    CHECK(stats_bootstrap_ci(d2, agg_structure, 2000, 0.95, &rng, ci) == 0 && ci[0] == 1 && ci[1] == 1,
          "every resample keeps runs within their task");
    /* the pooled mean then stays in [(0+100)/2, (2+102)/2]; pooled resampling would reach 0..102 */
    rng_seed(&rng, 9, 1);
    stats_bootstrap_ci(d2, stats_agg_mean, 2000, 0.95, &rng, ci);
    CHECK(ci[0] >= 50 && ci[1] <= 52 && ci[0] < ci[1], "stratified mean CI [%g, %g] within [50, 52]", ci[0], ci[1]);

    int bad_off[] = {0, 0, 3};
    StatsTasks db = {tasks, bad_off, 2};
    CHECK(stats_bootstrap_ci(db, stats_agg_mean, 100, 0.95, &rng, ci) == -1 && isnan(ci[0]), "an empty task is refused");
    CHECK(stats_bootstrap_ci(d, stats_agg_mean, 0, 0.95, &rng, ci) == -1, "zero resamples refused");
    CHECK(stats_bootstrap_ci(d, stats_agg_mean, 10, 1.5, &rng, ci) == -1, "confidence outside (0,1) refused");
}

static void test_prob_improvement(void) {
    /* X = 1 2 3, Y = 2 2 4: x=1 beats none; x=2 ties twice (0.5 + 0.5); x=3 beats 2, 2: 3/9 */
    double x[] = {1, 2, 3}, y[] = {2, 2, 4};
    int o3[] = {0, 3};
    StatsTasks tx = {x, o3, 1}, ty = {y, o3, 1};
    CHECK(check_close(stats_prob_improvement(tx, ty), 1.0 / 3.0, 1e-15), "3x3 with ties = 1/3: %.17g", stats_prob_improvement(tx, ty));
    CHECK(check_close(stats_prob_improvement(ty, tx), 2.0 / 3.0, 1e-15), "and the reverse = 2/3");
    CHECK(stats_prob_improvement(tx, tx) == 0.5, "identical -> 0.5");
    double hi[] = {10, 11, 12, 13};
    int o4[] = {0, 4};
    StatsTasks th = {hi, o4, 1};
    CHECK(stats_prob_improvement(th, tx) == 1.0, "always greater -> 1");
    CHECK(stats_prob_improvement(tx, th) == 0.0, "always smaller -> 0");
    /* two tasks: X wins task 1, loses task 2 -> mean 0.5 */
    double x2[] = {5, 6, 0, 0}, y2[] = {1, 1, 9, 9};
    int o22[] = {0, 2, 4};
    StatsTasks a = {x2, o22, 2}, b = {y2, o22, 2};
    CHECK(stats_prob_improvement(a, b) == 0.5, "averaged over tasks");
    int o1[] = {0, 1};
    StatsTasks one = {x, o1, 1};
    CHECK(isnan(stats_prob_improvement(a, one)), "task counts must match");

    Rng rng;
    double ci[2];
    rng_seed(&rng, 3, 0);
    CHECK(stats_prob_improvement_ci(th, tx, 2000, 0.95, &rng, ci) == 0 && ci[0] == 1 && ci[1] == 1, "always greater: CI [1, 1]");
    double k5[] = {4, 4, 4};
    StatsTasks tk = {k5, o3, 1};
    stats_prob_improvement_ci(tk, tk, 2000, 0.95, &rng, ci);
    CHECK(ci[0] == 0.5 && ci[1] == 0.5, "equal constants: CI [0.5, 0.5]");
    double p = stats_prob_improvement(tx, ty);
    stats_prob_improvement_ci(tx, ty, 2000, 0.95, &rng, ci);
    CHECK(ci[0] <= p && p <= ci[1] && ci[0] >= 0 && ci[1] <= 1 && ci[0] < ci[1], "CI [%g, %g] contains %g", ci[0], ci[1], p);
}

/* ---------------------------------------------------------------- summary.json */

static Experiment xp;

static void fake_experiment(const char *out) {
    memset(&xp, 0, sizeof xp);
    snprintf(xp.base.env, sizeof xp.base.env, "CartPole-v1");
    snprintf(xp.base.out, sizeof xp.base.out, "%s", out);
    xp.base.total_timesteps = 1000;
    xp.base.num_seeds = 3;
    xp.n_algos = 2;
    xp.nested = 1;
    snprintf(xp.cfg[0].algo, sizeof xp.cfg[0].algo, "scorer-dqn");
    snprintf(xp.cfg[1].algo, sizeof xp.cfg[1].algo, "dqn");
    static SeedResult r[6];
    memset(r, 0, sizeof r);
    /* awkward values on purpose: they must survive the text round trip bit for bit */
    double fin[6] = {200.1, 0.1 + 0.2, 1.0 / 3.0, 150.0, NAN, 120.5};
    for (int j = 0; j < 6; j++) {
        snprintf(r[j].algo, sizeof r[j].algo, "%s", xp.cfg[j / 3].algo);
        r[j].seed = j % 3;
        r[j].timesteps = 1000;
        r[j].diverged_at = -1;
        r[j].final_return = fin[j];
        r[j].auc = fin[j] / 2 + 1e-9 * j;
        r[j].sps = 10000.0 + 1234.5678 * j;
        r[j].wall_s = 1000.0 / r[j].sps;
    }
    r[4].failed = 1;
    r[4].diverged_at = 500;
    r[4].timesteps = 500;
    snprintf(r[4].error, sizeof r[4].error, "training \"diverged\" at timestep 500\n(try a lower learning rate)");
    xp.results = r;
    xp.n_failed = 1;
}

static int same(double a, double b) { return (isnan(a) && isnan(b)) || a == b; }

static char tmpdir[64];

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) { CHECK(0, "cannot write %s", path); return; }
    fputs(text, f);
    fclose(f);
}

/* 1 when folder holds a file whose name ends in .tmp (an atomic write's temporary) */
static int tmp_left(const char *folder) {
    DIR *d = opendir(folder);
    int found = 0;
    if (!d) return 1;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        found |= n > 4 && !strcmp(e->d_name + n - 4, ".tmp");
    }
    closedir(d);
    return found;
}

static void test_roundtrip(void) {
    char dir[200], err[600];
    snprintf(dir, sizeof dir, "%s/rt", tmpdir);
    mkdir(dir, 0777);
    fake_experiment(dir);
    CHECK(experiment_write_summary(&xp, err, sizeof err) == 0, "write summary: %s", err);
    Summary a, b;
    summary_from_experiment(&a, &xp, err, sizeof err);
    summary_compute(&a, err, sizeof err);
    int rc = summary_load(&b, dir, err, sizeof err);
    CHECK(rc == 0, "load back: %s", err);
    if (rc) { summary_free(&a); return; }
    CHECK(!strcmp(b.env, "CartPole-v1") && b.steps == 1000 && b.n_algos == 2 && !b.from_csv, "header fields");
    int exact = 1;
    for (int k = 0; k < 2; k++) {
        const SummaryAlgo *p = &a.algo[k], *q = &b.algo[k];
        exact &= !strcmp(p->algo, q->algo) && p->n == q->n && p->n_ok == q->n_ok;
        for (int i = 0; i < p->n && exact; i++)
            exact &= p->seed[i] == q->seed[i] && same(p->final_return[i], q->final_return[i]) && same(p->auc[i], q->auc[i]) &&
                     same(p->sps[i], q->sps[i]) && same(p->wall_s[i], q->wall_s[i]) && p->failed[i] == q->failed[i] &&
                     p->diverged_at[i] == q->diverged_at[i] && !strcmp(p->error[i], q->error[i]) && p->timesteps[i] == q->timesteps[i];
        exact &= same(p->mean, q->mean) && same(p->std, q->std) && same(p->iqm, q->iqm) && same(p->iqm_ci[0], q->iqm_ci[0]) &&
                 same(p->iqm_ci[1], q->iqm_ci[1]) && same(p->auc_mean, q->auc_mean) && same(p->sps_median, q->sps_median);
    }
    CHECK(exact, "every value round-trips exactly (%%.17g)");
    CHECK(b.algo[1].failed[1] && isnan(b.algo[1].final_return[1]) && b.algo[1].diverged_at[1] == 500 &&
          strstr(b.algo[1].error[1], "\"diverged\""), "failed seed, its error and diverged_at survive");
    CHECK(b.algo[0].n_ok == 3 && b.algo[1].n_ok == 2, "ok counts %d %d", b.algo[0].n_ok, b.algo[1].n_ok);
    /* dqn's two good seeds: 150, 120.5 */
    CHECK(b.algo[1].mean == (150.0 + 120.5) / 2 && check_close(b.algo[1].std, sqrt(2 * 14.75 * 14.75), 1e-14), "dqn mean/std over good seeds");
    CHECK(b.n_pi == 1 && b.pi[0].x == 0 && b.pi[0].y == 1 && same(a.pi[0].p, b.pi[0].p) && same(a.pi[0].ci[0], b.pi[0].ci[0]),
          "P(scorer-dqn > dqn) stored and read back");
    /* scorer-dqn 200.1, 0.3, 1/3 vs dqn 150, 120.5: wins 2 of 6 pairs */
    CHECK(check_close(b.pi[0].p, 2.0 / 6.0, 1e-15), "P = 1/3: %g", b.pi[0].p);

    /* the raw text: NaN written as null, DESIGN.md keys present */
    char path[300], text[8192];
    snprintf(path, sizeof path, "%s/summary.json", dir);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f) fclose(f);
    text[n] = 0;
    CHECK(strstr(text, "\"final_return\": [150, null, 120.5]") != NULL, "NaN final return written as null");
    CHECK(!strstr(text, "nan") && !strstr(text, "inf"), "no nan/inf tokens in the JSON");
    static const char *const keys[] = {"\"env\"", "\"steps\"", "\"algos\"", "\"seeds\"", "\"final_return\"", "\"auc\"", "\"sps\"",
                                       "\"wall_s\"", "\"mean\"", "\"std\"", "\"iqm\"", "\"iqm_ci95\"", "\"failed\"", "\"prob_improvement\""};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) CHECK(strstr(text, keys[i]) != NULL, "key %s present", keys[i]);
    /* a second write must not be confused by a leftover temporary (summary.json.<host>.<pid>.<n>.tmp) */
    CHECK(!tmp_left(dir), "no temporary left behind");

    /* the table */
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    experiment_print_table(&xp, m);
    fclose(m);
    CHECK(strstr(buf, "scorer-dqn") && strstr(buf, "3/3") && strstr(buf, "2/3"), "table rows:\n%s", buf);
    CHECK(strstr(buf, "135.25 ± 20.86") != NULL, "dqn final return 135.25 ± 20.86 in the table");
    CHECK(strstr(buf, "P(scorer-dqn > dqn) = 0.33 [") != NULL, "P line in the table");
    CHECK(strstr(buf, "failed: dqn seed 1: training \"diverged\"") != NULL, "failed seed listed");
    free(buf);
    buf = NULL;
    m = open_memstream(&buf, &len);
    Summary two[2] = {a, b};
    summary_print_table(two, 2, m);
    fclose(m);
    CHECK(strstr(buf, "run") && strstr(buf, dir) && strstr(buf, ": P(scorer-dqn > dqn)"), "two folders side by side:\n%s", buf);
    free(buf);
    summary_free(&a);
    summary_free(&b);
}

/* Parses text as a summary; expects failure with a message containing want. */
static void expect_bad(const char *text, size_t len, const char *want, const char *what) {
    Summary s;
    char err[600] = "";
    int rc = summary_parse_json(&s, text, len, "runs/x/summary.json", err, sizeof err);
    CHECK(rc == -1 && strstr(err, "runs/x/summary.json") && strstr(err, want), "%s: rc %d, message '%s' should mention '%s'", what, rc, err, want);
    if (rc == 0) summary_free(&s);
}

static void test_malformed(void) {
    char dir[200], path[300], err[600];
    snprintf(dir, sizeof dir, "%s/rt", tmpdir);
    snprintf(path, sizeof path, "%s/summary.json", dir);
    static char good[16384];
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(good, 1, sizeof good - 1, f) : 0;
    if (f) fclose(f);
    good[n] = 0;
    CHECK(n > 100, "have a summary to damage");
    /* every truncation fails cleanly (never crashes, never half-loads) */
    int all_fail = 1, all_named = 1;
    for (size_t cut = 0; cut + 1 < n; cut++) {
        Summary s;
        int rc = summary_parse_json(&s, good, cut, "runs/x/summary.json", err, sizeof err);
        if (rc == 0) { all_fail = 0; summary_free(&s); }
        else if (!strstr(err, "runs/x/summary.json")) all_named = 0;
    }
    CHECK(all_fail && all_named, "all %zu truncations rejected with the file named", n - 1);
    expect_bad(good, n / 2, "truncated", "cut in half");
    expect_bad("", 0, "line 1, column 1", "empty file");
    const char *hdr = "{\"env\": \"CartPole-v1\", \"steps\": 1000, \"algos\": {\"dqn\": ";
    char t[1024];
#define BAD(body, want)                                                          \
    do {                                                                         \
        snprintf(t, sizeof t, "%s%s}}", hdr, body);                              \
        expect_bad(t, strlen(t), want, body);                                    \
    } while (0)
    BAD("{\"seeds\": [0, 1], \"final_return\": \"high\"}", "final_return must be an array");
    BAD("{\"seeds\": [0, 1], \"final_return\": [1, \"x\"]}", "final_return[1] must be a number");
    BAD("{\"seeds\": [0, 1], \"final_return\": [1]}", "1 values for 2 seeds");
    BAD("{\"seeds\": [0.5], \"final_return\": [1]}", "seeds[0] must be a whole number");
    BAD("{\"seeds\": {}, \"final_return\": [1]}", "seeds must be an array");
    BAD("{\"final_return\": [1]}", "no \"seeds\"");
    BAD("{\"seeds\": [0], \"final_return\": [1], \"mean\": \"1\"}", "mean must be a number");
    BAD("{\"seeds\": [0], \"final_return\": [1], \"iqm_ci95\": [1]}", "iqm_ci95 must be [lo, hi]");
    BAD("{\"seeds\": [0], \"final_return\": [1], \"failed\": [{\"seed\": 7}]}", "seed 7, which is not in");
    BAD("[1, 2]", "algos.dqn must be an object");
    BAD("{\"seeds\": [0], \"final_return\": [NaN]}", "expected a value");
    BAD("{\"seeds\": [0], \"final_return\": [1,]}", "expected a value");
    BAD("{\"seeds\": [0] \"final_return\": [1]}", "expected ',' or '}'");
    BAD("{\"seeds\": [0], \"final_return\": [1], \"x\": \"a\\qb\"}", "unknown escape");
#undef BAD
    const char *w1 = "{\"env\": 3, \"steps\": 1, \"algos\": {}}";
    expect_bad(w1, strlen(w1), "\"env\" must be a string, found a number", "env type");
    const char *w2 = "{\"env\": \"E\", \"algos\": {}}";
    expect_bad(w2, strlen(w2), "\"steps\" is missing", "no steps");
    const char *w3 = "{\"env\": \"E\", \"steps\": 1, \"algos\": []}";
    expect_bad(w3, strlen(w3), "\"algos\" must be an object", "algos type");
    const char *w4 = "{\"env\": \"E\", \"steps\": 1, \"algos\": {}} x";
    expect_bad(w4, strlen(w4), "unexpected text after", "trailing text");
    const char *w5 = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]";
    expect_bad(w5, strlen(w5), "nested too deeply", "deep nesting");
    const char *w6 = "{\"env\": \"E\", \"steps\": 1,\n \"algos\": {\"a\": {\"seeds\": [0], \"final_return\": [1]},\n"
                     "  \"a\": {\"seeds\": [0], \"final_return\": [1]}}}";
    expect_bad(w6, strlen(w6), "listed twice", "duplicate algorithm");
    const char *w7 = "{\"env\": \"E\", \"steps\": 1,\n  \"algos\": {\"a\": {\"seeds\": [0], \"final_return\": [1]}}\n  oops}";
    expect_bad(w7, strlen(w7), "line 3, column 3", "error position");
    const char *w8 = "{\"env\": \"E\", \"steps\": 1, \"algos\": {}, \"provenance\": [1]}";
    expect_bad(w8, strlen(w8), "\"provenance\" must be an object, found an array", "provenance type");
    const char *w9 = "{\"env\": \"E\", \"steps\": 1, \"algos\": {}, \"resumed_by\": {\"cpu\": 5}}";
    expect_bad(w9, strlen(w9), "\"resumed_by\".cpu must be a string", "provenance field type");
    /* prob_improvement: an array of {x, y, p, ci95} naming algorithms of "algos" */
    const char *pa = "{\"env\": \"E\", \"steps\": 1, \"algos\": {\"a\": {\"seeds\": [0], \"final_return\": [1]}, "
                     "\"b\": {\"seeds\": [0], \"final_return\": [2]}}, \"prob_improvement\": ";
    const struct { const char *pi, *want; } pis[] = {
        {"{}", "\"prob_improvement\" must be an array, found an object"},
        {"[1]", "prob_improvement[0] must be an object with string \"x\" and \"y\""},
        {"[{\"x\": \"a\"}]", "prob_improvement[0] must be an object with string \"x\" and \"y\""},
        {"[{\"x\": \"a\", \"y\": 3}]", "prob_improvement[0] must be an object with string \"x\" and \"y\""},
        {"[{\"x\": \"a\", \"y\": \"c\"}]", "prob_improvement[0] names an algorithm not in \"algos\""},
        {"[{\"x\": \"a\", \"y\": \"b\", \"p\": \"high\"}]", "prob_improvement[0].p must be a number, found a string"},
        {"[{\"x\": \"a\", \"y\": \"b\", \"p\": 0.5, \"ci95\": [0.1]}]", "prob_improvement[0].ci95 must be [lo, hi]"},
        {"[{\"x\": \"a\", \"y\": \"b\", \"p\": 0.5, \"ci95\": [0.1, \"x\"]}]", "prob_improvement[0].ci95 must hold numbers or null"},
    };
    for (size_t i = 0; i < sizeof pis / sizeof pis[0]; i++) {
        snprintf(t, sizeof t, "%s%s}", pa, pis[i].pi);
        expect_bad(t, strlen(t), pis[i].want, pis[i].pi);
    }
    { /* a well-formed entry loads; null p and bounds stay undefined */
        Summary s;
        snprintf(t, sizeof t, "%s%s}", pa, "[{\"x\": \"b\", \"y\": \"a\", \"p\": 0.75, \"ci95\": [null, 0.9]}]");
        int rc = summary_parse_json(&s, t, strlen(t), "pi.json", err, sizeof err);
        CHECK(rc == 0, "a well-formed prob_improvement loads: %s", err);
        if (rc == 0) {
            CHECK(s.n_pi == 1 && s.pi[0].x == 1 && s.pi[0].y == 0 && s.pi[0].p == 0.75 && isnan(s.pi[0].ci[0]) &&
                      s.pi[0].ci[1] == 0.9,
                  "prob_improvement read: n %d, x %d, y %d, p %g, ci [%g, %g]", s.n_pi, s.pi[0].x, s.pi[0].y, s.pi[0].p,
                  s.pi[0].ci[0], s.pi[0].ci[1]);
            summary_free(&s);
        }
    }
    /* the build that made a run: read, kept, written back; a key from a newer scorer is left out */
    {
        const char *pv = "{\"env\": \"E\", \"steps\": 1, \"algos\": {}, \"provenance\": {\"version\": \"0.1.0\", "
                         "\"commit\": \"abc\\\"d\", \"cpu\": \"Some CPU\", \"future\": \"x\"}}";
        Summary s;
        CHECK(summary_parse_json(&s, pv, strlen(pv), "pv.json", err, sizeof err) == 0, "provenance loads: %s", err);
        CHECK(!strcmp(s.prov.commit, "abc\"d") && !strcmp(s.prov.cpu, "Some CPU") && !s.resumed_by.version[0],
              "provenance fields read, resumed_by absent");
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        summary_write_json(&s, m);
        fclose(m);
        CHECK(strstr(buf, "\"provenance\": {\"version\": \"0.1.0\", \"commit\": \"abc\\\"d\", \"compiler\": \"\"") &&
                  strstr(buf, "\"cpu\": \"Some CPU\"") && !strstr(buf, "future") && !strstr(buf, "resumed_by"),
              "provenance written back: %s", buf);
        Summary back;
        CHECK(summary_parse_json(&back, buf, len, "back.json", err, sizeof err) == 0 && !strcmp(back.prov.commit, "abc\"d"),
              "and read again: %s", err);
        summary_free(&back);
        free(buf);
        summary_free(&s);
    }
    /* a minimal file in the DESIGN.md shape loads, statistics filled in where absent */
    const char *ok = "{\"env\": \"E\\u00e9\", \"steps\": 10, \"algos\": {\"scorer-x\": {\"seeds\": [0, 1, 2, 3], "
                     "\"final_return\": [1, 2, 3, 4]}, \"x\": {\"seeds\": [5], \"final_return\": [null]}}}";
    Summary s;
    int rc = summary_parse_json(&s, ok, strlen(ok), "min.json", err, sizeof err);
    CHECK(rc == 0, "minimal summary loads: %s", err);
    if (!rc) {
        CHECK(!strcmp(s.env, "E\xc3\xa9"), "\\u escape decoded to UTF-8");
        CHECK(s.algo[0].iqm == 2.5 && s.algo[0].n_ok == 4 && s.algo[1].n_ok == 0 && s.algo[1].failed[0], "missing statistics computed");
        CHECK(s.n_pi == 0, "no P(improvement) when the baseline has no good seed");
        summary_free(&s);
    }
}

/* P(scorer-X > X) across environments: the mean of the per-environment P, its interval the
 * task-stratified bootstrap's, and no line when an environment repeats or only one folder holds the pair. */
static void test_across(void) {
    static const char *const texts[] = {
        "{\"env\": \"A\", \"steps\": 10, \"algos\": {\"scorer-x\": {\"seeds\": [0, 1, 2], \"final_return\": [3, 5, 7]}, "
        "\"x\": {\"seeds\": [0, 1, 2], \"final_return\": [4, 4, 6]}}}",
        "{\"env\": \"B\", \"steps\": 10, \"algos\": {\"scorer-x\": {\"seeds\": [0, 1], \"final_return\": [1, 2]}, "
        "\"x\": {\"seeds\": [0, 1, 2, 3], \"final_return\": [0, 2, 3, null]}, \"scorer-y\": {\"seeds\": [0], \"final_return\": [1]}, "
        "\"y\": {\"seeds\": [0], \"final_return\": [0]}}}",
        "{\"env\": \"A\", \"steps\": 20, \"algos\": {\"scorer-x\": {\"seeds\": [0], \"final_return\": [1]}, "
        "\"x\": {\"seeds\": [0], \"final_return\": [2]}}}",
    };
    Summary s[3];
    char err[300];
    for (int i = 0; i < 3; i++) {
        const int rc = summary_parse_json(&s[i], texts[i], strlen(texts[i]), "across.json", err, sizeof err);
        CHECK(rc == 0, "across: summary %d loads: %s", i, err);
        if (rc) return;
    }
    SummaryAcross a[4];
    int n = summary_across(s, 2, a, 4);
    CHECK(n == 1 && !strcmp(a[0].x, "scorer-x") && !strcmp(a[0].y, "x") && a[0].n_tasks == 2,
          "A and B: one line, scorer-x over x on 2 tasks (scorer-y is in B only) (%d)", n);
    if (n == 1) {
        /* A: (3,5,7) against (4,4,6): 3 beats none, 5 beats two, 7 beats three: 5 of 9.
         * B: (1,2) against (0,2,3), the null left out: 1 beats one, 2 beats one and ties one: 2.5 of 6 */
        const double want = (5.0 / 9 + 2.5 / 6) / 2;
        CHECK(fabs(a[0].p - want) < 1e-12, "P across = the mean of the two tasks' P (%.15g, want %.15g)", a[0].p, want);
        CHECK(fabs(a[0].p - (s[0].pi[0].p + s[1].pi[0].p) / 2) < 1e-12, "... and of the folders' own P lines");
        CHECK(a[0].ci[0] >= 0 && a[0].ci[1] <= 1 && a[0].ci[0] <= a[0].p && a[0].p <= a[0].ci[1] && a[0].ci[0] < a[0].ci[1],
              "its interval [%g, %g] holds it", a[0].ci[0], a[0].ci[1]);
        Summary r[2] = {s[1], s[0]};
        SummaryAcross b[4];
        CHECK(summary_across(r, 2, b, 4) == 1 && b[0].p == a[0].p && b[0].ci[0] == a[0].ci[0] && b[0].ci[1] == a[0].ci[1],
              "the folders in the other order: the same P and interval, bit for bit");
    }
    /* stratified by environment: in C, scorer-x always wins; in D, always loses. Every resample keeps
     * that, so P is 0.5 with no spread; pooling the runs (3 + 2 against 2 + 3) or resampling across
     * environments would not give it */
    static const char *const cd[] = {
        "{\"env\": \"C\", \"steps\": 10, \"algos\": {\"scorer-x\": {\"seeds\": [0, 1, 2], \"final_return\": [10, 10, 10]}, "
        "\"x\": {\"seeds\": [0, 1], \"final_return\": [0, 0]}}}",
        "{\"env\": \"D\", \"steps\": 10, \"algos\": {\"scorer-x\": {\"seeds\": [0, 1], \"final_return\": [0, 0]}, "
        "\"x\": {\"seeds\": [0, 1, 2], \"final_return\": [10, 10, 10]}}}",
    };
    Summary u[2];
    int loaded = 0;
    for (; loaded < 2; loaded++)
        if (summary_parse_json(&u[loaded], cd[loaded], strlen(cd[loaded]), "cd.json", err, sizeof err)) break;
    CHECK(loaded == 2, "across: C and D load: %s", err);
    if (loaded == 2) {
        CHECK(summary_across(u, 2, a, 4) == 1 && a[0].p == 0.5 && a[0].ci[0] == 0.5 && a[0].ci[1] == 0.5,
              "one task won, one lost: P 0.5 [0.5, 0.5] (%g [%g, %g])", a[0].p, a[0].ci[0], a[0].ci[1]);
    }
    for (int i = 0; i < loaded; i++) summary_free(&u[i]);
    CHECK(summary_across(s, 1, a, 4) == 0, "one folder: no line across environments");
    CHECK(summary_across(s, 3, a, 4) == 0, "environment A twice (another budget): not two tasks, no line");
    Summary t[2] = {s[2], s[1]};
    CHECK(summary_across(t, 2, a, 4) == 1 && a[0].n_tasks == 2, "A (the other budget) and B: one line");
    CHECK(summary_across(s, 2, a, 0) == 0, "room for none: none filled");
    for (int i = 0; i < 3; i++) summary_free(&s[i]);
}

static void test_csv_fallback(void) {
    char dir[200], sub[300], path[400], err[600];
    snprintf(dir, sizeof dir, "%s/csv", tmpdir);
    mkdir(dir, 0777);
    const char *algos[] = {"dqn", "scorer-dqn"};
    for (int k = 0; k < 2; k++) {
        snprintf(sub, sizeof sub, "%s/%s", dir, algos[k]);
        mkdir(sub, 0777);
        snprintf(path, sizeof path, "%s/config.ini", sub);
        char ini[400];
        snprintf(ini, sizeof ini, "# test\n[run]\nenv = Acrobot-v1\nalgo = %s\nseed = 0\nnum_seeds = 3\ntotal_timesteps = 1000\n\n[env]\nnum_envs = 10\n", algos[k]);
        write_file(path, ini);
    }
    /* rows every 50 timesteps: the last 10% of the iterations (t past 900) are rows t = 950 and 1000 */
    char csv[4096];
    for (int sd = 0; sd < 3; sd++) {
        int n = 0;
        n += snprintf(csv + n, sizeof csv - (size_t)n, "timesteps,mean_return,episodes,leader_loss,follower_loss,epsilon\n");
        for (int t = 50; t <= 1000; t += 50) {
            double r = t <= 900 ? 10.0 : 100.0 + 10 * sd + (t == 1000 ? 20 : 0);
            n += snprintf(csv + n, sizeof csv - (size_t)n, "%d,%g,%d,,,0.5\n", t, r, t / 10);
        }
        snprintf(path, sizeof path, "%s/scorer-dqn/seed_%d.csv", dir, sd);
        write_file(path, csv);
    }
    /* dqn: seed 0 complete, seed 1 stopped at 500 (diverged), seed 2 missing */
    snprintf(path, sizeof path, "%s/dqn/seed_0.csv", dir);
    write_file(path, "timesteps,mean_return,episodes,leader_loss,follower_loss,epsilon\n500,1,1,,,1\n990,5,2,0.1,,0.1\n1000,7,3,0.1,,0.1\n");
    snprintf(path, sizeof path, "%s/dqn/seed_1.csv", dir);
    write_file(path, "timesteps,mean_return,episodes,leader_loss,follower_loss,epsilon\n250,1,1,,,1\n500,2,1,,,1\n");
    Summary s;
    int rc = summary_load(&s, dir, err, sizeof err);
    CHECK(rc == 0, "CSV fallback loads: %s", err);
    if (rc) return;
    CHECK(s.from_csv && !strcmp(s.env, "Acrobot-v1") && s.steps == 1000 && s.n_algos == 2, "env and steps from config.ini");
    CHECK(!strcmp(s.algo[0].algo, "scorer-dqn") && !strcmp(s.algo[1].algo, "dqn"), "scorer first, then its baseline");
    const SummaryAlgo *a = &s.algo[0], *b = &s.algo[1];
    /* seed sd: rows 950 and 1000 -> (100+10sd + 120+10sd)/2 = 110 + 10 sd */
    CHECK(a->n == 3 && a->n_ok == 3 && a->final_return[0] == 110 && a->final_return[1] == 120 && a->final_return[2] == 130,
          "final returns %g %g %g", a->final_return[0], a->final_return[1], a->final_return[2]);
    /* auc of seed 0: 18 rows of 10, 100 and 120, each 50 timesteps -> (180 + 220) / 20 (an empty field makes the
     * seed failed: cli_report checks it) */
    CHECK(check_close(a->auc[0], 400.0 / 20.0, 1e-14), "auc %g", a->auc[0]);
    CHECK(a->mean == 120 && a->std == 10 && a->iqm == 120 && isnan(a->sps_median), "statistics over seeds");
    /* dqn seed 0: the last 10% is t in (900, 1000]; row 990 covers (500, 990], 90 of them, at 5, row 1000 the
     * last 10 at 7: (5 * 90 + 7 * 10) / 100 (an unweighted mean of the two rows would say 6) */
    CHECK(b->n == 3 && b->n_ok == 1 && check_close(b->final_return[0], 5.2, 1e-14) && b->failed[1] && b->failed[2],
          "dqn: one good seed (final 5.2: %g)", b->final_return[0]);
    CHECK(strstr(b->error[1], "ends at timestep 500 of 1000") && strstr(b->error[2], "no seed_2.csv"), "reasons: '%s' '%s'", b->error[1], b->error[2]);
    CHECK(s.n_pi == 1 && s.pi[0].p == 1.0, "P(scorer-dqn > dqn) = 1");
    summary_free(&s);
    /* the run manifest's order wins over the canonical one */
    snprintf(path, sizeof path, "%s/run.ini", dir);
    write_file(path, "# manifest\ncommand = compare\nalgos = dqn, scorer-dqn\n");
    rc = summary_load(&s, dir, err, sizeof err);
    CHECK(rc == 0 && !strcmp(s.algo[0].algo, "dqn") && !strcmp(s.algo[1].algo, "scorer-dqn") && s.n_pi == 1 && s.pi[0].x == 1,
          "order from run.ini: %s", err);
    if (!rc) summary_free(&s);

    /* damaged CSV: error names the file and line */
    snprintf(path, sizeof path, "%s/dqn/seed_0.csv", dir);
    write_file(path, "timesteps,mean_return,episodes,leader_loss,follower_loss,epsilon\n500,1,1,,,1\n990,abc,2,0.1,,0.1\n");
    rc = summary_load(&s, dir, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "seed_0.csv:3") && strstr(err, "not a number"), "bad CSV value: %s", err);
    write_file(path, "hello\n1,2\n");
    rc = summary_load(&s, dir, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "seed_0.csv:1") && strstr(err, "header"), "bad CSV header: %s", err);

    /* flat layout (train) */
    snprintf(sub, sizeof sub, "%s/flat", tmpdir);
    mkdir(sub, 0777);
    snprintf(path, sizeof path, "%s/config.ini", sub);
    write_file(path, "env = CartPole-v1\nalgo = ddqn\nseed = 4\nnum_seeds = 1\ntotal_timesteps = 100\n");
    snprintf(path, sizeof path, "%s/seed_4.csv", sub);
    write_file(path, "timesteps,mean_return,episodes,leader_loss,follower_loss,epsilon\n50,1,1,,,1\n100,3,1,,,1\n");
    rc = summary_load(&s, sub, err, sizeof err);
    CHECK(rc == 0 && s.n_algos == 1 && !strcmp(s.algo[0].algo, "ddqn") && s.algo[0].final_return[0] == 3, "flat folder: %s", err);
    if (!rc) summary_free(&s);

    snprintf(path, sizeof path, "%s/nope", tmpdir);
    rc = summary_load(&s, path, err, sizeof err);
    CHECK(rc == -1 && strstr(err, path), "missing folder: %s", err);
    snprintf(path, sizeof path, "%s/empty", tmpdir);
    mkdir(path, 0777);
    rc = summary_load(&s, path, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "no summary.json"), "empty folder: %s", err);
}

/* The table's numbers: "%.2f" below 1e9 in magnitude, "%.4g" from there, so that a huge return neither fills a
 * cell with 300 digits nor is cut short in a caller's buffer; one seed shows its number alone (no "± -", no
 * "[-, -]"). */
static void test_table(void) {
    static const struct { double v; const char *want; } cases[] = {
        {454.734, "454.73"}, {-0.004, "-0.00"}, {999999999.0, "999999999.00"}, {-999999999.5, "-999999999.50"},
        {1e9, "1e+09"}, {-1e9, "-1e+09"}, {1234567890123.0, "1.235e+12"}, {1e300, "1e+300"},
        {-1.7976931348623157e308, "-1.798e+308"}, {NAN, "-"}, {INFINITY, "-"}, {-INFINITY, "-"},
    };
    char b[TABLE_NUM];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(b, 'x', sizeof b);
        table_fmt_return(b, sizeof b, cases[i].v);
        CHECK(!strcmp(b, cases[i].want), "table_fmt_return(%g) = '%s', want '%s'", cases[i].v, b, cases[i].want);
    }
    char c[TABLE_CELL];
    table_fmt_mean_std(c, sizeof c, 2e300, 1e300);
    CHECK(!strcmp(c, "2e+300 ± 1e+300"), "mean ± std of huge returns: '%s'", c);
    table_fmt_mean_std(c, sizeof c, 454.734, NAN);
    CHECK(!strcmp(c, "454.73"), "one seed's mean alone, no '± -': '%s'", c);
    table_fmt_mean_std(c, sizeof c, NAN, NAN);
    CHECK(!strcmp(c, "-"), "no mean: '%s'", c);
    table_fmt_ci(c, sizeof c, 1e300, (const double[2]){-1e12, 3e300});
    CHECK(!strcmp(c, "1e+300 [-1e+12, 3e+300]"), "IQM [CI] of huge returns: '%s'", c);
    table_fmt_ci(c, sizeof c, 454.734, (const double[2]){NAN, NAN});
    CHECK(!strcmp(c, "454.73"), "one seed's IQM alone, no '[-, -]': '%s'", c);
    table_fmt_p(c, sizeof c, 0.5, (const double[2]){0.25, 0.75});
    CHECK(!strcmp(c, "0.50 [0.25, 0.75]"), "P with its interval: '%s'", c);
    /* a summary row of huge returns: every cell whole, with its spread, and short */
    double fr[3] = {1e300, 2e300, 3e300}, auc[3] = {1e299, 2e299, 3e299};
    SummaryAlgo a = {.n = 3, .n_ok = 3, .final_return = fr, .auc = auc, .mean = 2e300, .std = 1e300, .iqm = 2e300,
                     .iqm_ci = {1e300, 3e300}, .auc_mean = 2e299, .sps_median = NAN};
    TableCell cells[5];
    summary_algo_cells(&a, cells);
    CHECK(!strcmp(cells[1], "2e+300 ± 1e+300") && !strcmp(cells[2], "2e+300 [1e+300, 3e+300]") &&
              !strcmp(cells[3], "2e+299"),
          "summary cells of huge returns: '%s' '%s' '%s'", cells[1], cells[2], cells[3]);
}

int main(void) {
    snprintf(tmpdir, sizeof tmpdir, "/tmp/scorer-test-stats-XXXXXX");
    if (!mkdtemp(tmpdir)) { perror("mkdtemp"); return 1; }
    test_basic();
    test_bootstrap();
    test_prob_improvement();
    test_roundtrip();
    test_malformed();
    test_csv_fallback();
    test_across();
    test_table();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
    return check_done("test_stats");
}
