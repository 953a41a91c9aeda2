/* shellword.h - a path as one word of a POSIX shell command, for the commands that messages and
 * manifests suggest ("continue with: scorer train --resume DIR"), so they paste as they read. */
#ifndef SCORER_SHELLWORD_H
#define SCORER_SHELLWORD_H
#include <stddef.h>

/* s itself when it is made only of letters, digits and _ . / : @ % + = , -; else s in single quotes
 * (each ' written as '\''), in buf. When buf is too small, s itself. */
const char *shellword_quote(char *buf, size_t len, const char *s);

#endif
