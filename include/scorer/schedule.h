/* schedule.h - when things happen in a run, by environment timesteps: epsilon's annealing, the
 * learning rate's decay, and how often a periodic event (an update, a target sync, a checkpoint) fires. */
#ifndef SCORER_SCHEDULE_H
#define SCORER_SCHEDULE_H

/* eps(t) = max(end, start + (end - start) * t / anneal) (anneal <= 0: end at once) */
float schedule_epsilon(long t, float start, float end, long anneal);
/* How many times an event with period `interval` timesteps fires when the timestep counter
 * moves from t_prev to t_now. Timestep semantics: the number of multiples of interval crossed.
 * Reference semantics (reference = 1): once if t_now % interval == 0, else 0 - the official
 * code's test after adding N, so with N envs an interval below N fires on every iteration
 * and one that N does not divide fires only at common multiples. */
long schedule_fires(long t_prev, long t_now, long interval, int reference);
/* Linear decay to 0 over `total` timesteps, by environment progress t. */
float schedule_lr(float lr0, long t, long total, int decay);

#endif
