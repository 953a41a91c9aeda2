/* scratch.h - the network kernels' per-thread scratch (internal to src/nn).
 * The kernels keep temporaries too large for the stack (transposes, padded panels, index lists), one set
 * per thread: seeds train on worker threads. As static _Thread_local arrays (2 MB) they were static TLS,
 * which glibc reserves in the stack of every thread of the host program, whether or not it ever calls
 * scorer: a program linking the library could not create a thread with a 1 MB stack (EINVAL). So each
 * thread gets one heap block instead, holding every kernel module's buffers, allocated on its first
 * kernel call that needs one and freed when the thread exits (a pthread key's destructor); the main
 * thread's stays until the process exits, reachable through scratch_at. Static TLS keeps the pointers.
 * When the allocation fails the kernels, which have no error path, abort with a message (net.h). */
#ifndef SCORER_NN_SCRATCH_H
#define SCORER_NN_SCRATCH_H
#include <stddef.h>

/* One slot a kernel module, each with its own struct of buffers */
typedef enum { SCRATCH_DENSE, SCRATCH_MATMUL, SCRATCH_NORM, SCRATCH_SLOTS } ScratchSlot;

/* The slots' sizes in bytes: sizeof each module's struct, defined in dense.c, matmul.c and norm.c, so
 * that the first call allocates every slot at once (no allocation on a later first use of a kernel) */
extern const size_t dense_scratch_bytes, matmul_scratch_bytes, norm_scratch_bytes;

/* This thread's slots: NULL before its first call, then each 64-byte aligned within its block */
extern _Thread_local void *scratch_at[SCRATCH_SLOTS];
/* Allocates this thread's block (or aborts with a message) and returns the slot */
void *scratch_first(ScratchSlot slot);

/* This thread's buffers for a slot. In the hot loop: a thread-local load and a branch. */
static inline void *scratch_block(ScratchSlot slot) {
    void *p = scratch_at[slot];
    if (__builtin_expect(p == NULL, 0)) p = scratch_first(slot);
    return __builtin_assume_aligned(p, 64); /* as the arrays' _Alignas(64): the same vector code */
}
#endif
