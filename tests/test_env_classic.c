/* test_env_classic.c - CartPole-v1, Acrobot-v1, MountainCar-v0: bit-exact replay of refdata/classic,
 * step replay of refdata/classic_native, reset distributions, seeding, termination rules, clamps
 * and wraps, the EnvClass options, and refcheck's handling of malformed and tampered files. */
#include "check.h"
#include "scorer/classic.h"
#include "scorer/refcheck.h"
#include "scorer/vecenv.h"
#include <limits.h>
#include <string.h>
#include <unistd.h>

static const char *const names[3] = {"CartPole-v1", "Acrobot-v1", "MountainCar-v0"};
static char tmpdir[64];

/* Rows of a refdata CSV with t = 0 (episodes) and t >= 1 (steps), counted independently of refcheck. */
static int count_rows(const char *path, long *episodes, long *steps) {
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[1024];
    *episodes = *steps = 0;
    if (!fgets(line, sizeof line, f)) { fclose(f); return -1; }
    while (fgets(line, sizeof line, f)) {
        const char *c = strchr(line, ',');
        if (!c) continue;
        if (strtol(c + 1, NULL, 10) == 0) ++*episodes;
        else ++*steps;
    }
    fclose(f);
    return 0;
}

static void test_refdata(const char *sub, const char *want_mode, double tol) {
    for (int i = 0; i < 3; i++) {
        char path[512], err[512];
        snprintf(path, sizeof path, "%s/%s/%s.csv", check_refdata_dir(), sub, names[i]);
        long episodes, steps;
        if (count_rows(path, &episodes, &steps)) {
            CHECK(0, "cannot read %s (run make refdata, or set SCORER_REFDATA)", path);
            continue;
        }
        RefCheckReport rep;
        int rc = refcheck_file(path, REFCHECK_AUTO, tol, &rep, err, sizeof err);
        CHECK(rc == 0, "%s: %s", path, err);
        if (rc) continue;
        CHECK(!strcmp(rep.env, names[i]) && !strcmp(rep.mode, want_mode), "%s: env %s mode %s", path, rep.env,
              rep.mode);
        CHECK(rep.steps > 0 && rep.steps == steps, "%s: %ld steps checked, file has %ld rows with t >= 1", path,
              rep.steps, steps);
        CHECK(rep.episodes == episodes, "%s: %ld episodes, file has %ld", path, rep.episodes, episodes);
        CHECK(rep.mismatches == 0, "%s: %ld mismatches, first: %s", path, rep.mismatches, rep.first_mismatch);
        double max_dev = strcmp(want_mode, "exact") ? 1e-10 : 0.0;
        CHECK(rep.max_dev <= max_dev, "%s: deviation %g, allowed %g", path, rep.max_dev, max_dev);
        printf("%-16s %-14s %-5s episodes %ld steps %ld mismatches %ld max_dev %.3g\n", sub, rep.env, rep.mode,
               rep.episodes, rep.steps, rep.mismatches, rep.max_dev);
    }
}

/* Each reset value over many seeds stays in [lo, hi] and covers most of it. */
static void check_spread(const char *what, const double *v, int n, double lo, double hi) {
    double mn = v[0], mx = v[0];
    for (int i = 1; i < n; i++) { mn = fmin(mn, v[i]); mx = fmax(mx, v[i]); }
    double margin = 0.02 * (hi - lo);
    CHECK(mn >= lo && mx <= hi, "%s: reset values in [%g, %g], expected inside [%g, %g]", what, mn, mx, lo, hi);
    CHECK(mn < lo + margin && mx > hi - margin, "%s: reset values only cover [%g, %g] of [%g, %g]", what, mn, mx,
          lo, hi);
}

static void test_reset_ranges(void) {
    enum { N = 2000 };
    static double v[4][N];
    CartPole cp;
    for (int i = 0; i < N; i++) {
        cartpole_seed(&cp, (uint64_t)i, 0);
        cartpole_reset(&cp);
        double s[4];
        cartpole_get_state(&cp, s);
        for (int j = 0; j < 4; j++) v[j][i] = s[j];
    }
    for (int j = 0; j < 4; j++) check_spread("CartPole", v[j], N, -0.05, 0.05);

    Acrobot ab;
    int all_float = 1;
    for (int i = 0; i < N; i++) {
        acrobot_seed(&ab, (uint64_t)i, 7);
        acrobot_reset(&ab);
        double s[4];
        acrobot_get_state(&ab, s);
        for (int j = 0; j < 4; j++) { v[j][i] = s[j]; all_float &= s[j] == (double)(float)s[j]; }
    }
    for (int j = 0; j < 4; j++) check_spread("Acrobot", v[j], N, -0.1, 0.1);
    CHECK(all_float, "Acrobot reset values must be float32-rounded (as Gymnasium keeps them)");

    MountainCar mc;
    int at_rest = 1;
    for (int i = 0; i < N; i++) {
        mountaincar_seed(&mc, 12345, (uint64_t)i);
        mountaincar_reset(&mc);
        v[0][i] = mc.position;
        at_rest &= mc.velocity == 0.0;
    }
    check_spread("MountainCar position", v[0], N, -0.6, -0.4);
    CHECK(at_rest, "MountainCar must start at rest");
}

/* Same (seed, stream): identical trajectories under the same actions; another stream: another start. */
static void test_seeding(void) {
    for (int e = 0; e < 3; e++) {
        const EnvClass *cls = env_find(names[e]);
        CHECK(cls != NULL, "%s is not registered", names[e]);
        if (!cls) continue;
        EnvOptions o;
        EnvInfo info;
        env_options_default(&o);
        double a[32], b[32], c[32]; /* env storage, suitably aligned */
        CHECK(cls->state_size <= sizeof a, "%s state is %zu bytes", names[e], cls->state_size);
        cls->init(a, &o, &info);
        cls->init(b, &o, &info);
        cls->init(c, &o, &info);
        cls->seed(a, 42, 3); cls->reset(a);
        cls->seed(b, 42, 3); cls->reset(b);
        cls->seed(c, 42, 4); cls->reset(c);
        float oa[6], ob[6], oc[6];
        cls->observe(a, oa); cls->observe(b, ob); cls->observe(c, oc);
        CHECK(memcmp(oa, oc, sizeof(float) * (size_t)info.obs_dim) != 0, "%s: streams 3 and 4 start alike", names[e]);
        Rng act;
        rng_seed(&act, 9, 0);
        int same = 1, resets = 0;
        for (int t = 0; t < 3000; t++) {
            int action = (int)rng_below(&act, (uint32_t)info.n_actions), ta, tb;
            float ra = cls->step(a, action, &ta), rb = cls->step(b, action, &tb);
            cls->observe(a, oa); cls->observe(b, ob);
            same &= ra == rb && ta == tb && memcmp(oa, ob, sizeof(float) * (size_t)info.obs_dim) == 0;
            if (ta || t % 500 == 499) { cls->reset(a); cls->reset(b); resets++; }
        }
        same &= memcmp(a, b, cls->state_size) == 0;
        CHECK(same, "%s: same seed and actions must give the same trajectory (%d resets)", names[e], resets);
    }
}

static void test_cartpole_rules(void) {
    CartPole e;
    int term;
    float r;
    cartpole_seed(&e, 1, 0);
    cartpole_set_state(&e, (double[]){2.4, 0.1, 0.0, 0.0}); /* x = 2.402 after the step */
    r = cartpole_step(&e, 1, &term);
    CHECK(term && r == 1.0f, "CartPole x = %.6f must terminate (reward %g)", e.x, r);
    cartpole_set_state(&e, (double[]){-2.4, -0.1, 0.0, 0.0});
    cartpole_step(&e, 0, &term);
    CHECK(term, "CartPole x = %.6f must terminate", e.x);
    cartpole_set_state(&e, (double[]){2.39, 0.0, 0.0, 0.0}); /* x stays at 2.39 this step */
    r = cartpole_step(&e, 1, &term);
    CHECK(!term && r == 1.0f && e.x == 2.39, "CartPole x = %.6f must not terminate", e.x);
    const double thr = 12 * 2 * 3.141592653589793 / 360;
    cartpole_set_state(&e, (double[]){0.0, 0.0, thr, 0.01}); /* theta moves past 12 degrees */
    cartpole_step(&e, 1, &term);
    CHECK(term, "CartPole theta = %.6f > %.6f must terminate", e.theta, thr);
    cartpole_set_state(&e, (double[]){0.0, 0.0, -thr + 1e-3, -0.01});
    cartpole_step(&e, 0, &term);
    CHECK(!term, "CartPole theta = %.6f must not terminate yet", e.theta);
    /* the push direction: action 1 accelerates the cart to the right */
    cartpole_set_state(&e, (double[]){0.0, 0.0, 0.0, 0.0});
    cartpole_step(&e, 1, &term);
    CHECK(e.x_dot > 0 && e.theta_dot < 0, "CartPole push right: x_dot %g theta_dot %g", e.x_dot, e.theta_dot);
}

static void test_mountaincar_rules(void) {
    MountainCar e;
    int term;
    float r;
    mountaincar_seed(&e, 1, 0);
    /* left wall: the position clamps to -1.2 and a leftward velocity is zeroed */
    mountaincar_set_state(&e, (double[]){-1.19, -0.05});
    r = mountaincar_step(&e, 0, &term);
    CHECK(e.position == -1.2 && e.velocity == 0.0 && !term && r == -1.0f,
          "MountainCar left wall: p %.17g v %g (expected -1.2, 0)", e.position, e.velocity);
    /* right edge: the position clamps to 0.6 but the speed is kept, goal reached */
    mountaincar_set_state(&e, (double[]){0.59, 0.07});
    r = mountaincar_step(&e, 2, &term);
    CHECK(e.position == 0.6 && e.velocity == 0.07 && term && r == -1.0f,
          "MountainCar right edge: p %g v %g term %d reward %g", e.position, e.velocity, term, r);
    /* speed limit */
    mountaincar_set_state(&e, (double[]){-0.5, 0.0699});
    mountaincar_step(&e, 2, &term);
    CHECK(e.velocity == 0.07, "MountainCar speed must clamp to 0.07, got %.17g", e.velocity);
    /* goal needs p >= 0.5 and v >= 0 */
    mountaincar_set_state(&e, (double[]){0.49, 0.02});
    mountaincar_step(&e, 1, &term);
    CHECK(term, "MountainCar p %g v %g must terminate", e.position, e.velocity);
    mountaincar_set_state(&e, (double[]){0.56, -0.01});
    mountaincar_step(&e, 2, &term);
    CHECK(!term && e.position >= 0.5 && e.velocity < 0, "MountainCar p %g v %g (moving left) must not terminate",
          e.position, e.velocity);
}

static void test_acrobot_rules(void) {
    const double pi = 3.141592653589793;
    Acrobot e;
    int term;
    float r;
    acrobot_seed(&e, 1, 0);
    /* fast link 1 near +pi: it passes pi and must come back as a negative angle */
    acrobot_set_state(&e, (double[]){3.0, 0.0, 4 * pi, 0.0});
    acrobot_step(&e, 1, &term);
    CHECK(e.theta1 < 0 && e.theta1 >= -pi, "Acrobot theta1 must wrap into [-pi, pi]: %g", e.theta1);
    acrobot_set_state(&e, (double[]){-3.0, 0.0, -4 * pi, 0.0}); /* the mirror image */
    acrobot_step(&e, 1, &term);
    CHECK(e.theta1 > 0 && e.theta1 <= pi, "Acrobot theta1 must wrap from below -pi: %g", e.theta1);
    /* velocity clamps, and every angle stays wrapped, over random violent states */
    Rng g;
    rng_seed(&g, 5, 0);
    int in_range = 1, hit1 = 0, hit2 = 0;
    for (int i = 0; i < 5000; i++) {
        double s[4] = {pi * (2 * rng_uniform(&g) - 1), pi * (2 * rng_uniform(&g) - 1),
                       4 * pi * (2 * rng_uniform(&g) - 1), 9 * pi * (2 * rng_uniform(&g) - 1)};
        acrobot_set_state(&e, s);
        acrobot_step(&e, (int)rng_below(&g, 3), &term);
        in_range &= fabs(e.theta1) <= pi && fabs(e.theta2) <= pi && fabs(e.dtheta1) <= 4 * pi &&
                    fabs(e.dtheta2) <= 9 * pi;
        hit1 += fabs(e.dtheta1) == 4 * pi;
        hit2 += fabs(e.dtheta2) == 9 * pi;
    }
    CHECK(in_range, "Acrobot angles must stay in [-pi, pi] and velocities within 4pi / 9pi");
    CHECK(hit1 > 0 && hit2 > 0, "Acrobot velocity clamps never engaged (%d, %d of 5000)", hit1, hit2);
    /* goal: both links pointing up; hanging at rest is not */
    acrobot_set_state(&e, (double[]){pi, 0.0, 0.0, 0.0});
    r = acrobot_step(&e, 1, &term);
    CHECK(term && r == 0.0f, "Acrobot upright must terminate with reward 0 (term %d reward %g)", term, r);
    acrobot_set_state(&e, (double[]){0.0, 0.0, 0.0, 0.0});
    r = acrobot_step(&e, 2, &term);
    CHECK(!term && r == -1.0f, "Acrobot hanging must give -1 and go on (term %d reward %g)", term, r);
    float obs[6];
    acrobot_set_state(&e, (double[]){pi / 2, -pi / 2, 1.5, -2.5});
    acrobot_observe(&e, obs);
    CHECK(fabsf(obs[0]) < 1e-7f && obs[1] == 1.0f && obs[3] == -1.0f && obs[4] == 1.5f && obs[5] == -2.5f,
          "Acrobot obs: %g %g %g %g %g %g", obs[0], obs[1], obs[2], obs[3], obs[4], obs[5]);
}

/* EnvClass metadata, option handling, and a vecenv run that stays finite. */
static void test_classes(void) {
    const int dims[3] = {4, 6, 2}, acts[3] = {2, 3, 3}, limits[3] = {500, 500, 200};
    for (int e = 0; e < 3; e++) {
        const EnvClass *cls = env_find(names[e]);
        if (!cls) continue;
        double buf[32];
        EnvOptions o;
        EnvInfo info;
        env_options_default(&o);
        int rc = cls->init(buf, &o, &info);
        CHECK(rc == 0 && info.obs_dim == dims[e] && info.n_actions == acts[e] && info.time_limit == limits[e] &&
                  !info.binary_obs && !strcmp(cls->family, "classic"),
              "%s: info %d %d %d %d", names[e], info.obs_dim, info.n_actions, info.time_limit, info.binary_obs);
        o.time_limit = 0;
        CHECK(cls->init(buf, &o, &info) == 0 && info.time_limit == 0, "%s: time_limit 0 = none", names[e]);
        o.time_limit = 77;
        CHECK(cls->init(buf, &o, &info) == 0 && info.time_limit == 77, "%s: time_limit override", names[e]);
        env_options_default(&o);
        o.preset = ENV_PRESET_GYMNAX;
        CHECK(cls->init(buf, &o, &info) == 0, "%s: the gymnax preset is accepted", names[e]);
        const char *bad[4] = {"preset minatar", "sticky", "full_action_set", "difficulty_ramping"};
        for (int k = 0; k < 4; k++) {
            env_options_default(&o);
            if (k == 0) o.preset = ENV_PRESET_MINATAR;
            if (k == 1) o.sticky_prob = 0.1;
            if (k == 2) o.full_action_set = 0;
            if (k == 3) o.difficulty_ramping = 1;
            CHECK(cls->init(buf, &o, &info) == -1, "%s: %s must be rejected", names[e], bad[k]);
        }
        /* vecenv: random actions with auto-reset; observations stay finite, rewards valid */
        env_options_default(&o);
        VecEnv v;
        if (vecenv_init(&v, cls, &o, 4, 11) != 0) { CHECK(0, "%s: vecenv_init", names[e]); continue; }
        Rng g;
        rng_seed(&g, 3, 0);
        int actions[4], ok = 1, ends = 0, long_ep = 0, valid = 1;
        float rew[4];
        unsigned char term[4], trunc[4];
        for (int t = 0; t < 3000; t++) {
            for (int i = 0; i < 4; i++) actions[i] = (int)rng_below(&g, (uint32_t)info.n_actions);
            vecenv_step(&v, actions, rew, term, trunc, NULL);
            for (int i = 0; i < 4 * info.obs_dim; i++) ok &= isfinite(v.obs[i]);
            for (int i = 0; i < 4; i++) {
                valid &= cls->valid(v.states + (size_t)i * cls->state_size);
                ends += term[i] || trunc[i];
                long_ep |= v.steps[i] > limits[e];
                ok &= e == 0 ? rew[i] == 1.0f : (rew[i] == -1.0f || (e == 1 && rew[i] == 0.0f && term[i]));
            }
        }
        CHECK(ok && ends > 0 && !long_ep, "%s: vecenv run (obs finite and rewards valid %d, %d episode ends, "
              "overlong %d)", names[e], ok, ends, long_ep);
        CHECK(valid, "%s: every state of the run passes EnvClass.valid", names[e]);
        vecenv_free(&v);
    }
}

/* EnvClass.valid: every registered env has one; a classic state out of the ranges a step leaves it in is
 * refused (an Acrobot angle of 1e300 would hang wrap()), and the state restored passes again. */
/* env (at least state_size bytes, 8-aligned): a fresh env of cls with default options, seeded and reset */
static void fresh_env(const EnvClass *cls, double *env) {
    EnvOptions o;
    EnvInfo info;
    env_options_default(&o);
    cls->init(env, &o, &info);
    cls->seed(env, 7, 0);
    cls->reset(env);
}

static void test_valid(void) {
    for (int e = 0; e < env_count(); e++) CHECK(env_at(e)->valid != NULL, "%s has EnvClass.valid", env_at(e)->name);
    const double huge = 1e300, nan = NAN, inf = INFINITY;
    struct { int env, field; double value; } bad[] = {
        {0, 0, nan}, {0, 1, inf}, {0, 2, -inf}, {0, 3, nan},
        {1, 0, huge}, {1, 1, -3.2}, {1, 2, 4 * 3.15}, {1, 3, -9 * 3.15}, {1, 0, nan}, {1, 3, nan},
        {2, 0, 0.61}, {2, 0, -1.21}, {2, 1, 0.071}, {2, 1, -0.071}, {2, 0, nan}, {2, 1, nan},
    };
    for (int k = 0; k < (int)(sizeof bad / sizeof bad[0]); k++) {
        const EnvClass *cls = env_find(names[bad[k].env]);
        double env[32], *field = env + bad[k].field; /* the doubles come first in each struct */
        fresh_env(cls, env);
        const double keep = *field;
        const int before = cls->valid(env);
        *field = bad[k].value;
        const int after = cls->valid(env);
        *field = keep;
        CHECK(before && !after && cls->valid(env), "%s: field %d = %g refused (valid %d -> %d)", cls->name,
              bad[k].field, bad[k].value, before, after);
    }
    for (int e = 0; e < 3; e++) { /* an all-zero RNG (the struct's last member) */
        const EnvClass *cls = env_find(names[e]);
        double env[32];
        fresh_env(cls, env);
        const int before = cls->valid(env);
        memset((unsigned char *)env + cls->state_size - sizeof(Rng), 0, sizeof(Rng));
        CHECK(before && !cls->valid(env), "%s: an all-zero RNG is refused", cls->name);
    }
}

/* Without a time limit the vecenv does not count steps (an endless episode would overflow the count): a count
 * left at INT_MAX (say, by an old checkpoint) stays there, no truncation (UBSan checks the arithmetic). */
static void test_no_limit_count(void) {
    const EnvClass *cls = env_find("CartPole-v1");
    EnvOptions o;
    env_options_default(&o);
    o.time_limit = 0;
    VecEnv v;
    if (vecenv_init(&v, cls, &o, 1, 5) != 0) { CHECK(0, "vecenv_init without a time limit"); return; }
    v.steps[0] = INT_MAX;
    int a = 0, trunc_seen = 0;
    float rew;
    unsigned char term, trunc;
    for (int t = 0; t < 3; t++) {
        vecenv_step(&v, &a, &rew, &term, &trunc, NULL);
        trunc_seen |= trunc;
    }
    CHECK(!trunc_seen && v.steps[0] == INT_MAX, "no time limit: no truncation, count untouched (%d)", v.steps[0]);
    vecenv_free(&v);
}

static int write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs(text, f);
    return fclose(f);
}

/* refcheck must refuse malformed files with a message naming the file and line. */
static void test_refcheck_malformed(void) {
    static const char *const header = "episode,t,action,s0,s1,obs0,obs1,reward,terminated,truncated\n";
    static const char *const row0 = "0,0,-1,-0.5,0.0,-0.5,0,0,0,0\n";
    char big[2048];
    memset(big, '1', sizeof big - 2);
    big[sizeof big - 2] = '\n';
    big[sizeof big - 1] = '\0';
    struct { const char *what, *rows, *needle; } cases[] = {
        {"too few fields", "0,1,1,-0.5,0.0,-0.5,0,-1.0,0\n", ":3:"},
        {"non-numeric field", "0,1,1,-0.5,zero,-0.5,0,-1.0,0,0\n", ":3:"},
        {"empty field", "0,1,1,-0.5,,-0.5,0,-1.0,0,0\n", ":3:"},
        {"line too long", big, ":3:"},
        {"t out of order", "0,2,1,-0.5,0.0,-0.5,0,-1.0,0,0\n", ":3:"},
        {"bad action", "0,1,7,-0.5,0.0,-0.5,0,-1.0,0,0\n", ":3:"},
        {"impossible state (t = 0)", "0,1,1,-0.5,0.0,-0.5,0,-1.0,1,0\n1,0,-1,7.5,0.0,7.5,0,0,0,0\n", ":4: the row's state"},
    };
    char path[128], err[512], text[4096];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(path, sizeof path, "%s/MountainCar-v0.csv", tmpdir);
        snprintf(text, sizeof text, "%s%s%s", header, row0, cases[i].rows);
        if (write_file(path, text)) { CHECK(0, "cannot write %s", path); return; }
        RefCheckReport rep;
        err[0] = '\0';
        int rc = refcheck_file(path, REFCHECK_AUTO, 0, &rep, err, sizeof err);
        CHECK(rc == -1 && strstr(err, path) && strstr(err, cases[i].needle) && !strchr(err, '\n'),
              "%s: rc %d, message '%s'", cases[i].what, rc, err);
    }
    /* step mode sets the state of the row before each step: an Acrobot angle of 1e300 would hang wrap() */
    snprintf(path, sizeof path, "%s/Acrobot-v1.csv", tmpdir);
    write_file(path, "episode,t,action,s0,s1,s2,s3,obs0,obs1,obs2,obs3,obs4,obs5,reward,terminated,truncated\n"
                     "0,0,-1,0.01,0.02,0.03,0.04,1,0.01,1,0.02,0.03,0.04,0,0,0\n"
                     "0,1,1,1e300,0.02,0.03,0.04,1,0.01,1,0.02,0.03,0.04,-1.0,0,0\n"
                     "0,2,1,0.01,0.02,0.03,0.04,1,0.01,1,0.02,0.03,0.04,-1.0,0,0\n");
    err[0] = '\0';
    RefCheckReport srep;
    const int src = refcheck_file(path, REFCHECK_STEP, 0, &srep, err, sizeof err);
    CHECK(src == -1 && strstr(err, ":3: the row's state is outside Acrobot-v1's range"),
          "Acrobot step mode, angle 1e300: rc %d, message '%s'", src, err);
    /* a header naming no known env */
    snprintf(path, sizeof path, "%s/unknown.csv", tmpdir);
    write_file(path, "episode,t,action,s0,s1,s2,obs0,reward,terminated,truncated\n0,0,-1,0,0,0,0,0,0,0\n");
    RefCheckReport rep;
    CHECK(refcheck_file(path, REFCHECK_AUTO, 0, &rep, err, sizeof err) == -1 && strstr(err, path),
          "unknown env: message '%s'", err);
    /* the file name and the columns disagree */
    snprintf(path, sizeof path, "%s/CartPole-v1.csv", tmpdir);
    snprintf(text, sizeof text, "%s%s", header, row0);
    write_file(path, text);
    CHECK(refcheck_file(path, REFCHECK_AUTO, 0, &rep, err, sizeof err) == -1 && strstr(err, "CartPole-v1"),
          "name/columns disagree: message '%s'", err);
    /* a well-formed file of one MountainCar step passes (a step that reaches the goal: an episode must end) */
    snprintf(path, sizeof path, "%s/MountainCar-v0.csv", tmpdir);
    MountainCar mc;
    mountaincar_set_state(&mc, (double[]){0.49, 0.07});
    int term;
    mountaincar_step(&mc, 2, &term);
    snprintf(text, sizeof text, "%s0,0,-1,0.49,0.07,0.49,0.07,0,0,0\n0,1,2,%.17g,%.17g,%.9g,%.9g,-1.0,%d,0\n", header,
             mc.position, mc.velocity, (double)(float)mc.position, (double)(float)mc.velocity, term != 0);
    write_file(path, text);
    int rc = refcheck_file(path, REFCHECK_AUTO, 0, &rep, err, sizeof err);
    CHECK(rc == 0 && rep.steps == 1 && rep.mismatches == 0, "one-step file: rc %d steps %ld mismatches %ld (%s)",
          rc, rep.steps, rep.mismatches, rc ? err : rep.first_mismatch);
}

/* A copy of CartPole-v1.csv with one digit of one state changed must be reported, in both modes. */
static void test_refcheck_tampered(void) {
    char src[512], dst[128], err[512], line[1024];
    snprintf(src, sizeof src, "%s/classic/CartPole-v1.csv", check_refdata_dir());
    snprintf(dst, sizeof dst, "%s/CartPole-v1.csv", tmpdir);
    FILE *in = fopen(src, "r"), *out = fopen(dst, "w");
    if (!in || !out) {
        CHECK(0, "cannot copy %s to %s", src, dst);
        if (in) fclose(in);
        if (out) fclose(out);
        return;
    }
    int lineno = 0, changed = 0;
    while (fgets(line, sizeof line, in)) {
        if (++lineno == 10) {
            /* fields: episode,t,action,s0,s1,s2,... -> change the leading digit of s2 */
            char *p = line;
            for (int field = 0; field < 5 && p; field++) p = strchr(p + 1, ',');
            for (p = p ? p + 1 : NULL; p && *p && *p != ','; p++)
                if (*p >= '1' && *p <= '9') {
                    *p = *p == '9' ? '8' : (char)(*p + 1);
                    changed = 1;
                    break;
                }
        }
        fputs(line, out);
    }
    fclose(in);
    fclose(out);
    CHECK(changed, "could not tamper with line 10 of %s", dst);
    RefCheckReport rep;
    int rc = refcheck_file(dst, REFCHECK_EXACT, 0, &rep, err, sizeof err);
    CHECK(rc == 0 && rep.mismatches > 0 && strstr(rep.first_mismatch, "t 8: s2"),
          "tampered copy, exact: rc %d, %ld mismatches, first '%s'", rc, rep.mismatches, rep.first_mismatch);
    rc = refcheck_file(dst, REFCHECK_STEP, 0, &rep, err, sizeof err);
    CHECK(rc == 0 && rep.mismatches > 0 && rep.max_dev > 1e-10,
          "tampered copy, step: rc %d, %ld mismatches, max_dev %g", rc, rep.mismatches, rep.max_dev);
}

int main(void) {
    snprintf(tmpdir, sizeof tmpdir, "/tmp/scorer-classic-XXXXXX");
    if (!mkdtemp(tmpdir)) { perror("mkdtemp"); return 1; }
    test_refdata("classic", "exact", 0);
    test_refdata("classic_native", "step", 1e-10);
    test_reset_ranges();
    test_seeding();
    test_cartpole_rules();
    test_mountaincar_rules();
    test_acrobot_rules();
    test_classes();
    test_valid();
    test_no_limit_count();
    test_refcheck_malformed();
    test_refcheck_tampered();
    const char *files[] = {"MountainCar-v0.csv", "CartPole-v1.csv", "unknown.csv", "Acrobot-v1.csv"};
    char path[128];
    for (int i = 0; i < (int)(sizeof files / sizeof files[0]); i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, files[i]);
        unlink(path);
    }
    CHECK(rmdir(tmpdir) == 0, "the temporary folder %s should be empty at the end", tmpdir);
    return check_done("test_env_classic");
}
