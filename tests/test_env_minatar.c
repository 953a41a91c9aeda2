/* test_env_minatar.c - the five MinAtar games: every reference episode replayed exactly (draws,
 * observations, rewards, terminals, internal variables), the MT19937 stream, options (presets,
 * minimal/full action sets, sticky actions, time limits), per-game invariants under random play,
 * one test per gymnax difference (ENVIRONMENTS.md section 5), refcheck's error handling, rendering. */
#include "check.h"
#include "scorer/minatar.h"
#include "scorer/refcheck.h"
#include "scorer/rng.h"
#include "scorer/vecenv.h"
#include <limits.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

typedef union AnyGame { Breakout b; Asterix a; Freeway f; SpaceInvaders s; Seaquest q; } AnyGame;

static const MinatarGame *const games[] = {&breakout_game, &asterix_game, &freeway_game, &space_invaders_game,
                                           &seaquest_game};
enum { NGAMES = 5 };

/* Configures env (a game struct) through its EnvClass; preset, sticky (< 0 default), full set. */
static EnvInfo make(const EnvClass *cls, void *env, int preset, double sticky, int full) {
    EnvOptions o;
    EnvInfo info;
    env_options_default(&o);
    o.preset = preset;
    o.sticky_prob = sticky;
    o.full_action_set = full;
    memset(&info, 0, sizeof info);
    if (cls->init(env, &o, &info)) CHECK(0, "%s: init failed", cls->name);
    cls->seed(env, 7, 0);
    return info;
}

static int count_channel(const float *obs, int C, int ch) {
    int n = 0;
    for (int i = 0; i < 100; i++) n += obs[i * C + ch] != 0.0f;
    return n;
}

/* ---- registry, options ---- */

static void test_registry_and_options(void) {
    static const char *const names[] = {"Breakout-MinAtar", "Asterix-MinAtar", "Freeway-MinAtar",
                                        "SpaceInvaders-MinAtar", "Seaquest-MinAtar"};
    static const int channels[] = {4, 4, 7, 6, 10}, minimal[] = {3, 5, 3, 4, 6};
    static const int gymnax_limit[] = {1000, 1000, 2500, 1000, 1000};
    for (int k = 0; k < NGAMES; k++) {
        const EnvClass *cls = env_find(names[k]);
        CHECK(cls && cls == games[k]->cls, "%s is registered", names[k]);
        if (!cls) continue;
        CHECK(!strcmp(cls->family, "minatar"), "%s: family %s", names[k], cls->family);
        CHECK(minatar_game(cls) == games[k] && games[k]->channels == channels[k], "%s: game table", names[k]);
        const char *const *cn = minatar_channel_names(cls);
        CHECK(cn && cn[0] && cn[channels[k] - 1], "%s: channel names", names[k]);
        AnyGame g;
        EnvInfo info = make(cls, &g, ENV_PRESET_DEFAULT, -1, -1);
        CHECK(info.obs_dim == 100 * channels[k] && info.binary_obs == 1, "%s: obs %d", names[k], info.obs_dim);
        CHECK(info.n_actions == minimal[k], "%s: minimal set has %d actions, got %d", names[k], minimal[k], info.n_actions);
        CHECK(info.time_limit == gymnax_limit[k], "%s: gymnax time limit %d", names[k], info.time_limit);
        CHECK(g.b.c.preset == ENV_PRESET_GYMNAX && g.b.c.sticky == 0.0, "%s: default preset is gymnax, no sticky", names[k]);
        info = make(cls, &g, ENV_PRESET_MINATAR, -1, 1);
        CHECK(info.n_actions == 6 && info.time_limit == 0, "%s: full set, no time limit under minatar", names[k]);
        CHECK(g.b.c.sticky == 0.1 && g.b.c.sticky_draw, "%s: minatar preset sticky 0.1", names[k]);
        EnvOptions o;
        env_options_default(&o);
        o.time_limit = 77;
        CHECK(cls->init(&g, &o, &info) == 0 && info.time_limit == 77, "%s: time_limit overrides", names[k]);
        o.preset = 9;
        CHECK(cls->init(&g, &o, &info) == -1, "%s: unknown preset rejected", names[k]);
        env_options_default(&o);
        o.sticky_prob = 1.5;
        CHECK(cls->init(&g, &o, &info) == -1, "%s: sticky > 1 rejected", names[k]);
    }
    CHECK(minatar_game(env_find("CartPole-v1")) == NULL, "CartPole is not a MinAtar game");
}

/* ---- MT19937 and numpy's legacy draws ---- */

static void test_mt19937(void) {
    MinatarRng r;
    memset(&r, 0, sizeof r);
    minatar_rng_seed(&r, 5489);
    CHECK(minatar_rng_next32(&r) == 3499211612u, "MT19937(5489) first output");
    for (int i = 1; i < 9999; i++) minatar_rng_next32(&r);
    CHECK(minatar_rng_next32(&r) == 4123659995u, "MT19937(5489) 10000th output");
    minatar_rng_seed(&r, 0);
    CHECK(minatar_uniform(&r) == 0.5488135039273248, "RandomState(0).rand()");
    minatar_rng_seed(&r, 0);
    CHECK(minatar_randint(&r, 0, 10) == 5, "RandomState(0).randint(10)");
    minatar_rng_seed(&r, 0);
    const int mti = r.mti;
    CHECK(minatar_randint(&r, 3, 4) == 3 && r.mti == mti, "randint over one value draws nothing");
}

/* The inline fast paths (minatar_uniform_below, minatar_randint) against the plain draws: same
 * answers, same outputs consumed, across twists and at the comparison's edge. */
static void test_rng_fast_paths(void) {
    MinatarRng x, y;
    memset(&x, 0, sizeof x);
    minatar_rng_seed(&x, 2024);
    y = x;
    const double ps[] = {0.0, 0.1, 1.0 / 3, 0.5, 0.9, 1.0};
    int bad = 0, edges = 0;
    Rng pick;
    rng_seed(&pick, 7, 0);
    for (int i = 0; i < 200000; i++) {
        double p = i % 7 < 6 ? ps[i % 7] : rng_uniformf(&pick);
        if (i % 11 == 0) { /* p at the next draw itself, or one ulp either side: decided by the second output */
            MinatarRng peek = x;
            const double u = minatar_uniform(&peek);
            p = i % 3 == 0 ? u : nextafter(u, i % 3 == 1 ? 0.0 : 1.0);
            edges++;
        }
        const int a = minatar_uniform(&x) < p, b = minatar_uniform_below(&y, p);
        bad += a != b || x.mti != y.mti;
    }
    CHECK(bad == 0 && edges > 0, "uniform_below(p) = (rand() < p) and draws the same (%d differences)", bad);
    bad = 0;
    for (int i = 0; i < 200000; i++) {
        const int lo = (int)rng_below(&pick, 5) - 2, hi = lo + 1 + (int)rng_below(&pick, i % 2 ? 9 : 300);
        const int a = minatar_randint(&x, lo, hi), b = minatar_randint_slow(&y, lo, hi);
        bad += a != b || x.mti != y.mti || a < lo || a >= hi;
    }
    CHECK(bad == 0, "randint's inline path = the plain one (%d differences)", bad);
}

/* ---- the reference files ---- */

static void test_reference_files(void) {
    static const char *const files[] = {"breakout", "asterix", "freeway", "space_invaders", "seaquest"};
    static const long steps[] = {4772, 5501, 30012, 5878, 7128};
    long total = 0, episodes = 0;
    for (int k = 0; k < NGAMES; k++) {
        char path[512], err[512] = "";
        snprintf(path, sizeof path, "%s/minatar/%s.txt", check_refdata_dir(), files[k]);
        RefCheckReport rep;
        const int rc = refcheck_file(path, REFCHECK_AUTO, 0, &rep, err, sizeof err);
        CHECK(rc == 0, "%s: %s (run make refdata)", path, err);
        if (rc) continue;
        CHECK(!strcmp(rep.env, games[k]->cls->name) && !strcmp(rep.mode, "exact"), "%s: env %s mode %s", path, rep.env,
              rep.mode);
        CHECK(rep.mismatches == 0 && rep.max_dev == 0, "%s: %ld mismatches, first: %s", path, rep.mismatches,
              rep.first_mismatch);
        CHECK(rep.steps == steps[k] && rep.episodes == 12, "%s: %ld steps in %ld episodes", path, rep.steps, rep.episodes);
        total += rep.steps;
        episodes += rep.episodes;
    }
    CHECK(total == 53291 && episodes == 60, "all reference files: %ld steps, %ld episodes", total, episodes);
}

/* Copies src to a temp file, replacing the first line that starts with `from` by `to` (NULL: cut
 * the file there). Returns the path (static buffer). */
static const char *doctored_copy(const char *src, const char *from, const char *to) {
    static char path[64];
    snprintf(path, sizeof path, "/tmp/test_env_minatar_XXXXXX");
    int fd = mkstemp(path);
    FILE *in = fopen(src, "r"), *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    CHECK(in && out, "temp copy of %s", src);
    if (!in || !out) return path;
    char line[8192];
    int done = 0;
    while (fgets(line, sizeof line, in)) {
        if (!done && !strncmp(line, from, strlen(from))) {
            done = 1;
            if (!to) break;
            fputs(to, out);
            continue;
        }
        fputs(line, out);
    }
    fclose(in);
    fclose(out);
    return path;
}

static void test_refcheck_errors(void) {
    char src[512], err[512];
    snprintf(src, sizeof src, "%s/minatar/breakout.txt", check_refdata_dir());
    RefCheckReport rep;
    /* tampered: a changed observation, reward or draw is a mismatch named by episode and step */
    static const char *const tamper[][2] = {
        {"step 2 action 3 exec 3 reward 0", "step 2 action 3 exec 3 reward 1 terminal 0 ramp -1\n"},
        {"step 3 action 5 exec 5", "step 3 action 1 exec 1 reward 0 terminal 0 ramp -1\n"},
        {"rng reset randint 1 2 1 0", "rng reset randint 1 2 1 1\n"},
        {"st ball 1 4 dir 2", "st ball 1 4 dir 1 strike 0 pos 3\n"},
    };
    for (int i = 0; i < 4; i++) {
        const char *p = doctored_copy(src, tamper[i][0], tamper[i][1]);
        const int rc = refcheck_file(p, REFCHECK_AUTO, 0, &rep, err, sizeof err);
        CHECK(rc == 0 && rep.mismatches > 0 && !strncmp(rep.first_mismatch, "episode 0 step ", 15),
              "tampered file %d: rc %d, %ld mismatches, first '%s'", i, rc, rep.mismatches, rep.first_mismatch);
        unlink(p);
    }
    /* malformed: -1 and a message naming file and line */
    static const char *const broken[][2] = {
        {"step 4 action 4", "step 4 acton 4 exec 4 reward 0 terminal 0 ramp -1\n"},
        {"episode 1 ", "episode 1 seed 101 game pong channels 4 sticky off policy uniform\n"},
        {"obs 33 43 47 51 55 59 63 67 71 75 79 83 87 91 95 99 103 107 111 115 119 122", "obs 2 43\n"},
        {"rng reset randint 1 2 1 0", "rng reset randint 1 2 1 7\n"},
        {"end 3 ", NULL}, /* truncated */
    };
    for (int i = 0; i < 5; i++) {
        const char *p = doctored_copy(src, broken[i][0], broken[i][1]);
        err[0] = '\0';
        const int rc = refcheck_file(p, REFCHECK_AUTO, 0, &rep, err, sizeof err);
        char where[80];
        snprintf(where, sizeof where, "%s:", p);
        CHECK(rc == -1 && !strncmp(err, where, strlen(where)) && !strchr(err, '\n'),
              "malformed file %d: rc %d, err '%s'", i, rc, err);
        unlink(p);
    }
}

/* ---- actions ---- */

static void test_action_sets(void) {
    for (int k = 0; k < NGAMES; k++) {
        const EnvClass *cls = games[k]->cls;
        AnyGame g;
        for (int full = 0; full <= 1; full++) {
            EnvInfo info = make(cls, &g, ENV_PRESET_GYMNAX, 0, full);
            cls->reset(&g);
            for (int i = 0; i < info.n_actions; i++) {
                int term;
                cls->step(&g, i, &term);
                const int want = full ? i : games[k]->minimal[i];
                CHECK(g.b.c.last_action == want, "%s: index %d executes %d, want %d", cls->name, i, g.b.c.last_action, want);
                if (term) cls->reset(&g);
            }
            int term;
            cls->step(&g, info.n_actions, &term);
            CHECK(g.b.c.last_action == MINATAR_NOOP, "%s: out-of-range action is a no-op", cls->name);
        }
    }
    /* minimal index 1 of Breakout is "left": the paddle moves from 4 to 3 */
    Breakout b;
    make(&breakout_class, &b, ENV_PRESET_GYMNAX, 0, 0);
    breakout_reset(&b);
    int term;
    breakout_class.step(&b, 1, &term);
    CHECK(b.pos == 3, "Breakout minimal index 1 moves left, pos %d", b.pos);
}

static void test_sticky_actions(void) {
    /* every step: u = rand(); executed = previous if u < p else requested */
    Seaquest g;
    make(&seaquest_class, &g, ENV_PRESET_MINATAR, 0.25, 1);
    seaquest_reset(&g);
    Rng r;
    rng_seed(&r, 3, 0);
    int wrong = 0, sticky = 0, n = 0;
    for (; n < 20000; n++) {
        MinatarRng peek = g.c.rng;
        const int prev = g.c.last_action, a = (int)rng_below(&r, 6);
        const int want = minatar_uniform(&peek) < 0.25 ? prev : a;
        sticky += want == prev && a != prev;
        int term;
        seaquest_class.step(&g, a, &term);
        wrong += g.c.last_action != want;
        if (term) seaquest_reset(&g);
    }
    CHECK(wrong == 0, "sticky rule broken on %d of %d steps", wrong, n);
    const double expect = 0.25 * 5.0 / 6.0; /* sticky and a different action requested */
    CHECK(fabs((double)sticky / n - expect) < 0.015, "sticky fraction %.3f, expected %.3f", (double)sticky / n, expect);

    /* p = 1: the first executed action (0) sticks forever; MinAtar keeps it across resets */
    Breakout b;
    make(&breakout_class, &b, ENV_PRESET_MINATAR, 1.0, 1);
    breakout_reset(&b);
    int term;
    b.c.last_action = MINATAR_LEFT;
    breakout_reset(&b);
    CHECK(b.c.last_action == MINATAR_LEFT, "minatar preset keeps the previous action across reset");
    breakout_class.step(&b, MINATAR_RIGHT, &term);
    CHECK(b.pos == 3, "p = 1 repeats the previous action (left): pos %d", b.pos);
    make(&breakout_class, &b, ENV_PRESET_GYMNAX, 1.0, 1);
    b.c.last_action = MINATAR_LEFT;
    breakout_reset(&b);
    breakout_class.step(&b, MINATAR_RIGHT, &term);
    CHECK(b.pos == 4, "gymnax preset resets the previous action to no-op: pos %d", b.pos);

    /* MinAtar's wrapper draws even at p = 0 (its stream depends on it); gymnax preset at p = 0 does not */
    make(&breakout_class, &b, ENV_PRESET_MINATAR, 0.0, 1);
    breakout_reset(&b);
    int mti = b.c.rng.mti;
    breakout_class.step(&b, 0, &term);
    CHECK(b.c.rng.mti == mti + 2, "minatar preset draws the sticky uniform at p = 0");
    make(&breakout_class, &b, ENV_PRESET_GYMNAX, -1, 1);
    breakout_reset(&b);
    mti = b.c.rng.mti;
    breakout_class.step(&b, 0, &term);
    CHECK(b.c.rng.mti == mti, "gymnax preset without sticky actions draws nothing");
}

/* ---- invariants under random play, both presets ---- */

/* The first invariant the observation breaks, or NULL. */
static const char *invariant_broken(const MinatarGame *gm, const AnyGame *g, const float *obs, float reward) {
    const int C = gm->channels;
    const EnvClass *cls = gm->cls;
    for (int i = 0; i < 100 * C; i++)
        if (obs[i] != 0.0f && obs[i] != 1.0f) return "obs entries are 0 or 1";
    if (reward < 0) return "rewards are >= 0";
    if (cls == &breakout_class) {
        if (count_channel(obs, C, 0) != 1 || obs[(90 + g->b.pos) * C] != 1.0f) return "one paddle, in row 9";
        if (count_channel(obs, C, 1) != 1) return "one ball";
        if (count_channel(obs, C, 3) > 30) return "at most 30 bricks";
    } else if (cls == &asterix_class) {
        if (count_channel(obs, C, 0) != 1 || g->a.y < 1 || g->a.y > 8) return "one player, in rows 1..8";
        if (count_channel(obs, C, 1) + count_channel(obs, C, 3) > 8) return "at most 8 entities";
    } else if (cls == &freeway_class) {
        int trails = 0;
        for (int ch = 2; ch < 7; ch++) trails += count_channel(obs, C, ch);
        if (count_channel(obs, C, 0) != 1 || count_channel(obs, C, 1) != 8 || trails != 8)
            return "one chicken, 8 cars, 8 trails";
    } else if (cls == &space_invaders_class) {
        const int aliens = count_channel(obs, C, 1), left = count_channel(obs, C, 2), right = count_channel(obs, C, 3);
        if (count_channel(obs, C, 0) != 1 || aliens < 1 || aliens > 28) return "one cannon, 1..28 aliens";
        if (left + right != aliens || (left && right)) return "one direction channel mirrors the aliens";
    } else {
        if (count_channel(obs, C, 0) != 1 || count_channel(obs, C, 1) != 1) return "sub front and back";
        if (g->q.dropped) return "no Seaquest list overflows";
        if (count_channel(obs, C, 7) != (g->q.oxygen > 0 ? g->q.oxygen : 0) * 10 / 200 ||
            count_channel(obs, C, 8) != (g->q.diver_count > 0 ? g->q.diver_count : 0))
            return "gauges show oxygen and divers";
    }
    return NULL;
}

/* Entries of obs (n,) that differ from the packed bits, plus any set bit past n. */
static int bits_mismatch(const uint64_t *bits, const float *obs, int n) {
    int bad = 0;
    for (int i = 0; i < 64 * env_obs_words(n); i++) {
        const int bit = (int)(bits[i >> 6] >> (i & 63) & 1u);
        bad += i < n ? bit != (obs[i] != 0.0f) : bit;
    }
    return bad;
}

static void test_random_play(void) {
    float obs[1000], obs2[1000];
    uint64_t bits[16];
    for (int k = 0; k < NGAMES; k++) {
        const MinatarGame *gm = games[k];
        const EnvClass *cls = gm->cls;
        for (int preset = ENV_PRESET_MINATAR; preset <= ENV_PRESET_GYMNAX; preset++) {
            AnyGame g;
            EnvInfo info = make(cls, &g, preset, -1, 0);
            cls->seed(&g, 11, 3);
            cls->reset(&g);
            AnyGame copy = g;
            Rng r;
            rng_seed(&r, 5, (uint64_t)k);
            long episodes = 0, t = 0, since = 0, broken = 0, first = -1;
            const char *why = NULL;
            for (; t < 30000; t++) {
                int term;
                const float rew = cls->step(&g, (int)rng_below(&r, (uint32_t)info.n_actions), &term);
                cls->observe(&g, obs);
                memset(bits, 0xA5, sizeof bits); /* observe_bits must write every word */
                cls->observe_bits(&g, bits);
                const char *w = invariant_broken(gm, &g, obs, rew);
                if (!w && bits_mismatch(bits, obs, info.obs_dim)) w = "observe_bits differs from observe";
                if (w && !broken++) { why = w; first = t; }
                if (t == 1234) copy = g; /* pointer-free: a memcpy is a checkpoint */
                since++;
                if (term || (info.time_limit && since >= info.time_limit)) {
                    cls->reset(&g);
                    episodes++;
                    since = 0;
                }
            }
            CHECK(!broken, "%s preset %d: %ld steps break invariants, first step %ld: %s", cls->name, preset, broken, first,
                  why);
            CHECK(episodes > 0, "%s preset %d: %ld episodes", cls->name, preset, episodes);
            /* the checkpoint replays identically */
            AnyGame a = copy, b = copy;
            int diff = 0;
            for (int i = 0; i < 500; i++) {
                int ta, tb;
                const int act = i % info.n_actions;
                const float ra = cls->step(&a, act, &ta), rb = cls->step(&b, act, &tb);
                cls->observe(&a, obs);
                cls->observe(&b, obs2);
                diff += ra != rb || ta != tb || memcmp(obs, obs2, sizeof(float) * (size_t)info.obs_dim);
                if (ta) { cls->reset(&a); cls->reset(&b); }
            }
            CHECK(diff == 0, "%s: a memcpy'd state replays identically", cls->name);
        }
    }
}

/* ---- gymnax differences (ENVIRONMENTS.md 5), one test each, plus "same dynamics" checks ---- */

/* Breakout (5.1) and Seaquest (none in 0.0.9): both presets give the same episode from the same draws. */
static void test_same_dynamics(const EnvClass *cls) {
    AnyGame m, x;
    EnvInfo info = make(cls, &m, ENV_PRESET_MINATAR, 0.0, 1);
    make(cls, &x, ENV_PRESET_GYMNAX, 0.0, 1);
    m.b.c.sticky_draw = 0; /* so that both RNGs see the same draws */
    minatar_rng_seed(&m.b.c.rng, 42);
    minatar_rng_seed(&x.b.c.rng, 42);
    cls->reset(&m);
    cls->reset(&x);
    Rng r;
    rng_seed(&r, 9, 0);
    float om[1000], ox[1000];
    int diff = 0, t = 0;
    for (; t < 3000; t++) {
        int tm, tx;
        const int a = (int)rng_below(&r, 6);
        diff += cls->step(&m, a, &tm) != cls->step(&x, a, &tx) || tm != tx;
        cls->observe(&m, om);
        cls->observe(&x, ox);
        diff += memcmp(om, ox, sizeof(float) * (size_t)info.obs_dim) != 0;
        if (tm) { cls->reset(&m); cls->reset(&x); }
    }
    CHECK(diff == 0, "%s: gymnax preset has the original dynamics (%d differing steps)", cls->name, diff);
}

static int asterix_alive(const Asterix *g) {
    int n = 0;
    for (int i = 0; i < 8; i++) n += g->alive[i];
    return n;
}

/* Asterix at a spawn step with the given slots filled (entities far from the player, not moving). */
static void asterix_setup(Asterix *g, int preset, uint32_t seed, unsigned filled) {
    make(&asterix_class, g, preset, 0.0, 1);
    asterix_reset(g);
    minatar_rng_seed(&g->c.rng, seed);
    g->x = g->y = 5; /* spawns appear in column 0 or 9, the entities wait in column 2 */
    for (int i = 0; i < 8; i++) {
        g->alive[i] = (int8_t)(filled >> i & 1);
        g->ex[i] = 2;
        g->right[i] = g->gold[i] = 0;
    }
    g->spawn_timer = 0;
    g->move_timer = 3;
}

static void test_gymnax_asterix_spawn(void) {
    /* all eight slots full: the original does nothing, gymnax wipes the entity in perm[7] */
    Asterix g;
    asterix_setup(&g, ENV_PRESET_MINATAR, 1, 0xFF);
    asterix_act(&g, MINATAR_NOOP);
    CHECK(asterix_alive(&g) == 8, "Asterix original: a spawn with no free slot changes nothing");
    asterix_setup(&g, ENV_PRESET_GYMNAX, 1, 0xFF);
    asterix_act(&g, MINATAR_NOOP);
    CHECK(asterix_alive(&g) == 7, "Asterix gymnax: a spawn with no free slot removes an entity (%d alive)",
          asterix_alive(&g));
    /* one free slot: the original always fills it; gymnax only when it is not perm[0] (7/8), and
     * otherwise clears another slot */
    int filled = 0, cleared = 0, other = 0;
    const int n = 4000;
    for (int s = 0; s < n; s++) {
        asterix_setup(&g, ENV_PRESET_MINATAR, (uint32_t)s, 0xFF & ~(1u << (s % 8)));
        asterix_act(&g, MINATAR_NOOP);
        other += asterix_alive(&g) != 8;
        asterix_setup(&g, ENV_PRESET_GYMNAX, (uint32_t)s, 0xFF & ~(1u << (s % 8)));
        asterix_act(&g, MINATAR_NOOP);
        filled += asterix_alive(&g) == 8;
        cleared += asterix_alive(&g) == 6;
    }
    CHECK(other == 0, "Asterix original: the only free slot is always used");
    CHECK(filled + cleared == n && fabs((double)filled / n - 7.0 / 8.0) < 0.02,
          "Asterix gymnax: one free slot found %.3f of the time (7/8), else another slot cleared", (double)filled / n);
}

static void test_gymnax_freeway_time_limit(void) {
    /* original: the game itself ends on its 2501st step; gymnax: done at 2500 (a time limit) */
    Freeway g;
    make(&freeway_class, &g, ENV_PRESET_MINATAR, 0.0, 1);
    freeway_reset(&g);
    int t = 0, term = 0;
    while (!term && t < 3000) { freeway_class.step(&g, MINATAR_NOOP, &term); t++; }
    CHECK(t == 2501, "Freeway original ends after 2501 steps, got %d", t);
    EnvOptions o;
    env_options_default(&o);
    VecEnv v;
    CHECK(vecenv_init(&v, &freeway_class, &o, 2, 5) == 0 && v.info.time_limit == 2500, "Freeway gymnax time limit 2500");
    int actions[2] = {0, 0}, ended = 0;
    float rewards[2];
    unsigned char te[2], tr[2];
    for (t = 1; t <= 2500 && !ended; t++) {
        vecenv_step(&v, actions, rewards, te, tr, NULL);
        ended = te[0] || tr[0];
        if (ended) CHECK(t == 2500 && tr[0] && !te[0], "Freeway gymnax: truncated at step %d (terminated %d)", t, te[0]);
    }
    CHECK(ended, "Freeway gymnax episode ends");
    vecenv_free(&v);
}

static void test_gymnax_space_invaders_first_wave(void) {
    SpaceInvaders g;
    float obs[600];
    make(&space_invaders_class, &g, ENV_PRESET_MINATAR, 0.0, 1);
    space_invaders_reset(&g);
    space_invaders_observe(&g, obs);
    CHECK(count_channel(obs, 6, 1) == 24 && g.alien[0] == 0xFC, "SpaceInvaders original: 24 aliens in columns 2..7");
    make(&space_invaders_class, &g, ENV_PRESET_GYMNAX, 0.0, 1);
    space_invaders_reset(&g);
    space_invaders_observe(&g, obs);
    CHECK(count_channel(obs, 6, 1) == 28 && g.alien[0] == 0x1FC, "SpaceInvaders gymnax: 28 aliens in columns 2..8");
    /* refills after a clear have 24 in both */
    memset(g.alien, 0, sizeof g.alien);
    g.alien[5] = 1u << 3;
    g.f_bullet[6] = 1u << 3; /* moves up into the last alien */
    g.alien_move_timer = 5;
    const int r = space_invaders_act(&g, MINATAR_NOOP);
    space_invaders_observe(&g, obs);
    CHECK(r == 1 && count_channel(obs, 6, 1) == 24 && g.ramp_index == 1, "SpaceInvaders gymnax: refill has 24 aliens");
}

static void test_gymnax_space_invaders_bullet_column(void) {
    /* an enemy bullet lands in row 9, column 4 while the cannon moves 5 -> 4 (or 4 -> 5) */
    for (int preset = ENV_PRESET_MINATAR; preset <= ENV_PRESET_GYMNAX; preset++)
        for (int into = 0; into <= 1; into++) {
            SpaceInvaders g;
            make(&space_invaders_class, &g, preset, 0.0, 1);
            space_invaders_reset(&g);
            g.pos = into ? 5 : 4;
            g.e_bullet[8] = 1u << 4;
            space_invaders_act(&g, into ? MINATAR_LEFT : MINATAR_RIGHT);
            /* original tests the new column, gymnax the old one */
            const int want = (preset == ENV_PRESET_MINATAR) == into;
            CHECK(g.c.terminal == want, "SpaceInvaders %s: cannon moving %s the bullet's column: terminal %d",
                  preset == ENV_PRESET_MINATAR ? "original" : "gymnax", into ? "into" : "out of", g.c.terminal);
        }
}

/* Seaquest 4.5 (6): a sub still fires when it was shot, or left the grid, this step (not in the refdata). */
static void test_seaquest_last_shot(void) {
    for (int leave = 0; leave <= 1; leave++) {
        Seaquest g;
        make(&seaquest_class, &g, ENV_PRESET_MINATAR, 0.0, 1);
        seaquest_reset(&g);
        seaquest_add(&g, SEAQUEST_SUB, leave ? 9 : 3, 4, 1, 0, 0); /* moves and fires this step */
        if (!leave) seaquest_add(&g, SEAQUEST_FBULLET, 5, 4, 0, 0, 0); /* meets it at column 4 */
        const int r = seaquest_act(&g, MINATAR_NOOP);
        float obs[1000];
        seaquest_observe(&g, obs);
        const int subs = seaquest_count(&g, SEAQUEST_SUB), shots = seaquest_count(&g, SEAQUEST_EBULLET);
        if (leave) CHECK(subs == 0 && shots == 0 && r == 0, "Seaquest: a sub leaving the grid fires off-grid");
        else CHECK(subs == 0 && r == 1 && shots == 1 && obs[(4 * 10 + 5) * 10 + 4] == 1.0f,
                   "Seaquest: a sub shot this step fires a last, visible bullet");
    }
}

/* Seaquest at its fastest difficulty (a spawn every step, enemies moving every 3rd): the sub waits at
 * the surface, where nothing reaches it, and the fixed-size lists must hold everything. */
static void test_seaquest_capacity(void) {
    Seaquest g;
    make(&seaquest_class, &g, ENV_PRESET_MINATAR, 0.0, 1);
    seaquest_reset(&g);
    g.e_spawn_speed = 1;
    g.move_speed = 2;
    int most = 0, refused = 0;
    for (int t = 0; t < 20000 && !g.c.terminal; t++) {
        seaquest_act(&g, t % 7 == 0 ? MINATAR_FIRE : t % 2 ? MINATAR_LEFT : MINATAR_RIGHT);
        refused += !seaquest_class.valid(&g);
        const int fish = seaquest_count(&g, SEAQUEST_FISH), subs = seaquest_count(&g, SEAQUEST_SUB);
        const int n = fish > subs ? fish : subs;
        most = n > most ? n : most;
    }
    CHECK(!g.c.terminal && g.dropped == 0 && most > 10 && most < SEAQUEST_CAP / 2,
          "Seaquest lists: %d fish or subs at most, %d appends dropped", most, g.dropped);
    CHECK(refused == 0, "Seaquest at its fastest: valid refuses %d states", refused);
}

/* Seaquest's lists, kind by kind in lane order (dead lanes skipped): places, directions and timers. */
static int seaquest_lists_differ(const Seaquest *a, const Seaquest *b) {
    for (int k = 0; k < SEAQUEST_DEAD; k++) {
        for (int i = 0, j = 0;; i++, j++) {
            while (i < a->n && a->kind[i] != k) i++;
            while (j < b->n && b->kind[j] != k) j++;
            if (i == a->n || j == b->n) {
                if (i != a->n || j != b->n) return 1;
                break;
            }
            if (a->tx[i] != b->tx[j] || a->ty[i] != b->ty[j] || a->tdx[i] != b->tdx[j]) return 1;
            if (k >= SEAQUEST_FISH && (uint16_t)(a->due[i] - a->clock) != (uint16_t)(b->due[j] - b->clock)) return 1;
            if (k == SEAQUEST_SUB && (uint16_t)(a->shot_due[i] - a->clock) != (uint16_t)(b->shot_due[j] - b->clock))
                return 1;
        }
    }
    return 0;
}

/* Seaquest's fast turns (the movers only, on the grid) against MinAtar's loops alone (seaquest_act_exact)
 * from the same state, every step: rewards, ends, observations, MinAtar's variables (st), drops and the
 * five lists. Random play under both presets; the hardest difficulty (a spawn every step, enemies moving
 * every 3rd) with a sub that stays under water and fires; lists filled with things at random places, so
 * that they meet, share cells and trails, and divers reach the sub. */
static void test_seaquest_fast_exact(void) {
    static const char *const names[] = {"sub", "or", "oxygen", "divers", "e_spawn_speed", "e_spawn_timer",
                                        "d_spawn_timer", "move_speed", "shot_timer", "surface", "ramp",
                                        "nf", "ne", "nfish", "nsub", "ndiv"};
    static Seaquest g, h;
    long bad = 0, first = -1, steps = 0, rewards = 0, ends = 0, refused = 0, first_refused = -1;
    for (int sc = 0; sc < 4; sc++) {
        make(&seaquest_class, &g, sc == 1 ? ENV_PRESET_GYMNAX : ENV_PRESET_MINATAR, 0.0, 1);
        Rng r;
        rng_seed(&r, 11, (uint64_t)sc);
        g.c.terminal = 1;
        for (int t = 0; t < 30000; t++) {
            if (g.c.terminal) {
                seaquest_reset(&g);
                ends++;
                if (sc == 2) {
                    g.e_spawn_speed = 1;
                    g.move_speed = 2;
                }
                for (int m = sc == 3 ? 24 : 0; m > 0; m--) {
                    const int k = (int)rng_below(&r, SEAQUEST_DEAD), y = k <= SEAQUEST_EBULLET ? (int)rng_below(&r, 9)
                                                                                              : 1 + (int)rng_below(&r, 8);
                    seaquest_add(&g, k, (int)rng_below(&r, 10), y, k == SEAQUEST_FISH || k == SEAQUEST_SUB ? y & 1
                                                                                              : (int)rng_below(&r, 2),
                                 (int)rng_below(&r, 6), (int)rng_below(&r, 11));
                }
            }
            const uint32_t u = rng_below(&r, 100);
            const int a = sc != 2 ? (int)rng_below(&r, 6)
                                  : u < 35 ? MINATAR_FIRE : u < 50 ? MINATAR_DOWN : u < 58 ? MINATAR_UP
                                  : u < 79 ? MINATAR_LEFT : MINATAR_RIGHT;
            h = g;
            const int ra = seaquest_act(&g, a), rb = seaquest_act_exact(&h, a);
            uint64_t ba[MINATAR_BITS_WORDS], bb[MINATAR_BITS_WORDS];
            seaquest_observe_bits(&g, ba);
            seaquest_observe_bits(&h, bb);
            int d = ra != rb || g.c.terminal != h.c.terminal || g.dropped != h.dropped || g.n_fbullet != h.n_fbullet ||
                    memcmp(ba, bb, sizeof(uint64_t) * (size_t)env_obs_words(1000)) || seaquest_lists_differ(&g, &h);
            for (int k = 0; k < (int)(sizeof names / sizeof names[0]); k++) {
                int va[2] = {0, 0}, vb[2] = {0, 0};
                d |= seaquest_game.st(&g, names[k], va) != seaquest_game.st(&h, names[k], vb) || va[0] != vb[0] ||
                     va[1] != vb[1];
            }
            if (d && !bad++) first = steps;
            if ((!seaquest_class.valid(&g) || !seaquest_class.valid(&h)) && !refused++) first_refused = steps;
            steps++;
            rewards += ra;
        }
    }
    CHECK(bad == 0 && ends > 100 && rewards > 100,
          "Seaquest: fast turns = MinAtar's loops (%ld of %ld steps differ, first %ld; %ld episodes, reward %ld)", bad,
          steps, first, ends, rewards);
    CHECK(refused == 0, "Seaquest: valid refuses %ld states either turns leave (first at step %ld)", refused,
          first_refused);
}

/* ---- vecenv, rendering ---- */

/* A packed vector of envs follows the float one step for step: rewards, flags, observations and
 * final observations (bits of the same entries). */
static void test_vecenv_packed(void) {
    enum { N = 3 };
    for (int k = 0; k < NGAMES; k++) {
        const EnvClass *cls = games[k]->cls;
        EnvOptions o;
        env_options_default(&o);
        o.time_limit = 40; /* truncations too */
        VecEnv f, p;
        CHECK(vecenv_init(&f, cls, &o, N, 9) == 0 && vecenv_init_packed(&p, cls, &o, N, 9) == 0, "%s vecenvs", cls->name);
        const int D = f.info.obs_dim, W = env_obs_words(D);
        CHECK(p.bits && !p.obs && p.obs_bytes == sizeof(uint64_t) * (size_t)W, "%s: packed buffer", cls->name);
        float *fin = malloc(sizeof(float) * N * (size_t)D);
        uint64_t *finb = malloc(sizeof(uint64_t) * N * (size_t)W);
        Rng r;
        rng_seed(&r, 3, (uint64_t)k);
        int bad = 0, ends = 0;
        for (int t = 0; t < 600; t++) {
            int actions[N];
            float rf[N], rp[N];
            unsigned char tf[N], tp[N], uf[N], up[N];
            for (int i = 0; i < N; i++) actions[i] = (int)rng_below(&r, (uint32_t)f.info.n_actions);
            const int with_final = t % 2;
            vecenv_step(&f, actions, rf, tf, uf, with_final ? fin : NULL);
            vecenv_step_packed(&p, actions, rp, tp, up, with_final ? finb : NULL);
            for (int i = 0; i < N; i++) {
                bad += rf[i] != rp[i] || tf[i] != tp[i] || uf[i] != up[i];
                bad += bits_mismatch(p.bits + (size_t)i * W, f.obs + (size_t)i * D, D) != 0;
                if (with_final) bad += bits_mismatch(finb + (size_t)i * W, fin + (size_t)i * D, D) != 0;
                ends += tf[i] || uf[i];
            }
        }
        CHECK(bad == 0 && ends > 10, "%s: packed vecenv = float vecenv (%d differences, %d episode ends)", cls->name, bad,
              ends);
        free(fin);
        free(finb);
        vecenv_free(&f);
        vecenv_free(&p);
    }
    VecEnv c;
    EnvOptions o;
    env_options_default(&o);
    CHECK(vecenv_init_packed(&c, env_find("CartPole-v1"), &o, 2, 1) == -1, "no packed vecenv for float observations");
}

/* The games' batched packed steps (EnvStepPackedN, what vecenv_step_packed runs without final
 * observations) against the generic loop they stand for: two packed vectors from one seed, the second
 * with step_packed_n cleared, stepped with the same actions (invalid indices too). Rewards, flags, bits,
 * step counts and the env states themselves (so every RNG draw) must agree after every step, through
 * resets and truncations; both presets, sticky or not, minimal and full sets, N = 1, 3, 5, 16. Some steps
 * ask for final observations (the generic path on both) in between. */
static void test_vecenv_batched(void) {
    static const struct { int preset; double sticky; int full, limit, n; } cases[] = {
        {ENV_PRESET_MINATAR, 0.1, 1, -1, 1}, /* the benchmark's settings */
        {ENV_PRESET_MINATAR, 0.1, 1, -1, 16},
        {ENV_PRESET_GYMNAX, -1.0, 0, 37, 3},
        {ENV_PRESET_MINATAR, 0.5, 0, 25, 16},
        {ENV_PRESET_GYMNAX, 0.25, 1, 1, 5}, /* every step truncates */
        {ENV_PRESET_DEFAULT, -1.0, -1, 0, 5},
    };
    enum { MAXN = 16, STEPS = 2600 }; /* Freeway ends itself after 2501 steps */
    for (int k = 0; k < NGAMES; k++) {
        const EnvClass *cls = games[k]->cls;
        for (int c = 0; c < (int)(sizeof cases / sizeof cases[0]); c++) {
            EnvOptions o;
            env_options_default(&o);
            o.preset = cases[c].preset;
            o.sticky_prob = cases[c].sticky;
            o.full_action_set = cases[c].full;
            o.time_limit = cases[c].limit;
            const int n = cases[c].n;
            VecEnv a, b;
            CHECK(vecenv_init_packed(&a, cls, &o, n, 40 + (uint64_t)c) == 0 &&
                      vecenv_init_packed(&b, cls, &o, n, 40 + (uint64_t)c) == 0,
                  "%s case %d: vecenvs", cls->name, c);
            CHECK(a.step_packed_n != NULL && a.step_packed_n == env_step_packed_n(cls), "%s: a batched step", cls->name);
            b.step_packed_n = NULL;
            const int W = env_obs_words(a.info.obs_dim);
            uint64_t fa[MAXN * 16], fb[MAXN * 16];
            Rng r;
            rng_seed(&r, 17, (uint64_t)(k * 10 + c));
            long bad = 0, first = -1, ends = 0, truncs = 0;
            for (int t = 0; t < STEPS; t++) {
                int actions[MAXN];
                float ra[MAXN], rb[MAXN];
                unsigned char ta[MAXN], tb[MAXN], ua[MAXN], ub[MAXN];
                for (int i = 0; i < n; i++) /* now and then an index outside the action set */
                    actions[i] = t % 101 == 50 ? (i % 2 ? -1 : a.info.n_actions)
                                                : (int)rng_below(&r, (uint32_t)a.info.n_actions);
                const int final = t % 53 == 7;
                vecenv_step_packed(&a, actions, ra, ta, ua, final ? fa : NULL);
                vecenv_step_packed(&b, actions, rb, tb, ub, final ? fb : NULL);
                const size_t nb = sizeof(uint64_t) * (size_t)(n * W);
                int d = memcmp(ra, rb, sizeof(float) * (size_t)n) || memcmp(ta, tb, (size_t)n) ||
                        memcmp(ua, ub, (size_t)n) || memcmp(a.bits, b.bits, nb) ||
                        memcmp(a.steps, b.steps, sizeof(int) * (size_t)n) ||
                        memcmp(a.states, b.states, cls->state_size * (size_t)n) || (final && memcmp(fa, fb, nb));
                for (int i = 0; i < n; i++) d |= !cls->valid(a.states + cls->state_size * (size_t)i);
                if (d && !bad++) first = t;
                for (int i = 0; i < n; i++) {
                    ends += ta[i] || ua[i];
                    truncs += ua[i];
                }
            }
            CHECK(bad == 0 && ends > 0 && (cases[c].limit <= 0 || truncs > 0),
                  "%s case %d: batched step = generic loop, valid states (%ld steps differ, first %ld; %ld ends, "
                  "%ld truncations)",
                  cls->name, c, bad, first, ends, truncs);
            vecenv_free(&a);
            vecenv_free(&b);
        }
    }
}

static void test_vecenv_and_render(void) {
    EnvOptions o;
    env_options_default(&o);
    VecEnv v;
    CHECK(vecenv_init(&v, &seaquest_class, &o, 4, 1) == 0, "Seaquest vecenv");
    int actions[4];
    float rewards[4];
    unsigned char te[4], tr[4];
    Rng r;
    rng_seed(&r, 1, 0);
    long ends = 0;
    for (int t = 0; t < 2000; t++) {
        for (int i = 0; i < 4; i++) actions[i] = (int)rng_below(&r, 6);
        vecenv_step(&v, actions, rewards, te, tr, NULL);
        for (int i = 0; i < 4; i++) ends += te[i] || tr[i];
    }
    CHECK(ends > 10, "Seaquest vecenv: episodes end and reset (%ld)", ends);
    vecenv_free(&v);

    Breakout b;
    float obs[400];
    make(&breakout_class, &b, ENV_PRESET_MINATAR, 0.0, 1);
    breakout_reset(&b);
    breakout_act(&b, MINATAR_NOOP);
    breakout_act(&b, MINATAR_NOOP); /* the trail, under the ball at the start and then under a brick, shows */
    breakout_observe(&b, obs);
    int alone = 0; /* cells of the trail alone */
    for (int i = 0; i < 100; i++) alone += obs[i * 4 + 2] != 0.0f && obs[i * 4] + obs[i * 4 + 1] + obs[i * 4 + 3] == 0.0f;
    CHECK(count_channel(obs, 4, 2) == 1 && alone == 1, "render: a trail in a cell of its own");
    char buf[4096];
    for (int color = 0; color <= 1; color++) {
        FILE *f = tmpfile();
        CHECK(f != NULL, "tmpfile");
        if (!f) return;
        minatar_render(f, obs, &breakout_game, color);
        rewind(f);
        const size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = '\0';
        fclose(f);
        int lines = 0;
        for (size_t i = 0; i < n; i++) lines += buf[i] == '\n';
        CHECK(lines == 13 && strstr(buf, "paddle") && strstr(buf, "brick"), "render: frame and legend (%d lines)", lines);
        CHECK((strchr(buf, '\033') != NULL) == color, "render: escape codes only with colour");
        if (!color) CHECK(strstr(buf, "|# # # # # # # # # # |") != NULL, "render: a row of bricks");
        /* the trail in the terminal's own colour, in the frame and the legend (dark grey hid it on dark
         * backgrounds): each '.' plain, not after an escape code's 'm' */
        int dots = 0, plain = 0;
        for (size_t i = 0; i < n; i++)
            if (buf[i] == '.') { dots++; plain += i > 0 && buf[i - 1] != 'm'; }
        CHECK(dots == 2 && plain == 2 && strstr(buf, "  . trail"), "render (colour %d): the trail plain, %d of %d", color,
              plain, dots);
    }
}

/* ---- EnvClass.valid ---- */

/* A step that does not end the game, if one of the actions has one (a one-step look-ahead on copies, which
 * draw what the real step draws): long episodes, so ramps and crowded states, without a trained player. */
static int lookahead_action(const EnvClass *cls, const AnyGame *g, int n_actions, int a) {
    for (int j = 0; j < n_actions; j++) {
        AnyGame copy = *g;
        int term;
        cls->step(&copy, (a + j) % n_actions, &term);
        if (!term) return (a + j) % n_actions;
    }
    return a;
}

/* valid holds after every step and every reset of long runs, for every game under both presets: (0) random
 * actions, sticky 0.1, the preset's time limit; (1) the default stickiness, the full set, no time limit; (2) as
 * (1) with the look-ahead player. Terminal states are checked before their reset. */
static void test_valid_random_play(void) {
    enum { STEPS = 70000 };
    for (int k = 0; k < NGAMES; k++) {
        const MinatarGame *gm = games[k];
        const EnvClass *cls = gm->cls;
        for (int preset = ENV_PRESET_MINATAR; preset <= ENV_PRESET_GYMNAX; preset++)
            for (int run = 0; run < 3; run++) {
                AnyGame g;
                const EnvInfo info = make(cls, &g, preset, run ? -1.0 : 0.1, run > 0);
                cls->seed(&g, 100 + (uint64_t)k, (uint64_t)(preset * 3 + run));
                cls->reset(&g);
                Rng r;
                rng_seed(&r, 31, (uint64_t)(k * 6 + preset * 3 + run));
                const int limit = run ? 0 : info.time_limit;
                long refused = !cls->valid(&g), first = refused ? 0 : -1, episodes = 0, ends = 0, since = 0;
                long longest = 0;
                int ramp = 0;
                for (long t = 1; t <= STEPS; t++) {
                    int term, a = (int)rng_below(&r, (uint32_t)info.n_actions);
                    if (run == 2) a = lookahead_action(cls, &g, info.n_actions, a);
                    cls->step(&g, a, &term);
                    if (!cls->valid(&g) && !refused++) first = t;
                    const int level = gm->ramp(&g);
                    ramp = level > ramp ? level : ramp;
                    longest = ++since > longest ? since : longest;
                    if (term || (limit && since >= limit)) {
                        ends += term;
                        episodes++;
                        cls->reset(&g);
                        if (!cls->valid(&g) && !refused++) first = t;
                        since = 0;
                    }
                }
                CHECK(refused == 0 && episodes > 0,
                      "%s preset %d run %d: valid refuses %ld states (first at step %ld); %ld episodes, %ld games "
                      "ended, longest episode %ld, ramp %d", cls->name, preset, run, refused, first, episodes, ends,
                      longest, ramp);
            }
    }
}

/* A colour that dark and light backgrounds both show: red, green, magenta, cyan and bright red, blue, magenta
 * (not white, grey, black, yellow, dark blue, bright green or cyan). */
static int readable_color(int c) {
    static const int ok[] = {31, 32, 35, 36, 91, 94, 95};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (c == ok[i]) return 1;
    return 0;
}

/* Each game's glyph table against what its observations hold, over random play in both presets: the symbols
 * are distinct and the legend's words can be split at its two-space separators; a cell holding anything shows a
 * symbol (no channel without a glyph is ever alone in a cell); every channel of a glyph wins its cell at least
 * once (the legend lists no symbol a frame cannot show: SpaceInvaders' alien_left/right, under alien, had '<'
 * and '>'), and drawn frames then hold exactly the legend's symbols. */
static void test_render_glyphs(void) {
    enum { STEPS = 20000 };
    for (int k = 0; k < NGAMES; k++) {
        const MinatarGame *gm = games[k];
        const EnvClass *cls = gm->cls;
        const int C = gm->channels;
        int has[16] = {0}, trail[16] = {0}, seen[16] = {0};
        char syms[32] = "";
        for (int i = 0; i < gm->n_glyphs; i++) {
            const MinatarGlyph *gl = &gm->glyphs[i];
            CHECK(0 <= gl->first && gl->first <= gl->last && gl->last < C, "%s glyph %d: channels %d..%d", cls->name, i,
                  gl->first, gl->last);
            CHECK(gl->text[0] && !strstr(gl->text, "  ") && !strchr(gl->text, '_'),
                  "%s glyph %d: words without two spaces in a row or a channel's identifier: '%s'", cls->name, i, gl->text);
            /* trails in the terminal's own colour, objects in one every background shows */
            CHECK(gl->trail ? gl->color == 0 : readable_color(gl->color),
                  "%s glyph %d ('%c'): colour %d", cls->name, i, gl->sym, gl->color);
            for (int ch = gl->first; ch <= gl->last && ch < C && ch >= 0; ch++) {
                const char sym = (char)(gl->sym + ch - gl->first);
                CHECK(!has[ch]++, "%s: channel %d has two glyphs", cls->name, ch);
                CHECK(sym > ' ' && sym < 127 && !strchr(syms, sym), "%s: symbol '%c' given twice", cls->name, sym);
                syms[strlen(syms)] = sym;
                trail[ch] = gl->trail;
            }
        }
        long blank = 0;
        for (int preset = ENV_PRESET_MINATAR; preset <= ENV_PRESET_GYMNAX; preset++) {
            AnyGame g;
            const EnvInfo info = make(cls, &g, preset, -1.0, 0);
            cls->seed(&g, 5 + (uint64_t)k, (uint64_t)preset);
            cls->reset(&g);
            Rng r;
            rng_seed(&r, 17, (uint64_t)(k * 2 + preset));
            float obs[1000];
            long since = 0;
            for (long t = 0; t < STEPS; t++) {
                cls->observe(&g, obs);
                for (int cell = 0; cell < 100; cell++) {
                    const float *v = obs + cell * C;
                    int any = 0, shown = -1;
                    for (int pass = 0; pass < 2 && shown < 0; pass++) /* minatar_render's order */
                        for (int ch = 0; ch < C && shown < 0; ch++)
                            if (v[ch] != 0.0f && has[ch] && trail[ch] == pass) shown = ch;
                    for (int ch = 0; ch < C; ch++) any |= v[ch] != 0.0f;
                    if (shown >= 0) seen[shown] = 1;
                    else blank += any;
                }
                int term;
                cls->step(&g, lookahead_action(cls, &g, info.n_actions, (int)rng_below(&r, (uint32_t)info.n_actions)), &term);
                since++;
                if (term || (info.time_limit && since >= info.time_limit)) {
                    cls->reset(&g);
                    since = 0;
                }
            }
        }
        CHECK(blank == 0, "%s: %ld cells hold a channel without a glyph alone", cls->name, blank);
        for (int ch = 0; ch < C; ch++)
            CHECK(seen[ch] == has[ch], "%s: channel %s %s", cls->name, gm->channel_names[ch],
                  has[ch] ? "has a glyph but never shows" : "shows without a glyph");
    }
}

/* SpaceInvaders' ramps (a cleared wave: the next moves faster, down to every 6th step), which random play does not
 * reach: waves cleared one after the other by a last alien and a bullet under it; valid after each. */
static void test_valid_space_invaders_ramps(void) {
    SpaceInvaders g;
    make(&space_invaders_class, &g, ENV_PRESET_MINATAR, 0.0, 1);
    space_invaders_reset(&g);
    int refused = 0, reward = 0;
    for (int w = 0; w < 8; w++) {
        memset(g.alien, 0, sizeof g.alien);
        memset(g.e_bullet, 0, sizeof g.e_bullet);
        g.alien[5] = 1u << 3;
        g.f_bullet[6] = 1u << 3; /* moves up into it */
        g.alien_move_timer = g.alien_shot_timer = 5;
        reward += space_invaders_act(&g, MINATAR_NOOP);
        refused += !space_invaders_class.valid(&g);
    }
    CHECK(refused == 0 && reward == 8 && g.ramp_index == 6 && g.move_interval == 6,
          "SpaceInvaders: valid after every ramp (%d refused; reward %d, ramp %d, interval %d)", refused, reward,
          g.ramp_index, g.move_interval);
}

/* Seaquest's diver count after surfacing with six (MinAtar's quirk: 6 -> 0, then one less): it goes on below 0,
 * one a surfacing, and valid must take that. */
static void test_valid_seaquest_divers(void) {
    Seaquest g;
    make(&seaquest_class, &g, ENV_PRESET_MINATAR, 0.0, 1);
    seaquest_reset(&g);
    int refused = 0, reward = 0;
    seaquest_act(&g, MINATAR_DOWN);
    g.diver_count = 6;
    for (int i = 0; i < 3; i++) { /* surface, dive */
        reward += seaquest_act(&g, MINATAR_UP);
        refused += !seaquest_class.valid(&g);
        seaquest_act(&g, MINATAR_DOWN);
        refused += !seaquest_class.valid(&g);
    }
    CHECK(refused == 0 && !g.c.terminal && reward > 0 && g.diver_count == -3,
          "Seaquest: valid takes a diver count below 0 (%d refused; reward %d, divers %d, terminal %d)", refused,
          reward, g.diver_count, g.c.terminal);
}

/* Adds up to m things at random places to Seaquest (as test_seaquest_fast_exact does; full lists refuse). */
static void seaquest_crowd(Seaquest *g, Rng *r, int m) {
    for (; m > 0; m--) {
        const int k = (int)rng_below(r, SEAQUEST_DEAD), y = k <= SEAQUEST_EBULLET ? (int)rng_below(r, 9)
                                                                                  : 1 + (int)rng_below(r, 8);
        const int right = k == SEAQUEST_FISH || k == SEAQUEST_SUB ? y & 1 : (int)rng_below(r, 2);
        seaquest_add(g, k, (int)rng_below(r, 10), y, right, (int)rng_below(r, 6), (int)rng_below(r, 11));
    }
}

/* Seaquest crowded: lists filled up to their caps (over 64 lanes, so lanes without mask bits and compactions),
 * at the fastest difficulty half the time, with things added as it plays; valid after every add and step. */
static void test_valid_seaquest_crowded(void) {
    static Seaquest g;
    make(&seaquest_class, &g, ENV_PRESET_MINATAR, -1.0, 1);
    Rng r;
    rng_seed(&r, 23, 0);
    long refused = 0, first = -1, ends = 0;
    int most_lanes = 0, most_alive = 0;
    g.c.terminal = 1;
    for (long t = 0; t < 40000; t++) {
        if (g.c.terminal) {
            seaquest_reset(&g);
            ends++;
            if (ends % 2) {
                g.e_spawn_speed = 1;
                g.move_speed = 2;
            }
            seaquest_crowd(&g, &r, 150 + (int)rng_below(&r, 150));
        } else if (t % 4 == 0) seaquest_crowd(&g, &r, (int)rng_below(&r, 12));
        if (!seaquest_class.valid(&g) && !refused++) first = t;
        int term;
        seaquest_class.step(&g, (int)rng_below(&r, 6), &term);
        if (!seaquest_class.valid(&g) && !refused++) first = t;
        int alive = 0;
        for (int k = 0; k < SEAQUEST_DEAD; k++) alive += seaquest_count(&g, k);
        most_lanes = g.n > most_lanes ? g.n : most_lanes;
        most_alive = alive > most_alive ? alive : most_alive;
    }
    CHECK(refused == 0 && ends > 10 && most_lanes > 200 && most_alive > 150,
          "Seaquest crowded: valid refuses %ld states (first at step %ld); %ld games, up to %d lanes, %d things",
          refused, first, ends, most_lanes, most_alive);
}

/* Sets one field of a valid state to value: valid must refuse the state, and accept it again once the field is
 * restored. */
#define REFUSED(cls, g, field, value)                                                                           \
    do {                                                                                                        \
        unsigned char saved_[sizeof(field)];                                                                    \
        memcpy(saved_, &(field), sizeof saved_);                                                                \
        (field) = (value);                                                                                      \
        CHECK(!(cls)->valid(&(g)), "%s: valid refuses %s = %s", (cls)->name, #field, #value);                  \
        memcpy(&(field), saved_, sizeof saved_);                                                                \
        CHECK((cls)->valid(&(g)), "%s: valid accepts the state with %s restored", (cls)->name, #field);         \
    } while (0)

/* A game after a few random steps (not ended): valid must accept it. */
static void valid_state(const EnvClass *cls, void *g, int steps, uint64_t seed) {
    const EnvInfo info = make(cls, g, ENV_PRESET_MINATAR, -1.0, 1);
    cls->seed(g, seed, 0);
    cls->reset(g);
    Rng r;
    rng_seed(&r, seed, 1);
    for (int t = 0; t < steps; t++) {
        int term;
        cls->step(g, (int)rng_below(&r, (uint32_t)info.n_actions), &term);
        if (term) cls->reset(g);
    }
    CHECK(cls->valid(g), "%s: valid accepts a state after %d random steps", cls->name, steps);
}

/* The part every game shares (minatar_common_valid), through each game's valid. */
static void test_valid_refuses_common(void) {
    for (int k = 0; k < NGAMES; k++) {
        const EnvClass *cls = games[k]->cls;
        AnyGame g;
        valid_state(cls, &g, 30, 1 + (uint64_t)k);
        MinatarCommon *c = &g.b.c; /* every game's first member */
        REFUSED(cls, g, c->rng.mti, MINATAR_MT_N + 1);
        REFUSED(cls, g, c->rng.mti, -1);
        REFUSED(cls, g, c->rng.fast_end, 0);
        REFUSED(cls, g, c->rng.replay, 2);
        REFUSED(cls, g, c->rng.qlen, MINATAR_QUEUE_CAP + 1);
        REFUSED(cls, g, c->rng.qhead, MINATAR_QUEUE_CAP + 1);
        REFUSED(cls, g, c->rng.qhead, -1);
        { /* head and length each huge: their sum overflows an int (found by fuzz_ckpt; the sanitizer pass checks) */
            const int head = c->rng.qhead, len = c->rng.qlen;
            c->rng.qhead = INT_MAX - 3;
            c->rng.qlen = INT_MAX - 7;
            CHECK(!cls->valid(&g), "%s: valid refuses a huge queue head and length", cls->name);
            c->rng.qhead = head;
            c->rng.qlen = len;
        }
        REFUSED(cls, g, c->preset, ENV_PRESET_DEFAULT);
        REFUSED(cls, g, c->ramping, 2);
        REFUSED(cls, g, c->n_actions, 0);
        REFUSED(cls, g, c->n_actions, 7);
        REFUSED(cls, g, c->actions[0], 6);
        REFUSED(cls, g, c->actions[c->n_actions - 1], -1);
        REFUSED(cls, g, c->last_action, -1);
        REFUSED(cls, g, c->last_action, 6);
        REFUSED(cls, g, c->terminal, 2);
        REFUSED(cls, g, c->sticky, NAN);
        REFUSED(cls, g, c->sticky, 1.5);
        REFUSED(cls, g, c->sticky_k, c->sticky_k + 1);
        REFUSED(cls, g, c->sticky_draw, 2);
    }
}

static void test_valid_refuses_breakout(void) {
    const EnvClass *cls = &breakout_class;
    Breakout g;
    valid_state(cls, &g, 60, 3);
    REFUSED(cls, g, g.pos, -1);
    REFUSED(cls, g, g.pos, 10);
    REFUSED(cls, g, g.ball, -1);
    REFUSED(cls, g, g.ball, 400);
    REFUSED(cls, g, g.ball, (90 + 4) * 4 + 2); /* row 9, the game not over: the next move leaves the grid */
    REFUSED(cls, g, g.c.terminal, 1);          /* over, the ball not in row 9 */
    REFUSED(cls, g, g.trail, -1);
    REFUSED(cls, g, g.trail, 400);
    REFUSED(cls, g, g.strike, 2);
    REFUSED(cls, g, g.cells, g.cells | 1);             /* cell 0 holds no brick */
    REFUSED(cls, g, g.cells, g.cells ^ (1ull << 25));  /* a brick the words do not show */
    REFUSED(cls, g, g.brick[1], g.brick[1] ^ 8);       /* bit 67: cell 16's brick */
    REFUSED(cls, g, g.brick[7], 1);
    Rng r;
    rng_seed(&r, 3, 0);
    int term = 0;
    for (int t = 0; t < 10000 && !term; t++) cls->step(&g, (int)rng_below(&r, 6), &term);
    CHECK(term && cls->valid(&g), "Breakout: a game over (ball in row 9) is valid");
    REFUSED(cls, g, g.c.terminal, 0);
}

static void test_valid_refuses_asterix(void) {
    const EnvClass *cls = &asterix_class;
    Asterix g;
    int live = -1, dead = -1;
    for (uint64_t seed = 1; seed < 100 && (live < 0 || dead < 0); seed++) {
        valid_state(cls, &g, 40, seed);
        for (int i = 0; i < 8; i++) {
            if (g.alive[i]) live = i;
            else dead = i;
        }
    }
    CHECK(live >= 0 && dead >= 0, "Asterix: a state with a live and a dead slot");
    if (live < 0 || dead < 0) return;
    REFUSED(cls, g, g.x, -1);
    REFUSED(cls, g, g.x, 10);
    REFUSED(cls, g, g.y, 0);
    REFUSED(cls, g, g.y, 9);
    REFUSED(cls, g, g.alive[dead], 2);
    REFUSED(cls, g, g.right[live], 2);
    REFUSED(cls, g, g.right[dead], -1);
    REFUSED(cls, g, g.gold[live], -1);
    REFUSED(cls, g, g.ex[live], -1);
    REFUSED(cls, g, g.ex[live], 10);
    REFUSED(cls, g, g.ex[dead], -2);
    REFUSED(cls, g, g.ex[dead], 11);
    REFUSED(cls, g, g.spawn_speed, 0);
    REFUSED(cls, g, g.spawn_speed, 11);
    REFUSED(cls, g, g.spawn_timer, -1);
    REFUSED(cls, g, g.spawn_timer, 11);
    REFUSED(cls, g, g.move_speed, 0);
    REFUSED(cls, g, g.move_speed, 6);
    REFUSED(cls, g, g.move_timer, -1);
    REFUSED(cls, g, g.move_timer, 6);
    REFUSED(cls, g, g.ramp_timer, -2);
    REFUSED(cls, g, g.ramp_timer, 101);
    REFUSED(cls, g, g.ramp_index, -1);
    REFUSED(cls, g, g.ramp_index, 10);
    REFUSED(cls, g, g.ramp_on, !g.ramp_on);
}

static void test_valid_refuses_freeway(void) {
    const EnvClass *cls = &freeway_class;
    Freeway g;
    valid_state(cls, &g, 100, 5);
    REFUSED(cls, g, g.pos, 0);
    REFUSED(cls, g, g.pos, 10);
    REFUSED(cls, g, g.move_timer, -1);
    REFUSED(cls, g, g.move_timer, 4);
    REFUSED(cls, g, g.terminate_timer, -2);
    REFUSED(cls, g, g.terminate_timer, 2501);
    REFUSED(cls, g, g.terminate_timer, -1); /* the time is up, the game not over */
    REFUSED(cls, g, g.c.terminal, 1);       /* over, time left */
    REFUSED(cls, g, g.car_x[3], -1);
    REFUSED(cls, g, g.car_x[7], 10);
    REFUSED(cls, g, g.car_v[2], 6);
    REFUSED(cls, g, g.car_v[0], -6);
    REFUSED(cls, g, g.car_timer[1], -1);
    REFUSED(cls, g, g.car_timer[5], (int8_t)(abs(g.car_v[5]) + 1));
}

static void test_valid_refuses_space_invaders(void) {
    const EnvClass *cls = &space_invaders_class;
    SpaceInvaders g;
    valid_state(cls, &g, 50, 7);
    REFUSED(cls, g, g.pos, -1);
    REFUSED(cls, g, g.pos, 10);
    REFUSED(cls, g, g.alien_dir, 0);
    REFUSED(cls, g, g.move_interval, 5);
    REFUSED(cls, g, g.move_interval, 13);
    REFUSED(cls, g, g.ramp_index, 1);
    REFUSED(cls, g, g.alien_move_timer, -1);
    REFUSED(cls, g, g.alien_move_timer, 13);
    REFUSED(cls, g, g.alien_shot_timer, -1);
    REFUSED(cls, g, g.alien_shot_timer, 11);
    REFUSED(cls, g, g.shot_timer, -1);
    REFUSED(cls, g, g.shot_timer, 6);
    REFUSED(cls, g, g.alien[0], 1u << 10);
    REFUSED(cls, g, g.f_bullet[4], 1u << 10);
    REFUSED(cls, g, g.e_bullet[9], 0x8000);
    SpaceInvaders none = g;
    memset(none.alien, 0, sizeof none.alien);
    CHECK(!cls->valid(&none) && cls->valid(&g), "SpaceInvaders: valid refuses a state without aliens");
}

/* Appends a friendly bullet at (x, y) to Seaquest's lanes, its bit and count too, past the list's cap. */
static void seaquest_force_fbullet(Seaquest *g, int x, int y) {
    const int i = g->n++, p = (y * 10 + x) * 10 + 2;
    g->kind[i] = SEAQUEST_FBULLET;
    g->tx[i] = (int8_t)x;
    g->ty[i] = (int8_t)y;
    g->tdx[i] = 1;
    if (i < 64) g->mask[SEAQUEST_FBULLET] |= 1ull << i;
    g->count[p]++;
    g->grid[p >> 6] |= 1ull << (p & 63);
    g->n_fbullet++;
}

static void test_valid_refuses_seaquest(void) {
    const EnvClass *cls = &seaquest_class;
    static Seaquest g;
    valid_state(cls, &g, 40, 9);
    /* one of each kind where nothing is (row 0 is the surface: the things go in rows 5 and 6) */
    for (int k = 0; k < SEAQUEST_DEAD; k++) seaquest_add(&g, k, 2 * k, 5 + k % 2, 1, 3, 3);
    CHECK(cls->valid(&g), "Seaquest: valid accepts things added");
    int fish = -1, fb = -1;
    for (int i = 0; i < g.n; i++) {
        if (g.kind[i] == SEAQUEST_FISH) fish = i;
        if (g.kind[i] == SEAQUEST_FBULLET) fb = i;
    }
    CHECK(fish >= 0 && fb >= 0 && g.kind[g.n - 1] != SEAQUEST_DEAD, "Seaquest: lanes of the things added");
    if (fish < 0 || fb < 0) return;
    const int p = (g.ty[fish] * 10 + g.tx[fish]) * 10 + 5, trail = p - 10 * g.tdx[fish] - 2;
    CHECK(g.count[p] >= 1 && g.count[trail] >= 1, "Seaquest: the fish's bit and trail");
    REFUSED(cls, g, g.sub, 180);
    REFUSED(cls, g, g.sub, -1);
    REFUSED(cls, g, g.oxygen, 201);
    REFUSED(cls, g, g.oxygen, -2);
    REFUSED(cls, g, g.diver_count, 7);
    REFUSED(cls, g, g.diver_count, INT_MIN);
    REFUSED(cls, g, g.surface, 2);
    REFUSED(cls, g, g.e_spawn_speed, 0);
    REFUSED(cls, g, g.e_spawn_speed, 21);
    REFUSED(cls, g, g.move_speed, 1);
    REFUSED(cls, g, g.move_speed, 6);
    REFUSED(cls, g, g.ramp_index, -1);
    REFUSED(cls, g, g.ramp_index, 20);
    REFUSED(cls, g, g.dropped, -1);
    REFUSED(cls, g, g.e_spawn_at, g.clock + 21);
    REFUSED(cls, g, g.d_spawn_at, g.clock - 1);
    REFUSED(cls, g, g.n, SEAQUEST_LANES);
    REFUSED(cls, g, g.n, -1);
    REFUSED(cls, g, g.n, g.n - 1); /* the last lane, live, past n */
    REFUSED(cls, g, g.kind[fish], 9);
    REFUSED(cls, g, g.kind[fish], -1);
    REFUSED(cls, g, g.kind[fish], SEAQUEST_SUB); /* the mask and the grid say fish */
    REFUSED(cls, g, g.kind[g.n], SEAQUEST_FISH);
    REFUSED(cls, g, g.kind[SEAQUEST_LANES - 1], SEAQUEST_EBULLET);
    REFUSED(cls, g, g.tx[fish], 10);
    REFUSED(cls, g, g.tx[fish], -1);
    REFUSED(cls, g, g.ty[fish], 9);
    REFUSED(cls, g, g.ty[fb], -1);
    REFUSED(cls, g, g.tdx[fish], 0);
    REFUSED(cls, g, g.tdx[fb], 2);
    REFUSED(cls, g, g.mask[SEAQUEST_FISH], g.mask[SEAQUEST_FISH] ^ (1ull << fish));
    REFUSED(cls, g, g.mask[SEAQUEST_SUB], g.mask[SEAQUEST_SUB] | 1ull << 63);
    REFUSED(cls, g, g.n_fbullet, g.n_fbullet + 1);
    REFUSED(cls, g, g.count[p], (uint8_t)(g.count[p] + 1));
    REFUSED(cls, g, g.count[trail], (uint8_t)(g.count[trail] - 1));
    REFUSED(cls, g, g.count[999], 1);
    REFUSED(cls, g, g.grid[p >> 6], g.grid[p >> 6] ^ (1ull << (p & 63)));
    REFUSED(cls, g, g.grid[0], g.grid[0] | 1); /* channel 0 (the player's sub) is never the grid's */
    REFUSED(cls, g, g.grid[16], 1);
    /* the caps: 16 friendly bullets at most */
    Seaquest full = g;
    while (seaquest_add(&full, SEAQUEST_FBULLET, 1, 8, 1, 0, 0) == 0) {}
    CHECK(seaquest_count(&full, SEAQUEST_FBULLET) == SEAQUEST_SMALL_CAP && cls->valid(&full),
          "Seaquest: valid accepts full lists");
    seaquest_force_fbullet(&full, 1, 8);
    CHECK(!cls->valid(&full), "Seaquest: valid refuses a list over its cap");
}

int main(void) {
    test_registry_and_options();
    test_mt19937();
    test_rng_fast_paths();
    test_reference_files();
    test_refcheck_errors();
    test_action_sets();
    test_sticky_actions();
    test_random_play();
    test_same_dynamics(&breakout_class);
    test_same_dynamics(&seaquest_class);
    test_gymnax_asterix_spawn();
    test_gymnax_freeway_time_limit();
    test_gymnax_space_invaders_first_wave();
    test_gymnax_space_invaders_bullet_column();
    test_seaquest_last_shot();
    test_seaquest_capacity();
    test_seaquest_fast_exact();
    test_vecenv_packed();
    test_vecenv_batched();
    test_vecenv_and_render();
    test_valid_random_play();
    test_render_glyphs();
    test_valid_space_invaders_ramps();
    test_valid_seaquest_divers();
    test_valid_seaquest_crowded();
    test_valid_refuses_common();
    test_valid_refuses_breakout();
    test_valid_refuses_asterix();
    test_valid_refuses_freeway();
    test_valid_refuses_space_invaders();
    test_valid_refuses_seaquest();
    return check_done("test_env_minatar");
}
