/* env.h - the environment interface: a plain, pointer-free state struct plus
 * seed/reset/step/observe, described by an EnvClass. Time limits and auto-reset
 * live in the vector of envs (vecenv.h), not in the envs themselves. */
#ifndef SCORER_ENV_H
#define SCORER_ENV_H
#include <stddef.h>
#include <stdint.h>

enum { ENV_PRESET_DEFAULT = 0, ENV_PRESET_MINATAR = 1, ENV_PRESET_GYMNAX = 2 };

/* Options an environment may honour; -1 means "the env's (preset's) default". */
typedef struct EnvOptions {
    int preset;             /* ENV_PRESET_*: MinAtar semantics (original) or gymnax's port */
    double sticky_prob;     /* MinAtar sticky-action probability; < 0: preset default */
    int time_limit;         /* episode step limit; < 0: env default; 0: none */
    int full_action_set;    /* MinAtar: 1 = all 6 actions, 0 = minimal set; < 0: default (0) */
    int difficulty_ramping; /* MinAtar: < 0: default (1) */
} EnvOptions;

void env_options_default(EnvOptions *o); /* everything "default" */

/* What an env instance looks like once configured. */
typedef struct EnvInfo {
    int obs_dim;    /* floats per observation */
    int n_actions;  /* actions 0 .. n_actions-1 */
    int time_limit; /* steps after which the vecenv truncates; 0 = none */
    int binary_obs; /* 1 when every observation entry is 0 or 1 (replay may store bits) */
} EnvInfo;

typedef struct EnvClass {
    const char *name;   /* "CartPole-v1", "Breakout-MinAtar", ... */
    const char *family; /* "classic" or "minatar": selects network and hyperparameter defaults */
    size_t state_size;  /* bytes of one env; pointer-free, so memcpy checkpoints it */
    /* Configure env from options (no reset); returns 0, or -1 for an unsupported option. */
    int (*init)(void *env, const EnvOptions *o, EnvInfo *info);
    void (*seed)(void *env, uint64_t seed, uint64_t stream); /* seeds the env's own RNG */
    void (*reset)(void *env);
    /* Apply action; returns the reward, sets *terminated (true end of the episode). */
    float (*step)(void *env, int action, int *terminated);
    void (*observe)(const void *env, float *obs); /* obs: (obs_dim,), a function of the state alone */
    /* Binary envs only (else NULL): the same observation packed, bit i of word i/64 = obs[i] != 0,
     * bits past obs_dim zero. bits: (env_obs_words(obs_dim),) */
    void (*observe_bits)(const void *env, uint64_t *bits);
    /* 1 when env holds a state that step, reset and observe can take safely: every field that indexes
     * memory or bounds a loop in its range, flags 0 or 1, numbers finite. States the env's own
     * functions make always pass; checkpoints are checked with it before a run resumes, so that a
     * file with a valid checksum but a damaged or crafted env state is refused rather than stepped. */
    int (*valid)(const void *env);
} EnvClass;

static inline int env_obs_words(int obs_dim) { return (obs_dim + 63) / 64; }

/* n states of cls, zeroed, 64-byte aligned (a state struct may align members up to 64 with _Alignas, for
 * whole-cache-line loads); free() them. NULL when out of memory. */
void *env_alloc(const EnvClass *cls, int n);

/* The registry: the built-in environments, then the registered ones, found by name. */
const EnvClass *env_find(const char *name); /* NULL if unknown (or name is NULL) */
int env_count(void);
const EnvClass *env_at(int i);

enum { ENV_NAME_MAX = 64, ENV_MAX_ADDED = 32 };
/* Adds an environment of the program's own, so that runs (train_seed, experiment_run, checkpoints) find it by
 * name like the built-in ones. cls must outlive every use (a static const EnvClass). Checked: a name of
 * letters, digits, '-', '_', '.' (under ENV_NAME_MAX chars, not starting with '.' or '-') not taken already, in any
 * capitals (names are case-sensitive, folders on some file systems are not), family "classic" or
 * "minatar", state_size > 0, and every member but observe_bits set. Not thread-safe: register before
 * starting runs. Returns 0, or -1 with err saying what is wrong. See docs/LIBRARY.md. */
int env_register(const EnvClass *cls, char *err, size_t errlen);

#endif
