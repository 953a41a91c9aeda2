/* provenance.h - which build, on which machine, made a run. Written to DIR/run.ini when the run starts
 * and to summary.json; compared when the run is resumed, because results are bit-identical only with
 * the same code, compiler, flags, CPU and BLAS (docs/FORMATS.md). */
#ifndef SCORER_PROVENANCE_H
#define SCORER_PROVENANCE_H
#include <stdio.h>

#define SCORER_VERSION "0.1.0"

typedef struct Provenance {
    char version[16];   /* scorer's version */
    char commit[64];    /* git describe --always --dirty of the source tree at build time; "unknown" */
    char compiler[96];  /* the compiler's own version string */
    char flags[512];    /* compiler and flags the library was built with */
    char cpu[128];      /* /proc/cpuinfo model name ("unknown" elsewhere) */
    char blas[160];     /* OpenBLAS's configuration string (version, kernel) */
    char os[128];       /* uname: system, release, machine */
} Provenance;

/* This build on this machine. */
void provenance_here(Provenance *p);
/* "key = value" lines (scorer_version, build_commit, build_compiler, build_flags, cpu, blas, os). */
void provenance_write_ini(const Provenance *p, FILE *f);
/* Reads those keys from an INI file (run.ini). Returns 1 when it names a build, 0 when not (a run
 * from an older scorer) or unreadable; p is then all empty strings. */
int provenance_read_ini(Provenance *p, const char *path);
/* The first field, in the order commit, compiler, flags, cpu, blas, in which a and b differ ("commit",
 * "compiler", ...), or NULL when results should be identical. */
const char *provenance_differs(const Provenance *a, const Provenance *b);
/* On resuming a run whose manifest is run_ini: fills *start with the build it records (empty if none: a
 * run of an older scorer) and *here with this one. Returns 1, with msg, when the two differ in what can
 * change results; 0 otherwise. PROVENANCE_MSG bytes hold any message whole. */
enum { PROVENANCE_MSG = 1400 };
int provenance_check_resume(const char *run_ini, Provenance *start, Provenance *here, char *msg, size_t msglen);
/* The fields by name (summary.json's keys): provenance_name(i) for i = 0, 1, ... until NULL; a field's
 * value ("" for an unknown name); setting one (-1 for an unknown name; values are cut to the field). */
const char *provenance_name(int i);
const char *provenance_field(const Provenance *p, const char *name);
int provenance_set(Provenance *p, const char *name, const char *value);
/* The same by INI key (build_commit, ...), for a manifest read line by line. */
int provenance_set_ini(Provenance *p, const char *key, const char *value);

#endif
