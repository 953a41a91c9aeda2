/* matmul.c - small-matrix products for our layer shapes (batch <= a few hundred, widths <= a
 * few hundred). OpenBLAS's packing and dispatch cost more than the arithmetic at these sizes
 * (and on some machines it falls back to SSE3 kernels), so these register-tiled loops, which
 * the compiler vectorises along the contiguous N axis, are faster. Only dense_forward hands a
 * product to sgemm: a layer whose weights do not fit its transpose buffer (DENSE_MAX_W, dense.c).
 * Summation order is fixed, so results are deterministic for a given build. */
#include "scorer/matmul.h"
#include "scratch.h"
#include <string.h>

#define TM 8   /* rows of C per tile: 8 x 2 vector accumulators stay in registers */
#define TN 32  /* columns of C per tile: two 512-bit vectors (four 256-bit) */

/* ReLU applied as a tile is written out (a dense layer followed by ReLU: saves a pass over the
 * output); written so a NaN passes through, as the ReLU layer does. */
static inline float out_value(float v, int relu) { return relu && v < 0.0f ? 0.0f : v; }

/* a: (R, K) at strides ars, acs; b: (K, TN) at row stride ldb; c: (R, TN) at row stride ldc.
 * One R x TN tile (R <= TM rows, a constant once inlined) of C += A B over k = 0..K-1, or C = bias + A B
 * when bias is set (bias: (TN,), the same for every row; starting from it saves a pass that copies it
 * into C), or C = 0 + A B when zero is set (the same sums as zeroing C first, without the pass that
 * zeroes it). */
static inline void tile(const int R, int K, const float *a, long ars, long acs, const float *b, int ldb,
                        const float *bias, int zero, int relu, float *c, int ldc) {
    float acc[TM][TN];
    for (int r = 0; r < R; r++)
        for (int l = 0; l < TN; l++) acc[r][l] = bias ? bias[l] : zero ? 0.0f : c[(long)r * ldc + l];
    for (int k = 0; k < K; k++) {
        const float *br = b + (long)k * ldb;
        for (int r = 0; r < R; r++) {
            const float ar = a[r * ars + k * acs];
            for (int l = 0; l < TN; l++) acc[r][l] += ar * br[l];
        }
    }
    for (int r = 0; r < R; r++)
        for (int l = 0; l < TN; l++) c[(long)r * ldc + l] = out_value(acc[r][l], relu);
}

/* a: (R, K), b: (K, TN), c: (R, TN), strided as in tile. R < TM rows of full width TN, in blocks of 4,
 * 2 and 1 rows: the rows of a block are independent chains
 * of adds (one row at a time, each add waited on the one before, and the accumulators were spilled). */
static void tile_rows(int R, int K, const float *a, long ars, long acs, const float *b, int ldb, const float *bias,
                      int zero, int relu, float *c, int ldc) {
    int r = 0;
    if (R - r >= 4) {
        tile(4, K, a, ars, acs, b, ldb, bias, zero, relu, c, ldc);
        r += 4;
    }
    if (R - r >= 2) {
        tile(2, K, a + r * ars, ars, acs, b, ldb, bias, zero, relu, c + (long)r * ldc, ldc);
        r += 2;
    }
    if (R - r >= 1) tile(1, K, a + r * ars, ars, acs, b, ldb, bias, zero, relu, c + (long)r * ldc, ldc);
}

/* Panel of B (K, W < TN) zero-padded to (K, TN), so narrow products (an output layer with two
 * actions, the first layer's weight gradient with four inputs) still run vectorised, and the padded
 * tile of C; one set per thread, in the thread's heap block (scratch.h). */
#define PAD_MAX_K 4096
typedef struct MatmulScratch {
    _Alignas(64) float pad_b[PAD_MAX_K * TN];
    _Alignas(64) float pad_c[TM * TN];
} MatmulScratch;
const size_t matmul_scratch_bytes = sizeof(MatmulScratch);

/* c (M, N) = [relu]([c, bias or 0] + a (M, K) b (K, N)); bias: (N,) or NULL, then zero set to start
 * from 0, else accumulate into c. */
static void product(int M, int N, int K, const float *a, long ars, long acs, const float *b, int ldb, const float *bias,
                    int zero, int relu, float *c, int ldc) {
    float *pad_b = NULL, *pad_c = NULL; /* the thread's panels, looked up when a product needs them */
    for (int j = 0; j < N; j += TN) {
        const int W = N - j < TN ? N - j : TN;
        const float *bj = b + j;
        int ldbj = ldb;
        if (W < TN && K <= PAD_MAX_K) {
            MatmulScratch *const s = scratch_block(SCRATCH_MATMUL);
            pad_b = s->pad_b;
            pad_c = s->pad_c;
            for (int k = 0; k < K; k++) {
                memcpy(pad_b + (long)k * TN, b + (long)k * ldb + j, sizeof(float) * (size_t)W);
                memset(pad_b + (long)k * TN + W, 0, sizeof(float) * (size_t)(TN - W));
            }
            bj = pad_b;
            ldbj = TN;
        }
        for (int i = 0; i < M; i += TM) {
            const int R = M - i < TM ? M - i : TM;
            const float *ai = a + (long)i * ars;
            float *cij = c + (long)i * ldc + j;
            const float *bij = bias ? bias + j : NULL;
            if (W == TN) {
                if (R == TM) {
                    if (relu) tile(TM, K, ai, ars, acs, bj, ldbj, bij, zero, 1, cij, ldc); /* two specialised copies */
                    else tile(TM, K, ai, ars, acs, bj, ldbj, bij, zero, 0, cij, ldc);
                } else tile_rows(R, K, ai, ars, acs, bj, ldbj, bij, zero, relu, cij, ldc);
            } else if (bj == pad_b) { /* compute a padded tile, keep its first W columns */
                for (int r = 0; r < TM; r++)
                    for (int l = 0; l < TN; l++)
                        pad_c[r * TN + l] = (r < R && l < W && !zero) ? (bij ? bij[l] : cij[(long)r * ldc + l]) : 0.0f;
                if (R == TM) tile(TM, K, ai, ars, acs, pad_b, TN, NULL, 0, 0, pad_c, TN);
                else tile_rows(R, K, ai, ars, acs, pad_b, TN, NULL, 0, 0, pad_c, TN);
                for (int r = 0; r < R; r++)
                    for (int l = 0; l < W; l++) cij[(long)r * ldc + l] = out_value(pad_c[r * TN + l], relu);
            } else { /* K too long to pad: plain loops */
                for (int r = 0; r < R; r++) {
                    if (bij) memcpy(cij + (long)r * ldc, bij, sizeof(float) * (size_t)W);
                    else if (zero) memset(cij + (long)r * ldc, 0, sizeof(float) * (size_t)W);
                    for (int k = 0; k < K; k++)
                        for (int l = 0; l < W; l++) cij[(long)r * ldc + l] += ai[r * ars + k * acs] * bj[(long)k * ldbj + l];
                    for (int l = 0; l < W; l++) cij[(long)r * ldc + l] = out_value(cij[(long)r * ldc + l], relu);
                }
            }
        }
    }
}

void matmul_acc(int M, int N, int K, const float *a, long ars, long acs, const float *b, int ldb, float *c, int ldc) {
    /* c: (M, N) += a (M, K) b (K, N); a(i, k) = a[i*ars + k*acs] (any layout), b and c row-major */
    product(M, N, K, a, ars, acs, b, ldb, NULL, 0, 0, c, ldc);
}

void matmul(int M, int N, int K, const float *a, long ars, long acs, const float *b, int ldb, float *c, int ldc) {
    /* c: (M, N) = a (M, K) b (K, N): matmul_acc into a zeroed c, without zeroing it first */
    product(M, N, K, a, ars, acs, b, ldb, NULL, 1, 0, c, ldc);
}

void matmul_bias(int M, int N, int K, const float *a, long ars, long acs, const float *b, int ldb, const float *bias,
                 int relu, float *c, int ldc) {
    /* c: (M, N) = [relu](bias (N,) broadcast over rows + a (M, K) b (K, N)) */
    product(M, N, K, a, ars, acs, b, ldb, bias, 0, relu, c, ldc);
}

typedef float v8f __attribute__((vector_size(32), aligned(4))); /* aligned(4): unaligned loads and stores */

/* x: 8 x 8 at row stride ldx -> y: its transpose, at row stride ldy. In registers: three rounds of shuffles (pairs of rows, pairs of pairs,
 * then 128-bit halves) instead of 64 scalar loads and stores. */
static inline void transpose8(const float *x, long ldx, float *y, long ldy) {
    v8f r[8], t[8], u[8];
    for (int i = 0; i < 8; i++) r[i] = *(const v8f *)(x + i * ldx);
    for (int i = 0; i < 8; i += 2) {
        t[i] = __builtin_shufflevector(r[i], r[i + 1], 0, 8, 1, 9, 4, 12, 5, 13);
        t[i + 1] = __builtin_shufflevector(r[i], r[i + 1], 2, 10, 3, 11, 6, 14, 7, 15);
    }
    for (int i = 0; i < 8; i += 4)
        for (int h = 0; h < 2; h++) {
            u[i + 2 * h] = __builtin_shufflevector(t[i + h], t[i + h + 2], 0, 1, 8, 9, 4, 5, 12, 13);
            u[i + 2 * h + 1] = __builtin_shufflevector(t[i + h], t[i + h + 2], 2, 3, 10, 11, 6, 7, 14, 15);
        }
    for (int c = 0; c < 4; c++) { /* u[c] (rows 0-3) and u[c+4] (rows 4-7) hold columns c and c+4 */
        *(v8f *)(y + c * ldy) = __builtin_shufflevector(u[c], u[c + 4], 0, 1, 2, 3, 8, 9, 10, 11);
        *(v8f *)(y + (c + 4) * ldy) = __builtin_shufflevector(u[c], u[c + 4], 4, 5, 6, 7, 12, 13, 14, 15);
    }
}

void matmul_transpose_ld(const float *x, long ldx, float *xt, long ldxt, int rows, int cols) {
    /* x: (rows, cols) at row stride ldx -> xt: (cols, rows) at row stride ldxt, in 8 x 8 blocks, grouped
     * in tiles of 64 rows x 16 columns of x: a tile reads whole cache lines of x and writes whole lines of
     * xt, 4 KB each, while they are in L1 (block after block along x's rows, a 128 x 1000 transpose ran at
     * half the speed) */
    const int R8 = rows - rows % 8, C8 = cols - cols % 8;
    for (int i0 = 0; i0 < R8; i0 += 64) {
        const int i1 = i0 + 64 <= R8 ? i0 + 64 : R8;
        for (int j0 = 0; j0 < C8; j0 += 16) {
            const int j1 = j0 + 16 <= C8 ? j0 + 16 : C8;
            for (int i = i0; i < i1; i += 8)
                for (int j = j0; j < j1; j += 8) transpose8(x + (long)i * ldx + j, ldx, xt + (long)j * ldxt + i, ldxt);
        }
    }
    for (int j = C8; j < cols; j++) /* the last columns and rows one at a time */
        for (int i = 0; i < R8; i++) xt[(long)j * ldxt + i] = x[(long)i * ldx + j];
    for (int i = R8; i < rows; i++)
        for (int j = 0; j < cols; j++) xt[(long)j * ldxt + i] = x[(long)i * ldx + j];
}

void matmul_transpose(const float *x, float *xt, int rows, int cols) {
    /* x: (rows, cols) -> xt: (cols, rows), both packed */
    matmul_transpose_ld(x, cols, xt, rows, rows, cols);
}
