/* test_shellword.c - shellword_quote: plain paths stay as they are; any other path comes back quoted so that
 * a POSIX shell reads it as the same single word (checked by running sh on it). */
#include "check.h"
#include "scorer/shellword.h"
#include <stdio.h>
#include <string.h>

/* What `sh -c 'printf %s WORD'` prints for the word w. */
static int shell_reads(const char *w, char *out, size_t len) {
    char cmd[4400];
    char q[4300];
    /* the command itself is passed through popen's sh: quote the printf argument once more */
    snprintf(cmd, sizeof cmd, "printf %%s %s", w);
    const char *outer = shellword_quote(q, sizeof q, cmd);
    char full[4500];
    snprintf(full, sizeof full, "sh -c %s", outer);
    FILE *p = popen(full, "r");
    if (!p) return -1;
    size_t n = fread(out, 1, len - 1, p);
    out[n] = 0;
    return pclose(p);
}

int main(void) {
    char b[300];
    const char *plain = "runs/CartPole-v1-compare-2026_11_28/p000:x@y%z+a=b,c-d.e";
    CHECK(shellword_quote(b, sizeof b, plain) == plain, "a plain path is returned as it is");
    CHECK(!strcmp(shellword_quote(b, sizeof b, "r 2"), "'r 2'"), "a space: quoted ('%s')", b);
    CHECK(!strcmp(shellword_quote(b, sizeof b, "it's"), "'it'\\''s'"), "a single quote: '\\'' ('%s')", b);
    CHECK(!strcmp(shellword_quote(b, sizeof b, ""), "''"), "the empty word: ''");
    CHECK(!strcmp(shellword_quote(b, 5, "a b c"), "a b c"), "no room: the word itself, never a cut one");
    const char *tricky[] = {"r 2", "it's", "$HOME", "a;b", "x`id`", "tab\there", "new\nline", "*", "--x", "\"q\"", "back\\slash",
                            "ümlaut dir", "'", "''"};
    int all = 1;
    for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) {
        char out[300], q[300];
        const char *w = shellword_quote(q, sizeof q, tricky[i]);
        if (shell_reads(w, out, sizeof out) != 0 || strcmp(out, tricky[i])) {
            all = 0;
            fprintf(stderr, "  '%s' -> %s -> '%s'\n", tricky[i], w, out);
        }
    }
    CHECK(all, "sh reads every quoted word back as the original");
    return check_done("test_shellword");
}
