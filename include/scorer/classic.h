/* classic.h - the classic-control environments CartPole-v1, Acrobot-v1 and MountainCar-v0 with
 * Gymnasium 1.4.0's dynamics in float64, bit-exact to the reference trajectories (checked by tests/test_env_classic.c and
 * `scorer env-check`). Each env is a plain, pointer-free struct that owns its Rng; the EnvClass wrappers
 * cartpole_class, acrobot_class and mountaincar_class call the functions below.
 * Bit-exactness needs the env files compiled with -ffp-contract=off -fno-builtin-pow (Makefile). */
#ifndef SCORER_CLASSIC_H
#define SCORER_CLASSIC_H
#include "scorer/env.h"
#include "scorer/rng.h"

enum {
    CARTPOLE_STATE_DIM = 4, CARTPOLE_OBS_DIM = 4, CARTPOLE_ACTIONS = 2, CARTPOLE_TIME_LIMIT = 500,
    ACROBOT_STATE_DIM = 4, ACROBOT_OBS_DIM = 6, ACROBOT_ACTIONS = 3, ACROBOT_TIME_LIMIT = 500,
    MOUNTAINCAR_STATE_DIM = 2, MOUNTAINCAR_OBS_DIM = 2, MOUNTAINCAR_ACTIONS = 3, MOUNTAINCAR_TIME_LIMIT = 200,
};

typedef struct CartPole {
    double x, x_dot, theta, theta_dot; /* cart position (m), velocity, pole angle (rad), angular velocity */
    Rng rng;                           /* reset draws only */
} CartPole;

typedef struct Acrobot {
    double theta1, theta2, dtheta1, dtheta2; /* link angles (rad, wrapped to [-pi, pi]) and velocities */
    Rng rng;
} Acrobot;

typedef struct MountainCar {
    double position, velocity;
    Rng rng;
} MountainCar;

/* Actions: CartPole 0 push left, 1 push right; Acrobot 0/1/2 torque -1/0/+1;
 * MountainCar 0 left, 1 none, 2 right. step() expects 0 <= action < n_actions.
 * step() returns the reward and sets *terminated; time limits belong to the caller (vecenv). */
void cartpole_seed(CartPole *e, uint64_t seed, uint64_t stream);
void cartpole_reset(CartPole *e);
float cartpole_step(CartPole *e, int action, int *terminated);
void cartpole_observe(const CartPole *e, float *obs);       /* obs: (4,) */
void cartpole_set_state(CartPole *e, const double *s);      /* s: (4,) x, x_dot, theta, theta_dot */
void cartpole_get_state(const CartPole *e, double *s);

void acrobot_seed(Acrobot *e, uint64_t seed, uint64_t stream);
void acrobot_reset(Acrobot *e);
float acrobot_step(Acrobot *e, int action, int *terminated);
void acrobot_observe(const Acrobot *e, float *obs);         /* obs: (6,) cos t1, sin t1, cos t2, sin t2, dt1, dt2 */
void acrobot_set_state(Acrobot *e, const double *s);        /* s: (4,) theta1, theta2, dtheta1, dtheta2 */
void acrobot_get_state(const Acrobot *e, double *s);

void mountaincar_seed(MountainCar *e, uint64_t seed, uint64_t stream);
void mountaincar_reset(MountainCar *e);
float mountaincar_step(MountainCar *e, int action, int *terminated);
void mountaincar_observe(const MountainCar *e, float *obs); /* obs: (2,) */
void mountaincar_set_state(MountainCar *e, const double *s); /* s: (2,) position, velocity */
void mountaincar_get_state(const MountainCar *e, double *s);

extern const EnvClass cartpole_class, acrobot_class, mountaincar_class;

/* Shared option check of the three envs: 0 and *info filled, or -1 for an option only MinAtar has. */
static inline int classic_init_info(const EnvOptions *o, EnvInfo *info, int obs_dim, int n_actions,
                                    int time_limit) {
    if (o->preset != ENV_PRESET_DEFAULT && o->preset != ENV_PRESET_GYMNAX) return -1;
    if (o->sticky_prob > 0.0 || o->full_action_set >= 0 || o->difficulty_ramping >= 0) return -1;
    info->obs_dim = obs_dim;
    info->n_actions = n_actions;
    info->time_limit = o->time_limit >= 0 ? o->time_limit : time_limit;
    info->binary_obs = 0;
    return 0;
}

#endif
