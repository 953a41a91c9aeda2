/* scorer.c - SCORER's two players, declared in players.h (scorer.h is the umbrella header that
 * includes every header). The leader is the Q-network Q_theta: one Adam step on the MSBE of a batch,
 * its input, the encoding z = f_phi(s), held constant. The follower is the encoder f_phi: one Adam
 * step that best-responds to the leader, its loss (the MSBE or the Bellman error's variance) taken
 * through the leader's just-updated, frozen theta. These two are the DQN family's players
 * (learner.c); SCORER-PQN's are leader() and follower() in pqn.c. The baseline's joint step over
 * [phi | theta] is monolithic_update in monolithic.c (PQN's: joint() in pqn.c). */
#include "scorer/players.h"
#include "scorer/loss.h"

float scorer_update_leader(Agent *a, Adam *opt, const Batch *b, const float *y, int B, float lr, double *gnorm) {
    /* batch b of B, targets y: (B,) -> MSE; theta takes one Adam step. z = f_phi(s) treated as a
     * constant: only theta gets gradients */
    const AgentScratch s = agent_scratch(a);
    agent_forward_selected(a, b, B, s.q_sel);
    float loss = loss_mse(s.q_sel, y, s.dsel, B);
    agent_scatter(a, b->act, s.dsel, B, s.dq);
    float *theta = a->params + a->n_enc, *gtheta = a->grads + a->n_enc;
    /* dz NULL: z is a constant, so no gradient with respect to it is asked for and phi gets none */
    qnet_backward(&a->q, theta, s.dq, NULL, gtheta, B);
    *gnorm = adam_step(opt, theta, gtheta, a->m + a->n_enc, a->v + a->n_enc, a->n_q, lr);
    agent_changed(a, AGENT_Q); /* theta moved: the Q-network's cached w^T is remade at its next forward */
    return loss;
}

float scorer_update_follower(Agent *a, Adam *opt, const Batch *b, const float *y, int B, float lr,
                             int loss_kind, double *gnorm) {
    /* batch b of B, targets y: (B,) -> MSBE or error variance; phi takes one Adam step. theta
     * frozen: gradients flow through the Q-network into phi only */
    const AgentScratch s = agent_scratch(a);
    agent_forward_selected(a, b, B, s.q_sel);
    float loss = loss_kind == FOLLOWER_VARIANCE ? loss_error_variance(s.q_sel, y, s.dsel, B)
                                                : loss_mse(s.q_sel, y, s.dsel, B);
    agent_scatter(a, b->act, s.dsel, B, s.dq);
    const float *theta = a->params + a->n_enc;
    /* dparams NULL: theta is frozen, the Q-network only passes dz: (B, latent) back to the encoder */
    qnet_backward(&a->q, theta, s.dq, s.dz, NULL, B);
    net_backward(&a->enc, a->params, s.dz, NULL, a->grads, B);
    *gnorm = adam_step(opt, a->params, a->grads, a->m, a->v, a->n_enc, lr);
    agent_changed(a, AGENT_ENC); /* phi moved: the encoder's cached w^T is remade at its next forward */
    return loss;
}
