/* refcheck_minatar.c - replay refdata/minatar/<game>.txt (../shared/refdata/README.md) through the
 * MinAtar games (original semantics, ENV_PRESET_MINATAR, full action set).
 *
 * Each episode gets a fresh game whose RNG is in replay mode: the draws logged for reset() and for
 * every step are queued before the call, and every draw the game makes must match the next entry's
 * method and arguments; the queue must be empty afterwards. An MT19937 seeded with the episode's
 * seed runs alongside and must produce every logged value (the stream normal runs use).
 * Per step these must be equal: executed action, reward, terminal flag, difficulty ramp, every
 * observation cell and the `st` variables the game maps. A diverged episode keeps going, so later
 * steps of it count as mismatches too. rep->steps counts steps (reset rows not included);
 * rep->mismatches counts steps (and resets) with any difference; rep->max_dev is the largest number
 * of differing cells plus the reward difference of one step. */
#include "scorer/refcheck.h"
#include "scorer/minatar.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_TOKENS = 1100, MAX_CELLS = 1000 };
enum { AT_TOP, AT_RESET, AT_STEP, AT_OBS }; /* what was read last: end/start, episode, step, obs */

typedef struct Replay {
    FILE *f;
    const char *path;
    long lineno;
    char *line;
    size_t cap;
    char *tok[MAX_TOKENS];
    int ntok;
    char *err;
    size_t errlen;
    RefCheckReport *rep;
    /* the file's header comments */
    int n_minimal, minimal[6];
    /* the episode being replayed */
    const MinatarGame *game;
    void *env;
    float obs[MAX_CELLS];
    int phase;
    long episode, seed, t, ret;
    int sticky_off;
    double sticky;
    /* the step being replayed, as the file states it */
    int action, exec, reward, terminal, ramp, overflow;
    int bad;
    char why[120];
} Replay;

static int fail(Replay *p, const char *fmt, ...) {
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(p->err, p->errlen, "%s:%ld: %s", p->path, p->lineno, msg);
    return -1;
}

/* Marks the current step as mismatching; the first reason is kept. */
static void flag(Replay *p, const char *fmt, ...) {
    if (!p->bad) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->why, sizeof p->why, fmt, ap);
        va_end(ap);
    }
    p->bad = 1;
}

/* Closes the current step (or reset) verdict. */
static void verdict(Replay *p) {
    if (p->bad) {
        p->rep->mismatches++;
        if (!p->rep->first_mismatch[0])
            snprintf(p->rep->first_mismatch, sizeof p->rep->first_mismatch, "episode %ld step %ld: %s", p->episode,
                     p->t, p->why);
    }
    p->bad = 0;
    p->why[0] = '\0';
}

/* Next line split into whitespace-separated tokens: 1, 0 at end of file, -1 on error. */
static int next_line(Replay *p) {
    for (;;) {
        if (getline(&p->line, &p->cap, p->f) < 0) return 0;
        p->lineno++;
        p->ntok = 0;
        char *save = NULL;
        for (char *s = strtok_r(p->line, " \t\r\n", &save); s; s = strtok_r(NULL, " \t\r\n", &save)) {
            if (p->ntok == MAX_TOKENS) return fail(p, "more than %d fields", MAX_TOKENS);
            p->tok[p->ntok++] = s;
        }
        if (p->ntok) return 1;
    }
}

static int to_long(const char *s, long *v) {
    char *end;
    *v = strtol(s, &end, 10);
    return end != s && !*end ? 0 : -1;
}

/* Field i as an integer in [lo, hi]. */
static int field(Replay *p, int i, long lo, long hi, long *v) {
    *v = 0;
    if (i >= p->ntok || to_long(p->tok[i], v) || *v < lo || *v > hi)
        return fail(p, "field %d of '%s' should be an integer in [%ld, %ld]", i + 1, p->tok[0], lo, hi);
    return 0;
}

/* Checks "key value key value ..." against the expected keys and reads the values. */
static int fields(Replay *p, const char *const *keys, int n, long *v, const long *lo, const long *hi) {
    if (p->ntok != 2 * n) return fail(p, "'%s' line should have %d fields", p->tok[0], 2 * n);
    for (int i = 0; i < n; i++) {
        if (i && strcmp(p->tok[2 * i], keys[i])) return fail(p, "expected '%s' as field %d", keys[i], 2 * i + 1);
        if (field(p, 2 * i + 1, lo[i], hi[i], &v[i])) return -1;
    }
    return 0;
}

static void header_comment(Replay *p) {
    if (p->ntok >= 2 && !strcmp(p->tok[1], "minimal_action_set")) {
        p->n_minimal = 0;
        for (int i = 2; i < p->ntok && p->n_minimal < 6; i++) p->minimal[p->n_minimal++] = atoi(p->tok[i]);
    }
}

static int start_episode(Replay *p) {
    long ep, seed, C;
    if (p->ntok != 12 || strcmp(p->tok[2], "seed") || strcmp(p->tok[4], "game") || strcmp(p->tok[6], "channels") ||
        strcmp(p->tok[8], "sticky") || strcmp(p->tok[10], "policy"))
        return fail(p, "expected: episode E seed S game NAME channels C sticky off|P policy NAME");
    if (field(p, 1, 0, 1000000000L, &ep) || field(p, 3, 0, 4294967295L, &seed) || field(p, 7, 1, 10, &C)) return -1;
    const MinatarGame *g = minatar_game_by_refname(p->tok[5]);
    if (!g) return fail(p, "unknown MinAtar game '%s'", p->tok[5]);
    if (C != g->channels) return fail(p, "%s has %d channels, the file says %ld", g->cls->name, g->channels, C);
    if (p->game && p->game != g) return fail(p, "the file mixes games (%s, then %s)", p->game->refname, g->refname);
    p->sticky_off = !strcmp(p->tok[9], "off");
    if (!p->sticky_off) {
        char *end;
        p->sticky = strtod(p->tok[9], &end);
        if (*end || !(p->sticky >= 0.0 && p->sticky <= 1.0)) return fail(p, "sticky should be off or a probability");
    }
    if (!p->game) {
        p->game = g;
        p->env = env_alloc(g->cls, 1);
        if (!p->env) return fail(p, "out of memory");
        snprintf(p->rep->env, sizeof p->rep->env, "%s", g->cls->name);
    }
    EnvOptions o;
    EnvInfo info;
    env_options_default(&o);
    o.preset = ENV_PRESET_MINATAR;
    o.sticky_prob = p->sticky_off ? 0.0 : p->sticky;
    o.full_action_set = 1;
    if (g->cls->init(p->env, &o, &info)) return fail(p, "%s rejected the options", g->cls->name);
    MinatarCommon *c = p->env;
    c->sticky_draw = !p->sticky_off; /* "off" episodes called the game's act() directly: no draw */
    minatar_rng_seed(&c->rng, (uint32_t)seed);
    minatar_rng_replay(&c->rng, 1);
    p->episode = ep;
    p->seed = seed;
    p->t = p->ret = 0;
    p->terminal = 0;
    p->phase = AT_RESET;
    p->rep->episodes++;
    if (p->n_minimal && (p->n_minimal != g->n_minimal || memcmp(p->minimal, g->minimal, sizeof(int) * (size_t)g->n_minimal)))
        flag(p, "the file's minimal action set differs from ours");
    return 0;
}

/* rng CALLER METHOD NARGS ARGS... NVALS VALS...: queued as scalar draws. */
static int queue_draws(Replay *p) {
    long nargs, nvals, args[3] = {0, 0, 1};
    if (field(p, 3, 0, 3, &nargs)) return -1;
    for (int i = 0; i < nargs; i++)
        if (field(p, 4 + i, -1000000, 1000000, &args[i])) return -1;
    if (field(p, 4 + (int)nargs, 1, MAX_TOKENS, &nvals)) return -1;
    if (p->ntok != 5 + nargs + nvals) return fail(p, "rng line should have %ld values", nvals);
    MinatarDraw d = {0, 0, 0, 0, 0.0};
    long size = 1;
    if (!strcmp(p->tok[2], "rand") && nargs <= 1) {
        d.method = MINATAR_RAND;
        size = nargs ? args[0] : 1;
    } else if (!strcmp(p->tok[2], "randint") && nargs >= 1) {
        d.method = MINATAR_RANDINT;
        d.lo = nargs == 1 ? 0 : (int)args[0];
        d.hi = nargs == 1 ? (int)args[0] : (int)args[1];
        size = nargs == 3 ? args[2] : 1;
        if (d.hi <= d.lo) return fail(p, "randint needs low < high");
    } else {
        return fail(p, "unknown draw '%s' with %ld arguments", p->tok[2], nargs);
    }
    if (size != nvals) return fail(p, "%ld values for a draw of size %ld", nvals, size);
    for (int i = 0; i < nvals; i++) {
        const char *s = p->tok[5 + nargs + i];
        if (d.method == MINATAR_RAND) {
            char *end;
            d.u = strtod(s, &end);
            if (end == s || *end || !(d.u >= 0.0 && d.u < 1.0)) return fail(p, "'%s' is not a number in [0, 1)", s);
        } else {
            long k;
            if (to_long(s, &k) || k < d.lo || k >= d.hi) return fail(p, "'%s' is not an integer in [%d, %d)", s, d.lo, d.hi);
            d.k = (int)k;
        }
        if (minatar_rng_push(&((MinatarCommon *)p->env)->rng, &d)) p->overflow = 1;
    }
    return 0;
}

static void describe(char *s, size_t n, const MinatarDraw *d, int value) {
    if (d->method == MINATAR_RAND) snprintf(s, n, value ? "rand() = %.17g" : "rand()", d->u);
    else if (value) snprintf(s, n, "randint(%d, %d) = %d", d->lo, d->hi, d->k);
    else snprintf(s, n, "randint(%d, %d)", d->lo, d->hi);
}

/* After reset/step: every queued draw used, in order, as the game asked for it. Re-arms the queue. */
static void check_draws(Replay *p) {
    MinatarRng *r = &((MinatarCommon *)p->env)->rng;
    char a[64], b[64];
    if (p->overflow) flag(p, "more than %d draws recorded for one step", MINATAR_QUEUE_CAP);
    if (r->fault == MINATAR_FAULT_EMPTY) {
        describe(a, sizeof a, &r->fault_call, 0);
        flag(p, "the game drew %s, the file records no further draw", a);
    } else if (r->fault == MINATAR_FAULT_CALL) {
        describe(a, sizeof a, &r->fault_call, 0);
        describe(b, sizeof b, &r->fault_want, 0);
        flag(p, "the game drew %s where the file has %s", a, b);
    } else if (r->fault == MINATAR_FAULT_MT) {
        describe(a, sizeof a, &r->fault_call, 1);
        describe(b, sizeof b, &r->fault_want, 1);
        flag(p, "MT19937(%ld) gives %s, the file has %s", p->seed, a, b);
    } else if (r->qlen) {
        describe(a, sizeof a, &r->q[r->qhead], 0);
        flag(p, "%d recorded draw(s) left unused, first %s", r->qlen, a);
    }
    p->overflow = 0;
    minatar_rng_replay(r, 1);
}

/* obs N I1..IN: the set cells must be exactly ours. */
static int compare_obs(Replay *p, int reward_diff) {
    const int n_cells = 100 * p->game->channels;
    long n;
    if (field(p, 1, 0, n_cells, &n)) return -1;
    if (p->ntok != 2 + n) return fail(p, "obs line should list %ld cells", n);
    unsigned char want[MAX_CELLS] = {0};
    for (int i = 0; i < n; i++) {
        long c;
        if (field(p, 2 + i, 0, n_cells - 1, &c)) return -1;
        want[c] = 1;
    }
    p->game->cls->observe(p->env, p->obs);
    int diff = 0, first = -1;
    for (int i = 0; i < n_cells; i++)
        if (p->obs[i] != (float)want[i]) {
            diff++;
            if (first < 0) first = i;
        }
    if (diff) {
        const int C = p->game->channels;
        flag(p, "%d obs cells differ, first (row %d, col %d, %s): ours %g, file %d", diff, first / C / 10,
             first / C % 10, p->game->channel_names[first % C], p->obs[first], want[first]);
    }
    const double dev = diff + abs(reward_diff);
    if (dev > p->rep->max_dev) p->rep->max_dev = dev;
    return 0;
}

static int do_reset(Replay *p) {
    p->game->cls->reset(p->env);
    check_draws(p);
    return compare_obs(p, 0);
}

static int do_step(Replay *p) {
    const MinatarCommon *c = p->env;
    int term = 0;
    const int r = (int)p->game->cls->step(p->env, p->action, &term);
    p->ret += r;
    p->rep->steps++;
    check_draws(p);
    if (c->last_action != p->exec) flag(p, "executed action %d, the file's %d", c->last_action, p->exec);
    if (r != p->reward) flag(p, "reward %d, the file's %d", r, p->reward);
    if (term != p->terminal) flag(p, "terminal %d, the file's %d", term, p->terminal);
    const int ramp = p->game->ramp(p->env);
    if (ramp != p->ramp) flag(p, "difficulty ramp %d, the file's %d", ramp, p->ramp);
    return compare_obs(p, r - p->reward);
}

static int read_step(Replay *p) {
    static const char *const keys[] = {"step", "action", "exec", "reward", "terminal", "ramp"};
    static const long lo[] = {1, 0, 0, 0, 0, -1}, hi[] = {1000000000L, 5, 5, 1000, 1, 1000};
    long v[6];
    if (fields(p, keys, 6, v, lo, hi)) return -1;
    if (v[0] != p->t + 1) return fail(p, "step %ld follows step %ld", v[0], p->t);
    p->t = v[0];
    p->action = (int)v[1];
    p->exec = (int)v[2];
    p->reward = (int)v[3];
    p->terminal = (int)v[4];
    p->ramp = (int)v[5];
    return 0;
}

/* st NAME V [V2] NAME V ...: compared where the game maps the name. */
static int compare_st(Replay *p) {
    for (int i = 1; i < p->ntok;) {
        const char *name = p->tok[i++];
        long v[3];
        int n = 0, ours[2];
        while (i < p->ntok && n < 3 && !to_long(p->tok[i], &v[n])) { n++; i++; }
        if (n < 1 || n > 2) return fail(p, "st %s should have 1 or 2 values", name);
        const int m = p->game->st(p->env, name, ours);
        if (m < 0) continue; /* not mapped */
        if (m != n) { flag(p, "st %s: %d values, the file's %d", name, m, n); continue; }
        for (int k = 0; k < n; k++)
            if (ours[k] != v[k]) {
                flag(p, "st %s: ours %d, the file's %ld", name, ours[k], v[k]);
                break;
            }
    }
    return 0;
}

static int end_episode(Replay *p) {
    static const char *const keys[] = {"end", "steps", "return", "capped"};
    static const long lo[] = {0, 0, -1000000000L, 0}, hi[] = {1000000000L, 1000000000L, 1000000000L, 1};
    long v[4];
    if (fields(p, keys, 4, v, lo, hi)) return -1;
    if (v[0] != p->episode || v[1] != p->t)
        return fail(p, "end line does not close episode %ld after %ld steps", p->episode, p->t);
    if (v[3] == p->terminal)
        return fail(p, "capped should be %d after a step with terminal %d", !p->terminal, p->terminal);
    if (v[2] != p->ret) flag(p, "return %ld, the file's %ld", p->ret, v[2]);
    verdict(p);
    p->phase = AT_TOP;
    return 0;
}

static int replay_line(Replay *p) {
    const char *k = p->tok[0];
    if (k[0] == '#') {
        header_comment(p);
        return 0;
    }
    if (!strcmp(k, "episode")) {
        if (p->phase != AT_TOP) return fail(p, "episode %ld has no end line", p->episode);
        return start_episode(p);
    }
    if (p->phase == AT_TOP) return fail(p, "expected an episode line, found '%s'", k);
    if (!strcmp(k, "rng")) {
        if (p->phase == AT_OBS) return fail(p, "rng line after the observation");
        return queue_draws(p);
    }
    if (!strcmp(k, "obs")) {
        if (p->phase == AT_OBS) return fail(p, "a second obs line for one step");
        const int reset = p->phase == AT_RESET;
        p->phase = AT_OBS;
        return reset ? do_reset(p) : do_step(p);
    }
    if (p->phase != AT_OBS) return fail(p, "'%s' before the observation", k);
    if (!strcmp(k, "st")) return p->t ? compare_st(p) : fail(p, "st line after reset");
    if (!strcmp(k, "step")) {
        verdict(p);
        p->phase = AT_STEP;
        return read_step(p);
    }
    if (!strcmp(k, "end")) return end_episode(p);
    return fail(p, "unknown line '%s'", k);
}

int refcheck_minatar(FILE *f, const char *path, RefCheckReport *rep, char *err, size_t errlen) {
    Replay *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    p->f = f;
    p->path = path;
    p->err = err;
    p->errlen = errlen;
    p->rep = rep;
    memset(rep, 0, sizeof *rep);
    snprintf(rep->mode, sizeof rep->mode, "exact");
    int rc, seen_eof = 0;
    while ((rc = next_line(p)) == 1) {
        if (!strcmp(p->tok[0], "eof")) {
            if (p->phase != AT_TOP) { rc = fail(p, "eof inside episode %ld", p->episode); break; }
            seen_eof = 1;
            break;
        }
        if ((rc = replay_line(p))) break;
    }
    if (rc == 0 && !seen_eof) {
        rc = -1;
        snprintf(err, errlen, "%s:%ld: the file ends without its eof line (truncated?)", path, p->lineno);
    }
    if (rc == 0 && !rep->episodes) {
        rc = -1;
        snprintf(err, errlen, "%s: no episodes", path);
    }
    free(p->line);
    free(p->env);
    free(p);
    return rc < 0 ? -1 : 0;
}
