/* cmd_eval.c - scorer eval: load a seed's checkpoint and play greedy episodes with it, optionally
 * rendering MinAtar games in the terminal so a person sees what the agent sees. */
#include "cli.h"
#include "scorer/checkpoint.h"
#include "scorer/explore.h"
#include "scorer/minatar.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void help(void) {
    printf("usage: scorer eval RUN_DIR [--algo A] [--seed S] [--episodes K] [--eps E] [--render] [--delay MS]\n\n"
           "Loads RUN_DIR[/A]/ckpt/seed_S.ckpt (the newest checkpoint of that seed; default: the first\n"
           "algorithm of the run and its first seed) and plays K episodes (default 10) with the agent's\n"
           "epsilon-greedy policy (default epsilon 0: greedy) on fresh environments, then prints each\n"
           "episode's return and their mean. --render draws every step of MinAtar games in the terminal\n"
           "(--delay MS between frames, default 80).\n");
}

static int parse_long(const char *s, long lo, long hi, long *v) {
    char *end;
    long x = strtol(s, &end, 10);
    if (end == s || *end || x < lo || x > hi) return -1;
    *v = x;
    return 0;
}

int cmd_eval(int argc, char **argv) {
    const char *dir = NULL, *algo = NULL;
    long seed = -1, episodes = 10, delay = 80;
    double eps = 0.0;
    int render = 0;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) { help(); return 0; }
        if (!strcmp(o, "--render")) { render = 1; continue; }
        if (o[0] != '-') {
            if (dir) return cli_fail("eval takes one run folder (got %s and %s)", dir, o);
            dir = o;
            continue;
        }
        static const char *const with_value[] = {"--algo", "--seed", "--episodes", "--delay", "--eps", "--render", "--help"};
        if (!cli_known(o, with_value, 5)) return cli_unknown_option(o, "eval", with_value, 7);
        if (i + 1 >= argc) return cli_fail("%s needs a value (see scorer eval --help)", o);
        const char *v = argv[++i];
        if (!strcmp(o, "--algo")) algo = v;
        else if (!strcmp(o, "--seed")) { if (parse_long(v, 0, 2147483647L, &seed)) return cli_fail("--seed %s: give a whole number >= 0", v); }
        else if (!strcmp(o, "--episodes")) { if (parse_long(v, 1, 1000000, &episodes)) return cli_fail("--episodes %s: give 1 to 1000000", v); }
        else if (!strcmp(o, "--delay")) { if (parse_long(v, 0, 10000, &delay)) return cli_fail("--delay %s: give 0 to 10000 ms", v); }
        else if (!strcmp(o, "--eps")) {
            char *end;
            eps = strtod(v, &end);
            if (*end || !(eps >= 0.0 && eps <= 1.0)) return cli_fail("--eps %s: give a number in [0, 1]", v);
        }
    }
    if (!dir) return cli_fail("eval needs a run folder (see scorer eval --help)");

    /* which algorithm: the run manifest lists them; compare runs nest a folder per algorithm */
    char path[1200], line[700], algos[600] = "", command[32] = "";
    snprintf(path, sizeof path, "%s/run.ini", dir);
    FILE *f = fopen(path, "r");
    if (!f) return cli_fail("%s has no run.ini (give the folder of a scorer train or compare run)", dir);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!strncmp(line, "algos = ", 8)) snprintf(algos, sizeof algos, "%.599s", line + 8);
        if (!strncmp(line, "command = ", 10)) snprintf(command, sizeof command, "%.31s", line + 10);
    }
    fclose(f);
    const int nested = !strcmp(command, "compare");
    char first[32] = "";
    snprintf(first, sizeof first, "%.*s", (int)strcspn(algos, ","), algos);
    if (!algo) algo = first;
    char adir[1100];
    if (nested) snprintf(adir, sizeof adir, "%s/%s", dir, algo);
    else snprintf(adir, sizeof adir, "%s", dir);

    static ConfigPairs pairs;
    static RunConfig c;
    char err[600];
    snprintf(path, sizeof path, "%s/config.ini", adir);
    if (config_pairs_load(&pairs, path, err, sizeof err)) return cli_fail("%s (is %s an algorithm of this run? it has: %s)", err, algo, algos);
    if (config_resolve(&c, &pairs, err, sizeof err)) return cli_fail("%s", err);
    if (seed < 0) seed = c.seed;
    snprintf(path, sizeof path, "%s/ckpt/seed_%ld.ckpt", adir, seed);
    if (access(path, F_OK)) return cli_fail("no checkpoint %s (train with checkpoints, or pick another --seed)", path);

    Trainee tr;
    if (trainee_init(&tr, &c, seed, err, sizeof err)) return cli_fail("%s", err);
    const long N = c.num_envs, iters = c.total_timesteps / N;
    long log_every = c.log_interval > 0 ? c.log_interval / N : iters / 200;
    if (log_every < 1) log_every = 1;
    Curve cv = {0};
    cv.cap = (int)(iters / log_every + 2);
    cv.t = calloc((size_t)cv.cap, sizeof(long));
    cv.episodes = calloc((size_t)cv.cap, sizeof(long));
    cv.ret = calloc((size_t)cv.cap, sizeof(double));
    cv.leader_loss = calloc((size_t)cv.cap, sizeof(double));
    cv.follower_loss = calloc((size_t)cv.cap, sizeof(double));
    cv.eps = calloc((size_t)cv.cap, sizeof(double));
    TrainProgress tp;
    int rc = 0;
    VecEnv ev = {0};
    if (!cv.t || !cv.episodes || !cv.ret || !cv.leader_loss || !cv.follower_loss || !cv.eps) rc = cli_fail("out of memory");
    else if (ckpt_load(path, &c, seed, &tr, &tp, &cv, err, sizeof err)) rc = cli_fail("%s", err);
    /* fresh evaluation envs, seeded apart from the training envs */
    else if (vecenv_init(&ev, tr.env.cls, &c.envopt, 1, (uint64_t)seed + 1000003u)) rc = cli_fail("cannot create %s", c.env);
    if (rc) goto out;
    const EnvClass *cls = ev.cls;
    const char *const *names = minatar_channel_names(cls);
    const int A = ev.info.n_actions, C = names ? ev.info.obs_dim / 100 : 0, tty = isatty(STDOUT_FILENO);
    if (render && !names) fprintf(stderr, "scorer: --render draws MinAtar games only; %s plays without frames\n", c.env);
    Rng rng;
    rng_seed(&rng, (uint64_t)seed, 77);
    printf("%s, %s, seed %ld, checkpoint at t %ld: %ld episode(s), epsilon %g\n", c.env, c.algo, seed,
           tr.pqn ? tr.p.t : tr.l.t, episodes, eps);
    float *fin = malloc(sizeof(float) * (size_t)ev.info.obs_dim); /* what the agent saw last */
    if (!fin) { rc = cli_fail("out of memory"); goto out; }
    double sum = 0.0;
    for (long ep = 0; ep < episodes; ep++) {
        double ret = 0.0;
        long steps = 0;
        for (;;) {
            const float *q = tr.pqn ? pqn_q(&tr.p, ev.obs, 1) : agent_q(&tr.l.agent, ev.obs, 1);
            int a;
            epsilon_greedy(q, 1, A, (float)eps, &rng, &a);
            float r;
            unsigned char term, trunc;
            vecenv_step(&ev, &a, &r, &term, &trunc, fin);
            ret += r;
            steps++;
            if (render && names) {
                if (tty) fputs("\033[H\033[2J", stdout);
                printf("%s  episode %ld  step %ld  return %g\n", c.env, ep + 1, steps, ret);
                minatar_render(stdout, (term || trunc) ? fin : ev.obs, C, names, tty);
                fflush(stdout);
                struct timespec ts = {delay / 1000, (delay % 1000) * 1000000L};
                nanosleep(&ts, NULL);
            }
            if (term || trunc) break;
        }
        printf("episode %ld: return %g over %ld steps\n", ep + 1, ret, steps);
        sum += ret;
    }
    printf("mean return %.3f over %ld episode(s)\n", sum / (double)episodes, episodes);
    free(fin);
out:
    vecenv_free(&ev);
    trainee_free(&tr);
    free(cv.t); free(cv.episodes); free(cv.ret); free(cv.leader_loss); free(cv.follower_loss); free(cv.eps);
    return rc;
}
