/* sweep.c - a grid of settings, one compare run folder per point: planning, the manifest, the
 * Slurm array script, point status and locks. The table and sweep.csv are in sweep_report.c. */
#include "scorer/sweep.h"
#include "scorer/shellword.h"
#include "scorer/fileio.h"
#include "scorer/experiment.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Settings a point may not vary: where it is written, how it runs, which algorithms run, and its
 * seeds (every point trains the same ones, so that points differ only in their settings). The seeds,
 * and one number written twice (below), are refused since 2026-11-28: only when planning, so that a
 * sweep planned before still opens. */
static const char *const fixed_keys[] = {"out", "threads", "algo", "seed", "num_seeds"};
enum { FIXED_ALWAYS = 3 };

/* Two values of one axis that set the same: the same text, or the same number (1e-4 and 0.0001; for
 * a float setting, two that round to one float). */
static int same_value(const char *key, const char *a, const char *b) {
    double x, y;
    if (!strcmp(a, b)) return 1;
    if (config_parse_number(a, &x) == 0 && config_parse_number(b, &y) == 0 && x == y) return 1;
    char sa[64], sb[64]; /* a float's shortest form; a boolean's 1 or 0 (true and 1 are one value) */
    return config_value_shown(key, a, sa, sizeof sa) && config_value_shown(key, b, sb, sizeof sb) && !strcmp(sa, sb);
}

static int printable_value(const char *v) {
    if (!*v) return 0;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p <= ' ' || *p == ',' || *p == '#' || *p == ';' || *p == 0x7f) return 0;
    return 1;
}

/* s[0 .. *n) without the spaces and tabs around it ("1e-4, 3e-4": each value is "1e-4" and "3e-4", as
 * --algos "scorer-dqn, dqn" takes names): its start, *n its new length. */
static const char *trim(const char *s, size_t *n) {
    while (*n && (*s == ' ' || *s == '\t')) { s++; --*n; }
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t')) --*n;
    return s;
}

/* strict: a plan's rules (refuse what an older sweep.ini may hold); else a manifest's. */
static int add_axis(Sweep *s, const char *spec, int strict, char *err, size_t errlen) {
    const char *eq = strchr(spec, '=');
    size_t kl = eq ? (size_t)(eq - spec) : 0;
    const char *key = trim(spec, &kl);
    if (!eq || !kl) { snprintf(err, errlen, "grid axis '%.200s': expected key=v1,v2,... (e.g. follower_lr=1e-4,3e-4)", spec); return -1; }
    if (s->n_axes == SWEEP_MAX_AXES) { snprintf(err, errlen, "too many grid axes (at most %d)", SWEEP_MAX_AXES); return -1; }
    SweepAxis *a = &s->axis[s->n_axes];
    memset(a, 0, sizeof *a);
    if (kl >= sizeof a->key) { snprintf(err, errlen, "grid axis '%.200s': unknown setting (scorer train --help lists every key)", spec); return -1; }
    memcpy(a->key, key, kl);
    a->key[kl] = 0;
    if (!config_key_known(a->key)) {
        char msg[300];
        snprintf(err, errlen, "grid axis: %s", config_unknown(msg, sizeof msg, CONFIG_UNKNOWN_KEY, a->key));
        return -1;
    }
    for (size_t i = 0; i < (strict ? sizeof fixed_keys / sizeof *fixed_keys : FIXED_ALWAYS); i++)
        if (!strcmp(a->key, fixed_keys[i])) {
            snprintf(err, errlen, "grid axis: %s cannot vary across a sweep's points (%s)", a->key,
                     !strcmp(a->key, "algo") ? "every point runs all of the sweep's algorithms" : !strcmp(a->key, "out") ? "points go to OUT/p000, OUT/p001, ..." :
                     !strcmp(a->key, "threads") ? "threads is set by the process that runs the points" :
                     "every point trains the same seeds: set seed and num_seeds in the base settings");
            return -1;
        }
    for (int i = 0; i < s->n_axes; i++)
        if (!strcmp(s->axis[i].key, a->key)) { snprintf(err, errlen, "grid axis: %s is given twice (list all its values in one axis)", a->key); return -1; }
    const char *v = eq + 1;
    for (;;) {
        const size_t L0 = strcspn(v, ",");
        size_t L = L0;
        const char *val = trim(v, &L);
        if (a->n == SWEEP_MAX_VALUES) { snprintf(err, errlen, "grid axis %s: too many values (at most %d)", a->key, SWEEP_MAX_VALUES); return -1; }
        if (L == 0) {
            snprintf(err, errlen, "grid axis %s: an empty value in '%.200s' (give the values between commas, e.g. %s=V1,V2)", a->key,
                     eq + 1, a->key);
            return -1;
        }
        if (L >= sizeof a->val[0]) {
            snprintf(err, errlen, "grid axis %s: value '%.40s...' is too long (at most %d characters)", a->key, val, (int)sizeof a->val[0] - 1);
            return -1;
        }
        memcpy(a->val[a->n], val, L);
        a->val[a->n][L] = 0;
        if (!printable_value(a->val[a->n])) { snprintf(err, errlen, "grid axis %s: value '%s' holds a space, a control character, '#' or ';' (which start comments in the points' INI files)", a->key, a->val[a->n]); return -1; }
        for (int j = 0; j < a->n; j++) {
            if (!strcmp(a->val[j], a->val[a->n])) { snprintf(err, errlen, "grid axis %s: value %s is listed twice", a->key, a->val[j]); return -1; }
            if (strict && same_value(a->key, a->val[j], a->val[a->n])) {
                snprintf(err, errlen, "grid axis %s: values %s and %s are one value (list each value once)", a->key, a->val[j], a->val[a->n]);
                return -1;
            }
        }
        a->n++;
        if (!v[L0]) break;
        v += L0 + 1;
    }
    s->n_axes++;
    return 0;
}

int sweep_add_axis(Sweep *s, const char *spec, char *err, size_t errlen) { return add_axis(s, spec, 1, err, errlen); }

void sweep_point_index(const Sweep *s, int p, int *idx) {
    for (int i = s->n_axes - 1; i >= 0; i--) {
        idx[i] = p % s->axis[i].n;
        p /= s->axis[i].n;
    }
}

void sweep_point_label(const Sweep *s, int p, char *buf, size_t n) {
    int idx[SWEEP_MAX_AXES];
    sweep_point_index(s, p, idx);
    size_t used = 0;
    buf[0] = 0;
    for (int i = 0; i < s->n_axes && used < n; i++) {
        int w = snprintf(buf + used, n - used, "%s%s=%s", i ? " " : "", s->axis[i].key, s->axis[i].val[idx[i]]);
        if (w < 0) break;
        used += (size_t)w;
    }
}

void sweep_point_dir(const Sweep *s, int p, char *buf, size_t n) { snprintf(buf, n, "%s/p%03d", s->dir, p); }

void sweep_point_pairs(const Sweep *s, int p, ConfigPairs *out) {
    int idx[SWEEP_MAX_AXES];
    char dir[600];
    sweep_point_index(s, p, idx);
    *out = s->base;
    for (int i = 0; i < s->n_axes; i++) config_pairs_add(out, s->axis[i].key, s->axis[i].val[idx[i]], "--grid");
    sweep_point_dir(s, p, dir, sizeof dir);
    config_pairs_add(out, "out", dir, "sweep");
}

int sweep_check(Sweep *s, char *err, size_t errlen) {
    if (s->n_axes == 0) { snprintf(err, errlen, "a sweep needs at least one grid axis (sweep_add_axis)"); return -1; }
    if (s->n_algos < 1) { snprintf(err, errlen, "a sweep needs at least one algorithm"); return -1; }
    if (!s->dir[0]) { snprintf(err, errlen, "a sweep needs a folder (set its dir)"); return -1; }
    if (strlen(s->dir) + 5 > CONFIG_VALUE_MAX) { /* DIR/pNNN is each point's out */
        snprintf(err, errlen, "the sweep folder's path is too long (at most %d characters)", CONFIG_VALUE_MAX - 5);
        return -1;
    }
    long n = 1;
    for (int i = 0; i < s->n_axes; i++) {
        n *= s->axis[i].n;
        if (n > SWEEP_MAX_POINTS) { snprintf(err, errlen, "the grid has more than %d points (split the sweep)", SWEEP_MAX_POINTS); return -1; }
        /* a value on the command line and a grid for the same key: which one holds would be a guess */
        for (int j = 0; j < s->base.n; j++)
            if (!strcmp(s->base.key[j], s->axis[i].key) && s->base.origin[j][0] == '-') {
                snprintf(err, errlen, "%s is given by %s and by --grid (give it once)", s->axis[i].key, s->base.origin[j]);
                return -1;
            }
    }
    for (int j = 0; j < s->base.n; j++)
        if (!printable_value(s->base.val[j]) && strcmp(s->base.key[j], "out")) {
            snprintf(err, errlen, "%s: %s='%s' is empty or holds a space, comma or control character", s->base.origin[j], s->base.key[j], s->base.val[j]);
            return -1;
        }
    s->n_points = (int)n;
    /* every point must resolve for every algorithm before anything runs */
    struct { ConfigPairs pairs; RunConfig base, c; } *w = malloc(sizeof *w);
    if (!w) { snprintf(err, errlen, "out of memory"); return -2; }
    char why[600], label[300];
    int rc = 0;
    for (int p = 0; !rc && p < s->n_points; p++) {
        sweep_point_pairs(s, p, &w->pairs);
        rc = config_resolve_as(&w->base, &w->pairs, s->algos[0], why, sizeof why);
        for (int k = 0; !rc && k < s->n_algos; k++) {
            w->c = w->base;
            rc = config_for_algo(&w->c, s->algos[k], &w->pairs, why, sizeof why);
        }
        if (rc) {
            sweep_point_label(s, p, label, sizeof label);
            snprintf(err, errlen, "point p%03d (%s): %s", p, label, why);
        }
    }
    free(w);
    return rc == -2 ? -2 : rc ? -1 : 0;
}

/* ------------------------------------------------------------------ the manifest */

int sweep_check_dir(const Sweep *s, char *err, size_t errlen) {
    char path[700];
    struct stat st;
    snprintf(path, sizeof path, "%s/sweep.ini", s->dir);
    if (stat(path, &st) == 0) {
        char q[2100];
        snprintf(err, errlen, "%s already holds a sweep (continue it with scorer sweep --resume %s, or choose another folder)", s->dir,
                 shellword_quote(q, sizeof q, s->dir));
        return -1;
    }
    snprintf(path, sizeof path, "%s/run.ini", s->dir);
    if (stat(path, &st) == 0) { snprintf(err, errlen, "%s holds a run of scorer train or compare (choose another folder)", s->dir); return -1; }
    if (experiment_check_out(s->dir, NULL, 0, 0, err, errlen)) return -1;
    snprintf(path, sizeof path, "%s/locks", s->dir);
    return fileio_check_dirs(path, err, errlen); /* what sweep_write's mkdir of it would refuse */
}

int sweep_write(const Sweep *s, char *err, size_t errlen) {
    char path[700];
    if (sweep_check_dir(s, err, errlen)) return -1;
    snprintf(path, sizeof path, "%s/locks", s->dir);
    if (fileio_mkdirs(path, err, errlen)) return -1;
    snprintf(path, sizeof path, "%s/sweep.ini", s->dir);
    AtomicFile a;
    if (fileio_open(&a, path, err, errlen)) return -1;
    char q[2100];
    fprintf(a.f, "# scorer sweep manifest: run or continue with  scorer sweep --resume %s [--task I]\n"
                 "[sweep]\ncommand = sweep\nalgos = ", shellword_quote(q, sizeof q, s->dir));
    for (int k = 0; k < s->n_algos; k++) fprintf(a.f, "%s%s", k ? "," : "", s->algos[k]);
    fprintf(a.f, "\npoints = %d\n\n# point p varies the last axis fastest\n[grid]\n", s->n_points);
    for (int i = 0; i < s->n_axes; i++) {
        fprintf(a.f, "%s = ", s->axis[i].key);
        for (int j = 0; j < s->axis[i].n; j++) fprintf(a.f, "%s%s", j ? "," : "", s->axis[i].val[j]);
        fputc('\n', a.f);
    }
    fputs("\n# every point starts from these settings (later lines win), then its grid values\n[base]\n", a.f);
    for (int j = 0; j < s->base.n; j++) fprintf(a.f, "%s = %s\n", s->base.key[j], s->base.val[j]);
    fputs("\n# the build and machine that planned the sweep\n[build]\n", a.f);
    provenance_write_ini(&s->prov, a.f);
    return fileio_commit(&a, err, errlen);
}

/* ln 0: the file as a whole */
static int bad_line(char *err, size_t errlen, const char *name, int ln, const char *what) {
    if (ln > 0) snprintf(err, errlen, "%s:%d: %s (the sweep manifest is damaged; plan the sweep again)", name, ln, what);
    else snprintf(err, errlen, "%s: %s (the sweep manifest is damaged; plan the sweep again)", name, what);
    return -1;
}

int sweep_read(Sweep *s, FILE *f, const char *name, const char *dir, char *err, size_t errlen) {
    memset(s, 0, sizeof *s);
    snprintf(s->dir, sizeof s->dir, "%s", dir);
    enum { NONE, SWEEP, GRID, BASE, BUILD } sec = NONE;
    char line[1200], origin[80], msg[700];
    int ln = 0, have_command = 0, points = -1, points_ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        size_t L = strlen(line);
        if (L == sizeof line - 1 && line[L - 1] != '\n') return bad_line(err, errlen, name, ln, "line too long");
        char *p = line;
        while (*p == ' ' || *p == '\t') p++;
        L = strcspn(p, "\r\n");
        while (L && (p[L - 1] == ' ' || p[L - 1] == '\t')) L--;
        p[L] = 0;
        if (!*p || *p == '#' || *p == ';') continue;
        if (*p == '[') {
            if (!strcmp(p, "[sweep]")) sec = SWEEP;
            else if (!strcmp(p, "[grid]")) sec = GRID;
            else if (!strcmp(p, "[base]")) sec = BASE;
            else if (!strcmp(p, "[build]")) sec = BUILD;
            else return bad_line(err, errlen, name, ln, "unknown section");
            continue;
        }
        char *eq = strchr(p, '=');
        if (!eq) return bad_line(err, errlen, name, ln, "expected key = value");
        char *k = p, *v = eq + 1;
        char *ke = eq;
        while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t')) ke--;
        *ke = 0;
        while (*v == ' ' || *v == '\t') v++;
        if (sec == SWEEP) {
            if (!strcmp(k, "command")) {
                if (strcmp(v, "sweep")) return bad_line(err, errlen, name, ln, "command is not sweep");
                have_command = 1;
            } else if (!strcmp(k, "algos")) {
                s->n_algos = 0;
                for (char *save = NULL, *t = strtok_r(v, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
                    if (s->n_algos == CONFIG_MAX_ALGOS || strlen(t) >= 32 || !config_algo_known(t))
                        return bad_line(err, errlen, name, ln, "algos names an unknown algorithm or too many");
                    for (int j = 0; j < s->n_algos; j++)
                        if (!strcmp(s->algos[j], t)) return bad_line(err, errlen, name, ln, "algos names an algorithm twice");
                    strcpy(s->algos[s->n_algos++], t);
                }
            } else if (!strcmp(k, "points")) {
                char *end;
                long n = strtol(v, &end, 10);
                if (*end || end == v || n < 1 || n > SWEEP_MAX_POINTS) return bad_line(err, errlen, name, ln, "points is not a count");
                points = (int)n;
                points_ln = ln;
            } else return bad_line(err, errlen, name, ln, "unknown key in [sweep]");
        } else if (sec == GRID) {
            char spec[sizeof line + 2];
            snprintf(spec, sizeof spec, "%s=%s", k, v);
            if (add_axis(s, spec, 0, msg, sizeof msg)) return bad_line(err, errlen, name, ln, msg);
        } else if (sec == BASE) {
            if (!config_key_known(k)) return bad_line(err, errlen, name, ln, "unknown setting in [base]");
            if (strlen(v) >= sizeof s->base.val[0]) return bad_line(err, errlen, name, ln, "value too long");
            snprintf(origin, sizeof origin, "%.60s:%d", name, ln);
            if (config_pairs_add(&s->base, k, v, origin)) return bad_line(err, errlen, name, ln, "too many settings");
        } else if (sec == BUILD) {
            provenance_set_ini(&s->prov, k, v); /* a key this version does not know is ignored */
        } else return bad_line(err, errlen, name, ln, "setting outside a section");
    }
    if (ferror(f)) { snprintf(err, errlen, "cannot read %s", name); return -1; }
    if (!have_command || !s->n_algos || points < 0 || !s->n_axes)
        return bad_line(err, errlen, name, 0, "command, algos, points or [grid] missing");
    /* the base came from a checked command line; check it again, with the point count */
    const int rc = sweep_check(s, msg, sizeof msg);
    if (rc == -2) { snprintf(err, errlen, "%s: %s", name, msg); return -1; } /* not the manifest's fault */
    if (rc) return bad_line(err, errlen, name, 0, msg);
    if (s->n_points != points) return bad_line(err, errlen, name, points_ln, "points does not match the grid");
    return 0;
}

int sweep_present(const char *dir) {
    char path[700];
    snprintf(path, sizeof path, "%s/sweep.ini", dir);
    return access(path, F_OK) == 0;
}

int sweep_load(Sweep *s, const char *dir, char *err, size_t errlen) {
    char path[700];
    snprintf(path, sizeof path, "%s/sweep.ini", dir);
    FILE *f = fopen(path, "r");
    if (!f && errno == ENOENT) {
        snprintf(err, errlen, "%s is not a sweep (no sweep.ini: plan one with scorer sweep --grid ... --out DIR)", dir);
        return -1;
    }
    if (!f) { snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno)); return -1; }
    int rc = sweep_read(s, f, path, dir, err, errlen);
    fclose(f);
    return rc;
}

/* ------------------------------------------------------------------ the Slurm array script */

/* A path that a shell reads back unchanged inside single quotes, and that Slurm's #SBATCH parser
 * takes as one word. */
static int plain_path(const char *p) {
    for (; *p; p++)
        if (*p <= ' ' || *p == '\'' || *p == '"' || *p == '\\' || *p == '%' || *p == 0x7f) return 0;
    return 1;
}

size_t sweep_sbatch_parts_len(const Sweep *s, const char *script) {
    const size_t parts = (size_t)s->n_points / SWEEP_SLURM_PART + 1;
    return parts * (strlen(script) + 48) + 1; /* "; sbatch --array=0-NNNN SCRIPT NNNNN" each */
}

int sweep_sbatch_parts(const Sweep *s, const char *script, char *buf, size_t n) {
    size_t used = 0;
    int parts = 0;
    buf[0] = 0;
    if (s->n_points <= SWEEP_SLURM_MAX_INDEX + 1) { snprintf(buf, n, "sbatch %s", script); return 1; }
    for (int first = 0; first < s->n_points; first += SWEEP_SLURM_PART, parts++) {
        const int last = first + SWEEP_SLURM_PART > s->n_points ? s->n_points - 1 : first + SWEEP_SLURM_PART - 1;
        int w;
        if (!first) w = snprintf(buf + used, n - used, "sbatch %s", script);
        else w = snprintf(buf + used, n - used, "; sbatch --array=0-%d %s %d", last - first, script, first);
        if (w < 0 || (size_t)w >= n - used) used = n - 1;
        else used += (size_t)w;
    }
    return parts;
}

int sweep_write_sbatch(const Sweep *s, const char *scorer_bin, int cpus, char *err, size_t errlen) {
    char dir[PATH_MAX], bin[PATH_MAX], path[700];
    if (!realpath(s->dir, dir)) { snprintf(err, errlen, "cannot resolve %s: %s", s->dir, strerror(errno)); return -1; }
    if (!realpath(scorer_bin, bin)) { snprintf(err, errlen, "cannot resolve the scorer binary %s: %s", scorer_bin, strerror(errno)); return -1; }
    if (!plain_path(dir) || !plain_path(bin)) {
        snprintf(err, errlen, "%s or %s holds a space, quote, backslash or %%: the Slurm script could not name it (choose another folder, one without them)", dir, bin);
        return -1;
    }
    snprintf(path, sizeof path, "%s/slurm", s->dir);
    if (fileio_mkdirs(path, err, errlen)) return -1;
    snprintf(path, sizeof path, "%s/sweep.sbatch", s->dir);
    char script[PATH_MAX + 16];
    snprintf(script, sizeof script, "%s/sweep.sbatch", dir);
    const size_t parts_len = sweep_sbatch_parts_len(s, script);
    char *parts = malloc(parts_len);
    if (!parts) { snprintf(err, errlen, "out of memory"); return -1; }
    const int n_parts = sweep_sbatch_parts(s, script, parts, parts_len);
    const int split = n_parts > 1, last = split ? SWEEP_SLURM_PART - 1 : s->n_points - 1;
    AtomicFile a;
    if (fileio_open(&a, path, err, errlen)) { free(parts); return -1; }
    fprintf(a.f,
            "#!/bin/bash\n"
            "# Slurm job array of the scorer sweep in %s: one array task per point (%d points).\n"
            "#   submit:    sbatch %s   (add --time, --partition, --mem, ... as your cluster needs)\n"
            "#   progress:  %s summary %s\n"
            "#   figure:    %s plot %s   (once every point is done: the tasks do not draw it)\n",
            dir, s->n_points, script, bin, dir, bin, dir);
    if (split) {
        fprintf(a.f,
                "# %d points are more than one array of a default Slurm takes (MaxArraySize 1001: indices 0 to\n"
                "# %d), so this script runs points 0 to %d; its argument N (default 0) shifts the indices, task I\n"
                "# running point N + I. Submit every point in %d parts:\n",
                s->n_points, SWEEP_SLURM_MAX_INDEX, last, n_parts);
        for (char *c = parts, *e; c; c = e ? e + 2 : NULL) {
            e = strstr(c, "; ");
            fprintf(a.f, "#     %.*s\n", e ? (int)(e - c) : (int)strlen(c), c);
        }
        fprintf(a.f, "# (a cluster whose MaxArraySize is over %d takes all at once: sbatch --array=0-%d %s)\n",
                s->n_points - 1, s->n_points - 1, script);
    }
    fprintf(a.f,
            "# A task stopped early (time limit, preemption) checkpoints on SIGTERM, sent 120 s before the\n"
            "# time limit (so give --time well over 2 minutes); submit again (all, or only its index:\n"
            "# sbatch --array=I ...%s) and it resumes. Finished points are skipped.\n"
            "# A requeued task appends to its output file.\n"
            "#SBATCH --job-name=scorer-sweep\n"
            "#SBATCH --array=0-%d\n"
            "#SBATCH --cpus-per-task=%d\n"
            "#SBATCH --output=%s/slurm/%%A_%%a.out\n"
            "#SBATCH --signal=B:TERM@120\n"
            "#SBATCH --requeue\n"
            "#SBATCH --open-mode=append\n"
            "case \"${1:-0}\" in ''|*[!0-9]*|0?*) echo \"sweep.sbatch: '$1' is not a point number (the argument is the first point of a part)\" >&2; exit 2 ;; esac\n"
            "exec '%s' sweep --resume '%s' --task \"$((${SLURM_ARRAY_TASK_ID:?is not set: submit this script with sbatch} + ${1:-0}))\" --threads \"${SLURM_CPUS_PER_TASK:-1}\" --quiet\n",
            split ? " N, for point N + I of the part from N" : "", last, cpus < 1 ? 1 : cpus, dir, bin, dir);
    free(parts);
    if (fileio_commit(&a, err, errlen)) return -1;
    chmod(path, 0755);
    return 0;
}

/* ------------------------------------------------------------------ status and locks */

SweepStatus sweep_point_status(const Sweep *s, int p) {
    char path[700];
    struct stat st;
    snprintf(path, sizeof path, "%s/p%03d/summary.json", s->dir, p);
    if (stat(path, &st) == 0) return SWEEP_DONE;
    snprintf(path, sizeof path, "%s/p%03d/run.ini", s->dir, p);
    if (stat(path, &st) == 0) return SWEEP_STARTED;
    return SWEEP_NOT_STARTED;
}

const char *sweep_status_name(SweepStatus st) {
    return st == SWEEP_DONE ? "done" : st == SWEEP_STARTED ? "started" : "not started";
}

int sweep_lock(const Sweep *s, int p, int *fd, char *holder, size_t holderlen, char *err, size_t errlen) {
    char path[700];
    snprintf(path, sizeof path, "%s/locks", s->dir);
    if (fileio_mkdirs(path, err, errlen)) return -1;
    snprintf(path, sizeof path, "%s/locks/p%03d.lock", s->dir, p);
    return fileio_lock(path, 0, fd, holder, holderlen, err, errlen);
}

int sweep_lock_all(const Sweep *s, int *fd, char *err, size_t errlen) {
    char path[700], holder[8];
    snprintf(path, sizeof path, "%s/locks", s->dir);
    if (fileio_mkdirs(path, err, errlen)) return -1;
    snprintf(path, sizeof path, "%s/locks/sweep.lock", s->dir);
    return fileio_lock(path, 1, fd, holder, sizeof holder, err, errlen);
}

void sweep_unlock(int fd) { fileio_unlock(fd); }

int sweep_point_running(const Sweep *s, int p) {
    char path[700];
    snprintf(path, sizeof path, "%s/locks/p%03d.lock", s->dir, p);
    return fileio_locked(path, NULL, 0); /* a look must never make a worker skip the point */
}
