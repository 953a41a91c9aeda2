/* bitset.h - binary observations as bits: bit i of a bitset is bit i%8 of byte i/8 (of word i/64 on a
 * little-endian machine), set when value i is nonzero. The replay stores observations this way, MinAtar
 * builds them this way, and a Dense layer finds its input's nonzeros with bitset_nonzero64. */
#ifndef SCORER_BITSET_H
#define SCORER_BITSET_H
#include <stdint.h>
#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#endif

/* Bit i: x[i] != 0, for i < n <= 64 (a NaN counts as nonzero). */
static inline uint64_t bitset_nonzero64(const float *x, int n) {
    uint64_t m = 0;
    int i = 0;
#if defined(__AVX512F__)
    for (; i + 16 <= n; i += 16)
        m |= (uint64_t)_mm512_cmp_ps_mask(_mm512_loadu_ps(x + i), _mm512_setzero_ps(), _CMP_NEQ_UQ) << i;
#elif defined(__AVX2__)
    for (; i + 8 <= n; i += 8) {
        const __m256 ne = _mm256_cmp_ps(_mm256_loadu_ps(x + i), _mm256_setzero_ps(), _CMP_NEQ_UQ);
        m |= (uint64_t)(unsigned)_mm256_movemask_ps(ne) << i;
    }
#endif
    for (; i < n; i++) m |= (uint64_t)(x[i] != 0.0f) << i;
    return m;
}

/* x: (n,) -> bits: (ceil(n/8) bytes), bit i = x[i] != 0; the last byte's spare bits are 0. */
void bitset_pack(const float *x, int n, unsigned char *bits);
/* bits: (ceil(n/8) bytes) -> x: (n,), x[i] = 1.0f or 0.0f. */
void bitset_unpack(const unsigned char *bits, int n, float *x);
/* bits: (ceil(n/8) bytes) -> idx: the indices i < n of the set bits, ascending; returns how many. */
int bitset_indices(const unsigned char *bits, int n, int *idx);
/* x: (n,) -> idx: the indices i of x[i] != 0, ascending; returns how many. */
int bitset_nonzero_indices(const float *x, int n, int *idx);

#endif
