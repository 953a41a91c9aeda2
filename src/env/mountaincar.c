/* mountaincar.c - MountainCar-v0: an underpowered car in a valley (ENVIRONMENTS.md 2.3). */
#include "scorer/classic.h"
#include <math.h>
#include <string.h>

static const double MIN_POS = -1.2, MAX_POS = 0.6, MAX_SPEED = 0.07, GOAL_POS = 0.5, GOAL_VEL = 0.0;
static const double FORCE = 0.001, GRAVITY = 0.0025;

static double clamp(double x, double lo, double hi) { x = x < lo ? lo : x; return x > hi ? hi : x; }

void mountaincar_seed(MountainCar *e, uint64_t seed, uint64_t stream) { rng_seed(&e->rng, seed, stream); }

void mountaincar_reset(MountainCar *e) {
    /* position ~ U(-0.6, -0.4), at rest */
    e->position = -0.6 + 0.2 * rng_uniform(&e->rng);
    e->velocity = 0.0;
}

float mountaincar_step(MountainCar *e, int action, int *terminated) {
    /* action 0/1/2: push left / none / right; reward -1 on every step, the goal step included */
    double v = e->velocity + ((double)(action - 1) * FORCE + cos(3 * e->position) * (-GRAVITY));
    v = clamp(v, -MAX_SPEED, MAX_SPEED);
    const double p = clamp(e->position + v, MIN_POS, MAX_POS);
    if (p == MIN_POS && v < 0) v = 0.0; /* the left wall is inelastic */
    e->position = p;
    e->velocity = v;
    *terminated = p >= GOAL_POS && v >= GOAL_VEL;
    return -1.0f;
}

void mountaincar_observe(const MountainCar *e, float *obs) {
    /* obs: (2,) float32 of position, velocity */
    obs[0] = (float)e->position;
    obs[1] = (float)e->velocity;
}

void mountaincar_set_state(MountainCar *e, const double *s) { e->position = s[0]; e->velocity = s[1]; }
void mountaincar_get_state(const MountainCar *e, double *s) { s[0] = e->position; s[1] = e->velocity; }

static int init(void *env, const EnvOptions *o, EnvInfo *info) {
    memset(env, 0, sizeof(MountainCar));
    return classic_init_info(o, info, MOUNTAINCAR_OBS_DIM, MOUNTAINCAR_ACTIONS, MOUNTAINCAR_TIME_LIMIT);
}
static void seed(void *env, uint64_t s, uint64_t stream) { mountaincar_seed(env, s, stream); }
static void reset(void *env) { mountaincar_reset(env); }
static float step(void *env, int action, int *terminated) { return mountaincar_step(env, action, terminated); }
static void observe(const void *env, float *obs) { mountaincar_observe(env, obs); }

/* Position and velocity within the ranges every step clamps them to (which also refuses NaN), a seeded RNG. */
static int valid(const void *env) {
    const MountainCar *e = env;
    return e->position >= MIN_POS && e->position <= MAX_POS && e->velocity >= -MAX_SPEED && e->velocity <= MAX_SPEED &&
           rng_valid(&e->rng);
}

const EnvClass mountaincar_class = {"MountainCar-v0", "classic", sizeof(MountainCar), init, seed, reset, step,
                                    observe, NULL, valid};
