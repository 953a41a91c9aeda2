/* fuzz_summary.c - libFuzzer harness for the summary.json reader behind `scorer summary` and `scorer plot`:
 * a document it accepts is also recomputed and printed, as `scorer summary` would. */
#include "scorer/summary.h"
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static Summary s;
    char err[600];
    if (summary_parse_json(&s, (const char *)data, size, "fuzz/summary.json", err, sizeof err)) return 0;
    FILE *out = fopen("/dev/null", "w");
    if (out && summary_compute(&s, err, sizeof err) == 0) summary_print_table(&s, 1, out);
    if (out) fclose(out);
    summary_free(&s);
    return 0;
}
