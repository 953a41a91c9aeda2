/* runfolder.c - what a run folder holds on disk (its algorithms, their seed CSVs and config.ini
 * values) and one seed's learning curve read back from its CSV. */
#include "scorer/runfolder.h"
#include "scorer/fileio.h"
#include "scorer/shellword.h"
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static long ini_long(const char *path, const char *key) {
    char v[64], *end;
    if (fileio_ini_get(path, key, v, sizeof v) <= 0) return -1;
    errno = 0;
    long x = strtol(v, &end, 10);
    return (errno || end == v || *end) ? -1 : x;
}

static int is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* "seed_<k>.csv" -> k; -1 when the name is anything else */
static long seed_of_name(const char *name) {
    if (strncmp(name, "seed_", 5)) return -1;
    const char *p = name + 5;
    if (*p < '0' || *p > '9') return -1;
    char *end;
    errno = 0;
    long k = strtol(p, &end, 10);
    if (errno || strcmp(end, ".csv")) return -1;
    return k;
}

static int cmp_long(const void *a, const void *b) {
    long u = *(const long *)a, v = *(const long *)b;
    return (u > v) - (u < v);
}

/* Lists the seeds with a CSV in dir, sorted. Returns the count, -1 (unreadable, errno says why) or -2
 * (out of memory). */
static int list_seeds(const char *dir, long **out) {
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d) return errno == ENOMEM ? -2 : -1;
    int n = 0, cap = 0;
    long *v = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        long k = seed_of_name(e->d_name);
        if (k < 0) continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            long *nv = realloc(v, sizeof(long) * (size_t)cap);
            if (!nv) { free(v); closedir(d); return -2; }
            v = nv;
        }
        v[n++] = k;
    }
    closedir(d);
    if (n > 1) qsort(v, (size_t)n, sizeof *v, cmp_long);
    *out = v;
    return n;
}

int runfolder_seed_csv(const RunFolderAlgo *a, long seed, char *path, size_t len) {
    snprintf(path, len, "%s/seed_%ld.csv", a->dir, seed);
    return is_file(path);
}

int runfolder_algo_rank(const char *algo) {
    static const char *const order[] = {"scorer-dqn", "dqn", "scorer-ddqn", "ddqn", "scorer-dueling-dqn", "dueling-dqn",
                                        "scorer-dueling-ddqn", "dueling-ddqn", "scorer-pqn", "pqn"};
    for (int i = 0; i < (int)(sizeof order / sizeof *order); i++) if (!strcmp(algo, order[i])) return i;
    return 100;
}

static int cmp_algo(const void *a, const void *b) {
    const RunFolderAlgo *u = a, *v = b;
    return u->order != v->order ? u->order - v->order : strcmp(u->algo, v->algo);
}

/* Position of algo in the comma-separated list, or -1. */
static int list_pos(const char *list, const char *algo) {
    size_t L = strlen(algo);
    int i = 0;
    for (const char *p = list; *p; i++) {
        size_t n = strcspn(p, ",");
        while (n > 0 && p[n - 1] == ' ') n--;
        if (n == L && !strncmp(p, algo, L)) return i;
        p += strcspn(p, ",");
        if (*p == ',') p++;
        while (*p == ' ') p++;
    }
    return -1;
}

void runfolder_free(RunFolder *r) {
    for (int k = 0; k < r->n_algos; k++) free(r->algo[k].seeds);
    r->n_algos = 0;
}

/* Adds the algorithm whose seed CSVs and config.ini are in adir (name: its folder's, NULL for a flat run).
 * Returns 0, -1 or -2 (out of memory), with err. */
static int folder_algo(RunFolder *r, const char *adir, const char *name, char *err, size_t errlen) {
    if (r->n_algos == CONFIG_MAX_ALGOS) {
        snprintf(err, errlen, "%s holds more than %d algorithm folders", r->dir, CONFIG_MAX_ALGOS);
        return -1;
    }
    RunFolderAlgo *a = &r->algo[r->n_algos];
    memset(a, 0, sizeof *a);
    snprintf(a->dir, sizeof a->dir, "%s", adir);
    char ini[1200], v[64];
    snprintf(ini, sizeof ini, "%s/config.ini", adir);
    snprintf(a->algo, sizeof a->algo, "%.31s", (name && name[0]) ? name : fileio_ini_get(ini, "algo", v, sizeof v) > 0 ? v : "unknown");
    a->cfg_seed = ini_long(ini, "seed");
    a->cfg_num_seeds = ini_long(ini, "num_seeds");
    a->cfg_num_envs = ini_long(ini, "num_envs");
    a->cfg_steps = ini_long(ini, "total_timesteps");
    if (fileio_ini_get(ini, "env", v, sizeof v) > 0) snprintf(a->env, sizeof a->env, "%s", v);
    if (!strcmp(r->env, "?") && a->env[0]) snprintf(r->env, sizeof r->env, "%s", a->env);
    if (r->steps < 0) r->steps = a->cfg_steps;
    int n = list_seeds(adir, &a->seeds);
    if (n == -2) { snprintf(err, errlen, "out of memory reading folder %s", adir); return -2; }
    if (n < 0) { snprintf(err, errlen, "cannot read folder %s: %s", adir, strerror(errno)); return -1; }
    a->n = n;
    r->n_algos++;
    return 0;
}

int runfolder_holds_run(const char *path) {
    static const char *const marks[] = {"run.ini", "summary.json", "sweep.ini"};
    char p[1300];
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", path, marks[i]);
        if (access(p, F_OK) == 0) return 1;
    }
    return 0;
}

/* The algorithm folders of a compare folder must make one run: each named as the algorithm its
 * config.ini names (runfolder_scan reads only run.ini's when it lists them), all of one env and
 * length. Else a folder of other things (copied runs, say) would be shown as a comparison that never
 * ran. */
static int check_nested(const RunFolder *r, const char *dir, char *err, size_t errlen) {
    const RunFolderAlgo *a0 = &r->algo[0];
    for (int k = 0; k < r->n_algos; k++) {
        const RunFolderAlgo *a = &r->algo[k];
        if (a->env[0] && a0->env[0] && strcmp(a->env, a0->env)) {
            snprintf(err, errlen, "%s/%s is a run on %s and %s/%s on %s: not one run (give run folders written by scorer train or compare)",
                     dir, a0->algo, a0->env, dir, a->algo, a->env);
            return -1;
        }
        if (a->cfg_steps >= 0 && a0->cfg_steps >= 0 && a->cfg_steps != a0->cfg_steps) {
            snprintf(err, errlen, "%s/%s is a run of %ld steps and %s/%s of %ld: not one run (give run folders written by scorer train or compare)",
                     dir, a0->algo, a0->cfg_steps, dir, a->algo, a->cfg_steps);
            return -1;
        }
    }
    return 0;
}

int runfolder_check_dir(const char *dir, char *err, size_t errlen) {
    struct stat st;
    if (stat(dir, &st) != 0) {
        snprintf(err, errlen, "%s: %s (give a run folder written by scorer train or compare)", dir, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) { snprintf(err, errlen, "%s is not a folder (give a run folder written by scorer train or compare)", dir); return -1; }
    return 0;
}

int runfolder_scan(RunFolder *r, const char *dir, char *err, size_t errlen) {
    memset(r, 0, sizeof *r);
    snprintf(r->dir, sizeof r->dir, "%s", dir);
    snprintf(r->env, sizeof r->env, "?");
    r->steps = -1;
    if (runfolder_check_dir(dir, err, errlen)) return -1;
    char path[1200];
    long *top = NULL;
    int ntop = list_seeds(dir, &top);
    free(top);
    if (ntop == -2) { snprintf(err, errlen, "out of memory reading folder %s", dir); return -2; }
    if (ntop < 0) { snprintf(err, errlen, "cannot read folder %s: %s", dir, strerror(errno)); return -1; }
    snprintf(path, sizeof path, "%s/config.ini", dir);
    if (ntop > 0 || is_file(path)) {
        r->nested = 0;
        return folder_algo(r, dir, NULL, err, errlen);
    }
    /* compare: one sub-folder per algorithm */
    r->nested = 1;
    DIR *d = opendir(dir);
    if (!d) { snprintf(err, errlen, "cannot read folder %s: %s", dir, strerror(errno)); return -1; }
    struct dirent *e;
    int runs = 0, full = 0;
    char run_names[2][64] = {"", ""}, stray[64] = "", stray_algo[64] = "", listed[600];
    /* a run manifest naming its algorithms says which folders are the run's: anything else in it (a
     * run someone put there, notes) is not, and does not make the run unreadable */
    snprintf(path, sizeof path, "%s/run.ini", dir);
    const int have_listed = fileio_ini_get(path, "algos", listed, sizeof listed) > 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (have_listed && list_pos(listed, e->d_name) < 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (!is_dir(path)) continue;
        if (runfolder_holds_run(path)) { /* a run of its own, not an algorithm of this one */
            /* the first two by name, whatever order the system lists them in */
            int at = runs < 2 ? runs : 2;
            while (at > 0 && strcmp(e->d_name, run_names[at - 1]) < 0) {
                if (at < 2) memcpy(run_names[at], run_names[at - 1], sizeof run_names[at]);
                at--;
            }
            if (at < 2) snprintf(run_names[at], sizeof run_names[at], "%.63s", e->d_name);
            runs++;
            continue;
        }
        if (strlen(e->d_name) >= 32) continue;
        char ini[1300], named[64];
        long *s = NULL;
        snprintf(ini, sizeof ini, "%s/config.ini", path);
        int n = list_seeds(path, &s);
        free(s);
        if (n < 0) { /* out of memory, or unreadable: not to be taken for "holds no run" */
            if (n == -2) snprintf(err, errlen, "out of memory reading folder %s", path);
            else snprintf(err, errlen, "cannot read folder %s: %s", path, strerror(errno));
            closedir(d); runfolder_free(r); return n;
        }
        if (n == 0 && !is_file(ini)) continue;
        if (fileio_ini_get(ini, "algo", named, sizeof named) > 0 && strcmp(named, e->d_name)) {
            if (!stray[0]) { snprintf(stray, sizeof stray, "%.31s", e->d_name); snprintf(stray_algo, sizeof stray_algo, "%s", named); }
            continue;
        }
        if (r->n_algos == CONFIG_MAX_ALGOS) { full = 1; continue; } /* said below, unless something else is wrong */
        const int frc = folder_algo(r, path, e->d_name, err, errlen);
        if (frc) { closedir(d); runfolder_free(r); return frc; }
    }
    closedir(d);
    if (runs) {
        runfolder_free(r);
        char more[200] = "";
        if (runs > 1) snprintf(more, sizeof more, " %.100s/%s%s", dir, run_names[1], runs > 2 ? " ..." : "");
        snprintf(err, errlen, "%s holds runs, not a run: give them as folders (%s/%s%s)", dir, dir, run_names[0], more);
        return -1;
    }
    if (stray[0]) {
        runfolder_free(r);
        snprintf(err, errlen, "%s/%s holds a run of %s: not an algorithm's folder, which is named after its algorithm "
                 "(give run folders written by scorer train or compare)", dir, stray, stray_algo);
        return -1;
    }
    if (full) {
        runfolder_free(r);
        snprintf(err, errlen, "%s holds more than %d algorithm folders", dir, CONFIG_MAX_ALGOS);
        return -1;
    }
    if (r->n_algos == 0) {
        snprintf(err, errlen, "%s holds no summary.json, seed_<k>.csv or <algo>/seed_<k>.csv (is it a scorer run folder?)", dir);
        return -1;
    }
    if (check_nested(r, dir, err, errlen)) { runfolder_free(r); return -1; }
    /* the command's order when the run manifest says it, else the canonical one */
    char list[600];
    snprintf(path, sizeof path, "%s/run.ini", dir);
    int have_list = fileio_ini_get(path, "algos", list, sizeof list) > 0;
    for (int k = 0; k < r->n_algos; k++) {
        int pos = have_list ? list_pos(list, r->algo[k].algo) : -1;
        r->algo[k].order = pos >= 0 ? pos : CONFIG_MAX_ALGOS + runfolder_algo_rank(r->algo[k].algo);
    }
    qsort(r->algo, (size_t)r->n_algos, sizeof r->algo[0], cmp_algo);
    return 0;
}

int runfolder_progress(const char *dir, char *why, size_t len) {
    char path[1200], holder[300], command[32], q[2100];
    why[0] = 0;
    snprintf(path, sizeof path, "%s/summary.json", dir);
    if (access(path, F_OK) == 0) return RUNFOLDER_OVER;
    snprintf(path, sizeof path, "%s/run.lock", dir);
    if (fileio_locked(path, holder, sizeof holder)) { /* before run.ini: the lock is taken first */
        snprintf(why, len, "the run is in progress: %s", holder);
        return RUNFOLDER_RUNNING;
    }
    snprintf(path, sizeof path, "%s/run.ini", dir);
    if (access(path, F_OK) != 0) return RUNFOLDER_OVER; /* not a run --resume knows */
    /* the manifest's command; a damaged one still gets the command its layout implies */
    if (fileio_ini_get(path, "command", command, sizeof command) <= 0 || (strcmp(command, "train") && strcmp(command, "compare"))) {
        snprintf(path, sizeof path, "%s/config.ini", dir);
        snprintf(command, sizeof command, "%s", is_file(path) ? "train" : "compare");
    }
    snprintf(why, len, "the run stopped; continue it: scorer %s --resume %s", command, shellword_quote(q, sizeof q, dir));
    return RUNFOLDER_STOPPED;
}

void seedcurve_free(SeedCurve *c) {
    free(c->t);
    free(c->ret);
    free(c->episodes);
    free(c->val);
    memset(c, 0, sizeof *c);
}

/* Splits line in place at commas into at most max fields; returns the count. */
static int split_csv(char *line, char **field, int max) {
    int n = 0;
    line[strcspn(line, "\r\n")] = 0;
    for (char *p = line;;) {
        if (n < max) field[n] = p;
        n++;
        char *c = strchr(p, ',');
        if (!c) break;
        *c = 0;
        p = c + 1;
    }
    return n;
}

/* A number field of column name at line lineno: NAN when empty. 0, or -1 with err. */
static int csv_number(const char *field, const char *name, const char *path, int lineno, double *v, char *err, size_t errlen) {
    char *end;
    *v = NAN;
    if (!field[0]) return 0;
    *v = strtod(field, &end);
    if (end != field && !*end) return 0;
    snprintf(err, errlen, "%s:%d: %s '%.30s' is not a number", path, lineno, name, field);
    return -1;
}

int seedcurve_read(SeedCurve *c, const char *path, char *err, size_t errlen) {
    return seedcurve_read_column(c, path, NULL, err, errlen);
}

int seedcurve_read_column(SeedCurve *c, const char *path, const char *column, char *err, size_t errlen) {
    memset(c, 0, sizeof *c);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s %s: %s", errno == ENOMEM ? "out of memory opening" : "cannot read", path, strerror(errno));
        return errno == ENOMEM ? -2 : -3;
    }
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, ct = -1, cr = -1, ce = -1, cv = -1, nf_header = 0, rc = -1, cap_rows = 0;
    char *field[32];
    for (;;) {
        errno = 0;
        if (getline(&line, &cap, f) == -1) break;
        lineno++;
        if (line[strspn(line, " \t\r\n")] == 0) continue;
        int nf = split_csv(line, field, 32);
        if (ct < 0) {
            for (int i = 0; i < nf && i < 32; i++) {
                if (!strcmp(field[i], "timesteps")) ct = i;
                if (!strcmp(field[i], "mean_return")) cr = i;
                if (!strcmp(field[i], "episodes")) ce = i;
                if (column && !strcmp(field[i], column)) cv = i;
            }
            c->has_column = cv >= 0;
            if (ct < 0 || cr < 0) {
                snprintf(err, errlen, "%s:%d: expected the header timesteps,mean_return,... (is it a scorer seed CSV?)", path, lineno);
                goto out;
            }
            nf_header = nf;
            continue;
        }
        if (nf != nf_header) { snprintf(err, errlen, "%s:%d: %d fields where the header has %d", path, lineno, nf, nf_header); goto out; }
        char *end;
        errno = 0;
        long t = strtol(field[ct], &end, 10);
        if (errno || end == field[ct] || *end) { snprintf(err, errlen, "%s:%d: timesteps '%.30s' is not a whole number", path, lineno, field[ct]); goto out; }
        double r, v = NAN;
        if (csv_number(field[cr], "mean_return", path, lineno, &r, err, errlen)) goto out;
        if (cv >= 0 && csv_number(field[cv], column, path, lineno, &v, err, errlen)) goto out;
        long e = -1;
        if (ce >= 0 && field[ce][0]) {
            errno = 0;
            e = strtol(field[ce], &end, 10);
            if (errno || *end || e < 0) { snprintf(err, errlen, "%s:%d: episodes '%.30s' is not a count", path, lineno, field[ce]); goto out; }
        }
        if (c->n > 0 && t <= c->t[c->n - 1]) { snprintf(err, errlen, "%s:%d: timesteps must increase from row to row", path, lineno); goto out; }
        if (c->n == cap_rows) {
            int nc = cap_rows ? 2 * cap_rows : 256;
            long *nt = realloc(c->t, sizeof(long) * (size_t)nc);
            if (nt) c->t = nt;
            double *nr = realloc(c->ret, sizeof(double) * (size_t)nc);
            if (nr) c->ret = nr;
            long *ne = realloc(c->episodes, sizeof(long) * (size_t)nc);
            if (ne) c->episodes = ne;
            double *nv = column ? realloc(c->val, sizeof(double) * (size_t)nc) : c->val;
            if (nv) c->val = nv;
            if (!nt || !nr || !ne || (column && !nv)) { snprintf(err, errlen, "out of memory reading %s", path); rc = -2; goto out; }
            cap_rows = nc;
        }
        c->t[c->n] = t;
        c->ret[c->n] = r;
        c->episodes[c->n] = e;
        if (column) c->val[c->n] = v;
        c->n++;
    }
    /* getline's -1 is also a failed read or allocation: not to be taken for the end of the file */
    if (errno == ENOMEM) { snprintf(err, errlen, "out of memory reading %s", path); rc = -2; goto out; }
    if (ferror(f)) { snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno ? errno : EIO)); rc = -3; goto out; }
    if (ct < 0) { snprintf(err, errlen, "%s is empty (expected the header timesteps,mean_return,...)", path); goto out; }
    rc = 0;
out:
    free(line);
    fclose(f);
    if (rc) seedcurve_free(c);
    return rc;
}
