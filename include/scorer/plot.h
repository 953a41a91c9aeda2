/* plot.h - learning curves of one or more run folders, drawn by gnuplot from the seed CSVs:
 * per algorithm the mean over seeds and a 95% band at each logged timestep, of the return or of
 * another column (a loss, epsilon). */
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

/* What a figure of run folders draws: a column of the seed CSVs. */
typedef enum PlotMetric {
    PLOT_RETURN = 0,          /* mean_return (the default) */
    PLOT_LEADER_LOSS,         /* leader_loss: the Q-network's loss; a baseline's joint loss. Log y axis */
    PLOT_FOLLOWER_LOSS,       /* follower_loss: the encoder's loss (SCORER only). Log y axis */
    PLOT_EPSILON,             /* epsilon: the exploration rate */
    PLOT_N_METRICS
} PlotMetric;
/* Its name ("return", "leader_loss", "follower_loss", "epsilon"), and its default prefix's base name
 * ("returns" for the return, else the name); NULL out of range. */
const char *plot_metric_name(int metric);
const char *plot_metric_file(int metric);
/* The PlotMetric named name, or -1. */
int plot_metric_find(const char *name);

/* A figure of run folders. Zeroed ({0}): every algorithm's return (mean and band), to dirs[0]/returns. */
typedef struct PlotOptions {
    const char *prefix;              /* where to write (as plot_runs' prefix); NULL: dirs[0]/<plot_metric_file> */
    const char *const *algos;        /* only these algorithms (n_algos 0: all), each in one of the folders at least */
    int n_algos;
    int metric;                      /* PlotMetric. Not the return: each seed's curve from its first row, its rows
                                        without a value skipped; an algorithm with no value at all (a baseline's
                                        follower_loss) is in the key alone ("dqn: no follower loss (one network)"),
                                        and PLOT_NOTHING when every one is. Losses on a logarithmic y axis, where a
                                        value at or below 0 is drawn at the smallest positive value of its panel
                                        (PREFIX.dat keeps it; a panel with none above 0 has a linear axis) */
    int each_seed;                   /* 1: each seed's curve too, a thin line of its algorithm's colour (lighter) under
                                        the mean, which has no band; the key says "scorer-dqn (10 seeds, each drawn)".
                                        A seed's curve keeps the mean's rules (failed seeds left out; the return from
                                        its row after as many episodes as envs have ended). PREFIX.dat: each series'
                                        block followed by one per seed (docs/FORMATS.md). prefix NULL:
                                        dirs[0]/<plot_metric_file>-seeds, beside the figure without it. 0: none */
} PlotOptions;

/* Reads the seed CSVs of dirs (n_dirs >= 1) and writes PREFIX.dat (the curves), PREFIX.gp (the
 * gnuplot script) and, through gnuplot, PREFIX.png and PREFIX.svg (drawn to temporary names of
 * their own, PREFIX.png.<host>.<pid>.<n>.tmp, and renamed when gnuplot succeeds: the last of two drawings at once wins). prefix NULL: dirs[0]/returns. A trailing ".png" or ".svg" on
 * prefix is dropped. The prefix's folder is made only once every folder has been read, so that a
 * refused input leaves nothing behind. Returns PLOT_OK, PLOT_NO_GNUPLOT, PLOT_NOTHING or PLOT_ERROR. */
int plot_runs(const char *const *dirs, int n_dirs, const char *prefix, char *err, size_t errlen);
/* The same with only the algorithms named in algos[0 .. n_algos-1] (n_algos 0: all); each must be
 * in one of the folders at least. */
int plot_runs_algos(const char *const *dirs, int n_dirs, const char *const *algos, int n_algos, const char *prefix,
                    char *err, size_t errlen);
/* The same with the options o: the algorithms, the prefix, the metric to draw and whether each seed is drawn. */
int plot_runs_opts(const char *const *dirs, int n_dirs, const PlotOptions *o, char *err, size_t errlen);

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
