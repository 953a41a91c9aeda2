/* dense.c - fully connected layer over OpenBLAS sgemm. */
#include "scorer/layers.h"
#include <cblas.h>
#include <string.h>

void dense_forward(const float *x, const float *w, const float *b, float *y, int B, int in, int out) {
    /* x: (B, in), w: (out, in), b: (out,), y: (B, out) */
    for (int i = 0; i < B; i++) memcpy(y + (size_t)i * out, b, sizeof(float) * (size_t)out);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, out, in, 1.0f, x, in, w, in, 1.0f, y, out);
}

void dense_backward(const float *x, const float *w, const float *dy, float *dx, float *dw, float *db,
                    int B, int in, int out) {
    /* dy: (B, out) -> dx = dy w: (B, in); dw = dy^T x: (out, in); db = sum_b dy: (out,) */
    if (dx) cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, in, out, 1.0f, dy, out, w, in, 0.0f, dx, in);
    if (dw) cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, out, in, B, 1.0f, dy, out, x, in, 0.0f, dw, in);
    if (db) {
        memset(db, 0, sizeof(float) * (size_t)out);
        for (int i = 0; i < B; i++) {
            const float *r = dy + (size_t)i * out;
            for (int j = 0; j < out; j++) db[j] += r[j];
        }
    }
}
