/* init.h - weight initialisers. */
#ifndef SCORER_INIT_H
#define SCORER_INIT_H
#include "scorer/rng.h"

/* w: (rows, cols) row-major. Orthogonal with gain (as torch/flax): the rows (if rows <= cols)
 * or the columns (otherwise) are orthonormal, times gain. Uses (rows * cols) normal draws. */
int init_orthogonal(float *w, int rows, int cols, float gain, Rng *rng); /* 0, or -1 out of memory */
/* LeCun normal (flax default): truncated normal (2 std) with variance 1 / cols (fan in). */
void init_lecun_normal(float *w, int rows, int cols, Rng *rng);

#endif
