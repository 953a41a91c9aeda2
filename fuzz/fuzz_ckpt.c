/* fuzz_ckpt.c - libFuzzer harness for the checkpoint reader. Built with -DSCORER_FUZZING so the
 * checksum does not stop mutated inputs before the parser. A checkpoint the reader accepts is then
 * trained on for a few iterations, so that a state it should have refused (an env state out of range,
 * say) shows up as a sanitizer report or a hang. SCORER_FUZZ_ENV=NAME picks the environment (default
 * CartPole-v1), SCORER_FUZZ_ALGO=NAME the algorithm (default scorer-dqn); SCORER_FUZZ_SEED=FILE writes a
 * valid checkpoint of the harness's configuration to FILE (the seed corpus) and exits. */
#include "scorer/checkpoint.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static RunConfig cfg;
static Trainee trainee;
static Curve curve;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    ConfigPairs p = {0};
    char err[600];
    const char *env = getenv("SCORER_FUZZ_ENV");
    const char *algo = getenv("SCORER_FUZZ_ALGO");
    config_pairs_add(&p, "env", env ? env : "CartPole-v1", "fuzz");
    config_pairs_add(&p, "algo", algo ? algo : "scorer-dqn", "fuzz");
    config_pairs_add(&p, "num_envs", "2", "fuzz");
    config_pairs_add(&p, "encoder_layers", "1", "fuzz"); /* small networks: the mutations reach the rest */
    config_pairs_add(&p, "buffer_size", "100", "fuzz");
    config_pairs_add(&p, "learning_starts", "50", "fuzz");
    config_pairs_add(&p, "latent_dim", "16", "fuzz"); /* the narrowest first layer that takes MinAtar's
                                                         * observations as index lists (dense_uses_transpose) */
    config_pairs_add(&p, "q_hidden", "8", "fuzz");
    config_pairs_add(&p, "batch_size", "8", "fuzz");
    if (config_resolve(&cfg, &p, err, sizeof err) || trainee_init(&trainee, &cfg, 0, err, sizeof err)) {
        fprintf(stderr, "fuzz_ckpt: setup failed: %s\n", err);
        exit(1);
    }
    curve.cap = 8;
    curve.t = calloc(8, sizeof(long));
    curve.episodes = calloc(8, sizeof(long));
    curve.ret = calloc(8, sizeof(double));
    curve.leader_loss = calloc(8, sizeof(double));
    curve.follower_loss = calloc(8, sizeof(double));
    curve.eps = calloc(8, sizeof(double));
    const char *seed_file = getenv("SCORER_FUZZ_SEED");
    if (seed_file) {
        TrainProgress tp = {0};
        for (int i = 0; i < 20; i++) trainee_step(&trainee);
        curve.n = 2;
        int rc = ckpt_save(seed_file, &cfg, 0, &trainee, &tp, &curve, err, sizeof err);
        if (rc) fprintf(stderr, "fuzz_ckpt: %s\n", err);
        exit(rc ? 1 : 0);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    TrainProgress tp;
    char err[600];
    if (ckpt_load_mem(data, size, "fuzz.ckpt", &cfg, 0, &trainee, &tp, &curve, err, sizeof err) == 0)
        for (int i = 0; i < 3; i++) trainee_step(&trainee);
    return 0;
}
