/* monolithic.c - the baseline: encoder and Q-network trained end to end by one optimiser. */
#include "scorer/players.h"
#include "scorer/loss.h"

float monolithic_update(Agent *a, Adam *opt, const Batch *b, const float *y, int B, float lr, double *gnorm) {
    /* batch b of B, targets y: (B,) -> MSE; [phi | theta] takes one Adam step */
    float *q_sel = a->scratch, *dsel = q_sel + 2 * a->cfg.max_batch, *dq = dsel + a->cfg.max_batch;
    float *dz = dq + (size_t)a->cfg.max_batch * a->cfg.n_actions;
    agent_forward_selected(a, b, B, q_sel);
    float loss = loss_mse(q_sel, y, dsel, B);
    agent_scatter(a, b->act, dsel, B, dq);
    qnet_backward(&a->q, a->params + a->n_enc, dq, dz, a->grads + a->n_enc, B);
    net_backward(&a->enc, a->params, dz, NULL, a->grads, B);
    *gnorm = adam_step(opt, a->params, a->grads, a->m, a->v, a->n, lr);
    agent_changed(a, AGENT_ENC | AGENT_Q);
    return loss;
}
