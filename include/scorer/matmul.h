/* matmul.h - register-tiled products for small matrices (the shapes of our networks). */
#ifndef SCORER_MATMUL_H
#define SCORER_MATMUL_H

/* c: (M, N) += a (M, K) b (K, N). a is addressed as a(i, k) = a[i*ars + k*acs], so a transposed
 * operand costs nothing; b and c are row-major with leading dimensions ldb, ldc. */
void matmul_acc(int M, int N, int K, const float *a, long ars, long acs, const float *b, int ldb, float *c, int ldc);
/* c: (M, N) = a b: matmul_acc into a zeroed c (the same sums), without a pass that zeroes c. */
void matmul(int M, int N, int K, const float *a, long ars, long acs, const float *b, int ldb, float *c, int ldc);
/* c: (M, N) = bias + a b, bias: (N,) added to every row (a dense layer's forward pass); with relu
 * set, max(., 0) of that (NaN passes through). */
void matmul_bias(int M, int N, int K, const float *a, long ars, long acs, const float *b, int ldb, const float *bias,
                 int relu, float *c, int ldc);
/* x: (rows, cols) -> xt: (cols, rows) */
void matmul_transpose(const float *x, float *xt, int rows, int cols);
/* the same with row strides: x: (rows, cols) at ldx -> xt: (cols, rows) at ldxt (a block of columns of a
 * wider matrix) */
void matmul_transpose_ld(const float *x, long ldx, float *xt, long ldxt, int rows, int cols);

#endif
