/* fuzz_config.c - libFuzzer harness for the configuration parser and the command-line options:
 * the input is an INI file, and (split at NUL bytes) an argument vector for train/compare/sweep. */
#include "../src/cli/cli.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static ConfigPairs p;
    static RunConfig c;
    char err[600];
    memset(&p, 0, sizeof p);
    /* 1. as a config file */
    FILE *f = fmemopen((void *)data, size, "r");
    if (f) {
        if (config_pairs_read(&p, f, "fuzz.ini", err, sizeof err) == 0 && config_resolve(&c, &p, err, sizeof err) == 0) {
            FILE *out = fopen("/dev/null", "w");
            if (out) { config_write(&c, out); fclose(out); }
        }
        fclose(f);
    }
    /* 2. as argv: NUL-separated words, at most 32 */
    static char buf[4096];
    static RunArgs a;
    if (size >= sizeof buf) return 0;
    memcpy(buf, data, size);
    buf[size] = 0;
    char *argv[34] = {"train"};
    int argc = 1;
    for (size_t i = 0; i < size && argc < 33;) {
        argv[argc++] = buf + i;
        i += strlen(buf + i) + 1;
    }
    argv[argc] = NULL;
    static const char *const cmds[3] = {"train", "compare", "sweep"};
    if (cli_parse_run_args(argc, argv, cmds[data[0] % 3], &a) == 0 && !a.help && !a.resume[0])
        config_resolve(&c, &a.pairs, err, sizeof err);
    return 0;
}
