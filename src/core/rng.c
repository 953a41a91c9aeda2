/* rng.c - xoshiro256** (Blackman & Vigna) with splitmix64 seeding. */
#include "scorer/rng.h"
#include <math.h>

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void rng_seed(Rng *r, uint64_t seed, uint64_t stream) {
    /* mix the stream id in before expansion so (s, k) and (s', k') rarely collide */
    uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull + 0x8CB92BA72F3D8DD7ull);
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
}

double rng_uniform(Rng *r) { return (double)(rng_next(r) >> 11) * 0x1.0p-53; }
float rng_uniformf(Rng *r) { return (float)(rng_next(r) >> 40) * 0x1.0p-24f; }

uint32_t rng_below_slow(Rng *r, uint32_t n, uint64_t m) {
    const uint32_t thr = (uint32_t)(-n) % n;
    while ((uint32_t)m < thr) m = (uint64_t)(uint32_t)(rng_next(r) >> 32) * n;
    return (uint32_t)(m >> 32);
}

double rng_normal(Rng *r) {
    double u1 = 1.0 - rng_uniform(r), u2 = rng_uniform(r); /* u1 in (0, 1] */
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}
