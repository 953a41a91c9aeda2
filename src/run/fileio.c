/* fileio.c - atomic file writes and folder creation. */
#include "scorer/fileio.h"
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int atomic_open(AtomicFile *a, const char *path, char *err, size_t errlen) {
    memset(a, 0, sizeof *a);
    if (strlen(path) >= sizeof a->path) { snprintf(err, errlen, "path too long: %s", path); return -1; }
    strcpy(a->path, path);
    snprintf(a->tmp, sizeof a->tmp, "%s.tmp", path);
    a->f = fopen(a->tmp, "w");
    if (!a->f) {
        snprintf(err, errlen, "cannot write %s: %s (check the folder exists and is writable)", a->tmp, strerror(errno));
        return -1;
    }
    return 0;
}

int atomic_commit(AtomicFile *a, char *err, size_t errlen) {
    int bad = ferror(a->f) || fflush(a->f) != 0;
    int e = errno;
    if (!bad && fsync(fileno(a->f)) != 0) { bad = 1; e = errno; }
    if (fclose(a->f) != 0 && !bad) { bad = 1; e = errno; }
    a->f = NULL;
    if (!bad && rename(a->tmp, a->path) != 0) { bad = 1; e = errno; }
    if (bad) {
        remove(a->tmp);
        snprintf(err, errlen, "could not write %s: %s (is the disk full or the folder read-only?)", a->path, strerror(e));
        return -1;
    }
    return 0;
}

void atomic_abort(AtomicFile *a) {
    if (a->f) fclose(a->f);
    a->f = NULL;
    remove(a->tmp);
}

int make_dirs(const char *path, char *err, size_t errlen) {
    char buf[1024];
    if (strlen(path) >= sizeof buf) { snprintf(err, errlen, "path too long: %s", path); return -1; }
    strcpy(buf, path);
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || *p == 0) {
            char c = *p;
            *p = 0;
            if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
                snprintf(err, errlen, "cannot create folder %s: %s (choose another --out)", buf, strerror(errno));
                return -1;
            }
            struct stat st;
            if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
                snprintf(err, errlen, "%s exists and is not a folder (choose another --out)", buf);
                return -1;
            }
            *p = c;
            if (!c) break;
        }
    }
    return 0;
}

/* Reads "key = value" from an INI file ([sections], # and ; comments ignored). Returns 1 when
 * found (value in out), 0 otherwise (also when the file is missing). */
int ini_get(const char *path, const char *key, char *out, size_t outlen) {
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char line[1200];
    int found = 0;
    size_t kl = strlen(key);
    while (fgets(line, sizeof line, f)) {
        char *p = line;
        while (*p == ' ' || *p == '\t') p++;
        if (strncmp(p, key, kl)) continue;
        char *q = p + kl;
        while (*q == ' ' || *q == '\t') q++;
        if (*q != '=') continue;
        q++;
        while (*q == ' ' || *q == '\t') q++;
        size_t L = strcspn(q, "\r\n");
        while (L > 0 && (q[L - 1] == ' ' || q[L - 1] == '\t')) L--;
        snprintf(out, outlen, "%.*s", (int)L, q);
        found = 1; /* last one wins, like the config loader */
    }
    fclose(f);
    return found;
}
