/* fileio.c - atomic file writes, folder creation, INI values and advisory file locks. */
#define _GNU_SOURCE /* F_OFD_SETLK: open-file locks (a close elsewhere in the process does not drop them) */
#include "scorer/fileio.h"
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files being written, so that a process exiting at once (a second Ctrl-C) can remove
 * them: a slot is 0 free, 2 being filled in, 1 naming a file in pending[]. */
#define PENDING_MAX 64
static char pending[PENDING_MAX][sizeof ((AtomicFile *)0)->tmp];
static _Atomic int pending_state[PENDING_MAX];

static void pending_add(AtomicFile *a) {
    a->slot = 0; /* with every slot taken, this one file is not removed on exit */
    for (int i = 0; i < PENDING_MAX; i++) {
        int free_slot = 0;
        if (atomic_compare_exchange_strong(&pending_state[i], &free_slot, 2)) {
            memcpy(pending[i], a->tmp, sizeof a->tmp);
            atomic_store(&pending_state[i], 1);
            a->slot = i + 1;
            return;
        }
    }
}

static void pending_drop(AtomicFile *a) {
    if (a->slot) atomic_store(&pending_state[a->slot - 1], 0);
    a->slot = 0;
}

/* Once closing is set no new temporary file is made; opening counts the threads between registering a
 * file and having opened it, whose file may not exist yet when the cleanup looks (in_open: this one). */
static _Atomic int closing, opening;
static _Thread_local int in_open;

void fileio_remove_pending(void) {
    atomic_store(&closing, 1);
    /* the opens under way end (bounded: a thread can be descheduled; this one may be such a thread) */
    for (long spin = 0; atomic_load(&opening) > in_open && spin < 200000000L; spin++) {}
    for (int i = 0; i < PENDING_MAX; i++)
        if (atomic_load(&pending_state[i]) == 1) unlink(pending[i]); /* async-signal-safe */
}

/* A thread that would write a file while the process is exiting waits for the exit instead. */
static void wait_for_exit(void) {
    for (;;) pause();
}

/* Temporary names: PATH.<host>.<pid>.<n>.tmp, n counting this process's temporary files from 1, so that two writers
 * of one file (two processes, or two threads) never share one: each renames a whole file of its own, and the last
 * one wins (a fixed PATH.tmp let one writer rename or truncate the other's). The host tells apart two processes of
 * one pid on two nodes of a cluster writing a shared folder (a sweep's tasks). */
static _Atomic unsigned tmp_count;

static int format_tmp(const char *path, unsigned n, char *out, size_t len) {
    char host[FILEIO_HOST_MAX + 1] = "";
    if (gethostname(host, sizeof host - 1) != 0 || !host[0]) snprintf(host, sizeof host, "localhost");
    for (char *c = host; *c; c++) /* a name's characters only, whatever the system gives */
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '.'))
            *c = '_';
    const int w = snprintf(out, len, "%s.%s.%ld.%u.tmp", path, host, (long)getpid(), n);
    return w < 0 || (size_t)w >= len ? -1 : 0;
}

int fileio_tmp_name(const char *path, char *out, size_t len) {
    return format_tmp(path, atomic_fetch_add(&tmp_count, 1) + 1, out, len);
}

int fileio_next_tmp_name(const char *path, char *out, size_t len) {
    return format_tmp(path, atomic_load(&tmp_count) + 1, out, len);
}

int fileio_track(AtomicFile *a, const char *path) {
    memset(a, 0, sizeof *a);
    if (strlen(path) >= sizeof a->path || fileio_tmp_name(path, a->tmp, sizeof a->tmp)) return -1;
    strcpy(a->path, path);
    pending_add(a);
    return 0;
}

void fileio_untrack(AtomicFile *a) { pending_drop(a); }

int fileio_open(AtomicFile *a, const char *path, char *err, size_t errlen) {
    memset(a, 0, sizeof *a);
    if (strlen(path) >= sizeof a->path || fileio_tmp_name(path, a->tmp, sizeof a->tmp)) {
        snprintf(err, errlen, "path too long: %s", path);
        return -1;
    }
    strcpy(a->path, path);
    atomic_fetch_add(&opening, 1);
    in_open = 1;
    if (atomic_load(&closing)) wait_for_exit();
    pending_add(a);
    a->f = fopen(a->tmp, "w");
    in_open = 0;
    atomic_fetch_sub(&opening, 1);
    if (!a->f) {
        snprintf(err, errlen, "cannot write %s: %s (check the folder exists and is writable)", a->tmp, strerror(errno));
        pending_drop(a);
        return -1;
    }
    return 0;
}

int fileio_commit(AtomicFile *a, char *err, size_t errlen) {
    int bad = ferror(a->f) || fflush(a->f) != 0;
    int e = errno;
    if (!bad && fsync(fileno(a->f)) != 0) { bad = 1; e = errno; }
    if (fclose(a->f) != 0 && !bad) { bad = 1; e = errno; }
    a->f = NULL;
    if (!bad && rename(a->tmp, a->path) != 0) { bad = 1; e = errno; }
    if (bad) remove(a->tmp);
    pending_drop(a);
    if (bad) {
        snprintf(err, errlen, "could not write %s: %s (is the disk full or the folder read-only?)", a->path, strerror(e));
        return -1;
    }
    return 0;
}

void fileio_abort(AtomicFile *a) {
    if (a->f) fclose(a->f);
    a->f = NULL;
    remove(a->tmp);
    pending_drop(a);
}

/* mkdir -p, or (make = 0) its refusals of what exists: the first missing part ends the walk, the rest to be made. */
static int walk_dirs(const char *path, int make, char *err, size_t errlen) {
    char buf[1024];
    if (strlen(path) >= sizeof buf) { snprintf(err, errlen, "path too long: %s", path); return -1; }
    if (!path[0]) { snprintf(err, errlen, "no folder given (an empty path)"); return -1; }
    strcpy(buf, path);
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || *p == 0) {
            char c = *p;
            *p = 0;
            if (make && mkdir(buf, 0777) != 0 && errno != EEXIST) {
                snprintf(err, errlen, "cannot create folder %s: %s (choose another folder)", buf, strerror(errno));
                return -1;
            }
            struct stat st;
            if (!make && stat(buf, &st) != 0) {
                /* missing: the rest is to be made, unless a link names nothing there (mkdir would fail on it);
                 * unreachable (a folder without search permission): mkdir says why, not this check */
                if (errno == ENOENT && lstat(buf, &st) == 0) {
                    snprintf(err, errlen, "%s is a link to nothing (choose another folder)", buf);
                    return -1;
                }
                return 0;
            }
            if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
                snprintf(err, errlen, "%s exists and is not a folder (choose another folder)", buf);
                return -1;
            }
            *p = c;
            if (!c) break;
        }
    }
    return 0;
}

int fileio_mkdirs(const char *path, char *err, size_t errlen) { return walk_dirs(path, 1, err, errlen); }
int fileio_check_dirs(const char *path, char *err, size_t errlen) { return walk_dirs(path, 0, err, errlen); }

void fileio_up(char *path) {
    char *slash = strrchr(path, '/');
    if (!slash) strcpy(path, "."); /* path holds at least 2 bytes: a name, and its 0 */
    else if (slash == path) path[1] = 0;
    else *slash = 0;
}

/* Reads "key = value" from an INI file ([sections], # and ; comments ignored). Returns 1 when
 * found (value in out), 0 when not, -1 when the file cannot be opened (errno says why). */
int fileio_ini_get(const char *path, const char *key, char *out, size_t outlen) {
    FILE *f = fopen(path, "r");
    if (!f) return -1;
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

/* Open-file-description locks where the system has them (Linux): a classic fcntl lock is dropped when
 * the process closes any descriptor of the file, such as the one that looks whether a point runs. */
#ifdef F_OFD_SETLK
#define LOCK_SET F_OFD_SETLK
#define LOCK_WAIT F_OFD_SETLKW
#define LOCK_GET F_OFD_GETLK
#else
#define LOCK_SET F_SETLK
#define LOCK_WAIT F_SETLKW
#define LOCK_GET F_GETLK
#endif

/* The holder's "pid N on HOST" from the lock file fd (or "another process"). */
static void read_holder(int fd, char *holder, size_t holderlen) {
    ssize_t n = pread(fd, holder, holderlen - 1, 0);
    holder[n > 0 ? n : 0] = 0;
    holder[strcspn(holder, "\n")] = 0;
    if (!holder[0]) snprintf(holder, holderlen, "another process");
}

int fileio_lock(const char *path, int wait, int *fd, char *holder, size_t holderlen, char *err, size_t errlen) {
    *fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (*fd < 0) { snprintf(err, errlen, "cannot open the lock %s: %s", path, strerror(errno)); return -1; }
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    while (fcntl(*fd, wait ? LOCK_WAIT : LOCK_SET, &fl) != 0) {
        if (errno == EINTR && wait) continue;
        int e = errno;
        if (!wait && (e == EACCES || e == EAGAIN)) {
            read_holder(*fd, holder, holderlen);
            close(*fd);
            *fd = -1;
            return 1;
        }
        close(*fd);
        *fd = -1;
        snprintf(err, errlen, "cannot lock %s: %s", path, strerror(e));
        return -1;
    }
    char host[256] = "unknown host", text[300];
    if (gethostname(host, sizeof host) != 0) snprintf(host, sizeof host, "unknown host");
    host[sizeof host - 1] = 0;
    int n = snprintf(text, sizeof text, "pid %ld on %s\n", (long)getpid(), host);
    if (ftruncate(*fd, 0) != 0 || pwrite(*fd, text, (size_t)n, 0) != n) { /* who holds it is only a courtesy */ }
    return 0;
}

void fileio_unlock(int fd) {
    if (fd >= 0) close(fd); /* closing releases the fcntl lock */
}

int fileio_locked(const char *path, char *holder, size_t holderlen) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    /* asks without taking the lock */
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    int held = fcntl(fd, LOCK_GET, &fl) == 0 && fl.l_type != F_UNLCK;
    if (held && holder) read_holder(fd, holder, holderlen);
    close(fd);
    return held;
}
