/* runfolder.h - a run folder as found on disk (the algorithms, seed CSVs and config.ini values of a
 * scorer train or compare run) and one seed's learning curve: what summaries and plots read. */
#ifndef SCORER_RUNFOLDER_H
#define SCORER_RUNFOLDER_H
#include <stddef.h>
#include "scorer/config.h"

/* One seed's learning curve as read from seed_<k>.csv. */
typedef struct SeedCurve {
    int n;
    long *t;                  /* (n,) timesteps */
    double *ret;              /* (n,) mean_return, NAN for an empty field */
    long *episodes;           /* (n,) episodes ended so far, -1 without the column (an older CSV) */
    double *val;              /* (n,) the column seedcurve_read_column was asked for, NAN for an empty field
                                 (leader_loss before the first update); NULL from seedcurve_read */
    int has_column;           /* 1 when the header names the column seedcurve_read_column was asked for */
} SeedCurve;
/* Reads path (header timesteps,mean_return,... in any column order; empty mean_return fields as NAN;
 * timesteps must increase). Returns 0, or with err: -1 naming the file, the line and the fault, -2 when
 * out of memory, or -3 when it cannot be opened or read (an I/O or permission error): the file may be fine. */
int seedcurve_read(SeedCurve *c, const char *path, char *err, size_t errlen);
/* The same, with the numbers of column (e.g. "leader_loss") in c->val: NAN for an empty field, all NAN when
 * the header has no such column (a CSV older than it); a field that is not a number is a fault (-1). */
int seedcurve_read_column(SeedCurve *c, const char *path, const char *column, char *err, size_t errlen);
void seedcurve_free(SeedCurve *c);

/* The layout of a run folder found on disk: flat (train: DIR/seed_k.csv) or nested
 * (compare: DIR/<algo>/seed_k.csv), seeds sorted, algorithms in the order of the command
 * (DIR/run.ini "algos = a,b") when known, else canonical (scorer-dqn, dqn, scorer-ddqn, ddqn, ...;
 * unknown names after, alphabetically). */
typedef struct RunFolderAlgo {
    char algo[32];
    char env[64];             /* from config.ini; "" unknown */
    char dir[1100];           /* where its seed CSVs and config.ini are */
    int n;
    long *seeds;              /* (n,) seeds with a CSV */
    long cfg_seed, cfg_num_seeds, cfg_num_envs, cfg_steps; /* from config.ini; -1 unknown */
    int order;                /* sort key: position in DIR/run.ini's algos, else canonical rank */
} RunFolderAlgo;
typedef struct RunFolder {
    char dir[1024];
    char env[64];
    long steps;
    int nested, n_algos;
    RunFolderAlgo algo[CONFIG_MAX_ALGOS];
} RunFolder;
/* Returns 0, or with err: -1 (not a folder, unreadable, holds no run, too many algorithms) or -2 (out of
 * memory; the folder may be fine). */
int runfolder_scan(RunFolder *r, const char *dir, char *err, size_t errlen);
void runfolder_free(RunFolder *r);
/* 0 when dir is a folder, else -1 with err naming why (missing, not a folder) and what to give instead. */
int runfolder_check_dir(const char *dir, char *err, size_t errlen);
/* Whether more is to come of the run in dir (its missing or short seed CSVs are not failures then):
 * RUNFOLDER_OVER (summary.json written, or no run.ini: not a run --resume can go on with),
 * RUNFOLDER_RUNNING (a process holds DIR/run.lock; why: "the run is in progress: pid P on HOST"),
 * RUNFOLDER_STOPPED (run.ini without summary.json, no process on it: interrupted or stopped by a
 * fault; why ends with the command that continues it, scorer train|compare --resume DIR). */
enum { RUNFOLDER_OVER, RUNFOLDER_RUNNING, RUNFOLDER_STOPPED };
int runfolder_progress(const char *dir, char *why, size_t len);
/* path = the seed CSV of seed s in a's folder; returns 1 when it is a regular file, else 0. */
int runfolder_seed_csv(const RunFolderAlgo *a, long s, char *path, size_t len);
/* 1 when path holds a run of its own: run.ini, summary.json or sweep.ini (what train, compare and sweep write
 * at the top of their folders), else 0. */
int runfolder_holds_run(const char *path);
/* Rank in the canonical algorithm order (baseline right after its scorer- variant). */
int runfolder_algo_rank(const char *algo);

#endif
