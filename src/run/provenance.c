/* provenance.c - the build and machine a run was made with. SCORER_COMMIT and SCORER_FLAGS come from the
 * Makefile (for this file only, so a new commit recompiles one file). */
#include "scorer/provenance.h"
#include "scorer/fileio.h"
#include <cblas.h>
#include <stddef.h>
#include <string.h>
#include <sys/utsname.h>

#ifndef SCORER_COMMIT
#define SCORER_COMMIT "unknown"
#endif
#ifndef SCORER_FLAGS
#define SCORER_FLAGS "unknown"
#endif

static void cpu_model(char *out, size_t n) {
    snprintf(out, n, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "model name", 10)) continue;
        const char *v = strchr(line, ':');
        if (!v) break;
        v++;
        while (*v == ' ' || *v == '\t') v++;
        snprintf(out, n, "%.*s", (int)strcspn(v, "\r\n"), v);
        break;
    }
    fclose(f);
}

/* Sets a field, trailing blanks dropped (as an INI file gives the value back). */
static void put(char *field, size_t n, const char *value) {
    size_t L = strlen(value);
    while (L > 0 && (value[L - 1] == ' ' || value[L - 1] == '\t' || value[L - 1] == '\n')) L--;
    snprintf(field, n, "%.*s", (int)(L < n ? L : n - 1), value);
}

/* INI keys, in the order written and compared */
static const struct {
    const char *key, *name;
    size_t off, size;
    int matters; /* can change results */
} FIELDS[] = {
    {"scorer_version", "version", offsetof(Provenance, version), sizeof(((Provenance *)0)->version), 0},
    {"build_commit", "commit", offsetof(Provenance, commit), sizeof(((Provenance *)0)->commit), 1},
    {"build_compiler", "compiler", offsetof(Provenance, compiler), sizeof(((Provenance *)0)->compiler), 1},
    {"build_flags", "flags", offsetof(Provenance, flags), sizeof(((Provenance *)0)->flags), 1},
    {"cpu", "cpu", offsetof(Provenance, cpu), sizeof(((Provenance *)0)->cpu), 1},
    {"blas", "blas", offsetof(Provenance, blas), sizeof(((Provenance *)0)->blas), 1},
    {"os", "os", offsetof(Provenance, os), sizeof(((Provenance *)0)->os), 0},
};
enum { N_FIELDS = sizeof FIELDS / sizeof FIELDS[0] };

void provenance_write_ini(const Provenance *p, FILE *f) {
    for (int i = 0; i < N_FIELDS; i++) fprintf(f, "%s = %s\n", FIELDS[i].key, (const char *)p + FIELDS[i].off);
}

int provenance_read_ini(Provenance *p, const char *path) {
    memset(p, 0, sizeof *p);
    int found = 0;
    for (int i = 0; i < N_FIELDS; i++) found |= fileio_ini_get(path, FIELDS[i].key, (char *)p + FIELDS[i].off, FIELDS[i].size) > 0;
    return found;
}

const char *provenance_differs(const Provenance *a, const Provenance *b) {
    for (int i = 0; i < N_FIELDS; i++)
        if (FIELDS[i].matters && strcmp((const char *)a + FIELDS[i].off, (const char *)b + FIELDS[i].off))
            return FIELDS[i].name;
    return NULL;
}

int provenance_check_resume(const char *run_ini, Provenance *start, Provenance *here, char *msg, size_t msglen) {
    provenance_here(here);
    if (!provenance_read_ini(start, run_ini)) return 0;
    const char *d = provenance_differs(start, here);
    if (!d) return 0;
    snprintf(msg, msglen, "the run was started with another %s (%s; now %s): the resumed seeds may not be "
             "bit-identical to an uninterrupted run", d, provenance_field(start, d), provenance_field(here, d));
    return 1;
}

const char *provenance_name(int i) { return i >= 0 && i < N_FIELDS ? FIELDS[i].name : NULL; }

const char *provenance_field(const Provenance *p, const char *name) {
    for (int i = 0; i < N_FIELDS; i++)
        if (!strcmp(FIELDS[i].name, name)) return (const char *)p + FIELDS[i].off;
    return "";
}

/* Sets the field called what: by its summary.json name, or by its INI key. */
static int set_field(Provenance *p, int by_key, const char *what, const char *value) {
    for (int i = 0; i < N_FIELDS; i++)
        if (!strcmp(by_key ? FIELDS[i].key : FIELDS[i].name, what)) {
            put((char *)p + FIELDS[i].off, FIELDS[i].size, value);
            return 0;
        }
    return -1;
}

int provenance_set(Provenance *p, const char *name, const char *value) { return set_field(p, 0, name, value); }
int provenance_set_ini(Provenance *p, const char *key, const char *value) { return set_field(p, 1, key, value); }

void provenance_here(Provenance *p) {
    memset(p, 0, sizeof *p);
    char v[512];
    provenance_set(p, "version", SCORER_VERSION);
    provenance_set(p, "commit", SCORER_COMMIT);
#if defined(__clang__)
    provenance_set(p, "compiler", __VERSION__); /* clang's names itself */
#elif defined(__GNUC__)
    provenance_set(p, "compiler", "gcc " __VERSION__);
#else
    provenance_set(p, "compiler", "unknown");
#endif
    provenance_set(p, "flags", SCORER_FLAGS);
    cpu_model(v, sizeof v);
    provenance_set(p, "cpu", v);
    const char *blas = openblas_get_config();
    provenance_set(p, "blas", blas ? blas : "unknown");
    struct utsname u;
    if (uname(&u) == 0) snprintf(v, sizeof v, "%s %s %s", u.sysname, u.release, u.machine);
    else snprintf(v, sizeof v, "unknown");
    provenance_set(p, "os", v);
}
