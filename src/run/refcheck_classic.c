/* refcheck_classic.c - STUB, replaced by the classic-control work. */
#include "scorer/refcheck.h"
int refcheck_classic(FILE *f, const char *path, int mode, double tol, RefCheckReport *rep, char *err, size_t errlen) {
    (void)f; (void)mode; (void)tol; (void)rep;
    snprintf(err, errlen, "%s: classic replay not implemented yet", path);
    return -1;
}
