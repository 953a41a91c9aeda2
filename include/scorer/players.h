/* players.h - one optimiser step of each player on a batch with fixed targets y.
 *   SCORER (scorer.c): the leader (Q-network) minimises the MSBE on a stop-gradient encoding;
 *   the follower (encoder) best-responds through the frozen, just-updated Q-network by
 *   minimising the MSBE or the variance of the Bellman error.
 *   Baseline (monolithic.c): one optimiser over [phi | theta] on the MSBE.
 * Each returns the loss before the step and writes the pre-clip gradient norm to *gnorm
 * (non-finite: the step was skipped and the caller should stop). */
#ifndef SCORER_PLAYERS_H
#define SCORER_PLAYERS_H
#include "scorer/agent.h"
#include "scorer/adam.h"

enum { FOLLOWER_MSBE = 0, FOLLOWER_VARIANCE = 1 };

/* obs/act from b: (B, obs_dim)/(B,); y: (B,) */
float scorer_update_leader(Agent *a, Adam *opt, const Batch *b, const float *y, int B, float lr, double *gnorm);
float scorer_update_follower(Agent *a, Adam *opt, const Batch *b, const float *y, int B, float lr,
                             int loss_kind, double *gnorm);
float monolithic_update(Agent *a, Adam *opt, const Batch *b, const float *y, int B, float lr, double *gnorm);

#endif
