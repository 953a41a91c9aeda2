/* fileio.h - files written atomically (name.tmp, fsync, rename) and folders made on demand,
 * so an interrupted run never leaves a half-written result; single values read from INI files. */
#ifndef SCORER_FILEIO_H
#define SCORER_FILEIO_H
#include <stdio.h>
#include <stddef.h>

typedef struct AtomicFile {
    FILE *f;
    char path[1024], tmp[1040];
} AtomicFile;

/* Opens path.tmp for writing. Returns 0, or -1 with err naming the file and the reason. */
int atomic_open(AtomicFile *a, const char *path, char *err, size_t errlen);
/* Flushes, fsyncs and renames over path; on any failure removes the temporary file. */
int atomic_commit(AtomicFile *a, char *err, size_t errlen);
void atomic_abort(AtomicFile *a);
/* mkdir -p; returns 0 or -1 with err. */
int make_dirs(const char *path, char *err, size_t errlen);
/* The value of "key = value" in an INI file (sections and comments ignored; the last one wins).
 * Returns 1 when found (value in out, spaces trimmed), 0 otherwise, also when the file is missing. */
int ini_get(const char *path, const char *key, char *out, size_t outlen);

#endif
