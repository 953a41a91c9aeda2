/* evaluate.c - a trained agent played: one episode of a Trainee's epsilon-greedy policy, and a seed's
 * checkpoint loaded and played on fresh environments (scorer eval's numbers). */
#include "scorer/evaluate.h"
#include "scorer/checkpoint.h"
#include "scorer/explore.h"
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const EvalOptions defaults = {10, 0.0, NULL, NULL, NULL, NULL}; /* scorer eval's */

static int stopped(const EvalOptions *o) { return o->stop && atomic_load(o->stop); }

/* EVALUATE_STOPPED with its message */
static int stop_said(char *err, size_t errlen) {
    snprintf(err, errlen, "evaluation stopped (its stop flag was set)");
    return EVALUATE_STOPPED;
}

/* One episode on env (checked by the caller), fin: (obs_dim,) the final observation, or NULL without
 * o->on_step. Returns 0 or EVALUATE_STOPPED, with *ret and *steps. */
static int play(Trainee *tr, VecEnv *env, Rng *rng, const EvalOptions *o, float *fin, double *ret, long *steps) {
    /* env->obs: (1, obs_dim); q: (1, n_actions) */
    const int A = env->info.n_actions;
    *ret = 0.0;
    *steps = 0;
    if (stopped(o)) return EVALUATE_STOPPED;
    if (o->on_step) o->on_step(&(EvalStep){0, 0.0, -1, 0, env->obs, env}, o->user); /* the start */
    for (;;) {
        if (stopped(o)) return EVALUATE_STOPPED; /* also within an episode: without a time limit one may never end */
        const float *q = trainee_q(tr, env->obs, 1);
        int a;
        explore_epsilon_greedy(q, 1, A, (float)o->eps, rng, &a);
        float r;
        unsigned char term, trunc;
        vecenv_step(env, &a, &r, &term, &trunc, fin);
        *ret += r;
        ++*steps;
        const int done = term || trunc;
        if (o->on_step) o->on_step(&(EvalStep){*steps, *ret, a, done, done ? fin : env->obs, env}, o->user);
        if (done) return 0;
    }
}

/* fin for o: (obs_dim,) floats when o->on_step is set, else NULL (*fin). 0, or -2 with err. */
static int alloc_fin(const VecEnv *env, const EvalOptions *o, float **fin, char *err, size_t errlen) {
    *fin = NULL;
    if (!o->on_step) return 0;
    if ((*fin = malloc(sizeof(float) * (size_t)env->info.obs_dim))) return 0;
    snprintf(err, errlen, "out of memory for an observation of %s", env->cls->name);
    return -2;
}

static int eps_ok(const EvalOptions *o, char *err, size_t errlen) {
    if (o->eps >= 0.0 && o->eps <= 1.0) return 0;
    snprintf(err, errlen, "epsilon %g is out of range (give 0 to 1: 0 plays greedily)", o->eps);
    return -1;
}

int evaluate_episode(Trainee *tr, VecEnv *env, Rng *rng, const EvalOptions *o, double *ret, long *steps, char *err,
                     size_t errlen) {
    /* env->obs: (1, obs_dim), tr's obs_dim and n_actions */
    if (!o) o = &defaults;
    *ret = 0.0;
    *steps = 0;
    if (env->n != 1 || env->packed || env->info.obs_dim != tr->env.info.obs_dim || env->info.n_actions != tr->env.info.n_actions) {
        snprintf(err, errlen, "the env to play is %d %s%s env(s) of %d observations and %d actions: give one unpacked "
                 "env of the trainee's %d and %d (vecenv_init(&v, cls, options, 1, seed))", env->n,
                 env->packed ? "packed " : "", env->cls ? env->cls->name : "?", env->info.obs_dim, env->info.n_actions,
                 tr->env.info.obs_dim, tr->env.info.n_actions);
        return -1;
    }
    if (eps_ok(o, err, errlen)) return -1;
    float *fin;
    if (alloc_fin(env, o, &fin, err, errlen)) return -2;
    const int rc = play(tr, env, rng, o, fin, ret, steps);
    free(fin);
    return rc ? stop_said(err, errlen) : 0;
}

int evaluate_load(Trainee *tr, const RunConfig *c, long seed, const char *path, EvalResult *r, char *err,
                  size_t errlen) {
    memset(tr, 0, sizeof *tr); /* nothing to free on any failure */
    if (access(path, F_OK)) {
        snprintf(err, errlen, "no checkpoint %s (train seed %ld with checkpoints: checkpoint_every, TrainCtl.ckpt_path)",
                 path, seed);
        return EVALUATE_NO_CHECKPOINT;
    }
    if (trainee_init(tr, c, seed, err, errlen)) return EVALUATE_NO_TRAINEE;
    Curve cv;
    if (curve_alloc(&cv, train_curve_rows(c))) {
        trainee_free(tr);
        snprintf(err, errlen, "out of memory for %s's learning curve", path);
        return -2;
    }
    TrainProgress tp;
    const int rc = ckpt_load(path, c, seed, tr, &tp, &cv, err, errlen);
    curve_free(&cv);
    if (rc) {
        trainee_free(tr);
        const size_t L = strlen(err); /* ckpt_load leaves what to do to its caller: here, playing the agent */
        if (rc == -1)
            snprintf(err + L, errlen - L, ": seed %ld's agent cannot be played (restore the file from a copy, or train "
                     "the seed again in a new folder)", seed);
        else if (rc == CKPT_OTHER_CONFIG) /* the seed's own agent: the run's config.ini edited since, most likely */
            snprintf(err + L, errlen - L, ": was the run's config.ini edited? seed %ld's agent plays once it holds the "
                     "settings the checkpoint was written with", seed);
        return rc; /* memory, or a read error: the file may be fine */
    }
    r->t = trainee_t(tr);
    r->finished = tp.finished;
    return 0;
}

int evaluate_play(Trainee *tr, const RunConfig *c, long seed, const EvalOptions *o, EvalResult *r, char *err,
                  size_t errlen) {
    /* o->returns: (o->episodes,) */
    if (!o) o = &defaults;
    if (o->episodes < 1) {
        snprintf(err, errlen, "%ld episodes to play: give 1 or more", o->episodes);
        return -1;
    }
    if (eps_ok(o, err, errlen)) return -1;
    /* a fresh evaluation env, seeded apart from the training envs (which took the same options: only memory fails
     * here, unless c is not tr's) */
    VecEnv ev;
    const int vr = vecenv_init(&ev, tr->env.cls, &c->envopt, 1, (uint64_t)seed + 1000003u);
    if (vr == -2) {
        snprintf(err, errlen, "out of memory creating %s envs", c->env);
        return -2;
    }
    if (vr) { /* c is not the trainee's configuration */
        snprintf(err, errlen, "%s does not take %s's env options (give evaluate_play the configuration the trainee was "
                 "made with)", tr->env.cls->name, c->env);
        return -1;
    }
    float *fin;
    if (alloc_fin(&ev, o, &fin, err, errlen)) {
        vecenv_free(&ev);
        return -2;
    }
    Rng rng;
    rng_seed(&rng, (uint64_t)seed, 77);
    double sum = 0.0, lo = INFINITY, hi = -INFINITY;
    int rc = 0;
    for (long ep = 0; ep < o->episodes; ep++) {
        double ret;
        long steps;
        if ((rc = play(tr, &ev, &rng, o, fin, &ret, &steps))) break;
        if (o->returns) o->returns[ep] = ret;
        sum += ret;
        if (ret < lo) lo = ret;
        if (ret > hi) hi = ret;
    }
    free(fin);
    vecenv_free(&ev);
    if (rc) return stop_said(err, errlen);
    r->mean = sum / (double)o->episodes;
    r->lo = lo;
    r->hi = hi;
    return 0;
}

int evaluate_checkpoint(const RunConfig *c, long seed, const char *path, const EvalOptions *o, EvalResult *r,
                        char *err, size_t errlen) {
    Trainee tr;
    int rc = evaluate_load(&tr, c, seed, path, r, err, errlen);
    if (rc) return rc;
    rc = evaluate_play(&tr, c, seed, o, r, err, errlen);
    trainee_free(&tr);
    return rc;
}
