/* minatar.h - the five MinAtar games (Breakout, Asterix, Freeway, SpaceInvaders, Seaquest) on a 10x10
 * grid, written from the project's specification of the games (original MinAtar semantics, plus gymnax
 * 0.0.9's differences under ENV_PRESET_GYMNAX), step for step against the reference trajectories.
 *
 * Each game is a plain, pointer-free struct whose first member is a MinatarCommon (options, sticky
 * actions, the terminal flag and the game's own RNG), so a memcpy checkpoints it. Observations are
 * 10*10*C floats, 0 or 1, at index (row*10 + col)*C + channel (row 0 = top), or the same entries
 * packed as bits (observe_bits: what MinAtar's boolean state() holds, at 1/32 of the bytes).
 *
 * Two levels of API:
 *   <game>_act(g, a)        MinAtar's act(): a is a full-set action 0 n, 1 l, 2 u, 3 r, 4 d, 5 f;
 *                           returns the reward; sets g->c.terminal; a terminal game is left alone.
 *   <game>_class            the EnvClass: action index -> minimal (or full) set, sticky actions, act.
 *
 * Options (EnvOptions): preset GYMNAX (also DEFAULT: what the paper's code ran) = gymnax 0.0.9's rules
 * where they differ (Asterix spawning, SpaceInvaders' first wave and bullet test), no sticky actions,
 * time limits 1000 (Freeway 2500) applied by the vecenv; preset MINATAR = the original, sticky actions
 * with p = 0.1, no time limit (Freeway ends itself after 2501 steps). gymnax 0.0.9 has no Seaquest:
 * it follows the original rules under both presets (the gymnax preset only changes the defaults:
 * no sticky actions, 1000 steps, as gymnax 1.0's port). Minimal action sets by default. */
#ifndef SCORER_MINATAR_H
#define SCORER_MINATAR_H
#include "scorer/env.h"
#include "scorer/vecenv.h"
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#if defined(__SSE2__) || defined(__BMI2__) || defined(__AVX512F__)
#include <immintrin.h>
#endif

/* Full action set: every game accepts all six; irrelevant ones are no-ops. */
enum { MINATAR_NOOP = 0, MINATAR_LEFT = 1, MINATAR_UP = 2, MINATAR_RIGHT = 3, MINATAR_DOWN = 4, MINATAR_FIRE = 5 };

/* ---- randomness: numpy's legacy RandomState (MT19937) or a queue of recorded draws ---- */

enum { MINATAR_RAND = 1, MINATAR_RANDINT = 2 }; /* draw methods */
enum { MINATAR_QUEUE_CAP = 32, MINATAR_MT_N = 624 };
/* faults seen in replay mode (the first one is kept) */
enum { MINATAR_FAULT_NONE, MINATAR_FAULT_EMPTY, MINATAR_FAULT_CALL, MINATAR_FAULT_MT };

typedef struct MinatarDraw {
    int method; /* MINATAR_RAND or MINATAR_RANDINT */
    int lo, hi; /* randint's arguments: k in [lo, hi) */
    int k;      /* randint's value */
    double u;   /* rand's value */
} MinatarDraw;

typedef struct MinatarRng {
    uint32_t mt[MINATAR_MT_N];  /* MT19937 state */
    uint32_t out[MINATAR_MT_N]; /* the tempered outputs of the current block, temper(mt[i]), made by its twist */
    int mti;                    /* next output: out[mti] */
    int fast_end;               /* the inline fast paths read out[mti .. fast_end-1]: MT_N, 0 in replay mode */
    /* Replay (reference checks only): draws come from q instead; each call must match the next
     * entry's method and arguments. With check_mt the MT stream runs alongside and must agree. */
    int replay, check_mt;
    int qhead, qlen;
    MinatarDraw q[MINATAR_QUEUE_CAP];
    int fault;                   /* MINATAR_FAULT_*: first problem seen */
    MinatarDraw fault_call;      /* what the game asked for (u, k: the MT's value for FAULT_MT) */
    MinatarDraw fault_want;      /* the queue entry it met (unset for FAULT_EMPTY) */
} MinatarRng;

void minatar_rng_seed(MinatarRng *r, uint32_t seed); /* init_genrand(seed) = RandomState(seed) */
uint32_t minatar_rng_next32(MinatarRng *r);
double minatar_uniform_slow(MinatarRng *r);          /* replay, or the state needs its twist */
int minatar_randint_slow(MinatarRng *r, int lo, int hi); /* replay, or the state runs out */
void minatar_rng_replay(MinatarRng *r, int check_mt);      /* switch to replay mode, empty queue */
int minatar_rng_push(MinatarRng *r, const MinatarDraw *d); /* -1 when the queue is full */

static inline uint32_t minatar_temper(uint32_t y) {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    return y ^ (y >> 18);
}

/* The fast paths below read the block's outputs in place; anything else (replay, a twist due) goes the slow
 * way. One comparison: fast_end is 0 in replay mode. */
static inline int minatar_rng_fast(const MinatarRng *r, int outputs) {
    return r->mti <= r->fast_end - outputs;
}

/* rand(): [0, 1) from two 32-bit outputs (genrand_res53). Inline: the sticky draw happens every step. */
static inline double minatar_uniform(MinatarRng *r) {
    if (!minatar_rng_fast(r, 2)) return minatar_uniform_slow(r);
    const uint32_t a = r->out[r->mti] >> 5, b = r->out[r->mti + 1] >> 6;
    r->mti += 2;
    return (double)(int64_t)((uint64_t)a << 26 | b) * (1.0 / 9007199254740992.0); /* exact: a 53-bit integer / 2^53 */
}

/* rand() < p (p in [0, 1]), drawing what rand() draws. rand() = x / 2^53 exactly, for the 53-bit
 * integer x = a*2^26 + b made of the two outputs, so rand() < p <=> x < K = ceil(p * 2^53). Compared
 * as integers, the second output only matters (and is only read) when a sits right at K's top
 * bits, a 2^-27 chance: one rare branch, no random one. */
static inline uint64_t minatar_below_k(double p) {
    const double k = p * 9007199254740992.0;
    return (uint64_t)(int64_t)k + ((double)(int64_t)k < k); /* ceil(k), k >= 0 */
}

/* rand() < p with K = minatar_below_k(p) worked out beforehand */
static inline int minatar_uniform_below_k(MinatarRng *r, double p, uint64_t K) {
    if (!minatar_rng_fast(r, 2)) return minatar_uniform_slow(r) < p;
    const uint32_t a = r->out[r->mti] >> 5, ka = (uint32_t)(K >> 26);
    r->mti += 2;
    if (__builtin_expect(a == ka, 0)) return (r->out[r->mti - 1] >> 6) < (uint32_t)(K & 0x3FFFFFFu);
    return a < ka;
}

static inline int minatar_uniform_below(MinatarRng *r, double p) {
    return minatar_uniform_below_k(r, p, minatar_below_k(p));
}

/* randint(lo, hi): [lo, hi), hi > lo; no draw if hi = lo+1. numpy's masked rejection; the mask folds to a
 * constant when the bounds do. Rejected outputs are simply skipped, so the slow path can take over
 * wherever the fast one stops. */
static inline int minatar_randint(MinatarRng *r, int lo, int hi) {
    const uint32_t range = (uint32_t)(hi - lo - 1);
    uint32_t mask = range;
    if (r->replay) return minatar_randint_slow(r, lo, hi); /* the recorded call is there even for one value */
    if (hi - lo <= 1) return lo;
    mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16;
    while (minatar_rng_fast(r, 1)) {
        const uint32_t v = r->out[r->mti++] & mask;
        if (v <= range) return lo + (int)v;
    }
    return minatar_randint_slow(r, lo, hi);
}

/* ---- what every game shares ---- */

typedef struct MinatarCommon {
    MinatarRng rng;
    int preset;       /* ENV_PRESET_MINATAR or ENV_PRESET_GYMNAX (resolved) */
    int ramping;      /* difficulty ramping on */
    int n_actions;    /* 6, or the size of the minimal set */
    int actions[6];   /* action index -> full-set action */
    double sticky;    /* sticky-action probability */
    uint64_t sticky_k; /* minatar_below_k(sticky), set with it: the threshold each step compares with */
    int sticky_draw;  /* draw the sticky uniform every step (MinAtar's wrapper does, even at p = 0) */
    int last_action;  /* previous executed action (full set); MinAtar keeps it across resets */
    int terminal;
} MinatarCommon;

/* How a frame draws channels first..last of a game (minatar_render) and what its legend says of them:
 * channel first is the character sym, first + k is sym + k (Freeway's trails 1..5). A trail is drawn
 * only in a cell no object occupies. A channel of no entry never shows (SpaceInvaders' alien_left and
 * alien_right mark the cells of alien, which is drawn): the legend names exactly what can be seen. */
typedef struct MinatarGlyph {
    int first, last;
    char sym;
    int trail;
    int color;        /* ANSI foreground (31 red ...) on a terminal; 0: the terminal's own (trails) */
    const char *text; /* no two spaces in a row: the legend separates its entries with two */
} MinatarGlyph;

/* Describes one game for generic code (refcheck, play, eval). */
typedef struct MinatarGame {
    const EnvClass *cls;
    const char *refname; /* name in refdata files: breakout, asterix, freeway, space_invaders, seaquest */
    int channels;
    const char *const *channel_names;
    int n_minimal;
    int minimal[6];      /* minimal action set (full-set actions) */
    int gymnax_time_limit;
    int (*ramp)(const void *env); /* difficulty_ramp(): level, -1 for games without ramping */
    /* Internal variable by its refdata `st` name: number of values written to v (<= 2), -1 unknown. */
    int (*st)(const void *env, const char *name, int *v);
    EnvStepPackedN *step_packed_n; /* the batched packed step (vecenv.h) env_step_packed_n finds */
    const MinatarGlyph *glyphs;    /* what minatar_render draws, in the legend's order */
    int n_glyphs;
} MinatarGame;

extern const MinatarGame breakout_game, asterix_game, freeway_game, space_invaders_game, seaquest_game;
extern const EnvClass breakout_class, asterix_class, freeway_class, space_invaders_class, seaquest_class;

const MinatarGame *minatar_game(const EnvClass *cls);           /* NULL when cls is not MinAtar */
const MinatarGame *minatar_game_by_refname(const char *refname); /* NULL when unknown */
const char *const *minatar_channel_names(const EnvClass *cls);   /* NULL when cls is not MinAtar */
const char *minatar_action_name(int action);                      /* a full-set action: "no-op" ... "fire" */

/* Shared EnvClass plumbing (the game files use it). */
int minatar_init(MinatarCommon *c, const MinatarGame *g, const EnvOptions *o, EnvInfo *info);
void minatar_seed(MinatarCommon *c, uint64_t seed, uint64_t stream); /* MT19937 from a 32-bit hash */
/* The shared part of EnvClass.valid: the RNG's indices and mode, the options, the action table, flags. */
int minatar_common_valid(const MinatarCommon *c);
/* Clears terminal (gymnax preset: the previous action too). */
static inline void minatar_reset(MinatarCommon *c) {
    c->terminal = 0;
    if (c->preset == ENV_PRESET_GYMNAX) c->last_action = 0; /* gymnax's StickyActionWrapper resets it */
}

/* Movement without branches (random actions would mispredict them): -1, 0 or +1 along x or y. */
static inline int minatar_dx(int a) { return (a == MINATAR_RIGHT) - (a == MINATAR_LEFT); }
static inline int minatar_dy(int a) { return (a == MINATAR_DOWN) - (a == MINATAR_UP); }
static inline int minatar_clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }
/* minatar_clamp(pos + d, lo, hi) for pos in lo..hi and d in -1..1: the move is taken unless it leaves
 * the range, one unsigned comparison and a select instead of two clamps. */
static inline int minatar_move(int pos, int d, int lo, int hi) {
    const int np = pos + d;
    return (unsigned)(np - lo) <= (unsigned)(hi - lo) ? np : pos;
}

/* Action index -> full-set action with sticky actions applied; returns (and remembers) the executed one. */
static inline int minatar_action(MinatarCommon *c, int index) {
    int a = (unsigned)index < (unsigned)c->n_actions ? c->actions[index] : MINATAR_NOOP;
    if (c->sticky_draw) { /* a select, not a branch: the draw is random, a branch would mispredict */
        const int repeat = minatar_uniform_below_k(&c->rng, c->sticky, c->sticky_k);
        a ^= (a ^ c->last_action) & -repeat;
    }
    return c->last_action = a;
}

/* ---- the games' batched packed steps (EnvStepPackedN), one loop each over the vector's envs ---- */

/* The time limit as minatar_batch_end takes it: 0 for none. */
static inline unsigned minatar_batch_limit(const VecEnv *v) {
    return v->info.time_limit > 0 ? (unsigned)v->info.time_limit : 0u;
}

/* The vecenv's bookkeeping after env i's step (vecenv.c, the generic loop): writes the outputs, counts
 * the step in steps[i] (v->steps) under a time limit, and returns 1 when the env ended and must be reset.
 * limit: minatar_batch_limit(v) */
static inline int minatar_batch_end(int *steps, unsigned limit, int i, int reward, int term, float *rewards,
                                    unsigned char *terminated, unsigned char *truncated) {
    const int trunc = limit && (unsigned)++steps[i] >= limit;
    rewards[i] = (float)reward;
    terminated[i] = (unsigned char)(term != 0);
    truncated[i] = (unsigned char)trunc;
    if (!(term | trunc)) return 0;
    steps[i] = 0;
    return 1;
}

/* Observations are built as bitsets of n = 100*C bits (bit (row*10 + col)*C + ch): in place for
 * observe_bits, in a scratch bitset expanded with wide stores for the float observe. */
enum { MINATAR_BITS_WORDS = 16 }; /* 1000 bits */
void minatar_expand(const uint64_t *bits, int n, float *obs); /* obs[i] = bit i, i < n */

/* Writes the words w[0 .. words-1] of a bitset with one 8-byte store each, on purpose: single bits are
 * then ORed in with 8-byte read-modify-writes, and a load that reads part of a wider, still pending
 * store (what a compiler makes of several plain stores, or of a zeroing loop) cannot be forwarded
 * from it and waits; that stall was a third of a Breakout step. */
static inline void minatar_store_words(uint64_t *bits, const uint64_t *w, int words) {
    volatile uint64_t *out = bits;
    for (int i = 0; i < words; i++) out[i] = w[i];
}

/* Zeroes the env_obs_words(n) words of a bitset, 8 bytes at a time (see minatar_store_words). */
static inline void minatar_clear(uint64_t *bits, int n) {
    volatile uint64_t *w = bits;
    for (int i = 0; i < env_obs_words(n); i++) w[i] = 0;
}

static inline void minatar_bit(uint64_t *bits, int C, int row, int col, int ch) {
    const int i = (row * 10 + col) * C + ch;
    bits[i >> 6] |= 1ull << (i & 63);
}

/* Column mask m (bit c = column c, `cols` columns) spread C bits apart: bit c -> bit c*C. */
static inline uint64_t minatar_spread(unsigned m, int C, int cols) {
#ifdef __BMI2__
    uint64_t pattern = 0;
    for (int c = 0; c < cols; c++) pattern |= 1ull << (c * C); /* constant once inlined */
    return _pdep_u64(m, pattern);
#else
    uint64_t r = 0;
    for (int c = 0; c < cols; c++) r |= (uint64_t)(m >> c & 1u) << (c * C);
    return r;
#endif
}

/* ORs chunk into the bitset of n bits from bit off; chunk's bits past n must be zero. With a constant
 * off and a local w, the words stay in registers. */
static inline void minatar_put_chunk(uint64_t *bits, int n, int off, uint64_t chunk) {
    const int s = off & 63, w = off >> 6;
    bits[w] |= chunk << s;
    if (s && w + 1 < env_obs_words(n)) bits[w + 1] |= chunk >> (64 - s); /* spills into at most one more word */
}

#ifdef __AVX512F__
/* Words 0..7 of a bitset with only bit i set, as one vector: none when i is outside 0..511 (vpsllvq
 * gives 0 for a count of 64 or more, and a negative one is such a count). */
static inline __m512i minatar_bit512(int i) {
    const __m512i lane = _mm512_set_epi64(448, 384, 320, 256, 192, 128, 64, 0);
    return _mm512_sllv_epi64(_mm512_set1_epi64(1), _mm512_sub_epi64(_mm512_set1_epi64(i), lane));
}
#endif

/* Sets channel ch of every column in `cols` (bit c = column c) of one row: the whole row in one
 * 64-bit chunk when 10 columns of C channels fit (C <= 6), else five columns at a time. */
static inline void minatar_bits_row(uint64_t *bits, int C, int row, int ch, unsigned cols) {
    if (C <= 6) {
        minatar_put_chunk(bits, 100 * C, row * 10 * C + ch, minatar_spread(cols, C, 10));
        return;
    }
    minatar_put_chunk(bits, 100 * C, row * 10 * C + ch, minatar_spread(cols & 31u, C, 5));
    minatar_put_chunk(bits, 100 * C, (row * 10 + 5) * C + ch, minatar_spread(cols >> 5 & 31u, C, 5));
}

/* Terminal picture of game g: one coloured symbol per cell (lowest channel wins, trails last), a frame
 * and a legend of the symbols a frame can show. color = 0 writes plain text without escape codes.
 * obs: (10*10*g->channels,) */
void minatar_render(FILE *out, const float *obs, const MinatarGame *g, int color);

/* ---- the games ---- */

typedef struct Breakout {
    MinatarCommon c;
    /* the brick channel as the observation holds it (8 words, the last always zero, so that one
     * 64-byte load reads it); bricks only ever lie in rows 1..3, bits (row*10 + col)*4 + 3 < 192 */
    uint64_t brick[8];
    uint64_t cells;       /* the same bricks, bit row*10 + col (10..39): a one-shift test */
    int pos;              /* paddle column (row 9) */
    int ball;             /* (row*10 + col)*4 + dir; dir 0 up-left, 1 up-right, 2 down-right, 3 down-left */
    int trail;            /* the previous step's ball (its cell is the trail) */
    int strike;           /* a brick was hit on the previous step */
} Breakout;
void breakout_reset(Breakout *g);
int breakout_act(Breakout *g, int a);
void breakout_observe(const Breakout *g, float *obs); /* obs: (400,) */
void breakout_observe_bits(const Breakout *g, uint64_t *bits); /* bits: (400 bits) */

typedef struct Asterix {
    MinatarCommon c;
    int x, y; /* player */
    /* slot i moves along row i + 1; arrays (not structs), each handled as one 64-bit word (byte i = slot i) */
    int8_t alive[8], ex[8], right[8], gold[8];
    int spawn_speed, spawn_timer, move_speed, move_timer, ramp_timer, ramp_index;
    int ramp_on; /* ramping, and spawn_speed or move_speed still above 1 (set by reset and each ramp) */
} Asterix;
void asterix_reset(Asterix *g);
int asterix_act(Asterix *g, int a);
void asterix_observe(const Asterix *g, float *obs); /* obs: (400,) */
void asterix_observe_bits(const Asterix *g, uint64_t *bits); /* bits: (400 bits) */

typedef struct Freeway {
    MinatarCommon c;
    int pos; /* chicken row (column 4) */
    int move_timer, terminate_timer;
    int8_t car_x[8], car_timer[8], car_v[8]; /* car i drives along row i + 1; v in +-1..5 */
} Freeway;
void freeway_reset(Freeway *g);
int freeway_act(Freeway *g, int a);
void freeway_observe(const Freeway *g, float *obs); /* obs: (700,) */
void freeway_observe_bits(const Freeway *g, uint64_t *bits); /* bits: (700 bits) */

typedef struct SpaceInvaders {
    MinatarCommon c;
    int pos;              /* cannon column (row 9) */
    int alien_dir;        /* -1 left, +1 right */
    int move_interval, alien_move_timer, alien_shot_timer, shot_timer, ramp_index;
    uint16_t alien[10], f_bullet[10], e_bullet[10]; /* bit c of [row] */
} SpaceInvaders;
void space_invaders_reset(SpaceInvaders *g);
int space_invaders_act(SpaceInvaders *g, int a);
void space_invaders_observe(const SpaceInvaders *g, float *obs); /* obs: (600,) */
void space_invaders_observe_bits(const SpaceInvaders *g, uint64_t *bits); /* bits: (600 bits) */

/* Seaquest's five lists (friendly bullets, enemy bullets, fish, enemy subs, divers) share one list of
 * lanes, stored by field: lane i holds a thing of kind[i] (SEAQUEST_DEAD: none) at column tx[i], row ty[i],
 * moving tdx[i] = +1 (right) or -1. MinAtar's list of a kind is that kind's lanes in lane order: appends
 * take lane n, a removal only marks its lane dead (the dead are squeezed out now and then, order kept), so
 * the order, the newest-first turns and the first-match collisions are MinAtar's. Timers are kept as the
 * step they run out at (clock counts the steps): an enemy's or diver's move timer is due[i] - clock, a
 * sub's shot timer shot_due[i] - clock (mod 2^16), the spawn and shot timers *_at - clock, so a waiting
 * thing costs nothing. grid holds the observation's bits of the things (channels 2-6 and 9), and count
 * how many things set each, kept up to date move by move. The lists never get near their caps (at the
 * fastest difficulty ~22 fish, 16 subs, 7 enemy bullets, 2 divers at once: see the test); an append to
 * a full list is dropped and counted. SEAQUEST_LANES bounds n: at most 32 lanes (or the things alive, at
 * most the caps' sum of 224) when a step starts, plus 3 appends before the turns and 64 enemy shots
 * during them. Things stay in rows 0..8 (row 9 holds the gauges). */
enum { SEAQUEST_CAP = 64, SEAQUEST_SMALL_CAP = 16, SEAQUEST_LANES = 320 };
enum { SEAQUEST_FBULLET, SEAQUEST_EBULLET, SEAQUEST_FISH, SEAQUEST_SUB, SEAQUEST_DIVER, SEAQUEST_DEAD };
typedef struct Seaquest {
    MinatarCommon c;
    int sub;              /* the player's sub: (row*10 + column)*2 + 1 if facing right */
    int oxygen, diver_count, surface;
    int e_spawn_speed, move_speed, ramp_index;
    unsigned clock;       /* steps taken */
    unsigned e_spawn_at, d_spawn_at, shot_at; /* the enemy and diver spawns, the next shot allowed */
    int n;                /* lanes in use (some may be dead); lanes n.. are all dead */
    int n_fbullet;        /* friendly bullets alive */
    int dropped;          /* appends refused by a full list */
    uint64_t mask[SEAQUEST_DEAD]; /* bit i: lane i (< 64) holds a thing of that kind */
    /* Whole cache lines from here on (64-byte aligned, env_alloc): the step reads and clears these arrays
     * 64 bytes at a time, and a load split across two lines costs more. */
    _Alignas(64) uint64_t grid[17]; /* 1000 bits as the observation's, and a zero word */
    _Alignas(64) uint8_t count[1000]; /* things setting each bit of grid */
    _Alignas(64) int8_t kind[SEAQUEST_LANES];
    int8_t tx[SEAQUEST_LANES], ty[SEAQUEST_LANES], tdx[SEAQUEST_LANES];
    uint16_t due[SEAQUEST_LANES], shot_due[SEAQUEST_LANES];
} Seaquest;
int seaquest_count(const Seaquest *g, int kind); /* things alive of a kind: the length of its list */
/* Appends a thing to its list (tests): at column x 0..9, row y 0..8 (row 9 holds the gauges; nothing
 * goes there). 0, or -1 when the list (or the lanes) are full or the place is off the grid. */
int seaquest_add(Seaquest *g, int kind, int x, int y, int right, int timer, int shot_timer);
void seaquest_reset(Seaquest *g);
int seaquest_act(Seaquest *g, int a);
int seaquest_act_exact(Seaquest *g, int a); /* the same step by MinAtar's loops alone (tests) */
void seaquest_observe(const Seaquest *g, float *obs); /* obs: (1000,) */
void seaquest_observe_bits(const Seaquest *g, uint64_t *bits); /* bits: (1000 bits) */

#endif
