/* agent.c - networks of one agent in one flat buffer; acting and bootstrapped targets. */
#include "scorer/agent.h"
#include "scorer/explore.h"
#include <stdlib.h>
#include <string.h>

static int build_encoder(Net *n, const AgentConfig *c) {
    net_begin(n, c->obs_dim, INIT_ORTHOGONAL);
    if (c->input_l1norm) net_add(n, LAYER_L1NORM, 0, 0);
    for (int i = 0; i < c->encoder_layers; i++) {
        net_add(n, LAYER_DENSE, c->latent, QNET_GAIN_HIDDEN);
        net_add(n, c->act, 0, 0);
    }
    if (c->final_l1norm) net_add(n, LAYER_L1NORM, 0, 0);
    return net_alloc(n, c->max_batch);
}

int agent_init(Agent *a, const AgentConfig *cfg, Rng *rng) {
    memset(a, 0, sizeof *a);
    a->cfg = *cfg;
    /* at most 4 encoder layers (the key's range): with both L1Norms that is 10 layers, within
     * NET_MAX_LAYERS (12), past which build_encoder's unchecked net_add would drop layers */
    if (cfg->obs_dim < 1 || cfg->n_actions < 1 || cfg->latent < 1 || cfg->encoder_layers < 1 ||
        cfg->encoder_layers > 4 || cfg->max_batch < 1)
        return -1;
    const int hidden = cfg->dueling ? cfg->dueling_hidden : cfg->q_hidden;
    if (hidden < 1) return -1;
    if (build_encoder(&a->enc, cfg) || build_encoder(&a->enc_t, cfg) ||
        qnet_build(&a->q, cfg->latent, hidden, cfg->n_actions, cfg->dueling, cfg->act, cfg->max_batch) ||
        qnet_build(&a->q_t, cfg->latent, hidden, cfg->n_actions, cfg->dueling, cfg->act, cfg->max_batch)) {
        agent_free(a);
        return -2;
    }
    a->n_enc = a->enc.nparams;
    a->n_q = a->q.nparams;
    a->n = a->n_enc + a->n_q;
    const size_t B = (size_t)cfg->max_batch, A = (size_t)cfg->n_actions;
    a->mem = net_sections_alloc(5, a->n, &a->stride);
    a->scratch = net_alloc_floats(B * (4 + A + (size_t)cfg->latent)); /* agent_scratch's layout */
    a->pick = calloc(B, sizeof(int));
    if (!a->mem || !a->scratch || !a->pick) { agent_free(a); return -2; }
    a->params = a->mem;
    a->target = a->params + a->stride;
    a->grads = a->target + a->stride;
    a->m = a->grads + a->stride;
    a->v = a->m + a->stride;
    if (net_cache_transposes(&a->enc) || net_cache_transposes(&a->enc_t) || qnet_cache_transposes(&a->q) ||
        qnet_cache_transposes(&a->q_t)) {
        agent_free(a);
        return -2;
    }
    if (net_init_params(&a->enc, a->params, rng) || qnet_init_params(&a->q, a->params + a->n_enc, rng)) {
        agent_free(a);
        return -2;
    }
    memcpy(a->target, a->params, sizeof(float) * a->n);
    return 0;
}

void agent_free(Agent *a) {
    net_free(&a->enc); net_free(&a->enc_t);
    qnet_free(&a->q); qnet_free(&a->q_t);
    free(a->mem); free(a->scratch); free(a->pick);
    a->mem = a->scratch = NULL;
    a->pick = NULL;
}

const float *agent_q(Agent *a, const float *obs, int N) {
    const float *z = net_forward(&a->enc, a->params, obs, N);
    return qnet_forward(&a->q, a->params + a->n_enc, z, N);
}

int agent_accepts_rows(const Agent *a) { return net_accepts_rows(&a->enc) && net_accepts_rows(&a->enc_t); }

/* The encoding of the batch's obs or next obs (next = 1), dense or sparse. */
static const float *encode(Net *enc, const float *params, const Batch *b, int next, int B) {
    /* -> z: (B, latent) */
    if (b->sparse) return net_forward_rows(enc, params, next ? &b->next_rows : &b->obs_rows, B);
    return net_forward(enc, params, next ? b->next_obs : b->obs, B);
}

const float *agent_q_rows(Agent *a, const SparseRows *obs, int N) {
    return qnet_forward(&a->q, a->params + a->n_enc, net_forward_rows(&a->enc, a->params, obs, N), N);
}

void agent_targets(Agent *a, const Batch *b, int B, float gamma, int double_q, float *y) {
    /* next obs: B rows -> y: (B,) */
    const int A = a->cfg.n_actions;
    int *pick = double_q ? a->pick : NULL;
    if (pick) {
        /* online networks choose, target networks evaluate */
        const float *qo = qnet_forward(&a->q, a->params + a->n_enc, encode(&a->enc, a->params, b, 1, B), B);
        for (int i = 0; i < B; i++) pick[i] = explore_argmax(qo + (size_t)i * A, A);
    }
    const float *zt = encode(&a->enc_t, a->target, b, 1, B);
    const float *qt = qnet_forward(&a->q_t, a->target + a->n_enc, zt, B);
    for (int i = 0; i < B; i++) {
        const float *row = qt + (size_t)i * A;
        float v = pick ? row[pick[i]] : row[explore_argmax(row, A)];
        y[i] = b->rew[i] + gamma * (1.0f - b->done[i]) * v;
    }
}

void agent_changed(Agent *a, int what) {
    if (what & AGENT_ENC) net_params_changed(&a->enc);
    if (what & AGENT_Q) qnet_params_changed(&a->q);
    if (what & AGENT_TARGET) { net_params_changed(&a->enc_t); qnet_params_changed(&a->q_t); }
}

void agent_sync_target(Agent *a, float tau) {
    agent_changed(a, AGENT_TARGET);
    if (tau >= 1.0f) { memcpy(a->target, a->params, sizeof(float) * a->n); return; }
    for (size_t i = 0; i < a->n; i++) a->target[i] = tau * a->params[i] + (1.0f - tau) * a->target[i];
}

const float *agent_forward_selected(Agent *a, const Batch *b, int B, float *q_sel) {
    /* batch b of B -> q: (B, A) returned, q_sel: (B,) the values of the actions taken */
    const int A = a->cfg.n_actions;
    const float *q = qnet_forward(&a->q, a->params + a->n_enc, encode(&a->enc, a->params, b, 0, B), B);
    for (int i = 0; i < B; i++) q_sel[i] = q[(size_t)i * A + b->act[i]];
    return q;
}

AgentScratch agent_scratch(const Agent *a) {
    /* scratch: q_sel (B), unused (B), dsel (B), dq (B, A), dz (B, latent), unused (B); B = max_batch */
    const size_t B = (size_t)a->cfg.max_batch;
    AgentScratch s;
    s.q_sel = a->scratch;
    s.dsel = s.q_sel + 2 * B;
    s.dq = s.dsel + B;
    s.dz = s.dq + B * (size_t)a->cfg.n_actions;
    return s;
}

void agent_scatter(const Agent *a, const int *act, const float *dsel, int B, float *dq) {
    /* act, dsel: (B,) -> dq: (B, A), dsel at each taken action, 0 elsewhere */
    const int A = a->cfg.n_actions;
    memset(dq, 0, sizeof(float) * (size_t)B * A);
    for (int i = 0; i < B; i++) dq[(size_t)i * A + act[i]] = dsel[i];
}
