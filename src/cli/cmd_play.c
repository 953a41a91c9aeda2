/* cmd_play.c - scorer play ENV: watch (random policy) or play (keyboard) a MinAtar game in the terminal.
 * The keyboard puts the terminal in non-canonical, no-echo mode; it is restored on every exit path,
 * Ctrl-C and SIGTERM included. With stdout not a terminal, frames are printed as plain text. */
#include "cli.h"
#include "scorer/minatar.h"
#include "scorer/rng.h"
#include "scorer/suggest.h"
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

int cmd_play(int argc, char **argv);


static void help(void) {
    printf("usage: scorer play ENV [--seed S] [--policy random|keyboard] [--steps N] [--delay MS]\n"
           "                       [--preset default|gymnax|minatar]\n\n"
           "Shows one episode of a MinAtar game (Breakout-MinAtar, Asterix-MinAtar, Freeway-MinAtar,\n"
           "SpaceInvaders-MinAtar, Seaquest-MinAtar) in the terminal, one coloured symbol per object, and\n"
           "prints the return (the sum of its rewards).\n"
           "  --seed S          environment seed (default 0)\n"
           "  --policy random   uniform random actions from the minimal action set (default)\n"
           "  --policy keyboard arrows or w/a/s/d move, space fires, q quits\n"
           "  --steps N         stop after N steps (default: when the episode ends)\n"
           "  --delay MS        milliseconds per step (default 100 on a terminal, 0 otherwise; keyboard\n"
           "                    default 250; with the keyboard, 0 waits for a key every step)\n"
           "  --preset P        gymnax (gymnax 0.0.9's rules and time limit) or minatar (the original's\n"
           "                    rules, sticky actions with probability 0.1); default (the default) is gymnax,\n"
           "                    as env_preset = default is in training\n"
           "With stdout not a terminal the frames are printed one after another, without escape codes.\n");
}

/* ---- the terminal ---- */

static struct termios saved_tty;
static volatile sig_atomic_t tty_raw, cursor_hidden;

static void restore_terminal(void) {
    if (cursor_hidden) {
        const char show[] = "\033[?25h";
        if (write(STDOUT_FILENO, show, sizeof show - 1) < 0) {} /* nothing else to do */
        cursor_hidden = 0;
    }
    if (tty_raw) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
        tty_raw = 0;
    }
}

static void on_signal(int sig) {
    restore_terminal(); /* write and tcsetattr are async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

static int raw_terminal(void) {
    if (tcgetattr(STDIN_FILENO, &saved_tty)) return -1;
    struct termios t = saved_tty;
    t.c_lflag &= (tcflag_t) ~(ICANON | ECHO); /* keys arrive one by one, unechoed; Ctrl-C still works */
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t)) return -1;
    tty_raw = 1;
    return 0;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) && errno == EINTR) {}
}

/* Keys typed until the step's deadline (forever with delay 0, until the first key): the last
 * recognised one wins. Returns a full-set action, -1 to quit. */
static int read_keys(int delay_ms) {
    const double deadline = now_ms() + delay_ms;
    int action = MINATAR_NOOP, got = 0;
    for (;;) {
        const int wait = delay_ms ? (int)(deadline - now_ms()) : -1;
        if (delay_ms && wait <= 0) break;
        struct pollfd p = {STDIN_FILENO, POLLIN, 0};
        const int r = poll(&p, 1, wait);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        unsigned char buf[32];
        const ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        if (n <= 0) return -1; /* end of input */
        for (ssize_t i = 0; i < n; i++) {
            int a = -2;
            switch (buf[i]) {
            case 'q': case 'Q': return -1;
            case 'w': case 'W': a = MINATAR_UP; break;
            case 's': case 'S': a = MINATAR_DOWN; break;
            case 'a': case 'A': a = MINATAR_LEFT; break;
            case 'd': case 'D': a = MINATAR_RIGHT; break;
            case ' ': a = MINATAR_FIRE; break;
            case 27: /* ESC [ A..D: arrow keys */
                if (i + 2 < n && buf[i + 1] == '[') {
                    const unsigned char k = buf[i + 2];
                    a = k == 'A' ? MINATAR_UP : k == 'B' ? MINATAR_DOWN : k == 'C' ? MINATAR_RIGHT
                      : k == 'D' ? MINATAR_LEFT : -2;
                    i += 2;
                }
                break;
            }
            if (a >= 0) { action = a; got = 1; }
        }
        if (!delay_ms && got) break;
    }
    return action;
}

/* ---- the command ---- */

static void draw(const EnvClass *cls, const MinatarGame *g, const float *obs, uint64_t seed, long t, double ret,
                 int action, int tty, int keyboard) {
    if (tty) fputs("\033[H", stdout);
    printf("%s  seed %llu  step %ld  return %g  action %-6s\n", cls->name, (unsigned long long)seed, t, ret,
           t ? minatar_action_name(action) : "-");
    minatar_render(stdout, obs, g, tty);
    if (keyboard) printf("arrows or w/a/s/d move, space fires, q quits\n");
    if (tty) fputs("\033[J", stdout);
    else putchar('\n');
    fflush(stdout);
}

int cmd_play(int argc, char **argv) {
    const char *env = NULL, *policy = "random";
    long steps = 0, delay = -1;
    uint64_t seed = 0;
    int preset = ENV_PRESET_GYMNAX;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) { help(); return 0; }
        if (o[0] != '-') {
            if (env) return cli_fail("play takes one environment (got '%s' and '%s')", env, o);
            env = o;
            continue;
        }
        static const char *const with_value[] = {"--seed", "--policy", "--steps", "--delay", "--preset", "--help"};
        if (!cli_known(o, with_value, 5)) return cli_unknown_option(o, "play", with_value, 6);
        if (cli_no_value(argc, argv, i)) return cli_fail("%s needs a value (see scorer play --help)", o);
        const char *v = argv[++i];
        long n;
        if (!strcmp(o, "--seed")) {
            if (cli_parse_long(v, 0, LONG_MAX, &n)) return cli_fail("--seed %s: give a whole number >= 0", v);
            seed = (uint64_t)n;
        } else if (!strcmp(o, "--policy")) {
            if (strcmp(v, "random") && strcmp(v, "keyboard")) return cli_fail("--policy %s: use random or keyboard", v);
            policy = v;
        } else if (!strcmp(o, "--steps")) {
            if (cli_parse_long(v, 1, 1000000000L, &n)) return cli_fail("--steps %s: give a positive number of steps", v);
            steps = n;
        } else if (!strcmp(o, "--delay")) {
            if (cli_parse_long(v, 0, 60000, &n)) return cli_fail("--delay %s: give milliseconds from 0 to 60000", v);
            delay = n;
        } else if (!strcmp(o, "--preset")) {
            if (!strcmp(v, "gymnax")) preset = ENV_PRESET_GYMNAX;
            else if (!strcmp(v, "minatar")) preset = ENV_PRESET_MINATAR;
            else if (!strcmp(v, "default")) preset = ENV_PRESET_DEFAULT; /* gymnax's, as env_preset = default trains */
            else return cli_fail("--preset %s: use default, gymnax or minatar (default is gymnax)", v);
        }
    }
    if (!env) return cli_fail("play needs a MinAtar environment, e.g. scorer play Breakout-MinAtar");
    const EnvClass *cls = env_find(env);
    const MinatarGame *game = cls ? minatar_game(cls) : NULL;
    if (!game) {
        const char *games[64];
        int n = 0;
        for (int e = 0; e < env_count() && n < 64; e++)
            if (minatar_game(env_at(e))) games[n++] = env_at(e)->name;
        char hint[96];
        return cli_fail("'%s' is not a MinAtar game (%sBreakout-MinAtar, Asterix-MinAtar, Freeway-MinAtar, "
                        "SpaceInvaders-MinAtar, Seaquest-MinAtar)", env, suggest_hint(hint, sizeof hint, env, games, n));
    }
    const int keyboard = !strcmp(policy, "keyboard"), tty = isatty(STDOUT_FILENO);
    if (keyboard && !isatty(STDIN_FILENO)) return cli_fail("--policy keyboard needs a terminal on stdin");
    if (delay < 0) delay = keyboard ? 250 : tty ? 100 : 0;

    EnvOptions o;
    EnvInfo info;
    env_options_default(&o);
    o.preset = preset;
    o.full_action_set = keyboard; /* keys name full-set actions; a random agent uses the minimal set */
    void *state = env_alloc(cls, 1);
    float *obs = calloc((size_t)100 * (size_t)game->channels, sizeof(float));
    if (!state || !obs) { free(state); free(obs); return cli_fail("out of memory"); }
    if (cls->init(state, &o, &info)) { free(state); free(obs); return cli_fail("%s rejected its options", env); }
    cls->seed(state, seed, 0);
    cls->reset(state);
    cls->observe(state, obs);
    Rng rng;
    rng_seed(&rng, seed, 1);

    if (keyboard && raw_terminal()) { free(state); free(obs); return cli_fail("cannot set up the terminal"); }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    if (tty) {
        fputs("\033[?25l\033[H\033[2J", stdout); /* hide the cursor, clear */
        cursor_hidden = 1;
    }
    long t = 0;
    double ret = 0; /* the episode's return so far: eval's word for it */
    int action = MINATAR_NOOP, term = 0;
    const char *why = "step limit";
    draw(cls, game, obs, seed, t, ret, action, tty, keyboard);
    for (;;) {
        if (term) { why = "game over"; break; }
        if (info.time_limit && t >= info.time_limit) { why = "time limit"; break; }
        if (steps && t >= steps) break;
        int index;
        if (keyboard) {
            if ((index = read_keys((int)delay)) < 0) { why = "quit"; break; }
        } else {
            index = (int)rng_below(&rng, (uint32_t)info.n_actions);
            if (delay) sleep_ms((int)delay);
        }
        ret += cls->step(state, index, &term);
        action = ((const MinatarCommon *)state)->last_action; /* executed (sticky actions may repeat one) */
        t++;
        cls->observe(state, obs);
        draw(cls, game, obs, seed, t, ret, action, tty, keyboard);
    }
    restore_terminal();
    printf("%s: return %g in %ld steps (%s)\n", cls->name, ret, t, why);
    free(state);
    free(obs);
    return 0;
}
