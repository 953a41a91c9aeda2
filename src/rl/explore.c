/* explore.c - epsilon-greedy exploration and schedules. */
#include "scorer/explore.h"

float explore_epsilon(long t, float start, float end, long anneal) {
    if (anneal <= 0) return end;
    float e = start + (end - start) * (float)((double)t / (double)anneal);
    /* works for decreasing and increasing schedules: clamp to the segment */
    float lo = start < end ? start : end, hi = start < end ? end : start;
    return e < lo ? lo : (e > hi ? hi : e);
}

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

long explore_fires(long t_prev, long t_now, long interval, int reference) {
    if (interval <= 0) return 0;
    if (reference) return t_now % interval == 0;
    return t_now / interval - t_prev / interval;
}

float explore_lr(float lr0, long t, long total, int decay) {
    if (!decay || total <= 0) return lr0;
    double f = 1.0 - (double)t / (double)total;
    return f > 0.0 ? (float)(lr0 * f) : 0.0f;
}
