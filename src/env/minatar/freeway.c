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

/* freeway_reset, inlined into the batched step */
static inline void reset_game(Freeway *g) {
    minatar_reset(&g->c);
    randomize_cars(g, 1);
    g->pos = 9;
    g->move_timer = PLAYER_SPEED;
    g->terminate_timer = TIME_LIMIT;
}

void freeway_reset(Freeway *g) { reset_game(g); }

/* Each car moves one cell in its direction when its timer runs out (wrapping around), which then
 * restarts at |v|; else the timer counts down. The eight cars are eight byte lanes. */
static void move_cars(Freeway *g) {
#ifdef __SSE2__
    const __m128i zero = _mm_setzero_si128(), one = _mm_set1_epi8(1), nine = _mm_set1_epi8(9);
    const __m128i x = _mm_loadl_epi64((const __m128i *)(const void *)g->car_x);
    const __m128i timer = _mm_loadl_epi64((const __m128i *)(const void *)g->car_timer);
    const __m128i v = _mm_loadl_epi64((const __m128i *)(const void *)g->car_v);
    const __m128i move = _mm_cmpeq_epi8(timer, zero), neg = _mm_cmplt_epi8(v, zero);
    const __m128i sign = _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(v, zero), one), neg); /* +1, -1 or 0 */
    __m128i nx = _mm_add_epi8(x, _mm_and_si128(move, sign));
    const __m128i below = _mm_cmplt_epi8(nx, zero);
    nx = _mm_or_si128(_mm_andnot_si128(below, nx), _mm_and_si128(below, nine)); /* -1 -> 9 */
    nx = _mm_andnot_si128(_mm_cmpgt_epi8(nx, nine), nx);                         /* 10 -> 0 */
    const __m128i speed = _mm_sub_epi8(_mm_xor_si128(v, neg), neg);                /* |v| */
    const __m128i nt = _mm_or_si128(_mm_and_si128(move, speed), _mm_andnot_si128(move, _mm_sub_epi8(timer, one)));
    _mm_storel_epi64((__m128i *)(void *)g->car_x, nx);
    _mm_storel_epi64((__m128i *)(void *)g->car_timer, nt);
#else
    for (int i = 0; i < 8; i++) {
        const int move = g->car_timer[i] == 0, v = g->car_v[i], nx = g->car_x[i] + move * ((v > 0) - (v < 0));
        g->car_x[i] = (int8_t)(nx < 0 ? 9 : nx > 9 ? 0 : nx);
        g->car_timer[i] = (int8_t)(move ? iabs(v) : g->car_timer[i] - 1);
    }
#endif
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
     * are independent lanes and the hit test needs that one car only. Nothing branches on the cars:
     * where they are is random. */
    const int k = g->pos - 1, watched = k >= 0 && k < 8, kk = watched ? k : 0;
    const int hit_before = watched & (g->car_x[kk] == 4), k_moves = watched & (g->car_timer[kk] == 0);
    move_cars(g);
    const int hit = hit_before | (k_moves & (g->car_x[kk] == 4));
    g->pos = hit ? 9 : g->pos;
    g->move_timer -= g->move_timer > 0;
    if (--g->terminate_timer < 0) g->c.terminal = 1;
    return reward;
}

/* Writes the observation: bits (env_obs_words(700),). Row r is bits 70r .. 70r+69; car i drives along
 * row i + 1, which starts 6(i + 1) bits into word i + 1 and ends in word i + 2, so each car's two
 * cells (the car, and its trail on channel 1 + speed) fall in words i + 1 and i + 2, at bit
 * q = 6(i + 1) + 7 col + ch from word i + 1's start. */
static inline __attribute__((always_inline)) void build(const Freeway *g, uint64_t *bits) {
#ifdef __AVX512F__
    /* the eight cars are the eight 64-bit lanes; lane i's two words are then moved to words i+1, i+2 */
    const __m512i zero = _mm512_setzero_si512(), one = _mm512_set1_epi64(1), nine = _mm512_set1_epi64(9);
    uint64_t xw, vw;
    memcpy(&xw, g->car_x, 8);
    memcpy(&vw, g->car_v, 8);
    const __m512i x = _mm512_cvtepi8_epi64(_mm_cvtsi64_si128((long long)xw));
    const __m512i v = _mm512_cvtepi8_epi64(_mm_cvtsi64_si128((long long)vw));
    __m512i tx = _mm512_mask_sub_epi64(_mm512_add_epi64(x, one), _mm512_cmpgt_epi64_mask(v, zero), x, one);
    tx = _mm512_mask_mov_epi64(tx, _mm512_cmplt_epi64_mask(tx, zero), nine);    /* wraps: -1 -> 9 */
    tx = _mm512_maskz_mov_epi64(_mm512_cmple_epi64_mask(tx, nine), tx);        /* 10 -> 0 */
    const __m512i base = _mm512_set_epi64(49, 43, 37, 31, 25, 19, 13, 7);      /* 6(i + 1) + 1 */
    const __m512i q1 = _mm512_add_epi64(base, _mm512_sub_epi64(_mm512_slli_epi64(x, 3), x));
    const __m512i q2 = _mm512_add_epi64(_mm512_add_epi64(base, _mm512_abs_epi64(v)),
                                        _mm512_sub_epi64(_mm512_slli_epi64(tx, 3), tx));
    /* a shift by 64 or more (or by a negative count) gives 0: each bit lands in one of the two words */
    const __m512i c64 = _mm512_set1_epi64(64);
    const __m512i lo = _mm512_or_si512(_mm512_sllv_epi64(one, q1), _mm512_sllv_epi64(one, q2));
    const __m512i hi = _mm512_or_si512(_mm512_sllv_epi64(one, _mm512_sub_epi64(q1, c64)),
                                       _mm512_sllv_epi64(one, _mm512_sub_epi64(q2, c64)));
    __m512i w0 = _mm512_or_si512(_mm512_alignr_epi64(lo, zero, 7), _mm512_alignr_epi64(hi, zero, 6)); /* words 0..7 */
    __m512i w1 = _mm512_or_si512(_mm512_alignr_epi64(zero, lo, 7), _mm512_alignr_epi64(zero, hi, 6)); /* words 8.. */
    const __m512i chicken = _mm512_sub_epi64(_mm512_set1_epi64((long long)((g->pos * 10 + 4) * 7)),
                                             _mm512_set_epi64(448, 384, 320, 256, 192, 128, 64, 0));
    w0 = _mm512_or_si512(w0, _mm512_sllv_epi64(one, chicken));
    w1 = _mm512_or_si512(w1, _mm512_sllv_epi64(one, _mm512_sub_epi64(chicken, _mm512_set1_epi64(512))));
    _mm512_storeu_si512(bits, w0);
    _mm512_mask_storeu_epi64(bits + 8, 0x07, w1);
#else
    uint64_t w[11] = {0};
    for (int i = 0; i < 8; i++) {
        const int x = g->car_x[i];
        int tx = g->car_v[i] > 0 ? x - 1 : x + 1;
        tx = tx < 0 ? 9 : tx > 9 ? 0 : tx;
        const int q1 = 6 * (i + 1) + 7 * x + 1, q2 = 6 * (i + 1) + 7 * tx + 1 + iabs(g->car_v[i]);
        w[i + 1] |= (q1 < 64 ? 1ull << q1 : 0) | (q2 < 64 ? 1ull << q2 : 0);
        w[i + 2] |= (q1 >= 64 ? 1ull << (q1 - 64) : 0) | (q2 >= 64 ? 1ull << (q2 - 64) : 0);
    }
    minatar_store_words(bits, w, 11);
    minatar_bit(bits, 7, g->pos, 4, 0);
#endif
}

void freeway_observe(const Freeway *g, float *obs) {
    /* obs: (10, 10, 7) */
    uint64_t bits[MINATAR_BITS_WORDS];
    build(g, bits);
    minatar_expand(bits, 700, obs);
}

void freeway_observe_bits(const Freeway *g, uint64_t *bits) {
    /* bits: (env_obs_words(700),) */
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

/* EnvStepPackedN: step, reset and build inlined into one loop. */
static void step_packed_n(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                          unsigned char *truncated) {
    /* v: Freeways, bits (n, 11); actions, rewards, terminated, truncated: (n,) */
    Freeway *g = (Freeway *)(void *)v->states;
    uint64_t *bits = v->bits;
    int *steps = v->steps;
    const int n = v->n;
    const unsigned limit = minatar_batch_limit(v);
    for (int i = 0; i < n; i++, g++, bits += 11) {
        const int r = freeway_act(g, minatar_action(&g->c, actions[i]));
        if (minatar_batch_end(steps, limit, i, r, g->c.terminal, rewards, terminated, truncated)) reset_game(g);
        build(g, bits);
    }
}

/* EnvClass.valid */
static int valid(const void *env) {
    const Freeway *g = env;
    /* the chicken is drawn in rows 1..9 (row 0 sends it back to 9); the game ends as the time runs below 0 */
    int ok = minatar_common_valid(&g->c) && g->pos >= 1 && g->pos <= 9 && g->move_timer >= 0 &&
             g->move_timer <= PLAYER_SPEED && g->terminate_timer >= -1 && g->terminate_timer <= TIME_LIMIT &&
             g->c.terminal == (g->terminate_timer < 0);
    /* x places a car's bits (a shift), |v| its trail's channel (v = 0 when rand() gave exactly 0.5) */
    for (int i = 0; i < 8; i++)
        ok &= g->car_x[i] >= 0 && g->car_x[i] <= 9 && iabs(g->car_v[i]) <= 5 && g->car_timer[i] >= 0 &&
              g->car_timer[i] <= iabs(g->car_v[i]);
    return ok;
}

const EnvClass freeway_class = {"Freeway-MinAtar", "minatar", sizeof(Freeway), init, seed, reset, step,
                                observe, observe_bits, valid};

static const char *const channels[] = {"chicken", "car", "speed1", "speed2", "speed3", "speed4", "speed5"};
/* the trail lies on channel 1 + |v| and a car moves every |v| + 1 steps: a higher digit, a slower car */
static const MinatarGlyph glyphs[] = {
    {0, 0, '@', 0, 32, "chicken"}, {1, 1, 'C', 0, 31, "car"},
    {2, 6, '1', 1, 0, "trail behind a car, by its speed: 1 moves every 2nd step, 5 every 6th"},
};
const MinatarGame freeway_game = {&freeway_class, "freeway", 7, channels, 3, {0, 2, 4}, 2500, ramp, st,
        step_packed_n, glyphs, (int)(sizeof glyphs / sizeof glyphs[0])};
