/* checkpoint.h - the complete state of one training seed in one versioned, checksummed file:
 * both players' parameters, target copies and Adam moments, the replay buffer, every RNG, the
 * environments, schedules, counters and the learning curve so far. Restoring it and training on
 * gives bit-identical results to a run that was never interrupted. Format: docs/CHECKPOINT.md. */
#ifndef SCORER_CHECKPOINT_H
#define SCORER_CHECKPOINT_H
#include <stddef.h>
#include <stdint.h>
#include "scorer/config.h"
#include "scorer/learner.h"
#include "scorer/trainer.h"

#define CKPT_MAGIC "SCORERCK"
#define CKPT_VERSION 3u

/* The trainer's own running state (everything train_seed keeps between iterations). */
typedef struct TrainProgress {
    long it;                 /* iterations done */
    long win_n;              /* iterations in the open curve window */
    double win_ret;          /* their summed mean returns */
    double sum_all, sum_last;/* for the AUC and the final return */
    double wall_s;           /* training wall time so far (not part of any result compared bit for bit) */
    int finished;            /* 1: the seed trained to the end; only the result matters */
} TrainProgress;

/* Hash of the configuration that shapes the training (everything but out, threads, seeds and
 * checkpointing), so a checkpoint is never resumed under another configuration. */
uint64_t ckpt_config_hash(const RunConfig *c);

/* Writes path atomically (a temporary file, fsync, rename): the previous checkpoint survives a crash. tr must
 * be trainee_init's of c (checked: env, number of envs, the learner's and networks' settings, so the algorithm). From a loop of one's own, tp may be
 * {.it = iterations done} and cv an empty curve of train_curve_rows(c) rows: ckpt_load restores such a file
 * exactly, but train_check_resume and train_seed's resume take only train_seed's own checkpoints, whose
 * progress and curve follow its schedule. */
int ckpt_save(const char *path, const RunConfig *c, long seed, const Trainee *tr, const TrainProgress *tp,
              const Curve *cv, char *err, size_t errlen);
/* ckpt_load's code for a file of this env, algorithm and seed written under another configuration (its
 * hash differs): the seed's own state, most likely, with the run's settings edited since. */
#define CKPT_OTHER_CONFIG (-4)
/* Restores into an already initialised trainee (same config: shapes are checked) and curve
 * (capacity checked: curve_alloc(cv, train_curve_rows(c))). Returns 0, or with err naming the file
 * and the problem (what to do depends on the caller's purpose, so it is the caller's to say): -1
 * the file is no usable state of this seed (damaged, another run's or another version's), -2 out
 * of memory, -3 it cannot be read (err gives the system's reason), or is no regular file,
 * CKPT_OTHER_CONFIG the file is of this seed under another configuration (err names the settings that
 * differ when its header shows them). On -1 the trainee, tp and cv may hold part of the file (values are
 * checked after they are read): free them (trainee_free, curve_free) instead of training on. */
int ckpt_load(const char *path, const RunConfig *c, long seed, Trainee *tr, TrainProgress *tp, Curve *cv,
              char *err, size_t errlen);
/* The same from memory (the fuzz harness drives this). */
int ckpt_load_mem(const unsigned char *buf, size_t n, const char *name, const RunConfig *c, long seed, Trainee *tr,
                  TrainProgress *tp, Curve *cv, char *err, size_t errlen);

/* 1 when the header of path is of c's env and algorithm and of seed, under another configuration, with detail
 * naming the settings that differ as far as the header shows them ("num_envs was 10, is 4 now"; "" when it
 * cannot: the file holds a hash of the configuration), else 0. The header is read, not verified: for a
 * message about a file ckpt_load refused with CKPT_OTHER_CONFIG. */
int ckpt_config_detail(const char *path, const RunConfig *c, long seed, char *detail, size_t len);

/* What `scorer ckpt-info` shows: header fields and a hash of the parameters. */
typedef struct CkptInfo {
    uint32_t version;
    char env[64], algo[32];
    long seed, t;
    int finished;
    uint64_t config_hash, payload_bytes, checksum;
    uint64_t agent_hash; /* parameters, targets and Adam moments: equal hashes = identical networks */
} CkptInfo;
/* The header of path, checked (size, magic, version, checksum). Returns 0, or ckpt_load's codes. */
int ckpt_info(const char *path, CkptInfo *info, char *err, size_t errlen);

#endif
