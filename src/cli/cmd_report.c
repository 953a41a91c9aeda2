/* cmd_report.c - scorer summary and scorer plot: re-summarise and re-draw existing run folders
 * without retraining. */
#include "cli.h"
#include "scorer/fileio.h"
#include "scorer/json.h"
#include "scorer/plot.h"
#include "scorer/shellword.h"
#include "scorer/suggest.h"
#include "scorer/summary.h"
#include "scorer/sweep.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void summary_help(void) {
    printf("usage: scorer summary DIR [DIR...] [--json] [--algos A,B,...]\n\n"
           "Prints the comparison table of one or more run folders written by scorer train or compare:\n"
           "per algorithm the seeds that finished, the final return (mean episode return over the last 10%%\n"
           "of training) mean and std over seeds, its IQM with a 95%% stratified bootstrap CI, the area\n"
           "under the curve, the median timesteps per second, and P(scorer-X > X) with its 95%% CI.\n"
           "Several folders are shown side by side in one table with a column naming the folder; each\n"
           "folder's header line ends with the settings that set it apart from the other folders of its\n"
           "environment (e.g. '; final_l1norm=1'). When their environments all differ, P(scorer-X > X) is\n"
           "also given across them (the mean of the per-environment P, each environment one task, CI by\n"
           "a bootstrap within each).\n\n"
           "Reads DIR/summary.json; when it is missing (an interrupted run), the statistics are\n"
           "recomputed from the seed CSVs (each row weighted by the timesteps it covers: the AUC as the\n"
           "run has it, the final return within a fraction of a percent at the default log_interval, a few\n"
           "percent with much longer rows; speed unknown). Seeds of a run\n"
           "still in progress, or stopped before it finished, are listed as 'not finished' with the process\n"
           "running it or the command that continues it (scorer train|compare --resume DIR). A note names\n"
           "the seeds that ended fewer episodes than envs (from their CSVs): an env still in its first episode\n"
           "counts 0 in their final return. Seeds that failed in training (diverged, say) are left out of\n"
           "the statistics and listed below the table, and the command exits with status 1 (0 when\n"
           "--algos leaves them out; seeds not finished yet are no failure).\n\n"
           "  --json            print the summary as JSON instead (one folder: the summary.json document;\n"
           "                    several: an object keyed by folder, also when --algos leaves one)\n"
           "  --algos A,B,...   show only these algorithms (each must be in a folder) and the P lines of\n"
           "                    pairs both shown; a folder left with none is left out\n\n"
           "A sweep's folder (scorer sweep) gives the sweep's table instead: one row per point and\n"
           "algorithm, each point's status, and the best point of each algorithm, named by the settings it\n"
           "reads (dqn ignores follower_lr, for one); its numbers are also in DIR/sweep.csv.\n");
}

static void plot_help(void) {
    printf("usage: scorer plot DIR [DIR...] [--out FILE_PREFIX] [--algos A,B,...] [--metric NAME] [--each-seed]\n\n"
           "Draws the learning curves of one or more run folders from their seed CSVs: per algorithm the\n"
           "mean training return over seeds at each logged timestep and a band, its 95%% percentile bootstrap\n"
           "CI over seeds (as the table's; with few seeds it covers less than 95%%; none with one seed).\n"
           "Seeds the summary lists as failed are not drawn (the key says '2 of 3 seeds; 1 failed'; an\n"
           "algorithm with none left keeps its key entry), and a seed's curve starts at its row after as many\n"
           "episodes as envs have ended (before, an env still in its first episode counts 0; a seed that\n"
           "never gets there is 'short of episodes'). A run under way or stopped is drawn as far as its seeds'\n"
           "CSVs go (written with each checkpoint; the key says '2 seeds, 1 not finished').\n"
           "Writes PREFIX.png and PREFIX.svg through gnuplot, with the data\n"
           "in PREFIX.dat and the script in PREFIX.gp. Several folders make one combined figure, with a\n"
           "panel per environment when they hold several (each its own scale; an algorithm keeps its colour).\n"
           "An algorithm drawn from several folders in one panel is labelled by the settings that set each\n"
           "curve apart (e.g. 'scorer-ddqn, final_l1norm=1'), else by the folder. A key of up to four\n"
           "curves sits inside the plot, in a corner where it hides none of them; else it goes below\n"
           "(one figure: two columns, a pair scorer-X, X to a row) and the figure grows to make room.\n\n"
           "  --out FILE_PREFIX   where to write (default DIR/returns of the first folder; with --metric leader_loss,\n"
           "                      DIR/leader_loss, and so for the other metrics); a folder is refused: give\n"
           "                      FOLDER/returns for FOLDER/returns.png\n"
           "  --algos A,B,...     draw only these algorithms' curves (each must be in a folder)\n"
           "  --metric NAME       the column of the seed CSVs to draw, as the return is drawn (default return):\n"
           "                        return         the training return (mean_return)\n"
           "                        leader_loss    the leader's loss: the MSBE of the Q-network (PQN's: to its\n"
           "                                       lambda-returns); a baseline's joint loss\n"
           "                        follower_loss  the follower's (encoder's) loss: MSBE or Bellman-error variance,\n"
           "                                       as the follower_loss setting says; a baseline has none, and\n"
           "                                       is in the key alone ('dqn: no follower loss (one network)')\n"
           "                        epsilon        the exploration rate at the end of each row\n"
           "                      Other than the return, a seed's curve starts at its first row, and a row\n"
           "                      without a value (a loss before the first update) is skipped for that seed,\n"
           "                      not taken as 0; an algorithm with no value at all is in the key alone, and\n"
           "                      when none has one the command says so and exits with status 1. Losses are\n"
           "                      drawn on a logarithmic y axis, where a value at or below 0 (a loss of exactly\n"
           "                      0: the band never leaves the seeds' values) is drawn at the smallest positive\n"
           "                      value of its panel; PREFIX.dat keeps it as it is.\n"
           "  --each-seed         each seed's curve too, a thin lighter line of its algorithm's colour under the\n"
           "                      mean, which is drawn without its band (the figure stays readable); with\n"
           "                      --metric, --algos and several folders as without it. The seeds drawn are the\n"
           "                      mean's, each from where the mean takes it (failed seeds left out); the key says\n"
           "                      'scorer-dqn (10 seeds, each drawn)'. Default DIR/returns-seeds (with --metric\n"
           "                      leader_loss, DIR/leader_loss-seeds), beside the figure without it; PREFIX.dat\n"
           "                      has a block per seed after each mean's (docs/FORMATS.md).\n\n"
           "Needs gnuplot (Debian: apt-get install gnuplot-nox); without it the data and script are still\n"
           "written and the command exits with status 1.\n\n"
           "A sweep's folder (scorer sweep) gives the sweep's figure instead (default DIR/sweep): the IQM of\n"
           "the final return with its 95%% CI against the values of the first --grid axis, one line per\n"
           "algorithm and combination of the other axes; with env on the grid, a panel per environment\n"
           "(their returns do not compare), against the first other axis. A point with failed seeds is\n"
           "not drawn (its IQM is its surviving seeds'): a label at its position says so. An algorithm's\n"
           "lines that differ only in a setting it ignores are one run, drawn once, its legend naming what\n"
           "it ignores. Learning curves of points (and --algos, --metric, --each-seed): scorer plot DIR/p000 ...\n");
}

/* Collects the folders and options shared by both commands. Returns 0, or an exit status. */
static int parse(int argc, char **argv, const char *cmd, int allow_json, int *json, const char **out,
                 const char **algos, const char **metric, int *each_seed, const char ***dirs, int *n_dirs, int *help) {
    *n_dirs = 0;
    *dirs = calloc((size_t)argc + 1, sizeof **dirs);
    if (!*dirs) return cli_fail("out of memory");
    int only_dirs = 0;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (only_dirs || o[0] != '-' || !o[1]) { (*dirs)[(*n_dirs)++] = o; continue; }
        if (!strcmp(o, "--")) { only_dirs = 1; continue; }
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) { *help = 1; return 0; }
        if (allow_json && !strcmp(o, "--json")) { *json = 1; continue; }
        if (!allow_json && !strcmp(o, "--out")) {
            if (cli_no_value(argc, argv, i)) return cli_fail("--out needs a file prefix (e.g. --out figs/cartpole)");
            *out = argv[++i];
            continue;
        }
        if (!allow_json && !strcmp(o, "--each-seed")) { *each_seed = 1; continue; }
        if (!allow_json && !strcmp(o, "--metric")) {
            if (cli_no_value(argc, argv, i)) return cli_fail("--metric needs a name (e.g. --metric leader_loss; see scorer plot --help)");
            *metric = argv[++i];
            continue;
        }
        if (!strcmp(o, "--algos")) {
            if (cli_no_value(argc, argv, i)) return cli_fail("--algos needs a comma-separated list (e.g. --algos scorer-dqn,dqn)");
            *algos = argv[++i];
            continue;
        }
        static const char *const summary_options[] = {"--json", "--algos", "--help"},
                                 *const plot_options[] = {"--out", "--algos", "--metric", "--each-seed", "--help"};
        return allow_json ? cli_unknown_option(o, cmd, summary_options, 3) : cli_unknown_option(o, cmd, plot_options, 5);
    }
    if (*n_dirs == 0) return cli_fail("%s needs a run folder (scorer %s DIR [DIR...])", cmd, cmd);
    for (int i = 0; i < *n_dirs; i++) /* a folder twice would be a duplicate key of --json, a curve drawn twice */
        for (int j = 0; j < i; j++) {
            const char *u = (*dirs)[i], *v = (*dirs)[j];
            size_t lu = strlen(u), lv = strlen(v);
            while (lu > 1 && u[lu - 1] == '/') lu--;
            while (lv > 1 && v[lv - 1] == '/') lv--;
            if (lu == lv && !strncmp(u, v, lu)) return cli_fail("%s is given twice (name each folder once)", u);
            struct stat su, sv; /* one folder by two names (t1 and ./t1, a link): the same duplicate */
            if (stat(u, &su) == 0 && stat(v, &sv) == 0 && S_ISDIR(su.st_mode) && su.st_dev == sv.st_dev && su.st_ino == sv.st_ino)
                return cli_fail("%s and %s are the same folder (name each folder once)", v, u);
        }
    return 0;
}

/* A file given for a folder (t1/summary.json) is named as such, with the folder to give instead: the
 * readers would say "cannot read t1/summary.json/summary.json: Not a directory". Returns 0, or exit 1. */
static int files_refused(const char **dirs, int n, const char *cmd) {
    for (int d = 0; d < n; d++) {
        struct stat st;
        if (stat(dirs[d], &st) != 0 || S_ISDIR(st.st_mode)) continue; /* a missing one: the readers say so */
        if (!S_ISREG(st.st_mode)) {
            cli_fail("%s is not a folder (give a run folder written by scorer train or compare)", dirs[d]);
            return 1;
        }
        char parent[1100], q[2300];
        snprintf(parent, sizeof parent, "%s", dirs[d]);
        fileio_up(parent);
        cli_fail("%s is a file: give its folder (scorer %s %s)", dirs[d], cmd, shellword_quote(q, sizeof q, parent));
        return 1;
    }
    return 0;
}

/* A sweep is shown alone: returns -1 when no folder is a sweep, 0 when dirs is one sweep (alone, and
 * no --json where json is set), else the exit status of the refusal. */
static int sweep_alone(const char **dirs, int n, int json, const char *cmd) {
    for (int d = 0; d < n; d++)
        if (sweep_present(dirs[d])) {
            if (n == 1 && !json) return 0;
            return cli_fail("%s is a sweep: show it alone%s (scorer %s %s; its numbers are in %s/sweep.csv)", dirs[d],
                            json ? " and without --json" : "", cmd, dirs[d], dirs[d]);
        }
    return -1;
}

/* A sweep's folder gets the sweep's table. Returns an exit status, or -1 when no folder is a sweep. */
static int sweep_summary(const char **dirs, int n, int json) {
    static Sweep sw;
    char err[1400];
    int rc = sweep_alone(dirs, n, json, "summary");
    if (rc) return rc;
    if (sweep_load(&sw, dirs[0], err, sizeof err)) { cli_fail("%s", err); return 1; }
    int unusable = 0;
    if (sweep_print_table(&sw, stdout, &unusable, err, sizeof err) < 0) { cli_fail("out of memory"); return 1; }
    if (unusable == 1) cli_fail("%s", err); /* as a run folder whose summary.json cannot be used: exit 1 */
    else if (unusable) cli_fail("%s (and %d more points below the table)", err, unusable - 1);
    return unusable ? 1 : 0;
}

int cmd_summary(int argc, char **argv) {
    int json = 0, help = 0, n = 0, each_seed = 0;
    const char *out = NULL, *algos_arg = NULL, *metric_arg = NULL, **dirs = NULL;
    int rc = parse(argc, argv, "summary", 1, &json, &out, &algos_arg, &metric_arg, &each_seed, &dirs, &n, &help);
    if (rc || help) {
        free(dirs);
        if (help) summary_help();
        return rc;
    }
    if (files_refused(dirs, n, "summary")) { free(dirs); return 1; }
    char names[CONFIG_MAX_ALGOS][32];
    const char *algos[CONFIG_MAX_ALGOS];
    int n_algos = 0;
    if (algos_arg && (rc = cli_split_algos(algos_arg, names, &n_algos))) { free(dirs); return rc; }
    for (int i = 0; i < n_algos; i++) algos[i] = names[i];
    if (algos_arg && sweep_alone(dirs, n, json, "summary") == 0) {
        free(dirs);
        return cli_fail("--algos selects run folders' rows, not a sweep's table (summary DIR/p000 ... instead)");
    }
    int sweep = sweep_summary(dirs, n, json);
    if (sweep >= 0) {
        free(dirs);
        return sweep;
    }
    const int given = n; /* the JSON's shape follows the folders given, not those --algos leaves */
    Summary *s = n > 0 ? calloc((size_t)n, sizeof *s) : NULL;
    if (!s) { free(dirs); return cli_fail("out of memory"); }
    char err[1200];
    int loaded = 0;
    for (; loaded < n; loaded++) {
        if (summary_load(&s[loaded], dirs[loaded], err, sizeof err)) {
            cli_fail("%s", err);
            rc = 1;
            break;
        }
    }
    if (!rc && n_algos) { /* only the algorithms asked for; a folder left with none is left out */
        for (int i = 0; i < n_algos && !rc; i++) {
            int found = 0;
            for (int d = 0; d < n && !found; d++)
                for (int k = 0; k < s[d].n_algos; k++) found |= !strcmp(s[d].algo[k].algo, algos[i]);
            if (!found) { /* as a folder that cannot be read: exit 1 */
                cli_fail("no run of %s in %s%s (leave it out of --algos)", algos[i], dirs[0], n > 1 ? " ..." : "");
                rc = 1;
            }
        }
        int m = 0;
        for (int d = 0; d < n && !rc; d++) {
            if (summary_keep_algos(&s[d], algos, n_algos) == 0) continue;
            if (m != d) { s[m] = s[d]; dirs[m] = dirs[d]; }
            m++;
        }
        if (!rc) n = loaded = m;
    }
    if (!rc) {
        if (!json) {
            if (summary_print_table(s, n, stdout)) { cli_fail("out of memory"); rc = 1; }
        }
        else if (given == 1) summary_write_json(&s[0], stdout);
        else {
            for (int d = 0; d < n; d++) {
                fputs(d ? ",\n" : "{", stdout);
                json_str(stdout, dirs[d]);
                fputs(": ", stdout);
                summary_write_json(&s[d], stdout);
            }
            fputs("}\n", stdout);
        }
    }
    /* seeds that failed in training (not those still to finish): exit 1, as train and a sweep's summary */
    const int shown = !rc;
    for (int d = 0; d < n && shown; d++) {
        int failed = 0, first_k = -1, first_i = -1;
        for (int k = 0; k < s[d].n_algos; k++)
            for (int i = 0; i < s[d].algo[k].n; i++)
                if (s[d].algo[k].failed[i] == 1 && failed++ == 0) first_k = k, first_i = i;
        if (failed) {
            const SummaryAlgo *a = &s[d].algo[first_k];
            cli_fail("%s has %d failed seed%s (left out of the statistics): %s seed %ld: %s", dirs[d], failed,
                     failed > 1 ? "s" : "", a->algo, a->seed[first_i], a->error[first_i][0] ? a->error[first_i] : "failed");
            rc = 1;
        }
    }
    for (int d = 0; d < loaded; d++) summary_free(&s[d]);
    free(s);
    free(dirs);
    return rc;
}

int cmd_plot(int argc, char **argv) {
    int json = 0, help = 0, n = 0, each_seed = 0;
    const char *out = NULL, *algos_arg = NULL, *metric_arg = NULL, **dirs = NULL;
    int rc = parse(argc, argv, "plot", 0, &json, &out, &algos_arg, &metric_arg, &each_seed, &dirs, &n, &help);
    if (rc || help) {
        free(dirs);
        if (help) plot_help();
        return rc;
    }
    const int metric = metric_arg ? plot_metric_find(metric_arg) : PLOT_RETURN;
    if (metric < 0) {
        const char *names[PLOT_N_METRICS];
        char hint[96], list[96] = "";
        for (int m = 0; m < PLOT_N_METRICS; m++) {
            names[m] = plot_metric_name(m);
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", m ? ", " : "", names[m]);
        }
        free(dirs);
        return cli_fail("unknown metric '%s' (%schoose from %s)", metric_arg, suggest_hint(hint, sizeof hint, metric_arg, names, PLOT_N_METRICS),
                        list);
    }
    if (files_refused(dirs, n, "plot")) { free(dirs); return 1; }
    cli_exit_on_signal(); /* Ctrl-C while drawing leaves no temporary file (gnuplot's images included) */
    char err[1400], prefix[1100];
    const int alone = sweep_alone(dirs, n, 0, "plot"), sweep = alone == 0;
    if (alone > 0) { free(dirs); return alone; }
    if (out) snprintf(prefix, sizeof prefix, "%s", out);
    else snprintf(prefix, sizeof prefix, "%s/%s%s", dirs[0], sweep ? "sweep" : plot_metric_file(metric), each_seed ? "-seeds" : "");
    char names[CONFIG_MAX_ALGOS][32];
    const char *algos[CONFIG_MAX_ALGOS];
    int n_algos = 0;
    if (algos_arg && sweep) { free(dirs); return cli_fail("--algos draws run folders' curves, not a sweep's figure (plot DIR/p000 ... instead)"); }
    if (metric != PLOT_RETURN && sweep) /* the sweep's figure is of final returns */
        { free(dirs); return cli_fail("--metric %s draws run folders' curves, not a sweep's figure (plot DIR/p000 ... instead)", metric_arg); }
    if (each_seed && sweep) { free(dirs); return cli_fail("--each-seed draws run folders' curves, not a sweep's figure (plot DIR/p000 ... instead)"); }
    if (algos_arg && (rc = cli_split_algos(algos_arg, names, &n_algos))) { free(dirs); return rc; }
    for (int i = 0; i < n_algos; i++) algos[i] = names[i];
    int st;
    if (sweep) {
        static Sweep sw;
        if (sweep_load(&sw, dirs[0], err, sizeof err)) { free(dirs); cli_fail("%s", err); return 1; }
        st = sweep_plot(&sw, prefix, err, sizeof err);
    } else {
        const PlotOptions po = {.prefix = prefix, .algos = algos, .n_algos = n_algos, .metric = metric, .each_seed = each_seed};
        st = plot_runs_opts(dirs, n, &po, err, sizeof err);
    }
    free(dirs);
    if (st == PLOT_NO_GNUPLOT) {
        fprintf(stderr, "scorer: %s\n", err);
        return 1;
    }
    if (st != PLOT_OK) {
        cli_fail("%s", err);
        return 1;
    }
    size_t L = strlen(prefix);
    if (L > 4 && (!strcmp(prefix + L - 4, ".png") || !strcmp(prefix + L - 4, ".svg"))) prefix[L - 4] = 0;
    printf("wrote %s.png and %s.svg (data in %s.dat)\n", prefix, prefix, prefix);
    return 0;
}
