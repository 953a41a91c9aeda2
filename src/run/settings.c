/* settings.c - a run's settings as text, and what sets it apart (settings.h). */
#include "scorer/settings.h"
#include "scorer/config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *settings_read(const char *dir) {
    ConfigPairs *p = calloc(1, sizeof *p); /* large: not on the stack */
    RunConfig *c = calloc(1, sizeof *c);
    char path[1300], err[300], *s = NULL;
    snprintf(path, sizeof path, "%s/config.ini", dir);
    if (p && c && config_pairs_load(p, path, err, sizeof err) == 0) {
        /* the keys its algorithm ignores set nothing apart (a dqn run's follower_lr); a run that does not
         * resolve here (an environment a program registered) keeps them all */
        const int known = config_resolve(c, p, err, sizeof err) == 0;
        size_t len = 1;
        for (int i = 0; i < p->n; i++) len += strlen(p->key[i]) + strlen(p->val[i]) + 2;
        const char *key, *old;
        for (int k = 0; (key = config_added_key(k, &old)); k++) len += strlen(key) + strlen(old) + 2;
        if ((s = malloc(len))) {
            s[0] = 0;
            int at = 0;
            for (int i = 0; i < p->n; i++)
                if (!known || config_key_used(c, p->key[i])) at += sprintf(s + at, "%s=%s\n", p->key[i], p->val[i]);
            /* a run written before a key existed had its old value (optimizer=adam): the same settings as a
             * newer run's that names it */
            for (int k = 0; known && (key = config_added_key(k, &old)); k++) {
                int named = 0;
                for (int i = 0; i < p->n; i++) named |= !strcmp(p->key[i], key);
                if (!named && config_key_used(c, key)) at += sprintf(s + at, "%s=%s\n", key, old);
            }
        }
    }
    free(p);
    free(c);
    return s;
}

/* The value of key in a settings text, copied to val; 0, or -1 when absent. */
static int value_of(const char *text, const char *key, char *val, size_t len) {
    const size_t kl = strlen(key);
    for (const char *l = text; *l; l = strchr(l, '\n') + 1) { /* every line ends in '\n' */
        const char *nl = strchr(l, '\n');
        if (!strncmp(l, key, kl) && l[kl] == '=') {
            snprintf(val, len, "%.*s", (int)(nl - l - (long)kl - 1), l + kl + 1);
            return 0;
        }
    }
    return -1;
}

int settings_apart(const char *mine, const char *const *others, int n, char *out, size_t len) {
    /* num_seeds too: the labels show the seed count beside ("(2 seeds)", the table's seeds column) */
    static const char *const ignored[] = {"out", "threads", "num_seeds", "log_interval", "checkpoint_every",
                                          "fault_nan_at", "fault_nan_seed"};
    int found = 0;
    if (len) out[0] = 0;
    for (const char *l = mine; l && *l; l = strchr(l, '\n') + 1) {
        char key[64], val[128], theirs[128];
        const char *eq = strchr(l, '='), *nl = strchr(l, '\n');
        if (!eq || eq > nl || eq - l >= (long)sizeof key) continue;
        snprintf(key, sizeof key, "%.*s", (int)(eq - l), l);
        int skip = 0;
        for (size_t k = 0; k < sizeof ignored / sizeof *ignored; k++) skip |= !strcmp(key, ignored[k]);
        if (skip || value_of(mine, key, val, sizeof val)) continue;
        int differs = 0;
        for (int j = 0; j < n; j++)
            if (others[j]) differs |= value_of(others[j], key, theirs, sizeof theirs) || strcmp(val, theirs);
        if (!differs) continue;
        const size_t at = strlen(out);
        if (++found > 3) { /* the fourth and later: counted, shown as ", ..." once */
            if (found == 4 && at + 6 <= len) strcat(out, ", ...");
            continue;
        }
        char v[sizeof val];
        config_value_shown(key, val, v, sizeof v); /* 0.0003, not 0.000300000014 */
        if (at < len && snprintf(out + at, len - at, "%s%.40s=%.40s", at ? ", " : "", key, v) < 0) break;
    }
    return found;
}
