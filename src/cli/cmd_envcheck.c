/* cmd_envcheck.c - scorer env-check FILE...: replay reference trajectories. */
#include "cli.h"
#include "scorer/refcheck.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(void) {
    printf("usage: scorer env-check [--mode auto|exact|step] [--tol T] FILE...\n\n"
           "Replays reference trajectories (the formats of tests/refdata/: classic-control CSV, MinAtar text)\n"
           "through scorer's environments and prints, per file, the steps checked and the largest deviation.\n"
           "The repository's files are xz-compressed in tests/refdata/: make refdata decompresses them into\n"
           "build/refdata/ (scorer env-check build/refdata/*/* checks them all).\n"
           "  --mode auto   exact full-episode rollouts, except files in a classic_native/ folder: step mode\n"
           "  --mode exact  set the first state, apply every action, require bit-identical states\n"
           "  --mode step   set each row's state, apply one action, compare within --tol (relative); classic-\n"
           "                control CSVs only: MinAtar files are always replayed exactly (a note says so)\n"
           "  --tol T       relative tolerance of step mode, > 0 (default 1e-10; bit for bit: --mode exact)\n"
           "Exit status: 0 when every step of every file matches, 1 on a mismatch, 2 on unreadable input.\n");
}

int cmd_envcheck(int argc, char **argv) {
    int mode = REFCHECK_AUTO, nfiles = 0, bad = 0, unreadable = 0, step_said = 0;
    double tol = 1e-10;
    /* the options first, wherever they stand (env-check FILE... --mode exact checks in exact mode) */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { help(); return 0; }
        if (!strcmp(argv[i], "--mode")) {
            if (cli_no_value(argc, argv, i)) return cli_fail("--mode needs auto, exact or step");
            i++;
            if (!strcmp(argv[i], "auto")) mode = REFCHECK_AUTO;
            else if (!strcmp(argv[i], "exact")) mode = REFCHECK_EXACT;
            else if (!strcmp(argv[i], "step")) mode = REFCHECK_STEP;
            else return cli_fail("--mode %s: use auto, exact or step", argv[i]);
            continue;
        }
        if (!strcmp(argv[i], "--tol")) {
            if (cli_no_value(argc, argv, i)) return cli_fail("--tol needs a number");
            /* decimal only, as every number setting (config_parse_number) */
            if (config_parse_number(argv[++i], &tol) || !(tol > 0))
                return cli_fail("--tol %s: give a positive number such as 1e-10 (for bit-identical states: --mode exact)", argv[i]);
            continue;
        }
        static const char *const options[] = {"--mode", "--tol", "--help"};
        if (argv[i][0] == '-' && argv[i][1]) return cli_unknown_option(argv[i], "env-check", options, 3);
        nfiles++;
    }
    /* the repository's own files ship compressed in tests/refdata/; make decompresses them into build/ */
    if (!nfiles) return cli_fail("env-check needs at least one reference file (the repository's: make refdata, then scorer env-check build/refdata/*/*)");
    /* the name column as wide as the longest name given, so that every line's columns align */
    int width = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--mode") || !strcmp(argv[i], "--tol")) { i++; continue; }
        const size_t n = strlen(argv[i]);
        if (n > (size_t)width) width = n > 4096 ? 4096 : (int)n;
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--mode") || !strcmp(argv[i], "--tol")) { i++; continue; }
        RefCheckReport rep;
        char err[512];
        if (refcheck_file(argv[i], mode, tol, &rep, err, sizeof err)) {
            fprintf(stderr, "scorer: %s\n", err);
            unreadable++;
            continue;
        }
        if (mode == REFCHECK_STEP && strcmp(rep.mode, "step") && !step_said++) { /* said once, before its line */
            fflush(stdout);
            fprintf(stderr, "scorer: note: %s is a MinAtar file: MinAtar files are always replayed exactly (--mode step and --tol "
                            "are for classic-control CSVs)\n", argv[i]);
        }
        printf("%-*s %-22s %-5s episodes %4ld  steps %7ld  max deviation %-9.3g  %s\n", width, argv[i], rep.env, rep.mode,
               rep.episodes, rep.steps, rep.max_dev, rep.mismatches ? "MISMATCH" : "ok");
        if (rep.mismatches) {
            printf("    %ld mismatching steps; first: %s\n", rep.mismatches, rep.first_mismatch);
            bad++;
        }
    }
    return unreadable ? 2 : (bad ? 1 : 0);
}
