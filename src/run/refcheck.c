/* refcheck.c - open a reference file, recognise its format, hand it to the right replayer. */
#include "scorer/refcheck.h"
#include "scorer/shellword.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
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

/* The globs that name files among DIR's own .csv and .txt, and its folders' (refdata/ holds its files one
 * level down), joined by " or ", for the message about a folder given where files are expected. */
static void folder_globs(const char *dir, char *out, size_t len) {
    static const char *const ext[] = {".csv", ".txt"};
    int found[4] = {0}; /* csv, txt in dir; csv, txt one level down */
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        const size_t n = strlen(e->d_name);
        for (int x = 0; x < 2; x++) found[x] |= n > 4 && !strcmp(e->d_name + n - 4, ext[x]);
        char sub[1200];
        snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
        DIR *s = opendir(sub);
        struct dirent *f;
        while (s && (f = readdir(s))) {
            const size_t m = strlen(f->d_name);
            for (int x = 0; x < 2; x++) found[2 + x] |= m > 4 && !strcmp(f->d_name + m - 4, ext[x]);
        }
        if (s) closedir(s);
    }
    if (d) closedir(d);
    out[0] = 0;
    for (int i = 0, k = 0; i < 4; i++)
        if (found[i]) {
            const size_t L = strlen(out);
            snprintf(out + L, len - L, "%s%s%s/%s", k++ ? " or " : "", dir, i < 2 ? "" : "/*", i % 2 ? "*.txt" : "*.csv");
        }
}

int refcheck_file(const char *path, int mode, double tol, RefCheckReport *rep, char *err, size_t errlen) {
    memset(rep, 0, sizeof *rep);
    FILE *f = fopen(path, "r");
    if (!f) { snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno)); return -1; }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        char globs[600], dir[512];
        snprintf(dir, sizeof dir, "%s", path);
        for (size_t L = strlen(dir); L > 1 && dir[L - 1] == '/'; ) dir[--L] = 0; /* refdata/ : refdata/x.csv, not refdata//x.csv */
        folder_globs(dir, globs, sizeof globs);
        if (globs[0]) snprintf(err, errlen, "%s is a folder: give the files in it (e.g. %s)", path, globs);
        else snprintf(err, errlen, "%s is a folder: give reference files (it holds no .csv or .txt, nor folders of them)", path);
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
