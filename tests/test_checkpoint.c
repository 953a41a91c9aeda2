/* test_checkpoint.c - a restored learner is the saved one, bit for bit, and continues identically;
 * every damaged, foreign or mis-shaped checkpoint is refused with a message. */
#define XXH_INLINE_ALL
#include "check.h"
#include "scorer/checkpoint.h"
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

static char dir[64], path[128], err[600];

typedef struct Run { RunConfig c; Trainee tr; TrainProgress tp; Curve cv; } Run;
static const char *algo = "scorer-dqn", *env_name = "CartPole-v1";

static int run_init(Run *r, const char *gamma) {
    ConfigPairs p = {0};
    config_pairs_add(&p, "env", env_name, "test");
    if (strcmp(env_name, "CartPole-v1")) config_pairs_add(&p, "num_envs", "16", "test");
    config_pairs_add(&p, "algo", algo, "test");
    config_pairs_add(&p, "num_steps", "16", "test"); /* PQN: several rollouts in the test */
    config_pairs_add(&p, "buffer_size", "3000", "test");
    config_pairs_add(&p, "learning_starts", "200", "test");
    config_pairs_add(&p, "total_timesteps", "20000", "test");
    if (gamma) config_pairs_add(&p, "gamma", gamma, "test");
    memset(r, 0, sizeof *r);
    if (config_resolve(&r->c, &p, err, sizeof err)) return -1;
    if (trainee_init(&r->tr, &r->c, 5, err, sizeof err)) return -1;
    r->cv.cap = 64;
    r->cv.t = calloc(64, sizeof(long));
    r->cv.episodes = calloc(64, sizeof(long));
    r->cv.ret = calloc(64, sizeof(double));
    r->cv.leader_loss = calloc(64, sizeof(double));
    r->cv.follower_loss = calloc(64, sizeof(double));
    r->cv.eps = calloc(64, sizeof(double));
    return 0;
}

static void run_free(Run *r) {
    trainee_free(&r->tr);
    free(r->cv.t); free(r->cv.episodes); free(r->cv.ret);
    free(r->cv.leader_loss); free(r->cv.follower_loss); free(r->cv.eps);
}

static void run_steps(Run *r, int n) {
    for (int i = 0; i < n; i++) {
        trainee_step(&r->tr);
        r->tp.it++;
        if (r->tp.it % 50 == 0 && r->cv.n < r->cv.cap) {
            r->cv.t[r->cv.n] = (r->tr.pqn ? r->tr.p.t : r->tr.l.t);
            r->cv.ret[r->cv.n++] = (r->tr.pqn ? r->tr.p.iter_mean_return : r->tr.l.iter_mean_return);
        }
    }
}

static int same_state(const Run *a, const Run *b) {
    const VecEnv *ea = &a->tr.env, *eb = &b->tr.env;
    int same = !memcmp(ea->states, eb->states, (size_t)ea->n * ea->cls->state_size) &&
               !memcmp(ea->obs, eb->obs, (size_t)ea->n * ea->info.obs_dim * sizeof(float)) && a->tp.it == b->tp.it &&
               a->cv.n == b->cv.n && !memcmp(a->cv.ret, b->cv.ret, (size_t)a->cv.n * sizeof(double));
    if (a->tr.pqn) {
        const Pqn *x = &a->tr.p, *y = &b->tr.p;
        size_t S = (size_t)x->T * x->N;
        return same && !memcmp(x->mem, y->mem, 4 * x->n * sizeof(float)) && x->pos == y->pos && x->t == y->t &&
               !memcmp(x->r_obs, y->r_obs, S * x->obs_dim * sizeof(float)) && !memcmp(&x->rng, &y->rng, sizeof x->rng) &&
               x->leader.t == y->leader.t && x->follower.t == y->follower.t;
    }
    const Learner *la = &a->tr.l, *lb = &b->tr.l;
    const Replay *x = &la->replay, *y = &lb->replay;
    size_t slots = (size_t)x->rows * x->n_envs;
    return same && !memcmp(la->agent.mem, lb->agent.mem, 5 * la->agent.n * sizeof(float)) &&
           !memcmp(x->obs, y->obs, slots * x->obs_bytes) && !memcmp(x->act, y->act, slots * 4) &&
           x->head == y->head && x->full == y->full && !memcmp(&la->rng, &lb->rng, sizeof la->rng) &&
           la->t == lb->t && la->leader.t == lb->leader.t;
}

static unsigned char *slurp(const char *p, size_t *n) {
    FILE *f = fopen(p, "rb");
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    rewind(f);
    unsigned char *b = malloc(*n);
    if (fread(b, 1, *n, f) != *n) *n = 0;
    fclose(f);
    return b;
}

static void spit(const char *p, const unsigned char *b, size_t n) {
    FILE *f = fopen(p, "wb");
    fwrite(b, 1, n, f);
    fclose(f);
}

/* Loading `bytes` into a fresh learner must fail with a message containing `want`. */
static void expect_refused(const char *what, const unsigned char *b, size_t n, const char *want) {
    char bad[160];
    snprintf(bad, sizeof bad, "%s/bad.ckpt", dir);
    spit(bad, b, n);
    Run r;
    run_init(&r, NULL);
    err[0] = 0;
    int rc = ckpt_load(bad, &r.c, 5, &r.tr, &r.tp, &r.cv, err, sizeof err);
    CHECK(rc == -1 && strstr(err, want) && !strchr(err, '\n'), "%s: rc %d, message '%s' (want '%s')", what, rc, err, want);
    run_free(&r);
    unlink(bad);
}

/* Saving r (a valid checkpoint: the checksum is right) must give a file that loading refuses as out of range. */
static void save_expect_refused(Run *r, const char *what) {
    char p[160];
    snprintf(p, sizeof p, "%s/crafted.ckpt", dir);
    ckpt_save(p, &r->c, 5, &r->tr, &r->tp, &r->cv, err, sizeof err);
    size_t n;
    unsigned char *b = slurp(p, &n);
    expect_refused(what, b, n, "out-of-range");
    /* what scorer ckpt-info runs: the same verdict */
    CHECK(train_check_resume(&r->c, 5, p, NULL, err, sizeof err) == -1 && strstr(err, "out-of-range"),
          "%s: train_check_resume refuses it too: '%s'", what, err);
    free(b);
    unlink(p);
}

int main(void) {
    snprintf(dir, sizeof dir, "/tmp/scorer-ckpt-XXXXXX");
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    snprintf(path, sizeof path, "%s/seed_5.ckpt", dir);

    /* save mid-run, restore into a fresh learner, continue both: identical throughout */
    Run a, b;
    CHECK(run_init(&a, NULL) == 0 && run_init(&b, NULL) == 0, "set up: %s", err);
    run_steps(&a, 400); /* past learning_starts and one replay wrap (3000 / 10 = 300 rows) */
    CHECK(ckpt_save(path, &a.c, 5, &a.tr, &a.tp, &a.cv, err, sizeof err) == 0, "save: %s", err);
    char tmp[160];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    CHECK(access(tmp, F_OK) != 0, "no temporary file left behind");
    CHECK(!same_state(&a, &b), "a fresh learner differs before loading");
    CHECK(ckpt_load(path, &b.c, 5, &b.tr, &b.tp, &b.cv, err, sizeof err) == 0, "load: %s", err);
    CHECK(same_state(&a, &b), "restored state equals the saved state");
    run_steps(&a, 300);
    run_steps(&b, 300);
    CHECK(same_state(&a, &b), "restored learner continues bit-identically");
    CkptInfo info;
    CHECK(ckpt_info(path, &info, err, sizeof err) == 0 && info.t == 4000 && info.seed == 5 && !info.finished,
          "ckpt_info reads the header (t %ld)", info.t);
    CHECK(ckpt_save("/proc/no/such/dir/x.ckpt", &a.c, 5, &a.tr, &a.tp, &a.cv, err, sizeof err) == -1 && err[0],
          "unwritable path is an error");
    /* a full disk mid-write (the temporary file is /dev/full): an error, and the previous
     * checkpoint is untouched */
    {
        size_t n0, n1;
        unsigned char *before = slurp(path, &n0);
        if (symlink("/dev/full", tmp) == 0) {
            run_steps(&a, 10);
            int rc = ckpt_save(path, &a.c, 5, &a.tr, &a.tp, &a.cv, err, sizeof err);
            CHECK(rc == -1 && strstr(err, "No space left") && !strchr(err, '\n'), "full disk: rc %d, '%s'", rc, err);
            unsigned char *after = slurp(path, &n1);
            CHECK(n0 == n1 && !memcmp(before, after, n0), "the previous checkpoint survives a failed write");
            CHECK(access(tmp, F_OK) != 0, "the failed temporary file is removed");
            free(after);
        } else CHECK(0, "could not create the /dev/full symlink");
        free(before);
    }
    run_free(&a);
    run_free(&b);

    /* damaged files */
    size_t n;
    unsigned char *good = slurp(path, &n), *m = malloc(n);
    memcpy(m, good, n); m[n / 2] ^= 0x10;
    expect_refused("flipped payload bit", m, n, "corrupt (checksum");
    expect_refused("truncated", good, n - 100, "truncated");
    expect_refused("header only", good, 20, "truncated");
    expect_refused("empty", good, 0, "not a scorer checkpoint");
    memcpy(m, good, n); m[0] = 'X';
    expect_refused("bad magic", m, n, "not a scorer checkpoint");
    memcpy(m, good, n); m[8] = 9;
    expect_refused("future version", m, n, "version 9");
    unsigned char *big = calloc(n + 4096, 1);
    memcpy(big, good, n);
    expect_refused("oversized", big, n + 4096, "larger than any checkpoint");
    free(big);
    /* a valid file (checksum recomputed) for another shape: the observation size is the u32 at offset 160 */
    memcpy(m, good, n);
    uint32_t envs = 11;
    memcpy(m + 160, &envs, 4);
    uint64_t sum = XXH64(m, n - 8, 0);
    memcpy(m + n - 8, &sum, 8);
    expect_refused("wrong shape", m, n, "wrong shapes");
    /* the env's state struct of another build (its size is the u32 at offset 184): named as such */
    memcpy(m, good, n);
    uint32_t state_size;
    memcpy(&state_size, m + 184, 4);
    CHECK(state_size == env_find("CartPole-v1")->state_size, "the header's state size is at offset 184 (%u)", state_size);
    state_size += 64;
    memcpy(m + 184, &state_size, 4);
    sum = XXH64(m, n - 8, 0);
    memcpy(m + n - 8, &sum, 8);
    expect_refused("another build's env state", m, n, "another version of scorer");
    /* valid files (checksum recomputed on save) holding values that index memory or bound a loop out of range */
    {
        Run r;
        run_init(&r, NULL);
        run_steps(&r, 10);
        r.tr.l.replay.act[3] = 7;
        save_expect_refused(&r, "out-of-range action");
        r.tr.l.replay.act[3] = 0;
        /* an impossible env state (EnvClass.valid): env 1's CartPole position, its first field, NaN */
        double x = NAN, keep_x;
        unsigned char *env1 = r.tr.env.states + r.tr.env.cls->state_size;
        memcpy(&keep_x, env1, sizeof x);
        memcpy(env1, &x, sizeof x);
        save_expect_refused(&r, "impossible env state");
        memcpy(env1, &keep_x, sizeof x);
        /* the learner's RNG all zero: every draw 0, and epsilon-greedy's rejection loop never ends */
        Rng *rng = r.tr.pqn ? &r.tr.p.rng : &r.tr.l.rng;
        const Rng keep_rng = *rng;
        memset(rng, 0, sizeof *rng);
        save_expect_refused(&r, "all-zero learner RNG");
        *rng = keep_rng;
        /* an env's step count at its time limit (it is reset there; counting on would overflow) */
        r.tr.env.steps[1] = r.tr.env.info.time_limit;
        save_expect_refused(&r, "step count at the time limit");
        /* and, everything else restored, one step below it is accepted */
        r.tr.env.steps[1] = r.tr.env.info.time_limit - 1;
        char p2[160];
        snprintf(p2, sizeof p2, "%s/good.ckpt", dir);
        ckpt_save(p2, &r.c, 5, &r.tr, &r.tp, &r.cv, err, sizeof err);
        Run back;
        run_init(&back, NULL);
        CHECK(ckpt_load(p2, &back.c, 5, &back.tr, &back.tp, &back.cv, err, sizeof err) == 0,
              "the same learner, restored, with a step count one below the limit is accepted: '%s'", err);
        long t = -1;
        CHECK(train_check_resume(&r.c, 5, p2, &t, err, sizeof err) == 0 && t == (r.tr.pqn ? r.tr.p.t : r.tr.l.t),
              "train_check_resume accepts it and gives its timestep %ld: '%s'", t, err);
        run_free(&back);
        unlink(p2);
        run_free(&r);
    }
    /* another configuration or seed */
    {
        Run r;
        run_init(&r, "0.9");
        int rc = ckpt_load(path, &r.c, 5, &r.tr, &r.tp, &r.cv, err, sizeof err);
        CHECK(rc == -1 && strstr(err, "another run"), "other config refused: '%s'", err);
        run_free(&r);
        run_init(&r, NULL);
        rc = ckpt_load(path, &r.c, 6, &r.tr, &r.tp, &r.cv, err, sizeof err);
        CHECK(rc == -1 && strstr(err, "another run"), "other seed refused: '%s'", err);
        rc = ckpt_load(dir, &r.c, 5, &r.tr, &r.tp, &r.cv, err, sizeof err);
        CHECK(rc == -1 && strstr(err, "not a regular file"), "a folder is refused: '%s'", err);
        run_free(&r);
    }
    /* random garbage never crashes and is always refused */
    Rng g;
    rng_seed(&g, 1, 0);
    int refused = 0;
    for (int k = 0; k < 50; k++) {
        memcpy(m, good, n);
        for (int j = 0; j < 8; j++) m[rng_below(&g, (uint32_t)n)] = (unsigned char)rng_below(&g, 256);
        Run r;
        run_init(&r, NULL);
        refused += ckpt_load_mem(m, n, "garbage", &r.c, 5, &r.tr, &r.tp, &r.cv, err, sizeof err) == -1;
        run_free(&r);
    }
    CHECK(refused == 50, "randomly damaged files refused (%d of 50)", refused);
    free(good);
    free(m);
    /* SCORER-PQN: save mid-rollout, restore, continue: identical */
    algo = "scorer-pqn";
    CHECK(run_init(&a, NULL) == 0 && run_init(&b, NULL) == 0, "PQN set up: %s", err);
    run_steps(&a, 40); /* two full rollouts of 16 steps and half of the third */
    CHECK(ckpt_save(path, &a.c, 5, &a.tr, &a.tp, &a.cv, err, sizeof err) == 0, "PQN save: %s", err);
    CHECK(!same_state(&a, &b), "fresh PQN differs");
    CHECK(ckpt_load(path, &b.c, 5, &b.tr, &b.tp, &b.cv, err, sizeof err) == 0, "PQN load: %s", err);
    CHECK(same_state(&a, &b), "restored PQN equals the saved one");
    run_steps(&a, 50);
    run_steps(&b, 50);
    CHECK(same_state(&a, &b), "restored PQN continues bit-identically");
    run_free(&a);
    run_free(&b);
    /* MinAtar: binary observations reach the encoders as index lists made from the replay's bits and
     * from PQN's stored rollout (nothing of them is saved): a resumed run continues bit-identically */
    env_name = "Breakout-MinAtar";
    const char *minatar_algos[] = {"scorer-dqn", "scorer-pqn"};
    for (int k = 0; k < 2; k++) {
        algo = minatar_algos[k];
        CHECK(run_init(&a, NULL) == 0 && run_init(&b, NULL) == 0, "%s on %s set up: %s", algo, env_name, err);
        run_steps(&a, 40); /* DQN: past learning_starts; PQN: mid-rollout */
        CHECK(ckpt_save(path, &a.c, 5, &a.tr, &a.tp, &a.cv, err, sizeof err) == 0, "%s save: %s", algo, err);
        run_steps(&b, 7); /* b has run with other parameters and batches before it loads */
        CHECK(ckpt_load(path, &b.c, 5, &b.tr, &b.tp, &b.cv, err, sizeof err) == 0, "%s load: %s", algo, err);
        CHECK(same_state(&a, &b), "%s on %s: restored equals saved", algo, env_name);
        run_steps(&a, 50);
        run_steps(&b, 50);
        const long updates = a.tr.pqn ? a.tr.p.leader_updates : a.tr.l.leader_updates;
        CHECK(same_state(&a, &b) && updates > 20, "%s on %s: restored continues bit-identically (%ld updates)", algo,
              env_name, updates);
        if (a.tr.pqn) { /* the index lists are made up to the rollout position: only once it is known good */
            a.tr.p.pos = a.tr.p.T + 1000;
            save_expect_refused(&a, "PQN rollout position past the rollout");
        }
        run_free(&a);
        run_free(&b);
    }
    unlink(path);
    rmdir(dir);
    return check_done("test_checkpoint");
}
