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

/* Vectors go in and out through pointers: passed by value, a 64-byte vector changes the calling
 * convention between builds with and without AVX-512 (GCC warns, -Wpsabi). */

/* ((v[0..8) + v[8..16)) halved again twice): lanes l and l + w added for w = 8, 4, 2, 1 */
static inline float reduce_lanes(const reduce_v16 *pv) {
    const reduce_v16 v = *pv;
    const reduce_v8 h = __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7) +
                        __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
    const reduce_v4 q = __builtin_shufflevector(h, h, 0, 1, 2, 3) + __builtin_shufflevector(h, h, 4, 5, 6, 7);
    return (q[0] + q[2]) + (q[1] + q[3]);
}

/* Sixteen reduce_lanes at once: lane f of the result = reduce_lanes(acc[f]), summed in exactly the
 * same order, but the halvings of different sums share their shuffles (about 2 operations a sum
 * instead of 9). */
static inline void reduce_lanes16(const reduce_v16 acc[16], reduce_v16 *out) {
    reduce_v16 c[8], d[4], e[2];
    for (int p = 0; p < 8; p++) /* lanes 0-7: acc[2p]'s l + (l+8); lanes 8-15: acc[2p+1]'s */
        c[p] = __builtin_shufflevector(acc[2 * p], acc[2 * p + 1], 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23) +
               __builtin_shufflevector(acc[2 * p], acc[2 * p + 1], 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30,
                                       31);
    for (int q = 0; q < 4; q++) /* four sums of four partials each: l + (l+4) */
        d[q] = __builtin_shufflevector(c[2 * q], c[2 * q + 1], 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27) +
               __builtin_shufflevector(c[2 * q], c[2 * q + 1], 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
    for (int r = 0; r < 2; r++) /* eight sums of two partials each: l + (l+2) */
        e[r] = __builtin_shufflevector(d[2 * r], d[2 * r + 1], 0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29) +
               __builtin_shufflevector(d[2 * r], d[2 * r + 1], 2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23, 26, 27, 30, 31);
    *out = __builtin_shufflevector(e[0], e[1], 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30) +
           __builtin_shufflevector(e[0], e[1], 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
}

/* a b + c, fused where the machine has FMA. Written out for scalar loops whose bits must equal a vector
 * path's: left to contraction, the compiler's tuning decides (GCC's znver tuning vectorised a scalar
 * sum's multiplies apart from its adds, so the sparse forward's last columns differed from the tiled
 * kernel's fused ones on an AMD EPYC). Without FMA nothing is fused, here or in the vector paths. */
static inline float reduce_madd(float a, float b, float c) {
#ifdef __FMA__
    return __builtin_fmaf(a, b, c);
#else
    return a * b + c;
#endif
}

/* sum_k a_k b_k, a, b: (n,) */
static inline float reduce_dot(const float *a, const float *b, int n) {
    reduce_v16 acc = {0};
    int k = 0;
    for (; k + 16 <= n; k += 16) acc += *(const reduce_v16 *)(a + k) * *(const reduce_v16 *)(b + k);
    float tail = 0.0f;
    for (; k < n; k++) tail = reduce_madd(a[k], b[k], tail);
    return reduce_lanes(&acc) + tail;
}

/* acc += |x[0..16)|: the sign bits cleared (a cast between vector types reinterprets the bits) */
static inline void reduce_add_abs(reduce_v16 *acc, const float *x) {
    *acc += (reduce_v16)((reduce_i16)*(const reduce_v16 *)x & 0x7fffffff);
}

/* sum_k |x_k|, x: (n,) */
static inline float reduce_sum_abs(const float *x, int n) {
    reduce_v16 acc = {0};
    int k = 0;
    for (; k + 16 <= n; k += 16) reduce_add_abs(&acc, x + k);
    float tail = 0.0f;
    for (; k < n; k++) tail += fabsf(x[k]);
    return reduce_lanes(&acc) + tail;
}

#endif
