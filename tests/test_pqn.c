/* test_pqn.c - PQN and SCORER-PQN: the Q(lambda) returns (reference quirk and textbook) on a
 * hand-computed rollout, the LayerNorm networks' gradients against finite differences, which
 * parameters each player moves, that a whole rollout update equals the same updates done by
 * hand, truncation handling, determinism, and learning on CartPole-v1. */
#include "check.h"
#include "scorer/pqn.h"
#include "scorer/explore.h"
#include "scorer/schedule.h"
#include "scorer/loss.h"
#include <string.h>
#include <time.h>

static Rng rng;

/* Under the sanitizers (about 30x slower) the CartPole run only exercises the code; the
 * optimised build checks learning. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

static void fill(float *x, size_t n, float lo, float hi) {
    for (size_t i = 0; i < n; i++) x[i] = lo + (hi - lo) * rng_uniformf(&rng);
}

/* ---- a tiny deterministic env: obs is a smooth function of the step count k since reset,
 * reward 1 when the action equals k mod 3, never terminates; the vecenv truncates at
 * EnvOptions.time_limit (default none). */
enum { TOY_D = 5, TOY_A = 3 };
typedef struct Toy { int k, limit; } Toy;

static void toy_obs_at(int k, float *o) {
    o[0] = 0.1f * (float)k;
    o[1] = sinf((float)k);
    o[2] = cosf(0.7f * (float)k);
    o[3] = 1.0f;
    o[4] = (float)(k % 3) - 1.0f;
}
static int toy_init(void *e, const EnvOptions *o, EnvInfo *info) {
    Toy *t = e;
    t->limit = o->time_limit > 0 ? o->time_limit : 0;
    *info = (EnvInfo){TOY_D, TOY_A, t->limit, 0};
    return 0;
}
static void toy_seed(void *e, uint64_t seed, uint64_t stream) { (void)e; (void)seed; (void)stream; }
static void toy_reset(void *e) { ((Toy *)e)->k = 0; }
static float toy_step(void *e, int action, int *terminated) {
    Toy *t = e;
    float r = action == t->k % 3 ? 1.0f : 0.0f;
    t->k++;
    *terminated = 0;
    return r;
}
static void toy_observe(const void *e, float *obs) { toy_obs_at(((const Toy *)e)->k, obs); }
static int toy_valid(const void *e) { return ((const Toy *)e)->k >= 0; }
static const EnvClass toy_class = {"Toy", "classic", sizeof(Toy), toy_init, toy_seed, toy_reset, toy_step, toy_observe,
                                   NULL, toy_valid};

static PqnConfig toy_cfg(void) {
    PqnConfig c = pqn_defaults(0);
    c.num_steps = 8;
    c.num_minibatches = 3; /* 8 x 4 = 32 samples: minibatches of 10, 11, 11 */
    c.num_epochs = 2;
    c.latent = 16;
    c.q_hidden = 8;
    c.decay_horizon = 1000;
    return c;
}

/* ---- 1. lambda-returns on T = 4 steps x N = 2 envs, gamma = lambda = 0.5 (exact in binary).
 * qmax_next[t] = max_a Q(s_{t+1}); row 3 is the state after the rollout.
 *   env 0: r = 1 2 3 4, no done, qmax_next = 10 20 30 40
 *   env 1: r = 0.5 1 2 -1, done at t = 1, qmax_next = 6 50 8 12
 * Textbook, env 0:
 *   R3 = 4 + .5 * 40                        = 24
 *   R2 = 3 + .5 (.5 * 24 + .5 * 30)         = 3 + .5 * 27     = 16.5
 *   R1 = 2 + .5 (.5 * 16.5 + .5 * 20)       = 2 + .5 * 18.25  = 11.125
 *   R0 = 1 + .5 (.5 * 11.125 + .5 * 10)     = 1 + .5 * 10.5625 = 6.28125
 * Reference quirk, env 0 (R2 bootstraps from (1 - d3) qmax_next[3] = 40 instead of qmax_next[2] = 30):
 *   R3 = 24
 *   R2 = 3 + .5 (.5 * 24 + .5 * 40)         = 3 + .5 * 32     = 19
 *   R1 = 2 + .5 (.5 * 19 + .5 * 20)         = 2 + .5 * 19.5   = 11.75
 *   R0 = 1 + .5 (.5 * 11.75 + .5 * 10)      = 1 + .5 * 10.875 = 6.4375
 * Textbook, env 1:
 *   R3 = -1 + .5 * 12                       = 5
 *   R2 = 2 + .5 (.5 * 5 + .5 * 8)           = 2 + .5 * 6.5    = 5.25
 *   R1 = 1 (done: the recursion restarts; qmax_next[1] = 50 is the next episode's and unused)
 *   R0 = .5 + .5 (.5 * 1 + .5 * 6)          = .5 + .5 * 3.5   = 2.25
 * Reference quirk, env 1:
 *   R3 = 5
 *   R2 = 2 + .5 (.5 * 5 + .5 * 12)          = 2 + .5 * 8.5    = 6.25
 *   R1 = 1, R0 = 2.25 (the done at t = 1 stops the quirk from propagating)
 * So the two differ at t = 0, 1, 2 of env 0 and t = 2 of env 1, and agree elsewhere. */
static void test_lambda_returns(void) {
    enum { T = 4, N = 2 };
    const float rew[T * N] = {1, 0.5f, 2, 1, 3, 2, 4, -1};
    const float done[T * N] = {0, 0, 0, 1, 0, 0, 0, 0};
    const float qn[T * N] = {10, 6, 20, 50, 30, 8, 40, 12};
    const float want_text[T * N] = {6.28125f, 2.25f, 11.125f, 1, 16.5f, 5.25f, 24, 5};
    const float want_quirk[T * N] = {6.4375f, 2.25f, 11.75f, 1, 19, 6.25f, 24, 5};
    float rt[T * N], rq[T * N];
    pqn_lambda_returns(rew, done, qn, T, N, 0.5f, 0.5f, 1, rt);
    pqn_lambda_returns(rew, done, qn, T, N, 0.5f, 0.5f, 0, rq);
    int bad_t = 0, bad_q = 0, differ = 0;
    for (int i = 0; i < T * N; i++) {
        bad_t += rt[i] != want_text[i];
        bad_q += rq[i] != want_quirk[i];
        differ |= (rt[i] != rq[i]) << i;
    }
    CHECK(bad_t == 0, "textbook lambda-returns: %d of 8 wrong (R0 env0 %g, want 6.28125)", bad_t, rt[0]);
    CHECK(bad_q == 0, "reference lambda-returns: %d of 8 wrong (R0 env0 %g, want 6.4375)", bad_q, rq[0]);
    /* index t*N + e: env 0 at t = 0,1,2 -> bits 0, 2, 4; env 1 at t = 2 -> bit 5 */
    CHECK(differ == ((1 << 0) | (1 << 2) | (1 << 4) | (1 << 5)), "quirk and textbook differ at 0x%x, want 0x35",
          differ);

    /* lambda = 0: one-step targets r + gamma (1 - d) V(s'), in both forms except the quirk's step */
    float r0[T * N];
    pqn_lambda_returns(rew, done, qn, T, N, 0.5f, 0.0f, 1, r0);
    int bad = 0;
    for (int i = 0; i < T * N; i++) bad += r0[i] != rew[i] + 0.5f * (1.0f - done[i]) * qn[i];
    CHECK(bad == 0, "lambda = 0 gives one-step TD targets (%d wrong)", bad);
    /* lambda = 1: discounted rewards to the episode end or the rollout's bootstrap */
    float r1[T * N];
    pqn_lambda_returns(rew, done, qn, T, N, 0.5f, 1.0f, 1, r1);
    const float mc0 = 1 + .5f * (2 + .5f * (3 + .5f * (4 + .5f * 40)));
    const float mc1 = .5f + .5f * 1;
    CHECK(r1[0] == mc0 && r1[1] == mc1, "lambda = 1 gives n-step returns: %g %g, want %g %g", r1[0], r1[1], mc0, mc1);
    /* T = 1 and T = 2 edge cases: the quirk's step is the first one when T = 2 */
    float one;
    pqn_lambda_returns(rew, done, qn, 1, 1, 0.5f, 0.5f, 0, &one);
    CHECK(one == 1 + .5f * 10, "T = 1: R = r + gamma V(s_1) (got %g)", one);
    const float rw2[2] = {1, 1}, dn2[2] = {0, 0}, qn2[2] = {2, 4};
    float rq2[2], rt2[2];
    pqn_lambda_returns(rw2, dn2, qn2, 2, 1, 0.5f, 0.5f, 0, rq2);
    pqn_lambda_returns(rw2, dn2, qn2, 2, 1, 0.5f, 0.5f, 1, rt2);
    /* R1 = 1 + .5 * 4 = 3; textbook R0 = 1 + .5 (.5 * 3 + .5 * 2) = 2.25; quirk uses 4: 2.75 */
    CHECK(rt2[0] == 2.25f && rq2[0] == 2.75f && rt2[1] == 3 && rq2[1] == 3, "T = 2: %g %g (want 2.25 2.75)", rt2[0],
          rq2[0]);
    /* done at the last step: R1 = 1; textbook R0 = 1 + .5 (.5 * 1 + .5 * 2) = 1.75; the reference
     * carries the *masked* value of the state after the rollout, (1 - d1) * 4 = 0: 1 + .5 * .5 = 1.25 */
    const float dn3[2] = {0, 1};
    pqn_lambda_returns(rw2, dn3, qn2, 2, 1, 0.5f, 0.5f, 0, rq2);
    pqn_lambda_returns(rw2, dn3, qn2, 2, 1, 0.5f, 0.5f, 1, rt2);
    CHECK(rt2[0] == 1.75f && rq2[0] == 1.25f && rt2[1] == 1 && rq2[1] == 1, "T = 2, last step done: %g %g (want 1.75 1.25)",
          rt2[0], rq2[0]);
}

/* ---- 2. defaults of SCORER.md section 5 */
static void test_defaults(void) {
    PqnConfig c = pqn_defaults(0), m = pqn_defaults(1);
    CHECK(c.num_envs == 10 && c.num_steps == 128 && c.num_minibatches == 4 && c.num_epochs == 2, "classic rollout");
    CHECK(m.num_envs == 128 && m.num_steps == 32 && m.num_minibatches == 32 && m.num_epochs == 4, "MinAtar rollout");
    CHECK(c.eps_start == 1.0f && c.eps_finish == 0.05f && c.eps_decay == 0.5f, "classic epsilon");
    CHECK(m.eps_start == 1.0f && m.eps_finish == 0.01f && m.eps_decay == 0.8f, "MinAtar epsilon");
    CHECK(c.leader_lr == 1e-4f && c.follower_lr == 5e-4f && m.leader_lr == 2.5e-4f && m.follower_lr == 5e-4f,
          "learning rates");
    CHECK(c.lambda == 0.95f && m.lambda == 0.65f && c.gamma == 0.99f && m.gamma == 0.99f, "lambda, gamma");
    CHECK(c.max_grad_norm == 0.5f && m.max_grad_norm == 5.0f, "grad clip");
    CHECK(c.latent == 64 && c.q_hidden == 32 && c.q_layers == 1 && m.latent == 128 && m.q_hidden == 64 &&
          m.q_layers == 1, "network widths");
    CHECK(c.decay_horizon == 500000 && m.decay_horizon == 50000000, "decay horizons");
    CHECK(c.textbook_lambda == 0 && c.terminal_on_truncation == 1 && c.reward_scale == 0.1f && m.reward_scale == 1.0f && c.lr_linear_decay,
          "reference behaviour by default");
    CHECK(c.optimizer == OPTIMIZER_ADAM && m.optimizer == OPTIMIZER_ADAM, "Adam by default (the reference: RAdam)");
}

static int toy_env(VecEnv *v, int n, int time_limit) {
    EnvOptions o;
    env_options_default(&o);
    o.time_limit = time_limit;
    return vecenv_init(v, &toy_class, &o, n, 1);
}

/* ---- 3. construction: shapes, parameter count, initialisation, refused configurations */
static void test_init(void) {
    VecEnv v;
    CHECK(toy_env(&v, 4, 0) == 0, "toy env");
    PqnConfig c = toy_cfg();
    Pqn p;
    CHECK(pqn_init(&p, &c, &v, 3) == 0, "pqn_init");
    const size_t L = 16, H = 8, D = TOY_D, A = TOY_A;
    CHECK(p.n_enc == D * L + L + 4 * L, "encoder: Dense + two LayerNorms, %zu params", p.n_enc);
    CHECK(p.n_q == L * H + H + 2 * H + H * A + A, "Q-net: Dense + LayerNorm + Dense, %zu params", p.n_q);
    CHECK(p.enc.n == 4 && p.enc.layer[1].kind == LAYER_LAYERNORM && p.enc.layer[2].kind == LAYER_RELU &&
          p.enc.layer[3].kind == LAYER_LAYERNORM && p.q.n == 4 && p.q.layer[1].kind == LAYER_LAYERNORM,
          "layer plan of section 5");
    CHECK(p.mb_max == 11, "largest minibatch of 32 samples in 3: 11 (got %d)", p.mb_max);
    const float *ln1 = p.params + D * L + L;
    int ln_ok = 1;
    for (size_t j = 0; j < L; j++) ln_ok &= ln1[j] == 1.0f && ln1[L + j] == 0.0f;
    CHECK(ln_ok, "LayerNorm starts as (1, 0)");
    /* LeCun normal: variance 1/fan_in, truncated at 2 std (variance ~0.774 / fan_in) */
    double s2 = 0;
    for (size_t i = 0; i < D * L; i++) s2 += (double)p.params[i] * p.params[i];
    s2 /= (double)(D * L);
    CHECK(s2 > 0.3 / D && s2 < 1.5 / D, "first layer weight variance %.3g ~ 0.77/%zu", s2, D);
    pqn_free(&p);
    PqnConfig b = c;
    b.num_minibatches = 33; /* more than the 32 samples */
    CHECK(pqn_init(&p, &b, &v, 3) == -1, "more minibatches than samples is refused");
    b = c; b.q_layers = PQN_MAX_Q_LAYERS + 1;
    CHECK(pqn_init(&p, &b, &v, 3) == -1, "too many Q layers is refused");
    b = c; b.lambda = 1.5f;
    CHECK(pqn_init(&p, &b, &v, 3) == -1, "lambda outside [0, 1] is refused");
    b = c; b.num_steps = 0;
    CHECK(pqn_init(&p, &b, &v, 3) == -1, "empty rollout is refused");
    b = c; b.optimizer = OPTIMIZER_RADAM + 1;
    CHECK(pqn_init(&p, &b, &v, 3) == -1, "an unknown optimiser is refused");
    b = c; b.q_layers = 3;
    CHECK(pqn_init(&p, &b, &v, 3) == 0 && p.q.n == 10, "three hidden Q layers fit the plan");
    pqn_free(&p);
    vecenv_free(&v);
}

/* Small random offsets so LayerNorm scales/offsets and biases are generic. */
static void jiggle(Pqn *p) {
    for (size_t i = 0; i < p->n; i++) p->params[i] += 0.1f * (rng_uniformf(&rng) - 0.5f);
    pqn_params_changed(p);
}

static double loss_at(Pqn *p, const float *obs, const int *act, const float *y, int B, int kind) {
    pqn_params_changed(p); /* the finite differences change params in place */
    const float *q = pqn_q(p, obs, B);
    float sel[16];
    for (int i = 0; i < B; i++) sel[i] = q[i * TOY_A + act[i]];
    return kind == FOLLOWER_VARIANCE ? loss_error_variance(sel, y, NULL, B) : loss_mse(sel, y, NULL, B);
}

/* Each player steps with the optimiser configured: RAdam's first step is lr times the clipped gradient
 * (momentum only while rho_t < 5), Adam's lr times its sign (mhat / sqrt(vhat) = g / |g|). */
static void test_optimizer(void) {
    enum { B = 10 };
    VecEnv v;
    toy_env(&v, 4, 0);
    static const char *const wn[] = {"leader", "follower", "baseline"}, *const on[] = {"adam", "radam"};
    for (int opt = OPTIMIZER_ADAM; opt <= OPTIMIZER_RADAM; opt++)
        for (int who = 0; who < 3; who++) {
            PqnConfig c = toy_cfg();
            c.optimizer = opt;
            c.max_grad_norm = 0.05f; /* clipped: grads hold the clipped gradient the step used */
            Pqn p;
            CHECK(pqn_init(&p, &c, &v, 21) == 0, "pqn_init (%s)", on[opt]);
            jiggle(&p);
            float obs[B * TOY_D], y[B], *before = malloc(p.n * sizeof(float));
            int act[B];
            fill(obs, B * TOY_D, -1, 1);
            fill(y, B, -2, 2);
            for (int i = 0; i < B; i++) act[i] = (int)rng_below(&rng, TOY_A);
            memcpy(before, p.params, p.n * sizeof(float));
            memset(p.grads, 0, p.n * sizeof(float));
            const float lr = 1e-2f;
            double gn, d = 0;
            if (who == 0) pqn_leader_step(&p, obs, act, y, B, lr, &gn);
            else if (who == 1) pqn_follower_step(&p, obs, act, y, B, lr, FOLLOWER_MSBE, &gn);
            else pqn_joint_step(&p, obs, act, y, B, lr, &gn);
            const size_t lo = who == 0 ? p.n_enc : 0, hi = who == 1 ? p.n_enc : p.n;
            int moved = 0;
            for (size_t i = lo; i < hi; i++) {
                const double g = p.grads[i];
                const double want = opt == OPTIMIZER_RADAM ? lr * g : g == 0 ? 0.0 : lr * g / (fabs(g) + 1e-8);
                d = fmax(d, fabs((double)before[i] - p.params[i] - want));
                moved += before[i] != p.params[i];
            }
            const Adam *a = who == 0 ? &p.leader : who == 1 ? &p.follower : &p.joint;
            CHECK(gn > 0.05 && moved > 0 && a->t == 1 && d < 1e-6, "%s's first %s step: max diff %.3g from lr x %s (%d moved)",
                  wn[who], on[opt], d, opt == OPTIMIZER_RADAM ? "the gradient" : "its sign", moved);
            free(before);
            pqn_free(&p);
        }
    vecenv_free(&v);
}

/* ---- 4. gradients through the whole network (encoder LayerNorms, ReLU, Q-net LayerNorm) against
 * central differences; ReLU kinks may flip for a few coordinates, so the error is measured
 * relative to the whole vector. Then each player's own gradient and which parameters it moves. */
static void test_gradients(void) {
    enum { B = 10 }; /* within the workspace (mb_max = 11) */
    VecEnv v;
    toy_env(&v, 4, 0);
    PqnConfig c = toy_cfg();
    c.max_grad_norm = 0.0f; /* no clipping: a step with lr = 0 leaves the raw gradient in grads */
    for (int kind = 0; kind < 2; kind++) {
        Pqn p;
        pqn_init(&p, &c, &v, 11 + (uint64_t)kind);
        jiggle(&p);
        float obs[B * TOY_D], y[B];
        int act[B];
        fill(obs, B * TOY_D, -1, 1);
        fill(y, B, -2, 2);
        for (int i = 0; i < B; i++) act[i] = (int)rng_below(&rng, TOY_A);
        float loss = pqn_loss_grad(&p, obs, act, y, B, kind);
        CHECK(check_close(loss, loss_at(&p, obs, act, y, B, kind), 1e-5), "pqn_loss_grad returns the loss");
        float *g = malloc(p.n * sizeof(float));
        memcpy(g, p.grads, p.n * sizeof(float));
        const float h = 3e-3f;
        double err[2] = {0, 0}, nrm[2] = {0, 0};
        for (size_t i = 0; i < p.n; i++) {
            float keep = p.params[i];
            p.params[i] = keep + h;
            double lp = loss_at(&p, obs, act, y, B, kind);
            p.params[i] = keep - h;
            double lm = loss_at(&p, obs, act, y, B, kind);
            p.params[i] = keep;
            double fd = (lp - lm) / (2.0 * h);
            int part = i >= p.n_enc;
            err[part] += (fd - g[i]) * (fd - g[i]);
            nrm[part] += fd * fd;
        }
        pqn_params_changed(&p); /* the last one was put back in place */
        static const char *kn[] = {"MSE", "variance"};
        CHECK(nrm[0] > 0 && sqrt(err[0] / nrm[0]) < 2e-2, "%s: encoder (phi) gradient relative error %.3g", kn[kind],
              sqrt(err[0] / nrm[0]));
        CHECK(nrm[1] > 0 && sqrt(err[1] / nrm[1]) < 2e-2, "%s: Q-net (theta) gradient relative error %.3g", kn[kind],
              sqrt(err[1] / nrm[1]));

        /* each player's gradient is its part of the joint one (lr = 0: no move) */
        double gn;
        memset(p.grads, 0, p.n * sizeof(float));
        if (kind == FOLLOWER_MSBE) {
            pqn_leader_step(&p, obs, act, y, B, 0.0f, &gn);
            double d = 0, outside = 0;
            for (size_t i = 0; i < p.n; i++) {
                if (i < p.n_enc) outside += fabs(p.grads[i]);
                else d = fmax(d, fabs(p.grads[i] - g[i]));
            }
            CHECK(d < 1e-6 && outside == 0.0, "leader gradient = theta part of the joint one (max diff %.3g)", d);
            CHECK(check_close(gn, adam_global_norm(p.grads + p.n_enc, p.n_q), 1e-5), "leader reports its gradient norm");
            memset(p.grads, 0, p.n * sizeof(float));
            pqn_joint_step(&p, obs, act, y, B, 0.0f, &gn);
            d = 0;
            for (size_t i = 0; i < p.n; i++) d = fmax(d, fabs(p.grads[i] - g[i]));
            CHECK(d < 1e-6, "baseline gradient = joint gradient (max diff %.3g)", d);
        }
        memset(p.grads, 0, p.n * sizeof(float));
        pqn_follower_step(&p, obs, act, y, B, 0.0f, kind, &gn);
        double d = 0, outside = 0;
        for (size_t i = 0; i < p.n; i++) {
            if (i >= p.n_enc) outside += fabs(p.grads[i]);
            else d = fmax(d, fabs(p.grads[i] - g[i]));
        }
        CHECK(d < 1e-6 && outside == 0.0, "%s follower gradient = phi part of the joint one (max diff %.3g)", kn[kind], d);
        CHECK(check_close(gn, adam_global_norm(p.grads, p.n_enc), 1e-5), "follower reports its gradient norm");
        free(g);

        /* real steps: leader moves theta only, follower phi only, baseline both */
        float *before = malloc(p.n * sizeof(float));
        for (int who = 0; who < 3; who++) {
            memcpy(before, p.params, p.n * sizeof(float));
            if (who == 0) pqn_leader_step(&p, obs, act, y, B, 1e-2f, &gn);
            else if (who == 1) pqn_follower_step(&p, obs, act, y, B, 1e-2f, kind, &gn);
            else pqn_joint_step(&p, obs, act, y, B, 1e-2f, &gn);
            int mphi = 0, mtheta = 0;
            for (size_t i = 0; i < p.n; i++) {
                int moved = before[i] != p.params[i];
                if (i < p.n_enc) mphi += moved; else mtheta += moved;
            }
            static const char *wn[] = {"leader", "follower", "baseline"};
            int ok = who == 0 ? (mphi == 0 && mtheta > 0) : who == 1 ? (mphi > 0 && mtheta == 0) : (mphi > 0 && mtheta > 0);
            CHECK(ok, "%s step (%s) moved %d phi and %d theta parameters", wn[who], kn[kind], mphi, mtheta);
        }
        free(before);
        pqn_free(&p);
    }
    vecenv_free(&v);
}

/* ---- 5. a rollout update inside pqn_step equals the same updates done by hand with the public
 * pieces: lambda-returns from the stored values, the same shuffles, leader then follower (fresh
 * forwards) or joint steps on each minibatch. Checks the returns, the shuffling, the encoder
 * reuse in the follower step, and the schedules. */
static void test_rollout_update(void) {
    for (int scorer = 0; scorer < 2; scorer++)
        for (int textbook = 0; textbook < 2; textbook++) {
            VecEnv v;
            toy_env(&v, 4, 5); /* time limit 5: truncations inside the 8-step rollout */
            PqnConfig c = toy_cfg();
            c.scorer = scorer;
            c.textbook_lambda = textbook;
            c.follower_loss = FOLLOWER_VARIANCE;
            c.eps_decay = 0.05f; /* epsilon reaches eps_finish after 50 of the 1000 timesteps */
            Pqn p;
            pqn_init(&p, &c, &v, 5);
            const int N = p.N, T = p.T, S = T * N, D = TOY_D, A = TOY_A;
            for (int i = 0; i < 3 * T - 1; i++) pqn_step(&p); /* two updates, then stop one short */
            CHECK(p.updates == 2 && p.pos == T - 1, "two rollouts trained (%ld), %d stored", p.updates, p.pos);
            /* snapshot everything the last step and the update touch */
            float *params = malloc(4 * p.stride * sizeof(float));
            int *perm = malloc((size_t)S * sizeof(int));
            memcpy(params, p.mem, 4 * p.stride * sizeof(float));
            memcpy(perm, p.perm, (size_t)S * sizeof(int));
            Rng r0 = p.rng;
            Adam al = p.leader, af = p.follower, aj = p.joint;
            const long t0 = p.t;
            CHECK(pqn_step(&p) == 0 && p.updates == 3 && p.pos == 0, "third update");
            float *after = malloc(p.n * sizeof(float));
            memcpy(after, p.params, p.n * sizeof(float));
            /* by hand, from the snapshot */
            memcpy(p.mem, params, 4 * p.stride * sizeof(float));
            pqn_params_changed(&p); /* written in place: the steps now leave the cached transposes current */
            p.rng = r0;
            p.leader = al; p.follower = af; p.joint = aj;
            memcpy(p.perm, perm, (size_t)S * sizeof(int));
            float eps = schedule_epsilon(t0, c.eps_start, c.eps_finish, (long)(c.eps_decay * c.decay_horizon));
            const float *obs_last = p.r_obs + (size_t)(T - 1) * N * D;
            const float *q = pqn_q(&p, obs_last, N);
            int acts[16];
            explore_epsilon_greedy(q, N, A, eps, &p.rng, acts); /* the same draws as the step made */
            CHECK(memcmp(acts, p.r_act + (T - 1) * N, sizeof(int) * (size_t)N) == 0, "replayed actions");
            float qmax[(8 + 1) * 4], ret[8 * 4];
            for (int t = 0; t <= T; t++) {
                q = pqn_q(&p, t < T ? p.r_obs + (size_t)t * N * D : v.obs, N);
                for (int e = 0; e < N; e++) qmax[t * N + e] = q[e * A + explore_argmax(q + e * A, A)];
            }
            int qbad = 0;
            for (int i = 0; i < (T + 1) * N; i++) qbad += qmax[i] != p.r_qmax[i];
            CHECK(qbad == 0, "stored max_a Q(s_t) of the rollout and of the state after it (%d differ)", qbad);
            pqn_lambda_returns(p.r_rew, p.r_done, qmax + N, T, N, c.gamma, c.lambda, textbook, ret);
            CHECK(memcmp(ret, p.r_ret, sizeof ret) == 0, "rollout lambda-returns");
            int ndone = 0;
            for (int i = 0; i < S; i++) ndone += p.r_done[i] != 0.0f;
            CHECK(ndone == N, "one truncation per env in the rollout (%d)", ndone);
            const long t = t0 + N;
            const float lrl = schedule_lr(c.leader_lr, t, c.decay_horizon, 1), lrf = schedule_lr(c.follower_lr, t, c.decay_horizon, 1);
            const float lrb = schedule_lr(c.lr, t, c.decay_horizon, 1);
            float mo[11 * TOY_D], my[11];
            int ma[11];
            double g;
            for (int ep = 0; ep < c.num_epochs; ep++) {
                for (int i = S - 1; i > 0; i--) {
                    int j = (int)rng_below(&p.rng, (uint32_t)i + 1u), tmp = p.perm[i];
                    p.perm[i] = p.perm[j];
                    p.perm[j] = tmp;
                }
                for (int k = 0; k < c.num_minibatches; k++) {
                    int lo = k * S / c.num_minibatches, B = (k + 1) * S / c.num_minibatches - lo;
                    for (int b = 0; b < B; b++) {
                        int idx = p.perm[lo + b];
                        memcpy(mo + b * D, p.r_obs + (size_t)idx * D, sizeof(float) * D);
                        ma[b] = p.r_act[idx];
                        my[b] = ret[idx];
                    }
                    if (scorer) {
                        pqn_leader_step(&p, mo, ma, my, B, lrl, &g);
                        pqn_follower_step(&p, mo, ma, my, B, lrf, c.follower_loss, &g);
                    } else {
                        pqn_joint_step(&p, mo, ma, my, B, lrb, &g);
                    }
                }
            }
            CHECK(memcmp(after, p.params, p.n * sizeof(float)) == 0,
                  "%s (textbook %d): pqn_step's update equals the hand-made one", scorer ? "SCORER-PQN" : "PQN", textbook);
            long want = 3L * c.num_epochs * c.num_minibatches;
            CHECK(p.leader_updates == want && p.follower_updates == (scorer ? want : 0),
                  "update counters %ld/%ld, want %ld", p.leader_updates, p.follower_updates, want);
            CHECK(p.t == 3L * T * N && p.iteration == 3L * T && p.eps == c.eps_finish, "t, iteration, epsilon");
            free(params); free(perm); free(after);
            pqn_free(&p);
            vecenv_free(&v);
        }
}

/* ---- 6. truncation: with terminal_on_truncation the truncated step is done with its raw
 * reward; without, it keeps its reward plus gamma max_a Q(final obs) and still cuts the trace. */
static void test_truncation(void) {
    for (int tot = 0; tot < 2; tot++) {
        VecEnv v;
        toy_env(&v, 2, 3);
        PqnConfig c = toy_cfg();
        c.terminal_on_truncation = tot;
        c.reward_scale = 2.0f;
        c.eps_start = c.eps_finish = 0.0f; /* greedy: rewards depend on the actions */
        Pqn p;
        pqn_init(&p, &c, &v, 9);
        for (int i = 0; i < 3; i++) pqn_step(&p);
        float fin[TOY_D];
        toy_obs_at(3, fin);
        const float *q = pqn_q(&p, fin, 1);
        const float vfin = q[explore_argmax(q, TOY_A)];
        int bad = 0;
        for (int t = 0; t < 3; t++)
            for (int e = 0; e < 2; e++) {
                int a = p.r_act[t * 2 + e];
                float r = 2.0f * (a == t % 3 ? 1.0f : 0.0f);
                float want_r = t == 2 && !tot ? r + c.gamma * vfin : r;
                bad += p.r_done[t * 2 + e] != (t == 2 ? 1.0f : 0.0f) || fabsf(p.r_rew[t * 2 + e] - want_r) > 1e-6f;
            }
        CHECK(bad == 0, "terminal_on_truncation = %d: stored done/reward (%d wrong)", tot, bad);
        CHECK(p.episodes == 2 && p.last_return[0] >= 0 && p.last_return[0] <= 3, "episodes counted on truncation");
        CHECK(v.obs[0] == 0.0f, "auto-reset after the time limit");
        pqn_free(&p);
        vecenv_free(&v);
    }
}

/* ---- 7. same seed, same run; another seed, another run */
static void test_determinism(void) {
    VecEnv v[3];
    Pqn p[3];
    PqnConfig c = toy_cfg();
    for (int i = 0; i < 3; i++) {
        toy_env(&v[i], 4, 7);
        pqn_init(&p[i], &c, &v[i], i < 2 ? 42 : 43);
        for (int s = 0; s < 50; s++) pqn_step(&p[i]);
    }
    CHECK(memcmp(p[0].params, p[1].params, p[0].n * sizeof(float)) == 0 && p[0].iter_mean_return == p[1].iter_mean_return,
          "same seed gives the same run");
    CHECK(memcmp(p[0].params, p[2].params, p[0].n * sizeof(float)) != 0, "another seed gives another run");
    for (int i = 0; i < 3; i++) { pqn_free(&p[i]); vecenv_free(&v[i]); }
}

/* ---- 8. divergence is reported, not hidden */
static void test_divergence(void) {
    VecEnv v;
    toy_env(&v, 4, 0);
    PqnConfig c = toy_cfg();
    Pqn p;
    pqn_init(&p, &c, &v, 1);
    p.params[p.n - 1] = NAN; /* an output bias */
    pqn_params_changed(&p);
    int rc = 0;
    for (int i = 0; i < c.num_steps && !rc; i++) rc = pqn_step(&p);
    CHECK(rc == -1 && p.diverged_at == (long)c.num_steps * 4, "non-finite loss stops training (rc %d at %ld)", rc,
          p.diverged_at);
    pqn_free(&p);
    vecenv_free(&v);
}

/* Trains for `steps` timesteps; returns the mean over the last 10% of steps of the mean (over
 * envs) last-episode return, as the trainer's final_return. */
static double train(const EnvClass *ec, PqnConfig c, long steps, uint64_t seed, Pqn *out_stats) {
    EnvOptions o;
    env_options_default(&o);
    VecEnv v;
    if (vecenv_init(&v, ec, &o, c.num_envs, seed)) return NAN;
    Pqn p;
    if (pqn_init(&p, &c, &v, seed)) { vecenv_free(&v); return NAN; }
    const long iters = steps / c.num_envs, last = iters / 10;
    double s = 0;
    int rc = 0;
    for (long i = 0; i < iters && !rc; i++) {
        rc = pqn_step(&p);
        if (i >= iters - last) s += p.iter_mean_return;
    }
    if (out_stats) *out_stats = p;
    pqn_free(&p);
    vecenv_free(&v);
    return rc ? NAN : s / (double)last;
}

/* ---- 9. learning on CartPole-v1 with the classic defaults except two: rewards scaled by 0.1 (as
 * purejaxql's pqn_cartpole.yaml; unscaled, the section-5 rates of 1e-4 cannot grow Q to returns
 * of ~100 within a short run and the greedy policy collapses to one action, return ~9.6), and the
 * decay horizon set to the run so epsilon and the learning rates anneal within it. Random play
 * scores about 22. The returns are the behaviour policy's (epsilon 0.05 at the end). */
static void test_cartpole(void) {
    const EnvClass *ec = env_find("CartPole-v1");
    if (!ec) { printf("CartPole-v1 not registered: learning test skipped\n"); return; }
    const long steps = SANITIZED ? 2 * 1280 : 100000;
    for (int scorer = 0; scorer < 2; scorer++)
        for (uint64_t seed = 0; seed < 2; seed++) {
            PqnConfig c = pqn_defaults(0);
            c.scorer = scorer;
            c.reward_scale = 0.1f;
            c.decay_horizon = steps;
            clock_t c0 = clock();
            Pqn st;
            double r = train(ec, c, steps, seed, &st);
            double sec = (double)(clock() - c0) / CLOCKS_PER_SEC;
            printf("%s CartPole-v1 seed %d: last-10%% return %.1f after %ld steps (%.2f s, %ld episodes)\n",
                   scorer ? "SCORER-PQN" : "PQN", (int)seed, r, steps, sec, st.episodes);
            CHECK(SANITIZED ? isfinite(r) : r > 40.0, "%s seed %d should clearly beat random play (~22): %.1f",
                  scorer ? "SCORER-PQN" : "PQN", (int)seed, r);
        }
}

/* ---- 10. MinAtar: the section-5 MinAtar network runs on Breakout's 10x10x4 grid, and sparse minibatches are exact */
static void test_minatar_runs(void) {
    const EnvClass *ec = env_find("Breakout-MinAtar");
    CHECK(ec != NULL, "Breakout-MinAtar is registered");
    if (!ec) return;
    PqnConfig c = pqn_defaults(1);
    c.num_envs = 16;
    c.num_minibatches = 4;
    Pqn st;
    double r = train(ec, c, 16L * 32 * 3, 0, &st);
    CHECK(isfinite(r) && st.updates == 3 && st.leader_updates == 3L * 4 * 4 && st.n_enc == 400 * 128 + 128 + 4 * 128,
          "Breakout-MinAtar: 3 rollouts of updates (return %g, %ld updates)", r, st.updates);
    /* its binary observations reach the encoder as the indices of their ones (Pqn.sparse): the run must
     * be the one the dense rows give, bit for bit, with SCORER and the baseline */
    for (int scorer = 0; scorer < 2; scorer++) {
        const char *game = scorer ? "Seaquest-MinAtar" : "Breakout-MinAtar";
        c.scorer = scorer;
        float *params[2] = {NULL, NULL};
        int sparse[2] = {0, 0};
        size_t n = 0;
        long leader[2] = {0, 0};
        for (int dense = 0; dense < 2; dense++) {
            EnvOptions o;
            env_options_default(&o);
            VecEnv v;
            Pqn p;
            CHECK(vecenv_init(&v, env_find(game), &o, c.num_envs, 4) == 0 && pqn_init(&p, &c, &v, 4) == 0, "%s", game);
            sparse[dense] = p.sparse;
            if (dense) p.sparse = 0; /* its float minibatch is there: the dense path, as before */
            for (int i = 0; i < 3 * c.num_steps; i++) pqn_step(&p);
            n = p.n;
            params[dense] = malloc(n * sizeof(float));
            memcpy(params[dense], p.params, n * sizeof(float));
            leader[dense] = p.leader_updates;
            pqn_free(&p);
            vecenv_free(&v);
        }
        CHECK(sparse[0] && sparse[1] && leader[0] == 3L * 4 * 4 && leader[1] == leader[0] &&
                  !memcmp(params[0], params[1], n * sizeof(float)),
              "%s, %s: sparse minibatches give the dense run's parameters bit for bit", game, scorer ? "SCORER-PQN" : "PQN");
        free(params[0]);
        free(params[1]);
    }
}

int main(void) {
    rng_seed(&rng, 7, 0);
    test_lambda_returns();
    test_defaults();
    test_init();
    test_gradients();
    test_optimizer();
    test_rollout_update();
    test_truncation();
    test_determinism();
    test_divergence();
    test_minatar_runs();
    test_cartpole();
    return check_done("test_pqn");
}
