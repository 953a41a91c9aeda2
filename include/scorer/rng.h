/* rng.h - small, fast, splittable random numbers (xoshiro256** seeded by splitmix64).
 * Every env and every learner owns one Rng; nothing uses a global generator. */
#ifndef SCORER_RNG_H
#define SCORER_RNG_H
#include <stdint.h>

typedef struct Rng { uint64_t s[4]; } Rng;

/* Seed from (seed, stream): different streams give independent sequences. */
void rng_seed(Rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(Rng *r);
/* 0 for the all-zero state, which xoshiro never leaves (every draw 0: rng_below's rejection loop would never
 * end) and seeding never makes; what a checkpoint's generators are checked with. */
static inline int rng_valid(const Rng *r) { return (r->s[0] | r->s[1] | r->s[2] | r->s[3]) != 0; }
double rng_uniform(Rng *r);             /* [0, 1), 53 bits */
float rng_uniformf(Rng *r);             /* [0, 1), 24 bits */
uint32_t rng_below(Rng *r, uint32_t n); /* uniform in [0, n), n > 0, unbiased */
double rng_normal(Rng *r);              /* standard normal (Box-Muller, no cached value) */

#endif
