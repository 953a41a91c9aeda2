/* dense.c - fully connected layer. Our shapes are small, so the products run on the
 * register-tiled kernels of matmul.c; a layer too big for the transpose buffer uses sgemm. */
#include "scorer/layers.h"
#include "scorer/matmul.h"
#include "reduce.h"
#include <cblas.h>
#include <string.h>

/* w^T for the forward product (one per thread: seeds train on worker threads) */
#define DENSE_MAX_W (1 << 17)
static _Thread_local float wt_buf[DENSE_MAX_W];

/* Sixteen dot products: acc[r*out + j] = x_r . w_j for the 16/out rows r of x and the out rows of
 * w, as vector partial sums (reduce_dot's). out is a constant once inlined (see narrow_forward),
 * so the loops unroll: each x and w vector is loaded once per k and used out or 16/out times. */
static inline void dots16(const float *x, const float *w, int in, const int out, reduce_v16 acc[16]) {
    /* x: (16/out, in), w: (out, in) */
    for (int f = 0; f < 16; f++) acc[f] = (reduce_v16){0};
    for (int k = 0; k < in; k += 16) {
        reduce_v16 wv[16];
        for (int j = 0; j < out; j++) wv[j] = *(const reduce_v16 *)(w + (size_t)j * in + k);
        for (int r = 0; r < 16 / out; r++) {
            const reduce_v16 xv = *(const reduce_v16 *)(x + (size_t)r * in + k);
            for (int j = 0; j < out; j++) acc[r * out + j] += xv * wv[j];
        }
    }
}

/* y = x w^T + b for out < 16 by dot products. When out divides 16, sixteen consecutive entries of y
 * (16/out whole rows) are computed together and reduced in one go by reduce_lanes16; the sums are
 * those of reduce_dot, so either path gives the same bits. */
static void narrow_forward(const float *x, const float *w, const float *b, float *y, int B, int in, int out) {
    /* x: (B, in), w: (out, in), b: (out,), y: (B, out) */
    const int n = B * out;
    int f0 = 0;
    if (in % 16 == 0 && 16 % out == 0)
        for (; f0 + 16 <= n; f0 += 16) {
            reduce_v16 acc[16], bias;
            const float *xr = x + (size_t)(f0 / out) * in;
            switch (out) { /* one unrolled copy per width */
            case 1: dots16(xr, w, in, 1, acc); break;
            case 2: dots16(xr, w, in, 2, acc); break;
            case 4: dots16(xr, w, in, 4, acc); break;
            default: dots16(xr, w, in, 8, acc); break;
            }
            for (int f = 0; f < 16; f++) bias[f] = b[f % out];
            /* + 0.0f: reduce_dot adds its (empty) tail */
            reduce_v16 sums;
            reduce_lanes16(acc, &sums);
            *(reduce_v16 *)(y + f0) = bias + (sums + 0.0f);
        }
    for (int f = f0; f < n; f++) {
        const int i = f / out, j = f % out;
        y[f] = b[j] + reduce_dot(x + (size_t)i * in, w + (size_t)j * in, in);
    }
}

void dense_forward(const float *x, const float *w, const float *b, float *y, int B, int in, int out) {
    /* x: (B, in), w: (out, in), b: (out,), y: (B, out) */
    if (out < 16) { /* a few outputs (the Q-values): dot products along the contiguous rows */
        narrow_forward(x, w, b, y, B, in, out);
        return;
    }
    if ((long)in * out > DENSE_MAX_W) {
        for (int i = 0; i < B; i++) memcpy(y + (size_t)i * out, b, sizeof(float) * (size_t)out);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, out, in, 1.0f, x, in, w, in, 1.0f, y, out);
        return;
    }
    matmul_transpose(w, wt_buf, out, in);
    dense_forward_t(x, wt_buf, b, y, B, in, out);
}

int dense_uses_transpose(int in, int out) { return out >= 16 && (long)in * out <= DENSE_MAX_W; }

void dense_forward_t(const float *x, const float *wt, const float *b, float *y, int B, int in, int out) {
    /* x: (B, in), wt: (in, out) = w^T, b: (out,), y: (B, out) */
    matmul_bias(B, out, in, x, in, 1, wt, out, b, 0, y, out);
}

void dense_relu_forward_t(const float *x, const float *wt, const float *b, float *y, int B, int in, int out) {
    /* x: (B, in), wt: (in, out) = w^T, b: (out,), y: (B, out) */
    matmul_bias(B, out, in, x, in, 1, wt, out, b, 1, y, out);
}

void dense_backward(const float *x, const float *w, const float *dy, float *dx, float *dw, float *db,
                    int B, int in, int out) {
    /* dy: (B, out) -> dx = dy w: (B, in); dw = dy^T x: (out, in); db = sum_b dy: (out,) */
    if (dx) {
        memset(dx, 0, sizeof(float) * (size_t)B * in);
        matmul_acc(B, in, out, dy, out, 1, w, in, dx, in);
    }
    if (dw && in < 16 && out >= 16 && (long)in * out <= DENSE_MAX_W) {
        /* few inputs (the first layer on classic control): dw^T = x^T dy is the wide product */
        memset(wt_buf, 0, sizeof(float) * (size_t)out * in);
        matmul_acc(in, out, B, x, 1, in, dy, out, wt_buf, out);
        matmul_transpose(wt_buf, dw, in, out);
    } else if (dw) {
        memset(dw, 0, sizeof(float) * (size_t)out * in);
        matmul_acc(out, in, B, dy, 1, out, x, in, dw, in);
    }
    if (db) {
        memset(db, 0, sizeof(float) * (size_t)out);
        for (int i = 0; i < B; i++) {
            const float *r = dy + (size_t)i * out;
            for (int j = 0; j < out; j++) db[j] += r[j];
        }
    }
}
