/* seaquest.c - MinAtar Seaquest (ENVIRONMENTS.md 4.5). gymnax 0.0.9 has no Seaquest, so both presets
 * run these original rules (the gymnax preset only changes the defaults: no sticky actions, 1000 steps).
 * Channels: 0 sub_front, 1 sub_back, 2 friendly_bullet, 3 trail, 4 enemy_bullet, 5 enemy_fish,
 * 6 enemy_sub, 7 oxygen_gauge, 8 diver_gauge, 9 diver.
 * +1 per fish or sub shot; surfacing with 6 divers pays oxygen*10/200. Lists keep MinAtar's order
 * (append at the end, iterate newest first) because collisions take the first match. */
#include "scorer/minatar.h"
#include <string.h>

enum {
    MAX_OXYGEN = 200, ENEMY_SPAWN_INTERVAL = 20, DIVER_SPAWN_INTERVAL = 30, MOVE_SPEED = 5,
    SHOT_COOL_DOWN = 5, ENEMY_SHOT_INTERVAL = 10, DIVER_MOVE_INTERVAL = 5, MAX_DIVERS = 6,
};

typedef struct List { SeaquestThing *a; int *n, cap; } List; /* a view of one of the game's lists */

static List fbullets(Seaquest *g) { return (List){g->fbullet, &g->n_fbullet, SEAQUEST_SMALL_CAP}; }
static List ebullets(Seaquest *g) { return (List){g->ebullet, &g->n_ebullet, SEAQUEST_CAP}; }
static List fishes(Seaquest *g) { return (List){g->fish, &g->n_fish, SEAQUEST_CAP}; }
static List subs(Seaquest *g) { return (List){g->sub, &g->n_sub, SEAQUEST_CAP}; }
static List divers(Seaquest *g) { return (List){g->diver, &g->n_diver, SEAQUEST_SMALL_CAP}; }

static void append(Seaquest *g, List l, SeaquestThing t) {
    if (*l.n < l.cap) l.a[(*l.n)++] = t;
    else g->dropped++;
}

static void remove_at(List l, int i) {
    const int after = *l.n - i - 1; /* usually 0: the last one goes, and a call would cost more than the test */
    if (after) memmove(l.a + i, l.a + i + 1, sizeof(SeaquestThing) * (size_t)after);
    (*l.n)--;
}

static int find_at(List l, int x, int y) { /* oldest first */
    for (int i = 0; i < *l.n; i++)
        if (l.a[i].x == x && l.a[i].y == y) return i;
    return -1;
}

static int on_sub(const Seaquest *g, const SeaquestThing *t) { return (t->x == g->x) & (t->y == g->y); }
static int off_grid(const SeaquestThing *t) { return t->x < 0 || t->x > 9; }
static void advance(SeaquestThing *t) { t->x = (int8_t)(t->x + 2 * t->right - 1); }

/* seaquest_reset, inlined into the batched step */
static inline void reset_game(Seaquest *g) {
    minatar_reset(&g->c);
    g->x = 5;
    g->y = 0;
    g->right = 0;
    g->oxygen = MAX_OXYGEN;
    g->diver_count = 0;
    g->surface = 1;
    g->e_spawn_speed = g->e_spawn_timer = ENEMY_SPAWN_INTERVAL;
    g->d_spawn_timer = DIVER_SPAWN_INTERVAL;
    g->move_speed = MOVE_SPEED;
    g->shot_timer = 0;
    g->ramp_index = 0;
    g->n_fbullet = g->n_ebullet = g->n_fish = g->n_sub = g->n_diver = 0;
}

void seaquest_reset(Seaquest *g) { reset_game(g); }

/* The spawns and surfacing are rare (every 20th, 30th step, once an episode): not inlined, so that
 * seaquest_act's frame stays small. */
__attribute__((noinline)) static void spawn_enemy(Seaquest *g) {
    const int right = minatar_uniform_below(&g->c.rng, 1.0 / 2);
    const int is_sub = minatar_uniform_below(&g->c.rng, 1.0 / 3);
    const int row = minatar_randint(&g->c.rng, 1, 9);
    /* a row's enemies all swim one way: skip (draws made) if one goes the other way */
    for (int i = 0; i < g->n_sub; i++)
        if (g->sub[i].y == row && g->sub[i].right != right) return;
    for (int i = 0; i < g->n_fish; i++)
        if (g->fish[i].y == row && g->fish[i].right != right) return;
    const SeaquestThing t = {(int8_t)(right ? 0 : 9), (int8_t)row, (int8_t)right, (int8_t)g->move_speed,
                             ENEMY_SHOT_INTERVAL};
    append(g, is_sub ? subs(g) : fishes(g), t);
}

__attribute__((noinline)) static void spawn_diver(Seaquest *g) {
    const int right = minatar_uniform_below(&g->c.rng, 1.0 / 2);
    const int row = minatar_randint(&g->c.rng, 1, 9);
    append(g, divers(g), (SeaquestThing){(int8_t)(right ? 0 : 9), (int8_t)row, (int8_t)right, DIVER_MOVE_INTERVAL, 0});
}

/* Surfacing with divers: oxygen refill, a bonus for six, and the next difficulty level. The count is
 * decremented after the 6 -> 0 reset too (MinAtar's quirk, kept: later surfacings see -1, -2, ...). */
__attribute__((noinline)) static int surface(Seaquest *g) {
    int reward = 0;
    g->surface = 1;
    if (g->diver_count == MAX_DIVERS) {
        g->diver_count = 0;
        reward = g->oxygen * 10 / MAX_OXYGEN;
    }
    g->oxygen = MAX_OXYGEN;
    g->diver_count--;
    if (g->c.ramping && (g->e_spawn_speed > 1 || g->move_speed > 2)) {
        if (g->move_speed > 2 && g->ramp_index % 2) g->move_speed--;
        if (g->e_spawn_speed > 1) g->e_spawn_speed--;
        g->ramp_index++;
    }
    return reward;
}

/* Enemy i of list l (fish or subs) takes its turn; returns 1 if it was removed. */
static inline __attribute__((always_inline)) int enemy_turn(Seaquest *g, List l, int i, int *reward) {
    SeaquestThing *e = &l.a[i];
    if (on_sub(g, e)) g->c.terminal = 1;
    if (e->timer > 0) { e->timer--; return 0; }
    e->timer = (int8_t)g->move_speed;
    advance(e);
    if (off_grid(e)) return 1;
    if (on_sub(g, e)) { g->c.terminal = 1; return 0; }
    const int b = find_at(fbullets(g), e->x, e->y);
    if (b < 0) return 0;
    remove_at(fbullets(g), b);
    (*reward)++;
    return 1;
}

int seaquest_act(Seaquest *g, int a) {
    if (g->c.terminal) return 0;
    int reward = 0;
    if (g->e_spawn_timer == 0) {
        spawn_enemy(g);
        g->e_spawn_timer = g->e_spawn_speed;
    }
    if (g->d_spawn_timer == 0) {
        spawn_diver(g);
        g->d_spawn_timer = DIVER_SPAWN_INTERVAL;
    }
    /* Fire, or move. Branch-free: the action is random, so a branch on it would mispredict. The shot is
     * written after the list's end whatever happens, and counted in only when fired. */
    const int fire = (a == MINATAR_FIRE) & (g->shot_timer == 0), n = g->n_fbullet, room = n < SEAQUEST_SMALL_CAP;
    if (room) g->fbullet[n] = (SeaquestThing){(int8_t)g->x, (int8_t)g->y, (int8_t)g->right, 0, 0};
    g->n_fbullet = n + (fire & room);
    g->dropped += fire & !room;
    g->shot_timer += (SHOT_COOL_DOWN - g->shot_timer) & -fire;
    const int dx = minatar_dx(a), dy = minatar_dy(a); /* both 0 for a shot (a is FIRE) */
    g->x = minatar_move(g->x, dx, 0, 9);
    g->right = dx ? dx > 0 : g->right; /* facing follows left/right */
    g->y = minatar_move(g->y, dy, 0, 8);
    for (int i = g->n_fbullet - 1; i >= 0; i--) { /* friendly bullets hit the oldest fish, else sub */
        SeaquestThing *b = &g->fbullet[i];
        advance(b);
        int k = -1;
        if (!off_grid(b)) {
            if ((k = find_at(fishes(g), b->x, b->y)) >= 0) remove_at(fishes(g), k);
            else if ((k = find_at(subs(g), b->x, b->y)) >= 0) remove_at(subs(g), k);
            if (k >= 0) reward++;
        }
        if (off_grid(b) || k >= 0) remove_at(fbullets(g), i);
    }
    for (int i = g->n_diver - 1; i >= 0; i--) { /* divers: picked up while there is room */
        SeaquestThing *d = &g->diver[i];
        int gone = on_sub(g, d) && g->diver_count < MAX_DIVERS;
        if (!gone && d->timer == 0) {
            d->timer = DIVER_MOVE_INTERVAL;
            advance(d);
            gone = off_grid(d) || (on_sub(g, d) && g->diver_count < MAX_DIVERS);
        } else if (!gone) {
            d->timer--;
        }
        if (gone && !off_grid(d)) g->diver_count++;
        if (gone) remove_at(divers(g), i);
    }
    for (int i = g->n_sub - 1; i >= 0; i--) { /* enemy subs; a sub shot this step still fires */
        const int gone = enemy_turn(g, subs(g), i, &reward);
        SeaquestThing *s = &g->sub[i];
        if (s->shot_timer == 0) {
            s->shot_timer = ENEMY_SHOT_INTERVAL;
            append(g, ebullets(g), (SeaquestThing){s->x, s->y, s->right, 0, 0});
        } else {
            s->shot_timer--;
        }
        if (gone) remove_at(subs(g), i);
    }
    for (int i = g->n_ebullet - 1; i >= 0; i--) { /* enemy bullets, this step's shots included */
        SeaquestThing *b = &g->ebullet[i];
        if (on_sub(g, b)) g->c.terminal = 1;
        advance(b);
        if (off_grid(b)) remove_at(ebullets(g), i);
        else if (on_sub(g, b)) g->c.terminal = 1;
    }
    for (int i = g->n_fish - 1; i >= 0; i--)
        if (enemy_turn(g, fishes(g), i, &reward)) remove_at(fishes(g), i);
    g->e_spawn_timer -= g->e_spawn_timer > 0;
    g->d_spawn_timer -= g->d_spawn_timer > 0;
    g->shot_timer -= g->shot_timer > 0;
    if (g->oxygen <= 0) g->c.terminal = 1;
    /* under water: oxygen runs out; y is random, so this part is branch-free and only the (rarer)
     * surfacing branches */
    const int under = g->y > 0, surfacing = !under & !g->surface;
    g->oxygen -= under;
    g->surface &= !under;
    if (surfacing) {
        if (g->diver_count == 0) g->c.terminal = 1; /* surfacing without a diver */
        else reward += surface(g);
    }
    return reward;
}

/* Sets bit i when ok, else nothing (at bit fallback, a valid index): no branch. */
static void bit_if(uint64_t *bits, int i, int fallback, int ok) {
    i = fallback + ((i - fallback) & -ok);
    bits[i >> 6] |= (uint64_t)ok << (i & 63);
}

static inline __attribute__((always_inline)) void observe_list(uint64_t *bits, const SeaquestThing *a, int n, int ch, int trail) {
    for (int i = 0; i < n; i++) {
        const int cell = a[i].y * 10 + a[i].x, tx = a[i].x + 1 - 2 * a[i].right;
        bits[(cell * 10 + ch) >> 6] |= 1ull << ((cell * 10 + ch) & 63);
        if (trail) /* the trail cell, when on the grid (where things swim is random: no branch) */
            bit_if(bits, (cell - a[i].x + tx) * 10 + 3, cell * 10, (unsigned)tx <= 9);
    }
}

/* Row 9's gauges, bits (90 + col)*10 + channel of the observation, which lie in words 14 and 15: oxygen
 * (channel 7) in columns 0 .. level-1, divers (channel 8) in columns 9-count .. 8. */
static const uint64_t OXYGEN_GAUGE[11][2] = {
    {0x0000000000000000ull, 0x0000000000000000ull}, {0x0000000000000800ull, 0x0000000000000000ull},
    {0x0000000000200800ull, 0x0000000000000000ull}, {0x0000000080200800ull, 0x0000000000000000ull},
    {0x0000020080200800ull, 0x0000000000000000ull}, {0x0008020080200800ull, 0x0000000000000000ull},
    {0x2008020080200800ull, 0x0000000000000000ull}, {0x2008020080200800ull, 0x0000000000000080ull},
    {0x2008020080200800ull, 0x0000000000020080ull}, {0x2008020080200800ull, 0x0000000008020080ull},
    {0x2008020080200800ull, 0x0000002008020080ull}};
static const uint64_t DIVER_GAUGE[MAX_DIVERS + 1][2] = {
    {0x0000000000000000ull, 0x0000000000000000ull}, {0x0000000000000000ull, 0x0000000010000000ull},
    {0x0000000000000000ull, 0x0000000010040000ull}, {0x0000000000000000ull, 0x0000000010040100ull},
    {0x4000000000000000ull, 0x0000000010040100ull}, {0x4010000000000000ull, 0x0000000010040100ull},
    {0x4010040000000000ull, 0x0000000010040100ull}};

/* Writes the observation: bits (env_obs_words(1000),). The gauges come from the tables above and are
 * stored with the rest of the words; then the single cells are ORed in. */
static inline __attribute__((always_inline)) void build(const Seaquest *g, uint64_t *bits) {
    uint64_t w[16] = {0};
    const int oxygen = (g->oxygen > 0 ? g->oxygen : 0) * 10 / MAX_OXYGEN; /* 0 .. 10 */
    /* the count goes below 0 (see surface()): no gauge then */
    const int divers = g->diver_count > 0 ? g->diver_count : 0;
    w[14] = OXYGEN_GAUGE[oxygen][0] | DIVER_GAUGE[divers][0];
    w[15] = OXYGEN_GAUGE[oxygen][1] | DIVER_GAUGE[divers][1];
    minatar_store_words(bits, w, 16);
    const int cell = g->y * 10 + g->x, back = g->x + 1 - 2 * g->right;
    bits[(cell * 10) >> 6] |= 1ull << ((cell * 10) & 63);
    bit_if(bits, (cell - g->x + back) * 10 + 1, cell * 10, (unsigned)back <= 9);
    observe_list(bits, g->fbullet, g->n_fbullet, 2, 0);
    observe_list(bits, g->ebullet, g->n_ebullet, 4, 0);
    observe_list(bits, g->fish, g->n_fish, 5, 1);
    observe_list(bits, g->sub, g->n_sub, 6, 1);
    observe_list(bits, g->diver, g->n_diver, 9, 1);
}

void seaquest_observe(const Seaquest *g, float *obs) {
    /* obs: (10, 10, 10) */
    uint64_t bits[MINATAR_BITS_WORDS];
    build(g, bits);
    minatar_expand(bits, 1000, obs);
}

void seaquest_observe_bits(const Seaquest *g, uint64_t *bits) {
    /* bits: (env_obs_words(1000),) */
    build(g, bits);
}

/* ---- EnvClass ---- */

static int ramp(const void *env) { return ((const Seaquest *)env)->ramp_index; }

static int st(const void *env, const char *name, int *v) {
    const Seaquest *g = env;
    static const char *const names[] = {"or", "oxygen", "divers", "e_spawn_speed", "e_spawn_timer", "d_spawn_timer",
                                        "move_speed", "shot_timer", "surface", "ramp", "nf", "ne", "nfish", "nsub",
                                        "ndiv"};
    const int vals[] = {g->right, g->oxygen, g->diver_count, g->e_spawn_speed, g->e_spawn_timer, g->d_spawn_timer,
                        g->move_speed, g->shot_timer, g->surface, g->ramp_index, g->n_fbullet, g->n_ebullet,
                        g->n_fish, g->n_sub, g->n_diver};
    if (!strcmp(name, "sub")) { v[0] = g->x; v[1] = g->y; return 2; }
    for (int i = 0; i < (int)(sizeof vals / sizeof vals[0]); i++)
        if (!strcmp(name, names[i])) { v[0] = vals[i]; return 1; }
    return -1;
}

static int init(void *env, const EnvOptions *o, EnvInfo *info) {
    memset(env, 0, sizeof(Seaquest));
    return minatar_init(env, &seaquest_game, o, info);
}
static void seed(void *env, uint64_t s, uint64_t stream) { minatar_seed(env, s, stream); }
static void reset(void *env) { seaquest_reset(env); }
static float step(void *env, int action, int *terminated) {
    Seaquest *g = env;
    const int r = seaquest_act(g, minatar_action(&g->c, action));
    *terminated = g->c.terminal;
    return (float)r;
}
static void observe(const void *env, float *obs) { seaquest_observe(env, obs); }
static void observe_bits(const void *env, uint64_t *bits) { seaquest_observe_bits(env, bits); }

/* EnvStepPackedN: step, reset and build inlined into one loop. */
static void step_packed_n(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                          unsigned char *truncated) {
    /* v: Seaquests, bits (n, 16); actions, rewards, terminated, truncated: (n,) */
    Seaquest *g = (Seaquest *)(void *)v->states;
    uint64_t *bits = v->bits;
    int *steps = v->steps;
    const int n = v->n;
    const unsigned limit = minatar_batch_limit(v);
    for (int i = 0; i < n; i++, g++, bits += 16) {
        const int r = seaquest_act(g, minatar_action(&g->c, actions[i]));
        if (minatar_batch_end(steps, limit, i, r, g->c.terminal, rewards, terminated, truncated)) reset_game(g);
        build(g, bits);
    }
}

const EnvClass seaquest_class = {"Seaquest-MinAtar", "minatar", sizeof(Seaquest), init, seed, reset, step, observe, observe_bits};

static const char *const channels[] = {"sub_front", "sub_back", "friendly_bullet", "trail", "enemy_bullet",
                                       "enemy_fish", "enemy_sub", "oxygen_gauge", "diver_gauge", "diver"};
const MinatarGame seaquest_game = {&seaquest_class, "seaquest", 10, channels, 6, {0, 1, 2, 3, 4, 5}, 1000, ramp, st,
        step_packed_n};
