/* scratch.c - the network kernels' per-thread scratch: one heap block a thread, freed as it exits. */
#include "scratch.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Thread_local void *scratch_at[SCRATCH_SLOTS];

/* As net.c's misuse: the kernels are void and cannot hand an error back, so the process stops where
 * it happened, with the reason. */
#define SCRATCH_FAIL(...) (fprintf(stderr, "%s:%d: ", __FILE__, __LINE__), fprintf(stderr, __VA_ARGS__), fputc('\n', stderr), abort())

static pthread_key_t scratch_key;
static int scratch_key_rc;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

/* At the exit of a thread that allocated: v is its scratch_at (the key's value), whose first slot starts
 * the block. (A destructor of another key that runs a kernel after this allocates again, and sets the key
 * again: glibc then calls this once more.) */
static void scratch_release(void *v) {
    void **at = v;
    free(at[0]);
    memset(at, 0, sizeof(void *) * SCRATCH_SLOTS);
}

static void scratch_key_create(void) { scratch_key_rc = pthread_key_create(&scratch_key, scratch_release); }

void *scratch_first(ScratchSlot slot) {
    const size_t *const bytes[SCRATCH_SLOTS] = {&dense_scratch_bytes, &matmul_scratch_bytes, &norm_scratch_bytes};
    size_t off[SCRATCH_SLOTS], total = 0;
    for (int s = 0; s < SCRATCH_SLOTS; s++) { /* each slot on a cache line */
        off[s] = total;
        total += (*bytes[s] + 63) / 64 * 64;
    }
    pthread_once(&scratch_once, scratch_key_create);
    if (scratch_key_rc)
        SCRATCH_FAIL("cannot create the thread key that frees the network kernels' scratch (%s)", strerror(scratch_key_rc));
    /* posix_memalign, not aligned_alloc: the fault-injection tests (test_allocfail, cli_faults.sh) wrap
     * the malloc family and aligned_alloc to fail allocations that must fail gracefully, which this one
     * cannot. Not zeroed: every kernel writes its buffers before reading them. */
    void *block = NULL;
    if (posix_memalign(&block, 64, total) != 0) SCRATCH_FAIL("out of memory for the network kernels' scratch (%zu bytes)", total);
    for (int s = 0; s < SCRATCH_SLOTS; s++) scratch_at[s] = (char *)block + off[s];
    /* the key's value only has to be non-NULL for the destructor to run; it is where the slots are */
    const int rc = pthread_setspecific(scratch_key, scratch_at);
    if (rc) {
        scratch_release(scratch_at);
        SCRATCH_FAIL("cannot register the network kernels' scratch for release at thread exit (%s)", strerror(rc));
    }
    return scratch_at[slot];
}
