/* test_hotloop.c - the hot loop allocates nothing (docs/LIBRARY.md, the mission's "allocation-free
 * in its hot loop"): once trainee_init has returned, trainee_step performs no malloc, calloc, realloc,
 * aligned allocation or free, for every algorithm and every environment, with a counted window that
 * holds what a real run does there (leader and follower updates, target syncs, PQN rollouts, episode
 * ends and time-limit cuts, the replay wrapping round); and train_seed, the whole loop with its
 * learning curve, allocates exactly as much for a run twice as long.
 *
 * Counting: glibc lets a program replace malloc and friends ("Replacing malloc" in its manual); the
 * replacements here count and hand over to glibc's own allocator (__libc_malloc and friends), so
 * OpenBLAS and libc are counted too. Under AddressSanitizer or ThreadSanitizer, which own malloc, their
 * allocation hooks count instead. Either way the test first checks that the counter sees an allocation
 * made inside the library (trainee_init), so a counter that saw nothing could not pass.
 * Prints "N passed, N failed". */
#include "check.h"
#include "scorer/trainer.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Atomic long allocs; /* allocations and frees seen so far, in any thread */

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
/* compiler-rt's sanitizer/allocator_interface.h, which gcc does not install */
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                              void (*free_hook)(const volatile void *));
static void on_malloc(const volatile void *p, size_t n) { (void)p; (void)n; allocs++; }
static void on_free(const volatile void *p) { (void)p; allocs++; }
static int counting_start(void) { return __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free) ? 0 : -1; }
#elif !defined(__GLIBC__)
#error "test_hotloop counts allocations by replacing glibc's malloc: build it on glibc (Debian), or with SAN=1"
#else
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t m, size_t n);
void *__libc_realloc(void *p, size_t n);
void *__libc_memalign(size_t align, size_t n);
void __libc_free(void *p);
void *malloc(size_t n) { allocs++; return __libc_malloc(n); }
void *calloc(size_t m, size_t n) { allocs++; return __libc_calloc(m, n); }
void *realloc(void *p, size_t n) { allocs++; return __libc_realloc(p, n); }
void free(void *p) { if (p) allocs++; __libc_free(p); }
void *aligned_alloc(size_t align, size_t n) { allocs++; return __libc_memalign(align, n); }
void *memalign(size_t align, size_t n) { allocs++; return __libc_memalign(align, n); }
int posix_memalign(void **out, size_t align, size_t n) {
    allocs++;
    void *p = __libc_memalign(align, n);
    if (!p) return 12; /* ENOMEM */
    *out = p;
    return 0;
}
static int counting_start(void) { return 0; }
#endif

static int resolve(RunConfig *c, const char *env, const char *algo, const char *extra_key, const char *extra_val) {
    ConfigPairs p = {0};
    char err[256];
    config_pairs_add(&p, "env", env, "test");
    config_pairs_add(&p, "algo", algo, "test");
    config_pairs_add(&p, "num_envs", "4", "test");
    config_pairs_add(&p, "buffer_size", "400", "test");     /* wraps after 100 vector steps */
    config_pairs_add(&p, "batch_size", "8", "test");        /* small: the count matters, not the arithmetic */
    config_pairs_add(&p, "latent_dim", "16", "test");
    config_pairs_add(&p, "q_hidden", "16", "test");
    config_pairs_add(&p, "dueling_hidden", "8", "test");
    config_pairs_add(&p, "learning_starts", "200", "test");
    config_pairs_add(&p, "target_interval", "200", "test");
    config_pairs_add(&p, "time_limit", "60", "test");       /* time-limit cuts inside the window */
    config_pairs_add(&p, "num_steps", "16", "test");        /* PQN: rollouts of 16 vector steps, */
    config_pairs_add(&p, "num_minibatches", "2", "test");   /* each trained on in 2 minibatches */
    config_pairs_add(&p, "num_epochs", "1", "test");
    config_pairs_add(&p, "total_timesteps", "40000", "test");
    config_pairs_add(&p, "threads", "1", "test");
    if (extra_key) config_pairs_add(&p, extra_key, extra_val, "test");
    if (config_resolve(c, &p, err, sizeof err)) {
        fprintf(stderr, "config: %s\n", err);
        return -1;
    }
    return 0;
}

/* What the window holds, read from the learner's bookkeeping. */
typedef struct Marks { long t, episodes, leader, follower, rollouts; int wrapped; } Marks;
static Marks marks(const Trainee *tr) {
    Marks m;
    if (tr->pqn) {
        m = (Marks){tr->p.t, tr->p.episodes, tr->p.leader_updates, tr->p.follower_updates, tr->p.updates, 0};
    } else {
        m = (Marks){tr->l.t, tr->l.episodes, tr->l.leader_updates, tr->l.follower_updates, 0, tr->l.replay.full};
    }
    return m;
}

enum { WARMUP = 120, WINDOW = 150 }; /* vector steps: past learning_starts and the wrap, then counted */

static void one_case(const char *env, const char *algo, const char *extra_key, const char *extra_val) {
    char what[160];
    snprintf(what, sizeof what, "%s %s%s%s%s", env, algo, extra_key ? " " : "", extra_key ? extra_key : "",
             extra_key ? "=" : "");
    if (extra_key) strncat(what, extra_val, sizeof what - strlen(what) - 1);
    RunConfig c;
    if (resolve(&c, env, algo, extra_key, extra_val)) { CHECK(0, "%s: configuration resolves", what); return; }
    Trainee tr;
    char msg[256];
    const long before_init = allocs;
    if (trainee_init(&tr, &c, 0, msg, sizeof msg)) { CHECK(0, "%s: trainee_init: %s", what, msg); return; }
    CHECK(allocs > before_init, "%s: the counter sees trainee_init's allocations (%ld)", what, allocs - before_init);
    int rc = 0;
    for (int i = 0; i < WARMUP && !rc; i++) rc = trainee_step(&tr);
    const Marks a = marks(&tr);
    const long counted = allocs;
    for (int i = 0; i < WINDOW && !rc; i++) rc = trainee_step(&tr);
    const long n = allocs - counted;
    const Marks b = marks(&tr);
    CHECK(rc == 0, "%s: trains without diverging", what);
    CHECK(n == 0, "%s: %d steps allocate nothing (%ld allocations or frees)", what, WINDOW, n);
    /* the window held the hot paths */
    CHECK(b.t - a.t == (long)WINDOW * c.num_envs, "%s: the window is %d vector steps", what, WINDOW);
    CHECK(b.episodes > a.episodes, "%s: episodes end inside the window (%ld)", what, b.episodes - a.episodes);
    if (tr.pqn) {
        CHECK(b.rollouts - a.rollouts >= WINDOW / 16 - 1, "%s: PQN trains on rollouts inside the window (%ld)", what,
              b.rollouts - a.rollouts);
    } else {
        CHECK(a.wrapped, "%s: the replay buffer has wrapped round before the window", what);
        CHECK(b.leader > a.leader, "%s: leader (or baseline) updates inside the window (%ld)", what, b.leader - a.leader);
        CHECK(b.t / c.lc.target_interval > a.t / c.lc.target_interval, "%s: a target sync inside the window", what);
    }
    if (c.lc.scorer)
        CHECK(b.follower > a.follower, "%s: follower updates inside the window (%ld)", what, b.follower - a.follower);
    trainee_free(&tr);
}

/* train_seed's allocations do not grow with the run's length (log_interval fixed, no checkpoints). */
static void whole_loop(const char *env, const char *algo) {
    long count[2];
    for (int k = 0; k < 2; k++) {
        RunConfig c;
        if (resolve(&c, env, algo, "log_interval", "400")) { CHECK(0, "%s %s: configuration resolves", env, algo); return; }
        c.total_timesteps = 4000L * (k + 1);
        c.lc.total_timesteps = c.total_timesteps;
        SeedResult r;
        memset(&r, 0, sizeof r);
        const long before = allocs;
        const int rc = train_seed(&c, 0, &r, NULL, NULL);
        CHECK(rc == 0 && !r.failed, "%s %s: train_seed over %ld timesteps", env, algo, c.total_timesteps);
        seed_result_free(&r);
        count[k] = allocs - before;
    }
    CHECK(count[0] > 0 && count[1] == count[0],
          "%s %s: train_seed allocates as much for 8000 timesteps as for 4000 (%ld, %ld)", env, algo, count[0], count[1]);
}

int main(void) {
    CHECK(counting_start() == 0, "allocation counting starts");
    /* it counts every thread's: OpenBLAS's threads, started as the program loads, may allocate meanwhile, so a
     * few tries (one without them is enough to show the counter sees exactly these two) */
    long seen = 0;
    for (int k = 0; k < 20 && seen != 2; k++) {
        const long before = allocs;
        void *volatile probe = malloc(16);
        free(probe);
        seen = allocs - before;
    }
    CHECK(seen == 2, "the counter sees one malloc and one free (%ld)", seen);

    static const char *const algos[] = {"dqn", "ddqn", "dueling-dqn", "dueling-ddqn", "pqn",
                                        "scorer-dqn", "scorer-ddqn", "scorer-dueling-dqn", "scorer-dueling-ddqn",
                                        "scorer-pqn"};
    for (size_t i = 0; i < sizeof algos / sizeof algos[0]; i++) one_case("CartPole-v1", algos[i], NULL, NULL);
    static const char *const envs[] = {"Acrobot-v1", "MountainCar-v0", "Breakout-MinAtar", "Asterix-MinAtar",
                                       "Freeway-MinAtar", "SpaceInvaders-MinAtar", "Seaquest-MinAtar"};
    for (size_t i = 0; i < sizeof envs / sizeof envs[0]; i++) {
        one_case(envs[i], "scorer-dqn", NULL, NULL);
        one_case(envs[i], "dqn", NULL, NULL);
        one_case(envs[i], "scorer-pqn", NULL, NULL);
    }
    /* the other paths: bootstrapped truncation (final observations kept), the variance follower with
     * several best-response steps, float replay for a binary env, Polyak targets, sticky actions, PQN's
 * RAdam */
    one_case("CartPole-v1", "scorer-dqn", "terminal_on_truncation", "0");
    one_case("CartPole-v1", "scorer-dqn", "follower_loss", "variance");
    one_case("CartPole-v1", "scorer-dqn", "follower_steps", "3");
    one_case("Breakout-MinAtar", "scorer-dqn", "obs_bits", "0");
    one_case("Breakout-MinAtar", "scorer-dqn", "tau", "0.005");
    one_case("SpaceInvaders-MinAtar", "dqn", "env_preset", "minatar");
    one_case("CartPole-v1", "scorer-pqn", "terminal_on_truncation", "0");
    one_case("CartPole-v1", "scorer-pqn", "optimizer", "radam"); /* Rectified Adam: leader and follower, */
    one_case("Breakout-MinAtar", "pqn", "optimizer", "radam");   /* the baseline's joint step */

    whole_loop("CartPole-v1", "scorer-dqn");
    whole_loop("Breakout-MinAtar", "scorer-pqn");
    return check_done("test_hotloop");
}
