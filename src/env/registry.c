/* registry.c - every environment the tool knows, by its Gymnasium/gymnax name: the built-in ones,
 * then those a program using the library adds with env_register. */
#include "scorer/env.h"
#include "scorer/vecenv.h"
#include "scorer/minatar.h"
#include <stdio.h>
#include <ctype.h>
#include <string.h>

extern const EnvClass cartpole_class, acrobot_class, mountaincar_class;

static const EnvClass *const registry[] = {
    &cartpole_class, &acrobot_class, &mountaincar_class,
    &breakout_class, &asterix_class, &freeway_class, &space_invaders_class, &seaquest_class,
};

enum { BUILT_IN = (int)(sizeof registry / sizeof registry[0]) };
static const EnvClass *added[ENV_MAX_ADDED];
static int n_added;

int env_count(void) { return BUILT_IN + n_added; }
const EnvClass *env_at(int i) {
    if (i < 0 || i >= env_count()) return NULL;
    return i < BUILT_IN ? registry[i] : added[i - BUILT_IN];
}

const EnvClass *env_find(const char *name) {
    for (int i = 0; name && i < env_count(); i++)
        if (strcmp(env_at(i)->name, name) == 0) return env_at(i);
    return NULL;
}

/* The name becomes part of run folders and checkpoints: letters, digits, '-', '_' and '.', not
 * starting with '.' or '-' (a name is also a command-line value). */
static int name_ok(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n >= ENV_NAME_MAX || s[0] == '.' || s[0] == '-') return 0;
    for (size_t i = 0; i < n; i++) {
        const char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.'))
            return 0;
    }
    return 1;
}

/* Whether a registered name equals s but for the case of its letters. */
static int taken_but_case(const char *s) {
    for (int i = 0; i < env_count(); i++) {
        const char *t = env_at(i)->name;
        size_t k = 0;
        while (s[k] && t[k] && tolower((unsigned char)s[k]) == tolower((unsigned char)t[k])) k++;
        if (!s[k] && !t[k]) return 1;
    }
    return 0;
}

int env_register(const EnvClass *cls, char *err, size_t errlen) {
    const char *why = NULL;
    if (!cls) why = "no class given (a static const EnvClass, see env.h)";
    else if (!cls->name || !name_ok(cls->name))
        why = "the name must be 1-63 letters, digits, '-', '_' or '.', not starting with '.' or '-'";
    else if (env_find(cls->name)) why = "an environment of that name exists already (choose another name)";
    else if (taken_but_case(cls->name)) /* their run folders would be one on a case-insensitive file system */
        why = "an environment of that name, in other capitals, exists already (choose another name)";
    else if (!cls->family || (strcmp(cls->family, "classic") && strcmp(cls->family, "minatar")))
        why = "family must be \"classic\" or \"minatar\" (it selects the default hyperparameters)";
    else if (cls->state_size == 0) why = "state_size must be the size of the env's state struct";
    else if (!cls->init || !cls->seed || !cls->reset || !cls->step || !cls->observe || !cls->valid)
        why = "init, seed, reset, step, observe and valid are required (observe_bits may be NULL)";
    else if (n_added == ENV_MAX_ADDED) why = "too many environments registered (ENV_MAX_ADDED)";
    if (why) {
        snprintf(err, errlen, "env_register(%s): %s", cls && cls->name ? cls->name : "NULL", why);
        return -1;
    }
    added[n_added++] = cls;
    return 0;
}

EnvStepPackedN *env_step_packed_n(const EnvClass *cls) {
    const MinatarGame *g = minatar_game(cls); /* only the MinAtar games have one */
    return g ? g->step_packed_n : NULL;
}
