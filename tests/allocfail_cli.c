/* allocfail_cli.c - the allocator of build/tests/scorer_allocfail: bin/scorer's own objects and the
 * library, linked with -Wl,--wrap for the malloc family (Makefile), so that tests/cli_allocfail.sh can
 * make any one of the tool's allocations fail and see what the user would see.
 *   SCORER_ALLOCFAIL_AT=K     the K-th allocation (counted from 1, over all threads) returns NULL with
 *                             errno ENOMEM; unset or 0: none fails
 *   SCORER_ALLOCFAIL_COUNT=F  at exit, write the number of allocations made to file F
 *   SCORER_ALLOCFAIL_TRACE=1  print the failed allocation's stack (addr2line -f -e scorer_allocfail)
 * Calls made inside libc or OpenBLAS are not wrapped and not counted (as in test_allocfail.c, which
 * checks the library's entry points one by one; this checks the whole tool around them). */
#include <errno.h>
#include <execinfo.h>
#include <stdio.h>
#include <stdlib.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t m, size_t n);
void *__real_realloc(void *p, size_t n);
void *__real_aligned_alloc(size_t a, size_t n);

static long calls, fail_at = -1; /* fail_at -1: not read yet */

static void write_count(void) {
    const char *path = getenv("SCORER_ALLOCFAIL_COUNT");
    FILE *f = path ? fopen(path, "w") : NULL;
    if (f) { fprintf(f, "%ld\n", __atomic_load_n(&calls, __ATOMIC_SEQ_CST)); fclose(f); }
}

/* 1 when this allocation is the one to fail */
static int fails(void) {
    long at = __atomic_load_n(&fail_at, __ATOMIC_SEQ_CST);
    if (at < 0) { /* the first allocation happens before main's threads: no race here */
        const char *s = getenv("SCORER_ALLOCFAIL_AT");
        at = s ? atol(s) : 0;
        __atomic_store_n(&fail_at, at, __ATOMIC_SEQ_CST);
        atexit(write_count);
    }
    if (__atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST) != at) return 0;
    if (getenv("SCORER_ALLOCFAIL_TRACE")) { void *b[16]; backtrace_symbols_fd(b, backtrace(b, 16), 2); }
    errno = ENOMEM;
    return 1;
}

void *__wrap_malloc(size_t n) { return fails() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t m, size_t n) { return fails() ? NULL : __real_calloc(m, n); }
void *__wrap_realloc(void *p, size_t n) { return fails() ? NULL : __real_realloc(p, n); }
void *__wrap_aligned_alloc(size_t a, size_t n) { return fails() ? NULL : __real_aligned_alloc(a, n); }
