/* fileio.h - files written atomically (name.<host>.<pid>.<n>.tmp, fsync, rename) and folders made on demand,
 * so an interrupted run never leaves a half-written result; single values read from INI files;
 * advisory locks that keep two processes off one run folder or sweep point. */
#ifndef SCORER_FILEIO_H
#define SCORER_FILEIO_H
#include <stdio.h>
#include <stddef.h>

#define FILEIO_HOST_MAX 64 /* the host name's part of a temporary name (Linux's HOST_NAME_MAX) */

typedef struct AtomicFile {
    FILE *f;
    char path[1024], tmp[1024 + FILEIO_HOST_MAX + 40]; /* path.<host>.<pid>.<n>.tmp */
    int slot;                 /* its entry among the pending temporary files (0: none) */
} AtomicFile;

/* Opens a temporary file of its own, path.<host>.<pid>.<n>.tmp, for writing: two writers of one path at once (two
 * processes, two threads) each write and rename a whole file, and the last one wins. Returns 0, or -1 with err
 * naming the file and the reason. */
int fileio_open(AtomicFile *a, const char *path, char *err, size_t errlen);
/* A new temporary name for path (path.<host>.<pid>.<n>.tmp, n counting this process's from 1), as fileio_open takes one.
 * Returns 0, or -1 when it does not fit in len. */
int fileio_tmp_name(const char *path, char *out, size_t len);
/* The name the next fileio_open (or fileio_tmp_name) of path in this process takes when no other thread takes one
 * first: for a test that puts a fault in its place (a link to /dev/full). 0, or -1 when it does not fit. */
int fileio_next_tmp_name(const char *path, char *out, size_t len);
/* A temporary name for path that another program writes (gnuplot's images): a->tmp, registered as fileio_open's
 * are, so that an exit at once removes it too; fileio_untrack when it is renamed or removed. 0, or -1 when the
 * name does not fit. */
int fileio_track(AtomicFile *a, const char *path);
void fileio_untrack(AtomicFile *a);
/* Flushes, fsyncs and renames over path; on any failure removes the temporary file. */
int fileio_commit(AtomicFile *a, char *err, size_t errlen);
void fileio_abort(AtomicFile *a);
/* Removes every temporary file an atomic write has open, for a process about to _exit (a second Ctrl-C):
 * from then on an fileio_open waits for the exit, so call it only right before _exit.
 * Async-signal-safe; the files being written are lost, the files they were to replace are intact. */
void fileio_remove_pending(void);
/* mkdir -p; returns 0 or -1 with err. */
int fileio_mkdirs(const char *path, char *err, size_t errlen);
/* What fileio_mkdirs would refuse of what exists (a part of path that is no folder), making nothing: 0 or -1
 * with its err. A folder it could not make (permissions) is not foreseen. */
int fileio_check_dirs(const char *path, char *err, size_t errlen);
/* path's folder, in place, as dirname(1) without its trailing-slash handling: a/b -> a, /a -> /, a -> . */
void fileio_up(char *path);
/* The value of "key = value" in an INI file (sections and comments ignored; the last one wins).
 * Returns 1 when found (value in out, spaces trimmed), 0 when not, and -1 with errno when the file
 * cannot be opened (a missing file too): a reader that cannot read must not call the file damaged. */
int fileio_ini_get(const char *path, const char *key, char *out, size_t outlen);

/* Locks path (created when missing; an fcntl open-file-description lock where the system has them, so
 * closing another descriptor of the file does not drop it) and notes "pid P on HOST" in it. wait: block
 * until it is free. Returns 0 (held: *fd, for fileio_unlock), 1 when another process holds it (holder: who,
 * as noted there), or -1 with err. The lock lasts until fileio_unlock or the process ends. */
int fileio_lock(const char *path, int wait, int *fd, char *holder, size_t holderlen, char *err, size_t errlen);
void fileio_unlock(int fd);
/* 1 when some process holds path's lock (holder, when not NULL: who, as noted there); looks without
 * locking. */
int fileio_locked(const char *path, char *holder, size_t holderlen);

#endif
