/* replay.h - circular replay buffer with one stream per env: row t holds the N envs' step t,
 * so a transition's next observation is the next row of the same env. Observations are
 * stored as floats, or as packed bits for binary (MinAtar) observations. */
#ifndef SCORER_REPLAY_H
#define SCORER_REPLAY_H
#include <stddef.h>
#include <stdint.h>
#include "scorer/rng.h"
#include "scorer/layers.h"

typedef struct Batch {   /* a sampled batch of B transitions */
    float *obs;          /* (B, obs_dim) */
    int *act;            /* (B,) */
    float *rew;          /* (B,) */
    float *done;         /* (B,) 1 = do not bootstrap */
    float *next_obs;     /* (B, obs_dim) */
    /* sparse = 1 (set by the owner; a replay of bits only): obs and next_obs come as the indices of their
     * ones instead (off: (B + 1,), idx: (B * obs_dim,) each; val unused) and obs, next_obs are not written */
    int sparse;
    SparseRows obs_rows, next_rows;
} Batch;

typedef struct Replay {
    int n_envs, rows, obs_dim; /* rows = capacity / n_envs time slots per env */
    int bits;                  /* 1: obs stored as packed bits (binary observations) */
    size_t obs_bytes;          /* bytes per stored observation */
    int head;                  /* next row to write */
    int full;                  /* all rows written at least once */
    unsigned char *obs;        /* (rows * n_envs, obs_bytes) */
    unsigned char *final_obs;  /* same shape, or NULL: true next obs of truncated steps */
    unsigned char *has_final;  /* (rows * n_envs,) or NULL */
    int32_t *act;              /* (rows * n_envs,) slot t * n_envs + e: env e's step of row t */
    float *rew;                /* (rows * n_envs,) */
    unsigned char *done;       /* (rows * n_envs,) 1 = do not bootstrap */
} Replay;

/* capacity: total transitions (>= 2 * n_envs); bits: store binary obs as bits;
 * keep_final: also keep final observations of truncated episodes (bootstrapped truncation).
 * Returns 0, -1 on bad sizes, -2 on allocation failure. */
int replay_init(Replay *r, int capacity, int n_envs, int obs_dim, int bits, int keep_final);
void replay_free(Replay *r);
/* obs: (N, obs_dim) the observations the actions were taken in; act, rew, done: (N,);
 * final_obs: (N, obs_dim) or NULL with trunc: (N,) - where trunc[e] and not done[e], the
 * transition bootstraps from final_obs[e] instead of the next row. */
void replay_add(Replay *r, const float *obs, const int *act, const float *rew, const unsigned char *done,
                const float *final_obs, const unsigned char *trunc);
/* Number of rows holding valid (t, t+1) pairs for every env. */
int replay_pairs(const Replay *r);
/* Uniform over valid (row, env) pairs, with replacement. Requires replay_pairs(r) >= 1, and r->bits
 * for out->sparse. */
void replay_sample(const Replay *r, Rng *rng, int B, Batch *out);
size_t replay_bytes(const Replay *r); /* memory held */

#endif
