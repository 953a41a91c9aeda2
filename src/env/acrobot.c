/* acrobot.c - Acrobot-v1: Gymnasium's two-link pendulum, "book" dynamics, one RK4 step of 0.2 s
 * (ENVIRONMENTS.md 2.2). The squares of variables are libm pow(x, 2.0) calls (-fno-builtin-pow):
 * glibc's pow differs from x*x in the last bit now and then, and the chaotic system amplifies it. */
#include "scorer/classic.h"
#include <math.h>
#include <string.h>

#define PI 3.141592653589793
static const double G = 9.8, M1 = 1.0, M2 = 1.0, L1 = 1.0, LC1 = 0.5, LC2 = 0.5, I1 = 1.0, I2 = 1.0;
/* constant squares: powers of 0.5 and 1 are exact, so plain products equal Python's ** here */
#define LC1_SQ (LC1 * LC1)
#define LC2_SQ (LC2 * LC2)
#define L1_SQ (L1 * L1)
#define MAX_VEL_1 (4 * PI)
#define MAX_VEL_2 (9 * PI)

/* y: (4,) t1, t2, dt1, dt2 with torque a held over the step -> dy: (4,) time derivatives */
static void derivs(const double *y, double a, double *dy) {
    const double t1 = y[0], t2 = y[1], dt1 = y[2], dt2 = y[3];
    const double c2 = cos(t2), s2 = sin(t2); /* each used twice; same values as separate calls */
    const double d1 = ((M1 * LC1_SQ + M2 * ((L1_SQ + LC2_SQ) + ((2 * L1) * LC2) * c2)) + I1) + I2;
    const double d2 = M2 * (LC2_SQ + (L1 * LC2) * c2) + I2;
    const double phi2 = ((M2 * LC2) * G) * cos((t1 + t2) - PI / 2.0);
    const double phi1 = ((((-M2 * L1) * LC2) * pow(dt2, 2.0)) * s2 - (((((2 * M2) * L1) * LC2) * dt2) * dt1) * s2) +
                        ((M1 * LC1 + M2 * L1) * G) * cos(t1 - PI / 2) + phi2;
    const double ddt2 = (((a + (d2 / d1) * phi1) - (((M2 * L1) * LC2) * pow(dt1, 2.0)) * s2) - phi2) /
                        ((M2 * LC2_SQ + I2) - pow(d2, 2.0) / d1);
    const double ddt1 = -(d2 * ddt2 + phi1) / d1;
    dy[0] = dt1; dy[1] = dt2; dy[2] = ddt1; dy[3] = ddt2;
}

/* angle into [-pi, pi] by whole turns, one turn at a time as Gymnasium's wrap() does */
static double wrap(double x) {
    const double turn = PI - (-PI);
    /* only input outside the contract gets here (an action outside 0..2): reduced at once, not turn by
     * turn for ever (an infinite angle would never end the loops) */
    if (!(fabs(x) <= 64.0 * PI)) x = isfinite(x) ? fmod(x, turn) : x - x;
    while (x > PI) x -= turn;
    while (x < -PI) x += turn;
    return x;
}

static double clamp(double x, double lo, double hi) { x = x < lo ? lo : x; return x > hi ? hi : x; }

void acrobot_seed(Acrobot *e, uint64_t seed, uint64_t stream) { rng_seed(&e->rng, seed, stream); }

void acrobot_reset(Acrobot *e) {
    /* each value ~ U(-0.1, 0.1), rounded to float32 as Gymnasium keeps it */
    double *s[4] = {&e->theta1, &e->theta2, &e->dtheta1, &e->dtheta2};
    for (int i = 0; i < 4; i++) *s[i] = (double)(float)(-0.1 + 0.2 * rng_uniform(&e->rng));
}

float acrobot_step(Acrobot *e, int action, int *terminated) {
    /* action 0/1/2 -> torque -1/0/+1 on the joint between the links */
    const double a = (double)(action - 1);
    const double h = 0.2 - 0.0, h2 = h / 2.0;
    double y[4] = {e->theta1, e->theta2, e->dtheta1, e->dtheta2}, k1[4], k2[4], k3[4], k4[4], tmp[4];
    derivs(y, a, k1);
    for (int i = 0; i < 4; i++) tmp[i] = y[i] + h2 * k1[i];
    derivs(tmp, a, k2);
    for (int i = 0; i < 4; i++) tmp[i] = y[i] + h2 * k2[i];
    derivs(tmp, a, k3);
    for (int i = 0; i < 4; i++) tmp[i] = y[i] + h * k3[i];
    derivs(tmp, a, k4);
    for (int i = 0; i < 4; i++) y[i] = y[i] + (h / 6.0) * (((k1[i] + 2 * k2[i]) + 2 * k3[i]) + k4[i]);
    e->theta1 = wrap(y[0]);
    e->theta2 = wrap(y[1]);
    e->dtheta1 = clamp(y[2], -MAX_VEL_1, MAX_VEL_1);
    e->dtheta2 = clamp(y[3], -MAX_VEL_2, MAX_VEL_2);
    /* goal: the tip is more than one link length above the pivot */
    *terminated = (-cos(e->theta1) - cos(e->theta2 + e->theta1)) > 1.0;
    return *terminated ? 0.0f : -1.0f;
}

void acrobot_observe(const Acrobot *e, float *obs) {
    /* obs: (6,) float32 of cos t1, sin t1, cos t2, sin t2, dt1, dt2 (computed in double) */
    obs[0] = (float)cos(e->theta1);
    obs[1] = (float)sin(e->theta1);
    obs[2] = (float)cos(e->theta2);
    obs[3] = (float)sin(e->theta2);
    obs[4] = (float)e->dtheta1;
    obs[5] = (float)e->dtheta2;
}

void acrobot_set_state(Acrobot *e, const double *s) {
    e->theta1 = s[0]; e->theta2 = s[1]; e->dtheta1 = s[2]; e->dtheta2 = s[3];
}

void acrobot_get_state(const Acrobot *e, double *s) {
    s[0] = e->theta1; s[1] = e->theta2; s[2] = e->dtheta1; s[3] = e->dtheta2;
}

static int init(void *env, const EnvOptions *o, EnvInfo *info) {
    memset(env, 0, sizeof(Acrobot));
    return classic_init_info(o, info, ACROBOT_OBS_DIM, ACROBOT_ACTIONS, ACROBOT_TIME_LIMIT);
}
static void seed(void *env, uint64_t s, uint64_t stream) { acrobot_seed(env, s, stream); }
static void reset(void *env) { acrobot_reset(env); }
static float step(void *env, int action, int *terminated) { return acrobot_step(env, action, terminated); }
static void observe(const void *env, float *obs) { acrobot_observe(env, obs); }

/* Angles wrapped and velocities clamped, as every step leaves them (an angle of 1e300 would keep wrap()
 * turning forever; NaN fails the comparisons), a seeded RNG. */
static int valid(const void *env) {
    const Acrobot *e = env;
    return fabs(e->theta1) <= PI && fabs(e->theta2) <= PI && fabs(e->dtheta1) <= MAX_VEL_1 &&
           fabs(e->dtheta2) <= MAX_VEL_2 && rng_valid(&e->rng);
}

const EnvClass acrobot_class = {"Acrobot-v1", "classic", sizeof(Acrobot), init, seed, reset, step, observe, NULL,
                                valid};
