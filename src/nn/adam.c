/* adam.c - optax.chain(clip_by_global_norm(c), adam(lr)) on a flat buffer. */
#include "scorer/adam.h"
#include <math.h>

void adam_init(Adam *a, float max_norm) {
    a->b1 = 0.9f; a->b2 = 0.999f; a->eps = 1e-8f;
    a->max_norm = max_norm;
    a->t = 0;
}

double adam_global_norm(const float *x, size_t n) {
    /* eight independent partial sums: the loop vectorises and has no serial add chain */
    double lane[8] = {0};
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int l = 0; l < 8; l++) lane[l] += (double)x[i + l] * x[i + l];
    for (; i < n; i++) lane[0] += (double)x[i] * x[i];
    double s = 0.0;
    for (int l = 0; l < 8; l++) s += lane[l];
    return sqrt(s);
}

double adam_step(Adam *a, float *params, float *grads, float *m, float *v, size_t n, float lr) {
    double norm = adam_global_norm(grads, n);
    if (!isfinite(norm)) return norm;
    float scale = (a->max_norm > 0.0f && norm > a->max_norm) ? (float)(a->max_norm / norm) : 1.0f;
    a->t++;
    /* optax's form exactly: update = mhat / (sqrt(vhat) + eps) */
    const float b1 = a->b1, b2 = a->b2, eps = a->eps;
    const float c1 = (float)(1.0 / (1.0 - pow(b1, (double)a->t)));
    const float c2 = (float)(1.0 / (1.0 - pow(b2, (double)a->t)));
    for (size_t i = 0; i < n; i++) {
        float g = grads[i] * scale;
        grads[i] = g;
        m[i] = b1 * m[i] + (1.0f - b1) * g;
        v[i] = b2 * v[i] + (1.0f - b2) * g * g;
        params[i] -= lr * (m[i] * c1) / (sqrtf(v[i] * c2) + eps);
    }
    return norm;
}
