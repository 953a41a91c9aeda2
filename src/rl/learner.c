/* learner.c - one iteration of DQN-family training, SCORER or the monolithic baseline. */
#include "scorer/learner.h"
#include "scorer/explore.h"
#include "scorer/schedule.h"
#include "scorer/bitset.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* RNG streams of one seed: envs use 0..N-1 (vecenv), these sit far above */
#define STREAM_INIT (1ull << 40)
#define STREAM_LEARN ((1ull << 40) + 1)

int learner_init(Learner *l, const LearnerConfig *cfg, const AgentConfig *acfg, VecEnv *env, uint64_t seed) {
    memset(l, 0, sizeof *l);
    l->cfg = *cfg;
    l->env = env;
    l->N = env->n;
    l->obs_dim = env->info.obs_dim;
    l->diverged_at = -1;
    /* 2 N: the replay's least capacity, two rows of N envs, for one (t, t+1) pair per env */
    if (cfg->batch_size < 1 || cfg->follower_steps < 0 || cfg->buffer_size < 2 * l->N) return -1;
    AgentConfig ac = *acfg;
    ac.obs_dim = l->obs_dim;
    ac.n_actions = env->info.n_actions;
    ac.max_batch = cfg->batch_size > l->N ? cfg->batch_size : l->N; /* updates see B rows, acting N */
    Rng init;
    rng_seed(&init, seed, STREAM_INIT);
    rng_seed(&l->rng, seed, STREAM_LEARN);
    int rc = agent_init(&l->agent, &ac, &init);
    if (rc) return rc;
    rc = replay_init(&l->replay, cfg->buffer_size, l->N, l->obs_dim, cfg->obs_bits && env->info.binary_obs,
                     !cfg->terminal_on_truncation);
    if (rc) { learner_free(l); return rc; }
    adam_init(&l->leader, cfg->max_grad_norm);
    adam_init(&l->follower, cfg->perception_max_grad_norm);
    adam_init(&l->joint, cfg->max_grad_norm);
    const size_t N = (size_t)l->N, D = (size_t)l->obs_dim, B = (size_t)cfg->batch_size;
    l->actions = calloc(N, sizeof(int));
    l->rewards = calloc(N, sizeof(float));
    l->obs_prev = net_alloc_floats(N * D);
    l->final_obs = cfg->terminal_on_truncation ? NULL : calloc(N * D, sizeof(float));
    l->term = calloc(N, 1);
    l->trunc = calloc(N, 1);
    l->done = calloc(N, 1);
    l->ep_return = calloc(N, sizeof(double));
    l->last_return = calloc(N, sizeof(double));
    l->y = calloc(B, sizeof(float));
    l->batch.obs = net_alloc_floats(B * D); /* network inputs: on cache lines */
    l->batch.next_obs = net_alloc_floats(B * D);
    l->batch.act = calloc(B, sizeof(int));
    l->batch.rew = calloc(B, sizeof(float));
    l->batch.done = calloc(B, sizeof(float));
    /* binary observations reach the encoder as the indices of their ones, straight from the replay's
     * bits: the same bits as the dense rows, without unpacking, normalising and scanning them */
    const int sparse = l->replay.bits && agent_accepts_rows(&l->agent);
    SparseRows *rows[3] = {&l->batch.obs_rows, &l->batch.next_rows, &l->obs_rows};
    for (int k = 0; k < 3 && sparse; k++) {
        const size_t n = k < 2 ? B : N;
        rows[k]->off = calloc(n + 1, sizeof(int));
        rows[k]->idx = calloc(n * D, sizeof(int));
        if (!rows[k]->off || !rows[k]->idx) { learner_free(l); return -2; }
    }
    l->batch.sparse = sparse;
    if (!l->actions || !l->rewards || !l->obs_prev || (!cfg->terminal_on_truncation && !l->final_obs) ||
        !l->term || !l->trunc || !l->done || !l->ep_return || !l->last_return || !l->y || !l->batch.obs ||
        !l->batch.next_obs || !l->batch.act || !l->batch.rew || !l->batch.done) {
        learner_free(l);
        return -2;
    }
    return 0;
}

void learner_free(Learner *l) {
    agent_free(&l->agent);
    replay_free(&l->replay);
    free(l->actions); free(l->rewards); free(l->obs_prev); free(l->final_obs);
    free(l->term); free(l->trunc); free(l->done);
    free(l->ep_return); free(l->last_return); free(l->y);
    free(l->batch.obs); free(l->batch.next_obs); free(l->batch.act); free(l->batch.rew); free(l->batch.done);
    free(l->batch.obs_rows.off); free(l->batch.obs_rows.idx); free(l->batch.next_rows.off); free(l->batch.next_rows.idx);
    free(l->obs_rows.off); free(l->obs_rows.idx);
    memset(l, 0, sizeof *l);
}

/* Sample a fresh batch into l->batch and compute its targets into l->y: y = r + gamma (1 - d) V(s'),
 * V from the target networks (agent_targets). Each update calls this at its own turn, so the follower's
 * batch is drawn after the leader's step: with double_q the argmax that picks V(s') (the online
 * networks) already sees the leader's new theta, the same theta the follower trains through. */
static void sample_batch(Learner *l) {
    const LearnerConfig *c = &l->cfg;
    replay_sample(&l->replay, &l->rng, c->batch_size, &l->batch);
    agent_targets(&l->agent, &l->batch, c->batch_size, c->gamma, c->double_q, l->y);
}

/* 1 when an update's loss or gradient norm is not finite: training stops there */
static int diverged(float loss, double gnorm) { return !isfinite(loss) || !isfinite(gnorm); }

/* The updates of the iteration that moved t from t_prev to l->t, each on its own fresh batch, at the
 * learning rates of l->t (after this iteration's N timesteps). Baseline: one joint step per firing of
 * leader_interval. SCORER: each player fires as many times as its interval says (leader_fires,
 * follower_fires: 0 or 1 with the reference schedule), and their turns interleave: leader 1, follower 1
 * (follower_steps best-response steps), leader 2, follower 2, ..., then the leftover turns of the player
 * that fires more often. The target networks are synced after all of them (learner_step). */
static int update_players(Learner *l, long t_prev) {
    const LearnerConfig *c = &l->cfg;
    Agent *a = &l->agent;
    const int B = c->batch_size, reference = c->reference_schedule;
    double gnorm;
    if (!c->scorer) {
        long k = schedule_fires(t_prev, l->t, c->leader_interval, reference);
        float lr = schedule_lr(c->lr, l->t, c->total_timesteps, c->lr_decay);
        for (long i = 0; i < k; i++) {
            sample_batch(l);
            if (l->hook) l->hook(l->hook_ctx, l, LEARNER_JOINT, lr);
            float loss = monolithic_update(a, &l->joint, &l->batch, l->y, B, lr, &gnorm);
            if (diverged(loss, gnorm)) return -1;
            l->leader_loss_sum += loss; /* the baseline's joint loss is kept with the leader's */
            l->leader_updates++;
        }
        return 0;
    }
    long leader_fires = schedule_fires(t_prev, l->t, c->leader_interval, reference);
    long follower_fires = schedule_fires(t_prev, l->t, c->follower_interval, reference);
    float lr_l = schedule_lr(c->leader_lr, l->t, c->total_timesteps, c->lr_decay);
    float lr_f = schedule_lr(c->follower_lr, l->t, c->total_timesteps, c->lr_decay);
    for (long i = 0; i < (leader_fires > follower_fires ? leader_fires : follower_fires); i++) {
        if (i < leader_fires) {
            sample_batch(l);
            if (l->hook) l->hook(l->hook_ctx, l, LEARNER_LEADER, lr_l);
            float loss = scorer_update_leader(a, &l->leader, &l->batch, l->y, B, lr_l, &gnorm);
            if (diverged(loss, gnorm)) return -1;
            l->leader_loss_sum += loss;
            l->leader_updates++;
        }
        if (i < follower_fires) {
            for (int s = 0; s < c->follower_steps; s++) {
                sample_batch(l); /* drawn after the leader's step: the new theta, used frozen */
                if (l->hook) l->hook(l->hook_ctx, l, LEARNER_FOLLOWER, lr_f);
                float loss = scorer_update_follower(a, &l->follower, &l->batch, l->y, B, lr_f, c->follower_loss, &gnorm);
                if (diverged(loss, gnorm)) return -1;
                l->follower_loss_sum += loss;
                l->follower_updates++;
            }
        }
    }
    return 0;
}

int learner_step(Learner *l) {
    /* the N envs' obs: (N, obs_dim) -> actions (N,) -> rewards, term, trunc, done: (N,); one row of N
     * transitions into the replay; then batches of B for the updates */
    const LearnerConfig *c = &l->cfg;
    VecEnv *v = l->env;
    const int N = l->N, A = v->info.n_actions;
    /* 1. act epsilon-greedily with the online networks, epsilon at t before this iteration */
    l->eps = schedule_epsilon(l->t, c->eps_start, c->eps_end, c->eps_anneal);
    const float *q; /* (N, A) */
    if (l->batch.sparse) {
        /* the batches reach the encoder as index lists (binary observations, learner_init), so the
         * envs' observations, binary too, are acted on as the indices of their ones: the same bits
         * as the dense rows, the same Q-values as agent_q would give */
        SparseRows *o = &l->obs_rows;
        for (int e = 0; e < N; e++)
            o->off[e + 1] = o->off[e] + bitset_nonzero_indices(v->obs + (size_t)e * l->obs_dim, l->obs_dim, o->idx + o->off[e]);
        q = agent_q_rows(&l->agent, o, N);
    } else
        q = agent_q(&l->agent, v->obs, N);
    explore_epsilon_greedy(q, N, A, l->eps, &l->rng, l->actions);
    /* 2. step; the replay stores the observation the action was taken in */
    memcpy(l->obs_prev, v->obs, sizeof(float) * (size_t)N * (size_t)l->obs_dim);
    vecenv_step(v, l->actions, l->rewards, l->term, l->trunc, l->final_obs);
    if (!vecenv_finite(v, l->rewards, l->final_obs)) { l->diverged_at = l->t + N; l->env_fault = 1; return -1; }
    const long t_prev = l->t;
    l->t += N;
    l->iteration++;
    double s = 0.0;
    for (int e = 0; e < N; e++) {
        l->done[e] = (unsigned char)(l->term[e] || (l->trunc[e] && c->terminal_on_truncation));
        l->ep_return[e] += l->rewards[e];
        if (l->term[e] || l->trunc[e]) {
            l->last_return[e] = l->ep_return[e];
            l->ep_return[e] = 0.0;
            l->episodes++;
        }
        s += l->last_return[e];
    }
    l->iter_mean_return = s / N;
    replay_add(&l->replay, l->obs_prev, l->actions, l->rewards, l->done, l->final_obs, l->trunc);
    /* 3. updates once learning has started and the replay holds a batch's worth of transitions:
     * replay_pairs rows of valid (t, t+1) pairs for each of the N envs */
    if (l->t > c->learning_starts && (long)replay_pairs(&l->replay) * N >= c->batch_size) {
        if (update_players(l, t_prev)) { l->diverged_at = l->t; return -1; }
    }
    /* 4. target networks, after the updates, whether or not learning has started: once per firing of
     * target_interval. Polyak syncs (tau < 1) compound, so each firing takes one; hard copies (tau = 1)
     * repeated equal one, so one is taken */
    for (long k = schedule_fires(t_prev, l->t, c->target_interval, c->reference_schedule); k > 0; k--) {
        if (l->hook) l->hook(l->hook_ctx, l, LEARNER_SYNC, 0.0f);
        agent_sync_target(&l->agent, c->tau);
        if (c->tau >= 1.0f) break;
    }
    return 0;
}
