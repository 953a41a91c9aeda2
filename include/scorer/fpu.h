/* fpu.h - floating-point environment of a training thread. */
#ifndef SCORER_FPU_H
#define SCORER_FPU_H

/* Flush denormal floats to zero in this thread (x86: MXCSR FTZ + DAZ). Adam's second moments of
 * gradients that stay zero (dead ReLU units) decay geometrically into the denormal range, where
 * every operation costs ~100x; XLA runs with the same flags. Deterministic; no-op elsewhere. */
void fpu_flush_denormals(void);
/* This thread's floating-point control state, and setting it back: train_seed leaves the caller's as
 * it found it. */
unsigned fpu_state(void);
void fpu_restore(unsigned state);

#endif
