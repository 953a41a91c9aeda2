/* alternate.h - Alternate-v0, the environment of one's own the tests register (env_register): reward 1
 * when the action is the step count's parity, which the observation shows; 20 steps an episode by default.
 * Its twin AlternateMinatar-v0 is of the other family. alt_fault gives it the bugs test_registry names. */
#ifndef SCORER_TESTS_ALTERNATE_H
#define SCORER_TESTS_ALTERNATE_H
#include "scorer/env.h"
#include "scorer/rng.h"
#include <math.h>
#include <string.h>

typedef struct Alternate {
    int k;
    long steps; /* over all episodes */
    Rng rng;
} Alternate;

/* An env of one's own with a bug, as test_registry's test_faults sets it (0: none): 1 its init reports no observation, 2 its step
 * gives a NaN reward from step 100 on, 3 its observe an infinity from there, 4 its observe a NaN in the
 * state a time limit ends (k = 21: the final observation alone). */
static int alt_fault;

static int alt_init(void *env, const EnvOptions *o, EnvInfo *info) {
    memset(env, 0, sizeof(Alternate));
    *info = (EnvInfo){.obs_dim = alt_fault == 1 ? 0 : 3, .n_actions = 2, .time_limit = o->time_limit >= 0 ? o->time_limit : 20};
    return 0;
}
static void alt_seed(void *env, uint64_t seed, uint64_t stream) { rng_seed(&((Alternate *)env)->rng, seed, stream); }
static void alt_reset(void *env) { ((Alternate *)env)->k = (int)rng_below(&((Alternate *)env)->rng, 2); }
static float alt_step(void *env, int action, int *terminated) {
    Alternate *e = env;
    const float r = action == e->k % 2 ? 1.0f : 0.0f;
    e->k++;
    e->steps++;
    *terminated = 0;
    return alt_fault == 2 && e->steps > 100 ? NAN : r;
}
static void alt_observe(const void *env, float *obs) {
    /* obs: (3,) */
    const Alternate *e = env;
    obs[0] = (float)(e->k % 2);
    obs[1] = 1.0f - obs[0];
    obs[2] = alt_fault == 3 && e->steps > 100 ? INFINITY : alt_fault == 4 && e->k >= 21 ? NAN : 0.5f;
}
static int alt_valid(const void *env) {
    const Alternate *e = env;
    return e->k >= 0 && e->k < 1000000 && rng_valid(&e->rng);
}
static const EnvClass alt_class = {"Alternate-v0", "classic", sizeof(Alternate), alt_init, alt_seed, alt_reset, alt_step,
                                   alt_observe, NULL, alt_valid};
/* the same in the other family: the MinAtar network and hyperparameters by default */
static const EnvClass alt_minatar_class = {"AlternateMinatar-v0", "minatar", sizeof(Alternate), alt_init, alt_seed,
                                           alt_reset, alt_step, alt_observe, NULL, alt_valid};

#endif
