/* config.h - the resolved configuration of a run: every hyperparameter by name, defaults per
 * environment family and algorithm (docs/METHOD.md), parsing of INI files
 * and key=value overrides, validation, and writing the resolved file back out. */
#ifndef SCORER_CONFIG_H
#define SCORER_CONFIG_H
#include <stdio.h>
#include "scorer/env.h"
#include "scorer/learner.h"
#include "scorer/pqn.h"

#define CONFIG_MAX_ALGOS 16
#define CONFIG_COMPARE_SEEDS 10 /* num_seeds of scorer compare and sweep unless set (train: 1) */

typedef struct RunConfig {
    char env[64];
    char algo[32];            /* train: the algorithm; compare: set per algorithm */
    char algos[CONFIG_MAX_ALGOS][32];
    int n_algos;
    long seed;                /* first seed */
    int num_seeds;
    long total_timesteps;
    int threads;              /* worker threads; 0 = one per core */
    char out[512];
    long log_interval;        /* timesteps between CSV rows; 0 = total / 200 (rounded down to whole iterations, at least one) */
    long checkpoint_every;    /* timesteps between checkpoints; 0 = every 10% of the run; -1 = never */
    long fault_nan_at;        /* testing: poison seed fault_nan_seed's parameters with NaN at this timestep (0: off) */
    long fault_nan_seed;
    int num_envs;
    EnvOptions envopt;
    LearnerConfig lc;         /* DQN family (replay, target networks) */
    AgentConfig ac;
    int pqn;                  /* 1: pqn or scorer-pqn (uses pc; shared keys are copied into it) */
    PqnConfig pc;
} RunConfig;

/* An ordered list of key=value settings (config file, then --set, then flags). */
#define CONFIG_MAX_PAIRS 256
typedef struct ConfigPairs {
    int n;
    char key[CONFIG_MAX_PAIRS][64];
    char val[CONFIG_MAX_PAIRS][512];
    char origin[CONFIG_MAX_PAIRS][80]; /* "--set", "file.ini:12", "--steps" */
} ConfigPairs;

#define CONFIG_VALUE_MAX 511 /* characters of a value (an out path), as ConfigPairs holds it */
/* Append one setting; returns 0, -1 when the list is full, -2 when the key or value is NULL or too long for
 * it (a value is never cut: an out path cut short would name another folder). origin may be NULL. */
int config_pairs_add(ConfigPairs *p, const char *key, const char *val, const char *origin);
/* Parse "key=value" (as given to --set) into p. */
int config_pairs_add_kv(ConfigPairs *p, const char *kv, const char *origin, char *err, size_t errlen);
/* Read an INI file ([sections] ignored; comments are whole lines starting with # or ;) into p: a
 * value is the rest of its line, so "gamma = 0.5 # c" is the value "0.5 # c", which config_resolve refuses
 * (its message says why); an unknown key is refused here. On an error p holds the lines before the
 * bad one: discard it (resolving it would run without the rest of the file). */
int config_pairs_load(ConfigPairs *p, const char *path, char *err, size_t errlen);
/* The same from an open stream; name is used in messages. */
int config_pairs_read(ConfigPairs *p, FILE *f, const char *name, char *err, size_t errlen);

/* Resolve: defaults for the env family and algorithm (both taken from the pairs, last one
 * wins, else CartPole-v1 / scorer-dqn), then every pair in order, then validation. p NULL: no pairs.
 * Returns 0 or -1 with a one-line message naming the setting and the fix; -2 when out of memory (the
 * settings may be fine). The three below return the same. */
int config_resolve(RunConfig *c, const ConfigPairs *p, char *err, size_t errlen);
/* The same for algorithm algo, whatever the pairs' algo says: a compare resolves its run for its first
 * algorithm, whose defaults then hold for every one (the budget: total_timesteps). */
int config_resolve_as(RunConfig *c, const ConfigPairs *p, const char *algo, char *err, size_t errlen);
/* Apply the algorithm's defaults and settings on top of an already resolved config (compare). */
int config_for_algo(RunConfig *c, const char *algo, const ConfigPairs *p, char *err, size_t errlen);
/* Whether c can run: every setting within its range, the fields config_resolve derives (the algorithm's
 * learner flags, PQN's copies of the shared settings) as the settings give them, the env taking its
 * options, and the sizes fitting together. 0, or -1 with a one-line message (-2 out of memory). The resolve
 * functions end with it, and trainee_init (so train_seed) calls it: a RunConfig written field by field
 * after config_resolve is checked there; to change a setting, add a pair and resolve again. */
int config_validate(const RunConfig *c, char *err, size_t errlen);
/* 1 when c's algorithm reads the setting, 0 when it ignores it (dqn: follower_lr; scorer-dqn: lr; PQN:
 * the replay's and target network's keys, ...), -1 for an unknown key. */
int config_key_used(const RunConfig *c, const char *key);
/* The keys c's algorithm ignores, comma-separated into buf; returns how many. */
size_t config_unused_keys(const RunConfig *c, char *buf, size_t len);
/* The i-th key added after runs were first written (0, 1, ...; NULL past the last), with in *old_value the
 * value every run before it had: a config.ini without the key ran with it (optimizer: adam). Checkpoints do
 * not hash the key's line at that value, and summary's settings read it there, so that those runs stay
 * resumable and alike to new ones. */
const char *config_added_key(int i, const char **old_value);
/* config_write's comment line naming them: not part of the configuration (ckpt_config_hash skips it). */
#define CONFIG_UNUSED_PREFIX "# not used by "
/* A note when c's exploration does not end within the run (PQN anneals epsilon over eps_decay x
 * decay_horizon, the DQN family over eps_anneal_timesteps, both set for the reference's budgets, not the
 * run's): msg says where epsilon (and PQN's learning rates) end, and the return is the value that fits the
 * run: PQN's decay_horizon scaling both schedules to it (half of it, as the defaults are to their budgets),
 * the DQN family's eps_anneal_timesteps (a tenth of it, as the classic default is of the reference's 500k);
 * 0 when exploration ends within the run, or is 99% through at its end (msg untouched).
 * Such a run's returns are of a policy still exploring, not comparable with a baseline's that stopped. */
long config_schedule_note(const RunConfig *c, char *msg, size_t len);
/* Write every key with its resolved value (re-runnable with --config). */
void config_write(const RunConfig *c, FILE *f);
/* The same for people (--dry-run): floats in the fewest digits that read back to the same value
 * (gamma = 0.99, not 0.99000001); it re-runs to the same configuration. config.ini keeps
 * config_write's text, which checkpoints hash. */
void config_print(const RunConfig *c, FILE *f);
/* A number as settings take it, decimal only (100, -0.5, 3e-4; not 0x10, inf, " 100"): 0 and *v, -1
 * when s is not one, -2 when no double holds it (1e999; 1e-999 is 0). */
int config_parse_number(const char *s, double *v);
/* Setting key's value text val as people read it: a float or double setting in the fewest digits
 * that read back to the same value (leader_lr 0.000300000014 -> 0.0003), a boolean as 1 or 0
 * (true, yes, on -> 1); any other key or value copied as it is. Returns 1 when it was rewritten. */
int config_value_shown(const char *key, const char *val, char *out, size_t len);
/* Help text listing every key, its default and meaning, for scorer command ("train", "compare",
 * "sweep": their own num_seeds and out defaults). */
void config_print_keys(FILE *f, const char *command);
int config_algo_known(const char *algo);
int config_key_known(const char *key);
const char *config_algo_list(void);
/* The message for a name that is not an environment, algorithm or setting: "unknown algorithm 'X'
 * (did you mean Y? choose from ...)", the guess only when one is close (suggest.h); returns buf. */
typedef enum { CONFIG_UNKNOWN_ENV, CONFIG_UNKNOWN_ALGO, CONFIG_UNKNOWN_KEY } ConfigUnknown;
const char *config_unknown(char *buf, size_t len, ConfigUnknown what, const char *word);

#endif
