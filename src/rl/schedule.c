/* schedule.c - epsilon, learning-rate and event schedules by environment timesteps (schedule.h). */
#include "scorer/schedule.h"

float schedule_epsilon(long t, float start, float end, long anneal) {
    if (anneal <= 0) return end;
    float e = start + (end - start) * (float)((double)t / (double)anneal);
    /* works for decreasing and increasing schedules: clamp to the segment */
    float lo = start < end ? start : end, hi = start < end ? end : start;
    return e < lo ? lo : (e > hi ? hi : e);
}

long schedule_fires(long t_prev, long t_now, long interval, int reference) {
    if (interval <= 0) return 0;
    if (reference) return t_now % interval == 0;
    return t_now / interval - t_prev / interval;
}

float schedule_lr(float lr0, long t, long total, int decay) {
    if (!decay || total <= 0) return lr0;
    double f = 1.0 - (double)t / (double)total;
    return f > 0.0 ? (float)(lr0 * f) : 0.0f;
}
