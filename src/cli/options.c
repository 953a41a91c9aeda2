/* options.c - command-line options of train, compare and sweep, turned into ordered settings; the
 * stop signals they share. */
#include "cli.h"
#include "scorer/fileio.h"
#include "scorer/shellword.h"
#include "scorer/suggest.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <stdatomic.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The library's messages name its settings and calls, a program of its own having no flags; said by this tool, the
 * advice below takes the flags that give it here (cli_fail, cli_warn, cli_warn_redo). A phrase each, as the library writes it and as the tool says it. */
static const char *const flag_words[][2] = {
    {"choose another folder", "choose another --out"},
    {"continue it by resuming ", "continue it with --resume "},
    {"raise total_timesteps", "raise --steps"},
    {"leave it out of the algorithms asked for", "leave it out of --algos"},
    {"out is empty (set it to the run's folder)", "out is empty (give it with --out DIR)"},
    {"a sweep needs a folder (set its dir)", "a sweep needs a folder (--out DIR)"},
    {"(e.g. follower_lr=1e-4,3e-4)", "(e.g. --grid follower_lr=1e-4,3e-4)"},
    {"every point runs all of the sweep's algorithms", "every point runs all of --algos"},
    {"threads is set by the process that runs the points", "give --threads to the command that runs the points"},
    {"set seed and num_seeds in the base settings", "choose them with --seed S and --seeds K"},
    {"list all its values in one axis", "list all its values in one --grid"},
    {"too many grid axes", "too many --grid axes"},
    {"grid axis", "--grid"}, /* sweep_add_axis's refusals: "grid axis tau: ...", "grid axis 'tau': ..." */
};

static int said_argc;
static char **said_argv;
void cli_set_args(int argc, char **argv) { said_argc = argc; said_argv = argv; }

/* 1 when msg[at .. at + n) lies inside an occurrence in msg of a command-line argument (a path, a value): the
 * user's text, never rewritten */
static int in_user_text(const char *msg, size_t at, size_t n) {
    for (int a = 1; a < said_argc; a++) {
        const size_t L = strlen(said_argv[a]);
        if (L == 0) continue;
        for (const char *h = strstr(msg, said_argv[a]); h; h = strstr(h + 1, said_argv[a]))
            if ((size_t)(h - msg) <= at && at + n <= (size_t)(h - msg) + L) return 1;
    }
    return 0;
}

/* msg in the tool's words (flag_words) into out (len bytes, cut to fit) */
static void say_flags(char *out, size_t len, const char *msg) {
    size_t o = 0;
    const size_t n = sizeof flag_words / sizeof *flag_words;
    const char *const start = msg;
    while (*msg && o + 1 < len) {
        size_t i = 0;
        while (i < n && strncmp(msg, flag_words[i][0], strlen(flag_words[i][0]))) i++;
        if (i < n && in_user_text(start, (size_t)(msg - start), strlen(flag_words[i][0]))) i = n;
        if (i == n) { out[o++] = *msg++; continue; }
        const size_t w = strlen(flag_words[i][1]);
        if (o + w >= len) break;
        memcpy(out + o, flag_words[i][1], w);
        o += w;
        msg += strlen(flag_words[i][0]);
    }
    out[o] = 0;
}

static void say(const char *prefix, const char *fmt, va_list ap) {
    static _Thread_local char msg[8192], said[8400];
    vsnprintf(msg, sizeof msg, fmt, ap);
    say_flags(said, sizeof said, msg);
    fprintf(stderr, "scorer: %s%s\n", prefix, said);
}

int cli_fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    say("", fmt, ap);
    va_end(ap);
    return 2;
}

void cli_warn(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    say("warning: ", fmt, ap);
    va_end(ap);
}

/* Two texts of one setting's value are the same value: equal text, or equal numbers (1e5 and 100000). */
static int same_value(const char *a, const char *b) {
    double x, y;
    return !strcmp(a, b) || (config_parse_number(a, &x) == 0 && config_parse_number(b, &y) == 0 && x == y);
}

int cli_parse_long(const char *s, long lo, long hi, long *v) {
    double d;
    /* within long's range before the cast (2^63 itself is not: (long)d would be undefined) */
    if (config_parse_number(s, &d) || d != floor(d) || !(d >= -0x1p63 && d < 0x1p63) || d < (double)lo || d > (double)hi) return -1;
    *v = (long)d;
    return 0;
}

int cli_parse_double(const char *s, double lo, double hi, double *v) {
    double d;
    if (config_parse_number(s, &d) || !(d >= lo && d <= hi)) return -1;
    *v = d;
    return 0;
}

int cli_no_value(int argc, char **argv, int i) { return i + 1 >= argc || !strncmp(argv[i + 1], "--", 2); }

int cli_checkpoints_off(const ConfigPairs *p) {
    static RunConfig c; /* large: not on the stack */
    char err[600];
    return config_resolve(&c, p, err, sizeof err) == 0 && c.checkpoint_every < 0; /* errors: reported by the run */
}

/* A resolved configuration (a run's config.ini, a --dry-run) names every setting, the defaults of its algorithm
 * and env family included: given for another algorithm or env, those defaults replace the new ones unseen
 * (ddqn's learning rates for dqn, CartPole's network on Breakout). A file counts as one when it names this many. */
#define RESOLVED_KEYS 20

static void warn_resolved_elsewhere(const ConfigPairs *p, char algos[][32], int n_algos) {
    int from_file = 0, f_env = -1, f_algo = -1, env = -1;
    for (int i = 0; i < p->n; i++) {
        const int file = strchr(p->origin[i], ':') != NULL; /* "FILE:LINE" */
        from_file += file;
        if (!strcmp(p->key[i], "env")) { env = i; if (file) f_env = i; }
        if (file && !strcmp(p->key[i], "algo")) f_algo = i;
    }
    if (from_file < RESOLVED_KEYS || f_env < 0 || f_algo < 0) return;
    const char *file = p->origin[f_env];
    char others[CONFIG_MAX_ALGOS * 34] = "", what[CONFIG_MAX_ALGOS * 34 + 80];
    for (int k = 0; k < n_algos; k++)
        if (strcmp(algos[k], p->val[f_algo])) snprintf(others + strlen(others), sizeof others - strlen(others), "%s%s", others[0] ? ", " : "", algos[k]);
    const int env_moved = env != f_env && strcmp(p->val[env], p->val[f_env]);
    if (!others[0] && !env_moved) return;
    if (others[0] && env_moved) snprintf(what, sizeof what, "%s on %s", others, p->val[env]);
    else snprintf(what, sizeof what, "%s", others[0] ? others : p->val[env]);
    fprintf(stderr, "scorer: warning: %.*s is the resolved configuration of %s on %s: its every setting, defaults included, "
                    "replaces those of %s (keep only the settings you change, or give them with --set)\n",
            (int)strcspn(file, ":"), file, p->val[f_algo], p->val[f_env], what);
}

int cli_resolve_algos(const ConfigPairs *p, char algos[][32], int n_algos, RunConfig *c) {
    char err[600];
    if (n_algos < 1 || n_algos > CONFIG_MAX_ALGOS || config_resolve_as(&c[0], p, algos[0], err, sizeof err)) return -1;
    for (int k = 1; k < n_algos; k++) {
        c[k] = c[0];
        if (config_for_algo(&c[k], algos[k], p, err, sizeof err)) return -1;
    }
    return 0;
}

int cli_schedule_note(const RunConfig *c, const ConfigPairs *p, char *msg, size_t len) {
    char what[500];
    const long fit = config_schedule_note(c, what, sizeof what);
    if (!fit) return 0;
    const char *key = c->pqn ? "decay_horizon" : "eps_anneal_timesteps";
    const char *what_for = c->pqn ? "scale both schedules to this run, as the defaults do to theirs (half the run)"
                                  : "end exploration within this run (a tenth of it, as the classic default is of 500k steps)";
    int grid = 0; /* the key is a sweep's axis: a --set of it would contradict the grid */
    for (int i = 0; i < p->n; i++)
        if (!strcmp(p->key[i], key)) grid = !strcmp(p->origin[i], "--grid");
    if (grid) snprintf(msg, len, "%s; give %s values near %ld in --grid to %s", what, key, fit, what_for);
    else snprintf(msg, len, "%s; --set %s=%ld to %s", what, key, fit, what_for);
    return 1;
}

int cli_warn_schedules(const RunConfig *c, const ConfigPairs *p, char algos[][32], int n_algos, const char *point,
                       char (*skip)[600]) {
    static char notes[CONFIG_MAX_ALGOS][600];
    int said = 0, has[CONFIG_MAX_ALGOS] = {0};
    for (int k = 0; k < n_algos; k++) {
        has[k] = cli_schedule_note(&c[k], p, notes[k], sizeof notes[k]);
        if (skip && (has[k] ? strcmp(skip[k], notes[k]) == 0 : 0)) has[k] = 0; /* said already (p000's) */
    }
    for (int k = 0; k < n_algos; k++) {
        if (!has[k]) continue;
        int last = k, n = 0;
        for (int j = k + 1; j < n_algos; j++) if (has[j] && !strcmp(notes[j], notes[k])) last = j;
        char names[CONFIG_MAX_ALGOS * 34] = "";
        for (int j = k; j <= last; j++)
            if (has[j] && !strcmp(notes[j], notes[k])) { /* "A", "A and B", "A, B and C" */
                snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", !n ? "" : j == last ? " and " : ", ",
                         algos[j]);
                has[j] = 0, n++;
            }
        cli_warn("%s%s: %s", point, names, notes[k]);
        said++;
    }
    return said;
}

void cli_warn_settings(const ConfigPairs *p, char algos[][32], int n_algos) {
    static RunConfig c[CONFIG_MAX_ALGOS]; /* large: not on the stack */
    warn_resolved_elsewhere(p, algos, n_algos);
    if (cli_resolve_algos(p, algos, n_algos, c)) return; /* errors: reported by the run */
    for (int k = 0; k < n_algos; k++) /* the budget is whole steps of the N envs */
        if (c[k].total_timesteps % c[k].num_envs && (k == 0 || c[k].num_envs != c[0].num_envs))
            fprintf(stderr, "scorer: warning: total_timesteps=%ld is not a multiple of num_envs=%d: %s trains %ld timesteps per seed\n",
                    c[k].total_timesteps, c[k].num_envs, algos[k], c[k].total_timesteps / c[k].num_envs * c[k].num_envs);
    cli_warn_schedules(c, p, algos, n_algos, "", NULL);
    int from_file = 0; /* a resolved configuration names every key, used or not: only a hand-written file's are looked at */
    for (int i = 0; i < p->n; i++) from_file += strchr(p->origin[i], ':') != NULL;
    for (int i = 0; i < p->n; i++) {
        const char *key = p->key[i], *origin = p->origin[i];
        const int file = strchr(origin, ':') != NULL;
        if (strcmp(origin, "--set") && strcmp(origin, "--grid") && !(file && from_file < RESOLVED_KEYS)) continue;
        int used = 0, again = 0;
        for (int k = 0; k < n_algos; k++) used |= config_key_used(&c[k], key) != 0;
        for (int j = 0; j < i; j++) again |= !strcmp(p->key[j], key) && (!strcmp(p->origin[j], origin) || file);
        if (used || again) continue;
        char names[CONFIG_MAX_ALGOS * 34] = "";
        for (int k = 0; k < n_algos; k++) snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", k ? ", " : "", algos[k]);
        const char *who = n_algos > 1 ? "none of " : "", *verb = n_algos > 1 ? "uses" : "does not use";
        if (!strcmp(origin, "--grid"))
            fprintf(stderr, "scorer: warning: %s%s %s %s: the points of the --grid axis %s train alike\n", who, names, verb, key, key);
        else if (file)
            fprintf(stderr, "scorer: warning: %s%s %s %s: %s changes nothing (config.ini lists the keys each algorithm ignores)\n",
                    who, names, verb, key, origin);
        else
            fprintf(stderr, "scorer: warning: %s%s %s %s: --set %s changes nothing (config.ini lists the keys each algorithm "
                            "ignores)\n", who, names, verb, key, key);
    }
}

int cli_known(const char *o, const char *const *options, int n) {
    for (int k = 0; k < n; k++)
        if (!strcmp(o, options[k])) return 1;
    return 0;
}

int cli_unknown_option(const char *o, const char *cmd, const char *const *options, int n) {
    char hint[96];
    return cli_fail("unknown option '%s' (%ssee scorer %s --help)", o, suggest_hint(hint, sizeof hint, o, options, n), cmd);
}

int cli_split_algos(const char *list, char algos[][32], int *n) {
    char buf[600], msg[300];
    snprintf(buf, sizeof buf, "%s", list);
    *n = 0;
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        while (*tok == ' ' || *tok == '\t') tok++; /* "scorer-dqn, dqn": the spaces around a name are no part of it */
        for (size_t L = strlen(tok); L && (tok[L - 1] == ' ' || tok[L - 1] == '\t'); L--) tok[L - 1] = 0;
        if (!*tok) return cli_fail("--algos %s: an empty name between commas (e.g. --algos scorer-dqn,dqn)", list);
        if (*n == CONFIG_MAX_ALGOS) return cli_fail("too many algorithms (at most %d)", CONFIG_MAX_ALGOS);
        if (strlen(tok) >= 32 || !config_algo_known(tok))
            return cli_fail("%s", config_unknown(msg, sizeof msg, CONFIG_UNKNOWN_ALGO, tok));
        for (int i = 0; i < *n; i++)
            if (!strcmp(algos[i], tok)) return cli_fail("algorithm %s is listed twice", tok);
        strcpy(algos[(*n)++], tok);
    }
    if (!*n) return cli_fail("--algos needs a comma-separated list (e.g. scorer-dqn,dqn)");
    return 0;
}

/* A run's config.ini names its own folder (out = DIR): given back with --config and no --out, it would point the
 * new run (or sweep) at the old one, which refuses it. A file's out whose folder holds a run or a sweep is left
 * out, with a warning: the new one gets a folder of its own (runs/...), as without --config; a --out or --set out
 * given with the file wins anyway. */
static void drop_used_out(ConfigPairs *p, const ConfigPairs *sets, const ConfigPairs *flags, const char *cmd) {
    for (int i = 0; i < sets->n; i++) if (!strcmp(sets->key[i], "out")) return;
    for (int i = 0; i < flags->n; i++) if (!strcmp(flags->key[i], "out")) return;
    int k = -1;
    for (int i = 0; i < p->n; i++) if (!strcmp(p->key[i], "out")) k = i;
    if (k < 0) return;
    char probe[CONFIG_VALUE_MAX + 16], q[2100];
    const char *holds = NULL;
    snprintf(probe, sizeof probe, "%s/run.ini", p->val[k]);
    if (access(probe, F_OK) == 0) holds = "a run";
    snprintf(probe, sizeof probe, "%s/sweep.ini", p->val[k]);
    if (access(probe, F_OK) == 0) holds = "a sweep";
    if (!holds) return;
    fprintf(stderr, "scorer: warning: %s sets out = %s, which holds %s already: the new %s gets a folder of its own under runs/ "
                    "(or give it one: --out DIR)\n", p->origin[k], shellword_quote(q, sizeof q, p->val[k]), holds,
            strcmp(cmd, "sweep") ? "run" : "sweep");
    for (int i = 0; i < p->n; i++) /* every out of the file: it sets one (config_pairs_load refuses a key given twice) */
        if (!strcmp(p->key[i], "out")) {
            memmove(p->key[i], p->key[i + 1], sizeof p->key[0] * (size_t)(p->n - i - 1));
            memmove(p->val[i], p->val[i + 1], sizeof p->val[0] * (size_t)(p->n - i - 1));
            memmove(p->origin[i], p->origin[i + 1], sizeof p->origin[0] * (size_t)(p->n - i - 1));
            p->n--;
            i--;
        }
}

int cli_parse_run_args(int argc, char **argv, const char *cmd, RunArgs *a) {
    const int compare = strcmp(cmd, "train") != 0; /* compare and sweep run several algorithms */
    memset(a, 0, sizeof *a);
    ConfigPairs sets = {0}, flags = {0};
    const char *config = NULL;
    char err[600];
    int seeds_given = 0, seed_given = 0;
    /* the options with a value, then the others (for suggestions; sweep's own come last) */
    static const char *const options[] = {"--env", "--algo", "--algos", "--seeds", "--seed", "--steps", "--out",
                                          "--threads", "--config", "--set", "--resume", "--checkpoint-every",
                                          "--help", "--quiet", "--dry-run", "--grid", "--plan", "--task"};
    enum { WITH_VALUE = 12, ALL = (int)(sizeof options / sizeof *options) };
    const char *given[WITH_VALUE] = {0}; /* each option's value (all but --set, which may repeat with other keys) */
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) { a->help = 1; return 0; }
        if (!strcmp(o, "--quiet") || !strcmp(o, "-q")) { a->quiet = 1; continue; }
        if (!strcmp(o, "--dry-run")) { a->dry_run = 1; continue; }
        /* everything below takes a value */
        if (strcmp(cmd, "sweep") && cli_known(o, options + ALL - 3, 3))
            return cli_fail("%s is an option of scorer sweep (see scorer sweep --help)", o);
        if (!cli_known(o, options, WITH_VALUE)) return cli_unknown_option(o, cmd, options, strcmp(cmd, "sweep") ? ALL - 3 : ALL);
        if (cli_no_value(argc, argv, i)) return cli_fail("%s needs a value (see scorer %s --help)", o, cmd);
        const char *v = argv[++i];
        int k = 0;
        while (strcmp(options[k], o)) k++;
        if (strcmp(o, "--set")) { /* the last would win unseen (a --config the first's whole file): one value */
            if (given[k] && !same_value(given[k], v))
                return cli_fail("%s %s and %s %s give %s two values (give one of them%s)", o, given[k], o, v, o,
                                strcmp(o, "--config") ? "" : "; put the other file's settings in it, or give them as --set");
            if (given[k]) continue; /* the same value again: nothing new */
            given[k] = v;
        }
        int rc = 0;
        if (!strcmp(o, "--env")) rc = config_pairs_add(&flags, "env", v, o);
        else if (!strcmp(o, "--algo")) {
            if (compare) return cli_fail("%s takes --algos A,B,... (not --algo)", cmd);
            if (!config_algo_known(v)) return cli_fail("%s", config_unknown(err, sizeof err, CONFIG_UNKNOWN_ALGO, v));
            snprintf(a->algos[0], sizeof a->algos[0], "%s", v);
            a->n_algos = 1;
            rc = config_pairs_add(&flags, "algo", v, o);
        } else if (!strcmp(o, "--algos")) {
            if (!compare) return cli_fail("train takes one --algo (use scorer compare for several)");
            if ((rc = cli_split_algos(v, a->algos, &a->n_algos))) return rc;
        } else if (!strcmp(o, "--seeds")) { rc = config_pairs_add(&flags, "num_seeds", v, o); seeds_given = 1; }
        else if (!strcmp(o, "--seed")) { rc = config_pairs_add(&flags, "seed", v, o); seed_given = 1; }
        else if (!strcmp(o, "--steps")) rc = config_pairs_add(&flags, "total_timesteps", v, o);
        else if (!strcmp(o, "--out")) rc = config_pairs_add(&flags, "out", v, o);
        else if (!strcmp(o, "--threads")) rc = config_pairs_add(&flags, "threads", v, o);
        else if (!strcmp(o, "--config")) config = v;
        else if (!strcmp(o, "--checkpoint-every")) rc = config_pairs_add(&flags, "checkpoint_every", v, o);
        else if (!strcmp(o, "--resume")) {
            if (strlen(v) >= sizeof a->resume) return cli_fail("--resume: path too long");
            strcpy(a->resume, v);
        }
        else if (!strcmp(o, "--set")) {
            if (config_pairs_add_kv(&sets, v, "--set", err, sizeof err)) return cli_fail("%s", err);
            for (int j = 0; j < sets.n - 1; j++) /* the last would win unseen, as in a file: one value a key */
                if (!strcmp(sets.key[j], sets.key[sets.n - 1]) && !same_value(sets.val[j], sets.val[sets.n - 1]))
                    return cli_fail("--set %s=%s and --set %s=%s give %s two values (give one of them)", sets.key[j], sets.val[j],
                                    sets.key[j], sets.val[sets.n - 1], sets.key[j]);
        }
        if (rc == -2) return cli_fail("%s: value too long (at most %d characters)", o, CONFIG_VALUE_MAX);
        if (rc) return cli_fail("too many settings");
    }
    if (a->resume[0] && a->dry_run)
        return cli_fail("--dry-run shows a new run's configuration (a run to resume has it in DIR/[ALGO/]config.ini)");
    if (a->resume[0]) {
        /* a resumed run continues exactly as configured: only the thread count may change (and, for a
         * sweep, which point: --task is the sweep's own option) */
        const char *may = !strcmp(cmd, "sweep") ? "--threads, --quiet and --task" : "--threads and --quiet";
        int other = sets.n || config || a->n_algos;
        for (int i = 0; i < flags.n; i++) other |= strcmp(flags.key[i], "threads") != 0;
        if (other) return cli_fail("--resume continues a run as it was configured: only %s may be given with it", may);
        a->pairs = flags;
        return 0;
    }
    /* --seed S: train trains seed S alone unless --seeds K is given too (S to S+K-1); compare and sweep
     * keep their number of seeds (default 10) and start them at S */
    if (!compare && seed_given && !seeds_given && config_pairs_add(&flags, "num_seeds", "1", "--seed"))
        return cli_fail("too many settings");
    /* a flag and a --set giving one key two values: which was meant is anyone's guess */
    for (int i = 0; i < flags.n; i++)
        for (int j = 0; j < sets.n; j++) {
            if (strcmp(flags.key[i], sets.key[j]) || same_value(flags.val[i], sets.val[j])) continue;
            if (!strcmp(flags.key[i], "num_seeds") && !strcmp(flags.origin[i], "--seed")) {
                const char *first = flags.val[0]; /* the seed: --seed's own pair precedes the num_seeds it adds */
                for (int k = 0; k < flags.n; k++) if (!strcmp(flags.key[k], "seed")) first = flags.val[k];
                return cli_fail("train --seed %s trains seed %s alone, but --set num_seeds=%s asks for %s seeds (for %s seeds "
                                "from %s give --seed %s --seeds %s)", first, first, sets.val[j], sets.val[j], sets.val[j], first,
                                first, sets.val[j]);
            }
            return cli_fail("%s %s and --set %s=%s give %s two values (give one of them)", flags.origin[i], flags.val[i],
                            sets.key[j], sets.val[j], sets.key[j]);
        }
    /* precedence: config file < --set < flags */
    if (config && config_pairs_load(&a->pairs, config, err, sizeof err)) return cli_fail("%s", err);
    if (config) drop_used_out(&a->pairs, &sets, &flags, cmd);
    for (int i = 0; i < sets.n; i++) config_pairs_add(&a->pairs, sets.key[i], sets.val[i], sets.origin[i]);
    for (int i = 0; i < flags.n; i++) config_pairs_add(&a->pairs, flags.key[i], flags.val[i], flags.origin[i]);
    if (!a->n_algos) {
        const char *algo = NULL, *from = NULL;
        for (int i = 0; i < a->pairs.n; i++) if (!strcmp(a->pairs.key[i], "algo")) algo = a->pairs.val[i], from = a->pairs.origin[i];
        if (compare && !algo) { if (cli_split_algos("scorer-dqn,dqn", a->algos, &a->n_algos)) return 2; }
        else {
            snprintf(a->algos[0], sizeof a->algos[0], "%s", algo ? algo : "scorer-dqn");
            a->n_algos = 1;
            /* the file's algorithm alone (its settings are that algorithm's): a compare of one, which no table pairs */
            if (compare && !strcmp(cmd, "compare")) {
                char by[1100];
                const char *colon = strrchr(from, ':'); /* FILE:LINE; the file's own name may hold a ':' */
                if (colon) snprintf(by, sizeof by, "%.*s sets algo = %s", (int)(colon - from), from, algo);
                else snprintf(by, sizeof by, "%s algo=%s", from, algo);
                cli_warn("%s: compare runs it alone, with no baseline to compare (give --algos to choose the algorithms)", by);
            }
        }
    }
    int have_out = 0, have_seeds = 0;
    const char *env = "CartPole-v1";
    for (int i = 0; i < a->pairs.n; i++) {
        have_out |= !strcmp(a->pairs.key[i], "out");
        have_seeds |= !strcmp(a->pairs.key[i], "num_seeds");
        if (!strcmp(a->pairs.key[i], "env")) env = a->pairs.val[i];
    }
    if (compare && !have_seeds) {
        char k[16];
        snprintf(k, sizeof k, "%d", CONFIG_COMPARE_SEEDS);
        config_pairs_add(&a->pairs, "num_seeds", k, "compare default");
    }
    if (!have_out) {
        char out[200], stamp[32];
        time_t t = time(NULL);
        struct tm tmv;
        localtime_r(&t, &tmv);
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tmv);
        snprintf(out, sizeof out, "runs/%.60s-%.40s-%s", env, compare ? cmd : a->algos[0], stamp);
        config_pairs_add(&a->pairs, "out", out, "default");
    }
    return 0;
}

static char claimed_parent[600]; /* runs/, when cli_claim_out made it: cli_unclaim_out takes it back if empty */

int cli_claim_out(char *dir, size_t len) {
    char base[600], err[1400];
    if (strlen(dir) >= sizeof base || strlen(dir) + 8 > len) return cli_fail("%s: path too long", dir);
    snprintf(base, sizeof base, "%s", dir);
    const char *slash = strrchr(base, '/');
    if (slash && slash != base) { /* runs/ first: the folder's own mkdir is the claim */
        char parent[600];
        snprintf(parent, sizeof parent, "%.*s", (int)(slash - base), base);
        struct stat st;
        claimed_parent[0] = 0;
        if (stat(parent, &st) != 0) snprintf(claimed_parent, sizeof claimed_parent, "%s", parent);
        if (fileio_mkdirs(parent, err, sizeof err)) return cli_fail("%s", err);
    }
    for (int n = 1; n <= 10000; n++) {
        if (n == 1) snprintf(dir, len, "%s", base);
        else snprintf(dir, len, "%s-%d", base, n);
        if (mkdir(dir, 0777) == 0) return 0;
        if (errno != EEXIST) {
            const int e = errno;
            return cli_fail("cannot create folder %s: %s (choose another --out)", dir, strerror(e));
        }
    }
    return cli_fail("%s-2 to %s-10000 are all taken (give the run a folder: --out DIR)", base, base);
}

static int made_here(const char *rel, const char *const *made, int n_made) {
    for (int i = 0; i < n_made; i++)
        if (!strcmp(rel, made[i])) return 1;
    return 0;
}

/* 1 when everything in dir/rel (rel "": dir itself), at any depth, is one of made[0 .. n_made-1] */
static int only_made(const char *dir, const char *rel, const char *const *made, int n_made) {
    char path[2200], child[1100];
    snprintf(path, sizeof path, "%s%s%s", dir, rel[0] ? "/" : "", rel);
    DIR *d = opendir(path);
    if (!d) return 0;
    int only = 1;
    for (struct dirent *e; only && (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if ((size_t)snprintf(child, sizeof child, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name) >= sizeof child) { only = 0; break; }
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, child);
        only = made_here(child, made, n_made) && lstat(path, &st) == 0 &&
               (!S_ISDIR(st.st_mode) || only_made(dir, child, made, n_made));
    }
    closedir(d);
    return only;
}

void cli_unclaim_out(const char *dir, const char *const *made, int n_made) {
    /* the run refused before training (a seed's CSV or checkpoint is no file it lists): what it made goes, and
     * with it the folder; anything else in it keeps all. made lists run.lock last: the lock is held until the
     * rest is gone, so a process that takes the folder after it finds it empty, and the rmdir fails on its files */
    if (!only_made(dir, "", made, n_made)) return;
    char path[2200];
    for (int i = 0; i < n_made; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, made[i]);
        remove(path); /* a file, or a folder then empty */
    }
    rmdir(dir);
    if (claimed_parent[0]) rmdir(claimed_parent); /* runs/, made by the claim: only if nothing else is in it */
}

/* SIGINT/SIGTERM: the first sets the flag (and says what the command does about it); a second exits at once,
 * saying what is left. GNU timeout sends its signal to the process and then to the process group, so one
 * signal can arrive twice within microseconds: the same signal from the same sending process (kill, not a
 * terminal's Ctrl-C) within a second of the first is that one signal again. */
static _Atomic int stop_flag;
static _Atomic long long first_id, first_ns; /* the first signal's sender and signal (0: none yet), its time */
_Static_assert(ATOMIC_LLONG_LOCK_FREE == 2, "the signal handler needs lock-free 64-bit atomics");
static char stop_msg[200], exit_msg[2600];
static size_t stop_len, exit_len;
static long long monotonic_ns(void) {
    struct timespec ts; /* clock_gettime is async-signal-safe */
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
static void on_signal(int sig, siginfo_t *info, void *context) {
    (void)context;
    const long long id = info && info->si_code == SI_USER ? (long long)sig << 32 | (unsigned)info->si_pid : -1;
    long long seen = 0;
    if (!atomic_compare_exchange_strong(&first_id, &seen, id)) {
        const long long t0 = atomic_load(&first_ns); /* 0: the first one's handler is still running */
        if (id != -1 && seen == id && (t0 == 0 || monotonic_ns() - t0 < 1000000000LL)) return;
        /* write and _exit are async-signal-safe; so is the removal (fileio.h) */
        fileio_remove_pending(); /* no half-written file stays */
        ssize_t w = write(2, exit_msg, exit_len);
        (void)w;
        _exit(130);
    }
    atomic_store(&first_ns, monotonic_ns());
    atomic_store(&stop_flag, 1);
    ssize_t w = write(2, stop_msg, stop_len);
    (void)w;
}

/* handler for SIGINT and SIGTERM */
static void catch_signals(void (*handler)(int, siginfo_t *, void *)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

const _Atomic int *cli_catch_stop(const char *doing, const char *at_once) {
    /* the messages are made here: a handler may only write() */
    snprintf(stop_msg, sizeof stop_msg, "\nscorer: stopping: %s (a second Ctrl-C exits at once)\n", doing);
    stop_len = strlen(stop_msg);
    snprintf(exit_msg, sizeof exit_msg, "\nscorer: exited at once%s%s\n", at_once ? ": " : "", at_once ? at_once : "");
    exit_len = strlen(exit_msg);
    catch_signals(on_signal);
    return &stop_flag;
}

static void on_signal_exit(int sig, siginfo_t *info, void *context) {
    (void)sig, (void)info, (void)context;
    fileio_remove_pending(); /* the files being written: none half-written stays */
    _exit(130);
}

void cli_exit_on_signal(void) { catch_signals(on_signal_exit); }

void cli_warn_no_checkpoints(const char *cmd) {
    fprintf(stderr, "scorer: warning: checkpoint_every = -1: no checkpoint is written, so scorer eval cannot play the agents "
                    "and an interrupted %s cannot continue (scorer %s --resume starts its seeds over); leave it out for one "
                    "every 10%% of the run\n", cmd, cmd);
}

void cli_warn_provenance(const char *manifest) {
    Provenance start, here;
    char warning[PROVENANCE_MSG];
    if (access(manifest, F_OK) == 0 && provenance_check_resume(manifest, &start, &here, warning, sizeof warning))
        cli_warn("%s", warning);
}

void cli_warn_redo(const char *what, const char *why, const char *redo, const char *dir, const char *does) {
    char q[2100];
    cli_warn("%s: %s (scorer %s %s %s)", what, why, redo, shellword_quote(q, sizeof q, dir), does);
}
