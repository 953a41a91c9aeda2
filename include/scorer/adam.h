/* adam.h - Adam (optax defaults) with global-norm gradient clipping, over one range of a
 * flat parameter buffer. The caller passes the learning rate of this step (schedules live in
 * the learner: they decay by environment progress). */
#ifndef SCORER_ADAM_H
#define SCORER_ADAM_H
#include <stddef.h>

typedef struct Adam {
    float b1, b2, eps; /* 0.9, 0.999, 1e-8 */
    float max_norm;    /* clip the global gradient norm to this; <= 0: no clipping */
    long t;            /* steps taken (bias correction) */
} Adam;

void adam_init(Adam *a, float max_norm);
/* params, grads, m, v: (n,). Clips grads in place, then steps. Returns the gradient's global
 * norm before clipping. A non-finite norm is returned at once, with nothing changed (no step,
 * no clipping, t unchanged): the caller decides what to do. */
double adam_step(Adam *a, float *params, float *grads, float *m, float *v, size_t n, float lr);
/* The global L2 norm of x: (n,), accumulated in double. */
double adam_global_norm(const float *x, size_t n);

#endif
