/* space_invaders.c - MinAtar SpaceInvaders (ENVIRONMENTS.md 4.4; gymnax 5.4 under ENV_PRESET_GYMNAX:
 * a first wave of 28 aliens and enemy bullets tested at the cannon's old column).
 * Channels: 0 cannon, 1 alien, 2 alien_left, 3 alien_right, 4 friendly_bullet, 5 enemy_bullet.
 * +1 per alien. Fully deterministic. Grids are one 10-bit mask per row (bit c = column c). */
#include "scorer/minatar.h"
#include <string.h>

enum { SHOT_COOL_DOWN = 5, ENEMY_MOVE_INTERVAL = 12, ENEMY_SHOT_INTERVAL = 10 };
enum { WAVE_COLS = 0xFC, GYMNAX_FIRST_WAVE_COLS = 0x1FC }; /* columns 2..7, 2..8 */

static void fill_wave(SpaceInvaders *g, unsigned cols) {
    for (int r = 0; r < 4; r++) g->alien[r] = (uint16_t)cols;
}

/* space_invaders_reset, inlined into the batched step */
static inline void reset_game(SpaceInvaders *g) {
    minatar_reset(&g->c);
    g->pos = 5;
    memset(g->alien, 0, sizeof g->alien);
    memset(g->f_bullet, 0, sizeof g->f_bullet);
    memset(g->e_bullet, 0, sizeof g->e_bullet);
    fill_wave(g, g->c.preset == ENV_PRESET_GYMNAX ? GYMNAX_FIRST_WAVE_COLS : WAVE_COLS);
    g->alien_dir = -1;
    g->move_interval = g->alien_move_timer = ENEMY_MOVE_INTERVAL;
    g->alien_shot_timer = ENEMY_SHOT_INTERVAL;
    g->shot_timer = 0;
    g->ramp_index = 0;
}

void space_invaders_reset(SpaceInvaders *g) { reset_game(g); }

static int count_aliens(const SpaceInvaders *g) {
    int n = 0;
    for (int r = 0; r < 10; r++) n += __builtin_popcount(g->alien[r]);
    return n;
}

static void move_aliens(SpaceInvaders *g) {
    unsigned cols = 0;
    for (int r = 0; r < 10; r++) cols |= g->alien[r];
    if ((cols & 1u && g->alien_dir < 0) || (cols >> 9 & 1u && g->alien_dir > 0)) {
        /* at the wall: turn and come down one row, cyclically (a row-9 alien has already won) */
        g->alien_dir = -g->alien_dir;
        if (g->alien[9]) g->c.terminal = 1;
        const uint16_t bottom = g->alien[9];
        memmove(g->alien + 1, g->alien, 9 * sizeof g->alien[0]);
        g->alien[0] = bottom;
    } else {
        for (int r = 0; r < 10; r++)
            g->alien[r] = (uint16_t)(g->alien_dir > 0 ? g->alien[r] << 1 : g->alien[r] >> 1);
    }
}

/* The lowest alien of the nearest column (ties: the lower column) fires from its own cell. */
static void alien_shoot(SpaceInvaders *g) {
    unsigned cols = 0;
    for (int r = 0; r < 10; r++) cols |= g->alien[r];
    for (int d = 0; d < 10; d++) {
        for (int side = 0; side < 2; side++) {
            const int c = side ? g->pos + d : g->pos - d;
            if (c < 0 || c > 9 || (side && d == 0) || !(cols >> c & 1u)) continue;
            int r = 9;
            while (!(g->alien[r] >> c & 1u)) r--;
            g->e_bullet[r] |= (uint16_t)(1u << c);
            return;
        }
    }
}

int space_invaders_act(SpaceInvaders *g, int a) {
    if (g->c.terminal) return 0;
    int reward = 0;
    const int old_pos = g->pos;
    const int fire = a == MINATAR_FIRE && g->shot_timer == 0;
    g->f_bullet[9] |= (uint16_t)((unsigned)fire << g->pos);
    g->shot_timer = fire ? SHOT_COOL_DOWN : g->shot_timer;
    g->pos = minatar_move(g->pos, minatar_dx(a), 0, 9);
    memmove(g->f_bullet, g->f_bullet + 1, 9 * sizeof g->f_bullet[0]); /* up; row 0 leaves */
    g->f_bullet[9] = 0;
    memmove(g->e_bullet + 1, g->e_bullet, 9 * sizeof g->e_bullet[0]); /* down; row 9 leaves */
    g->e_bullet[0] = 0;
    const int hit_col = g->c.preset == ENV_PRESET_GYMNAX ? old_pos : g->pos;
    if (g->e_bullet[9] >> hit_col & 1u) g->c.terminal = 1;
    if (g->alien[9] >> g->pos & 1u) g->c.terminal = 1;
    if (g->alien_move_timer == 0) {
        const int n = count_aliens(g);
        g->alien_move_timer = n < g->move_interval ? n : g->move_interval; /* fewer aliens move faster */
        move_aliens(g);
        if (g->alien[9] >> g->pos & 1u) g->c.terminal = 1;
    }
    if (g->alien_shot_timer == 0) {
        g->alien_shot_timer = ENEMY_SHOT_INTERVAL;
        alien_shoot(g);
    }
    for (int r = 0; r < 10; r++) {
        const unsigned kill = g->alien[r] & g->f_bullet[r];
        if (!kill) continue;
        reward += __builtin_popcount(kill);
        g->alien[r] &= (uint16_t)~kill;
        g->f_bullet[r] &= (uint16_t)~kill;
    }
    if (g->shot_timer > 0) g->shot_timer--;
    g->alien_move_timer--;
    g->alien_shot_timer--;
    if (!count_aliens(g)) { /* wave cleared: the next one moves faster (down to every 6th step) */
        if (g->c.ramping && g->move_interval > 6) {
            g->move_interval--;
            g->ramp_index++;
        }
        fill_wave(g, WAVE_COLS);
    }
    return reward;
}

/* Sets the observation's bits in a zeroed bitset: bits (env_obs_words(600),) */
static inline __attribute__((always_inline)) void build(const SpaceInvaders *g, uint64_t *bits) {
    minatar_bit(bits, 6, 9, g->pos, 0);
    const int dir_ch = g->alien_dir < 0 ? 2 : 3;
    for (int r = 0; r < 10; r++) {
        if (g->alien[r]) {
            minatar_bits_row(bits, 6, r, 1, g->alien[r]);
            minatar_bits_row(bits, 6, r, dir_ch, g->alien[r]);
        }
        if (g->f_bullet[r]) minatar_bits_row(bits, 6, r, 4, g->f_bullet[r]);
        if (g->e_bullet[r]) minatar_bits_row(bits, 6, r, 5, g->e_bullet[r]);
    }
}

void space_invaders_observe(const SpaceInvaders *g, float *obs) {
    /* obs: (10, 10, 6) */
    uint64_t bits[MINATAR_BITS_WORDS];
    minatar_clear(bits, 600);
    build(g, bits);
    minatar_expand(bits, 600, obs);
}

void space_invaders_observe_bits(const SpaceInvaders *g, uint64_t *bits) {
    /* bits: (env_obs_words(600),) */
    minatar_clear(bits, 600);
    build(g, bits);
}

/* ---- EnvClass ---- */

static int ramp(const void *env) { return ((const SpaceInvaders *)env)->ramp_index; }

static int st(const void *env, const char *name, int *v) {
    const SpaceInvaders *g = env;
    static const char *const names[] = {"pos", "dir", "move_interval", "move_timer", "shot_timer", "alien_shot_timer",
                                        "ramp"};
    const int vals[] = {g->pos, g->alien_dir, g->move_interval, g->alien_move_timer, g->shot_timer,
                        g->alien_shot_timer, g->ramp_index};
    for (int i = 0; i < 7; i++)
        if (!strcmp(name, names[i])) { v[0] = vals[i]; return 1; }
    return -1;
}

static int init(void *env, const EnvOptions *o, EnvInfo *info) {
    memset(env, 0, sizeof(SpaceInvaders));
    return minatar_init(env, &space_invaders_game, o, info);
}
static void seed(void *env, uint64_t s, uint64_t stream) { minatar_seed(env, s, stream); }
static void reset(void *env) { space_invaders_reset(env); }
static float step(void *env, int action, int *terminated) {
    SpaceInvaders *g = env;
    const int r = space_invaders_act(g, minatar_action(&g->c, action));
    *terminated = g->c.terminal;
    return (float)r;
}
static void observe(const void *env, float *obs) { space_invaders_observe(env, obs); }
static void observe_bits(const void *env, uint64_t *bits) { space_invaders_observe_bits(env, bits); }

/* EnvStepPackedN: step, reset and build inlined into one loop. */
static void step_packed_n(VecEnv *v, const int *actions, float *rewards, unsigned char *terminated,
                          unsigned char *truncated) {
    /* v: SpaceInvaderss, bits (n, 10); actions, rewards, terminated, truncated: (n,) */
    SpaceInvaders *g = (SpaceInvaders *)(void *)v->states;
    uint64_t *bits = v->bits;
    int *steps = v->steps;
    const int n = v->n;
    const unsigned limit = minatar_batch_limit(v);
    for (int i = 0; i < n; i++, g++, bits += 10) {
        const int r = space_invaders_act(g, minatar_action(&g->c, actions[i]));
        if (minatar_batch_end(steps, limit, i, r, g->c.terminal, rewards, terminated, truncated)) reset_game(g);
        minatar_clear(bits, 600);
        build(g, bits);
    }
}

/* EnvClass.valid */
static int valid(const void *env) {
    const SpaceInvaders *g = env;
    int ok = minatar_common_valid(&g->c) && g->pos >= 0 && g->pos <= 9 && (g->alien_dir == -1 || g->alien_dir == 1);
    /* each ramp made move_interval one smaller, down to 6 */
    ok &= g->move_interval >= 6 && g->move_interval <= ENEMY_MOVE_INTERVAL &&
          g->ramp_index == ENEMY_MOVE_INTERVAL - g->move_interval;
    /* the timers count down to 0, where they restart (below it they would never run out) */
    ok &= g->alien_move_timer >= 0 && g->alien_move_timer <= ENEMY_MOVE_INTERVAL && g->alien_shot_timer >= 0 &&
          g->alien_shot_timer <= ENEMY_SHOT_INTERVAL && g->shot_timer >= 0 && g->shot_timer <= SHOT_COOL_DOWN;
    unsigned aliens = 0;
    for (int r = 0; r < 10; r++) { /* rows of 10 columns */
        ok &= g->alien[r] < 1024 && g->f_bullet[r] < 1024 && g->e_bullet[r] < 1024;
        aliens |= g->alien[r];
    }
    return ok && aliens; /* a cleared wave is refilled in the same step (the move timer restarts from the count) */
}

const EnvClass space_invaders_class = {"SpaceInvaders-MinAtar", "minatar", sizeof(SpaceInvaders), init, seed, reset,
                                       step, observe, observe_bits, valid};

static const char *const channels[] = {"cannon", "alien", "alien_left", "alien_right", "friendly_bullet",
                                       "enemy_bullet"};
/* alien_left and alien_right (the wave's direction) mark the cells of alien: never seen */
static const MinatarGlyph glyphs[] = {
    {0, 0, '^', 0, 32, "your cannon"}, {1, 1, 'M', 0, 35, "alien"}, {4, 4, '*', 0, 36, "your bullet"},
    {5, 5, '!', 0, 31, "alien bullet"},
};
const MinatarGame space_invaders_game = {&space_invaders_class, "space_invaders", 6, channels, 4, {0, 1, 3, 5},
                                         1000, ramp, st, step_packed_n, glyphs,
                                         (int)(sizeof glyphs / sizeof glyphs[0])};
