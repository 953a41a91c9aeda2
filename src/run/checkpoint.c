/* checkpoint.c - save and restore one seed's whole training state (format: docs/CHECKPOINT.md).
 * One walk over the state serves counting, writing and reading, so the three cannot disagree
 * about the layout. Everything is checked before anything is trusted: magic, version, sizes
 * against the running configuration's shapes, then the checksum, then the values. */
#define XXH_INLINE_ALL
#include "scorer/checkpoint.h"
#include "scorer/fileio.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

/* Fixed-width, naturally aligned (no padding): written as is, little-endian x86-64. */
typedef struct CkptHeader {
    char magic[8];
    uint32_t version, header_bytes;
    char env[64], algo[32];
    int64_t seed, t;
    uint64_t config_hash, payload_bytes, agent_hash;
    uint32_t finished, n_envs, obs_dim, obs_bytes;
    uint64_t n_params, replay_rows;
    uint32_t state_size, curve_rows;
} CkptHeader;

enum { SINK_COUNT, SINK_WRITE, SINK_READ };
typedef struct Sink {
    int mode;
    FILE *f;            /* write: streamed out (no buffer, no allocation) ... */
    XXH64_state_t hash; /* ... and hashed on the way */
    int write_error;
    const unsigned char *buf; /* read: source */
    size_t pos, cap;
    int short_read;
} Sink;

static void field(Sink *s, void *p, size_t bytes) {
    if (bytes == 0) return; /* an empty curve's arrays may be NULL, which fwrite and memcpy must not see */
    if (s->mode == SINK_WRITE) {
        if (fwrite(p, 1, bytes, s->f) != bytes) s->write_error = 1;
        XXH64_update(&s->hash, p, bytes);
    } else if (s->mode == SINK_READ) {
        if (bytes > s->cap - s->pos) { s->short_read = 1; return; } /* pos <= cap always: no wrap */
        memcpy(p, s->buf + s->pos, bytes);
    }
    s->pos += bytes;
}
#define F(x) field(s, &(x), sizeof(x))

/* k sections of n floats, stride apart (net_sections_alloc), as one block of k n: the file holds no
 * padding, so it does not depend on the stride */
static void sections(Sink *s, float *mem, int k, size_t n, size_t stride) {
    for (int i = 0; i < k; i++) field(s, mem + (size_t)i * stride, n * sizeof(float));
}

static void walk_dqn(Sink *s, Learner *l) {
    F(l->t); F(l->iteration); F(l->eps); F(l->iter_mean_return); F(l->episodes);
    F(l->leader_loss_sum); F(l->follower_loss_sum); F(l->leader_updates); F(l->follower_updates); F(l->diverged_at);
    F(l->rng); F(l->leader); F(l->follower); F(l->joint);
    sections(s, l->agent.mem, 5, l->agent.n, l->agent.stride);
    if (s->mode == SINK_READ) agent_changed(&l->agent, AGENT_ALL);
    Replay *r = &l->replay;
    const size_t slots = (size_t)r->rows * (size_t)r->n_envs;
    F(r->head); F(r->full);
    field(s, r->obs, slots * r->obs_bytes);
    field(s, r->act, slots * sizeof(int32_t));
    field(s, r->rew, slots * sizeof(float));
    field(s, r->done, slots);
    if (r->final_obs) { field(s, r->final_obs, slots * r->obs_bytes); field(s, r->has_final, slots); }
    field(s, l->ep_return, (size_t)l->N * sizeof(double));
    field(s, l->last_return, (size_t)l->N * sizeof(double));
}

static void walk_pqn(Sink *s, Pqn *p) {
    F(p->t); F(p->iteration); F(p->updates); F(p->eps); F(p->iter_mean_return); F(p->episodes);
    F(p->leader_loss_sum); F(p->follower_loss_sum); F(p->leader_updates); F(p->follower_updates); F(p->diverged_at);
    F(p->rng); F(p->leader); F(p->follower); F(p->joint); F(p->pos);
    sections(s, p->mem, 4, p->n, p->stride);
    const size_t S = (size_t)p->T * (size_t)p->N; /* the rollout collected so far */
    field(s, p->r_obs, S * (size_t)p->obs_dim * sizeof(float));
    field(s, p->r_act, S * sizeof(int));
    field(s, p->r_rew, S * sizeof(float));
    field(s, p->r_done, S * sizeof(float));
    field(s, p->r_qmax, (S + (size_t)p->N) * sizeof(float));
    field(s, p->perm, S * sizeof(int)); /* shuffled in place, epoch after epoch */
    field(s, p->ep_return, (size_t)p->N * sizeof(double));
    field(s, p->last_return, (size_t)p->N * sizeof(double));
}

/* The payload, in order. In read mode the curve length is read before its rows and bounded. */
static int walk(Sink *s, Trainee *tr, TrainProgress *tp, Curve *cv) {
    F(tp->it); F(tp->win_n); F(tp->win_ret); F(tp->sum_all); F(tp->sum_last); F(tp->wall_s); F(tp->finished);
    if (tr->pqn) walk_pqn(s, &tr->p);
    else walk_dqn(s, &tr->l);
    VecEnv *v = &tr->env;
    field(s, v->states, (size_t)v->n * v->cls->state_size);
    field(s, v->steps, (size_t)v->n * sizeof(int));
    field(s, v->obs, (size_t)v->n * (size_t)v->info.obs_dim * sizeof(float));
    int n = cv->n;
    F(n);
    if (s->mode == SINK_READ && (n < 0 || n > cv->cap)) return -1;
    cv->n = n;
    const size_t rows = (size_t)n;
    field(s, cv->t, rows * sizeof(long));
    field(s, cv->ret, rows * sizeof(double));
    field(s, cv->episodes, rows * sizeof(long));
    field(s, cv->leader_loss, rows * sizeof(double));
    field(s, cv->follower_loss, rows * sizeof(double));
    field(s, cv->eps, rows * sizeof(double));
    return 0;
}

/* Shapes that make two checkpoints of one configuration interchangeable. */
typedef struct Shape { uint32_t n_envs, obs_dim, obs_bytes; uint64_t n_params, rows; long t; } Shape;
static Shape shape_of(const Trainee *tr) {
    Shape sh;
    sh.n_envs = (uint32_t)tr->env.n;
    sh.obs_dim = (uint32_t)tr->env.info.obs_dim;
    if (tr->pqn) {
        sh.obs_bytes = sh.obs_dim * (uint32_t)sizeof(float);
        sh.n_params = tr->p.n;
        sh.rows = (uint64_t)tr->p.T;
        sh.t = tr->p.t;
    } else {
        sh.obs_bytes = (uint32_t)tr->l.replay.obs_bytes;
        sh.n_params = tr->l.agent.n;
        sh.rows = (uint64_t)tr->l.replay.rows;
        sh.t = tr->l.t;
    }
    return sh;
}

static uint64_t nets_hash(const Trainee *tr) {
    /* the sections without their padding: the hash of the block the file holds */
    const float *mem = tr->pqn ? tr->p.mem : tr->l.agent.mem;
    const size_t n = tr->pqn ? tr->p.n : tr->l.agent.n, stride = tr->pqn ? tr->p.stride : tr->l.agent.stride;
    XXH64_state_t h;
    XXH64_reset(&h, 0);
    for (int i = 0; i < (tr->pqn ? 4 : 5); i++) XXH64_update(&h, mem + (size_t)i * stride, n * sizeof(float));
    return XXH64_digest(&h);
}

uint64_t ckpt_config_hash(const RunConfig *c) {
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) return 0;
    config_write(c, m);
    fclose(m);
    /* drop the lines that may change between an interrupted run and its resumption, and the comments:
     * they are no configuration. The first runs' files began with the header line below, and their
     * checkpoints hold its hash: it stays in, whatever config_write's header says now */
    static const char *const skip[] = {"out =", "threads =", "seed =", "num_seeds =", "checkpoint_every =", "#"};
    static const char first_header[] = "# scorer resolved configuration: re-run with  scorer train --config THIS_FILE\n";
    XXH64_state_t h;
    XXH64_reset(&h, 0);
    XXH64_update(&h, first_header, sizeof first_header - 1);
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);
        int keep = 1;
        for (size_t k = 0; k < sizeof skip / sizeof skip[0]; k++)
            if (strncmp(line, skip[k], strlen(skip[k])) == 0) keep = 0;
        /* a key added since checkpoints were first written, at the value every earlier run had: left out, so
         * those runs' hashes stay theirs; at another value it is hashed as any key */
        const char *key, *old;
        for (int k = 0; keep && (key = config_added_key(k, &old)); k++) {
            const size_t kl = strlen(key), ol = strlen(old);
            keep = !(n == kl + 3 + ol + 1 && !strncmp(line, key, kl) && !strncmp(line + kl, " = ", 3) &&
                     !strncmp(line + kl + 3, old, ol) && line[n - 1] == '\n');
        }
        if (keep) XXH64_update(&h, line, n);
        line += n;
    }
    free(text);
    return XXH64_digest(&h);
}

static void fill_header(CkptHeader *h, const RunConfig *c, long seed, const Trainee *tr, const Curve *cv,
                        const TrainProgress *tp) {
    const Shape sh = shape_of(tr);
    memset(h, 0, sizeof *h);
    memcpy(h->magic, CKPT_MAGIC, 8);
    h->version = CKPT_VERSION;
    h->header_bytes = sizeof *h;
    snprintf(h->env, sizeof h->env, "%s", c->env);
    snprintf(h->algo, sizeof h->algo, "%s", c->algo);
    h->seed = seed;
    h->t = sh.t;
    h->config_hash = ckpt_config_hash(c);
    h->agent_hash = nets_hash(tr);
    h->finished = (uint32_t)tp->finished;
    h->n_envs = sh.n_envs;
    h->obs_dim = sh.obs_dim;
    h->obs_bytes = sh.obs_bytes;
    h->n_params = sh.n_params;
    h->replay_rows = sh.rows;
    h->state_size = (uint32_t)tr->env.cls->state_size;
    h->curve_rows = (uint32_t)cv->n;
}

int ckpt_save(const char *path, const RunConfig *c, long seed, const Trainee *tr, const TrainProgress *tp,
              const Curve *cv, char *err, size_t errlen) {
    /* ckpt_load checks the shapes against its trainee: a file of another trainee's state would be refused
     * only then, long after it was written under this configuration's name */
    int same = tr->pqn == c->pqn && !strcmp(tr->env.cls->name, c->env) && tr->env.n == c->num_envs;
    if (same && tr->pqn) same = !memcmp(&tr->p.cfg, &c->pc, sizeof c->pc); /* trainee_init copies them */
    else if (same) {
        AgentConfig ac = c->ac; /* with what learner_init adds from the env and the batch */
        const AgentConfig *have = &tr->l.agent.cfg;
        ac.obs_dim = have->obs_dim, ac.n_actions = have->n_actions, ac.max_batch = have->max_batch;
        same = !memcmp(&tr->l.cfg, &c->lc, sizeof c->lc) && !memcmp(have, &ac, sizeof ac);
    }
    if (!same) { /* another algorithm's or setting's trainee (scorer-dqn saved as dqn) */
        snprintf(err, errlen, "ckpt_save(%s): the trainee was not made for this configuration (%s, %s, %d envs): give "
                 "trainee_init's RunConfig", path, c->env, c->algo, c->num_envs);
        return -1;
    }
    /* the walk only reads in count and write modes; the casts let one function serve all three */
    Trainee *mtr = (Trainee *)tr;
    TrainProgress *mtp = (TrainProgress *)tp;
    Curve *mcv = (Curve *)cv;
    CkptHeader h;
    fill_header(&h, c, seed, tr, cv, tp);
    Sink count = {.mode = SINK_COUNT};
    walk(&count, mtr, mtp, mcv);
    h.payload_bytes = count.pos;
    AtomicFile a;
    if (fileio_open(&a, path, err, errlen)) return -1;
    Sink w = {.mode = SINK_WRITE, .f = a.f};
    XXH64_reset(&w.hash, 0);
    field(&w, &h, sizeof h);
    walk(&w, mtr, mtp, mcv);
    uint64_t sum = XXH64_digest(&w.hash);
    if (w.write_error || fwrite(&sum, 1, 8, a.f) != 8) {
        int e = errno;
        fileio_abort(&a);
        snprintf(err, errlen, "could not write checkpoint %s: %s (is the disk full?)", path, strerror(e));
        return -1;
    }
    return fileio_commit(&a, err, errlen);
}

/* Reads a whole file of at most limit bytes. */
static int read_file(const char *path, unsigned char **buf, size_t *n, size_t limit, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    if (!f) { snprintf(err, errlen, "cannot read checkpoint %s: %s", path, strerror(errno)); return -3; }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        snprintf(err, errlen, "%s is not a regular file (give a checkpoint file)", path);
        return -3;
    }
    if ((uint64_t)st.st_size > limit) {
        fclose(f);
        snprintf(err, errlen, "%s is larger than any checkpoint of this configuration", path);
        return -1;
    }
    *buf = malloc((size_t)st.st_size + 1);
    if (!*buf) { fclose(f); snprintf(err, errlen, "out of memory reading %s", path); return -2; }
    *n = fread(*buf, 1, (size_t)st.st_size, f);
    const int bad = ferror(f) ? errno : 0;
    fclose(f);
    if (bad) { free(*buf); snprintf(err, errlen, "cannot read checkpoint %s: %s", path, strerror(bad)); return -3; }
    return 0;
}

/* Numbers a run goes on from. A run never saves a non-finite one (a non-finite loss or gradient stops its
 * seed before the next checkpoint), and one in a file would spread through the networks or the results. */
static int finite_f(const float *x, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i])) return 0;
    return 1;
}
static int finite_d(const double *x, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i])) return 0;
    return 1;
}
static int moments_fit(const float *v, size_t n) { /* Adam's second moments: finite and >= 0 (their root is taken) */
    for (size_t i = 0; i < n; i++)
        if (!(v[i] >= 0.0f) || !isfinite(v[i])) return 0;
    return 1;
}
static void optimisers(Trainee *tr, Adam *o[3]) {
    o[0] = tr->pqn ? &tr->p.leader : &tr->l.leader;
    o[1] = tr->pqn ? &tr->p.follower : &tr->l.follower;
    o[2] = tr->pqn ? &tr->p.joint : &tr->l.joint;
}

/* The values read, beyond the shapes: those that index memory or bound loops in range, numbers finite,
 * optimisers as the configuration made them (cfg: before the read), the timestep that of the iterations done
 * and within the run, the env states by their class's own check and the observations theirs. 0: all fit,
 * 1: one does not, 2: an env state its class's valid() refuses, 3: an observation its class's observe does
 * not give for its state, -1: out of memory. */
static int values_fit(const RunConfig *c, Trainee *tr, const TrainProgress *tp, const Adam cfg[3]) {
    const int A = tr->env.info.n_actions, N = tr->env.n;
    const long t = shape_of(tr).t, iteration = tr->pqn ? tr->p.iteration : tr->l.iteration;
    int bad = tp->it < 0 || tp->win_n < 0 || (tp->finished != 0 && tp->finished != 1) || t < 0 ||
              iteration < 0 || iteration > c->total_timesteps / N || t != iteration * N || /* bounded: no overflow */ !rng_valid(tr->pqn ? &tr->p.rng : &tr->l.rng) ||
              !finite_d(&tp->win_ret, 1) || !finite_d(&tp->sum_all, 1) || !finite_d(&tp->sum_last, 1) ||
              !finite_d(&tp->wall_s, 1) || tp->wall_s < 0.0;
    Adam *o[3];
    optimisers(tr, o);
    for (int k = 0; k < 3; k++) /* a file cannot change the betas or the clipping */
        bad |= o[k]->b1 != cfg[k].b1 || o[k]->b2 != cfg[k].b2 || o[k]->eps != cfg[k].eps ||
               o[k]->max_norm != cfg[k].max_norm || o[k]->t < 0;
    if (tr->pqn) {
        const Pqn *p = &tr->p;
        const size_t S = (size_t)p->T * (size_t)p->N, done = (size_t)p->pos * (size_t)p->N; /* rollout rows so far */
        bad |= p->pos < 0 || p->pos >= p->T || p->pos != iteration % p->T || p->leader_updates < 0 || p->follower_updates < 0;
        for (size_t i = 0; i < S && !bad; i++) bad = p->r_act[i] < 0 || p->r_act[i] >= A || p->perm[i] < 0 || (size_t)p->perm[i] >= S;
        for (size_t i = 0; i < done && !bad; i++) bad = p->r_done[i] != 0.0f && p->r_done[i] != 1.0f;
        /* gradients are not checked: every step computes them afresh before reading them */
        bad = bad || !finite_f(p->params, p->n) || !finite_f(p->m, p->n) || !moments_fit(p->v, p->n) ||
              !finite_f(p->r_obs, done * (size_t)p->obs_dim) || !finite_f(p->r_rew, done) || !finite_f(p->r_qmax, done) ||
              !finite_d(p->ep_return, (size_t)N) || !finite_d(p->last_return, (size_t)N) ||
              !finite_d(&p->leader_loss_sum, 1) || !finite_d(&p->follower_loss_sum, 1);
    } else {
        const Learner *l = &tr->l;
        const Replay *r = &l->replay;
        const size_t slots = (size_t)r->rows * (size_t)r->n_envs, n = l->agent.n;
        bad |= r->head < 0 || r->head >= r->rows || (r->full != 0 && r->full != 1) || l->leader_updates < 0 ||
               l->follower_updates < 0;
        for (size_t i = 0; i < slots && !bad; i++)
            bad = r->act[i] < 0 || r->act[i] >= A || r->done[i] > 1 || (r->has_final && r->has_final[i] > 1);
        /* parameters and targets, then the moments (the gradients between them are computed afresh before use) */
        bad = bad || !finite_f(l->agent.params, 2 * n) || !finite_f(l->agent.m, n) || !moments_fit(l->agent.v, n) ||
              !finite_f(r->rew, slots) || !finite_d(l->ep_return, (size_t)N) || !finite_d(l->last_return, (size_t)N) ||
              !finite_d(&l->leader_loss_sum, 1) || !finite_d(&l->follower_loss_sum, 1);
        if (!r->bits) /* observations stored as floats */
            bad = bad || !finite_f((const float *)(const void *)r->obs, slots * (size_t)r->obs_dim) ||
                  (r->final_obs && !finite_f((const float *)(const void *)r->final_obs, slots * (size_t)r->obs_dim));
    }
    const VecEnv *v = &tr->env;
    const int limit = v->info.time_limit, D = v->info.obs_dim;
    for (int e = 0; e < N && !bad; e++) bad = v->steps[e] < 0 || (limit > 0 && v->steps[e] >= limit);
    if (bad) return 1;
    for (int e = 0; e < N && !bad; e++) /* the env states, each by its class's own check */
        bad = !v->cls->valid(v->states + (size_t)e * v->cls->state_size);
    if (bad) return 2;
    float *mine = malloc(sizeof(float) * (size_t)D);
    if (!mine) return -1;
    for (int e = 0; e < N && !bad; e++) { /* only now: observe trusts the state it reads */
        v->cls->observe(v->states + (size_t)e * v->cls->state_size, mine);
        bad = memcmp(mine, v->obs + (size_t)e * D, sizeof(float) * (size_t)D) != 0;
    }
    free(mine);
    return bad ? 3 : 0;
}

/* The header of the regular file path, unchecked beyond its magic number and version (the checksum covers the
 * whole file, which may be huge): 0, or -1 when it has none of this version. */
static int peek_header(const char *path, CkptHeader *h) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    struct stat st;
    const int ok = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size >= sizeof *h + 8 &&
                   fread(h, 1, sizeof *h, f) == sizeof *h && !memcmp(h->magic, CKPT_MAGIC, 8) && h->version == CKPT_VERSION;
    fclose(f);
    if (!ok) return -1;
    h->env[sizeof h->env - 1] = 0;
    h->algo[sizeof h->algo - 1] = 0;
    return 0;
}

/* Header checks shared by load and info. */
static int check_header(const unsigned char *buf, size_t n, const char *name, CkptHeader *h, char *err,
                        size_t errlen) {
    if (n < 16 || memcmp(buf, CKPT_MAGIC, 8) != 0) {
        snprintf(err, errlen, "%s is not a scorer checkpoint (bad magic number)", name);
        return -1;
    }
    uint32_t version;
    memcpy(&version, buf + 8, 4);
    if (version != CKPT_VERSION) {
        snprintf(err, errlen, "%s has checkpoint format version %u, this scorer reads version %u (the scorer that wrote it reads it)",
                 name, version, CKPT_VERSION);
        return -1;
    }
    if (n < sizeof *h + 8) {
        snprintf(err, errlen, "%s is truncated (%zu bytes)", name, n);
        return -1;
    }
    memcpy(h, buf, sizeof *h);
    if (h->header_bytes != sizeof *h || n != sizeof *h + h->payload_bytes + 8) {
        snprintf(err, errlen, "%s is truncated or has a damaged header (%zu bytes)", name, n);
        return -1;
    }
    uint64_t want, got = XXH64(buf, n - 8, 0);
    memcpy(&want, buf + n - 8, 8);
#ifndef SCORER_FUZZING /* the fuzzer must reach the parser behind the checksum */
    if (want != got) {
        snprintf(err, errlen, "%s is corrupt (checksum mismatch)", name);
        return -1;
    }
#else
    (void)got; /* still computed: the hash runs on the fuzzer's sizes too */
#endif
    h->env[sizeof h->env - 1] = 0;
    h->algo[sizeof h->algo - 1] = 0;
    return 0;
}

/* What the header shows of the settings that differ from c's, for a file of c's env, algorithm and seed with
 * another configuration hash (the file holds no more than the hash: gamma, say, cannot be named). */
static void config_detail(const CkptHeader *h, const RunConfig *c, char *d, size_t len) {
    size_t o = 0;
    d[0] = 0;
#define SAY(...) (o += (size_t)snprintf(d + o, o < len ? len - o : 0, __VA_ARGS__), o = o < len ? o : len - 1)
    if (h->n_envs != (uint32_t)c->num_envs) SAY("num_envs was %u, is %d now", h->n_envs, c->num_envs);
    const long budget = c->total_timesteps / (h->n_envs ? (long)h->n_envs : 1) * (long)h->n_envs;
    if (h->finished && h->t != budget)
        SAY("%sthe seed finished at timestep %lld, total_timesteps is %ld now", o ? "; " : "", (long long)h->t, c->total_timesteps);
    else if (!h->finished && h->t > budget)
        SAY("%sthe seed is at timestep %lld, past total_timesteps = %ld", o ? "; " : "", (long long)h->t, c->total_timesteps);
    if (h->n_envs == (uint32_t)c->num_envs && c->pqn && h->replay_rows != (uint64_t)c->pc.num_steps)
        SAY("%snum_steps was %llu, is %d now", o ? "; " : "", (unsigned long long)h->replay_rows, c->pc.num_steps);
    if (h->n_envs == (uint32_t)c->num_envs && !c->pqn && c->num_envs > 0 &&
        h->replay_rows != (uint64_t)(c->lc.buffer_size / c->num_envs)) { /* rows of num_envs: buffer_size rounded down */
        const unsigned long long lo = h->replay_rows * h->n_envs, hi = lo + h->n_envs - 1;
        if (lo == hi) SAY("%sbuffer_size was %llu, is %d now", o ? "; " : "", lo, c->lc.buffer_size);
        else SAY("%sbuffer_size was %llu to %llu, is %d now", o ? "; " : "", lo, hi, c->lc.buffer_size);
    }
#undef SAY
}

/* The message for a file of another env, algorithm or seed: -1. */
static int another_run(const CkptHeader *h, const char *name, char *err, size_t errlen) {
    snprintf(err, errlen, "%s belongs to another run (%s, %s, seed %lld)", name, h->env, h->algo, (long long)h->seed);
    return -1;
}

/* CKPT_OTHER_CONFIG's message: h is of c's env, algorithm and seed, with another configuration hash. */
static int other_config(const CkptHeader *h, const char *name, const RunConfig *c, char *err, size_t errlen) {
    char d[300];
    config_detail(h, c, d, sizeof d);
    snprintf(err, errlen, "%s was written with another configuration of %s, %s, seed %lld (%s)", name, h->env, h->algo,
             (long long)h->seed, d[0] ? d : "which setting differs, the file cannot say: it holds a hash of the configuration");
    return CKPT_OTHER_CONFIG;
}

int ckpt_config_detail(const char *path, const RunConfig *c, long seed, char *detail, size_t len) {
    CkptHeader h;
    detail[0] = 0;
    if (peek_header(path, &h) || strcmp(h.env, c->env) || strcmp(h.algo, c->algo) || h.seed != seed ||
        h.config_hash == ckpt_config_hash(c))
        return 0;
    config_detail(&h, c, detail, len);
    return 1;
}

int ckpt_load_mem(const unsigned char *buf, size_t n, const char *name, const RunConfig *c, long seed, Trainee *tr,
                  TrainProgress *tp, Curve *cv, char *err, size_t errlen) {
    CkptHeader h;
    if (check_header(buf, n, name, &h, err, errlen)) return -1;
    if (strcmp(h.env, c->env) || strcmp(h.algo, c->algo) || h.seed != seed) return another_run(&h, name, err, errlen);
    if (h.config_hash != ckpt_config_hash(c)) return other_config(&h, name, c, err, errlen);
    if (h.state_size != tr->env.cls->state_size) { /* same configuration: the env's struct changed between builds */
        snprintf(err, errlen, "%s holds %s states of %u bytes, this build's are %zu: it was written by another version of "
                 "scorer, which reads it", name, h.env, (unsigned)h.state_size,
                 tr->env.cls->state_size);
        return -1;
    }
    const Shape sh = shape_of(tr);
    if (h.n_envs != sh.n_envs || h.obs_dim != sh.obs_dim || h.obs_bytes != sh.obs_bytes || h.n_params != sh.n_params ||
        h.replay_rows != sh.rows || h.curve_rows > (uint32_t)cv->cap) {
        snprintf(err, errlen, "%s has the wrong shapes for this configuration", name);
        return -1;
    }
    /* the expected payload size for these shapes must match exactly */
    TrainProgress tmp_tp;
    Curve probe = *cv;
    probe.n = (int)h.curve_rows;
    Sink count = {.mode = SINK_COUNT};
    walk(&count, tr, &tmp_tp, &probe);
    if (count.pos != h.payload_bytes) {
        snprintf(err, errlen, "%s has the wrong size for this configuration", name);
        return -1;
    }
    /* read into the live state; on any later failure the caller discards the trainee */
    Adam *o[3], cfg_adam[3];
    optimisers(tr, o);
    for (int k = 0; k < 3; k++) cfg_adam[k] = *o[k];
    Sink rd = {.mode = SINK_READ, .buf = buf + sizeof h, .cap = h.payload_bytes};
    if (walk(&rd, tr, tp, cv) || rd.short_read || cv->n != (int)h.curve_rows || shape_of(tr).t != h.t) {
        snprintf(err, errlen, "%s is inconsistent", name);
        return -1;
    }
    /* values that index memory or bound loops in range, numbers finite (values_fit) */
    const int fit = values_fit(c, tr, tp, cfg_adam);
    if (fit) {
        if (fit < 0) snprintf(err, errlen, "out of memory checking %s", name);
        else if (fit == 2) snprintf(err, errlen, "%s holds out-of-range values (an env state that %s's valid() refuses)", name, c->env);
        else if (fit == 3) snprintf(err, errlen, "%s holds out-of-range values (an observation that %s's observe does not give for "
                                    "its state)", name, c->env);
        else snprintf(err, errlen, "%s holds out-of-range values", name);
        return fit < 0 ? -2 : -1;
    }
    if (tr->pqn) pqn_restored(&tr->p); /* only now: it indexes the rollout up to pos */
    return 0;
}

int ckpt_load(const char *path, const RunConfig *c, long seed, Trainee *tr, TrainProgress *tp, Curve *cv,
              char *err, size_t errlen) {
    /* a valid file is never larger than header + payload for these shapes + checksum */
    TrainProgress tmp_tp;
    Curve probe = *cv;
    probe.n = cv->cap;
    Sink count = {.mode = SINK_COUNT};
    walk(&count, tr, &tmp_tp, &probe);
    size_t limit = sizeof(CkptHeader) + count.pos + 8, n = 0;
    unsigned char *buf;
    const int rrc = read_file(path, &buf, &n, limit, err, errlen), rows = train_curve_rows(c);
    CkptHeader h; /* too large for c's shapes: whose file it is says more, when its header tells */
    const int peeked = rrc == -1 && peek_header(path, &h) == 0;
    if (peeked && (strcmp(h.env, c->env) || strcmp(h.algo, c->algo) || h.seed != seed))
        another_run(&h, path, err, errlen);
    else if (peeked && h.config_hash != ckpt_config_hash(c)) return other_config(&h, path, c, err, errlen);
    else if (rrc == -1 && rows > cv->cap) /* the caller's curve, not the file, may be at fault */
        snprintf(err, errlen, "%s is larger than any checkpoint of this configuration with a curve of %d rows (train_seed's "
                 "holds train_curve_rows = %d: curve_alloc that many)", path, cv->cap, rows);
    if (rrc) return rrc;
    int rc = ckpt_load_mem(buf, n, path, c, seed, tr, tp, cv, err, errlen);
    free(buf);
    return rc;
}

/* A file whose size is not the one its header promises is refused from the header alone (it may be
 * huge); anything else is left to read_file and check_header, which say what is wrong with it. */
static int size_matches_header(const char *path, char *err, size_t errlen) {
    CkptHeader h;
    struct stat st;
    if (peek_header(path, &h) == 0 && stat(path, &st) == 0 &&
        (h.header_bytes != sizeof h || h.payload_bytes != (uint64_t)st.st_size - sizeof h - 8)) {
        snprintf(err, errlen, "%s is truncated or has a damaged header (%lld bytes)", path,
                 (long long)st.st_size);
        return -1;
    }
    return 0;
}

int ckpt_info(const char *path, CkptInfo *info, char *err, size_t errlen) {
    unsigned char *buf;
    size_t n;
    if (size_matches_header(path, err, errlen)) return -1;
    const int rrc = read_file(path, &buf, &n, (size_t)1 << 40, err, errlen);
    if (rrc) return rrc;
    CkptHeader h;
    int rc = check_header(buf, n, path, &h, err, errlen);
    if (!rc) {
        memset(info, 0, sizeof *info);
        info->version = h.version;
        snprintf(info->env, sizeof info->env, "%s", h.env);
        snprintf(info->algo, sizeof info->algo, "%s", h.algo);
        info->seed = (long)h.seed;
        info->t = (long)h.t;
        info->finished = (int)h.finished;
        info->config_hash = h.config_hash;
        info->payload_bytes = h.payload_bytes;
        memcpy(&info->checksum, buf + n - 8, 8);
        info->agent_hash = h.agent_hash;
    }
    free(buf);
    return rc;
}
