/* breakout.c - MinAtar Breakout (ENVIRONMENTS.md 4.1; gymnax 5.1 has the same dynamics).
 * Channels: 0 paddle, 1 ball, 2 trail, 3 brick. +1 per brick; the episode ends when the ball is missed. */
#include "scorer/minatar.h"
#include <string.h>

enum { BRICK_ROWS = 0x3FF }; /* all ten columns */
static const int DX[4] = {-1, 1, 1, -1}, DY[4] = {-1, -1, 1, 1}; /* up-left, up-right, down-right, down-left */
/* direction changes: horizontal flip d^1, vertical flip 3-d, reversal d^2 */

static void fill_bricks(Breakout *g) {
    for (int r = 1; r <= 3; r++) g->brick[r] = BRICK_ROWS;
}

void breakout_reset(Breakout *g) {
    minatar_reset(&g->c);
    g->ball_y = 3;
    const int right = minatar_randint(&g->c.rng, 0, 2); /* start side */
    g->ball_x = right ? 9 : 0;
    g->dir = right ? 3 : 2;
    g->pos = 4;
    memset(g->brick, 0, sizeof g->brick);
    fill_bricks(g);
    g->strike = 0;
    g->last_x = g->ball_x;
    g->last_y = g->ball_y;
}

int breakout_act(Breakout *g, int a) {
    if (g->c.terminal) return 0;
    int reward = 0, hit = 0;
    g->pos = minatar_clamp(g->pos + minatar_dx(a), 0, 9);
    g->last_x = g->ball_x;
    g->last_y = g->ball_y;
    int nx = g->ball_x + DX[g->dir], ny = g->ball_y + DY[g->dir];
    if (nx < 0 || nx > 9) {
        nx = nx < 0 ? 0 : 9;
        g->dir ^= 1;
    }
    if (ny < 0) {
        ny = 0;
        g->dir = 3 - g->dir;
    } else if (g->brick[ny] >> nx & 1) {
        hit = 1;
        if (!g->strike) { /* a strike on the previous step lets the ball into the brick's cell */
            reward = 1;
            g->strike = 1;
            g->brick[ny] &= (uint16_t)~(1u << nx);
            ny = g->last_y;
            g->dir = 3 - g->dir;
        }
    } else if (ny == 9) {
        if (!(g->brick[1] | g->brick[2] | g->brick[3])) fill_bricks(g);
        if (g->ball_x == g->pos) {
            g->dir = 3 - g->dir;
            ny = g->last_y;
        } else if (nx == g->pos) {
            g->dir ^= 2;
            ny = g->last_y;
        } else {
            g->c.terminal = 1; /* the ball is drawn in row 9 */
        }
    }
    g->strike = hit;
    g->ball_x = nx;
    g->ball_y = ny;
    return reward;
}

/* Writes the observation: bits (env_obs_words(400),). The bricks are placed at constant offsets, so
 * their words are built in registers and stored once; the three single cells are ORed in after. */
static void build(const Breakout *g, uint64_t *bits) {
    uint64_t w[7] = {0};
    /* fill_bricks is the only source of bricks, so rows 1..3 are the only ones that ever hold any */
    for (int r = 1; r <= 3; r++) minatar_bits_row(w, 4, r, 3, g->brick[r]);
    minatar_store_words(bits, w, 7);
    minatar_bit(bits, 4, 9, g->pos, 0);
    minatar_bit(bits, 4, g->ball_y, g->ball_x, 1);
    minatar_bit(bits, 4, g->last_y, g->last_x, 2);
}

void breakout_observe(const Breakout *g, float *obs) {
    /* obs: (10, 10, 4) */
    uint64_t bits[MINATAR_BITS_WORDS];
    build(g, bits);
    minatar_expand(bits, 400, obs);
}

void breakout_observe_bits(const Breakout *g, uint64_t *bits) {
    /* bits: (env_obs_words(400),) */
    build(g, bits);
}

/* ---- EnvClass ---- */

static int ramp(const void *env) { (void)env; return -1; }

static int st(const void *env, const char *name, int *v) {
    const Breakout *g = env;
    if (!strcmp(name, "ball")) { v[0] = g->ball_x; v[1] = g->ball_y; return 2; }
    if (!strcmp(name, "dir")) { v[0] = g->dir; return 1; }
    if (!strcmp(name, "strike")) { v[0] = g->strike; return 1; }
    if (!strcmp(name, "pos")) { v[0] = g->pos; return 1; }
    return -1;
}

static int init(void *env, const EnvOptions *o, EnvInfo *info) {
    memset(env, 0, sizeof(Breakout));
    return minatar_init(env, &breakout_game, o, info);
}
static void seed(void *env, uint64_t s, uint64_t stream) { minatar_seed(env, s, stream); }
static void reset(void *env) { breakout_reset(env); }
static float step(void *env, int action, int *terminated) {
    Breakout *g = env;
    const int r = breakout_act(g, minatar_action(&g->c, action));
    *terminated = g->c.terminal;
    return (float)r;
}
static void observe(const void *env, float *obs) { breakout_observe(env, obs); }
static void observe_bits(const void *env, uint64_t *bits) { breakout_observe_bits(env, bits); }

const EnvClass breakout_class = {"Breakout-MinAtar", "minatar", sizeof(Breakout), init, seed, reset, step, observe, observe_bits};

static const char *const channels[] = {"paddle", "ball", "trail", "brick"};
const MinatarGame breakout_game = {&breakout_class, "breakout", 4, channels, 3, {0, 1, 3}, 1000, ramp, st};
