/* bench_env.c - raw environment throughput: every registered env, one thread, uniform random
 * actions, stepped through a VecEnv (time limits and auto-reset included, so resets count).
 * Prints env steps per second, the median of 5 timed runs, for N = 1 and N = 16 envs, in up to
 * two modes:
 *   float   default options, float observations (what the networks read);
 *   packed  binary (MinAtar) envs only, with the settings of the numpy reference's figures
 *           (ENVIRONMENTS.md section 7: original rules, sticky actions 0.1, all 6 actions) and
 *           the observation packed as bits, the counterpart of MinAtar's boolean state().
 * usage: bench_env [--smoke] [--env NAME] [--mode float|packed] [--n N] [--runs R] [--seconds S]
 *   --mode, --n  only that mode, only that number of envs (1..16); --runs R timed runs (odd, median);
 *   --seconds S  length of each run (default 1; --smoke: 0.01) */
#include "scorer/clock.h"
#include "scorer/vecenv.h"
#include "scorer/rng.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_RUNS = 99, CHUNK = 256, MAX_N = 16 };

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Env steps per second of one run lasting about `seconds`; -1 if the env cannot be built. */
static double run_once(const EnvClass *cls, int n, int packed, double seconds, uint64_t seed) {
    EnvOptions o;
    env_options_default(&o);
    VecEnv v;
    if (packed) {
        o.preset = ENV_PRESET_MINATAR;
        o.sticky_prob = 0.1;
        o.full_action_set = 1;
        if (vecenv_init_packed(&v, cls, &o, n, seed) != 0) return -1.0;
    } else if (vecenv_init(&v, cls, &o, n, seed) != 0) return -1.0;
    Rng rng;
    rng_seed(&rng, seed, 1000);
    int actions[MAX_N];
    float rewards[MAX_N];
    unsigned char term[MAX_N], trunc[MAX_N];
    const uint32_t na = (uint32_t)v.info.n_actions;
    long steps = 0;
    double t0 = clock_seconds(), t;
    do { /* check the clock once per chunk so timing stays out of the loop */
        for (int c = 0; c < CHUNK; c++) {
            for (int i = 0; i < n; i++) actions[i] = (int)rng_below(&rng, na);
            if (packed) vecenv_step_packed(&v, actions, rewards, term, trunc, NULL);
            else vecenv_step(&v, actions, rewards, term, trunc, NULL);
        }
        steps += (long)CHUNK * n;
        t = clock_seconds() - t0;
    } while (t < seconds);
    vecenv_free(&v);
    return (double)steps / t;
}

static int usage(const char *prog, const char *why, const char *what) {
    fprintf(stderr, "bench_env: %s%s\nusage: %s [--smoke] [--env NAME] [--mode float|packed] [--n 1..%d] "
            "[--runs 1..%d] [--seconds 0..600]\n", why, what, prog, MAX_N, MAX_RUNS);
    return 2;
}

int main(int argc, char **argv) {
    const char *only = NULL;
    double seconds = 1.0;
    int mode = -1, only_n = 0, runs = 5;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (!strcmp(a, "--smoke")) { seconds = 0.01; continue; }
        if (strcmp(a, "--env") && strcmp(a, "--mode") && strcmp(a, "--n") && strcmp(a, "--runs") &&
            strcmp(a, "--seconds"))
            return usage(argv[0], "unknown option ", a);
        if (!val) return usage(argv[0], "missing value after ", a);
        i++;
        if (!strcmp(a, "--env")) only = val;
        else if (!strcmp(a, "--mode") && (!strcmp(val, "float") || !strcmp(val, "packed")))
            mode = !strcmp(val, "packed");
        else if (!strcmp(a, "--n") && (only_n = (int)strtol(val, &end, 10)) >= 1 && only_n <= MAX_N && !*end) {}
        else if (!strcmp(a, "--runs") && (runs = (int)strtol(val, &end, 10)) >= 1 && runs <= MAX_RUNS && !*end) {}
        else if (!strcmp(a, "--seconds") && (seconds = strtod(val, &end)) > 0 && seconds <= 600 && !*end) {}
        else return usage(argv[0], "bad value for ", a);
    }
    const EnvClass *only_cls = only ? env_find(only) : NULL;
    if (only && !only_cls) {
        fprintf(stderr, "bench_env: unknown env '%s'; known:", only);
        for (int e = 0; e < env_count(); e++) fprintf(stderr, " %s", env_at(e)->name);
        fputc('\n', stderr);
        return 2;
    }
    if (only_cls && mode == 1 && !only_cls->observe_bits) {
        fprintf(stderr, "bench_env: %s has no packed observation (only binary MinAtar envs do): use --mode float\n",
                only);
        return 2;
    }
    const int sizes[2] = {only_n ? only_n : 1, MAX_N}, n_sizes = only_n ? 1 : 2;
    int failed = 0;
    for (int e = 0; e < env_count(); e++) {
        const EnvClass *cls = env_at(e);
        if (only && strcmp(cls->name, only)) continue;
        for (int m = 0; m < (cls->observe_bits ? 2 : 1); m++)
            for (int s = 0; s < n_sizes; s++) {
                if (mode >= 0 && m != mode) continue;
                double r[MAX_RUNS];
                for (int k = 0; k < runs; k++) r[k] = run_once(cls, sizes[s], m, seconds, (uint64_t)k);
                qsort(r, (size_t)runs, sizeof r[0], cmp_double);
                if (r[0] < 0) {
                    printf("%-24s %-6s N=%-2d cannot be built\n", cls->name, m ? "packed" : "float", sizes[s]);
                    failed = 1;
                    continue;
                }
                printf("%-24s %-6s N=%-2d %12.0f steps/s  (median of %d x %.2f s; min %.0f, max %.0f)\n",
                       cls->name, m ? "packed" : "float", sizes[s], r[runs / 2], runs, seconds, r[0], r[runs - 1]);
            }
    }
    return failed;
}
