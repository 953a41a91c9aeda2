/* main.c - scorer: the command-line entry point. */
#include "cli.h"
#include "scorer/suggest.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f) {
    fprintf(f,
            "scorer %s - SCORER (Stackelberg coupled representation and RL) and its baselines\n\n"
            "usage: scorer COMMAND [options]\n\n"
            "commands:\n"
            "  train      train one algorithm on one environment over one or more seeds\n"
            "  compare    train several algorithms (default scorer-dqn,dqn) over K seeds and compare them\n"
            "  sweep      compare over a grid of settings: here, in several processes, or as a Slurm job array\n"
            "  env-check  replay reference trajectories through the environments; exit 0 when all match\n"
            "  summary    print the comparison table of existing run folders (no retraining)\n"
            "  plot       draw the learning curves of existing run folders (PNG and SVG via gnuplot)\n"
            "  ckpt-info  check checkpoint files and print what they hold\n"
            "  play       show a MinAtar game in the terminal (random or keyboard actions)\n"
            "  eval       play episodes with a trained agent's checkpoint (--render shows MinAtar games)\n\n"
            "scorer COMMAND --help (or scorer help COMMAND) shows a command's options; scorer --version prints\n"
            "the version.\n",
            SCORER_VERSION);
}

static const struct { const char *name; int (*run)(int, char **); } commands[] = {
    {"train", cmd_train}, {"compare", cmd_compare}, {"sweep", cmd_sweep}, {"env-check", cmd_envcheck},
    {"summary", cmd_summary}, {"plot", cmd_plot}, {"ckpt-info", cmd_ckpt_info}, {"play", cmd_play}, {"eval", cmd_eval}};
enum { N_COMMANDS = (int)(sizeof commands / sizeof *commands) };

static int unknown_command(const char *cmd) {
    const char *names[N_COMMANDS];
    for (int i = 0; i < N_COMMANDS; i++) names[i] = commands[i].name;
    char hint[64];
    return cli_fail("unknown command '%s' (%ssee scorer --help)", cmd, suggest_hint(hint, sizeof hint, cmd, names, N_COMMANDS));
}

static int dispatch(int argc, char **argv) {
    if (argc < 2) return cli_fail("no command given (try scorer --help, or scorer compare to run the default comparison)");
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || (!strcmp(cmd, "help") && argc == 2)) { usage(stdout); return 0; }
    if (!strcmp(cmd, "--version")) { printf("scorer %s\n", SCORER_VERSION); return 0; }
    if (!strcmp(cmd, "help")) { /* scorer help COMMAND: that command's --help */
        if (argc > 3) return cli_fail("help takes one command (scorer help COMMAND)");
        for (int i = 0; i < N_COMMANDS; i++)
            if (!strcmp(argv[2], commands[i].name)) {
                char *args[] = {argv[2], "--help", NULL};
                return commands[i].run(2, args);
            }
        return unknown_command(argv[2]);
    }
    for (int i = 0; i < N_COMMANDS; i++)
        if (!strcmp(cmd, commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    return unknown_command(cmd);
}

/* A standard stream the caller closed (scorer ... >&-) would give its number to the next file opened, and
 * printf would then write into a CSV or a checkpoint: each is held by /dev/null, read-only, so that
 * writing to a closed stdout fails (and is reported below) instead. */
static void hold_closed_streams(void) {
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            const int got = open("/dev/null", O_RDONLY); /* the lowest free number: fd itself */
            if (got >= 0 && got != fd) close(got);
        }
}

/* Output that could not be written (a full disk, a closed pipe or stdout) fails the command, whatever it
 * did: a script would otherwise take a cut table or list for the whole. */
int main(int argc, char **argv) {
    hold_closed_streams();
    cli_set_args(argc, argv);
    int rc = dispatch(argc, argv);
    if ((fflush(stdout) != 0 || ferror(stdout)) && rc == 0) {
        cli_fail("could not write the output (is the disk full or the pipe closed?)");
        rc = 1;
    }
    return rc;
}
