/* adam.h - Adam (optax defaults) with global-norm gradient clipping, over one range of a
 * flat parameter buffer, and Rectified Adam (optax.radam) on the same state. The caller passes the
 * learning rate of this step (schedules live in the learner: they decay by environment progress). */
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
/* The same with optax.radam's update (Liu et al. 2020), as optax.chain(clip_by_global_norm(c),
 * radam(lr)): after the clip and the moments, rho_t = rho_inf - 2 t b2^t / (1 - b2^t) with
 * rho_inf = 2 / (1 - b2) - 1; when rho_t >= ADAM_RADAM_THRESHOLD the step is
 *   lr r_t mhat / (sqrt(vhat) + eps),  r_t = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t)),
 * else the momentum alone, lr mhat (with b2 = 0.999: the first 5 steps). Same state as Adam (t is the
 * step count both read), same return and the same non-finite case. */
double adam_radam_step(Adam *a, float *params, float *grads, float *m, float *v, size_t n, float lr);
#define ADAM_RADAM_THRESHOLD 5.0 /* optax's default threshold on rho_t */
/* The optimiser of a learner (the setting optimizer=adam|radam, in this order). */
enum { OPTIMIZER_ADAM, OPTIMIZER_RADAM };
/* A weight matrix in the parameter range with a transposed copy kept beside it (a network's cached
 * w^T): params[off .. off + rows cols) as (rows, cols), and t: (cols, rows). */
typedef struct AdamMirror { size_t off; int rows, cols; float *t; } AdamMirror;
/* adam_step and adam_radam_step (radam = 1), the same bits, which also leave each mirror's t equal to the
 * transpose of its stepped weights: band by band of rows, while the band is in L1, instead of a later
 * pass that reads the whole matrix back. Mirrors ascending by off, not overlapping. t is left as it was
 * when the norm is not finite (nothing changes). */
double adam_step_mirrored(Adam *a, int radam, float *params, float *grads, float *m, float *v, size_t n, float lr,
                          const AdamMirror *mir, int n_mir);
/* The global L2 norm of x: (n,), accumulated in double. */
double adam_global_norm(const float *x, size_t n);

#endif
