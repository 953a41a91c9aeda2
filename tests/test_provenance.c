/* test_provenance.c - what a run records of the build and machine that made it: the fields are filled,
 * survive run.ini, and a resume is warned exactly when something that can change results differs. */
#include "scorer/provenance.h"
#include "check.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/scorer-provenance-XXXXXX";

static void write_ini(const char *path, const Provenance *p, const char *extra) {
    FILE *f = fopen(path, "w");
    fprintf(f, "# scorer run manifest\ncommand = train\nalgos = dqn\n%s", extra);
    if (p) provenance_write_ini(p, f);
    fclose(f);
}

int main(void) {
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    char path[128], msg[PROVENANCE_MSG];
    snprintf(path, sizeof path, "%s/run.ini", dir);

    Provenance here, back, start, now;
    provenance_here(&here);
    CHECK(!strcmp(here.version, SCORER_VERSION), "version %s", here.version);
    CHECK(here.commit[0] != 0, "a commit (or unknown)");
    CHECK(!strncmp(here.compiler, "gcc ", 4) || strstr(here.compiler, "lang"), "compiler named: %s", here.compiler);
    CHECK(strstr(here.flags, "-std=c11") && !strstr(here.flags, "-Wall"), "flags without warnings: %s", here.flags);
    CHECK(here.cpu[0] && here.os[0] && strstr(here.blas, "OpenBLAS"), "cpu %s, os %s, blas %s", here.cpu, here.os, here.blas);

    /* run.ini round trip; lines of other keys around them do not matter */
    write_ini(path, &here, "# the build\n");
    CHECK(provenance_read_ini(&back, path) == 1, "read back");
    CHECK(!memcmp(&back, &here, sizeof back) || !provenance_differs(&back, &here), "same after run.ini");
    for (int i = 0; provenance_name(i); i++)
        CHECK(!strcmp(provenance_field(&back, provenance_name(i)), provenance_field(&here, provenance_name(i))),
              "field %s kept", provenance_name(i));
    CHECK(provenance_check_resume(path, &start, &now, msg, sizeof msg) == 0, "same build: no warning");

    /* what can change results is named; the version string and the OS are not compared */
    const char *matters[] = {"commit", "compiler", "flags", "cpu", "blas"};
    for (int i = 0; i < 5; i++) {
        back = here;
        CHECK(provenance_set(&back, matters[i], "something else") == 0, "set %s", matters[i]);
        const char *d = provenance_differs(&here, &back);
        CHECK(d && !strcmp(d, matters[i]), "%s differs: %s", matters[i], d ? d : "NULL");
        write_ini(path, &back, "");
        CHECK(provenance_check_resume(path, &start, &now, msg, sizeof msg) == 1 && strstr(msg, matters[i]) &&
                  strstr(msg, "something else") && strstr(msg, provenance_field(&here, matters[i])),
              "resume warned, both values named: %s", msg);
        CHECK(!provenance_differs(&now, &here), "the build resuming is this one");
    }
    back = here;
    provenance_set(&back, "version", "9.9.9");
    provenance_set(&back, "os", "Plan 9");
    CHECK(provenance_differs(&here, &back) == NULL, "version and OS alone do not warn");

    /* a run of an older scorer records nothing; a missing file neither */
    write_ini(path, NULL, "");
    CHECK(provenance_read_ini(&back, path) == 0 && !back.version[0] && !back.commit[0], "nothing recorded");
    CHECK(provenance_check_resume(path, &start, &now, msg, sizeof msg) == 0 && !start.version[0], "no warning then");
    CHECK(provenance_read_ini(&back, "/nonexistent/run.ini") == 0, "missing file");

    /* names */
    CHECK(provenance_set(&back, "colour", "x") == -1 && !strcmp(provenance_field(&here, "colour"), ""), "unknown name");
    int n = 0;
    while (provenance_name(n)) n++;
    CHECK(n == 7 && provenance_name(-1) == NULL, "seven fields");
    char longv[1000];
    memset(longv, 'x', sizeof longv - 1);
    longv[sizeof longv - 1] = 0;
    CHECK(provenance_set(&back, "cpu", longv) == 0 && strlen(back.cpu) == sizeof back.cpu - 1, "long values cut");

    unlink(path);
    rmdir(dir);
    return check_done("test_provenance");
}
