/* pqn.h - PQN (parallelised Q-learning) and SCORER-PQN: no replay buffer, no target network,
 * LayerNorm networks, Q(lambda) returns over a rollout of num_steps x N env steps, then
 * num_epochs epochs of shuffled minibatch updates (docs/METHOD.md, "PQN and SCORER-PQN").
 *   encoder f_phi (follower): Dense(obs, latent) - LayerNorm - ReLU - LayerNorm
 *   Q-net Q_theta (leader):   q_layers x [Dense(q_hidden) - LayerNorm - ReLU] - Dense(A)
 * LeCun-normal weights, zero biases, LayerNorm (1, 0). Parameters, gradients and Adam moments
 * live in one allocation laid out [phi | theta], as agent.h does.
 * SCORER-PQN, on each minibatch: leader step (theta, MSE to the lambda-return on a stop-gradient
 * encoding), then follower step (phi, MSBE or Bellman-error variance through the frozen,
 * just-updated theta). Baseline PQN: one Adam step over [phi | theta] on the MSE. Every step is
 * Adam's or, with cfg.optimizer = OPTIMIZER_RADAM, Rectified Adam's (adam_radam_step).
 * The learner exposes the same bookkeeping fields as learner.h's Learner (t, iteration, eps,
 * iter_mean_return, episodes, loss sums, diverged_at) so the trainer drives both alike. */
#ifndef SCORER_PQN_H
#define SCORER_PQN_H
#include <stdint.h>
#include "scorer/adam.h"
#include "scorer/net.h"
#include "scorer/players.h"
#include "scorer/rng.h"
#include "scorer/vecenv.h"

#define PQN_MAX_Q_LAYERS 3 /* 3 x (Dense, LayerNorm, ReLU) + Dense fits NET_MAX_LAYERS */

typedef struct PqnConfig {
    int scorer;                 /* 1: leader/follower (SCORER-PQN); 0: joint baseline */
    int follower_loss;          /* FOLLOWER_MSBE or FOLLOWER_VARIANCE */
    int num_envs;               /* advisory N for the caller's VecEnv; pqn_init uses env->n */
    int num_steps;              /* rollout length T per env */
    int num_minibatches;        /* the T*N samples are split into this many per epoch */
    int num_epochs;             /* passes over each rollout */
    float eps_start, eps_finish;
    float eps_decay;            /* fraction of decay_horizon over which epsilon anneals */
    float leader_lr, follower_lr; /* SCORER players */
    float lr;                   /* the baseline's single learning rate */
    float max_grad_norm;        /* global-norm clip per network (baseline: over [phi | theta]) */
    int lr_linear_decay;        /* decay learning rates linearly to 0 over decay_horizon */
    long decay_horizon;         /* timesteps (the reference's TOTAL_TIMESTEPS_DECAY) */
    float lambda, gamma;
    int latent, q_hidden, q_layers;
    int textbook_lambda;        /* 0: the reference's recursion (quirk, default); 1: textbook */
    int terminal_on_truncation; /* 1: done = terminated or truncated (reference); 0: truncated
                                 * steps bootstrap from the final observation */
    float reward_scale;         /* rewards are multiplied by this (1: as the reference) */
    int optimizer;              /* every player's: OPTIMIZER_ADAM (default) or OPTIMIZER_RADAM (the
                                 * reference's optax.radam), adam.h */
} PqnConfig;

typedef struct Pqn {
    PqnConfig cfg;
    Net enc, q;                 /* plans and workspaces; parameters below */
    size_t n_enc, n_q, n;       /* phi = params[0, n_enc), theta = params[n_enc, n) */
    float *mem;                 /* one allocation: params, grads, m, v, each (n,), stride apart */
    size_t stride;              /* n rounded up to whole cache lines (net_sections_alloc) */
    float *params, *grads, *m, *v;
    Adam leader, follower, joint;
    Rng rng;                    /* exploration and minibatch shuffling */
    VecEnv *env;                /* borrowed */
    int N, obs_dim, A, T, mb_max;
    int pos;                    /* steps stored in the current rollout, 0 .. T-1 */
    /* rollout storage (allocated once), row t of each holds the N envs of step t */
    float *r_obs;               /* (T, N, obs_dim) observation each action was taken in */
    int *r_act;                 /* (T, N) */
    float *r_rew, *r_done;      /* (T, N) scaled reward (plus gamma V(final) on a bootstrapped
                                 * truncation, which then counts as done) and 0/1 done */
    float *r_qmax;              /* (T + 1, N) max_a Q(s_t) at collection; row T: the state after */
    float *r_ret;               /* (T, N) lambda-returns */
    int *perm;                  /* (T * N) shuffled sample order */
    float *mb_obs, *mb_y;       /* (mb_max, obs_dim), (mb_max,) gathered minibatch */
    int sparse;                 /* binary obs (MinAtar): minibatches and acting reach the encoder as the
                                 * indices of their ones (mb_rows, obs_rows; mb_obs is then unused) */
    SparseRows mb_rows, obs_rows;  /* off: (mb_max + 1,), (N + 1,); mb_rows.idx: (mb_max, obs_dim);
                                    * obs_rows.idx points into r_idx */
    int *r_off, *r_idx;         /* sparse: sample i of the rollout (row-major (t, e)) has the ones
                                 * r_idx[r_off[i] .. r_off[i+1]): (T N + 1,), (T N, obs_dim). Made from
                                 * r_obs when acting; not saved (pqn_restored makes them again) */
    int *mb_act;                /* (mb_max,) */
    float *scratch;             /* q_sel, dsel (mb_max each), dq (mb_max, A), dz (mb_max, latent) */
    int *actions;               /* (N,) */
    float *rewards, *final_obs; /* (N,), (N, obs_dim) or NULL */
    unsigned char *term, *trunc;/* (N,) */
    /* bookkeeping, with the names and meanings of learner.h */
    long t;                     /* environment timesteps so far */
    long iteration;             /* vector-env steps so far */
    long updates;               /* rollouts trained on so far */
    float eps;                  /* epsilon of the last step */
    double *ep_return;          /* (N,) running return of the current episode (unscaled) */
    double *last_return;        /* (N,) return of each env's last finished episode (0 before) */
    double iter_mean_return;    /* mean of last_return after the last step */
    long episodes;              /* finished episodes, total */
    double leader_loss_sum, follower_loss_sum; /* baseline losses go to leader_* */
    long leader_updates, follower_updates;
    long diverged_at;           /* timestep of a non-finite loss or gradient, or -1 */
    int env_fault;              /* 1: it was the env's reward or observation that was not finite (vecenv_finite) */
} Pqn;

/* The reference's defaults (docs/METHOD.md) for the classic-control (minatar = 0) or the
 * MinAtar (minatar = 1) family; scorer = 1, follower MSBE, lr = leader_lr. */
PqnConfig pqn_defaults(int minatar);
/* Returns 0; -1 bad configuration; -2 out of memory. All allocation happens here. The env
 * must outlive the learner. */
int pqn_init(Pqn *p, const PqnConfig *c, VecEnv *env, uint64_t seed);
void pqn_free(Pqn *p);
/* One vector-env step (N timesteps): act epsilon-greedily, step, store. When the rollout is
 * complete, lambda-returns and the epochs of minibatch updates. Returns 0, or -1 when training
 * diverged (diverged_at is set). Allocates nothing. */
int pqn_step(Pqn *p);

/* Q(lambda) returns of a rollout. rew, done, qmax_next, ret: (T, N), row t = step t.
 * qmax_next[t] = max_a Q(s_{t+1}): the value of the state reached by step t's transition
 * (for t = T-1, the state after the rollout). done[t] = 1 ends the episode at step t
 * (R_t = rew[t], nothing flows across). Recursion from the end:
 *   R_{T-1} = r_{T-1} + gamma (1 - d_{T-1}) qmax_next[T-1]
 *   R_t     = r_t + gamma (1 - d_t) [lambda R_{t+1} + (1 - lambda) V_t]
 * with V_t = qmax_next[t] (textbook = 1), or, as the reference code (textbook = 0), the same
 * except V_{T-2} = (1 - d_{T-1}) qmax_next[T-1]: the step before the last bootstraps from the
 * state after the rollout instead of from s_{T-1} (masked by the last step's done, as
 * purejaxql's pqn_gymnax.py, which the reference follows, carries it). */
void pqn_lambda_returns(const float *rew, const float *done, const float *qmax_next, int T, int N,
                        float gamma, float lambda, int textbook, float *ret);

/* The networks cache their transposed weights: call after changing p->params in place other than by
 * the steps below (a test's finite differences). */
void pqn_params_changed(Pqn *p);
/* After p's state (parameters, rollout so far) was written from outside (a checkpoint load): the
 * cached transposes and the rollout's index lists are made again. */
void pqn_restored(Pqn *p);
/* obs: (B, obs_dim) -> q: (B, A) from the current networks (workspace pointer), B <= mb_max. */
const float *pqn_q(Pqn *p, const float *obs, int B);
/* The loss of the Q-values at the taken actions against y and its gradient with respect to
 * all parameters [phi | theta], written to p->grads (no step). obs: (B, obs_dim), act, y: (B,).
 * loss_kind: FOLLOWER_MSBE (mean squared error) or FOLLOWER_VARIANCE. */
float pqn_loss_grad(Pqn *p, const float *obs, const int *act, const float *y, int B, int loss_kind);
/* One optimiser step of each player on a minibatch with fixed targets y, as in players.h:
 * return the loss before the step and write the pre-clip gradient norm to *gnorm (non-finite:
 * the step was skipped). leader: theta only, MSE; follower: phi only, through frozen theta;
 * joint: [phi | theta], MSE. */
float pqn_leader_step(Pqn *p, const float *obs, const int *act, const float *y, int B, float lr, double *gnorm);
float pqn_follower_step(Pqn *p, const float *obs, const int *act, const float *y, int B, float lr,
                        int loss_kind, double *gnorm);
float pqn_joint_step(Pqn *p, const float *obs, const int *act, const float *y, int B, float lr, double *gnorm);

#endif
