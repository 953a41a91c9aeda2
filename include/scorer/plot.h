/* plot.h - learning curves of one or more run folders, drawn by gnuplot from the seed CSVs:
 * per algorithm the mean over seeds and a 95% band at each logged timestep. */
#ifndef SCORER_PLOT_H
#define SCORER_PLOT_H
#include <stddef.h>
#include <stdio.h>

enum {
    PLOT_OK = 0,
    PLOT_ERROR = -1,          /* err says what went wrong and how to fix it */
    PLOT_NO_GNUPLOT = 1,      /* data and script written; err is the one line to show the user */
    PLOT_NOTHING = 2,         /* no curve to draw (every seed failed or ended fewer episodes than envs);
                                 nothing written; err says so */
};

/* Reads the seed CSVs of dirs (n_dirs >= 1) and writes PREFIX.dat (the curves), PREFIX.gp (the
 * gnuplot script) and, through gnuplot, PREFIX.png and PREFIX.svg (drawn to temporary names of
 * their own, PREFIX.png.<pid>.<n>.tmp, and renamed when gnuplot succeeds: the last of two drawings at once wins). prefix NULL: dirs[0]/returns. A trailing ".png" or ".svg" on
 * prefix is dropped. The prefix's folder is made only once every folder has been read, so that a
 * refused input leaves nothing behind. Returns PLOT_OK, PLOT_NO_GNUPLOT, PLOT_NOTHING or PLOT_ERROR. */
int plot_runs(const char *const *dirs, int n_dirs, const char *prefix, char *err, size_t errlen);
/* The same with only the algorithms named in algos[0 .. n_algos-1] (n_algos 0: all); each must be
 * in one of the folders at least. */
int plot_runs_algos(const char *const *dirs, int n_dirs, const char *const *algos, int n_algos, const char *prefix,
                    char *err, size_t errlen);

/* The pieces other figures share (sweep_report.c): */
/* prefix_in (or dflt when NULL) without a trailing .png/.svg into prefix; its folder into odir, made. */
int plot_prefix(const char *prefix_in, const char *dflt, char *prefix, size_t n, char *odir, size_t odirlen, char *err, size_t errlen);
/* The script's first lines (PNG terminal, output PREFIX.png) and last ones (the same as SVG). The outputs are the
 * gnuplot variables scorer_png and scorer_svg, PREFIX.png and PREFIX.svg unless set before (plot_render sets
 * temporary names of its own: gnuplot -e "scorer_png='...'; scorer_svg='...'" PREFIX.gp). */
void plot_gp_open(FILE *f, const char *what, const char *pbase);
/* plot_gp_open for a figure of w x h pixels (the SVG's lines are the caller's, as for multiplot). */
void plot_gp_open_size(FILE *f, const char *what, const char *pbase, int w, int h);
void plot_gp_close(FILE *f, const char *pbase);
/* A gnuplot single-quoted string ('' for '). */
void plot_gp_str(FILE *f, const char *s);
/* The idx-th colour of the figures' palette ("#RRGGBB"; colour-blind safe; repeats after 12). */
const char *plot_colour(int idx);
/* Runs PREFIX.gp with gnuplot inside odir and renames the images into place. PLOT_OK,
 * PLOT_NO_GNUPLOT or PLOT_ERROR. */
int plot_render(const char *prefix, const char *odir, char *err, size_t errlen);

#endif
