/* freeway.c - MinAtar Freeway (ENVIRONMENTS.md 4.3; gymnax 5.3: same dynamics, 2500-step time limit).
 * Channels: 0 chicken, 1 car, 2..6 trail of a speed-1..5 car. +1 per crossing; the game itself ends
 * on its 2501st step. */
#include "scorer/minatar.h"
#include <string.h>

enum { PLAYER_SPEED = 3, TIME_LIMIT = 2500 };

static int iabs(int v) { return v < 0 ? -v : v; }

/* New speeds and directions: 8 randint(1,6), then 8 rand(); reset also puts every car at x = 0. */
static void randomize_cars(Freeway *g, int initial) {
    int speed[8];
    for (int i = 0; i < 8; i++) speed[i] = minatar_randint(&g->c.rng, 1, 6);
    for (int i = 0; i < 8; i++) {
        const double u = minatar_uniform(&g->c.rng);
        g->car_v[i] = (int8_t)(u > 0.5 ? speed[i] : u < 0.5 ? -speed[i] : 0); /* speed * sign(u - 0.5) */
        g->car_timer[i] = (int8_t)iabs(g->car_v[i]);
        if (initial) g->car_x[i] = 0;
    }
}

void freeway_reset(Freeway *g) {
    minatar_reset(&g->c);
    randomize_cars(g, 1);
    g->pos = 9;
    g->move_timer = PLAYER_SPEED;
    g->terminate_timer = TIME_LIMIT;
}

int freeway_act(Freeway *g, int a) {
    if (g->c.terminal) return 0;
    int reward = 0;
    const int dy = minatar_dy(a), go = dy && g->move_timer == 0; /* up/down, when the cool-down allows */
    g->move_timer = go ? PLAYER_SPEED : g->move_timer;
    g->pos = minatar_clamp(g->pos + go * dy, 0, 9);
    if (g->pos == 0) { /* crossed: new traffic, back to the start */
        reward = 1;
        randomize_cars(g, 0);
        g->pos = 9;
    }
    /* Cars in row order, each: hits the chicken, moves (every |v|+1 steps), hits it again. Only the car
     * on the chicken's row can hit it, and a hit sends it to row 9 where no car drives, so the cars
     * are independent lanes and the hit test needs that one car only. */
    const int k = g->pos - 1, watched = k >= 0 && k < 8;
    int hit = watched && g->car_x[k] == 4;
    const int k_moves = watched && g->car_timer[k] == 0;
    for (int i = 0; i < 8; i++) {
        const int move = g->car_timer[i] == 0, v = g->car_v[i];
        const int x = g->car_x[i] + move * ((v > 0) - (v < 0));
        g->car_x[i] = (int8_t)(x < 0 ? 9 : x > 9 ? 0 : x);
        g->car_timer[i] = (int8_t)(move ? iabs(v) : g->car_timer[i] - 1);
    }
    hit |= k_moves && g->car_x[k] == 4;
    if (hit) g->pos = 9;
    if (g->move_timer > 0) g->move_timer--;
    if (--g->terminate_timer < 0) g->c.terminal = 1;
    return reward;
}

/* Sets the observation's bits in a zeroed bitset: bits (env_obs_words(700),) */
static void build(const Freeway *g, uint64_t *bits) {
    minatar_bit(bits, 7, g->pos, 4, 0);
    for (int i = 0; i < 8; i++) {
        const int x = g->car_x[i];
        int tx = g->car_v[i] > 0 ? x - 1 : x + 1;
        tx = tx < 0 ? 9 : tx > 9 ? 0 : tx;
        minatar_bit(bits, 7, i + 1, x, 1);
        minatar_bit(bits, 7, i + 1, tx, 1 + iabs(g->car_v[i]));
    }
}

void freeway_observe(const Freeway *g, float *obs) {
    /* obs: (10, 10, 7) */
    uint64_t bits[MINATAR_BITS_WORDS];
    minatar_clear(bits, 700);
    build(g, bits);
    minatar_expand(bits, 700, obs);
}

void freeway_observe_bits(const Freeway *g, uint64_t *bits) {
    /* bits: (env_obs_words(700),) */
    minatar_clear(bits, 700);
    build(g, bits);
}

/* ---- EnvClass ---- */

static int ramp(const void *env) { (void)env; return -1; }

static int st(const void *env, const char *name, int *v) {
    const Freeway *g = env;
    if (!strcmp(name, "pos")) { v[0] = g->pos; return 1; }
    if (!strcmp(name, "move_timer")) { v[0] = g->move_timer; return 1; }
    if (!strcmp(name, "terminate_timer")) { v[0] = g->terminate_timer; return 1; }
    return -1;
}

static int init(void *env, const EnvOptions *o, EnvInfo *info) {
    memset(env, 0, sizeof(Freeway));
    return minatar_init(env, &freeway_game, o, info);
}
static void seed(void *env, uint64_t s, uint64_t stream) { minatar_seed(env, s, stream); }
static void reset(void *env) { freeway_reset(env); }
static float step(void *env, int action, int *terminated) {
    Freeway *g = env;
    const int r = freeway_act(g, minatar_action(&g->c, action));
    *terminated = g->c.terminal;
    return (float)r;
}
static void observe(const void *env, float *obs) { freeway_observe(env, obs); }
static void observe_bits(const void *env, uint64_t *bits) { freeway_observe_bits(env, bits); }

const EnvClass freeway_class = {"Freeway-MinAtar", "minatar", sizeof(Freeway), init, seed, reset, step, observe, observe_bits};

static const char *const channels[] = {"chicken", "car", "speed1", "speed2", "speed3", "speed4", "speed5"};
const MinatarGame freeway_game = {&freeway_class, "freeway", 7, channels, 3, {0, 2, 4}, 2500, ramp, st};
