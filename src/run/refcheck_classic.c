/* refcheck_classic.c - replay refdata classic-control CSVs (../shared/refdata/README.md) through
 * CartPole-v1, Acrobot-v1 and MountainCar-v0.
 *
 * exact: per episode, set the state from the t = 0 row, apply every action to our own state and
 *   require every row's state (doubles), obs (floats) to be bit-identical and reward, terminated,
 *   truncated (= t >= time limit) equal. A rollout that diverged keeps going, so every later row of
 *   that episode counts as a mismatch too.
 * step: set the state from row t-1 before each step. A state value matches when its relative
 *   deviation |a - b| / |b| (|a| when b == 0) is <= tol; an obs value when it is within tol
 *   relative or one float32 ulp of the reference (a state that is off in its 13th digit can round
 *   to the neighbouring float); reward, terminated and truncated must be equal.
 * rep->max_dev is the largest state deviation, in that relative measure (inf when a value is NaN or infinite). rep->steps counts rows
 * with t >= 1; rep->mismatches counts rows with any difference (t = 0 rows only have the obs). */
#include "scorer/refcheck.h"
#include "scorer/classic.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_COLS = 16, LINE_MAX_CHARS = 1024 };

typedef struct Kind {
    const char *name;
    const EnvClass *cls;
    int S, O; /* state and obs columns */
} Kind;

static const Kind kinds[] = {
    {"CartPole-v1", &cartpole_class, CARTPOLE_STATE_DIM, CARTPOLE_OBS_DIM},
    {"Acrobot-v1", &acrobot_class, ACROBOT_STATE_DIM, ACROBOT_OBS_DIM},
    {"MountainCar-v0", &mountaincar_class, MOUNTAINCAR_STATE_DIM, MOUNTAINCAR_OBS_DIM},
};
enum { NKINDS = (int)(sizeof kinds / sizeof kinds[0]) };

typedef union AnyEnv { CartPole cp; Acrobot ab; MountainCar mc; } AnyEnv;

static void set_state(int k, AnyEnv *e, const double *s) {
    if (k == 0) cartpole_set_state(&e->cp, s);
    else if (k == 1) acrobot_set_state(&e->ab, s);
    else mountaincar_set_state(&e->mc, s);
}

static void get_state(int k, const AnyEnv *e, double *s) {
    if (k == 0) cartpole_get_state(&e->cp, s);
    else if (k == 1) acrobot_get_state(&e->ab, s);
    else mountaincar_get_state(&e->mc, s);
}

/* One parsed CSV row: episode, t, action, s[S], obs[O], reward, terminated, truncated. */
typedef struct Row {
    long episode, t;
    int action, terminated, truncated;
    double s[4], reward;
    float obs[6];
} Row;

typedef struct Reader {
    FILE *f;
    const char *path;
    long lineno;
    char line[LINE_MAX_CHARS];
    char *err;
    size_t errlen;
} Reader;

/* Next line without its newline: 1, 0 at end of file, -1 (err set) when a line is too long. */
static int read_line(Reader *r) {
    if (!fgets(r->line, sizeof r->line, r->f)) return 0;
    r->lineno++;
    size_t n = strlen(r->line);
    if (n && r->line[n - 1] == '\n') r->line[--n] = '\0';
    else if (n == sizeof r->line - 1 && !feof(r->f)) {
        snprintf(r->err, r->errlen, "%s:%ld: line longer than %d characters", r->path, r->lineno,
                 LINE_MAX_CHARS - 2);
        return -1;
    }
    if (n && r->line[n - 1] == '\r') r->line[--n] = '\0';
    return 1;
}

/* Splits the line at commas in place; returns the field count (at most MAX_COLS + 1). */
static int split(char *line, char **fields) {
    int n = 0;
    for (char *p = line;; p++) {
        if (n <= MAX_COLS) fields[n] = p;
        n++;
        p = strchr(p, ',');
        if (!p) break;
        *p = '\0';
    }
    return n > MAX_COLS + 1 ? MAX_COLS + 1 : n;
}

static int parse_double(const char *s, double *v) {
    char *end;
    if (!*s) return -1;
    *v = strtod(s, &end);
    return *end ? -1 : 0;
}

/* Header: checks the fixed column names and counts the s* and obs* columns. */
static int parse_header(Reader *r, int *S, int *O) {
    char *f[MAX_COLS + 1];
    int rc = read_line(r);
    if (rc <= 0) {
        if (rc == 0) snprintf(r->err, r->errlen, "%s: empty file", r->path);
        return -1;
    }
    int n = split(r->line, f);
    *S = *O = 0;
    if (n >= 3 && !strcmp(f[0], "episode") && !strcmp(f[1], "t") && !strcmp(f[2], "action")) {
        int i = 3;
        char want[16];
        for (; i < n; i++, (*S)++) {
            snprintf(want, sizeof want, "s%d", *S);
            if (strcmp(f[i], want)) break;
        }
        for (; i < n; i++, (*O)++) {
            snprintf(want, sizeof want, "obs%d", *O);
            if (strcmp(f[i], want)) break;
        }
        if (n == i + 3 && !strcmp(f[i], "reward") && !strcmp(f[i + 1], "terminated") &&
            !strcmp(f[i + 2], "truncated"))
            return 0;
    }
    snprintf(r->err, r->errlen,
             "%s:1: bad header (expected episode,t,action,s0..,obs0..,reward,terminated,truncated)", r->path);
    return -1;
}

/* Environment from the header's column counts (unique among the three), cross-checked with the
 * file name when that names one. */
static int pick_kind(const char *path, int S, int O, char *err, size_t errlen) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int by_dims = -1, by_name = -1;
    for (int k = 0; k < NKINDS; k++) {
        if (kinds[k].S == S && kinds[k].O == O) by_dims = k;
        if (strstr(base, kinds[k].name)) by_name = k;
    }
    if (by_name >= 0 && by_name != by_dims) {
        snprintf(err, errlen, "%s: file name says %s but the header has %d state and %d obs columns", path,
                 kinds[by_name].name, S, O);
        return -1;
    }
    if (by_dims < 0)
        snprintf(err, errlen, "%s: no classic environment has %d state and %d obs columns", path, S, O);
    return by_dims;
}

/* Name of column i of a file with S state and O obs columns. */
static const char *col_name(int i, int S, int O, char *buf, size_t n) {
    static const char *const fixed[] = {"episode", "t", "action", "reward", "terminated", "truncated"};
    if (i < 3) return fixed[i];
    if (i < 3 + S) snprintf(buf, n, "s%d", i - 3);
    else if (i < 3 + S + O) snprintf(buf, n, "obs%d", i - 3 - S);
    else return fixed[i - S - O];
    return buf;
}

/* Parses a data row of 3 + S + O + 3 fields; -1 (err set) when malformed. */
static int parse_row(Reader *r, int S, int O, Row *row) {
    char *f[MAX_COLS + 1];
    int want = 6 + S + O, n = split(r->line, f);
    if (n != want) {
        snprintf(r->err, r->errlen, "%s:%ld: %s%d fields, expected %d", r->path, r->lineno,
                 n > MAX_COLS ? "more than " : "", n > MAX_COLS ? MAX_COLS : n, want);
        return -1;
    }
    double v[MAX_COLS];
    char name[16];
    const char *bad = NULL;
    for (int i = 0; i < n && !bad; i++) {
        int is_flag = i >= 4 + S + O, is_int = i < 3 || is_flag;
        if (parse_double(f[i], &v[i])) bad = "is not a number";
        else if (is_int && !(fabs(v[i]) < 1e9 && v[i] == floor(v[i]))) bad = "is not an integer";
        else if ((i == 1 && v[i] < 0) || (is_flag && v[i] != 0 && v[i] != 1)) bad = "is out of range";
        if (bad)
            snprintf(r->err, r->errlen, "%s:%ld: field %d (%s) %s: '%.40s'", r->path, r->lineno, i + 1,
                     col_name(i, S, O, name, sizeof name), bad, f[i]);
    }
    if (bad) return -1;
    row->episode = (long)v[0];
    row->t = (long)v[1];
    row->action = (int)v[2];
    for (int i = 0; i < S; i++) row->s[i] = v[3 + i];
    for (int i = 0; i < O; i++) row->obs[i] = strtof(f[3 + S + i], NULL); /* floats round-trip via strtof */
    row->reward = v[3 + S + O];
    row->terminated = v[4 + S + O] != 0;
    row->truncated = v[5 + S + O] != 0;
    return 0;
}

/* Never NaN: two values that differ with either not finite (a NaN or infinite state in the file, or ours) are
 * infinitely apart, so that they show as the largest deviation ("inf"), never as 0. */
static double rel_dev(double a, double b) {
    if (a == b) return 0.0;
    if (!isfinite(a) || !isfinite(b)) return INFINITY;
    const double d = b != 0.0 ? fabs(a - b) / fabs(b) : fabs(a);
    return isfinite(d) ? d : INFINITY; /* 1e308 - (-1e308) overflows */
}

/* Compares our state/obs/reward/flags with a row; counts a mismatch and describes the file's first
 * one in rep->first_mismatch. */
static void compare(const Kind *k, const double *s, const float *obs, double reward, int term, int trunc,
                   const Row *row, int exact, double tol, RefCheckReport *rep) {
    char what[96] = "";
    for (int i = 0; i < k->S; i++) {
        double dev = rel_dev(s[i], row->s[i]);
        if (dev > rep->max_dev) rep->max_dev = dev;
        int ok = exact ? memcmp(&s[i], &row->s[i], sizeof(double)) == 0 : dev <= tol;
        if (!ok && !*what) snprintf(what, sizeof what, "s%d = %.17g, expected %.17g", i, s[i], row->s[i]);
    }
    for (int i = 0; i < k->O; i++) {
        float a = obs[i], b = row->obs[i];
        int ok = exact ? memcmp(&a, &b, sizeof(float)) == 0
                       : (a == b || rel_dev(a, b) <= tol || nextafterf(b, a) == a);
        if (!ok && !*what) snprintf(what, sizeof what, "obs%d = %.9g, expected %.9g", i, (double)a, (double)b);
    }
    if (row->t > 0 && !*what) {
        if (reward != row->reward) snprintf(what, sizeof what, "reward = %g, expected %g", reward, row->reward);
        else if (term != row->terminated)
            snprintf(what, sizeof what, "terminated = %d, expected %d", term, row->terminated);
        else if (trunc != row->truncated)
            snprintf(what, sizeof what, "truncated = %d, expected %d", trunc, row->truncated);
    }
    if (!*what) return;
    if (!rep->mismatches)
        snprintf(rep->first_mismatch, sizeof rep->first_mismatch, "episode %ld t %ld: %s", row->episode, row->t,
                 what);
    rep->mismatches++;
}

/* Sets the env to a state read from the file, refusing one the env cannot be in (EnvClass.valid): an Acrobot angle
 * of 1e300, say, would keep its wrap() turning forever. */
static int set_valid_state(const Kind *k, int ki, AnyEnv *env, const double *s, const Reader *r, long lineno) {
    set_state(ki, env, s);
    if (k->cls->valid(env)) return 0;
    snprintf(r->err, r->errlen, "%s:%ld: the row's state is outside %s's range (no step or reset reaches it)",
             r->path, lineno, k->name);
    return -1;
}

/* An episode's last row (before the next t = 0 row, or at the end of the file) must be a step with terminated or
 * truncated: an episode ending without one was cut short (a lost row, a truncated file). */
static int end_of_episode(const Row *last, long line, const char *why, const Reader *r) {
    if (last->t > 0 && (last->terminated || last->truncated)) return 0;
    snprintf(r->err, r->errlen, "%s:%ld: episode %ld ends at t %ld without terminated or truncated (%s)", r->path,
             line, last->episode, last->t, why);
    return -1;
}

int refcheck_classic(FILE *f, const char *path, int mode, double tol, RefCheckReport *rep, char *err, size_t errlen) {
    /* f: an open refdata classic CSV; mode: REFCHECK_*; tol: relative (step mode), <= 0 -> 1e-10 */
    memset(rep, 0, sizeof *rep);
    Reader r = {.f = f, .path = path, .err = err, .errlen = errlen};
    int S, O;
    if (parse_header(&r, &S, &O)) return -1;
    int ki = pick_kind(path, S, O, err, errlen);
    if (ki < 0) return -1;
    const Kind *k = &kinds[ki];
    if (mode == REFCHECK_AUTO) mode = strstr(path, "classic_native") ? REFCHECK_STEP : REFCHECK_EXACT;
    if (mode != REFCHECK_EXACT && mode != REFCHECK_STEP) {
        snprintf(err, errlen, "%s: unknown replay mode %d", path, mode);
        return -1;
    }
    const int exact = mode == REFCHECK_EXACT;
    if (tol <= 0) tol = 1e-10;
    snprintf(rep->env, sizeof rep->env, "%s", k->name);
    snprintf(rep->mode, sizeof rep->mode, "%s", exact ? "exact" : "step");

    AnyEnv env;
    EnvOptions opt;
    EnvInfo info;
    env_options_default(&opt);
    if (k->cls->init(&env, &opt, &info)) {
        snprintf(err, errlen, "%s: %s rejected its default options", path, k->name);
        return -1;
    }
    k->cls->seed(&env, 0, 0); /* never drawn from (rows set the state), but valid() wants a seeded env */
    Row row, prev = {.episode = -1, .t = -1};
    long prev_line = 0; /* the line prev was read from */
    double s[4];
    float obs[6];
    int rc;
    while ((rc = read_line(&r)) > 0) {
        if (parse_row(&r, S, O, &row)) return -1;
        if (row.t == 0) {
            if (row.action != -1) {
                snprintf(err, errlen, "%s:%ld: a t = 0 row must have action -1", path, r.lineno);
                return -1;
            }
            if (prev.t >= 0) { /* the previous episode must have ended, and this one be the next */
                char why[64];
                snprintf(why, sizeof why, "line %ld starts episode %ld: a row is missing?", r.lineno, row.episode);
                if (end_of_episode(&prev, prev_line, why, &r)) return -1;
                if (row.episode != prev.episode + 1) {
                    snprintf(err, errlen, "%s:%ld: episode %ld follows episode %ld (episodes are numbered one by one)",
                             path, r.lineno, row.episode, prev.episode);
                    return -1;
                }
            }
            rep->episodes++;
            if (set_valid_state(k, ki, &env, row.s, &r, r.lineno)) return -1;
            k->cls->observe(&env, obs);
            compare(k, row.s, obs, 0.0, 0, 0, &row, exact, tol, rep);
        } else {
            if (prev.t < 0) {
                snprintf(err, errlen, "%s:%ld: the first row must be a t = 0 row", path, r.lineno);
                return -1;
            }
            if (row.episode != prev.episode || row.t != prev.t + 1) {
                snprintf(err, errlen, "%s:%ld: episode %ld t %ld does not follow episode %ld t %ld", path,
                         r.lineno, row.episode, row.t, prev.episode, prev.t);
                return -1;
            }
            if (prev.t > 0 && (prev.terminated || prev.truncated)) {
                snprintf(err, errlen, "%s:%ld: episode %ld goes on after its %s row (line %ld: an episode ends at the first row with either flag)",
                         path, r.lineno, row.episode, prev.terminated ? "terminated" : "truncated", prev_line);
                return -1;
            }
            if (row.action < 0 || row.action >= info.n_actions) {
                snprintf(err, errlen, "%s:%ld: action %d outside 0..%d", path, r.lineno, row.action,
                         info.n_actions - 1);
                return -1;
            }
            if (!exact && set_valid_state(k, ki, &env, prev.s, &r, prev_line)) return -1;
            int term = 0;
            double reward = k->cls->step(&env, row.action, &term);
            int trunc = info.time_limit > 0 && row.t >= info.time_limit;
            get_state(ki, &env, s);
            k->cls->observe(&env, obs);
            rep->steps++;
            compare(k, s, obs, reward, term != 0, trunc, &row, exact, tol, rep);
        }
        prev = row;
        prev_line = r.lineno;
    }
    if (rc < 0) return -1;
    if (ferror(f)) {
        snprintf(err, errlen, "%s: read error after line %ld", path, r.lineno);
        return -1;
    }
    if (!rep->episodes) {
        snprintf(err, errlen, "%s: no data rows after the header", path);
        return -1;
    }
    if (end_of_episode(&prev, prev_line, "the file ends there: cut short?", &r)) return -1;
    return 0;
}
