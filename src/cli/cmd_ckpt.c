/* cmd_ckpt.c - scorer ckpt-info: what a checkpoint holds, checked (magic, version, checksum) and, with the
 * run's config.ini, loaded as a resume would load it. */
#include "cli.h"
#include "scorer/checkpoint.h"
#include "scorer/experiment.h"
#include "scorer/trainer.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void help(FILE *f) {
    fprintf(f, "usage: scorer ckpt-info [--config FILE.ini] FILE...\n\n"
               "Checks each checkpoint (magic number, format version, size, checksum) and prints its header:\n"
               "environment, algorithm, seed, timesteps, whether the seed had finished, and a hash of the\n"
               "networks (parameters, targets, Adam moments): equal hashes mean identical networks.\n"
               "Then it loads the checkpoint as --resume would, against the run's configuration (the config.ini\n"
               "of the run folder it is in, DIR/[ALGO/]ckpt/seed_K.ckpt, or --config FILE.ini): shapes, every\n"
               "value in range, the environments' states. Exit status 1 if any file is refused.\n"
               "  --config FILE.ini  the configuration to check against (default: ../config.ini beside ckpt/)\n");
}

/* The config.ini of the run folder path is in: the parent of path's directory. */
static void beside(const char *path, char *out, size_t n) {
    char dir[960]; /* leaves room for "/../config.ini" in the caller's 1024 */
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == path) snprintf(dir, sizeof dir, "/");
    else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    /* dir's parent: drop its last component when that is a plain name, else go up with ".." */
    const char *last = strrchr(dir, '/'), *name = last ? last + 1 : dir;
    if (!strcmp(dir, "/")) snprintf(out, n, "/config.ini");
    else if (!strcmp(dir, ".")) snprintf(out, n, "../config.ini");
    else if (!*name || !strcmp(name, ".") || !strcmp(name, "..")) snprintf(out, n, "%s/../config.ini", dir);
    else if (!last) snprintf(out, n, "config.ini");
    else if (last == dir) snprintf(out, n, "/config.ini");
    else snprintf(out, n, "%.*s/config.ini", (int)(last - dir), dir);
}

/* Ends the file's line on stdout and sends it: the error after it goes to stderr, unbuffered, and must
 * come after the line. */
static void end_line(void) {
    printf("\n");
    fflush(stdout);
}

/* Loads the checkpoint against the configuration: prints the verdict ending the header line. 0 ok. */
static int check_state(const char *path, const CkptInfo *info, const char *config, int explicit_config) {
    char err[600];
    if (access(config, F_OK) != 0 && !explicit_config) {
        /* where it was looked for, said plainly: a lone copy's "above its folder" may be "/" */
        printf(", state not checked (no config.ini beside its folder, where a run keeps it: DIR/config.ini for "
               "DIR/ckpt/seed_K.ckpt; give the run's with --config FILE.ini)\n");
        return 0;
    }
    if (!env_find(info->env)) { /* a library user's own env (env_register): only that program knows it */
        printf(", state not checked (%s is not built in: the program that registered it can check it)\n", info->env);
        return 0;
    }
    static ConfigPairs p;
    memset(&p, 0, sizeof p);
    RunConfig c;
    if (config_pairs_load(&p, config, err, sizeof err) || experiment_config_complete(&p, config, err, sizeof err) ||
        config_resolve(&c, &p, err, sizeof err)) {
        end_line();
        fprintf(stderr, "scorer: %s (the state of %s cannot be checked without its configuration)\n", err, path);
        return 1;
    }
    if (strcmp(c.algo, info->algo)) {
        end_line();
        fprintf(stderr, "scorer: %s: it holds %s, but %s configures %s (give the run's own config.ini)\n", path,
                info->algo, config, c.algo);
        return 1;
    }
    /* a resume loads DIR/ckpt/seed_<k>.ckpt as seed k's: a file named so is checked as that seed's (a copy of
     * another seed's is refused), any other name as the seed its header holds */
    long seed = info->seed;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (!strncmp(base, "seed_", 5)) {
        char *end;
        const long k = strtol(base + 5, &end, 10);
        if (end != base + 5 && !strcmp(end, ".ckpt")) seed = k;
    }
    if (train_check_resume(&c, seed, path, NULL, err, sizeof err)) {
        end_line();
        fprintf(stderr, "scorer: %s\n", err);
        return 1;
    }
    /* a finished seed's checkpoint loads as a resume would, but there is nothing left to train */
    printf(", state checked with %s: %s\n", config, info->finished ? "complete (scorer eval plays it)" : "resumable");
    return 0;
}

int cmd_ckpt_info(int argc, char **argv) {
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        help(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *config = NULL;
    int files = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--config")) {
            if (cli_no_value(argc, argv, i)) return cli_fail("--config needs a file (see scorer ckpt-info --help)");
            config = argv[++i];
        } else if (argv[i][0] == '-') {
            static const char *const options[] = {"--config", "--help"};
            return cli_unknown_option(argv[i], "ckpt-info", options, 2);
        } else {
            files++;
        }
    }
    if (!files) return cli_fail("no checkpoint given (usage: scorer ckpt-info [--config FILE.ini] FILE...)");
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--config")) { i++; continue; }
        CkptInfo info;
        char err[600], near[1024];
        if (ckpt_info(argv[i], &info, err, sizeof err)) { fprintf(stderr, "scorer: %s\n", err); bad = 1; continue; }
        printf("%s: version %u, %s, %s, seed %ld, t %ld, %s, config %016" PRIx64 ", networks %016" PRIx64
               ", payload %" PRIu64 " bytes, checksum ok",
               argv[i], info.version, info.env, info.algo, info.seed, info.t, info.finished ? "finished" : "in progress",
               info.config_hash, info.agent_hash, info.payload_bytes);
        beside(argv[i], near, sizeof near);
        bad |= check_state(argv[i], &info, config ? config : near, config != NULL);
        fflush(stdout);
    }
    return bad;
}
