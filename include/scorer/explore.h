/* explore.h - the schedules of a run: epsilon and epsilon-greedy action choice, update timing, and the
 * learning rate's decay. */
#ifndef SCORER_EXPLORE_H
#define SCORER_EXPLORE_H
#include "scorer/rng.h"

/* eps(t) = max(end, start + (end - start) * t / anneal) (anneal <= 0: end at once) */
float explore_epsilon(long t, float start, float end, long anneal);
/* q: (N, A) -> actions: (N,). With probability eps a uniform action, else argmax (first max). */
void explore_epsilon_greedy(const float *q, int N, int A, float eps, Rng *rng, int *actions);
int explore_argmax(const float *x, int n);
/* How many times an event with period `interval` timesteps fires when the timestep counter
 * moves from t_prev to t_now. Timestep semantics: the number of multiples of interval crossed.
 * Reference semantics (reference = 1): once if t_now % interval == 0, else 0 - the official
 * code's test after adding N, so with N envs an interval below N fires on every iteration
 * and one that N does not divide fires only at common multiples. */
long explore_fires(long t_prev, long t_now, long interval, int reference);
/* Linear decay to 0 over `total` timesteps, by environment progress t. */
float explore_lr(float lr0, long t, long total, int decay);

#endif
