/* test_settings.c - what sets a run apart from others: differing, absent and ignored settings, the
 * three-setting cut, unreadable runs, and reading a config.ini. */
#include "scorer/settings.h"
#include "check.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void expect(const char *mine, const char *const *others, int n, const char *want, int want_n) {
    char out[300];
    const int got = settings_apart(mine, others, n, out, sizeof out);
    CHECK(got == want_n && !strcmp(out, want), "got %d '%s', want %d '%s'", got, out, want_n, want);
}

int main(void) {
    const char *a = "env=CartPole-v1\nseed=0\nfinal_l1norm=0\nout=/tmp/a\nthreads=1\n";
    const char *b = "env=CartPole-v1\nseed=0\nfinal_l1norm=1\nout=/tmp/b\nthreads=2\n";
    const char *c = "env=CartPole-v1\nseed=10\nfinal_l1norm=0\n";
    expect(a, (const char *[]){b}, 1, "final_l1norm=0", 1);          /* out and threads do not count */
    expect(a, (const char *[]){b, c}, 2, "seed=0, final_l1norm=0", 2); /* differs from either */
    expect(a, (const char *[]){a}, 1, "", 0);                          /* alike */
    expect(a, (const char *[]){NULL}, 1, "", 0);                       /* unreadable: no say */
    expect(a, (const char *[]){NULL, b}, 2, "final_l1norm=0", 1);
    expect(a, NULL, 0, "", 0);                                         /* nobody to differ from */
    expect(c, (const char *[]){"env=CartPole-v1\n"}, 1, "seed=10, final_l1norm=0", 2); /* absent there */
    expect("a=1\nb=2\nc=3\nd=4\ne=5\n", (const char *[]){"a=0\nb=0\nc=0\nd=0\ne=0\n"}, 1, "a=1, b=2, c=3, ...", 5);
    /* float settings as config.ini writes them (%.9g) are shown in their shortest exact form; doubles
     * (more digits), whole numbers and text as written */
    expect("follower_lr=9.99999975e-05\ngamma=0.99000001\n", (const char *[]){"follower_lr=0.000300000014\ngamma=0.5\n"}, 1,
           "follower_lr=0.0001, gamma=0.99", 2);
    expect("x=0.10000000000000001\nn=100000\nenv=1e5x\n", (const char *[]){"x=0.2\nn=7\nenv=y\n"}, 1,
           "x=0.10000000000000001, n=100000, env=1e5x", 3);
    /* every float setting, whatever its leading zeros (0.000300000014 has 13 digits but is 3e-4 as a
     * float); a double setting (sticky_prob) in the fewest digits that read back to the same double */
    expect("leader_lr=0.000300000014\nsticky_prob=0.10000000000000001\nreward_scale=0.100000001\n",
           (const char *[]){"leader_lr=9.99999975e-05\nsticky_prob=-1\nreward_scale=1\n"}, 1,
           "leader_lr=0.0003, sticky_prob=0.1, reward_scale=0.1", 3);
    expect("eps_end=1.00000001e-07\n", (const char *[]){"eps_end=0.5\n"}, 1, "eps_end=1e-07", 1);
    /* the seed count is shown beside every label ("(2 seeds)"): not a setting apart; the first seed is */
    expect("seed=0\nnum_seeds=2\ngamma=0.5\n", (const char *[]){"seed=0\nnum_seeds=1\ngamma=0.99000001\n"}, 1, "gamma=0.5", 1);
    expect("seed=3\nnum_seeds=2\n", (const char *[]){"seed=0\nnum_seeds=1\n"}, 1, "seed=3", 1);
    char longv[200] = "k=";
    memset(longv + 2, 'v', 100);
    strcpy(longv + 102, "\n");
    char out[300];
    settings_apart(longv, (const char *[]){"k=0\n"}, 1, out, sizeof out);
    CHECK(strlen(out) == 2 + 40, "a value is cut at 40 characters: '%s'", out);
    char small[8];
    settings_apart(a, (const char *[]){b}, 1, small, sizeof small);
    CHECK(strlen(small) < sizeof small, "a small buffer is never overrun ('%s')", small);

    /* settings_read: a config.ini as written by a run; NULL when missing or holding an unknown key */
    char dir[] = "/tmp/scorer-settings-XXXXXX", path[64];
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    snprintf(path, sizeof path, "%s/config.ini", dir);
    CHECK(settings_read(dir) == NULL, "no config.ini: NULL");
    FILE *f = fopen(path, "w");
    fputs("# comment\n[run]\nenv = CartPole-v1\nseed = 3\n[learner]\nfinal_l1norm = 1\n", f);
    fclose(f);
    char *t = settings_read(dir);
    CHECK(t && !strcmp(t, "env=CartPole-v1\nseed=3\nfinal_l1norm=1\n"), "read: '%s'", t ? t : "(null)");
    free(t);
    /* the keys the run's algorithm ignores are left out: dqn has no follower (nor leader_lr: one rate, lr) */
    f = fopen(path, "w");
    fputs("algo = dqn\nfollower_lr = 0.001\nleader_lr = 0.002\nlr = 0.003\nfinal_l1norm = 1\nlambda = 0.5\n", f);
    fclose(f);
    t = settings_read(dir);
    CHECK(t && !strcmp(t, "algo=dqn\nlr=0.003\nfinal_l1norm=1\n"), "dqn's read: '%s'", t ? t : "(null)");
    free(t);
    f = fopen(path, "w"); /* the same settings for scorer-pqn: its own keys kept */
    fputs("algo = scorer-pqn\nfollower_lr = 0.001\nleader_lr = 0.002\nlr = 0.003\nfinal_l1norm = 1\nlambda = 0.5\n", f);
    fclose(f);
    t = settings_read(dir);
    /* optimizer came later: a PQN run's file without it ran with adam, and reads as a newer run's that names it */
    CHECK(t && !strcmp(t, "algo=scorer-pqn\nfollower_lr=0.001\nleader_lr=0.002\nlambda=0.5\noptimizer=adam\n"),
          "scorer-pqn's read: '%s'", t ? t : "(null)");
    free(t);
    f = fopen(path, "w");
    fputs("algo = pqn\noptimizer = radam\n", f);
    fclose(f);
    t = settings_read(dir);
    CHECK(t && !strcmp(t, "algo=pqn\noptimizer=radam\n"), "a named optimizer is read once: '%s'", t ? t : "(null)");
    free(t);
    f = fopen(path, "a");
    fputs("algo = dqn\n", f); /* a key given twice: refused, as everywhere (the last won unseen) */
    fclose(f);
    CHECK(settings_read(dir) == NULL, "a key given twice: NULL");
    f = fopen(path, "w");
    fputs("algo = dqn\nfuture_key = 1\n", f);
    fclose(f);
    CHECK(settings_read(dir) == NULL, "an unknown key: NULL");
    unlink(path);
    rmdir(dir);
    return check_done("test_settings");
}
