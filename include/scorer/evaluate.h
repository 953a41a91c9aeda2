/* evaluate.h - a trained agent played: episodes of a Trainee's epsilon-greedy policy on an environment
 * of its own, and a seed's checkpoint loaded and played K times on fresh environments, the numbers
 * `scorer eval` prints. Nothing here prints: a caller that shows the game does it in an EvalStepFn. */
#ifndef SCORER_EVALUATE_H
#define SCORER_EVALUATE_H
#include <stddef.h>
#include "scorer/config.h"
#include "scorer/rng.h"
#include "scorer/trainer.h"
#include "scorer/vecenv.h"

/* The status of a play stopped by its stop flag (err says so): not an error, nothing is wrong with the agent or
 * the file. */
#define EVALUATE_STOPPED 1
/* evaluate_load's and evaluate_checkpoint's codes besides ckpt_load's (-1 to -3, CKPT_OTHER_CONFIG): no file at
 * the checkpoint's path, and a configuration that makes no Trainee (trainee_init's message: a setting refused,
 * the env's options, or memory). */
#define EVALUATE_NO_CHECKPOINT (-5)
#define EVALUATE_NO_TRAINEE (-6)

/* What an EvalStepFn is told, at the start of each episode (step 0, action -1, obs the first observation)
 * and after each of its steps. The pointers are valid during the call only. */
typedef struct EvalStep {
    long step;             /* steps taken in this episode */
    double ret;            /* the return so far (the rewards summed as doubles) */
    int action;            /* the action the policy chose for this step (-1 at the start) */
    int done;              /* 1 after the episode's last step (terminated or truncated) */
    const float *obs;      /* (obs_dim,) the observation reached; after the last step the final one, before the
                              env's reset */
    const VecEnv *env;     /* the one-env vector played, after the step (after its reset at the episode's end):
                              its state, for what the caller shows of it; MinAtar's executed action (sticky actions
                              repeat the last one) is ((const MinatarCommon *)env->states)->last_action */
} EvalStep;
typedef void EvalStepFn(const EvalStep *s, void *user);

/* How to play. NULL options: 10 greedy episodes, without callback or stop flag (scorer eval's defaults). */
typedef struct EvalOptions {
    long episodes;         /* evaluate_play, evaluate_checkpoint: episodes to play, 1 or more */
    double eps;            /* the policy's epsilon, in [0, 1]: 0 greedy (explore_argmax), else a uniform action
                              with that probability */
    EvalStepFn *on_step;   /* NULL, or called with user at each episode's start and after each step */
    void *user;
    const _Atomic int *stop; /* NULL, or set asynchronously (a signal): checked before each episode and each
                              step; a play that sees it set returns EVALUATE_STOPPED */
    double *returns;       /* evaluate_play, evaluate_checkpoint: NULL, or (episodes,) each episode's return */
} EvalOptions;

typedef struct EvalResult {
    long t;                /* evaluate_load: the checkpoint's timestep */
    int finished;          /* evaluate_load: 1 when it is the seed's last, written as training ended */
    double mean, lo, hi;   /* evaluate_play: the episodes' mean, lowest and highest return */
} EvalResult;

/* Plays one episode of tr's policy (trainee_q, then explore_epsilon_greedy with o->eps and rng) on env, one
 * unpacked env of tr's observation and action sizes, from its current observation until the episode
 * terminates or is truncated; the env resets itself for the next one. tr's training is not changed by a bit,
 * so a loop of one's own may play between its steps. With o->on_step it allocates the final observation,
 * freed before it returns. o's episodes and returns are not read; o NULL: greedy, no callback, no stop flag.
 * env->obs: (1, obs_dim). Returns 0 with *ret and *steps (the episode's return and length), EVALUATE_STOPPED
 * (*ret and *steps as far as it got), or with err: -1 an env of another shape, or eps outside [0, 1]; -2 out
 * of memory. */
int evaluate_episode(Trainee *tr, VecEnv *env, Rng *rng, const EvalOptions *o, double *ret, long *steps, char *err,
                     size_t errlen);

/* Loads seed's checkpoint at path into tr: trainee_init(tr, c, seed), then ckpt_load (the learning curve read
 * into a curve of its own and freed). c is the configuration the seed trained with (a run folder's: its
 * config.ini through experiment_resume_pairs and config_resolve_as). Returns 0 with r->t and r->finished and
 * tr to play (trainee_free it), or, with tr freed and err one line naming the file and what to do:
 * EVALUATE_NO_CHECKPOINT (no file at path), EVALUATE_NO_TRAINEE, -1 (the file is damaged, or no usable state of
 * this seed: ckpt_load's -1), -2 out of memory, -3 (the file cannot be read: err gives the system's reason),
 * CKPT_OTHER_CONFIG (the file is this seed's under another configuration: the settings edited since). */
int evaluate_load(Trainee *tr, const RunConfig *c, long seed, const char *path, EvalResult *r, char *err,
                  size_t errlen);

/* Plays o->episodes episodes (evaluate_episode) of tr, made with c and seed, on one fresh env of c's (c's env
 * options, seeded seed + 1000003, apart from the training envs), acting with an Rng of its own (rng_seed(seed,
 * 77)): the same seed, options and agent give the same returns, as scorer eval gives them. Allocates the env,
 * freed before it returns. o->returns: (episodes,), the episodes finished before a stop included. Returns 0
 * with r->mean, r->lo and r->hi, EVALUATE_STOPPED, or with err: -1 (o's episodes below 1 or eps outside
 * [0, 1], or env options tr's env does not take: c is not its configuration) or -2 out of memory. */
int evaluate_play(Trainee *tr, const RunConfig *c, long seed, const EvalOptions *o, EvalResult *r, char *err,
                  size_t errlen);

/* The whole evaluation of one seed: evaluate_load, then evaluate_play, then trainee_free. Returns 0 with r
 * filled, or one of the two's codes with err. */
int evaluate_checkpoint(const RunConfig *c, long seed, const char *path, const EvalOptions *o, EvalResult *r,
                        char *err, size_t errlen);

#endif
