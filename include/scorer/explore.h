/* explore.h - epsilon-greedy action choice (epsilon itself: schedule.h). */
#ifndef SCORER_EXPLORE_H
#define SCORER_EXPLORE_H
#include "scorer/rng.h"

/* q: (N, A) -> actions: (N,). With probability eps a uniform action, else argmax (first max). */
void explore_epsilon_greedy(const float *q, int N, int A, float eps, Rng *rng, int *actions);
/* x: (n,) -> the index of its first largest value: the greedy action, and also how every max_a Q is
 * taken (the DQN targets' V(s') in agent_targets, PQN's stored max_a Q(s) and its bootstraps) */
int explore_argmax(const float *x, int n);

#endif
