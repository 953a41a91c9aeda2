/* adam.c - optax.chain(clip_by_global_norm(c), adam(lr)) on a flat buffer, and the same chain with
 * optax.radam(lr) (Rectified Adam, Liu et al. 2020, optax's threshold 5 on rho_t). */
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

/* What both rules do first: the global norm, the clip's scale (written to *scale) and, when the norm is
 * finite, the step count. A non-finite norm changes nothing. */
static double begin_step(Adam *a, const float *grads, size_t n, float *scale) {
    double norm = adam_global_norm(grads, n);
    if (!isfinite(norm)) return norm;
    *scale = (a->max_norm > 0.0f && norm > a->max_norm) ? (float)(a->max_norm / norm) : 1.0f;
    a->t++;
    return norm;
}

/* The clipped gradient into the moments, then params -= lr r mhat / (sqrt(vhat) + eps): optax's form exactly
 * (r = 1: Adam, the same bits as without it; r < 1: Rectified Adam's rectified step). c1, c2: the bias
 * corrections 1 / (1 - b^t). */
static void moment_step(const Adam *a, float *params, float *grads, float *m, float *v, size_t n, float lr, float scale,
                        float c1, float c2, float r) {
    const float b1 = a->b1, b2 = a->b2, eps = a->eps;
    for (size_t i = 0; i < n; i++) {
        float g = grads[i] * scale;
        grads[i] = g;
        m[i] = b1 * m[i] + (1.0f - b1) * g;
        v[i] = b2 * v[i] + (1.0f - b2) * g * g;
        params[i] -= lr * (r * (m[i] * c1)) / (sqrtf(v[i] * c2) + eps);
    }
}

double adam_step(Adam *a, float *params, float *grads, float *m, float *v, size_t n, float lr) {
    float scale = 1.0f;
    double norm = begin_step(a, grads, n, &scale);
    if (!isfinite(norm)) return norm;
    const float c1 = (float)(1.0 / (1.0 - pow(a->b1, (double)a->t)));
    const float c2 = (float)(1.0 / (1.0 - pow(a->b2, (double)a->t)));
    moment_step(a, params, grads, m, v, n, lr, scale, c1, c2, 1.0f);
    return norm;
}

/* rho_t = rho_inf - 2 t b2^t / (1 - b2^t), rho_inf = 2 / (1 - b2) - 1 */
static double radam_rho(const Adam *a, long t) {
    const double b2 = a->b2, rho_inf = 2.0 / (1.0 - b2) - 1.0, b2t = pow(b2, (double)t);
    return rho_inf - 2.0 * (double)t * b2t / (1.0 - b2t);
}

double adam_radam_step(Adam *a, float *params, float *grads, float *m, float *v, size_t n, float lr) {
    float scale = 1.0f;
    double norm = begin_step(a, grads, n, &scale);
    if (!isfinite(norm)) return norm;
    const float b1 = a->b1, b2 = a->b2;
    const float c1 = (float)(1.0 / (1.0 - pow(b1, (double)a->t)));
    const float c2 = (float)(1.0 / (1.0 - pow(b2, (double)a->t)));
    /* optax.scale_by_radam: rho_t, the length of the approximated simple moving average, in double (JAX's
     * float32 takes the same branch at every step: momentum only for t <= 5, rectified from t = 6) */
    const double rho_inf = 2.0 / (1.0 - (double)b2) - 1.0, rho = radam_rho(a, a->t);
    if (rho >= ADAM_RADAM_THRESHOLD) {
        /* update = r_t mhat / (sqrt(vhat) + eps) */
        const float r = (float)sqrt((rho - 4.0) * (rho - 2.0) * rho_inf / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho));
        moment_step(a, params, grads, m, v, n, lr, scale, c1, c2, r);
    } else {
        /* the variance of the adaptive rate is intractable: update = mhat (v is still accumulated) */
        for (size_t i = 0; i < n; i++) {
            float g = grads[i] * scale;
            grads[i] = g;
            m[i] = b1 * m[i] + (1.0f - b1) * g;
            v[i] = b2 * v[i] + (1.0f - b2) * g * g;
            params[i] -= lr * (m[i] * c1);
        }
    }
    return norm;
}
