/* qnet.h - the control head (the leader): latent z -> one value per action, either a plain
 * MLP or the dueling combination q = v + a - mean(a) of a value and an advantage stream. */
#ifndef SCORER_QNET_H
#define SCORER_QNET_H
#include "scorer/net.h"

/* Orthogonal-initialisation gains (the reference's): sqrt(2) for hidden Dense layers, the
 * encoder's included (agent.c), and 0.01 for the output layer */
#define QNET_GAIN_HIDDEN 1.41421356237f
#define QNET_GAIN_OUT 0.01f

typedef struct QNet {
    int dueling, A, in_dim, max_batch;
    Net main;        /* plain head */
    Net val, adv;    /* dueling streams: params [val | adv] */
    size_t nparams;
    float *ws;       /* dueling scratch: q (B, A), dv (B,), da (B, A), dz (B, in) */
} QNet;

/* hidden: width of the plain head's hidden layer or of each dueling stream; act: LAYER_RELU or
 * LAYER_TANH. Returns 0 or -1 (allocation). */
int qnet_build(QNet *q, int in_dim, int hidden, int A, int dueling, LayerKind act, int max_batch);
void qnet_free(QNet *q);
/* Cache transposed weights between forward passes (net_cache_transposes); 0 or -1. */
int qnet_cache_transposes(QNet *q);
void qnet_params_changed(QNet *q); /* after changing its parameters in place */
int qnet_init_params(const QNet *q, float *params, Rng *rng); /* 0, or -1 out of memory */
/* z: (B, in_dim) -> (B, A) in the workspace */
const float *qnet_forward(QNet *q, const float *params, const float *z, int B);
/* dq: (B, A) -> dz: (B, in_dim) or NULL; dparams (overwritten) or NULL */
void qnet_backward(QNet *q, const float *params, const float *dq, float *dz, float *dparams, int B);

#endif
