/* fuzz_sweep.c - libFuzzer harness for the sweep manifest reader (DIR/sweep.ini): any text is either
 * refused with a message or gives a sweep of 1 to SWEEP_MAX_POINTS points, each of which resolves. */
#include "scorer/sweep.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static Sweep s;
    static ConfigPairs pairs;
    char err[1400], label[400];
    FILE *f = fmemopen((void *)data, size, "r");
    if (!f) return 0;
    int rc = sweep_read(&s, f, "fuzz.ini", "/nonexistent-sweep", err, sizeof err);
    fclose(f);
    if (rc) {
        if (!err[0]) abort(); /* a refusal always says why */
        return 0;
    }
    if (s.n_points < 1 || s.n_points > SWEEP_MAX_POINTS) abort();
    for (int p = 0; p < s.n_points; p++) {
        sweep_point_label(&s, p, label, sizeof label);
        sweep_point_pairs(&s, p, &pairs);
    }
    return 0;
}
