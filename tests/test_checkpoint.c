/* test_checkpoint.c - a restored learner is the saved one, bit for bit, and continues identically;
 * every damaged, foreign, mis-shaped or forged (checksum recomputed) checkpoint is refused with a message. */
#define XXH_INLINE_ALL
#include "check.h"
#include "scorer/fileio.h"
#include "scorer/checkpoint.h"
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

static char dir[64], path[128], err[600];

typedef struct Run { RunConfig c; Trainee tr; TrainProgress tp; Curve cv; } Run;
static const char *algo = "scorer-dqn", *env_name = "CartPole-v1";
static const char *optimizer = NULL; /* PQN: optimizer=... when set */

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
    if (optimizer) {
        config_pairs_add(&p, "optimizer", optimizer, "test");
        config_pairs_add(&p, "num_epochs", "1", "test"); /* 4 steps a rollout: rho_t passes 5 in the third */
    }
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
        return same && !memcmp(x->mem, y->mem, 4 * x->stride * sizeof(float)) && x->pos == y->pos && x->t == y->t &&
               !memcmp(x->r_obs, y->r_obs, S * x->obs_dim * sizeof(float)) && !memcmp(&x->rng, &y->rng, sizeof x->rng) &&
               x->leader.t == y->leader.t && x->follower.t == y->follower.t;
    }
    const Learner *la = &a->tr.l, *lb = &b->tr.l;
    const Replay *x = &la->replay, *y = &lb->replay;
    size_t slots = (size_t)x->rows * x->n_envs;
    return same && !memcmp(la->agent.mem, lb->agent.mem, 5 * la->agent.stride * sizeof(float)) &&
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

/* Forged files: a real checkpoint whose payload is rewritten and whose checksum is recomputed with the
 * library's own XXH64 (seed 0, over everything before it), as someone editing a file by hand would. */
static void reseal(unsigned char *b, size_t n) {
    uint64_t sum = XXH64(b, n - 8, 0);
    memcpy(b + n - 8, &sum, 8);
}
static void forge(unsigned char *b, size_t n, size_t off, const void *v, size_t len) {
    memcpy(b + off, v, len);
    reseal(b, n);
}
/* good's payload cut or grown (zero bytes) by delta at its end, resealed; with `resize`, the header's payload
 * size (the u64 at offset 136) to match. Returns the new buffer of *m bytes. */
static unsigned char *reshaped(const unsigned char *good, size_t n, long delta, int resize, size_t *m) {
    *m = (size_t)((long)n + delta);
    unsigned char *b = calloc(*m, 1);
    memcpy(b, good, (delta < 0 ? *m : n) - 8);
    if (resize) {
        uint64_t payload;
        memcpy(&payload, b + 136, 8);
        payload = (uint64_t)((long)payload + delta);
        memcpy(b + 136, &payload, 8);
    }
    reseal(b, *m);
    return b;
}

/* Where the fields a forger edits sit in a checkpoint of r: docs/CHECKPOINT.md's payload order, each field its
 * in-memory size, from the header's end (o). Checked against the saved values before use. */
typedef struct Layout {
    size_t it, win_n, finished, sum_all, t, iteration, leader, params, target, m, v, head, full, obs, act, rew,
        ep_return, pos, r_obs, r_act, r_done, perm, states, steps, env_obs, curve_n, end;
} Layout;
static Layout layout_of(const Run *r, size_t o) {
    const VecEnv *v = &r->tr.env;
    const size_t N = (size_t)v->n;
    Layout L = {0};
#define AT(field, bytes) (L.field = o, o += (bytes))
    AT(it, 8); AT(win_n, 8); o += 8; AT(sum_all, 8); o += 2 * 8; AT(finished, sizeof(int));
    if (r->tr.pqn) {
        const Pqn *p = &r->tr.p;
        const size_t S = (size_t)p->T * p->N;
        AT(t, 8); AT(iteration, 8); o += 8 + sizeof p->eps + 8 + 8 + 2 * 8 + 3 * 8 + sizeof(Rng);
        AT(leader, sizeof(Adam)); o += 2 * sizeof(Adam); AT(pos, sizeof p->pos);
        AT(params, p->n * 4); o += p->n * 4; AT(m, p->n * 4); AT(v, p->n * 4);
        AT(r_obs, S * p->obs_dim * 4); AT(r_act, S * 4); o += S * 4; AT(r_done, S * 4); o += (S + N) * 4;
        AT(perm, S * 4);
    } else {
        const Learner *l = &r->tr.l;
        const Replay *rp = &l->replay;
        const size_t slots = (size_t)rp->rows * rp->n_envs, n = l->agent.n;
        AT(t, 8); AT(iteration, 8); o += sizeof l->eps + 8 + 8 + 2 * 8 + 3 * 8 + sizeof(Rng);
        AT(leader, sizeof(Adam)); o += 2 * sizeof(Adam);
        AT(params, n * 4); AT(target, n * 4); o += n * 4; AT(m, n * 4); AT(v, n * 4);
        AT(head, sizeof rp->head); AT(full, sizeof rp->full);
        AT(obs, slots * rp->obs_bytes); AT(act, slots * 4); AT(rew, slots * 4); o += slots;
        if (rp->final_obs) o += slots * rp->obs_bytes + slots;
    }
    AT(ep_return, N * 8); o += N * 8;
    AT(states, N * v->cls->state_size); AT(steps, N * sizeof(int)); AT(env_obs, N * v->info.obs_dim * sizeof(float));
    AT(curve_n, sizeof(int));
    L.end = o + (size_t)r->cv.n * (2 * sizeof(long) + 4 * sizeof(double));
#undef AT
    return L;
}

/* Saves r to dir/forged.ckpt and reads it back (*n bytes), with the layout of its payload in *L. NULL (and a
 * failed check) when the test's layout and the file disagree. */
static unsigned char *saved(Run *r, Layout *L, size_t *n) {
    char p[160];
    snprintf(p, sizeof p, "%s/forged.ckpt", dir);
    CHECK(ckpt_save(p, &r->c, 5, &r->tr, &r->tp, &r->cv, err, sizeof err) == 0, "forged: save: %s", err);
    unsigned char *b = slurp(p, n);
    unlink(p);
    uint32_t hb;
    memcpy(&hb, b + 12, 4);
    *L = layout_of(r, hb);
    long t, it;
    int cn;
    memcpy(&t, b + L->t, 8); memcpy(&it, b + L->it, 8); memcpy(&cn, b + L->curve_n, 4);
    const float *params = r->tr.pqn ? r->tr.p.params : r->tr.l.agent.params;
    const int ok = L->end + 8 == *n && t == (r->tr.pqn ? r->tr.p.t : r->tr.l.t) && it == r->tp.it && cn == r->cv.n &&
                   !memcmp(b + L->params, params, 64) && !memcmp(b + L->states, r->tr.env.states, r->tr.env.cls->state_size) &&
                   !memcmp(b + L->env_obs, r->tr.env.obs, 16);
    CHECK(ok, "forged: the test's payload layout matches the %s file (%zu + 8 bytes of %zu)", r->c.algo, L->end, *n);
    if (!ok) { free(b); return NULL; }
    return b;
}

/* good (n bytes) forged at off with the len bytes of v must be refused naming `want`. */
static void expect_forged(const char *what, const unsigned char *good, size_t n, size_t off, const void *v, size_t len,
                          const char *want) {
    unsigned char *b = malloc(n);
    memcpy(b, good, n);
    forge(b, n, off, v, len);
    expect_refused(what, b, n, want);
    free(b);
}

static const long lminus1 = -1;
static const int minus1 = -1, two = 2;
static const float fnan = NAN, finf = INFINITY;

/* A DQN-family checkpoint forged: sizes, counts, the timestep, indices, numbers. */
static void forged_dqn(void) {
    Run r;
    run_init(&r, NULL);
    run_steps(&r, 400); /* past learning_starts (Adam moments set) and one replay wrap */
    Layout L;
    size_t n, m;
    unsigned char *good = saved(&r, &L, &n), *b;
    if (!good) { run_free(&r); return; }
    /* the payload cut or grown, the header's payload size and the checksum to match: not this configuration's size */
    b = reshaped(good, n, -8, 1, &m);
    expect_refused("forged: payload cut by 8 bytes", b, m, "wrong size for this configuration");
    free(b);
    b = reshaped(good, n, 8, 1, &m);
    expect_refused("forged: payload grown by 8 bytes", b, m, "wrong size for this configuration");
    free(b);
    b = reshaped(good, n, 48, 0, &m);
    expect_refused("forged: payload grown, header's size kept", b, m, "truncated or has a damaged header");
    free(b);
    /* a count inside the payload changed: the curve's rows */
    const int cn = r.cv.n, counts[] = {cn + 1, cn - 1, -1, 1 << 30};
    for (int k = 0; k < 4; k++) {
        char what[80];
        snprintf(what, sizeof what, "forged: curve rows %d in the payload, %d in the header", counts[k], cn);
        expect_forged(what, good, n, L.curve_n, &counts[k], 4, "inconsistent");
    }
    /* the header's curve rows and the payload grown by one row together: the payload's own count disagrees */
    b = reshaped(good, n, 2 * sizeof(long) + 4 * sizeof(double), 1, &m);
    uint32_t rows = (uint32_t)cn + 1;
    forge(b, m, 188, &rows, 4);
    expect_refused("forged: header curve rows + 1, payload grown by a row", b, m, "inconsistent");
    free(b);
    /* the timestep: the header's alone; the learner's iterations alone; all of them one iteration past the run */
    const long N = r.tr.env.n, past = r.c.total_timesteps / N + 1, past_t = past * N, more = r.tp.it + 3;
    expect_forged("forged: the header's timestep alone", good, n, 120, &past_t, 8, "inconsistent");
    expect_forged("forged: learner iterations disagree with its timestep", good, n, L.iteration, &more, 8, "out-of-range");
    b = malloc(n);
    memcpy(b, good, n);
    memcpy(b + 120, &past_t, 8); memcpy(b + L.t, &past_t, 8); memcpy(b + L.iteration, &past, 8);
    forge(b, n, L.it, &past, 8);
    expect_refused("forged: timestep one iteration beyond the run's steps", b, n, "out-of-range");
    free(b);
    /* values that index memory or bound loops */
    const int rows_end = r.tr.l.replay.rows, action = r.tr.env.info.n_actions;
    expect_forged("forged: replay head at the buffer's end", good, n, L.head, &rows_end, 4, "out-of-range");
    expect_forged("forged: replay head -1", good, n, L.head, &minus1, 4, "out-of-range");
    expect_forged("forged: replay full flag 2", good, n, L.full, &two, 4, "out-of-range");
    expect_forged("forged: a stored action past the last", good, n, L.act + 4 * 17, &action, 4, "out-of-range");
    expect_forged("forged: iterations -1", good, n, L.it, &lminus1, 8, "out-of-range");
    expect_forged("forged: finished flag 2", good, n, L.finished, &two, 4, "out-of-range");
    expect_forged("forged: an env's step count -1", good, n, L.steps + 4, &minus1, 4, "out-of-range");
    const double inf = INFINITY;
    expect_forged("forged: env 1's CartPole angle +inf", good, n, L.states + r.tr.env.cls->state_size + 16, &inf, 8,
                  "out-of-range");
    /* numbers that training goes on from */
    const float fneg = -1.0f, clip = 1e9f;
    const double dnan = NAN;
    expect_forged("forged: a parameter NaN", good, n, L.params + 4 * 100, &fnan, 4, "out-of-range");
    expect_forged("forged: a target parameter +inf", good, n, L.target + 4 * 7, &finf, 4, "out-of-range");
    expect_forged("forged: a first moment NaN", good, n, L.m + 4 * 3, &fnan, 4, "out-of-range");
    expect_forged("forged: a second moment negative", good, n, L.v + 4 * 5, &fneg, 4, "out-of-range");
    expect_forged("forged: the leader's Adam step count -1", good, n, L.leader + offsetof(Adam, t), &lminus1, 8, "out-of-range");
    expect_forged("forged: the leader's gradient clip changed", good, n, L.leader + offsetof(Adam, max_norm), &clip, 4,
                  "out-of-range");
    expect_forged("forged: a stored observation +inf", good, n, L.obs + 4 * 9, &finf, 4, "out-of-range");
    expect_forged("forged: a stored reward NaN", good, n, L.rew + 4 * 2, &fnan, 4, "out-of-range");
    expect_forged("forged: an episode's running return NaN", good, n, L.ep_return + 8, &dnan, 8, "out-of-range");
    expect_forged("forged: the AUC's running sum NaN", good, n, L.sum_all, &dnan, 8, "out-of-range");
    const float obs = 7.0f;
    expect_forged("forged: an env's observation not its state's", good, n, L.env_obs + 4 * 6, &obs, 4, "out-of-range");
    free(good);
    run_free(&r);
}

/* The same for PQN's own fields: rollout position, stored rollout, permutation, networks. */
static void forged_pqn(void) {
    Run r;
    run_init(&r, NULL);
    run_steps(&r, 40); /* two rollouts of 16 steps and half of the third */
    Layout L;
    size_t n;
    unsigned char *good = saved(&r, &L, &n);
    if (!good) { run_free(&r); return; }
    const Pqn *p = &r.tr.p;
    const int pos = p->pos + 1, S = p->T * p->N, action = p->A;
    const float half = 0.5f, fneg = -1e-3f;
    expect_forged("forged PQN: rollout position disagrees with the iterations", good, n, L.pos, &pos, 4, "out-of-range");
    expect_forged("forged PQN: rollout position -1", good, n, L.pos, &minus1, 4, "out-of-range");
    expect_forged("forged PQN: a permutation index past the rollout", good, n, L.perm + 4 * 5, &S, 4, "out-of-range");
    expect_forged("forged PQN: a stored action past the last", good, n, L.r_act + 4 * 3, &action, 4, "out-of-range");
    expect_forged("forged PQN: a done flag 0.5", good, n, L.r_done + 4 * 2, &half, 4, "out-of-range");
    expect_forged("forged PQN: a stored observation NaN", good, n, L.r_obs + 4, &fnan, 4, "out-of-range");
    expect_forged("forged PQN: a parameter +inf", good, n, L.params + 4 * 11, &finf, 4, "out-of-range");
    expect_forged("forged PQN: a first moment NaN", good, n, L.m, &fnan, 4, "out-of-range");
    expect_forged("forged PQN: a second moment negative", good, n, L.v + 4 * 8, &fneg, 4, "out-of-range");
    free(good);
    run_free(&r);
}

/* The trainer's progress against the run's schedule (train_check_resume, train_seed's resume): a curve row
 * every few iterations appended to a curve of the run's capacity. A file holding that many rows after one
 * iteration had the resumed loop write rows past the curve's end (heap corruption, a crash). */
static void forged_progress(void) {
    Run r;
    run_init(&r, NULL); /* the configuration, and the payload layout of its checkpoints */
    char p[160];
    snprintf(p, sizeof p, "%s/trained.ckpt", dir);
    _Atomic int stop = 1; /* one iteration, a checkpoint, and the seed stops */
    TrainCtl ctl = {.ckpt_path = p, .resume = 0, .stop = &stop};
    SeedResult res;
    train_seed(&r.c, 5, &res, NULL, &ctl);
    CHECK(res.interrupted && res.timesteps == r.c.num_envs, "forged progress: one iteration trained and checkpointed: %s",
          res.error);
    seed_result_free(&res);
    size_t n, m;
    unsigned char *good = slurp(p, &n);
    uint32_t hb;
    memcpy(&hb, good + 12, 4);
    const Layout L = layout_of(&r, hb);
    int cn;
    memcpy(&cn, good + L.curve_n, 4);
    CHECK(cn == 0 && L.curve_n + 4 + 8 == n && train_check_resume(&r.c, 5, p, NULL, err, sizeof err) == 0,
          "forged progress: the trained file is resumable, its curve empty (%d rows): '%s'", cn, err);
    /* cap rows of zeros (the columns were empty), the header's and the payload's counts, size and checksum to match */
    const int cap = train_curve_rows(&r.c);
    unsigned char *b = reshaped(good, n, (long)((size_t)cap * (2 * sizeof(long) + 4 * sizeof(double))), 1, &m);
    uint32_t rows = (uint32_t)cap;
    memcpy(b + 188, &rows, 4);
    forge(b, m, L.curve_n, &cap, 4);
    spit(p, b, m);
    free(b);
    err[0] = 0;
    CHECK(train_check_resume(&r.c, 5, p, NULL, err, sizeof err) == -1 && strstr(err, "do not fit this configuration's schedule") &&
          !strchr(err, '\n'), "forged progress: a full curve (%d rows) after one iteration: train_check_resume refuses it: '%s'", cap, err);
    stop = 0;
    ctl.resume = 1;
    const int rc = train_seed(&r.c, 5, &res, NULL, &ctl);
    CHECK(rc == -1 && res.failed && strstr(res.error, "do not fit this configuration's schedule") && res.timesteps == 0,
          "forged progress: train_seed's resume refuses it before training: rc %d, '%s'", rc, res.error);
    seed_result_free(&res);
    /* the trainer's iterations (with the open window to match, 2 of them) ahead of the learner's; a whole row's
     * iterations in the open window; finished after one iteration: each refused by its own test */
    const long two_it = 2, every = r.c.total_timesteps / r.c.num_envs / 200;
    const int one = 1;
    for (int k = 0; k < 3; k++) {
        static const char *const what[] = {"iterations 2, the learner's 1", "an open window of a whole row's iterations",
                                           "finished after one iteration"};
        b = malloc(n);
        memcpy(b, good, n);
        if (k == 0) { memcpy(b + L.it, &two_it, 8); memcpy(b + L.win_n, &two_it, 8); }
        if (k == 1) memcpy(b + L.win_n, &every, 8);
        if (k == 2) memcpy(b + L.finished, &one, 4);
        reseal(b, n);
        spit(p, b, n);
        free(b);
        err[0] = 0;
        CHECK(train_check_resume(&r.c, 5, p, NULL, err, sizeof err) == -1 && strstr(err, "do not fit this configuration's schedule"),
              "forged progress: %s: train_check_resume refuses it: '%s'", what[k], err);
    }
    free(good);
    unlink(p);
    run_free(&r);
}

/* Checkpoints written by earlier builds still load: their configuration hashes are those these runs' files
 * hold (the README's compare, CartPole-v1 at 300000 steps, written 2026-11-28 by 8fec629). The hash is
 * taken over config_write's text, so a change to that text (its header line was reworded) made every
 * existing checkpoint "another run's" until the hash left comments out. */
static void test_hash_stable(void) {
    static const struct { const char *algo; uint64_t hash; } runs[] = {
        {"scorer-dqn", 0xd4396a56e134f0b2ull}, {"dqn", 0x775086466d61921dull}};
    for (int k = 0; k < 2; k++) {
        static ConfigPairs p;
        memset(&p, 0, sizeof p);
        config_pairs_add(&p, "env", "CartPole-v1", "test");
        config_pairs_add(&p, "algo", runs[k].algo, "test");
        config_pairs_add(&p, "total_timesteps", "300000", "test");
        config_pairs_add(&p, "num_seeds", "5", "test");
        config_pairs_add(&p, "out", "elsewhere", "test");
        RunConfig c;
        CHECK(config_resolve(&c, &p, err, sizeof err) == 0, "resolve: %s", err);
        CHECK(ckpt_config_hash(&c) == runs[k].hash, "%s: the configuration hash of existing checkpoints (%016llx, now %016llx)",
              runs[k].algo, (unsigned long long)runs[k].hash, (unsigned long long)ckpt_config_hash(&c));
    }
    /* the optimizer key came later (its config.ini line is new): at adam a PQN run hashes as before it (a
     * compare of pqn at 30000 steps written by e69650d), at radam as another configuration */
    static ConfigPairs p;
    memset(&p, 0, sizeof p);
    config_pairs_add(&p, "algo", "pqn", "test");
    config_pairs_add(&p, "total_timesteps", "30000", "test");
    RunConfig c;
    CHECK(config_resolve(&c, &p, err, sizeof err) == 0, "resolve: %s", err);
    const uint64_t adam = ckpt_config_hash(&c);
    CHECK(adam == 0xa2eb7b60b9a6ab6bull, "pqn: the configuration hash of existing checkpoints (a2eb7b60b9a6ab6b, now %016llx)",
          (unsigned long long)adam);
    config_pairs_add(&p, "optimizer", "radam", "test");
    CHECK(config_resolve(&c, &p, err, sizeof err) == 0 && ckpt_config_hash(&c) != adam, "pqn: radam hashes apart from adam");
}

int main(void) {
    test_hash_stable();
    snprintf(dir, sizeof dir, "/tmp/scorer-ckpt-XXXXXX");
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    snprintf(path, sizeof path, "%s/seed_5.ckpt", dir);

    /* save mid-run, restore into a fresh learner, continue both: identical throughout */
    Run a, b;
    CHECK(run_init(&a, NULL) == 0 && run_init(&b, NULL) == 0, "set up: %s", err);
    run_steps(&a, 400); /* past learning_starts and one replay wrap (3000 / 10 = 300 rows) */
    char tmp[1200];
    CHECK(fileio_next_tmp_name(path, tmp, sizeof tmp) == 0, "the temporary name of %s fits", path); /* the save's */
    CHECK(ckpt_save(path, &a.c, 5, &a.tr, &a.tp, &a.cv, err, sizeof err) == 0, "save: %s", err);
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
        run_steps(&a, 10);
        CHECK(fileio_next_tmp_name(path, tmp, sizeof tmp) == 0, "the next save's temporary name fits");
        if (symlink("/dev/full", tmp) == 0) {
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
    int64_t other_seed = 6; /* the header's seed is the i64 at offset 112: an oversized file of another seed is named so */
    memcpy(big + 112, &other_seed, 8);
    expect_refused("oversized, of another seed", big, n + 4096, "belongs to another run (");
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
        /* with the progress train_seed would have made (log_interval 0: a curve row every 1/200 of the
         * iterations), which train_check_resume holds the file to as well */
        const long every = r.c.total_timesteps / r.c.num_envs / 200;
        r.tp.win_n = r.tp.it % every;
        r.cv.n = (int)(r.tp.it / every);
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
        CHECK(rc == CKPT_OTHER_CONFIG && strstr(err, "written with another configuration") && !strstr(err, "another run"),
              "the seed's own file under another configuration: CKPT_OTHER_CONFIG, not another run's: '%s'", err);
        CHECK(train_check_resume(&r.c, 5, path, NULL, err, sizeof err) == CKPT_OTHER_CONFIG && !strstr(err, "delete") &&
              strstr(err, "was the configuration edited?"), "a resume's check asks about the configuration, never to delete it: '%s'", err);
        char detail[300];
        CHECK(ckpt_config_detail(path, &r.c, 5, detail, sizeof detail) == 1 && !detail[0] &&
              ckpt_config_detail(path, &r.c, 6, detail, sizeof detail) == 0,
              "ckpt_config_detail: another configuration (gamma: nothing the header shows), not another seed's");
        run_free(&r);
        run_init(&r, NULL);
        rc = ckpt_load(path, &r.c, 6, &r.tr, &r.tp, &r.cv, err, sizeof err);
        CHECK(rc == -1 && strstr(err, "another run") && !strstr(err, "delete"),
              "other seed refused (-1), with no advice: what to do is the caller's: '%s'", err);
        CHECK(train_check_resume(&r.c, 6, path, NULL, err, sizeof err) == -1 && strstr(err, "another run") &&
              strstr(err, "): delete it to restart the seed") && !strchr(strstr(err, "): delete"), '\n'),
              "a resume's check adds the resume's advice: '%s'", err);
        rc = ckpt_load(dir, &r.c, 5, &r.tr, &r.tp, &r.cv, err, sizeof err);
        CHECK(rc == -3 && strstr(err, "not a regular file"), "a folder is refused as unreadable (-3): '%s'", err);
        run_free(&r);
    }
    forged_dqn();
    forged_progress();
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
    forged_pqn();
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
    /* RAdam: its step count (the Adam state's t) picks the rule; saved after one rollout (t = 4, momentum
     * only), the resumed run takes step 5 (momentum) and 6 on (rectified) as the uninterrupted one */
    optimizer = "radam";
    CHECK(run_init(&a, NULL) == 0 && run_init(&b, NULL) == 0, "PQN radam set up: %s", err);
    run_steps(&a, 24);
    CHECK(a.tr.p.leader.t == 4 && a.tr.p.follower.t == 4, "one rollout of radam steps (%ld)", a.tr.p.leader.t);
    CHECK(ckpt_save(path, &a.c, 5, &a.tr, &a.tp, &a.cv, err, sizeof err) == 0, "PQN radam save: %s", err);
    CHECK(ckpt_load(path, &b.c, 5, &b.tr, &b.tp, &b.cv, err, sizeof err) == 0, "PQN radam load: %s", err);
    CHECK(same_state(&a, &b), "restored radam PQN equals the saved one");
    run_steps(&a, 50);
    run_steps(&b, 50);
    CHECK(same_state(&a, &b) && a.tr.p.leader.t == 16, "restored radam PQN continues bit-identically (t %ld)", a.tr.p.leader.t);
    { /* the same run with adam refuses the radam checkpoint */
        Run o;
        optimizer = "adam";
        CHECK(run_init(&o, NULL) == 0, "PQN adam set up: %s", err);
        CHECK(ckpt_load(path, &o.c, 5, &o.tr, &o.tp, &o.cv, err, sizeof err) == CKPT_OTHER_CONFIG &&
              strstr(err, "written with another configuration"), "a radam checkpoint is of another configuration for adam: '%s'", err);
        run_free(&o);
        optimizer = NULL;
    }
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
        { /* a binary observation that is not its env state's (index lists and replay bits are made from them) */
            Layout L;
            size_t fn;
            unsigned char *fb = saved(&a, &L, &fn);
            const float half = 0.5f;
            if (fb) expect_forged("forged MinAtar: an observation not its state's", fb, fn, L.env_obs + 4 * 3, &half, 4, "out-of-range");
            free(fb);
        }
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
