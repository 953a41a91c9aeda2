/* parity.c - dumps one SCORER-DQN setup (parameters, targets, a batch), then applies three leader +
 * follower updates; parity.py repeats them with PyTorch and compares (bench/parity/run.sh). */
#include "scorer/agent.h"
#include "scorer/players.h"
#include "scorer/adam.h"
#include <stdio.h>
#include <stdlib.h>
static void dump(const char *name, const float *x, size_t n) { FILE *f = fopen(name, "wb"); fwrite(x, 4, n, f); fclose(f); }
int main(void) {
    Rng rng; rng_seed(&rng, 3, 0);
    AgentConfig c = {.obs_dim = 4, .n_actions = 2, .latent = 64, .encoder_layers = 1, .input_l1norm = 0, .final_l1norm = 1,
                     .q_hidden = 64, .dueling = 0, .dueling_hidden = 32, .act = LAYER_RELU, .max_batch = 64};
    Agent a; agent_init(&a, &c, &rng);
    /* make target differ */
    for (size_t i = 0; i < a.n; i++) a.target[i] = a.params[i] * 0.9f + 0.01f * (rng_uniformf(&rng) - 0.5f);
    enum { B = 64 };
    float obs[B * 4], nobs[B * 4], rew[B], done[B], y[B]; int act[B]; float actf[B];
    for (int i = 0; i < B * 4; i++) { obs[i] = (rng_uniformf(&rng) - 0.5f) * 0.4f; nobs[i] = (rng_uniformf(&rng) - 0.5f) * 0.4f; }
    for (int i = 0; i < B; i++) { act[i] = (int)rng_below(&rng, 2); actf[i] = act[i]; rew[i] = 1.0f; done[i] = (i % 7 == 0); }
    Batch b = {obs, act, rew, done, nobs};
    dump("params0.bin", a.params, a.n); dump("target.bin", a.target, a.n);
    dump("obs.bin", obs, B * 4); dump("nobs.bin", nobs, B * 4); dump("act.bin", actf, B); dump("rew.bin", rew, B); dump("done.bin", done, B);
    agent_targets(&a, &b, B, 0.99f, 0, y); dump("y.bin", y, B);
    Adam lead, fol; adam_init(&lead, 0.5f); adam_init(&fol, 0.5f);
    double g;
    for (int k = 0; k < 3; k++) {
        float l1 = scorer_update_leader(&a, &lead, &b, y, B, 1e-3f, &g);
        float l2 = scorer_update_follower(&a, &fol, &b, y, B, 3e-3f, FOLLOWER_MSBE, &g);
        printf("step %d leader loss %.6f follower loss %.6f\n", k, l1, l2);
    }
    dump("params1.bin", a.params, a.n);
    printf("n_enc %zu n %zu\n", a.n_enc, a.n);
    return 0;
}
