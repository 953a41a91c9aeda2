/* vecenv.c - vector of envs with time limits and auto-reset (gymnax-style). */
#include "scorer/vecenv.h"
#include <stdlib.h>
#include <string.h>

void env_options_default(EnvOptions *o) {
    o->preset = ENV_PRESET_DEFAULT;
    o->sticky_prob = -1.0;
    o->time_limit = -1;
    o->full_action_set = -1;
    o->difficulty_ramping = -1;
}

static void *env_ptr(const VecEnv *v, int i) { return v->states + (size_t)i * v->cls->state_size; }

/* Writes env i's current observation in the vector's form (floats or bits) to dst. */
static void observe(const VecEnv *v, int i, void *dst) {
    if (v->packed) v->cls->observe_bits(env_ptr(v, i), dst);
    else v->cls->observe(env_ptr(v, i), dst);
}

/* bytes of zeroes, 64-byte aligned: whole cache lines for the games' wide loads and stores */
static void *zalloc_lines(size_t bytes) {
    bytes = (bytes + 63) & ~(size_t)63; /* aligned_alloc takes a multiple of the alignment */
    void *p = aligned_alloc(64, bytes ? bytes : 64);
    if (p) memset(p, 0, bytes);
    return p;
}

void *env_alloc(const EnvClass *cls, int n) { return zalloc_lines((size_t)n * cls->state_size); }

static int init(VecEnv *v, const EnvClass *cls, const EnvOptions *o, int n, uint64_t seed, int packed) {
    memset(v, 0, sizeof *v);
    v->cls = cls;
    v->n = n;
    v->packed = packed;
    if (!cls || n < 1 || (packed && !cls->observe_bits)) return -1;
    EnvOptions dflt;
    if (!o) { env_options_default(&dflt); o = &dflt; }
    v->states = env_alloc(cls, n);
    v->steps = calloc((size_t)n, sizeof(int));
    if (!v->states || !v->steps) { vecenv_free(v); return -2; }
    for (int i = 0; i < n; i++) {
        EnvInfo info;
        if (cls->init(env_ptr(v, i), o, &info) != 0) { vecenv_free(v); return -1; }
        /* an env that reports no observation or no action is refused (sizes below would wrap) */
        if (info.obs_dim < 1 || info.n_actions < 1) { vecenv_free(v); return -3; }
        v->info = info;
    }
    v->obs_bytes = packed ? sizeof(uint64_t) * (size_t)env_obs_words(v->info.obs_dim)
                          : sizeof(float) * (size_t)v->info.obs_dim;
    unsigned char *buf = zalloc_lines((size_t)n * v->obs_bytes);
    if (!buf) { vecenv_free(v); return -2; }
    if (packed) {
        v->bits = (uint64_t *)buf;
        v->step_packed_n = env_step_packed_n(cls);
    }
    else v->obs = (float *)buf;
    for (int i = 0; i < n; i++) {
        cls->seed(env_ptr(v, i), seed, (uint64_t)i);
        cls->reset(env_ptr(v, i));
        observe(v, i, buf + (size_t)i * v->obs_bytes);
    }
    return 0;
}

int vecenv_init(VecEnv *v, const EnvClass *cls, const EnvOptions *o, int n, uint64_t seed) {
    return init(v, cls, o, n, seed, 0);
}

int vecenv_init_packed(VecEnv *v, const EnvClass *cls, const EnvOptions *o, int n, uint64_t seed) {
    return init(v, cls, o, n, seed, 1);
}

void vecenv_free(VecEnv *v) {
    free(v->states);
    free(v->steps);
    free(v->obs);
    free(v->bits);
    v->states = NULL; v->steps = NULL; v->obs = NULL; v->bits = NULL;
}

/* Without final observations (what the benchmarks and PQN's rollouts without bootstrapping ask for) each
 * env is observed once, after its reset if it ended. Kept small, for N = 1 is a common case: only v,
 * the index and the four output arrays live across the calls (they fill the callee-saved registers),
 * everything else is reloaded through v, which costs a load rather than a spill and a reload. */
static void step_plain(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                       unsigned char *truncated) {
    for (int i = 0; i < v->n; i++) {
        int term = 0;
        rewards[i] = v->cls->step(env_ptr(v, i), actions[i], &term);
        const int limit = v->info.time_limit, trunc = limit > 0 && ++v->steps[i] >= limit;
        terminated[i] = (unsigned char)(term != 0);
        truncated[i] = (unsigned char)trunc;
        if (term || trunc) {
            v->cls->reset(env_ptr(v, i));
            v->steps[i] = 0;
        }
        observe(v, i, (v->packed ? (unsigned char *)v->bits : (unsigned char *)v->obs) + (size_t)i * v->obs_bytes);
    }
}

/* With final observations. Not inlined: its prologue (more live values, spilled) would then be paid on
 * the plain path as well. */
__attribute__((noinline)) static void step_final(VecEnv *v, const int *actions, float *rewards,
                                                 unsigned char *terminated, unsigned char *truncated,
                                                 unsigned char *final_obs) {
    /* actions: (n,), rewards: (n,), terminated/truncated: (n,), final_obs: (n, obs_bytes) or NULL */
    const size_t bytes = v->obs_bytes;
    const int limit = v->info.time_limit;
    unsigned char *cur = v->packed ? (unsigned char *)v->bits : (unsigned char *)v->obs;
    for (int i = 0; i < v->n; i++) {
        void *e = env_ptr(v, i);
        unsigned char *o = cur + (size_t)i * bytes, *f = final_obs + (size_t)i * bytes;
        int term = 0;
        rewards[i] = v->cls->step(e, actions[i], &term);
        const int trunc = limit > 0 && ++v->steps[i] >= limit;
        terminated[i] = (unsigned char)(term != 0);
        truncated[i] = (unsigned char)trunc;
        observe(v, i, f);
        if (term || trunc) {
            v->cls->reset(e);
            v->steps[i] = 0;
            observe(v, i, o);
        } else {
            memcpy(o, f, bytes);
        }
    }
}

void vecenv_step(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                 unsigned char *truncated, float *final_obs) {
    if (!final_obs) step_plain(v, actions, rewards, terminated, truncated);
    else step_final(v, actions, rewards, terminated, truncated, (unsigned char *)final_obs);
}

void vecenv_step_packed(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                        unsigned char *truncated, uint64_t *final_bits) {
    if (!final_bits && v->step_packed_n) { /* first, so that it is a jump before any register is saved */
        v->step_packed_n(v, actions, rewards, terminated, truncated);
        return;
    }
    if (!final_bits) step_plain(v, actions, rewards, terminated, truncated);
    else step_final(v, actions, rewards, terminated, truncated, (unsigned char *)final_bits);
}

int vecenv_finite(const VecEnv *v, const float *rewards, const float *final_obs) {
    /* rewards: (n,); v->obs, final_obs: (n, obs_dim). x * 0 is 0 for a finite x and NaN otherwise: one sum,
     * no branch */
    float z = 0.0f;
    for (int i = 0; i < v->n; i++) z += rewards[i] * 0.0f;
    if (v->obs && !v->info.binary_obs) { /* binary observations are read as obs != 0: nothing to poison */
        const size_t m = (size_t)v->n * (size_t)v->info.obs_dim;
        for (size_t i = 0; i < m; i++) z += v->obs[i] * 0.0f;
        for (size_t i = 0; final_obs && i < m; i++) z += final_obs[i] * 0.0f;
    }
    return z == 0.0f;
}
