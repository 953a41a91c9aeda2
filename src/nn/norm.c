/* norm.c - L1Norm (SCORER's latent normalisation) and LayerNorm (PQN). */
#include "scorer/layers.h"
#include "scorer/matmul.h"
#include "reduce.h"
#include "scratch.h"
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

/* LayerNorm's statistics are sums over a row in order (j = 0, 1, ...): one chain of D dependent adds per
 * row, which took a third of PQN's time. Rows go in blocks of LN_ROWS, transposed, so that one vector
 * add takes the next term of every row of the block: each row is still summed in order, the rows' chains
 * run side by side, and every row takes the same lane-wise arithmetic wherever it is (a last block is
 * padded with zero rows, long rows go LN_MAX_D columns at a time): a row's result does not depend on the
 * other rows of the batch. */
enum { LN_ROWS = 16, LN_MAX_D = 512 };
/* Even so a block's chain waits four cycles between its adds. Up to LN_GROUP_MAX_D columns, LN_GROUP
 * full blocks go at once, their chains interleaved: each lane still takes the same operations in the same
 * order as a block alone, so the bits do not change (test_layernorm_blocks). */
enum { LN_GROUP = 4, LN_GROUP_MAX_D = 128 };
/* The transposed blocks (x and dy), one set per thread, in its heap block (scratch.h) */
typedef struct NormScratch {
    _Alignas(64) float xt[LN_MAX_D * LN_ROWS];
    _Alignas(64) float dyt[LN_MAX_D * LN_ROWS];
    _Alignas(64) float gxt[LN_GROUP * LN_GROUP_MAX_D * LN_ROWS]; /* a group's (LN_GROUP blocks) */
    _Alignas(64) float gdyt[LN_GROUP * LN_GROUP_MAX_D * LN_ROWS];
} NormScratch;
const size_t norm_scratch_bytes = sizeof(NormScratch);
static inline NormScratch *norm_scratch(void) { return scratch_block(SCRATCH_NORM); }

/* Columns j0 .. j0+C-1 of rows x[0..R) transposed into t: t[j*LN_ROWS + r], zero for rows r >= R. */
static void ln_load(const float *x, int R, int D, int j0, int C, float *t) {
    /* x: (R, D); t: (C, LN_ROWS), C <= LN_MAX_D */
    if (R == LN_ROWS && j0 == 0 && C == D) {
        matmul_transpose(x, t, LN_ROWS, D);
        return;
    }
    for (int j = 0; j < C; j++)
        for (int r = 0; r < LN_ROWS; r++) t[j * LN_ROWS + r] = r < R ? x[(size_t)r * D + j0 + j] : 0.0f;
}

/* mean and 1/std of the rows x[0..R), R <= LN_ROWS */
static void layernorm_stats(const float *x, int R, int D, float *mu, float *rstd) {
    /* x: (R, D); mu, rstd: (R,) */
    float *const ln_xt = norm_scratch()->xt;
    const reduce_v16 *t = (const reduce_v16 *)ln_xt; /* t[j]: column j, a lane a row */
    reduce_v16 s = {0}, v = {0};
    for (int j0 = 0; j0 < D; j0 += LN_MAX_D) {
        const int C = D - j0 < LN_MAX_D ? D - j0 : LN_MAX_D;
        ln_load(x, R, D, j0, C, ln_xt);
        for (int j = 0; j < C; j++) s += t[j];
    }
    const reduce_v16 m = s / (float)D;
    for (int j0 = 0; j0 < D; j0 += LN_MAX_D) {
        const int C = D - j0 < LN_MAX_D ? D - j0 : LN_MAX_D;
        if (D > LN_MAX_D) ln_load(x, R, D, j0, C, ln_xt); /* else still there */
        for (int j = 0; j < C; j++) {
            const reduce_v16 d = t[j] - m;
            v += d * d;
        }
    }
    const reduce_v16 var = v / (float)D;
    for (int r = 0; r < R; r++) {
        mu[r] = m[r];
        rstd[r] = 1.0f / sqrtf(var[r] + LAYERNORM_EPS);
    }
}

/* layernorm_stats for LN_GROUP full blocks at once, D <= LN_GROUP_MAX_D */
static void layernorm_stats_group(const float *x, int D, float *mu, float *rstd) {
    /* x: (LN_GROUP LN_ROWS, D); mu, rstd: (LN_GROUP LN_ROWS,) */
    float *const ln_gxt = norm_scratch()->gxt;
    const reduce_v16 *t = (const reduce_v16 *)ln_gxt; /* t[q D + j]: column j of block q */
    for (int q = 0; q < LN_GROUP; q++)
        matmul_transpose(x + (size_t)q * LN_ROWS * D, ln_gxt + (size_t)q * LN_ROWS * D, LN_ROWS, D);
    reduce_v16 s[LN_GROUP], v[LN_GROUP], m[LN_GROUP];
    for (int q = 0; q < LN_GROUP; q++) s[q] = v[q] = (reduce_v16){0};
    for (int j = 0; j < D; j++)
        for (int q = 0; q < LN_GROUP; q++) s[q] += t[q * D + j];
    for (int q = 0; q < LN_GROUP; q++) m[q] = s[q] / (float)D;
    for (int j = 0; j < D; j++)
        for (int q = 0; q < LN_GROUP; q++) {
            const reduce_v16 d = t[q * D + j] - m[q];
            v[q] += d * d;
        }
    for (int q = 0; q < LN_GROUP; q++) {
        const reduce_v16 var = v[q] / (float)D;
        for (int r = 0; r < LN_ROWS; r++) {
            mu[q * LN_ROWS + r] = m[q][r];
            rstd[q * LN_ROWS + r] = 1.0f / sqrtf(var[r] + LAYERNORM_EPS);
        }
    }
}

void layernorm_forward(const float *x, const float *g, const float *b, float *y, float *stat, int B, int D) {
    /* x, y: (B, D); g, b: (D,); stat: (B, 2) = (mean, rstd) */
    float mu[LN_GROUP * LN_ROWS], rstd[LN_GROUP * LN_ROWS];
    for (int i0 = 0, R; i0 < B; i0 += R) {
        if (B - i0 >= LN_GROUP * LN_ROWS && D <= LN_GROUP_MAX_D) {
            R = LN_GROUP * LN_ROWS;
            layernorm_stats_group(x + (size_t)i0 * D, D, mu, rstd);
        } else {
            R = B - i0 < LN_ROWS ? B - i0 : LN_ROWS;
            layernorm_stats(x + (size_t)i0 * D, R, D, mu, rstd);
        }
        for (int r = 0; r < R; r++) {
            const int i = i0 + r;
            const float *xi = x + (size_t)i * D;
            float *yi = y + (size_t)i * D;
            stat[2 * i] = mu[r];
            stat[2 * i + 1] = rstd[r];
            for (int j = 0; j < D; j++) yi[j] = (xi[j] - mu[r]) * rstd[r] * g[j] + b[j];
        }
    }
}

/* m1 = sum_j dxh, m2 = sum_j dxh xh of the rows [0..R), dxh = dy g, xh = (x - mu) rstd, each in order */
static void layernorm_sums(const float *x, const float *dy, const float *g, const float *mu, const float *rstd, int R,
                           int D, float *m1, float *m2) {
    /* x, dy: (R, D); g: (D,); mu, rstd, m1, m2: (R,) */
    NormScratch *const s = norm_scratch();
    float *const ln_xt = s->xt, *const ln_dyt = s->dyt;
    const reduce_v16 *xt = (const reduce_v16 *)ln_xt, *dyt = (const reduce_v16 *)ln_dyt;
    reduce_v16 m = {0}, rs = {0}, s1 = {0}, s2 = {0};
    for (int r = 0; r < R; r++) {
        m[r] = mu[r];
        rs[r] = rstd[r];
    }
    for (int j0 = 0; j0 < D; j0 += LN_MAX_D) {
        const int C = D - j0 < LN_MAX_D ? D - j0 : LN_MAX_D;
        ln_load(x, R, D, j0, C, ln_xt);
        ln_load(dy, R, D, j0, C, ln_dyt);
        for (int j = 0; j < C; j++) {
            const reduce_v16 xh = (xt[j] - m) * rs, dxh = dyt[j] * g[j0 + j];
            s1 += dxh;
            s2 += dxh * xh;
        }
    }
    for (int r = 0; r < R; r++) {
        m1[r] = s1[r];
        m2[r] = s2[r];
    }
}

/* layernorm_sums for LN_GROUP full blocks at once, D <= LN_GROUP_MAX_D */
static void layernorm_sums_group(const float *x, const float *dy, const float *g, const float *mu, const float *rstd,
                                 int D, float *m1, float *m2) {
    /* x, dy: (LN_GROUP LN_ROWS, D); g: (D,); mu, rstd, m1, m2: (LN_GROUP LN_ROWS,) */
    NormScratch *const s = norm_scratch();
    float *const ln_gxt = s->gxt, *const ln_gdyt = s->gdyt;
    const reduce_v16 *xt = (const reduce_v16 *)ln_gxt, *dyt = (const reduce_v16 *)ln_gdyt;
    reduce_v16 m[LN_GROUP], rs[LN_GROUP], s1[LN_GROUP], s2[LN_GROUP];
    for (int q = 0; q < LN_GROUP; q++) {
        const size_t o = (size_t)q * LN_ROWS * D;
        matmul_transpose(x + o, ln_gxt + o, LN_ROWS, D);
        matmul_transpose(dy + o, ln_gdyt + o, LN_ROWS, D);
        s1[q] = s2[q] = (reduce_v16){0};
        for (int r = 0; r < LN_ROWS; r++) {
            m[q][r] = mu[q * LN_ROWS + r];
            rs[q][r] = rstd[q * LN_ROWS + r];
        }
    }
    for (int j = 0; j < D; j++)
        for (int q = 0; q < LN_GROUP; q++) {
            const reduce_v16 xh = (xt[q * D + j] - m[q]) * rs[q], dxh = dyt[q * D + j] * g[j];
            s1[q] += dxh;
            s2[q] += dxh * xh;
        }
    for (int q = 0; q < LN_GROUP; q++)
        for (int r = 0; r < LN_ROWS; r++) {
            m1[q * LN_ROWS + r] = s1[q][r];
            m2[q * LN_ROWS + r] = s2[q][r];
        }
}

void layernorm_backward(const float *x, const float *g, const float *stat, const float *dy, float *dx,
                        float *dg, float *db, int B, int D) {
    /* x, dy, dx: (B, D); g: (D,); stat: (B, 2) from the forward; dg, db: (D,) or NULL (overwritten).
     * xhat = (x - mu) rstd; dxhat = dy g;
     * dx = rstd (dxhat - mean(dxhat) - xhat mean(dxhat xhat)); dg = sum dy xhat; db = sum dy */
    if (dg) for (int j = 0; j < D; j++) dg[j] = 0.0f;
    if (db) for (int j = 0; j < D; j++) db[j] = 0.0f;
    float mu[LN_GROUP * LN_ROWS], rstd[LN_GROUP * LN_ROWS], m1[LN_GROUP * LN_ROWS], m2[LN_GROUP * LN_ROWS];
    for (int i0 = 0, R; i0 < B; i0 += R) {
        const int group = B - i0 >= LN_GROUP * LN_ROWS && D <= LN_GROUP_MAX_D;
        R = group ? LN_GROUP * LN_ROWS : B - i0 < LN_ROWS ? B - i0 : LN_ROWS;
        for (int r = 0; r < R; r++) {
            mu[r] = stat[2 * (i0 + r)];
            rstd[r] = stat[2 * (i0 + r) + 1];
        }
        /* the same with or without parameter gradients: a frozen network's dx is a trained one's */
        if (group) layernorm_sums_group(x + (size_t)i0 * D, dy + (size_t)i0 * D, g, mu, rstd, D, m1, m2);
        else layernorm_sums(x + (size_t)i0 * D, dy + (size_t)i0 * D, g, mu, rstd, R, D, m1, m2);
        for (int r = 0; r < R; r++) {
            const int i = i0 + r;
            const float *xi = x + (size_t)i * D, *dyi = dy + (size_t)i * D;
            if (dg) for (int j = 0; j < D; j++) dg[j] += dyi[j] * ((xi[j] - mu[r]) * rstd[r]);
            if (db) for (int j = 0; j < D; j++) db[j] += dyi[j];
            const float a1 = m1[r] / (float)D, a2 = m2[r] / (float)D;
            if (dx) {
                float *dxi = dx + (size_t)i * D;
                for (int j = 0; j < D; j++) {
                    const float xh = (xi[j] - mu[r]) * rstd[r];
                    dxi[j] = rstd[r] * (dyi[j] * g[j] - a1 - xh * a2);
                }
            }
        }
    }
}
