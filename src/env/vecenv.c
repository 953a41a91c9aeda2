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

int vecenv_init(VecEnv *v, const EnvClass *cls, const EnvOptions *o, int n, uint64_t seed) {
    memset(v, 0, sizeof *v);
    v->cls = cls;
    v->n = n;
    v->states = calloc((size_t)n, cls->state_size);
    v->steps = calloc((size_t)n, sizeof(int));
    if (!v->states || !v->steps) { vecenv_free(v); return -2; }
    for (int i = 0; i < n; i++) {
        EnvInfo info;
        if (cls->init(env_ptr(v, i), o, &info) != 0) { vecenv_free(v); return -1; }
        v->info = info;
    }
    v->obs = calloc((size_t)n * (size_t)v->info.obs_dim, sizeof(float));
    if (!v->obs) { vecenv_free(v); return -2; }
    for (int i = 0; i < n; i++) {
        cls->seed(env_ptr(v, i), seed, (uint64_t)i);
        cls->reset(env_ptr(v, i));
        cls->observe(env_ptr(v, i), v->obs + (size_t)i * v->info.obs_dim);
    }
    return 0;
}

void vecenv_free(VecEnv *v) {
    free(v->states);
    free(v->steps);
    free(v->obs);
    v->states = NULL; v->steps = NULL; v->obs = NULL;
}

void vecenv_step(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                 unsigned char *truncated, float *final_obs) {
    /* actions: (n,), rewards: (n,), terminated/truncated: (n,), obs/final_obs: (n, obs_dim) */
    const int d = v->info.obs_dim, limit = v->info.time_limit;
    for (int i = 0; i < v->n; i++) {
        void *e = env_ptr(v, i);
        float *o = v->obs + (size_t)i * d;
        int term = 0;
        rewards[i] = v->cls->step(e, actions[i], &term);
        int trunc = limit > 0 && ++v->steps[i] >= limit;
        if (limit <= 0) v->steps[i]++;
        terminated[i] = (unsigned char)(term != 0);
        truncated[i] = (unsigned char)trunc;
        if (final_obs || !(term || trunc)) {
            v->cls->observe(e, final_obs ? final_obs + (size_t)i * d : o);
            if (final_obs && !(term || trunc)) memcpy(o, final_obs + (size_t)i * d, sizeof(float) * (size_t)d);
        }
        if (term || trunc) {
            v->cls->reset(e);
            v->steps[i] = 0;
            v->cls->observe(e, o);
        }
    }
}
