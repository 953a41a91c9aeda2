/* test_misuse.c - what the library answers to a caller's plausible mistakes: a RunConfig written field by
 * field after config_resolve (out of range, another algorithm's name, PQN's copies left behind), a zeroed
 * one, NULL where defaults are meant, a trainee saved under another configuration, trainee_q past its
 * rows, an added env whose init refuses its defaults. Each is an error with a message, never a crash. */
#include "scorer/scorer.h"
#include "check.h"
#include <string.h>
#include <unistd.h>

static char err[600];

/* CartPole-v1 resolved for algo with total_timesteps steps. */
static RunConfig resolved(const char *algo, const char *steps) {
    ConfigPairs p = {0};
    config_pairs_add(&p, "algo", algo, "test");
    config_pairs_add(&p, "total_timesteps", steps, "test");
    RunConfig c;
    CHECK(config_resolve(&c, &p, err, sizeof err) == 0, "resolve %s: %s", algo, err);
    return c;
}

/* config_validate of c refuses it with a message containing want; trainee_init says the same. */
static void refused(const RunConfig *c, const char *want, const char *what) {
    CHECK(config_validate(c, err, sizeof err) == -1 && strstr(err, want) && !strchr(err, '\n'), "%s: '%s'", what, err);
    Trainee tr;
    char msg[600];
    CHECK(trainee_init(&tr, c, 0, msg, sizeof msg) == -1 && strstr(msg, want), "%s, trainee_init: '%s'", what, msg);
}

static int never_init(void *env, const EnvOptions *o, EnvInfo *info) { (void)env, (void)o, (void)info; return -1; }
static void no_seed(void *env, uint64_t seed, uint64_t stream) { (void)env, (void)seed, (void)stream; }
static void no_reset(void *env) { (void)env; }
static float no_step(void *env, int action, int *terminated) { (void)env, (void)action; *terminated = 1; return 0; }
static void no_observe(const void *env, float *obs) { (void)env; obs[0] = 0; }
static int any_valid(const void *env) { (void)env; return 1; }

int main(void) {
    /* fields written after resolving: out of range (num_envs 0 divided the curve's rows by zero) */
    RunConfig c = resolved("scorer-dqn", "20000");
    CHECK(config_validate(&c, err, sizeof err) == 0, "the resolved config: %s", err);
    const struct { int which; const char *want; } bad[] = {
        {0, "num_envs=0 is out of range (allowed 1 to 65536)"}, {1, "batch_size=0 is out of range"},
        {2, "gamma=nan is out of range (allowed 0 to 1)"}, {3, "target_interval=0 is out of range"},
        {4, "log_interval=-5 is out of range"}, {5, "lr_linear_decay=2 is not a boolean"},
        {6, "follower_loss holds 7, none of msbe|variance"}, {7, "total_timesteps=5 is less than one step of num_envs=10"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        RunConfig e = c;
        switch (bad[i].which) {
        case 0: e.num_envs = 0; break;
        case 1: e.lc.batch_size = 0; break;
        case 2: e.lc.gamma = NAN; break;
        case 3: e.lc.target_interval = 0; break;
        case 4: e.log_interval = -5; break;
        case 5: e.lc.lr_decay = 2; break;
        case 6: e.lc.follower_loss = 7; break;
        default: e.total_timesteps = e.lc.total_timesteps = 5; break;
        }
        refused(&e, bad[i].want, bad[i].want);
    }
    CHECK(train_curve_rows(&(RunConfig){.num_envs = 0, .total_timesteps = 100}) == -1, "train_curve_rows of no envs");

    /* another algorithm's name written over a resolved config: scorer-dqn trained under dqn's name */
    RunConfig e = c;
    strcpy(e.algo, "dqn");
    refused(&e, "the learner's fields are not those of algo=dqn (set the algorithm with config_resolve_as", "algo written");
    e = c;
    e.total_timesteps = 40000; /* the learning rates would decay over 20000 */
    refused(&e, "lc.total_timesteps=20000 is not total_timesteps=40000", "total_timesteps written alone");
    RunConfig q = resolved("pqn", "20000");
    q.lc.leader_lr = 1e-3f; /* PQN reads its copy (pc) */
    refused(&q, "PQN's copy of the shared settings (pc) differs", "a PQN setting written in lc");
    SeedResult r;
    memset(&r, 0, sizeof r);
    CHECK(train_seed(&e, 0, &r, NULL, NULL) == -1 && strstr(r.error, "lc.total_timesteps"), "train_seed refuses it: '%s'", r.error);
    seed_result_free(&r);
    CHECK(train_seed(&c, 0, NULL, NULL, NULL) == -1, "train_seed without a result");

    /* a zeroed RunConfig and NULL for the defaults */
    RunConfig z;
    memset(&z, 0, sizeof z);
    refused(&z, "names no environment or algorithm (fill it with config_resolve)", "zeroed");
    CHECK(config_resolve(&z, NULL, err, sizeof err) == 0 && !strcmp(z.env, "CartPole-v1") && !strcmp(z.algo, "scorer-dqn"),
          "config_resolve of no pairs: %s", err);
    ConfigPairs none = {0};
    CHECK(config_pairs_add(&none, NULL, "1", "test") == -2 && config_pairs_add(&none, "seed", NULL, "test") == -2 &&
              config_pairs_add(&none, "seed", "1", NULL) == 0 && none.n == 1, "config_pairs_add of NULLs");
    CHECK(env_find(NULL) == NULL, "env_find(NULL)");
    Experiment x;
    char one[1][32] = {"dqn"};
    CHECK(experiment_run(&x, NULL, one, 1, 0, 0, 0, NULL, err, sizeof err) == -1 && strstr(err, "pairs[0] is NULL"),
          "experiment_run without settings: '%s'", err);
    experiment_free(&x);
    VecEnv v;
    CHECK(vecenv_init(&v, env_find("Acrobot-v1"), NULL, 2, 0) == 0 && v.n == 2, "vecenv_init with the default options");
    vecenv_free(&v);

    /* trainee_q: 1 to num_envs rows, NULL past them (the workspace's size was an abort) */
    Trainee tr;
    char msg[600];
    CHECK(trainee_init(&tr, &c, 0, msg, sizeof msg) == 0, "trainee_init: %s", msg);
    float obs[4 * 11] = {0};
    CHECK(trainee_q(&tr, obs, 10) && !trainee_q(&tr, obs, 11) && !trainee_q(&tr, obs, 0), "trainee_q's rows");

    /* a trainee saved under another configuration: scorer-dqn's as dqn's, or with gamma changed */
    char path[64];
    snprintf(path, sizeof path, "/tmp/scorer-misuse-%ld.ckpt", (long)getpid());
    TrainProgress tp = {0};
    Curve cv;
    CHECK(curve_alloc(&cv, train_curve_rows(&c)) == 0, "curve");
    RunConfig d = resolved("dqn", "20000");
    CHECK(ckpt_save(path, &d, 0, &tr, &tp, &cv, err, sizeof err) == -1 && strstr(err, "not made for this configuration") &&
              access(path, F_OK) != 0, "scorer-dqn's trainee saved as dqn's: '%s'", err);
    e = c;
    e.lc.gamma = 0.9f;
    CHECK(ckpt_save(path, &e, 0, &tr, &tp, &cv, err, sizeof err) == -1 && access(path, F_OK) != 0, "gamma changed: '%s'", err);
    CHECK(ckpt_save(path, &c, 0, &tr, &tp, &cv, err, sizeof err) == 0, "its own configuration: %s", err);
    unlink(path);
    curve_free(&cv);
    trainee_free(&tr);

    /* an added env whose init refuses even the defaults: named so (it read "does not take  together") */
    static const EnvClass never = {"Never-v0", "classic", 8, never_init, no_seed, no_reset, no_step, no_observe, NULL,
                                   any_valid};
    CHECK(env_register(NULL, err, sizeof err) == -1 && strstr(err, "no class given"), "env_register(NULL): '%s'", err);
    CHECK(env_register(&never, err, sizeof err) == 0, "register: %s", err);
    ConfigPairs p = {0};
    config_pairs_add(&p, "env", "Never-v0", "test");
    CHECK(config_resolve(&z, &p, err, sizeof err) == -1 && strstr(err, "Never-v0's init refuses the default env options"),
          "an init that refuses the defaults: '%s'", err);
    return check_done("test_misuse");
}
