/* test_rl.c - replay buffer, exploration schedules, DQN/DDQN targets, the dueling head and the
 * two players' gradients (each checked against finite differences of its own loss). */
#include "check.h"
#include <stdint.h>
#include "scorer/agent.h"
#include "scorer/config.h"
#include "scorer/adam.h"
#include "scorer/explore.h"
#include "scorer/schedule.h"
#include "scorer/loss.h"
#include "scorer/players.h"
#include "scorer/replay.h"
#include "scorer/learner.h"
#include <string.h>

static Rng rng;

static void fill(float *x, size_t n, float lo, float hi) {
    for (size_t i = 0; i < n; i++) x[i] = lo + (hi - lo) * rng_uniformf(&rng);
}

/* Row t of env e holds obs (100 t + e, -e): a sampled pair must be (t, t+1) of the same env. */
static void test_replay(void) {
    enum { N = 3, D = 2, ROWS = 4, B = 4000 };
    Replay r;
    CHECK(replay_init(&r, ROWS * N, N, D, 0, 0) == 0, "replay_init");
    CHECK(replay_init(&(Replay){0}, N, N, D, 0, 0) == -1, "capacity below 2N must be refused");
    float obs[N * D], next[B * D], cur[B * D], rew[B], done[B];
    int act[N], bact[B];
    float rw[N];
    unsigned char dn[N];
    Batch b = {.obs = cur, .act = bact, .rew = rew, .done = done, .next_obs = next};
    CHECK(replay_pairs(&r) == 0, "empty buffer has no pairs");
    for (int t = 0; t < 7; t++) {
        for (int e = 0; e < N; e++) {
            obs[e * D] = (float)(100 * t + e);
            obs[e * D + 1] = (float)-e;
            act[e] = (t + e) % 2;
            rw[e] = (float)t;
            dn[e] = (unsigned char)(t == 2 && e == 1);
        }
        replay_add(&r, obs, act, rw, dn, NULL, NULL);
        int want = t + 1 < ROWS ? t : ROWS - 1;
        CHECK(replay_pairs(&r) == want, "pairs after %d rows: %d, want %d", t + 1, replay_pairs(&r), want);
    }
    /* rows now hold t = 4, 5, 6, 3 (head at row 3 = oldest t 3): valid pairs (3,4), (4,5), (5,6) */
    replay_sample(&r, &rng, B, &b);
    int seen[7][N] = {{0}}, bad = 0;
    for (int i = 0; i < B; i++) {
        int t = (int)cur[i * D] / 100, e = (int)cur[i * D] % 100;
        if (next[i * D] != cur[i * D] + 100 || next[i * D + 1] != -(float)e || cur[i * D + 1] != -(float)e) bad++;
        if (t < 3 || t > 5 || bact[i] != (t + e) % 2 || rew[i] != (float)t || done[i] != 0.0f) bad++;
        else seen[t][e]++;
    }
    CHECK(bad == 0, "%d sampled transitions were not consecutive rows of one env", bad);
    int covered = 0;
    for (int t = 3; t <= 5; t++)
        for (int e = 0; e < N; e++) covered += seen[t][e] > 250; /* expected ~444 each */
    CHECK(covered == 9, "uniform sampling should cover all 9 valid pairs (covered %d)", covered);
    replay_free(&r);

    /* bit storage: binary observations round-trip, with a 13-wide obs crossing byte borders */
    Replay rb;
    CHECK(replay_init(&rb, 8, 2, 13, 1, 0) == 0, "bits replay");
    CHECK(rb.obs_bytes == 2, "13 bits take 2 bytes, got %zu", rb.obs_bytes);
    float o[2 * 13], on[2 * 13], c2[13 * 64], n2[13 * 64], r2[64], d2[64];
    int a2[2] = {0, 1}, ba2[64];
    float rr[2] = {0, 0};
    unsigned char dd[2] = {0, 0};
    Batch b2 = {.obs = c2, .act = ba2, .rew = r2, .done = d2, .next_obs = n2};
    for (int i = 0; i < 26; i++) o[i] = (float)(rng_below(&rng, 2));
    for (int i = 0; i < 26; i++) on[i] = 1.0f - o[i];
    replay_add(&rb, o, a2, rr, dd, NULL, NULL);
    replay_add(&rb, on, a2, rr, dd, NULL, NULL);
    replay_sample(&rb, &rng, 64, &b2);
    int mism = 0;
    for (int i = 0; i < 64; i++) {
        int e = ba2[i];
        for (int j = 0; j < 13; j++) mism += c2[i * 13 + j] != o[e * 13 + j] || n2[i * 13 + j] != on[e * 13 + j];
    }
    CHECK(mism == 0, "bit-packed observations must round-trip (%d cells differ)", mism);
    replay_free(&rb);

    /* bootstrapped truncation: a truncated, non-terminal step's next obs is its final obs */
    Replay rf;
    CHECK(replay_init(&rf, 6, 1, 1, 0, 1) == 0, "replay with final obs");
    float x0 = 1, x1 = 2, fin = 99, trash = 0;
    int a0 = 0;
    float r0 = 0;
    unsigned char nd = 0, tr = 1;
    replay_add(&rf, &x0, &a0, &r0, &nd, &fin, &tr);
    replay_add(&rf, &x1, &a0, &r0, &nd, &trash, &nd);
    float c3[8], n3[8], rw3[8], d3[8];
    int ba3[8];
    Batch b3 = {.obs = c3, .act = ba3, .rew = rw3, .done = d3, .next_obs = n3};
    replay_sample(&rf, &rng, 8, &b3);
    CHECK(c3[0] == 1 && n3[0] == 99 && d3[0] == 0, "truncated pair bootstraps from the final obs (%g -> %g)", c3[0],
          n3[0]);
    replay_free(&rf);

    /* a replay of bits hands out sparse batches: the ones of the rows the dense batch decodes (final obs
     * of truncated steps included), from the same draws */
    {
        enum { E = 3, W = 77, SB = 20 };
        Rng g; /* its own stream: the tests after this one keep their draws */
        rng_seed(&g, 11, 0);
        Replay rp;
        CHECK(replay_init(&rp, 60, E, W, 1, 1) == 0, "replay of bits");
        float ob[E * W], fo[E * W], rwd[E] = {0};
        int ac[E] = {0};
        unsigned char dn0[E] = {0}, tc[E];
        for (int t = 0; t < 25; t++) {
            for (int i = 0; i < E * W; i++) { ob[i] = rng_below(&g, 9) == 0; fo[i] = rng_below(&g, 4) == 0; }
            for (int e = 0; e < E; e++) tc[e] = rng_below(&g, 5) == 0;
            replay_add(&rp, ob, ac, rwd, dn0, fo, tc);
        }
        static float so[SB * W], sn[SB * W], sr[SB], sd[SB];
        static int sa[SB], off[2][SB + 1], idx[2][SB * W];
        Batch dense = {.obs = so, .act = sa, .rew = sr, .done = sd, .next_obs = sn};
        Batch sp = {.act = sa, .rew = sr, .done = sd, .sparse = 1, .obs_rows = {off[0], idx[0], NULL},
                    .next_rows = {off[1], idx[1], NULL}};
        Rng g1 = g, g2 = g;
        replay_sample(&rp, &g1, SB, &dense);
        replay_sample(&rp, &g2, SB, &sp);
        int miss = 0, ones = 0;
        for (int k = 0; k < 2; k++) {
            const float *x = k ? sn : so;
            int t = 0;
            miss += off[k][0] != 0;
            for (int i = 0; i < SB; i++)
                for (int j = 0; j < W; j++)
                    if (x[i * W + j] != 0.0f) { miss += t >= off[k][i + 1] || idx[k][t] != j; t++; ones++; }
            miss += t != off[k][SB];
        }
        CHECK(miss == 0 && ones > 2 * SB * W / 12, "sparse batch = the dense batch's ones (%d mismatches, %d ones)", miss, ones);
        replay_free(&rp);
    }

    /* MinAtar: 100k transitions of the largest game (Seaquest, 10x10x10 binary) fit in well under
     * 100 MB because observations are stored as bits */
    Replay rs;
    CHECK(replay_init(&rs, 100000, 128, 1000, 1, 1) == 0, "Seaquest-sized replay");
    CHECK(replay_bytes(&rs) < 30u * 1024 * 1024, "100k Seaquest transitions take %.1f MB", replay_bytes(&rs) / 1048576.0);
    replay_free(&rs);
}

static void test_schedules(void) {
    /* timestep semantics: multiples of the interval crossed */
    CHECK(schedule_fires(0, 10, 4, 0) == 2, "0->10 crosses 4 and 8");
    CHECK(schedule_fires(10, 20, 10, 0) == 1, "10->20, interval 10");
    CHECK(schedule_fires(120, 130, 1000, 0) == 0, "no multiple of 1000 in (120, 130]");
    CHECK(schedule_fires(990, 1000, 1000, 0) == 1, "reaches 1000");
    CHECK(schedule_fires(0, 128, 4, 0) == 32, "N=128 with interval 4: 32 updates per iteration");
    /* reference semantics: t % k == 0 after adding N */
    CHECK(schedule_fires(0, 128, 4, 1) == 1, "reference: once per iteration");
    long fired = 0, first = -1;
    for (long t = 128; t <= 40000; t += 128)
        if (schedule_fires(t - 128, t, 1000, 1)) { fired++; if (first < 0) first = t; }
    CHECK(first == 16000 && fired == 2, "reference target sync with N=128: first at %ld (want 16000), %ld times", first,
          fired);
    CHECK(schedule_fires(0, 10, 0, 0) == 0, "interval 0 never fires");

    CHECK(schedule_epsilon(0, 1.0f, 0.05f, 50000) == 1.0f, "eps starts at 1");
    CHECK(check_close(schedule_epsilon(25000, 1.0f, 0.05f, 50000), 0.525, 1e-6), "eps halfway");
    CHECK(schedule_epsilon(60000, 1.0f, 0.05f, 50000) == 0.05f, "eps clamps at the end");
    CHECK(check_close(schedule_lr(1e-4f, 250000, 1000000, 1), 7.5e-5, 1e-6), "lr decays linearly");
    CHECK(schedule_lr(1e-4f, 2000000, 1000000, 1) == 0.0f, "lr never negative");
    CHECK(schedule_lr(1e-4f, 500000, 1000000, 0) == 1e-4f, "no decay when off");

    /* epsilon-greedy: eps 0 is greedy (first max); eps 1 is uniform */
    float q[2 * 3] = {0, 5, 5, -1, -2, -3};
    int acts[2];
    explore_epsilon_greedy(q, 2, 3, 0.0f, &rng, acts);
    CHECK(acts[0] == 1 && acts[1] == 0, "greedy picks the first maximum");
    int counts[3] = {0};
    for (int i = 0; i < 30000; i++) { explore_epsilon_greedy(q, 1, 3, 1.0f, &rng, acts); counts[acts[0]]++; }
    CHECK(counts[0] > 9500 && counts[1] > 9500 && counts[2] > 9500, "eps 1 uniform: %d %d %d", counts[0], counts[1],
          counts[2]);
}

static AgentConfig small_cfg(int dueling) {
    AgentConfig c = {.obs_dim = 5, .n_actions = 3, .latent = 8, .encoder_layers = 1, .input_l1norm = 0,
                     .final_l1norm = 1, .q_hidden = 7, .dueling = dueling, .dueling_hidden = 6,
                     .act = LAYER_RELU, .max_batch = 16};
    return c;
}

/* Perturb every parameter so outputs are not dominated by the 0.01-gain output layer. */
static void jiggle(Agent *a) {
    for (size_t i = 0; i < a->n; i++) a->params[i] += 0.3f * (rng_uniformf(&rng) - 0.5f);
    for (size_t i = 0; i < a->n; i++) a->target[i] = a->params[i] + 0.3f * (rng_uniformf(&rng) - 0.5f);
    agent_changed(a, AGENT_ALL);
}

static void test_targets(void) {
    enum { B = 6 };
    for (int dueling = 0; dueling < 2; dueling++) {
        Agent a;
        AgentConfig c = small_cfg(dueling);
        CHECK(agent_init(&a, &c, &rng) == 0, "agent_init");
        /* every section on a cache line, whatever n (a straddling vector load costs two) */
        const float *const sec[] = {a.params, a.target, a.grads, a.m, a.v, a.enc.ws, a.enc.wt, a.scratch};
        int off_line = a.n % 16 == 0; /* small_cfg's n is not a whole number of lines: the stride pads it */
        for (int i = 0; i < 8; i++) off_line += sec[i] && (uintptr_t)sec[i] % 64 != 0;
        CHECK(off_line == 0, "agent buffers on 64-byte lines (n = %zu, stride %zu): %d not", a.n, a.stride, off_line);
        jiggle(&a);
        float obs[B * 5], nobs[B * 5], rew[B], done[B], y[B], qo[B * 3], qt[B * 3];
        int act[B];
        fill(obs, B * 5, -1, 1);
        fill(nobs, B * 5, -1, 1);
        for (int i = 0; i < B; i++) { rew[i] = (float)i - 2.0f; done[i] = (float)(i == 3); act[i] = i % 3; }
        Batch b = {.obs = obs, .act = act, .rew = rew, .done = done, .next_obs = nobs};
        memcpy(qo, agent_q(&a, nobs, B), sizeof qo);
        float *online = a.params;
        a.params = a.target; /* evaluate the target networks through the online path */
        memcpy(qt, agent_q(&a, nobs, B), sizeof qt);
        a.params = online;
        for (int dq = 0; dq < 2; dq++) {
            agent_targets(&a, &b, B, 0.9f, dq, y);
            int bad = 0, differs = 0;
            for (int i = 0; i < B; i++) {
                int pick = explore_argmax(dq ? qo + i * 3 : qt + i * 3, 3);
                float want = rew[i] + 0.9f * (1.0f - done[i]) * qt[i * 3 + pick];
                bad += !check_close(y[i], want, 1e-6);
                differs += explore_argmax(qo + i * 3, 3) != explore_argmax(qt + i * 3, 3);
            }
            CHECK(bad == 0, "%s target (dueling %d): %d of %d wrong", dq ? "DDQN" : "DQN", dueling, bad, B);
            CHECK(y[3] == rew[3], "done transitions do not bootstrap");
            if (dq) CHECK(differs > 0, "test needs online and target argmax to differ somewhere");
        }
        /* hard and soft target sync */
        float expect = 0.25f * a.params[0] + 0.75f * a.target[0];
        agent_sync_target(&a, 0.25f);
        CHECK(check_close(a.target[0], expect, 1e-5), "Polyak sync");
        agent_sync_target(&a, 1.0f);
        CHECK(memcmp(a.target, a.params, a.n * sizeof(float)) == 0, "hard sync copies");
        agent_free(&a);
    }
}

/* L = sum_{b,k} w_bk q_bk through a dueling head, as a function of its parameters p and input z */
static double head_objective(QNet *q, const float *p, const float *z, const float *w, int B) {
    const float *o = qnet_forward(q, p, z, B);
    double l = 0;
    for (int j = 0; j < B * q->A; j++) l += (double)w[j] * o[j];
    return l;
}

/* Relative error between the analytic gradient g of the objective with respect to x (n values,
 * which is either p or z) and its central differences. */
static double head_grad_error(QNet *q, float *p, float *z, const float *w, int B, float *x, const float *g, int n) {
    double err = 0, nrm = 0;
    for (int i = 0; i < n; i++) {
        float keep = x[i];
        x[i] = keep + 1e-2f;
        double lp = head_objective(q, p, z, w, B);
        x[i] = keep - 1e-2f;
        double lm = head_objective(q, p, z, w, B);
        x[i] = keep;
        double fd = (lp - lm) / 2e-2;
        err += (fd - g[i]) * (fd - g[i]);
        nrm += fd * fd;
    }
    return sqrt(err / nrm);
}

static void test_dueling_head(void) {
    enum { B = 4, IN = 6, A = 4 };
    QNet q;
    CHECK(qnet_build(&q, IN, 5, A, 1, LAYER_TANH, B) == 0, "dueling head");
    float *p = malloc(q.nparams * sizeof(float)), *g = malloc(q.nparams * sizeof(float));
    float z[B * IN], w[B * A], dz[B * IN];
    qnet_init_params(&q, p, &rng);
    for (size_t i = 0; i < q.nparams; i++) p[i] += 0.2f * (rng_uniformf(&rng) - 0.5f);
    fill(z, B * IN, -1, 1);
    fill(w, B * A, -1, 1);
    qnet_forward(&q, p, z, B);
    qnet_backward(&q, p, w, dz, g, B);
    double e = head_grad_error(&q, p, z, w, B, p, g, (int)q.nparams);
    CHECK(e < 1e-2, "dueling head parameter gradient: relative error %.3g", e);
    e = head_grad_error(&q, p, z, w, B, z, dz, B * IN);
    CHECK(e < 1e-2, "dueling head input gradient: relative error %.3g", e);
    /* a gradient that is the same for every action moves v only: the advantage mean cancels it */
    float ones[B * A];
    for (int i = 0; i < B * A; i++) ones[i] = 1.0f;
    qnet_forward(&q, p, z, B);
    qnet_backward(&q, p, ones, NULL, g, B);
    size_t nval = q.val.nparams;
    double adv_norm = adam_global_norm(g + nval, q.nparams - nval), val_norm = adam_global_norm(g, nval);
    CHECK(adv_norm < 1e-5 && val_norm > 1e-3, "uniform dq reaches only the value stream (adv %.3g, val %.3g)",
          adv_norm, val_norm);
    free(p); free(g);
    qnet_free(&q);
}

/* The loss a player minimises, as a function of the current parameters. */
static double player_loss(Agent *a, const Batch *b, const float *y, int B, int kind) {
    float qs[16], d[16];
    agent_forward_selected(a, b, B, qs);
    return kind == FOLLOWER_VARIANCE ? loss_error_variance(qs, y, d, B) : loss_mse(qs, y, d, B);
}

/* Gradient of each player against finite differences over the range it owns; with lr = 0 the
 * Adam step leaves params unchanged and the (unclipped) gradient stays in a->grads. */
static void test_players(void) {
    enum { B = 12 };
    for (int dueling = 0; dueling < 2; dueling++)
        for (int who = 0; who < 4; who++) { /* leader, follower MSBE, follower variance, baseline */
            Agent a;
            AgentConfig c = small_cfg(dueling);
            c.act = LAYER_TANH; /* smooth, so central differences are exact enough (ReLU is checked in test_nn) */
            agent_init(&a, &c, &rng);
            jiggle(&a);
            float obs[B * 5], nobs[B * 5], rew[B], done[B], y[B];
            int act[B];
            fill(obs, B * 5, -1, 1);
            fill(nobs, B * 5, -1, 1);
            fill(y, B, -1, 1);
            for (int i = 0; i < B; i++) { act[i] = (int)rng_below(&rng, 3); rew[i] = 0; done[i] = 0; }
            Batch b = {.obs = obs, .act = act, .rew = rew, .done = done, .next_obs = nobs};
            Adam opt;
            adam_init(&opt, 0.0f);
            double gn;
            int kind = who == 2 ? FOLLOWER_VARIANCE : FOLLOWER_MSBE;
            memset(a.grads, 0, a.n * sizeof(float));
            float loss;
            if (who == 0) loss = scorer_update_leader(&a, &opt, &b, y, B, 0.0f, &gn);
            else if (who == 3) loss = monolithic_update(&a, &opt, &b, y, B, 0.0f, &gn);
            else loss = scorer_update_follower(&a, &opt, &b, y, B, 0.0f, kind, &gn);
            CHECK(check_close(loss, player_loss(&a, &b, y, B, kind), 1e-5), "returned loss is the loss");
            size_t lo = who == 0 ? a.n_enc : 0, hi = (who == 1 || who == 2) ? a.n_enc : a.n;
            double err = 0, nrm = 0, outside = 0;
            for (size_t i = 0; i < a.n; i++) {
                if (i < lo || i >= hi) { outside += fabs(a.grads[i]); continue; }
                float keep = a.params[i];
                a.params[i] = keep + 1e-2f;
                agent_changed(&a, AGENT_ALL);
                double lp = player_loss(&a, &b, y, B, kind);
                a.params[i] = keep - 1e-2f;
                agent_changed(&a, AGENT_ALL);
                double lm = player_loss(&a, &b, y, B, kind);
                a.params[i] = keep;
                agent_changed(&a, AGENT_ALL);
                double fd = (lp - lm) / 2e-2;
                err += (fd - a.grads[i]) * (fd - a.grads[i]);
                nrm += fd * fd;
            }
            static const char *names[] = {"leader", "follower MSBE", "follower variance", "baseline"};
            CHECK(nrm > 0 && sqrt(err / nrm) < 2e-2, "%s gradient (dueling %d): relative error %.3g", names[who],
                  dueling, sqrt(err / nrm));
            CHECK(outside == 0.0, "%s must not touch the other player's gradients", names[who]);
            CHECK(check_close(gn, adam_global_norm(a.grads + lo, hi - lo), 1e-5), "reported gradient norm");
            /* a real step moves only the player's own parameters */
            float *before = malloc(a.n * sizeof(float));
            memcpy(before, a.params, a.n * sizeof(float));
            if (who == 0) scorer_update_leader(&a, &opt, &b, y, B, 1e-2f, &gn);
            else if (who == 3) monolithic_update(&a, &opt, &b, y, B, 1e-2f, &gn);
            else scorer_update_follower(&a, &opt, &b, y, B, 1e-2f, kind, &gn);
            int moved_in = 0, moved_out = 0;
            for (size_t i = 0; i < a.n; i++) {
                int moved = before[i] != a.params[i];
                if (i >= lo && i < hi) moved_in += moved; else moved_out += moved;
            }
            CHECK(moved_in > 0 && moved_out == 0, "%s step moved %d own and %d foreign parameters", names[who],
                  moved_in, moved_out);
            free(before);
            agent_free(&a);
        }
}

/* The resolved configuration hands the run length to the learner: the learning rates must reach
 * 0 at the end of the run, not stay constant. */
static void test_config_lr_decay(void) {
    ConfigPairs p = {0};
    RunConfig c;
    char err[300];
    config_pairs_add(&p, "total_timesteps", "250000", "test");
    CHECK(config_resolve(&c, &p, err, sizeof err) == 0, "resolve: %s", err);
    CHECK(c.lc.total_timesteps == 250000, "learner sees the run length (%ld)", c.lc.total_timesteps);
    CHECK(c.lc.lr_decay && schedule_lr(c.lc.leader_lr, 250000, c.lc.total_timesteps, c.lc.lr_decay) == 0.0f &&
              check_close(schedule_lr(c.lc.follower_lr, 125000, c.lc.total_timesteps, 1), 0.5 * c.lc.follower_lr, 1e-6),
          "learning rates decay to 0 over the run");
}

/* The learner's hook sees every optimiser step in order (leader before follower within an
 * iteration), the batch's targets as the target networks give them, the scheduled learning rate,
 * and the syncs; and watching must not change the run. */
typedef struct {
    long leader, follower, sync, bad_order, bad_lr, sync_off, last_leader_t;
    double ydiff;
    float y[64];
} HookLog;

static void hook_count(void *ctx, const Learner *l, int kind, float lr) {
    HookLog *h = ctx;
    const LearnerConfig *c = &l->cfg;
    if (kind == LEARNER_SYNC) {
        h->sync++;
        h->sync_off += l->t % c->target_interval != 0;
        return;
    }
    float lr0 = kind == LEARNER_LEADER ? c->leader_lr : c->follower_lr;
    h->bad_lr += lr != schedule_lr(lr0, l->t, c->total_timesteps, c->lr_decay);
    if (kind == LEARNER_LEADER) { h->leader++; h->last_leader_t = l->t; }
    else { h->follower++; h->bad_order += h->last_leader_t != l->t; }
    /* recompute the targets (the forward pass only touches the target nets' scratch) */
    agent_targets((Agent *)&l->agent, &l->batch, c->batch_size, c->gamma, c->double_q, h->y);
    for (int i = 0; i < c->batch_size; i++) {
        double d = fabs((double)h->y[i] - l->y[i]);
        if (d > h->ydiff) h->ydiff = d;
    }
}

static void test_learner_hook(void) {
    ConfigPairs p = {0};
    RunConfig c;
    char err[300];
    config_pairs_add(&p, "total_timesteps", "5000", "test");
    CHECK(config_resolve(&c, &p, err, sizeof err) == 0, "resolve: %s", err);
    float *params[2];
    long updates[2];
    size_t n = 0;
    HookLog h;
    memset(&h, 0, sizeof h);
    for (int watched = 0; watched < 2; watched++) {
        VecEnv env;
        Learner l;
        CHECK(vecenv_init(&env, env_find("CartPole-v1"), &c.envopt, c.num_envs, 3) == 0, "vecenv");
        CHECK(learner_init(&l, &c.lc, &c.ac, &env, 3) == 0 && c.lc.batch_size <= 64, "learner");
        if (watched) { l.hook = hook_count; l.hook_ctx = &h; }
        while (l.t < 5000) learner_step(&l);
        params[watched] = malloc(l.agent.n * sizeof(float));
        memcpy(params[watched], l.agent.params, l.agent.n * sizeof(float));
        updates[watched] = l.leader_updates;
        n = l.agent.n;
        if (watched) {
            CHECK(h.leader == l.leader_updates && h.follower == l.follower_updates && h.leader > 300,
                  "hook saw %ld/%ld leader and %ld/%ld follower steps", h.leader, l.leader_updates, h.follower,
                  l.follower_updates);
            CHECK(h.bad_order == 0, "%ld follower steps without a leader step before them", h.bad_order);
            CHECK(h.bad_lr == 0, "%ld steps off the learning-rate schedule", h.bad_lr);
            CHECK(h.sync == 5 && h.sync_off == 0, "%ld syncs, %ld off t %% 1000", h.sync, h.sync_off);
            CHECK(h.ydiff == 0.0, "targets handed to the hook differ from the target networks' by %g", h.ydiff);
        }
        learner_free(&l);
        vecenv_free(&env);
    }
    CHECK(updates[0] == updates[1] && n > 0 && !memcmp(params[0], params[1], n * sizeof(float)),
          "a hook must not change the run");
    free(params[0]);
    free(params[1]);
}

/* reference_schedule = 0 fires the target update once per multiple of target_interval crossed: with
 * N = 10 and an interval of 3, the first step crosses 3, 6 and 9, so three Polyak steps compound
 * (tau = 0.5: the target moves 7/8 of the way) and a hard copy happens once. */
static void test_polyak_crossings(void) {
    for (int hard = 0; hard < 2; hard++) {
        ConfigPairs p = {0};
        RunConfig c;
        char err[300];
        config_pairs_add(&p, "reference_schedule", "0", "test");
        config_pairs_add(&p, "target_interval", "3", "test");
        config_pairs_add(&p, "tau", hard ? "1" : "0.5", "test");
        config_pairs_add(&p, "learning_starts", "1000000", "test"); /* no update: the online network stays put */
        CHECK(config_resolve(&c, &p, err, sizeof err) == 0 && c.num_envs == 10, "resolve: %s", err);
        VecEnv env;
        Learner l;
        HookLog h;
        memset(&h, 0, sizeof h);
        CHECK(vecenv_init(&env, env_find("CartPole-v1"), &c.envopt, c.num_envs, 3) == 0, "vecenv");
        CHECK(learner_init(&l, &c.lc, &c.ac, &env, 3) == 0, "learner");
        l.hook = hook_count;
        l.hook_ctx = &h;
        for (size_t i = 0; i < l.agent.n; i++) l.agent.target[i] = l.agent.params[i] + 1.0f;
        agent_changed(&l.agent, AGENT_TARGET);
        learner_step(&l);
        double worst = 0.0;
        const double left = hard ? 0.0 : 0.125; /* (1 - tau)^3 of the gap */
        for (size_t i = 0; i < l.agent.n; i++) {
            double d = fabs((double)l.agent.target[i] - l.agent.params[i] - left);
            if (d > worst) worst = d;
        }
        CHECK(l.t == 10 && worst < 1e-5, "tau %s: target off (1 - tau)^3 of the gap by %g", hard ? "1" : "0.5", worst);
        CHECK(h.sync == (hard ? 1 : 3), "tau %s: %ld sync events", hard ? "1" : "0.5", h.sync);
        learner_free(&l);
        vecenv_free(&env);
    }
}

/* On MinAtar the learner hands the encoder each observation as the indices of its ones, from the
 * replay's bits and from the envs' obs (Batch.sparse): the run must be the one the dense rows give,
 * bit for bit, for the plain and the double-Q dueling targets, SCORER and the baseline. */
static void test_learner_sparse(void) {
    const char *algos[] = {"scorer-dqn", "dueling-ddqn", "scorer-dueling-ddqn"};
    /* sanitizer builds (SCORER_QUICK=1, ~40x slower here) take 1000 steps: 75 updates, still past 50 */
    const char *quick = getenv("SCORER_QUICK");
    const long steps = quick && !strcmp(quick, "1") ? 1000 : 3000;
    char steps_text[24];
    snprintf(steps_text, sizeof steps_text, "%ld", steps);
    for (int a = 0; a < 3; a++) {
        ConfigPairs p = {0};
        RunConfig c;
        char err[300];
        config_pairs_add(&p, "env", a == 1 ? "Seaquest-MinAtar" : "Breakout-MinAtar", "test");
        config_pairs_add(&p, "algo", algos[a], "test");
        config_pairs_add(&p, "num_envs", "8", "test");
        config_pairs_add(&p, "learning_starts", "400", "test");
        config_pairs_add(&p, "target_interval", "200", "test");
        config_pairs_add(&p, "total_timesteps", steps_text, "test");
        CHECK(config_resolve(&c, &p, err, sizeof err) == 0, "resolve: %s", err);
        float *params[2] = {NULL, NULL};
        long updates[2] = {0, 0};
        int sparse[2] = {0, 0};
        size_t n = 0;
        for (int dense = 0; dense < 2; dense++) {
            VecEnv env;
            Learner l;
            CHECK(vecenv_init(&env, env_find(c.env), &c.envopt, c.num_envs, 5) == 0, "vecenv");
            CHECK(learner_init(&l, &c.lc, &c.ac, &env, 5) == 0, "learner");
            sparse[dense] = l.batch.sparse;
            if (dense) l.batch.sparse = 0; /* its float buffers are there: the dense path, as before */
            while (l.t < steps) learner_step(&l);
            n = l.agent.n;
            params[dense] = malloc(n * sizeof(float));
            memcpy(params[dense], l.agent.params, n * sizeof(float));
            updates[dense] = l.leader_updates;
            learner_free(&l);
            vecenv_free(&env);
        }
        CHECK(sparse[0] && sparse[1], "%s on %s: batches come sparse", algos[a], c.env);
        CHECK(updates[0] > 50 && updates[0] == updates[1] && !memcmp(params[0], params[1], n * sizeof(float)),
              "%s on %s: the sparse batches give the dense run's parameters bit for bit (%ld updates)", algos[a], c.env,
              updates[0]);
        free(params[0]);
        free(params[1]);
    }
}

int main(void) {
    rng_seed(&rng, 7, 0);
    test_replay();
    test_schedules();
    test_targets();
    test_dueling_head();
    test_players();
    test_config_lr_decay();
    test_learner_hook();
    test_polyak_crossings();
    test_learner_sparse();
    return check_done("test_rl");
}
