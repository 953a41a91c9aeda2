/* cmd_eval.c - scorer eval: load a seed's checkpoint and play greedy episodes with it, optionally
 * rendering MinAtar games in the terminal so a person sees what the agent sees; with --all, every
 * algorithm and seed of a run, compared in a table (DIR/eval.csv holds the per-seed returns). */
#include "cli.h"
#include "scorer/evaluate.h"
#include "scorer/experiment.h"
#include "scorer/fileio.h"
#include "scorer/minatar.h"
#include "scorer/runfolder.h"
#include "scorer/shellword.h"
#include "scorer/suggest.h"
#include "scorer/summary.h"
#include "scorer/table.h"
#include <errno.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void help(void) {
    printf("usage: scorer eval RUN_DIR [--algo A] [--seed S] [--episodes K] [--eps E] [--render] [--delay MS]\n"
           "       scorer eval RUN_DIR --all [--algo A] [--episodes K] [--eps E] [--out FILE.csv]\n\n"
           "Loads RUN_DIR[/A]/ckpt/seed_S.ckpt (the newest checkpoint of that seed; default: the first\n"
           "algorithm of the run and its first seed) and plays K episodes (default 10) with the agent's\n"
           "epsilon-greedy policy (default epsilon 0: greedy) on fresh environments, then prints each\n"
           "episode's return and their mean. --render draws every step of MinAtar games in the terminal\n"
           "(--delay MS between frames, default 80 on a terminal, 0 otherwise).\n\n"
           "--all plays K episodes with every seed's checkpoint of every algorithm of the run (or of --algo A),\n"
           "prints one line per seed and a table: per algorithm the seeds evaluated, the mean return over\n"
           "seeds (each seed's mean over its K episodes) with its std, its IQM with a 95%% stratified\n"
           "bootstrap CI, and P(scorer-X > X) with its CI; and writes the per-seed returns to\n"
           "RUN_DIR/eval.csv (or --out FILE.csv). A seed gives the same numbers as scorer eval --seed S.\n"
           "The seeds that failed in training (diverged, could not start: scorer summary lists them) are left\n"
           "out, as summary leaves them out: not played, no CSV row, a line naming each and why.\n"
           "Ctrl-C stops --all (exit 130), within an episode too, and writes no CSV.\n\n"
           "An environment without randomness of its own (SpaceInvaders-MinAtar in the gymnax preset: no\n"
           "sticky actions, no random spawns) plays the same episode every time at epsilon 0: each seed's\n"
           "greedy return is then one episode; --eps 0.01 varies them.\n");
}

/* One frame of --render: the header line as play's (step, return, the action that led here) and the grid. */
static void draw_frame(const char *env, long ep, long step, double ret, int action, const float *obs,
                       const MinatarGame *game, int tty, long delay) {
    if (tty) fputs("\033[H\033[2J", stdout);
    printf("%s  episode %ld  step %ld  return %g  action %-6s\n", env, ep + 1, step, ret, action >= 0 ? minatar_action_name(action) : "-");
    minatar_render(stdout, obs, game, tty);
    if (!tty) putchar('\n'); /* frames apart in a file or a pipe, as play's */
    fflush(stdout);
    struct timespec ts = {delay / 1000, (delay % 1000) * 1000000L};
    if (delay > 0) nanosleep(&ts, NULL);
}

typedef struct EvalCli {
    EvalOptions play;        /* episodes, epsilon, the stop flag (--all: Ctrl-C stops between and within episodes) */
    long delay;
    int render, quiet;       /* quiet: no line per episode (--all) */
} EvalCli;

/* What eval shows of the episodes as they are played (EvalStepFn): the frames of --render, a line per episode. */
typedef struct Show {
    const char *env;
    const MinatarGame *game; /* NULL: no frames */
    int tty;
    long delay, ep;          /* ep: the episode being played, from 0 */
} Show;

static void show_step(const EvalStep *s, void *user) {
    Show *w = user;
    if (w->game) { /* the start with no pause, as play shows it; then the action executed (sticky actions may
                    * repeat the last one) */
        const MinatarCommon *mc = (const MinatarCommon *)s->env->states;
        /* an episode's last frame: the env has reset, and the gymnax preset's reset zeroes last_action; its
         * sticky actions are off unless sticky_prob is set, so the chosen action is the one executed */
        const int gone = s->done && mc->preset == ENV_PRESET_GYMNAX;
        const int act = !s->step ? -1 : gone ? mc->actions[s->action] : mc->last_action;
        draw_frame(w->env, w->ep, s->step, s->ret, act, s->obs, w->game, w->tty, s->step ? w->delay : 0);
    }
    if (!s->done) return;
    char rs[TABLE_NUM];
    table_fmt_return(rs, sizeof rs, s->ret); /* the table's decimals */
    printf("episode %ld: return %s over %ld steps\n", ++w->ep, rs, s->step);
}

/* Plays o->play.episodes episodes with seed's checkpoint in adir (its config c). Returns 0, 130 when the stop
 * flag was set (nothing printed), or an exit status with the message printed. */
static int eval_seed(const RunConfig *c, const char *adir, long seed, const EvalCli *o, EvalResult *res) {
    char path[1200], err[1200];
    snprintf(path, sizeof path, "%s/ckpt/seed_%ld.ckpt", adir, seed);
    Trainee tr;
    int rc = evaluate_load(&tr, c, seed, path, res, err, sizeof err);
    if (rc == EVALUATE_NO_CHECKPOINT) { /* which seeds have one: the run's seeds are not always 0, 1, ... (--seed S) */
        char have[200] = "", p2[1200];
        int n_have = 0;
        for (long i = 0; i < c->num_seeds && n_have <= 8; i++) {
            snprintf(p2, sizeof p2, "%s/ckpt/seed_%ld.ckpt", adir, c->seed + i);
            if (access(p2, F_OK)) continue;
            const size_t L = strlen(have);
            if (n_have++ == 8) snprintf(have + L, sizeof have - L, ", ...");
            else snprintf(have + L, sizeof have - L, "%s%ld", L ? ", " : "", c->seed + i);
        }
        char seeds[80];
        if (c->num_seeds == 1) snprintf(seeds, sizeof seeds, "its seed %ld", c->seed);
        else snprintf(seeds, sizeof seeds, "seeds %ld to %ld", c->seed, c->seed + c->num_seeds - 1);
        if (!n_have)
            return cli_fail("no checkpoint %s (no seed of this run, %s, has one: train with checkpoints, --checkpoint-every N)", path, seeds);
        if (n_have == 1) return cli_fail("no checkpoint %s (the one seed of this run with a checkpoint is %s: give --seed %s)", path, have, have);
        return cli_fail("no checkpoint %s (the seeds of this run with a checkpoint: %s; give one with --seed)", path, have);
    }
    if (rc) return cli_fail("%s", err); /* the file damaged, of another configuration, unreadable; memory */
    EvalOptions play = o->play;
    Show show = {c->env, o->render ? minatar_game(tr.env.cls) : NULL, isatty(STDOUT_FILENO), o->delay, 0};
    if (!o->quiet) { /* a line per episode, and the frames */
        play.on_step = show_step;
        play.user = &show;
    }
    if (o->render && !show.game) fprintf(stderr, "scorer: --render draws MinAtar games only; %s plays without frames\n", c->env);
    if (!o->quiet)
        printf("%s, %s, seed %ld, checkpoint at t %ld: %ld episode(s), epsilon %g\n", c->env, c->algo, seed, res->t,
               play.episodes, play.eps);
    rc = evaluate_play(&tr, c, seed, &play, res, err, sizeof err);
    trainee_free(&tr);
    if (rc == EVALUATE_STOPPED) return 130;
    if (rc) return cli_fail("%s", err);
    if (!o->quiet) {
        char ms[TABLE_NUM];
        table_fmt_return(ms, sizeof ms, res->mean);
        printf("mean return %s over %ld episode(s)\n", ms, play.episodes);
    }
    return 0;
}

/* The folder of algorithm algo's seeds (compare runs nest one per algorithm) and its resolved config. */
static int algo_config(const char *dir, int nested, const char *algo, const char *algos, char *adir, size_t adirlen,
                       RunConfig *c) {
    static ConfigPairs pairs;
    char path[1200], err[600];
    pairs.n = 0; /* loading appends: each algorithm's settings alone */
    if (nested) snprintf(adir, adirlen, "%s/%s", dir, algo);
    else snprintf(adir, adirlen, "%s", dir);
    snprintf(path, sizeof path, "%s/config.ini", adir);
    if (config_pairs_load(&pairs, path, err, sizeof err)) return cli_fail("%s (is %s an algorithm of this run? it has: %s)", err, algo, algos);
    if (experiment_config_complete(&pairs, path, err, sizeof err)) return cli_fail("%s", err);
    const char *env = NULL;
    for (int i = 0; i < pairs.n; i++) if (!strcmp(pairs.key[i], "env")) env = pairs.val[i];
    if (env && !env_find(env)) /* a program's own environment (env_register): only that program can play it */
        return cli_fail("%s trained on %s, which is not built in: the program that registered it evaluates the run "
                        "(train_check_resume, trainee_init; docs/LIBRARY.md)", dir, env);
    if (config_resolve(c, &pairs, err, sizeof err)) return cli_fail("%s", err);
    return 0;
}

/* The reason the run's summary (summary_load: summary.json, else the seed CSVs) gives for algo's seed
 * failing in training (diverged, could not start, curve cut short), or NULL: such a seed is left out of
 * --all's table as summary leaves it out. A seed not finished (an interrupted run) is not failed. */
static const char *failed_in_training(const Summary *run, const char *algo, long seed) {
    for (int k = 0; k < run->n_algos; k++) {
        const SummaryAlgo *a = &run->algo[k];
        if (strcmp(a->algo, algo)) continue;
        for (int i = 0; i < a->n; i++)
            if (a->seed[i] == seed && a->failed[i] == 1) return a->error[i][0] ? a->error[i] : "failed in training";
    }
    return NULL;
}

/* --all: every seed of every algorithm in names (n of them). Returns an exit status. */
static int eval_all(const char *dir, int nested, char names[][32], int n, const char *algos, const EvalCli *o,
                    const char *out) {
    static Summary s; /* the statistics of the seeds' means, as summary's of final returns */
    static Summary run; /* the run's own summary: which seeds failed in training */
    static RunConfig c;
    static long t[CONFIG_MAX_ALGOS][2]; /* the checkpoints' lowest and highest timestep */
    char adir[1100], err[1200], path[1200], early[700] = ""; /* the first seed whose checkpoint is before the end */
    int rc = 0, evaluated = 0, n_early = 0, left_out = 0, failed_train = 0, no_ckpt = 0;
    memset(&s, 0, sizeof s);
    snprintf(s.dir, sizeof s.dir, "%s", dir);
    const int lrc = summary_load(&run, dir, err, sizeof err);
    if (lrc == -2) { summary_free(&run); return cli_fail("%s", err); }
    if (lrc) { /* eval needs only the checkpoints: go on, every seed counted */
        cli_warn("%s (which seeds failed in training is unknown: every seed is counted)", err);
        summary_free(&run);
        memset(&run, 0, sizeof run);
    }
    AtomicFile csv;
    if (fileio_open(&csv, out, err, sizeof err)) { summary_free(&run); return cli_fail("%s", err); }
    fprintf(csv.f, "algo,seed,checkpoint_t,episodes,epsilon,mean_return,min_return,max_return\n");
    for (int k = 0; k < n && !rc; k++) {
        if ((rc = algo_config(dir, nested, names[k], algos, adir, sizeof adir, &c))) break;
        snprintf(s.env, sizeof s.env, "%s", c.env);
        SummaryAlgo *a = summary_add_algo(&s, names[k], c.num_seeds);
        if (!a) { rc = cli_fail("out of memory"); break; }
        t[k][0] = LONG_MAX;
        t[k][1] = -1;
        for (int i = 0; i < c.num_seeds && !rc; i++) {
            const long seed = c.seed + i;
            EvalResult r = {0};
            a->seed[i] = seed;
            snprintf(path, sizeof path, "%s/ckpt/seed_%ld.ckpt", adir, seed);
            const char *why = failed_in_training(&run, names[k], seed);
            if (why) { /* not played: its agent is the last checkpoint before the failure, not a trained one */
                a->failed[i] = 1;
                snprintf(a->error[i], sizeof a->error[i], "%s", why);
                printf("%-20s seed %-4ld left out: failed in training\n", names[k], seed);
                left_out += access(path, F_OK) == 0; /* a checkpoint not played */
                failed_train++;
                continue;
            }
            if (access(path, F_OK)) {
                a->failed[i] = 1;
                snprintf(a->error[i], sizeof a->error[i], "no checkpoint");
                no_ckpt++;
                printf("%-20s seed %-4ld no checkpoint\n", names[k], seed);
                continue;
            }
            if (o->play.stop && atomic_load(o->play.stop)) { /* before loading the next checkpoint */
                rc = 130;
                break;
            }
            if ((rc = eval_seed(&c, adir, seed, o, &r))) break;
            a->final_return[i] = r.mean;
            a->timesteps[i] = r.t;
            if (r.t < t[k][0]) t[k][0] = r.t;
            if (r.t > t[k][1]) t[k][1] = r.t;
            evaluated++;
            if (!r.finished && !n_early++)
                snprintf(early, sizeof early, "%.40s seed %ld at t %ld of %ld", names[k], seed, r.t, c.total_timesteps);
            char ms[TABLE_NUM], lo[TABLE_NUM], hi[TABLE_NUM]; /* as the table's numbers */
            table_fmt_return(ms, sizeof ms, r.mean);
            table_fmt_return(lo, sizeof lo, r.lo);
            table_fmt_return(hi, sizeof hi, r.hi);
            printf("%-20s seed %-4ld checkpoint at t %-10ld mean return %s (%s to %s)\n", names[k], seed, r.t, ms, lo, hi);
            fflush(stdout);
            fprintf(csv.f, "%s,%ld,%ld,%ld,%.10g,%.10g,%.10g,%.10g\n", names[k], seed, r.t, o->play.episodes, o->play.eps, r.mean,
                    r.lo, r.hi);
        }
    }
    if (!rc && !evaluated && failed_train && !no_ckpt) /* every seed failed: some before their first checkpoint */
        rc = cli_fail("nothing to evaluate in %s: its seeds failed in training or have no checkpoint (scorer summary %s says "
                      "why%s%s%s)", dir, dir, left_out ? "; scorer eval " : "", left_out ? dir : "",
                      left_out ? " --seed S plays a failed seed's last checkpoint" : "");
    else if (!rc && !evaluated) rc = cli_fail("no checkpoint in %s (train with checkpoints: --checkpoint-every)", dir);
    if (!rc && summary_compute(&s, err, sizeof err)) rc = cli_fail("%s", err);
    if (rc) {
        fileio_abort(&csv);
        summary_free(&s);
        summary_free(&run);
        if (rc == 130) fprintf(stderr, "scorer: interrupted: %s not written (run the command again for it)\n", out);
        return rc;
    }
    printf("\n%s, %ld episode(s) per seed, epsilon %g (%s)\n", s.env, o->play.episodes, o->play.eps, dir);
    enum { COLS = 5 };
    TableCell cells[(CONFIG_MAX_ALGOS + 1) * COLS], five[5];
    const int right[COLS] = {0, 1, 1, 1, 1};
    snprintf(cells[0], TABLE_CELL, "algorithm");
    snprintf(cells[1], TABLE_CELL, "seeds");
    snprintf(cells[2], TABLE_CELL, "mean return");
    snprintf(cells[3], TABLE_CELL, "IQM [95%% CI]");
    snprintf(cells[4], TABLE_CELL, "checkpoint t");
    for (int k = 0; k < s.n_algos; k++) {
        TableCell *row = &cells[(k + 1) * COLS];
        summary_algo_cells(&s.algo[k], five);
        snprintf(row[0], TABLE_CELL, "%s", s.algo[k].algo);
        memcpy(row[1], five[0], sizeof five[0]);
        memcpy(row[2], five[1], sizeof five[1]);
        memcpy(row[3], five[2], sizeof five[2]);
        if (t[k][1] < 0) snprintf(row[4], TABLE_CELL, "-");
        else if (t[k][0] == t[k][1]) snprintf(row[4], TABLE_CELL, "%ld", t[k][0]);
        else snprintf(row[4], TABLE_CELL, "%ld to %ld", t[k][0], t[k][1]); /* a seed stopped early */
    }
    table_print(stdout, cells, s.n_algos + 1, COLS, right, 0);
    for (int j = 0; j < s.n_pi; j++) {
        char pc[80];
        table_fmt_p(pc, sizeof pc, s.pi[j].p, s.pi[j].ci);
        const SummaryAlgo *x = &s.algo[s.pi[j].x], *y = &s.algo[s.pi[j].y];
        printf("P(%s > %s) = %s", x->algo, y->algo, pc);
        if (x->n_ok < x->n || y->n_ok < y->n) /* as summary's: the seeds left out are not in it */
            printf(" (over the seeds evaluated: %d/%d and %d/%d)", x->n_ok, x->n, y->n_ok, y->n);
        putchar('\n');
    }
    printf("mean return: each seed's mean over its episodes, then mean ± std over seeds; IQM: interquartile mean with a\n"
           "95%% stratified bootstrap CI.\n");
    if (s.n_pi) printf("P(A > B): probability that a seed of A beats a seed of B, with its 95%% CI.\n");
    for (int k = 0; k < s.n_algos; k++) /* as summary's failed lines: the seeds the statistics leave out, and why */
        for (int i = 0; i < s.algo[k].n; i++)
            if (s.algo[k].failed[i] && strcmp(s.algo[k].error[i], "no checkpoint"))
                printf("left out: %s seed %ld: %s\n", s.algo[k].algo, s.algo[k].seed[i], s.algo[k].error[i]);
    summary_print_few_seeds(&s, 1, stdout);
    if (n_early) /* a seed of an interrupted run plays its last checkpoint: counted, so said */
        printf("%d seed%s not trained to the end (%s%s): the table counts the agent of %s last checkpoint.\n",
               n_early, n_early > 1 ? "s" : "", early, n_early > 1 ? ", ..." : "", n_early > 1 ? "their" : "its");
    summary_free(&s);
    summary_free(&run);
    if (fileio_commit(&csv, err, sizeof err)) return cli_fail("%s", err);
    printf("per-seed returns in %s\n", out);
    return 0;
}

int cmd_eval(int argc, char **argv) {
    const char *dir = NULL, *algo = NULL, *out = NULL;
    long seed = -1;
    EvalCli o = {{10, 0.0, NULL, NULL, NULL, NULL}, -1, 0, 0}; /* delay -1: not given */
    int all = 0, delay_given = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { help(); return 0; }
        if (!strcmp(a, "--render")) { o.render = 1; continue; }
        if (!strcmp(a, "--all")) { all = 1; continue; }
        if (a[0] != '-') {
            if (dir) return cli_fail("eval takes one run folder (got %s and %s)", dir, a);
            dir = a;
            continue;
        }
        static const char *const with_value[] = {"--algo",   "--seed", "--episodes", "--delay", "--eps",
                                                 "--out",    "--render", "--all",    "--help"};
        if (!cli_known(a, with_value, 6)) return cli_unknown_option(a, "eval", with_value, 9);
        if (cli_no_value(argc, argv, i)) return cli_fail("%s needs a value (see scorer eval --help)", a);
        const char *v = argv[++i];
        if (!strcmp(a, "--algo")) algo = v;
        else if (!strcmp(a, "--out")) out = v;
        else if (!strcmp(a, "--seed")) { if (cli_parse_long(v, 0, 2147483647L, &seed)) return cli_fail("--seed %s: give a whole number >= 0", v); }
        else if (!strcmp(a, "--episodes")) { if (cli_parse_long(v, 1, 1000000, &o.play.episodes)) return cli_fail("--episodes %s: give 1 to 1000000", v); }
        else if (!strcmp(a, "--delay")) {
            if (cli_parse_long(v, 0, 10000, &o.delay)) return cli_fail("--delay %s: give 0 to 10000 ms", v);
            delay_given = 1;
        }
        else if (!strcmp(a, "--eps")) {
            if (cli_parse_double(v, 0.0, 1.0, &o.play.eps)) return cli_fail("--eps %s: give a number in [0, 1]", v);
        }
    }
    if (!dir) return cli_fail("eval needs a run folder (see scorer eval --help)");
    if (o.delay < 0) o.delay = isatty(STDOUT_FILENO) ? 80 : 0; /* frames for a person; none to wait for in a pipe */
    char dirbuf[1024]; /* without trailing slashes (a shell's completion adds one): DIR/eval.csv, not DIR//eval.csv */
    size_t L = strlen(dir);
    if (L >= sizeof dirbuf) return cli_fail("run folder name too long (%zu characters)", L);
    memcpy(dirbuf, dir, L + 1);
    while (L > 1 && dirbuf[L - 1] == '/') dirbuf[--L] = 0;
    dir = dirbuf;
    if (all && seed >= 0) return cli_fail("--all evaluates every seed: leave out --seed");
    if (all && o.render) return cli_fail("--all plays without frames: leave out --render (or give one --seed)");
    if (out && !all) return cli_fail("--out names --all's CSV: add --all (one seed's episodes are printed only)");
    if (delay_given && !o.render) return cli_fail("--delay is the pause between drawn frames: add --render (or leave it out)");

    /* which algorithm: the run manifest lists them; compare runs nest a folder per algorithm */
    char path[1200], algos[600] = "", command[32] = "";
    if (runfolder_check_dir(dir, path, sizeof path)) return cli_fail("%s", path); /* as summary and plot say it */
    snprintf(path, sizeof path, "%s/run.ini", dir);
    if (access(path, R_OK)) {
        snprintf(path, sizeof path, "%s/sweep.ini", dir);
        if (!access(path, F_OK)) return cli_fail("%s is a sweep: give one of its points (scorer eval %s/p000 ...; scorer summary %s lists them)", dir, dir, dir);
        /* a compare's algorithm folder (RUN/dqn): its run is the folder above */
        char parent[1024], q[2100];
        snprintf(parent, sizeof parent, "%s", dir);
        fileio_up(parent); /* /dqn: the run would be / */
        snprintf(path, sizeof path, "%s/run.ini", parent);
        const char *base = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
        if (!access(path, R_OK) && config_algo_known(base))
            return cli_fail("%s is the %s folder of the run %s: give the run (scorer eval %s --algo %s)", dir, base, parent,
                            shellword_quote(q, sizeof q, parent), base);
        return cli_fail("%s has no run.ini (give the folder of a scorer train or compare run)", dir);
    }
    if (fileio_ini_get(path, "algos", algos, sizeof algos) < 0 || fileio_ini_get(path, "command", command, sizeof command) < 0)
        return cli_fail("cannot read %s: %s", path, strerror(errno));
    const int nested = !strcmp(command, "compare");
    char names[CONFIG_MAX_ALGOS][32];
    int n = 0;
    if (algos[0]) {
        const int e = cli_split_algos(algos, names, &n);
        if (e) return e;
    }
    if (algo) { /* one of the run's algorithms: a train folder holds one, and its agent is no other */
        const char *cand[CONFIG_MAX_ALGOS];
        int found = 0;
        for (int k = 0; k < n; k++) { cand[k] = names[k]; found |= !strcmp(names[k], algo); }
        if (n && !found) {
            char hint[80];
            return cli_fail("--algo %s: not an algorithm of this run (%sit has: %s)", algo,
                            suggest_hint(hint, sizeof hint, algo, cand, n), algos);
        }
        n = 0;
        snprintf(names[n++], sizeof names[0], "%s", algo);
    }
    if (!n) snprintf(names[n++], sizeof names[0], "%s", ""); /* a run.ini without algos (older): its config decides */
    if (out) { /* refused now, not after every episode has been played */
        struct stat st;
        if (stat(out, &st) == 0 && S_ISDIR(st.st_mode))
            return cli_fail("--out %s is a folder: give a file name (e.g. --out %s/eval-eps0.01.csv)", out, out);
    }
    if (all) {
        char csv[1200];
        snprintf(csv, sizeof csv, "%s/eval.csv", dir);
        o.quiet = 1;
        char gone[1300];
        snprintf(gone, sizeof gone, "%s not written (run the command again for it)", out ? out : csv);
        o.play.stop = cli_catch_stop("ending the evaluation", gone); /* the CSV is written at the end, or not at all */
        return eval_all(dir, nested, names, n, algos, &o, out ? out : csv);
    }

    static RunConfig c;
    char adir[1100];
    int rc = algo_config(dir, nested, names[0], algos, adir, sizeof adir, &c);
    if (rc) return rc;
    if (seed < 0) seed = c.seed;
    EvalResult r;
    return eval_seed(&c, adir, seed, &o, &r);
}
