/* suggest.c - the closest name to a mistyped one (suggest.h). */
#include "scorer/suggest.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

enum { MAX_LEN = 64 }; /* longer words get no suggestion */

static int lower(char c) { return tolower((unsigned char)c); }

/* Optimal string alignment distance of a and b, letter case ignored (insert, delete, replace, swap
 * two neighbours: 1 each). a, b: at most MAX_LEN characters. */
static int distance(const char *a, const char *b) {
    const int m = (int)strlen(a), n = (int)strlen(b);
    int d[MAX_LEN + 1][MAX_LEN + 1];
    for (int i = 0; i <= m; i++) d[i][0] = i;
    for (int j = 0; j <= n; j++) d[0][j] = j;
    for (int i = 1; i <= m; i++)
        for (int j = 1; j <= n; j++) {
            const int same = lower(a[i - 1]) == lower(b[j - 1]);
            int v = d[i - 1][j - 1] + !same;
            if (d[i - 1][j] + 1 < v) v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]) &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[m][n];
}

static int starts_with(const char *s, const char *prefix) {
    for (; *prefix; s++, prefix++)
        if (lower(*s) != lower(*prefix)) return 0;
    return 1;
}

const char *suggest_closest(const char *word, const char *const *cands, int n) {
    const size_t len = strlen(word);
    if (len == 0 || len > MAX_LEN) return NULL;
    const char *prefixed = NULL, *best = NULL;
    int n_prefixed = 0, best_d = MAX_LEN + 1, n_best = 0;
    for (int i = 0; i < n; i++) {
        if (strlen(cands[i]) > MAX_LEN) continue;
        if (strlen(cands[i]) == len && starts_with(cands[i], word)) return cands[i]; /* only the case differs */
        if (len >= 3 && starts_with(cands[i], word)) { prefixed = cands[i]; n_prefixed++; }
        const int d = distance(word, cands[i]);
        if (d < best_d) { best = cands[i]; best_d = d; n_best = 1; }
        else if (d == best_d) n_best++;
    }
    if (n_prefixed == 1) return prefixed;
    const int within = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    return best && n_best == 1 && best_d <= within ? best : NULL;
}

const char *suggest_hint(char *buf, size_t len, const char *word, const char *const *cands, int n) {
    const char *s = suggest_closest(word, cands, n);
    if (s) snprintf(buf, len, "did you mean %s? ", s);
    else if (len) buf[0] = 0;
    return buf;
}
