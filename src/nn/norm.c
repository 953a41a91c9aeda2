/* norm.c - L1Norm (SCORER's latent normalisation) and LayerNorm (PQN). */
#include "scorer/layers.h"
#include "reduce.h"
#include <math.h>
#include <stddef.h>

void l1norm_forward(const float *x, float *y, float *scale, int B, int D) {
    /* x, y: (B, D); scale: (B,) = max(mean_j |x_j|, eps) */
    for (int i = 0; i < B; i++) {
        const float *xi = x + (size_t)i * D;
        float *yi = y + (size_t)i * D;
        float s = reduce_sum_abs(xi, D) / (float)D;
        if (s < L1NORM_EPS) s = L1NORM_EPS;
        scale[i] = s;
        float inv = 1.0f / s;
        for (int j = 0; j < D; j++) yi[j] = xi[j] * inv;
    }
}

void l1norm_backward(const float *x, const float *scale, const float *dy, float *dx, int B, int D) {
    /* y_j = x_j / m, m = mean|x|: dx_j = dy_j / m - sign(x_j) / D * sum_i dy_i x_i / m^2.
     * When the clamp is active (m = eps) m is constant: dx = dy / eps. */
    for (int i = 0; i < B; i++) {
        const float *xi = x + (size_t)i * D, *dyi = dy + (size_t)i * D;
        float *dxi = dx + (size_t)i * D;
        float m = scale[i], inv = 1.0f / m;
        /* the forward pass stored m = max(mean|x|, eps): m > eps exactly when the clamp was off */
        float c = m > L1NORM_EPS ? reduce_dot(dyi, xi, D) * inv * inv / (float)D : 0.0f;
        for (int j = 0; j < D; j++) {
            float sg = xi[j] > 0.0f ? 1.0f : (xi[j] < 0.0f ? -1.0f : 0.0f);
            dxi[j] = dyi[j] * inv - sg * c;
        }
    }
}

void layernorm_forward(const float *x, const float *g, const float *b, float *y, float *stat, int B, int D) {
    /* x, y: (B, D); g, b: (D,); stat: (B, 2) = (mean, rstd) */
    for (int i = 0; i < B; i++) {
        const float *xi = x + (size_t)i * D;
        float *yi = y + (size_t)i * D;
        float mu = 0.0f, var = 0.0f;
        for (int j = 0; j < D; j++) mu += xi[j];
        mu /= (float)D;
        for (int j = 0; j < D; j++) { float d = xi[j] - mu; var += d * d; }
        var /= (float)D;
        float rstd = 1.0f / sqrtf(var + LAYERNORM_EPS);
        stat[2 * i] = mu;
        stat[2 * i + 1] = rstd;
        for (int j = 0; j < D; j++) yi[j] = (xi[j] - mu) * rstd * g[j] + b[j];
    }
}

void layernorm_backward(const float *x, const float *g, const float *stat, const float *dy, float *dx,
                        float *dg, float *db, int B, int D) {
    /* xhat = (x - mu) rstd; dxhat = dy g;
     * dx = rstd (dxhat - mean(dxhat) - xhat mean(dxhat xhat)); dg = sum dy xhat; db = sum dy */
    if (dg) for (int j = 0; j < D; j++) dg[j] = 0.0f;
    if (db) for (int j = 0; j < D; j++) db[j] = 0.0f;
    for (int i = 0; i < B; i++) {
        const float *xi = x + (size_t)i * D, *dyi = dy + (size_t)i * D;
        float mu = stat[2 * i], rstd = stat[2 * i + 1];
        float m1 = 0.0f, m2 = 0.0f;
        /* the statistics loop is the same with or without parameter gradients, so a frozen
         * network's dx is bit-identical to a trained one's */
        for (int j = 0; j < D; j++) {
            float xh = (xi[j] - mu) * rstd, dxh = dyi[j] * g[j];
            m1 += dxh;
            m2 += dxh * xh;
        }
        if (dg) for (int j = 0; j < D; j++) dg[j] += dyi[j] * ((xi[j] - mu) * rstd);
        if (db) for (int j = 0; j < D; j++) db[j] += dyi[j];
        m1 /= (float)D;
        m2 /= (float)D;
        if (dx) {
            float *dxi = dx + (size_t)i * D;
            for (int j = 0; j < D; j++) {
                float xh = (xi[j] - mu) * rstd;
                dxi[j] = rstd * (dyi[j] * g[j] - m1 - xh * m2);
            }
        }
    }
}
