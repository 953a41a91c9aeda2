/* test_bitset.c - binary observations packed into bits and back, against a value-by-value reference:
 * every length across byte and word borders, NaN as nonzero, spare bits left zero; the indices of the
 * ones, from bits and from values. */
#include "check.h"
#include "scorer/bitset.h"
#include "scorer/rng.h"
#include <string.h>

int main(void) {
    Rng rng;
    rng_seed(&rng, 7, 0);
    const int ns[] = {1, 7, 8, 13, 16, 17, 63, 64, 65, 100, 128, 400, 1000};
    int bad_pack = 0, bad_spare = 0, bad_unpack = 0, bad_nz = 0, bad_idx = 0, bad_fidx = 0;
    for (int c = 0; c < (int)(sizeof ns / sizeof ns[0]); c++) {
        const int n = ns[c], nb = (n + 7) / 8;
        float x[1000], y[1000];
        unsigned char bits[126];
        for (int i = 0; i < n; i++) { /* zeros, ones, other values, -0, NaN */
            const uint32_t k = rng_below(&rng, 8);
            x[i] = k < 4 ? 0.0f : k == 4 ? 1.0f : k == 5 ? -2.5f : k == 6 ? -0.0f : NAN;
        }
        memset(bits, 0xAA, sizeof bits);
        bitset_pack(x, n, bits);
        for (int i = 0; i < n; i++) bad_pack += (bits[i >> 3] >> (i & 7) & 1) != (x[i] != 0.0f);
        for (int i = n; i < nb * 8; i++) bad_spare += bits[i >> 3] >> (i & 7) & 1;
        bad_spare += bits[nb] != 0xAA; /* nothing written past the last byte */
        bitset_unpack(bits, n, y);
        for (int i = 0; i < n; i++) bad_unpack += y[i] != (x[i] != 0.0f ? 1.0f : 0.0f);
        for (int k = 0; k + 1 <= n && k < 64; k++) {
            const int m = n - k < 64 ? n - k : 64;
            uint64_t ref = 0;
            for (int i = 0; i < m; i++) ref |= (uint64_t)(x[k + i] != 0.0f) << i;
            bad_nz += bitset_nonzero64(x + k, m) != ref;
        }
        /* the indices of the ones, from the bits (spare bits set on purpose: not indices) and from x */
        int ref[1000], idx[1000], nref = 0;
        for (int i = 0; i < n; i++)
            if (x[i] != 0.0f) ref[nref++] = i;
        if (n % 8) bits[nb - 1] |= (unsigned char)(0xFF << (n % 8));
        bad_idx += bitset_indices(bits, n, idx) != nref || memcmp(idx, ref, sizeof(int) * (size_t)nref);
        bad_fidx += bitset_nonzero_indices(x, n, idx) != nref || memcmp(idx, ref, sizeof(int) * (size_t)nref);
    }
    CHECK(bad_idx == 0, "bitset_indices: %d lengths give other indices than x != 0", bad_idx);
    CHECK(bad_fidx == 0, "bitset_nonzero_indices: %d lengths give other indices than x != 0", bad_fidx);
    CHECK(bad_pack == 0, "bitset_pack: %d bits differ from x != 0 (NaN set, -0 clear)", bad_pack);
    CHECK(bad_spare == 0, "bitset_pack: %d spare bits set or bytes written past the end", bad_spare);
    CHECK(bad_unpack == 0, "bitset_unpack: %d values are not the bits as 1.0 and 0.0", bad_unpack);
    CHECK(bad_nz == 0, "bitset_nonzero64 at every offset and length: %d masks differ", bad_nz);
    return check_done("test_bitset");
}
