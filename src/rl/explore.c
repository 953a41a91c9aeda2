/* explore.c - epsilon-greedy exploration. */
#include "scorer/explore.h"

int explore_argmax(const float *x, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) if (x[i] > x[best]) best = i;
    return best;
}

void explore_epsilon_greedy(const float *q, int N, int A, float eps, Rng *rng, int *actions) {
    /* q: (N, A) -> actions: (N,) */
    for (int e = 0; e < N; e++) {
        if (rng_uniformf(rng) < eps) actions[e] = (int)rng_below(rng, (uint32_t)A);
        else actions[e] = explore_argmax(q + (long)e * A, A);
    }
}
