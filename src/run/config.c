/* config.c - hyperparameters by name: defaults, INI/--set parsing, validation, output. */
#include "scorer/config.h"
#include "scorer/schedule.h"
#include "scorer/suggest.h"
#include "scorer/trainer.h" /* train_curve_rows */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { T_INT, T_LONG, T_FLOAT, T_DOUBLE, T_BOOL, T_STR, T_ENUM };

typedef struct Key {
    const char *name, *section;
    int type;
    size_t off;
    size_t size;           /* T_STR buffer size */
    const char *choices;   /* T_ENUM: "a|b|c" -> 0, 1, 2 */
    double lo, hi;         /* valid range for numbers */
    const char *help;
} Key;

#define F(m) offsetof(RunConfig, m)
#define BIG 1e15
static const Key keys[] = {
    {"env", "run", T_STR, F(env), 64, NULL, 0, 0, "environment (scorer train --help lists them)"},
    {"algo", "run", T_STR, F(algo), 32, NULL, 0, 0, "algorithm: dqn ddqn dueling-dqn dueling-ddqn pqn, each also scorer-*"},
    {"seed", "run", T_LONG, F(seed), 0, NULL, 0, 2147483647.0, "first seed"},
    {"num_seeds", "run", T_INT, F(num_seeds), 0, NULL, 1, 10000, "seeds seed, seed+1, ..."},
    {"total_timesteps", "run", T_LONG, F(total_timesteps), 0, NULL, 1, BIG, "environment timesteps per seed"},
    {"threads", "run", T_INT, F(threads), 0, NULL, 0, 1024, "worker threads (0: one per core)"},
    {"out", "run", T_STR, F(out), 512, NULL, 0, 0, "output folder"},
    {"log_interval", "run", T_LONG, F(log_interval), 0, NULL, 0, BIG, "timesteps per CSV row, rounded down to whole iterations (0: total/200)"},
    {"checkpoint_every", "run", T_LONG, F(checkpoint_every), 0, NULL, -1, BIG, "timesteps between checkpoints (0: every 10%, -1: never)"},
    {"fault_nan_at", "run", T_LONG, F(fault_nan_at), 0, NULL, 0, BIG, "testing: inject a NaN into the networks at this timestep (0: off)"},
    {"fault_nan_seed", "run", T_LONG, F(fault_nan_seed), 0, NULL, 0, 2147483647.0, "testing: the seed that gets the NaN"},
    {"num_envs", "env", T_INT, F(num_envs), 0, NULL, 1, 65536, "parallel environments N"},
    {"env_preset", "env", T_ENUM, F(envopt.preset), 0, "default|minatar|gymnax", 0, 0, "MinAtar semantics"},
    {"sticky_prob", "env", T_DOUBLE, F(envopt.sticky_prob), 0, NULL, -1, 1, "MinAtar sticky actions (-1: preset default)"},
    {"time_limit", "env", T_INT, F(envopt.time_limit), 0, NULL, -1, 1e9, "episode step limit (-1: env default, 0: none)"},
    {"full_action_set", "env", T_INT, F(envopt.full_action_set), 0, NULL, -1, 1, "MinAtar: 1 = all 6 actions (-1: default)"},
    {"difficulty_ramping", "env", T_INT, F(envopt.difficulty_ramping), 0, NULL, -1, 1, "MinAtar ramping (-1: default)"},
    {"buffer_size", "learner", T_INT, F(lc.buffer_size), 0, NULL, 2, 1e9, "replay capacity (transitions)"},
    {"batch_size", "learner", T_INT, F(lc.batch_size), 0, NULL, 1, 1 << 20, "batch B"},
    {"gamma", "learner", T_FLOAT, F(lc.gamma), 0, NULL, 0, 1, "discount"},
    {"eps_start", "learner", T_FLOAT, F(lc.eps_start), 0, NULL, 0, 1, "initial epsilon"},
    {"eps_end", "learner", T_FLOAT, F(lc.eps_end), 0, NULL, 0, 1, "final epsilon"},
    {"eps_anneal_timesteps", "learner", T_LONG, F(lc.eps_anneal), 0, NULL, 0, BIG, "epsilon decay length"},
    {"learning_starts", "learner", T_LONG, F(lc.learning_starts), 0, NULL, 0, BIG, "learn once t > this"},
    {"leader_interval", "learner", T_LONG, F(lc.leader_interval), 0, NULL, 1, BIG, "timesteps between leader (baseline) updates"},
    {"follower_interval", "learner", T_LONG, F(lc.follower_interval), 0, NULL, 1, BIG, "timesteps between follower updates"},
    {"target_interval", "learner", T_LONG, F(lc.target_interval), 0, NULL, 1, BIG, "timesteps between target updates"},
    {"tau", "learner", T_FLOAT, F(lc.tau), 0, NULL, 1e-9, 1, "target update rate (1: hard copy)"},
    {"leader_lr", "learner", T_FLOAT, F(lc.leader_lr), 0, NULL, 1e-12, 10, "Q-network (leader) learning rate"},
    {"follower_lr", "learner", T_FLOAT, F(lc.follower_lr), 0, NULL, 1e-12, 10, "encoder (follower) learning rate"},
    {"lr", "learner", T_FLOAT, F(lc.lr), 0, NULL, 1e-12, 10, "baseline learning rate (one optimiser)"},
    {"max_grad_norm", "learner", T_FLOAT, F(lc.max_grad_norm), 0, NULL, 0, 1e9, "leader/baseline clip (0: none)"},
    {"perception_max_grad_norm", "learner", T_FLOAT, F(lc.perception_max_grad_norm), 0, NULL, 0, 1e9, "follower clip (0: none)"},
    {"lr_linear_decay", "learner", T_BOOL, F(lc.lr_decay), 0, NULL, 0, 1, "decay learning rates to 0 by env progress"},
    {"follower_loss", "learner", T_ENUM, F(lc.follower_loss), 0, "msbe|variance", 0, 0, "follower objective"},
    {"follower_steps", "learner", T_INT, F(lc.follower_steps), 0, NULL, 0, 1000, "best-response steps per follower update"},
    {"reference_schedule", "learner", T_BOOL, F(lc.reference_schedule), 0, NULL, 0, 1, "fire intervals as the reference (t % k == 0)"},
    {"terminal_on_truncation", "learner", T_BOOL, F(lc.terminal_on_truncation), 0, NULL, 0, 1, "time limits cut bootstrapping"},
    {"obs_bits", "learner", T_BOOL, F(lc.obs_bits), 0, NULL, 0, 1, "store binary observations as bits"},
    {"latent_dim", "network", T_INT, F(ac.latent), 0, NULL, 1, 65536, "encoder output width"},
    {"encoder_layers", "network", T_INT, F(ac.encoder_layers), 0, NULL, 1, 4, "dense layers in the encoder"},
    {"input_l1norm", "network", T_BOOL, F(ac.input_l1norm), 0, NULL, 0, 1, "L1Norm on the input"},
    {"final_l1norm", "network", T_BOOL, F(ac.final_l1norm), 0, NULL, 0, 1, "L1Norm on the latent"},
    {"q_hidden", "network", T_INT, F(ac.q_hidden), 0, NULL, 1, 65536, "Q head hidden width"},
    {"dueling_hidden", "network", T_INT, F(ac.dueling_hidden), 0, NULL, 1, 65536, "dueling stream width"},
    {"activation", "network", T_ENUM, F(ac.act), 0, "relu|tanh", 0, 0, "hidden activation"},
    {"num_steps", "pqn", T_INT, F(pc.num_steps), 0, NULL, 1, 1 << 20, "PQN: rollout length per env"},
    {"num_minibatches", "pqn", T_INT, F(pc.num_minibatches), 0, NULL, 1, 1 << 20, "PQN: minibatches per epoch"},
    {"num_epochs", "pqn", T_INT, F(pc.num_epochs), 0, NULL, 1, 1000, "PQN: epochs per rollout"},
    {"eps_decay", "pqn", T_FLOAT, F(pc.eps_decay), 0, NULL, 0, 1000, "PQN: epsilon decays over this fraction of decay_horizon"},
    {"decay_horizon", "pqn", T_LONG, F(pc.decay_horizon), 0, NULL, 1, BIG, "PQN: timesteps over which lr and epsilon decay"},
    {"lambda", "pqn", T_FLOAT, F(pc.lambda), 0, NULL, 0, 1, "PQN: Q(lambda) parameter"},
    {"q_layers", "pqn", T_INT, F(pc.q_layers), 0, NULL, 0, PQN_MAX_Q_LAYERS, "PQN: hidden layers of the Q-network"},
    {"textbook_lambda", "pqn", T_BOOL, F(pc.textbook_lambda), 0, NULL, 0, 1, "PQN: textbook lambda recursion (0: as the reference)"},
    {"reward_scale", "pqn", T_FLOAT, F(pc.reward_scale), 0, NULL, -1e6, 1e6, "PQN: rewards are multiplied by this"},
    {"optimizer", "pqn", T_ENUM, F(pc.optimizer), 0, "adam|radam", 0, 0, "PQN: every player's optimiser, adam or radam (Rectified Adam, as purejaxql)"},
};
#define NKEYS ((int)(sizeof keys / sizeof keys[0]))

static const char *const algo_names[] = {"dqn", "ddqn", "dueling-dqn", "dueling-ddqn", "pqn",
                                   "scorer-dqn", "scorer-ddqn", "scorer-dueling-dqn", "scorer-dueling-ddqn", "scorer-pqn"};

int config_algo_known(const char *algo) {
    for (size_t i = 0; i < sizeof algo_names / sizeof algo_names[0]; i++)
        if (strcmp(algo, algo_names[i]) == 0) return 1;
    return 0;
}

const char *config_algo_list(void) {
    return "dqn, ddqn, dueling-dqn, dueling-ddqn, pqn, scorer-dqn, scorer-ddqn, scorer-dueling-dqn, scorer-dueling-ddqn, scorer-pqn";
}

static const Key *find_key(const char *name) {
    for (int i = 0; i < NKEYS; i++) if (strcmp(keys[i].name, name) == 0) return &keys[i];
    return NULL;
}

int config_key_known(const char *name) { return find_key(name) != NULL; }

const char *config_unknown(char *buf, size_t len, ConfigUnknown what, const char *word) {
    _Static_assert(sizeof keys / sizeof keys[0] <= 128, "config_unknown: names[] too small for the keys");
    const char *names[128]; /* the algorithms, the keys, or the built-in and added envs (8 + ENV_MAX_ADDED) */
    int n = 0;
    if (what == CONFIG_UNKNOWN_ALGO)
        for (; n < (int)(sizeof algo_names / sizeof *algo_names); n++) names[n] = algo_names[n];
    else
        for (; n < (what == CONFIG_UNKNOWN_KEY ? NKEYS : env_count()) && n < 128; n++)
            names[n] = what == CONFIG_UNKNOWN_KEY ? keys[n].name : env_at(n)->name;
    char hint[96];
    suggest_hint(hint, sizeof hint, word, names, n);
    if (what == CONFIG_UNKNOWN_ALGO) snprintf(buf, len, "unknown algorithm '%s' (%schoose from %s)", word, hint, config_algo_list());
    else if (what == CONFIG_UNKNOWN_KEY) snprintf(buf, len, "unknown setting '%s' (%sscorer train --help lists every key)", word, hint);
    else {
        char list[600] = "";
        for (int i = 0; i < n; i++) snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", names[i]);
        snprintf(buf, len, "unknown environment '%s' (%schoose from %s)", word, hint, list);
    }
    return buf;
}

int config_pairs_add(ConfigPairs *p, const char *key, const char *val, const char *origin) {
    if (p->n >= CONFIG_MAX_PAIRS) return -1;
    if (!key || !val) return -2;
    if (!origin) origin = "";
    if (strlen(key) >= sizeof p->key[0] || strlen(val) >= sizeof p->val[0]) return -2; /* cut, it would name another thing */
    snprintf(p->key[p->n], sizeof p->key[0], "%s", key);
    snprintf(p->val[p->n], sizeof p->val[0], "%s", val);
    snprintf(p->origin[p->n], sizeof p->origin[0], "%s", origin);
    p->n++;
    return 0;
}

static char *trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = 0;
    return s;
}

int config_pairs_add_kv(ConfigPairs *p, const char *kv, const char *origin, char *err, size_t errlen) {
    char buf[600];
    if (strlen(kv) >= sizeof buf) { snprintf(err, errlen, "%s: setting too long", origin); return -1; }
    strcpy(buf, kv);
    char *eq = strchr(buf, '=');
    if (!eq) { snprintf(err, errlen, "%s '%s': expected key=value", origin, kv); return -1; }
    *eq = 0;
    char *k = trim(buf), *v = trim(eq + 1);
    if (!find_key(k)) {
        char msg[300];
        snprintf(err, errlen, "%s: %s", origin, config_unknown(msg, sizeof msg, CONFIG_UNKNOWN_KEY, k));
        return -1;
    }
    const int rc = config_pairs_add(p, k, v, origin);
    if (rc == -2) { snprintf(err, errlen, "%s: %s: value too long (at most %d characters)", origin, k, CONFIG_VALUE_MAX); return -1; }
    if (rc) { snprintf(err, errlen, "too many settings"); return -1; }
    return 0;
}

int config_pairs_read(ConfigPairs *p, FILE *f, const char *name, char *err, size_t errlen) {
    char line[700], origin[80];
    int ln = 0;
    const int first = p->n; /* this file's settings start here */
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(err, errlen, "%.60s:%d: line too long (settings are key = value, one per line)", name, ln);
            return -1;
        }
        char *s = trim(ln == 1 && !strncmp(line, "\xEF\xBB\xBF", 3) ? line + 3 : line); /* an editor's UTF-8 mark */
        if (!*s || *s == '#' || *s == ';') continue;
        if (*s == '[') { /* sections are only for reading; a cut one is a damaged line */
            if (s[strlen(s) - 1] == ']') continue;
            snprintf(err, errlen, "%.60s:%d: '%.60s': a section header is [name] on a line of its own", name, ln, s);
            return -1;
        }
        snprintf(origin, sizeof origin, "%.60s:%d", name, ln);
        if (config_pairs_add_kv(p, s, origin, err, errlen)) return -1;
        for (int j = first; j < p->n - 1; j++) /* the last line would win unseen: a setting is given once */
            if (!strcmp(p->key[j], p->key[p->n - 1])) {
                snprintf(err, errlen, "%s: %s is set again (first at %s; give each setting once)", origin, p->key[j], p->origin[j]);
                return -1;
            }
    }
    if (ferror(f)) { snprintf(err, errlen, "cannot read %s: %s", name, strerror(errno)); return -1; }
    return 0;
}

int config_pairs_load(ConfigPairs *p, const char *path, char *err, size_t errlen) {
    FILE *f = fopen(path, "r");
    if (!f) { snprintf(err, errlen, "cannot read config %s: %s", path, strerror(errno)); return -1; }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        snprintf(err, errlen, "config %s is a folder: give an INI file (e.g. a run's config.ini)", path);
        return -1;
    }
    int rc = config_pairs_read(p, f, path, err, errlen);
    fclose(f);
    return rc;
}

/* Decimal only, as written in a file or on a command line: an optional sign, digits with at most one
 * point, an optional exponent; nothing before or after. strtod alone would also take hex (0x10),
 * inf, nan and leading spaces. */
static int decimal_syntax(const char *s) {
    int digits = 0;
    if (*s == '+' || *s == '-') s++;
    for (; *s >= '0' && *s <= '9'; s++) digits++;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++) digits++;
    if (!digits) return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-') s++;
        if (!(*s >= '0' && *s <= '9')) return 0;
        while (*s >= '0' && *s <= '9') s++;
    }
    return *s == 0;
}

int config_parse_number(const char *s, double *v) {
    if (!decimal_syntax(s)) return -1;
    *v = strtod(s, NULL); /* 1e-999 rounds to 0, as 1e-50 does to a float */
    return isfinite(*v) ? 0 : -2; /* 1e999: no double holds it */
}

/* A number as people write it: whole numbers whole (2147483647, not 2.14748e+09). */
static void number_text(double d, char *buf, size_t len) {
    if (d == floor(d) && fabs(d) < 1e17) snprintf(buf, len, "%.0f", d);
    else snprintf(buf, len, "%g", d);
}

/* The fix at the end of a refusal of value val: dflt, unless val holds an INI line's comment (one is
 * not taken off the value). */
static const char *fix_for(const char *val, const char *dflt) {
    return strpbrk(val, "#;") ? " (a comment must be on a line of its own)" : dflt;
}

static int set_key(RunConfig *c, const Key *k, const char *val, const char *origin, char *err, size_t errlen) {
    void *dst = (char *)c + k->off;
    if (k->type == T_STR) {
        if (strlen(val) >= k->size) { snprintf(err, errlen, "%s: %s is too long", origin, k->name); return -1; }
        strcpy((char *)dst, val);
        return 0;
    }
    if (k->type == T_ENUM) {
        const char *ch = k->choices;
        for (int idx = 0; *ch; idx++) {
            size_t n = strcspn(ch, "|");
            if (strlen(val) == n && strncmp(val, ch, n) == 0) {
                if (k->off == F(ac.act)) *(LayerKind *)dst = idx ? LAYER_TANH : LAYER_RELU;
                else *(int *)dst = idx;
                return 0;
            }
            ch += n + (ch[n] == '|');
        }
        snprintf(err, errlen, "%s: %s=%s is not one of %s%s", origin, k->name, val, k->choices, fix_for(val, ""));
        return -1;
    }
    if (k->type == T_BOOL) {
        if (!strcmp(val, "1") || !strcmp(val, "true") || !strcmp(val, "yes") || !strcmp(val, "on")) *(int *)dst = 1;
        else if (!strcmp(val, "0") || !strcmp(val, "false") || !strcmp(val, "no") || !strcmp(val, "off")) *(int *)dst = 0;
        else { snprintf(err, errlen, "%s: %s=%s is not a boolean%s", origin, k->name, val, fix_for(val, " (use 1 or 0)")); return -1; }
        return 0;
    }
    double d;
    char lo[32], hi[32];
    number_text(k->lo, lo, sizeof lo);
    number_text(k->hi, hi, sizeof hi);
    const int rc = config_parse_number(val, &d);
    if (rc == -1) {
        snprintf(err, errlen, "%s: %s=%s is not a number%s", origin, k->name, val, fix_for(val, " (write it in decimal: 100, 0.5, 3e-4)"));
        return -1;
    }
    if (rc == 0 && (k->type == T_INT || k->type == T_LONG) && d != floor(d)) {
        snprintf(err, errlen, "%s: %s=%s must be a whole number", origin, k->name, val);
        return -1;
    }
    if (rc == -2 || d < k->lo || d > k->hi) {
        snprintf(err, errlen, "%s: %s=%s is out of range (allowed %s to %s)", origin, k->name, val, lo, hi);
        return -1;
    }
    switch (k->type) {
    case T_INT: *(int *)dst = (int)d; break;
    case T_LONG: *(long *)dst = (long)d; break;
    case T_FLOAT: *(float *)dst = (float)d; break;
    default: *(double *)dst = d; break;
    }
    return 0;
}

/* What an algorithm's name says: scorer-dueling-ddqn is SCORER, dueling and double-Q. */
typedef struct AlgoKind { int scorer, dueling, dbl, pqn; } AlgoKind;
static AlgoKind algo_kind(const char *algo) {
    AlgoKind k;
    k.scorer = strncmp(algo, "scorer-", 7) == 0;
    const char *base = k.scorer ? algo + 7 : algo;
    k.dueling = strncmp(base, "dueling-", 8) == 0;
    k.dbl = strcmp(base, "ddqn") == 0 || strcmp(base, "dueling-ddqn") == 0;
    k.pqn = strcmp(base, "pqn") == 0;
    return k;
}

/* Defaults of ../shared/SCORER.md sections 3-5 for one env family and algorithm. */
static void apply_defaults(RunConfig *c, const char *family, const char *algo) {
    const int minatar = strcmp(family, "minatar") == 0;
    const AlgoKind kind = algo_kind(algo);
    const int scorer = kind.scorer, dueling = kind.dueling, dbl = kind.dbl;
    LearnerConfig *l = &c->lc;
    AgentConfig *a = &c->ac;
    l->scorer = scorer;
    l->double_q = dbl;
    a->dueling = dueling;
    c->num_envs = minatar ? 128 : 10;
    l->buffer_size = minatar ? 100000 : 50000;
    l->batch_size = 64;
    l->gamma = 0.99f;
    l->eps_start = 1.0f;
    l->eps_end = minatar ? 0.01f : 0.05f;
    l->eps_anneal = minatar ? 250000 : 50000;
    l->learning_starts = minatar ? 10000 : 1000;
    l->leader_interval = l->follower_interval = minatar ? 4 : 10;
    l->target_interval = 1000;
    l->tau = 1.0f;
    l->leader_lr = 1e-4f;
    l->follower_lr = minatar ? 5e-4f : 3e-4f;
    if (dbl && !minatar) { l->leader_lr = 3e-4f; l->follower_lr = 6e-4f; }
    l->lr = l->leader_lr; /* the baseline trains with the leader's rate */
    l->max_grad_norm = l->perception_max_grad_norm = 0.5f;
    l->lr_decay = 1;
    l->follower_loss = FOLLOWER_MSBE;
    l->follower_steps = 1;
    l->reference_schedule = 1; /* the paper's firing pattern (identical to timestep intervals on classic control) */
    l->terminal_on_truncation = 1;
    l->obs_bits = 1;
    a->latent = minatar ? 128 : 64;
    a->encoder_layers = minatar ? 2 : 1;
    a->input_l1norm = minatar;
    /* reference: the classic dueling encoder and the MinAtar double-Q encoder end without L1Norm */
    a->final_l1norm = !((!minatar && dueling) || (minatar && dbl));
    a->q_hidden = minatar ? 128 : 64;
    a->dueling_hidden = minatar ? 64 : 32;
    a->act = LAYER_RELU;
    c->pqn = kind.pqn;
    /* SCORER.md: 1e6 on classic control; on MinAtar 1e7 for the DQN family, 1e8 for PQN (its decay horizon is 5e7) */
    if (c->total_timesteps <= 0) c->total_timesteps = !minatar ? 1000000 : c->pqn ? 100000000 : 10000000;
    c->pc = pqn_defaults(minatar);
    c->pc.scorer = scorer;
    if (c->pqn) { /* the keys PQN shares with the DQN family show PQN's defaults */
        const PqnConfig *p = &c->pc;
        c->num_envs = p->num_envs;
        l->leader_lr = p->leader_lr;
        l->follower_lr = p->follower_lr;
        l->lr = p->lr;
        l->max_grad_norm = l->perception_max_grad_norm = p->max_grad_norm;
        l->eps_end = p->eps_finish;
        a->latent = p->latent;
        a->q_hidden = p->q_hidden;
    }
}

/* PQN reads the shared keys (learning rates, clip, gamma, epsilon, ...) from the DQN fields: p is c->pc
 * (resolving) or a copy of it (config_validate's check). */
static void sync_pqn_into(PqnConfig *p, const RunConfig *c) {
    const LearnerConfig *l = &c->lc;
    p->num_envs = c->num_envs;
    p->follower_loss = l->follower_loss;
    p->eps_start = l->eps_start;
    p->eps_finish = l->eps_end;
    p->leader_lr = l->leader_lr;
    p->follower_lr = l->follower_lr;
    p->lr = l->lr;
    p->max_grad_norm = l->max_grad_norm;
    p->lr_linear_decay = l->lr_decay;
    p->gamma = l->gamma;
    p->latent = c->ac.latent;
    p->q_hidden = c->ac.q_hidden;
    p->terminal_on_truncation = l->terminal_on_truncation;
}

static const char *last_value(const ConfigPairs *p, const char *key, const char *dflt) {
    const char *v = dflt;
    for (int i = 0; p && i < p->n; i++) if (!strcmp(p->key[i], key)) v = p->val[i];
    return v;
}

int config_for_algo(RunConfig *c, const char *algo, const ConfigPairs *p, char *err, size_t errlen) {
    const EnvClass *ec = env_find(c->env);
    if (!ec) { config_unknown(err, errlen, CONFIG_UNKNOWN_ENV, c->env); return -1; }
    if (!config_algo_known(algo)) { config_unknown(err, errlen, CONFIG_UNKNOWN_ALGO, algo); return -1; }
    apply_defaults(c, ec->family, algo);
    for (int i = 0; p && i < p->n; i++) { /* p NULL: no pairs */
        if (!strcmp(p->key[i], "algo")) continue; /* the algorithm is the one asked for */
        if (set_key(c, find_key(p->key[i]), p->val[i], p->origin[i], err, errlen)) return -1;
    }
    snprintf(c->algo, sizeof c->algo, "%s", algo);
    c->lc.total_timesteps = c->total_timesteps; /* the learning rates decay over the whole run */
    sync_pqn_into(&c->pc, c);
    return config_validate(c, err, errlen);
}

int config_resolve(RunConfig *c, const ConfigPairs *p, char *err, size_t errlen) { return config_resolve_as(c, p, NULL, err, errlen); }

int config_resolve_as(RunConfig *c, const ConfigPairs *p, const char *algo, char *err, size_t errlen) {
    memset(c, 0, sizeof *c);
    env_options_default(&c->envopt);
    c->seed = 0;
    c->num_seeds = 1;
    c->threads = 0;
    for (int i = 0; p && i < p->n; i++)
        if (!find_key(p->key[i])) {
            char msg[300];
            snprintf(err, errlen, "%s: %s", p->origin[i], config_unknown(msg, sizeof msg, CONFIG_UNKNOWN_KEY, p->key[i]));
            return -1;
        }
    snprintf(c->env, sizeof c->env, "%s", last_value(p, "env", "CartPole-v1"));
    if (!algo) algo = last_value(p, "algo", "scorer-dqn");
    /* total_timesteps default depends on the family: take it from the pairs first */
    c->total_timesteps = 0;
    return config_for_algo(c, algo, p, err, errlen);
}

/* Whether env class ec takes the env options o: one env is made with them, as a run would.
 * 1: it does, 0: it does not, -1: out of memory. */
static int env_takes(const EnvClass *ec, const EnvOptions *o) {
    void *state = env_alloc(ec, 1);
    if (!state) return -1;
    EnvInfo info;
    const int ok = ec->init(state, o, &info) == 0;
    free(state);
    return ok;
}

static void write_value(const RunConfig *c, const Key *k, FILE *f, int for_people);

/* Key k's value in c as people read it. */
static void value_text(const RunConfig *c, const Key *k, char *buf, size_t len) {
    FILE *m = fmemopen(buf, len, "w");
    if (m) { write_value(c, k, m, 1); fclose(m); } else snprintf(buf, len, "?");
}

/* The refusal of env options that ec does not take (c->envopt): the keys set away from their defaults
 * that ec refuses each alone (sticky_prob on CartPole), else, when only together, all those set; with
 * the defaults to leave them at. -1 as config_validate, -2 when out of memory. */
static int env_options_refused(const EnvClass *ec, const RunConfig *c, char *err, size_t errlen) {
    static _Thread_local RunConfig dflt; /* large: not on the stack; one per thread (library callers validate on several) */
    memset(&dflt, 0, sizeof dflt);
    env_options_default(&dflt.envopt);
    const size_t lo = F(envopt), hi = lo + sizeof(EnvOptions);
    char names[300] = "", fix[300] = "", val[64];
    int n = 0, together = 0;
    for (int pass = 0; pass < 2 && !n; pass++) /* pass 0: those refused alone; pass 1: every one set */
        for (int i = 0; i < NKEYS; i++) {
            together = pass;
            const Key *k = &keys[i];
            const size_t size = k->type == T_DOUBLE ? sizeof(double) : sizeof(int);
            if (k->off < lo || k->off >= hi || !memcmp((const char *)c + k->off, (const char *)&dflt + k->off, size)) continue;
            if (pass == 0) {
                RunConfig *one = &dflt; /* the defaults with this one option as c has it */
                memcpy((char *)one + k->off, (const char *)c + k->off, size);
                const int takes = env_takes(ec, &one->envopt);
                env_options_default(&dflt.envopt);
                if (takes < 0) { snprintf(err, errlen, "out of memory"); return -2; }
                if (takes) continue;
            }
            value_text(c, k, val, sizeof val);
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s=%s", n ? ", " : "", k->name, val);
            value_text(&dflt, k, val, sizeof val);
            snprintf(fix + strlen(fix), sizeof fix - strlen(fix), "%s%s=%s", n ? ", " : "", k->name, val);
            n++;
        }
    if (n == 0) /* an added env whose init refuses even the defaults */
        snprintf(err, errlen, "%s's init refuses the default env options (its EnvClass init returned an error with every "
                              "option at its default: check the init)", c->env);
    else if (n == 1) snprintf(err, errlen, "%s does not take %s (leave it at its default: %s)", c->env, names, fix);
    else snprintf(err, errlen, "%s does not take %s%s (leave them at their defaults: %s)", c->env, names,
                  together ? " together" : "", fix);
    return -1;
}

/* Every setting of c within its key's range, as set_key would take it: a library caller may write the
 * fields after config_resolve (num_envs = 0 would divide by zero below). -1 with err, else 0. */
static int fields_valid(const RunConfig *c, char *err, size_t errlen) {
    for (int i = 0; i < NKEYS; i++) {
        const Key *k = &keys[i];
        const void *src = (const char *)c + k->off;
        double d;
        switch (k->type) {
        case T_STR:
            if (memchr(src, 0, k->size)) continue;
            snprintf(err, errlen, "%s is not a string of at most %zu characters (end it with a 0 byte)", k->name, k->size - 1);
            return -1;
        case T_ENUM: {
            int n = 1;
            for (const char *ch = k->choices; (ch = strchr(ch, '|')); ch++) n++;
            const int v = *(const int *)src;
            const int ok = k->off == F(ac.act) ? v == LAYER_RELU || v == LAYER_TANH : v >= 0 && v < n;
            if (ok) continue;
            snprintf(err, errlen, "%s holds %d, none of %s (set it as a pair: config_pairs_add, then config_resolve)", k->name, v, k->choices);
            return -1;
        }
        case T_BOOL:
            if (*(const int *)src == 0 || *(const int *)src == 1) continue;
            snprintf(err, errlen, "%s=%d is not a boolean (use 1 or 0)", k->name, *(const int *)src);
            return -1;
        case T_INT: d = *(const int *)src; break;
        case T_LONG: d = (double)*(const long *)src; break;
        case T_FLOAT: d = *(const float *)src; break;
        default: d = *(const double *)src; break;
        }
        if (d >= k->lo && d <= k->hi) continue; /* NaN is neither */
        char val[64], lo[32], hi[32];
        value_text(c, k, val, sizeof val);
        number_text(k->lo, lo, sizeof lo);
        number_text(k->hi, hi, sizeof hi);
        snprintf(err, errlen, "%s=%s is out of range (allowed %s to %s)", k->name, val, lo, hi);
        return -1;
    }
    return 0;
}

/* The fields config_resolve derives (from algo, total_timesteps and the shared keys) as c's settings
 * give them: a caller that writes algo or a setting after config_resolve would train another run than
 * its config.ini says. -1 with err, else 0. */
static int derived_valid(const RunConfig *c, char *err, size_t errlen) {
    const AlgoKind k = algo_kind(c->algo);
    if (c->lc.scorer != k.scorer || c->lc.double_q != k.dbl || c->ac.dueling != k.dueling || c->pqn != k.pqn ||
        c->pc.scorer != k.scorer) {
        snprintf(err, errlen, "the learner's fields are not those of algo=%s (set the algorithm with config_resolve_as or "
                              "config_for_algo, not by writing algo)", c->algo);
        return -1;
    }
    if (c->lc.total_timesteps != c->total_timesteps) {
        snprintf(err, errlen, "lc.total_timesteps=%ld is not total_timesteps=%ld (the learning rates decay over the run: "
                              "set total_timesteps as a pair, then config_resolve)", c->lc.total_timesteps, c->total_timesteps);
        return -1;
    }
    if (!c->pqn) return 0;
    PqnConfig want = c->pc; /* the copy's other fields and padding as they are */
    sync_pqn_into(&want, c);
    if (!memcmp(&want, &c->pc, sizeof want)) return 0;
    snprintf(err, errlen, "PQN's copy of the shared settings (pc) differs from lc and ac (set them as pairs, then "
                          "config_resolve)");
    return -1;
}

int config_validate(const RunConfig *c, char *err, size_t errlen) {
    const LearnerConfig *l = &c->lc;
    if (!c->env[0] && !c->algo[0]) { /* a zeroed RunConfig */
        snprintf(err, errlen, "the configuration names no environment or algorithm (fill it with config_resolve)");
        return -1;
    }
    if (fields_valid(c, err, errlen)) return -1;
    if (!config_algo_known(c->algo)) { config_unknown(err, errlen, CONFIG_UNKNOWN_ALGO, c->algo); return -1; }
    if (derived_valid(c, err, errlen)) return -1;
    const EnvClass *ec = env_find(c->env);
    if (!ec) { config_unknown(err, errlen, CONFIG_UNKNOWN_ENV, c->env); return -1; }
    const int takes = env_takes(ec, &c->envopt);
    if (takes < 0) { snprintf(err, errlen, "out of memory"); return -2; }
    if (!takes) return env_options_refused(ec, c, err, errlen);
    if (!c->pqn && l->batch_size > l->buffer_size) {
        snprintf(err, errlen, "batch_size=%d is larger than buffer_size=%d (lower the batch or raise the buffer)", l->batch_size, l->buffer_size);
        return -1;
    }
    if (!c->pqn && l->buffer_size < 2 * c->num_envs) {
        snprintf(err, errlen, "buffer_size=%d must hold at least two steps of num_envs=%d", l->buffer_size, c->num_envs);
        return -1;
    }
    if (c->pqn && (long)c->pc.num_steps * c->num_envs < c->pc.num_minibatches) {
        snprintf(err, errlen, "num_minibatches=%d is more than the %ld samples of one rollout (num_steps x num_envs)",
                 c->pc.num_minibatches, (long)c->pc.num_steps * c->num_envs);
        return -1;
    }
    if (c->total_timesteps < c->num_envs) {
        snprintf(err, errlen, "total_timesteps=%ld is less than one step of num_envs=%d envs (raise total_timesteps or lower num_envs)",
                 c->total_timesteps, c->num_envs);
        return -1;
    }
    if (train_curve_rows(c) < 0) {
        snprintf(err, errlen, "log_interval=%ld makes more than %d CSV rows per seed over %ld timesteps (raise log_interval)",
                 c->log_interval, CURVE_MAX_ROWS, c->total_timesteps);
        return -1;
    }
    return 0;
}

const char *config_added_key(int i, const char **old_value) {
    static const char *const added[][2] = {{"optimizer", "adam"}};
    if (i < 0 || i >= (int)(sizeof added / sizeof added[0])) return NULL;
    *old_value = added[i][1];
    return added[i][0];
}

static int listed(const char *key, const char *const *names, size_t n) {
    for (size_t i = 0; i < n; i++) if (!strcmp(key, names[i])) return 1;
    return 0;
}
#define LISTED(key, names) listed(key, names, sizeof names / sizeof names[0])

int config_key_used(const RunConfig *c, const char *key) {
    const Key *k = find_key(key);
    if (!k) return -1;
    if (!strcmp(k->section, "pqn")) return c->pqn;
    /* PQN has no replay, target network or update intervals, one clip for both players, and its own
     * LayerNorm-ReLU networks (pqn.h; latent_dim, q_hidden and q_layers shape them, the keys below do not) */
    static const char *const dqn_family[] = {"buffer_size", "batch_size", "eps_anneal_timesteps", "learning_starts",
        "leader_interval", "follower_interval", "target_interval", "tau", "perception_max_grad_norm", "follower_steps",
        "reference_schedule", "obs_bits", "encoder_layers", "input_l1norm", "final_l1norm", "dueling_hidden", "activation"};
    if (c->pqn && LISTED(key, dqn_family)) return 0;
    /* a baseline has one optimiser, at rate lr, on the leader's interval and clip */
    static const char *const players[] = {"leader_lr", "follower_lr", "follower_interval", "follower_loss", "follower_steps",
                                          "perception_max_grad_norm"};
    if (!c->lc.scorer && LISTED(key, players)) return 0;
    if (c->lc.scorer && !strcmp(key, "lr")) return 0;
    if (!c->pqn && !strcmp(key, c->ac.dueling ? "q_hidden" : "dueling_hidden")) return 0; /* agent.c: one or the other */
    return 1;
}

size_t config_unused_keys(const RunConfig *c, char *buf, size_t len) {
    size_t n = 0, w = 0;
    if (len) buf[0] = 0;
    for (int i = 0; i < NKEYS; i++)
        if (!config_key_used(c, keys[i].name)) {
            int r = snprintf(buf + w, len > w ? len - w : 0, "%s%s", n ? ", " : "", keys[i].name);
            if (r > 0) w += (size_t)r;
            n++;
        }
    if (w >= len && len) buf[len - 1] = 0;
    return n;
}

/* The fewest digits (1 to 9: %.9g always does) that read back, as set_key reads, to the same
 * float: 0.99 rather than 0.99000001. For people only: config.ini keeps %.9g, because checkpoints
 * hash its text (ckpt_config_hash) and the runs already made must stay resumable. */
static void float_short(float v, char *b, size_t len) {
    for (int p = 1; p <= 9; p++) {
        snprintf(b, len, "%.*g", p, (double)v);
        if ((float)strtod(b, NULL) == v) return;
    }
}

/* The same for a double (1 to 17 digits): sticky_prob 0.1 rather than 0.10000000000000001. */
static void double_short(double v, char *b, size_t len) {
    for (int p = 1; p <= 17; p++) {
        snprintf(b, len, "%.*g", p, v);
        if (strtod(b, NULL) == v) return;
    }
}

int config_value_shown(const char *key, const char *val, char *out, size_t len) {
    const Key *k = find_key(key);
    double d;
    if (k && (k->type == T_FLOAT || k->type == T_DOUBLE) && config_parse_number(val, &d) == 0) {
        if (k->type == T_FLOAT) float_short((float)d, out, len);
        else double_short(d, out, len);
        return 1;
    }
    if (k && k->type == T_BOOL) { /* as set_key reads them: 1, true, yes, on; 0, false, no, off */
        static const char *const on[] = {"1", "true", "yes", "on"}, *const off[] = {"0", "false", "no", "off"};
        for (int i = 0; i < 4; i++)
            if (!strcmp(val, on[i]) || !strcmp(val, off[i])) { snprintf(out, len, "%s", !strcmp(val, on[i]) ? "1" : "0"); return 1; }
    }
    snprintf(out, len, "%s", val);
    return 0;
}

static void write_value(const RunConfig *c, const Key *k, FILE *f, int for_people) {
    const void *src = (const char *)c + k->off;
    char b[32];
    switch (k->type) {
    case T_STR: fprintf(f, "%s", (const char *)src); break;
    case T_INT: case T_BOOL: fprintf(f, "%d", *(const int *)src); break;
    case T_LONG: fprintf(f, "%ld", *(const long *)src); break;
    case T_FLOAT:
        if (for_people) { float_short(*(const float *)src, b, sizeof b); fputs(b, f); }
        else fprintf(f, "%.9g", (double)*(const float *)src);
        break;
    case T_DOUBLE:
        if (for_people) { double_short(*(const double *)src, b, sizeof b); fputs(b, f); }
        else fprintf(f, "%.17g", *(const double *)src);
        break;
    case T_ENUM: {
        int idx = k->off == F(ac.act) ? (*(const LayerKind *)src == LAYER_TANH) : *(const int *)src;
        const char *ch = k->choices;
        for (int i = 0; i < idx && strchr(ch, '|'); i++) ch = strchr(ch, '|') + 1;
        fprintf(f, "%.*s", (int)strcspn(ch, "|"), ch);
        break;
    }
    }
}

static void write_config(const RunConfig *c, FILE *f, int for_people) {
    fprintf(f, "# scorer resolved configuration: re-run with  scorer train --config THIS_FILE --out NEW_DIR\n");
    char unused[1024];
    if (config_unused_keys(c, unused, sizeof unused)) fprintf(f, CONFIG_UNUSED_PREFIX "%s: %s\n", c->algo, unused);
    const char *section = "";
    for (int i = 0; i < NKEYS; i++) {
        if (strcmp(section, keys[i].section)) { section = keys[i].section; fprintf(f, "\n[%s]\n", section); }
        fprintf(f, "%s = ", keys[i].name);
        write_value(c, &keys[i], f, for_people);
        fputc('\n', f);
    }
}

void config_write(const RunConfig *c, FILE *f) { write_config(c, f, 0); }
void config_print(const RunConfig *c, FILE *f) { write_config(c, f, 1); }

void config_print_keys(FILE *f, const char *command) {
    RunConfig c;
    ConfigPairs p = {0};
    char err[256], out_help[80];
    const int train = !strcmp(command, "train");
    config_resolve(&c, &p, err, sizeof err);
    if (!train) c.num_seeds = CONFIG_COMPARE_SEEDS; /* compare's and sweep's own defaults */
    snprintf(out_help, sizeof out_help, "%s (default runs/<env>-%s-<time>)", find_key("out")->help, train ? "<algo>" : command);
    fprintf(f, "Settings (--set key=value; defaults shown for CartPole-v1 / scorer-dqn):\n");
    for (int i = 0; i < NKEYS; i++) {
        fprintf(f, "  %-26s ", keys[i].name);
        char buf[64] = "";
        FILE *m = fmemopen(buf, sizeof buf, "w");
        if (m) { write_value(&c, &keys[i], m, 1); fclose(m); } else buf[0] = 0;
        fprintf(f, "%-10s %s\n", buf, keys[i].off == F(out) ? out_help : keys[i].help);
    }
}

long config_schedule_note(const RunConfig *c, char *msg, size_t len) {
    const long T = c->total_timesteps / c->num_envs * c->num_envs; /* what train_seed trains */
    if (!c->pqn) { /* the DQN family anneals epsilon over eps_anneal (fixed), its learning rates over the run */
        const LearnerConfig *l = &c->lc;
        if (l->eps_anneal <= T || l->eps_start == l->eps_end || (double)T >= 0.99 * (double)l->eps_anneal) return 0;
        snprintf(msg, len, "exploration lasts until timestep %ld (eps_anneal_timesteps), past the run's %ld: epsilon ends at "
                 "%.2f, not %g", l->eps_anneal, T, (double)schedule_epsilon(T, l->eps_start, l->eps_end, l->eps_anneal),
                 (double)l->eps_end);
        return T / 10 > 0 ? T / 10 : 1; /* the classic default anneals over 10% of the reference's 500k */
    }
    const PqnConfig *p = &c->pc;
    const long anneal = (long)((double)p->eps_decay * (double)p->decay_horizon); /* as pqn_step computes it */
    /* a schedule 99% through at the end is as good as over: its epsilon is within 1% of the way from
     * eps_finish (the note would say "ends at 0.01, not 0.01") */
    if (anneal <= T || p->eps_start == p->eps_finish || (double)T >= 0.99 * (double)anneal) return 0;
    const float eps = schedule_epsilon(T, p->eps_start, p->eps_finish, anneal);
    char lr[80] = "";
    if (p->lr_linear_decay && p->decay_horizon > T)
        snprintf(lr, sizeof lr, ", and the learning rates at %.0f%% of their start", 100.0 * (1.0 - (double)T / (double)p->decay_horizon));
    snprintf(msg, len, "exploration lasts until timestep %ld (eps_decay %g x decay_horizon %ld), past the run's %ld: epsilon "
             "ends at %.2f, not %g%s", anneal, (double)p->eps_decay, p->decay_horizon, T, (double)eps, (double)p->eps_finish, lr);
    return T / 2 > 0 ? T / 2 : 1; /* the defaults' decay_horizon is half their budget */
}
