/* reduce.h - vectorised reductions with a fixed summation order (internal to src/nn).
 * Sums run over 16 partial sums held in one vector (GCC/Clang vector extensions: one 512-bit
 * register, or two or four narrower ones), which are then added pairwise by halving. Keeping the
 * partial sums in registers matters: spilled to an array and re-read as scalars, they stall on
 * store forwarding. The order depends only on n, so results are deterministic for a given build. */
#ifndef SCORER_NN_REDUCE_H
#define SCORER_NN_REDUCE_H
#include <math.h>

typedef float reduce_v16 __attribute__((vector_size(64), aligned(4))); /* aligned(4): unaligned loads */
typedef int reduce_i16 __attribute__((vector_size(64), aligned(4)));
typedef float reduce_v8 __attribute__((vector_size(32)));
typedef float reduce_v4 __attribute__((vector_size(16)));

/* ((v[0..8) + v[8..16)) halved again twice): lanes l and l + w added for w = 8, 4, 2, 1 */
static inline float reduce_lanes(reduce_v16 v) {
    const reduce_v8 h = __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7) +
                        __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
    const reduce_v4 q = __builtin_shufflevector(h, h, 0, 1, 2, 3) + __builtin_shufflevector(h, h, 4, 5, 6, 7);
    return (q[0] + q[2]) + (q[1] + q[3]);
}

/* sum_k a_k b_k, a, b: (n,) */
static inline float reduce_dot(const float *a, const float *b, int n) {
    reduce_v16 acc = {0};
    int k = 0;
    for (; k + 16 <= n; k += 16) acc += *(const reduce_v16 *)(a + k) * *(const reduce_v16 *)(b + k);
    float tail = 0.0f;
    for (; k < n; k++) tail += a[k] * b[k];
    return reduce_lanes(acc) + tail;
}

/* sum_k |x_k|, x: (n,) */
static inline float reduce_sum_abs(const float *x, int n) {
    reduce_v16 acc = {0};
    int k = 0;
    for (; k + 16 <= n; k += 16) {
        const reduce_i16 bits = (reduce_i16)*(const reduce_v16 *)(x + k); /* a cast reinterprets */
        acc += (reduce_v16)(bits & 0x7fffffff);                            /* |v|: sign bit cleared */
    }
    float tail = 0.0f;
    for (; k < n; k++) tail += fabsf(x[k]);
    return reduce_lanes(acc) + tail;
}

#endif
