/* schedule.h - when things happen in a run, by environment timesteps: epsilon's annealing, the
 * learning rate's decay, and how often a periodic event (an update, a target sync, a checkpoint) fires. */
#ifndef SCORER_SCHEDULE_H
#define SCORER_SCHEDULE_H

/* eps(t) = start + (end - start) * t / anneal, clamped to the segment between start and end (so
 * falling and rising schedules alike stay at end once t >= anneal); anneal <= 0: end at once */
float schedule_epsilon(long t, float start, float end, long anneal);
/* How many times an event with period `interval` timesteps fires when the timestep counter
 * moves from t_prev to t_now. Timestep semantics: the number of multiples of interval crossed.
 * Reference semantics (reference = 1): once if t_now % interval == 0, else 0 - the official
 * code's test after adding N. With N envs, t_now is a multiple of N, so the event fires once
 * every lcm(N, interval) timesteps: on every iteration when interval divides N, else less
 * often (N = 10, interval 4: every other iteration; N = 128, interval 1000: every 16000). */
long schedule_fires(long t_prev, long t_now, long interval, int reference);
/* Linear decay to 0 over `total` timesteps, by environment progress t. */
float schedule_lr(float lr0, long t, long total, int decay);

#endif
