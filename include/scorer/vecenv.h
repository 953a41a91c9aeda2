/* vecenv.h - N envs of one class stepped together, with time limits and auto-reset,
 * writing observations into one contiguous (N, obs_dim) buffer. */
#ifndef SCORER_VECENV_H
#define SCORER_VECENV_H
#include "scorer/env.h"

typedef struct VecEnv {
    const EnvClass *cls;
    EnvInfo info;
    int n;
    unsigned char *states; /* n * cls->state_size bytes */
    int *steps;            /* (n,) steps since the last reset */
    float *obs;            /* (n, obs_dim) current observations (after auto-reset) */
} VecEnv;

/* Returns 0, -1 on bad options, -2 on allocation failure. Env i is seeded (seed, i). */
int vecenv_init(VecEnv *v, const EnvClass *cls, const EnvOptions *o, int n, uint64_t seed);
void vecenv_free(VecEnv *v);

/* actions: (n,); rewards: (n,); terminated, truncated: (n,) 0/1;
 * final_obs: (n, obs_dim) or NULL - the observation each env reached before any reset.
 * Envs that end (terminated or truncated) are reset; v->obs holds the new observations. */
void vecenv_step(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                 unsigned char *truncated, float *final_obs);

#endif
