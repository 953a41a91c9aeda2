/* bitset.c - packing binary observations into bits and back, 64 values at a time. */
#include "scorer/bitset.h"
#include <string.h>

void bitset_pack(const float *x, int n, unsigned char *bits) {
    /* x: (n,) -> bits: (ceil(n/8) bytes) */
    int i = 0;
    for (; i + 64 <= n; i += 64) {
        const uint64_t w = bitset_nonzero64(x + i, 64);
        memcpy(bits + i / 8, &w, 8); /* little-endian: bit i%64 of the word is bit i%8 of byte i/8 */
    }
    if (i < n) {
        const uint64_t w = bitset_nonzero64(x + i, n - i);
        memcpy(bits + i / 8, &w, (size_t)(n - i + 7) / 8);
    }
}

void bitset_unpack(const unsigned char *bits, int n, float *x) {
    /* bits: (ceil(n/8) bytes) -> x: (n,) */
    int i = 0;
#ifdef __AVX512F__
    /* a masked move of 1.0f per 16 values writes the ones and the zeros */
    const __m512 one = _mm512_set1_ps(1.0f);
    for (; i + 16 <= n; i += 16) {
        uint16_t m;
        memcpy(&m, bits + i / 8, 2);
        _mm512_storeu_ps(x + i, _mm512_maskz_mov_ps((__mmask16)m, one));
    }
#endif
    for (; i < n; i++) x[i] = (float)(bits[i >> 3] >> (i & 7) & 1u);
}

int bitset_indices(const unsigned char *bits, int n, int *idx) {
    /* bits: (ceil(n/8) bytes) -> idx: (count,) */
    int c = 0;
    for (int i = 0; i < n; i += 64) {
        uint64_t w = 0;
        memcpy(&w, bits + i / 8, n - i >= 64 ? 8 : (size_t)(n - i + 7) / 8);
        if (n - i < 64) w &= (UINT64_C(1) << (n - i)) - 1; /* spare bits of the last byte */
        for (; w; w &= w - 1) idx[c++] = i + __builtin_ctzll(w);
    }
    return c;
}

int bitset_nonzero_indices(const float *x, int n, int *idx) {
    /* x: (n,) -> idx: (count,) */
    int c = 0;
    for (int i = 0; i < n; i += 64)
        for (uint64_t m = bitset_nonzero64(x + i, n - i < 64 ? n - i : 64); m; m &= m - 1) idx[c++] = i + __builtin_ctzll(m);
    return c;
}
