/* minatar.c - what the five MinAtar games share: numpy's legacy RandomState (MT19937 from its
 * public definition, ENVIRONMENTS.md section 3), the replay queue the reference checks feed it from,
 * options, sticky actions and the game table. */
#include "scorer/minatar.h"
#include "scorer/bitset.h"
#include <string.h>

/* ---- MT19937 (Matsumoto & Nishimura), numpy legacy rand/randint on top ---- */

enum { MT_M = 397 };
#define MT_N MINATAR_MT_N

void minatar_rng_seed(MinatarRng *r, uint32_t seed) {
    /* init_genrand: what RandomState(seed) does for an integer seed */
    r->mt[0] = seed;
    for (int i = 1; i < MT_N; i++) r->mt[i] = 1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + (uint32_t)i;
    r->mti = MT_N; /* the first draw twists, which makes out[] */
    r->fast_end = r->replay ? 0 : MT_N;
}

static inline uint32_t mt_mix(uint32_t hi, uint32_t lo, uint32_t far) {
    uint32_t y = (hi & 0x80000000u) | (lo & 0x7fffffffu);
    return far ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
}

/* The next block: the state's twist, then its outputs tempered all at once (the loops vectorise). */
static void mt_twist(MinatarRng *r) {
    uint32_t *mt = r->mt;
    int i = 0;
    for (; i < MT_N - MT_M; i++) mt[i] = mt_mix(mt[i], mt[i + 1], mt[i + MT_M]);
    for (; i < MT_N - 1; i++) mt[i] = mt_mix(mt[i], mt[i + 1], mt[i + MT_M - MT_N]);
    mt[MT_N - 1] = mt_mix(mt[MT_N - 1], mt[0], mt[MT_M - 1]);
    for (i = 0; i < MT_N; i++) r->out[i] = minatar_temper(mt[i]);
}

uint32_t minatar_rng_next32(MinatarRng *r) {
    if (r->mti >= MT_N) { mt_twist(r); r->mti = 0; }
    return r->out[r->mti++];
}

static double mt_uniform(MinatarRng *r) {
    /* genrand_res53: 27 + 26 bits */
    uint32_t a = minatar_rng_next32(r) >> 5, b = minatar_rng_next32(r) >> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
}

static int mt_randint(MinatarRng *r, int lo, int hi) {
    /* masked rejection over [0, hi-lo-1]; a one-value range draws nothing */
    uint32_t range = (uint32_t)(hi - lo - 1), mask = range, v;
    if (hi - lo <= 1) return lo;
    mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16;
    while ((v = minatar_rng_next32(r) & mask) > range) {}
    return lo + (int)v;
}

/* ---- replay ---- */

void minatar_rng_replay(MinatarRng *r, int check_mt) {
    r->replay = 1;
    r->fast_end = 0; /* every draw goes the slow way, through the queue */
    r->check_mt = check_mt;
    r->qhead = r->qlen = 0;
    r->fault = MINATAR_FAULT_NONE;
}

int minatar_rng_push(MinatarRng *r, const MinatarDraw *d) {
    if (r->qhead + r->qlen >= MINATAR_QUEUE_CAP) return -1;
    r->q[r->qhead + r->qlen++] = *d;
    return 0;
}

static void replay_fault(MinatarRng *r, int fault, const MinatarDraw *call, const MinatarDraw *want) {
    if (r->fault) return;
    r->fault = fault;
    r->fault_call = *call;
    if (want) r->fault_want = *want;
}

/* Next queued draw if it is the call the game makes, else NULL (fault recorded). */
static const MinatarDraw *replay_pop(MinatarRng *r, const MinatarDraw *call) {
    if (!r->qlen) { replay_fault(r, MINATAR_FAULT_EMPTY, call, NULL); return NULL; }
    const MinatarDraw *d = &r->q[r->qhead];
    if (--r->qlen) r->qhead++;
    else r->qhead = 0; /* the slot stays readable until the next push */
    if (d->method != call->method || (d->method == MINATAR_RANDINT && (d->lo != call->lo || d->hi != call->hi))) {
        replay_fault(r, MINATAR_FAULT_CALL, call, d);
        return NULL;
    }
    return d;
}

double minatar_uniform_slow(MinatarRng *r) {
    if (!r->replay) return mt_uniform(r);
    MinatarDraw call = {MINATAR_RAND, 0, 0, 0, 0.0};
    const MinatarDraw *d = replay_pop(r, &call);
    if (r->check_mt) {
        call.u = mt_uniform(r);
        if (d && d->u != call.u) replay_fault(r, MINATAR_FAULT_MT, &call, d);
    }
    return d ? d->u : 0.0;
}

int minatar_randint_slow(MinatarRng *r, int lo, int hi) {
    if (!r->replay) return mt_randint(r, lo, hi);
    MinatarDraw call = {MINATAR_RANDINT, lo, hi, 0, 0.0};
    const MinatarDraw *d = replay_pop(r, &call);
    if (r->check_mt) {
        call.k = mt_randint(r, lo, hi);
        if (d && d->k != call.k) replay_fault(r, MINATAR_FAULT_MT, &call, d);
    }
    return d ? d->k : lo; /* the queue's value was checked to lie in [lo, hi) when it was read */
}

/* ---- options, sticky actions, the game table ---- */

int minatar_init(MinatarCommon *c, const MinatarGame *g, const EnvOptions *o, EnvInfo *info) {
    if (o->preset < ENV_PRESET_DEFAULT || o->preset > ENV_PRESET_GYMNAX) return -1;
    if (o->full_action_set > 1 || o->difficulty_ramping > 1 || !(o->sticky_prob <= 1.0)) return -1;
    /* gymnax is what the paper's code ran, so it is the default */
    const int orig = o->preset == ENV_PRESET_MINATAR;
    c->preset = orig ? ENV_PRESET_MINATAR : ENV_PRESET_GYMNAX;
    c->sticky = o->sticky_prob >= 0.0 ? o->sticky_prob : (orig ? 0.1 : 0.0);
    c->sticky_k = minatar_below_k(c->sticky);
    c->sticky_draw = orig || c->sticky > 0.0; /* MinAtar's wrapper draws even at p = 0: keeps its streams */
    c->ramping = o->difficulty_ramping != 0;
    const int full = o->full_action_set > 0;
    c->n_actions = full ? 6 : g->n_minimal;
    for (int i = 0; i < c->n_actions; i++) c->actions[i] = full ? i : g->minimal[i];
    c->last_action = 0;
    c->terminal = 0;
    minatar_seed(c, 0, 0);
    info->obs_dim = 100 * g->channels;
    info->n_actions = c->n_actions;
    info->time_limit = o->time_limit >= 0 ? o->time_limit : (orig ? 0 : g->gymnax_time_limit);
    info->binary_obs = 1;
    return 0;
}

int minatar_common_valid(const MinatarCommon *c) {
    const MinatarRng *r = &c->rng;
    int ok = (r->replay == 0 || r->replay == 1) && (r->check_mt == 0 || r->check_mt == 1) && r->mti >= 0 &&
             r->mti <= MT_N && r->fast_end == (r->replay ? 0 : MT_N) && r->qhead >= 0 && r->qhead <= MINATAR_QUEUE_CAP &&
             r->qlen >= 0 && r->qlen <= MINATAR_QUEUE_CAP - r->qhead && /* no qhead + qlen: it could overflow */
             r->fault >= MINATAR_FAULT_NONE && r->fault <= MINATAR_FAULT_MT;
    ok &= (c->preset == ENV_PRESET_MINATAR || c->preset == ENV_PRESET_GYMNAX) && (c->ramping == 0 || c->ramping == 1);
    ok &= c->n_actions >= 1 && c->n_actions <= 6 && c->last_action >= 0 && c->last_action <= 5;
    for (int i = 0; i < 6; i++) ok &= i >= c->n_actions || (c->actions[i] >= 0 && c->actions[i] <= 5);
    ok &= c->sticky >= 0.0 && c->sticky <= 1.0 && c->sticky_k == minatar_below_k(c->sticky);
    uint32_t any = 0; /* MT19937 never leaves the all-zero state (every draw 0), and seeding never makes it */
    for (int i = 0; i < MT_N; i++) any |= r->mt[i];
    ok &= any != 0;
    return ok && (c->sticky_draw == 0 || c->sticky_draw == 1) && (c->terminal == 0 || c->terminal == 1);
}

void minatar_seed(MinatarCommon *c, uint64_t seed, uint64_t stream) {
    /* splitmix64 finaliser of (seed, stream), top 32 bits: MT19937 takes a 32-bit seed */
    uint64_t z = seed + 0x9E3779B97F4A7C15ull * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    minatar_rng_seed(&c->rng, (uint32_t)(z >> 32));
}

void minatar_expand(const uint64_t *bits, int n, float *obs) {
    /* bits: (>= n bits), obs: (n,) */
    bitset_unpack((const unsigned char *)bits, n, obs); /* the words' bytes, little-endian */
}

static const MinatarGame *const games[] = {&breakout_game, &asterix_game, &freeway_game, &space_invaders_game,
                                           &seaquest_game};
enum { NGAMES = (int)(sizeof games / sizeof games[0]) };

const MinatarGame *minatar_game(const EnvClass *cls) {
    for (int i = 0; i < NGAMES; i++)
        if (games[i]->cls == cls) return games[i];
    return NULL;
}

const MinatarGame *minatar_game_by_refname(const char *refname) {
    for (int i = 0; i < NGAMES; i++)
        if (!strcmp(games[i]->refname, refname)) return games[i];
    return NULL;
}

const char *minatar_action_name(int action) {
    static const char *const names[6] = {"no-op", "left", "up", "right", "down", "fire"};
    return (unsigned)action < 6 ? names[action] : "?";
}

const char *const *minatar_channel_names(const EnvClass *cls) {
    const MinatarGame *g = minatar_game(cls);
    return g ? g->channel_names : NULL;
}
