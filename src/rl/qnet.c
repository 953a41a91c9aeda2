/* qnet.c - plain and dueling Q heads. */
#include "scorer/qnet.h"
#include <stdlib.h>
#include <string.h>

static void mlp(Net *n, int in, int hidden, int out, LayerKind act) {
    net_begin(n, in, INIT_ORTHOGONAL);
    net_add(n, LAYER_DENSE, hidden, QNET_GAIN_HIDDEN);
    net_add(n, act, 0, 0);
    net_add(n, LAYER_DENSE, out, QNET_GAIN_OUT);
}

int qnet_build(QNet *q, int in_dim, int hidden, int A, int dueling, LayerKind act, int max_batch) {
    memset(q, 0, sizeof *q);
    q->dueling = dueling; q->A = A; q->in_dim = in_dim; q->max_batch = max_batch;
    if (!dueling) {
        mlp(&q->main, in_dim, hidden, A, act);
        q->nparams = q->main.nparams;
        return net_alloc(&q->main, max_batch);
    }
    mlp(&q->val, in_dim, hidden, 1, act);
    mlp(&q->adv, in_dim, hidden, A, act);
    q->nparams = q->val.nparams + q->adv.nparams;
    q->ws = net_alloc_floats((size_t)max_batch * (size_t)(2 * A + 1 + in_dim));
    if (!q->ws || net_alloc(&q->val, max_batch) || net_alloc(&q->adv, max_batch)) { qnet_free(q); return -1; }
    return 0;
}

void qnet_free(QNet *q) {
    net_free(&q->main); net_free(&q->val); net_free(&q->adv);
    free(q->ws);
    q->ws = NULL;
}

int qnet_init_params(const QNet *q, float *params, Rng *rng) {
    if (!q->dueling) return net_init_params(&q->main, params, rng);
    return net_init_params(&q->val, params, rng) || net_init_params(&q->adv, params + q->val.nparams, rng) ? -1 : 0;
}

const float *qnet_forward(QNet *q, const float *params, const float *z, int B) {
    /* z: (B, in) -> q: (B, A) */
    if (!q->dueling) return net_forward(&q->main, params, z, B);
    const float *v = net_forward(&q->val, params, z, B);
    const float *a = net_forward(&q->adv, params + q->val.nparams, z, B);
    float *out = q->ws;
    const int A = q->A;
    for (int b = 0; b < B; b++) {
        float mean = 0.0f;
        for (int j = 0; j < A; j++) mean += a[b * A + j];
        mean /= (float)A;
        for (int j = 0; j < A; j++) out[b * A + j] = v[b] + a[b * A + j] - mean;
    }
    return out;
}

void qnet_backward(QNet *q, const float *params, const float *dq, float *dz, float *dparams, int B) {
    /* dq: (B, A) -> dz: (B, in) or NULL, dparams: (nparams,) or NULL.
     * q = v + a - mean(a): dv_b = sum_j dq_bj, da_bj = dq_bj - mean_j dq_bj; dz = dz_v + dz_a */
    if (!q->dueling) { net_backward(&q->main, params, dq, dz, dparams, B); return; }
    const int A = q->A;
    float *dv = q->ws + (size_t)q->max_batch * A, *da = dv + q->max_batch, *dzv = da + (size_t)q->max_batch * A;
    for (int b = 0; b < B; b++) {
        float s = 0.0f;
        for (int j = 0; j < A; j++) s += dq[b * A + j];
        dv[b] = s;
        for (int j = 0; j < A; j++) da[b * A + j] = dq[b * A + j] - s / (float)A;
    }
    net_backward(&q->val, params, dv, dz ? dzv : NULL, dparams, B);
    net_backward(&q->adv, params + q->val.nparams, da, dz, dparams ? dparams + q->val.nparams : NULL, B);
    if (dz) for (int i = 0; i < B * q->in_dim; i++) dz[i] += dzv[i];
}

int qnet_cache_transposes(QNet *q) {
    if (!q->dueling) return net_cache_transposes(&q->main);
    return net_cache_transposes(&q->val) || net_cache_transposes(&q->adv) ? -1 : 0;
}

void qnet_params_changed(QNet *q) {
    net_params_changed(&q->main);
    net_params_changed(&q->val);
    net_params_changed(&q->adv);
}
