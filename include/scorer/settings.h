/* settings.h - a run's resolved settings (its config.ini) as text, and those that set it apart from
 * other runs: what tells apart curves and folders that would otherwise look alike. */
#ifndef SCORER_SETTINGS_H
#define SCORER_SETTINGS_H

#include <stddef.h>

/* dir/config.ini as "key=value\n" lines (malloc'd; free it), or NULL when it cannot be read (missing,
 * or a key this version does not know). The keys the run's algorithm ignores (config_key_used) are
 * left out; a key added since the file was written (config_added_key) that the algorithm reads is read
 * at the value the run had (optimizer=adam). */
char *settings_read(const char *dir);

/* Writes into out the settings of mine that differ (other value, or absent) in at least one of
 * others[0 .. n-1], as "k=v, k2=v2" (at most three, then ", ..."; keys and values cut at 40
 * characters; a float setting in the fewest digits that read back to it, config_value_shown). NULL
 * entries (unreadable) have no say; where, how often, with how many threads and seeds (the labels show
 * the seed count beside) and what fault injection a run used do not count. Returns how many differ;
 * out is "" when none. */
int settings_apart(const char *mine, const char *const *others, int n, char *out, size_t len);

#endif
