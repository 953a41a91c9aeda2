/* agent.h - the two players' networks: the encoder f_phi (follower) and the Q-network Q_theta
 * (leader), their target copies, gradients and Adam moments, all in one flat allocation laid
 * out [phi | theta] so that the baseline's joint optimiser sees one contiguous range and the
 * target sync is one memcpy. */
#ifndef SCORER_AGENT_H
#define SCORER_AGENT_H
#include "scorer/net.h"
#include "scorer/qnet.h"
#include "scorer/replay.h"

typedef struct AgentConfig {
    int obs_dim, n_actions;
    int latent;          /* encoder output width (64 classic, 128 MinAtar); key latent_dim */
    int encoder_layers;  /* dense layers in the encoder (1 classic, 2 MinAtar) */
    int input_l1norm;    /* L1Norm on the raw input (MinAtar) */
    int final_l1norm;    /* L1Norm on the latent */
    int q_hidden;        /* plain Q head hidden width */
    int dueling;         /* dueling head instead of plain */
    int dueling_hidden;  /* width of each dueling stream */
    LayerKind act;       /* LAYER_RELU or LAYER_TANH; key activation */
    int max_batch;       /* largest batch any forward will see (max(batch, num_envs)) */
} AgentConfig;

typedef struct Agent {
    AgentConfig cfg;
    Net enc, enc_t;      /* online / target workspaces over the same plan */
    QNet q, q_t;
    size_t n_enc, n_q, n;
    float *mem;          /* one allocation: params, target, grads, m, v, each (n,), stride apart */
    size_t stride;       /* n rounded up to whole cache lines (net_sections_alloc) */
    float *params, *target, *grads, *m, *v;
    int *pick;           /* (max_batch,) double-Q argmax */
    float *scratch;      /* per-batch vectors, in this order, B = max_batch: q_sel (B), an unused
                          * slot (B), dsel (B), dq (B, A), dz (B, latent), an unused slot (B); read
                          * it through agent_scratch */
} Agent;

/* Views of a->scratch for one update on a batch of B <= max_batch rows: q_sel, dsel: (B,) the
 * Q-values of the actions taken and d loss / d q_sel; dq: (B, A) dsel scattered over the actions;
 * dz: (B, latent) the gradient the Q-network passes back to the encoding. */
typedef struct AgentScratch { float *q_sel, *dsel, *dq, *dz; } AgentScratch;
AgentScratch agent_scratch(const Agent *a);

int agent_init(Agent *a, const AgentConfig *cfg, Rng *rng); /* 0, -1 bad config, -2 no memory */
/* The networks cache their transposed weights: say which parameters were changed in place. */
enum { AGENT_ENC = 1, AGENT_Q = 2, AGENT_TARGET = 4, AGENT_ALL = 7 };
void agent_changed(Agent *a, int what);
void agent_free(Agent *a);
/* obs: (N, obs_dim) -> q: (N, A) from the online networks (workspace pointer) */
const float *agent_q(Agent *a, const float *obs, int N);
/* The same for binary obs given as the indices of their ones (agent_accepts_rows) */
const float *agent_q_rows(Agent *a, const SparseRows *obs, int N);
/* Bootstrapped targets y = r + gamma (1 - d) V(s'): y: (B,).
 * V = max_a Q_t(f_t(s')) or, with double_q, Q_t(f_t(s'))[argmax_a Q(f(s'))]. */
void agent_targets(Agent *a, const Batch *b, int B, float gamma, int double_q, float *y);
/* target <- tau * online + (1 - tau) * target (tau = 1: memcpy) */
void agent_sync_target(Agent *a, float tau);
/* Gathers q_sel_b = q[b, act_b] from the online nets over the batch's obs; keeps activations for
 * backward. q_sel: (B,). Returns the (B, A) q values. */
const float *agent_forward_selected(Agent *a, const Batch *b, int B, float *q_sel);
/* 1 when batches may come sparse (Batch.sparse): the encoder takes index lists (net_accepts_rows) */
int agent_accepts_rows(const Agent *a);
/* Scatter d loss / d q_sel (B,) into a dense (B, A) gradient. */
void agent_scatter(const Agent *a, const int *act, const float *dsel, int B, float *dq);

#endif
