/* refcheck.c - open a reference file, recognise its format, hand it to the right replayer. */
#include "scorer/refcheck.h"
#include "scorer/shellword.h"
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* 1 when f (first line first, already read) is a MinAtar reference: its first line that is no comment starts
 * "episode ", or it is comments only under the "# MinAtar" header the files start with. Any other text opening
 * with '#' (a README.md) is none: it was replayed as one and refused for its second line. f is rewound. */
static int is_minatar(FILE *f, const char *first) {
    if (!strncmp(first, "episode ", 8)) return 1;
    if (first[0] != '#') return 0;
    int c, at_start = 1, verdict = -1;
    while ((c = getc(f)) != EOF) {
        if (at_start && c != '#' && c != '\n' && c != '\r') { /* the first line that is no comment (nor blank) */
            char head[8] = {(char)c};
            size_t n = 1;
            while (n < 8 && (c = getc(f)) != EOF && c != '\n') head[n++] = (char)c;
            verdict = n == 8 && !memcmp(head, "episode ", 8);
            break;
        }
        at_start = c == '\n';
    }
    if (verdict < 0) verdict = !strncmp(first, "# MinAtar", 9); /* comments only: its header says */
    rewind(f);
    return verdict;
}

int refcheck_file(const char *path, int mode, double tol, RefCheckReport *rep, char *err, size_t errlen) {
    memset(rep, 0, sizeof *rep);
    FILE *f = fopen(path, "r");
    if (!f) { snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno)); return -1; }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        snprintf(err, errlen, "%s is a folder: give the files in it (e.g. %s/*.csv or %s/*.txt)", path, path, path);
        return -1;
    }
    char line[256] = "";
    if (!fgets(line, sizeof line, f)) { /* nothing read: an empty file, or one that cannot be read (EIO) */
        const int e = errno, bad = ferror(f);
        fclose(f);
        if (bad) snprintf(err, errlen, "cannot read %s: %s", path, strerror(e));
        else snprintf(err, errlen, "%s is empty (expected a refdata classic CSV or MinAtar text file)", path);
        return -1;
    }
    rewind(f);
    int rc;
    if (memcmp(line, "\xfd" "7zXZ", 5) == 0) { /* tests/refdata's files as shipped (whole or cut short) */
        char q[600];
        snprintf(err, errlen, "%s is xz-compressed: decompress it first (xz -dk %s) and give the plain file", path,
                 shellword_quote(q, sizeof q, path));
        rc = -1;
    } else if (strncmp(line, "episode,t,action", 16) == 0)
        rc = refcheck_classic(f, path, mode, tol, rep, err, errlen);
    else if (is_minatar(f, line))
        rc = refcheck_minatar(f, path, rep, err, errlen);
    else {
        snprintf(err, errlen, "%s is in no format env-check reads (a classic-control CSV starting 'episode,t,action', or a MinAtar "
                 "text file of 'episode E seed S game ...' blocks, as tests/refdata/ holds)", path);
        rc = -1;
    }
    fclose(f);
    return rc;
}
