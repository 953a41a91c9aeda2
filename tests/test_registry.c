/* test_registry.c - environments a program adds with env_register: what is refused (with the reason),
 * that a registered env is found, configured with its family's defaults and trained like a built-in
 * one, and that its checkpoints resume exactly and are checked with its own valid(). */
#include "scorer/scorer.h"
#include "check.h"
#include "alternate.h"
#include <math.h>
#include <string.h>
#include <unistd.h>

static char err[600];

/* register cls, expecting a refusal whose message contains what */
static void expect_refused(const EnvClass *cls, const char *what, const char *why) {
    const int n = env_count();
    err[0] = 0;
    CHECK(env_register(cls, err, sizeof err) == -1, "%s: refused", why);
    CHECK(strstr(err, what) != NULL, "%s: the message says '%s' (got '%s')", why, what, err);
    CHECK(env_count() == n, "%s: nothing added", why);
}

static void test_refusals(void) {
    EnvClass c = alt_class;
    expect_refused(NULL, "no class given", "NULL class");
    char long_name[ENV_NAME_MAX + 1];
    memset(long_name, 'x', ENV_NAME_MAX);
    long_name[ENV_NAME_MAX] = 0; /* one too many: the name must fit RunConfig.env with its NUL */
    const char *bad_names[] = {"", "with space", "../up", "-flag", ".hidden", "a/b", "tab\there", long_name};
    for (int i = 0; i < (int)(sizeof bad_names / sizeof bad_names[0]); i++) {
        c = alt_class;
        c.name = bad_names[i];
        expect_refused(&c, "name must be", bad_names[i]);
    }
    c = alt_class;
    c.name = NULL;
    expect_refused(&c, "name must be", "NULL name");
    c = alt_class;
    c.name = "CartPole-v1";
    expect_refused(&c, "exists already", "a built-in name");
    c.name = "cartpole-V1"; /* one run folder with CartPole-v1's on a case-insensitive file system */
    expect_refused(&c, "in other capitals, exists already", "a built-in name in other capitals");
    c = alt_class;
    c.family = "atari";
    expect_refused(&c, "family", "unknown family");
    c.family = NULL;
    expect_refused(&c, "family", "no family");
    c = alt_class;
    c.state_size = 0;
    expect_refused(&c, "state_size", "state_size 0");
    /* each required member missing in turn */
    for (int m = 0; m < 6; m++) {
        c = alt_class;
        if (m == 0) c.init = NULL;
        if (m == 1) c.seed = NULL;
        if (m == 2) c.reset = NULL;
        if (m == 3) c.step = NULL;
        if (m == 4) c.observe = NULL;
        if (m == 5) c.valid = NULL;
        expect_refused(&c, "are required", "a required member missing");
    }
}

static void test_register_and_find(void) {
    const int n = env_count();
    CHECK(env_find("Alternate-v0") == NULL, "not known before registering");
    CHECK(env_register(&alt_class, err, sizeof err) == 0, "registered: %s", err);
    CHECK(env_count() == n + 1 && env_at(n) == &alt_class, "listed after the built-in ones");
    CHECK(env_find("Alternate-v0") == &alt_class, "found by name");
    CHECK(env_find("CartPole-v1") != NULL && env_at(0) != &alt_class, "the built-in ones unchanged");
    expect_refused(&alt_class, "exists already", "registered twice");
    CHECK(env_register(&alt_minatar_class, err, sizeof err) == 0, "registered: %s", err);
    /* the table fills up: ENV_MAX_ADDED in all, then a clear refusal */
    static EnvClass more[ENV_MAX_ADDED];
    static char names[ENV_MAX_ADDED][ENV_NAME_MAX];
    int added = 2;
    for (int i = 0; i < ENV_MAX_ADDED; i++) {
        more[i] = alt_class;
        snprintf(names[i], sizeof names[i], "Alt%d", i);
        if (i == 0) memset(names[i], 'y', ENV_NAME_MAX - 1); /* the longest name (63 chars) is taken */
        more[i].name = names[i];
        if (added == ENV_MAX_ADDED) {
            expect_refused(&more[i], "too many", "the table is full");
            break;
        }
        CHECK(env_register(&more[i], err, sizeof err) == 0 && env_find(names[i]) == &more[i], "%s registered: %s", names[i], err);
        added++;
    }
    CHECK(env_count() == n + ENV_MAX_ADDED, "%d added in all", ENV_MAX_ADDED);
}

/* A registered env in a run: the config takes its family's defaults; it trains; checkpoints resume
 * exactly, and a state its valid() refuses is refused on loading. */
static int resolve(RunConfig *c, const char *env, const char *family_algo) {
    static ConfigPairs p;
    memset(&p, 0, sizeof p);
    config_pairs_add(&p, "env", env, "test");
    config_pairs_add(&p, "algo", family_algo, "test");
    config_pairs_add(&p, "total_timesteps", "6000", "test"); /* 600 iterations: the 500 of test_training fit */
    return config_resolve(c, &p, err, sizeof err);
}

static void test_training(void) {
    RunConfig c;
    CHECK(resolve(&c, "Alternate-v0", "scorer-dqn") == 0, "config resolves: %s", err);
    CHECK(c.num_envs == 10 && c.ac.latent == 64 && c.lc.buffer_size == 50000 && c.lc.scorer == 1,
          "classic-family defaults for a classic env");
    RunConfig cm;
    CHECK(resolve(&cm, "AlternateMinatar-v0", "dqn") == 0, "config resolves: %s", err);
    CHECK(cm.num_envs == 128 && cm.ac.latent == 128 && cm.lc.buffer_size == 100000 && cm.lc.scorer == 0,
          "minatar-family defaults for a minatar env");
    RunConfig unknown;
    CHECK(resolve(&unknown, "Nowhere-v0", "dqn") == -1 && strstr(err, "unknown environment"), "unknown env refused");

    /* train 300 iterations, save, load into a fresh trainee, train both on: identical */
    Trainee a, b;
    CHECK(trainee_init(&a, &c, 7, err, sizeof err) == 0 && trainee_init(&b, &c, 7, err, sizeof err) == 0, "trainees");
    for (int i = 0; i < 300; i++) trainee_step(&a);
    TrainProgress tp = {0}, tq = {0};
    Curve cv = {0}, cw = {0};
    char dir[] = "/tmp/scorer-registry-XXXXXX", path[64];
    CHECK(mkdtemp(dir) != NULL, "temp dir");
    snprintf(path, sizeof path, "%s/seed_7.ckpt", dir);
    CHECK(ckpt_save(path, &c, 7, &a, &tp, &cv, err, sizeof err) == 0, "save: %s", err);
    CHECK(ckpt_load(path, &c, 7, &b, &tq, &cw, err, sizeof err) == 0, "load: %s", err);
    int q_ok = 1;
    for (int i = 0; i < 200; i++) {
        trainee_step(&a);
        trainee_step(&b);
        /* evaluating a between its steps (what a program of its own does to watch it) changes none of its bits */
        const float *q = trainee_q(&a, a.env.obs, a.env.n);
        q_ok &= isfinite(q[0]) && isfinite(q[2 * a.env.n - 1]) && trainee_t(&a) == trainee_t(&b);
    }
    CHECK(q_ok && trainee_t(&a) == 5000, "trainee_q gives finite values between steps; t %ld", trainee_t(&a));
    const Agent *aa = &a.l.agent, *ab = &b.l.agent;
    CHECK(aa->n == ab->n && !memcmp(aa->params, ab->params, aa->n * sizeof(float)), "resumed parameters identical");
    CHECK(!memcmp(a.env.states, b.env.states, (size_t)a.env.n * alt_class.state_size), "env states identical");
    /* an env state its valid() refuses */
    ((Alternate *)(void *)a.env.states)[3].k = -5;
    CHECK(ckpt_save(path, &c, 7, &a, &tp, &cv, err, sizeof err) == 0, "save the damaged state: %s", err);
    CHECK(ckpt_load(path, &c, 7, &b, &tq, &cw, err, sizeof err) == -1 && strstr(err, "an env state that Alternate-v0's valid() refuses"),
          "refused with its own valid(), which the message names: %s", err);
    /* a trainee of another configuration is not saved under this one's name */
    RunConfig cp;
    CHECK(resolve(&cp, "Alternate-v0", "pqn") == 0, "config resolves: %s", err);
    CHECK(ckpt_save(path, &cp, 7, &a, &tp, &cv, err, sizeof err) == -1 && strstr(err, "not made for this configuration"),
          "ckpt_save of a DQN trainee under a PQN configuration refused: %s", err);
    unlink(path);
    rmdir(dir);
    trainee_free(&a);
    trainee_free(&b);
}

/* Faults of an env of one's own are named as such: not "options it does not support", not "training diverged;
 * try a lower learning rate". */
static void test_faults(void) {
    RunConfig c;
    SeedResult r;
    CHECK(resolve(&c, "Alternate-v0", "scorer-dqn") == 0, "config resolves: %s", err);
    alt_fault = 1;
    CHECK(train_seed(&c, 0, &r, NULL, NULL) != 0 && r.failed && strstr(r.error, "Alternate-v0's init reports no observation"),
          "init reporting obs_dim 0: %s", r.error);
    seed_result_free(&r);
    static const char *const algos[] = {"scorer-dqn", "pqn"};
    for (int f = 2; f <= 4; f++)
        for (int k = 0; k < 2; k++) {
            CHECK(resolve(&c, "Alternate-v0", algos[k]) == 0, "config resolves: %s", err);
            c.lc.terminal_on_truncation = c.pc.terminal_on_truncation = f != 4; /* 4: the final observation is read */
            alt_fault = f;
            CHECK(train_seed(&c, 0, &r, NULL, NULL) == 0 && r.failed &&
                      strstr(r.error, "Alternate-v0 gave a non-finite reward or observation at timestep") && r.diverged_at > 0,
                  "%s, a non-finite %s: %s", algos[k], f == 2 ? "reward" : f == 3 ? "observation" : "final observation", r.error);
            seed_result_free(&r);
        }
    alt_fault = 0;
    char dir[] = "/tmp/scorer-registry-XXXXXX", path[64];
    CHECK(mkdtemp(dir) != NULL, "temp dir");
    snprintf(path, sizeof path, "%s/seed_0.ckpt", dir);
    TrainCtl ctl = {.ckpt_path = path};
    CHECK(train_seed(&c, 0, &r, NULL, &ctl) == 0 && !r.failed, "without the fault it trains: %s", r.error);
    seed_result_free(&r);
    /* a checkpoint loaded with a curve smaller than train_seed's: the message names the curve, not the file */
    Trainee t;
    TrainProgress tp;
    Curve small = {0};
    CHECK(trainee_init(&t, &c, 0, err, sizeof err) == 0, "trainee: %s", err);
    CHECK(ckpt_load(path, &c, 0, &t, &tp, &small, err, sizeof err) == -1 && strstr(err, "curve_alloc that many"),
          "a curve too small for the file is named: %s", err);
    trainee_free(&t);
    unlink(path);
    rmdir(dir);
}

int main(void) {
    test_refusals();
    test_register_and_find();
    test_training();
    test_faults();
    return check_done("test_registry");
}
