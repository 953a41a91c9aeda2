/* longrun.c - records a whole training run of the real learner (src/rl/learner.c) for the long
 * differential check against PyTorch (bench/parity/longrun.sh): every optimiser step's batch, targets
 * and learning rate, every target sync, and every K iterations a snapshot of the parameters, target
 * parameters, Adam moments and step counts. longrun.py replays the updates in PyTorch from each
 * snapshot to the next and reports how far the two drift apart.
 * usage: longrun ALGO STEPS SEED TRACE [SNAP_EVERY [FROM TO]]   (CartPole-v1, the reference configuration)
 * With FROM and TO, snapshots are taken after every iteration with FROM < t <= TO as well, to find
 * the update where a window's drift starts.
 *
 * Trace (little-endian): "SCTR", int32 n_enc, n, obs_dim, B, A, scorer; then records
 *   int32 kind, int64 t, float lr, and for kind 0-2 (joint/leader/follower): obs (B,D), act (B,) int32,
 *   rew (B,), done (B,), next_obs (B,D), y (B,); kind 3 (sync): nothing; kind 4 (snapshot):
 *   int64 adam steps (leader, follower, joint), params (n,), target (n,), m (n,), v (n,); kind 5 (acting,
 *   before each iteration): obs (N,D), q (N,A) as the online networks give them. */
#include "scorer/config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { FILE *f; int B, D; } Trace;

static void put(Trace *tr, const void *p, size_t size) {
    if (fwrite(p, 1, size, tr->f) != size) { perror("longrun: write"); exit(1); }
}

static void head(Trace *tr, int kind, long t, float lr) {
    int32_t k = kind;
    int64_t t64 = t;
    put(tr, &k, 4); put(tr, &t64, 8); put(tr, &lr, 4);
}

static void hook(void *ctx, const Learner *l, int kind, float lr) {
    Trace *tr = ctx;
    head(tr, kind, l->t, lr);
    if (kind == LEARNER_SYNC) return;
    const size_t B = (size_t)tr->B, D = (size_t)tr->D;
    int32_t act[1024];
    for (size_t i = 0; i < B; i++) act[i] = l->batch.act[i];
    put(tr, l->batch.obs, 4 * B * D);
    put(tr, act, 4 * B);
    put(tr, l->batch.rew, 4 * B);
    put(tr, l->batch.done, 4 * B);
    put(tr, l->batch.next_obs, 4 * B * D);
    put(tr, l->y, 4 * B);
}

static void snapshot(Trace *tr, const Learner *l) {
    const Agent *a = &l->agent;
    head(tr, 4, l->t, 0.0f);
    int64_t steps[3] = {l->leader.t, l->follower.t, l->joint.t};
    put(tr, steps, sizeof steps);
    put(tr, a->params, 4 * a->n);
    put(tr, a->target, 4 * a->n);
    put(tr, a->m, 4 * a->n);
    put(tr, a->v, 4 * a->n);
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: %s ALGO STEPS SEED TRACE [SNAP_EVERY]\n", argv[0]);
        return 2;
    }
    const int every = argc > 5 ? atoi(argv[5]) : 10;
    const long dense_from = argc > 7 ? atol(argv[6]) : 0, dense_to = argc > 7 ? atol(argv[7]) : 0;
    ConfigPairs p;
    memset(&p, 0, sizeof p);
    char err[256];
    RunConfig c;
    if (config_pairs_add(&p, "env", "CartPole-v1", "longrun") || config_pairs_add(&p, "algo", argv[1], "longrun") ||
        config_pairs_add(&p, "total_timesteps", argv[2], "longrun") || config_resolve(&c, &p, err, sizeof err)) {
        fprintf(stderr, "longrun: %s\n", err);
        return 2;
    }
    if (c.pqn || c.ac.dueling || c.lc.double_q || c.lc.follower_steps != 1) {
        fprintf(stderr, "longrun: only dqn and scorer-dqn (the peer's algorithms)\n");
        return 2;
    }
    const long seed = atol(argv[3]);
    VecEnv env;
    Learner l;
    if (vecenv_init(&env, env_find(c.env), &c.envopt, c.num_envs, (uint64_t)seed) ||
        learner_init(&l, &c.lc, &c.ac, &env, (uint64_t)seed) || c.lc.batch_size > 1024) {
        fprintf(stderr, "longrun: cannot set up the learner\n");
        return 1;
    }
    Trace tr = {fopen(argv[4], "wb"), c.lc.batch_size, l.obs_dim};
    if (!tr.f) { perror(argv[4]); return 1; }
    l.hook = hook;
    l.hook_ctx = &tr;
    int32_t hdr[6] = {(int32_t)l.agent.n_enc, (int32_t)l.agent.n, l.obs_dim, tr.B, env.info.n_actions, c.lc.scorer};
    put(&tr, "SCTR", 4);
    put(&tr, hdr, sizeof hdr);
    snapshot(&tr, &l);
    long it = 0;
    const int N = env.n, A = env.info.n_actions;
    while (l.t < c.total_timesteps) {
        /* what the learner is about to act on (agent_q is a pure forward pass) */
        const float *q = agent_q(&l.agent, env.obs, N);
        head(&tr, 5, l.t, 0.0f);
        put(&tr, env.obs, 4 * (size_t)N * l.obs_dim);
        put(&tr, q, 4 * (size_t)N * A);
        if (learner_step(&l)) { fprintf(stderr, "longrun: diverged at t=%ld\n", l.t); return 1; }
        if (++it % every == 0 || l.t >= c.total_timesteps || (l.t > dense_from && l.t <= dense_to)) snapshot(&tr, &l);
    }
    if (fclose(tr.f)) { perror(argv[4]); return 1; }
    fprintf(stderr, "longrun: %s %ld steps, last return %.1f, trace %s\n", argv[1], l.t, l.iter_mean_return, argv[4]);
    learner_free(&l);
    vecenv_free(&env);
    return 0;
}
