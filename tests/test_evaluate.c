/* test_evaluate.c - a trained agent played through evaluate.h: the returns of a run folder's checkpoint
 * are those of the loop a program wrote by hand before (trainee_init, ckpt_load, a one-env VecEnv seeded
 * seed + 1000003, trainee_q and explore_epsilon_greedy with rng_seed(seed, 77)), bit for bit; an env of one's
 * own (env_register) plays; the callback sees every step; a missing file, a file of another configuration
 * and a damaged file each have their code and message; a stop flag stops the play. */
#include "scorer/scorer.h"
#include "check.h"
#include "alternate.h"
#include <string.h>
#include <unistd.h>

static char err[1200];
static char tmp[256];

/* The hand-written evaluation: K episodes of seed's checkpoint at path at epsilon eps into out (K,), the
 * checkpoint's timestep in *t. 0, or -1. */
static int by_hand(const RunConfig *c, long seed, const char *path, long K, double eps, double *out, long *t) {
    /* out: (K,) */
    Trainee tr;
    Curve cv;
    TrainProgress tp;
    if (trainee_init(&tr, c, seed, err, sizeof err)) return -1;
    if (curve_alloc(&cv, train_curve_rows(c)) || ckpt_load(path, c, seed, &tr, &tp, &cv, err, sizeof err)) {
        trainee_free(&tr);
        curve_free(&cv);
        return -1;
    }
    curve_free(&cv);
    *t = trainee_t(&tr);
    VecEnv ev;
    if (vecenv_init(&ev, tr.env.cls, &c->envopt, 1, (uint64_t)seed + 1000003u)) { trainee_free(&tr); return -1; }
    Rng rng;
    rng_seed(&rng, (uint64_t)seed, 77);
    for (long k = 0; k < K; k++) {
        double ret = 0.0;
        for (;;) {
            const float *q = trainee_q(&tr, ev.obs, 1);
            int a;
            explore_epsilon_greedy(q, 1, ev.info.n_actions, (float)eps, &rng, &a);
            float r;
            unsigned char term, trunc;
            vecenv_step(&ev, &a, &r, &term, &trunc, NULL);
            ret += r;
            if (term || trunc) break;
        }
        out[k] = ret;
    }
    vecenv_free(&ev);
    trainee_free(&tr);
    return 0;
}

/* What the callback saw: calls, episodes begun and ended, steps; a stop flag it sets at step stop_at. */
typedef struct Seen {
    long calls, starts, ends, steps, stop_at;
    int order_ok, final_ok;
    double ret[8];
    _Atomic int *stop;
} Seen;

static void seen_step(const EvalStep *s, void *user) {
    Seen *w = user;
    w->calls++;
    if (s->step == 0) {
        w->order_ok &= s->action == -1 && s->ret == 0.0 && !s->done && s->obs == s->env->obs;
        w->starts++;
    } else {
        w->order_ok &= s->action >= 0 && s->action < s->env->info.n_actions && s->env->n == 1;
        w->order_ok &= s->done ? s->obs != s->env->obs : s->obs == s->env->obs; /* the final observation apart */
        w->steps++;
    }
    if (s->done) {
        /* CartPole's final observation is outside its bounds unless the time limit ended it */
        w->final_ok &= s->step == 500 || s->obs[0] < -2.4f || s->obs[0] > 2.4f || s->obs[2] < -0.2095f || s->obs[2] > 0.2095f;
        if (w->ends < 8) w->ret[w->ends] = s->ret;
        w->ends++;
    }
    if (w->stop && s->step == w->stop_at) *w->stop = 1;
}

static int same(const double *a, const double *b, long n) { return !memcmp(a, b, sizeof(double) * (size_t)n); }

/* a compare run folder of CartPole-v1 scorer-dqn, 5000 steps, one seed (1) with checkpoints; read back as a
 * program of one's own reads it (experiment_resume_pairs, config_resolve_as) */
static void test_run_folder(void) {
    char out[300], path[400];
    snprintf(out, sizeof out, "%s/run", tmp);
    static ConfigPairs p;
    config_pairs_add(&p, "env", "CartPole-v1", "test");
    config_pairs_add(&p, "total_timesteps", "5000", "test");
    config_pairs_add(&p, "seed", "1", "test");
    config_pairs_add(&p, "num_seeds", "1", "test");
    config_pairs_add(&p, "threads", "1", "test");
    config_pairs_add(&p, "out", out, "test");
    char run_algos[1][32] = {"scorer-dqn"};
    const ConfigPairs *pairs[1] = {&p};
    static Experiment x;
    CHECK(experiment_run(&x, pairs, run_algos, 1, EXPERIMENT_NESTED, 0, 0, NULL, err, sizeof err) == 0 && !x.n_failed,
          "a run to evaluate: %s", err);
    experiment_free(&x);

    static char algos[CONFIG_MAX_ALGOS][32];
    static ConfigPairs per[CONFIG_MAX_ALGOS];
    char command[16];
    int n = 0;
    CHECK(experiment_resume_pairs(out, command, algos, &n, per, NULL, err, sizeof err) == 0 && n == 1, "pairs: %s", err);
    static RunConfig c;
    CHECK(config_resolve_as(&c, &per[0], algos[0], err, sizeof err) == 0, "config: %s", err);
    snprintf(path, sizeof path, "%s/%s/ckpt/seed_%ld.ckpt", out, algos[0], c.seed);

    enum { K = 6 };
    static const double epsilons[2] = {0.0, 0.3};
    for (int e = 0; e < 2; e++) {
        double want[K], got[K] = {0};
        long t = -1;
        CHECK(by_hand(&c, c.seed, path, K, epsilons[e], want, &t) == 0, "eps %g: by hand: %s", epsilons[e], err);
        EvalOptions o = {.episodes = K, .eps = epsilons[e], .returns = got};
        EvalResult r = {0};
        CHECK(evaluate_checkpoint(&c, c.seed, path, &o, &r, err, sizeof err) == 0, "eps %g: evaluated: %s", epsilons[e], err);
        CHECK(same(want, got, K), "eps %g: the returns are the hand-written loop's, bit for bit (%g %g ... vs %g %g ...)",
              epsilons[e], got[0], got[1], want[0], want[1]);
        double sum = 0.0, lo = want[0], hi = want[0];
        for (int k = 0; k < K; k++) {
            sum += want[k];
            lo = want[k] < lo ? want[k] : lo;
            hi = want[k] > hi ? want[k] : hi;
        }
        CHECK(r.mean == sum / K && r.lo == lo && r.hi == hi, "eps %g: mean %g, lo %g, hi %g of them", epsilons[e], r.mean,
              r.lo, r.hi);
        CHECK(r.t == 5000 && t == 5000 && r.finished == 1, "eps %g: the last checkpoint: t %ld, finished %d", epsilons[e],
              r.t, r.finished);

        /* the same with a callback (the final observations kept apart): the same returns, each step seen */
        double again[K];
        Seen w = {.order_ok = 1, .final_ok = 1};
        EvalOptions ob = o;
        ob.returns = again;
        ob.on_step = seen_step;
        ob.user = &w;
        EvalResult rb;
        CHECK(evaluate_checkpoint(&c, c.seed, path, &ob, &rb, err, sizeof err) == 0 && same(want, again, K),
              "eps %g: with a callback, the same returns: %s", epsilons[e], err);
        CHECK(w.starts == K && w.ends == K && w.calls == w.steps + K && w.order_ok, "eps %g: the callback saw %ld starts, "
              "%ld ends, %ld calls for %ld steps, in order: %d", epsilons[e], w.starts, w.ends, w.calls, w.steps, w.order_ok);
        CHECK(w.final_ok && same(w.ret, want, K), "eps %g: each episode's end with its final observation and return",
              epsilons[e]);
    }
    /* NULL options: scorer eval's defaults, ten greedy episodes */
    double want[10];
    long t;
    EvalResult r;
    CHECK(by_hand(&c, c.seed, path, 10, 0.0, want, &t) == 0 && evaluate_checkpoint(&c, c.seed, path, NULL, &r, err, sizeof err) == 0,
          "NULL options: %s", err);
    double sum = 0.0;
    for (int k = 0; k < 10; k++) sum += want[k];
    CHECK(r.mean == sum / 10, "NULL options: ten greedy episodes (%g, by hand %g)", r.mean, sum / 10);

    /* the codes and messages */
    char missing[400], damaged[400];
    snprintf(missing, sizeof missing, "%s/%s/ckpt/seed_7.ckpt", out, algos[0]);
    CHECK(evaluate_checkpoint(&c, 7, missing, NULL, &r, err, sizeof err) == EVALUATE_NO_CHECKPOINT &&
              strstr(err, "no checkpoint") && strstr(err, missing), "a missing file: %s", err);
    static ConfigPairs edited;
    edited = per[0];
    config_pairs_add(&edited, "gamma", "0.9", "test");
    static RunConfig ce;
    CHECK(config_resolve_as(&ce, &edited, algos[0], err, sizeof err) == 0, "edited config: %s", err);
    CHECK(evaluate_checkpoint(&ce, c.seed, path, NULL, &r, err, sizeof err) == CKPT_OTHER_CONFIG &&
              strstr(err, "was written with another configuration") && strstr(err, "was the run's config.ini edited?"),
          "a file of another configuration: %s", err);
    snprintf(damaged, sizeof damaged, "%s/damaged.ckpt", tmp);
    FILE *f = fopen(path, "rb"), *g = fopen(damaged, "wb");
    long bytes = 0;
    for (int ch; f && g && (ch = fgetc(f)) != EOF; bytes++) fputc(bytes == 5000 ? ch ^ 0x10 : ch, g); /* a bit of the state */
    if (f) fclose(f);
    if (g) fclose(g);
    CHECK(bytes > 5000, "a copy with one bit flipped (%ld bytes)", bytes);
    CHECK(evaluate_checkpoint(&c, c.seed, damaged, NULL, &r, err, sizeof err) == -1 &&
              strstr(err, damaged) && strstr(err, "agent cannot be played (restore the file from a copy"),
          "a damaged file: %s", err);
    CHECK(evaluate_checkpoint(&c, c.seed + 1, path, NULL, &r, err, sizeof err) == -1, "another seed's file: %s", err);
    static RunConfig bad;
    bad = c;
    bad.num_envs = 0; /* written after resolving: refused by trainee_init */
    CHECK(evaluate_checkpoint(&bad, c.seed, path, NULL, &r, err, sizeof err) == EVALUATE_NO_TRAINEE && strstr(err, "num_envs"),
          "a configuration that makes no trainee: %s", err);
    EvalOptions o0 = {.episodes = 0};
    CHECK(evaluate_checkpoint(&c, c.seed, path, &o0, &r, err, sizeof err) == -1 && strstr(err, "give 1 or more"),
          "no episodes: %s", err);
    EvalOptions o2 = {.episodes = 1, .eps = 1.5};
    CHECK(evaluate_checkpoint(&c, c.seed, path, &o2, &r, err, sizeof err) == -1 && strstr(err, "epsilon 1.5"),
          "epsilon 1.5: %s", err);

    /* a stop flag: set before, nothing played; set by the callback at the third step */
    static _Atomic int stop;
    stop = 1;
    double rets[4] = {-1, -1, -1, -1};
    EvalOptions os = {.episodes = 4, .stop = &stop, .returns = rets};
    CHECK(evaluate_checkpoint(&c, c.seed, path, &os, &r, err, sizeof err) == EVALUATE_STOPPED && strstr(err, "stopped") &&
              rets[0] == -1, "a stop flag set: %s", err);
    stop = 0;
    Seen w = {.order_ok = 1, .final_ok = 1, .stop = &stop, .stop_at = 3};
    os.on_step = seen_step;
    os.user = &w;
    CHECK(evaluate_checkpoint(&c, c.seed, path, &os, &r, err, sizeof err) == EVALUATE_STOPPED && w.ends == 0 &&
              w.steps == 3 && rets[0] == -1, "stopped within the first episode: %ld steps", w.steps);
}

/* c: env and algo for steps timesteps, learning from timestep 500 */
static int resolve(RunConfig *c, const char *env, const char *algo, const char *steps) {
    static ConfigPairs p;
    memset(&p, 0, sizeof p);
    config_pairs_add(&p, "env", env, "test");
    config_pairs_add(&p, "algo", algo, "test");
    config_pairs_add(&p, "total_timesteps", steps, "test");
    config_pairs_add(&p, "learning_starts", "500", "test");
    return config_resolve(c, &p, err, sizeof err);
}

static void test_registered_env(void) {
    CHECK(env_register(&alt_class, err, sizeof err) == 0, "registered: %s", err);
    static RunConfig c;
    CHECK(resolve(&c, "Alternate-v0", "dqn", "5000") == 0, "config: %s", err);
    char path[300];
    snprintf(path, sizeof path, "%s/alt.ckpt", tmp);
    TrainCtl ctl = {.ckpt_path = path};
    SeedResult sr;
    CHECK(train_seed(&c, 3, &sr, NULL, &ctl) == 0 && !sr.failed, "trained: %s", sr.error);
    seed_result_free(&sr);
    enum { K = 5 };
    double want[K], got[K];
    long t;
    CHECK(by_hand(&c, 3, path, K, 0.1, want, &t) == 0, "by hand: %s", err);
    EvalOptions o = {.episodes = K, .eps = 0.1, .returns = got};
    EvalResult r;
    CHECK(evaluate_checkpoint(&c, 3, path, &o, &r, err, sizeof err) == 0 && same(want, got, K) && r.t == 5000,
          "Alternate-v0 evaluated as by hand (%g vs %g): %s", got[0], want[0], err);
    CHECK(r.lo >= 0 && r.hi <= 20, "returns within an episode's 20 steps: %g to %g", r.lo, r.hi);
}

/* evaluate_episode between training steps (a loop of one's own watching its agent): the training is the
 * same bit for bit; an env of another shape is refused */
static void test_between_steps(void) {
    static RunConfig c;
    CHECK(resolve(&c, "CartPole-v1", "scorer-dqn", "3000") == 0, "config: %s", err);
    Trainee a, b;
    CHECK(trainee_init(&a, &c, 0, err, sizeof err) == 0 && trainee_init(&b, &c, 0, err, sizeof err) == 0, "trainees: %s", err);
    VecEnv ev;
    CHECK(vecenv_init(&ev, a.env.cls, &c.envopt, 1, 99) == 0, "an env to play");
    Rng rng;
    rng_seed(&rng, 5, 6);
    int ok = 1;
    for (int i = 0; i < 150; i++) {
        trainee_step(&a);
        trainee_step(&b);
        if (i % 50 == 49) {
            double ret;
            long steps;
            ok &= evaluate_episode(&a, &ev, &rng, NULL, &ret, &steps, err, sizeof err) == 0 && steps >= 1 && ret == (double)steps;
        }
    }
    CHECK(ok, "episodes played between steps: %s", err);
    CHECK(a.l.agent.n == b.l.agent.n && !memcmp(a.l.agent.params, b.l.agent.params, a.l.agent.n * sizeof(float)) &&
              !memcmp(a.env.states, b.env.states, (size_t)a.env.n * a.env.cls->state_size),
          "training unchanged by them");
    /* the stop flag set by the callback at step 2: the episode so far */
    static _Atomic int stop;
    Seen w = {.order_ok = 1, .final_ok = 1, .stop = &stop, .stop_at = 2};
    EvalOptions o = {.on_step = seen_step, .user = &w, .stop = &stop};
    double ret;
    long steps;
    CHECK(evaluate_episode(&a, &ev, &rng, &o, &ret, &steps, err, sizeof err) == EVALUATE_STOPPED && steps == 2 && ret == 2.0,
          "stopped at step 2: %ld steps, return %g", steps, ret);
    VecEnv two;
    CHECK(vecenv_init(&two, a.env.cls, &c.envopt, 2, 99) == 0, "two envs");
    CHECK(evaluate_episode(&a, &two, &rng, NULL, &ret, &steps, err, sizeof err) == -1 && strstr(err, "give one unpacked env"),
          "two envs refused: %s", err);
    vecenv_free(&two);
    VecEnv other;
    CHECK(vecenv_init(&other, env_find("Acrobot-v1"), NULL, 1, 99) == 0, "Acrobot");
    CHECK(evaluate_episode(&a, &other, &rng, NULL, &ret, &steps, err, sizeof err) == -1 && strstr(err, "Acrobot-v1"),
          "an env of other sizes refused: %s", err);
    vecenv_free(&other);
    vecenv_free(&ev);
    trainee_free(&a);
    trainee_free(&b);
}

int main(void) {
    const char *td = getenv("TMPDIR");
    snprintf(tmp, sizeof tmp, "%s/scorer-evaluate.XXXXXX", td && *td ? td : "/tmp");
    if (!mkdtemp(tmp)) { perror("mkdtemp"); return 1; }
    test_run_folder();
    test_registered_env();
    test_between_steps();
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    CHECK(system(cmd) == 0, "temporary folder removed");
    return check_done("test_evaluate");
}
