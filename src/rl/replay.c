/* replay.c - per-env-stream circular replay (the flat-buffer semantics of the reference:
 * pairs (t, t+1) of one env; once full, the pair (newest, oldest) is excluded). */
#include "scorer/replay.h"
#include "scorer/bitset.h"
#include <stdlib.h>
#include <string.h>

int replay_init(Replay *r, int capacity, int n_envs, int obs_dim, int bits, int keep_final) {
    memset(r, 0, sizeof *r);
    if (n_envs < 1 || obs_dim < 1 || capacity < 2 * n_envs) return -1;
    r->n_envs = n_envs;
    r->rows = capacity / n_envs;
    r->obs_dim = obs_dim;
    r->bits = bits;
    r->obs_bytes = bits ? (size_t)(obs_dim + 7) / 8 : sizeof(float) * (size_t)obs_dim;
    size_t slots = (size_t)r->rows * (size_t)n_envs;
    r->obs = calloc(slots, r->obs_bytes); /* zeroed: checkpoints write every byte */
    r->act = calloc(slots, sizeof(int32_t));
    r->rew = calloc(slots, sizeof(float));
    r->done = calloc(slots, 1);
    if (keep_final) {
        r->final_obs = calloc(slots, r->obs_bytes);
        r->has_final = calloc(slots, 1);
    }
    if (!r->obs || !r->act || !r->rew || !r->done || (keep_final && (!r->final_obs || !r->has_final))) {
        replay_free(r);
        return -2;
    }
    return 0;
}

void replay_free(Replay *r) {
    free(r->obs); free(r->final_obs); free(r->has_final);
    free(r->act); free(r->rew); free(r->done);
    memset(r, 0, sizeof *r);
}

size_t replay_bytes(const Replay *r) {
    size_t slots = (size_t)r->rows * (size_t)r->n_envs;
    return slots * (r->obs_bytes * (r->final_obs ? 2 : 1) + sizeof(int32_t) + sizeof(float) + 1 +
                    (r->has_final ? 1 : 0));
}

static void encode(const Replay *r, const float *x, unsigned char *dst) {
    if (!r->bits) memcpy(dst, x, r->obs_bytes);
    else bitset_pack(x, r->obs_dim, dst);
}

static void decode(const Replay *r, const unsigned char *src, float *x) {
    if (!r->bits) memcpy(x, src, r->obs_bytes);
    else bitset_unpack(src, r->obs_dim, x);
}

void replay_add(Replay *r, const float *obs, const int *act, const float *rew, const unsigned char *done,
                const float *final_obs, const unsigned char *trunc) {
    /* obs: (N, obs_dim); act, rew, done, trunc: (N,) */
    size_t base = (size_t)r->head * (size_t)r->n_envs;
    for (int e = 0; e < r->n_envs; e++) {
        size_t s = base + (size_t)e;
        encode(r, obs + (size_t)e * r->obs_dim, r->obs + s * r->obs_bytes);
        r->act[s] = act[e];
        r->rew[s] = rew[e];
        r->done[s] = done[e];
        if (r->has_final) {
            r->has_final[s] = (unsigned char)(final_obs && trunc && trunc[e] && !done[e]);
            if (r->has_final[s]) encode(r, final_obs + (size_t)e * r->obs_dim, r->final_obs + s * r->obs_bytes);
        }
    }
    if (++r->head == r->rows) { r->head = 0; r->full = 1; }
}

int replay_pairs(const Replay *r) { return r->full ? r->rows - 1 : (r->head > 0 ? r->head - 1 : 0); }

void replay_sample(const Replay *r, Rng *rng, int B, Batch *out) {
    /* out->obs, next_obs: (B, obs_dim); act, rew, done: (B,) */
    enum { CHUNK = 64 };
    const int pairs = replay_pairs(r);
    size_t slot[CHUNK];
    const unsigned char *next[CHUNK];
    for (int b0 = 0; b0 < B; b0 += CHUNK) {
        const int n = B - b0 < CHUNK ? B - b0 : CHUNK;
        /* draw a chunk's slots first and prefetch them: the rows are random, so their cache misses
         * then overlap instead of each copy waiting for its own */
        for (int j = 0; j < n; j++) {
            int k = (int)rng_below(rng, (uint32_t)pairs);
            int t = r->full ? r->head + k : k; /* head, k < rows: a subtraction wraps it (no division) */
            if (t >= r->rows) t -= r->rows;
            int e = (int)rng_below(rng, (uint32_t)r->n_envs);
            size_t s = (size_t)t * r->n_envs + e, s2 = (size_t)(t + 1 == r->rows ? 0 : t + 1) * r->n_envs + e;
            slot[j] = s;
            next[j] = (r->has_final && r->has_final[s]) ? r->final_obs + s * r->obs_bytes : r->obs + s2 * r->obs_bytes;
            __builtin_prefetch(r->obs + s * r->obs_bytes);
            __builtin_prefetch(next[j]);
        }
        for (int j = 0; j < n; j++) {
            const size_t s = slot[j], b = (size_t)(b0 + j);
            if (out->sparse) { /* the rows' ones straight from the bits (rows in order: b follows b - 1) */
                SparseRows *o = &out->obs_rows, *x = &out->next_rows;
                if (b == 0) o->off[0] = x->off[0] = 0;
                o->off[b + 1] = o->off[b] + bitset_indices(r->obs + s * r->obs_bytes, r->obs_dim, o->idx + o->off[b]);
                x->off[b + 1] = x->off[b] + bitset_indices(next[j], r->obs_dim, x->idx + x->off[b]);
            } else {
                decode(r, r->obs + s * r->obs_bytes, out->obs + b * r->obs_dim);
                decode(r, next[j], out->next_obs + b * r->obs_dim);
            }
            out->act[b] = r->act[s];
            out->rew[b] = r->rew[s];
            out->done[b] = (float)r->done[s];
        }
    }
}
