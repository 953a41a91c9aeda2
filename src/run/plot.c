/* plot.c - learning curves through gnuplot. The line is the mean return over seeds at each logged
 * timestep, the band its 95% percentile bootstrap CI over seeds (as the table's IQM CI: it stays within
 * the seeds' values, where a normal band crossed the returns a game allows; with few seeds it covers
 * less than 95%; none with one seed). Curves of different seeds are matched on the timesteps of the
 * longest one. A seed the summary lists as failed (diverged) is not drawn, as the table leaves it out;
 * a seed's curve starts once as many episodes as envs have ended: before, the CSV counts 0 for envs
 * still in their first episode (gymnax's LogWrapper), which reads as a perfect score where returns
 * are negative. The other metrics (plot_runs_opts) are the CSVs' other columns, drawn the same way from
 * each seed's first row, a row without a value (a loss before the first update) skipped for its seed. With
 * each_seed, each seed's curve is drawn too, thin, under the mean (which has no band then): a series of that seed
 * alone, built as the mean is, so that it starts and skips rows as the mean's rules say. */
#include "scorer/plot.h"
#include "scorer/settings.h"
#include "scorer/fileio.h"
#include "scorer/stats.h"
#include "scorer/runfolder.h"
#include "scorer/summary.h"
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* What a figure of run folders can draw (PlotMetric's order). */
typedef struct Metric {
    const char *name, *column, *file; /* plot_metric_find's name, the seed CSV's column, the default prefix's base */
    const char *what;                 /* in keys and messages: "no follower loss" */
    const char *ylabel;
    int logy;                         /* losses span decades: a logarithmic y axis */
} Metric;
static const Metric METRICS[PLOT_N_METRICS] = {
    {"return", "mean_return", "returns", "return", "episode return (training, with exploration)", 0},
    {"leader_loss", "leader_loss", "leader_loss", "leader loss", "leader loss (MSBE of the Q-network; the baseline's joint loss)", 1},
    {"follower_loss", "follower_loss", "follower_loss", "follower loss",
     "follower loss (MSBE or Bellman-error variance, as follower_loss says)", 1},
    {"epsilon", "epsilon", "epsilon", "epsilon", "exploration rate epsilon (at the end of each logged row)", 0},
};

const char *plot_metric_name(int metric) { return metric >= 0 && metric < PLOT_N_METRICS ? METRICS[metric].name : NULL; }
const char *plot_metric_file(int metric) { return metric >= 0 && metric < PLOT_N_METRICS ? METRICS[metric].file : NULL; }
int plot_metric_find(const char *name) {
    for (int m = 0; m < PLOT_N_METRICS; m++)
        if (!strcmp(name, METRICS[m].name)) return m;
    return -1;
}

typedef struct Series {
    char label[256];
    char algo[32];
    int metric;               /* PlotMetric */
    int absent;               /* seeds with rows, none with a value of the metric: in the key alone, saying so */
    int no_column;            /* absent because no seed CSV has the metric's column (hand-made or foreign CSVs) */
    int panel;                /* the panel it is drawn in: one per environment */
    int dir;                  /* the folder it comes from */
    int n, seeds, failed, few; /* points; seeds drawn; failed seeds, and seeds short of episodes (the return) or
                                  without a value (other metrics), left out */
    int open;                 /* seeds drawn whose run is not over (their curve so far, from a checkpoint's CSV) */
    int block;                /* its block in the .dat file (gnuplot's index), -1 with no point: a key entry alone */
    long *t;                  /* (n,) */
    double *mean, *lo, *hi;   /* (n,) */
    int *cnt;                 /* (n,) seeds behind each point */
    char adir[1100];          /* its algorithm's folder (RunFolderAlgo.dir) */
    char *config;             /* its config.ini as "key=value\n" lines, read when a label needs it, or NULL */
    int each;                 /* PlotOptions.each_seed: its seeds' curves are drawn, its band is not */
    struct Series *seed;      /* (n_seed,) each: the curves of its seeds with a point, one seed each (blocks block + 1 ...) */
    int n_seed;
    long seed_no;             /* a seed's curve: its seed */
} Series;

typedef struct Panel {      /* one environment's curves */
    char env[64];
    long steps;               /* its folders' timesteps, or -1 when they differ */
    int dirs;                 /* folders drawn in it */
    int logy;                 /* the metric's y axis is logarithmic */
    double yfloor;            /* logy: the smallest positive value drawn in it, where values at or below 0 (which a
                                 log axis has not) are drawn; 0: none, the panel's axis is linear */
    int clip;                 /* logy: it has values at or below 0 */
} Panel;

/* The curves of series s: its mean (e = -1) and, with each_seed, seed e's (0 .. n_seed - 1). */
static const Series *curve_of(const Series *s, int e) { return e < 0 ? s : &s->seed[e]; }

static void series_free(Series *s) {
    for (int i = 0; i < s->n_seed; i++) series_free(&s->seed[i]);
    free(s->seed);
    free(s->t); free(s->mean); free(s->lo); free(s->hi); free(s->cnt); free(s->config);
    memset(s, 0, sizeof *s);
}

#define PLOT_BAND_RESAMPLES 2000 /* per point of every curve: enough for a band drawn 2 pixels thick */

/* The first row of curve c to draw: the one after as many episodes as envs (num_envs) have ended;
 * 0 for a CSV without the episodes column; c->n when it never comes. */
static int curve_start(const SeedCurve *c, long num_envs) {
    if (!c->episodes || c->n == 0 || c->episodes[0] < 0) return 0;
    int j = 0;
    while (j < c->n && c->episodes[j] < (num_envs > 0 ? num_envs : 1)) j++;
    return j + 1 < c->n ? j + 1 : c->n;
}

/* curves: (S,) seed curves of envs num_envs, their metric in val; fills sr on the grid of the longest curve
 * and used: (S,) 1 for a seed with a point in it. The band's bootstrap stream is fixed by the algorithm's
 * rank, so a curve's band is the same in every figure. */
static int series_build(Series *sr, SeedCurve *curves, int S, long num_envs, char *used, char *err, size_t errlen) {
    int g = 0;
    for (int i = 1; i < S; i++) if (curves[i].n > curves[g].n) g = i;
    int G = S > 0 ? curves[g].n : 0;
    size_t m = G > 0 ? (size_t)G : 1;
    sr->t = malloc(sizeof(long) * m);
    sr->mean = malloc(sizeof(double) * m);
    sr->lo = malloc(sizeof(double) * m);
    sr->hi = malloc(sizeof(double) * m);
    sr->cnt = malloc(sizeof(int) * m);
    int *pos = calloc((size_t)S + 1, sizeof(int));
    double *vals = malloc(sizeof(double) * ((size_t)S + 1));
    if (!sr->t || !sr->mean || !sr->lo || !sr->hi || !sr->cnt || !pos || !vals) {
        free(pos); free(vals);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* only the return has the LogWrapper's 0s before an env's first episode ends */
    for (int i = 0; i < S; i++) pos[i] = sr->metric == PLOT_RETURN ? curve_start(&curves[i], num_envs) : 0;
    Rng rng;
    rng_seed(&rng, SUMMARY_BOOT_SEED, (uint64_t)runfolder_algo_rank(sr->algo));
    sr->n = 0;
    int rc = 0;
    for (int j = 0; j < G && !rc; j++) {
        long t = curves[g].t[j];
        int k = 0;
        for (int i = 0; i < S; i++) {
            const SeedCurve *c = &curves[i];
            while (pos[i] < c->n && c->t[pos[i]] < t) pos[i]++;
            if (pos[i] < c->n && c->t[pos[i]] == t && isfinite(c->val[pos[i]])) {
                vals[k++] = c->val[pos[i]];
                used[i] = 1;
            }
        }
        if (k == 0) continue;
        int off[2] = {0, k};
        double ci[2];
        if (stats_bootstrap_ci((StatsTasks){vals, off, 1}, stats_agg_mean, PLOT_BAND_RESAMPLES, SUMMARY_CONF, &rng, ci) == -2) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        }
        sr->t[sr->n] = t;
        sr->mean[sr->n] = stats_mean(vals, k);
        sr->lo[sr->n] = ci[0]; /* NaN with one seed: no band */
        sr->hi[sr->n] = ci[1];
        sr->cnt[sr->n] = k;
        sr->n++;
    }
    free(pos);
    free(vals);
    return rc;
}

/* Reads the seed CSVs of one algorithm of a folder into a series, leaving out the seeds its summary
 * sa (NULL: none known) lists as failed; with sr->each, each seed's curve too (sr->seed). */
static int series_load(Series *sr, const RunFolderAlgo *a, const SummaryAlgo *sa, char *err, size_t errlen) {
    SeedCurve *c = calloc((size_t)a->n + 1, sizeof *c);
    char *open = calloc((size_t)a->n + 1, 1); /* (S,) 1: the seed's run is not over */
    char *used = calloc((size_t)a->n + 1, 1); /* (S,) 1: the seed has a point in the curve */
    long *seed = calloc((size_t)a->n + 1, sizeof *seed); /* (S,) the seed of each curve read */
    if (!c || !open || !used || !seed) {
        free(c); free(open); free(used); free(seed);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = 0, S = 0;
    sr->failed = 0;
    for (int i = 0; i < a->n && !rc; i++) {
        int failed = 0, not_over = 0;
        for (int j = 0; sa && j < sa->n; j++) {
            failed |= sa->seed[j] == a->seeds[i] && sa->failed[j] == 1;
            not_over |= sa->seed[j] == a->seeds[i] && sa->failed[j] == 2;
        }
        if (failed) { sr->failed++; continue; }
        char path[1300];
        (void)runfolder_seed_csv(a, a->seeds[i], path, sizeof path); /* listed, so present; the read reports faults */
        rc = seedcurve_read_column(&c[S], path, METRICS[sr->metric].column, err, errlen);
        if (!rc) { seed[S] = a->seeds[i]; open[S++] = (char)not_over; }
    }
    if (!rc) rc = series_build(sr, c, S, a->cfg_num_envs, used, err, errlen);
    if (!rc && sr->each && !(sr->seed = calloc((size_t)S + 1, sizeof *sr->seed))) { snprintf(err, errlen, "out of memory"); rc = -1; }
    for (int i = 0; !rc && sr->each && i < S; i++) { /* a seed's curve: the mean of it alone, from where the mean takes it */
        Series *e = &sr->seed[sr->n_seed];
        char one = 0;
        memcpy(e->algo, sr->algo, sizeof e->algo);
        e->metric = sr->metric;
        e->seed_no = seed[i];
        rc = series_build(e, &c[i], 1, a->cfg_num_envs, &one, err, errlen);
        if (e->n > 0) sr->n_seed++;
        else series_free(e);
    }
    int rows = 0;
    sr->seeds = sr->open = 0;
    for (int i = 0; i < S; i++) {
        sr->seeds += used[i];
        sr->open += used[i] && open[i];
        rows |= c[i].n > 0;
    }
    sr->few = S - sr->seeds;
    sr->absent = sr->metric != PLOT_RETURN && sr->seeds == 0 && rows;
    sr->no_column = sr->absent;
    for (int i = 0; i < S; i++) sr->no_column &= !c[i].has_column;
    for (int i = 0; i < S; i++) seedcurve_free(&c[i]);
    free(c);
    free(open);
    free(used);
    free(seed);
    return rc;
}

/* 1 when series s is a baseline's follower loss: it has one network, no follower. */
static int no_follower(const Series *s) { return s->metric == PLOT_FOLLOWER_LOSS && strncmp(s->algo, "scorer-", 7); }

/* " (3 seeds)", " (1 seed)", " (2 of 3 seeds; 1 failed)", " (1 of 3 seeds; 1 failed, 1 short of episodes)";
 * each seed drawn: " (3 seeds, each drawn)", " (2 of 3 seeds, each drawn; 1 failed)"; a metric the series has
 * not: ": no follower loss (one network)" */
static void seeds_text(const Series *s, char *out, size_t len) {
    if (s->absent) {
        snprintf(out, len, ": no %s (%s)", METRICS[s->metric].what, no_follower(s) ? "one network" : s->no_column ? "not a column of its seed CSVs"
                 : s->metric == PLOT_EPSILON ? "empty in its seed CSVs" : "empty in its seed CSVs: no update logged");
        return;
    }
    const int all = s->seeds + s->failed + s->few;
    const char *each = s->each && s->seeds > 1 ? ", each drawn" : "";
    char o[40] = ""; /* curves so far of a run under way or stopped */
    if (s->open) snprintf(o, sizeof o, s->open == s->seeds ? "not finished" : "%d not finished", s->open);
    if (all == s->seeds) {
        snprintf(out, len, " (%d seed%s%s%s%s)", s->seeds, s->seeds == 1 ? "" : "s", each, o[0] ? ", " : "", o);
        return;
    }
    char f[24] = "", h[40] = "";
    if (s->failed) snprintf(f, sizeof f, "%d failed", s->failed);
    if (s->few)
        snprintf(h, sizeof h, "%s%d %s", s->failed ? ", " : "", s->few, s->metric == PLOT_RETURN ? "short of episodes" : "without a value");
    snprintf(out, len, " (%d of %d seed%s%s; %s%s%s%s)", s->seeds, all, all == 1 ? "" : "s", each, f, h, o[0] ? ", " : "", o);
}

/* A series' label in a panel where its algorithm is drawn more than once: the settings that set it
 * apart from the other curves of the algorithm there ("final_l1norm=1"); else (unreadable
 * config.ini, or the same settings) its folder. */
static void label_apart(Series *ser, int ns, int i, const char *dir) {
    const Series *s = &ser[i];
    for (int j = 0; j < ns; j++) /* best effort: without memory for them, the label is the folder */
        if (ser[j].panel == s->panel && !strcmp(ser[j].algo, s->algo) && !ser[j].config) ser[j].config = settings_read(ser[j].adir);
    const char **others = calloc((size_t)ns, sizeof *others);
    char apart[3 * 84 + 8] = ""; /* three "key=value" of 40 + 40 characters at most, and ", ..." */
    int n = 0;
    for (int j = 0; others && j < ns; j++)
        if (j != i && ser[j].panel == s->panel && !strcmp(ser[j].algo, s->algo)) others[n++] = ser[j].config;
    if (others && s->config) settings_apart(s->config, others, n, apart, sizeof apart);
    free(others);
    char seeds[96];
    seeds_text(s, seeds, sizeof seeds);
    int w; /* a long label is cut (the figure's key has no room for it anyway) */
    if (apart[0]) w = snprintf(ser[i].label, sizeof ser[i].label, "%s, %.110s%s", s->algo, apart, seeds);
    else w = snprintf(ser[i].label, sizeof ser[i].label, "%.100s: %s%s", dir, s->algo, seeds);
    (void)w;
}

/* Okabe and Ito's palette, then Tol's: told apart with the common colour-vision deficiencies. */
const char *plot_colour(int idx) {
    static const char *const palette[] = {"#D55E00", "#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9",
                                          "#882255", "#332288", "#44AA99", "#AA4499", "#999933", "#000000"};
    return palette[idx % (int)(sizeof palette / sizeof *palette)];
}

/* Colours: one per algorithm, SCORER variants warm, baselines cool (and dashed), the same in every
 * figure where each algorithm is drawn once a panel; else one per curve. */
static const char *algo_colour(const char *algo, int idx, int by_algo) {
    static const char *const by_rank[] = {"#D55E00", "#0072B2", "#E69F00", "#56B4E9", "#CC79A7",
                                          "#009E73", "#882255", "#332288", "#AA4499", "#44AA99"};
    int r = runfolder_algo_rank(algo);
    if (by_algo && r < (int)(sizeof by_rank / sizeof *by_rank)) return by_rank[r];
    return plot_colour(idx);
}

void plot_gp_str(FILE *f, const char *s) {
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', f);
        if (*s != '\n' && *s != '\r') fputc(*s, f);
    }
    fputc('\'', f);
}

static const char *base_name(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* Finds an executable named name on PATH; returns 1 (path in out) or 0. */
static int find_in_path(const char *name, char *out, size_t outlen) {
    const char *path = getenv("PATH");
    if (!path) path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        size_t L = strcspn(path, ":");
        snprintf(out, outlen, "%.*s/%s", (int)(L ? L : 1), L ? path : ".", name);
        struct stat st;
        if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && access(out, X_OK) == 0) return 1;
        path += L;
        if (*path == ':') path++;
    }
    return 0;
}

/* Runs gnuplot_path on script inside dir, after the commands set (gnuplot -e set script); returns 0, or -1 with its
 * first output line in err. */
static int run_gnuplot(const char *gnuplot_path, const char *dir, const char *set, const char *script, char *err,
                       size_t errlen) {
    int fd[2];
    if (pipe(fd) != 0) { snprintf(err, errlen, "cannot start gnuplot: %s", strerror(errno)); return -1; }
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]); close(fd[1]);
        snprintf(err, errlen, "cannot start gnuplot: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        /* child: only async-signal-safe calls until exec */
        int nul = open("/dev/null", O_RDONLY);
        if (nul >= 0) { dup2(nul, 0); close(nul); }
        dup2(fd[1], 1);
        dup2(fd[1], 2);
        close(fd[0]);
        close(fd[1]);
        if (chdir(dir) != 0) _exit(126);
        char *const argv[] = {(char *)"gnuplot", (char *)"-e", (char *)set, (char *)script, NULL};
        execv(gnuplot_path, argv);
        _exit(127);
    }
    close(fd[1]);
    char out[2048];
    size_t n = 0;
    for (;;) {
        char tmp[512];
        ssize_t got = read(fd[0], tmp, sizeof tmp);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        size_t take = (size_t)got < sizeof out - 1 - n ? (size_t)got : sizeof out - 1 - n;
        memcpy(out + n, tmp, take);
        n += take;
    }
    out[n] = 0;
    close(fd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) { snprintf(err, errlen, "lost the gnuplot process: %s", strerror(errno)); return -1; }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
    /* first non-blank line of gnuplot's complaint */
    char *line = out;
    while (*line == '\n' || *line == ' ') line++;
    line[strcspn(line, "\n")] = 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 126) snprintf(err, errlen, "cannot enter folder %s to run gnuplot", dir);
    else if (WIFEXITED(status))
        snprintf(err, errlen, "gnuplot failed on %s/%s (exit %d): %.300s", dir, script, WEXITSTATUS(status), line[0] ? line : "no message");
    else snprintf(err, errlen, "gnuplot was killed by signal %d while drawing %s/%s", WTERMSIG(status), dir, script);
    return -1;
}

/* plot_prefix without making the folder. */
static int prefix_split(const char *prefix_in, const char *dflt, char *prefix, size_t n, char *odir, size_t odirlen, char *err, size_t errlen) {
    snprintf(prefix, n, "%s", prefix_in ? prefix_in : dflt);
    size_t pl = strlen(prefix);
    if (pl > 4 && (!strcmp(prefix + pl - 4, ".png") || !strcmp(prefix + pl - 4, ".svg"))) prefix[pl - 4] = 0;
    if (!prefix[0] || prefix[strlen(prefix) - 1] == '/') {
        snprintf(err, errlen, "output prefix '%s' names a folder, not a file prefix (e.g. %sreturns)", prefix, prefix);
        return -1;
    }
    struct stat st; /* an existing folder: figs.png beside figs/ is seldom what --out figs meant */
    if (stat(prefix, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "output prefix '%s' names a folder, not a file prefix (e.g. %s/returns)", prefix, prefix);
        return -1;
    }
    /* folder of the outputs: gnuplot runs there, so the script refers to files by base name */
    snprintf(odir, odirlen, "%s", prefix);
    fileio_up(odir);
    return 0;
}

int plot_prefix(const char *prefix_in, const char *dflt, char *prefix, size_t n, char *odir, size_t odirlen, char *err, size_t errlen) {
    if (prefix_split(prefix_in, dflt, prefix, n, odir, odirlen, err, errlen)) return -1;
    return fileio_mkdirs(odir, err, errlen);
}

#define KEY_INSIDE 4 /* curves a panel's key may hold inside the plot, in a corner that hides none (key_corner) */

void plot_gp_open_size(FILE *f, const char *what, const char *pbase, int w, int h) {
    fprintf(f, "# scorer %s; run inside this folder: gnuplot %s.gp\n", what, pbase);
    /* the images' names: scorer gives temporary names of their own (gnuplot -e), renamed once drawn */
    char name[1100];
    snprintf(name, sizeof name, "%s.png", pbase);
    fputs("if (!exists('scorer_png')) scorer_png = ", f); plot_gp_str(f, name); fputc('\n', f);
    snprintf(name, sizeof name, "%s.svg", pbase);
    fputs("if (!exists('scorer_svg')) scorer_svg = ", f); plot_gp_str(f, name); fputc('\n', f);
    fprintf(f, "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {\n"
               "    set terminal pngcairo size %d,%d noenhanced font 'sans,11'\n"
               "} else {\n"
               "    set terminal png size %d,%d noenhanced truecolor\n"
               "}\n", w, h, w, h);
    fputs("set output scorer_png\n", f);
}

void plot_gp_open(FILE *f, const char *what, const char *pbase) { plot_gp_open_size(f, what, pbase, 1000, 600); }

/* The SVG of the same w x h figure (a single plot: replot). */
static void gp_close_size(FILE *f, int w, int h) {
    fprintf(f, "set terminal svg size %d,%d dynamic noenhanced font 'sans,11' background rgb 'white'\n"
               "set output scorer_svg\nreplot\nunset output\n", w, h);
}

void plot_gp_close(FILE *f, const char *pbase) {
    (void)pbase;
    gp_close_size(f, 1000, 600);
}

static long file_size(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 ? (long)st.st_size : -1;
}

/* A tick value as a short label: 0, 500, 2.5k, 1.5M (gnuplot's '%.0s%c' would round 1.5M to "2M"). */
static void tick_label(double v, char *out, size_t len) {
    if (v >= 1e6) snprintf(out, len, "%gM", v / 1e6);
    else if (v >= 1e3) snprintf(out, len, "%gk", v / 1e3);
    else snprintf(out, len, "%g", v);
}

/* A run's steps for a title: short (300k, 2.5M) when three significant digits say them, else whole (123457). */
static void steps_label(long v, char *out, size_t len) {
    long step = 1; /* 10^(digits - 3) */
    for (long q = v; q >= 1000; q /= 10) step *= 10;
    if (v >= 1000 && v % step == 0) tick_label((double)v, out, len);
    else snprintf(out, len, "%ld", v);
}

/* The x axis of panel p: from 0 to the end of its longest curve, at most 8 ticks a step of 1, 2 or 5
 * times a power of ten apart, each labelled by tick_label; nothing when the panel has no point. */
static void plot_xtics(FILE *f, const Series *ser, int ns, int p) {
    long end = 0;
    for (int i = 0; i < ns; i++)
        if (ser[i].panel == p && ser[i].n > 0 && ser[i].t[ser[i].n - 1] > end) end = ser[i].t[ser[i].n - 1];
    if (end <= 0) return;
    double step = 1.0;
    while (end / step > 7.0) {
        const double m = step;
        if (end / (2 * m) <= 7.0) step = 2 * m;
        else if (end / (5 * m) <= 7.0) step = 5 * m;
        else step = 10 * m;
    }
    const double last = ceil((double)end / step) * step;
    fprintf(f, "set xrange [0:%.0f]\nset xtics (", last);
    for (int k = 0; k * step <= last + 0.5; k++) {
        char label[32];
        tick_label(k * step, label, sizeof label);
        fprintf(f, "%s\"%s\" %.0f", k ? ", " : "", label, k * step);
    }
    fputs(")\n", f);
}

/* The key's size, as fractions of a panel's axes: per character of its longest label, for its sample
 * line and margins, per line (measured on gnuplot's pngcairo output of the two layouts). */
typedef struct KeyScale { double chr, fixed, line; } KeyScale;
static const KeyScale KEY_ONE = {0.0088, 0.08, 0.034};   /* one panel, 1000 px wide, font 11 */
static const KeyScale KEY_PANEL = {0.0148, 0.14, 0.047}; /* a panel of a multiplot, 520 px, font 9 */

/* y as drawn on panel pn's axis: on a log axis its logarithm, values at or below 0 at the panel's floor. */
static double axis_y(const Panel *pn, double y) {
    if (!(pn->yfloor > 0) || isnan(y)) return y;
    return log10(y > pn->yfloor ? y : pn->yfloor);
}

/* Where panel p's key hides the least of its curves: of the four corners, the one whose box (the
 * key's estimated size) holds the fewest points of its mean lines (each counting as four), bands and
 * seeds' curves (each_seed), bottom right first among equals. The box is taken in the data's own range
 * (on pan[p]'s axis); gnuplot's axes reach a little beyond it, so the box errs on the side of the curves. */
static const char *key_corner(const Series *ser, int ns, const Panel *pan, int p, KeyScale ks, long *hidden) {
    static const char *const name[4] = {"bottom right", "top left", "top right", "bottom left"};
    double x1 = 0, y0 = INFINITY, y1 = -INFINITY;
    int k = 0;
    size_t longest = 0;
    for (int i = 0; i < ns; i++) {
        if (ser[i].panel != p) continue;
        k++;
        if (strlen(ser[i].label) > longest) longest = strlen(ser[i].label);
        for (int e = -1; e < ser[i].n_seed; e++) { /* the mean, then each seed's curve */
            const Series *s = curve_of(&ser[i], e);
            for (int j = 0; j < s->n; j++) { /* a band is NaN where one seed has the point */
                if (s->t[j] > x1) x1 = (double)s->t[j];
                y0 = fmin(y0, axis_y(&pan[p], fmin(s->mean[j], s->lo[j])));
                y1 = fmax(y1, axis_y(&pan[p], fmax(s->mean[j], s->hi[j])));
            }
        }
    }
    *hidden = 0;
    if (!(x1 > 0) || !(y1 > y0)) return name[0];
    const double bw = ks.fixed + ks.chr * (double)longest, bh = ks.line * (k + 1);
    long hits[4] = {0};
    for (int i = 0; i < ns; i++) {
        if (ser[i].panel != p) continue;
        for (int e = -1; e < ser[i].n_seed; e++) {
            const Series *s = curve_of(&ser[i], e);
            const int w = e < 0 ? 3 : 0; /* a seed's thin line counts as a band does */
            for (int j = 0; j < s->n; j++) {
                const double x = (double)s->t[j] / x1, m = (axis_y(&pan[p], s->mean[j]) - y0) / (y1 - y0),
                             lo = (axis_y(&pan[p], fmin(s->mean[j], s->lo[j])) - y0) / (y1 - y0),
                             hi = (axis_y(&pan[p], fmax(s->mean[j], s->hi[j])) - y0) / (y1 - y0);
                const int right = x >= 1 - bw, left = x <= bw;
                const int bottom = w * (m <= bh) + (lo <= bh), top = w * (m >= 1 - bh) + (hi >= 1 - bh);
                hits[0] += right * bottom; hits[1] += left * top; hits[2] += right * top; hits[3] += left * bottom;
            }
        }
    }
    int best = 0;
    for (int c = 1; c < 4; c++)
        if (hits[c] < hits[best]) best = c;
    *hidden = hits[best];
    return name[best];
}

/* Whether every panel's key fits in a corner inside its plot without hiding a point of its curves:
 * up to KEY_INSIDE curves, and a corner free of them (else the key goes below, and the figure grows). */
static int keys_inside(const Series *ser, int ns, const Panel *pan, int np, int most, KeyScale ks) {
    if (most > KEY_INSIDE) return 0;
    for (int p = 0; p < np; p++) {
        long hidden;
        key_corner(ser, ns, pan, p, ks, &hidden);
        if (hidden) return 0;
    }
    return 1;
}

/* The plot command of panel p (its x axis first, and its y axis when the metric's is logarithmic): each
 * of its series' band and mean line (block i of data); with each_seed, its seeds' curves (the blocks after
 * it), thin and see-through, under every mean line, and no band. pairs: the key has two columns, which
 * gnuplot fills column by column, so the curves are given as 1st, 3rd, 5th, ..., then 2nd, 4th, ...: each
 * row of the key shows a pair (scorer-X, X). */
static void plot_panel(FILE *f, const char *data, const Series *ser, int ns, const Panel *pan, int p, int by_algo, int pairs) {
    plot_xtics(f, ser, ns, p);
    char band[160] = "1:3:4", line[80] = "1:2";
    if (pan[p].yfloor > 0) {
        if (pan[p].clip) { /* a log axis has no 0: values at or below it are drawn at the floor (NaN stays out) */
            const double fl = pan[p].yfloor;
            snprintf(band, sizeof band, "1:($3 <= %.9g ? %.9g : $3):($4 <= %.9g ? %.9g : $4)", fl, fl, fl, fl);
            snprintf(line, sizeof line, "1:($2 <= %.9g ? %.9g : $2)", fl, fl);
        }
        fputs("set logscale y\n", f);
    } else if (pan[p].logy) fputs("unset logscale y\n", f); /* nothing above 0 to draw on one */
    fputs("plot ", f);
    int k = 0;
    for (int i = 0, pos = 0; i < ns; i++) { /* each seed's curve, in its algorithm's colour at 35% */
        if (ser[i].panel != p) continue;
        const char *col = algo_colour(ser[i].algo, pos++, by_algo);
        if (ser[i].block < 0 || ser[i].n_seed == 0) continue;
        if (k++) fputs(", \\\n     ", f);
        plot_gp_str(f, data);
        fprintf(f, " index %d:%d using %s with lines lw 1 lc rgb '#A6%s' notitle", ser[i].block + 1, ser[i].block + ser[i].n_seed, line,
                col + 1);
    }
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0, pos = 0; i < ns; i++) {
            if (ser[i].panel != p) continue;
            const int at = pos++;
            if (pairs ? at % 2 != pass : pass) continue;
            const char *col = algo_colour(ser[i].algo, at, by_algo);
            int dashed = strncmp(ser[i].algo, "scorer-", 7) != 0;
            if (k++) fputs(", \\\n     ", f);
            if (ser[i].block < 0) /* nothing to draw (every seed failed or short): its key entry says so */
                fprintf(f, "NaN with lines lw 2 dt %d lc rgb '%s' title ", dashed ? 2 : 1, col);
            else {
                if (!ser[i].each) {
                    plot_gp_str(f, data);
                    fprintf(f, " index %d using %s with filledcurves lc rgb '%s' notitle, \\\n     ", ser[i].block, band, col);
                }
                plot_gp_str(f, data);
                fprintf(f, " index %d using %s with lines lw 2 dt %d lc rgb '%s' title ", ser[i].block, line, dashed ? 2 : 1, col);
            }
            plot_gp_str(f, ser[i].label);
        }
    }
    fputc('\n', f);
}

/* A rows x cols multiplot, one panel per environment titled with it. */
static void plot_panels(FILE *f, const char *data, const char *band, const Series *ser, int ns, const Panel *pan, int np,
                        int rows, int cols, int by_algo, int key_inside) {
    fprintf(f, "set multiplot layout %d,%d title ", rows, cols);
    plot_gp_str(f, band);
    fputc('\n', f);
    for (int p = 0; p < np; p++) {
        char title[120], steps[32];
        steps_label(pan[p].steps, steps, sizeof steps);
        if (pan[p].steps >= 0) snprintf(title, sizeof title, "%s, %s steps", pan[p].env, steps);
        else snprintf(title, sizeof title, "%s", pan[p].env);
        fputs("set title ", f); plot_gp_str(f, title); fputc('\n', f);
        long hidden;
        if (key_inside) fprintf(f, "set key %s font ',9'\n", key_corner(ser, ns, pan, p, KEY_PANEL, &hidden));
        plot_panel(f, data, ser, ns, pan, p, by_algo, 0);
    }
    fputs("unset multiplot\n", f);
}

int plot_runs(const char *const *dirs, int n_dirs, const char *prefix_in, char *err, size_t errlen) {
    return plot_runs_opts(dirs, n_dirs, &(PlotOptions){.prefix = prefix_in}, err, errlen);
}

int plot_runs_algos(const char *const *dirs, int n_dirs, const char *const *algos, int n_algos, const char *prefix_in,
                    char *err, size_t errlen) {
    return plot_runs_opts(dirs, n_dirs, &(PlotOptions){.prefix = prefix_in, .algos = algos, .n_algos = n_algos}, err, errlen);
}

/* 1 when a and b are a pair: scorer-X and X (either way round), drawn in one panel. */
static int paired(const Series *a, const Series *b) {
    if (a->panel != b->panel) return 0;
    if (!strncmp(a->algo, "scorer-", 7) && !strcmp(a->algo + 7, b->algo)) return 1;
    return !strncmp(b->algo, "scorer-", 7) && !strcmp(b->algo + 7, a->algo);
}

/* Moves ser[from] to ser[to] (to <= from), the series between one place on. */
static void move_series(Series *ser, int from, int to) {
    if (from == to) return;
    Series s = ser[from];
    memmove(&ser[to + 1], &ser[to], sizeof *ser * (size_t)(from - to));
    ser[to] = s;
}

/* Orders the series so that each scorer-X with an X in its panel (of its own folder first) is followed by it, the
 * pairs in the order of their first curve, then the curves without a pair in their order: the key's rows then hold
 * a pair each, scorer-X beside X, as plot --help promises (folders given one per algorithm, as scorer plot cp/ with a folder each,
 * came in the folders' order and paired ddqn with dqn, pqn with scorer-ddqn). */
static void order_pairs(Series *ser, int ns) {
    for (int pos = 0;;) {
        int a = -1, b = -1;
        for (int i = pos; i < ns && a < 0; i++) {
            for (int pass = 0; pass < 2 && b < 0; pass++) /* its own folder's first */
                for (int j = pos; j < ns && b < 0; j++)
                    if (j != i && (pass || ser[j].dir == ser[i].dir) && paired(&ser[i], &ser[j])) b = j;
            if (b >= 0) a = i;
        }
        if (a < 0) return;
        if (strncmp(ser[a].algo, "scorer-", 7)) { const int c = a; a = b; b = c; } /* scorer-X first */
        move_series(ser, a, pos);
        if (b < a) b++; /* it moved one place on */
        move_series(ser, b, pos + 1);
        pos += 2;
    }
}

static int named(const char *algo, const char *const *algos, int n_algos) {
    for (int i = 0; i < n_algos; i++)
        if (!strcmp(algo, algos[i])) return 1;
    return n_algos == 0;
}

/* The axis labels, grid and band style of metric m's figure. A panel's y axis is too short for a loss's
 * whole label: its label is the metric's name, the whole one in the figure's title (plot_runs_opts). */
static void gp_style(FILE *f, const Metric *m, int panels) {
    fputs("set xlabel 'timesteps'\nset ylabel ", f);
    plot_gp_str(f, panels && m != &METRICS[PLOT_RETURN] ? m->what : m->ylabel);
    fputs("\nset grid\n", f);
    if (m->logy) fputs("set format y '%g'\n", f); /* not gnuplot's '% h' on a log axis: 0.000100 */
    fputs("set style fill transparent solid 0.18 noborder\n", f);
}

int plot_runs_opts(const char *const *dirs, int n_dirs, const PlotOptions *o, char *err, size_t errlen) {
    const char *const *algos = o->algos, *prefix_in = o->prefix;
    const int n_algos = o->n_algos;
    if (n_dirs < 1) { snprintf(err, errlen, "no run folder to plot"); return PLOT_ERROR; }
    if (o->metric < 0 || o->metric >= PLOT_N_METRICS) { snprintf(err, errlen, "no metric %d to plot", o->metric); return PLOT_ERROR; }
    const Metric *m = &METRICS[o->metric];
    char prefix[1000], odir[1000], dflt[1000];
    snprintf(dflt, sizeof dflt, "%s/%s%s", dirs[0], m->file, o->each_seed ? "-seeds" : "");
    /* the folder of the outputs is made once the inputs are read: a mistyped folder is not created */
    if (prefix_split(prefix_in, dflt, prefix, sizeof prefix, odir, sizeof odir, err, errlen)) return PLOT_ERROR;
    const char *pbase = base_name(prefix);

    int max_series = n_dirs * CONFIG_MAX_ALGOS;
    Series *ser = calloc((size_t)max_series, sizeof *ser);
    if (!ser) { snprintf(err, errlen, "out of memory"); return PLOT_ERROR; }
    /* one panel per environment, in the order the folders name them */
    Panel *pan = calloc((size_t)n_dirs, sizeof *pan);
    if (!pan) { free(ser); snprintf(err, errlen, "out of memory"); return PLOT_ERROR; }
    int ns = 0, np = 0, rc = PLOT_ERROR;
    for (int d = 0; d < n_dirs; d++) {
        RunFolder r;
        if (runfolder_scan(&r, dirs[d], err, errlen)) goto out;
        Summary sum; /* which seeds failed: the table leaves them out, so does the figure; a summary.json that is
                      * damaged or cannot be read gives way to the seed CSVs, which the figure is drawn from anyway */
        const int lrc = summary_load(&sum, dirs[d], err, errlen);
        if ((lrc == -1 || lrc == -3) ? summary_load_csv(&sum, dirs[d], err, errlen) : lrc) { runfolder_free(&r); goto out; }
        int p = 0, first = ns;
        while (p < np && strcmp(pan[p].env, r.env)) p++;
        for (int k = 0; k < r.n_algos; k++) {
            if (!named(r.algo[k].algo, algos, n_algos)) continue;
            const SummaryAlgo *sa = NULL;
            for (int j = 0; j < sum.n_algos; j++) if (!strcmp(sum.algo[j].algo, r.algo[k].algo)) sa = &sum.algo[j];
            Series *sr = &ser[ns];
            snprintf(sr->algo, sizeof sr->algo, "%s", r.algo[k].algo);
            sr->metric = o->metric;
            sr->each = o->each_seed != 0;
            if (series_load(sr, &r.algo[k], sa, err, errlen)) { series_free(sr); summary_free(&sum); runfolder_free(&r); goto out; }
            if (sr->n == 0 && sr->failed + sr->few == 0) { series_free(sr); continue; } /* no rows yet */
            snprintf(sr->adir, sizeof sr->adir, "%s", r.algo[k].dir);
            sr->panel = p;
            sr->dir = d;
            ns++;
        }
        if (ns > first) { /* a folder all of whose curves are left out makes no panel */
            if (p == np) { snprintf(pan[np].env, sizeof pan[np].env, "%s", r.env); pan[np].logy = m->logy; pan[np++].steps = r.steps; }
            else if (pan[p].steps != r.steps) pan[p].steps = -1;
            pan[p].dirs++;
        }
        summary_free(&sum);
        runfolder_free(&r);
    }
    for (int i = 0; i < n_algos; i++) { /* every algorithm asked for is drawn */
        int found = 0;
        for (int j = 0; j < ns; j++) found |= !strcmp(ser[j].algo, algos[i]);
        if (!found) {
            snprintf(err, errlen, "no learning curve of %s in %s%s (leave it out of the algorithms asked for)", algos[i], dirs[0],
                     n_dirs > 1 ? " ..." : "");
            goto out;
        }
    }
    order_pairs(ser, ns);
    /* labels: what sets a curve apart where its algorithm is drawn more than once in a panel */
    for (int i = 0; i < ns; i++) {
        Series *sr = &ser[i];
        int twice = 0;
        for (int j = 0; j < ns; j++) twice |= j != i && ser[j].panel == sr->panel && !strcmp(ser[j].algo, sr->algo);
        if (twice) label_apart(ser, ns, i, dirs[sr->dir]);
        else {
            char seeds[96];
            seeds_text(sr, seeds, sizeof seeds);
            snprintf(sr->label, sizeof sr->label, "%s%s", sr->algo, seeds);
        }
    }
    int drawn = 0, failed = 0, few = 0, blocks = 0, absent = -1;
    for (int i = 0; i < ns; i++) {
        ser[i].block = ser[i].n > 0 ? blocks : -1;
        blocks += ser[i].n > 0 ? 1 + ser[i].n_seed : 0; /* its seeds' blocks follow its own */
        drawn += ser[i].seeds;
        failed += ser[i].failed;
        few += ser[i].few;
        if (ser[i].absent && absent < 0) absent = i;
    }
    if (drawn == 0) { /* why, as the reader can act on it */
        char why[1300] = "";
        const char *more = n_dirs > 1 ? " ..." : "";
        if (absent >= 0 && failed == 0) {
            const Series *s = &ser[absent];
            if (no_follower(s)) /* a baseline's one loss is its leader loss */
                snprintf(err, errlen, "no %s to draw in %s%s: %s has one network (its joint loss is the leader loss)", m->what,
                         dirs[0], more, s->algo);
            else if (s->no_column)
                snprintf(err, errlen, "no %s to draw in %s%s: the seed CSVs of %s have no %s column", m->what, dirs[0], more,
                         s->algo, m->column);
            else snprintf(err, errlen, "no %s to draw in %s%s: the seed CSVs of %s leave %s empty%s", m->what, dirs[0], more,
                          s->algo, m->column, o->metric == PLOT_EPSILON ? "" : " (no update logged)");
        } else if (failed + few && o->metric != PLOT_RETURN)
            snprintf(err, errlen, "no %s to draw in %s%s: %d seed%s failed, %d had no value of it", m->what, dirs[0], more, failed,
                     failed == 1 ? "" : "s", few);
        else if (failed + few)
            snprintf(err, errlen, "no learning curve to draw in %s%s: %d seed%s failed, %d ended fewer episodes than envs (raise total_timesteps)",
                     dirs[0], more, failed, failed == 1 ? "" : "s", few);
        else if (runfolder_progress(dirs[0], why, sizeof why) != RUNFOLDER_OVER)
            snprintf(err, errlen, "no learning curve to draw yet: a seed writes its CSV when it ends (%s)", why);
        else snprintf(err, errlen, "no learning curve to draw: the seed CSVs of %s%s have no rows", dirs[0], more);
        rc = PLOT_NOTHING;
        goto out;
    }
    int banded = 0; /* a band needs two seeds behind a point */
    for (int i = 0; i < ns; i++)
        for (int j = 0; j < ser[i].n; j++) banded |= ser[i].cnt[j] > 1;
    const char *band = !banded ? "one seed per curve: no band"
                       : o->each_seed ? "mean over seeds (thick), each seed (thin)" : "mean over seeds, band = 95% bootstrap CI of the mean";
    for (int p = 0; p < np && m->logy; p++) { /* where a log axis draws what it cannot show, 0 or below */
        double fl = INFINITY;
        for (int i = 0; i < ns; i++)
            for (int e = -1; ser[i].panel == p && e < ser[i].n_seed; e++) { /* the mean, then each seed's curve */
                const Series *s = curve_of(&ser[i], e);
                for (int j = 0; j < s->n; j++) {
                    const double v[3] = {s->mean[j], s->lo[j], s->hi[j]};
                    for (int q = 0; q < 3; q++) {
                        if (v[q] > 0 && v[q] < fl) fl = v[q];
                        pan[p].clip |= v[q] <= 0;
                    }
                }
            }
        pan[p].yfloor = isfinite(fl) ? fl : 0;
    }

    if (fileio_mkdirs(odir, err, errlen)) goto out;
    /* the data: one block per series, two blank lines apart (gnuplot's "index") */
    char path[1100];
    snprintf(path, sizeof path, "%s.dat", prefix);
    AtomicFile a;
    if (fileio_open(&a, path, err, errlen)) goto out;
    if (o->metric == PLOT_RETURN)
        fprintf(a.f, "# scorer learning curves: timesteps, mean return over seeds, band low, band high (95%% percentile\n"
                     "# bootstrap CI of the mean over seeds; nan with one seed), seeds at this point. One block per series;\n"
                     "# failed seeds left out, each seed from its row after as many episodes as envs have ended.\n");
    else
        fprintf(a.f, "# scorer curves of %s: timesteps, mean %s over seeds, band low, band high (95%% percentile\n"
                     "# bootstrap CI of the mean over seeds; nan with one seed), seeds at this point. One block per series;\n"
                     "# failed seeds left out, a seed's rows without a value (empty in its CSV) skipped.%s\n",
                m->column, m->column, m->logy ? "\n# On the log axis of the figure, a value at or below 0 is drawn at the smallest "
                                                "positive value of its panel." : "");
    if (o->each_seed)
        fprintf(a.f, "# Each series' block is followed by a block per seed drawn, headed '# LABEL: seed K': the\n"
                     "# curve of seed K alone, in the same columns (its value, nan, nan, 1).\n");
    for (int i = 0; i < ns; i++)
        if (ser[i].block < 0) fprintf(a.f, "# %s: nothing to draw, in the key alone\n", ser[i].label);
    for (int i = 0; i < ns; i++) {
        if (ser[i].block < 0) continue;
        for (int e = -1; e < ser[i].n_seed; e++) { /* its block, then each seed's */
            const Series *s = curve_of(&ser[i], e);
            if (e < 0) fprintf(a.f, "%s# %s\n", ser[i].block ? "\n\n" : "", ser[i].label);
            else fprintf(a.f, "\n\n# %s: seed %ld\n", ser[i].label, s->seed_no);
            for (int j = 0; j < s->n; j++) fprintf(a.f, "%ld %.9g %.9g %.9g %d\n", s->t[j], s->mean[j], s->lo[j], s->hi[j], s->cnt[j]);
        }
    }
    if (fileio_commit(&a, err, errlen)) goto out;

    int most = 0; /* the most curves in one panel */
    for (int p = 0; p < np; p++) {
        int k = 0;
        for (int i = 0; i < ns; i++) k += ser[i].panel == p;
        if (k > most) most = k;
    }
    /* colour by algorithm unless an algorithm appears twice in a panel (several folders of one env) */
    int by_algo = 1;
    for (int i = 0; i < ns; i++)
        for (int j = 0; j < i; j++) by_algo &= ser[i].panel != ser[j].panel || strcmp(ser[i].algo, ser[j].algo) != 0;
    snprintf(path, sizeof path, "%s.gp", prefix);
    if (fileio_open(&a, path, err, errlen)) goto out;
    FILE *f = a.f;
    char data[1100];
    snprintf(data, sizeof data, "%s.dat", pbase);
    char what[64];
    snprintf(what, sizeof what, o->metric == PLOT_RETURN ? "learning curves" : "curves of %s", m->column);
    if (np == 1) {
        /* up to KEY_INSIDE curves keep the key inside, in a corner; more go below in two columns (and
         * the figure grows by its rows), so that the key hides no curve */
        const int key_rows = keys_inside(ser, ns, pan, 1, most, KEY_ONE) ? 0 : (most + 1) / 2, h = 600 + 20 * key_rows;
        plot_gp_open_size(f, what, pbase, 1000, h);
        char title[400], steps[32] = "", steps_txt[64] = "";
        steps_label(pan[0].steps, steps, sizeof steps);
        if (pan[0].steps >= 0) snprintf(steps_txt, sizeof steps_txt, ", %s steps", steps);
        snprintf(title, sizeof title, "%s%s: %s", pan[0].env, steps_txt, band);
        fputs("set title ", f); plot_gp_str(f, title); fputc('\n', f);
        gp_style(f, m, 0);
        if (key_rows) fprintf(f, "set key outside below center vertical maxrows %d\n", key_rows);
        else {
            long hidden;
            fprintf(f, "set key %s\n", key_corner(ser, ns, pan, 0, KEY_ONE, &hidden));
        }
        plot_panel(f, data, ser, ns, pan, 0, by_algo, key_rows > 0);
        gp_close_size(f, 1000, h);
    } else { /* one panel per environment, their scales apart; the same colour for an algorithm in each */
        /* a panel is narrow: a key of more than KEY_INSIDE curves goes below it in one column */
        const int key_rows = keys_inside(ser, ns, pan, np, most, KEY_PANEL) ? 0 : most;
        const int cols = np < 3 ? np : 3, rows = (np + cols - 1) / cols, w = 520 * cols,
                  h = (380 + 16 * key_rows) * rows + 40;
        plot_gp_open_size(f, what, pbase, w, h);
        gp_style(f, m, 1);
        char title[300];
        if (o->metric == PLOT_RETURN) snprintf(title, sizeof title, "%s", band);
        else snprintf(title, sizeof title, "%s: %s", m->ylabel, band);
        /* gnuplot's multiplot leaves a key below no room of its own: it sat on the x label; a margin of
         * the tics, the label and the key's rows (in character heights) */
        if (key_rows) fprintf(f, "set key outside below center vertical maxrows %d font ',9'\nset bmargin %.1f\n", key_rows, 3.5 + key_rows);
        plot_panels(f, data, title, ser, ns, pan, np, rows, cols, by_algo, !key_rows);
        fprintf(f, "set terminal svg size %d,%d dynamic noenhanced font 'sans,11' background rgb 'white'\n"
                   "set output scorer_svg\n", w, h);
        plot_panels(f, data, title, ser, ns, pan, np, rows, cols, by_algo, !key_rows);
        fputs("unset output\n", f);
    }
    if (fileio_commit(&a, err, errlen)) goto out;
    rc = plot_render(prefix, odir, err, errlen);
out:
    for (int i = 0; i < max_series; i++) series_free(&ser[i]);
    free(ser);
    free(pan);
    return rc;
}

int plot_render(const char *prefix, const char *odir, char *err, size_t errlen) {
    const char *pbase = base_name(prefix);
    char png[1100], svg[1100];

    char gp[1100];
    snprintf(png, sizeof png, "%s.png", prefix);
    snprintf(svg, sizeof svg, "%s.svg", prefix);
    if (!find_in_path("gnuplot", gp, sizeof gp)) {
        snprintf(err, errlen, "gnuplot not found: install gnuplot-nox to draw %s; the data is in %s.dat", png, prefix);
        return PLOT_NO_GNUPLOT;
    }
    /* temporary names of this drawing's own: two drawings of one figure at once (two plots, two sweep processes)
     * each rename whole images, the last one wins (fixed names had one rename the other's, or find none) */
    char script[1100], set[2600];
    snprintf(script, sizeof script, "%s.gp", pbase);
    AtomicFile ip, is; /* the images' temporary names, removed by an exit at once (a second Ctrl-C) as other files are */
    if (fileio_track(&ip, png) || fileio_track(&is, svg)) {
        fileio_untrack(&ip);
        snprintf(err, errlen, "path too long: %s", png);
        return PLOT_ERROR;
    }
    const char *tpng = ip.tmp, *tsvg = is.tmp;
    int rc = PLOT_ERROR;
    size_t k = 0; /* scorer_png='BASE'; scorer_svg='BASE' (gnuplot runs inside odir; ' doubled in the strings) */
    for (int i = 0; i < 2; i++) {
        const char *v = base_name(i ? tsvg : tpng), *lead = i ? "; scorer_svg='" : "scorer_png='";
        for (const char *c = lead; *c && k < sizeof set - 1; c++) set[k++] = *c;
        for (const char *c = v; *c && k < sizeof set - 3; c++) {
            if (*c == '\'') set[k++] = '\'';
            set[k++] = *c;
        }
        if (k < sizeof set - 1) set[k++] = '\'';
    }
    set[k] = 0;
    if (run_gnuplot(gp, odir, set, script, err, errlen)) goto out;
    if (file_size(tpng) <= 0 || file_size(tsvg) <= 0) {
        snprintf(err, errlen, "gnuplot wrote no image for %s (see %s.gp)", prefix, prefix);
        goto out;
    }
    if (rename(tpng, png) != 0 || rename(tsvg, svg) != 0) {
        snprintf(err, errlen, "cannot rename the images to %s and %s: %s", png, svg, strerror(errno));
        goto out;
    }
    rc = PLOT_OK;
out:
    remove(tpng); /* gone already when renamed */
    remove(tsvg);
    fileio_untrack(&ip);
    fileio_untrack(&is);
    return rc;
}
