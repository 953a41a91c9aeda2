/* fuzz_summary.c - libFuzzer harness for the readers behind `scorer summary` and `scorer plot`: the input is
 * read as a summary.json document (one it accepts is also recomputed and printed, as `scorer summary` would)
 * and as a seed CSV (the fallback for a run stopped before its summary.json). */
#include "scorer/runfolder.h"
#include "scorer/summary.h"
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static Summary s;
    static char csv[64];
    char err[600];
    if (!csv[0]) snprintf(csv, sizeof csv, "/tmp/fuzz_summary_%d.csv", (int)getpid());
    if (summary_parse_json(&s, (const char *)data, size, "fuzz/summary.json", err, sizeof err) == 0) {
        FILE *out = fopen("/dev/null", "w");
        if (out && summary_compute(&s, err, sizeof err) == 0) summary_print_table(&s, 1, out);
        if (out) fclose(out);
        summary_free(&s);
    }
    FILE *f = fopen(csv, "w");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    SeedCurve c;
    if (seedcurve_read(&c, csv, err, sizeof err) == 0) seedcurve_free(&c);
    unlink(csv);
    return 0;
}
