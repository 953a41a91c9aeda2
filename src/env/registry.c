/* registry.c - every environment the tool knows, by its Gymnasium/gymnax name. */
#include "scorer/env.h"
#include "scorer/vecenv.h"
#include "scorer/minatar.h"
#include <string.h>

extern const EnvClass cartpole_class, acrobot_class, mountaincar_class;

static const EnvClass *const registry[] = {
    &cartpole_class, &acrobot_class, &mountaincar_class,
    &breakout_class, &asterix_class, &freeway_class, &space_invaders_class, &seaquest_class,
};

int env_count(void) { return (int)(sizeof registry / sizeof registry[0]); }
const EnvClass *env_at(int i) { return (i >= 0 && i < env_count()) ? registry[i] : NULL; }

const EnvClass *env_find(const char *name) {
    for (int i = 0; i < env_count(); i++)
        if (strcmp(registry[i]->name, name) == 0) return registry[i];
    return NULL;
}

EnvStepPackedN *env_step_packed_n(const EnvClass *cls) {
    const MinatarGame *g = minatar_game(cls); /* only the MinAtar games have one */
    return g ? g->step_packed_n : NULL;
}
