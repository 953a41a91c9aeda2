/* suggest.h - "did you mean ...?" for a mistyped name: an environment, algorithm, setting, option or
 * command. */
#ifndef SCORER_SUGGEST_H
#define SCORER_SUGGEST_H

#include <stddef.h>

/* The candidate the word most likely meant, or NULL: the same name in other letter case, else the
 * only candidate that starts with the word (3 letters at least), else the only closest one by edit
 * distance (letter case ignored, a swap of neighbours counts 1) within 1 for words of up to 4
 * letters, 2 up to 8, 3 beyond. */
const char *suggest_closest(const char *word, const char *const *cands, int n);

/* Writes "did you mean NAME? " (for the start of a message's parenthesis) into buf, or "" when no
 * candidate is close; returns buf. */
const char *suggest_hint(char *buf, size_t len, const char *word, const char *const *cands, int n);

#endif
