/* scorer.c - the Stackelberg players: leader (Q-network) and follower (encoder) updates. */
#include "scorer/players.h"
#include "scorer/loss.h"

float scorer_update_leader(Agent *a, Adam *opt, const Batch *b, const float *y, int B, float lr, double *gnorm) {
    /* batch b of B, targets y: (B,) -> MSE; theta takes one Adam step. z = f_phi(s) treated as a
     * constant: only theta gets gradients */
    float *q_sel = a->scratch, *dsel = q_sel + 2 * a->cfg.max_batch, *dq = dsel + a->cfg.max_batch;
    agent_forward_selected(a, b, B, q_sel);
    float loss = loss_mse(q_sel, y, dsel, B);
    agent_scatter(a, b->act, dsel, B, dq);
    float *theta = a->params + a->n_enc, *gtheta = a->grads + a->n_enc;
    qnet_backward(&a->q, theta, dq, NULL, gtheta, B);
    *gnorm = adam_step(opt, theta, gtheta, a->m + a->n_enc, a->v + a->n_enc, a->n_q, lr);
    agent_changed(a, AGENT_Q);
    return loss;
}

float scorer_update_follower(Agent *a, Adam *opt, const Batch *b, const float *y, int B, float lr,
                             int loss_kind, double *gnorm) {
    /* batch b of B, targets y: (B,) -> MSBE or error variance; phi takes one Adam step. theta
     * frozen: gradients flow through the Q-network into phi only */
    float *q_sel = a->scratch, *dsel = q_sel + 2 * a->cfg.max_batch, *dq = dsel + a->cfg.max_batch;
    float *dz = dq + (size_t)a->cfg.max_batch * a->cfg.n_actions;
    agent_forward_selected(a, b, B, q_sel);
    float loss = loss_kind == FOLLOWER_VARIANCE ? loss_error_variance(q_sel, y, dsel, B) : loss_mse(q_sel, y, dsel, B);
    agent_scatter(a, b->act, dsel, B, dq);
    qnet_backward(&a->q, a->params + a->n_enc, dq, dz, NULL, B);
    net_backward(&a->enc, a->params, dz, NULL, a->grads, B);
    *gnorm = adam_step(opt, a->params, a->grads, a->m, a->v, a->n_enc, lr);
    agent_changed(a, AGENT_ENC);
    return loss;
}
