/* seaquest.c - MinAtar Seaquest (ENVIRONMENTS.md 4.5). gymnax 0.0.9 has no Seaquest, so both presets
 * run these original rules (the gymnax preset only changes the defaults: no sticky actions, 1000 steps).
 * Channels: 0 sub_front, 1 sub_back, 2 friendly_bullet, 3 trail, 4 enemy_bullet, 5 enemy_fish,
 * 6 enemy_sub, 7 oxygen_gauge, 8 diver_gauge, 9 diver.
 * +1 per fish or sub shot; surfacing with 6 divers pays oxygen*10/200. The lists keep MinAtar's order
 * (append at the end, iterate newest first) because collisions take the first match: they are the
 * lanes of one kind in the shared lane list (minatar.h).
 *
 * The things' turns (the bullets, divers, subs, enemy bullets and fish of a step, one list after the
 * other, newest first) have two implementations. things_exact is MinAtar's loops, one thing at a time.
 * things_fast takes the steps where the order cannot matter (over 99% of random ones): it visits only
 * the things that move (bullets, and enemies and divers whose timer runs out) and the subs that fire,
 * keeps the grid of the things' bits up to date, and looks in it for what they meet; when a friendly
 * bullet meets an enemy or a diver reaches the sub, it puts back what it did and hands the step to
 * things_exact (the grid is rebuilt after it). The observation is the grid, the gauges and the sub.
 *
 * Costs, measured rather than guessed: branches on random things (how many move, whether a shot leaves)
 * mispredict, so what varies is kept to a few loops over the movers; and a load cannot take its data
 * from narrower stores still in flight (or a word from the upper half of a 64-byte store): it waits
 * until they are written, so what the step reads back is read as it was written. */
#include "scorer/minatar.h"
#include <string.h>

#if defined(__AVX512F__) && defined(__AVX512BW__)
#define SEAQUEST_AVX512 1
#else
#define SEAQUEST_AVX512 0
#endif

enum {
    MAX_OXYGEN = 200, ENEMY_SPAWN_INTERVAL = 20, DIVER_SPAWN_INTERVAL = 30, MOVE_SPEED = 5,
    SHOT_COOL_DOWN = 5, ENEMY_SHOT_INTERVAL = 10, DIVER_MOVE_INTERVAL = 5, MAX_DIVERS = 6,
};
enum { FB = SEAQUEST_FBULLET, EB = SEAQUEST_EBULLET, FISH = SEAQUEST_FISH, SUB = SEAQUEST_SUB,
       DIVER = SEAQUEST_DIVER, DEAD = SEAQUEST_DEAD };
/* A step starts by squeezing out the dead lanes when more than COMPACT_ABOVE are in use; things_fast
 * takes up to FAST_LANES lanes. */
enum { COMPACT_ABOVE = 32, FAST_LANES = 32 };

static const int CAP[DEAD] = {SEAQUEST_SMALL_CAP, SEAQUEST_CAP, SEAQUEST_CAP, SEAQUEST_CAP, SEAQUEST_SMALL_CAP};
static const int CHANNEL[DEAD] = {2, 4, 5, 6, 9};

/* ---- the grid ---- */

/* Words are copied and cleared one 8-byte access at a time, on purpose: the grid and the masks are
 * changed and read by 8-byte accesses, and an 8-byte load cannot take its data from the upper half of a
 * 64-byte store (what a compiler makes of a memset or memcpy) still in flight. */
#ifndef __AVX2__ /* build() copies with AVX2 when it can */
static inline void copy_words(uint64_t *to, const uint64_t *from, int n) {
    volatile uint64_t *t = to;
    for (int i = 0; i < n; i++) t[i] = from[i];
}
#endif
static inline void zero_words(uint64_t *to, int n) {
    volatile uint64_t *t = to;
    for (int i = 0; i < n; i++) t[i] = 0;
}

/* All the counts to zero (things_exact's shots from off the grid touch counts past row 8 for a moment):
 * a memset of this size is a rep stos, whose start-up cost was 2% of a step (it runs at every reset of
 * a game with things). */
static inline void zero_counts(Seaquest *g) {
#if SEAQUEST_AVX512
    for (int i = 0; i < 960; i += 64) _mm512_storeu_si512(g->count + i, _mm512_setzero_si512());
    _mm512_storeu_si512(g->count + sizeof g->count - 64, _mm512_setzero_si512());
#else
    memset(g->count, 0, sizeof g->count);
#endif
}

/* One more thing sets bit p / one less (the bit is set while any does). The _if form does nothing unless
 * ok (p must be a valid index all the same): no branch. */
static inline void bit_on(Seaquest *g, int p) {
    g->count[p]++;
    g->grid[p >> 6] |= 1ull << (p & 63);
}
static inline void bit_off(Seaquest *g, int p) {
    const unsigned left = --g->count[p];
    g->grid[p >> 6] &= ~((uint64_t)(left == 0) << (p & 63));
}
static inline void bit_off_if(Seaquest *g, int p, int ok) {
    const unsigned left = g->count[p] = (uint8_t)(g->count[p] - ok);
    g->grid[p >> 6] &= ~((uint64_t)(ok & (left == 0)) << (p & 63));
}

/* Bits p .. p+63 of the grid (p <= 999: word 16 is zero). */
static inline uint64_t grid_at(const Seaquest *g, int p) {
    const unsigned s = (unsigned)p & 63;
    return g->grid[p >> 6] >> s | (g->grid[(p >> 6) + 1] << 1) << (63 - s);
}

/* Lane i's bits: the thing in its cell, and for fish, subs and divers the trail (channel 3) in the cell
 * it came from, when on the grid. */
static void thing_on(Seaquest *g, int i) {
    const int k = g->kind[i], x = g->tx[i], cell = g->ty[i] * 10 + x;
    bit_on(g, cell * 10 + CHANNEL[k]);
    if (k >= FISH && (unsigned)(x - g->tdx[i]) <= 9) bit_on(g, (cell - g->tdx[i]) * 10 + 3);
}

/* Not inlined: needed after things_exact only. */
__attribute__((noinline)) static void rebuild_grid(Seaquest *g) {
    zero_words(g->grid, 17);
    zero_counts(g);
    for (int i = 0; i < g->n; i++)
        if (g->kind[i] != DEAD) thing_on(g, i);
}

/* ---- the lanes ---- */

int seaquest_count(const Seaquest *g, int kind) {
    if (g->n <= 64) return __builtin_popcountll(g->mask[kind]);
    int c = 0;
    for (int i = 0; i < g->n; i++) c += g->kind[i] == kind;
    return c;
}

/* Appends at lane n (the caller has checked the kind's cap); timers as MinAtar's counts. */
static void put(Seaquest *g, int kind, int x, int y, int dx, int timer, int shot) {
    const int i = g->n++;
    g->kind[i] = (int8_t)kind;
    g->tx[i] = (int8_t)x;
    g->ty[i] = (int8_t)y;
    g->tdx[i] = (int8_t)dx;
    if (kind != FB && kind != EB) { /* bullets move every step and have no timers: writing them anyway made
                                     * the next due_now's wide loads wait for these 2-byte stores */
        g->due[i] = (uint16_t)(g->clock + (unsigned)timer);
        g->shot_due[i] = (uint16_t)(g->clock + (unsigned)shot);
    }
    if (i < 64) g->mask[kind] |= 1ull << i;
    thing_on(g, i);
}

static void append(Seaquest *g, int kind, int x, int y, int dx, int timer, int shot) {
    if (seaquest_count(g, kind) < CAP[kind]) put(g, kind, x, y, dx, timer, shot);
    else g->dropped++;
}

/* Marks lane i dead; its bits are the caller's (things_exact's grid is rebuilt after it). */
static void kill(Seaquest *g, int i) {
    if (i < 64) g->mask[g->kind[i]] &= ~(1ull << i);
    g->kind[i] = DEAD;
}

int seaquest_add(Seaquest *g, int kind, int x, int y, int right, int timer, int shot_timer) {
    if (kind < 0 || kind >= DEAD || (unsigned)x > 9 || (unsigned)y > 8 || g->n >= SEAQUEST_LANES - 3 - SEAQUEST_CAP ||
        seaquest_count(g, kind) >= CAP[kind])
        return -1;
    put(g, kind, x, y, right ? 1 : -1, timer, shot_timer);
    g->n_fbullet += kind == FB;
    return 0;
}

/* Squeezes the dead lanes out, order kept. Not inlined: a step needs it only when more than
 * COMPACT_ABOVE lanes are in use. */
__attribute__((noinline)) static void compact(Seaquest *g) {
    int m = 0;
    zero_words(g->mask, DEAD);
    for (int i = 0; i < g->n; i++) {
        if (g->kind[i] == DEAD) continue;
        g->kind[m] = g->kind[i];
        g->tx[m] = g->tx[i];
        g->ty[m] = g->ty[i];
        g->tdx[m] = g->tdx[i];
        g->due[m] = g->due[i];
        g->shot_due[m] = g->shot_due[i];
        if (m < 64) g->mask[g->kind[m]] |= 1ull << m;
        m++;
    }
    memset(g->kind + m, DEAD, (size_t)(g->n - m));
    g->n = m;
}

/* seaquest_reset, inlined into the batched step */
static inline void reset_game(Seaquest *g) {
    minatar_reset(&g->c);
    g->sub = 5 * 2; /* row 0, column 5, facing left */
    g->oxygen = MAX_OXYGEN;
    g->diver_count = 0;
    g->surface = 1;
    g->e_spawn_speed = ENEMY_SPAWN_INTERVAL;
    g->e_spawn_at = g->clock + ENEMY_SPAWN_INTERVAL;
    g->d_spawn_at = g->clock + DIVER_SPAWN_INTERVAL;
    g->shot_at = g->clock;
    g->move_speed = MOVE_SPEED;
    g->ramp_index = 0;
    memset(g->kind, DEAD, (size_t)g->n); /* lanes n.. are dead already */
    zero_words(g->mask, DEAD);
    if (g->n) { /* their bits */
        zero_words(g->grid, 17);
        zero_counts(g);
    }
    g->n = g->n_fbullet = 0;
}

void seaquest_reset(Seaquest *g) { reset_game(g); }

/* The spawns and surfacing are rare (every 20th, 30th step, once an episode): not inlined, so that
 * seaquest_act's frame stays small. */
__attribute__((noinline)) static void spawn_enemy(Seaquest *g) {
    const int right = minatar_uniform_below(&g->c.rng, 1.0 / 2);
    const int is_sub = minatar_uniform_below(&g->c.rng, 1.0 / 3);
    const int row = minatar_randint(&g->c.rng, 1, 9), dx = right ? 1 : -1;
    /* a row's enemies all swim one way: skip (draws made) if one goes the other way */
#if SEAQUEST_AVX512
    if (g->n <= 64) {
        const __mmask64 row_ = _mm512_cmpeq_epi8_mask(_mm512_loadu_si512(g->ty), _mm512_set1_epi8((char)row));
        const __mmask64 way = _mm512_cmpneq_epi8_mask(_mm512_loadu_si512(g->tdx), _mm512_set1_epi8((char)dx));
        if ((g->mask[SUB] | g->mask[FISH]) & row_ & way) return;
    } else
#endif
    for (int i = 0; i < g->n; i++)
        if ((g->kind[i] == SUB || g->kind[i] == FISH) && g->ty[i] == row && g->tdx[i] != dx) return;
    append(g, is_sub ? SUB : FISH, right ? 0 : 9, row, dx, g->move_speed, ENEMY_SHOT_INTERVAL);
}

__attribute__((noinline)) static void spawn_diver(Seaquest *g) {
    const int right = minatar_uniform_below(&g->c.rng, 1.0 / 2);
    const int row = minatar_randint(&g->c.rng, 1, 9);
    append(g, DIVER, right ? 0 : 9, row, right ? 1 : -1, DIVER_MOVE_INTERVAL, 0);
}

/* The player fires (from the sub's place before its move): a friendly bullet, or a drop when there are
 * 16 already; either way the next shot waits 5 steps. */
__attribute__((noinline)) static void shoot(Seaquest *g, int sub) {
    g->shot_at = g->clock + SHOT_COOL_DOWN;
    if (g->n_fbullet >= SEAQUEST_SMALL_CAP) {
        g->dropped++;
        return;
    }
    put(g, FB, (sub >> 1) % 10, (sub >> 1) / 10, 2 * (sub & 1) - 1, 0, 0);
    g->n_fbullet++;
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

/* ---- the things' turns, one at a time (MinAtar's loops) ---- */

static int off_grid(int x) { return x < 0 || x > 9; }
static int on_sub(const Seaquest *g, int i) { /* column and row apart: a shot fired off the grid has x -1 or 10 */
    return (g->tx[i] == (g->sub >> 1) % 10) & (g->ty[i] == (g->sub >> 1) / 10);
}

static int find_at(const Seaquest *g, int kind, int x, int y) { /* oldest first */
    for (int i = 0; i < g->n; i++)
        if (g->kind[i] == kind && g->tx[i] == x && g->ty[i] == y) return i;
    return -1;
}

/* The enemy at lane i takes its turn; returns 1 if it goes (the caller kills it). A friendly bullet it
 * swims into goes too: *fb counts the bullets. */
static int enemy_turn(Seaquest *g, int i, int *reward, int *fb) {
    if (on_sub(g, i)) g->c.terminal = 1;
    if (g->due[i] != (uint16_t)g->clock) return 0; /* the timer counts down */
    g->due[i] = (uint16_t)(g->clock + 1 + (unsigned)g->move_speed);
    g->tx[i] = (int8_t)(g->tx[i] + g->tdx[i]);
    if (off_grid(g->tx[i])) return 1;
    if (on_sub(g, i)) {
        g->c.terminal = 1;
        return 0;
    }
    const int b = find_at(g, FB, g->tx[i], g->ty[i]);
    if (b < 0) return 0;
    kill(g, b);
    (*fb)--;
    (*reward)++;
    return 1;
}

/* Not inlined: things_fast takes nearly every step. Leaves the grid to be rebuilt. Timers: a thing's
 * runs out this step when its due is the clock. */
__attribute__((noinline)) static int things_exact(Seaquest *g) {
    int reward = 0, fb = g->n_fbullet;
    int8_t *kind = g->kind, *x = g->tx, *dx = g->tdx;
    const int n = g->n;
    for (int i = n - 1; i >= 0; i--) { /* friendly bullets hit the oldest fish, else sub */
        if (kind[i] != FB) continue;
        x[i] = (int8_t)(x[i] + dx[i]);
        int k = -1;
        if (!off_grid(x[i])) {
            if ((k = find_at(g, FISH, x[i], g->ty[i])) < 0) k = find_at(g, SUB, x[i], g->ty[i]);
            if (k >= 0) {
                kill(g, k);
                reward++;
            }
        }
        if (off_grid(x[i]) || k >= 0) {
            kill(g, i);
            fb--;
        }
    }
    for (int i = n - 1; i >= 0; i--) { /* divers: picked up while there is room */
        if (kind[i] != DIVER) continue;
        int gone = on_sub(g, i) && g->diver_count < MAX_DIVERS;
        if (!gone && g->due[i] == (uint16_t)g->clock) {
            g->due[i] = (uint16_t)(g->clock + 1 + DIVER_MOVE_INTERVAL);
            x[i] = (int8_t)(x[i] + dx[i]);
            gone = off_grid(x[i]) || (on_sub(g, i) && g->diver_count < MAX_DIVERS);
        }
        if (gone && !off_grid(x[i])) g->diver_count++;
        if (gone) kill(g, i);
    }
    int eb = seaquest_count(g, EB);
    for (int i = n - 1; i >= 0; i--) { /* enemy subs; a sub shot this step still fires */
        if (kind[i] != SUB) continue;
        const int gone = enemy_turn(g, i, &reward, &fb);
        if (g->shot_due[i] == (uint16_t)g->clock) {
            g->shot_due[i] = (uint16_t)(g->clock + 1 + ENEMY_SHOT_INTERVAL);
            if (eb < SEAQUEST_CAP) {
                put(g, EB, x[i], g->ty[i], dx[i], 0, 0);
                eb++;
            } else {
                g->dropped++;
            }
        }
        if (gone) kill(g, i);
    }
    for (int i = g->n - 1; i >= 0; i--) { /* enemy bullets, this step's shots included */
        if (kind[i] != EB) continue;
        if (on_sub(g, i)) g->c.terminal = 1;
        x[i] = (int8_t)(x[i] + dx[i]);
        if (off_grid(x[i])) kill(g, i);
        else if (on_sub(g, i)) g->c.terminal = 1;
    }
    for (int i = g->n - 1; i >= 0; i--)
        if (kind[i] == FISH && enemy_turn(g, i, &reward, &fb)) kill(g, i);
    g->n_fbullet = fb;
    return reward;
}

/* ---- the things' turns, the movers only ---- */

static inline int top_lane(uint64_t m) { return 63 - __builtin_clzll(m); }

/* Lanes < FAST_LANES whose timer (due) or, subs, shot timer (shot_due) runs out this step. */
static inline void due_now(const Seaquest *g, uint64_t *moves, uint64_t *fires) {
#if SEAQUEST_AVX512
    const __m512i now = _mm512_set1_epi16((short)g->clock);
    *moves = _mm512_cmpeq_epi16_mask(_mm512_loadu_si512(g->due), now);
    *fires = _mm512_cmpeq_epi16_mask(_mm512_loadu_si512(g->shot_due), now);
#elif defined(__AVX2__)
    const __m256i now = _mm256_set1_epi16((short)g->clock);
    const __m256i *due = (const __m256i *)(const void *)g->due, *shot = (const __m256i *)(const void *)g->shot_due;
    /* 16-bit compares packed to bytes (the pack interleaves 128-bit halves: permute them back) */
    const __m256i m = _mm256_packs_epi16(_mm256_cmpeq_epi16(_mm256_loadu_si256(due), now),
                                         _mm256_cmpeq_epi16(_mm256_loadu_si256(due + 1), now));
    const __m256i f = _mm256_packs_epi16(_mm256_cmpeq_epi16(_mm256_loadu_si256(shot), now),
                                         _mm256_cmpeq_epi16(_mm256_loadu_si256(shot + 1), now));
    *moves = (uint32_t)_mm256_movemask_epi8(_mm256_permute4x64_epi64(m, 0xD8));
    *fires = (uint32_t)_mm256_movemask_epi8(_mm256_permute4x64_epi64(f, 0xD8));
#else
    uint64_t m = 0, f = 0;
    for (int i = 0; i < FAST_LANES; i++) {
        m |= (uint64_t)(g->due[i] == (uint16_t)g->clock) << i;
        f |= (uint64_t)(g->shot_due[i] == (uint16_t)g->clock) << i;
    }
    *moves = m;
    *fires = f;
#endif
}

/* Marks the lanes of gone dead (their bits are off the grid already). Not inlined: a step where
 * something leaves the grid is the exception. */
__attribute__((noinline)) static void bury(Seaquest *g, uint64_t gone) {
    for (; gone; gone &= gone - 1) {
        const int i = __builtin_ctzll(gone);
        g->n_fbullet -= g->kind[i] == FB;
        kill(g, i);
    }
}

/* The moves of things_fast: the friendly bullets first (newest first, as MinAtar), so that the grid shows
 * them the enemies where they were and shows the enemies the bullets where they went; then the enemy
 * bullets, and the enemies and divers whose timer ran out (in any order: they do not meet each other);
 * then the subs' shots, from where the subs went. Returns 0, or -1 having put back the moves (not the
 * grid). Not inlined: about half the steps have nothing that moves. */
__attribute__((noinline)) static int movers(Seaquest *g, uint64_t first, uint64_t eb, uint64_t then, uint64_t fires,
                                            int terminal) {
    const int here = g->sub >> 1;
    const unsigned restart = (unsigned)g->move_speed + 1, clock = g->clock;
    uint64_t gone = 0, moved = 0; /* lanes that left the grid (buried at the end), that moved */
    while (first) { /* friendly bullets, newest first */
        const int i = top_lane(first);
        const uint64_t bit = 1ull << i;
        first ^= bit;
        const int x = g->tx[i], dx = g->tdx[i], x1 = x + dx, p = (g->ty[i] * 10 + x) * 10 + 2, p1 = p + 10 * dx;
        if ((unsigned)x1 > 9) { /* leaves */
            bit_off(g, p);
            gone |= bit;
            continue;
        }
        if (grid_at(g, p1 + 3) & 3) goto undo; /* channels 5 and 6: an enemy */
        bit_off(g, p);
        bit_on(g, p1);
        g->tx[i] = (int8_t)x1;
        moved |= bit;
    }
    for (uint64_t todo = eb; todo; todo &= todo - 1) { /* enemy bullets */
        const int i = __builtin_ctzll(todo);
        const int x = g->tx[i], dx = g->tdx[i], x1 = x + dx, cell = g->ty[i] * 10 + x, p = cell * 10 + 4;
        bit_off(g, p);
        if ((unsigned)x1 > 9) { /* leaves */
            gone |= 1ull << i;
            continue;
        }
        terminal |= cell + dx == here;
        bit_on(g, p + 10 * dx);
        g->tx[i] = (int8_t)x1;
        moved |= 1ull << i;
    }
    while (then) { /* enemies and divers whose timer ran out (all leave a trail) */
        const int i = top_lane(then);
        const uint64_t bit = 1ull << i;
        then ^= bit;
        const int k = g->kind[i], x = g->tx[i], dx = g->tdx[i], x1 = x + dx, cell = g->ty[i] * 10 + x;
        const int p = cell * 10 + CHANNEL[k], diver = k == DIVER;
        const int back = (unsigned)(x - dx) <= 9, t = back ? (cell - dx) * 10 + 3 : p; /* the old trail */
        bit_off(g, p);
        bit_off_if(g, t, back);
        if ((unsigned)x1 > 9) { /* leaves */
            gone |= bit;
            continue;
        }
        if (cell + dx == here) {
            if (diver) goto undo; /* picked up */
            terminal = 1;
        }
        /* an enemy meets a friendly bullet (channel 2) */
        if (grid_at(g, (cell + dx) * 10 + 2) & (uint64_t)!diver) goto undo;
        bit_on(g, p + 10 * dx);
        bit_on(g, cell * 10 + 3);
        g->tx[i] = (int8_t)x1;
        g->due[i] = (uint16_t)(clock + (diver ? DIVER_MOVE_INTERVAL + 1 : restart));
        moved |= bit;
    }
    while (fires) { /* subs' shots, newest sub first, from where the sub went */
        const int i = top_lane(fires);
        const uint64_t bit = 1ull << i;
        fires ^= bit;
        g->shot_due[i] = (uint16_t)(clock + 1 + ENEMY_SHOT_INTERVAL);
        if (gone & bit) continue; /* fired from off the grid: the shot leaves as it moves */
        const int x = g->tx[i], dx = g->tdx[i], cell = g->ty[i] * 10 + x, stays = (unsigned)(x + dx) <= 9;
        terminal |= (cell == here) | (stays & (cell + dx == here)); /* on the sub before or after its move */
        if (stays) put(g, EB, x + dx, g->ty[i], dx, 0, 0);
    }
    g->c.terminal |= terminal;
    if (gone) bury(g, gone);
    return 0;
undo: /* back to where the turns started; the grid is rebuilt */
    for (; moved; moved &= moved - 1) {
        const int i = __builtin_ctzll(moved);
        g->tx[i] = (int8_t)(g->tx[i] - g->tdx[i]);
        if (g->kind[i] >= FISH) g->due[i] = (uint16_t)clock;
    }
    return -1;
}

/* The turns of a step with at most FAST_LANES lanes when nothing in them depends on the order: returns 0
 * having taken them, or -1 having changed nothing but the grid (things_exact's turn then). Each turn is
 * the thing's own: it advances; what leaves the grid goes; an enemy or enemy bullet on the sub, before
 * or after its move, ends the game; a sub's shot (there is room for every one: at most 32 lanes) joins
 * the enemy bullets and moves. A waiting thing has nothing to do: its timer is the step it waits for. */
static inline __attribute__((always_inline)) int things_fast(Seaquest *g) {
    uint64_t moves, fires;
    due_now(g, &moves, &fires);
    /* what is on the sub's cell already: an enemy or enemy bullet ends the game, a diver is picked up */
    const uint64_t here = grid_at(g, (g->sub >> 1) * 10);
    const int terminal = (here >> 4 & 7) != 0;
    const uint64_t fb = g->mask[FB], eb = g->mask[EB], timed = moves & (g->mask[FISH] | g->mask[SUB] | g->mask[DIVER]);
    fires &= g->mask[SUB];
    if (here >> 9 & 1) return -1;
    if (fb | eb | timed | fires) return movers(g, fb, eb, timed, fires, terminal);
    g->c.terminal |= terminal;
    return 0;
}

/* fast = 0: MinAtar's loops only (seaquest_act_exact) */
static inline __attribute__((always_inline)) int things(Seaquest *g, int fast) {
    if (fast && g->n <= FAST_LANES && things_fast(g) == 0) return 0;
    const int reward = things_exact(g);
    rebuild_grid(g);
    return reward;
}

/* The player's sub by state (cell*2 + facing right) and action (0 n, 1 l, 2 u, 3 r, 4 d, 5 f; 6, 7 as
 * 0): the next state. Facing follows left and right, moved or not; rows 0..8. */
#define SUB_NEXT(c, r) {(c) * 2 + (r), ((c) % 10 > 0 ? (c) - 1 : (c)) * 2, ((c) >= 10 ? (c) - 10 : (c)) * 2 + (r), \
                        ((c) % 10 < 9 ? (c) + 1 : (c)) * 2 + 1, ((c) < 80 ? (c) + 10 : (c)) * 2 + (r), \
                        (c) * 2 + (r), (c) * 2 + (r), (c) * 2 + (r)}
#define SUB_CELL(c) SUB_NEXT(c, 0), SUB_NEXT(c, 1)
#define SUB_ROW(r) SUB_CELL(r##0), SUB_CELL(r##1), SUB_CELL(r##2), SUB_CELL(r##3), SUB_CELL(r##4), \
                   SUB_CELL(r##5), SUB_CELL(r##6), SUB_CELL(r##7), SUB_CELL(r##8), SUB_CELL(r##9)
static const uint8_t SUB_MOVES[180][8] = {SUB_CELL(0), SUB_CELL(1), SUB_CELL(2), SUB_CELL(3), SUB_CELL(4),
                                          SUB_CELL(5), SUB_CELL(6), SUB_CELL(7), SUB_CELL(8), SUB_CELL(9),
                                          SUB_ROW(1), SUB_ROW(2), SUB_ROW(3), SUB_ROW(4), SUB_ROW(5), SUB_ROW(6),
                                          SUB_ROW(7), SUB_ROW(8)};
#undef SUB_ROW
#undef SUB_CELL
#undef SUB_NEXT

static inline __attribute__((always_inline)) int act(Seaquest *g, int a, int fast) {
    if (g->c.terminal) return 0;
    if (g->n > COMPACT_ABOVE) compact(g);
    const unsigned now = g->clock, k = (unsigned)a & 7;
    if (now == g->e_spawn_at) {
        spawn_enemy(g);
        g->e_spawn_at = now + (unsigned)g->e_spawn_speed;
    }
    if (now == g->d_spawn_at) {
        spawn_diver(g);
        g->d_spawn_at = now + DIVER_SPAWN_INTERVAL;
    }
    /* fire (one branch, rarer than the action itself), or move */
    if (((k == MINATAR_FIRE) & ((int)(now - g->shot_at) >= 0)) != 0) shoot(g, g->sub);
    g->sub = SUB_MOVES[g->sub][k];
    int reward = things(g, fast);
    if (g->oxygen <= 0) g->c.terminal = 1;
    /* under water: oxygen runs out; the row is random, so this part is branch-free and only the (rarer)
     * surfacing branches */
    const int under = g->sub >= 20, surfacing = !under & !g->surface;
    g->oxygen -= under;
    g->surface &= !under;
    if (surfacing) {
        if (g->diver_count == 0) g->c.terminal = 1; /* surfacing without a diver */
        else reward += surface(g);
    }
    g->clock = now + 1;
    return reward;
}

int seaquest_act(Seaquest *g, int a) { return act(g, a, 1); }
int seaquest_act_exact(Seaquest *g, int a) { return act(g, a, 0); }

/* ---- observation ---- */

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

/* The player sub's bits by state (cell*2 + facing right): the front (channel 0), and the back (channel 1)
 * in the cell behind, or the front's bit again when that is off the grid. */
#define SUB_BITS(c) {(c) * 10, (c) % 10 < 9 ? ((c) + 1) * 10 + 1 : (c) * 10}, \
                    {(c) * 10, (c) % 10 > 0 ? ((c) - 1) * 10 + 1 : (c) * 10}
#define SUB_ROW(r) SUB_BITS(r##0), SUB_BITS(r##1), SUB_BITS(r##2), SUB_BITS(r##3), SUB_BITS(r##4), \
                   SUB_BITS(r##5), SUB_BITS(r##6), SUB_BITS(r##7), SUB_BITS(r##8), SUB_BITS(r##9)
static const uint16_t PLAYER[180][2] = {SUB_BITS(0), SUB_BITS(1), SUB_BITS(2), SUB_BITS(3), SUB_BITS(4),
                                       SUB_BITS(5), SUB_BITS(6), SUB_BITS(7), SUB_BITS(8), SUB_BITS(9),
                                       SUB_ROW(1), SUB_ROW(2), SUB_ROW(3), SUB_ROW(4), SUB_ROW(5), SUB_ROW(6),
                                       SUB_ROW(7), SUB_ROW(8)};
#undef SUB_ROW
#undef SUB_BITS

/* Writes the observation: bits (env_obs_words(1000),): the things' grid, the gauges (row 9, where no
 * thing goes) and the sub's two cells. */
static inline __attribute__((always_inline)) void build(const Seaquest *g, uint64_t *bits) {
    const int oxygen = (g->oxygen > 0 ? g->oxygen : 0) * 3277 >> 16; /* * 10 / 200 (exact up to 200): 0 .. 10 */
    /* the count goes below 0 (see surface()): no gauge then */
    const int divers = g->diver_count > 0 ? g->diver_count : 0;
#if SEAQUEST_AVX512
    /* all 16 words in two registers, the sub's two bits ORed into them before the stores: read back
     * from the output, a word of a wide store still in flight would wait for it (8% of a step) */
    const unsigned front = PLAYER[g->sub][0], back = PLAYER[g->sub][1];
    const __m512i f = _mm512_set1_epi64((long long)(1ull << (front & 63)));
    const __m512i b = _mm512_set1_epi64((long long)(1ull << (back & 63)));
    const unsigned fw = 1u << (front >> 6), bw = 1u << (back >> 6); /* the words they are in, as masks */
    const __m128i gauge = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)OXYGEN_GAUGE[oxygen]),
                                       _mm_loadu_si128((const __m128i *)(const void *)DIVER_GAUGE[divers]));
    __m512i lo = _mm512_loadu_si512(g->grid), hi = _mm512_loadu_si512(g->grid + 8);
    hi = _mm512_or_si512(hi, _mm512_inserti64x2(_mm512_setzero_si512(), gauge, 3)); /* words 14, 15 */
    lo = _mm512_mask_or_epi64(lo, (__mmask8)fw, lo, f);
    lo = _mm512_mask_or_epi64(lo, (__mmask8)bw, lo, b);
    hi = _mm512_mask_or_epi64(hi, (__mmask8)(fw >> 8), hi, f);
    hi = _mm512_mask_or_epi64(hi, (__mmask8)(bw >> 8), hi, b);
    _mm512_storeu_si512(bits, lo);
    _mm512_storeu_si512(bits + 8, hi);
#else
#ifdef __AVX2__
    /* 32 bytes at a time, though a step's moves may have written some of these words 8 bytes at a time
     * (see the top): most steps write none, nothing waits for the copy, and measured it is faster */
    const __m256i *grid = (const __m256i *)(const void *)g->grid;
    __m256i *out = (__m256i *)(void *)bits;
    const __m128i gauge = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)OXYGEN_GAUGE[oxygen]),
                                       _mm_loadu_si128((const __m128i *)(const void *)DIVER_GAUGE[divers]));
    _mm256_storeu_si256(out, _mm256_loadu_si256(grid));
    _mm256_storeu_si256(out + 1, _mm256_loadu_si256(grid + 1));
    _mm256_storeu_si256(out + 2, _mm256_loadu_si256(grid + 2));
    _mm256_storeu_si256(out + 3, _mm256_or_si256(_mm256_loadu_si256(grid + 3),
                                                  _mm256_inserti128_si256(_mm256_setzero_si256(), gauge, 1)));
#else
    copy_words(bits, g->grid, 14);
    bits[14] = g->grid[14] | OXYGEN_GAUGE[oxygen][0] | DIVER_GAUGE[divers][0];
    bits[15] = OXYGEN_GAUGE[oxygen][1] | DIVER_GAUGE[divers][1];
#endif
    const uint16_t *sub = PLAYER[g->sub];
    bits[sub[0] >> 6] |= 1ull << (sub[0] & 63);
    bits[sub[1] >> 6] |= 1ull << (sub[1] & 63);
#endif
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
    const int shot_timer = (int)(g->shot_at - g->clock); /* MinAtar's timers, counted down to 0 */
    const int vals[] = {g->sub & 1, g->oxygen, g->diver_count, g->e_spawn_speed, (int)(g->e_spawn_at - g->clock),
                        (int)(g->d_spawn_at - g->clock), g->move_speed, shot_timer > 0 ? shot_timer : 0,
                        g->surface, g->ramp_index, seaquest_count(g, FB), seaquest_count(g, EB),
                        seaquest_count(g, FISH), seaquest_count(g, SUB), seaquest_count(g, DIVER)};
    if (!strcmp(name, "sub")) { v[0] = (g->sub >> 1) % 10; v[1] = (g->sub >> 1) / 10; return 2; }
    for (int i = 0; i < (int)(sizeof vals / sizeof vals[0]); i++)
        if (!strcmp(name, names[i])) { v[0] = vals[i]; return 1; }
    return -1;
}

static int init(void *env, const EnvOptions *o, EnvInfo *info) {
    Seaquest *g = env;
    memset(g, 0, sizeof *g);
    memset(g->kind, DEAD, sizeof g->kind);
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
        const int r = act(g, minatar_action(&g->c, actions[i]), 1);
        if (minatar_batch_end(steps, limit, i, r, g->c.terminal, rewards, terminated, truncated)) reset_game(g);
        build(g, bits);
    }
}

/* EnvClass.valid: the ranges, then the lanes, masks, bullet count, grid and counts must say the same (every step
 * trusts them). Only at load time: the grid is recounted. */
static int valid(const void *env) {
    const Seaquest *g = env;
    /* lanes a step leaves: the things alive (at most the caps' sum) after its compaction, 3 appends, 64 shots */
    enum { MAX_N = 2 * SEAQUEST_SMALL_CAP + 3 * SEAQUEST_CAP + 3 + SEAQUEST_CAP };
    /* sub indexes SUB_MOVES and PLAYER, diver_count DIVER_GAUGE (below 0 it goes down by one a surfacing: bounded
     * only far from overflow), oxygen OXYGEN_GAUGE (-1: ran out under water on the last step) */
    int ok = minatar_common_valid(&g->c) && g->sub >= 0 && g->sub < 180 && g->oxygen >= -1 && g->oxygen <= MAX_OXYGEN &&
             g->diver_count <= MAX_DIVERS && g->diver_count >= INT_MIN / 2 && (g->surface == 0 || g->surface == 1);
    ok &= g->e_spawn_speed >= 1 && g->e_spawn_speed <= ENEMY_SPAWN_INTERVAL && g->move_speed >= 2 &&
          g->move_speed <= MOVE_SPEED && g->ramp_index >= 0 && g->ramp_index < ENEMY_SPAWN_INTERVAL && g->dropped >= 0;
    /* the spawns come when the clock reaches them */
    ok &= g->e_spawn_at - g->clock <= ENEMY_SPAWN_INTERVAL && g->d_spawn_at - g->clock <= DIVER_SPAWN_INTERVAL;
    if (!ok || g->n < 0 || g->n > MAX_N) return 0;
    int alive[DEAD + 1] = {0}, count[1000] = {0};
    uint64_t mask[DEAD] = {0}, grid[17] = {0};
    for (int i = 0; i < SEAQUEST_LANES; i++) { /* what thing_on sets, and the masks */
        const int k = g->kind[i], x = g->tx[i], y = g->ty[i], dx = g->tdx[i];
        if (k < 0 || k > DEAD || (i >= g->n && k != DEAD)) return 0;
        alive[k]++;
        if (k == DEAD) continue;
        if ((unsigned)x > 9 || (unsigned)y > 8 || (dx != 1 && dx != -1)) return 0;
        if (i < 64) mask[k] |= 1ull << i;
        count[(y * 10 + x) * 10 + CHANNEL[k]]++;
        if (k >= FISH && (unsigned)(x - dx) <= 9) count[(y * 10 + x - dx) * 10 + 3]++;
    }
    for (int k = 0; k < DEAD; k++) ok &= alive[k] <= CAP[k] && mask[k] == g->mask[k];
    for (int p = 0; p < 1000; p++) {
        ok &= g->count[p] == count[p];
        grid[p >> 6] |= (uint64_t)(count[p] > 0) << (p & 63);
    }
    return ok && g->n_fbullet == alive[FB] && !memcmp(grid, g->grid, sizeof grid);
}

const EnvClass seaquest_class = {"Seaquest-MinAtar", "minatar", sizeof(Seaquest), init, seed, reset, step,
                                 observe, observe_bits, valid};

static const char *const channels[] = {"sub_front", "sub_back", "friendly_bullet", "trail", "enemy_bullet",
                                       "enemy_fish", "enemy_sub", "oxygen_gauge", "diver_gauge", "diver"};
/* both gauges lie in row 9, oxygen from the left, divers from the right; oxygen, the lower channel, wins */
static const MinatarGlyph glyphs[] = {
    {0, 0, '@', 0, 32, "your submarine (front)"}, {1, 1, '=', 0, 32, "your submarine (back)"},
    {2, 2, '*', 0, 36, "your bullet"}, {9, 9, 'd', 0, 35, "diver"}, {5, 5, 'f', 0, 31, "enemy fish"},
    {6, 6, 'S', 0, 31, "enemy submarine"}, {4, 4, '!', 0, 91, "enemy bullet"},
    {3, 3, '.', 1, 0, "trail: the cell behind a fish, enemy submarine or diver"}, {7, 7, 'O', 0, 94, "oxygen left"},
    {8, 8, 'D', 0, 35, "divers carried (under O where they meet)"},
};
const MinatarGame seaquest_game = {&seaquest_class, "seaquest", 10, channels, 6, {0, 1, 2, 3, 4, 5}, 1000, ramp, st,
        step_packed_n, glyphs, (int)(sizeof glyphs / sizeof glyphs[0])};
