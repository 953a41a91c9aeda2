/* asterix.c - MinAtar Asterix (ENVIRONMENTS.md 4.2; gymnax's spawning, 5.2, under ENV_PRESET_GYMNAX).
 * Channels: 0 player, 1 enemy, 2 trail, 3 gold. +1 per gold; touching an enemy ends the episode. */
#include "scorer/minatar.h"
#include <string.h>

enum { RAMP_INTERVAL = 100, SPAWN_SPEED = 10, MOVE_SPEED = 5 };

/* The slot arrays are read 8 bytes at a time (the move, build), so they are also written 8 bytes at a
 * time: a load cannot be forwarded from a narrower store still in flight and would wait for it. */
static uint64_t load8(const int8_t *a) {
    uint64_t w;
    memcpy(&w, a, 8);
    return w;
}
static void set_byte(int8_t *a, int i, int v) {
    const uint64_t w = (load8(a) & ~(0xFFull << 8 * i)) | (uint64_t)(uint8_t)v << 8 * i;
    memcpy(a, &w, 8);
}

/* asterix_reset, inlined into the batched step */
static inline void reset_game(Asterix *g) {
    minatar_reset(&g->c);
    g->x = g->y = 5;
    memset(g->alive, 0, sizeof g->alive);
    memset(g->ex, 0, sizeof g->ex);
    g->spawn_speed = g->spawn_timer = SPAWN_SPEED;
    g->move_speed = g->move_timer = MOVE_SPEED;
    g->ramp_timer = RAMP_INTERVAL;
    g->ramp_index = 0;
    g->ramp_on = g->c.ramping;
}

void asterix_reset(Asterix *g) { reset_game(g); }

/* Original: a uniformly chosen free slot, nothing when all eight are full. */
static int free_slot_minatar(Asterix *g) {
    /* bit i: slot i is free; the multiply gathers bit 0 of every byte (alive is 0 or 1) into the top byte */
    unsigned free = (unsigned)((~load8(g->alive) & 0x0101010101010101ull) * 0x0102040810204080ull >> 56);
    if (!free) return -1;
    const int k = minatar_randint(&g->c.rng, 0, __builtin_popcount(free));
#ifdef __BMI2__
    return __builtin_ctz(_pdep_u32(1u << k, free)); /* the k-th free slot, without a loop */
#else
    for (int j = 0; j < k; j++) free &= free - 1;
    return __builtin_ctz(free);
#endif
}

/* gymnax 0.0.9: scans a random permutation from its 2nd element; when that finds nothing, the
 * entity is written, unfilled, over slot perm[7], which holds an entity: that one disappears.
 * Not inlined: its array and loops would give every spawn a bigger stack frame. */
__attribute__((noinline)) static int free_slot_gymnax(Asterix *g) {
    int perm[8];
    for (int i = 0; i < 8; i++) perm[i] = i;
    for (int i = 7; i > 0; i--) { /* Fisher-Yates */
        int j = minatar_randint(&g->c.rng, 0, i + 1), t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (int i = 1; i < 8; i++)
        if (!g->alive[perm[i]]) return perm[i];
    set_byte(g->alive, perm[7], 0);
    return -1;
}

/* Not inlined: spawns are every spawn_speed-th step (10 at first), and their arrays and calls would
 * make every step's asterix_act set up (and realign) a bigger stack frame. */
__attribute__((noinline)) static void spawn(Asterix *g) {
    const int right = minatar_uniform_below(&g->c.rng, 1.0 / 2);
    const int gold = minatar_uniform_below(&g->c.rng, 1.0 / 3);
    const int s = g->c.preset == ENV_PRESET_GYMNAX ? free_slot_gymnax(g) : free_slot_minatar(g);
    if (s < 0) return;
    set_byte(g->alive, s, 1);
    set_byte(g->ex, s, right ? 0 : 9);
    set_byte(g->right, s, right);
    set_byte(g->gold, s, gold);
}

/* The slot arrays as 64-bit words, byte i = slot i (SWAR): the per-step work on all eight slots is a few
 * word operations, with no branch on what the slots hold (random, so branches would mispredict). */
#define BYTES(b) (0x0101010101010101ull * (b))
static void store8(int8_t *a, uint64_t w) { memcpy(a, &w, 8); }

/* Not inlined: the ramp comes every 101st step, at most nine times an episode. */
__attribute__((noinline)) static void ramp_up(Asterix *g) {
    if (g->move_speed > 1 && g->ramp_index % 2) g->move_speed--;
    if (g->spawn_speed > 1) g->spawn_speed--;
    g->ramp_index++;
    g->ramp_timer = RAMP_INTERVAL;
    g->ramp_on = g->spawn_speed > 1 || g->move_speed > 1;
}

/* asterix_act, inlined into the batched step; a is a full-set action 0..5 */
static inline __attribute__((always_inline)) int act(Asterix *g, int a) {
    /* the full-set actions' column and row steps: two loads instead of four comparisons */
    static const int8_t d[2][6] = {{0, -1, 0, 1, 0, 0}, {0, 0, -1, 0, 1, 0}};
    if (g->c.terminal) return 0;
    if (g->spawn_timer == 0) {
        spawn(g);
        g->spawn_timer = g->spawn_speed;
    }
    /* y by arithmetic: the compiler makes minatar_move's select a branch here, which random actions
     * take at random at the top and bottom rows */
    const int x = minatar_move(g->x, d[0][a], 0, 9), ny = g->y + d[1][a], y = ny + (ny == 0) - (ny == 9);
    g->x = x;
    g->y = y;
    const uint64_t A0 = load8(g->alive), E0 = load8(g->ex), R = load8(g->right), G = load8(g->gold);
    /* On move steps each entity moves one column, right or left; done every step with no entity moving
     * otherwise: cheaper than the branch, which mispredicts. A live x is 0..9, so +1 carries out of no byte;
     * -1 is taken from the byte with its top bit set (no borrow), which is then put back. */
    const int move = g->move_timer == 0;
    const uint64_t moving = A0 & -(uint64_t)move;
    const uint64_t E = ((((E0 | BYTES(0x80)) - (moving & ~R)) ^ (~E0 & BYTES(0x80))) + (moving & R));
    const uint64_t gone = (((E & ~BYTES(0x80)) + BYTES(0x76)) & BYTES(0x80)) >> 7; /* left 0..9: 10 or -1 */
    /* The player meets slot y - 1 (the one on its row) before or after the move: gold is collected (+1),
     * an enemy ends the game and stays. (Gold met before the move moves before it is removed: only the
     * x of a dead slot differs.) */
    const int sh = 8 * (y - 1);
    const uint64_t hit = A0 & (uint64_t)(((uint8_t)(E0 >> sh) == x) | ((uint8_t)(E >> sh) == x)) << sh;
    const uint64_t gold = hit & G; /* bit sh or 0 */
    const int reward = (int)(gold >> sh), terminal = hit != gold;
    store8(g->alive, A0 & ~gone & ~gold);
    store8(g->ex, E);
    g->c.terminal = terminal;
    g->spawn_timer--;
    g->move_timer += (g->move_speed & -move) - 1; /* restarts from move_speed when 0; a mask, not a branch */
    /* ramp, while on and not at full speed: every 101 steps, faster spawns; every second ramp also
     * faster moves. One branch, taken only on the ramp step. */
    if (g->ramp_on & (g->ramp_timer < 0)) ramp_up(g);
    else g->ramp_timer -= g->ramp_on;
    return reward;
}

int asterix_act(Asterix *g, int a) { return act(g, (unsigned)a < 6 ? a : MINATAR_NOOP); }

/* Writes the observation: bits (env_obs_words(400),). Row r is bits 40r .. 40r+39; slot i's entity and
 * trail are in row i + 1 and so is the player (row y = slot y - 1's row). Each slot's row is built as a
 * 40-bit chunk, then the chunks are put in place, so no word is read back from memory. */
static inline __attribute__((always_inline)) void build(const Asterix *g, uint64_t *bits) {
#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__) && defined(__AVX512VBMI__)
    /* the eight slots are the eight 64-bit lanes; with 4 channels a row is exactly 5 bytes, so one
     * byte permutation packs the rows' low 5 bytes into bytes 5 .. 44 (rows 1 .. 8) */
    const __m512i x = _mm512_cvtepu8_epi64(_mm_loadl_epi64((const __m128i *)(const void *)g->ex));
    const __m512i alive = _mm512_cvtepu8_epi64(_mm_loadl_epi64((const __m128i *)(const void *)g->alive));
    const __m128i gold8 = _mm_loadl_epi64((const __m128i *)(const void *)g->gold);
    const __m128i right8 = _mm_loadl_epi64((const __m128i *)(const void *)g->right);
    const __mmask8 gold = _mm_test_epi8_mask(gold8, gold8), right = _mm_test_epi8_mask(right8, right8);
    /* bit 4x, the entity's cell (dead slots: 0; x of a dead slot may be -1, a count past 63, still 0) */
    const __m512i cell = _mm512_sllv_epi64(alive, _mm512_slli_epi64(x, 2));
    /* entity at 4x + 1 (enemy) or 4x + 3 (gold); trail at 4(x -+ 1) + 2: off the row's 40 bits when
     * it is off the grid (right of column 9: dropped by the packing; left of column 0: shifted out) */
    const __m512i entity = _mm512_mask_slli_epi64(_mm512_slli_epi64(cell, 1), gold, cell, 3);
    const __m512i trail = _mm512_mask_srli_epi64(_mm512_slli_epi64(cell, 6), right, cell, 2);
    const __m512i player = _mm512_maskz_set1_epi64((__mmask8)(1u << (g->y - 1)), (long long)(1ull << (4 * g->x)));
    const __m512i row = _mm512_ternarylogic_epi64(entity, trail, player, 0xFE); /* entity | trail | player */
    /* the rows' bits stay below 43 (the trail past column 9), so byte 7 of every lane is zero: row 0 and
     * the bytes past the 400 bits come from there */
    static const uint8_t from[64] = {
        7, 7, 7, 7, 7, 0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 16, 17, 18, 19, 20, 24, 25, 26, 27, 28, 32, 33, 34, 35, 36,
        40, 41, 42, 43, 44, 48, 49, 50, 51, 52, 56, 57, 58, 59, 60, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7};
    _mm512_mask_storeu_epi64(bits, 0x7F, _mm512_permutexvar_epi8(_mm512_loadu_si512(from), row));
#else
    uint64_t w[7] = {0};
    for (int i = 0; i < 8; i++) { /* as above, one slot at a time (right is 0 or 1: a shift, not a branch) */
        const uint64_t cell = (uint64_t)g->alive[i] << (4 * g->ex[i] & 63);
        const uint64_t row = cell << (1 + 2 * g->gold[i]) | (cell << 6) >> (8 * g->right[i]);
        minatar_put_chunk(w, 400, 40 * (i + 1), row & ((1ull << 40) - 1));
    }
    const int player = (g->y * 10 + g->x) * 4;
    w[player >> 6] |= 1ull << (player & 63);
    minatar_store_words(bits, w, 7);
#endif
}

void asterix_observe(const Asterix *g, float *obs) {
    /* obs: (10, 10, 4) */
    uint64_t bits[MINATAR_BITS_WORDS];
    build(g, bits);
    minatar_expand(bits, 400, obs);
}

void asterix_observe_bits(const Asterix *g, uint64_t *bits) {
    /* bits: (env_obs_words(400),) */
    build(g, bits);
}

/* ---- EnvClass ---- */

static int ramp(const void *env) { return ((const Asterix *)env)->ramp_index; }

static int st(const void *env, const char *name, int *v) {
    const Asterix *g = env;
    static const char *const names[] = {"spawn_speed", "spawn_timer", "move_speed", "move_timer", "ramp_timer", "ramp"};
    const int vals[] = {g->spawn_speed, g->spawn_timer, g->move_speed, g->move_timer, g->ramp_timer, g->ramp_index};
    for (int i = 0; i < 6; i++)
        if (!strcmp(name, names[i])) { v[0] = vals[i]; return 1; }
    return -1;
}

static int init(void *env, const EnvOptions *o, EnvInfo *info) {
    memset(env, 0, sizeof(Asterix));
    return minatar_init(env, &asterix_game, o, info);
}
static void seed(void *env, uint64_t s, uint64_t stream) { minatar_seed(env, s, stream); }
static void reset(void *env) { asterix_reset(env); }
static float step(void *env, int action, int *terminated) {
    Asterix *g = env;
    const int r = act(g, minatar_action(&g->c, action));
    *terminated = g->c.terminal;
    return (float)r;
}
static void observe(const void *env, float *obs) { asterix_observe(env, obs); }
static void observe_bits(const void *env, uint64_t *bits) { asterix_observe_bits(env, bits); }

/* One env of a packed vector: act, the vecenv's bookkeeping, reset, observation. */
static inline __attribute__((always_inline)) void step_packed_one(VecEnv *v, int i, int action, float *rewards,
                                                                  unsigned char *terminated,
                                                                  unsigned char *truncated) {
    Asterix *g = (Asterix *)(void *)v->states + i;
    const int r = act(g, minatar_action(&g->c, action));
    if (minatar_batch_end(v->steps, minatar_batch_limit(v), i, r, g->c.terminal, rewards, terminated, truncated))
        reset_game(g);
    build(g, v->bits + 7 * i);
}

/* N > 1. Not inlined into step_packed_n, so that N = 1 does not pay for its loop state. */
__attribute__((noinline)) static void step_packed_loop(VecEnv *v, const int *actions, float *rewards,
                                                       unsigned char *terminated, unsigned char *truncated) {
    for (int i = 0; i < v->n; i++) step_packed_one(v, i, actions[i], rewards, terminated, truncated);
}

/* EnvStepPackedN: step, reset and build inlined into one loop. N = 1 (a common case) on its own: with
 * nothing to keep across envs, it needs no loop state in registers. */
static void step_packed_n(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                          unsigned char *truncated) {
    /* v: Asterixs, bits (n, 7); actions, rewards, terminated, truncated: (n,) */
    if (v->n == 1) {
        step_packed_one(v, 0, actions[0], rewards, terminated, truncated);
        return;
    }
    step_packed_loop(v, actions, rewards, terminated, truncated);
}

/* EnvClass.valid */
static int valid(const void *env) {
    const Asterix *g = env;
    /* y - 1 is the player's slot (a shift of 8(y - 1)); the slots' flags and a live x feed the SWAR step (a live x
     * 0..9 carries out of no byte) and build's shifts; a dead slot keeps the x it left at (-1 or 10) */
    int ok = minatar_common_valid(&g->c) && g->x >= 0 && g->x <= 9 && g->y >= 1 && g->y <= 8;
    for (int i = 0; i < 8; i++)
        ok &= (g->alive[i] == 0 || g->alive[i] == 1) && (g->right[i] == 0 || g->right[i] == 1) &&
              (g->gold[i] == 0 || g->gold[i] == 1) && g->ex[i] >= (g->alive[i] ? 0 : -1) &&
              g->ex[i] <= (g->alive[i] ? 9 : 10);
    /* the timers count down to 0, where they restart (below it they would never run out) */
    ok &= g->spawn_speed >= 1 && g->spawn_speed <= SPAWN_SPEED && g->spawn_timer >= 0 && g->spawn_timer <= SPAWN_SPEED;
    ok &= g->move_speed >= 1 && g->move_speed <= MOVE_SPEED && g->move_timer >= 0 && g->move_timer <= MOVE_SPEED;
    ok &= g->ramp_timer >= -1 && g->ramp_timer <= RAMP_INTERVAL && g->ramp_index >= 0 && g->ramp_index < SPAWN_SPEED;
    return ok && g->ramp_on == (g->c.ramping && (g->spawn_speed > 1 || g->move_speed > 1));
}

const EnvClass asterix_class = {"Asterix-MinAtar", "minatar", sizeof(Asterix), init, seed, reset, step,
                                observe, observe_bits, valid};

static const char *const channels[] = {"player", "enemy", "trail", "gold"};
static const MinatarGlyph glyphs[] = {
    {0, 0, '@', 0, 32, "player"}, {1, 1, 'X', 0, 31, "enemy"}, {3, 3, '$', 0, 35, "gold"},
    {2, 2, '.', 1, 0, "trail: the cell behind an enemy or gold, which moves away from it"},
};
const MinatarGame asterix_game = {&asterix_class, "asterix", 4, channels, 5, {0, 1, 2, 3, 4}, 1000, ramp, st,
        step_packed_n, glyphs, (int)(sizeof glyphs / sizeof glyphs[0])};
