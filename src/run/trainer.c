/* trainer.c - one seed, start to finish. */
#include "scorer/trainer.h"
#include "scorer/fileio.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int curve_alloc(Curve *c, int cap) {
    memset(c, 0, sizeof *c);
    c->cap = cap;
    c->t = calloc((size_t)cap, sizeof(long));
    c->episodes = calloc((size_t)cap, sizeof(long));
    c->ret = calloc((size_t)cap, sizeof(double));
    c->leader_loss = calloc((size_t)cap, sizeof(double));
    c->follower_loss = calloc((size_t)cap, sizeof(double));
    c->eps = calloc((size_t)cap, sizeof(double));
    return (c->t && c->episodes && c->ret && c->leader_loss && c->follower_loss && c->eps) ? 0 : -1;
}

void seed_result_free(SeedResult *r) {
    Curve *c = &r->curve;
    free(c->t); free(c->episodes); free(c->ret); free(c->leader_loss); free(c->follower_loss); free(c->eps);
    memset(c, 0, sizeof *c);
}

int train_seed(const RunConfig *c, long seed, SeedResult *r, ProgressSlot *ps) {
    memset(r, 0, sizeof *r);
    snprintf(r->algo, sizeof r->algo, "%s", c->algo);
    r->seed = seed;
    r->diverged_at = -1;
    const EnvClass *ec = env_find(c->env);
    VecEnv env;
    Learner l;
    if (!ec) { snprintf(r->error, sizeof r->error, "unknown environment '%s'", c->env); r->failed = 1; return -1; }
    int rc = vecenv_init(&env, ec, &c->envopt, c->num_envs, (uint64_t)seed);
    if (rc) {
        snprintf(r->error, sizeof r->error, rc == -1 ? "%s does not support these env options (check env_preset, sticky_prob, full_action_set)"
                                                      : "out of memory creating %s envs", c->env);
        r->failed = 1;
        return -1;
    }
    rc = learner_init(&l, &c->lc, &c->ac, &env, (uint64_t)seed);
    if (rc) {
        snprintf(r->error, sizeof r->error, rc == -1 ? "invalid learner configuration" : "out of memory for the learner (lower buffer_size)");
        vecenv_free(&env);
        r->failed = 1;
        return -1;
    }
    const long N = c->num_envs;
    const long iters = c->total_timesteps / N;
    long log_every = c->log_interval > 0 ? c->log_interval / N : iters / 200;
    if (log_every < 1) log_every = 1;
    if (curve_alloc(&r->curve, (int)(iters / log_every + 2))) {
        snprintf(r->error, sizeof r->error, "out of memory for the learning curve (raise log_interval)");
        learner_free(&l); vecenv_free(&env); r->failed = 1;
        return -1;
    }
    const long last_k = iters / 10 > 0 ? iters / 10 : 1;
    double win_ret = 0.0, sum_all = 0.0, sum_last = 0.0;
    long win_n = 0;
    if (ps) { atomic_store(&ps->total, iters * N); atomic_store(&ps->steps, 0L); }
    double t0 = now_s();
    for (long it = 0; it < iters; it++) {
        if (learner_step(&l)) {
            r->failed = 1;
            r->diverged_at = l.diverged_at;
            snprintf(r->error, sizeof r->error, "training diverged at timestep %ld (non-finite loss or gradient; try a lower learning rate)", l.diverged_at);
            break;
        }
        win_ret += l.iter_mean_return;
        win_n++;
        sum_all += l.iter_mean_return;
        if (it >= iters - last_k) sum_last += l.iter_mean_return;
        if (win_n == log_every || it == iters - 1) {
            Curve *cv = &r->curve;
            int k = cv->n++;
            cv->t[k] = l.t;
            cv->ret[k] = win_ret / (double)win_n;
            cv->episodes[k] = l.episodes;
            cv->leader_loss[k] = l.leader_updates ? l.leader_loss_sum / (double)l.leader_updates : NAN;
            cv->follower_loss[k] = l.follower_updates ? l.follower_loss_sum / (double)l.follower_updates : NAN;
            cv->eps[k] = l.eps;
            l.leader_loss_sum = l.follower_loss_sum = 0.0;
            l.leader_updates = l.follower_updates = 0;
            win_ret = 0.0;
            win_n = 0;
            if (ps) { atomic_store(&ps->steps, l.t); atomic_store(&ps->recent_return, cv->ret[k]); }
        }
    }
    r->wall_s = now_s() - t0;
    r->timesteps = l.t;
    r->sps = r->wall_s > 0 ? (double)l.t / r->wall_s : 0.0;
    long done_iters = l.iteration;
    r->auc = done_iters ? sum_all / (double)done_iters : 0.0;
    r->final_return = r->failed ? NAN : sum_last / (double)last_k;
    if (ps) atomic_store(&ps->done, 1);
    learner_free(&l);
    vecenv_free(&env);
    return 0;
}

static void put_num(FILE *f, double x) {
    if (isnan(x)) fputs(",", f);
    else fprintf(f, ",%.9g", x);
}

int write_seed_csv(const SeedResult *r, const char *path, char *err, size_t errlen) {
    AtomicFile a;
    if (atomic_open(&a, path, err, errlen)) return -1;
    fprintf(a.f, "timesteps,mean_return,episodes,leader_loss,follower_loss,epsilon\n");
    const Curve *c = &r->curve;
    for (int i = 0; i < c->n; i++) {
        fprintf(a.f, "%ld", c->t[i]);
        put_num(a.f, c->ret[i]);
        fprintf(a.f, ",%ld", c->episodes[i]);
        put_num(a.f, c->leader_loss[i]);
        put_num(a.f, c->follower_loss[i]);
        put_num(a.f, c->eps[i]);
        fputc('\n', a.f);
    }
    return atomic_commit(&a, err, errlen);
}
