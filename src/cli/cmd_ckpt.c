/* cmd_ckpt.c - scorer ckpt-info: what a checkpoint holds, checked (magic, version, checksum). */
#include "cli.h"
#include "scorer/checkpoint.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int cmd_ckpt_info(int argc, char **argv) {
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        FILE *f = argc < 2 ? stderr : stdout;
        fprintf(f, "usage: scorer ckpt-info FILE...\n\n"
                   "Checks each checkpoint (magic number, format version, size, checksum) and prints its header:\n"
                   "environment, algorithm, seed, timesteps, whether the seed had finished, and a hash of the\n"
                   "networks (parameters, targets, Adam moments): equal hashes mean identical networks.\n");
        return argc < 2 ? 2 : 0;
    }
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        CkptInfo info;
        char err[600];
        if (argv[i][0] == '-') return cli_fail("unknown option '%s' (see scorer ckpt-info --help)", argv[i]);
        if (ckpt_info(argv[i], &info, err, sizeof err)) { fprintf(stderr, "scorer: %s\n", err); bad = 1; continue; }
        printf("%s: version %u, %s, %s, seed %ld, t %ld, %s, config %016" PRIx64 ", networks %016" PRIx64
               ", payload %" PRIu64 " bytes, checksum ok\n",
               argv[i], info.version, info.env, info.algo, info.seed, info.t, info.finished ? "finished" : "in progress",
               info.config_hash, info.agent_hash, info.payload_bytes);
    }
    return bad;
}
