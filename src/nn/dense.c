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

void dense_forward(const float *x, const float *w, const float *b, float *y, int B, int in, int out) {
    /* x: (B, in), w: (out, in), b: (out,), y: (B, out) */
    if (out < 16) { /* a few outputs (the Q-values): dot products along the contiguous rows */
        for (int i = 0; i < B; i++)
            for (int j = 0; j < out; j++)
                y[(size_t)i * out + j] = b[j] + reduce_dot(x + (size_t)i * in, w + (size_t)j * in, in);
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
