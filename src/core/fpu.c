/* fpu.c - denormal flushing for training threads (see fpu.h). */
#include "scorer/fpu.h"
#if defined(__SSE3__)
#include <pmmintrin.h>
void fpu_flush_denormals(void) {
    _MM_SET_FLUSH_ZERO_MODE(_MM_FLUSH_ZERO_ON);
    _MM_SET_DENORMALS_ZERO_MODE(_MM_DENORMALS_ZERO_ON);
}
unsigned fpu_state(void) { return _mm_getcsr(); }
void fpu_restore(unsigned state) { _mm_setcsr(state); }
#else
void fpu_flush_denormals(void) {}
unsigned fpu_state(void) { return 0; }
void fpu_restore(unsigned state) { (void)state; }
#endif
