/* adam.c - optax.chain(clip_by_global_norm(c), adam(lr)) on a flat buffer, and the same chain with
 * optax.radam(lr) (Rectified Adam, Liu et al. 2020, optax's threshold 5 on rho_t). */
#include "scorer/adam.h"
#include "scorer/matmul.h"
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
 * finite, the step count. A non-finite norm changes nothing. grads: (n,), read only here. */
static double begin_step(Adam *a, const float *grads, size_t n, float *scale) {
    double norm = adam_global_norm(grads, n);
    if (!isfinite(norm)) return norm;
    *scale = (a->max_norm > 0.0f && norm > a->max_norm) ? (float)(a->max_norm / norm) : 1.0f;
    a->t++;
    return norm;
}

/* The clipped gradient into the moments, then params -= lr r mhat / (sqrt(vhat) + eps): optax's form exactly
 * (r = 1: Adam, the same bits as without it; r < 1: Rectified Adam's rectified step). c1, c2: the bias
 * corrections 1 / (1 - b^t). params, grads, m, v: (n,), all updated in place (grads <- grads * scale). */
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

/* The per-step constants of a rule, once the norm is known: the bias corrections c1, c2, Rectified Adam's r
 * and whether it takes the rectified step (Adam: r = 1, always). */
typedef struct { float scale, c1, c2, r; int rectified; } StepRule;

/* The rule over params, grads, m, v: (n,), element by element (any split of the range gives the same bits). */
static void rule_step(const Adam *a, const StepRule *s, float *params, float *grads, float *m, float *v, size_t n,
                      float lr) {
    if (s->rectified) {
        moment_step(a, params, grads, m, v, n, lr, s->scale, s->c1, s->c2, s->r);
        return;
    }
    /* Rectified Adam while the variance of the adaptive rate is intractable: update = mhat (v is still
     * accumulated) */
    const float b1 = a->b1, b2 = a->b2;
    for (size_t i = 0; i < n; i++) {
        float g = grads[i] * s->scale;
        grads[i] = g;
        m[i] = b1 * m[i] + (1.0f - b1) * g;
        v[i] = b2 * v[i] + (1.0f - b2) * g * g;
        params[i] -= lr * (m[i] * s->c1);
    }
}

/* rho_t = rho_inf - 2 t b2^t / (1 - b2^t), rho_inf = 2 / (1 - b2) - 1 */
static double radam_rho(const Adam *a, long t) {
    const double b2 = a->b2, rho_inf = 2.0 / (1.0 - b2) - 1.0, b2t = pow(b2, (double)t);
    return rho_inf - 2.0 * (double)t * b2t / (1.0 - b2t);
}

static StepRule step_rule(const Adam *a, int radam, float scale) {
    StepRule s = {scale, 0.0f, 0.0f, 1.0f, 1};
    s.c1 = (float)(1.0 / (1.0 - pow(a->b1, (double)a->t)));
    s.c2 = (float)(1.0 / (1.0 - pow(a->b2, (double)a->t)));
    if (!radam) return s;
    /* optax.scale_by_radam: rho_t, the length of the approximated simple moving average, in double (JAX's
     * float32 takes the same branch at every step: momentum only for t <= 5, rectified from t = 6) */
    const double rho_inf = 2.0 / (1.0 - (double)a->b2) - 1.0, rho = radam_rho(a, a->t);
    s.rectified = rho >= ADAM_RADAM_THRESHOLD;
    /* update = r_t mhat / (sqrt(vhat) + eps) */
    if (s.rectified)
        s.r = (float)sqrt((rho - 4.0) * (rho - 2.0) * rho_inf / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho));
    return s;
}

double adam_step(Adam *a, float *params, float *grads, float *m, float *v, size_t n, float lr) {
    return adam_step_mirrored(a, 0, params, grads, m, v, n, lr, NULL, 0);
}

double adam_radam_step(Adam *a, float *params, float *grads, float *m, float *v, size_t n, float lr) {
    return adam_step_mirrored(a, 1, params, grads, m, v, n, lr, NULL, 0);
}

/* rows of a mirrored matrix stepped before their transpose is written: 16 rows of 400 floats are 25 KB
 * for each of params, grads, m and v, and the transpose then reads the params from L1 and writes whole
 * 64-byte lines of t */
enum { MIRROR_BAND = 16 };

double adam_step_mirrored(Adam *a, int radam, float *params, float *grads, float *m, float *v, size_t n, float lr,
                          const AdamMirror *mir, int n_mir) {
    /* params, grads, m, v: (n,); mir: (n_mir,), each a (rows, cols) matrix inside [0, n) and its (cols, rows) t */
    float scale = 1.0f;
    double norm = begin_step(a, grads, n, &scale);
    if (!isfinite(norm)) return norm;
    const StepRule s = step_rule(a, radam, scale);
    size_t at = 0;
    for (int q = 0; q < n_mir; q++) {
        const AdamMirror *x = &mir[q];
        rule_step(a, &s, params + at, grads + at, m + at, v + at, x->off - at, lr);
        for (int j0 = 0; j0 < x->rows; j0 += MIRROR_BAND) {
            const int jn = x->rows - j0 < MIRROR_BAND ? x->rows - j0 : MIRROR_BAND;
            const size_t o = x->off + (size_t)j0 * (size_t)x->cols, len = (size_t)jn * (size_t)x->cols;
            rule_step(a, &s, params + o, grads + o, m + o, v + o, len, lr);
            matmul_transpose_ld(params + o, x->cols, x->t + j0, x->rows, jn, x->cols);
        }
        at = x->off + (size_t)x->rows * (size_t)x->cols;
    }
    rule_step(a, &s, params + at, grads + at, m + at, v + at, n - at, lr);
    return norm;
}
