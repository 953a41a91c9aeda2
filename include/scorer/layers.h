/* layers.h - the layers of our networks as free functions over row-major batches.
 * Backward functions always can produce the gradient with respect to the input (dx), and
 * compute parameter gradients only when given somewhere to put them (non-NULL), so a frozen
 * network can pass gradients through without touching its own gradient buffer.
 * Parameter gradients are written (overwritten), not accumulated. */
#ifndef SCORER_LAYERS_H
#define SCORER_LAYERS_H

/* Dense: y = x w^T + b.  x: (B, in), w: (out, in), b: (out,), y: (B, out) */
void dense_forward(const float *x, const float *w, const float *b, float *y, int B, int in, int out);
/* The same with the weights already transposed: wt: (in, out). Only for layers where
 * dense_uses_transpose(in, out) (dense_forward itself transposes into a scratch buffer). */
void dense_forward_t(const float *x, const float *wt, const float *b, float *y, int B, int in, int out);
/* relu(dense_forward_t): a Dense layer and the ReLU after it in one pass, y: (B, out) */
void dense_relu_forward_t(const float *x, const float *wt, const float *b, float *y, int B, int in, int out);
int dense_uses_transpose(int in, int out);
/* dy: (B, out); dx: (B, in) or NULL; dw: (out, in) or NULL; db: (out,) or NULL */
void dense_backward(const float *x, const float *w, const float *dy, float *dx, float *dw, float *db,
                    int B, int in, int out);

/* Inputs that are mostly zeros (binary observations). dense_input_sparse: 1 when 64 <= in <= 4096 and
 * at most one entry of x (B, in) in one_in is nonzero: DENSE_SPARSE_FORWARD and DENSE_SPARSE_DW are
 * where the two functions below pay. They skip the zero inputs and give the bits of dense_forward_t /
 * dense_relu_forward_t (relu = 1) and of dense_backward's dw. */
enum { DENSE_SPARSE_FORWARD = 5, DENSE_SPARSE_DW = 3 };
/* (DENSE_SPARSE_DW, measured on Zen 4, B = 64, against the dense dw: 64 x 64 1.15-1.4x faster with 25%
 * of the inputs set, about even at 33%; 128 x 128 1.45x and 400 x 128 1.9x at 25%) */
/* dense_backward_rows_dw's limit, one input in 8: measured when it summed row by row into dw^T in
 * memory (commit e68f5a4), beyond which the dense rows and dense_backward_sparse_dw were faster. Since
 * 43f75b4 it sums input by input in registers (memory only in its fallback past its buffers); the limit
 * was not measured again. */
enum { DENSE_SPARSE_ROWS_DW = 8 };
/* The forward's limit for an in x out layer: small weights make the sparse forward pay further
 * (measured on an AMD EPYC, Zen 4, B = 64: a 64 x 64 layer 1.55x faster with 30% of its inputs set and
 * 1.12x with 50%, a 128 x 128 one 2.0x and 1.13x; a 400 x 128 one, read from L2, 1.16x at 30%): one
 * input in 3 up to 128 x 128, else DENSE_SPARSE_FORWARD. */
static inline int dense_sparse_forward_limit(int in, int out) {
    return (long)in * out <= 128 * 128 ? 3 : DENSE_SPARSE_FORWARD;
}
int dense_input_sparse(const float *x, int B, int in, int one_in);
void dense_forward_sparse_t(const float *x, const float *wt, const float *b, float *y, int B, int in, int out,
                            int relu);
/* dw = dy^T x: (out, in), overwritten. (Beyond in = 4096, or the transpose limit of
 * dense_uses_transpose, both functions run the dense kernels.) */
void dense_backward_sparse_dw(const float *x, const float *dy, float *dw, int B, int in, int out);
/* The same decision from a count: 1 when 64 <= in <= 4096 and nonzero <= B in / one_in. */
int dense_sparse_count(long nonzero, int B, int in, int one_in);

/* A batch of B mostly-zero rows as index lists: row r's nonzero inputs are idx[off[r] .. off[r+1]),
 * ascending, with values val[off[r] .. off[r+1]). off: (B + 1,), off[0] = 0. */
typedef struct SparseRows { int *off, *idx; float *val; } SparseRows;
/* dense_forward_sparse_t and dense_backward_sparse_dw over rows given as index lists (the same sums in
 * the same order, so the same bits as for the dense rows they stand for). For in <= 4096 and layers
 * where dense_uses_transpose(in, out). */
void dense_forward_rows_t(const SparseRows *x, const float *wt, const float *b, float *y, int B, int out, int relu);
void dense_backward_rows_dw(const SparseRows *x, const float *dy, float *dw, int B, int in, int out);

/* Elementwise activations over n values; backward uses the forward *output* y. */
void relu_forward(const float *x, float *y, int n);
void relu_backward(const float *y, const float *dy, float *dx, int n);
void tanh_forward(const float *x, float *y, int n);
void tanh_backward(const float *y, const float *dy, float *dx, int n);

/* L1Norm: y = x / max(mean_j |x_j|, 1e-8) per row (no parameters).
 * x, y: (B, D); scale: (B,) saves max(mean|x|, eps) for backward. */
#define L1NORM_EPS 1e-8f
void l1norm_forward(const float *x, float *y, float *scale, int B, int D);
void l1norm_backward(const float *x, const float *scale, const float *dy, float *dx, int B, int D);

/* LayerNorm over the feature axis with scale g and offset b (flax default eps 1e-6).
 * x, y: (B, D); g, b: (D,); stat: (B, 2) saves (mean, 1/std); dg, db: (D,) or NULL. */
#define LAYERNORM_EPS 1e-6f
void layernorm_forward(const float *x, const float *g, const float *b, float *y, float *stat, int B, int D);
void layernorm_backward(const float *x, const float *g, const float *stat, const float *dy, float *dx,
                        float *dg, float *db, int B, int D);

#endif
