/* cmd_sweep.c - scorer sweep: plan a grid of settings as one compare run per point, and run the
 * points here, in several processes at once, or as a Slurm job array (docs/SWEEPS.md). */
#include "cli.h"
#include "scorer/shellword.h"
#include "scorer/clock.h"
#include "scorer/experiment.h"
#include "scorer/plot.h"
#include "scorer/summary.h"
#include "scorer/sweep.h"
#include "scorer/table.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void help(void) {
    printf("usage: scorer sweep --grid KEY=V1,V2,... [--grid ...] [--env NAME] [--algos A,B,...] [--seeds K]\n"
           "                    [--seed S] [--steps N] [--out DIR] [--config FILE.ini] [--set key=value ...]\n"
           "                    [--threads T] [--plan] [--dry-run] [--quiet]\n"
           "       scorer sweep --resume DIR [--task I] [--threads T] [--quiet]\n\n"
           "Runs one scorer compare for every combination of the --grid values (a point) in DIR/p000,\n"
           "DIR/p001, ... (the last --grid varies fastest), every point on the same seeds, then prints a\n"
           "table of all points and the best point of each algorithm, and draws DIR/sweep.png (the final\n"
           "return against the first --grid's values; a panel per environment when env is a --grid).\n"
           "DIR/sweep.csv holds the numbers. Options not named below are those of scorer compare (default\n"
           "algorithms scorer-dqn,dqn, 10 seeds: seeds 0 to K-1, or S to S+K-1 with --seed S) and apply to\n"
           "every point; DIR defaults to runs/<env>-sweep-<time> (runs/sweep-<time> when env is a --grid; with\n"
           "-2, -3, ... added when another sweep of the same second has it).\n\n"
           "  --grid KEY=V1,V2,...  a setting and its values (several --grid make a grid; at most %d axes,\n"
           "                        %d values each, %d points)\n"
           "  --plan                write DIR/sweep.ini and the Slurm script DIR/sweep.sbatch, run nothing\n"
           "  --dry-run             list the points and write nothing (refused as the sweep would be,\n"
           "                        its --out folder too)\n"
           "  --resume DIR          run every point of the sweep in DIR that is not finished: interrupted\n"
           "                        points continue from their checkpoints, finished ones are skipped, and\n"
           "                        points that another process is running are left to it\n"
           "  --task I              only point I (0 to points-1): what each Slurm array task runs\n"
           "  --threads T           worker threads for each point's seeds (default: one per core)\n\n"
           "Several processes can share one sweep (scorer sweep --resume DIR in each, on one machine or on\n"
           "machines sharing the folder): a lock gives each point to one of them. On a Slurm cluster:\n"
           "sbatch DIR/sweep.sbatch (one array task per point). Ctrl-C or SIGTERM checkpoints the point\n"
           "being run; --resume continues it. Results: scorer summary DIR.\n",
           SWEEP_MAX_AXES, SWEEP_MAX_VALUES, SWEEP_MAX_POINTS);
}

enum { POINT_DONE = 0, POINT_FAILED_SEEDS = 1, POINT_ERROR = 2, POINT_ELSEWHERE = 3, POINT_STOPPED = 4, POINT_DAMAGED = 5, POINT_INTERRUPTED = 130 };

/* sweep.csv, rewritten by one process at a time so the last writer has seen every finished point */
static void update_csv(const Sweep *s) {
    char err[1200], q[2100];
    int fd;
    if (sweep_lock_all(s, &fd, err, sizeof err) || sweep_write_csv(s, err, sizeof err))
        cli_warn("%s (sweep.csv not updated; scorer summary %s shows the table)", err,
                shellword_quote(q, sizeof q, s->dir));
    sweep_unlock(fd);
}

/* "  finished in 12 s: scorer-dqn 412.30 ± 50.12, dqn ..." (final return, mean ± std over seeds) */
static void point_line(const Experiment *x, double secs) {
    Summary sm;
    char err[200], ms[TABLE_CELL];
    if (summary_from_experiment(&sm, x, err, sizeof err)) return;
    if (!summary_compute(&sm, err, sizeof err)) {
        printf("  finished in %.*f s; final return", secs < 10 ? 1 : 0, secs);
        for (int k = 0; k < sm.n_algos; k++) {
            table_fmt_mean_std(ms, sizeof ms, sm.algo[k].mean, sm.algo[k].std); /* one seed: no "± -" */
            printf("%s %s %s", k ? "," : "", sm.algo[k].algo, ms);
        }
        putchar('\n');
        fflush(stdout);
    }
    summary_free(&sm);
}

static char elsewhere_holder[300]; /* who holds the last point found POINT_ELSEWHERE ("pid N on HOST") */

/* Runs (or continues) point p under its lock. */
static int run_point(const Sweep *s, int p, const ConfigPairs *extra, int quiet, const _Atomic int *stop) {
    static ConfigPairs per[CONFIG_MAX_ALGOS];
    static Experiment x;
    const ConfigPairs *pairs[CONFIG_MAX_ALGOS];
    char algos[CONFIG_MAX_ALGOS][32], dir[700], label[400], holder[300], err[1400];
    int n_algos = s->n_algos, fd;
    sweep_point_label(s, p, label, sizeof label);
    sweep_point_dir(s, p, dir, sizeof dir);
    int lk = sweep_lock(s, p, &fd, holder, sizeof holder, err, sizeof err);
    if (lk < 0) { cli_fail("%s", err); return POINT_ERROR; }
    if (lk > 0) {
        if (!quiet) printf("p%03d (%s): being run by %s: left to it\n", p, label, holder);
        snprintf(elsewhere_holder, sizeof elsewhere_holder, "%s", holder);
        return POINT_ELSEWHERE;
    }
    /* under the lock the status cannot change behind our back */
    SweepStatus st = sweep_point_status(s, p);
    if (st == SWEEP_DONE) {
        sweep_unlock(fd);
        static Summary sm; /* a finished point is one whose summary.json reads: a damaged one is not done */
        const int rc = summary_load(&sm, dir, err, sizeof err);
        if (rc == -2) { cli_fail("%s", err); return POINT_ERROR; }
        if (rc) {
            fprintf(stderr, "scorer: p%03d is %s: %s\n", p, rc == -3 ? "unreadable" : "damaged", err);
            return POINT_DAMAGED;
        }
        int failed = 0; /* its failed seeds, as the run that finished it reported them */
        for (int k = 0; k < sm.n_algos; k++)
            for (int i = 0; i < sm.algo[k].n; i++)
                if (sm.algo[k].failed[i]) {
                    fprintf(stderr, "scorer: p%03d %s seed %ld: %s\n", p, sm.algo[k].algo, sm.algo[k].seed[i],
                            sm.algo[k].error[i][0] ? sm.algo[k].error[i] : "no final return");
                    failed++;
                }
        summary_free(&sm);
        if (!quiet) printf("p%03d (%s): finished already%s\n", p, label, failed ? ", with failed seeds" : "");
        return failed ? POINT_FAILED_SEEDS : POINT_DONE;
    }
    const int resume = st == SWEEP_STARTED;
    if (resume) {
        char command[16], run_ini[800];
        snprintf(run_ini, sizeof run_ini, "%s/run.ini", dir);
        cli_warn_provenance(run_ini);
        if (experiment_resume_pairs(dir, command, algos, &n_algos, per, extra, err, sizeof err)) {
            sweep_unlock(fd);
            cli_fail("%s", err);
            return POINT_ERROR;
        }
        for (int k = 0; k < n_algos; k++) pairs[k] = &per[k];
    } else {
        sweep_point_pairs(s, p, &per[0]);
        for (int i = 0; extra && i < extra->n; i++) config_pairs_add(&per[0], extra->key[i], extra->val[i], extra->origin[i]);
        memcpy(algos, s->algos, sizeof algos);
        for (int k = 0; k < n_algos; k++) pairs[k] = &per[0];
    }
    if (!quiet) { printf("p%03d of %d (%s)%s\n", p, s->n_points, label, resume ? ": continuing from its checkpoints" : ""); fflush(stdout); }
    int progress = !quiet && isatty(2);
    double t0 = clock_seconds();
    if (experiment_run(&x, pairs, algos, n_algos, EXPERIMENT_SWEEP_POINT, progress, resume, stop, err, sizeof err)) {
        experiment_free(&x);
        sweep_unlock(fd);
        cli_fail("p%03d: %s", p, err);
        return POINT_ERROR;
    }
    if (x.n_interrupted) {
        experiment_free(&x);
        sweep_unlock(fd);
        return POINT_INTERRUPTED;
    }
    char point[8];
    snprintf(point, sizeof point, "p%03d ", p);
    if (x.n_stopped) { /* a seed stopped on an error (a checkpoint write): the point is not over */
        experiment_print_failures(&x, stderr, point);
        experiment_free(&x);
        update_csv(s);
        sweep_unlock(fd);
        return POINT_STOPPED;
    }
    if (!quiet) point_line(&x, clock_seconds() - t0);
    const char *dirs[1] = {dir};
    if (plot_runs(dirs, 1, NULL, err, sizeof err) == PLOT_ERROR) { /* the point's curves, as compare draws them */
        char what[64];
        snprintf(what, sizeof what, "p%03d: learning curves not drawn", p);
        cli_warn_redo(what, err, "plot", dir, "draws them");
    }
    experiment_print_failures(&x, stderr, point);
    for (int k = 0; k < x.n_algos; k++) {
        if (experiment_idle_note(&x, k, err, sizeof err)) cli_warn("p%03d %s", p, err);
        if (experiment_episode_note(&x, k, err, sizeof err)) cli_warn("p%03d %s", p, err);
    }
    int failed = x.n_failed;
    experiment_free(&x);
    update_csv(s);
    sweep_unlock(fd);
    return failed ? POINT_FAILED_SEEDS : POINT_DONE;
}

static int env_axis(const Sweep *s) {
    for (int i = 0; i < s->n_axes; i++)
        if (!strcmp(s->axis[i].key, "env")) return 1;
    return 0;
}

/* runs/sweep-<time>: the default folder of a sweep over environments */
static void default_dir(char *dir, size_t n) {
    char stamp[32];
    const time_t t = time(NULL);
    struct tm tmv;
    localtime_r(&t, &tmv);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tmv);
    snprintf(dir, n, "runs/sweep-%s", stamp);
}

/* A new sweep from the command line: base settings, algorithms, folder and axes. */
static int plan(Sweep *s, const RunArgs *a, const char *const *grid, int n_grid, ConfigPairs *extra, int *default_out) {
    char err[1400];
    memset(s, 0, sizeof *s);
    memcpy(s->algos, a->algos, sizeof s->algos);
    s->n_algos = a->n_algos;
    for (int i = 0; i < a->pairs.n; i++) {
        const char *k = a->pairs.key[i];
        if (!strcmp(k, "out")) { /* the sweep's folder, not a setting of its points (each gets DIR/pNNN) */
            snprintf(s->dir, sizeof s->dir, "%s", a->pairs.val[i]);
            *default_out = !strcmp(a->pairs.origin[i], "default");
        } else if (!strcmp(k, "threads")) config_pairs_add(extra, k, a->pairs.val[i], a->pairs.origin[i]);
        else if (strcmp(k, "algo")) config_pairs_add(&s->base, k, a->pairs.val[i], a->pairs.origin[i]);
    }
    if (strlen(s->dir) > 400) return cli_fail("--out: path too long for a sweep (at most 400 characters)");
    for (int i = 0; i < n_grid; i++)
        if (sweep_add_axis(s, grid[i], err, sizeof err)) return cli_fail("%s", err);
    if (*default_out && env_axis(s)) default_dir(s->dir, sizeof s->dir); /* runs/<env>-sweep-<time> would name one of its environments */
    if (!n_grid) return cli_fail("a sweep needs at least one --grid KEY=V1,V2,... (e.g. --grid follower_lr=1e-4,3e-4)");
    if (sweep_check(s, err, sizeof err)) return cli_fail("%s", err);
    provenance_here(&s->prov);
    return 0;
}

/* The warning compare gives when total_timesteps is not a multiple of num_envs, for the points after
 * p000 (cli_warn_settings gave p000's): with env or num_envs on the grid, one point's budget can be cut
 * and another's not. One line per budget and env count, naming its points. Also the schedule notes
 * (cli_warn_schedules) of each later point whose note differs from p000's, for 8 points at most. */
static void warn_steps(const Sweep *s) {
    static struct { ConfigPairs pairs; RunConfig c[CONFIG_MAX_ALGOS]; } w; /* large: not on the stack */
    enum { MAX_SEEN = 16 };
    struct { long t; int n, p0, count; char algo[32], points[80]; } seen[MAX_SEEN];
    int n_seen = 0, noted = 0, unsaid = 0; /* points whose schedule notes were said, and those left unsaid */
    enum { MAX_NOTED = 8 };
    static char first_note[CONFIG_MAX_ALGOS][600]; /* p000's schedule notes, given by cli_warn_settings */
    memset(first_note, 0, sizeof first_note);
    for (int p = 0; p < s->n_points; p++) {
        sweep_point_pairs(s, p, &w.pairs);
        if (cli_resolve_algos(&w.pairs, (char (*)[32])s->algos, s->n_algos, w.c)) continue; /* sweep_check resolved it */
        /* exploring past the run's end, at a point whose budget or schedule differs from p000's */
        if (p == 0)
            for (int k = 0; k < s->n_algos; k++) {
                if (!cli_schedule_note(&w.c[k], &w.pairs, first_note[k], sizeof first_note[k])) first_note[k][0] = 0;
            }
        else if (noted < MAX_NOTED) {
            char point[16];
            snprintf(point, sizeof point, "p%03d ", p);
            noted += cli_warn_schedules(w.c, &w.pairs, (char (*)[32])s->algos, s->n_algos, point, first_note) > 0;
        } else
            for (int k = 0, more = 0; k < s->n_algos && !more; k++) {
                char note[600];
                more = cli_schedule_note(&w.c[k], &w.pairs, note, sizeof note) && strcmp(note, first_note[k]);
                unsaid += more;
            }
        for (int k = 0; k < s->n_algos; k++) {
            const RunConfig *c = &w.c[k];
            if (!(c->total_timesteps % c->num_envs) || (k && c->num_envs == w.c[0].num_envs)) continue;
            int i = 0;
            while (i < n_seen && !(seen[i].t == c->total_timesteps && seen[i].n == c->num_envs)) i++;
            if (i == n_seen) {
                if (n_seen == MAX_SEEN) continue;
                seen[i].t = c->total_timesteps; seen[i].n = c->num_envs; seen[i].p0 = p == 0; seen[i].count = 0;
                snprintf(seen[i].algo, sizeof seen[i].algo, "%s", s->algos[k]);
                seen[i].points[0] = 0;
                n_seen++;
            }
            char me[16];
            snprintf(me, sizeof me, "p%03d", p);
            const size_t L = strlen(seen[i].points);
            if (strstr(seen[i].points, me)) continue; /* another algorithm of the same point */
            if (L + 12 < sizeof seen[i].points) snprintf(seen[i].points + L, sizeof seen[i].points - L, "%s%s", seen[i].count ? ", " : "", me);
            else if (!strstr(seen[i].points, "...")) snprintf(seen[i].points + L, sizeof seen[i].points - L, ", ...");
            seen[i].count++;
        }
    }
    if (unsaid) fprintf(stderr, "scorer: warning: and %d more point%s explore past their run's end\n", unsaid, unsaid > 1 ? "s" : "");
    for (int i = 0; i < n_seen; i++)
        if (!seen[i].p0) /* p000's: cli_warn_settings */
            fprintf(stderr, "scorer: warning: %s: total_timesteps=%ld is not a multiple of num_envs=%d: %s trains %ld timesteps per seed\n",
                    seen[i].points, seen[i].t, seen[i].n, seen[i].algo, seen[i].t / seen[i].n * seen[i].n);
}

static void dry_run(const Sweep *s) {
    char label[400], dir[700];
    printf("sweep of %d points x %d algorithm%s in %s (nothing written):\n", s->n_points, s->n_algos, s->n_algos > 1 ? "s" : "", s->dir);
    for (int p = 0; p < s->n_points; p++) {
        sweep_point_label(s, p, label, sizeof label);
        sweep_point_dir(s, p, dir, sizeof dir);
        printf("  %s  %s\n", dir, label);
    }
}

int cmd_sweep(int argc, char **argv) {
    static RunArgs a;
    static Sweep s;
    static ConfigPairs extra;
    const char **rest = calloc((size_t)argc + 1, sizeof *rest), **grid = calloc((size_t)argc + 1, sizeof *grid);
    if (!rest || !grid) { free(rest); free(grid); return cli_fail("out of memory"); }
    int n_rest = 0, n_grid = 0, plan_only = 0, rc = 0, default_out = 0;
    long task = -1;
    rest[n_rest++] = argv[0];
    for (int i = 1; i < argc && !rc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) { help(); free(rest); free(grid); return 0; }
        if (!strcmp(o, "--plan")) plan_only = 1;
        else if (!strcmp(o, "--grid") || !strcmp(o, "--task")) {
            if (cli_no_value(argc, argv, i)) { rc = cli_fail("%s needs a value (see scorer sweep --help)", o); break; }
            const char *v = argv[++i];
            if (!strcmp(o, "--grid")) grid[n_grid++] = v;
            else {
                if (cli_parse_long(v, 0, SWEEP_MAX_POINTS - 1, &task)) rc = cli_fail("--task %s: give a point number from 0 (see DIR/sweep.ini for the count)", v);
            }
        } else rest[n_rest++] = o;
    }
    if (!rc) rc = cli_parse_run_args(n_rest, (char **)rest, "sweep", &a);
    free(rest);
    if (rc) { free(grid); return rc; }
    memset(&extra, 0, sizeof extra);
    if (!a.resume[0]) {
        if (task >= 0) rc = cli_fail("--task runs one point of a planned sweep: give it with --resume DIR");
        else rc = plan(&s, &a, grid, n_grid, &extra, &default_out);
        free(grid);
        if (rc) return rc;
        char err[1400], bin[64];
        /* a folder the sweep would refuse is refused first, so that the refusal is the one line said (its
         * default folder is its own, made by it: nothing to check) */
        if (!default_out && sweep_check_dir(&s, err, sizeof err)) return cli_fail("%s", err);
        static ConfigPairs first; /* point 0: the base settings and one value of each axis */
        sweep_point_pairs(&s, 0, &first);
        cli_warn_settings(&first, s.algos, s.n_algos);
        warn_steps(&s);
        if (a.dry_run) {
            dry_run(&s);
            return 0;
        }
        snprintf(bin, sizeof bin, "/proc/self/exe");
        int threads = extra.n ? atoi(extra.val[extra.n - 1]) : 0, jobs = s.n_algos;
        for (int i = 0; i < s.base.n; i++) if (!strcmp(s.base.key[i], "num_seeds")) jobs = s.n_algos * atoi(s.base.val[i]);
        /* runs/<env>-sweep-<time> is the sweep's own: taken (another that second), the next free -2, -3, ... */
        if (default_out && (rc = cli_claim_out(s.dir, sizeof s.dir))) return rc;
        if (sweep_write(&s, err, sizeof err)) {
            static const char *const made[] = {"locks"}; /* sweep_write's; sweep.ini is its last file */
            if (default_out) cli_unclaim_out(s.dir, made, 1);
            return cli_fail("%s", err);
        }
        const int have_script = sweep_write_sbatch(&s, bin, threads > 0 ? threads : jobs < 4 ? jobs : 4, err, sizeof err) == 0;
        char q[2100], script[2200];
        if (!have_script)
            cli_warn("%s; no Slurm script is written (%s%s)", err,
                    plan_only ? "run the points with scorer sweep --resume " : "the sweep runs here all the same",
                    plan_only ? shellword_quote(q, sizeof q, s.dir) : "");
        snprintf(script, sizeof script, "%s/sweep.sbatch", s.dir);
        const char *qscript = shellword_quote(q, sizeof q, script);
        const size_t parts_len = sweep_sbatch_parts_len(&s, qscript);
        char *parts = malloc(parts_len);
        if (!parts) return cli_fail("out of memory");
        const int n_parts = sweep_sbatch_parts(&s, qscript, parts, parts_len);
        if (plan_only && have_script && n_parts > 1) /* Slurm's default MaxArraySize refuses indices past 1000 */
            fprintf(stderr, "scorer: warning: %d points are more than one array of a default Slurm takes (MaxArraySize 1001, indices 0 "
                            "to %d): sweep.sbatch runs points 0 to %d; submit all %d parts (its comments say how): %s\n",
                    s.n_points, SWEEP_SLURM_MAX_INDEX, SWEEP_SLURM_PART - 1, n_parts, parts);
        const char *qdir = shellword_quote(q, sizeof q, s.dir);
        if (!a.quiet && plan_only)
            printf("planned %d points in %s; run them with: scorer sweep --resume %s%s%s%s\n", s.n_points, s.dir, qdir,
                   have_script ? "   (on Slurm: " : "", have_script ? parts : "", have_script ? ")" : "");
        else if (!a.quiet)
            printf("planned %d points in %s (after an interruption: scorer sweep --resume %s)\n", s.n_points, s.dir, qdir);
        free(parts);
        if (plan_only) return 0;
    } else {
        free(grid);
        if (n_grid || plan_only) return cli_fail("--resume continues a planned sweep: only --task, --threads and --quiet may be given with it");
        char err[1400];
        if (sweep_load(&s, a.resume, err, sizeof err)) return cli_fail("%s", err);
        extra = a.pairs; /* --threads */
        Provenance here;
        provenance_here(&here);
        const char *d = s.prov.version[0] ? provenance_differs(&s.prov, &here) : NULL;
        if (d)
            fprintf(stderr, "scorer: warning: the sweep was planned with another %s (%s; now %s): points run by different builds may not compare bit for bit\n",
                    d, provenance_field(&s.prov, d), provenance_field(&here, d));
        if (task >= s.n_points) return cli_fail("--task %ld: the sweep in %s has %d points (0 to %d)", task, s.dir, s.n_points, s.n_points - 1);
    }
    const int no_ckpt = cli_checkpoints_off(&s.base); /* in the base settings */
    if (no_ckpt && !a.resume[0]) cli_warn_no_checkpoints("sweep");
    char q_at[2100], at_once[2400], again_at[40] = "";
    if (task >= 0) snprintf(again_at, sizeof again_at, " --task %ld", task);
    const char *qdir_at = shellword_quote(q_at, sizeof q_at, s.dir);
    if (no_ckpt)
        snprintf(at_once, sizeof at_once, "no checkpoint was written (checkpoint_every = -1), so scorer sweep --resume %s%s starts "
                 "the point's seeds over", qdir_at, again_at);
    else
        snprintf(at_once, sizeof at_once, "the checkpoints written before remain in the point's folder (continue from them with: "
                 "scorer sweep --resume %s%s)", qdir_at, again_at);
    const _Atomic int *stop = cli_catch_stop(no_ckpt ? "no checkpoints (checkpoint_every = -1)" : "writing checkpoints", at_once);
    int first = task >= 0 ? (int)task : 0, last = task >= 0 ? (int)task : s.n_points - 1;
    int failed = 0, elsewhere = 0, damaged = 0;
    char failed_at[200] = ""; /* the points with failed seeds: "p001, p004" */
    for (int p = first; p <= last; p++) {
        int r = atomic_load(stop) ? POINT_INTERRUPTED : run_point(&s, p, &extra, a.quiet, stop);
        if (r == POINT_ERROR) return 2; /* as compare: a setup error or an unreadable checkpoint */
        if (r == POINT_INTERRUPTED) {
            char again[40] = "";
            if (task >= 0) snprintf(again, sizeof again, " --task %ld", task);
            char q[2100];
            if (no_ckpt)
                fprintf(stderr, "scorer: interrupted at p%03d; no checkpoint was written (checkpoint_every = -1), so scorer sweep "
                                "--resume %s%s starts its seeds over\n", p, shellword_quote(q, sizeof q, s.dir), again);
            else
                fprintf(stderr, "scorer: interrupted at p%03d; its checkpoints are in its folder (continue with: scorer sweep --resume %s%s)\n", p,
                        shellword_quote(q, sizeof q, s.dir), again);
            update_csv(&s); /* the point shows as started there too */
            return 130;
        }
        if (r == POINT_STOPPED) {
            char q[2100];
            char again[40] = "";
            if (task >= 0) snprintf(again, sizeof again, " --task %ld", task);
            fprintf(stderr, "scorer: p%03d is not over: fix the error above, then continue with scorer sweep --resume %s%s\n", p,
                    shellword_quote(q, sizeof q, s.dir), again);
            return 1;
        }
        if (r == POINT_FAILED_SEEDS && strlen(failed_at) < sizeof failed_at - 16)
            snprintf(failed_at + strlen(failed_at), sizeof failed_at - strlen(failed_at), "%sp%03d", failed ? ", " : "", p);
        else if (r == POINT_FAILED_SEEDS && !strstr(failed_at, "..."))
            strcat(failed_at, ", ...");
        failed += r == POINT_FAILED_SEEDS;
        elsewhere += r == POINT_ELSEWHERE;
        damaged += r == POINT_DAMAGED;
    }
    if (task < 0) update_csv(&s); /* statuses of points left to others */
    if (task < 0) {
        int not_done = 0;
        for (int p = 0; p < s.n_points; p++) not_done += sweep_point_status(&s, p) != SWEEP_DONE;
        if (!a.quiet && sweep_print_table(&s, stdout, NULL, NULL, 0) < 0)
            cli_warn_redo("the table is not shown", "out of memory", "summary", s.dir, "shows it");
        /* the figure once every point is in, as compare draws its curves; scorer plot DIR draws it at any time */
        char err[1400];
        const int prc = not_done ? PLOT_OK : sweep_plot(&s, NULL, err, sizeof err);
        if (prc == PLOT_ERROR) cli_warn_redo("the sweep's figure is not drawn", err, "plot", s.dir, "draws it");
        else if (!not_done && prc == PLOT_OK && !a.quiet) printf("figure: %s/sweep.png, %s/sweep.svg\n", s.dir, s.dir);
    }
    char q_end[2100];
    if (elsewhere && task >= 0) {
        fprintf(stderr, "scorer: p%03ld is being run by another process (%s; not started twice)\n", task, elsewhere_holder);
        return 1;
    }
    if (failed)
        fprintf(stderr, "scorer: %d point%s had failed seeds: %s (never chosen as best; the lines above say why, "
                        "as does scorer summary %s)\n", failed, failed > 1 ? "s" : "", failed_at, shellword_quote(q_end, sizeof q_end, s.dir));
    return failed || damaged ? 1 : 0;
}
