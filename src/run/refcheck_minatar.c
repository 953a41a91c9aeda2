/* refcheck_minatar.c - STUB, replaced by the MinAtar work. */
#include "scorer/refcheck.h"
int refcheck_minatar(FILE *f, const char *path, RefCheckReport *rep, char *err, size_t errlen) {
    (void)f; (void)rep;
    snprintf(err, errlen, "%s: MinAtar environments are not implemented yet", path);
    return -1;
}
