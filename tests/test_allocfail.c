/* test_allocfail.c - every allocation the library makes may fail (DESIGN.md: "Allocation failures are
 * checked"): for each entry point that allocates, the test counts the allocations of one successful
 * call, then makes each of them fail in turn, and requires of every such call that it
 *   - returns its error (or, where the API says so, a failed seed with its message), never success,
 *   - says why in its message,
 *   - and gives back everything it had allocated (no leak), without crashing;
 * and that a call after all that still succeeds.
 *
 * How: the binary is linked with -Wl,--wrap for malloc, calloc, realloc, aligned_alloc and free (see the
 * Makefile), so every call the library's objects make goes through the __wrap_ functions below. They
 * fail the k-th allocation when asked, and keep the set of blocks they handed out, so "no leak" is that
 * set's size before and after. Calls made inside libc or OpenBLAS are not wrapped and not counted, nor
 * is the network kernels' per-thread scratch (posix_memalign, not wrapped: that one aborts when it fails,
 * src/nn/scratch.c).
 * Under AddressSanitizer, LeakSanitizer checks the same at exit. ALLOCFAIL_TRACE=1 prints the stack of
 * each failed allocation (addresses for addr2line -f -e build/tests/test_allocfail).
 * Prints "N passed, N failed". */
#include "check.h"
#include "scorer/scorer.h"
#include <errno.h>
#include <execinfo.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- the wrapped allocator ------------------------------------------------------------------ */
void *__real_malloc(size_t n);
void *__real_calloc(size_t m, size_t n);
void *__real_realloc(void *p, size_t n);
void *__real_aligned_alloc(size_t a, size_t n);
void __real_free(void *p);

enum { TABLE = 1 << 20 };                   /* open addressing; far more than the live blocks here */
static void *table[TABLE];
static void *const TOMB = (void *)&table;   /* a deleted entry */
static long live, calls, fail_at;           /* blocks handed out and not freed; allocations so far */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static size_t slot_of(const void *p) { return (size_t)(((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull) & (TABLE - 1); }
static void track(void *p) { /* under mu */
    size_t i = slot_of(p);
    while (table[i] && table[i] != TOMB) i = (i + 1) & (TABLE - 1);
    table[i] = p;
    live++;
}
static void untrack(void *p) { /* under mu; blocks allocated inside libc (not ours) are not found */
    for (size_t i = slot_of(p); table[i]; i = (i + 1) & (TABLE - 1))
        if (table[i] == p) { table[i] = TOMB; live--; return; }
}
/* 1 when this allocation is the one to fail (errno ENOMEM, as glibc's); ALLOCFAIL_TRACE=1 prints where it is */
static int fails(void) {
    if (++calls != fail_at) return 0;
    if (getenv("ALLOCFAIL_TRACE")) { void *b[16]; backtrace_symbols_fd(b, backtrace(b, 16), 2); } /* addr2line -f -e */
    errno = ENOMEM;
    return 1;
}

/* called under mu, with what the allocation gave: tracks it, lets go of mu */
static void *handed(void *p) {
    if (p) track(p);
    pthread_mutex_unlock(&mu);
    return p;
}
void *__wrap_malloc(size_t n) { pthread_mutex_lock(&mu); return handed(fails() ? NULL : __real_malloc(n)); }
void *__wrap_calloc(size_t m, size_t n) { pthread_mutex_lock(&mu); return handed(fails() ? NULL : __real_calloc(m, n)); }
void *__wrap_aligned_alloc(size_t a, size_t n) {
    pthread_mutex_lock(&mu);
    return handed(fails() ? NULL : __real_aligned_alloc(a, n));
}
void *__wrap_realloc(void *old, size_t n) { /* a failed realloc leaves old as it was */
    pthread_mutex_lock(&mu);
    void *p = fails() ? NULL : __real_realloc(old, n);
    if (p) {
        if (old) untrack(old);
        track(p);
    }
    pthread_mutex_unlock(&mu);
    return p;
}
void __wrap_free(void *p) {
    if (!p) return;
    pthread_mutex_lock(&mu);
    untrack(p);
    pthread_mutex_unlock(&mu);
    __real_free(p);
}

/* --- one entry point under every failure -------------------------------------------------------- */
typedef struct Op {
    const char *name;
    /* returns 0 on success, else nonzero with msg; on success the op's result is kept for undo */
    int (*run)(void *ctx, char *msg, size_t len);
    void (*undo)(void *ctx);       /* frees a success's result */
    void *ctx;
} Op;

static long count_calls(const Op *op, int *ok) {
    char msg[4096] = "";
    pthread_mutex_lock(&mu); calls = 0; fail_at = 0; pthread_mutex_unlock(&mu);
    *ok = op->run(op->ctx, msg, sizeof msg) == 0;
    pthread_mutex_lock(&mu); const long n = calls; pthread_mutex_unlock(&mu);
    if (*ok) op->undo(op->ctx);
    else fprintf(stderr, "%s: %s\n", op->name, msg);
    return n;
}

static void every_failure(const Op *op) {
    int ok;
    const long base = live, n = count_calls(op, &ok);
    CHECK(ok && live == base, "%s: succeeds, and gives back what it allocated (%ld blocks kept)", op->name, live - base);
    CHECK(n > 0, "%s: allocates (%ld allocations)", op->name, n);
    int refused = 0, leaks = 0, silent = 0;
    for (long k = 1; k <= n; k++) {
        char msg[4096] = "";
        pthread_mutex_lock(&mu); calls = 0; fail_at = k; pthread_mutex_unlock(&mu);
        const int rc = op->run(op->ctx, msg, sizeof msg);
        pthread_mutex_lock(&mu); fail_at = 0; pthread_mutex_unlock(&mu);
        if (rc == 0) {
            refused++;
            fprintf(stderr, "%s: allocation %ld of %ld failed, and the call succeeded\n", op->name, k, n);
            op->undo(op->ctx);
        } else if (!strstr(msg, "memory") || strstr(msg, "damaged")) { /* a sound input is not to be called damaged */
            silent++;
            fprintf(stderr, "%s: allocation %ld of %ld failed: the message is '%s'\n", op->name, k, n, msg);
        }
        if (live != base) {
            leaks++;
            fprintf(stderr, "%s: allocation %ld of %ld failed: %ld blocks not given back\n", op->name, k, n, live - base);
            pthread_mutex_lock(&mu); live = base; pthread_mutex_unlock(&mu); /* count the next one afresh */
        }
    }
    CHECK(refused == 0, "%s: every failed allocation fails the call (%d of %ld did not)", op->name, refused, n);
    CHECK(silent == 0, "%s: every failure says it ran out of memory, and calls no input damaged (%d of %ld did not)", op->name, silent, n);
    CHECK(leaks == 0, "%s: nothing leaks on any failure (%d of %ld leaked)", op->name, leaks, n);
    count_calls(op, &ok);
    CHECK(ok && live == base, "%s: succeeds again afterwards", op->name);
}

/* --- the entry points ------------------------------------------------------------------------ */
static char tmp[256];

static int resolve(RunConfig *c, const char *env, const char *algo, long steps, const char *out) {
    ConfigPairs p = {0};
    char err[256];
    config_pairs_add(&p, "env", env, "test");
    config_pairs_add(&p, "algo", algo, "test");
    config_pairs_add(&p, "num_envs", "4", "test");
    config_pairs_add(&p, "buffer_size", "400", "test");
    config_pairs_add(&p, "batch_size", "8", "test");
    config_pairs_add(&p, "latent_dim", "16", "test");
    config_pairs_add(&p, "q_hidden", "16", "test");
    config_pairs_add(&p, "dueling_hidden", "8", "test");
    config_pairs_add(&p, "learning_starts", "200", "test");
    config_pairs_add(&p, "num_steps", "16", "test");
    config_pairs_add(&p, "num_minibatches", "2", "test");
    config_pairs_add(&p, "threads", "1", "test");
    char s[32];
    snprintf(s, sizeof s, "%ld", steps);
    config_pairs_add(&p, "total_timesteps", s, "test");
    config_pairs_add(&p, "log_interval", "200", "test");
    if (out) config_pairs_add(&p, "out", out, "test");
    if (config_resolve(c, &p, err, sizeof err)) { fprintf(stderr, "config: %s\n", err); return -1; }
    return 0;
}

typedef struct InitCtx { RunConfig c; Trainee tr; } InitCtx;
static int run_init(void *v, char *msg, size_t len) { InitCtx *x = v; return trainee_init(&x->tr, &x->c, 0, msg, len); }
static void undo_init(void *v) { trainee_free(&((InitCtx *)v)->tr); }

typedef struct CkptCtx { RunConfig c; char path[300]; } CkptCtx;
static int run_ckpt(void *v, char *msg, size_t len) { CkptCtx *x = v; return train_check_resume(&x->c, 0, x->path, NULL, msg, len); }
static void undo_nothing(void *v) { (void)v; }
static void ignore_step(const EvalStep *s, void *user) { (void)s; (void)user; }
/* the same checkpoint played: two episodes, with a callback (the final observations kept apart) */
static int run_evaluate(void *v, char *msg, size_t len) {
    CkptCtx *x = v;
    EvalOptions o = {.episodes = 2, .on_step = ignore_step};
    EvalResult r;
    return evaluate_checkpoint(&x->c, 0, x->path, &o, &r, msg, len);
}

typedef struct RunCtx { ConfigPairs p; int k; Experiment x; } RunCtx;
static int run_experiment(void *v, char *msg, size_t len) {
    RunCtx *r = v;
    char out[300], algos[1][32] = {"scorer-dqn"};
    snprintf(out, sizeof out, "%s/exp%d", tmp, r->k++);
    ConfigPairs p = r->p;
    config_pairs_add(&p, "out", out, "test");
    const ConfigPairs *pairs[1] = {&p};
    memset(&r->x, 0, sizeof r->x);
    int rc = experiment_run(&r->x, pairs, algos, 1, 1, 0, 0, NULL, msg, len);
    if (rc == 0 && r->x.n_failed) { /* a seed that ran out of memory: failed with its message */
        for (int j = 0; j < r->x.base.num_seeds; j++)
            if (r->x.results[j].failed) snprintf(msg, len, "%s", r->x.results[j].error);
        rc = -1;
    }
    experiment_free(&r->x);
    return rc;
}

/* The readers of run folders return -2 when memory runs out, -1 when the files are at fault: callers (a
 * sweep's table, plot's fallback to the CSVs) tell the two apart by it. Any other failure is replaced by a
 * message without "memory", which every_failure counts against the call. */
static int want_memory(int rc, const char *what, char *msg, size_t len) {
    if (rc && rc != -2) snprintf(msg, len, "%s returned %d, not -2 (the files are sound)", what, rc);
    return rc;
}
static const char *fixture; /* a finished compare folder */
static int run_summary(void *v, char *msg, size_t len) {
    Summary *s = v; /* a failed load leaves nothing to free (sweep_report.c relies on it); a loaded one is freed */
    const int rc = want_memory(summary_load(s, fixture, msg, len), "summary_load", msg, len);
    if (rc) return rc;
    if (summary_compute(s, msg, len)) { summary_free(s); return -1; }
    return 0;
}
static void undo_summary(void *v) { summary_free(v); }
static char csv_dir[300]; /* the fixture without its summary.json */
static int run_summary_csv(void *v, char *msg, size_t len) {
    return want_memory(summary_load(v, csv_dir, msg, len), "summary_load from the CSVs", msg, len);
}
static int run_scan(void *v, char *msg, size_t len) {
    return want_memory(runfolder_scan(v, fixture, msg, len), "runfolder_scan", msg, len);
}
static void undo_scan(void *v) { runfolder_free(v); }
static char csv_path[400];
static int run_curve(void *v, char *msg, size_t len) {
    return want_memory(seedcurve_read(v, csv_path, msg, len), "seedcurve_read", msg, len);
}
static void undo_curve(void *v) { seedcurve_free(v); }
static const char json_text[] = "{\"a\": [1, 2, {\"b\": \"text\", \"c\": null}], \"d\": {\"e\": [true, false]}}";
static int run_json(void *v, char *msg, size_t len) { /* -1 would call the text malformed */
    const int rc = json_parse(json_text, sizeof json_text - 1, v, msg, len);
    if (rc == -1) snprintf(msg, len, "json_parse returned -1 (not JSON), not -2");
    return rc;
}
static void undo_json(void *v) { json_free(v); }

static char plot_prefix_path[300];
static int run_plot(void *v, char *msg, size_t len) {
    (void)v;
    const char *dirs[1] = {fixture};
    return plot_runs(dirs, 1, plot_prefix_path, msg, len) == PLOT_ERROR ? -1 : 0;
}
typedef struct BootCtx { double x[6], y[5]; } BootCtx;
static int run_boot(void *v, char *msg, size_t len) {
    BootCtx *b = v;
    Rng rng;
    rng_seed(&rng, 1, 2);
    static const int ox[2] = {0, 6}, oy[2] = {0, 5};
    StatsTasks x = {b->x, ox, 1}, y = {b->y, oy, 1};
    double ci[2];
    int rc = stats_bootstrap_ci(x, stats_iqm, 200, 0.95, &rng, ci);
    if (rc == 0) rc = stats_prob_improvement_ci(x, y, 200, 0.95, &rng, ci);
    if (rc == -2) snprintf(msg, len, "out of memory");
    return rc;
}
static char ref_path[600];
static int run_refcheck(void *v, char *msg, size_t len) {
    RefCheckReport rep;
    (void)v;
    int rc = refcheck_file(ref_path, REFCHECK_AUTO, 0, &rep, msg, len);
    return rc ? rc : rep.mismatches != 0;
}
static Sweep sweep;
static char sweep_dir[300];
static int run_sweep_load(void *v, char *msg, size_t len) { return sweep_load(v, sweep_dir, msg, len); }
static int run_sweep_table(void *v, char *msg, size_t len) {
    (void)v;
    FILE *f = tmpfile();
    if (!f) { snprintf(msg, len, "tmpfile failed"); return -1; }
    int damaged = 0;
    const int rc = sweep_print_table(&sweep, f, &damaged, NULL, 0);
    rewind(f);
    size_t n = fread(msg, 1, len - 1, f);
    msg[n] = 0;
    fclose(f);
    /* -1 is memory; what it printed before (all but the lines across envs) must not call a point damaged */
    if (rc < 0) snprintf(msg, len, "out of memory%s", strstr(msg, "damaged") || strstr(msg, "DAMAGED") ? ", and a point shown damaged" : "");
    return rc != 0 || damaged != 0;
}
static int run_sweep_csv(void *v, char *msg, size_t len) { (void)v; return sweep_write_csv(&sweep, msg, len); }
static int run_sweep_plot(void *v, char *msg, size_t len) {
    (void)v;
    return sweep_plot(&sweep, plot_prefix_path, msg, len) == PLOT_ERROR ? -1 : 0;
}

static int sh(const char *fmt, const char *a, const char *b) {
    char cmd[1024];
    snprintf(cmd, sizeof cmd, fmt, a, b);
    return system(cmd);
}

int main(void) {
    const char *td = getenv("TMPDIR");
    snprintf(tmp, sizeof tmp, "%s/scorer-allocfail.XXXXXX", td && *td ? td : "/tmp");
    if (!mkdtemp(tmp)) { perror("mkdtemp"); return 1; }

    /* trainee_init: every algorithm on a classic env and a MinAtar game (dense and bit observations) */
    static const char *const algos[] = {"dqn", "ddqn", "dueling-dqn", "dueling-ddqn", "pqn", "scorer-dqn",
                                        "scorer-ddqn", "scorer-dueling-dqn", "scorer-dueling-ddqn", "scorer-pqn"};
    static const char *const envs[] = {"CartPole-v1", "Breakout-MinAtar"};
    static InitCtx ic;
    for (int e = 0; e < 2; e++)
        for (int a = 0; a < 10; a++) {
            char name[96];
            snprintf(name, sizeof name, "trainee_init %s %s", envs[e], algos[a]);
            if (resolve(&ic.c, envs[e], algos[a], 2000, NULL)) { CHECK(0, "%s: configuration", name); continue; }
            every_failure(&(Op){name, run_init, undo_init, &ic});
        }

    /* a checkpoint, loaded as a resume would (train_check_resume) and played (evaluate_checkpoint): a DQN-family
     * one and a PQN one */
    static const char *const ck_algos[] = {"scorer-dqn", "scorer-pqn"};
    for (int a = 0; a < 2; a++) {
        static CkptCtx cc;
        SeedResult r;
        if (resolve(&cc.c, "CartPole-v1", ck_algos[a], 1000, NULL)) { CHECK(0, "ckpt: configuration"); continue; }
        cc.c.checkpoint_every = 0; /* checkpoints every 10% of the run */
        snprintf(cc.path, sizeof cc.path, "%s/%s.ckpt", tmp, ck_algos[a]);
        TrainCtl ctl = {.ckpt_path = cc.path};
        const int rc = train_seed(&cc.c, 0, &r, NULL, &ctl);
        CHECK(rc == 0 && !r.failed && access(cc.path, F_OK) == 0, "%s: a checkpoint to load: %s", ck_algos[a], r.error);
        seed_result_free(&r);
        char name[96];
        snprintf(name, sizeof name, "train_check_resume %s", ck_algos[a]);
        every_failure(&(Op){name, run_ckpt, undo_nothing, &cc});
        snprintf(name, sizeof name, "evaluate_checkpoint %s", ck_algos[a]);
        every_failure(&(Op){name, run_evaluate, undo_nothing, &cc});
    }

    /* experiment_run: a short compare of one algorithm, each call into a folder of its own */
    static RunCtx rx;
    config_pairs_add(&rx.p, "env", "CartPole-v1", "test");
    config_pairs_add(&rx.p, "total_timesteps", "400", "test");
    config_pairs_add(&rx.p, "learning_starts", "200", "test");
    config_pairs_add(&rx.p, "num_seeds", "2", "test");
    config_pairs_add(&rx.p, "threads", "1", "test");
    config_pairs_add(&rx.p, "checkpoint_every", "-1", "test");
    every_failure(&(Op){"experiment_run", run_experiment, undo_nothing, &rx});

    /* reading a finished run folder: summary.json, the CSV fallback, the folder scan, a seed's CSV */
    static char fix[300];
    snprintf(fix, sizeof fix, "%s/exp0", tmp);
    fixture = fix;
    snprintf(csv_dir, sizeof csv_dir, "%s/nosummary", tmp);
    CHECK(sh("cp -r '%s' '%s'", fix, csv_dir) == 0 && sh("rm '%s/summary.json'%s", csv_dir, "") == 0, "a folder without summary.json");
    snprintf(csv_path, sizeof csv_path, "%s/scorer-dqn/seed_0.csv", fix);
    static Summary s;
    static RunFolder rf;
    static SeedCurve sc;
    static JsonValue jv;
    every_failure(&(Op){"summary_load + summary_compute", run_summary, undo_summary, &s});
    every_failure(&(Op){"summary_load from the CSVs", run_summary_csv, undo_summary, &s});
    every_failure(&(Op){"runfolder_scan", run_scan, undo_scan, &rf});
    every_failure(&(Op){"seedcurve_read", run_curve, undo_curve, &sc});
    every_failure(&(Op){"json_parse", run_json, undo_json, &jv});

    snprintf(plot_prefix_path, sizeof plot_prefix_path, "%s/fig/curves", tmp);
    every_failure(&(Op){"plot_runs", run_plot, undo_nothing, NULL});
    static BootCtx bc = {{1, 5, 2, 8, 3, 9}, {0, 4, 1, 6, 2}};
    every_failure(&(Op){"stats_bootstrap_ci + stats_prob_improvement_ci", run_boot, undo_nothing, &bc});
    snprintf(ref_path, sizeof ref_path, "%s/minatar/breakout.txt", check_refdata_dir());
    every_failure(&(Op){"refcheck_file (MinAtar)", run_refcheck, undo_nothing, NULL});

    /* a sweep of two finished points (made by the command itself), then its table, CSV and figure */
    const char *bin = getenv("SCORER_BIN");
    snprintf(sweep_dir, sizeof sweep_dir, "%s/sweep", tmp);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "'%s' sweep --grid learning_starts=200,300 --steps 400 --seeds 2 --set checkpoint_every=-1 "
             "--out '%s' --quiet > /dev/null 2>&1", bin && *bin ? bin : "bin/scorer", sweep_dir);
    CHECK(system(cmd) == 0, "a sweep to read: %s", cmd);
    static Sweep sl;
    every_failure(&(Op){"sweep_load", run_sweep_load, undo_nothing, &sl});
    char err[256];
    CHECK(sweep_load(&sweep, sweep_dir, err, sizeof err) == 0, "sweep_load: %s", err);
    every_failure(&(Op){"sweep_print_table", run_sweep_table, undo_nothing, NULL});
    every_failure(&(Op){"sweep_write_csv", run_sweep_csv, undo_nothing, NULL});
    every_failure(&(Op){"sweep_plot", run_sweep_plot, undo_nothing, NULL});

    CHECK(sh("rm -rf '%s'%s", tmp, "") == 0, "temporary folder removed");
    return check_done("test_allocfail");
}
