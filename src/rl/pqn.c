/* pqn.c - PQN and SCORER-PQN: rollouts of N envs x T steps, Q(lambda) returns, epochs of
 * shuffled minibatch updates; no replay buffer and no target network.
 * Contents, in order: defaults and the configuration check; the networks and pqn_init/pqn_free;
 * pqn_lambda_returns; the rollout's index lists (index_row); a minibatch's forward pass, loss and
 * gradients; the optimiser step; the players, leader() and follower() (SCORER-PQN) and joint()
 * (the baseline), each with its public pqn_*_step; train_rollout (returns, epochs, minibatches);
 * pqn_step (one vector-env step, and a rollout's training when it is full). */
#include "scorer/pqn.h"
#include "scorer/explore.h"
#include "scorer/schedule.h"
#include "scorer/loss.h"
#include "scorer/bitset.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* RNG streams of one seed: envs use 0..N-1 (vecenv), these sit far above (as learner.c) */
#define STREAM_INIT (1ull << 40)
#define STREAM_LEARN ((1ull << 40) + 1)

PqnConfig pqn_defaults(int minatar) {
    PqnConfig c;
    memset(&c, 0, sizeof c);
    c.scorer = 1;
    c.follower_loss = FOLLOWER_MSBE;
    c.num_envs = minatar ? 128 : 10;
    c.num_steps = minatar ? 32 : 128;
    c.num_minibatches = minatar ? 32 : 4;
    c.num_epochs = minatar ? 4 : 2;
    c.eps_start = 1.0f;
    c.eps_finish = minatar ? 0.01f : 0.05f;
    c.eps_decay = minatar ? 0.8f : 0.5f;
    c.leader_lr = minatar ? 2.5e-4f : 1e-4f;
    c.follower_lr = 5e-4f;
    c.lr = c.leader_lr; /* the baseline trains with the leader's rate (as the DQN family) */
    c.max_grad_norm = minatar ? 5.0f : 0.5f;
    c.lr_linear_decay = 1;
    c.decay_horizon = minatar ? 50000000L : 500000L;
    c.lambda = minatar ? 0.65f : 0.95f;
    c.gamma = 0.99f;
    c.latent = minatar ? 128 : 64;
    c.q_hidden = minatar ? 64 : 32;
    c.q_layers = 1;
    c.textbook_lambda = 0;
    c.terminal_on_truncation = 1;
    /* purejaxql's CartPole configuration scales rewards by 0.1; with 1.0 the section-5 learning
     * rates do not learn CartPole at all (return ~10 after 500k steps) */
    c.reward_scale = minatar ? 1.0f : 0.1f;
    return c;
}

static int config_ok(const PqnConfig *c) {
    return c->num_steps >= 1 && c->num_minibatches >= 1 && c->num_epochs >= 1 &&
           (c->follower_loss == FOLLOWER_MSBE || c->follower_loss == FOLLOWER_VARIANCE) &&
           c->eps_start >= 0.0f && c->eps_start <= 1.0f && c->eps_finish >= 0.0f && c->eps_finish <= 1.0f &&
           c->eps_decay >= 0.0f && c->leader_lr >= 0.0f && c->follower_lr >= 0.0f && c->lr >= 0.0f &&
           c->max_grad_norm >= 0.0f && c->decay_horizon >= 0 && c->lambda >= 0.0f && c->lambda <= 1.0f &&
           c->gamma >= 0.0f && c->gamma <= 1.0f && c->latent >= 1 && c->q_layers >= 0 &&
           c->q_layers <= PQN_MAX_Q_LAYERS && (c->q_layers == 0 || c->q_hidden >= 1) && isfinite(c->reward_scale) &&
           (c->optimizer == OPTIMIZER_ADAM || c->optimizer == OPTIMIZER_RADAM);
}

/* The two networks of section 5; returns 0 or -1 (allocation). */
static int build_nets(Pqn *p) {
    const PqnConfig *c = &p->cfg;
    net_begin(&p->enc, p->obs_dim, INIT_LECUN_NORMAL);
    net_add(&p->enc, LAYER_DENSE, c->latent, 1.0f);
    net_add(&p->enc, LAYER_LAYERNORM, 0, 0);
    net_add(&p->enc, LAYER_RELU, 0, 0);
    net_add(&p->enc, LAYER_LAYERNORM, 0, 0); /* its own scale and offset */
    net_begin(&p->q, c->latent, INIT_LECUN_NORMAL);
    for (int i = 0; i < c->q_layers; i++) {
        net_add(&p->q, LAYER_DENSE, c->q_hidden, 1.0f);
        net_add(&p->q, LAYER_LAYERNORM, 0, 0);
        net_add(&p->q, LAYER_RELU, 0, 0);
    }
    net_add(&p->q, LAYER_DENSE, p->A, 1.0f);
    /* cached transposed weights: made once per change instead of once per forward (32 acting passes
     * per rollout), and they let the first layer skip the zeros of MinAtar's observations */
    return net_alloc(&p->enc, p->mb_max) || net_alloc(&p->q, p->mb_max) || net_cache_transposes(&p->enc) ||
                   net_cache_transposes(&p->q)
               ? -1
               : 0;
}

int pqn_init(Pqn *p, const PqnConfig *c, VecEnv *env, uint64_t seed) {
    memset(p, 0, sizeof *p);
    p->cfg = *c;
    p->env = env;
    p->diverged_at = -1;
    if (!config_ok(c) || !env || env->n < 1) return -1;
    p->N = env->n;
    p->obs_dim = env->info.obs_dim;
    p->A = env->info.n_actions;
    p->T = c->num_steps;
    const size_t N = (size_t)p->N, D = (size_t)p->obs_dim, T = (size_t)p->T, S = T * N;
    if (p->obs_dim < 1 || p->A < 1 || (size_t)c->num_minibatches > S || S > (size_t)1 << 30) return -1;
    /* with K = num_minibatches, minibatch k covers [k S / K, (k+1) S / K): sizes differ by at most one,
     * the largest is mb = ceil(S / K) */
    size_t mb = (S + (size_t)c->num_minibatches - 1) / (size_t)c->num_minibatches;
    p->mb_max = (int)(mb > N ? mb : N);
    if (build_nets(p)) { pqn_free(p); return -2; }
    p->n_enc = p->enc.nparams;
    p->n_q = p->q.nparams;
    p->n = p->n_enc + p->n_q;
    const size_t M = (size_t)p->mb_max, A = (size_t)p->A;
    p->mem = net_sections_alloc(4, p->n, &p->stride);
    p->r_obs = net_alloc_floats(S * D); /* network inputs and scratch: on cache lines */
    p->r_act = calloc(S, sizeof(int));
    p->r_rew = calloc(S, sizeof(float));
    p->r_done = calloc(S, sizeof(float));
    p->r_qmax = calloc(S + N, sizeof(float));
    p->r_ret = calloc(S, sizeof(float));
    p->perm = calloc(S, sizeof(int));
    p->mb_obs = net_alloc_floats(M * D);
    p->mb_y = calloc(M, sizeof(float));
    p->mb_act = calloc(M, sizeof(int));
    p->scratch = net_alloc_floats(M * (2 + A + (size_t)c->latent));
    p->actions = calloc(N, sizeof(int));
    p->rewards = calloc(N, sizeof(float));
    p->final_obs = c->terminal_on_truncation ? NULL : calloc(N * D, sizeof(float));
    p->term = calloc(N, 1);
    p->trunc = calloc(N, 1);
    p->ep_return = calloc(N, sizeof(double));
    p->last_return = calloc(N, sizeof(double));
    if (!p->mem || !p->r_obs || !p->r_act || !p->r_rew || !p->r_done || !p->r_qmax || !p->r_ret || !p->perm ||
        !p->mb_obs || !p->mb_y || !p->mb_act || !p->scratch || !p->actions || !p->rewards ||
        (!c->terminal_on_truncation && !p->final_obs) || !p->term || !p->trunc || !p->ep_return || !p->last_return) {
        pqn_free(p);
        return -2;
    }
    /* binary observations reach the encoder as the indices of their ones, found once when acting: the
     * same bits as the dense rows, without copying them into every epoch's minibatches and scanning
     * them there */
    p->sparse = env->info.binary_obs && net_accepts_rows(&p->enc);
    if (p->sparse) {
        p->mb_rows.off = calloc(M + 1, sizeof(int));
        p->mb_rows.idx = calloc(M * D, sizeof(int));
        p->obs_rows.off = calloc(N + 1, sizeof(int));
        p->r_off = calloc(S + 1, sizeof(int));
        p->r_idx = calloc(S * D, sizeof(int));
        if (!p->mb_rows.off || !p->mb_rows.idx || !p->obs_rows.off || !p->r_off || !p->r_idx) { pqn_free(p); return -2; }
    }
    p->params = p->mem;
    p->grads = p->params + p->stride;
    p->m = p->grads + p->stride;
    p->v = p->m + p->stride;
    for (size_t i = 0; i < S; i++) p->perm[i] = (int)i;
    Rng init;
    rng_seed(&init, seed, STREAM_INIT);
    rng_seed(&p->rng, seed, STREAM_LEARN);
    if (net_init_params(&p->enc, p->params, &init) || net_init_params(&p->q, p->params + p->n_enc, &init)) {
        pqn_free(p);
        return -2;
    }
    adam_init(&p->leader, c->max_grad_norm);
    adam_init(&p->follower, c->max_grad_norm);
    adam_init(&p->joint, c->max_grad_norm);
    return 0;
}

void pqn_free(Pqn *p) {
    net_free(&p->enc);
    net_free(&p->q);
    free(p->mem); free(p->r_obs); free(p->r_act); free(p->r_rew); free(p->r_done); free(p->r_qmax);
    free(p->r_ret); free(p->perm); free(p->mb_obs); free(p->mb_y); free(p->mb_act); free(p->scratch);
    free(p->actions); free(p->rewards); free(p->final_obs); free(p->term); free(p->trunc);
    free(p->ep_return); free(p->last_return);
    free(p->mb_rows.off); free(p->mb_rows.idx); free(p->obs_rows.off); free(p->r_off); free(p->r_idx);
    memset(p, 0, sizeof *p);
    p->diverged_at = -1;
}

void pqn_lambda_returns(const float *rew, const float *done, const float *qmax_next, int T, int N,
                        float gamma, float lambda, int textbook, float *ret) {
    /* rew, done, qmax_next, ret: (T, N); backwards over t, env by env in each row */
    const float *last = rew + (size_t)(T - 1) * N;
    for (int e = 0; e < N; e++) {
        const size_t i = (size_t)(T - 1) * N + (size_t)e;
        ret[i] = last[e] + gamma * (1.0f - done[i]) * qmax_next[i];
    }
    for (int t = T - 2; t >= 0; t--) {
        /* the reference seeds its backward scan with the masked value of the state after the
         * rollout and only refreshes it after the first step: that step sees it in place of V(s_{T-1}) */
        const int quirk = !textbook && t == T - 2;
        const float *vn = qmax_next + (size_t)(quirk ? T - 1 : t) * N;
        const float *dn = done + (size_t)(T - 1) * N;
        for (int e = 0; e < N; e++) {
            const size_t i = (size_t)t * N + (size_t)e;
            const float v = quirk ? (1.0f - dn[e]) * vn[e] : vn[e];
            const float mix = lambda * ret[i + (size_t)N] + (1.0f - lambda) * v;
            ret[i] = done[i] != 0.0f ? rew[i] : rew[i] + gamma * mix;
        }
    }
}

void pqn_params_changed(Pqn *p) {
    net_params_changed(&p->enc);
    net_params_changed(&p->q);
}

/* The ones of row t's N stored observations into the rollout's index lists (rows before t done);
 * obs_rows views them for the acting forward pass. r_obs row t: (N, obs_dim) -> r_off[tN + 1 ..
 * tN + N], r_idx from r_off[tN]; obs_rows.off: (N + 1,), obs_rows.idx into r_idx. */
static void index_row(Pqn *p, int t) {
    const int N = p->N, D = p->obs_dim;
    const size_t i0 = (size_t)t * (size_t)N;
    if (t == 0) p->r_off[0] = 0;
    for (int e = 0; e < N; e++) {
        const size_t i = i0 + (size_t)e;
        p->r_off[i + 1] = p->r_off[i] + bitset_nonzero_indices(p->r_obs + i * (size_t)D, D, p->r_idx + p->r_off[i]);
        p->obs_rows.off[e + 1] = p->r_off[i + 1] - p->r_off[i0];
    }
    p->obs_rows.idx = p->r_idx + p->r_off[i0];
}

void pqn_restored(Pqn *p) {
    pqn_params_changed(p);
    if (p->sparse)
        for (int t = 0; t < p->pos; t++) index_row(p, t);
}

const float *pqn_q(Pqn *p, const float *obs, int B) {
    const float *z = net_forward(&p->enc, p->params, obs, B);
    return net_forward(&p->q, p->params + p->n_enc, z, B);
}

/* Scratch views for a minibatch: q_sel, dsel (M each), dq (M, A), dz (M, latent). */
static float *s_qsel(Pqn *p) { return p->scratch; }
static float *s_dsel(Pqn *p) { return p->scratch + p->mb_max; }
static float *s_dq(Pqn *p) { return p->scratch + 2 * (size_t)p->mb_max; }
static float *s_dz(Pqn *p) { return s_dq(p) + (size_t)p->mb_max * (size_t)p->A; }

/* A minibatch's observations: dense rows, or (obs NULL) the indices of their ones. */
typedef struct { const float *obs; const SparseRows *rows; } Obs;

static const float *encode(Pqn *p, Obs o, int B) {
    /* -> z: (B, latent) */
    return o.obs ? net_forward(&p->enc, p->params, o.obs, B) : net_forward_rows(&p->enc, p->params, o.rows, B);
}

/* q_sel_b = Q(f(obs_b))[act_b]: (B,). fresh = 0 reuses the encoder's last forward (phi and the
 * input unchanged since), so only the Q-net runs. Leaves activations for backward. */
static void forward_selected(Pqn *p, Obs obs, const int *act, int B, int fresh) {
    const float *z = fresh ? encode(p, obs, B) : p->enc.act[p->enc.n];
    const float *q = net_forward(&p->q, p->params + p->n_enc, z, B);
    float *q_sel = s_qsel(p);
    for (int i = 0; i < B; i++) q_sel[i] = q[(size_t)i * p->A + act[i]];
}

/* Loss of q_sel against y, and its gradient scattered into dq: (B, A). */
static float loss_scatter(Pqn *p, const int *act, const float *y, int B, int loss_kind) {
    float *dsel = s_dsel(p), *dq = s_dq(p);
    float loss = loss_kind == FOLLOWER_VARIANCE ? loss_error_variance(s_qsel(p), y, dsel, B)
                                                : loss_mse(s_qsel(p), y, dsel, B);
    memset(dq, 0, sizeof(float) * (size_t)B * (size_t)p->A);
    for (int i = 0; i < B; i++) dq[(size_t)i * p->A + act[i]] = dsel[i];
    return loss;
}

static float loss_grad(Pqn *p, Obs obs, const int *act, const float *y, int B, int loss_kind) {
    /* obs: B rows, act, y: (B,) -> the loss; d loss / d [phi | theta] into p->grads: (n,) */
    forward_selected(p, obs, act, B, 1);
    float loss = loss_scatter(p, act, y, B, loss_kind);
    net_backward(&p->q, p->params + p->n_enc, s_dq(p), s_dz(p), p->grads + p->n_enc, B);
    net_backward(&p->enc, p->params, s_dz(p), NULL, p->grads, B);
    return loss;
}

float pqn_loss_grad(Pqn *p, const float *obs, const int *act, const float *y, int B, int loss_kind) {
    return loss_grad(p, (Obs){obs, NULL}, act, y, B, loss_kind);
}

/* One step of player a's optimiser (cfg.optimizer) over params, grads, m, v: (n,), which hold the parameters
 * of nets[0..k), nets[i]'s from base[i] on. The step writes their cached transposes as it goes, so the next
 * forward passes need not remake them; a step that did not happen (non-finite norm) leaves them stale. */
static double opt_step(const Pqn *p, Adam *a, float *params, float *grads, float *m, float *v, size_t n, float lr,
                       Net *const *nets, const size_t *base, int k) {
    AdamMirror mir[2 * NET_MAX_LAYERS] = {{0}}; /* zeroed: GCC -O1 cannot see net_mirrors fill what is read */
    int n_mir = 0;
    for (int i = 0; i < k; i++) n_mir += net_mirrors(nets[i], base[i], mir + n_mir);
    const double norm =
        adam_step_mirrored(a, p->cfg.optimizer == OPTIMIZER_RADAM, params, grads, m, v, n, lr, mir, n_mir);
    for (int i = 0; i < k; i++) {
        if (isfinite(norm)) net_params_stepped(nets[i], params + base[i]);
        else net_params_changed(nets[i]);
    }
    return norm;
}

static float leader(Pqn *p, Obs obs, const int *act, const float *y, int B, float lr, double *gnorm) {
    /* obs: B rows, act, y: (B,) -> the MSE; theta: params[n_enc, n) takes one step. z = f_phi(s) as a
     * constant: no gradient reaches phi */
    forward_selected(p, obs, act, B, 1);
    /* loss_scatter's kind is the follower's choice; the leader's loss is always the MSE to the
     * lambda-returns, which is what FOLLOWER_MSBE selects (loss_mse) */
    float loss = loss_scatter(p, act, y, B, FOLLOWER_MSBE);
    float *theta = p->params + p->n_enc, *g = p->grads + p->n_enc;
    net_backward(&p->q, theta, s_dq(p), NULL, g, B);
    Net *const nets[] = {&p->q};
    const size_t base[] = {0};
    *gnorm = opt_step(p, &p->leader, theta, g, p->m + p->n_enc, p->v + p->n_enc, p->n_q, lr, nets, base, 1);
    return loss;
}

float pqn_leader_step(Pqn *p, const float *obs, const int *act, const float *y, int B, float lr, double *gnorm) {
    return leader(p, (Obs){obs, NULL}, act, y, B, lr, gnorm);
}

static float follower(Pqn *p, Obs obs, const int *act, const float *y, int B, float lr, int loss_kind, int fresh,
                      double *gnorm) {
    /* obs: B rows, act, y: (B,) -> the MSBE or the error variance; phi: params[0, n_enc) takes one
     * step. theta frozen: the Q-net passes dz: (B, latent) back without computing its own gradients */
    forward_selected(p, obs, act, B, fresh);
    float loss = loss_scatter(p, act, y, B, loss_kind);
    net_backward(&p->q, p->params + p->n_enc, s_dq(p), s_dz(p), NULL, B);
    net_backward(&p->enc, p->params, s_dz(p), NULL, p->grads, B);
    Net *const nets[] = {&p->enc};
    const size_t base[] = {0};
    *gnorm = opt_step(p, &p->follower, p->params, p->grads, p->m, p->v, p->n_enc, lr, nets, base, 1);
    return loss;
}

float pqn_follower_step(Pqn *p, const float *obs, const int *act, const float *y, int B, float lr,
                        int loss_kind, double *gnorm) {
    return follower(p, (Obs){obs, NULL}, act, y, B, lr, loss_kind, 1, gnorm);
}

static float joint(Pqn *p, Obs obs, const int *act, const float *y, int B, float lr, double *gnorm) {
    /* obs: B rows, act, y: (B,) -> the MSE; [phi | theta]: params[0, n) takes one step. FOLLOWER_MSBE
     * selects the MSE (loss_mse), the baseline's loss whatever the follower's setting */
    float loss = loss_grad(p, obs, act, y, B, FOLLOWER_MSBE);
    Net *const nets[] = {&p->enc, &p->q};
    const size_t base[] = {0, p->n_enc};
    *gnorm = opt_step(p, &p->joint, p->params, p->grads, p->m, p->v, p->n, lr, nets, base, 2);
    return loss;
}

float pqn_joint_step(Pqn *p, const float *obs, const int *act, const float *y, int B, float lr, double *gnorm) {
    return joint(p, (Obs){obs, NULL}, act, y, B, lr, gnorm);
}

static int bad(float loss, double gnorm) { return !isfinite(loss) || !isfinite(gnorm); }

/* Returns, then num_epochs x num_minibatches updates on the stored rollout: r_obs (T N, obs_dim), r_act,
 * r_rew, r_done: (T N,), r_qmax: (T + 1, N) -> r_ret: (T N,); each minibatch, up to mb_max samples,
 * gathered into mb_obs (or mb_rows), mb_act, mb_y. Learning rates at t after the rollout's last step. */
static int train_rollout(Pqn *p) {
    const PqnConfig *c = &p->cfg;
    const int N = p->N, A = p->A, D = p->obs_dim, S = p->T * N, K = c->num_minibatches;
    /* the state after the rollout, valued by the current (= collecting) networks */
    const float *q = pqn_q(p, p->env->obs, N);
    float *qlast = p->r_qmax + (size_t)S;
    for (int e = 0; e < N; e++) qlast[e] = q[(size_t)e * A + explore_argmax(q + (size_t)e * A, A)];
    pqn_lambda_returns(p->r_rew, p->r_done, p->r_qmax + N, p->T, N, c->gamma, c->lambda, c->textbook_lambda,
                       p->r_ret);
    const float lr_l = schedule_lr(c->leader_lr, p->t, c->decay_horizon, c->lr_linear_decay);
    const float lr_f = schedule_lr(c->follower_lr, p->t, c->decay_horizon, c->lr_linear_decay);
    const float lr_b = schedule_lr(c->lr, p->t, c->decay_horizon, c->lr_linear_decay);
    double g;
    for (int ep = 0; ep < c->num_epochs; ep++) {
        for (int i = S - 1; i > 0; i--) { /* Fisher-Yates */
            int j = (int)rng_below(&p->rng, (uint32_t)i + 1u), tmp = p->perm[i];
            p->perm[i] = p->perm[j];
            p->perm[j] = tmp;
        }
        for (int k = 0; k < K; k++) {
            const int lo = (int)((long)k * S / K), B = (int)((long)(k + 1) * S / K) - lo;
            SparseRows *mr = &p->mb_rows;
            if (p->sparse) mr->off[0] = 0;
            for (int b = 0; b < B; b++) {
                const int idx = p->perm[lo + b];
                if (p->sparse) {
                    const int o = p->r_off[idx], n = p->r_off[idx + 1] - o;
                    memcpy(mr->idx + mr->off[b], p->r_idx + o, sizeof(int) * (size_t)n);
                    mr->off[b + 1] = mr->off[b] + n;
                } else
                    memcpy(p->mb_obs + (size_t)b * D, p->r_obs + (size_t)idx * D, sizeof(float) * (size_t)D);
                p->mb_act[b] = p->r_act[idx];
                p->mb_y[b] = p->r_ret[idx];
            }
            const Obs mb = {p->sparse ? NULL : p->mb_obs, mr};
            if (!c->scorer) {
                float loss = joint(p, mb, p->mb_act, p->mb_y, B, lr_b, &g);
                if (bad(loss, g)) return -1;
                p->leader_loss_sum += loss;
                p->leader_updates++;
                continue;
            }
            float loss = leader(p, mb, p->mb_act, p->mb_y, B, lr_l, &g);
            if (bad(loss, g)) return -1;
            p->leader_loss_sum += loss;
            p->leader_updates++;
            /* phi and the minibatch are unchanged since the leader's forward: reuse z */
            loss = follower(p, mb, p->mb_act, p->mb_y, B, lr_f, c->follower_loss, 0, &g);
            if (bad(loss, g)) return -1;
            p->follower_loss_sum += loss;
            p->follower_updates++;
        }
    }
    p->updates++;
    return 0;
}

int pqn_step(Pqn *p) {
    /* the N envs' obs: (N, obs_dim) -> actions, rewards, term, trunc: (N,); stored as row pos of the
     * rollout (r_obs, r_act, r_rew, r_done, r_qmax); the T-th row trains the rollout */
    const PqnConfig *c = &p->cfg;
    VecEnv *v = p->env;
    const int N = p->N, A = p->A;
    const size_t D = (size_t)p->obs_dim, row = (size_t)p->pos * (size_t)N;
    /* 1. act epsilon-greedily with the online networks (epsilon at t before this step); keep max_a
     * Q(s_t) for the returns */
    const long anneal = (long)((double)c->eps_decay * (double)c->decay_horizon);
    p->eps = schedule_epsilon(p->t, c->eps_start, c->eps_finish, anneal);
    float *obs = p->r_obs + row * D;
    memcpy(obs, v->obs, sizeof(float) * (size_t)N * D);
    const float *q;
    if (p->sparse) {
        index_row(p, p->pos);
        q = net_forward(&p->q, p->params + p->n_enc, net_forward_rows(&p->enc, p->params, &p->obs_rows, N), N);
    } else
        q = pqn_q(p, obs, N);
    explore_epsilon_greedy(q, N, A, p->eps, &p->rng, p->actions);
    for (int e = 0; e < N; e++) p->r_qmax[row + e] = q[(size_t)e * A + explore_argmax(q + (size_t)e * A, A)];
    memcpy(p->r_act + row, p->actions, sizeof(int) * (size_t)N);
    /* 2. step and store */
    vecenv_step(v, p->actions, p->rewards, p->term, p->trunc, p->final_obs);
    if (!vecenv_finite(v, p->rewards, p->final_obs)) { p->diverged_at = p->t + N; p->env_fault = 1; return -1; }
    p->t += N;
    p->iteration++;
    double s = 0.0;
    int boot = 0;
    for (int e = 0; e < N; e++) {
        p->ep_return[e] += p->rewards[e];
        if (p->term[e] || p->trunc[e]) {
            p->last_return[e] = p->ep_return[e];
            p->ep_return[e] = 0.0;
            p->episodes++;
        }
        s += p->last_return[e];
        const int done = p->term[e] || (p->trunc[e] && c->terminal_on_truncation);
        p->r_rew[row + e] = c->reward_scale * p->rewards[e];
        p->r_done[row + e] = (float)done;
        boot |= p->trunc[e] && !done;
    }
    p->iter_mean_return = s / N;
    if (boot) {
        /* a time-limit end that is not terminal: fold gamma V(final obs) into the reward and cut
         * the trace there, so the next episode's values never leak into this one's return */
        const float *qf = pqn_q(p, p->final_obs, N);
        for (int e = 0; e < N; e++) {
            if (!p->trunc[e] || p->term[e]) continue;
            const float *r = qf + (size_t)e * A;
            p->r_rew[row + e] += c->gamma * r[explore_argmax(r, A)];
            p->r_done[row + e] = 1.0f;
        }
    }
    /* 3. a full rollout: returns and updates */
    if (++p->pos < p->T) return 0;
    p->pos = 0;
    if (train_rollout(p)) { p->diverged_at = p->t; return -1; }
    return 0;
}
