/* breakout.c - MinAtar Breakout (ENVIRONMENTS.md 4.1; gymnax 5.1 has the same dynamics).
 * Channels: 0 paddle, 1 ball, 2 trail, 3 brick. +1 per brick; the episode ends when the ball is missed. */
#include "scorer/minatar.h"
#include <string.h>

/* CELL[c]: the observation's words with only bit c*4 set (channel 0 of cell c = row*10 + col); channel k
 * of the cell is the same shifted left by k, which stays inside the word (c*4 % 64 <= 60). Loaded whole,
 * a cell's bit costs one load rather than an index, a broadcast and a variable shift. */
#define CELL_W(c, w) ((c) * 4 / 64 == (w) ? 1ull << ((c) * 4 % 64) : 0)
#define CELL(c) {CELL_W(c, 0), CELL_W(c, 1), CELL_W(c, 2), CELL_W(c, 3), CELL_W(c, 4), CELL_W(c, 5), CELL_W(c, 6), 0}
#define CELL_ROW(r) CELL(r * 10), CELL(r * 10 + 1), CELL(r * 10 + 2), CELL(r * 10 + 3), CELL(r * 10 + 4), \
                    CELL(r * 10 + 5), CELL(r * 10 + 6), CELL(r * 10 + 7), CELL(r * 10 + 8), CELL(r * 10 + 9)
static _Alignas(64) const uint64_t CELL_BIT[100][8] = {CELL_ROW(0), CELL_ROW(1), CELL_ROW(2), CELL_ROW(3), CELL_ROW(4),
                                                       CELL_ROW(5), CELL_ROW(6), CELL_ROW(7), CELL_ROW(8), CELL_ROW(9)};

/* The ball's move from each state b = (row*10 + col)*4 + dir (dir 0 up-left, 1 up-right, 2 down-right,
 * 3 down-left), worked out here once: 4.1 steps 2-4 up to what depends on the bricks and the paddle. */
typedef struct BallMove {
    _Alignas(16) uint16_t next; /* (16 bytes a move) the state after the flight: side walls (dir ^ 1) and
                                 * the ceiling (dir ^ 3) applied */
    uint16_t turn;    /* the same direction turned vertically (^ 3), back in the old row: a brick taken or the
                       * paddle under the old column; turn ^ 1 (reversed, dir ^ 2): the paddle under the new one */
    uint32_t paddle;  /* on the bottom row, bits 3c..3c+2 for the paddle in column c: 1 turn (the paddle under
                       * the old column), 3 turn reversed (under the new one), 4 the end; 0 elsewhere */
    uint8_t brick;    /* the cell the ball flies into (bit of Breakout.cells) if in rows 1..3, else 63 (never set) */
    uint8_t bottom;   /* it flies into row 9 */
} BallMove;

#define MV_DX(d) ((d) == 1 || (d) == 2 ? 1 : -1)
#define MV_DY(d) ((d) >= 2 ? 1 : -1)
#define MV_SIDE(x, d) ((x) + MV_DX(d) < 0 || (x) + MV_DX(d) > 9)
#define MV_NX(x, d) (MV_SIDE(x, d) ? (x) : (x) + MV_DX(d))
#define MV_TOP(y, d) ((y) + MV_DY(d) < 0)
#define MV_NY(y, d) (MV_TOP(y, d) ? 0 : (y) + MV_DY(d))
#define MV_ND(x, y, d) ((d) ^ MV_SIDE(x, d) ^ (MV_TOP(y, d) ? 3 : 0))
#define MV_BOTTOM(y, d) ((y) + MV_DY(d) == 9)
#define MV_PC(x, d, c) ((uint32_t)((c) == (x) ? 1 : (c) == MV_NX(x, d) ? 3 : 4) << 3 * (c))
#define MV_PADDLE(x, y, d)                                                                                       \
    (MV_BOTTOM(y, d) ? MV_PC(x, d, 0) | MV_PC(x, d, 1) | MV_PC(x, d, 2) | MV_PC(x, d, 3) | MV_PC(x, d, 4) |     \
                           MV_PC(x, d, 5) | MV_PC(x, d, 6) | MV_PC(x, d, 7) | MV_PC(x, d, 8) | MV_PC(x, d, 9) \
                     : 0)
#define MV(x, y, d)                                                                                                \
    {(MV_NY(y, d) * 10 + MV_NX(x, d)) * 4 + MV_ND(x, y, d), ((y) * 10 + MV_NX(x, d)) * 4 + (MV_ND(x, y, d) ^ 3), \
     MV_PADDLE(x, y, d), MV_NY(y, d) >= 1 && MV_NY(y, d) <= 3 ? MV_NY(y, d) * 10 + MV_NX(x, d) : 63, MV_BOTTOM(y, d)}
#define MV_CELL(x, y) MV(x, y, 0), MV(x, y, 1), MV(x, y, 2), MV(x, y, 3)
#define MV_ROW(y) MV_CELL(0, y), MV_CELL(1, y), MV_CELL(2, y), MV_CELL(3, y), MV_CELL(4, y), MV_CELL(5, y), \
                  MV_CELL(6, y), MV_CELL(7, y), MV_CELL(8, y), MV_CELL(9, y)
static const BallMove MOVES[400] = {MV_ROW(0), MV_ROW(1), MV_ROW(2), MV_ROW(3), MV_ROW(4),
                                    MV_ROW(5), MV_ROW(6), MV_ROW(7), MV_ROW(8), MV_ROW(9)};

enum { FULL_CELLS_LO = 10, FULL_CELLS_N = 30 }; /* bricks: cells 10..39, rows 1..3 */
static const uint64_t FULL_CELLS = ((1ull << FULL_CELLS_N) - 1) << FULL_CELLS_LO;

static void fill_bricks(Breakout *g) { /* rows 1..3; the observation's every fourth bit from 43 to 159 */
    g->cells = FULL_CELLS;
#ifdef __AVX512F__
    /* one store the size of the loads that read it (a wider load over narrower stores waits for them) */
    _mm512_storeu_si512((void *)g->brick,
                        _mm512_set_epi64(0, 0, 0, 0, 0, 0x88888888ll, (long long)0x8888888888888888ull,
                                         (long long)0x8888880000000000ull));
#else
    static const uint64_t full[8] = {0x8888880000000000ull, 0x8888888888888888ull, 0x0000000088888888ull};
    memcpy(g->brick, full, sizeof full);
#endif
}

/* The state after reset once the start side is drawn (right = 1: column 9 moving down-left, else
 * column 0 moving down-right; row 3). */
static inline void start(Breakout *g, int right) {
    g->ball = (30 + 9 * right) * 4 + 2 + right;
    g->trail = g->ball;
    g->pos = 4;
    fill_bricks(g);
    g->strike = 0;
}

static inline void reset_game(Breakout *g) {
    minatar_reset(&g->c);
    start(g, minatar_randint(&g->c.rng, 0, 2));
}

void breakout_reset(Breakout *g) { reset_game(g); }

/* Removes the brick of cell c from the observation's brick words when take is 1 (else nothing). */
static inline void brick_remove(Breakout *g, int c, int take) {
#ifdef __AVX512F__
    const __m512i b = _mm512_loadu_si512((const void *)g->brick);
    const __m512i bit = _mm512_slli_epi64(_mm512_load_si512((const void *)CELL_BIT[c]), 3);
    _mm512_storeu_si512((void *)g->brick, _mm512_mask_xor_epi64(b, (__mmask8)-take, b, bit));
#else
    const int q = c * 4 + 3;
    g->brick[q >> 6] ^= (uint64_t)take << (q & 63);
#endif
}

/* Steps 1-6 of 4.1 for a game that is not over; returns the reward. The ball's flight comes from the
 * table; what is left (the brick, the paddle) is selected without branches, which the random paddle
 * would make hard to predict. */
static inline __attribute__((always_inline)) int play(Breakout *g, int a) {
    static const int8_t DXA[6] = {0, -1, 0, 1, 0, 0}; /* the paddle's move per full-set action */
    const BallMove *m = &MOVES[g->ball];
    const int pos = minatar_move(g->pos, DXA[a], 0, 9);
    /* a brick is taken unless one was hit on the previous step, which lets the ball into its cell */
    const int hit = (int)(g->cells >> m->brick & 1), take = hit & !g->strike;
    g->cells ^= (uint64_t)take << m->brick;
    brick_remove(g, m->brick, take);
    g->strike = hit;
    /* the bottom row (never a brick's): refill when no brick is left, then the paddle */
    if (__builtin_expect(g->cells == 0, 0) && m->bottom) fill_bricks(g);
    const unsigned paddle = m->paddle >> 3 * pos;
    const int turn = (int)(paddle | (unsigned)take) & 1, to = m->turn ^ (int)(paddle >> 1 & 1);
    g->trail = g->ball;
    /* a select as a mask: written as a conditional, it becomes a (mispredicted) branch */
    g->ball = m->next ^ ((m->next ^ to) & -turn);
    g->c.terminal = (int)(paddle >> 2 & 1); /* the ball is drawn in row 9 */
    g->pos = pos;
    return take;
}

int breakout_act(Breakout *g, int a) {
    if (g->c.terminal) return 0;
    return play(g, a);
}

/* Writes the observation: bits (env_obs_words(400),): the brick words with the three single cells
 * ORed in, each word stored once. */
static inline __attribute__((always_inline)) void build(const Breakout *g, uint64_t *bits) {
    const uint64_t *pad = CELL_BIT[90 + g->pos], *ball = CELL_BIT[g->ball >> 2], *trail = CELL_BIT[g->trail >> 2];
#ifdef __AVX512F__
    const __m512i b = _mm512_loadu_si512((const void *)g->brick), p = _mm512_load_si512((const void *)pad);
    const __m512i u = _mm512_slli_epi64(_mm512_load_si512((const void *)ball), 1);
    const __m512i t = _mm512_slli_epi64(_mm512_load_si512((const void *)trail), 2);
    _mm512_mask_storeu_epi64(bits, 0x7F, _mm512_or_si512(_mm512_or_si512(b, p), _mm512_or_si512(u, t)));
#else
    uint64_t w[7];
    for (int i = 0; i < 7; i++) w[i] = g->brick[i] | pad[i] | ball[i] << 1 | trail[i] << 2;
    minatar_store_words(bits, w, 7);
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
    if (!strcmp(name, "ball")) { v[0] = (g->ball >> 2) % 10; v[1] = (g->ball >> 2) / 10; return 2; }
    if (!strcmp(name, "dir")) { v[0] = g->ball & 3; return 1; }
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

/* Env i of the batched step the generic way (replay mode, the RNG's block running out, a game left
 * terminal). Out of line: rare, and its frame stays out of the loop's. */
static __attribute__((noinline)) void step_slow(VecEnv *v, int i, const int *actions, float *rewards,
                                                unsigned char *terminated, unsigned char *truncated) {
    Breakout *g = (Breakout *)(void *)v->states + i;
    const int r = breakout_act(g, minatar_action(&g->c, actions[i]));
    if (minatar_batch_end(v->steps, minatar_batch_limit(v), i, r, g->c.terminal, rewards, terminated, truncated))
        reset_game(g);
    build(g, v->bits + (size_t)i * 7);
}

/* The fast path reads up to three outputs of the RNG's block in place: the sticky draw's two, the start side. */
static inline int fast(const Breakout *g) {
    return !g->c.terminal & (g->c.rng.mti <= g->c.rng.fast_end - 3);
}

/* Env i's step, reset and build, when fast(g). */
static inline __attribute__((always_inline)) void step_fast(VecEnv *v, int i, const int *actions, float *rewards,
                                                            unsigned char *terminated, unsigned char *truncated) {
    Breakout *g = (Breakout *)(void *)v->states + i;
    const int r = play(g, minatar_action(&g->c, actions[i]));
    if (minatar_batch_end(v->steps, minatar_batch_limit(v), i, r, g->c.terminal, rewards, terminated, truncated)) {
        minatar_reset(&g->c);
        start(g, (int)(g->c.rng.out[g->c.rng.mti++] & 1)); /* randint(0, 2): the mask is 1, nothing rejected */
    }
    build(g, v->bits + (size_t)i * 7);
}

/* The batched step, one loop. */
static __attribute__((noinline)) void run(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                                          unsigned char *truncated) {
    /* v: Breakouts, bits (n, 7); actions, rewards, terminated, truncated: (n,) */
    for (int i = 0; i < v->n; i++) {
        if (__builtin_expect(fast((Breakout *)(void *)v->states + i), 1)) step_fast(v, i, actions, rewards, terminated, truncated);
        else step_slow(v, i, actions, rewards, terminated, truncated);
    }
}

/* EnvStepPackedN. One env (the common case) straight, without the loop: fewer values to keep, which
 * the loop's registers would otherwise save and restore on every call. */
static void step_packed_n(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                          unsigned char *truncated) {
    if (v->n == 1 && fast((const Breakout *)(void *)v->states)) step_fast(v, 0, actions, rewards, terminated, truncated);
    else run(v, actions, rewards, terminated, truncated);
}

/* EnvClass.valid: ball and trail index MOVES and CELL_BIT, pos is a shift count; the brick words must be cells'. */
static int valid(const void *env) {
    const Breakout *g = env;
    uint64_t brick[8] = {0};
    for (int c = FULL_CELLS_LO; c < FULL_CELLS_LO + FULL_CELLS_N; c++)
        brick[(c * 4 + 3) >> 6] |= (g->cells >> c & 1) << ((c * 4 + 3) & 63);
    /* the ball reaches row 9 only when missed, which ends the game: MOVES would fly it from there off the grid */
    return minatar_common_valid(&g->c) && g->pos >= 0 && g->pos <= 9 && g->ball >= 0 && g->ball < 400 &&
           g->trail >= 0 && g->trail < 400 && (g->ball >= 360) == g->c.terminal &&
           (g->strike == 0 || g->strike == 1) && !(g->cells & ~FULL_CELLS) && !memcmp(brick, g->brick, sizeof brick);
}

const EnvClass breakout_class = {"Breakout-MinAtar", "minatar", sizeof(Breakout), init, seed, reset, step,
                                 observe, observe_bits, valid};

static const char *const channels[] = {"paddle", "ball", "trail", "brick"};
static const MinatarGlyph glyphs[] = {
    {0, 0, '=', 0, 32, "paddle"}, {1, 1, 'o', 0, 31, "ball"}, {3, 3, '#', 0, 35, "brick"},
    {2, 2, '.', 1, 0, "trail: the ball's previous cell"},
};
const MinatarGame breakout_game = {&breakout_class, "breakout", 4, channels, 3, {0, 1, 3}, 1000, ramp, st,
                                   step_packed_n, glyphs, (int)(sizeof glyphs / sizeof glyphs[0])};
