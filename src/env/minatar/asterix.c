/* asterix.c - MinAtar Asterix (ENVIRONMENTS.md 4.2; gymnax's spawning, 5.2, under ENV_PRESET_GYMNAX).
 * Channels: 0 player, 1 enemy, 2 trail, 3 gold. +1 per gold; touching an enemy ends the episode. */
#include "scorer/minatar.h"
#include <string.h>

enum { RAMP_INTERVAL = 100, SPAWN_SPEED = 10, MOVE_SPEED = 5 };

void asterix_reset(Asterix *g) {
    minatar_reset(&g->c);
    g->x = g->y = 5;
    memset(g->alive, 0, sizeof g->alive);
    memset(g->ex, 0, sizeof g->ex);
    g->spawn_speed = g->spawn_timer = SPAWN_SPEED;
    g->move_speed = g->move_timer = MOVE_SPEED;
    g->ramp_timer = RAMP_INTERVAL;
    g->ramp_index = 0;
}

/* Original: a uniformly chosen free slot, nothing when all eight are full. */
static int free_slot_minatar(Asterix *g) {
    int free[8], n = 0;
    for (int i = 0; i < 8; i++)
        if (!g->alive[i]) free[n++] = i;
    return n ? free[minatar_randint(&g->c.rng, 0, n)] : -1;
}

/* gymnax 0.0.9: scans a random permutation from its 2nd element; when that finds nothing, the
 * entity is written, unfilled, over slot perm[7], which holds an entity: that one disappears. */
static int free_slot_gymnax(Asterix *g) {
    int perm[8];
    for (int i = 0; i < 8; i++) perm[i] = i;
    for (int i = 7; i > 0; i--) { /* Fisher-Yates */
        int j = minatar_randint(&g->c.rng, 0, i + 1), t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (int i = 1; i < 8; i++)
        if (!g->alive[perm[i]]) return perm[i];
    g->alive[perm[7]] = 0;
    return -1;
}

static void spawn(Asterix *g) {
    const int right = minatar_uniform(&g->c.rng) < 1.0 / 2;
    const int gold = minatar_uniform(&g->c.rng) < 1.0 / 3;
    const int s = g->c.preset == ENV_PRESET_GYMNAX ? free_slot_gymnax(g) : free_slot_minatar(g);
    if (s < 0) return;
    g->alive[s] = 1;
    g->ex[s] = (int8_t)(right ? 0 : 9);
    g->right[s] = (int8_t)right;
    g->gold[s] = (int8_t)gold;
}

/* Entities on the player: gold is collected (+1 each), an enemy ends the game and stays.
 * Branch-free over all slots: which slots are alive is random, so branches would mispredict. */
static int touch(Asterix *g) {
    int reward = 0, enemy = 0;
    for (int i = 0; i < 8; i++) {
        const int hit = g->alive[i] & (g->ex[i] == g->x) & (i + 1 == g->y);
        reward += hit & g->gold[i];
        enemy |= hit & !g->gold[i];
        g->alive[i] &= (int8_t)!(hit & g->gold[i]);
    }
    g->c.terminal |= enemy;
    return reward;
}

int asterix_act(Asterix *g, int a) {
    if (g->c.terminal) return 0;
    int reward = 0;
    if (g->spawn_timer == 0) {
        spawn(g);
        g->spawn_timer = g->spawn_speed;
    }
    g->x = minatar_clamp(g->x + minatar_dx(a), 0, 9);
    g->y = minatar_clamp(g->y + minatar_dy(a), 1, 8);
    reward += touch(g);
    if (g->move_timer == 0) { /* each entity moves, then meets the player (slots are on different rows) */
        g->move_timer = g->move_speed;
        for (int i = 0; i < 8; i++) {
            g->ex[i] = (int8_t)(g->ex[i] + g->alive[i] * (2 * g->right[i] - 1));
            g->alive[i] &= (int8_t)(g->ex[i] >= 0 && g->ex[i] <= 9); /* left the grid */
        }
        reward += touch(g);
    }
    g->spawn_timer--;
    g->move_timer--;
    /* ramp: every 101 steps, faster spawns; every second ramp also faster moves */
    if (g->c.ramping && (g->spawn_speed > 1 || g->move_speed > 1)) {
        if (g->ramp_timer >= 0) g->ramp_timer--;
        else {
            if (g->move_speed > 1 && g->ramp_index % 2) g->move_speed--;
            if (g->spawn_speed > 1) g->spawn_speed--;
            g->ramp_index++;
            g->ramp_timer = RAMP_INTERVAL;
        }
    }
    return reward;
}

/* Sets the observation's bits in a zeroed bitset: bits (env_obs_words(400),) */
static void build(const Asterix *g, uint64_t *bits) {
    minatar_bit(bits, 4, g->y, g->x, 0);
    for (int i = 0; i < 8; i++) { /* branch-free; a dead slot's x stays in -1..10, so indices stay in range */
        const int x = g->ex[i], at = ((i + 1) * 10 + x) * 4 + (g->gold[i] ? 3 : 1);
        const int tx = g->right[i] ? x - 1 : x + 1, trail = ((i + 1) * 10 + tx) * 4 + 2;
        bits[at >> 6] |= (uint64_t)g->alive[i] << (at & 63);
        bits[trail >> 6] |= (uint64_t)(g->alive[i] & (tx >= 0 && tx <= 9)) << (trail & 63);
    }
}

void asterix_observe(const Asterix *g, float *obs) {
    /* obs: (10, 10, 4) */
    uint64_t bits[MINATAR_BITS_WORDS];
    minatar_clear(bits, 400);
    build(g, bits);
    minatar_expand(bits, 400, obs);
}

void asterix_observe_bits(const Asterix *g, uint64_t *bits) {
    /* bits: (env_obs_words(400),) */
    minatar_clear(bits, 400);
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
    const int r = asterix_act(g, minatar_action(&g->c, action));
    *terminated = g->c.terminal;
    return (float)r;
}
static void observe(const void *env, float *obs) { asterix_observe(env, obs); }
static void observe_bits(const void *env, uint64_t *bits) { asterix_observe_bits(env, bits); }

const EnvClass asterix_class = {"Asterix-MinAtar", "minatar", sizeof(Asterix), init, seed, reset, step, observe, observe_bits};

static const char *const channels[] = {"player", "enemy", "trail", "gold"};
const MinatarGame asterix_game = {&asterix_class, "asterix", 4, channels, 5, {0, 1, 2, 3, 4}, 1000, ramp, st};
