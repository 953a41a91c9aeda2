/* shellword.c - quoting a path for a suggested shell command (shellword.h). */
#include "scorer/shellword.h"
#include <string.h>

static int plain(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c && strchr("_./:@%+=,-", c));
}

const char *shellword_quote(char *buf, size_t len, const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    int quote = !*p;
    for (; *p; p++) quote |= !plain(*p);
    if (!quote) return s;
    size_t n = 0;
    if (len < 3) return s;
    buf[n++] = '\'';
    for (p = (const unsigned char *)s; *p; p++) {
        const char *piece = *p == '\'' ? "'\\''" : NULL;
        const size_t k = piece ? 4 : 1;
        if (n + k + 2 > len) return s; /* no room for it and the closing quote */
        if (piece) memcpy(buf + n, piece, k);
        else buf[n] = (char)*p;
        n += k;
    }
    buf[n++] = '\'';
    buf[n] = 0;
    return buf;
}
