/* monolithic.c - the baseline: encoder and Q-network trained end to end by one optimiser. */
#include "scorer/players.h"
#include "scorer/loss.h"

float monolithic_update(Agent *a, Adam *opt, const Batch *b, const float *y, int B, float lr, double *gnorm) {
    /* batch b of B, targets y: (B,) -> MSE; [phi | theta] takes one Adam step */
    const AgentScratch s = agent_scratch(a);
    agent_forward_selected(a, b, B, s.q_sel);
    float loss = loss_mse(s.q_sel, y, s.dsel, B);
    agent_scatter(a, b->act, s.dsel, B, s.dq);
    qnet_backward(&a->q, a->params + a->n_enc, s.dq, s.dz, a->grads + a->n_enc, B);
    net_backward(&a->enc, a->params, s.dz, NULL, a->grads, B);
    *gnorm = adam_step(opt, a->params, a->grads, a->m, a->v, a->n, lr);
    agent_changed(a, AGENT_ENC | AGENT_Q);
    return loss;
}
