/* experiment.h - run every (algorithm, seed) job of a train or compare command on worker
 * threads, show progress, and write the run folder: per-seed CSVs, resolved configs and
 * summary.json (the curves are plot_runs', which the CLI calls after). */
#ifndef SCORER_EXPERIMENT_H
#define SCORER_EXPERIMENT_H
#include "scorer/config.h"
#include "scorer/trainer.h"
#include "scorer/provenance.h"

typedef struct Experiment {
    RunConfig base;             /* resolved for algos[0]; per-algo configs below */
    RunConfig cfg[CONFIG_MAX_ALGOS];
    int n_algos;
    int nested;                 /* 1: DIR/<algo>/seed_k.csv (compare); 0: DIR/seed_k.csv (train) */
    int progress;               /* live progress line on stderr */
    SeedResult *results;        /* (n_algos * num_seeds), algorithm-major */
    int n_failed;
    int n_interrupted;          /* seeds stopped by a signal (checkpointed; resume to finish) */
    int n_stopped;              /* failed seeds that did not diverge (a checkpoint write failed, no memory):
                                 * no summary is written, so that --resume continues them once fixed */
    Provenance prov;            /* the build and machine that started the run (DIR/run.ini); empty if unrecorded */
    Provenance resumed_by;      /* this build, when it resumed the run and differs from prov (or prov is unknown) */
    int locked, lock_fd;        /* DIR/run.lock, held from the start to experiment_free: one process per folder */
} Experiment;

/* How experiment_run lays out the run folder: one algorithm's files in DIR (train), one folder per
 * algorithm (compare), or that for a point of a sweep, run by the sweep in its own folder. */
enum { EXPERIMENT_FLAT = 0, EXPERIMENT_NESTED = 1, EXPERIMENT_SWEEP_POINT = 2 };

/* x is overwritten: experiment_free a run's Experiment before running another in it (its lock and memory
 * would leak). algos: the algorithms to run (train: one), pairs[k] the settings of algos[k]; nested: the layout
 * (EXPERIMENT_FLAT, _NESTED, _SWEEP_POINT). Locks DIR/run.lock
 * (a second process on the same folder is refused, naming the first; experiment_free releases it). Writes
 * each config.ini first and DIR/run.ini, the manifest, after them (a folder with a manifest can be
 * resumed), checkpoints to DIR[/<algo>]/ckpt/seed_<k>.ckpt, each
 * seed's CSV when it finishes, and summary.json at the end. resume: continue every seed from its
 * checkpoint (finished seeds are only reloaded). stop (may be NULL): when set, every seed
 * checkpoints and returns. Returns 0 when every job ran, was interrupted (n_interrupted; no
 * summary), diverged (n_failed) or stopped on an error (n_stopped, counted in n_failed too; no
 * summary), -1 on a setup or output error (err: what and how to fix). A resume first checks every
 * checkpoint as its seed would load it. */
int experiment_run(Experiment *x, const ConfigPairs *const *pairs, char algos[][32], int n_algos, int nested,
                   int progress, int resume, const _Atomic int *stop, char *err, size_t errlen);
void experiment_free(Experiment *x);
/* A new run or sweep refuses a folder whose results it would overwrite or hide, beyond a finished or
 * unfinished run (which experiment_run and sweep_write check themselves): a sweep; a folder inside a
 * run or a sweep, at any depth (a compare's algorithm folder: training there replaced its seeds behind
 * the compare's summary; a sweep's point: the sweep then showed another run under its grid's label),
 * judged by the real path of what exists of out; a folder of runs (a sub-folder holding run.ini, summary.json
 * or sweep.ini: runs/ itself); seed CSVs or checkpoints with no manifest, in out or in out/<subdirs[k]>. sweep_point: out is a point the sweep in its parent folder runs itself. A folder
 * holding only configurations is a run that stopped before its manifest: the same command starts it
 * again. Returns 0, or -1 with err. */
int experiment_check_out(const char *out, char subdirs[][32], int n_subdirs, int sweep_point, char *err, size_t errlen);
/* Every check experiment_run makes of its folder out before it makes or writes anything there, making nothing
 * (what a dry run checks): out empty; a finished run there; resume: no run.ini; a new run: a run there, finished
 * or under way, then experiment_check_out and a part of out that exists and is no folder. algos, n_algos and
 * nested as experiment_run's. Returns 0, or -1 with err. */
int experiment_check_folder(const char *out, char algos[][32], int n_algos, int nested, int resume, char *err, size_t errlen);
/* A run folder's config.ini names every setting (config_write): one loaded into p that lacks env, algo,
 * total_timesteps or seed was emptied or cut, and would resolve to defaults that its checkpoints do not
 * fit. Returns 0, or -1 with err naming path and the fix. */
int experiment_config_complete(const ConfigPairs *p, const char *path, char *err, size_t errlen);
/* The settings that resume the run in dir: *command ("train" or "compare") and the algorithms from
 * DIR/run.ini, per[k] from algorithm k's config.ini, then out = dir and the extra settings (such as
 * threads; may be NULL). Returns 0, or -1 with err naming the file and what is wrong. */
int experiment_resume_pairs(const char *dir, char command[16], char algos[][32], int *n_algos, ConfigPairs *per,
                            const ConfigPairs *extra, char *err, size_t errlen);
/* One line "scorer: PREFIXalgo seed k: error" per failed seed. */
void experiment_print_failures(const Experiment *x, FILE *f, const char *prefix);
/* 1 when no finished seed of algorithm k made a single update (a run shorter than learning_starts or
 * one PQN rollout), with msg saying so and why; 0 otherwise. */
int experiment_idle_note(const Experiment *x, int k, char *msg, size_t len);
/* 1 when a finished seed of algorithm k ended fewer episodes than it has envs: an env still in its first
 * episode counts 0 in the mean return (LogWrapper's convention, docs/FORMATS.md), so the final return
 * is not an episode return (Acrobot's are below 0); msg names the seed. 0 otherwise. */
int experiment_episode_note(const Experiment *x, int k, char *msg, size_t len);
/* Writes DIR/summary.json from the results (statistics per algorithm). */
int experiment_write_summary(const Experiment *x, char *err, size_t errlen);
/* Prints the comparison table (final return mean/std, IQM with 95% CI, AUC, SPS). Returns 0, or -1
 * when out of memory, having printed nothing. */
int experiment_print_table(const Experiment *x, FILE *f);

#endif
