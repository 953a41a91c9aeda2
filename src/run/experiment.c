/* experiment.c - (algorithm, seed) jobs on worker threads, progress, run-folder outputs. */
#include "scorer/clock.h"
#include "scorer/shellword.h"
#include "scorer/experiment.h"
#include "scorer/checkpoint.h"
#include "scorer/fileio.h"
#include "scorer/runfolder.h"
#include <dirent.h>
#include <errno.h>
#include <cblas.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct Pool {
    Experiment *x;
    ProgressSlot *slots;
    _Atomic int next;
    int n_jobs;
    int resume;
    const _Atomic int *stop;
} Pool;

/* DIR or DIR/<algo>: where algorithm k's files go */
static void algo_dir(const Experiment *x, int k, char *dir, size_t n) {
    if (x->nested) snprintf(dir, n, "%s/%s", x->cfg[k].out, x->cfg[k].algo);
    else snprintf(dir, n, "%s", x->cfg[k].out);
}

static void *worker(void *arg) {
    Pool *p = arg;
    Experiment *x = p->x;
    const int S = x->base.num_seeds;
    for (;;) {
        int j = atomic_fetch_add(&p->next, 1);
        if (j >= p->n_jobs) break;
        const RunConfig *c = &x->cfg[j / S];
        const long seed = c->seed + j % S;
        char dir[1100], ckpt[1200], csv[1200], err[256];
        algo_dir(x, j / S, dir, sizeof dir);
        snprintf(ckpt, sizeof ckpt, "%s/ckpt/seed_%ld.ckpt", dir, seed);
        snprintf(csv, sizeof csv, "%s/seed_%ld.csv", dir, seed);
        TrainCtl ctl = {.ckpt_path = ckpt, .csv_path = csv, .resume = p->resume, .stop = p->stop};
        SeedResult *r = &x->results[j];
        if (p->stop && atomic_load(p->stop)) { /* stopped before this seed began: nothing to save */
            memset(r, 0, sizeof *r);
            snprintf(r->algo, sizeof r->algo, "%s", c->algo);
            r->seed = seed;
            r->interrupted = 1;
        } else train_seed(c, seed, r, &p->slots[j], &ctl);
        /* a finished seed's CSV is written at once, so results survive a later interruption */
        if (!r->interrupted && r->curve.n > 0) {
            if (seed_result_write_csv(r, csv, err, sizeof err) && !r->failed) {
                r->failed = 1;
                snprintf(r->error, sizeof r->error, "%s", err);
            }
        }
        /* done_at only while done is unset (train_seed sets both when it trains): the display reads it after */
        if (!atomic_load(&p->slots[j].done)) p->slots[j].done_at = clock_seconds();
        atomic_store(&p->slots[j].done, 1);
    }
    return NULL;
}

static void fmt_count(char *b, size_t n, double v) {
    if (v >= 1e6) snprintf(b, n, "%.2fM", v / 1e6);
    else if (v >= 1e3) snprintf(b, n, "%.1fk", v / 1e3);
    else snprintf(b, n, "%.0f", v);
}

/* The live line: steps of every seed, started or queued, against all they will train; SPS and ETA from the
 * steps trained by this process (a resumed seed's earlier steps were not); each algorithm's recent return
 * over its started seeds. T seeds train at once. */
static void show_progress(const Experiment *x, ProgressSlot *slots, int n_jobs, int T, double t0, int final) {
    const int S = x->base.num_seeds;
    double steps = 0, total = 0, trained = 0;
    for (int j = 0; j < n_jobs; j++) {
        const RunConfig *c = &x->cfg[j / S];
        const long st = atomic_load(&slots[j].steps);
        /* a seed that ended (a diverged one early, one that could not start at 0) has no more steps to come */
        if (atomic_load(&slots[j].done)) total += (double)st;
        else total += (double)(c->total_timesteps / c->num_envs * c->num_envs); /* train_seed's iterations times N */
        if (atomic_load(&slots[j].total) <= 0) continue; /* queued */
        steps += (double)st;
        trained += (double)(st - atomic_load(&slots[j].start));
    }
    if (total <= 0) return;
    double end = clock_seconds();
    if (final) { /* the last seed's end, not this poll's (up to 250 ms later): a short run's true SPS */
        end = t0;
        for (int j = 0; j < n_jobs; j++) if (slots[j].done_at > end) end = slots[j].done_at;
    }
    double el = end - t0, sps = el > 0 ? trained / el : 0;
    char a[32], b[32], s[32], line[512];
    fmt_count(a, sizeof a, steps); fmt_count(b, sizeof b, total); fmt_count(s, sizeof s, sps);
    /* the running seeds' sum: the table after it gives each seed's own SPS */
    char together[40] = "";
    if (T > 1) snprintf(together, sizeof together, " (%d seeds at once)", T);
    int n = snprintf(line, sizeof line, "\r%s/%s steps | %s SPS%s | return", a, b, s, together);
    for (int k = 0; k < x->n_algos && n < (int)sizeof line - 64; k++) {
        double r = 0;
        int m = 0;
        for (int i = 0; i < S; i++)
            if (atomic_load(&slots[k * S + i].total) > 0) { r += atomic_load(&slots[k * S + i].recent_return); m++; }
        if (m) n += snprintf(line + n, sizeof line - (size_t)n, " %s %.1f", x->cfg[k].algo, r / m);
        else n += snprintf(line + n, sizeof line - (size_t)n, " %s -", x->cfg[k].algo);
    }
    if (n < (int)sizeof line - 32) {
        if (sps > 0) {
            const double eta = (total - steps) / sps;
            snprintf(line + n, sizeof line - (size_t)n, " | ETA %d:%02d ", (int)eta / 60, (int)eta % 60);
        } else snprintf(line + n, sizeof line - (size_t)n, " | ETA - ");
    }
    fputs(line, stderr);
    if (final) fputc('\n', stderr);
    fflush(stderr);
}

/* Each algorithm's resolved configuration, then the run manifest, written before training so an
 * interrupted run can be resumed from the folder alone. The manifest comes last: it marks the folder as
 * holding a run to resume, so a run that could not write a configuration (a full disk) is not one, and
 * the same command starts it again once there is room. */
static int write_run_files(const Experiment *x, char *err, size_t errlen) {
    char dir[1100], path[1200];
    AtomicFile a;
    for (int k = 0; k < x->n_algos; k++) {
        algo_dir(x, k, dir, sizeof dir);
        if (x->cfg[k].checkpoint_every < 0) snprintf(path, sizeof path, "%s", dir); /* none written: no empty ckpt/ */
        else snprintf(path, sizeof path, "%s/ckpt", dir);
        if (fileio_mkdirs(path, err, errlen)) return -1;
        snprintf(path, sizeof path, "%s/config.ini", dir);
        if (fileio_open(&a, path, err, errlen)) return -1;
        config_write(&x->cfg[k], a.f);
        if (fileio_commit(&a, err, errlen)) return -1;
    }
    snprintf(path, sizeof path, "%s/run.ini", x->base.out);
    if (fileio_open(&a, path, err, errlen)) return -1;
    char q[2100];
    fprintf(a.f, "# scorer run manifest: resume with  scorer %s --resume %s\ncommand = %s\nalgos = ",
            x->nested ? "compare" : "train", shellword_quote(q, sizeof q, x->base.out), x->nested ? "compare" : "train");
    for (int k = 0; k < x->n_algos; k++) fprintf(a.f, "%s%s", k ? "," : "", x->cfg[k].algo);
    fputs("\n# the build and machine that started it (a resume with another may not be bit-identical)\n", a.f);
    provenance_write_ini(&x->prov, a.f);
    return fileio_commit(&a, err, errlen);
}

/* 1 when dir holds a seed's CSV (seed_<k>.csv) or a checkpoint, itself or in dir/ckpt. */
static int holds_seeds(const char *dir) {
    char path[PATH_MAX + 64];
    int found = 0;
    for (int pass = 0; pass < 2 && !found; pass++) {
        snprintf(path, sizeof path, pass ? "%s/ckpt" : "%s", dir);
        DIR *d = opendir(path);
        if (!d) continue;
        for (struct dirent *e; !found && (e = readdir(d));) {
            const size_t n = strlen(e->d_name);
            found = (n > 5 && !strcmp(e->d_name + n - 5, ".ckpt")) ||
                    (!pass && !strncmp(e->d_name, "seed_", 5) && n > 9 && !strcmp(e->d_name + n - 4, ".csv"));
        }
        closedir(d);
    }
    return found;
}

int experiment_config_complete(const ConfigPairs *p, const char *path, char *err, size_t errlen) {
    static const char *const keys[] = {"env", "algo", "total_timesteps", "seed"};
    for (int k = 0; k < 4; k++) {
        int found = 0;
        for (int i = 0; i < p->n && !found; i++) found = !strcmp(p->key[i], keys[k]);
        if (!found) {
            snprintf(err, errlen, "%s has no %s: it is not the configuration a run writes, which names every setting "
                     "(restore it from a copy of the run)", path, keys[k]);
            return -1;
        }
    }
    return 0;
}

/* The real path of the folder nearest above out that exists (out's parent when out exists), into real
 * (PATH_MAX): "a/.." and links are resolved, and a folder yet to be made is judged by where it will be. */
static int existing_above(const char *out, char *real) {
    char buf[1200];
    snprintf(buf, sizeof buf, "%s", out);
    for (int own = 1;; own = 0) {
        size_t n = strlen(buf);
        while (n > 1 && buf[n - 1] == '/') buf[--n] = 0;
        if (realpath(buf, real)) {
            if (own) fileio_up(real); /* out itself exists: start above it (realpath's answer is absolute) */
            return 0;
        }
        if (!strcmp(buf, ".")) return -1;
        fileio_up(buf);
    }
}

int experiment_check_out(const char *out, char subdirs[][32], int n_subdirs, int sweep_point, char *err, size_t errlen) {
    char path[PATH_MAX + 32], qbuf[2100];
    const char *qout = shellword_quote(qbuf, sizeof qbuf, out);
    struct stat st;
    snprintf(path, sizeof path, "%s/sweep.ini", out);
    if (stat(path, &st) == 0) {
        snprintf(err, errlen, "%s holds a sweep (scorer summary %s shows it; choose another folder)", out, qout);
        return -1;
    }
    /* every folder above: a run's (its algorithm folders, their ckpt/, ...) or a sweep's (its points are
     * its own: only the sweep runs them) */
    static _Thread_local char above[PATH_MAX];
    if (existing_above(out, above) == 0) {
        for (int first = 1;; first = 0) {
            static const char *const marks[] = {"run.ini", "summary.json", "sweep.ini"};
            for (int i = 0; i < 3; i++) {
                if (i == 2 && sweep_point && first) continue; /* the sweep's own point */
                if (i == 1 && !first) continue; /* summary.json is a common name: higher up, a run has its manifest */
                snprintf(path, sizeof path, "%s/%s", strcmp(above, "/") ? above : "", marks[i]);
                if (stat(path, &st) != 0) continue;
                char q[2100];
                snprintf(err, errlen, "%s is inside the %s %s, whose folders hold its own files (choose another folder)", out,
                         i == 2 ? "sweep" : "run", shellword_quote(q, sizeof q, above));
                return -1;
            }
            if (!strcmp(above, "/")) break;
            fileio_up(above); /* absolute: realpath's */
        }
    }
    /* a folder of runs (runs/ itself): the run's files would land among them, and scorer summary on its
     * folders then takes them for a run of their own. Other files (a Slurm log, notes) are no reason to refuse */
    DIR *d = opendir(out);
    int n_runs = 0;
    char first[256] = "";
    for (struct dirent *e; d && (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(path, sizeof path, "%s/%s", out, e->d_name);
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode) || !runfolder_holds_run(path)) continue;
        if (!n_runs++ || strcmp(e->d_name, first) < 0) snprintf(first, sizeof first, "%.255s", e->d_name); /* the first by name */
    }
    if (d) closedir(d);
    if (n_runs) {
        int L = (int)strlen(out);
        while (L > 0 && out[L - 1] == '/') L--; /* "runs/" names its folders runs/a, "/" its /a */
        snprintf(err, errlen, "%s holds other runs (%d run folder%s, such as %.*s/%s): choose another folder, e.g. %.*s/NAME", out,
                 n_runs, n_runs > 1 ? "s" : "", L, out, first, L, out);
        return -1;
    }
    for (int k = -1; k < n_subdirs; k++) {
        if (k >= 0) snprintf(path, sizeof path, "%s/%s", out, subdirs[k]);
        else snprintf(path, sizeof path, "%s", out);
        if (holds_seeds(path)) {
            snprintf(err, errlen, "%s holds seed results but no run.ini, so it cannot be resumed (choose another folder, "
                     "or move them away)", path);
            return -1;
        }
    }
    return 0;
}

int experiment_check_folder(const char *out, char algos[][32], int n_algos, int nested, int resume, char *err, size_t errlen) {
    if (!out[0]) { snprintf(err, errlen, "no run folder: out is empty (set it to the run's folder)"); return -1; }
    /* refuse to overwrite a finished run: results are never lost */
    char probe[1100];
    struct stat st;
    char q[2100];
    const char *qout = shellword_quote(q, sizeof q, out); /* the folder in the commands suggested */
    snprintf(probe, sizeof probe, "%s/summary.json", out);
    if (stat(probe, &st) == 0) {
        snprintf(err, errlen, resume ? "%s already holds a finished run (scorer summary %s shows it)"
                                     : "%s already holds a finished run (choose another folder or remove it)", out, qout);
        return -1;
    }
    snprintf(probe, sizeof probe, "%s/run.ini", out);
    if (resume && stat(probe, &st) != 0) {
        snprintf(err, errlen, "cannot resume %s: no run.ini there (give the folder of a run started by scorer train or compare)", out);
        return -1;
    }
    if (!resume && stat(probe, &st) == 0) {
        snprintf(probe, sizeof probe, "%s/run.lock", out);
        char holder[300];
        if (fileio_locked(probe, holder, sizeof holder)) /* not unfinished: under way */
            snprintf(err, errlen, "%s is in use by another scorer (%s): wait for it to finish, or choose another folder", out, holder);
        else
            snprintf(err, errlen, "%s holds an unfinished run (continue it by resuming %s, or choose another folder)", out, qout);
        return -1;
    }
    if (!resume && experiment_check_out(out, algos, nested ? n_algos : 0, nested == EXPERIMENT_SWEEP_POINT, err, errlen))
        return -1;
    return fileio_check_dirs(out, err, errlen); /* a file where the folder is to be: before the folder is made */
}

/* The seed's own checkpoint, refused under the settings of dir/config.ini (CKPT_OTHER_CONFIG): that file was
 * edited since, most likely. Said so, and the way back, instead of the checkpoint's message. */
static void other_config(const char *dir, const char *ckpt, const RunConfig *c, long seed, int nested, char *err, size_t errlen) {
    char detail[300], ini[1300], q[2100], rerun[2200] = "";
    snprintf(ini, sizeof ini, "%s/config.ini", dir);
    if (!ckpt_config_detail(ckpt, c, seed, detail, sizeof detail) || !detail[0])
        snprintf(detail, sizeof detail, "which setting, the checkpoint cannot say: it holds a hash of the configuration");
    if (!nested) snprintf(rerun, sizeof rerun, " (scorer train --config %s)", shellword_quote(q, sizeof q, ini));
    snprintf(err, errlen, "%s differs from the configuration %s was written with (%s): was it edited? restore the "
             "settings the checkpoint was written with, or start a new run with the new ones%s", ini, ckpt, detail, rerun);
}

int experiment_run(Experiment *x, const ConfigPairs *const *pairs, char algos[][32], int n_algos, int nested,
                   int progress, int resume, const _Atomic int *stop, char *err, size_t errlen) {
    memset(x, 0, sizeof *x);
    if (n_algos < 1 || n_algos > CONFIG_MAX_ALGOS) { snprintf(err, errlen, "give between 1 and %d algorithms", CONFIG_MAX_ALGOS); return -1; }
    if (!algos) { snprintf(err, errlen, "experiment_run needs the algorithms' names (algos is NULL)"); return -1; }
    for (int k = 0; k < n_algos; k++)
        if (!pairs || !pairs[k]) { /* each algorithm's settings hold at least its run's out */
            snprintf(err, errlen, "experiment_run needs the settings of each algorithm (pairs[%d] is NULL: give a ConfigPairs with out)", k);
            return -1;
        }
    if (!nested && n_algos > 1) { /* their files would have the same names */
        snprintf(err, errlen, "a flat run folder (nested = 0, as train writes) holds one algorithm: give nested = 1 for %d", n_algos);
        return -1;
    }
    if (config_resolve_as(&x->base, pairs[0], algos[0], err, errlen)) return -1;
    for (int k = 0; k < n_algos; k++) {
        x->cfg[k] = x->base;
        if (config_for_algo(&x->cfg[k], algos[k], pairs[k], err, errlen)) return -1;
        if (strcmp(x->cfg[k].env, x->base.env) || x->cfg[k].num_seeds != x->base.num_seeds ||
            x->cfg[k].seed != x->base.seed || strcmp(x->cfg[k].out, x->base.out)) {
            snprintf(err, errlen, "the configurations of %s and %s disagree on env, seeds or out (edit their config.ini)", algos[0], algos[k]);
            return -1;
        }
        for (int j = 0; j < k; j++)
            if (!strcmp(algos[j], algos[k])) { snprintf(err, errlen, "algorithm %s is listed twice", algos[k]); return -1; }
    }
    x->n_algos = n_algos;
    x->nested = nested != 0;
    x->progress = progress;
    if (experiment_check_folder(x->base.out, algos, n_algos, nested, resume, err, errlen)) return -1;
    if (fileio_mkdirs(x->base.out, err, errlen)) return -1;
    char probe[1100];
    struct stat st;
    char q[2100];
    const char *qout = shellword_quote(q, sizeof q, x->base.out); /* the folder in the commands suggested */
    /* one process per run folder: two resuming (or starting) the same seeds would overwrite each other */
    char holder[300];
    snprintf(probe, sizeof probe, "%s/run.lock", x->base.out);
    int held = fileio_lock(probe, 0, &x->lock_fd, holder, sizeof holder, err, errlen);
    if (held < 0) return -1;
    if (held > 0) { /* a resume continues this folder: another one is no way out */
        snprintf(err, errlen, resume ? "%s is in use by another scorer (%s): wait for it to finish"
                                     : "%s is in use by another scorer (%s): wait for it to finish, or choose another folder",
                 x->base.out, holder);
        return -1;
    }
    x->locked = 1;
    snprintf(probe, sizeof probe, "%s/run.ini", x->base.out);
    if (!resume && stat(probe, &st) == 0) { /* started by another process since the look above */
        snprintf(err, errlen, "%s holds an unfinished run (continue it by resuming %s, or choose another folder)", x->base.out, qout);
        return -1;
    }
    /* check the folder is writable before hours of training */
    snprintf(probe, sizeof probe, "%s/.write-test", x->base.out);
    AtomicFile a;
    if (fileio_open(&a, probe, err, errlen)) return -1;
    if (fileio_commit(&a, err, errlen)) return -1;
    remove(probe);
    if (resume) {
        /* the build that started the run, and this one when it differs (the CLI has already warned) */
        Provenance here;
        char why[PROVENANCE_MSG];
        snprintf(probe, sizeof probe, "%s/run.ini", x->base.out);
        if (provenance_check_resume(probe, &x->prov, &here, why, sizeof why) || !x->prov.version[0]) x->resumed_by = here;
        /* refuse a checkpoint that a seed's resume would refuse (damaged, another run's, wrong shapes or
         * values) before any seed trains: afterwards the others would finish and close the run */
        for (int j = 0; j < n_algos * x->base.num_seeds; j++) {
            char dir[1100], ckpt[1200];
            const int k = j / x->base.num_seeds;
            const long seed = x->base.seed + j % x->base.num_seeds;
            algo_dir(x, k, dir, sizeof dir);
            snprintf(ckpt, sizeof ckpt, "%s/ckpt/seed_%ld.ckpt", dir, seed);
            const int crc = access(ckpt, F_OK) == 0 ? train_check_resume(&x->cfg[k], seed, ckpt, NULL, err, errlen) : 0;
            if (crc == CKPT_OTHER_CONFIG) other_config(dir, ckpt, &x->cfg[k], seed, x->nested, err, errlen);
            if (crc) return -1;
        }
    } else {
        provenance_here(&x->prov);
        if (write_run_files(x, err, errlen)) return -1;
    }

    const int S = x->base.num_seeds, n_jobs = n_algos * S;
    x->results = calloc((size_t)n_jobs, sizeof(SeedResult));
    ProgressSlot *slots = calloc((size_t)n_jobs, sizeof(ProgressSlot));
    if (!x->results || !slots) { free(slots); snprintf(err, errlen, "out of memory"); return -1; }
    int T = x->base.threads > 0 ? x->base.threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (T < 1) T = 1;
    if (T > n_jobs) T = n_jobs;
    const int blas_threads = openblas_get_num_threads(); /* the caller's, given back at the end */
    openblas_set_num_threads(1); /* parallelism is across seeds; one BLAS thread each */
    Pool pool = {.x = x, .slots = slots, .n_jobs = n_jobs, .resume = resume, .stop = stop};
    atomic_init(&pool.next, 0);
    pthread_t *th = calloc((size_t)T, sizeof(pthread_t));
    if (!th) { openblas_set_num_threads(blas_threads); free(slots); snprintf(err, errlen, "out of memory"); return -1; }
    double t0 = clock_seconds();
    int started = 0;
    for (; started < T; started++)
        if (pthread_create(&th[started], NULL, worker, &pool) != 0) break;
    if (started == 0) worker(&pool); /* no threads available: run inline */
    if (progress && started > 0) {
        for (;;) {
            int all = 1;
            for (int j = 0; j < n_jobs; j++) all &= atomic_load(&slots[j].done);
            show_progress(x, slots, n_jobs, T, t0, all);
            if (all) break;
            struct timespec ts = {0, 250000000};
            nanosleep(&ts, NULL);
        }
    }
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    free(th);
    openblas_set_num_threads(blas_threads);
    free(slots);
    for (int j = 0; j < n_jobs; j++) {
        const SeedResult *r = &x->results[j];
        x->n_failed += r->failed;
        x->n_interrupted += r->interrupted;
        x->n_stopped += r->failed && r->diverged_at < 0; /* a checkpoint write, memory: not the learning's fault */
    }
    /* no summary: the run is not over (a summary would close it to --resume) */
    if (x->n_interrupted || x->n_stopped) return 0;
    /* learning-curve plots are drawn by the CLI after this returns (cmd_train.c) */
    return experiment_write_summary(x, err, errlen);
}

int experiment_resume_pairs(const char *dir, char command[16], char algos[][32], int *n_algos, ConfigPairs *per,
                            const ConfigPairs *extra, char *err, size_t errlen) {
    char path[1200], list[600];
    snprintf(path, sizeof path, "%s/run.ini", dir);
    if (access(path, F_OK) != 0) {
        char q[2100];
        snprintf(path, sizeof path, "%s/sweep.ini", dir);
        if (access(path, F_OK) == 0) /* the sweep's points are run folders, continued by the sweep */
            snprintf(err, errlen, "cannot resume %s: it is a sweep (continue it with scorer sweep --resume %s)", dir,
                     shellword_quote(q, sizeof q, dir));
        else
            snprintf(err, errlen, "cannot resume %s: no run.ini there (give the folder of a run started by scorer train or compare)", dir);
        return -1;
    }
    int got = fileio_ini_get(path, "command", list, sizeof list);
    if (got < 0) { snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno)); return -1; }
    if (!got || (strcmp(list, "train") && strcmp(list, "compare"))) {
        snprintf(err, errlen, "%s is damaged (no command line; the run cannot be resumed)", path);
        return -1;
    }
    snprintf(command, 16, "%.15s", list);
    if ((got = fileio_ini_get(path, "algos", list, sizeof list)) < 0) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    if (!got) list[0] = 0;
    *n_algos = 0;
    for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (*n_algos == CONFIG_MAX_ALGOS || strlen(tok) >= 32 || !config_algo_known(tok)) {
            snprintf(err, errlen, "%s is damaged (algos names an unknown algorithm or too many; the run cannot be resumed)", path);
            return -1;
        }
        strcpy(algos[(*n_algos)++], tok);
    }
    if (!*n_algos || (!strcmp(command, "train") && *n_algos != 1)) {
        snprintf(err, errlen, "%s is damaged (algos does not fit its command; the run cannot be resumed)", path);
        return -1;
    }
    for (int k = 0; k < *n_algos; k++) {
        if (!strcmp(command, "compare")) snprintf(path, sizeof path, "%s/%s/config.ini", dir, algos[k]);
        else snprintf(path, sizeof path, "%s/config.ini", dir);
        memset(&per[k], 0, sizeof per[k]);
        if (config_pairs_load(&per[k], path, err, errlen) || experiment_config_complete(&per[k], path, err, errlen)) return -1;
        if (config_pairs_add(&per[k], "out", dir, "--resume")) {
            snprintf(err, errlen, "%s: path too long (at most %d characters)", dir, CONFIG_VALUE_MAX);
            return -1;
        }
        for (int i = 0; extra && i < extra->n; i++) config_pairs_add(&per[k], extra->key[i], extra->val[i], extra->origin[i]);
    }
    return 0;
}

void experiment_print_failures(const Experiment *x, FILE *f, const char *prefix) {
    for (int j = 0; j < x->n_algos * x->base.num_seeds; j++) {
        const SeedResult *r = &x->results[j];
        if (r->failed) fprintf(f, "scorer: %s%s seed %ld: %s\n", prefix, r->algo, r->seed, r->error);
    }
}

/* A seed made an update when some curve row has a loss (rows without an update hold NAN). */
static int seed_updated(const SeedResult *r) {
    for (int i = 0; i < r->curve.n; i++)
        if (!isnan(r->curve.leader_loss[i]) || !isnan(r->curve.follower_loss[i])) return 1;
    return 0;
}

int experiment_idle_note(const Experiment *x, int k, char *msg, size_t len) {
    const RunConfig *c = &x->cfg[k];
    const SeedResult *r = &x->results[(size_t)k * (size_t)x->base.num_seeds];
    int finished = 0;
    for (int s = 0; s < x->base.num_seeds; s++) {
        if (r[s].failed || r[s].interrupted) continue; /* a diverged seed did update; a stopped one may yet */
        if (seed_updated(&r[s])) return 0;
        finished++;
    }
    if (!finished) return 0;
    if (c->pqn)
        snprintf(msg, len, "%s made no update in %ld timesteps (PQN updates after each rollout of num_steps x num_envs = %ld timesteps): "
                 "its returns are the initial network's; raise total_timesteps", c->algo, c->total_timesteps,
                 (long)c->pc.num_steps * c->num_envs);
    else
        snprintf(msg, len, "%s made no update in %ld timesteps (updates start after learning_starts = %ld timesteps): its "
                 "returns are the initial network's; raise total_timesteps", c->algo, c->total_timesteps, c->lc.learning_starts);
    return 1;
}

int experiment_episode_note(const Experiment *x, int k, char *msg, size_t len) {
    const RunConfig *c = &x->cfg[k];
    const SeedResult *r = &x->results[(size_t)k * (size_t)x->base.num_seeds];
    int first = -1, more = 0; /* the first seed short of episodes, and how many others are */
    for (int s = 0; s < x->base.num_seeds; s++) {
        if (r[s].failed || r[s].interrupted || r[s].curve.n < 1) continue;
        if (r[s].curve.episodes[r[s].curve.n - 1] >= c->num_envs) continue;
        if (first < 0) first = s;
        else more++;
    }
    if (first < 0) return 0;
    const long ended = r[first].curve.episodes[r[first].curve.n - 1];
    char others[80] = "";
    if (more) snprintf(others, sizeof others, " (and fewer than %d in %d other seed%s)", c->num_envs, more, more > 1 ? "s" : "");
    snprintf(msg, len, "%s: %ld episode%s ended in seed %ld's %d envs%s: an env still in its first episode counts 0 in the mean "
             "return (the reference's LogWrapper convention), so the final return is not an episode return yet; raise total_timesteps",
             c->algo, ended, ended == 1 ? "" : "s", r[first].seed, c->num_envs, others);
    return 1;
}

void experiment_free(Experiment *x) {
    if (x->locked) fileio_unlock(x->lock_fd);
    x->locked = 0;
    if (x->results)
        for (int j = 0; j < x->n_algos * x->base.num_seeds; j++) seed_result_free(&x->results[j]);
    free(x->results);
    x->results = NULL;
}
