/* trainer.h - train one seed of one algorithm end to end: envs, learner, learning curve,
 * final statistics. No I/O inside the loop; the curve is kept in memory. */
#ifndef SCORER_TRAINER_H
#define SCORER_TRAINER_H
#include <stdatomic.h>
#include "scorer/config.h"
#include "scorer/learner.h"
#include "scorer/pqn.h"

typedef struct Curve {        /* one row per log_interval timesteps */
    int n, cap;
    long *t;                  /* timesteps at the end of the window */
    double *ret;              /* mean over the window's iterations of the mean (over envs) last episode return */
    long *episodes;           /* episodes finished so far */
    double *leader_loss;      /* mean leader (baseline: joint) loss in the window; NAN if none */
    double *follower_loss;    /* mean follower loss in the window; NAN if none or baseline */
    double *eps;              /* epsilon at the end of the window */
} Curve;

#define CURVE_MAX_ROWS 10000000 /* rows of a seed's curve: 48 bytes each (config_validate refuses more) */
/* A curve of cap rows, zeroed (0, or -1 out of memory or cap < 1), and freeing it. */
int curve_alloc(Curve *c, int cap);
void curve_free(Curve *c);

typedef struct SeedResult {
    char algo[32];
    long seed;
    int failed;               /* 1: diverged or could not start; see error */
    int interrupted;          /* 1: stopped on request after writing a checkpoint */
    long resumed_at;          /* -1, or the timestep the run was resumed from */
    char error[256];
    long timesteps;           /* timesteps trained */
    long diverged_at;         /* -1 or the timestep of the first non-finite loss */
    double final_return;      /* mean over the last 10% of iterations */
    double auc;               /* mean over all iterations (area under the curve / length) */
    double sps, wall_s;       /* timesteps per second of the training loop, and its wall time */
    Curve curve;
} SeedResult;

typedef struct ProgressSlot {  /* written by a worker, read by the display */
    _Atomic long steps, total;  /* total: 0 until the seed starts */
    _Atomic long start;         /* the steps it had when it started here (a resumed seed's, else 0) */
    _Atomic double recent_return;
    _Atomic int done;
    double done_at;            /* clock_seconds() when done was set: written before done, read after */
} ProgressSlot;

/* What one seed trains: the envs and either the DQN-family learner or PQN. Both expose the same
 * bookkeeping fields (t, eps, iter_mean_return, episodes, loss sums, diverged_at). */
typedef struct Trainee {
    int pqn;
    VecEnv env;
    Learner l;
    Pqn p;
} Trainee;

/* Builds envs and learner for c and seed. Returns 0, or -1 with msg (why it cannot start). */
int trainee_init(Trainee *tr, const RunConfig *c, long seed, char *msg, size_t msglen);
void trainee_free(Trainee *tr);
int trainee_step(Trainee *tr);  /* one vector-env step; -1 when training diverged */
/* The online networks' Q values for n observations (n, obs_dim), n from 1 to the trainee's num_envs: (n,
 * n_actions) in a buffer of the trainee's, valid until its next call or step; NULL for another n. What the
 * learner acts on; it changes nothing the training reads, so evaluating between steps keeps every result
 * bit. Greedy: explore_argmax on each row (or explore_epsilon_greedy). */
const float *trainee_q(Trainee *tr, const float *obs, int n);
/* Timesteps trained so far (a seed of train_seed trains total_timesteps / num_envs iterations of num_envs). */
long trainee_t(const Trainee *tr);

/* Checkpointing and interruption of one seed. */
typedef struct TrainCtl {
    const char *ckpt_path;    /* NULL: no checkpoints */
    const char *csv_path;     /* NULL, or the seed CSV to rewrite with the curve so far at each checkpoint but the
                                 last (the caller writes the whole one): a long run's curve is there to see */
    int resume;               /* 1: continue from ckpt_path when it exists */
    const _Atomic int *stop;  /* NULL, or set asynchronously (a signal): checkpoint and return */
} TrainCtl;

/* The rows train_seed's curve holds for c (its capacity: what ckpt_save and ckpt_load take), or -1 when
 * more than CURVE_MAX_ROWS (or num_envs or total_timesteps below 1). */
int train_curve_rows(const RunConfig *c);
/* Trains c->algo on c->env with the given seed. It flushes denormals in this thread while it trains
 * (fpu.h) and gives the thread's floating-point state back at the end. Returns 0 (r filled; r->failed is set on
 * divergence or a failed checkpoint write, r->interrupted on a stop request), or -1 when the
 * run could not start (r->error says why; -1 alone when c or r is NULL). ps and ctl may be NULL. */
int train_seed(const RunConfig *c, long seed, SeedResult *r, ProgressSlot *ps, const TrainCtl *ctl);
void seed_result_free(SeedResult *r);
/* Loads ckpt_path exactly as train_seed's resume would (header, checksum, shapes against c, every value in
 * range, the env states by their EnvClass.valid) and frees it again. Returns 0 when a resume would accept it
 * (*t, if not NULL: the timestep it holds), or -1 with msg saying why not: -4 (CKPT_OTHER_CONFIG, checkpoint.h)
 * when the file is of this env, algorithm and seed under another configuration. */
int train_check_resume(const RunConfig *c, long seed, const char *ckpt_path, long *t, char *msg, size_t msglen);
/* The CSV of one seed: header + one row per curve point. */
int seed_result_write_csv(const SeedResult *r, const char *path, char *err, size_t errlen);

#endif
