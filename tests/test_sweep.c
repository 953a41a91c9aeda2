/* test_sweep.c - sweeps: the grid's points (order, labels, settings), the manifest written and read
 * back, every refusal of a bad grid or a damaged manifest, point status, and the lock that keeps a
 * second process off a point. */
#include "scorer/sweep.h"
#include "check.h"
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[] = "/tmp/scorer-sweep-XXXXXX";
static Sweep s, back;

static void base_sweep(Sweep *w) {
    memset(w, 0, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "%s/sw", dir);
    strcpy(w->algos[0], "scorer-dqn");
    strcpy(w->algos[1], "dqn");
    w->n_algos = 2;
    config_pairs_add(&w->base, "env", "CartPole-v1", "--env");
    config_pairs_add(&w->base, "num_seeds", "2", "--seeds");
    config_pairs_add(&w->base, "gamma", "0.9", "cfg.ini:3");
}

/* 0 when the grid specs (NULL-terminated) plan, else -1; err holds the message */
static int plan(const char *const *specs, char *err, size_t n) {
    base_sweep(&s);
    for (; *specs; specs++) if (sweep_add_axis(&s, *specs, err, n)) return -1;
    return sweep_check(&s, err, n);
}

static const char *pair(const ConfigPairs *p, const char *key) {
    const char *v = NULL;
    for (int i = 0; i < p->n; i++) if (!strcmp(p->key[i], key)) v = p->val[i]; /* last wins */
    return v;
}

/* sweep_read of a text; returns its result, err the message */
static int read_text(const char *text, char *err, size_t n) {
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    int rc = sweep_read(&back, f, "t.ini", dir, err, n);
    fclose(f);
    return rc;
}

/* 1 when msg gives its advice in the library's words, its settings and calls, and no command line's flags (the tool
 * says --grid, --seed S, ... where it reports it). Left in it: the command that lists every key (scorer train --help),
 * and where a value came from, the origin of its pair: a grid's point "--grid: tau=2 ...", the caller's "--env". */
static int flag_free(const char *msg) {
    static const char *const named[] = {"scorer train --help", "--grid: ", "by --env and by --grid"};
    char buf[1400];
    snprintf(buf, sizeof buf, "%s", msg);
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        for (char *at; (at = strstr(buf, named[i]));) memset(at, '_', strlen(named[i]));
    return strstr(buf, "--") == NULL;
}

static const char *GOOD = "[sweep]\ncommand = sweep\nalgos = dqn\npoints = 2\n[grid]\ntau = 1,0.5\n[base]\nenv = CartPole-v1\n";

int main(void) {
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    char err[1400], label[400], path[700];

    /* the grid: 3 x 2 points, the last axis fastest */
    const char *g1[] = {"follower_lr=1e-4,3e-4,1e-3", "tau=1,0.5", NULL};
    CHECK(plan(g1, err, sizeof err) == 0, "3x2 grid plans: %s", err);
    CHECK(s.n_points == 6, "6 points, got %d", s.n_points);
    int idx[SWEEP_MAX_AXES];
    sweep_point_index(&s, 3, idx);
    CHECK(idx[0] == 1 && idx[1] == 1, "point 3 = (1, 1), got (%d, %d)", idx[0], idx[1]);
    sweep_point_index(&s, 4, idx);
    CHECK(idx[0] == 2 && idx[1] == 0, "point 4 = (2, 0), got (%d, %d)", idx[0], idx[1]);
    sweep_point_label(&s, 5, label, sizeof label);
    CHECK(!strcmp(label, "follower_lr=1e-3 tau=0.5"), "label of point 5: %s", label);
    sweep_point_dir(&s, 5, path, sizeof path);
    CHECK(strstr(path, "/sw/p005") != NULL, "folder of point 5: %s", path);
    static ConfigPairs pp;
    sweep_point_pairs(&s, 2, &pp);
    CHECK(pp.n == 6, "base (3) + grid (2) + out: %d pairs", pp.n);
    CHECK(!strcmp(pair(&pp, "follower_lr"), "3e-4") && !strcmp(pair(&pp, "tau"), "1"), "point 2's values");
    CHECK(!strcmp(pair(&pp, "gamma"), "0.9") && strstr(pair(&pp, "out"), "/sw/p002"), "base kept, out set");
    CHECK(!strcmp(pp.origin[3], "--grid"), "grid values say where they came from: %s", pp.origin[3]);

    /* a config file's value may be swept (the grid wins); one from the command line may not */
    const char *g2[] = {"gamma=0.99,0.9", NULL};
    CHECK(plan(g2, err, sizeof err) == 0, "sweeping a config-file key: %s", err);
    sweep_point_pairs(&s, 0, &pp);
    CHECK(!strcmp(pair(&pp, "gamma"), "0.99"), "the grid's gamma wins over the file's");
    /* the spaces and tabs around a key and its values are no part of them ("1e-4, 3e-4") */
    const char *g3[] = {" follower_lr =1e-4, 3e-4\t", NULL};
    CHECK(plan(g3, err, sizeof err) == 0 && !strcmp(s.axis[0].key, "follower_lr") && s.axis[0].n == 2 &&
          !strcmp(s.axis[0].val[0], "1e-4") && !strcmp(s.axis[0].val[1], "3e-4"), "spaces trimmed: %s", err);

    /* refusals, each naming the problem */
    struct { const char *spec[3]; const char *why; } bad[] = {
        {{"tau", NULL}, "expected key=v1,v2"},
        {{"=1,2", NULL}, "expected key=v1,v2"},
        {{"taux=1,2", NULL}, "unknown setting 'taux'"},
        {{"out=a,b", NULL}, "points go to OUT/p000"},
        {{"threads=1,2", NULL}, "threads is set by the process that runs the points"},
        {{"algo=dqn,ddqn", NULL}, "every point runs all of the sweep's algorithms"},
        {{"tau=1,,2", NULL}, "empty"},
        {{"tau=1,2,", NULL}, "empty"},
        {{"tau=1, ,2", NULL}, "an empty value in '1, ,2'"},
        {{" =1,2", NULL}, "expected key=v1,v2"},
        {{"tau=1,1", NULL}, "listed twice"},
        {{"follower_lr=1e-4,0.0001", NULL}, "values 1e-4 and 0.0001 are one value"},
        {{"batch_size=32,64,3.2e1", NULL}, "values 32 and 3.2e1 are one value"},
        {{"lr_linear_decay=1,true", NULL}, "values 1 and true are one value"},
        {{"obs_bits=off,no", NULL}, "values off and no are one value"},
        {{"seed=0,100", NULL}, "set seed and num_seeds in the base settings"},
        {{"num_seeds=1,2", NULL}, "set seed and num_seeds in the base settings"},
        {{"tau=1,a b", NULL}, "space"},
        {{"tau=1,0.5#x", NULL}, "value '0.5#x' holds a space, a control character, '#' or ';'"},
        {{"tau=1;2", NULL}, "value '1;2' holds"},
        {{"tau=1", "tau=0.5"}, "given twice"},
        {{"env=1,2", NULL}, "--env and by --grid"},
        {{"tau=1,2", NULL}, "point p001 (tau=2)"},
        {{"follower_loss=msbe,mse", NULL}, "point p001 (follower_loss=mse)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *specs[3] = {bad[i].spec[0], bad[i].spec[1], NULL};
        err[0] = 0;
        int rc = plan(specs, err, sizeof err);
        CHECK(rc == -1 && strstr(err, bad[i].why), "%s: refused with '%s', got %d '%s'", bad[i].spec[0], bad[i].why, rc, err);
        CHECK(flag_free(err), "%s: a flag in the library's message '%s'", bad[i].spec[0], err);
    }
    {   /* too many points, and no grid at all */
        base_sweep(&s);
        const char *big = "num_envs=1,2,3,4,5,6,7,8,9,10";
        for (int i = 0; i < 4; i++) {
            char spec[200];
            snprintf(spec, sizeof spec, "%s", i == 0 ? big : i == 1 ? "batch_size=1,2,3,4,5,6,7,8,9,10" : i == 2 ? "buffer_size=100,200,300,400,500,600,700,800,900,1000" : "learning_starts=1,2,3,4,5,6,7,8,9,10,11");
            CHECK(sweep_add_axis(&s, spec, err, sizeof err) == 0, "axis %d: %s", i, err);
        }
        CHECK(sweep_check(&s, err, sizeof err) == -1 && strstr(err, "more than 10000 points"), "11000 points refused: %s", err);
        base_sweep(&s);
        CHECK(sweep_check(&s, err, sizeof err) == -1 && strstr(err, "at least one grid axis"), "no grid refused: %s", err);
    }

    /* the manifest, written and read back */
    CHECK(plan(g1, err, sizeof err) == 0, "%s", err);
    provenance_here(&s.prov);
    CHECK(sweep_write(&s, err, sizeof err) == 0, "sweep.ini written: %s", err);
    CHECK(sweep_write(&s, err, sizeof err) == -1 && strstr(err, "already holds a sweep"), "a second plan into the folder refused: %s", err);
    CHECK(sweep_load(&back, s.dir, err, sizeof err) == 0, "sweep.ini read: %s", err);
    int same = back.n_points == s.n_points && back.n_axes == s.n_axes && back.n_algos == s.n_algos && back.base.n == s.base.n &&
               !strcmp(back.dir, s.dir) && !provenance_differs(&back.prov, &s.prov);
    for (int i = 0; same && i < s.n_axes; i++) {
        same &= !strcmp(back.axis[i].key, s.axis[i].key) && back.axis[i].n == s.axis[i].n;
        for (int j = 0; same && j < s.axis[i].n; j++) same &= !strcmp(back.axis[i].val[j], s.axis[i].val[j]);
    }
    for (int i = 0; same && i < s.base.n; i++) same &= !strcmp(back.base.key[i], s.base.key[i]) && !strcmp(back.base.val[i], s.base.val[i]);
    for (int k = 0; same && k < s.n_algos; k++) same &= !strcmp(back.algos[k], s.algos[k]);
    CHECK(same, "the sweep read back equals the one written");
    CHECK(sweep_load(&back, dir, err, sizeof err) == -1 && strstr(err, "is not a sweep"), "a folder without sweep.ini: %s", err);
    CHECK(read_text(GOOD, err, sizeof err) == 0 && back.n_points == 2, "a minimal manifest reads: %s", err);
    /* a sweep planned before seeds and one number written twice were refused still opens (its points, finished
     * over days, stay readable); planning them now is refused */
    CHECK(read_text("[sweep]\ncommand = sweep\nalgos = dqn\npoints = 2\n[grid]\nseed = 0,100\n[base]\nenv = CartPole-v1\n", err,
                    sizeof err) == 0 && back.n_points == 2, "an older manifest with a seed axis reads: %s", err);
    CHECK(read_text("[sweep]\ncommand = sweep\nalgos = dqn\npoints = 2\n[grid]\nleader_lr = 1e-4,0.0001\n[base]\nenv = CartPole-v1\n",
                    err, sizeof err) == 0 && back.n_points == 2, "an older manifest with one number twice reads: %s", err);

    /* damaged manifests: refused with the file, the line and the reason */
    struct { const char *from, *to, *why; } dmg[] = {
        {"points = 2", "points = 3", "points does not match"},
        {"points = 2", "points = x", "points is not a count"},
        {"algos = dqn", "algos = dqn,foo", "unknown algorithm"},
        {"algos = dqn", "algos = dqn,dqn", "twice"},
        {"command = sweep", "command = train", "command is not sweep"},
        {"command = sweep\n", "", "missing"},
        {"[grid]", "[gird]", "unknown section"},
        {"tau = 1,0.5", "tau = 1,5", "p001 (tau=5)"},
        {"tau = 1,0.5", "tau 1,0.5", "expected key = value"},
        {"env = CartPole-v1", "envx = CartPole-v1", "unknown setting in [base]"},
        {"[sweep]\n", "", "outside a section"},
    };
    for (size_t i = 0; i < sizeof dmg / sizeof *dmg; i++) {
        char text[600];
        const char *at = strstr(GOOD, dmg[i].from);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - GOOD), GOOD, dmg[i].to, at + strlen(dmg[i].from));
        err[0] = 0;
        int rc = read_text(text, err, sizeof err);
        CHECK(rc == -1 && strstr(err, dmg[i].why) && strstr(err, "t.ini"), "'%s' -> '%s': wanted '%s', got %d '%s'", dmg[i].from, dmg[i].to, dmg[i].why, rc, err);
    }
    CHECK(read_text(GOOD, err, sizeof err) == 0, "%s", err);
    {   /* the line is named where one is to blame */
        char text[600];
        snprintf(text, sizeof text, "%s", GOOD);
        *strstr(text, "points = 2") = 0;
        strcat(text, "points = 3\n[grid]\ntau = 1,0.5\n");
        CHECK(read_text(text, err, sizeof err) == -1 && strstr(err, "t.ini:4: points does not match"), "the points line named: %s", err);
    }
    {
        static char longline[3000];
        snprintf(longline, sizeof longline, "%s# %02000d\n", GOOD, 0);
        CHECK(read_text(longline, err, sizeof err) == -1 && strstr(err, "line too long"), "an over-long line: %s", err);
    }

    /* status follows the point's files */
    CHECK(sweep_point_status(&s, 1) == SWEEP_NOT_STARTED, "nothing there: not started");
    sweep_point_dir(&s, 1, path, sizeof path);
    char f[1600];
    snprintf(f, sizeof f, "mkdir -p %s && touch %s/run.ini", path, path);
    CHECK(system(f) == 0, "made a started point");
    CHECK(sweep_point_status(&s, 1) == SWEEP_STARTED, "run.ini: started");
    snprintf(f, sizeof f, "%s/summary.json", path);
    FILE *sj = fopen(f, "w");
    if (sj) { fputs("{\"env\": \"CartPole-v1\", \"steps\": 1000, \"algos\": {}}\n", sj); fclose(sj); }
    CHECK(sweep_point_status(&s, 1) == SWEEP_DONE && !strcmp(sweep_status_name(SWEEP_DONE), "done"), "summary.json: done");

    /* the lock: a second process is refused and told who holds it; released on unlock */
    int fd = -1;
    char holder[300];
    CHECK(sweep_lock(&s, 2, &fd, holder, sizeof holder, err, sizeof err) == 0, "lock taken: %s", err);
    CHECK(sweep_point_running(&s, 2), "a held lock is seen (and the look does not drop it: the child below checks)");
    int status = -1;
    pid_t child = fork();
    if (child == 0) {
        int cfd;
        char h[300], e[200];
        int r = sweep_lock(&s, 2, &cfd, h, sizeof h, e, sizeof e);
        char want[64];
        snprintf(want, sizeof want, "pid %ld on ", (long)getppid());
        if (r != 1 || !strstr(h, want)) { fprintf(stderr, "child: lock %d, holder '%s'\n", r, h); _exit(1); }
        if (!sweep_point_running(&s, 2)) { fprintf(stderr, "child: p002 not seen running\n"); _exit(1); }
        _exit(sweep_lock(&s, 3, &cfd, h, sizeof h, e, sizeof e) == 0 ? 0 : 1);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "another process: refused with our pid, sees it running, takes another point");
    sweep_unlock(fd);
    child = fork();
    if (child == 0) {
        int cfd;
        char h[300], e[200];
        _exit(sweep_lock(&s, 2, &cfd, h, sizeof h, e, sizeof e) == 0 ? 0 : 1);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "after unlock another process takes the point");

    /* sweep.csv: a header naming the axes, one row per point and algorithm, statuses */
    CHECK(sweep_write_csv(&s, err, sizeof err) == 0, "sweep.csv written: %s", err);
    snprintf(f, sizeof f, "%s/sweep.csv", s.dir);
    FILE *csv = fopen(f, "r");
    char line[400];
    int rows = 0, header = 0, started = 0;
    while (csv && fgets(line, sizeof line, csv)) {
        static const char head[] = "point,status,follower_lr,tau,algo,seeds,seeds_ok,final_mean,";
        if (rows == 0) header = !strncmp(line, head, strlen(head));
        if (!strncmp(line, "p001,done,1e-4,0.5,scorer-dqn,", 30)) started++;
        rows++;
    }
    if (csv) fclose(csv);
    CHECK(header && rows == 1 + 6 * 2 && started == 1, "sweep.csv: header %d, %d rows, p001 row %d", header, rows, started);
    /* a finished point whose summary.json cannot be read is "damaged" there, never "done" */
    sweep_point_dir(&s, 1, path, sizeof path);
    snprintf(f, sizeof f, "%s/summary.json", path);
    fclose(fopen(f, "w"));
    CHECK(sweep_write_csv(&s, err, sizeof err) == 0, "sweep.csv written again: %s", err);
    snprintf(f, sizeof f, "%s/sweep.csv", s.dir);
    csv = fopen(f, "r");
    int damaged = 0, done = 0;
    while (csv && fgets(line, sizeof line, csv)) {
        damaged += !strncmp(line, "p001,damaged,", 13);
        done += !strncmp(line, "p001,done,", 10);
    }
    if (csv) fclose(csv);
    CHECK(damaged == 2 && done == 0, "an empty summary.json: p001 damaged in both rows (%d), done in none (%d)", damaged, done);

    snprintf(f, sizeof f, "rm -rf %s", dir);
    if (system(f) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return check_done("test_sweep");
}
