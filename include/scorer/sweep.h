/* sweep.h - a sweep: one compare run (a "point") for each combination of a grid of settings, all in
 * one folder. Points run here one after another, or as the tasks of a scheduler's job array (one
 * task per point, docs/SWEEPS.md). Running a point is idempotent: a finished point is skipped, an
 * interrupted one resumed from its checkpoints, and a lock keeps two processes off the same point,
 * so tasks can be rerun, requeued or shared between several workers safely.
 *
 *   DIR/sweep.ini        the manifest: algorithms, grid axes, base settings, the build that planned it
 *   DIR/sweep.sbatch     a Slurm job-array script, one array task per point
 *   DIR/p000, p001, ...  one compare run folder per point (point 0 varies the last axis fastest)
 *   DIR/locks/pNNN.lock  held (fcntl open-file lock) by the process running that point
 *   DIR/sweep.csv        one row per (point, algorithm): the grid values and the statistics so far
 *   DIR/sweep.png, .svg  the IQM of the final return against the first axis, a panel per env (sweep_plot) */
#ifndef SCORER_SWEEP_H
#define SCORER_SWEEP_H
#include <stdio.h>
#include "scorer/config.h"
#include "scorer/provenance.h"

#define SWEEP_MAX_AXES 8
#define SWEEP_MAX_VALUES 64
#define SWEEP_MAX_POINTS 10000

typedef struct SweepAxis {
    char key[64];
    int n;
    char val[SWEEP_MAX_VALUES][64];
} SweepAxis;

typedef struct Sweep {
    char dir[512];
    char algos[CONFIG_MAX_ALGOS][32];
    int n_algos;
    ConfigPairs base;           /* every point's settings before its grid values (no out, no threads) */
    int n_axes;
    SweepAxis axis[SWEEP_MAX_AXES];
    int n_points;               /* product of the axes' sizes */
    Provenance prov;            /* the build that planned the sweep */
} Sweep;

/* Adds an axis from "key=v1,v2,..." (as given to --grid). Returns 0 or -1 with err. */
int sweep_add_axis(Sweep *s, const char *spec, char *err, size_t errlen);
/* Checks a planned sweep before anything runs: axis keys are settings a point may vary (not out,
 * threads, algo or algos, nor one the command line already sets), at most SWEEP_MAX_POINTS points,
 * and every point resolves for every algorithm. Sets n_points. Returns 0 or -1 with err naming the
 * point and the setting, or -2 when out of memory. */
int sweep_check(Sweep *s, char *err, size_t errlen);
/* Point p's value index on each axis (idx has n_axes entries). */
void sweep_point_index(const Sweep *s, int p, int *idx);
/* "key=value key=value" of point p. */
void sweep_point_label(const Sweep *s, int p, char *buf, size_t n);
/* DIR/pNNN. */
void sweep_point_dir(const Sweep *s, int p, char *buf, size_t n);
/* Point p's settings for a new run: base, then its grid values, then out = its folder. */
void sweep_point_pairs(const Sweep *s, int p, ConfigPairs *out);

/* Writes DIR/sweep.ini (refusing a folder that already holds a sweep or a run). Returns 0 or -1. */
int sweep_write(const Sweep *s, char *err, size_t errlen);
/* sweep_write's refusals of DIR (a sweep or a run there, experiment_check_out's, a file where a folder is to
 * be), making nothing (what a dry run checks). Returns 0 or -1 with err. */
int sweep_check_dir(const Sweep *s, char *err, size_t errlen);
/* Slurm's default MaxArraySize is 1001: array indices 0 to 1000. A sweep of more points is submitted
 * in parts of SWEEP_SLURM_PART tasks, the script's argument being the part's first point. */
#define SWEEP_SLURM_MAX_INDEX 1000
#define SWEEP_SLURM_PART 1000
/* Writes DIR/sweep.sbatch: an array of n_points tasks (the first SWEEP_SLURM_PART of them when there
 * are more than SWEEP_SLURM_MAX_INDEX + 1), each running `scorer_bin sweep --resume DIR --task I`
 * with cpus threads, I = $SLURM_ARRAY_TASK_ID + the script's first argument (default 0). */
int sweep_write_sbatch(const Sweep *s, const char *scorer_bin, int cpus, char *err, size_t errlen);
/* The sbatch commands that submit every point of the sweep through script (a path as the user is to
 * type it): "sbatch SCRIPT", or, beyond a default array, one per part joined by "; " ("sbatch SCRIPT;
 * sbatch --array=0-199 SCRIPT 1000"). Returns the number of parts. */
int sweep_sbatch_parts(const Sweep *s, const char *script, char *buf, size_t n);
/* The room sweep_sbatch_parts needs for script (its terminating zero included). */
size_t sweep_sbatch_parts_len(const Sweep *s, const char *script);
/* 1 when dir holds a sweep (DIR/sweep.ini exists): what summary and plot show differently. */
int sweep_present(const char *dir);
/* Reads DIR/sweep.ini. Returns 0, or -1 with err naming the file, the line and what is wrong. */
int sweep_load(Sweep *s, const char *dir, char *err, size_t errlen);
/* The same from a stream (name is used in messages; dir is where the sweep lives). */
int sweep_read(Sweep *s, FILE *f, const char *name, const char *dir, char *err, size_t errlen);

typedef enum { SWEEP_NOT_STARTED, SWEEP_STARTED, SWEEP_DONE } SweepStatus;
SweepStatus sweep_point_status(const Sweep *s, int p);
const char *sweep_status_name(SweepStatus st);
/* 1 when point p's lock is held (by another process, or by this one through another sweep_lock);
 * looks without locking. */
int sweep_point_running(const Sweep *s, int p);

/* Takes point p's lock without waiting. Returns 0 (held: *fd to pass to sweep_unlock), 1 when
 * another process holds it (holder: "pid N on HOST"), -1 on error (err). */
int sweep_lock(const Sweep *s, int p, int *fd, char *holder, size_t holderlen, char *err, size_t errlen);
/* Waits for the whole sweep's lock (DIR/locks/sweep.lock): serialises writers of sweep.csv. */
int sweep_lock_all(const Sweep *s, int *fd, char *err, size_t errlen);
void sweep_unlock(int fd);

/* Writes DIR/sweep.csv from every point's summary: a finished point's, an unfinished point's seeds
 * finished so far (empty statistics when none). Returns 0 or -1. */
int sweep_write_csv(const Sweep *s, char *err, size_t errlen);
/* Prints the sweep's table: one row per (point, algorithm), and the best point of each algorithm
 * by IQM, named by the axes it reads (config_key_used); a finished point whose summary.json cannot
 * be used is shown "damaged" (its contents) or "unreadable" (the file system's error), with why and
 * the fix. Returns the number of points not done (those included), or -1 when out of memory (having
 * printed nothing, or all but the lines across environments); *unusable (may be NULL): how many are
 * damaged or unreadable, and why (may be NULL) the first one's line as printed below the table. */
int sweep_print_table(const Sweep *s, FILE *f, int *unusable, char *why, size_t whylen);
/* Draws PREFIX.png/.svg (prefix NULL: DIR/sweep) through gnuplot: the IQM of the final return with its
 * 95% CI against the first axis's values, one line per algorithm and combination of the other axes
 * (at most SWEEP_PLOT_LINES), finished points only; a point with failed seeds is labelled, not drawn
 * (sweep_print_table never takes it for best), and an algorithm's lines that differ only on an axis
 * it ignores are one, drawn once. When env is an axis, a panel per environment (at most
 * SWEEP_PLOT_PANELS), each with its own y axis, and the x axis is the first other axis. Returns a
 * PLOT_* status (plot.h). */
#define SWEEP_PLOT_LINES 24
#define SWEEP_PLOT_PANELS 12
int sweep_plot(const Sweep *s, const char *prefix, char *err, size_t errlen);

#endif
