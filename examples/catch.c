/* catch.c - SCORER on an environment of your own, through the library (docs/LIBRARY.md).
 *
 * Catch: a ball falls from a random column of the top row of a 10 x 5 grid, one row per step; the
 * paddle on the bottom row moves left, stays or moves right. When the ball reaches the bottom row
 * (9 steps) the episode ends with +1 if the paddle is under it, else -1. A random policy loses
 * most balls; every ball can be caught (the paddle needs at most 2 of the 9 moves).
 *
 * The program registers Catch with the library, plays it with random actions for scale, then trains
 * SCORER-DQN and its DQN baseline over a few seeds on worker threads exactly as `scorer compare`
 * does (run folder with per-seed CSVs, config.ini, summary.json, curves), and prints the table.
 *
 *   make examples && build/examples/catch [OUT_DIR [STEPS [SEEDS]]]
 *   (defaults: runs/Catch-example, 60000 timesteps, 3 seeds) */
#include "scorer/scorer.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ROWS = 10, COLS = 5, ACTIONS = 3 };

/* The state: pointer-free (checkpoints copy it with memcpy) with its own RNG. */
typedef struct Catch {
    int ball_row, ball_col, paddle;
    Rng rng;
} Catch;

static int catch_init(void *env, const EnvOptions *o, EnvInfo *info) {
    memset(env, 0, sizeof(Catch));
    /* no MinAtar-only options; time_limit: < 0 default (none needed: 9 steps), else as asked */
    if (o->preset == ENV_PRESET_MINATAR || o->sticky_prob > 0.0 || o->full_action_set >= 0 ||
        o->difficulty_ramping >= 0)
        return -1;
    *info = (EnvInfo){.obs_dim = ROWS * COLS, .n_actions = ACTIONS, .time_limit = o->time_limit > 0 ? o->time_limit : 0,
                      .binary_obs = 1};
    return 0;
}

static void catch_seed(void *env, uint64_t seed, uint64_t stream) { rng_seed(&((Catch *)env)->rng, seed, stream); }

static void catch_reset(void *env) {
    Catch *e = env;
    e->ball_row = 0;
    e->ball_col = (int)rng_below(&e->rng, COLS);
    e->paddle = COLS / 2;
}

static float catch_step(void *env, int action, int *terminated) {
    Catch *e = env;
    e->paddle += action - 1; /* 0 left, 1 stay, 2 right */
    e->paddle = e->paddle < 0 ? 0 : e->paddle >= COLS ? COLS - 1 : e->paddle;
    e->ball_row++;
    *terminated = e->ball_row == ROWS - 1;
    return *terminated ? (e->ball_col == e->paddle ? 1.0f : -1.0f) : 0.0f;
}

static void catch_observe(const void *env, float *obs) {
    /* obs: (ROWS * COLS,) row-major, 1 at the ball and at the paddle */
    const Catch *e = env;
    memset(obs, 0, sizeof(float) * ROWS * COLS);
    obs[e->ball_row * COLS + e->ball_col] = 1.0f;
    obs[(ROWS - 1) * COLS + e->paddle] = 1.0f;
}

/* What step and observe rely on (a checkpoint's state is checked with it before a run resumes). */
static int catch_valid(const void *env) {
    const Catch *e = env;
    return e->ball_row >= 0 && e->ball_row < ROWS && e->ball_col >= 0 && e->ball_col < COLS && e->paddle >= 0 &&
           e->paddle < COLS && rng_valid(&e->rng);
}

/* family "classic": the classic-control network and hyperparameters are the defaults */
static const EnvClass catch_class = {"Catch", "classic", sizeof(Catch), catch_init, catch_seed, catch_reset,
                                     catch_step, catch_observe, NULL, catch_valid};

/* The mean return of random actions over `episodes` episodes, through the vector of envs. */
static double random_return(int episodes) {
    EnvOptions o;
    env_options_default(&o);
    VecEnv v;
    if (vecenv_init(&v, &catch_class, &o, 8, 12345) != 0) return 0.0;
    Rng rng;
    rng_seed(&rng, 12345, 1);
    int actions[8], done = 0;
    float rewards[8];
    unsigned char term[8], trunc[8];
    double sum = 0.0;
    while (done < episodes) {
        for (int i = 0; i < 8; i++) actions[i] = (int)rng_below(&rng, ACTIONS);
        vecenv_step(&v, actions, rewards, term, trunc, NULL);
        for (int i = 0; i < 8; i++) {
            sum += rewards[i]; /* the only reward comes as the episode ends */
            done += term[i] | trunc[i];
        }
    }
    vecenv_free(&v);
    return sum / done;
}

int main(int argc, char **argv) {
    const char *out = argc > 1 ? argv[1] : "runs/Catch-example";
    const char *steps = argc > 2 ? argv[2] : "60000", *seeds = argc > 3 ? argv[3] : "3";
    char err[600];
    if (env_register(&catch_class, err, sizeof err)) {
        fprintf(stderr, "catch: %s\n", err);
        return 1;
    }
    printf("random policy: mean return %.3f over 20000 episodes\n", random_return(20000));

    /* the settings `scorer compare --env Catch --steps STEPS --seeds SEEDS --out OUT` would make */
    static ConfigPairs p;
    config_pairs_add(&p, "env", "Catch", "example");
    config_pairs_add(&p, "total_timesteps", steps, "STEPS");
    config_pairs_add(&p, "num_seeds", seeds, "SEEDS");
    config_pairs_add(&p, "out", out, "OUT_DIR");
    char algos[2][32] = {"scorer-dqn", "dqn"};
    const ConfigPairs *pairs[2] = {&p, &p};
    static Experiment x;
    if (experiment_run(&x, pairs, algos, 2, 1, 0, 0, NULL, err, sizeof err)) {
        fprintf(stderr, "catch: %s\n", err);
        experiment_free(&x);
        return 1;
    }
    experiment_print_table(&x, stdout);
    const char *dirs[1] = {out};
    if (plot_runs(dirs, 1, NULL, err, sizeof err) != PLOT_OK) fprintf(stderr, "catch: %s\n", err);
    /* one line per algorithm: the mean over seeds of the final return (last 10% of training) */
    const int S = x.base.num_seeds;
    for (int k = 0; k < x.n_algos; k++) {
        double sum = 0.0;
        for (int s = 0; s < S; s++) sum += x.results[k * S + s].final_return;
        printf("%s: mean final return %.3f over %d seeds\n", x.cfg[k].algo, sum / S, S);
    }
    const int failed = x.n_failed;
    experiment_free(&x);
    return failed ? 1 : 0;
}
