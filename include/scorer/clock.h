/* clock.h - wall time for progress, speed figures and benchmarks. */
#ifndef SCORER_CLOCK_H
#define SCORER_CLOCK_H

double clock_seconds(void); /* monotonic, in seconds */

#endif
