/* trainer.c - one seed, start to finish. */
#include "scorer/clock.h"
#include "scorer/trainer.h"
#include "scorer/checkpoint.h"
#include "scorer/schedule.h"
#include "scorer/fileio.h"
#include "scorer/fpu.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int curve_alloc(Curve *c, int cap) {
    memset(c, 0, sizeof *c);
    if (cap < 1) return -1;
    c->cap = cap;
    c->t = calloc((size_t)cap, sizeof(long));
    c->episodes = calloc((size_t)cap, sizeof(long));
    c->ret = calloc((size_t)cap, sizeof(double));
    c->leader_loss = calloc((size_t)cap, sizeof(double));
    c->follower_loss = calloc((size_t)cap, sizeof(double));
    c->eps = calloc((size_t)cap, sizeof(double));
    if (c->t && c->episodes && c->ret && c->leader_loss && c->follower_loss && c->eps) return 0;
    curve_free(c);
    return -1;
}

void curve_free(Curve *c) {
    free(c->t); free(c->episodes); free(c->ret); free(c->leader_loss); free(c->follower_loss); free(c->eps);
    memset(c, 0, sizeof *c);
}

void seed_result_free(SeedResult *r) { curve_free(&r->curve); }

static int fail_seed(SeedResult *r, const char *msg) {
    snprintf(r->error, sizeof r->error, "%s", msg);
    r->failed = 1;
    return -1;
}

int trainee_init(Trainee *tr, const RunConfig *c, long seed, char *msg, size_t msglen) {
    memset(tr, 0, sizeof *tr);
    tr->pqn = c->pqn;
    if (config_validate(c, msg, msglen)) return -1; /* a config whose fields were written after config_resolve */
    const EnvClass *ec = env_find(c->env);
    int rc = vecenv_init(&tr->env, ec, &c->envopt, c->num_envs, (uint64_t)seed);
    if (rc) {
        if (rc == -3) snprintf(msg, msglen, "%s's init reports no observation or no action (EnvInfo obs_dim and n_actions must be at least 1)", c->env);
        else snprintf(msg, msglen, rc == -1 ? "%s does not support these env options (check env_preset, sticky_prob, full_action_set)"
                                            : "out of memory creating %s envs", c->env);
        return -1;
    }
    rc = tr->pqn ? pqn_init(&tr->p, &c->pc, &tr->env, (uint64_t)seed)
                 : learner_init(&tr->l, &c->lc, &c->ac, &tr->env, (uint64_t)seed);
    if (rc) {
        vecenv_free(&tr->env);
        snprintf(msg, msglen, "%s", rc == -1 ? "invalid learner configuration" : "out of memory for the learner (lower buffer_size)");
        return -1;
    }
    return 0;
}

void trainee_free(Trainee *tr) {
    if (tr->pqn) pqn_free(&tr->p);
    else learner_free(&tr->l);
    vecenv_free(&tr->env);
}

int trainee_step(Trainee *tr) { return tr->pqn ? pqn_step(&tr->p) : learner_step(&tr->l); }

const float *trainee_q(Trainee *tr, const float *obs, int n) {
    /* obs: (n, obs_dim) -> (n, n_actions) */
    if (n < 1 || n > tr->env.n) return NULL; /* the workspaces hold num_envs rows at least, batches more */
    return tr->pqn ? pqn_q(&tr->p, obs, n) : agent_q(&tr->l.agent, obs, n);
}

long trainee_t(const Trainee *tr) { return tr->pqn ? tr->p.t : tr->l.t; }

/* The bookkeeping fields, wherever they live. */
#define TR(tr, f) ((tr)->pqn ? (tr)->p.f : (tr)->l.f)

/* Iterations between curve rows. */
static long log_every_iters(const RunConfig *c) {
    const long iters = c->total_timesteps / c->num_envs;
    const long k = c->log_interval > 0 ? c->log_interval / c->num_envs : iters / 200;
    return k < 1 ? 1 : k;
}
int train_curve_rows(const RunConfig *c) {
    if (c->num_envs < 1 || c->total_timesteps < 1) return -1;
    const long rows = c->total_timesteps / c->num_envs / log_every_iters(c) + 2;
    return rows > CURVE_MAX_ROWS ? -1 : (int)rows; /* config_validate refuses such a run */
}
static int curve_capacity(const RunConfig *c) { return train_curve_rows(c); }

/* ckpt_load, then the trainer's own progress against this configuration's schedule: the learner stepped once
 * per iteration, a curve row closed every log_every iterations and at the last one, finished exactly there.
 * ckpt_load bounds the curve by its capacity only; a file holding more rows than its iterations made would have
 * the loop append rows past the curve's end (a forged one did: heap corruption). */
static int resume_load(const RunConfig *c, long seed, const char *path, Trainee *tr, TrainProgress *tp, Curve *cv,
                       char *msg, size_t msglen) {
    const int rc = ckpt_load(path, c, seed, tr, tp, cv, msg, msglen);
    const size_t n = rc ? strlen(msg) : 0;
    if (rc == -1) /* no state of this seed's: the seed starts over without it (memory or a read error: the file may be fine) */
        snprintf(msg + n, msglen - n, ": delete it to restart the seed");
    else if (rc == CKPT_OTHER_CONFIG) /* the seed's own state, the settings edited since: deleting it loses the seed */
        snprintf(msg + n, msglen - n, ": was the configuration edited? restore the settings it was written with, or start "
                 "a new run with the new ones");
    if (rc) return rc == CKPT_OTHER_CONFIG ? rc : -1;
    const long iters = c->total_timesteps / c->num_envs, every = log_every_iters(c);
    const int finished = tp->it == iters;
    const long rows = tp->it / every + (finished && iters % every != 0);
    if (tp->it > iters || TR(tr, iteration) != tp->it || tp->finished != finished ||
        tp->win_n != (finished ? 0 : tp->it % every) || cv->n != rows) {
        snprintf(msg, msglen, "%s holds out-of-range values (its iterations and learning curve do not fit this "
                 "configuration's schedule): delete it to restart the seed", path);
        return -1;
    }
    return 0;
}

int train_check_resume(const RunConfig *c, long seed, const char *ckpt_path, long *t, char *msg, size_t msglen) {
    Trainee tr;
    Curve cv;
    TrainProgress tp = {0};
    if (trainee_init(&tr, c, seed, msg, msglen)) return -1;
    int rc = curve_alloc(&cv, curve_capacity(c));
    if (rc) snprintf(msg, msglen, "out of memory for the learning curve");
    else rc = resume_load(c, seed, ckpt_path, &tr, &tp, &cv, msg, msglen);
    if (rc == 0 && t) *t = TR(&tr, t);
    curve_free(&cv);
    trainee_free(&tr);
    return rc == CKPT_OTHER_CONFIG ? rc : rc ? -1 : 0;
}

static int train_here(const RunConfig *c, long seed, SeedResult *r, ProgressSlot *ps, const TrainCtl *ctl) {
    memset(r, 0, sizeof *r);
    snprintf(r->algo, sizeof r->algo, "%s", c->algo);
    r->seed = seed;
    r->diverged_at = -1;
    r->resumed_at = -1;
    char msg[256];
    Trainee tr;
    if (trainee_init(&tr, c, seed, msg, sizeof msg)) return fail_seed(r, msg);
    const long N = c->num_envs;
    const long iters = c->total_timesteps / N;
    const long log_every = log_every_iters(c);
    const long ckpt_every = !ctl || !ctl->ckpt_path || c->checkpoint_every < 0 ? 0
                            : c->checkpoint_every > 0                            ? c->checkpoint_every
                            : (c->total_timesteps / 10 > N ? c->total_timesteps / 10 : N);
    if (curve_alloc(&r->curve, curve_capacity(c))) {
        trainee_free(&tr);
        return fail_seed(r, "out of memory for the learning curve (raise log_interval)");
    }
    TrainProgress tp = {0};
    if (ctl && ctl->resume && ctl->ckpt_path && access(ctl->ckpt_path, F_OK) == 0) {
        if (resume_load(c, seed, ctl->ckpt_path, &tr, &tp, &r->curve, msg, sizeof msg)) {
            trainee_free(&tr);
            return fail_seed(r, msg);
        }
        r->resumed_at = TR(&tr, t);
    }
    int have_ckpt = r->resumed_at >= 0; /* a checkpoint of this seed on disk, to go back to */
    const long last_k = iters / 10 > 0 ? iters / 10 : 1;
    if (ps) { /* total last: the display takes it for the seed having started */
        atomic_store(&ps->start, TR(&tr, t));
        atomic_store(&ps->steps, TR(&tr, t));
        if (r->curve.n > 0) atomic_store(&ps->recent_return, r->curve.ret[r->curve.n - 1]); /* a resumed seed's last row */
        atomic_store(&ps->total, iters * N);
    }
    double t0 = clock_seconds();
    for (long it = tp.it; it < iters && !tp.finished; it++) {
        if (c->fault_nan_at > 0 && seed == c->fault_nan_seed && TR(&tr, t) < c->fault_nan_at &&
            TR(&tr, t) + N >= c->fault_nan_at) /* fault injection: exercises the divergence path */
        {
            (tr.pqn ? tr.p.params : tr.l.agent.params)[0] = NAN;
            if (tr.pqn) pqn_params_changed(&tr.p);
            else agent_changed(&tr.l.agent, AGENT_ALL);
        }
        if (trainee_step(&tr)) {
            r->failed = 1;
            r->diverged_at = TR(&tr, diverged_at);
            const char *kept = have_ckpt ? "; the last checkpoint is kept" : "";
            if (TR(&tr, env_fault))
                snprintf(r->error, sizeof r->error, "%s gave a non-finite reward or observation at timestep %ld (its step and "
                         "observe must give finite numbers%s)", c->env, r->diverged_at, kept);
            else
                snprintf(r->error, sizeof r->error, "training diverged at timestep %ld (non-finite loss or gradient%s; try a lower "
                         "learning rate)", r->diverged_at, kept);
            break;
        }
        const double ret = TR(&tr, iter_mean_return);
        tp.win_ret += ret;
        tp.win_n++;
        tp.sum_all += ret;
        if (it >= iters - last_k) tp.sum_last += ret;
        if (tp.win_n == log_every || it == iters - 1) {
            Curve *cv = &r->curve;
            int k = cv->n++;
            double *ls = tr.pqn ? &tr.p.leader_loss_sum : &tr.l.leader_loss_sum;
            double *fs = tr.pqn ? &tr.p.follower_loss_sum : &tr.l.follower_loss_sum;
            long *lu = tr.pqn ? &tr.p.leader_updates : &tr.l.leader_updates;
            long *fu = tr.pqn ? &tr.p.follower_updates : &tr.l.follower_updates;
            cv->t[k] = TR(&tr, t);
            cv->ret[k] = tp.win_ret / (double)tp.win_n;
            cv->episodes[k] = TR(&tr, episodes);
            cv->leader_loss[k] = *lu ? *ls / (double)*lu : NAN;
            cv->follower_loss[k] = *fu ? *fs / (double)*fu : NAN;
            cv->eps[k] = TR(&tr, eps);
            *ls = *fs = 0.0;
            *lu = *fu = 0;
            tp.win_ret = 0.0;
            tp.win_n = 0;
            if (ps) { atomic_store(&ps->steps, cv->t[k]); atomic_store(&ps->recent_return, cv->ret[k]); }
        }
        tp.it = it + 1;
        const int stop = ctl && ctl->stop && atomic_load(ctl->stop);
        if (tp.it == iters) tp.finished = 1;
        const long t = TR(&tr, t);
        if (ckpt_every && (stop || tp.finished || schedule_fires(t - N, t, ckpt_every, 0))) {
            double w = tp.wall_s;
            tp.wall_s += clock_seconds() - t0;
            int bad = ckpt_save(ctl->ckpt_path, c, seed, &tr, &tp, &r->curve, msg, sizeof msg);
            tp.wall_s = w;
            have_ckpt |= !bad;
            if (!bad && ctl->csv_path && !tp.finished && r->curve.n > 0) /* the curve so far, as the checkpoint holds it */
                bad = seed_result_write_csv(r, ctl->csv_path, msg, sizeof msg);
            if (bad) { r->failed = 1; snprintf(r->error, sizeof r->error, "%s", msg); break; }
        }
        if (stop && !tp.finished) { r->interrupted = 1; break; }
    }
    tp.wall_s += clock_seconds() - t0;
    r->wall_s = tp.wall_s;
    r->timesteps = TR(&tr, t);
    r->sps = tp.wall_s > 0 ? (double)r->timesteps / tp.wall_s : 0.0;
    r->auc = tp.it ? tp.sum_all / (double)tp.it : 0.0;
    r->final_return = r->failed || !tp.finished ? NAN : tp.sum_last / (double)last_k;
    if (ps) {
        ps->done_at = clock_seconds(); /* before done: the display reads it once done is set */
        atomic_store(&ps->done, 1);
    }
    trainee_free(&tr);
    return 0;
}

int train_seed(const RunConfig *c, long seed, SeedResult *r, ProgressSlot *ps, const TrainCtl *ctl) {
    if (!c || !r) return -1; /* nowhere to say more */
    const unsigned fpu = fpu_state(); /* the caller's, given back */
    fpu_flush_denormals();
    const int rc = train_here(c, seed, r, ps, ctl);
    fpu_restore(fpu);
    return rc;
}

static void put_num(FILE *f, double x) {
    if (isnan(x)) fputs(",", f);
    else fprintf(f, ",%.9g", x);
}

int seed_result_write_csv(const SeedResult *r, const char *path, char *err, size_t errlen) {
    AtomicFile a;
    if (fileio_open(&a, path, err, errlen)) return -1;
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
    return fileio_commit(&a, err, errlen);
}
