/* plot.h - learning curves of one or more run folders, drawn by gnuplot from the seed CSVs:
 * per algorithm the mean over seeds and a 95% band at each logged timestep. */
#ifndef SCORER_PLOT_H
#define SCORER_PLOT_H
#include <stddef.h>

enum {
    PLOT_OK = 0,
    PLOT_ERROR = -1,          /* err says what went wrong and how to fix it */
    PLOT_NO_GNUPLOT = 1,      /* data and script written; err is the one line to show the user */
};

/* Reads the seed CSVs of dirs (n_dirs >= 1) and writes PREFIX.dat (the curves), PREFIX.gp (the
 * gnuplot script) and, through gnuplot, PREFIX.png and PREFIX.svg (drawn to .tmp names and
 * renamed when gnuplot succeeds). prefix NULL: dirs[0]/returns. A trailing ".png" or ".svg" on
 * prefix is dropped. Returns PLOT_OK, PLOT_NO_GNUPLOT or PLOT_ERROR. */
int plot_runs(const char *const *dirs, int n_dirs, const char *prefix, char *err, size_t errlen);

#endif
