/* test_suggest.c - "did you mean ...?": which mistypings get which name, and when none is offered. */
#include "scorer/suggest.h"
#include "check.h"
#include <string.h>

static const char *const ENVS[] = {"CartPole-v1", "Acrobot-v1", "MountainCar-v0", "Breakout-MinAtar", "Asterix-MinAtar"};
static const char *const ALGOS[] = {"dqn", "ddqn", "dueling-dqn", "dueling-ddqn", "scorer-dqn", "scorer-ddqn"};
enum { NE = (int)(sizeof ENVS / sizeof *ENVS), NA = (int)(sizeof ALGOS / sizeof *ALGOS) };

/* suggest_closest(word) among cands is want (NULL: no suggestion) */
static void expect(const char *word, const char *const *cands, int n, const char *want) {
    const char *got = suggest_closest(word, cands, n);
    CHECK(want ? got && !strcmp(got, want) : !got, "'%s': got %s, want %s", word, got ? got : "none", want ? want : "none");
}

int main(void) {
    expect("cartpole-v1", ENVS, NE, "CartPole-v1");     /* letter case only */
    expect("CARTPOLE-V1", ENVS, NE, "CartPole-v1");
    expect("Breakout", ENVS, NE, "Breakout-MinAtar");   /* the only name it starts */
    expect("mountaincar", ENVS, NE, "MountainCar-v0");
    expect("CartPole-v0", ENVS, NE, "CartPole-v1");     /* one letter replaced */
    expect("Acrobt-v1", ENVS, NE, "Acrobot-v1");        /* one dropped */
    expect("Pong-v9", ENVS, NE, NULL);                  /* nothing near */
    expect("scoer-dqn", ALGOS, NA, "scorer-dqn");
    expect("dnq", ALGOS, NA, "dqn");                    /* two neighbours swapped: distance 1 */
    expect("scorer-dqnn", ALGOS, NA, "scorer-dqn");
    expect("scorer", ALGOS, NA, NULL);                  /* starts two names: ambiguous */
    expect("dueling", ALGOS, NA, NULL);
    expect("dq", ALGOS, NA, "dqn");                     /* too short to count as a prefix, but 1 away */
    expect("d", ALGOS, NA, NULL);                       /* 2 away from the nearest, and 1 letter long */
    expect("dqm", ALGOS, NA, "dqn");
    expect("ddqm", ALGOS, NA, "ddqn");                  /* 1 from ddqn, 2 from dqn */
    expect("dgqn", ALGOS, NA, NULL);                    /* 1 from dqn and from ddqn: a tie gives nothing */
    expect("xyzw", ALGOS, NA, NULL);                    /* short words: within 1 only */
    expect("scorerdqn", ALGOS, NA, "scorer-dqn");
    expect("", ALGOS, NA, NULL);
    expect("dqn", ALGOS, 0, NULL);                      /* no candidates */
    /* the bound per length: 5-8 letters within 2, longer within 3 */
    static const char *const K[] = {"follower_lr", "gamma", "batch_size"};
    expect("gmma", K, 3, "gamma");
    expect("gaaa", K, 3, NULL);                         /* 2 away, 4 letters */
    expect("gxmmx", K, 3, "gamma");                     /* 2 away, 5 letters */
    expect("folowr_lr", K, 3, "follower_lr");           /* 2 away */
    expect("fxllowxr_xr", K, 3, "follower_lr");         /* 3 away, 11 letters */
    expect("fxllxwxr_xr", K, 3, NULL);                  /* 4 away */
    char long_word[200];
    memset(long_word, 'a', sizeof long_word - 1);
    long_word[sizeof long_word - 1] = 0;
    expect(long_word, K, 3, NULL);                      /* too long to compare */
    char buf[64];
    CHECK(!strcmp(suggest_hint(buf, sizeof buf, "gama", K, 3), "did you mean gamma? "), "hint text: '%s'", buf);
    CHECK(!strcmp(suggest_hint(buf, sizeof buf, "zzzz", K, 3), ""), "no hint: '%s'", buf);
    return check_done("test_suggest");
}
