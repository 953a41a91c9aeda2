/* bench_pqn.c - training throughput of PQN and SCORER-PQN on one env, one thread: environment
 * timesteps per second of the whole loop (act, step, store, returns, epochs of updates), the
 * median of 3 runs, with the share of time spent in the rollout updates. The family's
 * section-5 defaults (SCORER.md) set N, the rollout and the networks.
 * usage: bench_pqn [--smoke] [--env NAME] [--steps N] */
#include "scorer/clock.h"
#include "scorer/pqn.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { RUNS = 3 };

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One run of `steps` timesteps (whole rollouts); returns SPS and the update share, or -1. */
static double run_once(const EnvClass *cls, const PqnConfig *c, long steps, uint64_t seed, double *update_share) {
    EnvOptions o;
    env_options_default(&o);
    VecEnv v;
    if (vecenv_init(&v, cls, &o, c->num_envs, seed)) return -1.0;
    Pqn p;
    if (pqn_init(&p, c, &v, seed)) { vecenv_free(&v); return -1.0; }
    const long per_rollout = (long)c->num_steps * c->num_envs;
    const long iters = (steps + per_rollout - 1) / per_rollout * c->num_steps;
    double t_upd = 0.0;
    const double t0 = clock_seconds();
    for (long i = 0; i < iters; i++) {
        /* the step that completes a rollout also runs its updates: time those apart */
        const int last = p.pos == p.T - 1;
        const double s = last ? clock_seconds() : 0.0;
        if (pqn_step(&p)) break;
        if (last) t_upd += clock_seconds() - s;
    }
    const double wall = clock_seconds() - t0;
    const double sps = (double)p.t / wall;
    *update_share = t_upd / wall;
    pqn_free(&p);
    vecenv_free(&v);
    return sps;
}

int main(int argc, char **argv) {
    const char *name = "CartPole-v1";
    long steps = 0;
    int smoke = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--smoke")) smoke = 1;
        else if (!strcmp(argv[i], "--env") && i + 1 < argc) name = argv[++i];
        else if (!strcmp(argv[i], "--steps") && i + 1 < argc) steps = atol(argv[++i]);
        else {
            fprintf(stderr, "usage: %s [--smoke] [--env NAME] [--steps N]\n", argv[0]);
            return 2;
        }
    }
    const EnvClass *cls = env_find(name);
    if (!cls) {
        fprintf(stderr, "bench_pqn: unknown env '%s'; known:", name);
        for (int e = 0; e < env_count(); e++) fprintf(stderr, " %s", env_at(e)->name);
        fputc('\n', stderr);
        return 2;
    }
    const int minatar = strcmp(cls->family, "minatar") == 0;
    if (steps <= 0) steps = smoke ? 1 : (minatar ? 131072 : 256000); /* smoke: one rollout */
    int failed = 0;
    for (int scorer = 0; scorer < 2; scorer++) {
        PqnConfig c = pqn_defaults(minatar);
        c.scorer = scorer;
        double sps[RUNS], share[RUNS], sh;
        for (int k = 0; k < RUNS; k++) {
            sps[k] = run_once(cls, &c, steps, (uint64_t)k, &sh);
            share[k] = sh;
        }
        qsort(sps, RUNS, sizeof sps[0], cmp_double);
        qsort(share, RUNS, sizeof share[0], cmp_double);
        const char *algo = scorer ? "scorer-pqn" : "pqn";
        if (sps[0] < 0) {
            printf("%-10s %-20s cannot be built with the family defaults\n", algo, name);
            failed = 1;
            continue;
        }
        printf("%-10s %-20s N=%-3d T=%-3d %10.0f steps/s  (median of %d; min %.0f, max %.0f; updates %.0f%% of time)\n",
               algo, name, c.num_envs, c.num_steps, sps[RUNS / 2], RUNS, sps[0], sps[RUNS - 1], 100.0 * share[RUNS / 2]);
    }
    return failed;
}
