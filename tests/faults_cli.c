/* faults_cli.c - the faults of build/tests/scorer_faults: bin/scorer's own objects and the library,
 * linked with -Wl,--wrap for the malloc family, fopen and fsync (Makefile), so that tests/cli_faults.sh
 * can make any one of the tool's allocations, file writes or file reads fail and see what the user
 * would see.
 *   SCORER_ALLOCFAIL_AT=K     the K-th allocation (counted from 1, over all threads) returns NULL with
 *                             errno ENOMEM; unset or 0: none fails
 *   SCORER_WRITEFAIL_AT=K     the K-th write event fails with errno ENOSPC, as on a full disk: an fopen
 *                             for writing returns NULL, or an fsync (the commit of a written file) -1
 *   SCORER_READFAIL_AT=K      the K-th fopen for reading returns NULL with errno EIO
 *   SCORER_FAULTS_COUNT=F     at exit, write "ALLOCATIONS WRITES READS" (the numbers made) to file F
 *   SCORER_FAULTS_TRACE=1     print the failed call's stack (addr2line -f -e scorer_faults)
 * Calls made inside libc or OpenBLAS, and the network kernels' per-thread scratch (which aborts when it
 * cannot be allocated), are not wrapped and not counted (as in test_allocfail.c, which checks the
 * library's entry points one by one; this checks the whole tool around them). */
#include <errno.h>
#include <execinfo.h>
#include <stdio.h>
#include <stdlib.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t m, size_t n);
void *__real_realloc(void *p, size_t n);
void *__real_aligned_alloc(size_t a, size_t n);
FILE *__real_fopen(const char *path, const char *mode);
int __real_fsync(int fd);

typedef struct Fault { const char *var; long calls, at; } Fault; /* at -1: not read yet */
static Fault alloc = {"SCORER_ALLOCFAIL_AT", 0, -1}, writes = {"SCORER_WRITEFAIL_AT", 0, -1}, reads = {"SCORER_READFAIL_AT", 0, -1};

static void write_count(void) {
    const char *path = getenv("SCORER_FAULTS_COUNT");
    FILE *f = path ? __real_fopen(path, "w") : NULL;
    if (f) {
        fprintf(f, "%ld %ld %ld\n", __atomic_load_n(&alloc.calls, __ATOMIC_SEQ_CST), __atomic_load_n(&writes.calls, __ATOMIC_SEQ_CST),
                __atomic_load_n(&reads.calls, __ATOMIC_SEQ_CST));
        fclose(f);
    }
}

/* 1 when this call of kind k is the one to fail, with errno e */
static int fails(Fault *k, int e) {
    long at = __atomic_load_n(&k->at, __ATOMIC_SEQ_CST);
    if (at < 0) { /* the first calls happen before main's threads: no race here */
        const char *s = getenv(k->var);
        at = s ? atol(s) : 0;
        __atomic_store_n(&k->at, at, __ATOMIC_SEQ_CST);
        static int registered;
        if (!registered++) atexit(write_count);
    }
    if (__atomic_add_fetch(&k->calls, 1, __ATOMIC_SEQ_CST) != at) return 0;
    if (getenv("SCORER_FAULTS_TRACE")) { void *b[16]; backtrace_symbols_fd(b, backtrace(b, 16), 2); }
    errno = e;
    return 1;
}

void *__wrap_malloc(size_t n) { return fails(&alloc, ENOMEM) ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t m, size_t n) { return fails(&alloc, ENOMEM) ? NULL : __real_calloc(m, n); }
void *__wrap_realloc(void *p, size_t n) { return fails(&alloc, ENOMEM) ? NULL : __real_realloc(p, n); }
void *__wrap_aligned_alloc(size_t a, size_t n) { return fails(&alloc, ENOMEM) ? NULL : __real_aligned_alloc(a, n); }
FILE *__wrap_fopen(const char *path, const char *mode) {
    const int w = mode[0] == 'w' || mode[0] == 'a';
    return fails(w ? &writes : &reads, w ? ENOSPC : EIO) ? NULL : __real_fopen(path, mode);
}
int __wrap_fsync(int fd) { return fails(&writes, ENOSPC) ? -1 : __real_fsync(fd); }
