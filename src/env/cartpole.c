/* cartpole.c - CartPole-v1: Gymnasium's Euler-integrated cart and pole (ENVIRONMENTS.md 2.1).
 * Every expression keeps Python's left-to-right evaluation order: that is what makes it bit-exact. */
#include "scorer/classic.h"
#include <math.h>
#include <string.h>

static const double G = 9.8, MASS_CART = 1.0, MASS_POLE = 0.1, HALF_LEN = 0.5;
static const double FORCE_MAG = 10.0, TAU = 0.02, X_THRESHOLD = 2.4;
#define TOTAL_MASS (MASS_POLE + MASS_CART)
#define POLEMASS_LEN (MASS_POLE * HALF_LEN)
#define THETA_THRESHOLD ((12 * 2 * 3.141592653589793) / 360) /* 12 degrees, computed as Gymnasium does */

void cartpole_seed(CartPole *e, uint64_t seed, uint64_t stream) { rng_seed(&e->rng, seed, stream); }

void cartpole_reset(CartPole *e) {
    /* each of the 4 state values ~ U(-0.05, 0.05) */
    double *s[4] = {&e->x, &e->x_dot, &e->theta, &e->theta_dot};
    for (int i = 0; i < 4; i++) *s[i] = -0.05 + 0.1 * rng_uniform(&e->rng);
}

float cartpole_step(CartPole *e, int action, int *terminated) {
    /* action: 0 push left, 1 push right; reward 1 on every step, the terminating one included */
    const double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
    const double c = cos(e->theta), s = sin(e->theta);
    const double temp = (force + (POLEMASS_LEN * (e->theta_dot * e->theta_dot)) * s) / TOTAL_MASS;
    const double thetaacc = (G * s - c * temp) / (HALF_LEN * (4.0 / 3.0 - (MASS_POLE * (c * c)) / TOTAL_MASS));
    const double xacc = temp - ((POLEMASS_LEN * thetaacc) * c) / TOTAL_MASS;
    /* Euler: positions advance with the old velocities */
    e->x += TAU * e->x_dot;
    e->x_dot += TAU * xacc;
    e->theta += TAU * e->theta_dot;
    e->theta_dot += TAU * thetaacc;
    *terminated = e->x < -X_THRESHOLD || e->x > X_THRESHOLD || e->theta < -THETA_THRESHOLD ||
                  e->theta > THETA_THRESHOLD;
    return 1.0f;
}

void cartpole_observe(const CartPole *e, float *obs) {
    /* obs: (4,) float32 of the state */
    obs[0] = (float)e->x;
    obs[1] = (float)e->x_dot;
    obs[2] = (float)e->theta;
    obs[3] = (float)e->theta_dot;
}

void cartpole_set_state(CartPole *e, const double *s) {
    e->x = s[0]; e->x_dot = s[1]; e->theta = s[2]; e->theta_dot = s[3];
}

void cartpole_get_state(const CartPole *e, double *s) {
    s[0] = e->x; s[1] = e->x_dot; s[2] = e->theta; s[3] = e->theta_dot;
}

static int init(void *env, const EnvOptions *o, EnvInfo *info) {
    memset(env, 0, sizeof(CartPole));
    return classic_init_info(o, info, CARTPOLE_OBS_DIM, CARTPOLE_ACTIONS, CARTPOLE_TIME_LIMIT);
}
static void seed(void *env, uint64_t s, uint64_t stream) { cartpole_seed(env, s, stream); }
static void reset(void *env) { cartpole_reset(env); }
static float step(void *env, int action, int *terminated) { return cartpole_step(env, action, terminated); }
static void observe(const void *env, float *obs) { cartpole_observe(env, obs); }

/* Finite numbers (the terminal test stays meaningful) and a seeded RNG. */
static int valid(const void *env) {
    const CartPole *e = env;
    return isfinite(e->x) && isfinite(e->x_dot) && isfinite(e->theta) && isfinite(e->theta_dot) &&
           rng_valid(&e->rng);
}

const EnvClass cartpole_class = {"CartPole-v1", "classic", sizeof(CartPole), init, seed, reset, step, observe, NULL,
                                 valid};
