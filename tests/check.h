/* check.h - the tiny assertion kit every test program uses. Each CHECK counts one
 * assertion; check_done() prints the standard closing line "N passed, N failed". */
#ifndef SCORER_CHECK_H
#define SCORER_CHECK_H
#include <stdio.h>
#include <stdlib.h>
#include <math.h>

static int check_npass, check_nfail;

#define CHECK(cond, ...)                                                       \
    do {                                                                       \
        if (cond) check_npass++;                                               \
        else {                                                                 \
            check_nfail++;                                                     \
            fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);             \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
        }                                                                      \
    } while (0)

/* |a - b| <= tol * max(1, |a|, |b|) */
static inline int check_close(double a, double b, double tol) {
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    if (m < 1.0) m = 1.0;
    return fabs(a - b) <= tol * m;
}

/* Directory of the decompressed reference data (make test sets SCORER_REFDATA). */
static inline const char *check_refdata_dir(void) {
    const char *d = getenv("SCORER_REFDATA");
    return d ? d : "build/refdata";
}

static inline int check_done(const char *name) {
    printf("%s: %d passed, %d failed\n", name, check_npass, check_nfail);
    return check_nfail ? 1 : 0;
}
#endif
