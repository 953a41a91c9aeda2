/* vecenv.h - N envs of one class stepped together, with time limits and auto-reset,
 * writing observations into one contiguous buffer: (N, obs_dim) floats, or for binary envs
 * (EnvClass.observe_bits) optionally packed as (N, env_obs_words(obs_dim)) 64-bit words. */
#ifndef SCORER_VECENV_H
#define SCORER_VECENV_H
#include "scorer/env.h"

struct VecEnv;
/* A class's batched packed step (optional; MinAtar games have one): steps every env of a packed
 * vector exactly as vecenv_step_packed's generic loop without final observations does with the class's
 * step, reset and observe_bits (same rewards, flags, bits, RNG draws; time limit and auto-reset
 * included), with the game inlined rather than called three times per env through pointers.
 * actions, rewards, terminated, truncated: (v->n,) */
typedef void EnvStepPackedN(struct VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                            unsigned char *truncated);
/* The class's batched packed step, or NULL. Looked up (registry.c) rather than kept in EnvClass, so that
 * classes defined elsewhere, tests' toy envs, need no new initialiser member. */
EnvStepPackedN *env_step_packed_n(const EnvClass *cls);

typedef struct VecEnv {
    const EnvClass *cls;
    EnvInfo info;
    int n;
    unsigned char *states; /* n * cls->state_size bytes */
    int *steps;            /* (n,) steps since the last reset, counted under a time limit only (0 without:
                            * an endless episode would overflow it) */
    int packed;            /* observations as bits (vecenv_init_packed) */
    size_t obs_bytes;      /* bytes of one env's observation in obs or bits */
    float *obs;            /* (n, obs_dim) current observations (after auto-reset), or NULL if packed */
    uint64_t *bits;        /* (n, env_obs_words(obs_dim)) the same, packed; NULL unless packed */
    /* packed only: env_step_packed_n(cls), used by vecenv_step_packed without final_bits when set;
     * NULL forces the generic loop (the tests compare the two) */
    EnvStepPackedN *step_packed_n;
} VecEnv;

/* Returns 0, -1 on bad arguments (cls NULL, n < 1, options the env's init refuses), -2 on allocation
 * failure, -3 when the env's init reports obs_dim or n_actions below 1. Env i is seeded (seed, i). o NULL:
 * the defaults (env_options_default). */
int vecenv_init(VecEnv *v, const EnvClass *cls, const EnvOptions *o, int n, uint64_t seed);
/* The same with packed observations (v->bits); -1 also when the env has no observe_bits. */
int vecenv_init_packed(VecEnv *v, const EnvClass *cls, const EnvOptions *o, int n, uint64_t seed);
void vecenv_free(VecEnv *v);

/* actions: (n,); rewards: (n,); terminated, truncated: (n,) 0/1;
 * final_obs: (n, obs_dim) or NULL - the observation each env reached before any reset.
 * Envs that end (terminated or truncated) are reset; v->obs holds the new observations. */
void vecenv_step(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                 unsigned char *truncated, float *final_obs);
/* vecenv_step for a packed vector: final_bits (n, env_obs_words(obs_dim)) or NULL. */
void vecenv_step_packed(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                        unsigned char *truncated, uint64_t *final_bits);
/* 1 when the step's rewards (n,) and, unless the env is binary or packed, v->obs and final_obs (the step's,
 * or NULL) are all finite; 0 when an env's step or observe gave NaN or an infinity (the learners check each
 * step: a programming error in an env of one's own, which would otherwise show up later as a diverged loss). */
int vecenv_finite(const VecEnv *v, const float *rewards, const float *final_obs);

#endif
