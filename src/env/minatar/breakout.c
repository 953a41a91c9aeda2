/* breakout.c - MinAtar Breakout (ENVIRONMENTS.md 4.1; gymnax 5.1 has the same dynamics).
 * Channels: 0 paddle, 1 ball, 2 trail, 3 brick. +1 per brick; the episode ends when the ball is missed. */
#include "scorer/minatar.h"
#include <string.h>

static const int DX[4] = {-1, 1, 1, -1}, DY[4] = {-1, -1, 1, 1}; /* up-left, up-right, down-right, down-left */
/* direction changes: horizontal flip d^1, vertical flip 3-d, reversal d^2 */

/* Bit q = (row*10 + col)*4 + 3 of the observation: a brick there? (q < 400) */
static int brick_at(const Breakout *g, int q) { return q < 192 && (g->brick[q >> 6] >> (q & 63) & 1); }

static void fill_bricks(Breakout *g) { /* rows 1..3: every fourth bit from 43 to 159 */
    g->brick[0] = 0x8888880000000000ull;
    g->brick[1] = 0x8888888888888888ull;
    g->brick[2] = 0x0000000088888888ull;
}

/* breakout_reset, inlined into the batched step (episodes last about 11 random steps) */
static inline void reset_game(Breakout *g) {
    minatar_reset(&g->c);
    g->ball_y = 3;
    const int right = minatar_randint(&g->c.rng, 0, 2); /* start side */
    g->ball_x = right ? 9 : 0;
    g->dir = right ? 3 : 2;
    g->pos = 4;
    fill_bricks(g);
    g->strike = 0;
    g->last_x = g->ball_x;
    g->last_y = g->ball_y;
}

void breakout_reset(Breakout *g) { reset_game(g); }

int breakout_act(Breakout *g, int a) {
    if (g->c.terminal) return 0;
    int reward = 0, hit = 0;
    g->pos = minatar_move(g->pos, minatar_dx(a), 0, 9);
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
    } else if (brick_at(g, (ny * 10 + nx) * 4 + 3)) {
        hit = 1;
        if (!g->strike) { /* a strike on the previous step lets the ball into the brick's cell */
            const int q = (ny * 10 + nx) * 4 + 3;
            reward = 1;
            g->strike = 1;
            g->brick[q >> 6] &= ~(1ull << (q & 63));
            ny = g->last_y;
            g->dir = 3 - g->dir;
        }
    } else if (ny == 9) {
        if (!(g->brick[0] | g->brick[1] | g->brick[2])) fill_bricks(g);
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

/* Writes the observation: bits (env_obs_words(400),): the brick words as they are, the three single
 * cells ORed in, and each word stored once. */
static inline __attribute__((always_inline)) void build(const Breakout *g, uint64_t *bits) {
#if defined(__AVX512F__) && !defined(V4)
    /* the cells as vectors of words, then one store of all seven */
    __m512i v = _mm512_maskz_loadu_epi64(0x07, g->brick);
    v = _mm512_or_si512(v, minatar_bit512((9 * 10 + g->pos) * 4));
    v = _mm512_or_si512(v, minatar_bit512((g->ball_y * 10 + g->ball_x) * 4 + 1));
    v = _mm512_or_si512(v, minatar_bit512((g->last_y * 10 + g->last_x) * 4 + 2));
#ifdef V2
    _mm256_storeu_si256((__m256i *)(void *)bits, _mm512_castsi512_si256(v));
    const __m256i hi = _mm512_extracti64x4_epi64(v, 1);
    _mm_storeu_si128((__m128i *)(void *)(bits + 4), _mm256_castsi256_si128(hi));
    bits[6] = (uint64_t)_mm_cvtsi128_si64(_mm256_extracti128_si256(hi, 1));
#else
    _mm512_mask_storeu_epi64(bits, 0x7F, v);
#endif
#else
    const uint64_t w[7] = {g->brick[0], g->brick[1], g->brick[2], 0, 0, 0, 0};
    minatar_store_words(bits, w, 7);
    minatar_bit(bits, 4, 9, g->pos, 0);
    minatar_bit(bits, 4, g->ball_y, g->ball_x, 1);
    minatar_bit(bits, 4, g->last_y, g->last_x, 2);
#endif
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

/* EnvStepPackedN: step, reset and build inlined into one loop. */
static void step_packed_n(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                          unsigned char *truncated) {
    /* v: Breakouts, bits (n, 7); actions, rewards, terminated, truncated: (n,) */
    Breakout *g = (Breakout *)(void *)v->states;
    uint64_t *bits = v->bits;
    int *steps = v->steps;
    const int n = v->n;
    const unsigned limit = minatar_batch_limit(v);
    for (int i = 0; i < n; i++, g++, bits += 7) {
        const int r = breakout_act(g, minatar_action(&g->c, actions[i]));
        if (minatar_batch_end(steps, limit, i, r, g->c.terminal, rewards, terminated, truncated)) reset_game(g);
        build(g, bits);
    }
}

const EnvClass breakout_class = {"Breakout-MinAtar", "minatar", sizeof(Breakout), init, seed, reset, step, observe, observe_bits};

static const char *const channels[] = {"paddle", "ball", "trail", "brick"};
const MinatarGame breakout_game = {&breakout_class, "breakout", 4, channels, 3, {0, 1, 3}, 1000, ramp, st,
                                   step_packed_n};
