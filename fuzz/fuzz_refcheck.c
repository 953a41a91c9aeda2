/* fuzz_refcheck.c - libFuzzer harness for the reference-data readers behind `scorer env-check`: the input
 * is a file of either format (the first byte picks step or exact mode for the classic reader). Both
 * readers see every input, so a classic CSV fed to the MinAtar reader (and the reverse) is covered too;
 * the MinAtar reader replays what it reads through the games. */
#include "scorer/refcheck.h"
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    RefCheckReport rep;
    char err[600];
    const int mode = size && (data[0] & 1) ? REFCHECK_STEP : REFCHECK_EXACT;
    FILE *f = fmemopen((void *)data, size, "r");
    if (f) {
        refcheck_classic(f, "fuzz.csv", mode, 0.0, &rep, err, sizeof err);
        fclose(f);
    }
    if ((f = fmemopen((void *)data, size, "r"))) {
        refcheck_minatar(f, "fuzz.txt", &rep, err, sizeof err);
        fclose(f);
    }
    return 0;
}
