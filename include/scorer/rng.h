/* rng.h - small, fast, splittable random numbers (xoshiro256** seeded by splitmix64).
 * Every env and every learner owns one Rng; nothing uses a global generator. */
#ifndef SCORER_RNG_H
#define SCORER_RNG_H
#include <stdint.h>

typedef struct Rng { uint64_t s[4]; } Rng;

/* Seed from (seed, stream): different streams give independent sequences. */
void rng_seed(Rng *r, uint64_t seed, uint64_t stream);
/* next and below are inline: they are drawn in hot loops (actions, exploration, sampling) */
static inline uint64_t rng_next(Rng *r) {
    uint64_t *s = r->s;
    const uint64_t x = s[1] * 5, out = ((x << 7) | (x >> 57)) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t; s[3] = (s[3] << 45) | (s[3] >> 19);
    return out;
}
/* 0 for the all-zero state, which xoshiro never leaves (every draw 0: rng_below's rejection loop would never
 * end) and seeding never makes; what a checkpoint's generators are checked with. */
static inline int rng_valid(const Rng *r) { return (r->s[0] | r->s[1] | r->s[2] | r->s[3]) != 0; }
double rng_uniform(Rng *r);             /* [0, 1), 53 bits */
float rng_uniformf(Rng *r);             /* [0, 1), 24 bits */
uint32_t rng_below_slow(Rng *r, uint32_t n, uint64_t m); /* rng_below's rare rejection */
/* uniform in [0, n), n > 0, unbiased: Lemire's multiply-shift, rejecting the few low products that
 * would bias it (the out-of-line part) */
static inline uint32_t rng_below(Rng *r, uint32_t n) {
    const uint64_t m = (uint64_t)(uint32_t)(rng_next(r) >> 32) * n;
    if ((uint32_t)m < n) return rng_below_slow(r, n, m);
    return (uint32_t)(m >> 32);
}
double rng_normal(Rng *r);              /* standard normal (Box-Muller, no cached value) */

#endif
