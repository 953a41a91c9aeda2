/* test_library.c - the library's boundary, as a program calling it meets it: settings that would
 * break a run are refused when they are resolved, experiment_run refuses what it cannot do,
 * train_seed and experiment_run give back the process state they change, and the network kernels
 * leave the program's threads their stacks. */
#include "scorer/config.h"
#include "scorer/experiment.h"
#include "scorer/fileio.h"
#include "scorer/fpu.h"
#include "scorer/layers.h"
#include "scorer/vecenv.h"
#include "check.h"
#include <cblas.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

static int resolve(RunConfig *c, const char *const *kv, char *err, size_t errlen) {
    static ConfigPairs p;
    memset(&p, 0, sizeof p);
    for (int i = 0; kv[i]; i += 2) config_pairs_add(&p, kv[i], kv[i + 1], "test");
    return config_resolve(c, &p, err, errlen);
}

/* An env that reports a negative observation size (a bug in a program's own env). */
static int bad_init(void *env, const EnvOptions *o, EnvInfo *info) {
    (void)env; (void)o;
    memset(info, 0, sizeof *info);
    info->obs_dim = -3;
    info->n_actions = 2;
    return 0;
}
static void nop_seed(void *env, uint64_t seed, uint64_t stream) { (void)env; (void)seed; (void)stream; }
static void nop_reset(void *env) { (void)env; }
static float nop_step(void *env, int action, int *terminated) { (void)env; (void)action; *terminated = 1; return 0.0f; }
static void nop_observe(const void *env, float *obs) { (void)env; (void)obs; }
static int nop_valid(const void *env) { (void)env; return 1; }

/* The network kernels on a thread of a small stack. Their per-thread scratch (2 MB) was static TLS, which
 * glibc reserves in the stack of every thread of the program, calling scorer or not: a thread of a 256 KB
 * stack could not be created (EINVAL). Now it is a heap block a thread allocates on its first call and
 * frees as it exits (under SAN=1, LeakSanitizer would see an exited thread's block that was not freed). */
enum { KB = 8, KIN = 32, KOUT = 48 }; /* 48 outputs: the transposed weights, and a padded tile of 16 columns */
typedef struct KernelCall { const float *x, *w, *b, *g; float y[KB * KOUT], z[KB * KOUT], stat[2 * KB]; } KernelCall;
static void *kernel_calls(void *v) {
    KernelCall *k = v;
    dense_forward(k->x, k->w, k->b, k->y, KB, KIN, KOUT);         /* x: (KB, KIN) -> y: (KB, KOUT) */
    layernorm_forward(k->y, k->g, k->b, k->z, k->stat, KB, KOUT); /* y -> z: (KB, KOUT) */
    return NULL;
}

static void kernels_on_small_stack(void) {
    static float x[KB * KIN], w[KOUT * KIN], b[KOUT], g[KOUT];
    for (int i = 0; i < KB * KIN; i++) x[i] = (float)(i * 37 % 17) / 8.0f - 1.0f;
    for (int i = 0; i < KOUT * KIN; i++) w[i] = (float)(i * 53 % 29) / 64.0f - 0.2f;
    for (int i = 0; i < KOUT; i++) b[i] = g[i] = (float)(i % 5) / 4.0f;
    static KernelCall here, there;
    here = (KernelCall){.x = x, .w = w, .b = b, .g = g};
    kernel_calls(&here);
    pthread_attr_t a;
    pthread_attr_init(&a);
    CHECK(pthread_attr_setstacksize(&a, 256 * 1024) == 0, "a stack size of 256 KB");
    for (int t = 0; t < 3; t++) { /* each thread allocates its block, and frees it as it exits */
        there = (KernelCall){.x = x, .w = w, .b = b, .g = g};
        pthread_t th;
        const int rc = pthread_create(&th, &a, kernel_calls, &there);
        CHECK(rc == 0, "a thread of a 256 KB stack is created (%s)", strerror(rc));
        if (rc) break;
        pthread_join(th, NULL);
        CHECK(!memcmp(there.y, here.y, sizeof here.y) && !memcmp(there.z, here.z, sizeof here.z) &&
                  !memcmp(there.stat, here.stat, sizeof here.stat),
              "dense_forward and layernorm_forward on it give the main thread's bits");
    }
    pthread_attr_destroy(&a);
}

int main(void) {
    kernels_on_small_stack();
    static RunConfig c;
    char err[600];
    /* a curve of more rows than an int (it wrapped to 12 rows and train_seed wrote past them) */
    CHECK(resolve(&c, (const char *[]){"total_timesteps", "4294967306", "log_interval", "1", "num_envs", "1", NULL}, err,
                  sizeof err) == -1 && strstr(err, "log_interval=1 makes more than 10000000 CSV rows"), "%s", err);
    CHECK(resolve(&c, (const char *[]){"total_timesteps", "100000", "log_interval", "1", "num_envs", "1", NULL}, err,
                  sizeof err) == 0 && train_curve_rows(&c) == 100002, "a long curve within the bound: %s", err);
    /* env options the env does not take are refused by config_resolve, not by each seed later */
    CHECK(resolve(&c, (const char *[]){"sticky_prob", "0.5", NULL}, err, sizeof err) == -1 &&
          !strcmp(err, "CartPole-v1 does not take sticky_prob=0.5 (leave it at its default: sticky_prob=-1)"), "%s", err);
    CHECK(resolve(&c, (const char *[]){"env", "Breakout-MinAtar", "sticky_prob", "0.5", NULL}, err, sizeof err) == 0, "%s", err);

    /* PQN exploring past the run's end: the note says where its schedules end, in no command line's words (no
     * --set), and gives back the decay_horizon that fits the run (half of what it trains) */
    char note[600] = "";
    CHECK(resolve(&c, (const char *[]){"env", "Breakout-MinAtar", "algo", "pqn", "total_timesteps", "128000", NULL}, err,
                  sizeof err) == 0 && config_schedule_note(&c, note, sizeof note) == 64000 &&
          strstr(note, "exploration lasts until timestep 40000000") && !strstr(note, "--"), "%s %s", err, note);
    CHECK(resolve(&c, (const char *[]){"env", "Breakout-MinAtar", "algo", "pqn", "total_timesteps", "128000", "decay_horizon",
                                       "64000", NULL}, err, sizeof err) == 0 && config_schedule_note(&c, note, sizeof note) == 0,
          "a schedule within the run: no note: %s", err);

    /* train_seed gives the thread's floating-point mode back (it flushes denormals while it trains) */
    CHECK(resolve(&c, (const char *[]){"total_timesteps", "2000", NULL}, err, sizeof err) == 0, "%s", err);
    const unsigned before = fpu_state();
    static SeedResult r;
    CHECK(train_seed(&c, 0, &r, NULL, NULL) == 0 && !r.failed && fpu_state() == before, "fpu state %#x -> %#x", before,
          fpu_state());
    volatile float tiny = 1.17549435e-38f; /* FLT_MIN: a quarter of it is a denormal, zero when flushed */
    CHECK(tiny / 4.0f != 0.0f, "denormals flushed after train_seed");
    seed_result_free(&r);

    /* experiment_run: what it cannot do, refused before anything is written */
    char dir[] = "/tmp/scorer-library-XXXXXX", out[64];
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    static ConfigPairs p;
    static Experiment x;
    const ConfigPairs *pairs[2] = {&p, &p};
    char algos[2][32] = {"dqn", "scorer-dqn"};
    snprintf(out, sizeof out, "%s/run", dir);
    config_pairs_add(&p, "total_timesteps", "2000", "test");
    config_pairs_add(&p, "threads", "1", "test");
    config_pairs_add(&p, "out", out, "test");
    CHECK(experiment_run(&x, pairs, algos, 2, 0, 0, 0, NULL, err, sizeof err) == -1 && strstr(err, "holds one algorithm") &&
          access(out, F_OK) != 0, "two algorithms in a flat folder: %s", err);
    experiment_free(&x);
    CHECK(experiment_run(&x, pairs, algos, 1, 0, 0, 1, NULL, err, sizeof err) == -1 && strstr(err, "no run.ini"),
          "resume of a folder without a run: %s", err);
    experiment_free(&x);
    config_pairs_add(&p, "out", "", "test");
    CHECK(experiment_run(&x, pairs, algos, 1, 0, 0, 0, NULL, err, sizeof err) == -1 && strstr(err, "no run folder") &&
          !strstr(err, "--"), "an empty out: %s", err);
    experiment_free(&x);
    CHECK(fileio_mkdirs("", err, sizeof err) == -1, "fileio_mkdirs of an empty path");
    { /* a temporary name of its writer's own: host and pid apart (two nodes of a cluster writing one folder) */
        char tmp[1200], want[200], host[FILEIO_HOST_MAX + 1] = "";
        CHECK(gethostname(host, sizeof host - 1) == 0, "gethostname");
        snprintf(want, sizeof want, "d/f.csv.%s.%ld.", host, (long)getpid());
        CHECK(fileio_tmp_name("d/f.csv", tmp, sizeof tmp) == 0 && !strncmp(tmp, want, strlen(want)) &&
                  strlen(tmp) > 4 && !strcmp(tmp + strlen(tmp) - 4, ".tmp"), "temporary name %s, not %s<n>.tmp", tmp, want);
        CHECK(fileio_tmp_name("d/f.csv", tmp, 20) == -1, "a temporary name that does not fit is refused");
    }
    { /* a path's folder, as the CLI's messages name it (a file given for its folder, a run's algorithm folder) */
        const char *cases[][2] = {{"a/b", "a"}, {"a/b/c", "a/b"}, {"/a", "/"}, {"/", "/"}, {"a", "."}, {"./a", "."}, {"a/", "a"}};
        for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
            char buf[16];
            snprintf(buf, sizeof buf, "%s", cases[i][0]);
            fileio_up(buf);
            CHECK(!strcmp(buf, cases[i][1]), "fileio_up(%s) = %s, not %s", cases[i][0], buf, cases[i][1]);
        }
    }
    /* it runs OpenBLAS on one thread per seed, and gives the caller's thread count back */
    config_pairs_add(&p, "out", out, "test");
    openblas_set_num_threads(2);
    const int blas = openblas_get_num_threads();
    CHECK(experiment_run(&x, pairs, algos, 1, 0, 0, 0, NULL, err, sizeof err) == 0 && x.n_failed == 0, "a run: %s", err);
    CHECK(openblas_get_num_threads() == blas, "OpenBLAS threads %d -> %d", blas, openblas_get_num_threads());
    experiment_free(&x);
    /* the advice of its refusals is in the library's words, its settings and calls: no command line's flags (the tool
     * says --out, --resume DIR, --steps where it reports them) */
    CHECK(experiment_run(&x, pairs, algos, 1, 0, 0, 0, NULL, err, sizeof err) == -1 &&
          strstr(err, "already holds a finished run (choose another folder or remove it)") && !strstr(err, "--"), "%s", err);
    experiment_free(&x);
    char path[128];
    snprintf(path, sizeof path, "%s/summary.json", out);
    CHECK(remove(path) == 0, "%s", path);
    CHECK(experiment_run(&x, pairs, algos, 1, 0, 0, 0, NULL, err, sizeof err) == -1 && strstr(err, "holds an unfinished run (continue "
          "it by resuming") && strstr(err, "or choose another folder)") && !strstr(err, "--"), "%s", err);
    experiment_free(&x);
    snprintf(path, sizeof path, "%s/run.ini/x", out);
    CHECK(fileio_mkdirs(path, err, sizeof err) == -1 && strstr(err, "is not a folder (choose another folder)") && !strstr(err, "--"),
          "%s", err);
    CHECK(resolve(&c, (const char *[]){"total_timesteps", "9", NULL}, err, sizeof err) == -1 &&
          strstr(err, "(raise total_timesteps or lower num_envs)") && !strstr(err, "--"), "%s", err);
    snprintf(out, sizeof out, "%s/idle", dir); /* too short to learn */
    config_pairs_add(&p, "out", out, "test");
    config_pairs_add(&p, "total_timesteps", "300", "test");
    CHECK(experiment_run(&x, pairs, algos, 1, 0, 0, 0, NULL, err, sizeof err) == 0 && experiment_idle_note(&x, 0, err, sizeof err) &&
          strstr(err, "raise total_timesteps") && !strstr(err, "--"), "%s", err);
    experiment_free(&x);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0, "%s", cmd);

    /* vecenv_init: no envs, or an env reporting no observation, is refused (sizes would wrap) */
    static VecEnv v;
    EnvOptions o;
    env_options_default(&o);
    CHECK(vecenv_init(&v, env_find("CartPole-v1"), &o, 0, 1) == -1, "n = 0");
    CHECK(vecenv_init(&v, env_find("CartPole-v1"), &o, -3, 1) == -1, "n = -3");
    const EnvClass bad = {"Bad", "classic", 8, bad_init, nop_seed, nop_reset, nop_step, nop_observe, NULL, nop_valid};
    CHECK(vecenv_init(&v, &bad, &o, 2, 1) == -3, "obs_dim = -3");
    CHECK(vecenv_init(&v, NULL, &o, 2, 1) == -1, "no class");
    /* Acrobot outside its contract (an action beyond 0..2) does not loop for ever in its angle wrap */
    CHECK(vecenv_init(&v, env_find("Acrobot-v1"), &o, 1, 1) == 0, "Acrobot");
    int term;
    for (int k = 0; k < 3; k++) v.cls->step(v.states, 1000000, &term);
    CHECK(v.cls->valid(v.states), "Acrobot after action 1e6: angles back in range");
    vecenv_free(&v);
    /* a value too long for ConfigPairs is refused, not cut (an out path cut short names another folder) */
    char longv[600];
    memset(longv, 'a', sizeof longv - 1);
    longv[sizeof longv - 1] = 0;
    memset(&p, 0, sizeof p);
    CHECK(config_pairs_add(&p, "out", longv, "test") == -2 && p.n == 0, "a 599-character value");
    longv[CONFIG_VALUE_MAX] = 0;
    CHECK(config_pairs_add(&p, "out", longv, "test") == 0 && strlen(p.val[0]) == CONFIG_VALUE_MAX, "a 511-character value");
    Curve cv;
    CHECK(curve_alloc(&cv, 0) == -1 && curve_alloc(&cv, 3) == 0 && cv.cap == 3, "curve_alloc");
    curve_free(&cv);
    return check_done("test_library");
}
