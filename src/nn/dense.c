/* dense.c - fully connected layer. Our shapes are small, so the products run on the
 * register-tiled kernels of matmul.c. The only OpenBLAS product is dense_forward's cblas_sgemm, for a
 * layer of 16 or more outputs with more than DENSE_MAX_W weights (too many for its scratch transpose); every
 * backward product stays on matmul.c's kernels. */
#include "scorer/layers.h"
#include "scorer/matmul.h"
#include "reduce.h"
#include "scratch.h"
#include "scorer/bitset.h"
#include <cblas.h>
#include <string.h>
#ifdef __AVX512F__
#include <immintrin.h>
#endif

/* The scratch buffers, one set per thread (seeds train on worker threads), in a heap block the thread
 * allocates on its first call (scratch.h) */
#define DENSE_MAX_W (1 << 17)
enum { SPARSE_MAX_IN = 4096, SPARSE_MAX_XT = 1 << 16, SPARSE_MAX_NZ = 1 << 16 };
typedef struct DenseScratch {
    /* w^T for dense_forward's product, and dw^T for the weight gradients computed transposed
     * (dense_backward with few inputs, the sparse dw functions) before they are transposed into dw;
     * on cache lines, as net_alloc_floats */
    _Alignas(64) float wt[DENSE_MAX_W];
    _Alignas(64) float xt[SPARSE_MAX_XT]; /* x's transpose for dense_backward_sparse_dw */
    /* one row's nonzeros (nonzeros()); + 16: it stores whole vectors of 16, the last one past its count */
    int nz_idx[SPARSE_MAX_IN + 16];
    float nz_val[SPARSE_MAX_IN + 16];
    /* dense_backward_rows_dw's entries regrouped by input (a counting sort, rows ascending within each
     * input): input k's rows are col_r[col_off[k] .. col_off[k+1]), with their values col_v; col_at: the
     * fill's cursors */
    int col_off[SPARSE_MAX_IN + 1], col_at[SPARSE_MAX_IN], col_r[SPARSE_MAX_NZ];
    float col_v[SPARSE_MAX_NZ];
} DenseScratch;
const size_t dense_scratch_bytes = sizeof(DenseScratch);
static inline DenseScratch *dense_scratch(void) { return scratch_block(SCRATCH_DENSE); }

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
    float *const wt_buf = dense_scratch()->wt;
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
        matmul(B, in, out, dy, out, 1, w, in, dx, in);
    }
    if (dw && in < 16 && out >= 16 && (long)in * out <= DENSE_MAX_W) {
        /* few inputs (the first layer on classic control): dw^T = x^T dy is the wide product */
        float *const wt_buf = dense_scratch()->wt;
        matmul(in, out, B, x, 1, in, dy, out, wt_buf, out);
        matmul_transpose(wt_buf, dw, in, out);
    } else if (dw) {
        matmul(out, in, B, dy, 1, out, x, in, dw, in);
    }
    if (db) {
        memset(db, 0, sizeof(float) * (size_t)out);
        for (int i = 0; i < B; i++) {
            const float *r = dy + (size_t)i * out;
            for (int j = 0; j < out; j++) db[j] += r[j];
        }
    }
}

/* ---- inputs that are mostly zeros (MinAtar's binary observations: a few percent are set) ----
 * A zero input adds exact zeros to every sum it enters, so skipping it leaves the sums as they were:
 * the functions below add the same nonzero terms in the same order as the tiled kernels (k ascending
 * for each output; rows ascending for each weight gradient) and give their bits. (The one exception
 * is the sign of an exact zero: -0 + 0 is +0. Nothing downstream tells them apart.) */

/* x: (in,) -> idx, val: (count,), the indices of x's nonzero entries, ascending, and their values;
 * returns the count. idx and val have room for in + 16 entries. */
static int nonzeros(const float *x, int in, int *idx, float *val) {
#ifdef __AVX512F__
    /* 16 values at a time, the nonzeros packed to the front by a compress (a NaN counts, -0 does not,
     * as in bitset_nonzero64): no branch on where the nonzeros are, and no second pass for the values */
    __m512i k16 = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    int n = 0;
    for (int k = 0; k < in; k += 16) {
        const __mmask16 live = in - k >= 16 ? (__mmask16)0xffff : (__mmask16)((1u << (in - k)) - 1);
        const __m512 v = _mm512_maskz_loadu_ps(live, x + k);
        const __mmask16 m = _mm512_mask_cmp_ps_mask(live, v, _mm512_setzero_ps(), _CMP_NEQ_UQ);
        _mm512_storeu_ps(val + n, _mm512_maskz_compress_ps(m, v));
        _mm512_storeu_si512(idx + n, _mm512_maskz_compress_epi32(m, k16));
        k16 = _mm512_add_epi32(k16, _mm512_set1_epi32(16));
        n += __builtin_popcount(m);
    }
    return n;
#else
    const int n = bitset_nonzero_indices(x, in, idx);
    for (int t = 0; t < n; t++) val[t] = x[idx[t]];
    return n;
#endif
}

int dense_sparse_count(long nonzero, int B, int in, int one_in) {
    return in >= 64 && in <= SPARSE_MAX_IN && nonzero <= (long)B * in / one_in;
}

int dense_input_sparse(const float *x, int B, int in, int one_in) {
    /* x: (B, in): at most one input in one_in nonzero. The sparse loops do not reuse a weight load for
     * several rows as the tiled kernel does, and the gradient has transposes to make, so each pays only
     * below some density: the limits in layers.h (measured) */
    if (!dense_sparse_count(0, B, in, one_in)) return 0;
    const long limit = (long)B * in / one_in;
    long n = 0;
    for (int r = 0; r < B && n <= limit; r++)
        for (int k0 = 0; k0 < in; k0 += 64)
            n += __builtin_popcountll(bitset_nonzero64(x + (size_t)r * in + k0, in - k0 < 64 ? in - k0 : 64));
    return dense_sparse_count(n, B, in, one_in);
}

/* idx, val: (n,) one row's nonzeros; wt: (in, out), the weights transposed; b: (out,); y: (out,), of
 * which columns l0 .. l0+16V-1 are written, from V vector accumulators: acc = b + sum over t (k = idx[t]
 * ascending) of val[t] wt[k]. Each lane adds its terms in order, as the tiled kernels do; the V
 * accumulators are independent chains, so a wide block keeps the FMA units busy (one chain waits
 * four cycles between its adds). V is a constant once inlined; always inlined (as are the row functions
 * below): called per row, GCC kept these out of line and the call spilled the accumulators, which cost
 * more than the sums (64 x 64 at 25% set: 4.1 -> 2.9 us on Zen 4). */
#define SPARSE_INLINE static inline __attribute__((always_inline))
SPARSE_INLINE void sparse_cols(const int *idx, const float *val, int n, const float *wt, const float *b, float *y,
                               int out, int l0, int relu, const int V) {
    reduce_v16 a[8];
    for (int v = 0; v < V; v++) a[v] = *(const reduce_v16 *)(b + l0 + 16 * v);
    for (int t = 0; t < n; t++) {
        const float xk = val[t], *w = wt + (size_t)idx[t] * out + l0;
        for (int v = 0; v < V; v++) a[v] += xk * *(const reduce_v16 *)(w + 16 * v);
    }
    const reduce_v16 zero = {0};
    for (int v = 0; v < V; v++) {
        /* negative lanes to +0, as the kernels' ReLU: a NaN or -0 passes */
        if (relu) a[v] = (reduce_v16)((reduce_i16)a[v] & ~(a[v] < zero));
        *(reduce_v16 *)(y + l0 + 16 * v) = a[v];
    }
}

/* One output row from its input's n nonzeros: y = [relu](b + sum_t val[t] wt[idx[t]]). */
SPARSE_INLINE void sparse_row_forward(const int *idx, const float *val, int n, const float *wt, const float *b,
                                      float *y, int out, int relu) {
    /* idx, val: (n,); wt: (in, out); b, y: (out,) */
    int l0 = 0;
    for (; l0 + 128 <= out; l0 += 128) sparse_cols(idx, val, n, wt, b, y, out, l0, relu, 8);
    /* 64 columns in one pass (CartPole's Q layer): each index and value is read once, not twice */
    for (; l0 + 64 <= out; l0 += 64) sparse_cols(idx, val, n, wt, b, y, out, l0, relu, 4);
    for (; l0 + 32 <= out; l0 += 32) sparse_cols(idx, val, n, wt, b, y, out, l0, relu, 2);
    for (; l0 + 16 <= out; l0 += 16) sparse_cols(idx, val, n, wt, b, y, out, l0, relu, 1);
    for (int l = l0; l < out; l++) { /* the last columns one at a time */
        float acc = b[l];
        for (int t = 0; t < n; t++) acc = reduce_madd(val[t], wt[(size_t)idx[t] * out + l], acc);
        y[l] = relu && acc < 0.0f ? 0.0f : acc;
    }
}

void dense_forward_sparse_t(const float *x, const float *wt, const float *b, float *y, int B, int in, int out,
                            int relu) {
    /* x: (B, in), wt: (in, out) = w^T, b: (out,), y: (B, out) = [relu](x w^T + b) */
    if (in > SPARSE_MAX_IN) { /* more than nz_idx holds: the dense kernels (the same bits) */
        if (relu) dense_relu_forward_t(x, wt, b, y, B, in, out);
        else dense_forward_t(x, wt, b, y, B, in, out);
        return;
    }
    DenseScratch *const s = dense_scratch();
    for (int r = 0; r < B; r++) {
        const int n = nonzeros(x + (size_t)r * in, in, s->nz_idx, s->nz_val);
        sparse_row_forward(s->nz_idx, s->nz_val, n, wt, b, y + (size_t)r * out, out, relu);
    }
}

void dense_forward_rows_t(const SparseRows *x, const float *wt, const float *b, float *y, int B, int out, int relu) {
    /* x: B sparse rows, wt: (in, out) = w^T, b: (out,), y: (B, out) */
    for (int r = 0; r < B; r++) {
        const int o = x->off[r];
        sparse_row_forward(x->idx + o, x->val + o, x->off[r + 1] - o, wt, b, y + (size_t)r * out, out, relu);
    }
}

/* Adds one row's outer product into the transposed gradient: acc[k] += val[t] dy for k = idx[t]. */
SPARSE_INLINE void sparse_row_dw(const int *idx, const float *val, int n, const float *dy, float *acc_t, int out) {
    /* idx, val: (n,); dy: (out,); acc_t: (in, out) */
    for (int t = 0; t < n; t++) {
        const float xk = val[t];
        float *acc = acc_t + (size_t)idx[t] * out;
        for (int l = 0; l < out; l++) acc[l] += xk * dy[l];
    }
}

/* a zero bias for the weight gradient's sums */
enum { SPARSE_MAX_OUT = 2048 };
static const float zeros_out[SPARSE_MAX_OUT];

void dense_backward_sparse_dw(const float *x, const float *dy, float *dw, int B, int in, int out) {
    /* x: (B, in), dy: (B, out) -> dw = dy^T x: (out, in). Input by input: row k of dw^T is the sum over
     * rows r (ascending) of x[r][k] dy[r], which is the sparse forward with x's column k as its input,
     * dy as its weights and a zero bias. Its sums stay in registers: accumulated row by row into dw^T
     * in memory instead (the row-by-row fallback below; dense_backward_rows_dw too before 43f75b4),
     * they were slower than the dense kernel from a quarter of the inputs set (64 x 64 x 64 on Zen 4:
     * 6.2 us against 5.1; this way 3.6-4.4). */
    if (in > SPARSE_MAX_IN || (long)in * out > DENSE_MAX_W) { /* more than the buffers hold: dense */
        dense_backward(x, NULL, dy, NULL, dw, NULL, B, in, out);
        return;
    }
    DenseScratch *const s = dense_scratch();
    if (B > SPARSE_MAX_IN || (long)B * in > SPARSE_MAX_XT || out > SPARSE_MAX_OUT) { /* row by row */
        memset(s->wt, 0, sizeof(float) * (size_t)out * in);
        for (int r = 0; r < B; r++) {
            const int n = nonzeros(x + (size_t)r * in, in, s->nz_idx, s->nz_val);
            sparse_row_dw(s->nz_idx, s->nz_val, n, dy + (size_t)r * out, s->wt, out);
        }
        matmul_transpose(s->wt, dw, in, out);
        return;
    }
    matmul_transpose(x, s->xt, B, in);
    for (int k = 0; k < in; k++) {
        const int n = nonzeros(s->xt + (size_t)k * B, B, s->nz_idx, s->nz_val);
        sparse_row_forward(s->nz_idx, s->nz_val, n, dy, zeros_out, s->wt + (size_t)k * out, out, 0);
    }
    matmul_transpose(s->wt, dw, in, out);
}

enum { ROWS_DW_BLOCK = 16 };

void dense_backward_rows_dw(const SparseRows *x, const float *dy, float *dw, int B, int in, int out) {
    /* x: B sparse rows of width in, dy: (B, out) -> dw = dy^T x: (out, in); in * out within
     * dense_uses_transpose's limit */
    const int nnz = x->off[B];
    DenseScratch *const s = dense_scratch();
    float *const wt_buf = s->wt;
    int *const col_off = s->col_off, *const col_at = s->col_at, *const col_r = s->col_r;
    float *const col_v = s->col_v;
    if (in > SPARSE_MAX_IN || nnz > SPARSE_MAX_NZ || out > SPARSE_MAX_OUT) {
        /* more than the buffers hold: row by row into dw^T in memory (the same sums) */
        memset(wt_buf, 0, sizeof(float) * (size_t)out * in);
        for (int r = 0; r < B; r++) {
            const int o = x->off[r];
            sparse_row_dw(x->idx + o, x->val + o, x->off[r + 1] - o, dy + (size_t)r * out, wt_buf, out);
        }
        matmul_transpose(wt_buf, dw, in, out);
        return;
    }
    /* Input by input, as dense_backward_sparse_dw: row k of dw^T is the sum over input k's rows
     * (ascending) of val dy[r], summed in registers from zero; the order of the row-by-row sums in
     * memory above, without a pass that zeroes dw^T and without its 4 bytes x in x out going to L2 and
     * back for every entry */
    memset(col_off, 0, sizeof(int) * (size_t)(in + 1));
    for (int t = 0; t < nnz; t++) col_off[x->idx[t] + 1]++;
    for (int k = 0; k < in; k++) col_off[k + 1] += col_off[k];
    memcpy(col_at, col_off, sizeof(int) * (size_t)in);
    for (int r = 0; r < B; r++)
        for (int t = x->off[r]; t < x->off[r + 1]; t++) {
            const int at = col_at[x->idx[t]]++;
            col_r[at] = r;
            col_v[at] = x->val[t];
        }
    /* a block of ROWS_DW_BLOCK rows of dw^T at a time (8 KB for out = 128: in L1), transposed into
     * those columns of dw: no full dw^T to transpose afterwards */
    for (int k0 = 0; k0 < in; k0 += ROWS_DW_BLOCK) {
        const int kn = in - k0 < ROWS_DW_BLOCK ? in - k0 : ROWS_DW_BLOCK;
        for (int k = k0; k < k0 + kn; k++) {
            const int o = col_off[k];
            sparse_row_forward(col_r + o, col_v + o, col_off[k + 1] - o, dy, zeros_out, wt_buf + (size_t)(k - k0) * out,
                               out, 0);
        }
        matmul_transpose_ld(wt_buf, out, dw + k0, in, kn, out);
    }
}
