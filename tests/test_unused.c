/* test_unused.c - config_key_used against training itself: every setting it says an algorithm ignores
 * leaves a short CartPole run bit-identical (two values, both equal to the default's run), and every
 * one it says the algorithm reads changes the run (the two values give different runs). Both
 * directions fail if a key is listed wrongly: an ignored key that matters, or a read one that does not. */
#include "scorer/config.h"
#include "scorer/trainer.h"
#include "check.h"
#include <string.h>

/* Every key that config_key_used calls ignored by some algorithm, with two valid values that differ
 * from each other (and that matter within 2500 steps where the key is read). */
static const char *const values[][3] = {
    {"buffer_size", "500", "700"}, {"batch_size", "16", "32"}, {"eps_anneal_timesteps", "300", "600"},
    {"learning_starts", "400", "600"}, {"leader_interval", "20", "30"}, {"follower_interval", "20", "30"},
    {"target_interval", "200", "300"}, {"tau", "0.5", "0.3"}, {"perception_max_grad_norm", "0.01", "0.001"},
    {"follower_steps", "2", "3"}, {"reference_schedule", "0", "1"}, {"obs_bits", "0", "1"},
    {"encoder_layers", "2", "3"}, {"input_l1norm", "0", "1"}, {"final_l1norm", "0", "1"},
    {"dueling_hidden", "16", "24"}, {"activation", "relu", "tanh"}, {"leader_lr", "1e-3", "2e-3"},
    {"follower_lr", "1e-3", "2e-3"}, {"follower_loss", "msbe", "variance"}, {"lr", "1e-3", "2e-3"},
    {"q_hidden", "16", "24"}, {"num_steps", "64", "100"}, {"num_minibatches", "2", "5"}, {"num_epochs", "1", "3"},
    {"eps_decay", "0.01", "0.02"}, {"decay_horizon", "2000", "3000"}, {"lambda", "0.5", "0.7"},
    {"q_layers", "2", "3"}, {"textbook_lambda", "0", "1"}, {"reward_scale", "0.5", "1"}, {"optimizer", "adam", "radam"},
};
#define NV ((int)(sizeof values / sizeof values[0]))
/* read, but without effect on CartPole: its observations are not binary (obs_bits), and with N = 10
 * the reference's firing pattern is the timestep schedule's (reference_schedule) */
static int no_effect_here(const char *key) { return !strcmp(key, "obs_bits") || !strcmp(key, "reference_schedule"); }

static int train(const char *algo, const char *key, const char *val, SeedResult *r, RunConfig *c) {
    static ConfigPairs p;
    char err[300];
    memset(&p, 0, sizeof p);
    config_pairs_add(&p, "algo", algo, "test");
    config_pairs_add(&p, "total_timesteps", "2500", "test");
    config_pairs_add(&p, "log_interval", "100", "test");
    if (key) config_pairs_add(&p, key, val, "test");
    if (config_resolve(c, &p, err, sizeof err)) { CHECK(0, "%s %s=%s: %s", algo, key, val, err); return -1; }
    if (train_seed(c, 3, r, NULL, NULL) || r->failed) { CHECK(0, "%s %s=%s: %s", algo, key, val, r->error); return -1; }
    return 0;
}

static int same(const SeedResult *a, const SeedResult *b) {
    const Curve *x = &a->curve, *y = &b->curve;
    const size_t n = (size_t)x->n * sizeof(double);
    return x->n == y->n && !memcmp(x->ret, y->ret, n) && !memcmp(x->leader_loss, y->leader_loss, n) &&
           !memcmp(x->follower_loss, y->follower_loss, n) && !memcmp(x->eps, y->eps, n) &&
           !memcmp(x->episodes, y->episodes, (size_t)x->n * sizeof(long));
}

int main(void) {
    /* every branch of the rule: baseline and SCORER, plain and dueling, single and double Q, PQN */
    static const char *const algos[] = {"pqn", "dqn", "scorer-dqn", "dueling-dqn", "scorer-dueling-ddqn", "scorer-pqn"};
    /* sanitizer builds (SCORER_QUICK=1) run ~60x slower: one algorithm there; the plain build checks all */
    const char *quick = getenv("SCORER_QUICK");
    const size_t n_algos = quick && !strcmp(quick, "1") ? 1 : sizeof algos / sizeof *algos;
    static RunConfig c;
    static SeedResult base, r1, r2;
    int listed = 0;
    for (size_t a = 0; a < n_algos; a++) {
        if (train(algos[a], NULL, NULL, &base, &c)) continue;
        const RunConfig def = c;
        char unused[1024];
        const size_t n_unused = config_unused_keys(&def, unused, sizeof unused);
        size_t seen = 0;
        for (int k = 0; k < NV; k++) {
            const char *key = values[k][0];
            const int used = config_key_used(&def, key);
            seen += !used;
            if (train(algos[a], key, values[k][1], &r1, &c) == 0 && train(algos[a], key, values[k][2], &r2, &c) == 0) {
                if (!used)
                    CHECK(same(&r1, &base) && same(&r2, &base), "%s ignores %s, yet %s=%s or %s changes its run", algos[a], key,
                          key, values[k][1], values[k][2]);
                else if (!no_effect_here(key))
                    CHECK(!same(&r1, &r2), "%s reads %s, yet %s=%s and %s give the same run", algos[a], key, key, values[k][1],
                          values[k][2]);
            }
            seed_result_free(&r1);
            seed_result_free(&r2);
        }
        /* the table above holds every key any algorithm ignores (else a new one would go untested) */
        CHECK(seen == n_unused, "%s ignores %zu keys (%s), the table covers %zu", algos[a], n_unused, unused, seen);
        listed += (int)n_unused;
        seed_result_free(&base);
    }
    CHECK(listed > (n_algos > 1 ? 60 : 5), "the algorithms ignore %d keys in all", listed);
    /* config.ini names them in a comment, which checkpoints do not hash (runs made before it resume) */
    static ConfigPairs p;
    char err[300], *text = NULL;
    size_t len = 0;
    config_pairs_add(&p, "algo", "dqn", "test");
    CHECK(config_resolve(&c, &p, err, sizeof err) == 0, "%s", err);
    FILE *m = open_memstream(&text, &len);
    config_write(&c, m);
    fclose(m);
    CHECK(strstr(text, "\n" CONFIG_UNUSED_PREFIX "dqn: ") && strstr(text, "follower_lr, "), "config.ini: %.300s", text);
    CHECK(config_key_used(&c, "nonsense") == -1 && config_key_used(&c, "env") == 1, "unknown and run keys");
    free(text);
    return check_done("test_unused");
}
