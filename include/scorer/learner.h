/* learner.h - the DQN family's training iteration, SCORER or monolithic:
 * act (epsilon-greedy) -> step N envs -> store -> leader/follower (or joint) updates ->
 * target sync. One learner trains one seed; it allocates only in learner_init. */
#ifndef SCORER_LEARNER_H
#define SCORER_LEARNER_H
#include "scorer/agent.h"
#include "scorer/adam.h"
#include "scorer/players.h"
#include "scorer/vecenv.h"

/* The fields carry the names of the config keys that set them (config.c), except where a comment
 * names the key (scorer and double_q come from the algorithm's name). */
typedef struct LearnerConfig {
    int scorer;                    /* 1: leader/follower (SCORER); 0: monolithic baseline; from algo */
    int double_q;                  /* Double DQN target; from algo */
    int follower_loss;             /* FOLLOWER_MSBE or FOLLOWER_VARIANCE (key: msbe | variance) */
    int follower_steps;            /* best-response steps per follower update, fresh batch each */
    float leader_lr, follower_lr;  /* SCORER players' learning rates */
    float lr;                      /* the baseline's single learning rate */
    float max_grad_norm;           /* leader (and baseline) global-norm clip */
    float perception_max_grad_norm;/* follower clip */
    int lr_decay;                  /* linear decay to 0 by environment progress; key lr_linear_decay */
    float gamma;
    int batch_size, buffer_size;
    long learning_starts;          /* learn once t > learning_starts */
    long leader_interval, follower_interval, target_interval; /* timesteps */
    float tau;                     /* target update rate (1: hard copy) */
    float eps_start, eps_end;
    long eps_anneal;               /* timesteps; key eps_anneal_timesteps */
    long total_timesteps;          /* for the learning-rate decay; [run] total_timesteps */
    int reference_schedule;        /* 1: intervals fire as the reference code's t % k == 0 */
    int terminal_on_truncation;    /* 1: time-limit ends cut bootstrapping (reference) */
    int obs_bits;                  /* store binary observations as bits in replay */
} LearnerConfig;

struct Learner;
/* Optional observer of the learner's optimisation (parity and analysis tools; NULL in training).
 * Called with LEARNER_LEADER/FOLLOWER/JOINT after a batch is sampled and its targets computed
 * (l->batch, l->y), before the update, with the learning rate about to be used; and with
 * LEARNER_SYNC (lr 0) just before the target networks are synchronised. */
enum { LEARNER_JOINT = 0, LEARNER_LEADER = 1, LEARNER_FOLLOWER = 2, LEARNER_SYNC = 3 };
typedef void (*LearnerHook)(void *ctx, const struct Learner *l, int kind, float lr);

typedef struct Learner {
    LearnerConfig cfg;
    Agent agent;
    Replay replay;
    Adam leader, follower, joint; /* optimiser states (step count, clip; the moments are agent.m, v):
                               * SCORER's theta and phi use leader and follower, the baseline joint */
    Rng rng;                  /* exploration and replay sampling */
    VecEnv *env;              /* borrowed */
    int N, obs_dim;
    long t;                   /* environment timesteps so far */
    long iteration;           /* iterations so far, N timesteps each */
    float eps;                /* epsilon of the last iteration */
    /* buffers (allocated once) */
    int *actions;             /* (N,) the actions taken */
    float *rewards;           /* (N,) */
    float *obs_prev;          /* (N, obs_dim) the observations the actions were taken in */
    float *final_obs;         /* (N, obs_dim) final obs of truncated episodes, or NULL (terminal_on_truncation) */
    float *y;                 /* (batch_size,) the batch's targets */
    unsigned char *term, *trunc, *done; /* (N,) done = term, or trunc with terminal_on_truncation */
    Batch batch;              /* sparse on a replay of bits (MinAtar): batch.obs, next_obs unwritten */
    SparseRows obs_rows;      /* with a sparse batch: the envs' obs as the indices of their ones, to act on */
    /* episode bookkeeping (as gymnax's LogWrapper): */
    double *ep_return;        /* (N,) running return of the current episode */
    double *last_return;      /* (N,) return of each env's last finished episode (0 before) */
    double iter_mean_return;  /* mean of last_return after the last iteration */
    long episodes;            /* finished episodes, total */
    /* losses since the caller last cleared them; the baseline's joint losses go to leader_* */
    double leader_loss_sum, follower_loss_sum;
    long leader_updates, follower_updates;
    long diverged_at;         /* timestep of a non-finite loss or gradient, or -1 */
    int env_fault;            /* 1: it was the env's reward or observation that was not finite (vecenv_finite) */
    LearnerHook hook;         /* set after learner_init; NULL: none */
    void *hook_ctx;
} Learner;

/* Returns 0; -1 bad configuration; -2 out of memory. The env must outlive the learner. */
int learner_init(Learner *l, const LearnerConfig *cfg, const AgentConfig *acfg, VecEnv *env, uint64_t seed);
void learner_free(Learner *l);
/* One iteration (N timesteps). Returns 0, or -1 when training diverged (see diverged_at and env_fault). */
int learner_step(Learner *l);

#endif
