/* refcheck.h - replay reference trajectories (the reference data's classic CSV and MinAtar text formats) through our envs.
 * Used by `scorer env-check` and by the tests. Lives in run/ because it reads files. */
#ifndef SCORER_REFCHECK_H
#define SCORER_REFCHECK_H
#include <stddef.h>

enum { REFCHECK_AUTO = 0, REFCHECK_EXACT = 1, REFCHECK_STEP = 2 };

typedef struct RefCheckReport {
    char env[48];     /* environment / game the file describes */
    char mode[16];    /* "exact" (full rollout, bit for bit), "step" (state set from each row) */
    long episodes;    /* episodes replayed */
    long steps;       /* steps compared */
    long mismatches;  /* steps that did not match (0 = file passes) */
    double max_dev;   /* largest deviation seen: relative for classic, cells/rewards for MinAtar */
    char first_mismatch[160]; /* where the first mismatch was, or "" */
} RefCheckReport;

/* Recognises the format from the file's first lines (refcheck.c: is_minatar) and replays it.
 * mode: REFCHECK_AUTO picks "exact" for classic/ files and MinAtar, "step" for files in a
 * directory named classic_native; tol is the relative tolerance of step mode (<= 0: 1e-10).
 * Returns 0 when the file was read (match or not: see rep->mismatches), -1 when it could not be
 * read or parsed (err says why). */
int refcheck_file(const char *path, int mode, double tol, RefCheckReport *rep, char *err, size_t errlen);

/* Format-specific replays; f is positioned at the start of the file. */
#include <stdio.h>
int refcheck_classic(FILE *f, const char *path, int mode, double tol, RefCheckReport *rep, char *err, size_t errlen);
int refcheck_minatar(FILE *f, const char *path, RefCheckReport *rep, char *err, size_t errlen);

#endif
