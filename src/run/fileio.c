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
